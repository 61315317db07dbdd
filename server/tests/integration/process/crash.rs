//! Crash safety, proven: the real server is killed with SIGKILL at random
//! moments while six writers change the demo page through its HTTP
//! interface, started again, and after every kill the database must hold
//! every write the server acknowledged and nothing half-written; an SQLite
//! file must also pass `PRAGMA integrity_check`. The same on PostgreSQL,
//! where the process dies and the database server does not.
//!
//! Short form in `scripts/test` (a few cycles). The long form for a closing
//! note: `KRING_CRASH_CYCLES=1000 cargo test -p kring-server --features
//! kring-app/ssr --test integration process::crash -- --nocapture`.

use super::{ids, setting, Server, Visitor};
use crate::common::{ADMIN, HELPER, TRUSTED};
use kring_app::calendar::api::{AddAppointment, SetHelping};
use kring_app::calendar::form::{AppointmentFields, Repetition};
use kring_app::connections::api::SetRole;
use kring_app::connections::GivenRole;
use kring_app::db::{self, Pool};
use kring_app::form_value::DateField;
use kring_app::messages::api::{Reply, StartThread};
use kring_app::messages::ShareWith;
use kring_app::profile::api::EditPerson;
use rand::Rng;
use std::collections::HashSet;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// A value written again and again by one writer, one request at a time:
/// after a crash it holds the last acknowledged value or one sent after it.
#[derive(Default)]
struct Register {
    acknowledged: Option<String>,
    sent_since: Vec<String>,
}

impl Register {
    fn sending(&mut self, value: &str) {
        self.sent_since.push(value.to_string());
    }

    fn acknowledge(&mut self, value: &str) {
        self.acknowledged = Some(value.to_string());
        self.sent_since.clear();
    }

    fn allows(&self, found: &str) -> bool {
        self.acknowledged.as_deref().is_none_or(|a| a == found)
            || self.sent_since.iter().any(|s| s == found)
    }

    /// Checks what the database holds (a problem when it is neither the
    /// acknowledged value nor one sent since); then what is there counts.
    fn check(&mut self, what: &str, found: &str, problems: &mut Vec<String>) {
        if !self.allows(found) {
            problems.push(format!(
                "{what} is {found}, acknowledged {:?}",
                self.acknowledged
            ));
        }
        self.acknowledge(found);
    }
}

#[derive(Default)]
struct Ledger {
    /// Bodies of acknowledged new threads and replies.
    messages: Vec<String>,
    /// Titles of acknowledged appointments (series and single ones).
    series: Vec<String>,
    role: Register,
    role_changes: u64,
    helping: Register,
    phone: Register,
    acknowledged: u64,
    /// Refused by the per-page limit on messages: an answer, not a failure.
    limited: u64,
    /// Other answers than success while the server was up: none expected.
    refused: Vec<String>,
}

/// What the writers need to know about the demo page.
#[derive(Clone)]
struct Page {
    id: i64,
    family_thread: i64,
    helper_id: i64,
    helper_name: String,
    help_series: i64,
    help_date: chrono::NaiveDate,
    /// More pages for new threads, so they stay under the per-page limit.
    more: Vec<i64>,
    person: (String, String, Option<chrono::NaiveDate>, String),
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn acknowledged_writes_survive_sigkill_and_nothing_is_half_written() {
    let dir = tempfile::tempdir().unwrap();
    kill_while_writing(Server::start(dir.path(), &[]).await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn acknowledged_writes_survive_sigkill_on_postgresql_too() {
    let dir = tempfile::tempdir().unwrap();
    let database = crate::common::postgres::fresh_database().await;
    let env = [("KRING_DATABASE_URL", database.as_str())];
    kill_while_writing(Server::start(dir.path(), &env).await).await;
}

async fn kill_while_writing(mut server: Server) {
    let cycles = setting("KRING_CRASH_CYCLES", 6);
    let admin = Visitor::log_in(&server, ADMIN).await;
    let trusted = Visitor::log_in(&server, TRUSTED).await;
    let helper = Visitor::log_in(&server, HELPER).await;
    let page = prepare(&server, &admin).await;
    let ledger = Arc::new(Mutex::new(Ledger::default()));
    let counter = Arc::new(AtomicU64::new(0));
    let (mut lost, mut damaged) = (Vec::new(), 0);

    for cycle in 0..cycles {
        if cycle > 0 {
            server.restart().await;
        }
        let writers = vec![
            tokio::spawn(new_threads(
                admin.clone(),
                page.clone(),
                ledger.clone(),
                counter.clone(),
            )),
            tokio::spawn(new_threads(
                admin.clone(),
                page.clone(),
                ledger.clone(),
                counter.clone(),
            )),
            tokio::spawn(replies(
                trusted.clone(),
                page.clone(),
                ledger.clone(),
                counter.clone(),
            )),
            tokio::spawn(series(
                admin.clone(),
                page.clone(),
                ledger.clone(),
                counter.clone(),
            )),
            tokio::spawn(helping(helper.clone(), page.clone(), ledger.clone())),
            tokio::spawn(roles(admin.clone(), page.clone(), ledger.clone())),
            tokio::spawn(phones(
                admin.clone(),
                page.clone(),
                ledger.clone(),
                counter.clone(),
            )),
        ];
        let pause = rand::thread_rng().gen_range(30..400);
        tokio::time::sleep(Duration::from_millis(pause)).await;
        server.kill();
        for writer in writers {
            writer.await.unwrap();
        }
        let db = server.store().await;
        if let Pool::Sqlite(file) = &db {
            let verdict: Vec<String> = db::query_scalar("PRAGMA integrity_check")
                .fetch_all(file)
                .await
                .unwrap();
            if verdict != ["ok"] {
                damaged += 1;
                eprintln!("cycle {cycle}: integrity_check: {verdict:?}");
            }
        }
        // The writers are done: the ledger is taken out to be checked
        // (no lock held across the database's awaits), then put back.
        let mut checked = std::mem::take(&mut *ledger.lock().unwrap());
        let problems = check(&db, &page, &mut checked).await;
        db.close().await;
        lost.extend(
            problems
                .into_iter()
                .map(|what| format!("cycle {cycle}: {what}")),
        );
        *ledger.lock().unwrap() = checked;
    }
    let ledger = ledger.lock().unwrap();
    println!(
        "crash safety: {cycles} kill cycles, {} acknowledged writes, {} lost, {damaged} integrity failures; {} refused by the message limit, {} other refusals",
        ledger.acknowledged,
        lost.len(),
        ledger.limited,
        ledger.refused.len()
    );
    assert!(lost.is_empty(), "lost or half-written: {lost:#?}");
    assert_eq!(damaged, 0, "integrity failures");
    let first: Vec<_> = ledger.refused.iter().take(3).collect();
    assert!(
        ledger.refused.is_empty(),
        "{} refused while up, first: {first:?}",
        ledger.refused.len()
    );
    assert!(
        ledger.acknowledged >= cycles,
        "the writers wrote next to nothing"
    );
}

/// The family thread, a series that asks for help, the helper, the person.
async fn prepare(server: &Server, admin: &Visitor) -> Page {
    let (helper_id, page_id) = ids(server, HELPER).await;
    let today = kring_app::dates::today();
    let fields = AppointmentFields {
        title: "Boodschappen doen".into(),
        date: Some(today),
        start_time: chrono::NaiveTime::from_hms_opt(10, 0, 0),
        ask_help: true,
        repeat: Repetition::Daily,
        times: Some(30),
        ..Default::default()
    };
    let answer = admin
        .send(AddAppointment {
            page_id,
            appointment: fields,
        })
        .await
        .unwrap();
    assert!(answer.status().is_success());
    let help_series: i64 = answer.json().await.unwrap();
    let db = server.store().await;
    let family_thread = db::query_scalar(
        "SELECT id FROM threads WHERE care_page_id = $1 AND provider_id IS NULL ORDER BY id LIMIT 1",
    )
    .bind(page_id)
    .fetch_one(&db)
    .await
    .unwrap();
    let helper_name =
        db::query_scalar("SELECT first_name || ' ' || last_name FROM accounts WHERE id = $1")
            .bind(helper_id)
            .fetch_one(&db)
            .await
            .unwrap();
    let (first, last, born, address): (String, String, Option<chrono::NaiveDate>, String) =
        db::query_as(
            "SELECT first_name, last_name, birth_date, address FROM care_pages WHERE id = $1",
        )
        .bind(page_id)
        .fetch_one(&db)
        .await
        .unwrap();
    db.close().await;
    let more = super::new_pages(admin, 12).await;
    Page {
        more,
        id: page_id,
        family_thread,
        helper_id,
        helper_name,
        help_series,
        help_date: today + chrono::Duration::days(1),
        person: (first, last, born, address),
    }
}

/// Sends until the server is gone; `Ok(true)` is an acknowledged write.
/// An answer other than success is noted: none is expected.
async fn sent(
    ledger: &Mutex<Ledger>,
    what: &str,
    answer: Result<reqwest::Response, reqwest::Error>,
) -> Option<bool> {
    match answer {
        Err(_) => None,
        Ok(response) if response.status().is_success() => match response.bytes().await {
            // The answer was cut off by the kill: not acknowledged.
            Err(_) => None,
            Ok(_) => Some(true),
        },
        // The page's limit on messages (30 a minute): an answer, not a
        // failure; the writer waits a little, as a person would.
        Ok(response) if response.status() == reqwest::StatusCode::TOO_MANY_REQUESTS => {
            ledger.lock().unwrap().limited += 1;
            tokio::time::sleep(Duration::from_millis(500)).await;
            Some(false)
        }
        Ok(response) => {
            let status = response.status();
            let text = response.text().await.unwrap_or_default();
            ledger
                .lock()
                .unwrap()
                .refused
                .push(format!("{what}: {status} {text}"));
            Some(false)
        }
    }
}

/// [`sent`], and on acknowledgement `acknowledged` on the ledger;
/// `false` once the server is gone.
async fn noted(
    ledger: &Mutex<Ledger>,
    what: &str,
    answer: Result<reqwest::Response, reqwest::Error>,
    acknowledged: impl FnOnce(&mut Ledger),
) -> bool {
    match sent(ledger, what, answer).await {
        None => false,
        Some(true) => {
            let mut ledger = ledger.lock().unwrap();
            acknowledged(&mut ledger);
            ledger.acknowledged += 1;
            true
        }
        Some(false) => true,
    }
}

async fn new_threads(
    admin: Visitor,
    page: Page,
    ledger: Arc<Mutex<Ledger>>,
    counter: Arc<AtomicU64>,
) {
    loop {
        let n = counter.fetch_add(1, Ordering::Relaxed);
        let body = format!("nieuw onderwerp {n}");
        let answer = admin
            .send(StartThread {
                page_id: page.more[n as usize % page.more.len()],
                subject: "Even bijpraten".into(),
                body: body.clone(),
                share_with: ShareWith::Family,
            })
            .await;
        if !noted(&ledger, "start_thread", answer, |l| {
            l.messages.push(body);
        })
        .await
        {
            return;
        }
    }
}

async fn replies(
    trusted: Visitor,
    page: Page,
    ledger: Arc<Mutex<Ledger>>,
    counter: Arc<AtomicU64>,
) {
    loop {
        let body = format!("antwoord {}", counter.fetch_add(1, Ordering::Relaxed));
        let answer = trusted
            .send(Reply {
                page_id: page.id,
                thread_id: page.family_thread,
                body: body.clone(),
            })
            .await;
        if !noted(&ledger, "reply", answer, |l| {
            l.messages.push(body);
        })
        .await
        {
            return;
        }
    }
}

/// Appointments: every fourth a weekly series, the others single ones,
/// spread over the pages (a page holds at most 500 series).
async fn series(admin: Visitor, page: Page, ledger: Arc<Mutex<Ledger>>, counter: Arc<AtomicU64>) {
    loop {
        let n = counter.fetch_add(1, Ordering::Relaxed);
        let weekly = n.is_multiple_of(4);
        let title = match weekly {
            true => format!("Fysiotherapie {n}"),
            false => format!("Kapper {n}"),
        };
        let appointment = AppointmentFields {
            title: title.clone(),
            date: Some(page.help_date),
            repeat: if weekly {
                Repetition::Weekly
            } else {
                Repetition::None
            },
            times: weekly.then_some(4),
            all_day: true,
            ..Default::default()
        };
        let answer = admin
            .send(AddAppointment {
                page_id: page.more[n as usize % page.more.len()],
                appointment,
            })
            .await;
        if !noted(&ledger, "add_appointment", answer, |l| {
            l.series.push(title);
        })
        .await
        {
            return;
        }
    }
}

async fn helping(helper: Visitor, page: Page, ledger: Arc<Mutex<Ledger>>) {
    let mut help = ledger.lock().unwrap().helping.acknowledged.as_deref() != Some("1");
    loop {
        let value = if help { "1" } else { "0" };
        ledger.lock().unwrap().helping.sending(value);
        let answer = helper
            .send(SetHelping {
                page_id: page.id,
                appointment_id: page.help_series,
                date: page.help_date,
                help,
                every_time: false,
            })
            .await;
        if !noted(&ledger, "set_helping", answer, |l| {
            l.helping.acknowledge(value);
        })
        .await
        {
            return;
        }
        help = !help;
    }
}

async fn roles(admin: Visitor, page: Page, ledger: Arc<Mutex<Ledger>>) {
    loop {
        let now_trusted = ledger.lock().unwrap().role.acknowledged.as_deref() == Some("trusted");
        let (role, value) = if now_trusted {
            (GivenRole::Helper, "helper")
        } else {
            (GivenRole::Trusted, "trusted")
        };
        ledger.lock().unwrap().role.sending(value);
        let answer = admin
            .send(SetRole {
                page_id: page.id,
                account_id: page.helper_id,
                role: Some(role),
            })
            .await;
        if !noted(&ledger, "set_role", answer, |l| {
            l.role.acknowledge(value);
            l.role_changes += 1;
        })
        .await
        {
            return;
        }
    }
}

async fn phones(admin: Visitor, page: Page, ledger: Arc<Mutex<Ledger>>, counter: Arc<AtomicU64>) {
    let (first, last, born, address) = page.person.clone();
    loop {
        let phone = format!(
            "010 {:07}",
            counter.fetch_add(1, Ordering::Relaxed) % 10_000_000
        );
        ledger.lock().unwrap().phone.sending(&phone);
        let answer = admin
            .send(EditPerson {
                page_id: page.id,
                first_name: first.clone(),
                last_name: last.clone(),
                birth_date: DateField(born),
                address: address.clone(),
                phone: phone.clone(),
            })
            .await;
        if !noted(&ledger, "edit_person", answer, |l| {
            l.phone.acknowledge(&phone);
        })
        .await
        {
            return;
        }
    }
}

/// What the database must show after a kill; each problem as a sentence.
async fn check(db: &Pool, page: &Page, ledger: &mut Ledger) -> Vec<String> {
    let mut problems = Vec::new();
    let bodies: HashSet<String> = db::query_scalar("SELECT body FROM messages")
        .fetch_all(db)
        .await
        .unwrap()
        .into_iter()
        .collect();
    for body in &ledger.messages {
        if !bodies.contains(body) {
            problems.push(format!("acknowledged message {body:?} is missing"));
        }
    }
    let empty_threads: i64 = db::query_scalar(
        "SELECT COUNT(*) FROM threads t WHERE NOT EXISTS (SELECT 1 FROM messages m WHERE m.thread_id = t.id)",
    )
    .fetch_one(db)
    .await
    .unwrap();
    if empty_threads > 0 {
        problems.push(format!(
            "{empty_threads} threads without their first message"
        ));
    }
    type Series = (String, Option<String>, chrono::NaiveDate, chrono::NaiveDate);
    let series: Vec<Series> = db::query_as(
        "SELECT title, repeat_frequency, start_date, last_date FROM appointments
         WHERE title LIKE 'Fysiotherapie %' OR title LIKE 'Kapper %'",
    )
    .fetch_all(db)
    .await
    .unwrap();
    let titles: HashSet<&str> = series.iter().map(|(t, ..)| t.as_str()).collect();
    for title in &ledger.series {
        if !titles.contains(title.as_str()) {
            problems.push(format!("acknowledged appointment {title:?} is missing"));
        }
    }
    let start = page.help_date;
    let last = page.help_date + chrono::Duration::weeks(3);
    for (title, repeat, first, end) in &series {
        let whole = match title.starts_with("Fysiotherapie") {
            true => repeat.as_deref() == Some("weekly") && *first == start && *end == last,
            false => repeat.is_none() && *first == start && *end == start,
        };
        if !whole {
            problems.push(format!(
                "appointment {title:?} is half-written: {repeat:?} {first}..{end}"
            ));
        }
    }
    let helping: i64 = db::query_scalar(
        "SELECT COUNT(*) FROM appointment_helpers WHERE appointment_id = $1 AND occurrence_date = $2 AND account_id = $3",
    )
    .bind(page.help_series)
    .bind(page.help_date)
    .bind(page.helper_id)
    .fetch_one(db)
    .await
    .unwrap();
    let helping = if helping > 0 { "1" } else { "0" };
    ledger.helping.check("helping", helping, &mut problems);

    let role: String =
        db::query_scalar("SELECT role FROM members WHERE care_page_id = $1 AND account_id = $2")
            .bind(page.id)
            .bind(page.helper_id)
            .fetch_one(db)
            .await
            .unwrap();
    ledger.role.check("role", &role, &mut problems);
    // Every role change has its history line, written in the same transaction.
    let changes: Vec<String> = db::query_scalar(
        "SELECT json_extract(event, '$.role') FROM page_history
         WHERE care_page_id = $1 AND json_extract(event, '$.event') = 'role_changed'
           AND json_extract(event, '$.name') = $2 ORDER BY id",
    )
    .on_postgres(
        "SELECT CAST(event AS json)->>'role' FROM page_history
         WHERE care_page_id = $1 AND CAST(event AS json)->>'event' = 'role_changed'
           AND CAST(event AS json)->>'name' = $2 ORDER BY id",
    )
    .bind(page.id)
    .bind(&page.helper_name)
    .fetch_all(db)
    .await
    .unwrap();
    if (changes.len() as u64) < ledger.role_changes {
        problems.push(format!(
            "{} acknowledged role changes, {} history lines",
            ledger.role_changes,
            changes.len()
        ));
    }
    if let Some(latest) = changes.last() {
        if !latest.eq_ignore_ascii_case(&role) {
            problems.push(format!(
                "role is {role}, its last history line says {latest}"
            ));
        }
    }
    let phone: String = db::query_scalar("SELECT phone FROM care_pages WHERE id = $1")
        .bind(page.id)
        .fetch_one(db)
        .await
        .unwrap();
    ledger.phone.check("phone", &phone, &mut problems);
    problems
}
