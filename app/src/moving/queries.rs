//! The statements of the move: the catalogs of both sides, rows read from
//! SQLite, rows written to and read back from PostgreSQL. Table and column
//! names come from PostgreSQL's catalog, never from a person, and are quoted.

use super::cell::{Cell, Kind, Unfit};
use futures_util::stream::BoxStream;
use futures_util::TryStreamExt;
use sqlx::postgres::{PgArguments, PgConnection, PgRow};
use sqlx::sqlite::{SqliteConnection, SqliteRow};
use sqlx::{Arguments, Row, ValueRef};
use std::collections::HashMap;

/// A column of a table in the target's schema.
#[derive(sqlx::FromRow)]
pub struct CatalogColumn {
    pub table_name: String,
    pub column_name: String,
    pub data_type: String,
    pub is_identity: String,
}

pub async fn columns(pg: &mut PgConnection) -> sqlx::Result<Vec<CatalogColumn>> {
    sqlx::query_as(
        "SELECT table_name::text, column_name::text, data_type::text, is_identity::text
         FROM information_schema.columns
         WHERE table_schema = current_schema() AND table_name <> '_sqlx_migrations'
         ORDER BY table_name, ordinal_position",
    )
    .fetch_all(pg)
    .await
}

/// `(table, table it refers to)` for every foreign key of the schema.
pub async fn references(pg: &mut PgConnection) -> sqlx::Result<Vec<(String, String)>> {
    sqlx::query_as(
        "SELECT child.relname::text, parent.relname::text
         FROM pg_constraint c
         JOIN pg_class child ON child.oid = c.conrelid
         JOIN pg_class parent ON parent.oid = c.confrelid
         JOIN pg_namespace n ON n.oid = c.connamespace
         WHERE c.contype = 'f' AND n.nspname = current_schema()",
    )
    .fetch_all(pg)
    .await
}

/// Every table of the target's schema that holds a row (migrations aside).
pub async fn tables_with_rows(pg: &mut PgConnection) -> sqlx::Result<Vec<String>> {
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT table_name::text FROM information_schema.tables
         WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
           AND table_name <> '_sqlx_migrations'",
    )
    .fetch_all(&mut *pg)
    .await?;
    let mut filled = Vec::new();
    for table in tables {
        let sql = format!("SELECT EXISTS (SELECT 1 FROM {})", quoted(&table));
        if sqlx::query_scalar::<_, bool>(&sql)
            .fetch_one(&mut *pg)
            .await?
        {
            filled.push(table);
        }
    }
    Ok(filled)
}

/// The tables of the SQLite database, with their columns.
pub async fn sqlite_tables(
    sqlite: &mut SqliteConnection,
) -> sqlx::Result<HashMap<String, Vec<String>>> {
    let names: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master
         WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_sqlx_migrations'",
    )
    .fetch_all(&mut *sqlite)
    .await?;
    let mut tables = HashMap::new();
    for name in names {
        let columns: Vec<String> =
            sqlx::query_scalar("SELECT name FROM pragma_table_info($1) ORDER BY cid")
                .bind(&name)
                .fetch_all(&mut *sqlite)
                .await?;
        tables.insert(name, columns);
    }
    Ok(tables)
}

/// The highest id SQLite ever gave out per table (`AUTOINCREMENT`): ids of
/// deleted rows are not given out again on the new side either.
pub async fn sqlite_sequences(sqlite: &mut SqliteConnection) -> sqlx::Result<HashMap<String, i64>> {
    let exists: bool = sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence')",
    )
    .fetch_one(&mut *sqlite)
    .await?;
    if !exists {
        return Ok(HashMap::new());
    }
    let rows: Vec<(String, i64)> = sqlx::query_as("SELECT name, seq FROM sqlite_sequence")
        .fetch_all(sqlite)
        .await?;
    Ok(rows.into_iter().collect())
}

fn quoted(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

fn column_list(columns: &[(String, Kind)]) -> String {
    columns
        .iter()
        .map(|(name, _)| quoted(name))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The statement that reads every row of `table`, its columns in order.
pub fn select_all(table: &str, columns: &[(String, Kind)]) -> String {
    format!("SELECT {} FROM {}", column_list(columns), quoted(table))
}

/// The rows of [`select_all`] from SQLite, one at a time.
pub fn sqlite_rows<'c>(
    sqlite: &'c mut SqliteConnection,
    select: &'c str,
) -> BoxStream<'c, sqlx::Result<SqliteRow>> {
    sqlx::query(select).fetch(sqlite)
}

/// A row's values in the kinds of their PostgreSQL columns; the column
/// whose value its new column cannot hold.
pub fn sqlite_row(
    row: &SqliteRow,
    columns: &[(String, Kind)],
) -> Result<Vec<Cell>, (String, Unfit)> {
    let mut cells = Vec::with_capacity(columns.len());
    for (index, (name, kind)) in columns.iter().enumerate() {
        let unfit = || (name.clone(), Unfit { expected: *kind });
        let raw = row.try_get_raw(index).map_err(|_| unfit())?;
        if raw.is_null() {
            cells.push(Cell::Null(*kind));
            continue;
        }
        // Read unchecked: SQLite's columns are loosely typed (a REAL column
        // may hold 70, an integer), and the kind is the new column's.
        let cell = match kind {
            Kind::Int => Cell::Int(row.try_get_unchecked(index).map_err(|_| unfit())?),
            Kind::Real => Cell::Real(row.try_get_unchecked(index).map_err(|_| unfit())?),
            Kind::Bool => match row.try_get_unchecked::<i64, _>(index) {
                Ok(0) => Cell::Bool(false),
                Ok(1) => Cell::Bool(true),
                _ => return Err(unfit()),
            },
            Kind::Bytes => Cell::Bytes(row.try_get_unchecked(index).map_err(|_| unfit())?),
            Kind::Text | Kind::Instant | Kind::Day | Kind::Time | Kind::Wall => {
                let text: String = row.try_get_unchecked(index).map_err(|_| unfit())?;
                Cell::from_text(*kind, &text).map_err(|unfit| (name.clone(), unfit))?
            }
        };
        cells.push(cell);
    }
    Ok(cells)
}

/// Writes `rows` in one statement. Ids are SQLite's (`OVERRIDING SYSTEM
/// VALUE`): every reference between rows stays as it was.
pub async fn insert(
    pg: &mut PgConnection,
    table: &str,
    columns: &[(String, Kind)],
    has_identity: bool,
    rows: &[Vec<Cell>],
) -> sqlx::Result<()> {
    let mut sql = format!("INSERT INTO {} ({})", quoted(table), column_list(columns));
    if has_identity {
        sql.push_str(" OVERRIDING SYSTEM VALUE");
    }
    sql.push_str(" VALUES ");
    let mut arguments = PgArguments::default();
    let mut n = 0;
    for (r, row) in rows.iter().enumerate() {
        if r > 0 {
            sql.push_str(", ");
        }
        sql.push('(');
        for (c, cell) in row.iter().enumerate() {
            n += 1;
            if c > 0 {
                sql.push_str(", ");
            }
            sql.push_str(&format!("${n}"));
            add(&mut arguments, cell).map_err(sqlx::Error::Encode)?;
        }
        sql.push(')');
    }
    sqlx::query_with(&sql, arguments).execute(pg).await?;
    Ok(())
}

fn add(arguments: &mut PgArguments, cell: &Cell) -> Result<(), sqlx::error::BoxDynError> {
    use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, Utc};
    match cell {
        Cell::Null(kind) => match kind {
            Kind::Int => arguments.add(None::<i64>),
            Kind::Real => arguments.add(None::<f64>),
            Kind::Bool => arguments.add(None::<bool>),
            Kind::Text => arguments.add(None::<String>),
            Kind::Bytes => arguments.add(None::<Vec<u8>>),
            Kind::Instant => arguments.add(None::<DateTime<Utc>>),
            Kind::Day => arguments.add(None::<NaiveDate>),
            Kind::Time => arguments.add(None::<NaiveTime>),
            Kind::Wall => arguments.add(None::<NaiveDateTime>),
        },
        Cell::Int(value) => arguments.add(*value),
        Cell::Real(value) => arguments.add(*value),
        Cell::Bool(value) => arguments.add(*value),
        Cell::Text(value) => arguments.add(value.as_str()),
        Cell::Bytes(value) => arguments.add(value.as_slice()),
        Cell::Instant(value) => arguments.add(*value),
        Cell::Day(value) => arguments.add(*value),
        Cell::Time(value) => arguments.add(*value),
        Cell::Wall(value) => arguments.add(*value),
    }
}

/// Sets the identity of `table.column` past `at_least`, so the next row
/// PostgreSQL numbers gets a new id.
pub async fn advance_identity(
    pg: &mut PgConnection,
    table: &str,
    column: &str,
    at_least: i64,
) -> sqlx::Result<()> {
    let sql = format!(
        "SELECT setval(pg_get_serial_sequence($1, $2), GREATEST($3, (SELECT COALESCE(MAX({}), 0) FROM {}), 1), $3 > 0 OR EXISTS (SELECT 1 FROM {}))",
        quoted(column),
        quoted(table),
        quoted(table)
    );
    sqlx::query(&sql)
        .bind(quoted(table))
        .bind(column)
        .bind(at_least)
        .execute(pg)
        .await?;
    Ok(())
}

/// Reads the table back from PostgreSQL, handing each row to `take`.
pub async fn read_postgres(
    pg: &mut PgConnection,
    table: &str,
    columns: &[(String, Kind)],
    mut take: impl FnMut(Vec<Cell>),
) -> sqlx::Result<()> {
    let select = select_all(table, columns);
    let mut rows = sqlx::query(&select).fetch(pg);
    while let Some(row) = rows.try_next().await? {
        take(postgres_row(&row, columns)?);
    }
    Ok(())
}

fn postgres_row(row: &PgRow, columns: &[(String, Kind)]) -> sqlx::Result<Vec<Cell>> {
    use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, Utc};
    let mut cells = Vec::with_capacity(columns.len());
    for (index, (_, kind)) in columns.iter().enumerate() {
        if row.try_get_raw(index)?.is_null() {
            cells.push(Cell::Null(*kind));
            continue;
        }
        cells.push(match kind {
            Kind::Int => Cell::Int(integer(row, index)?),
            Kind::Real => Cell::Real(row.try_get::<f64, _>(index)?),
            Kind::Bool => Cell::Bool(row.try_get(index)?),
            Kind::Text => Cell::Text(row.try_get(index)?),
            Kind::Bytes => Cell::Bytes(row.try_get(index)?),
            Kind::Instant => Cell::Instant(row.try_get::<DateTime<Utc>, _>(index)?),
            Kind::Day => Cell::Day(row.try_get::<NaiveDate, _>(index)?),
            Kind::Time => Cell::Time(row.try_get::<NaiveTime, _>(index)?),
            Kind::Wall => Cell::Wall(row.try_get::<NaiveDateTime, _>(index)?),
        });
    }
    Ok(cells)
}

/// An integer column of any width.
fn integer(row: &PgRow, index: usize) -> sqlx::Result<i64> {
    row.try_get::<i64, _>(index)
        .or_else(|_| row.try_get::<i32, _>(index).map(i64::from))
        .or_else(|_| row.try_get::<i16, _>(index).map(i64::from))
}
