//! The SQLite database: a pool of readers and a single writer.
//!
//! SQLite allows one writer at a time. Routing every write through a pool of
//! exactly one connection means writers queue in our process instead of
//! failing with "database is locked"; WAL lets the readers carry on meanwhile.
//!
//! Durability: WAL with `synchronous = FULL` on the writer. A commit returns
//! only after its WAL frames are on the disk (fsync), so a write the server
//! has acknowledged survives a power cut, not only a crash of the process
//! (with `NORMAL`, the last commits before a power cut could roll back).
//! Checkpoints copy the WAL into the database file automatically every
//! 1,000 pages (SQLite's default) and fsync before the WAL is reused, so a
//! checkpoint interrupted halfway is simply done again at the next start.

pub mod queries;
pub mod types;

pub use types::{At, Wall};

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Sqlite, SqlitePool, Transaction};
use std::str::FromStr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

#[derive(Clone, Debug)]
pub struct Db {
    read: SqlitePool,
    write: SqlitePool,
}

impl Db {
    /// Opens (creating when missing) the database and applies the migrations.
    pub async fn connect(url: &str) -> Result<Db, sqlx::Error> {
        Unmigrated::open(url).await?.migrate().await
    }

    /// For queries that only read.
    pub fn reader(&self) -> &SqlitePool {
        &self.read
    }

    /// For a single write statement.
    pub fn writer(&self) -> &SqlitePool {
        &self.write
    }

    /// A write transaction: all of it lands, or none of it. The time it
    /// waited for the writer is counted for `/metrics`.
    pub async fn begin(&self) -> Result<Transaction<'static, Sqlite>, sqlx::Error> {
        let asked = std::time::Instant::now();
        let transaction = self.write.begin().await;
        let waited = asked.elapsed().as_micros() as u64;
        WAITED_MICROS.fetch_add(waited, Ordering::Relaxed);
        WAITS.fetch_add(1, Ordering::Relaxed);
        transaction
    }
}

/// A database opened for writing whose migrations have not run yet: the
/// moment to keep a copy of what they are about to change (see
/// `backup::connect_keeping_copy`).
pub struct Unmigrated {
    options: SqliteConnectOptions,
    write: SqlitePool,
}

impl Unmigrated {
    pub async fn open(url: &str) -> Result<Unmigrated, sqlx::Error> {
        let options = SqliteConnectOptions::from_str(url)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10));
        if let Some(folder) = options.get_filename().parent() {
            if !folder.as_os_str().is_empty() {
                std::fs::create_dir_all(folder)?;
            }
        }
        let write = SqlitePoolOptions::new()
            .max_connections(1)
            .acquire_timeout(Duration::from_secs(30))
            .connect_with(options.clone())
            .await?;
        Ok(Unmigrated { options, write })
    }

    /// The writer, to read the state before the migrations.
    pub fn writer(&self) -> &SqlitePool {
        &self.write
    }

    /// Applies the migrations and opens the readers.
    pub async fn migrate(self) -> Result<Db, sqlx::Error> {
        migrator().run(&self.write).await?;
        let read = SqlitePoolOptions::new()
            .max_connections(8)
            .connect_with(self.options.read_only(true))
            .await?;
        Ok(Db {
            read,
            write: self.write,
        })
    }
}

static WAITED_MICROS: AtomicU64 = AtomicU64::new(0);
static WAITS: AtomicU64 = AtomicU64::new(0);

/// Write transactions begun in this process, and their time spent waiting.
pub struct WriteWaits {
    pub count: u64,
    pub seconds: f64,
}

pub fn write_waits() -> WriteWaits {
    WriteWaits {
        count: WAITS.load(Ordering::Relaxed),
        seconds: WAITED_MICROS.load(Ordering::Relaxed) as f64 / 1e6,
    }
}

/// Kring's migrations, embedded in the binary.
pub fn migrator() -> sqlx::migrate::Migrator {
    sqlx::migrate!("../migrations")
}

/// The same schema for PostgreSQL (see `migrations/postgres/`).
pub fn postgres_migrator() -> sqlx::migrate::Migrator {
    sqlx::migrate!("../migrations/postgres")
}

/// Now, as stored in the database: UTC, RFC 3339, sortable as text.
pub fn now_text() -> String {
    timestamp(chrono::Utc::now())
}

pub fn timestamp(at: chrono::DateTime<chrono::Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// A stored value that cannot be what its column promises (an unknown kind,
/// JSON that does not parse): logged without the value, which may be
/// medical, and answered as an internal error rather than skipped.
pub fn unreadable(what: &'static str) -> crate::error::AppError {
    tracing::error!(what, "a stored value cannot be read");
    crate::error::AppError::Internal
}
