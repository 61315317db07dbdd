//! The statements behind counted limits (`rate_events`). Moments are stored
//! to the millisecond ([`AtMillis`]), so text order is time order.

use crate::db;
use crate::db::AtMillis;
use crate::db::Db;
use crate::error::AppResult;
use chrono::{DateTime, Utc};

/// Counts one event of `kind` for `subject` at `now` when fewer than `max`
/// happened after `since`, one request at a time per subject (see
/// `db::queries::one_at_a_time`); `false` when the limit was reached
/// (nothing counted then).
pub async fn take_if_under(
    db: &Db,
    kind: &str,
    subject: &str,
    now: DateTime<Utc>,
    since: DateTime<Utc>,
    max: i64,
) -> AppResult<bool> {
    let mut tx = db.begin().await?;
    db::queries::one_at_a_time(&mut tx, &format!("limit:{kind}:{subject}")).await?;
    let taken = db::query(
        "INSERT INTO rate_events (kind, subject, at)
         SELECT $1, $2, $3
         WHERE (SELECT COUNT(*) FROM rate_events WHERE kind = $1 AND subject = $2 AND at > $4) < $5",
    )
    .bind(kind)
    .bind(subject)
    .bind(AtMillis(now))
    .bind(AtMillis(since))
    .bind(max)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(taken.rows_affected() == 1)
}

pub async fn count(db: &Db, kind: &str, subject: &str, since: DateTime<Utc>) -> AppResult<i64> {
    Ok(db::query_scalar(
        "SELECT COUNT(*) FROM rate_events WHERE kind = $1 AND subject = $2 AND at > $3",
    )
    .bind(kind)
    .bind(subject)
    .bind(AtMillis(since))
    .fetch_one(db.reader())
    .await?)
}

pub async fn clear(db: &Db, kind: &str, subject: &str) -> AppResult<()> {
    db::query("DELETE FROM rate_events WHERE kind = $1 AND subject = $2")
        .bind(kind)
        .bind(subject)
        .execute(db.writer())
        .await?;
    Ok(())
}

pub async fn delete_before(db: &Db, before: DateTime<Utc>) -> AppResult<()> {
    db::query("DELETE FROM rate_events WHERE at <= $1")
        .bind(AtMillis(before))
        .execute(db.writer())
        .await?;
    Ok(())
}

/// How many events after `since`, and the latest one's moment.
#[derive(sqlx::FromRow)]
pub struct Recent {
    pub count: i64,
    pub last: Option<DateTime<Utc>>,
}

pub async fn recent(db: &Db, kind: &str, subject: &str, since: DateTime<Utc>) -> AppResult<Recent> {
    Ok(db::query_as(
        "SELECT COUNT(*) AS count, MAX(at) AS last FROM rate_events
         WHERE kind = $1 AND subject = $2 AND at > $3",
    )
    .bind(kind)
    .bind(subject)
    .bind(AtMillis(since))
    .fetch_one(db.reader())
    .await?)
}
