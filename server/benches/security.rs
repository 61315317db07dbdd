//! Benchmark: what an attacker's burst costs the server, measured on the real
//! binary (built with the bench profile) in a child process, so that its
//! memory is its own. `cargo bench -p kring-server --bench security`
//!
//! Reports the largest body accepted, the server's memory before and after
//! 1,000 oversized requests, its peak memory during 500 parallel logins for
//! made-up addresses (each from its own client address, so none is stopped
//! before hashing), and how many of 100 parallel wrong passwords for one
//! account were checked before the limit answered.

use reqwest::{Client, StatusCode};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

struct Server {
    child: Child,
    base: String,
    _dir: tempfile::TempDir,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    /// "VmRSS" (now) or "VmHWM" (peak) of the server process, in MB.
    fn memory_mb(&self, field: &str) -> f64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .unwrap_or_default();
        status
            .lines()
            .find(|line| line.starts_with(field))
            .and_then(|line| line.split_whitespace().nth(1))
            .and_then(|kb| kb.parse::<f64>().ok())
            .map_or(f64::NAN, |kb| kb / 1024.0)
    }
}

async fn start() -> Server {
    let dir = tempfile::tempdir().unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let base = format!("http://127.0.0.1:{port}");
    let child = Command::new(env!("CARGO_BIN_EXE_kring"))
        .arg("--demo")
        .current_dir(dir.path())
        .env("KRING_ADDRESS", format!("127.0.0.1:{port}"))
        .env("KRING_PUBLIC_URL", &base)
        .env(
            "KRING_DATABASE_URL",
            format!("sqlite://{}", dir.path().join("kring.db").display()),
        )
        .env("KRING_OUTBOX_DIR", dir.path().join("outbox"))
        .env("KRING_TRUSTED_PROXY", "127.0.0.1")
        .env("RUST_LOG", "error")
        .stdout(Stdio::null())
        .spawn()
        .expect("the kring binary");
    // Owned from here on: dropping it stops and reaps the child, even on a panic.
    let server = Server {
        child,
        base,
        _dir: dir,
    };
    let client = Client::new();
    for _ in 0..300 {
        if let Ok(response) = client.get(format!("{}/healthz", server.base)).send().await {
            if response.status().is_success() {
                return server;
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the server did not start");
}

async fn login(client: &Client, base: &str, from: &str, email: &str, password: &str) -> StatusCode {
    client
        .post(format!("{base}/api/login"))
        .header("x-forwarded-for", from)
        .form(&[("email", email), ("password", password)])
        .send()
        .await
        .map(|response| response.status())
        .unwrap_or(StatusCode::BAD_GATEWAY)
}

#[tokio::main]
async fn main() {
    let server = start().await;
    let base = server.base.clone();
    let client = Client::new();
    let limit = kring_server::body_limit::BODY_LIMIT;

    // The largest body read, and the first refused.
    let prefix = "password=x&email=";
    let at_limit = format!("{prefix}{}", "a".repeat(limit - prefix.len()));
    let post = |body: String| {
        client
            .post(format!("{base}/api/login"))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
    };
    let read = post(at_limit.clone()).await.unwrap().status();
    let refused = post(format!("{at_limit}a")).await.unwrap().status();
    println!(
        "largest body accepted: {limit} bytes (answered {read}); {} bytes: {refused}",
        limit + 1
    );

    // A thousand 5 MB bodies, 50 at a time.
    let before = server.memory_mb("VmRSS");
    let started = Instant::now();
    let huge = Arc::new(vec![b'a'; 5 * 1024 * 1024]);
    let mut statuses = std::collections::BTreeMap::new();
    for _ in 0..20 {
        let batch: Vec<_> = (0..50)
            .map(|_| {
                let (client, base, huge) = (client.clone(), base.clone(), huge.clone());
                tokio::spawn(async move {
                    client
                        .post(format!("{base}/api/register"))
                        .header("content-type", "application/x-www-form-urlencoded")
                        .body(huge.as_ref().clone())
                        .send()
                        .await
                        .map(|r| r.status().as_u16())
                        .unwrap_or(0)
                })
            })
            .collect();
        for task in batch {
            *statuses.entry(task.await.unwrap()).or_insert(0) += 1;
        }
    }
    println!(
        "1,000 requests of 5 MB: {:?} (0 = connection closed while sending) in {:.1} s; server memory {:.0} MB before, {:.0} MB after",
        statuses,
        started.elapsed().as_secs_f64(),
        before,
        server.memory_mb("VmRSS"),
    );

    // 500 parallel logins for made-up addresses, each from its own address.
    let before = server.memory_mb("VmRSS");
    let started = Instant::now();
    let tasks: Vec<_> = (0..500)
        .map(|n| {
            let (client, base) = (client.clone(), base.clone());
            tokio::spawn(async move {
                let from = format!("10.{}.{}.1", n / 250, n % 250);
                let email = format!("verzonnen{n}@example.nl");
                login(&client, &base, &from, &email, "een verzonnen wachtwoord").await
            })
        })
        .collect();
    let mut answers = std::collections::BTreeMap::new();
    for task in tasks {
        *answers.entry(task.await.unwrap().as_u16()).or_insert(0) += 1;
    }
    println!(
        "500 parallel logins: {answers:?} in {:.1} s; server memory {:.0} MB before, peak {:.0} MB, {:.0} MB after",
        started.elapsed().as_secs_f64(),
        before,
        server.memory_mb("VmHWM"),
        server.memory_mb("VmRSS"),
    );

    // 100 parallel wrong passwords for one account, from 100 addresses.
    let tasks: Vec<_> = (0..100)
        .map(|n| {
            let (client, base) = (client.clone(), base.clone());
            tokio::spawn(async move {
                let from = format!("192.168.{}.{}", n / 200, n % 200 + 1);
                login(
                    &client,
                    &base,
                    &from,
                    "marieke@kring.test",
                    &format!("fout {n}"),
                )
                .await
            })
        })
        .collect();
    let (mut checked, mut limited) = (0, 0);
    for task in tasks {
        match task.await.unwrap() {
            StatusCode::BAD_REQUEST => checked += 1,
            StatusCode::TOO_MANY_REQUESTS => limited += 1,
            _ => {}
        }
    }
    println!("100 parallel wrong passwords for one account: {checked} checked, {limited} refused before hashing");
}
