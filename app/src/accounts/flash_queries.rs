//! The statements behind one-time messages (`session_flashes`), keyed by the
//! session's stored hash.

use crate::db;
use crate::db::Db;
use crate::error::AppResult;
use chrono::{DateTime, Utc};

/// Stores `payload` under `kind` for the session, replacing an earlier one;
/// nothing when the session is gone.
pub async fn leave(
    db: &Db,
    session_hash: &[u8],
    kind: &str,
    payload: &str,
    now: DateTime<Utc>,
) -> AppResult<()> {
    db::query(
        "INSERT INTO session_flashes (session_hash, kind, payload, created_at)
         SELECT token_hash, $1, $2, $3 FROM sessions WHERE token_hash = $4
         ON CONFLICT (session_hash, kind) DO UPDATE SET payload = excluded.payload,
             created_at = excluded.created_at, taken_at = NULL",
    )
    .bind(kind)
    .bind(payload)
    .bind(now)
    .bind(session_hash)
    .execute(db.writer())
    .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
pub struct Stored {
    pub payload: String,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub taken_at: Option<chrono::DateTime<chrono::Utc>>,
}

pub async fn stored(db: &Db, session_hash: &[u8], kind: &str) -> AppResult<Option<Stored>> {
    Ok(db::query_as(
        "SELECT payload, created_at, taken_at FROM session_flashes WHERE session_hash = $1 AND kind = $2",
    )
    .bind(session_hash)
    .bind(kind)
    .fetch_optional(db.reader())
    .await?)
}

/// Marks the flash taken at `now`, unless it was already.
pub async fn mark_taken(
    db: &Db,
    session_hash: &[u8],
    kind: &str,
    now: DateTime<Utc>,
) -> AppResult<()> {
    db::query(
        "UPDATE session_flashes SET taken_at = $1
         WHERE session_hash = $2 AND kind = $3 AND taken_at IS NULL",
    )
    .bind(now)
    .bind(session_hash)
    .bind(kind)
    .execute(db.writer())
    .await?;
    Ok(())
}

/// Deletes the untaken flash in one statement, so two requests cannot both
/// take it; `true` for the one that did.
pub async fn take_untaken(db: &Db, session_hash: &[u8], kind: &str) -> AppResult<bool> {
    let gone = db::query(
        "DELETE FROM session_flashes WHERE session_hash = $1 AND kind = $2 AND taken_at IS NULL",
    )
    .bind(session_hash)
    .bind(kind)
    .execute(db.writer())
    .await?;
    Ok(gone.rows_affected() == 1)
}

pub async fn delete(db: &Db, session_hash: &[u8], kind: &str) -> AppResult<()> {
    db::query("DELETE FROM session_flashes WHERE session_hash = $1 AND kind = $2")
        .bind(session_hash)
        .bind(kind)
        .execute(db.writer())
        .await?;
    Ok(())
}
