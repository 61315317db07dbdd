//! With an SMTP address set, Kring's e-mail goes to that server. The test
//! starts a small SMTP server of its own on loopback and reads what arrives.

use kring_app::accounts::api::SetPassword;
use kring_app::db;
use reqwest::StatusCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;
use tokio::sync::mpsc;

/// A small SMTP server on loopback: its port, what it received, and a switch
/// that makes it refuse every message from then on.
pub struct SmtpServer {
    pub port: u16,
    pub received: mpsc::UnboundedReceiver<String>,
    pub refuse: Arc<AtomicBool>,
}

/// Accepts connections and speaks enough SMTP (RFC 5321) for one client;
/// each message's DATA is sent to the channel.
pub async fn smtp_server() -> SmtpServer {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let (sender, received) = mpsc::unbounded_channel();
    let refuse = Arc::new(AtomicBool::new(false));
    let refusing = refuse.clone();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let sender = sender.clone();
            let refusing = refusing.clone();
            tokio::spawn(async move {
                let (read, mut write) = stream.into_split();
                let mut lines = BufReader::new(read).lines();
                write.write_all(b"220 test ESMTP\r\n").await.unwrap();
                let mut data: Option<String> = None;
                while let Ok(Some(line)) = lines.next_line().await {
                    if let Some(body) = data.as_mut() {
                        if line == "." {
                            sender.send(data.take().unwrap()).unwrap();
                            write.write_all(b"250 queued\r\n").await.unwrap();
                        } else {
                            body.push_str(&line);
                            body.push('\n');
                        }
                        continue;
                    }
                    let command = line.to_ascii_uppercase();
                    let reply: &[u8] = if command.starts_with("EHLO") || command.starts_with("HELO")
                    {
                        b"250 test\r\n"
                    } else if command.starts_with("MAIL") && refusing.load(Ordering::SeqCst) {
                        b"451 try again later\r\n"
                    } else if command.starts_with("DATA") {
                        data = Some(String::new());
                        b"354 go on\r\n"
                    } else if command.starts_with("QUIT") {
                        let _ = write.write_all(b"221 bye\r\n").await;
                        break;
                    } else {
                        b"250 ok\r\n"
                    };
                    write.write_all(reply).await.unwrap();
                }
            });
        }
    });
    SmtpServer {
        port,
        received,
        refuse,
    }
}

/// Waits for the next message the server received.
pub async fn next_message(server: &mut SmtpServer) -> String {
    tokio::time::timeout(std::time::Duration::from_secs(10), server.received.recv())
        .await
        .expect("a message within 10 s")
        .expect("the server runs")
}

#[tokio::test]
async fn registration_mail_goes_through_the_configured_smtp_server() {
    let mut server = smtp_server().await;
    let port = server.port;
    let app = crate::common::spawn_app_with(|settings| {
        settings.smtp_url = Some(format!("smtp://127.0.0.1:{port}"))
    })
    .await;
    assert_eq!(
        app.register("Anna", "de Vries", "anna@example.nl")
            .await
            .status(),
        StatusCode::OK
    );
    let message = next_message(&mut server).await;
    assert!(
        message.contains("To: \"Anna de Vries\" <anna@example.nl>")
            || message.contains("<anna@example.nl>"),
        "{message}"
    );
    assert!(message.contains("Subject: Bevestig je Kring-account"));
    assert!(crate::common::decode_quoted_printable(&message).contains("/account/bevestigen?code="));
    assert!(app.mails().await.is_empty(), "nothing in the outbox");
}

/// Waits until the outbox row for `to` has been refused `count` times.
async fn refused(app: &crate::common::TestApp, to: &str, count: i64) {
    for _ in 0..200 {
        let attempts: Option<i64> =
            db::query_scalar("SELECT MAX(attempts) FROM outbox WHERE recipient = $1")
                .bind(to)
                .fetch_one(app.state.db.reader())
                .await
                .unwrap();
        if attempts.unwrap_or(0) >= count {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("the mail to {to} was not refused {count} times");
}

async fn operator_counts(app: &crate::common::TestApp) -> String {
    app.get("/healthz/outbox").await.text().await.unwrap()
}

#[tokio::test]
async fn an_unreachable_mail_server_keeps_the_mail_waiting_and_tells_the_operator() {
    // A port nobody listens on: the registration stands, its mail waits.
    let closed = TcpListener::bind("127.0.0.1:0")
        .await
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let app = crate::common::spawn_app_with(|settings| {
        settings.smtp_url = Some(format!("smtp://127.0.0.1:{closed}"))
    })
    .await;
    let response = app.register("Anna", "de Vries", "anna@example.nl").await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(app.count("accounts").await, 1);
    refused(&app, "anna@example.nl", 1).await;
    let counts = operator_counts(&app).await;
    assert!(counts.contains("waiting 1\n"), "{counts}");
    assert!(counts.contains("failed 0\n"), "{counts}");

    // After the last try it counts as failed, and the operator sees it…
    db::query("UPDATE outbox SET attempts = $1")
        .bind(kring_app::outbox::worker::MAX_ATTEMPTS - 1)
        .execute(app.state.db.writer())
        .await
        .unwrap();
    let later = chrono::Utc::now() + chrono::Duration::hours(2);
    let pass = kring_app::outbox::worker::deliver_due(&app.state, "test", later)
        .await
        .unwrap();
    assert_eq!((pass.sent, pass.refused), (0, 1));
    let counts = operator_counts(&app).await;
    assert!(counts.contains("waiting 0\n"), "{counts}");
    assert!(counts.contains("failed 1\n"), "{counts}");
    // …who can queue it again once the mail server is repaired.
    let again = kring_app::outbox::queries::retry_failed(&app.state.db, chrono::Utc::now())
        .await
        .unwrap();
    assert_eq!(again, 1);
    let counts = kring_app::outbox::queries::counts(&app.state.db, later)
        .await
        .unwrap();
    assert_eq!((counts.waiting, counts.failed), (1, 0));
}

#[tokio::test]
async fn a_refusing_mail_server_gets_the_mail_on_a_later_try() {
    let mut server = smtp_server().await;
    server.refuse.store(true, Ordering::SeqCst);
    let port = server.port;
    let app = crate::common::spawn_app_with(|settings| {
        settings.smtp_url = Some(format!("smtp://127.0.0.1:{port}"))
    })
    .await;
    // "451 try again later": the registration is done, the mail waits.
    let response = app.register("Anna", "de Vries", "anna@example.nl").await;
    assert_eq!(response.status(), StatusCode::OK);
    refused(&app, "anna@example.nl", 1).await;
    // Not again before its back-off…
    let early = kring_app::outbox::worker::deliver_due(&app.state, "test", chrono::Utc::now())
        .await
        .unwrap();
    assert_eq!(early.handled(), 0);
    // …and then it goes through, with the link that confirms the account.
    server.refuse.store(false, Ordering::SeqCst);
    let later = chrono::Utc::now() + kring_app::outbox::worker::backoff(1);
    let pass = kring_app::outbox::worker::deliver_due(&app.state, "test", later)
        .await
        .unwrap();
    assert_eq!(pass.sent, 1);
    let message = crate::common::decode_quoted_printable(&next_message(&mut server).await);
    let code = message
        .split("/account/bevestigen?code=")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .expect("a confirmation link")
        .to_string();
    let response = app
        .send(SetPassword {
            code,
            password: crate::common::PASSWORD.to_string(),
            password_repeat: crate::common::PASSWORD.to_string(),
        })
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    // Once: the earlier refusals delivered nothing.
    assert!(server.received.try_recv().is_err());
}
