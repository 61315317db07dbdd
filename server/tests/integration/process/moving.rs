//! `kring migrate-to-postgres`, as an operator runs it: refused while Kring
//! serves the SQLite file, then the demo installation (with pages, photos
//! and access-log rows added) copied and checked, refused again into the
//! now filled database, and Kring serving the copy from PostgreSQL.

use super::{Server, Visitor};
use crate::common::postgres;
use crate::common::ADMIN;
use kring_app::db::{self, Db, Pool};
use std::path::Path;
use std::process::{Command, Output};

/// Runs `kring ARGS` in `folder` with `env`, as an operator in a shell.
fn kring(folder: &Path, env: &[(&str, &str)], args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kring"))
        .args(args)
        .current_dir(folder)
        .env("KRING_DATABASE_URL", "sqlite://kring.db")
        .env("LEPTOS_OUTPUT_NAME", "kring")
        .envs(env.iter().copied())
        .output()
        .expect("the kring binary")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Every table's rows, counted on each side.
async fn counts(pool: &Pool, tables: &[String]) -> Vec<(String, i64)> {
    let mut counted = Vec::new();
    for table in tables {
        let sql = format!("SELECT COUNT(*) FROM {table}");
        let count: i64 = db::query_scalar(&sql).fetch_one(pool).await.unwrap();
        counted.push((table.clone(), count));
    }
    counted
}

#[tokio::test]
async fn the_demo_moves_to_postgresql_checked_and_serves_from_there() {
    let root = tempfile::tempdir().unwrap();
    let key = root.path().join("kring.key").display().to_string();
    let env = [("KRING_SECRET_FILE", key.as_str())];
    let here = root.path().join("sqlite");
    std::fs::create_dir_all(&here).unwrap();
    let mut serving = Server::start(&here, &env).await;
    let target = postgres::fresh_database().await;

    let refused = kring(&here, &env, &["migrate-to-postgres", &target]);
    assert!(!refused.status.success());
    assert!(
        text(&refused.stderr).contains("stop die eerst"),
        "{}",
        text(&refused.stderr)
    );
    serving.stop();

    // More than the demo: pages with photos and access-log rows, an
    // organisation from before its moment was kept, and the newest care
    // page deleted (its id is never given out again: the access log names it).
    let source_url = format!("sqlite://{}", here.join("kring.db").display());
    let source = Db::connect(&source_url).await.unwrap();
    kring_app::demo::installation::generate(&source, 3, kring_app::dates::today())
        .await
        .unwrap();
    let store = source.writer().clone();
    db::query("UPDATE providers SET created_at = '' WHERE id = (SELECT MIN(id) FROM providers)")
        .execute(&store)
        .await
        .unwrap();
    let deleted: i64 = db::query_scalar("SELECT MAX(id) FROM care_pages")
        .fetch_one(&store)
        .await
        .unwrap();
    db::query("DELETE FROM care_pages WHERE id = $1")
        .bind(deleted)
        .execute(&store)
        .await
        .unwrap();
    let tables: Vec<String> = db::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table'
         AND name NOT LIKE 'sqlite_%' AND name <> '_sqlx_migrations' ORDER BY name",
    )
    .fetch_all(&store)
    .await
    .unwrap();
    let before = counts(&store, &tables).await;
    let photo: Vec<u8> =
        db::query_scalar("SELECT bytes FROM page_photos ORDER BY care_page_id LIMIT 1")
            .fetch_one(&store)
            .await
            .unwrap();
    source.close().await;

    let moved = kring(&here, &env, &["migrate-to-postgres", &target]);
    let said = text(&moved.stdout);
    assert!(moved.status.success(), "{said}{}", text(&moved.stderr));
    assert!(said.contains("Verhuisd en gecontroleerd"), "{said}");
    assert!(said.contains("page_photos"), "each table is named: {said}");
    let again = kring(&here, &env, &["migrate-to-postgres", &target]);
    assert!(!again.status.success());
    assert!(
        text(&again.stderr).contains("niet leeg"),
        "{}",
        text(&again.stderr)
    );

    let copy = Pool::Postgres(sqlx::PgPool::connect(&target).await.unwrap());
    assert_eq!(counts(&copy, &tables).await, before);
    assert!(before
        .iter()
        .any(|(table, rows)| table == "dossier_access_log" && *rows >= 3));
    let arrived: Vec<u8> =
        db::query_scalar("SELECT bytes FROM page_photos ORDER BY care_page_id LIMIT 1")
            .fetch_one(&copy)
            .await
            .unwrap();
    assert_eq!(arrived, photo, "the photo, byte for byte");
    let unknown: Option<chrono::DateTime<chrono::Utc>> = db::query_scalar(
        "SELECT created_at FROM providers WHERE id = (SELECT MIN(id) FROM providers)",
    )
    .fetch_one(&copy)
    .await
    .unwrap();
    assert_eq!(unknown, None, "an empty moment is no moment");

    // Kring serves the copy: the demo admin logs in, finds her week, and a
    // new page is numbered past the one deleted before the move.
    let there = root.path().join("postgres");
    std::fs::create_dir_all(&there).unwrap();
    let env = [
        ("KRING_DATABASE_URL", target.as_str()),
        ("KRING_SECRET_FILE", key.as_str()),
    ];
    let mut served = Server::start(&there, &env).await;
    let (_, page_id) = super::ids(&served, ADMIN).await;
    let visitor = Visitor::log_in(&served, ADMIN).await;
    let week = visitor
        .get(&format!("/zorgpagina/{page_id}/kalender"))
        .await
        .unwrap();
    assert!(week
        .text()
        .await
        .unwrap()
        .contains("Persoonlijke verzorging"));
    let new_page = super::new_pages(&visitor, 1).await[0];
    assert!(new_page > deleted, "page {new_page} after {deleted}");
    served.stop();
}
