//! One statement, two backends. A data-layer function writes its SQL once
//! (numbered parameters, `$1`, which both SQLite and PostgreSQL read) and
//! binds plain Rust values; the statement is sent to whichever backend the
//! executor belongs to. Where the dialects differ, the statement carries a
//! second text for PostgreSQL ([`Statement::on_postgres`]), next to the first.
//!
//! Why not sqlx's `Any` driver: it carries no dates, so every moment would
//! travel as text again. Why not generic functions over `sqlx::Database`: a
//! bound per value type on every query function, which is most of the code.
//! Here the values are collected as [`Value`]s and bound when the backend is
//! known; rows decode with sqlx's own `FromRow`, for both (see [`Readable`]).

use super::backend::{Executor, On};
use super::{At, AtMillis, Wall};
use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, SubsecRound, Utc};
use sqlx::postgres::{PgArguments, PgRow};
use sqlx::sqlite::{SqliteArguments, SqliteRow};
use sqlx::{Arguments, Decode, FromRow, Postgres, Sqlite, Type};
use std::borrow::Cow;

/// A value bound to a statement. `None` is a NULL of the variant's type
/// (PostgreSQL wants to know it).
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Int(Option<i64>),
    Real(Option<f64>),
    Bool(Option<bool>),
    Text(Option<String>),
    Bytes(Option<Vec<u8>>),
    /// An instant: SQLite holds "2026-12-07T16:13:12Z", PostgreSQL `timestamptz`.
    At(Option<DateTime<Utc>>),
    /// An instant to the millisecond, for short delays (limits, the second
    /// step's guard): "2026-12-07T16:13:12.345Z", or `timestamptz`.
    AtMillis(Option<DateTime<Utc>>),
    /// A Dutch wall-clock moment: "2026-12-07T08:30", or `timestamp`.
    Wall(Option<NaiveDateTime>),
    /// A day: "2026-12-07", or `date`.
    Day(Option<NaiveDate>),
    /// A time of day: "08:30", or `time`.
    Time(Option<NaiveTime>),
    /// A list for `IN`: SQLite reads it as JSON (`IN (SELECT value FROM
    /// json_each($1))`), PostgreSQL as an array (see [`postgres_lists`]).
    Ints(Vec<i64>),
    Texts(Vec<String>),
}

/// What can be bound: a value, and the NULL of its type for `None`.
pub trait Bind {
    fn value(self) -> Value;
    fn null() -> Value;
}

impl<T: Bind> Bind for Option<T> {
    fn value(self) -> Value {
        match self {
            Some(value) => value.value(),
            None => T::null(),
        }
    }
    fn null() -> Value {
        T::null()
    }
}

macro_rules! binds_as {
    ($variant:ident: $($type:ty => |$v:ident| $make:expr),+ $(,)?) => {
        $(impl Bind for $type {
            fn value(self) -> Value {
                let $v = self;
                Value::$variant(Some($make))
            }
            fn null() -> Value {
                Value::$variant(None)
            }
        })+
    };
}

binds_as!(Int:
    i64 => |v| v, &i64 => |v| *v, i32 => |v| v.into(), u32 => |v| v.into(), u16 => |v| v.into(),
    u8 => |v| v.into(), usize => |v| v as i64,
);
binds_as!(Real: f64 => |v| v, &f64 => |v| *v);
binds_as!(Bool: bool => |v| v, &bool => |v| *v);
binds_as!(Text:
    String => |v| v, &String => |v| v.clone(), &str => |v| v.to_string(),
    &&str => |v| v.to_string(),
);
binds_as!(Bytes: Vec<u8> => |v| v, &Vec<u8> => |v| v.clone(), &[u8] => |v| v.to_vec());
binds_as!(At: At => |v| v.0, DateTime<Utc> => |v| v, &DateTime<Utc> => |v| *v);
binds_as!(AtMillis: AtMillis => |v| v.0);
binds_as!(Wall: Wall => |v| v.0, NaiveDateTime => |v| v, &NaiveDateTime => |v| *v);
binds_as!(Day: NaiveDate => |v| v, &NaiveDate => |v| *v);
binds_as!(Time: NaiveTime => |v| v, &NaiveTime => |v| *v);

impl<T: Bind + Clone> Bind for &Option<T> {
    fn value(self) -> Value {
        self.clone().value()
    }
    fn null() -> Value {
        T::null()
    }
}

impl Bind for &[i64] {
    fn value(self) -> Value {
        Value::Ints(self.to_vec())
    }
    fn null() -> Value {
        Value::Ints(Vec::new())
    }
}

impl Bind for Vec<i64> {
    fn value(self) -> Value {
        Value::Ints(self)
    }
    fn null() -> Value {
        Value::Ints(Vec::new())
    }
}

impl Bind for &[&str] {
    fn value(self) -> Value {
        Value::Texts(self.iter().map(|text| text.to_string()).collect())
    }
    fn null() -> Value {
        Value::Texts(Vec::new())
    }
}

/// A row both backends can decode into: `#[derive(sqlx::FromRow)]` structs
/// and tuples whose fields are [`Column`]s.
pub trait Readable:
    for<'r> FromRow<'r, SqliteRow> + for<'r> FromRow<'r, PgRow> + Send + Unpin
{
}
impl<T> Readable for T where
    T: for<'r> FromRow<'r, SqliteRow> + for<'r> FromRow<'r, PgRow> + Send + Unpin
{
}

/// A single column both backends can decode.
pub trait Column:
    for<'r> Decode<'r, Sqlite>
    + Type<Sqlite>
    + for<'r> Decode<'r, Postgres>
    + Type<Postgres>
    + Send
    + Unpin
{
}
impl<T> Column for T where
    T: for<'r> Decode<'r, Sqlite>
        + Type<Sqlite>
        + for<'r> Decode<'r, Postgres>
        + Type<Postgres>
        + Send
        + Unpin
{
}

/// A statement and its values, not yet sent.
#[must_use = "a statement does nothing until it is executed or fetched"]
pub struct Statement<'q> {
    sqlite: &'q str,
    postgres: &'q str,
    values: Vec<Value>,
}

/// How SQLite reads a list parameter, and how PostgreSQL is asked the same.
const SQLITE_LIST: (&str, &str) = ("IN (SELECT value FROM json_each($", "))");
const POSTGRES_LIST: (&str, &str) = ("= ANY($", ")");

/// The statement for PostgreSQL: each list parameter, which SQLite reads
/// with `IN (SELECT value FROM json_each($n))`, as `= ANY($n)` (an array).
/// The one translation made, when a statement is sent to PostgreSQL (SQLite
/// pays nothing for it); everything else is written for both or given with
/// [`Statement::on_postgres`].
fn postgres_lists(sql: &str) -> Cow<'_, str> {
    if !sql.contains(SQLITE_LIST.0) {
        return Cow::Borrowed(sql);
    }
    let mut out = String::with_capacity(sql.len());
    let mut rest = sql;
    while let Some(at) = rest.find(SQLITE_LIST.0) {
        out.push_str(&rest[..at]);
        let after = &rest[at + SQLITE_LIST.0.len()..];
        let digits = after.chars().take_while(char::is_ascii_digit).count();
        match after[digits..].strip_prefix(SQLITE_LIST.1) {
            Some(tail) => {
                out.push_str(POSTGRES_LIST.0);
                out.push_str(&after[..digits]);
                out.push_str(POSTGRES_LIST.1);
                rest = tail;
            }
            None => {
                out.push_str(SQLITE_LIST.0);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// A statement (`INSERT`, `UPDATE`, `DELETE`, …) whose rows are not read.
pub fn query(sql: &str) -> Statement<'_> {
    Statement {
        sqlite: sql,
        postgres: sql,
        values: Vec::new(),
    }
}

/// A statement whose rows decode into `R`.
pub fn query_as<R: Readable>(sql: &str) -> Rows<'_, R> {
    Rows {
        statement: query(sql),
        row: std::marker::PhantomData,
    }
}

/// A statement whose rows are one value each.
pub fn query_scalar<T: Column>(sql: &str) -> Scalars<'_, T> {
    Scalars {
        statement: query(sql),
        value: std::marker::PhantomData,
    }
}

/// How many rows a statement changed.
#[derive(Debug, Clone, Copy)]
pub struct Done {
    rows: u64,
}

impl Done {
    pub fn rows_affected(&self) -> u64 {
        self.rows
    }
}

fn sqlite_arguments<'q>(values: Vec<Value>) -> Result<SqliteArguments<'q>, sqlx::Error> {
    let mut arguments = SqliteArguments::default();
    for value in values {
        match value {
            Value::Int(v) => arguments.add(v),
            Value::Real(v) => arguments.add(v),
            Value::Bool(v) => arguments.add(v),
            Value::Text(v) => arguments.add(v),
            Value::Bytes(v) => arguments.add(v),
            // The shapes SQLite's text columns have always held; sqlx's own
            // ("…+00:00", "… 08:30:00") would sort wrong beside them.
            Value::At(v) => arguments.add(v.map(super::timestamp)),
            Value::AtMillis(v) => arguments.add(v.map(super::timestamp_millis)),
            Value::Wall(v) => arguments.add(v.map(|v| v.format("%Y-%m-%dT%H:%M").to_string())),
            Value::Day(v) => arguments.add(v.map(|v| v.format("%Y-%m-%d").to_string())),
            Value::Time(v) => arguments.add(v.map(|v| v.format("%H:%M").to_string())),
            Value::Ints(v) => arguments.add(serde_json::to_string(&v).unwrap_or_default()),
            Value::Texts(v) => arguments.add(serde_json::to_string(&v).unwrap_or_default()),
        }
        .map_err(sqlx::Error::Encode)?;
    }
    Ok(arguments)
}

fn postgres_arguments(values: Vec<Value>) -> Result<PgArguments, sqlx::Error> {
    let mut arguments = PgArguments::default();
    for value in values {
        match value {
            Value::Int(v) => arguments.add(v),
            Value::Real(v) => arguments.add(v),
            Value::Bool(v) => arguments.add(v),
            Value::Text(v) => arguments.add(v),
            Value::Bytes(v) => arguments.add(v),
            // To the second and the millisecond, as on SQLite: a moment
            // reads back the same on both, and compares the same.
            Value::At(v) => arguments.add(v.map(|v| v.trunc_subsecs(0))),
            Value::AtMillis(v) => arguments.add(v.map(|v| v.trunc_subsecs(3))),
            Value::Wall(v) => arguments.add(v),
            Value::Day(v) => arguments.add(v),
            Value::Time(v) => arguments.add(v),
            Value::Ints(v) => arguments.add(v),
            Value::Texts(v) => arguments.add(v),
        }
        .map_err(sqlx::Error::Encode)?;
    }
    Ok(arguments)
}

/// Sends `$statement` with the function sqlx offers for it (`query_with`,
/// `query_as_with`, …) and awaits `$method` on the executor's backend.
macro_rules! send {
    ($statement:expr, $on:expr, $make:ident $(::<$row:ty>)?, $method:ident) => {{
        let Statement { sqlite, postgres, values } = $statement;
        let sent = match $on.on() {
            On::SqlitePool(pool) => sqlx::$make::<Sqlite, $($row,)? _>(sqlite, sqlite_arguments(values)?).$method(pool).await,
            On::Sqlite(connection) => sqlx::$make::<Sqlite, $($row,)? _>(sqlite, sqlite_arguments(values)?).$method(connection).await,
            On::PostgresPool(pool) => sqlx::$make::<Postgres, $($row,)? _>(&postgres_lists(postgres), postgres_arguments(values)?).$method(pool).await,
            On::Postgres(connection) => sqlx::$make::<Postgres, $($row,)? _>(&postgres_lists(postgres), postgres_arguments(values)?).$method(connection).await,
        };
        refused_by_database(&sent, sqlite);
        sent
    }};
}

/// Names the statement the database refused (its text, never its values,
/// which may be medical), for `RUST_LOG=kring_app::db=debug`.
fn refused_by_database<T>(sent: &Result<T, sqlx::Error>, sql: &str) {
    if let Err(
        error @ (sqlx::Error::Database(_)
        | sqlx::Error::ColumnDecode { .. }
        | sqlx::Error::Decode(_)),
    ) = sent
    {
        let sql = sql.split_whitespace().collect::<Vec<_>>().join(" ");
        tracing::debug!(%error, sql, "statement refused");
    }
}

impl<'q> Statement<'q> {
    pub fn bind(mut self, value: impl Bind) -> Self {
        self.values.push(value.value());
        self
    }

    /// The same statement in PostgreSQL's words, where the dialects differ
    /// (JSON, date arithmetic); its parameters are the same.
    pub fn on_postgres(mut self, sql: &'q str) -> Self {
        self.postgres = sql;
        self
    }

    pub async fn execute<'c>(self, on: impl Executor<'c>) -> Result<Done, sqlx::Error> {
        let Statement {
            sqlite,
            postgres,
            values,
        } = self;
        let done = match on.on() {
            On::SqlitePool(pool) => sqlx::query_with(sqlite, sqlite_arguments(values)?)
                .execute(pool)
                .await
                .map(|done| done.rows_affected()),
            On::Sqlite(connection) => sqlx::query_with(sqlite, sqlite_arguments(values)?)
                .execute(connection)
                .await
                .map(|done| done.rows_affected()),
            On::PostgresPool(pool) => {
                sqlx::query_with(&postgres_lists(postgres), postgres_arguments(values)?)
                    .execute(pool)
                    .await
                    .map(|done| done.rows_affected())
            }
            On::Postgres(connection) => {
                sqlx::query_with(&postgres_lists(postgres), postgres_arguments(values)?)
                    .execute(connection)
                    .await
                    .map(|done| done.rows_affected())
            }
        };
        refused_by_database(&done, sqlite);
        Ok(Done { rows: done? })
    }
}

/// A statement whose rows decode into `R` (see [`query_as`]).
#[must_use = "a statement does nothing until it is fetched"]
pub struct Rows<'q, R> {
    statement: Statement<'q>,
    row: std::marker::PhantomData<R>,
}

impl<'q, R: Readable> Rows<'q, R> {
    pub fn bind(mut self, value: impl Bind) -> Self {
        self.statement = self.statement.bind(value);
        self
    }

    pub fn on_postgres(mut self, sql: &'q str) -> Self {
        self.statement = self.statement.on_postgres(sql);
        self
    }

    pub async fn fetch_one<'c>(self, on: impl Executor<'c>) -> Result<R, sqlx::Error> {
        send!(self.statement, on, query_as_with::<R>, fetch_one)
    }

    pub async fn fetch_optional<'c>(self, on: impl Executor<'c>) -> Result<Option<R>, sqlx::Error> {
        send!(self.statement, on, query_as_with::<R>, fetch_optional)
    }

    pub async fn fetch_all<'c>(self, on: impl Executor<'c>) -> Result<Vec<R>, sqlx::Error> {
        send!(self.statement, on, query_as_with::<R>, fetch_all)
    }
}

/// A statement whose rows are one value each (see [`query_scalar`]).
#[must_use = "a statement does nothing until it is fetched"]
pub struct Scalars<'q, T> {
    statement: Statement<'q>,
    value: std::marker::PhantomData<T>,
}

impl<'q, T: Column> Scalars<'q, T> {
    pub fn bind(mut self, value: impl Bind) -> Self {
        self.statement = self.statement.bind(value);
        self
    }

    pub fn on_postgres(mut self, sql: &'q str) -> Self {
        self.statement = self.statement.on_postgres(sql);
        self
    }

    pub async fn fetch_one<'c>(self, on: impl Executor<'c>) -> Result<T, sqlx::Error> {
        send!(self.statement, on, query_scalar_with::<T>, fetch_one)
    }

    pub async fn fetch_optional<'c>(self, on: impl Executor<'c>) -> Result<Option<T>, sqlx::Error> {
        send!(self.statement, on, query_scalar_with::<T>, fetch_optional)
    }

    pub async fn fetch_all<'c>(self, on: impl Executor<'c>) -> Result<Vec<T>, sqlx::Error> {
        send!(self.statement, on, query_scalar_with::<T>, fetch_all)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_parameter_is_asked_of_postgresql_as_an_array() {
        assert_eq!(
            postgres_lists(
                "SELECT id FROM t WHERE id IN (SELECT value FROM json_each($1)) AND x = $2"
            ),
            "SELECT id FROM t WHERE id = ANY($1) AND x = $2"
        );
        assert_eq!(
            postgres_lists(
                "a IN (SELECT value FROM json_each($12)) OR b IN (SELECT value FROM json_each($3))"
            ),
            "a = ANY($12) OR b = ANY($3)"
        );
        // Anything else is left as written.
        let plain = "SELECT value FROM json_each($1) WHERE value > 2";
        assert!(matches!(postgres_lists(plain), Cow::Borrowed(text) if text == plain));
    }

    #[tokio::test]
    async fn sqlite_reads_each_kind_of_value_as_it_was_bound() {
        let pool =
            super::super::Pool::Sqlite(sqlx::SqlitePool::connect("sqlite::memory:").await.unwrap());
        let (number, text, yes, none): (i64, String, bool, Option<String>) =
            query_as("SELECT $1, $2, $3, $4")
                .bind(7_u32)
                .bind("zeven")
                .bind(true)
                .bind(None::<&str>)
                .fetch_one(&pool)
                .await
                .unwrap();
        assert_eq!((number, text.as_str(), yes, none), (7, "zeven", true, None));
        let ids: Vec<i64> = query_scalar("SELECT value FROM json_each($1) ORDER BY value")
            .bind(&[3_i64, 1, 2][..])
            .fetch_all(&pool)
            .await
            .unwrap();
        assert_eq!(ids, [1, 2, 3]);
        let done = query("SELECT 1").execute(&pool).await.unwrap();
        assert_eq!(done.rows_affected(), 0);
    }
}
