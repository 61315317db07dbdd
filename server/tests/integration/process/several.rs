//! Three `kring` processes on one PostgreSQL behind nginx, configured from
//! `deploy/nginx/` as an operator would: they act as one. A login made
//! through the proxy holds on every process, a message written on one is
//! read on another, a dossier code asked on one opens the dossier on
//! another, the login limit counts across them, and their three outbox
//! workers send each mail once.

use super::nginx::{browser, log_in, log_in_from, Nginx};
use super::Server;
use crate::common::postgres;
use kring_app::db::{self, Pool};
use kring_app::dossier::door::{SendDossierCode, UnlockDossier};
use kring_app::messages::api::{MessageThreads, StartThread};
use kring_app::messages::ShareWith;
use kring_app::outbox::{queue_all, Outgoing};
use reqwest::header::{CONTENT_TYPE, COOKIE};
use reqwest::StatusCode;
use std::collections::HashMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

const ADMIN: &str = "marieke@kring.test";
const ADMIN_MOBILE: &str = "+31612345678";
const TRUSTED: &str = "pieter@kring.test";

/// Calls a server function on `address` with the session `cookie`.
async fn send<F>(address: &str, cookie: &str, arguments: F) -> reqwest::Response
where
    F: leptos::server_fn::ServerFn + serde::Serialize,
{
    browser()
        .post(format!("{address}{}", F::PATH))
        .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(COOKIE, cookie)
        .body(serde_qs::to_string(&arguments).unwrap())
        .send()
        .await
        .unwrap()
}

/// The Message-ID of every mail written to the outbox folders, with how
/// many times each was written.
fn message_ids(folders: &[PathBuf], subject: &str) -> HashMap<String, usize> {
    let mut seen = HashMap::new();
    for folder in folders {
        let Ok(files) = std::fs::read_dir(folder) else {
            continue;
        };
        for file in files.flatten() {
            let text = std::fs::read_to_string(file.path()).unwrap_or_default();
            if !text.contains(subject) {
                continue;
            }
            if let Some(id) = text
                .lines()
                .find_map(|line| line.strip_prefix("Message-ID: "))
            {
                *seen.entry(id.trim().to_string()).or_insert(0) += 1;
            }
        }
    }
    seen
}

/// The six-digit code of the newest text message to `number` in the
/// outbox folders, once one is there.
async fn code_sent_to(folders: &[PathBuf], number: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let mut texts: Vec<(std::time::SystemTime, String)> = folders
            .iter()
            .filter_map(|folder| std::fs::read_dir(folder).ok())
            .flatten()
            .flatten()
            .filter(|file| file.path().extension().is_some_and(|ext| ext == "sms"))
            .filter_map(|file| {
                let text = std::fs::read_to_string(file.path()).ok()?;
                let made = file.metadata().ok()?.modified().ok()?;
                text.starts_with(&format!("To: {number}"))
                    .then_some((made, text))
            })
            .collect();
        texts.sort();
        let code = texts.last().and_then(|(_, text)| {
            text.split(|c: char| !c.is_ascii_digit())
                .find(|word| word.len() == 6)
                .map(str::to_string)
        });
        if let Some(code) = code {
            return code;
        }
        assert!(Instant::now() < deadline, "no text message to {number}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn three_processes_on_one_postgresql_behind_nginx_act_as_one() {
    let database = postgres::fresh_database().await;
    let root = tempfile::tempdir().unwrap();
    let key = root.path().join("kring.key").display().to_string();
    let proxy_folder = root.path().join("nginx");
    std::fs::create_dir_all(&proxy_folder).unwrap();
    // Every process gets the settings of deploy/systemd/kring.env.example
    // that matter here: one database, one key, nginx as the trusted proxy.
    let mut processes = Vec::new();
    for name in ["a", "b", "c"] {
        let folder = root.path().join(name);
        std::fs::create_dir_all(&folder).unwrap();
        let env = [
            ("KRING_DATABASE_URL", database.as_str()),
            ("KRING_SECRET_FILE", key.as_str()),
            ("KRING_TRUSTED_PROXY", "127.0.0.1"),
            ("KRING_PROXY_HEADER", "x-forwarded-for"),
        ];
        // One after the other: the first fills the empty database with the
        // demo family, the others find it filled.
        processes.push(Server::start(&folder, &env).await);
    }
    let addresses: Vec<&str> = processes.iter().map(|p| p.address.as_str()).collect();
    let nginx = Nginx::start(&proxy_folder, &addresses).await;
    let direct: Vec<String> = processes.iter().map(|p| p.address.clone()).collect();

    // A login made through the proxy holds on each process.
    let (status, cookie) = log_in(&nginx.address, ADMIN, kring_app::demo::DEMO_PASSWORD).await;
    assert!(status.is_success(), "login through nginx: {status}");
    assert!(!cookie.is_empty(), "a session cookie");
    for address in &direct {
        let account = |cookie: Option<&str>| {
            let mut request = browser().get(format!("{address}/account"));
            if let Some(cookie) = cookie {
                request = request.header(COOKIE, cookie);
            }
            async move { request.send().await.unwrap().text().await.unwrap() }
        };
        assert!(
            account(Some(&cookie)).await.contains(ADMIN),
            "{address} knows the session"
        );
        assert!(!account(None).await.contains(ADMIN), "{address} without it");
    }

    // A message written on the first process is in the list another serves.
    let pool = Pool::Postgres(sqlx::PgPool::connect(&database).await.unwrap());
    let page_id: i64 = db::query_scalar(
        "SELECT m.care_page_id FROM members m JOIN accounts a ON a.id = m.account_id
         WHERE a.email = $1 ORDER BY m.care_page_id LIMIT 1",
    )
    .bind(ADMIN)
    .fetch_one(&pool)
    .await
    .unwrap();
    let written = send(
        &direct[0],
        &cookie,
        StartThread {
            page_id,
            subject: "Over drie processen".into(),
            body: "Geschreven op de eerste.".into(),
            share_with: ShareWith::Family,
        },
    )
    .await;
    assert!(written.status().is_success(), "{}", written.status());
    for address in [&direct[2], &nginx.address] {
        let list = send(address, &cookie, MessageThreads { page_id }).await;
        let text = list.text().await.unwrap();
        assert!(text.contains("Over drie processen"), "{address}: {text}");
    }

    // A dossier code asked on one process opens the dossier on another
    // (whichever process's worker sent the text message).
    let outboxes: Vec<PathBuf> = processes
        .iter()
        .map(|p| p.folder().join("outbox"))
        .collect();
    let asked = send(&direct[1], &cookie, SendDossierCode { page_id }).await;
    assert_eq!(asked.status(), StatusCode::OK);
    let code = code_sent_to(&outboxes, ADMIN_MOBILE).await;
    let opened = send(&direct[2], &cookie, UnlockDossier { page_id, code }).await;
    assert_eq!(
        opened.status(),
        StatusCode::OK,
        "{}",
        opened.text().await.unwrap()
    );

    // The login limit of an account counts across processes: five wrong
    // passwords (from addresses all over) are answered, whichever process
    // they reach, where each process saw three at most; the rest learn
    // nothing.
    let mut statuses = Vec::new();
    for n in 0..8 {
        let from = format!("203.0.113.{n}");
        let (status, _) = log_in_from(&direct[n % 3], &from, TRUSTED, &format!("fout {n}")).await;
        statuses.push(status);
    }
    let checked = statuses
        .iter()
        .filter(|s| **s == StatusCode::BAD_REQUEST)
        .count();
    assert_eq!(checked, 5, "{statuses:?}");

    // The three outbox workers send each mail once. The mails fall due
    // together a moment from now, when every worker is waiting for work,
    // and are more than one worker sends before the others wake (they look
    // every two seconds), so all of them claim and send at once.
    const MAILS: usize = 3000;
    let due = chrono::Utc::now() + chrono::Duration::seconds(5);
    let mails: Vec<Outgoing> = (0..MAILS)
        .map(|n| {
            Outgoing::mail(
                "Kees",
                &format!("kees{n}@example.nl"),
                "Drie werkers",
                "Eén keer verstuurd.",
            )
            .not_before(due)
        })
        .collect();
    let mut tx = pool.begin().await.unwrap();
    queue_all(&mut tx, &mails).await.unwrap();
    tx.commit().await.unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let waiting: i64 = db::query_scalar(
            "SELECT COUNT(*) FROM outbox WHERE subject = 'Drie werkers' AND sent_at IS NULL",
        )
        .fetch_one(&pool)
        .await
        .unwrap();
        if waiting == 0 {
            break;
        }
        assert!(Instant::now() < deadline, "{waiting} mails still waiting");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let outboxes: Vec<PathBuf> = processes
        .iter()
        .map(|p| p.folder().join("outbox"))
        .collect();
    let sent = message_ids(&outboxes, "Drie werkers");
    let by_process: Vec<usize> = outboxes
        .iter()
        .map(|folder| message_ids(std::slice::from_ref(folder), "Drie werkers").len())
        .collect();
    println!("{MAILS} mails sent by the three processes: {by_process:?}");
    assert_eq!(sent.len(), MAILS, "every mail sent");
    assert!(
        by_process.iter().filter(|&&count| count > 0).count() > 1,
        "the workers took turns: {by_process:?}"
    );
    assert!(
        sent.values().all(|&times| times == 1),
        "none twice: {sent:?}"
    );
    drop(nginx);
}
