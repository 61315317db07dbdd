//! Benchmark: Kring beyond one machine (issue 32), one run on this machine.
//! `cargo bench -p kring-server --bench scale`
//!
//! 1. The week page and the Overzicht (requests per second) and message
//!    replies (writes per second), each for 5 s from 32 connections, on:
//!    SQLite with one process; PostgreSQL with one process; PostgreSQL with
//!    three processes behind nginx (TLS, configured from `deploy/nginx/`).
//!    The load comes from this process, on the same cores as the servers:
//!    the figures compare the three set-ups, they are not a capacity.
//!    PostgreSQL keeps its durability (a commit waits for the disk), as
//!    SQLite's `synchronous = FULL` does.
//! 2. `migrate-to-postgres` of a generated installation of 10,000 pages.

#[path = "../tests/integration/process/nginx.rs"]
mod nginx;

use kring_app::db::{self, Db};
use kring_app::demo::installation;
use leptos::server_fn::ServerFn;
use reqwest::header::{CONTENT_TYPE, COOKIE};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

const CONNECTIONS: usize = 32;
const SECONDS: f64 = 5.0;
/// Pages whose threads take the replies: 30 a minute each is the limit.
const REPLY_PAGES: usize = 400;
const MOVED_PAGES: usize = 10_000;
const ADMIN: &str = "marieke@kring.test";

/// A `kring --demo` process of the bench build.
struct Process {
    child: Child,
    address: String,
}

impl Process {
    async fn start(folder: &Path, database: &str) -> Process {
        std::fs::create_dir_all(folder).unwrap();
        let port = nginx::free_port();
        let child = Command::new(env!("CARGO_BIN_EXE_kring"))
            .arg("--demo")
            .current_dir(folder)
            .env("KRING_ADDRESS", format!("127.0.0.1:{port}"))
            .env("KRING_DATABASE_URL", database)
            .env("KRING_SECRET_FILE", folder.join("../kring.key"))
            .env("KRING_OUTBOX_DIR", "outbox")
            .env("KRING_BACKUP_DIR", "")
            .env("KRING_TRUSTED_PROXY", "127.0.0.1")
            .env("KRING_PROXY_HEADER", "x-forwarded-for")
            .env("LEPTOS_OUTPUT_NAME", "kring")
            .env("RUST_LOG", "warn")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(folder.join("stderr.txt")).unwrap())
            .spawn()
            .expect("the kring binary");
        let process = Process {
            child,
            address: format!("http://127.0.0.1:{port}"),
        };
        let deadline = Instant::now() + Duration::from_secs(60);
        while !reqwest::get(format!("{}/healthz", process.address))
            .await
            .is_ok_and(|answer| answer.status().is_success())
        {
            assert!(Instant::now() < deadline, "kring did not start");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        process
    }
}

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A throwaway PostgreSQL cluster that keeps its durability; gone when this
/// process ends.
fn postgres_server() -> String {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../scripts/test-postgres");
    let started = Command::new(script)
        .arg(std::process::id().to_string())
        .arg("durable")
        .output()
        .expect("scripts/test-postgres");
    assert!(started.status.success(), "no PostgreSQL");
    String::from_utf8(started.stdout)
        .unwrap()
        .trim()
        .to_string()
}

async fn new_database(server: &str, name: &str) -> String {
    let admin = db::Pool::Postgres(sqlx::PgPool::connect(server).await.unwrap());
    db::query(&format!("CREATE DATABASE {name}"))
        .execute(&admin)
        .await
        .unwrap();
    admin.close().await;
    server.replace("/postgres", &format!("/{name}"))
}

/// The demo admin becomes a member of the generated pages; their first
/// family threads, with their pages, take the replies.
async fn reply_threads(database: &str) -> Vec<(i64, i64)> {
    let db = Db::connect(database).await.unwrap();
    installation::generate(&db, REPLY_PAGES, kring_app::dates::today())
        .await
        .unwrap();
    db::query(
        "INSERT INTO members (care_page_id, account_id, role, joined_at)
         SELECT p.id, a.id, 'trusted', $1 FROM care_pages p, accounts a
         WHERE a.email = $2 AND NOT EXISTS
             (SELECT 1 FROM members m WHERE m.care_page_id = p.id AND m.account_id = a.id)",
    )
    .bind(db::At::now())
    .bind(ADMIN)
    .execute(db.writer())
    .await
    .unwrap();
    let threads: Vec<(i64, i64)> = db::query_as(
        "SELECT care_page_id, MIN(id) FROM threads WHERE provider_id IS NULL
         GROUP BY care_page_id ORDER BY care_page_id",
    )
    .fetch_all(db.reader())
    .await
    .unwrap();
    db.close().await;
    threads
}

async fn log_in(base: &str) -> String {
    let (status, cookie) = nginx::log_in(base, ADMIN, kring_app::demo::DEMO_PASSWORD).await;
    assert!(status.is_success(), "login: {status}");
    cookie
}

#[derive(Clone)]
enum Work {
    Get(String),
    Reply(Arc<Vec<(i64, i64)>>),
}

/// Answers per second, and how many were not a success.
async fn load(base: &str, cookie: &str, work: Work) -> (f64, u64) {
    let client = nginx::browser();
    let next = Arc::new(AtomicUsize::new(0));
    let failed = Arc::new(AtomicU64::new(0));
    let answered = Arc::new(AtomicU64::new(0));
    let started = Instant::now();
    let until = started + Duration::from_secs_f64(SECONDS);
    let mut tasks = Vec::new();
    for _ in 0..CONNECTIONS {
        let (client, work, base, cookie) = (
            client.clone(),
            work.clone(),
            base.to_string(),
            cookie.to_string(),
        );
        let (next, failed, answered) = (next.clone(), failed.clone(), answered.clone());
        tasks.push(tokio::spawn(async move {
            while Instant::now() < until {
                let request = match &work {
                    Work::Get(path) => client.get(format!("{base}{path}")),
                    Work::Reply(threads) => {
                        let n = next.fetch_add(1, Ordering::Relaxed);
                        let (page_id, thread_id) = threads[n % threads.len()];
                        let arguments = kring_app::messages::api::Reply {
                            page_id,
                            thread_id,
                            body: format!("Antwoord {n}"),
                        };
                        client
                            .post(format!("{base}{}", kring_app::messages::api::Reply::PATH))
                            .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
                            .body(serde_qs::to_string(&arguments).unwrap())
                    }
                };
                let ok = match request.header(COOKIE, &cookie).send().await {
                    Ok(answer) => {
                        let ok = answer.status().is_success();
                        ok && answer.bytes().await.is_ok()
                    }
                    Err(_) => false,
                };
                let counter = if ok { &answered } else { &failed };
                counter.fetch_add(1, Ordering::Relaxed);
            }
        }));
    }
    for task in tasks {
        task.await.unwrap();
    }
    let seconds = started.elapsed().as_secs_f64();
    (
        answered.load(Ordering::Relaxed) as f64 / seconds,
        failed.load(Ordering::Relaxed),
    )
}

/// One set-up measured: week page, Overzicht, replies.
async fn measure(base: &str, threads: Vec<(i64, i64)>) -> [(f64, u64); 3] {
    let cookie = log_in(base).await;
    let threads = Arc::new(threads);
    // Warm: the first answers fill caches and pools.
    load(base, &cookie, Work::Get("/zorgpagina/1/kalender".into())).await;
    [
        load(base, &cookie, Work::Get("/zorgpagina/1/kalender".into())).await,
        load(base, &cookie, Work::Get("/zorgpagina/1".into())).await,
        load(base, &cookie, Work::Reply(threads)).await,
    ]
}

fn row(name: &str, figures: &[(f64, u64); 3], baseline: &[(f64, u64); 3]) -> String {
    let cell = |n: usize| {
        let (rate, failed) = figures[n];
        let failed = if failed > 0 {
            format!(", {failed} failed")
        } else {
            String::new()
        };
        format!("{rate:.0}/s (×{:.2}{failed})", rate / baseline[n].0)
    };
    format!("| {name} | {} | {} | {} |", cell(0), cell(1), cell(2))
}

#[tokio::main]
async fn main() {
    let root = tempfile::tempdir().unwrap();
    let server = postgres_server();
    println!("Beyond one machine, one run ({CONNECTIONS} connections, {SECONDS} s each):");

    let sqlite_url = format!("sqlite://{}", root.path().join("sqlite/kring.db").display());
    let sqlite = {
        let process = Process::start(&root.path().join("sqlite"), &sqlite_url).await;
        let threads = reply_threads(&sqlite_url).await;
        measure(&process.address, threads).await
    };

    let one_url = new_database(&server, "kring_one").await;
    let one = {
        let process = Process::start(&root.path().join("one"), &one_url).await;
        let threads = reply_threads(&one_url).await;
        measure(&process.address, threads).await
    };

    let three_url = new_database(&server, "kring_three").await;
    let three = {
        let mut processes = Vec::new();
        for name in ["a", "b", "c"] {
            processes.push(Process::start(&root.path().join(name), &three_url).await);
        }
        let threads = reply_threads(&three_url).await;
        let proxy: PathBuf = root.path().join("nginx");
        std::fs::create_dir_all(&proxy).unwrap();
        let addresses: Vec<&str> = processes.iter().map(|p| p.address.as_str()).collect();
        let nginx = nginx::Nginx::start(&proxy, &addresses).await;
        let figures = measure(&nginx.address, threads).await;
        drop(nginx);
        figures
    };

    println!("| | week page | Overzicht | replies (writes) |");
    println!("|---|---|---|---|");
    println!("{}", row("SQLite, one process", &sqlite, &sqlite));
    println!("{}", row("PostgreSQL, one process", &one, &sqlite));
    println!(
        "{}",
        row(
            "PostgreSQL, three processes behind nginx (TLS)",
            &three,
            &sqlite
        )
    );

    // The move of a generated installation.
    let source = format!("sqlite://{}", root.path().join("many/kring.db").display());
    std::fs::create_dir_all(root.path().join("many")).unwrap();
    let generated = Instant::now();
    let db = Db::connect(&source).await.unwrap();
    installation::generate(&db, MOVED_PAGES, kring_app::dates::today())
        .await
        .unwrap();
    db.close().await;
    let generated = generated.elapsed().as_secs_f64();
    let target = new_database(&server, "kring_moved").await;
    let moved = kring_app::moving::to_postgres(&source, &target, |_| {})
        .await
        .unwrap();
    let rows: u64 = moved.tables.iter().map(|table| table.rows).sum();
    let bytes = std::fs::metadata(root.path().join("many/kring.db"))
        .map(|m| m.len())
        .unwrap_or(0);
    println!(
        "migrate-to-postgres, {MOVED_PAGES} pages ({rows} rows in {} tables, {:.0} MB; generated in {generated:.1} s): moved and checked in {:.1} s",
        moved.tables.len(),
        bytes as f64 / 1e6,
        moved.seconds
    );
}
