//! Benchmark: the server-side time of the Meetwaarden page ("Alles") for a
//! care page with a week of values and for one with five years of daily
//! values of every kind, in one run. Goal: the five years take at most twice
//! the week. `cargo bench -p kring-server --bench dossier_measurements`
//!
//! Each sample is one GET of the server-rendered page over loopback, logged
//! in as the admin with the dossier open: session, policy, the access-log
//! row, the three charts' queries (side by side), the SVG and the tables.
//! Then what that costs a write: saving one weight on the page of five
//! years, with its marks and stored stretches brought up to date.

use chrono::Duration;
use kring_app::db;
use kring_app::dossier::chart::Chart;
use kring_app::dossier::measurements::Kind;
use kring_app::dossier::Period;
use leptos::prelude::*;
use std::time::Instant;

mod support;

const SAMPLES: usize = 200;

#[tokio::main]
async fn main() {
    let server = support::DemoServer::new().await;
    let state = server.state.clone();
    let today = kring_app::dates::today();
    let admin = support::account_id(&state.db, "marieke@kring.test").await;
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
    let serving = server.serve();
    let base = serving.base.clone();
    let client = support::admin_client(&base).await;
    // The code was typed: this session's dossier is open.
    db::query("UPDATE sessions SET dossier_active_at = $1 WHERE account_id = $2")
        .bind(chrono::Utc::now())
        .bind(admin)
        .execute(state.db.writer())
        .await
        .unwrap();

    println!("Meetwaarden page (Alles), server-rendered, {SAMPLES} samples each (one run):");
    let mut medians = Vec::new();
    let pages_again = pages.clone();
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

    // Where the time goes, in this process: the three chart queries with
    // bucketing, the SVG and tables rendered to HTML, and the data the page
    // carries for the browser.
    println!("Its parts, median of {SAMPLES}:");
    for (label, page, _) in &pages_again {
        let mut query = Vec::new();
        let mut render = Vec::new();
        let mut json = Vec::new();
        for _ in 0..SAMPLES {
            let started = Instant::now();
            let charts = kring_app::dossier::chart_queries::charts(
                &state.db,
                *page,
                None,
                Period::All,
                today,
            )
            .await
            .unwrap();
            query.push(started.elapsed().as_secs_f64() * 1000.0);
            let started = Instant::now();
            let html: usize = charts
                .iter()
                .map(|data| {
                    let data = data.clone();
                    Owner::new().with(|| view! { <Chart data/> }.to_html().len())
                })
                .sum();
            render.push(started.elapsed().as_secs_f64() * 1000.0);
            let started = Instant::now();
            let bytes = serde_json::to_string(&charts).unwrap().len();
            json.push(started.elapsed().as_secs_f64() * 1000.0);
            assert!(html > 0 && bytes > 0);
        }
        println!(
            "  {label:<22} queries {:>6.2} ms   charts to HTML {:>6.2} ms   data to JSON {:>6.2} ms",
            median(&mut query),
            median(&mut render),
            median(&mut json)
        );
    }
    let (_, five_years, _) = pages_again[1];
    println!(
        "Saving one weight on the page of five years (marks and stretches kept): median {:.2} ms",
        write_cost(&state.db, five_years, admin, today).await
    );
}

/// Saving a weight three weeks back on `page`: the value, the marks of the
/// 30 days after it, and its stretches of one and four weeks.
async fn write_cost(
    db: &kring_app::db::Db,
    page: i64,
    admin: i64,
    today: chrono::NaiveDate,
) -> f64 {
    use kring_app::dossier::measurements::{queries, Reading};
    let mut times = Vec::with_capacity(SAMPLES);
    for n in 0..SAMPLES {
        let at = (today - Duration::days(21))
            .and_hms_opt(9 + n as u32 / 60, n as u32 % 60, 0)
            .unwrap();
        let measurement = queries::NewMeasurement {
            kind: Kind::Weight,
            at,
            reading: Reading {
                value: 68.0 + (n % 7) as f64 / 10.0,
                diastolic: None,
                pulse: None,
            },
            provider_id: None,
            author_id: Some(admin),
            author_name: "Marieke Bakker",
        };
        let started = Instant::now();
        let mut tx = db.begin().await.unwrap();
        queries::insert(&mut tx, page, measurement).await.unwrap();
        tx.commit().await.unwrap();
        times.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    median(&mut times)
}

fn median(times: &mut [f64]) -> f64 {
    times.sort_by(|a, b| a.total_cmp(b));
    times[times.len() / 2]
}

/// `days` days of daily weight, blood pressure and blood sugar, up to yesterday.
async fn fill(
    db: &kring_app::db::Db,
    page: i64,
    admin: i64,
    today: chrono::NaiveDate,
    days: i64,
) -> usize {
    use kring_app::dossier::measurements::{queries, Kind, Reading};
    let mut tx = db.begin().await.unwrap();
    let mut rows = 0;
    for n in 1..=days {
        let at = (today - Duration::days(n)).and_hms_opt(8, 30, 0).unwrap();
        let wiggle = ((n * 37) % 11) as f64 / 10.0 - 0.5;
        for (kind, value, diastolic) in [
            (Kind::Weight, 68.0 + wiggle, None),
            (
                Kind::BloodPressure,
                132.0 + wiggle * 20.0,
                Some(82.0 + wiggle * 10.0),
            ),
            (Kind::BloodSugar, 6.4 + wiggle * 5.0, None),
        ] {
            let measurement = queries::NewMeasurement {
                kind,
                at,
                reading: Reading {
                    value,
                    diastolic,
                    pulse: None,
                },
                provider_id: None,
                author_id: Some(admin),
                author_name: "Marieke Bakker",
            };
            queries::insert(&mut tx, page, measurement).await.unwrap();
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
