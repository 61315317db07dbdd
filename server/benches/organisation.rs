//! Benchmark: the organisation's side at the size of a real home-care
//! organisation. `cargo bench -p kring-server --bench organisation`
//!
//! 1. A bulk upload of 10,000 measurements through the REST API (one
//!    request: parse, check all, write all with their chart marks and week
//!    aggregates and the access log, in one transaction), repeated a few
//!    times with new days each time: 100 linked clients, each with a
//!    weight a day (and the bench's 100 days before that, on later uploads),
//!    as an organisation's client record sends a night's catch-up.
//! 2. The console's client list with 2,000 clients: the server-rendered
//!    `/organisatie` page (session, organisation policy, the first 100 by
//!    name, the count, HTML), and a search narrowing it to a few.

use kring_app::db;
use std::time::Instant;

mod support;

const CLIENTS: usize = 2_000;
const MEASUREMENTS: usize = 10_000;
/// Clients with a linked care page, whose values are uploaded.
const LINKED: usize = 100;
const UPLOADS: usize = 5;
const LIST_SAMPLES: usize = 100;

#[tokio::main]
async fn main() {
    let server = support::DemoServer::new().await;
    let db = server.state.db.clone();
    add_clients(&db).await;
    let linked = link_clients(&db).await;
    let serving = server.serve();
    let base = serving.base.clone();
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
    let http = reqwest::Client::new();
    let mut times = Vec::new();
    let mut size = 0;
    for round in 0..UPLOADS {
        let body = upload(&linked, round);
        size = body.len();
        let started = Instant::now();
        let response = http
            .post(format!("{base}/api/v1/measurements"))
            .bearer_auth(&token)
            .header("content-type", "application/json")
            .body(body)
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
        size / 1024,
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
        db::query(
            "INSERT INTO clients (provider_id, location_id, first_name, last_name, birth_date, created_at)
             VALUES (1, 1, $1, $2, '1940-01-01', '2026-12-01T00:00:00Z')",
        )
        .bind(format!("Cliënt{n}"))
        .bind(format!("Jansen {n}"))
        .execute(&mut *tx)
        .await
        .unwrap();
    }
    tx.commit().await.unwrap();
}

/// 100 of the clients get a care page linked to De Linde, as after their
/// families entered the code.
async fn link_clients(db: &kring_app::db::Db) -> Vec<i64> {
    let admin: i64 = db::query_scalar("SELECT id FROM accounts WHERE email = 'marieke@kring.test'")
        .fetch_one(db.reader())
        .await
        .unwrap();
    let clients: Vec<i64> = db::query_scalar(
        "SELECT id FROM clients WHERE provider_id = 1 AND care_page_id IS NULL AND first_name LIKE 'Cliënt%' ORDER BY id LIMIT $1",
    )
    .bind(LINKED as i64)
    .fetch_all(db.reader())
    .await
    .unwrap();
    for client in &clients {
        let page: i64 = db::query_scalar(
            "INSERT INTO care_pages (first_name, last_name, birth_date, created_at)
             VALUES ('Cliënt', 'Jansen', '1940-01-01', '2026-12-01T00:00:00Z') RETURNING id",
        )
        .fetch_one(db.writer())
        .await
        .unwrap();
        for sql in [
            "INSERT INTO members (care_page_id, account_id, role, joined_at) VALUES ($1, $2, 'admin', '2026-12-01T00:00:00Z')",
            "INSERT INTO provider_links (care_page_id, provider_id, linked_at) VALUES ($1, 1, '2026-12-01T00:00:00Z')",
        ] {
            db::query(sql).bind(page).bind(admin).execute(db.writer()).await.unwrap();
        }
        db::query(
            "UPDATE clients SET care_page_id = $1, linked_at = '2026-12-01T00:00:00Z' WHERE id = $2",
        )
        .bind(page)
        .bind(client)
        .execute(db.writer())
        .await
        .unwrap();
    }
    clients
}

/// 10,000 weights, 100 per linked client, one a day, as one JSON body;
/// each round the hundred days before the previous round's.
fn upload(clients: &[i64], round: usize) -> String {
    let now = kring_app::dates::now_local();
    let per_client = MEASUREMENTS / clients.len();
    let measurements: Vec<serde_json::Value> = (0..MEASUREMENTS)
        .map(|n| {
            let day = (round * per_client + n / clients.len()) as i64 + 1;
            let at = now - chrono::Duration::days(day);
            serde_json::json!({
                "client_id": clients[n % clients.len()],
                "kind": "weight",
                "measured_at": at.format("%Y-%m-%dT%H:%M").to_string(),
                "value": 60.0 + (n % 200) as f64 / 10.0,
            })
        })
        .collect();
    serde_json::json!({ "measurements": measurements }).to_string()
}
