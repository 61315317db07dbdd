//! The database: SQLite (embedded, the default) or PostgreSQL, chosen by
//! the URL. Statements are written once for both (see [`statement`]).
//!
//! On SQLite, a pool of readers and a single writer. SQLite allows one
//! writer at a time. Routing every write through a pool of exactly one
//! connection means writers queue in our process instead of failing with "database is locked"; WAL lets the readers carry on meanwhile.
//!
//! Durability: WAL with `synchronous = FULL` on the writer. A commit returns
//! only after its WAL frames are on the disk (fsync), so a write the server
//! has acknowledged survives a power cut, not only a crash of the process
//! (with `NORMAL`, the last commits before a power cut could roll back).
//! Checkpoints copy the WAL into the database file automatically every
//! 1,000 pages (SQLite's default) and fsync before the WAL is reused, so a
//! checkpoint interrupted halfway is simply done again at the next start.

pub mod backend;
pub mod queries;
pub mod statement;
pub mod types;

pub use backend::{Backend, Connection, Executor, Pool, Tx};
pub use statement::{
    query, query_as, query_scalar, Bind, Column, Readable, Rows, Scalars, Statement, Value,
};
pub use types::{At, AtMillis, Wall};

use sqlx::postgres::PgPoolOptions;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::SqlitePool;
use std::str::FromStr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// Connections of one process to PostgreSQL: three processes hold 60 of
/// the server's 100 by default.
const POSTGRES_WRITERS: u32 = 10;
const POSTGRES_READERS: u32 = 10;

/// The database: on SQLite a pool of readers and a pool of one writer, on
/// PostgreSQL a pool of readers and one of writers (the server orders the
/// writers).
#[derive(Clone, Debug)]
pub struct Db {
    read: Pool,
    write: Pool,
}

impl Db {
    /// Opens the database the URL names (creating an SQLite file when
    /// missing) and applies the migrations.
    pub async fn connect(url: &str) -> Result<Db, sqlx::Error> {
        match Backend::of_url(url) {
            Backend::Sqlite => Unmigrated::open(url).await?.migrate().await,
            Backend::Postgres => {
                // Two pools, as on SQLite: a request that reads while it
                // holds a write transaction (notifying a thread's readers
                // inside the reply's) needs a second connection. From one
                // pool, as many such requests as connections would each
                // hold one and wait for another, for ever.
                let pool = |size| {
                    PgPoolOptions::new()
                        .max_connections(size)
                        .acquire_timeout(Duration::from_secs(30))
                        .connect(url)
                };
                let write = pool(POSTGRES_WRITERS).await?;
                postgres_migrator().run(&write).await?;
                let read = pool(POSTGRES_READERS).await?;
                Ok(Db {
                    read: Pool::Postgres(read),
                    write: Pool::Postgres(write),
                })
            }
        }
    }

    /// One pool serving reads and writes (PostgreSQL, or a test's own SQLite).
    pub fn over(pool: Pool) -> Db {
        Db {
            read: pool.clone(),
            write: pool,
        }
    }

    pub fn backend(&self) -> Backend {
        self.write.backend()
    }

    /// For queries that only read.
    pub fn reader(&self) -> &Pool {
        &self.read
    }

    /// For a single write statement.
    pub fn writer(&self) -> &Pool {
        &self.write
    }

    /// The SQLite readers, for what only a file can do (a copy); `None` on
    /// PostgreSQL, whose copies are the server's (`pg_dump`, snapshots).
    pub fn sqlite_reader(&self) -> Option<&SqlitePool> {
        match &self.read {
            Pool::Sqlite(pool) => Some(pool),
            Pool::Postgres(_) => None,
        }
    }

    /// A write transaction: all of it lands, or none of it. The time it
    /// waited for the writer is counted for `/metrics`.
    pub async fn begin(&self) -> Result<Tx, sqlx::Error> {
        let asked = std::time::Instant::now();
        let transaction = self.write.begin().await;
        let waited = asked.elapsed().as_micros() as u64;
        WAITED_MICROS.fetch_add(waited, Ordering::Relaxed);
        WAITS.fetch_add(1, Ordering::Relaxed);
        transaction
    }

    pub async fn close(&self) {
        self.read.close().await;
        self.write.close().await;
    }
}

/// An SQLite database opened for writing whose migrations have not run yet:
/// the moment to keep a copy of what they are about to change (see
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
            read: Pool::Sqlite(read),
            write: Pool::Sqlite(self.write),
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
    rolling(sqlx::migrate!("../migrations"))
}

/// The same schema for PostgreSQL (see `migrations/postgres/`).
pub fn postgres_migrator() -> sqlx::migrate::Migrator {
    rolling(sqlx::migrate!("../migrations/postgres"))
}

/// A process of the previous version starts on a database a newer one has
/// already migrated, as it must during a rolling upgrade (docs/scale.md):
/// each migration only adds what the version before can ignore, so the
/// migrations it does not know are no reason to refuse. A known migration
/// whose text changed still is.
fn rolling(mut migrator: sqlx::migrate::Migrator) -> sqlx::migrate::Migrator {
    migrator.set_ignore_missing(true);
    migrator
}

/// An instant as SQLite stores it: UTC, RFC 3339 to the second, sortable
/// as text.
pub fn timestamp(at: chrono::DateTime<chrono::Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// To the millisecond, fixed width, so text order is still time order.
pub fn timestamp_millis(at: chrono::DateTime<chrono::Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// A stored value that cannot be what its column promises (an unknown kind,
/// JSON that does not parse): logged without the value, which may be
/// medical, and answered as an internal error rather than skipped.
pub fn unreadable(what: &'static str) -> crate::error::AppError {
    tracing::error!(what, "a stored value cannot be read");
    crate::error::AppError::Internal
}
