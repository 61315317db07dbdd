//! PostgreSQL for the tests: the server `KRING_TEST_POSTGRES_URL` names (its
//! user may create databases), or else a throwaway cluster that
//! `scripts/test-postgres` starts for this test process and removes when it
//! ends. Each test gets a database of its own.

use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use sqlx::ConnectOptions;
use std::str::FromStr;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::OnceLock;

/// Whether this run's apps keep their data on PostgreSQL
/// (`KRING_TEST_DATABASE=postgres`) rather than SQLite.
pub fn chosen() -> bool {
    std::env::var("KRING_TEST_DATABASE").is_ok_and(|backend| backend == "postgres")
}

/// Returns early from a test that is about SQLite itself (its file, its
/// copies, its writer) when the run is on PostgreSQL, saying so.
#[macro_export]
macro_rules! sqlite_only {
    () => {
        if $crate::common::postgres::chosen() {
            eprintln!("about SQLite only: not run on PostgreSQL");
            return;
        }
    };
}

fn server() -> &'static str {
    static SERVER: OnceLock<String> = OnceLock::new();
    SERVER.get_or_init(|| {
        if let Ok(url) = std::env::var("KRING_TEST_POSTGRES_URL") {
            return url;
        }
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../scripts/test-postgres");
        let started = std::process::Command::new(script)
            .arg(std::process::id().to_string())
            .output()
            .expect("scripts/test-postgres runs");
        assert!(
            started.status.success(),
            "no throwaway PostgreSQL: {}",
            String::from_utf8_lossy(&started.stderr)
        );
        String::from_utf8(started.stdout)
            .unwrap()
            .trim()
            .to_string()
    })
}

/// A new, empty database on the test server, and its address.
pub async fn fresh_database() -> String {
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let name = format!(
        "kring_test_{}_{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    );
    let admin = PgConnectOptions::from_str(server()).unwrap();
    let mut connection = admin.connect().await.expect("the test PostgreSQL answers");
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&mut connection)
        .await
        .unwrap();
    admin.database(&name).to_url_lossy().to_string()
}

/// A pool on a new database with Kring's PostgreSQL migrations applied.
pub async fn migrated() -> PgPool {
    let pool = PgPoolOptions::new()
        .max_connections(4)
        .connect(&fresh_database().await)
        .await
        .unwrap();
    kring_app::db::postgres_migrator().run(&pool).await.unwrap();
    pool
}
