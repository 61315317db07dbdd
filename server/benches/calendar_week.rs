//! Benchmark: the server-side time of the week page for an empty care page
//! and for one with five years of appointments (thousands, many repeating),
//! measured in one run. `cargo bench -p kring-server --bench calendar_week`
//!
//! Each sample is one GET of the server-rendered week page over loopback,
//! logged in as the admin: routing, session, policy, queries, expansion and
//! HTML rendering.

use chrono::{Duration, NaiveTime};
use kring_app::calendar::form::NewAppointment;
use kring_app::calendar::recurrence::{Frequency, Rule};
use std::time::Instant;

mod support;

const SAMPLES: usize = 200;

#[tokio::main]
async fn main() {
    let server = support::DemoServer::new().await;
    let state = &server.state;
    let today = kring_app::dates::today();
    let admin = support::account_id(&state.db, "marieke@kring.test").await;

    let empty = kring_app::care_pages::queries::create(
        &state.db,
        admin,
        "Leeg",
        "Bakker",
        today - Duration::days(30000),
    )
    .await
    .unwrap();
    let full = kring_app::care_pages::queries::create(
        &state.db,
        admin,
        "Vol",
        "Bakker",
        today - Duration::days(30000),
    )
    .await
    .unwrap();
    let count = fill(&state.db, full, admin, today, true).await;
    // The same week's content without the five years behind it: what the
    // full page would cost if history were free.
    let week_only = kring_app::care_pages::queries::create(
        &state.db,
        admin,
        "Week",
        "Bakker",
        today - Duration::days(30000),
    )
    .await
    .unwrap();
    fill(&state.db, week_only, admin, today, false).await;
    let serving = server.serve();
    let base = serving.base.clone();
    let client = support::admin_client(&base).await;

    println!("Week page, server-rendered, {SAMPLES} samples each (one run):");
    println!(
        "  the full page holds {count} appointments over six years ({} repeating series)",
        SERIES.len() * 10
    );
    for (label, page_id) in [
        ("empty page", empty),
        ("this week only", week_only),
        ("full page", full),
    ] {
        let url = format!("{base}/zorgpagina/{page_id}/kalender");
        let (median, p95, items) = measure(&client, &url).await;
        println!(
            "  {label:<15} median {median:>7.2} ms   p95 {p95:>7.2} ms   ({items} items this week)"
        );
    }
}

/// Repeating series (frequency, interval) added ten times each, starting five years ago.
const SERIES: [(Frequency, u32); 4] = [
    (Frequency::Weekly, 1),
    (Frequency::Daily, 2),
    (Frequency::Monthly, 1),
    (Frequency::Weekly, 2),
];

/// Five years of appointments up to a year ahead, or (`history` false) only
/// those that fall in this week, with series that start this week.
async fn fill(
    db: &kring_app::db::Db,
    page_id: i64,
    admin: i64,
    today: chrono::NaiveDate,
    history: bool,
) -> usize {
    let start = today - Duration::days(5 * 365);
    let week = kring_app::calendar::week::Week::containing(today);
    let mut count = 0;
    // About two single appointments a day for six years.
    for n in 0..(6 * 730) {
        let date = start + Duration::days(n / 2);
        if !history && (date < week.monday() || date > week.sunday()) {
            continue;
        }
        let appointment = NewAppointment {
            title: format!("Afspraak {n}"),
            date,
            start: NaiveTime::from_hms_opt(9 + (n % 8) as u32, 0, 0),
            end: None,
            place: "Thuis".into(),
            description: String::new(),
            share_with_provider: n % 3 == 0,
            ask_help: n % 5 == 0,
            rule: None,
        };
        kring_app::calendar::writes::insert(db, page_id, admin, &appointment)
            .await
            .unwrap();
        count += 1;
    }
    for (frequency, interval) in SERIES {
        for n in 0..10 {
            let appointment = NewAppointment {
                title: format!("Reeks {n}"),
                date: if history {
                    start + Duration::days(n)
                } else {
                    week.monday() + Duration::days(n % 7)
                },
                start: NaiveTime::from_hms_opt(18, 0, 0),
                end: None,
                place: String::new(),
                description: String::new(),
                share_with_provider: false,
                ask_help: false,
                rule: Some(Rule {
                    frequency,
                    interval,
                    until: today + Duration::days(365 * 5),
                }),
            };
            kring_app::calendar::writes::insert(db, page_id, admin, &appointment)
                .await
                .unwrap();
            count += 1;
        }
    }
    count
}

async fn measure(client: &reqwest::Client, url: &str) -> (f64, f64, usize) {
    for _ in 0..20 {
        client.get(url).send().await.unwrap().text().await.unwrap();
    }
    let mut times = Vec::with_capacity(SAMPLES);
    let mut items = 0;
    for _ in 0..SAMPLES {
        let started = Instant::now();
        let body = client
            .get(url)
            .header("Accept", "text/html")
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        times.push(started.elapsed().as_secs_f64() * 1000.0);
        items = body.matches("class=\"item ").count();
    }
    times.sort_by(f64::total_cmp);
    (times[SAMPLES / 2], times[SAMPLES * 95 / 100], items)
}
