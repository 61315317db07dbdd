//! Benchmark: the server-side time of the Meetwaarden page ("Alles") for a
//! care page with a week of values and for one with five years of daily
//! values of every kind, in one run. Goal: the five years take at most twice
//! the week. `cargo bench -p kring-server --bench dossier_measurements`
//!
//! Each sample is one GET of the server-rendered page over loopback, logged
//! in as the admin with the dossier open: session, policy, the access-log
//! row, three chart queries, bucketing and the SVG.

use chrono::Duration;
use kring_app::settings::Settings;
use kring_server::{build_state, leptos_options, router, serve};
use std::time::Instant;

const SAMPLES: usize = 200;

#[tokio::main]
async fn main() {
    let dir = tempfile::tempdir().unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let settings = Settings {
        address,
        public_url: format!("http://{address}"),
        database_url: format!("sqlite://{}", dir.path().join("bench.db").display()),
        outbox_dir: dir.path().join("outbox"),
        smtp_url: None,
        sms_gateway_url: None,
        mail_from: "Kring <noreply@kring.test>".into(),
        cookie_secure: false,
        trusted_proxy: None,
        require_two_factor: false,
        terms_file: None,
        privacy_file: None,
        demo: true,
    };
    let options = leptos_options(&settings);
    let state = build_state(settings, options).await.unwrap();
    let today = kring_app::calendar::api::today();
    kring_app::demo::seed(&state.db, today).await.unwrap();
    let admin: i64 =
        sqlx::query_scalar("SELECT id FROM accounts WHERE email = 'marieke@kring.test'")
            .fetch_one(state.db.reader())
            .await
            .unwrap();
    let mut pages = Vec::new();
    for (label, days) in [("a week of values", 7), ("five years of values", 5 * 365)] {
        let page = kring_app::care_pages::queries::create(
            &state.db,
            admin,
            "Meet",
            "Bakker",
            today - Duration::days(30000),
        )
        .await
        .unwrap();
        let rows = fill(&state.db, page, admin, today, days).await;
        pages.push((label, page, rows));
    }
    tokio::spawn(serve(
        listener,
        router(state.clone()),
        std::future::pending(),
    ));

    let client = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap();
    let base = format!("http://{address}");
    let login = client
        .post(format!("{base}/api/login"))
        .form(&[
            ("email", "marieke@kring.test"),
            ("password", kring_app::demo::DEMO_PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert!(login.status().is_success());
    // The code was typed: this session's dossier is open.
    sqlx::query("UPDATE sessions SET dossier_active_at = ? WHERE account_id = ?")
        .bind(kring_app::db::now_text())
        .bind(admin)
        .execute(state.db.writer())
        .await
        .unwrap();

    println!("Meetwaarden page (Alles), server-rendered, {SAMPLES} samples each (one run):");
    let mut medians = Vec::new();
    for (label, page, rows) in pages {
        let url = format!("{base}/zorgpagina/{page}/dossier/meetwaarden?periode=alles");
        let (median, p95, bytes) = measure(&client, &url).await;
        println!("  {label:<22} {rows:>5} values   median {median:>6.2} ms   p95 {p95:>6.2} ms   page {bytes} bytes");
        medians.push(median);
    }
    println!(
        "  five years / a week: {:.2}× (goal: at most 2×)",
        medians[1] / medians[0]
    );
}

/// `days` days of daily weight, blood pressure and blood sugar, up to yesterday.
async fn fill(
    db: &kring_app::db::Db,
    page: i64,
    admin: i64,
    today: chrono::NaiveDate,
    days: i64,
) -> usize {
    let mut tx = db.begin().await.unwrap();
    let mut rows = 0;
    for n in 1..=days {
        let day = today - Duration::days(n);
        let wiggle = ((n * 37) % 11) as f64 / 10.0 - 0.5;
        for (kind, value, diastolic) in [
            ("weight", 68.0 + wiggle, None),
            (
                "blood_pressure",
                132.0 + wiggle * 20.0,
                Some(82.0 + wiggle * 10.0),
            ),
            ("blood_sugar", 6.4 + wiggle * 5.0, None),
        ] {
            sqlx::query(
                "INSERT INTO measurements (care_page_id, kind, measured_at, value, diastolic, pulse,
                     provider_id, author_id, author_name, created_at)
                 VALUES (?, ?, ?, ?, ?, NULL, NULL, ?, 'Marieke Bakker', '2026-01-01T00:00:00Z')",
            )
            .bind(page)
            .bind(kind)
            .bind(format!("{day}T08:30"))
            .bind(value)
            .bind(diastolic)
            .bind(admin)
            .execute(&mut *tx)
            .await
            .unwrap();
            rows += 1;
        }
    }
    tx.commit().await.unwrap();
    rows
}

async fn measure(client: &reqwest::Client, url: &str) -> (f64, f64, usize) {
    let mut bytes = 0;
    for _ in 0..20 {
        let response = client.get(url).send().await.unwrap();
        assert!(response.status().is_success(), "{}", response.status());
        bytes = response.text().await.unwrap().len();
    }
    let mut times = Vec::with_capacity(SAMPLES);
    for _ in 0..SAMPLES {
        let started = Instant::now();
        let body = client.get(url).send().await.unwrap().text().await.unwrap();
        times.push(started.elapsed().as_secs_f64() * 1000.0);
        assert!(body.contains("Bloeddruk"));
    }
    times.sort_by(|a, b| a.total_cmp(b));
    (times[SAMPLES / 2], times[SAMPLES * 95 / 100], bytes)
}
