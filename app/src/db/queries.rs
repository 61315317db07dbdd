//! What the database itself is asked, apart from any domain: whether it can
//! serve (`/readyz`).

use super::Db;
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

/// Ready when a read answers and the writer can begin a write within
/// `patience` (a writer stuck behind a long transaction, or a full disk's
/// failed checkpoint, shows here).
pub async fn readiness(db: &Db, patience: Duration) -> Result<(), Unready> {
    let read = sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM _sqlx_migrations")
        .fetch_one(db.reader());
    let write = async {
        let mut connection = tokio::time::timeout(patience, db.writer().acquire())
            .await
            .map_err(|_| Unready::WriterBusy)?
            .map_err(|_| Unready::WriterUnavailable)?;
        sqlx::query("BEGIN IMMEDIATE; ROLLBACK")
            .execute(&mut *connection)
            .await
            .map(|_| ())
            .map_err(|_| Unready::NotWritable)
    };
    let (read, write) = tokio::join!(read, write);
    read.map_err(Unready::Unreadable)?;
    write
}
