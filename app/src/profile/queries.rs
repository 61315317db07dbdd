//! Database queries of the person's profile (server only).

use crate::db;
use crate::db::{At, Db};
use crate::error::AppResult;
use crate::history::{record, HistoryEvent};
use chrono::NaiveDate;

pub struct ProfileRow {
    pub first_name: String,
    pub last_name: String,
    pub birth_date: NaiveDate,
    pub address: String,
    pub phone: String,
    pub photo_version: Option<String>,
}

pub async fn profile(db: &Db, page_id: i64) -> AppResult<Option<ProfileRow>> {
    #[derive(sqlx::FromRow)]
    struct Row {
        first_name: String,
        last_name: String,
        birth_date: NaiveDate,
        address: String,
        phone: String,
        photo_at: Option<chrono::DateTime<chrono::Utc>>,
    }
    let row: Option<Row> = db::query_as(
        "SELECT p.first_name, p.last_name, p.birth_date, p.address, p.phone, f.updated_at AS photo_at
         FROM care_pages p LEFT JOIN page_photos f ON f.care_page_id = p.id
         WHERE p.id = $1",
    )
    .bind(page_id)
    .fetch_optional(db.reader())
    .await?;
    Ok(row.map(|row| ProfileRow {
        first_name: row.first_name,
        last_name: row.last_name,
        birth_date: row.birth_date,
        address: row.address,
        phone: row.phone,
        // A version for the photo's address: its time as a number.
        photo_version: row.photo_at.map(|at| at.format("%Y%m%d%H%M%S").to_string()),
    }))
}

pub struct PersonDetails<'a> {
    pub first_name: &'a str,
    pub last_name: &'a str,
    pub birth_date: NaiveDate,
    pub address: &'a str,
    pub phone: &'a str,
}

pub async fn update(db: &Db, page_id: i64, details: PersonDetails<'_>, by: i64) -> AppResult<()> {
    let mut tx = db.begin().await?;
    db::query(
        "UPDATE care_pages SET first_name = $1, last_name = $2, birth_date = $3, address = $4, phone = $5
         WHERE id = $6",
    )
    .bind(details.first_name)
    .bind(details.last_name)
    .bind(details.birth_date)
    .bind(details.address)
    .bind(details.phone)
    .bind(page_id)
    .execute(&mut *tx)
    .await?;
    record(&mut tx, page_id, by, &HistoryEvent::DetailsChanged).await?;
    tx.commit().await?;
    Ok(())
}

pub async fn save_photo(
    db: &Db,
    page_id: i64,
    content_type: &str,
    bytes: &[u8],
    by: i64,
) -> AppResult<()> {
    let mut tx = db.begin().await?;
    db::query(
        "INSERT INTO page_photos (care_page_id, content_type, bytes, updated_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (care_page_id) DO UPDATE
         SET content_type = excluded.content_type, bytes = excluded.bytes, updated_at = excluded.updated_at",
    )
    .bind(page_id)
    .bind(content_type)
    .bind(bytes)
    .bind(At::now())
    .execute(&mut *tx)
    .await?;
    record(&mut tx, page_id, by, &HistoryEvent::PhotoChanged).await?;
    tx.commit().await?;
    Ok(())
}

/// An image as stored, with the type it was checked to be.
#[derive(sqlx::FromRow)]
pub struct StoredImage {
    pub content_type: String,
    pub bytes: Vec<u8>,
}

pub async fn photo(db: &Db, page_id: i64) -> AppResult<Option<StoredImage>> {
    Ok(
        db::query_as("SELECT content_type, bytes FROM page_photos WHERE care_page_id = $1")
            .bind(page_id)
            .fetch_optional(db.reader())
            .await?,
    )
}

pub async fn remove_photo(db: &Db, page_id: i64, by: i64) -> AppResult<()> {
    let mut tx = db.begin().await?;
    let removed = db::query("DELETE FROM page_photos WHERE care_page_id = $1")
        .bind(page_id)
        .execute(&mut *tx)
        .await?;
    if removed.rows_affected() > 0 {
        record(&mut tx, page_id, by, &HistoryEvent::PhotoRemoved).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Deletes the page; the database's cascades take every row that belongs to
/// it (members, calendar, invitations, history, photo, …) along.
/// Deletes the page and queues the members' notices, in one transaction.
pub async fn delete_page(
    db: &Db,
    page_id: i64,
    notices: &[crate::outbox::Outgoing],
) -> AppResult<()> {
    let mut tx = db.begin().await?;
    db::query("DELETE FROM care_pages WHERE id = $1")
        .bind(page_id)
        .execute(&mut *tx)
        .await?;
    crate::outbox::queue_all(&mut tx, notices).await?;
    tx.commit().await?;
    Ok(())
}

/// Another member of the page, as a mail to them needs it.
#[derive(sqlx::FromRow)]
pub struct OtherMember {
    pub first_name: String,
    pub email: String,
    pub language: String,
}

pub async fn other_members(db: &Db, page_id: i64, me: i64) -> AppResult<Vec<OtherMember>> {
    Ok(db::query_as(
        "SELECT a.first_name, a.email, a.language FROM members m JOIN accounts a ON a.id = m.account_id
         WHERE m.care_page_id = $1 AND a.id != $2",
    )
    .bind(page_id)
    .bind(me)
    .fetch_all(db.reader())
    .await?)
}
