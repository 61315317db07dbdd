//! Moving an installation to PostgreSQL at a real size, and what the move
//! refuses. (The command itself, on the demo: `process::moving`.) These
//! reach PostgreSQL themselves, so they run in the SQLite half only.

use crate::common::postgres;
use kring_app::db::{self, Db, Pool};
use kring_app::demo::installation;
use kring_app::moving::{self, MoveError};

const PAGES: usize = 10_000;

async fn installation_of(pages: usize) -> (tempfile::TempDir, String) {
    let folder = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", folder.path().join("kring.db").display());
    let db = Db::connect(&url).await.unwrap();
    installation::generate(&db, pages, kring_app::dates::today())
        .await
        .unwrap();
    db.close().await;
    (folder, url)
}

async fn rows_in(pool: &Pool, table: &str) -> i64 {
    let sql = format!("SELECT COUNT(*) FROM {table}");
    db::query_scalar(&sql).fetch_one(pool).await.unwrap()
}

#[tokio::test]
async fn ten_thousand_pages_move_and_every_table_checks_out() {
    let started = std::time::Instant::now();
    let (_folder, source) = installation_of(PAGES).await;
    let generated = started.elapsed();
    let target = postgres::fresh_database().await;
    let moved = moving::to_postgres(&source, &target, |_| {}).await.unwrap();
    let rows: u64 = moved.tables.iter().map(|table| table.rows).sum();
    println!(
        "{PAGES} pages generated in {:.1} s; {rows} rows moved and checked in {:.1} s",
        generated.as_secs_f64(),
        moved.seconds
    );
    // Counted again on both sides, apart from the move's own count.
    let sqlite = Pool::Sqlite(sqlx::SqlitePool::connect(&source).await.unwrap());
    let copy = Pool::Postgres(sqlx::PgPool::connect(&target).await.unwrap());
    for table in &moved.tables {
        assert_eq!(rows_in(&sqlite, &table.name).await, table.rows as i64);
        assert_eq!(rows_in(&copy, &table.name).await, table.rows as i64);
    }
    assert_eq!(rows_in(&copy, "care_pages").await, PAGES as i64);
    assert_eq!(moved.access_log.rows, PAGES as u64);
}

#[tokio::test]
async fn a_database_with_rows_is_not_moved_into() {
    let (_folder, source) = installation_of(1).await;
    let target = postgres::fresh_database().await;
    let raw = sqlx::PgPool::connect(&target).await.unwrap();
    kring_app::db::postgres_migrator().run(&raw).await.unwrap();
    let pool = Pool::Postgres(raw);
    db::query("INSERT INTO providers (name) VALUES ('Al hier')")
        .execute(&pool)
        .await
        .unwrap();
    let refused = moving::to_postgres(&source, &target, |_| {}).await;
    assert!(
        matches!(&refused, Err(MoveError::TargetNotEmpty(tables)) if tables == &["providers"]),
        "{refused:?}"
    );
    assert_eq!(rows_in(&pool, "providers").await, 1);
    assert_eq!(rows_in(&pool, "accounts").await, 0);
}

#[tokio::test]
async fn a_value_postgresql_cannot_hold_stops_the_move_and_leaves_no_row() {
    let (folder, source) = installation_of(2).await;
    let sqlite = Pool::Sqlite(sqlx::SqlitePool::connect(&source).await.unwrap());
    db::query("UPDATE visits SET starts_at = 'vanmiddag' WHERE id = (SELECT MAX(id) FROM visits)")
        .execute(&sqlite)
        .await
        .unwrap();
    sqlite.close().await;
    let target = postgres::fresh_database().await;
    let refused = moving::to_postgres(&source, &target, |_| {}).await;
    let Err(MoveError::Unfit { table, column, .. }) = &refused else {
        panic!("{refused:?}");
    };
    assert_eq!((table.as_str(), column.as_str()), ("visits", "starts_at"));
    let message = refused.unwrap_err().to_string();
    assert!(
        !message.contains("vanmiddag"),
        "the value is not repeated: {message}"
    );
    let copy = Pool::Postgres(sqlx::PgPool::connect(&target).await.unwrap());
    for table in ["providers", "accounts", "care_pages", "visits"] {
        assert_eq!(rows_in(&copy, table).await, 0, "{table}");
    }
    drop(folder);
}
