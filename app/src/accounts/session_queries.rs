//! The statements behind sessions and single-use e-mail links (server only).
//! Tokens arrive here already hashed: the database never sees one.

use super::Account;
use crate::db;
use crate::db::Db;
use crate::error::AppResult;
use chrono::{DateTime, Utc};

pub async fn create_session(
    db: &Db,
    token_hash: &[u8],
    account_id: i64,
    now: DateTime<Utc>,
    expires: DateTime<Utc>,
) -> AppResult<()> {
    db::query(
        "INSERT INTO sessions (token_hash, account_id, created_at, expires_at, last_seen_at)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(token_hash)
    .bind(account_id)
    .bind(now)
    .bind(expires)
    .bind(now)
    .execute(db.writer())
    .await?;
    Ok(())
}

/// The display choices an account carries from device to device.
#[derive(sqlx::FromRow)]
pub struct DisplayChoices {
    pub high_contrast: bool,
    pub text_size: i64,
    pub language: String,
}

/// Read from the writer: called right after the login that may have
/// changed them.
pub async fn display_choices(db: &Db, account_id: i64) -> AppResult<DisplayChoices> {
    Ok(
        db::query_as("SELECT high_contrast, text_size, language FROM accounts WHERE id = $1")
            .bind(account_id)
            .fetch_one(db.writer())
            .await?,
    )
}

pub async fn delete_session(db: &Db, token_hash: &[u8]) -> AppResult<()> {
    db::query("DELETE FROM sessions WHERE token_hash = $1")
        .bind(token_hash)
        .execute(db.writer())
        .await?;
    Ok(())
}

/// Deletes the sessions past their end or not used since `idle_since`.
pub async fn delete_ended_sessions(
    db: &Db,
    now: DateTime<Utc>,
    idle_since: DateTime<Utc>,
) -> AppResult<()> {
    db::query("DELETE FROM sessions WHERE expires_at <= $1 OR last_seen_at <= $2")
        .bind(now)
        .bind(idle_since)
        .execute(db.writer())
        .await?;
    Ok(())
}

/// A live session's account, and when the session was last seen.
#[derive(sqlx::FromRow)]
pub struct LiveSession {
    #[sqlx(flatten)]
    pub account: Account,
    pub last_seen_at: chrono::DateTime<chrono::Utc>,
}

/// The session with this hash when it has neither ended nor been idle
/// since `idle_since`, and its account can log in.
pub async fn live_session(
    db: &Db,
    token_hash: &[u8],
    now: DateTime<Utc>,
    idle_since: DateTime<Utc>,
) -> AppResult<Option<LiveSession>> {
    Ok(db::query_as(
        "SELECT a.id, a.email, a.first_name, a.last_name, a.high_contrast, a.provider_id, s.last_seen_at
         FROM sessions s JOIN accounts a ON a.id = s.account_id
         WHERE s.token_hash = $1 AND s.expires_at > $2 AND s.last_seen_at > $3
           AND a.password_hash IS NOT NULL",
    )
    .bind(token_hash)
    .bind(now)
    .bind(idle_since)
    .fetch_optional(db.reader())
    .await?)
}

pub async fn mark_seen(db: &Db, token_hash: &[u8], now: DateTime<Utc>) -> AppResult<()> {
    db::query("UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2")
        .bind(now)
        .bind(token_hash)
        .execute(db.writer())
        .await?;
    Ok(())
}

/// Ends every session of the account but the one with hash `keep`.
pub async fn delete_other_sessions(db: &Db, account_id: i64, keep: Option<&[u8]>) -> AppResult<()> {
    db::query("DELETE FROM sessions WHERE account_id = $1 AND token_hash IS DISTINCT FROM $2")
        .bind(account_id)
        .bind(keep)
        .execute(db.writer())
        .await?;
    Ok(())
}

pub async fn create_link(
    db: &Db,
    token_hash: &[u8],
    account_id: i64,
    purpose: &str,
    expires: DateTime<Utc>,
) -> AppResult<()> {
    db::query(
        "INSERT INTO email_links (token_hash, account_id, purpose, expires_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(token_hash)
    .bind(account_id)
    .bind(purpose)
    .bind(expires)
    .execute(db.writer())
    .await?;
    Ok(())
}

/// Forgets the account's other unused links of this purpose.
pub async fn delete_other_links(
    tx: &mut db::Tx,
    account_id: i64,
    purpose: &str,
    keep: &[u8],
) -> AppResult<()> {
    db::query(
        "DELETE FROM email_links
         WHERE account_id = $1 AND purpose = $2 AND used_at IS NULL AND token_hash <> $3",
    )
    .bind(account_id)
    .bind(purpose)
    .bind(keep)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
pub struct ValidLink {
    pub account_id: i64,
    pub purpose: String,
}

/// The unused link with this hash that has not expired at `now`.
pub async fn valid_link(
    db: &Db,
    token_hash: &[u8],
    now: DateTime<Utc>,
) -> AppResult<Option<ValidLink>> {
    Ok(db::query_as(
        "SELECT account_id, purpose FROM email_links
         WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2",
    )
    .bind(token_hash)
    .bind(now)
    .fetch_optional(db.reader())
    .await?)
}
