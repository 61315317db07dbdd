//! Kring's schema on PostgreSQL (`migrations/postgres/`) against its schema
//! on SQLite: the same tables and columns, each of a type that holds what the
//! SQLite column holds, and the same guarantees where SQLite has them in the
//! schema (the access log's append-only rule).

use crate::common::postgres;
use std::collections::BTreeMap;

/// Table → column → declared type, as each backend reports them.
type Schema = BTreeMap<String, BTreeMap<String, String>>;

async fn sqlite_schema() -> Schema {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("schema.db").display());
    let db = kring_app::db::Db::connect(&url).await.unwrap();
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table'
           AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_sqlx%'",
    )
    .fetch_all(db.sqlite_reader().unwrap())
    .await
    .unwrap();
    let mut schema = Schema::new();
    for table in tables {
        let columns: Vec<(String, String)> =
            sqlx::query_as("SELECT name, type FROM pragma_table_info($1)")
                .bind(&table)
                .fetch_all(db.sqlite_reader().unwrap())
                .await
                .unwrap();
        schema.insert(table, columns.into_iter().collect());
    }
    schema
}

async fn postgres_schema(pool: &sqlx::PgPool) -> Schema {
    let columns: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT table_name::text, column_name::text, data_type::text FROM information_schema.columns
         WHERE table_schema = 'public' AND table_name NOT LIKE '_sqlx%'",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    let mut schema = Schema::new();
    for (table, column, kind) in columns {
        schema.entry(table).or_default().insert(column, kind);
    }
    schema
}

/// The PostgreSQL types that may hold what a SQLite column of `declared`
/// type holds.
fn may_hold(declared: &str) -> &'static [&'static str] {
    match declared {
        "INTEGER" => &["bigint", "boolean"],
        "REAL" => &["double precision"],
        "BLOB" => &["bytea"],
        "TEXT" => &[
            "text",
            "timestamp with time zone",
            "timestamp without time zone",
            "date",
            "time without time zone",
        ],
        _ => &[],
    }
}

#[tokio::test]
async fn postgres_has_the_tables_and_columns_of_sqlite() {
    let sqlite = sqlite_schema().await;
    let pool = postgres::migrated().await;
    let postgres = postgres_schema(&pool).await;
    assert!(sqlite.len() > 40, "the SQLite schema was read");
    let names = |schema: &Schema| {
        schema
            .iter()
            .map(|(table, columns)| (table.clone(), columns.keys().cloned().collect::<Vec<_>>()))
            .collect::<Vec<_>>()
    };
    assert_eq!(names(&postgres), names(&sqlite));
    for (table, columns) in &sqlite {
        for (column, declared) in columns {
            let kind = &postgres[table][column];
            assert!(
                may_hold(declared).contains(&kind.as_str()),
                "{table}.{column}: {declared} on SQLite, {kind} on PostgreSQL"
            );
        }
    }
}

#[tokio::test]
async fn the_access_log_refuses_change_on_postgres_too() {
    let pool = postgres::migrated().await;
    sqlx::query(
        "INSERT INTO dossier_access_log (id, at, account_id, account_name, role, care_page_id,
             what, outcome, prev_hash, row_hash)
         VALUES (1, now(), 1, 'Marieke Bakker', 'admin', 1, 'reports', 'done', '\\x00', '\\x01')",
    )
    .execute(&pool)
    .await
    .unwrap();
    for change in [
        "UPDATE dossier_access_log SET what = 'measurements'",
        "DELETE FROM dossier_access_log",
        "TRUNCATE dossier_access_log CASCADE",
    ] {
        let refused = sqlx::query(change).execute(&pool).await.unwrap_err();
        assert!(
            refused.to_string().contains("append-only"),
            "{change}: {refused}"
        );
    }
    let rows: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM dossier_access_log")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(rows, 1);
}

/// Each kind of value `kring_app::db` binds reads back from PostgreSQL as
/// it reads back from SQLite: moments to the second (or the millisecond),
/// wall-clock moments, days, times of day and lists.
#[tokio::test]
async fn postgres_reads_each_kind_of_value_as_sqlite_does() {
    use chrono::{NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
    use kring_app::db::{self, At, AtMillis, Pool, Wall};
    let instant = Utc.with_ymd_and_hms(2026, 12, 7, 16, 13, 12).unwrap()
        + chrono::Duration::microseconds(345_678);
    let wall = NaiveDate::from_ymd_opt(2026, 12, 7)
        .unwrap()
        .and_hms_opt(8, 30, 0)
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("values.db").display());
    let sqlite = Pool::Sqlite(
        sqlx::SqlitePool::connect_with(
            url.parse::<sqlx::sqlite::SqliteConnectOptions>()
                .unwrap()
                .create_if_missing(true),
        )
        .await
        .unwrap(),
    );
    let postgres = Pool::Postgres(postgres::migrated().await);
    type Read = (
        chrono::DateTime<Utc>,
        chrono::DateTime<Utc>,
        NaiveDateTime,
        NaiveDate,
        NaiveTime,
    );
    let mut read: Vec<Read> = Vec::new();
    for pool in [&sqlite, &postgres] {
        let statement = db::query_as("SELECT $1, $2, $3, $4, $5")
            .on_postgres(
                "SELECT CAST($1 AS timestamptz), CAST($2 AS timestamptz),
                        CAST($3 AS timestamp), CAST($4 AS date), CAST($5 AS time)",
            )
            .bind(At(instant))
            .bind(AtMillis(instant))
            .bind(Wall(wall))
            .bind(wall.date())
            .bind(wall.time());
        read.push(statement.fetch_one(pool).await.unwrap());
    }
    assert_eq!(read[0], read[1], "SQLite, then PostgreSQL");
    assert_eq!(
        read[1].0,
        Utc.with_ymd_and_hms(2026, 12, 7, 16, 13, 12).unwrap()
    );
    assert_eq!(read[1].1.timestamp_subsec_millis(), 345);
    let ids: Vec<i64> = db::query_scalar(
        "SELECT id FROM providers WHERE id IN (SELECT value FROM json_each($1)) ORDER BY id",
    )
    .bind(&[2_i64, 3][..])
    .fetch_all(&postgres)
    .await
    .unwrap();
    assert!(
        ids.is_empty(),
        "a list is asked as an array: no organisation yet"
    );
}

/// `kring backup` on PostgreSQL checks the server and points to pg_dump;
/// `kring restore` refuses rather than touch a file that is not there.
#[tokio::test]
async fn the_operator_copies_postgresql_with_its_own_tools() {
    let dir = tempfile::tempdir().unwrap();
    let mut settings =
        kring_app::settings::Settings::in_folder("127.0.0.1:0".parse().unwrap(), dir.path());
    settings.database_url = postgres::fresh_database().await;
    let said = kring_server::operator::backup(&settings, &[])
        .await
        .unwrap();
    assert!(said.contains("pg_dump"), "{said}");
    let refused = kring_server::operator::restore(&settings, &["kopie.db".into()])
        .await
        .unwrap_err();
    assert!(refused.contains("pg_restore"), "{refused}");
    settings.database_url = "postgres://kring@127.0.0.1:1/nergens".into();
    let down = kring_server::operator::backup(&settings, &[])
        .await
        .unwrap_err();
    assert!(down.contains("antwoordt niet"), "{down}");
}
