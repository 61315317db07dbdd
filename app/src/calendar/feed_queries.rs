//! The statements behind the private calendar feeds (`calendar_feeds`): one
//! secret per member and page, kept only as its hash.

use crate::db;
use crate::db::Db;
use crate::error::AppResult;
use chrono::{DateTime, Utc};

pub async fn exists(db: &Db, page_id: i64, account_id: i64) -> AppResult<bool> {
    let found: Option<bool> = db::query_scalar(
        "SELECT TRUE FROM calendar_feeds WHERE care_page_id = $1 AND account_id = $2",
    )
    .bind(page_id)
    .bind(account_id)
    .fetch_optional(db.reader())
    .await?;
    Ok(found.is_some())
}

/// Replaces the member's feed of the page with one behind `token_hash`.
pub async fn replace(
    db: &Db,
    page_id: i64,
    account_id: i64,
    token_hash: &[u8],
    now: DateTime<Utc>,
) -> AppResult<()> {
    let mut tx = db.begin().await?;
    db::query("DELETE FROM calendar_feeds WHERE care_page_id = $1 AND account_id = $2")
        .bind(page_id)
        .bind(account_id)
        .execute(&mut *tx)
        .await?;
    db::query(
        "INSERT INTO calendar_feeds (token_hash, care_page_id, account_id, created_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(token_hash)
    .bind(page_id)
    .bind(account_id)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn delete(db: &Db, page_id: i64, account_id: i64) -> AppResult<()> {
    db::query("DELETE FROM calendar_feeds WHERE care_page_id = $1 AND account_id = $2")
        .bind(page_id)
        .bind(account_id)
        .execute(db.writer())
        .await?;
    Ok(())
}

/// Whose feed of which page a token opens.
#[derive(sqlx::FromRow)]
pub struct FeedOwner {
    pub care_page_id: i64,
    pub account_id: i64,
}

pub async fn owner(db: &Db, token_hash: &[u8]) -> AppResult<Option<FeedOwner>> {
    Ok(
        db::query_as("SELECT care_page_id, account_id FROM calendar_feeds WHERE token_hash = $1")
            .bind(token_hash)
            .fetch_optional(db.reader())
            .await?,
    )
}
