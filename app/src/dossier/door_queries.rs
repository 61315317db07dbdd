//! The statements behind the dossier's door: when this session last used
//! the dossier, and the number its code goes to.

use crate::db;
use crate::db::Db;
use crate::error::AppResult;
use chrono::{DateTime, Utc};

/// Notes the session's use of the dossier at `now`, in the transaction that
/// opened the door or read from it.
pub async fn mark_active(
    tx: &mut db::Tx,
    session_hash: &[u8],
    now: DateTime<Utc>,
) -> AppResult<()> {
    db::query("UPDATE sessions SET dossier_active_at = $1 WHERE token_hash = $2")
        .bind(now)
        .bind(session_hash)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// When the session last used the dossier, if it ever did.
pub async fn last_active(db: &Db, session_hash: &[u8]) -> AppResult<Option<DateTime<Utc>>> {
    let at: Option<Option<DateTime<Utc>>> =
        db::query_scalar("SELECT dossier_active_at FROM sessions WHERE token_hash = $1")
            .bind(session_hash)
            .fetch_optional(db.reader())
            .await?;
    Ok(at.flatten())
}

/// The account's confirmed mobile number, if it has one.
pub async fn confirmed_mobile(db: &Db, account_id: i64) -> AppResult<Option<String>> {
    let mobile: Option<Option<String>> =
        db::query_scalar("SELECT mobile FROM accounts WHERE id = $1")
            .bind(account_id)
            .fetch_optional(db.reader())
            .await?;
    Ok(mobile.flatten())
}
