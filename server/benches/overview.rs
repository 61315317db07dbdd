//! Benchmark: the Overzicht, where every login lands, server-rendered for
//! the demo page and for a busy one (two years of appointments with help
//! asked, 500 threads with unread messages, 300 unread reports), and its
//! offline copy. `cargo bench -p kring-server --bench overview`
//!
//! Each sample is one GET of the page over loopback, logged in as the admin:
//! session, policy, the calendar's two weeks, the unread counts, the help
//! shared over four weeks, and HTML rendering.

use chrono::{Duration, NaiveTime};
use kring_app::calendar::form::NewAppointment;
use kring_app::db;
use std::time::Instant;

mod support;

const SAMPLES: usize = 200;
const THREADS: i64 = 500;
const REPORTS: i64 = 300;

#[tokio::main]
async fn main() {
    let server = support::DemoServer::new().await;
    let state = server.state.clone();
    let today = kring_app::dates::today();
    let db = &state.db;
    let admin = support::account_id(db, "marieke@kring.test").await;
    let trusted = support::account_id(db, "pieter@kring.test").await;
    let demo: i64 = db::query_scalar("SELECT MIN(id) FROM care_pages")
        .fetch_one(db.reader())
        .await
        .unwrap();
    let busy = kring_app::care_pages::queries::create(
        db,
        admin,
        "Druk",
        "Bakker",
        today - Duration::days(30000),
    )
    .await
    .unwrap();
    db::query("INSERT INTO members (care_page_id, account_id, role, joined_at) VALUES ($1, $2, 'trusted', $3)")
        .bind(busy)
        .bind(trusted)
        .bind(chrono::Utc::now())
        .execute(db.writer())
        .await
        .unwrap();
    // Two years back and two weeks ahead, three a day, every fifth asking for help.
    let start = today - Duration::days(730);
    for n in 0..(3 * 744) {
        let appointment = NewAppointment {
            title: format!("Afspraak {n}"),
            date: start + Duration::days(n / 3),
            start: NaiveTime::from_hms_opt(9 + (n % 8) as u32, 0, 0),
            end: None,
            place: "Thuis".into(),
            description: String::new(),
            share_with_provider: n % 3 == 0,
            ask_help: n % 5 == 0,
            rule: None,
        };
        let id = kring_app::calendar::writes::insert(db, busy, admin, &appointment)
            .await
            .unwrap();
        if n % 10 == 0 {
            kring_app::calendar::writes::set_helping(db, id, appointment.date, trusted, true)
                .await
                .unwrap();
        }
    }
    let now = chrono::Utc::now();
    let provider: i64 = db::query_scalar("SELECT MIN(id) FROM providers")
        .fetch_one(db.reader())
        .await
        .unwrap();
    db::query(
        "INSERT INTO provider_links (care_page_id, provider_id, linked_at) VALUES ($1, $2, $3)",
    )
    .bind(busy)
    .bind(provider)
    .bind(now)
    .execute(db.writer())
    .await
    .unwrap();
    for n in 0..THREADS {
        let thread: i64 = db::query_scalar(
            "INSERT INTO threads (care_page_id, provider_id, subject, started_by, created_at, last_message_at)
             VALUES ($1, NULL, $2, $3, $4, $5) RETURNING id",
        )
        .bind(busy)
        .bind(format!("Onderwerp {n}"))
        .bind(trusted)
        .bind(now)
        .bind(now)
        .fetch_one(db.writer())
        .await
        .unwrap();
        for m in 0..4 {
            db::query(
                "INSERT INTO messages (thread_id, author_id, body, created_at) VALUES ($1, $2, $3, $4)",
            )
            .bind(thread)
            .bind(trusted)
            .bind(format!("Bericht {m}"))
            .bind(now)
            .execute(db.writer())
            .await
            .unwrap();
        }
    }
    for n in 0..REPORTS {
        let visited = today - Duration::days(n % 14);
        db::query(
            "INSERT INTO reports (care_page_id, provider_id, kind, visited_at, body, author_name, created_at)
             VALUES ($1, $2, 'general', $3, 'Rapportage', 'Fatima El Amrani', $4)",
        )
        .bind(busy)
        .bind(provider)
        .bind(format!("{visited}T08:00"))
        .bind(now)
        .execute(db.writer())
        .await
        .unwrap();
    }
    let serving = server.serve();
    let base = serving.base.clone();
    let client = support::admin_client(&base).await;
    println!("Overzicht, server-rendered, {SAMPLES} samples each (one run):");
    for (label, page_id, copy) in [
        ("demo page", demo, false),
        ("busy page", busy, false),
        ("busy, offline copy", busy, true),
    ] {
        let url = format!("{base}/zorgpagina/{page_id}");
        let (median, p95, bytes) = measure(&client, &url, copy).await;
        println!(
            "  {label:<19} median {median:>7.2} ms   p95 {p95:>7.2} ms   ({bytes} bytes of HTML)"
        );
    }
}

async fn measure(client: &reqwest::Client, url: &str, copy: bool) -> (f64, f64, usize) {
    let get = || {
        let request = client.get(url).header("Accept", "text/html");
        match copy {
            true => request.header(kring_app::shell::offline::OFFLINE_COPY_HEADER, "1"),
            false => request,
        }
    };
    for _ in 0..20 {
        get().send().await.unwrap().text().await.unwrap();
    }
    let mut times = Vec::with_capacity(SAMPLES);
    let mut bytes = 0;
    for _ in 0..SAMPLES {
        let started = Instant::now();
        let body = get().send().await.unwrap().text().await.unwrap();
        times.push(started.elapsed().as_secs_f64() * 1000.0);
        bytes = body.len();
        assert!(body.contains("Vandaag"), "the Overzicht rendered");
    }
    times.sort_by(f64::total_cmp);
    (times[SAMPLES / 2], times[SAMPLES * 95 / 100], bytes)
}
