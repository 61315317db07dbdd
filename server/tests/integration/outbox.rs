//! The outbox: every mail and SMS is queued in the database and sent by a
//! worker that claims rows with a lease. A worker stopped halfway, or two
//! workers at once, still send each item exactly once.

use crate::common::spawn_app_without_outbox_worker;
use crate::smtp::smtp_server;
use kring_app::db;
use kring_app::outbox::{queue, worker, Outgoing};
use std::collections::HashMap;
use std::time::Duration;

/// The `Message-ID` of a received message.
fn message_id(message: &str) -> String {
    message
        .lines()
        .find_map(|line| line.strip_prefix("Message-ID: "))
        .expect("a Message-ID")
        .trim()
        .to_string()
}

#[tokio::test]
async fn a_worker_stopped_halfway_leaves_every_mail_to_go_out_exactly_once() {
    const MAILS: usize = 300;
    let mut server = smtp_server().await;
    let port = server.port;
    let app = spawn_app_without_outbox_worker(|settings| {
        settings.smtp_url = Some(format!("smtp://127.0.0.1:{port}"))
    })
    .await;
    for n in 0..MAILS {
        let mail = Outgoing::mail(
            "Anna",
            &format!("anna{n}@example.nl"),
            "Bericht",
            "Er is een nieuw bericht.",
        );
        queue(app.state.db.writer(), &mail).await.unwrap();
    }

    // A worker runs, and is stopped as soon as the first mails arrive.
    let first = worker::start(app.state.clone());
    let mut received = vec![crate::smtp::next_message(&mut server).await];
    first.abort();
    let _ = first.await;
    // What it had started sending finishes (well within its lease, as the
    // SMTP time-out is shorter); then the count of sent mails stands still.
    let sent = || async {
        db::query_scalar::<i64>("SELECT COUNT(*) FROM outbox WHERE sent_at IS NOT NULL")
            .fetch_one(app.state.db.reader())
            .await
            .unwrap()
    };
    let mut sent_when_stopped = sent().await;
    loop {
        tokio::time::sleep(Duration::from_millis(300)).await;
        let now = sent().await;
        if now == sent_when_stopped {
            break;
        }
        sent_when_stopped = now;
    }
    assert!(
        (sent_when_stopped as usize) < MAILS,
        "stopped halfway, not after the end"
    );

    // Another worker takes over, including what the first had claimed
    // (once that claim's lease has run out).
    let after_lease = chrono::Utc::now() + chrono::Duration::seconds(worker::LEASE_SECONDS + 1);
    loop {
        let pass = worker::deliver_due(&app.state, "second", after_lease)
            .await
            .unwrap();
        if pass.handled() == 0 {
            break;
        }
    }
    while received.len() < MAILS {
        received.push(crate::smtp::next_message(&mut server).await);
    }
    // Nothing more arrives: no mail went twice.
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(server.received.try_recv().is_err(), "a mail went twice");
    let mut seen: HashMap<String, usize> = HashMap::new();
    for message in &received {
        *seen.entry(message_id(message)).or_default() += 1;
    }
    assert_eq!(seen.len(), MAILS);
    assert!(seen.values().all(|&count| count == 1));
    let counts = kring_app::outbox::queries::counts(&app.state.db, after_lease)
        .await
        .unwrap();
    assert_eq!((counts.waiting, counts.failed), (0, 0));
}

#[tokio::test]
async fn two_workers_at_once_never_send_the_same_item() {
    const MAILS: usize = 200;
    let app = spawn_app_without_outbox_worker(|_| {}).await;
    for n in 0..MAILS {
        let sms = Outgoing::sms(&format!("+316{n:08}"), "Uw code is 123456.");
        queue(app.state.db.writer(), &sms).await.unwrap();
    }
    let now = chrono::Utc::now();
    let (a, b) = (app.state.clone(), app.state.clone());
    let run = |state: kring_app::state::AppState, name: &'static str| async move {
        let mut sent = 0;
        loop {
            let pass = worker::deliver_due(&state, name, now).await.unwrap();
            if pass.handled() == 0 {
                return sent;
            }
            sent += pass.sent;
        }
    };
    let (one, two) = tokio::join!(tokio::spawn(run(a, "one")), tokio::spawn(run(b, "two")));
    let (one, two) = (one.unwrap(), two.unwrap());
    assert_eq!(one + two, MAILS, "{one} + {two}");
    let files = std::fs::read_dir(&app.outbox)
        .unwrap()
        .filter_map(Result::ok)
        .filter(|entry| entry.path().extension().is_some_and(|ext| ext == "sms"))
        .count();
    assert_eq!(files, MAILS);
}

#[tokio::test]
async fn a_planned_item_is_queued_once_and_waits_for_its_time() {
    let app = spawn_app_without_outbox_worker(|_| {}).await;
    let tomorrow = chrono::Utc::now() + chrono::Duration::days(1);
    let reminder = Outgoing::mail("Kees", "kees@example.nl", "Morgen", "Tot morgen.")
        .not_before(tomorrow)
        .planned_as("test:1".into());
    assert!(queue(app.state.db.writer(), &reminder).await.unwrap());
    assert!(!queue(app.state.db.writer(), &reminder).await.unwrap());
    let now = worker::deliver_due(&app.state, "w", chrono::Utc::now())
        .await
        .unwrap();
    assert_eq!(now.handled(), 0, "not before its time");
    let then = worker::deliver_due(&app.state, "w", tomorrow)
        .await
        .unwrap();
    assert_eq!(then.sent, 1);
    assert_eq!(app.mails_to("kees@example.nl").await.len(), 1);
}

#[tokio::test]
async fn a_code_that_expired_while_it_waited_is_not_sent() {
    let app = spawn_app_without_outbox_worker(|_| {}).await;
    let now = chrono::Utc::now();
    let code = Outgoing::sms("+31612345678", "Je code is 123456.")
        .expires(now + chrono::Duration::minutes(5));
    queue(app.state.db.writer(), &code).await.unwrap();
    // One whose five minutes passed while the gateway was down.
    let late = Outgoing::sms("+31612345678", "Je code is 654321.")
        .not_before(now - chrono::Duration::minutes(6))
        .expires(now - chrono::Duration::minutes(1));
    queue(app.state.db.writer(), &late).await.unwrap();
    let pass = worker::deliver_due(&app.state, "w", now).await.unwrap();
    assert_eq!(pass.refused, 1);
    assert_eq!(pass.sent, 1, "the one still valid goes");
    assert!(app.texts().await.iter().all(|(_, code)| code != "654321"));
    let counts = kring_app::outbox::queries::counts(&app.state.db, now)
        .await
        .unwrap();
    assert_eq!(counts.failed, 1, "the operator sees it");
}
