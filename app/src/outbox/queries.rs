//! The outbox table (server only). Rows are claimed by one atomic update
//! with a lease (SCALE.md, rule 4): two workers never take the same row, and
//! a crashed worker's rows are taken over when the lease runs out.

use super::{Channel, Counts, Outgoing};
use crate::db;
use crate::db::Db;
use crate::error::AppResult;
use chrono::{DateTime, Utc};

/// A row taken by a worker, with what it needs to send it.
#[derive(Debug, Clone)]
pub struct Claimed {
    pub id: i64,
    pub channel: Channel,
    pub to: String,
    pub to_name: String,
    pub subject: String,
    pub body: String,
    pub unsubscribe: Option<String>,
    pub message_key: String,
    pub attempts: i64,
    pub expires_at: Option<DateTime<Utc>>,
}

pub async fn insert<'e, E: db::Executor<'e>>(executor: E, item: &Outgoing) -> AppResult<bool> {
    let key: [u8; 16] = rand::random();
    let key: String = key.iter().map(|byte| format!("{byte:02x}")).collect();
    let done = db::query(
        "INSERT INTO outbox (channel, recipient, recipient_name, subject, body, unsubscribe_url,
             message_key, due_at, expires_at, plan_key, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
         ON CONFLICT (plan_key) DO NOTHING",
    )
    .bind(item.channel.as_db())
    .bind(&item.to)
    .bind(&item.to_name)
    .bind(&item.subject)
    .bind(&item.body)
    .bind(&item.unsubscribe)
    .bind(key)
    .bind(item.due_at)
    .bind(item.expires_at)
    .bind(&item.plan_key)
    .bind(Utc::now())
    .execute(executor)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Which of `keys` were queued before (sent or not).
pub async fn planned_among(db: &Db, keys: &[&str]) -> AppResult<std::collections::HashSet<String>> {
    if keys.is_empty() {
        return Ok(Default::default());
    }
    let found: Vec<String> = db::query_scalar(
        "SELECT plan_key FROM outbox WHERE plan_key IN (SELECT value FROM json_each($1))",
    )
    .bind(keys)
    .fetch_all(db.reader())
    .await?;
    Ok(found.into_iter().collect())
}

/// Claims up to `limit` due rows for `worker` until `lease_until`: rows
/// nobody holds, or whose holder's lease ran out.
pub async fn claim(
    db: &Db,
    worker: &str,
    now: DateTime<Utc>,
    lease_until: DateTime<Utc>,
    limit: i64,
) -> AppResult<Vec<Claimed>> {
    #[derive(sqlx::FromRow)]
    struct Row {
        id: i64,
        channel: Channel,
        recipient: String,
        recipient_name: String,
        subject: String,
        body: String,
        unsubscribe_url: Option<String>,
        message_key: String,
        attempts: i64,
        expires_at: Option<DateTime<Utc>>,
    }
    // On PostgreSQL, workers of other processes claim at the same time:
    // each skips the rows another is claiming instead of claiming them too.
    let claim = |lock: &str| {
        format!(
            "UPDATE outbox SET claimed_by = $1, lease_until = $2
             WHERE id IN (SELECT id FROM outbox
                          WHERE sent_at IS NULL AND failed_at IS NULL AND due_at <= $3
                            AND (lease_until IS NULL OR lease_until < $3)
                          ORDER BY due_at, id LIMIT $4 {lock})
             RETURNING id, channel, recipient, recipient_name, subject, body, unsubscribe_url,
                       message_key, attempts, expires_at"
        )
    };
    let (sqlite, postgres) = (claim(""), claim("FOR UPDATE SKIP LOCKED"));
    let rows: Vec<Row> = db::query_as(&sqlite)
        .on_postgres(&postgres)
        .bind(worker)
        .bind(lease_until)
        .bind(now)
        .bind(limit)
        .fetch_all(db.writer())
        .await?;
    Ok(rows
        .into_iter()
        .map(|row| Claimed {
            id: row.id,
            channel: row.channel,
            to: row.recipient,
            to_name: row.recipient_name,
            subject: row.subject,
            body: row.body,
            unsubscribe: row.unsubscribe_url,
            message_key: row.message_key,
            attempts: row.attempts,
            expires_at: row.expires_at,
        })
        .collect())
}

/// Sent: the text goes (codes, links and names have no business staying),
/// the row stays a while for the counts. Only the holder marks its row.
pub async fn mark_sent(db: &Db, id: i64, worker: &str, now: DateTime<Utc>) -> AppResult<()> {
    db::query(
        "UPDATE outbox SET sent_at = $1, subject = '', body = '', unsubscribe_url = NULL,
             claimed_by = NULL, lease_until = NULL, last_error = NULL
         WHERE id = $2 AND claimed_by = $3",
    )
    .bind(now)
    .bind(id)
    .bind(worker)
    .execute(db.writer())
    .await?;
    Ok(())
}

/// Refused: tried again at `retry_at`, or given up (`None`), text emptied.
pub async fn mark_refused(
    db: &Db,
    id: i64,
    worker: &str,
    error: &str,
    retry_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let query = match retry_at {
        Some(_) => {
            "UPDATE outbox SET attempts = attempts + 1, due_at = $1, last_error = $2,
                 claimed_by = NULL, lease_until = NULL
             WHERE id = $3 AND claimed_by = $4"
        }
        None => {
            "UPDATE outbox SET attempts = attempts + 1, failed_at = $5, last_error = $2,
                 claimed_by = NULL, lease_until = NULL
             WHERE id = $3 AND claimed_by = $4 AND $1 IS NULL"
        }
    };
    db::query(query)
        .bind(retry_at)
        .bind(error.chars().take(300).collect::<String>())
        .bind(id)
        .bind(worker)
        .bind(now)
        .execute(db.writer())
        .await?;
    Ok(())
}

pub async fn counts(db: &Db, now: DateTime<Utc>) -> AppResult<Counts> {
    Ok(db::query_as(
        "SELECT
             (SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL) AS waiting,
             (SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL AND due_at <= $1)
                 AS due,
             (SELECT COUNT(*) FROM outbox WHERE failed_at IS NOT NULL) AS failed,
             (SELECT MIN(due_at) FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL AND due_at <= $1)
                 AS oldest_due",
    )
    .bind(now)
    .fetch_one(db.reader())
    .await?)
}

/// The operator's "try the failed ones again": due now, attempts from zero.
pub async fn retry_failed(db: &Db, now: DateTime<Utc>) -> AppResult<u64> {
    Ok(db::query(
        "UPDATE outbox SET failed_at = NULL, attempts = 0, due_at = $1, last_error = NULL
         WHERE failed_at IS NOT NULL AND body <> ''",
    )
    .bind(now)
    .execute(db.writer())
    .await?
    .rows_affected())
}

/// Sent rows (already without text) and failed ones older than `before`.
pub async fn forget_before(db: &Db, before: DateTime<Utc>) -> AppResult<u64> {
    Ok(
        db::query("DELETE FROM outbox WHERE sent_at < $1 OR failed_at < $1")
            .bind(before)
            .execute(db.writer())
            .await?
            .rows_affected(),
    )
}
