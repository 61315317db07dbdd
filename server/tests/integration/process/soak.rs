//! Under load: 64 people at once, half writing (new threads and
//! appointments, two on each of 16 pages), half reading (the week page, the Overzicht, the thread
//! list), against the real server. No request may fail, "database is
//! locked" least of all, and memory must level off.
//!
//! Short form in `scripts/test` (5 seconds). The long form for a closing
//! note: `KRING_SOAK_SECONDS=600 cargo test --release -p kring-server
//! --features kring-app/ssr --test integration process::soak -- --nocapture`.

use super::{ids, setting, Server, Visitor};
use crate::common::{ADMIN, TRUSTED};
use kring_app::calendar::api::AddAppointment;
use kring_app::calendar::form::AppointmentFields;
use kring_app::messages::api::{MessageThreads, StartThread};
use kring_app::messages::ShareWith;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

const WRITERS: usize = 32;
const READERS: usize = 32;

#[derive(Default)]
struct Tally {
    /// Milliseconds per answered request.
    latencies: Vec<f64>,
    errors: Vec<String>,
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sixty_four_writers_and_readers_get_every_answer() {
    let seconds = setting("KRING_SOAK_SECONDS", 5);
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(dir.path(), &[]).await;
    let (_, demo_page) = ids(&server, ADMIN).await;
    let admin = Visitor::log_in(&server, ADMIN).await;
    let trusted = Visitor::log_in(&server, TRUSTED).await;
    // Two writers on each of 16 pages (an admin may run at most 20).
    let pages = super::new_pages(&admin, WRITERS / 2).await;
    let memory_at_start = server.memory_kb();
    let stop = Arc::new(AtomicBool::new(false));
    let mut tasks = Vec::new();
    for n in 0..WRITERS + READERS {
        let (visitor, page) = match n {
            n if n < WRITERS => (admin.clone(), pages[n % pages.len()]),
            n if n % 2 == 0 => (trusted.clone(), demo_page),
            n => (admin.clone(), pages[n % pages.len()]),
        };
        let stop = stop.clone();
        tasks.push(tokio::spawn(async move {
            let mut tally = Tally::default();
            let mut i = 0u64;
            let mut last_message: Option<Instant> = None;
            while !stop.load(Ordering::Relaxed) {
                let started = Instant::now();
                let answer = if n < WRITERS {
                    // A message at most every 5 s: two writers stay under the page's limit of 30 a minute.
                    let message =
                        last_message.is_none_or(|at| at.elapsed() > Duration::from_secs(5));
                    if message {
                        last_message = Some(started);
                    }
                    write(&visitor, page, n, i, message).await
                } else {
                    read(&visitor, page, i).await
                };
                match answer {
                    Ok(()) => tally
                        .latencies
                        .push(started.elapsed().as_secs_f64() * 1000.0),
                    Err(error) => tally.errors.push(error),
                }
                i += 1;
            }
            tally
        }));
    }
    let mut memory = Vec::new();
    let began = Instant::now();
    while began.elapsed() < Duration::from_secs(seconds) {
        tokio::time::sleep(Duration::from_secs(1)).await;
        memory.push(server.memory_kb());
    }
    stop.store(true, Ordering::Relaxed);
    let elapsed = began.elapsed().as_secs_f64();
    let mut all = Tally::default();
    for task in tasks {
        let tally = task.await.unwrap();
        all.latencies.extend(tally.latencies);
        all.errors.extend(tally.errors);
    }
    all.latencies.sort_by(f64::total_cmp);
    let p = |q: f64| {
        all.latencies[((all.latencies.len() as f64 * q) as usize).min(all.latencies.len() - 1)]
    };
    let peak = memory.iter().copied().max().unwrap_or(0);
    let end = memory.last().copied().unwrap_or(0);
    // Memory at each quarter of the run: growth that levels off shows here.
    let quarters: Vec<String> = (1..=4)
        .map(|q| {
            memory
                .get((memory.len() * q / 4).saturating_sub(usize::from(q == 4)))
                .copied()
                .unwrap_or(0)
        })
        .map(|kb| (kb / 1024).to_string())
        .collect();
    println!(
        "soak: {seconds} s, {WRITERS} writers + {READERS} readers: {} requests ({:.0}/s), p50 {:.1} ms, p99 {:.1} ms, {} errors; memory {} MB at start, {} MB peak, {} MB at the end (by quarter: {} MB)",
        all.latencies.len(),
        all.latencies.len() as f64 / elapsed,
        p(0.5),
        p(0.99),
        all.errors.len(),
        memory_at_start / 1024,
        peak / 1024,
        end / 1024,
        quarters.join(", "),
    );
    let stderr = std::fs::read_to_string(server.folder().join("stderr.txt")).unwrap();
    assert!(!stderr.contains("database is locked"), "{stderr}");
    assert!(
        all.errors.is_empty(),
        "{} errors, first: {:?}",
        all.errors.len(),
        all.errors.first()
    );
    assert!(
        all.latencies.len() > WRITERS + READERS,
        "hardly anything was answered"
    );
}

async fn write(
    visitor: &Visitor,
    page_id: i64,
    writer: usize,
    i: u64,
    message: bool,
) -> Result<(), String> {
    let answer = if message {
        visitor
            .send(StartThread {
                page_id,
                subject: format!("Schrijver {writer}"),
                body: format!("bericht {i} van schrijver {writer}"),
                share_with: ShareWith::Family,
            })
            .await
    } else {
        let appointment = AppointmentFields {
            title: format!("Afspraak {i} van schrijver {writer}"),
            // Spread over the coming two months, as a family's calendar is:
            // not hundreds in one week, which would make every week page heavier.
            date: Some(kring_app::dates::today() + chrono::Duration::days((i % 60) as i64)),
            all_day: true,
            ..Default::default()
        };
        visitor
            .send(AddAppointment {
                page_id,
                appointment,
            })
            .await
    };
    answered("write", answer).await
}

async fn read(visitor: &Visitor, page_id: i64, i: u64) -> Result<(), String> {
    let answer = match i % 3 {
        0 => {
            visitor
                .get(&format!("/zorgpagina/{page_id}/kalender"))
                .await
        }
        1 => visitor.get(&format!("/zorgpagina/{page_id}")).await,
        _ => visitor.send(MessageThreads { page_id }).await,
    };
    answered("read", answer).await
}

async fn answered(
    what: &str,
    answer: Result<reqwest::Response, reqwest::Error>,
) -> Result<(), String> {
    let response = answer.map_err(|e| format!("{what}: {e}"))?;
    let status = response.status();
    let body = response.bytes().await.map_err(|e| format!("{what}: {e}"))?;
    if status.is_success() {
        Ok(())
    } else {
        Err(format!(
            "{what}: {status} {}",
            String::from_utf8_lossy(&body)
        ))
    }
}
