//! Counted limits on what costs money, reaches strangers or fills the
//! database: mails and text messages per address, login attempts per account.
//! The check and the count are one SQL statement on the single writer, so a
//! burst of parallel requests cannot slip past the limit.

use crate::db::Db;
use crate::error::{AppError, AppResult};
use chrono::{Duration, Utc};

/// A moment as `rate_events` stores it: UTC with milliseconds, fixed width,
/// so that text order is time order and short delays can be measured.
pub fn moment(at: chrono::DateTime<Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// How many events of one kind one subject may cause in a window.
#[derive(Debug, Clone, Copy)]
pub struct Limit {
    pub kind: &'static str,
    pub max: i64,
    pub window_minutes: i64,
}

impl Limit {
    pub const fn new(kind: &'static str, max: i64, window_minutes: i64) -> Limit {
        Limit {
            kind,
            max,
            window_minutes,
        }
    }

    pub fn since(self) -> String {
        moment(Utc::now() - Duration::minutes(self.window_minutes))
    }

    /// Counts one event for `subject` if it is still under the limit; `false`
    /// when the limit is reached (nothing counted then).
    pub async fn try_take(self, db: &Db, subject: &str) -> AppResult<bool> {
        let taken = sqlx::query(
            "INSERT INTO rate_events (kind, subject, at)
             SELECT ?1, ?2, ?3
             WHERE (SELECT COUNT(*) FROM rate_events WHERE kind = ?1 AND subject = ?2 AND at > ?4) < ?5",
        )
        .bind(self.kind)
        .bind(subject)
        .bind(moment(Utc::now()))
        .bind(self.since())
        .bind(self.max)
        .execute(db.writer())
        .await?;
        Ok(taken.rows_affected() == 1)
    }

    /// [`Limit::try_take`], refusing with `message` at the limit.
    pub async fn take(self, db: &Db, subject: &str, message: &str) -> AppResult<()> {
        if self.try_take(db, subject).await? {
            Ok(())
        } else {
            Err(AppError::limited(message))
        }
    }

    /// How many events `subject` has in the window now.
    pub async fn count(self, db: &Db, subject: &str) -> AppResult<i64> {
        Ok(sqlx::query_scalar(
            "SELECT COUNT(*) FROM rate_events WHERE kind = ? AND subject = ? AND at > ?",
        )
        .bind(self.kind)
        .bind(subject)
        .bind(self.since())
        .fetch_one(db.reader())
        .await?)
    }

    /// Forgets the events of `subject` (a successful login clears its attempts).
    pub async fn clear(self, db: &Db, subject: &str) -> AppResult<()> {
        sqlx::query("DELETE FROM rate_events WHERE kind = ? AND subject = ?")
            .bind(self.kind)
            .bind(subject)
            .execute(db.writer())
            .await?;
        Ok(())
    }
}

/// Events older than a day count for no limit; they go now and then.
pub async fn purge_old(db: &Db) -> AppResult<()> {
    sqlx::query("DELETE FROM rate_events WHERE at <= ?")
        .bind(moment(Utc::now() - Duration::days(1)))
        .execute(db.writer())
        .await?;
    Ok(())
}
