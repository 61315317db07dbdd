//! The statements behind the organisation's API tokens (`api_tokens`).
//! Tokens arrive hashed; scopes are stored as one space-separated text.

use crate::db;
use crate::db::Db;
use crate::error::AppResult;
use chrono::{DateTime, Utc};

#[derive(sqlx::FromRow)]
pub struct StoredToken {
    pub id: i64,
    pub name: String,
    pub scopes: String,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub last_used_at: Option<chrono::DateTime<chrono::Utc>>,
}

/// The organisation's tokens that are not revoked, newest first.
pub async fn live_tokens(db: &Db, provider_id: i64) -> AppResult<Vec<StoredToken>> {
    Ok(db::query_as(
        "SELECT id, name, scopes, created_at, last_used_at FROM api_tokens
         WHERE provider_id = $1 AND revoked_at IS NULL ORDER BY created_at DESC",
    )
    .bind(provider_id)
    .fetch_all(db.reader())
    .await?)
}

pub async fn live_count(db: &Db, provider_id: i64) -> AppResult<i64> {
    Ok(db::query_scalar(
        "SELECT COUNT(*) FROM api_tokens WHERE provider_id = $1 AND revoked_at IS NULL",
    )
    .bind(provider_id)
    .fetch_one(db.reader())
    .await?)
}

pub struct NewToken<'a> {
    pub provider_id: i64,
    pub name: &'a str,
    pub token_hash: &'a [u8],
    pub scopes: &'a str,
    pub created_by: i64,
}

pub async fn create(db: &Db, token: &NewToken<'_>, now: DateTime<Utc>) -> AppResult<()> {
    db::query(
        "INSERT INTO api_tokens (provider_id, name, token_hash, scopes, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(token.provider_id)
    .bind(token.name)
    .bind(token.token_hash)
    .bind(token.scopes)
    .bind(token.created_by)
    .bind(now)
    .execute(db.writer())
    .await?;
    Ok(())
}

/// Revokes the organisation's live token; `false` when there is none.
pub async fn revoke(
    db: &Db,
    provider_id: i64,
    token_id: i64,
    now: DateTime<Utc>,
) -> AppResult<bool> {
    let revoked = db::query(
        "UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND provider_id = $3 AND revoked_at IS NULL",
    )
    .bind(now)
    .bind(token_id)
    .bind(provider_id)
    .execute(db.writer())
    .await?;
    Ok(revoked.rows_affected() == 1)
}

/// A live token as a request presents it, with its organisation's name.
#[derive(sqlx::FromRow)]
pub struct LiveToken {
    pub id: i64,
    pub name: String,
    pub provider_id: i64,
    pub organisation: String,
    pub scopes: String,
    pub last_used_at: Option<chrono::DateTime<chrono::Utc>>,
}

pub async fn live_by_hash(db: &Db, token_hash: &[u8]) -> AppResult<Option<LiveToken>> {
    Ok(db::query_as(
        "SELECT t.id, t.name, t.provider_id, p.name AS organisation, t.scopes, t.last_used_at
         FROM api_tokens t JOIN providers p ON p.id = t.provider_id
         WHERE t.token_hash = $1 AND t.revoked_at IS NULL",
    )
    .bind(token_hash)
    .fetch_optional(db.reader())
    .await?)
}

pub async fn mark_used(db: &Db, token_id: i64, now: DateTime<Utc>) -> AppResult<()> {
    db::query("UPDATE api_tokens SET last_used_at = $1 WHERE id = $2")
        .bind(now)
        .bind(token_id)
        .execute(db.writer())
        .await?;
    Ok(())
}
