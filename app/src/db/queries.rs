//! What the database itself is asked, apart from any domain: whether it can
//! serve (`/readyz`).

use super::{Backend, Db, Pool, Tx};
use crate::db;
use std::time::Duration;

/// Why the database cannot take traffic now.
#[derive(Debug)]
pub enum Unready {
    Unreadable(sqlx::Error),
    WriterBusy,
    WriterUnavailable,
    NotWritable,
}

impl std::fmt::Display for Unready {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Unready::Unreadable(error) => write!(f, "database unreadable: {error}"),
            Unready::WriterBusy => f.write_str("the writer is busy"),
            Unready::WriterUnavailable => f.write_str("the writer is unavailable"),
            Unready::NotWritable => f.write_str("the database cannot be written"),
        }
    }
}

/// Makes the rest of `tx` wait for any other transaction that asked the
/// same for `key` (a limit's subject, say) until that one ends, so a check
/// and the write it decides land as one. SQLite's single writer does so for
/// every transaction already; PostgreSQL takes an advisory lock, let go at
/// the end of the transaction.
pub async fn one_at_a_time(tx: &mut Tx, key: &str) -> Result<(), sqlx::Error> {
    if tx.backend() == Backend::Postgres {
        db::query("SELECT pg_advisory_xact_lock(hashtext($1))")
            .bind(key)
            .execute(&mut *tx)
            .await?;
    }
    Ok(())
}

/// Ready when a read answers and the writer can begin a write within
/// `patience` (a writer stuck behind a long transaction, or a full disk's
/// failed checkpoint, shows here).
pub async fn readiness(db: &Db, patience: Duration) -> Result<(), Unready> {
    let read =
        db::query_scalar::<i64>("SELECT COUNT(*) FROM _sqlx_migrations").fetch_one(db.reader());
    let write = async {
        match db.writer() {
            Pool::Sqlite(writer) => {
                let mut connection = tokio::time::timeout(patience, writer.acquire())
                    .await
                    .map_err(|_| Unready::WriterBusy)?
                    .map_err(|_| Unready::WriterUnavailable)?;
                sqlx::query("BEGIN IMMEDIATE; ROLLBACK")
                    .execute(&mut *connection)
                    .await
                    .map(|_| ())
                    .map_err(|_| Unready::NotWritable)
            }
            // A server that is a replica in recovery answers reads but
            // refuses every write.
            Pool::Postgres(pool) => {
                let in_recovery = tokio::time::timeout(
                    patience,
                    sqlx::query_scalar::<_, bool>("SELECT pg_is_in_recovery()").fetch_one(pool),
                )
                .await
                .map_err(|_| Unready::WriterBusy)?
                .map_err(|_| Unready::WriterUnavailable)?;
                if in_recovery {
                    Err(Unready::NotWritable)
                } else {
                    Ok(())
                }
            }
        }
    };
    let (read, write) = tokio::join!(read, write);
    read.map_err(Unready::Unreadable)?;
    write
}

#[cfg(test)]
mod tests {
    //! How `db::types` writes moments, read back as the schema holds them.
    use crate::db::{self, At, Wall};
    use chrono::TimeZone;
    use chrono::{DateTime, NaiveDateTime, Utc};

    #[tokio::test]
    async fn moments_are_written_as_the_schema_holds_them_and_read_back() {
        let pool = db::Pool::Sqlite(sqlx::SqlitePool::connect("sqlite::memory:").await.unwrap());
        let instant = Utc.with_ymd_and_hms(2026, 12, 7, 16, 13, 12).unwrap();
        let wall = chrono::NaiveDate::from_ymd_opt(2026, 12, 7)
            .unwrap()
            .and_hms_opt(8, 30, 0)
            .unwrap();
        let day = wall.date();
        let time = wall.time();
        let (at_text, wall_text, day_text, time_text): (String, String, String, String) =
            db::query_as("SELECT $1, $2, $3, $4")
                .bind(At(instant))
                .bind(Wall(wall))
                .bind(day)
                .bind(time)
                .fetch_one(&pool)
                .await
                .unwrap();
        assert_eq!(at_text, "2026-12-07T16:13:12Z");
        assert_eq!(wall_text, "2026-12-07T08:30");
        assert_eq!(day_text, "2026-12-07");
        assert_eq!(time_text, "08:30");
        let (at, local): (DateTime<Utc>, NaiveDateTime) = db::query_as("SELECT $1, $2")
            .bind(At(instant))
            .bind(Wall(wall))
            .fetch_one(&pool)
            .await
            .unwrap();
        assert_eq!((at, local), (instant, wall));
        // A stored moment that is none is an error when read, not a row left out.
        let unreadable: Result<DateTime<Utc>, _> =
            db::query_scalar("SELECT 'gisteren'").fetch_one(&pool).await;
        assert!(unreadable.is_err());
    }
}
