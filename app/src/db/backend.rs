//! The two backends' pools and transactions, and where a statement is sent
//! ([`Executor`]): a pool, or the connection of an open transaction.

use sqlx::{PgConnection, PgPool, Postgres, Sqlite, SqliteConnection, SqlitePool, Transaction};

/// Which database an installation runs on, chosen by its URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// `sqlite://…`: one file, embedded (the default).
    Sqlite,
    /// `postgres://…` or `postgresql://…`: a server several processes share.
    Postgres,
}

impl Backend {
    pub fn of_url(url: &str) -> Backend {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Backend::Postgres
        } else {
            Backend::Sqlite
        }
    }
}

/// A pool of connections to one backend.
#[derive(Clone, Debug)]
pub enum Pool {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

impl Pool {
    pub fn backend(&self) -> Backend {
        match self {
            Pool::Sqlite(_) => Backend::Sqlite,
            Pool::Postgres(_) => Backend::Postgres,
        }
    }

    pub async fn begin(&self) -> Result<Tx, sqlx::Error> {
        Ok(match self {
            Pool::Sqlite(pool) => Tx(Connection::Sqlite(pool.begin().await?)),
            Pool::Postgres(pool) => Tx(Connection::Postgres(pool.begin().await?)),
        })
    }

    pub async fn close(&self) {
        match self {
            Pool::Sqlite(pool) => pool.close().await,
            Pool::Postgres(pool) => pool.close().await,
        }
    }

    /// Connections open now (for `/metrics`).
    pub fn size(&self) -> u32 {
        match self {
            Pool::Sqlite(pool) => pool.size(),
            Pool::Postgres(pool) => pool.size(),
        }
    }

    /// Of those, the ones waiting for work.
    pub fn num_idle(&self) -> usize {
        match self {
            Pool::Sqlite(pool) => pool.num_idle(),
            Pool::Postgres(pool) => pool.num_idle(),
        }
    }
}

/// An open transaction: all of it lands at [`Tx::commit`], or none of it
/// when it is dropped. It derefs to its [`Connection`], so
/// `&mut *tx` hands it to a function that runs statements inside it.
#[derive(Debug)]
pub struct Tx(Connection);

/// The connection of an open transaction, on its backend.
#[derive(Debug)]
pub enum Connection {
    Sqlite(Transaction<'static, Sqlite>),
    Postgres(Transaction<'static, Postgres>),
}

impl Connection {
    pub fn backend(&self) -> Backend {
        match self {
            Connection::Sqlite(_) => Backend::Sqlite,
            Connection::Postgres(_) => Backend::Postgres,
        }
    }
}

impl Tx {
    pub async fn commit(self) -> Result<(), sqlx::Error> {
        match self.0 {
            Connection::Sqlite(tx) => tx.commit().await,
            Connection::Postgres(tx) => tx.commit().await,
        }
    }
}

impl std::ops::Deref for Tx {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        &self.0
    }
}

impl std::ops::DerefMut for Tx {
    fn deref_mut(&mut self) -> &mut Connection {
        &mut self.0
    }
}

/// Where one statement goes.
pub enum On<'c> {
    SqlitePool(&'c SqlitePool),
    Sqlite(&'c mut SqliteConnection),
    PostgresPool(&'c PgPool),
    Postgres(&'c mut PgConnection),
}

/// A pool or a transaction, as a statement's destination.
pub trait Executor<'c> {
    fn on(self) -> On<'c>;
}

impl<'c> Executor<'c> for &'c Pool {
    fn on(self) -> On<'c> {
        match self {
            Pool::Sqlite(pool) => On::SqlitePool(pool),
            Pool::Postgres(pool) => On::PostgresPool(pool),
        }
    }
}

impl<'c> Executor<'c> for &'c mut Connection {
    fn on(self) -> On<'c> {
        match self {
            Connection::Sqlite(tx) => On::Sqlite(tx),
            Connection::Postgres(tx) => On::Postgres(tx),
        }
    }
}

impl<'c> Executor<'c> for &'c mut Tx {
    fn on(self) -> On<'c> {
        (&mut self.0).on()
    }
}

/// sqlx's own pools and connections, for what holds one of a known backend
/// (the operator's commands on a file, tests).
impl<'c> Executor<'c> for &'c SqlitePool {
    fn on(self) -> On<'c> {
        On::SqlitePool(self)
    }
}

impl<'c> Executor<'c> for &'c mut SqliteConnection {
    fn on(self) -> On<'c> {
        On::Sqlite(self)
    }
}

impl<'c> Executor<'c> for &'c PgPool {
    fn on(self) -> On<'c> {
        On::PostgresPool(self)
    }
}

impl<'c> Executor<'c> for &'c mut PgConnection {
    fn on(self) -> On<'c> {
        On::Postgres(self)
    }
}

impl<'c> Executor<'c> for On<'c> {
    fn on(self) -> On<'c> {
        self
    }
}
