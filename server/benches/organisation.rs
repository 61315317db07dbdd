//! Benchmark: the organisation's side at the size of a real home-care
//! organisation. `cargo bench -p kring-server --bench organisation`
//!
//! 1. A bulk upload of 10,000 measurements through the REST API (one
//!    request: parse, check all, write all with their week aggregates and
//!    the access log, in one transaction), repeated a few times.
//! 2. The console's client list with 2,000 clients: the server-rendered
//!    `/organisatie` page (session, organisation policy, the first 100 by
//!    name, the count, HTML), and a search narrowing it to a few.

use kring_server::{router, serve};
use std::time::Instant;

mod support;

const CLIENTS: usize = 2_000;
const MEASUREMENTS: usize = 10_000;
const UPLOADS: usize = 5;
const LIST_SAMPLES: usize = 100;

#[tokio::main]
async fn main() {
    let dir = tempfile::tempdir().unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let state = support::demo_state(dir.path(), address).await;
    let db = state.db.clone();
    add_clients(&db).await;
    let linked: i64 = sqlx::query_scalar(
        "SELECT id FROM clients WHERE provider_id = 1 AND care_page_id IS NOT NULL",
    )
    .fetch_one(db.reader())
    .await
    .unwrap();
    tokio::spawn(serve(listener, router(state), std::future::pending()));
    let base = format!("http://{address}");
    let staff = support::client_of(&base, kring_app::demo::INEKE).await;
    let token: String = staff
        .post(format!("{base}/api/create_token"))
        .form(&[
            ("name", "Bench"),
            ("measurements_write", "on"),
            ("clients_read", "on"),
        ])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();

    println!("Organisation, one run:");
    let body = upload(linked);
    let http = reqwest::Client::new();
    let mut times = Vec::new();
    for _ in 0..UPLOADS {
        let started = Instant::now();
        let response = http
            .post(format!("{base}/api/v1/measurements"))
            .bearer_auth(&token)
            .header("content-type", "application/json")
            .body(body.clone())
            .send()
            .await
            .unwrap();
        assert_eq!(
            response.status(),
            reqwest::StatusCode::CREATED,
            "{}",
            response.text().await.unwrap()
        );
        times.push(started.elapsed().as_secs_f64());
    }
    times.sort_by(f64::total_cmp);
    let median = times[times.len() / 2];
    println!(
        "  bulk upload of {MEASUREMENTS} measurements ({} KB of JSON): median {:.2} s over {UPLOADS} uploads ({:.0} measurements/s)",
        body.len() / 1024,
        median,
        MEASUREMENTS as f64 / median
    );

    for (label, path) in [
        (
            "client list, 2,000 clients (first 100)",
            "/organisatie".to_string(),
        ),
        (
            "client list, searched by name",
            "/organisatie?zoek=Jansen%2012".to_string(),
        ),
    ] {
        let mut times = Vec::new();
        for _ in 0..LIST_SAMPLES {
            let started = Instant::now();
            let response = staff.get(format!("{base}{path}")).send().await.unwrap();
            assert!(response.status().is_success());
            let html = response.text().await.unwrap();
            assert!(html.contains("Cliënten van Thuiszorg De Linde"));
            times.push(started.elapsed().as_secs_f64() * 1000.0);
        }
        times.sort_by(f64::total_cmp);
        println!(
            "  {label:<40} median {:>6.2} ms   p95 {:>6.2} ms   ({LIST_SAMPLES} samples)",
            times[LIST_SAMPLES / 2],
            times[LIST_SAMPLES * 95 / 100]
        );
    }
}

/// 2,000 clients of De Linde, with names that sort and search like real ones.
async fn add_clients(db: &kring_app::db::Db) {
    let mut tx = db.begin().await.unwrap();
    for n in 0..CLIENTS {
        sqlx::query(
            "INSERT INTO clients (provider_id, location_id, first_name, last_name, birth_date, created_at)
             VALUES (1, 1, ?, ?, '1940-01-01', '2026-12-01T00:00:00Z')",
        )
        .bind(format!("Cliënt{n}"))
        .bind(format!("Jansen {n}"))
        .execute(&mut *tx)
        .await
        .unwrap();
    }
    tx.commit().await.unwrap();
}

/// 10,000 weights over the past weeks, as one JSON body.
fn upload(client_id: i64) -> String {
    let now = kring_app::dates::now_local();
    let measurements: Vec<serde_json::Value> = (0..MEASUREMENTS)
        .map(|n| {
            let at = now - chrono::Duration::minutes(10 * (n as i64 + 1));
            serde_json::json!({
                "client_id": client_id,
                "kind": "weight",
                "measured_at": at.format("%Y-%m-%dT%H:%M").to_string(),
                "value": 60.0 + (n % 200) as f64 / 10.0,
            })
        })
        .collect();
    serde_json::json!({ "measurements": measurements }).to_string()
}
