//! Every server function, fed generated values for every field it could
//! take: never a server error or a dropped connection, and a refusal changes
//! nothing. Generated from a fixed seed, so a failure can be replayed; the
//! failing call is printed whole.

use crate::common::{demo_family, Family, ADMIN};
use kring_app::db;
use kring_app::policy::SERVER_FUNCTIONS;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

/// Every argument name any server function takes.
const FIELDS: &[&str] = &[
    "page_id",
    "week",
    "appointment_id",
    "date",
    "occurrence",
    "scope",
    "help",
    "every_time",
    "appointment[title]",
    "appointment[date]",
    "appointment[start_time]",
    "appointment[end_time]",
    "appointment[all_day]",
    "appointment[place]",
    "appointment[description]",
    "appointment[share_with_provider]",
    "appointment[ask_help]",
    "appointment[repeat]",
    "appointment[every]",
    "appointment[until]",
    "appointment[times]",
    "email",
    "role",
    "account_id",
    "invitation_id",
    "first_name",
    "last_name",
    "birth_date",
    "address",
    "phone",
    "confirm",
    "thread_id",
    "subject",
    "body",
    "share_with",
    "on",
    "code",
    "password",
    "password_repeat",
    "current_password",
    "new_email",
    "mobile",
    "terms",
    "high",
    "period",
    "kind",
    "version",
    "person",
    "valid_from",
    "plan",
    "value",
    "diastolic",
    "pulse",
    "time",
];

/// Functions that end the caller's own session or page when they succeed:
/// the run needs both to go on.
const ENDS_THE_RUN: &[&str] = &[
    "/api/logout",
    "/api/delete_account",
    "/api/delete_care_page",
    "/api/leave_page",
    "/api/hand_over_admin",
    "/api/remove_member",
];

/// Tables a refusal may still write to: counts of attempts, and the session
/// a request keeps alive.
const COUNTERS: &[&str] = &[
    "rate_events",
    // The dossier writes down every refused look and wrong code, on purpose.
    "dossier_access_log",
    // …and counts a refusal repeated within the minute there.
    "access_log_repeats",
    // Wrong second-step codes count per account, on purpose.
    "second_step_guards",
    "session_codes",
    "sessions",
    "failed_logins",
    "_sqlx_migrations",
];

fn value(rng: &mut StdRng) -> String {
    const NASTY: &[&str] = &[
        "",
        " ",
        "0",
        "-1",
        "1",
        "2",
        "3",
        "9223372036854775807",
        "9223372036854775808",
        "-9223372036854775809",
        "1e309",
        "NaN",
        "true",
        "false",
        "on",
        "null",
        "[]",
        "{}",
        "one",
        "series",
        "daily",
        "weekly",
        "monthly",
        "helper",
        "trusted",
        "admin",
        "familie",
        "2026-11-23",
        "23-11-2026",
        "2026-02-30",
        "0000-00-00",
        "9999-12-31",
        "+262143-12-31",
        "-262144-01-01",
        "2026-W99",
        "2026-W53",
        "262143-W52",
        "1900-01-01",
        "2200-12-31",
        "10:00",
        "24:00",
        "23:59",
        "-1:00",
        "06-12345678",
        "+31612345678",
        "anna@example.nl",
        "marieke@kring.test",
        "a@b",
        "@",
        "<script>alert(1)</script>",
        "' OR 1=1 --",
        "\"; DROP TABLE accounts; --",
        "%00",
        "\u{0}",
        "a\rb",
        "a\r\nb",
        "\u{202e}tekst",
        "Jöhanna Bäkker",
        "😀😀😀",
        "../../etc/passwd",
        "javascript:alert(1)",
    ];
    match rng.gen_range(0..10) {
        0 => "x".repeat(rng.gen_range(100..6000)),
        1 => rng.gen::<i64>().to_string(),
        2 => (0..rng.gen_range(1..40))
            .map(|_| char::from_u32(rng.gen_range(0..0x2FFFF)).unwrap_or('?'))
            .collect(),
        _ => NASTY[rng.gen_range(0..NASTY.len())].to_string(),
    }
}

/// The rows of every table but the counters, and the sum of their text
/// lengths in a few tables whose edits keep the count.
async fn fingerprint(family: &Family) -> Vec<(String, i64)> {
    let db = family.app.state.db.reader();
    let tables: Vec<String> =
        db::query_scalar("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            .on_postgres(
                "SELECT table_name FROM information_schema.tables
                 WHERE table_schema = 'public' ORDER BY table_name",
            )
            .fetch_all(db)
            .await
            .unwrap();
    let mut print = Vec::new();
    for table in tables {
        if COUNTERS.contains(&table.as_str()) || table.starts_with("sqlite_") {
            continue;
        }
        let rows: i64 = db::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
            .fetch_one(db)
            .await
            .unwrap();
        print.push((table, rows));
    }
    for (name, sql) in [
        ("pages", "SELECT COALESCE(SUM(LENGTH(first_name || last_name || birth_date || address || phone)), 0) FROM care_pages"),
        ("accounts", "SELECT COALESCE(SUM(LENGTH(email || first_name || last_name || high_contrast || COALESCE(mobile, ''))), 0) FROM accounts"),
        ("appointments", "SELECT COALESCE(SUM(LENGTH(title || place || description || start_date || COALESCE(CAST(start_time AS TEXT), '') || last_date)), 0) FROM appointments"),
        ("roles", "SELECT COALESCE(SUM(LENGTH(role)), 0) FROM members"),
    ] {
        let total: i64 = db::query_scalar(sql).fetch_one(db).await.unwrap();
        print.push((name.to_string(), total));
    }
    print
}

async fn settle_background_work(family: &Family) {
    let mut last = -1;
    for _ in 0..40 {
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        let links = family.app.count("email_links").await;
        if links == last {
            return;
        }
        last = links;
    }
}

#[tokio::test]
async fn generated_values_for_every_function_get_no_server_error_and_refusals_change_nothing() {
    let family = demo_family().await;
    let admin = family.client_of(ADMIN).await;
    let mut rng = StdRng::seed_from_u64(0x4b52494e47);
    let functions: Vec<&str> = SERVER_FUNCTIONS
        .iter()
        .map(|(path, _)| *path)
        .filter(|path| !ENDS_THE_RUN.contains(path))
        .collect();
    let page = family.page_id.to_string();
    let mut problems = Vec::new();
    let mut statuses = std::collections::BTreeMap::<u16, usize>::new();
    for call in 0..1500 {
        let path = functions[rng.gen_range(0..functions.len())];
        let mut form: Vec<(&str, String)> = Vec::new();
        for field in FIELDS {
            match rng.gen_range(0..4) {
                0 => {}
                // The real page, so that the policy lets most calls through to
                // the checks behind it.
                1 if *field == "page_id" => form.push((field, page.clone())),
                _ => form.push((field, value(&mut rng))),
            }
        }
        let before = fingerprint(&family).await;
        let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let response = family
            .app
            .call_as(&admin, path.trim_start_matches("/api/"), &pairs)
            .await;
        let status = response.status();
        *statuses.entry(status.as_u16()).or_default() += 1;
        if path == "/api/forgot_password" {
            // It mails (and stores the link) after answering: let that land
            // before the next call is judged.
            settle_background_work(&family).await;
        }
        if status.is_server_error() {
            let body = response.text().await.unwrap_or_default();
            problems.push(format!("call {call}: {path} {status} {body}\n  {form:?}"));
            continue;
        }
        if status.is_client_error() {
            let after = fingerprint(&family).await;
            if after != before {
                let changed: Vec<_> = before.iter().zip(&after).filter(|(a, b)| a != b).collect();
                problems.push(format!(
                    "call {call}: {path} refused ({status}) but changed {changed:?}\n  {form:?}"
                ));
            }
        }
    }
    println!("answers: {statuses:?}");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // Not a run of refusals only: generated calls also get through.
    let through: usize = statuses.range(200..400).map(|(_, n)| n).sum();
    assert!(through >= 50, "{statuses:?}");
}
