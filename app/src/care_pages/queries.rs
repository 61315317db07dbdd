//! Database queries of care pages (server only).

use super::PageSummary;
use crate::db;
use crate::db::{At, Db};
use crate::error::AppResult;
use crate::policy::{Actor, Role};
use chrono::NaiveDate;

/// The pages an account belongs to, and for staff the pages linked to their
/// organisation, in the switcher's order.
pub async fn pages_of(db: &Db, account: &crate::accounts::Account) -> AppResult<Vec<PageSummary>> {
    #[derive(sqlx::FromRow)]
    struct Row {
        id: i64,
        first_name: String,
        last_name: String,
        role: Option<Role>,
    }
    let rows: Vec<Row> = db::query_as(
        "SELECT p.id, p.first_name, p.last_name,
                (SELECT role FROM members m WHERE m.care_page_id = p.id AND m.account_id = $1) AS role
         FROM care_pages p
         WHERE p.id IN (SELECT care_page_id FROM members WHERE account_id = $1)
            OR p.id IN (SELECT care_page_id FROM provider_links WHERE provider_id = $2)
         ORDER BY p.first_name, p.last_name, p.id",
    )
    .bind(account.id)
    .bind(account.provider_id)
    .fetch_all(db.reader())
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| PageSummary {
            id: row.id,
            first_name: row.first_name,
            last_name: row.last_name,
            // Not a member: the page is listed because it is linked to the staff's organisation.
            actor: match row.role {
                Some(role) => Actor::Member(role),
                None => Actor::LinkedStaff,
            },
        })
        .collect())
}

/// Creates a page with `admin_id` as its admin, in one transaction.
pub async fn create(
    db: &Db,
    admin_id: i64,
    first_name: &str,
    last_name: &str,
    birth_date: NaiveDate,
) -> AppResult<i64> {
    let mut tx = db.begin().await?;
    let page_id = create_in(&mut tx, admin_id, first_name, last_name, birth_date).await?;
    tx.commit().await?;
    Ok(page_id)
}

/// [`create`] inside a transaction of a larger change (a page made for an
/// organisation's client when its activation code is entered).
pub async fn create_in(
    tx: &mut db::Tx,
    admin_id: i64,
    first_name: &str,
    last_name: &str,
    birth_date: NaiveDate,
) -> AppResult<i64> {
    let now = At::now();
    let administered: i64 =
        db::query_scalar("SELECT COUNT(*) FROM members WHERE account_id = $1 AND role = 'admin'")
            .bind(admin_id)
            .fetch_one(&mut **tx)
            .await?;
    if administered >= super::MAX_PAGES_PER_ACCOUNT {
        return Err(crate::error::AppError::Refused(
            crate::error::Refusal::TooMany {
                what: crate::error::Counted::Pages,
                max: super::MAX_PAGES_PER_ACCOUNT,
            },
        ));
    }
    let page_id: i64 = db::query_scalar(
        "INSERT INTO care_pages (first_name, last_name, birth_date, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(first_name)
    .bind(last_name)
    .bind(birth_date)
    .bind(now)
    .fetch_one(&mut **tx)
    .await?;
    db::query(
        "INSERT INTO members (care_page_id, account_id, role, joined_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(page_id)
    .bind(admin_id)
    .bind(Role::Admin.as_db())
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(page_id)
}

#[derive(sqlx::FromRow)]
pub struct PageRow {
    pub first_name: String,
    pub last_name: String,
    pub birth_date: NaiveDate,
}

pub async fn page(db: &Db, page_id: i64) -> AppResult<Option<PageRow>> {
    Ok(
        db::query_as("SELECT first_name, last_name, birth_date FROM care_pages WHERE id = $1")
            .bind(page_id)
            .fetch_optional(db.reader())
            .await?,
    )
}

pub async fn provider_names(db: &Db, page_id: i64) -> AppResult<Vec<String>> {
    Ok(db::query_scalar(
        "SELECT p.name FROM provider_links l JOIN providers p ON p.id = l.provider_id
         WHERE l.care_page_id = $1 ORDER BY p.name",
    )
    .bind(page_id)
    .fetch_all(db.reader())
    .await?)
}

/// An organisation linked to a page.
#[derive(sqlx::FromRow)]
pub struct LinkedProvider {
    pub id: i64,
    pub name: String,
}

/// The organisations linked to the page, with their ids, by name.
pub async fn linked_providers(db: &Db, page_id: i64) -> AppResult<Vec<LinkedProvider>> {
    Ok(db::query_as(
        "SELECT p.id, p.name FROM provider_links l JOIN providers p ON p.id = l.provider_id
         WHERE l.care_page_id = $1 ORDER BY p.name",
    )
    .bind(page_id)
    .fetch_all(db.reader())
    .await?)
}

/// How many people are on the page (the admin included).
pub async fn member_count(db: &Db, page_id: i64) -> AppResult<i64> {
    Ok(
        db::query_scalar("SELECT COUNT(*) FROM members WHERE care_page_id = $1")
            .bind(page_id)
            .fetch_one(db.reader())
            .await?,
    )
}

/// How many appointments the page has (a series counts once).
pub async fn appointment_count(db: &Db, page_id: i64) -> AppResult<i64> {
    Ok(
        db::query_scalar("SELECT COUNT(*) FROM appointments WHERE care_page_id = $1")
            .bind(page_id)
            .fetch_one(db.reader())
            .await?,
    )
}
