//! The demo's inserts, all in the one transaction that fills an empty
//! database. Moments arrive as the text the schema stores (`now`), since the
//! demo writes one moment everywhere.

use crate::db::{self, At};
use crate::error::AppResult;
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};

type Tx = db::Tx;

pub async fn account_count(db: &crate::db::Db) -> AppResult<i64> {
    Ok(db::query_scalar("SELECT COUNT(*) FROM accounts")
        .fetch_one(db.reader())
        .await?)
}

pub async fn provider(tx: &mut Tx, name: &str, now: At) -> AppResult<i64> {
    Ok(
        db::query_scalar("INSERT INTO providers (name, created_at) VALUES ($1, $2) RETURNING id")
            .bind(name)
            .bind(now)
            .fetch_one(&mut **tx)
            .await?,
    )
}

pub struct Person<'a> {
    pub first_name: &'a str,
    pub last_name: &'a str,
    pub birth_date: NaiveDate,
    pub address: &'a str,
    pub phone: &'a str,
}

pub async fn care_page(tx: &mut Tx, person: &Person<'_>, now: At) -> AppResult<i64> {
    Ok(db::query_scalar(
        "INSERT INTO care_pages (first_name, last_name, birth_date, address, phone, created_at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(person.first_name)
    .bind(person.last_name)
    .bind(person.birth_date)
    .bind(person.address)
    .bind(person.phone)
    .bind(now)
    .fetch_one(&mut **tx)
    .await?)
}

pub struct NewAccount<'a> {
    pub email: &'a str,
    pub first_name: &'a str,
    pub last_name: &'a str,
    pub password_hash: &'a str,
    /// With `staff_role`: staff of this organisation.
    pub provider_id: Option<i64>,
    pub staff_role: Option<&'a str>,
}

pub async fn account(tx: &mut Tx, account: &NewAccount<'_>, now: At) -> AppResult<i64> {
    Ok(db::query_scalar(
        "INSERT INTO accounts (email, first_name, last_name, password_hash, provider_id, staff_role, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(account.email)
    .bind(account.first_name)
    .bind(account.last_name)
    .bind(account.password_hash)
    .bind(account.provider_id)
    .bind(account.staff_role)
    .bind(now)
    .fetch_one(&mut **tx)
    .await?)
}

pub async fn mobile(tx: &mut Tx, account_id: i64, mobile: &str) -> AppResult<()> {
    db::query("UPDATE accounts SET mobile = $1 WHERE id = $2")
        .bind(mobile)
        .bind(account_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

pub async fn member(
    tx: &mut Tx,
    page_id: i64,
    account_id: i64,
    role: &str,
    now: At,
) -> AppResult<()> {
    db::query(
        "INSERT INTO members (care_page_id, account_id, role, joined_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(page_id)
    .bind(account_id)
    .bind(role)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub async fn provider_link(tx: &mut Tx, page_id: i64, provider_id: i64, now: At) -> AppResult<()> {
    db::query(
        "INSERT INTO provider_links (care_page_id, provider_id, linked_at) VALUES ($1, $2, $3)",
    )
    .bind(page_id)
    .bind(provider_id)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub struct Visit<'a> {
    pub page_id: i64,
    pub provider_id: i64,
    pub title: &'a str,
    /// Amsterdam wall-clock time.
    pub starts_at: NaiveDateTime,
    pub minutes: i64,
    pub employee_name: &'a str,
}

pub async fn visit(tx: &mut Tx, visit: &Visit<'_>) -> AppResult<()> {
    db::query(
        "INSERT INTO visits (care_page_id, provider_id, title, starts_at, duration_minutes, employee_name)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(visit.page_id)
    .bind(visit.provider_id)
    .bind(visit.title)
    .bind(visit.starts_at)
    .bind(visit.minutes)
    .bind(visit.employee_name)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// A thread begun by `started_by`; with `provider_id`, one with that
/// organisation's staff.
pub async fn thread(
    tx: &mut Tx,
    page_id: i64,
    provider_id: Option<i64>,
    subject: &str,
    started_by: i64,
    now: At,
) -> AppResult<i64> {
    Ok(db::query_scalar(
        "INSERT INTO threads (care_page_id, provider_id, subject, started_by, created_at, last_message_at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(page_id)
    .bind(provider_id)
    .bind(subject)
    .bind(started_by)
    .bind(now)
    .bind(now)
    .fetch_one(&mut **tx)
    .await?)
}

pub async fn message(
    tx: &mut Tx,
    thread_id: i64,
    author_id: i64,
    provider_id: Option<i64>,
    body: &str,
    now: At,
) -> AppResult<()> {
    db::query(
        "INSERT INTO messages (thread_id, author_id, provider_id, body, created_at, care_page_id)
         VALUES ($1, $2, $3, $4, $5, (SELECT care_page_id FROM threads WHERE id = $1))",
    )
    .bind(thread_id)
    .bind(author_id)
    .bind(provider_id)
    .bind(body)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub async fn location(tx: &mut Tx, provider_id: i64, name: &str) -> AppResult<i64> {
    Ok(
        db::query_scalar("INSERT INTO locations (provider_id, name) VALUES ($1, $2) RETURNING id")
            .bind(provider_id)
            .bind(name)
            .fetch_one(&mut **tx)
            .await?,
    )
}

/// Places every staff member of the organisation at the location.
pub async fn all_staff_at(tx: &mut Tx, provider_id: i64, location_id: i64) -> AppResult<()> {
    db::query(
        "INSERT INTO staff_locations (account_id, location_id)
         SELECT id, $1 FROM accounts WHERE provider_id = $2",
    )
    .bind(location_id)
    .bind(provider_id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub struct Client<'a> {
    pub provider_id: i64,
    pub location_id: Option<i64>,
    pub first_name: &'a str,
    pub last_name: &'a str,
    pub birth_date: NaiveDate,
    /// Linked to this page.
    pub care_page_id: Option<i64>,
    /// An activation code's hash and when it expires.
    pub code: Option<(&'a [u8], DateTime<Utc>)>,
}

pub async fn client(tx: &mut Tx, client: &Client<'_>, now: At) -> AppResult<()> {
    db::query(
        "INSERT INTO clients (provider_id, location_id, first_name, last_name, birth_date, created_at,
             care_page_id, linked_at, code_hash, code_expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(client.provider_id)
    .bind(client.location_id)
    .bind(client.first_name)
    .bind(client.last_name)
    .bind(client.birth_date)
    .bind(now)
    .bind(client.care_page_id)
    .bind(client.care_page_id.map(|_| now))
    .bind(client.code.map(|(hash, _)| hash))
    .bind(client.code.map(|(_, expires)| expires))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub async fn api_token(
    tx: &mut Tx,
    provider_id: i64,
    name: &str,
    token_hash: &[u8],
    scopes: &str,
    now: At,
) -> AppResult<()> {
    db::query(
        "INSERT INTO api_tokens (provider_id, name, token_hash, scopes, created_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(provider_id)
    .bind(name)
    .bind(token_hash)
    .bind(scopes)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub struct Note<'a> {
    pub page_id: i64,
    pub author_id: i64,
    pub title: &'a str,
    pub body: &'a str,
    pub phone: &'a str,
    pub address: &'a str,
    pub pinned: bool,
}

pub async fn note(tx: &mut Tx, note: &Note<'_>, now: At) -> AppResult<()> {
    db::query(
        "INSERT INTO notes (care_page_id, author_id, title, body, phone, address, pinned, changed_by, changed_at, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $2, $8, $8)",
    )
    .bind(note.page_id)
    .bind(note.author_id)
    .bind(note.title)
    .bind(note.body)
    .bind(note.phone)
    .bind(note.address)
    .bind(note.pinned)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub async fn story_chapter(
    tx: &mut Tx,
    page_id: i64,
    chapter: &str,
    body: &str,
    written_by: i64,
    now: At,
) -> AppResult<()> {
    db::query(
        "INSERT INTO life_story_versions (care_page_id, chapter, body, written_by, written_at)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(page_id)
    .bind(chapter)
    .bind(body)
    .bind(written_by)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub struct Medicine<'a> {
    pub page_id: i64,
    pub name: &'a str,
    pub strength: &'a str,
    pub dose: &'a str,
    pub times: &'a str,
    pub with_food: &'a str,
    pub prescribed_by: &'a str,
    pub started_on: NaiveDate,
    pub stopped_on: Option<NaiveDate>,
    pub notes: &'a str,
    pub changed_by: i64,
    pub changed_by_name: &'a str,
}

pub async fn medicine(tx: &mut Tx, medicine: &Medicine<'_>, now: At) -> AppResult<()> {
    db::query(
        "INSERT INTO medicines (care_page_id, name, strength, dose, times, with_food, prescribed_by,
             started_on, stopped_on, notes, changed_by, changed_by_name, changed_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
    )
    .bind(medicine.page_id)
    .bind(medicine.name)
    .bind(medicine.strength)
    .bind(medicine.dose)
    .bind(medicine.times)
    .bind(medicine.with_food)
    .bind(medicine.prescribed_by)
    .bind(medicine.started_on)
    .bind(medicine.stopped_on)
    .bind(medicine.notes)
    .bind(medicine.changed_by)
    .bind(medicine.changed_by_name)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub async fn page_photo(tx: &mut Tx, page_id: i64, bytes: &[u8], now: At) -> AppResult<()> {
    db::query(
        "INSERT INTO page_photos (care_page_id, content_type, bytes, updated_at)
         VALUES ($1, 'image/png', $2, $3)",
    )
    .bind(page_id)
    .bind(bytes)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}
