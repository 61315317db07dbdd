//! A migration that fills new columns and tables from rows written before it
//! must give what the code, value by value, keeps up to date afterwards.

use kring_app::dossier::measurements::{queries, Kind, Reading};
use sqlx::sqlite::{SqliteConnectOptions, SqlitePool};
use sqlx::Row;

/// The migration that added the marks and the stored weeks.
const MEASUREMENT_WEEKS: i64 = 20261125000011;

/// `(kind, moment, value, diastolic, organisation)`.
type Value = (Kind, &'static str, f64, Option<f64>, Option<i64>);

/// In the order written: two sources, a weight entered after the ones it
/// changes, values on both sides of a four-week boundary.
const VALUES: &[Value] = &[
    (Kind::Weight, "2026-01-05T08:30", 70.0, None, None),
    (Kind::Weight, "2026-01-20T08:30", 74.0, None, None),
    (Kind::Weight, "2026-02-02T09:00", 71.0, None, Some(7)),
    (Kind::Weight, "2026-02-10T09:00", 75.0, None, Some(7)),
    (Kind::Weight, "2026-03-01T08:30", 70.5, None, None),
    (Kind::Weight, "2026-01-10T08:30", 78.0, None, None),
    (
        Kind::BloodPressure,
        "2026-01-25T10:00",
        145.0,
        Some(85.0),
        Some(7),
    ),
    (
        Kind::BloodPressure,
        "2026-01-26T10:00",
        130.0,
        Some(92.0),
        None,
    ),
    (
        Kind::BloodPressure,
        "2026-02-01T10:00",
        120.0,
        Some(80.0),
        None,
    ),
    (Kind::BloodSugar, "2026-01-25T07:00", 3.9, None, None),
    (Kind::BloodSugar, "2026-02-23T07:00", 6.0, None, Some(7)),
];

async fn database(dir: &std::path::Path, name: &str) -> SqlitePool {
    // Without foreign keys: the values need no care page or organisation.
    let options = SqliteConnectOptions::new()
        .filename(dir.join(name))
        .create_if_missing(true)
        .foreign_keys(false);
    SqlitePool::connect_with(options).await.unwrap()
}

/// Applies every migration older than `version`: the database as it was.
async fn migrate_before(pool: &SqlitePool, version: i64) {
    let mut earlier = sqlx::migrate!("../migrations");
    earlier.migrations = earlier
        .migrations
        .iter()
        .filter(|migration| migration.version < version)
        .cloned()
        .collect::<Vec<_>>()
        .into();
    earlier.run(pool).await.unwrap();
}

/// What the charts read: every value's marks and every stored stretch.
async fn kept(pool: &SqlitePool) -> (Vec<String>, Vec<String>) {
    let marks = sqlx::query("SELECT id, flagged, flagged_own FROM measurements ORDER BY id")
        .fetch_all(pool)
        .await
        .unwrap()
        .iter()
        .map(|row| {
            format!(
                "{} {} {}",
                row.get::<i64, _>(0),
                row.get::<i64, _>(1),
                row.get::<i64, _>(2)
            )
        })
        .collect();
    let stretches = sqlx::query(
        "SELECT printf('%d %s %s %d %d %d %d %d %g %g %.6f %s %s %s %s %d %d %s',
                care_page_id, kind, IFNULL(provider_id, '-'), weeks, week, first_minute,
                last_minute, count, low, high, total, IFNULL(second_low, '-'),
                IFNULL(second_high, '-'), CASE WHEN second_total IS NULL THEN '-' ELSE printf('%.6f', second_total) END,
                IFNULL(pulse, '-'), flagged, flagged_own, author_name)
         FROM measurement_weeks ORDER BY care_page_id, kind, weeks, week, provider_id",
    )
    .fetch_all(pool)
    .await
    .unwrap()
    .iter()
    .map(|row| row.get::<String, _>(0))
    .collect();
    (marks, stretches)
}

#[tokio::test]
async fn marks_and_stored_weeks_of_older_values_match_those_kept_on_saving() {
    let dir = tempfile::tempdir().unwrap();

    // Written before the migration: plain rows, then the migration.
    let before = database(dir.path(), "before.db").await;
    migrate_before(&before, MEASUREMENT_WEEKS).await;
    for (kind, at, value, diastolic, provider) in VALUES {
        sqlx::query(
            "INSERT INTO measurements (care_page_id, kind, measured_at, value, diastolic,
                 provider_id, author_name, created_at)
             VALUES (1, ?, ?, ?, ?, ?, 'Fatima El Amrani', '2026-03-02T10:00:00Z')",
        )
        .bind(kind.as_db())
        .bind(at)
        .bind(value)
        .bind(diastolic)
        .bind(provider)
        .execute(&before)
        .await
        .unwrap();
    }
    sqlx::migrate!("../migrations").run(&before).await.unwrap();

    // Written after it: each value saved as the dossier saves it.
    let after = database(dir.path(), "after.db").await;
    sqlx::migrate!("../migrations").run(&after).await.unwrap();
    let mut conn = kring_app::db::Db::over(kring_app::db::Pool::Sqlite(after.clone()))
        .begin()
        .await
        .unwrap();
    for (kind, at, value, diastolic, provider) in VALUES {
        let measurement = queries::NewMeasurement {
            kind: *kind,
            at: chrono::NaiveDateTime::parse_from_str(at, "%Y-%m-%dT%H:%M").unwrap(),
            reading: Reading {
                value: *value,
                diastolic: *diastolic,
                pulse: None,
            },
            provider_id: *provider,
            author_id: Some(1),
            author_name: "Fatima El Amrani",
        };
        queries::insert(&mut conn, 1, measurement).await.unwrap();
    }
    conn.commit().await.unwrap();

    let (marks, stretches) = kept(&after).await;
    assert_eq!(kept(&before).await, (marks.clone(), stretches.clone()));
    // And the example holds what it is meant to. Weights: 74 and 78 (entered
    // last) stand out against 70; the organisation's 71 only against the
    // family's 78, not against its own weights (it has none before); its 75
    // against its own 71; the family's 70.5 only against the organisation's.
    // Then 145/85, 130/92 and a blood sugar of 3.9.
    let flagged: Vec<&str> = marks
        .iter()
        .filter(|mark| !mark.ends_with(" 0 0"))
        .map(String::as_str)
        .collect();
    assert_eq!(
        flagged,
        ["2 1 1", "3 1 0", "4 1 1", "5 1 0", "6 1 1", "7 1 1", "8 1 1", "10 1 1"]
    );
    let lengths: Vec<&str> = stretches
        .iter()
        .filter_map(|s| s.split(' ').nth(3))
        .collect();
    assert!(
        lengths.contains(&"1") && lengths.contains(&"4"),
        "{lengths:?}"
    );
}

/// The migration that made the page history typed.
const TYPED_HISTORY: i64 = 20261203000013;

#[tokio::test]
async fn history_lines_written_in_dutch_become_the_events_they_described() {
    use kring_app::history::HistoryEvent;
    use kring_app::i18n::Lang;

    let dir = tempfile::tempdir().unwrap();
    let pool = database(dir.path(), "history.db").await;
    migrate_before(&pool, TYPED_HISTORY).await;
    // Each line as the code before the migration wrote it: the Dutch words
    // (of the events that existed then: links and downloads came later).
    let events: Vec<HistoryEvent> = HistoryEvent::examples()
        .into_iter()
        .filter(|event| {
            !matches!(
                event,
                HistoryEvent::OrganisationLinked { .. }
                    | HistoryEvent::OrganisationUnlinked { .. }
                    | HistoryEvent::Downloaded { .. }
            )
        })
        .collect();
    for event in &events {
        sqlx::query(
            "INSERT INTO page_history (care_page_id, account_id, what, at)
             VALUES (1, 1, ?, '2026-11-20T10:00:00Z')",
        )
        .bind(event.describe(Lang::Nl.texts()))
        .execute(&pool)
        .await
        .unwrap();
    }
    sqlx::migrate!("../migrations").run(&pool).await.unwrap();

    let stored: Vec<String> = sqlx::query_scalar("SELECT event FROM page_history ORDER BY id")
        .fetch_all(&pool)
        .await
        .unwrap();
    let read: Vec<HistoryEvent> = stored
        .iter()
        .map(|json| HistoryEvent::from_stored(json))
        .collect();
    assert_eq!(read, events);
}

const PAGE_ON_EVERY_ROW: i64 = 20261207000031;

/// The tables that hang off another page-owned row, with the page each row
/// must name: that row's.
const HANGING: [(&str, &str); 7] = [
    (
        "messages",
        "SELECT care_page_id FROM threads WHERE id = x.thread_id",
    ),
    (
        "thread_reads",
        "SELECT care_page_id FROM threads WHERE id = x.thread_id",
    ),
    (
        "appointment_helpers",
        "SELECT care_page_id FROM appointments WHERE id = x.appointment_id",
    ),
    (
        "appointment_skips",
        "SELECT care_page_id FROM appointments WHERE id = x.appointment_id",
    ),
    (
        "series_helpers",
        "SELECT care_page_id FROM appointments WHERE id = x.appointment_id",
    ),
    (
        "report_reads",
        "SELECT care_page_id FROM reports WHERE id = x.report_id",
    ),
    (
        "access_log_repeats",
        "SELECT care_page_id FROM dossier_access_log WHERE id = x.row_id",
    ),
];

/// Rows of `table` that do not name their page, or name another one.
async fn wrong_pages(pool: &SqlitePool, table: &str, page_of: &str) -> (i64, i64) {
    let sql = format!(
        "SELECT COUNT(*), COUNT(CASE WHEN x.care_page_id IS NOT ({page_of}) THEN 1 END) FROM {table} x"
    );
    sqlx::query_as(&sql).fetch_one(pool).await.unwrap()
}

#[tokio::test]
async fn rows_that_hang_off_a_page_row_learn_its_page() {
    let dir = tempfile::tempdir().unwrap();
    let pool = database(dir.path(), "pages.db").await;
    migrate_before(&pool, PAGE_ON_EVERY_ROW).await;
    // One of each, written as the previous version wrote them, on page 7.
    for statement in [
        "INSERT INTO care_pages (id, first_name, last_name, birth_date, created_at)
         VALUES (7, 'Johanna', 'Bakker', '1938-04-12', '2026-12-01T10:00:00Z')",
        "INSERT INTO accounts (id, email, first_name, last_name, created_at)
         VALUES (1, 'marieke@kring.test', 'Marieke', 'Bakker', '2026-12-01T10:00:00Z')",
        "INSERT INTO providers (id, name, created_at) VALUES (1, 'De Linde', '2026-12-01T10:00:00Z')",
        "INSERT INTO threads (id, care_page_id, subject, started_by, created_at, last_message_at)
         VALUES (1, 7, 'Boodschappen', 1, '2026-12-01T10:00:00Z', '2026-12-01T10:00:00Z')",
        "INSERT INTO messages (id, thread_id, author_id, body, created_at)
         VALUES (1, 1, 1, 'Wie doet dinsdag?', '2026-12-01T10:00:00Z')",
        "INSERT INTO thread_reads (thread_id, account_id, last_read_id) VALUES (1, 1, 1)",
        "INSERT INTO appointments (id, care_page_id, title, place, description, start_date,
             repeat_interval, last_date, created_at)
         VALUES (2, 7, 'Kapper', '', '', '2026-12-01', 1, '2026-12-01', '2026-12-01T10:00:00Z')",
        "INSERT INTO appointment_helpers (appointment_id, occurrence_date, account_id, signed_up_at)
         VALUES (2, '2026-12-01', 1, '2026-12-01T10:00:00Z')",
        "INSERT INTO appointment_skips (appointment_id, occurrence_date) VALUES (2, '2026-12-08')",
        "INSERT INTO series_helpers (appointment_id, account_id, signed_up_at)
         VALUES (2, 1, '2026-12-01T10:00:00Z')",
        "INSERT INTO reports (id, care_page_id, provider_id, kind, visited_at, body, author_name, created_at)
         VALUES (3, 7, 1, 'general', '2026-12-01T09:00', 'Goed gegeten.', 'Fatima', '2026-12-01T10:00:00Z')",
        "INSERT INTO report_reads (report_id, account_id) VALUES (3, 1)",
        "INSERT INTO dossier_access_log (id, at, account_id, account_name, role, care_page_id, what,
             outcome, prev_hash, row_hash)
         VALUES (1, '2026-12-01T10:00:00Z', 1, 'Marieke', 'admin', 7, 'reports', 'refused', x'00', x'01')",
        "INSERT INTO access_log_repeats (row_id, repeats) VALUES (1, 2)",
    ] {
        sqlx::query(statement).execute(&pool).await.unwrap();
    }
    sqlx::migrate!("../migrations").run(&pool).await.unwrap();

    for (table, page_of) in HANGING {
        assert_eq!(wrong_pages(&pool, table, page_of).await, (1, 0), "{table}");
        let page: Option<i64> = sqlx::query_scalar(&format!("SELECT care_page_id FROM {table}"))
            .fetch_one(&pool)
            .await
            .unwrap();
        assert_eq!(page, Some(7), "{table}");
    }
}

#[tokio::test]
async fn rows_written_now_name_their_page() {
    crate::sqlite_only!();
    let family = crate::common::demo_family().await;
    let pool = family.app.state.db.sqlite_reader().unwrap();
    // The demo's threads, written through the code of today.
    for (table, page_of) in &HANGING[..1] {
        let (rows, wrong) = wrong_pages(pool, table, page_of).await;
        assert!(rows > 0, "{table} has rows");
        assert_eq!(wrong, 0, "{table}");
    }
}
