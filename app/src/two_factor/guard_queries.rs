//! The statements behind the count of wrong second-step codes
//! (`second_step_guards`). A try is claimed by compare-and-set on the state
//! read before it, so parallel guesses cannot check more codes than the limit.

use crate::db;
use crate::db::{AtMillis, Db};
use crate::error::AppResult;
use chrono::{DateTime, Utc};

/// An account's count as read; a claim compares against it.
#[derive(sqlx::FromRow, Default)]
pub struct Guard {
    pub wrong_codes: i64,
    last_try_at: Option<DateTime<Utc>>,
    locked_at: Option<DateTime<Utc>>,
}

impl Guard {
    pub fn last_try(&self) -> AppResult<Option<DateTime<Utc>>> {
        Ok(self.last_try_at)
    }

    pub fn is_locked(&self) -> bool {
        self.locked_at.is_some()
    }
}

/// The account's count; an account that never typed a wrong code has none.
pub async fn guard(db: &Db, account_id: i64) -> AppResult<Guard> {
    let row: Option<Guard> = db::query_as(
        "SELECT wrong_codes, last_try_at, locked_at FROM second_step_guards WHERE account_id = $1",
    )
    .bind(account_id)
    .fetch_optional(db.reader())
    .await?;
    Ok(row.unwrap_or_default())
}

/// Sets the count to `next` with a try at `now`, only if it is still as
/// `seen` read it; `false` when another try came first.
pub async fn claim(
    db: &Db,
    account_id: i64,
    seen: &Guard,
    next: i64,
    now: DateTime<Utc>,
) -> AppResult<bool> {
    let claimed = db::query(
        "INSERT INTO second_step_guards (account_id, wrong_codes, last_try_at) VALUES ($1, $2, $3)
         ON CONFLICT (account_id) DO UPDATE SET wrong_codes = $2, last_try_at = $3
         WHERE second_step_guards.wrong_codes = $4 AND second_step_guards.last_try_at IS NOT DISTINCT FROM $5",
    )
    .bind(account_id)
    .bind(next)
    .bind(AtMillis(now))
    .bind(seen.wrong_codes)
    .bind(seen.last_try_at.map(AtMillis))
    .execute(db.writer())
    .await?;
    Ok(claimed.rows_affected() == 1)
}

pub async fn reset(db: &Db, account_id: i64) -> AppResult<()> {
    db::query(
        "UPDATE second_step_guards SET wrong_codes = 0, locked_at = NULL WHERE account_id = $1",
    )
    .bind(account_id)
    .execute(db.writer())
    .await?;
    Ok(())
}

/// Locks the account at `now` when it reached `lock_after` wrong codes and
/// was not locked yet; `true` for the statement that locked it.
pub async fn lock_if_due(
    db: &Db,
    account_id: i64,
    lock_after: i64,
    now: DateTime<Utc>,
) -> AppResult<bool> {
    let locked = db::query(
        "UPDATE second_step_guards SET locked_at = $1
         WHERE account_id = $2 AND wrong_codes >= $3 AND locked_at IS NULL",
    )
    .bind(now)
    .bind(account_id)
    .bind(lock_after)
    .execute(db.writer())
    .await?;
    Ok(locked.rows_affected() == 1)
}

pub async fn delete(db: &Db, account_id: i64) -> AppResult<()> {
    db::query("DELETE FROM second_step_guards WHERE account_id = $1")
        .bind(account_id)
        .execute(db.writer())
        .await?;
    Ok(())
}
