//! The operator's side: readiness, metrics and who may read them, backups
//! (by hand, daily, before a migration) and restoring one, and a full disk.

use crate::common::{demo_family, demo_family_with, error_message, new_client, spawn_app, ADMIN};
use kring_app::backup::{self, DatabaseLock};
use kring_app::db;
use kring_app::messages::api::StartThread;
use kring_app::messages::ShareWith;
use reqwest::StatusCode;
use sqlx::sqlite::{SqliteConnectOptions, SqlitePool};
use sqlx::ConnectOptions;
use std::path::Path;

/// Every row of every table, as SQLite quotes its values: two databases
/// with the same dump hold exactly the same.
async fn dump(file: &Path) -> Vec<String> {
    let mut connection = SqliteConnectOptions::new()
        .filename(file)
        .read_only(true)
        .connect()
        .await
        .unwrap();
    let tables: Vec<String> = db::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .fetch_all(&mut connection)
    .await
    .unwrap();
    let mut lines = Vec::new();
    for table in tables {
        let columns: Vec<String> =
            db::query_scalar("SELECT name FROM pragma_table_info($1) ORDER BY cid")
                .bind(&table)
                .fetch_all(&mut connection)
                .await
                .unwrap();
        let row = columns
            .iter()
            .map(|c| format!("quote(\"{c}\")"))
            .collect::<Vec<_>>()
            .join(" || '|' || ");
        let query = format!("SELECT '{table}: ' || {row} AS line FROM \"{table}\" ORDER BY line");
        let rows: Vec<String> = db::query_scalar(&query)
            .fetch_all(&mut connection)
            .await
            .unwrap();
        lines.extend(rows);
    }
    lines
}

fn database_file(app: &crate::common::TestApp) -> std::path::PathBuf {
    backup::database_file(&app.state.settings.database_url).unwrap()
}

async fn start_thread(
    family: &crate::common::Family,
    client: &reqwest::Client,
    body: &str,
) -> reqwest::Response {
    let arguments = StartThread {
        page_id: family.page_id,
        subject: "Boodschappen".into(),
        body: body.into(),
        share_with: ShareWith::Family,
    };
    family.app.send_as(client, arguments).await
}

#[tokio::test]
async fn health_and_readiness_answer() {
    let app = spawn_app().await;
    let health = app.get("/healthz").await;
    assert_eq!(health.status(), StatusCode::OK);
    let ready = app.get("/readyz").await;
    assert_eq!(ready.status(), StatusCode::OK);
    assert_eq!(ready.text().await.unwrap(), "ready");
    if crate::common::postgres::chosen() {
        return; // PostgreSQL has no single writer for a transaction to hold.
    }
    // A writer held by a long transaction: not ready, and says why.
    let blocking = app.state.db.begin().await.unwrap();
    let busy = app.get_page(&app.client, "/readyz", &[]).await;
    assert_eq!(busy.status(), StatusCode::SERVICE_UNAVAILABLE);
    drop(blocking);
    assert_eq!(app.get("/readyz").await.status(), StatusCode::OK);
}

#[tokio::test]
async fn metrics_count_routes_and_are_only_for_the_configured_readers() {
    let family = demo_family_with(|settings| {
        settings.metrics_token = Some("een-lange-geheime-sleutel".into());
    })
    .await;
    let app = &family.app;
    let admin = family.client_of(ADMIN).await;
    assert_eq!(
        start_thread(&family, &admin, "Wie haalt er melk?")
            .await
            .status(),
        StatusCode::OK
    );
    app.get("/healthz").await;
    app.get("/agenda/feed-geheim-123.ics").await;

    let metrics = app.get("/metrics").await;
    assert_eq!(metrics.status(), StatusCode::OK);
    let text = metrics.text().await.unwrap();
    for expected in [
        "kring_http_requests_total{method=\"GET\",route=\"/healthz\",status=\"200\"}",
        "kring_http_requests_total{method=\"POST\",route=\"/api/start_thread\",status=\"200\"}",
        "kring_http_request_duration_seconds_bucket{method=\"GET\",route=\"/healthz\",le=\"+Inf\"}",
        "kring_db_write_wait_seconds_count",
        "kring_db_connections{pool=\"write\",state=\"idle\"}",
        "kring_outbox_waiting",
        "kring_outbox_failed 0",
        "kring_backup_last_success_timestamp_seconds 0",
    ] {
        assert!(text.contains(expected), "{expected} missing from:\n{text}");
    }
    // Paths are counted by their pattern: no secret, no page id in a label.
    assert!(!text.contains("feed-geheim-123"), "{text}");
    assert!(!text.contains("Wie haalt"), "{text}");

    // Forwarded by a proxy on this machine: a visitor, not a local reader.
    let forwarded = app
        .get_page(
            &app.client,
            "/metrics",
            &[("x-forwarded-for", "203.0.113.9")],
        )
        .await;
    assert_eq!(forwarded.status(), StatusCode::NOT_FOUND);
    let with_token = app
        .get_page(
            &new_client(),
            "/metrics",
            &[
                ("x-forwarded-for", "203.0.113.9"),
                ("authorization", "Bearer een-lange-geheime-sleutel"),
            ],
        )
        .await;
    assert_eq!(with_token.status(), StatusCode::OK);
}

#[tokio::test]
async fn metrics_are_closed_to_addresses_not_listed() {
    let app = crate::common::spawn_app_with(|settings| {
        settings.metrics_from = vec!["10.9.8.7".parse().unwrap()];
    })
    .await;
    assert_eq!(app.get("/metrics").await.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_backup_restored_gives_back_exactly_what_was_saved() {
    crate::sqlite_only!();
    let family = demo_family().await;
    let app = &family.app;
    let admin = family.client_of(ADMIN).await;
    assert_eq!(
        start_thread(&family, &admin, "Voor de kopie")
            .await
            .status(),
        StatusCode::OK
    );
    let dir = tempfile::tempdir().unwrap();
    let copy_file = dir.path().join("handmatig.db");

    // Taken while the server runs.
    let copy = backup::copy_to(app.state.db.sqlite_reader().unwrap(), &copy_file)
        .await
        .unwrap();
    assert!(copy.bytes > 0);
    let backed_up = dump(&copy_file).await;
    assert!(backed_up.iter().any(|line| line.contains("Voor de kopie")));
    // A second copy under the same name is refused, the first kept.
    assert!(matches!(
        backup::copy_to(app.state.db.sqlite_reader().unwrap(), &copy_file).await,
        Err(backup::BackupError::Exists(_))
    ));

    // Changed afterwards.
    assert_eq!(
        start_thread(&family, &admin, "Na de kopie").await.status(),
        StatusCode::OK
    );
    let database = database_file(app);

    // Not while a server holds the database.
    let serving = DatabaseLock::serving(&database).unwrap();
    assert!(matches!(
        backup::restore(&database, &copy_file, chrono::Utc::now()).await,
        Err(backup::BackupError::ServerRunning(_))
    ));
    drop(serving);
    // A damaged copy is refused before anything moves.
    let broken = dir.path().join("kapot.db");
    std::fs::write(&broken, b"SQLite format 3\0 maar verder niets").unwrap();
    assert!(matches!(
        backup::restore(&database, &broken, chrono::Utc::now()).await,
        Err(backup::BackupError::Damaged(..))
    ));

    // The server stops (its connections close), then the copy goes back.
    app.state.db.reader().close().await;
    app.state.db.writer().close().await;
    let changed = dump(&database).await;
    assert_ne!(changed, backed_up);
    let restored = backup::restore(&database, &copy_file, chrono::Utc::now())
        .await
        .unwrap();
    assert_eq!(
        dump(&database).await,
        backed_up,
        "the backed-up state, exactly"
    );
    let aside = restored
        .kept_aside
        .expect("the database as it was, kept aside");
    assert_eq!(
        dump(&aside).await,
        changed,
        "nothing lost: the replaced state is kept"
    );
}

#[tokio::test]
async fn the_daily_copy_is_made_once_a_day_and_old_ones_are_removed() {
    crate::sqlite_only!();
    let family = demo_family().await;
    let db = &family.app.state.db;
    let folder = tempfile::tempdir().unwrap();
    let start = chrono::Utc::now();
    let mut made = Vec::new();
    for day in 0..4 {
        let now = start + chrono::Duration::hours(25 * day);
        let copy = backup::daily::make_if_due(db, folder.path(), 2, now)
            .await
            .unwrap()
            .expect("due");
        backup::check(&copy.path).await.unwrap();
        made.push(copy.path);
        // The same day again: already made.
        let again = now + chrono::Duration::hours(1);
        assert!(backup::daily::make_if_due(db, folder.path(), 2, again)
            .await
            .unwrap()
            .is_none());
    }
    let mut left: Vec<_> = std::fs::read_dir(folder.path())
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    left.sort();
    assert_eq!(left, made[2..], "the newest two are kept");

    let metrics = family.app.get("/metrics").await.text().await.unwrap();
    let last = start + chrono::Duration::hours(75);
    assert!(
        metrics.contains(&format!(
            "kring_backup_last_success_timestamp_seconds {}",
            last.timestamp()
        )),
        "{metrics}"
    );
}

/// A database as the version before the newest migration left it, in
/// `file`; answers the newest migration's version.
async fn older_database(file: &Path) -> i64 {
    let all = kring_app::db::migrator();
    let newest = all.iter().map(|m| m.version).max().unwrap();
    let options = SqliteConnectOptions::new()
        .filename(file)
        .create_if_missing(true);
    let pool = SqlitePool::connect_with(options).await.unwrap();
    let mut earlier = kring_app::db::migrator();
    earlier.migrations = all
        .iter()
        .filter(|m| m.version < newest)
        .cloned()
        .collect::<Vec<_>>()
        .into();
    earlier.run(&pool).await.unwrap();
    pool.close().await;
    newest
}

async fn newest_applied(file: &Path) -> i64 {
    let mut connection = SqliteConnectOptions::new()
        .filename(file)
        .connect()
        .await
        .unwrap();
    db::query_scalar("SELECT MAX(version) FROM _sqlx_migrations")
        .fetch_one(&mut connection)
        .await
        .unwrap()
}

#[tokio::test]
async fn kring_backup_copies_an_older_database_without_migrating_it() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("kring.db");
    let newest = older_database(&file).await;
    let mut settings =
        kring_app::settings::Settings::in_folder("127.0.0.1:0".parse().unwrap(), dir.path());
    settings.database_url = format!("sqlite://{}", file.display());
    let copy = dir.path().join("handmatig.db");
    let said = kring_server::operator::backup(&settings, &[copy.display().to_string()])
        .await
        .unwrap();
    assert!(said.starts_with("Kopie gemaakt en gecontroleerd"), "{said}");
    assert!(
        newest_applied(&file).await < newest,
        "the database was left as it was"
    );
    assert!(newest_applied(&copy).await < newest);

    // Up to date, the copy is recorded for /metrics.
    drop(
        kring_app::db::Db::connect(&settings.database_url)
            .await
            .unwrap(),
    );
    let second = dir.path().join("tweede.db");
    kring_server::operator::backup(&settings, &[second.display().to_string()])
        .await
        .unwrap();
    let db = kring_app::db::Db::connect(&settings.database_url)
        .await
        .unwrap();
    assert!(kring_app::backup::queries::last_success(&db)
        .await
        .unwrap()
        .is_some());
    // No database at all: said so, nothing made.
    settings.database_url = format!("sqlite://{}", dir.path().join("geen.db").display());
    let none = kring_server::operator::backup(&settings, &["x.db".into()]).await;
    assert!(none.unwrap_err().starts_with("er is geen database op"));
    assert!(!dir.path().join("geen.db").exists());
}

#[tokio::test]
async fn a_database_is_copied_before_migrations_change_it() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("kring.db");
    let newest = older_database(&file).await;
    let backups = dir.path().join("backups");
    let url = format!("sqlite://{}", file.display());
    let (db, copy) = kring_app::backup::connect_keeping_copy(&url, &backups)
        .await
        .unwrap();
    let copy = copy.expect("a copy before migrating");
    assert!(copy.path.starts_with(&backups));
    assert!(
        newest_applied(&copy.path).await < newest,
        "the copy is from before"
    );
    let kinds: Vec<String> = db::query_scalar("SELECT kind FROM backup_runs")
        .fetch_all(db.reader())
        .await
        .unwrap();
    assert_eq!(kinds, ["migration"]);
    drop(db);
    // Up to date: no copy the next time.
    let (_, again) = kring_app::backup::connect_keeping_copy(&url, &backups)
        .await
        .unwrap();
    assert!(again.is_none());
    // A new database: nothing to copy either.
    let fresh = format!("sqlite://{}", dir.path().join("new.db").display());
    let (_, none) = kring_app::backup::connect_keeping_copy(&fresh, &backups)
        .await
        .unwrap();
    assert!(none.is_none());
}

#[tokio::test]
async fn a_full_disk_refuses_writes_clearly_damages_nothing_and_passes() {
    crate::sqlite_only!();
    let family = demo_family().await;
    let app = &family.app;
    let admin = family.client_of(ADMIN).await;
    // SQLite's size limit on the one writer connection stands in for a full
    // disk: the same SQLITE_FULL a write gets when the disk has no space left.
    let pages: i64 = db::query_scalar("PRAGMA page_count")
        .fetch_one(app.state.db.writer())
        .await
        .unwrap();
    db::query(&format!("PRAGMA max_page_count = {pages}"))
        .execute(app.state.db.writer())
        .await
        .unwrap();
    let long = "Een lang bericht over de week. ".repeat(60);
    let mut saved = Vec::new();
    let mut refusal = None;
    for n in 0..40 {
        let body = format!("{n}: {long}");
        let response = start_thread(&family, &admin, &body).await;
        if response.status() == StatusCode::OK {
            saved.push(format!("{n}: "));
        } else {
            refusal = Some((response.status(), error_message(response).await));
            break;
        }
    }
    let (status, message) = refusal.expect("the disk filled up");
    assert_eq!(status, StatusCode::INSUFFICIENT_STORAGE);
    assert_eq!(
        message,
        "De opslag van de server is vol, daarom is dit niet bewaard. Wat er al stond, is veilig. Probeer het later opnieuw."
    );
    // Reading goes on, and nothing saved before is damaged.
    let page = family.page_as(&admin, family.page_id).await;
    assert_eq!(page.status(), StatusCode::OK);
    let verdict: String = db::query_scalar("PRAGMA integrity_check")
        .fetch_one(app.state.db.reader())
        .await
        .unwrap();
    assert_eq!(verdict, "ok");
    let bodies: Vec<String> = db::query_scalar("SELECT body FROM messages")
        .fetch_all(app.state.db.reader())
        .await
        .unwrap();
    for start in &saved {
        assert!(
            bodies.iter().any(|b| b.starts_with(start.as_str())),
            "{start} lost"
        );
    }
    // Space again: the same server writes, without a restart.
    db::query("PRAGMA max_page_count = 1073741823")
        .execute(app.state.db.writer())
        .await
        .unwrap();
    let after = start_thread(&family, &admin, "Er is weer ruimte").await;
    assert_eq!(after.status(), StatusCode::OK);
}
