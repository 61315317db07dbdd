//! Benchmark: the outbox and the reminders. `cargo bench -p kring-server --bench outbox`
//!
//! 1. Writing to the outbox: 10,000 mails, one per transaction (as a change
//!    and its mail are saved) and 200 per transaction (as the planner does).
//! 2. The worker sending them to the outbox folder (`.eml` files).
//! 3. 10,000 reminders due at one moment (18:00 the evening before 3,334
//!    appointments, each helped with by the demo page's three members): how long the planner takes to queue
//!    them and the worker to send the last one. The worst delay between a
//!    reminder falling due and its sending is the planner's interval (it
//!    looks every 30 s) plus those two.

use chrono::{Duration, NaiveTime};
use kring_app::db;
use kring_app::outbox::{queue, worker, Outgoing};
use std::time::Instant;

mod support;

const MAILS: usize = 10_000;

#[tokio::main]
async fn main() {
    let server = support::DemoServer::new().await;
    let state = server.state.clone();
    let db = &state.db;

    let started = Instant::now();
    for n in 0..MAILS {
        let mail = Outgoing::mail("Anna", &format!("anna{n}@example.nl"), "Bericht", "Tekst.");
        queue(db.writer(), &mail).await.unwrap();
    }
    let single = started.elapsed();
    let started = Instant::now();
    for chunk in (0..MAILS).collect::<Vec<_>>().chunks(200) {
        let mut tx = db.begin().await.unwrap();
        for n in chunk {
            let mail = Outgoing::mail("Bram", &format!("bram{n}@example.nl"), "Bericht", "Tekst.");
            queue(&mut *tx, &mail).await.unwrap();
        }
        tx.commit().await.unwrap();
    }
    let batched = started.elapsed();
    let started = Instant::now();
    let sent = drain(&state, chrono::Utc::now()).await;
    let sending = started.elapsed();
    println!(
        "outbox writes, one per transaction: {MAILS} in {:.2} s = {:.0} mails/s",
        single.as_secs_f64(),
        MAILS as f64 / single.as_secs_f64()
    );
    println!(
        "outbox writes, 200 per transaction: {MAILS} in {:.2} s = {:.0} mails/s",
        batched.as_secs_f64(),
        MAILS as f64 / batched.as_secs_f64()
    );
    println!(
        "worker, to the outbox folder: {sent} mails in {:.2} s = {:.0} mails/s",
        sending.as_secs_f64(),
        sent as f64 / sending.as_secs_f64()
    );

    // Appointments tomorrow at 10:00 on the demo page, each helped with by
    // the page's members (signed up long ago): 10,000 reminders.
    let page: i64 = db::query_scalar("SELECT MIN(id) FROM care_pages")
        .fetch_one(db.reader())
        .await
        .unwrap();
    let members: Vec<i64> =
        db::query_scalar("SELECT account_id FROM members WHERE care_page_id = $1")
            .bind(page)
            .fetch_all(db.reader())
            .await
            .unwrap();
    let tomorrow = kring_app::dates::today() + Duration::days(1);
    let appointments = MAILS.div_ceil(members.len());
    let mut tx = db.begin().await.unwrap();
    for n in 0..appointments {
        let id: i64 = db::query_scalar(
            "INSERT INTO appointments (care_page_id, title, start_date, start_time, asks_help,
                 last_date, created_at, help_asked_at)
             VALUES ($1, $2, $3, '10:00', 1, $4, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z') RETURNING id",
        )
        .bind(page)
        .bind(format!("Afspraak {n}"))
        .bind(tomorrow.to_string())
        .bind(tomorrow.to_string())
        .fetch_one(&mut *tx)
        .await
        .unwrap();
        for account in &members {
            db::query(
                "INSERT INTO appointment_helpers (appointment_id, occurrence_date, account_id, signed_up_at)
                 VALUES ($1, $2, $3, '2026-01-01T00:00:00Z')",
            )
            .bind(id)
            .bind(tomorrow.to_string())
            .bind(account)
            .execute(&mut *tx)
            .await
            .unwrap();
        }
    }
    tx.commit().await.unwrap();
    let due = kring_app::reminders::planner::dutch(
        kring_app::dates::today(),
        NaiveTime::from_hms_opt(18, 0, 0).unwrap(),
    );
    let started = Instant::now();
    let planned = kring_app::reminders::planner::plan_due(&state, due)
        .await
        .unwrap();
    let planning = started.elapsed();
    let sent = drain(&state, due).await;
    let total = started.elapsed();
    println!(
        "planner: {} reminders queued in {:.2} s; the last one sent {:.2} s after the planner began ({sent} sent)",
        planned.reminders,
        planning.as_secs_f64(),
        total.as_secs_f64()
    );
    println!(
        "worst delay between a reminder falling due and its sending: {:.0} s (the planner's interval) + {:.1} s",
        kring_app::reminders::planner::EVERY.as_secs_f64(),
        total.as_secs_f64()
    );
}

/// Sends everything due at `now`, as the worker does; returns how many.
async fn drain(state: &kring_app::state::AppState, now: chrono::DateTime<chrono::Utc>) -> usize {
    let mut sent = 0;
    loop {
        let pass = worker::deliver_due(state, "bench", now).await.unwrap();
        if pass.handled() == 0 {
            return sent;
        }
        sent += pass.sent;
    }
}
