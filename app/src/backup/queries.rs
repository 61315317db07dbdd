//! The `backup_runs` table: the daily copy's claim, and what each copy did.

use crate::db::{self, At, Db};
use crate::error::AppResult;
use chrono::{DateTime, Utc};

/// Which copy a run made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Daily,
    Manual,
    Migration,
}

impl Kind {
    fn as_db(self) -> &'static str {
        match self {
            Kind::Daily => "daily",
            Kind::Manual => "manual",
            Kind::Migration => "migration",
        }
    }
}

/// Claims today's daily copy: a new run, unless a copy succeeded after
/// `due_after` or another process holds an unexpired claim. One statement,
/// so two processes never both get it.
pub async fn claim_daily(
    db: &Db,
    now: DateTime<Utc>,
    lease_until: DateTime<Utc>,
    due_after: DateTime<Utc>,
) -> AppResult<Option<i64>> {
    let id = db::query_scalar(
        "INSERT INTO backup_runs (kind, started_at, lease_until)
         SELECT 'daily', $1, $2
         WHERE NOT EXISTS (
             SELECT 1 FROM backup_runs
             WHERE kind = 'daily'
               AND ((finished_at IS NOT NULL AND failed IS NULL AND started_at > $3)
                    OR (finished_at IS NULL AND lease_until > $1)))
         RETURNING id",
    )
    .bind(now)
    .bind(lease_until)
    .bind(due_after)
    .fetch_optional(db.writer())
    .await?;
    Ok(id)
}

/// Ends a claimed run with its copy's file name and size, or why it failed.
pub async fn finish(
    db: &Db,
    id: i64,
    now: DateTime<Utc>,
    outcome: Result<(&str, u64), &str>,
) -> AppResult<()> {
    let (file, bytes, failed) = match outcome {
        Ok((file, bytes)) => (Some(file), Some(bytes as i64), None),
        Err(why) => (None, None, Some(why)),
    };
    db::query(
        "UPDATE backup_runs SET finished_at = $1, file = $2, bytes = $3, failed = $4 WHERE id = $5",
    )
    .bind(now)
    .bind(file)
    .bind(bytes)
    .bind(failed)
    .bind(id)
    .execute(db.writer())
    .await?;
    Ok(())
}

/// Records a copy made outside the daily claim (by hand, before migrating).
pub async fn record(
    db: &Db,
    kind: Kind,
    started_at: DateTime<Utc>,
    file: &str,
    bytes: u64,
) -> AppResult<()> {
    let now = At::now();
    db::query(
        "INSERT INTO backup_runs (kind, started_at, lease_until, finished_at, file, bytes)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(kind.as_db())
    .bind(started_at)
    .bind(now)
    .bind(now)
    .bind(file)
    .bind(bytes as i64)
    .execute(db.writer())
    .await?;
    Ok(())
}

/// When the newest sound copy was started, of any kind.
pub async fn last_success(db: &Db) -> AppResult<Option<DateTime<Utc>>> {
    Ok(db::query_scalar(
        "SELECT MAX(started_at) FROM backup_runs WHERE finished_at IS NOT NULL AND failed IS NULL",
    )
    .fetch_one(db.reader())
    .await?)
}

/// SQLite's own copy of the open database into a new file at `destination`,
/// consistent while others write.
pub async fn vacuum_into(
    pool: &sqlx::SqlitePool,
    destination: &std::path::Path,
) -> Result<(), sqlx::Error> {
    sqlx::query("VACUUM INTO $1")
        .bind(destination.to_string_lossy().into_owned())
        .execute(pool)
        .await?;
    Ok(())
}

/// `PRAGMA integrity_check`'s lines: `["ok"]` for a sound file.
pub async fn integrity_check(
    connection: &mut sqlx::SqliteConnection,
) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_all(connection)
        .await
}

/// The versions of the migrations applied; an error for a database without
/// the migrations' table (not Kring's, or new).
pub async fn applied_migrations<'c, E>(executor: E) -> Result<Vec<i64>, sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Sqlite>,
{
    sqlx::query_scalar("SELECT version FROM _sqlx_migrations")
        .fetch_all(executor)
        .await
}
