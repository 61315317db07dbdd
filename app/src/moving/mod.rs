//! Moving an installation from SQLite to PostgreSQL
//! (`kring migrate-to-postgres`, docs/operations.md): every row of every
//! table, ids kept, in one transaction on the new side, and then checked
//! there: each table's row count and checksum against what was read, and
//! the access log's hash chain to the same head.
//!
//! The SQLite database must be at this version's level and no server may
//! run on it meanwhile (its lock is held). The new database must hold no row
//! yet; a move that fails leaves it without any.

pub mod cell;
mod queries;

use crate::backup::{self, DatabaseLock};
use crate::db::{self, Backend, Db, Pool};
use crate::dossier::access_log::{self, ChainHead};
use cell::{Kind, TableSum};
use futures_util::TryStreamExt;
use sqlx::postgres::PgPoolOptions;
use sqlx::sqlite::{SqliteConnectOptions, SqlitePoolOptions};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::PathBuf;
use std::str::FromStr;
use std::time::Instant;

/// A table as it arrived.
#[derive(Debug, Clone)]
pub struct TableMoved {
    pub name: String,
    pub rows: u64,
    pub checksum: [u8; 32],
}

#[derive(Debug)]
pub struct Moved {
    /// In the order they were written (a table after those it refers to).
    pub tables: Vec<TableMoved>,
    /// The access log's chain, the same on both sides.
    pub access_log: ChainHead,
    pub seconds: f64,
}

#[derive(Debug, thiserror::Error)]
pub enum MoveError {
    #[error("{0} is geen SQLite-database (KRING_DATABASE_URL moet met sqlite:// beginnen)")]
    SourceNotSqlite(String),
    #[error("het doel moet een PostgreSQL-adres zijn (postgres://…)")]
    TargetNotPostgres,
    #[error("er is geen database op {0}")]
    NoSource(PathBuf),
    /// A server runs on the SQLite file (its lock is taken), or the file
    /// cannot be named or locked.
    #[error("{0}")]
    Backup(#[from] backup::BackupError),
    #[error("de SQLite-database is niet van deze versie van Kring: start deze versie er eerst één keer op (dan past ze zich aan), stop hem, en verhuis dan")]
    NotThisLevel,
    #[error("de PostgreSQL-database is niet leeg (rijen in {}); verhuis alleen naar een lege database", .0.join(", "))]
    TargetNotEmpty(Vec<String>),
    #[error("de tabellen verschillen: {0}")]
    SchemasDiffer(String),
    #[error("het toegangslog van de SQLite-database is veranderd: de keten breekt bij regel {0}; er is niets verhuisd")]
    AccessLogBroken(i64),
    #[error("het toegangslog van de SQLite-database is niet te lezen; er is niets verhuisd")]
    AccessLogUnreadable,
    #[error("tabel {table}, kolom {column}, rij {row}: die waarde past niet in PostgreSQL (daar hoort {} te staan); er is niets verhuisd", expected.in_dutch())]
    Unfit {
        table: String,
        column: String,
        row: u64,
        expected: Kind,
    },
    #[error("de controle klopt niet voor tabel {table}: {reason}. Gooi de PostgreSQL-database weg en probeer opnieuw")]
    CheckFailed { table: String, reason: String },
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
}

/// A table of the target schema: its columns with their kinds, and the
/// identity column whose counter must go past the ids copied.
struct Table {
    name: String,
    columns: Vec<(String, Kind)>,
    identity: Option<String>,
}

/// Rows per INSERT: many, under PostgreSQL's 65,535 parameters.
fn batch_size(columns: usize) -> usize {
    (30_000 / columns.max(1)).clamp(1, 1_000)
}

/// Copies the SQLite database of `sqlite_url` into the empty PostgreSQL
/// database of `postgres_url`, and checks the copy. `progress` hears of
/// each table once it is checked.
pub async fn to_postgres(
    sqlite_url: &str,
    postgres_url: &str,
    mut progress: impl FnMut(&TableMoved),
) -> Result<Moved, MoveError> {
    let started = Instant::now();
    if Backend::of_url(sqlite_url) != Backend::Sqlite {
        return Err(MoveError::SourceNotSqlite(sqlite_url.to_string()));
    }
    if Backend::of_url(postgres_url) != Backend::Postgres {
        return Err(MoveError::TargetNotPostgres);
    }
    let file = backup::database_file(sqlite_url)?;
    if !file.is_file() {
        return Err(MoveError::NoSource(file));
    }
    let _alone = DatabaseLock::alone(&file)?;
    let source_pool = SqlitePoolOptions::new()
        .max_connections(2)
        .connect_with(SqliteConnectOptions::from_str(sqlite_url)?.read_only(true))
        .await?;
    if backup::migrations_waiting(&source_pool, &db::migrator()).await != Some(false) {
        return Err(MoveError::NotThisLevel);
    }
    let source_db = Db::over(Pool::Sqlite(source_pool.clone()));
    let chain = match access_log::check_chain(&source_db).await {
        Ok(Ok(head)) => head,
        Ok(Err(broken)) => return Err(MoveError::AccessLogBroken(broken.row_id)),
        Err(_) => return Err(MoveError::AccessLogUnreadable),
    };

    let target_pool = PgPoolOptions::new()
        .max_connections(2)
        .connect(postgres_url)
        .await?;
    let mut target = target_pool.acquire().await?;
    let filled = queries::tables_with_rows(&mut target).await?;
    if !filled.is_empty() {
        return Err(MoveError::TargetNotEmpty(filled));
    }
    db::postgres_migrator()
        .run(&target_pool)
        .await
        .map_err(|error| MoveError::Database(error.into()))?;

    let mut source = source_pool.acquire().await?;
    let tables = in_order(
        tables_of(queries::columns(&mut target).await?)?,
        queries::references(&mut target).await?,
    );
    same_tables(&tables, &queries::sqlite_tables(&mut source).await?)?;
    let sequences = queries::sqlite_sequences(&mut source).await?;

    let mut sums = Vec::with_capacity(tables.len());
    let mut writing = target_pool.begin().await?;
    for table in &tables {
        let select = queries::select_all(&table.name, &table.columns);
        let mut rows = queries::sqlite_rows(&mut source, &select);
        let size = batch_size(table.columns.len());
        let mut batch = Vec::with_capacity(size);
        let mut sum = TableSum::default();
        while let Some(row) = rows.try_next().await? {
            let cells = queries::sqlite_row(&row, &table.columns).map_err(|(column, unfit)| {
                MoveError::Unfit {
                    table: table.name.clone(),
                    column,
                    row: sum.rows() + 1,
                    expected: unfit.expected,
                }
            })?;
            sum.add(&cells);
            batch.push(cells);
            if batch.len() == size {
                let identity = table.identity.is_some();
                queries::insert(&mut writing, &table.name, &table.columns, identity, &batch)
                    .await?;
                batch.clear();
            }
        }
        drop(rows);
        if !batch.is_empty() {
            let identity = table.identity.is_some();
            queries::insert(&mut writing, &table.name, &table.columns, identity, &batch).await?;
        }
        if let Some(column) = &table.identity {
            let given_out = sequences.get(&table.name).copied().unwrap_or(0);
            queries::advance_identity(&mut writing, &table.name, column, given_out).await?;
        }
        sums.push(sum.finish());
    }
    writing.commit().await?;
    drop(source);

    // The check reads what PostgreSQL now holds, after the commit.
    let mut moved = Vec::with_capacity(tables.len());
    for (table, (rows, checksum)) in tables.iter().zip(sums) {
        let mut sum = TableSum::default();
        queries::read_postgres(&mut target, &table.name, &table.columns, |row| {
            sum.add(&row)
        })
        .await?;
        let (arrived, arrived_checksum) = sum.finish();
        let failed = |reason: String| MoveError::CheckFailed {
            table: table.name.clone(),
            reason,
        };
        if arrived != rows {
            return Err(failed(format!(
                "{rows} rijen gelezen, {arrived} aangekomen"
            )));
        }
        if arrived_checksum != checksum {
            return Err(failed("de controlesom verschilt".into()));
        }
        let done = TableMoved {
            name: table.name.clone(),
            rows,
            checksum,
        };
        progress(&done);
        moved.push(done);
    }
    drop(target);
    let target_db = Db::over(Pool::Postgres(target_pool));
    let arrived_chain = access_log::check_chain(&target_db).await;
    let chain_failed = |reason: &str| MoveError::CheckFailed {
        table: "dossier_access_log".into(),
        reason: reason.into(),
    };
    match arrived_chain {
        Ok(Ok(head)) if head.head == chain.head && head.rows == chain.rows => {}
        Ok(Ok(_)) => return Err(chain_failed("de keten eindigt niet bij dezelfde hash")),
        Ok(Err(broken)) => {
            return Err(chain_failed(&format!(
                "de keten breekt bij regel {}",
                broken.row_id
            )))
        }
        Err(_) => return Err(chain_failed("het toegangslog is onleesbaar")),
    }
    target_db.close().await;
    source_db.close().await;
    Ok(Moved {
        tables: moved,
        access_log: chain,
        seconds: started.elapsed().as_secs_f64(),
    })
}

/// The catalog's columns, gathered per table.
fn tables_of(columns: Vec<queries::CatalogColumn>) -> Result<Vec<Table>, MoveError> {
    let mut tables: BTreeMap<String, Table> = BTreeMap::new();
    for column in columns {
        let kind = Kind::of_postgres(&column.data_type).ok_or_else(|| {
            MoveError::SchemasDiffer(format!(
                "{}.{} heeft een onbekend type ({})",
                column.table_name, column.column_name, column.data_type
            ))
        })?;
        let table = tables
            .entry(column.table_name.clone())
            .or_insert_with(|| Table {
                name: column.table_name.clone(),
                columns: Vec::new(),
                identity: None,
            });
        if column.is_identity == "YES" {
            table.identity = Some(column.column_name.clone());
        }
        table.columns.push((column.column_name, kind));
    }
    Ok(tables.into_values().collect())
}

/// Each table after the tables it refers to, so that every foreign key
/// finds its row; by name where the order is free.
fn in_order(tables: Vec<Table>, references: Vec<(String, String)>) -> Vec<Table> {
    let mut needs: HashMap<String, BTreeSet<String>> = HashMap::new();
    for (child, parent) in references {
        if child != parent {
            needs.entry(child).or_default().insert(parent);
        }
    }
    let mut waiting: Vec<Table> = tables;
    let mut ordered: Vec<Table> = Vec::with_capacity(waiting.len());
    while !waiting.is_empty() {
        let placed: BTreeSet<String> = ordered.iter().map(|t| t.name.clone()).collect();
        let ready = waiting.iter().position(|table| {
            needs
                .get(&table.name)
                .is_none_or(|parents| parents.iter().all(|p| placed.contains(p)))
        });
        // A cycle: the rest in name order, and PostgreSQL says which key fails.
        let next = ready.unwrap_or(0);
        ordered.push(waiting.remove(next));
    }
    ordered
}

/// Both sides have the same tables with the same columns.
fn same_tables(tables: &[Table], sqlite: &HashMap<String, Vec<String>>) -> Result<(), MoveError> {
    let mut differences = Vec::new();
    for table in tables {
        match sqlite.get(&table.name) {
            None => differences.push(format!("{} ontbreekt in SQLite", table.name)),
            Some(columns) => {
                let theirs: BTreeSet<&str> = columns.iter().map(String::as_str).collect();
                let ours: BTreeSet<&str> = table.columns.iter().map(|(c, _)| c.as_str()).collect();
                if theirs != ours {
                    differences.push(format!("{} heeft andere kolommen", table.name));
                }
            }
        }
    }
    for name in sqlite.keys() {
        if !tables.iter().any(|table| &table.name == name) {
            differences.push(format!("{name} ontbreekt in PostgreSQL"));
        }
    }
    if differences.is_empty() {
        Ok(())
    } else {
        differences.sort();
        Err(MoveError::SchemasDiffer(differences.join("; ")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(name: &str) -> Table {
        Table {
            name: name.into(),
            columns: vec![("id".into(), Kind::Int)],
            identity: None,
        }
    }

    #[test]
    fn a_table_comes_after_the_tables_it_refers_to() {
        let tables = ["messages", "accounts", "threads", "care_pages"].map(table);
        let references = [
            ("messages", "threads"),
            ("messages", "accounts"),
            ("threads", "care_pages"),
            ("threads", "threads"),
        ]
        .map(|(a, b)| (a.to_string(), b.to_string()));
        let order: Vec<String> = in_order(tables.into(), references.into())
            .into_iter()
            .map(|t| t.name)
            .collect();
        assert_eq!(order, ["accounts", "care_pages", "threads", "messages"]);
    }

    #[test]
    fn batches_stay_under_postgresqls_parameter_limit() {
        for columns in [1, 3, 13, 40, 200] {
            assert!(batch_size(columns) * columns < 65_535);
            assert!(batch_size(columns) >= 1);
        }
    }
}
