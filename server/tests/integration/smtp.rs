//! With an SMTP address set, Kring's e-mail goes to that server. The test
//! starts a small SMTP server of its own on loopback and reads what arrives.

use kring_app::accounts::api::{ForgotPassword, SetPassword};
use reqwest::StatusCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;
use tokio::sync::mpsc;

/// A small SMTP server on loopback: its port, what it received, and a switch
/// that makes it refuse every message from then on.
struct SmtpServer {
    port: u16,
    received: mpsc::UnboundedReceiver<String>,
    refuse: Arc<AtomicBool>,
}

/// Accepts connections and speaks enough SMTP (RFC 5321) for one client;
/// each message's DATA is sent to the channel.
async fn smtp_server() -> SmtpServer {
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
async fn next_message(server: &mut SmtpServer) -> String {
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
    assert!(app.mails().is_empty(), "nothing in the outbox");
}

#[tokio::test]
async fn an_unreachable_mail_server_gives_a_clear_message() {
    // A port nobody listens on: the registration fails politely.
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
    assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
    assert!(crate::common::error_message(response)
        .await
        .contains("Er ging iets mis"));
    // Nothing stays behind: a retry starts afresh.
    assert_eq!(app.count("accounts").await, 0);
    assert_eq!(app.count("email_links").await, 0);
}

#[tokio::test]
async fn a_mail_that_fails_leaves_the_link_that_arrived_earlier_working() {
    let mut server = smtp_server().await;
    let port = server.port;
    let app = crate::common::spawn_app_with(|settings| {
        settings.smtp_url = Some(format!("smtp://127.0.0.1:{port}"))
    })
    .await;
    let response = app.register("Anna", "de Vries", "anna@example.nl").await;
    assert_eq!(response.status(), StatusCode::OK);
    let message = crate::common::decode_quoted_printable(&next_message(&mut server).await);
    let code = message
        .split("/account/bevestigen?code=")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .expect("a confirmation link")
        .to_string();

    // Asked again while the mail server refuses: a clear message, and the
    // link from the first mail still confirms the account.
    server.refuse.store(true, Ordering::SeqCst);
    let response = app.register("Anna", "de Vries", "anna@example.nl").await;
    assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
    // "Wachtwoord vergeten" answers as always (it mails after answering, so
    // a mail server that is down tells nothing about the address)…
    let response = app
        .send(ForgotPassword {
            email: "anna@example.nl".into(),
        })
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    // …and the link that could not be mailed is taken back.
    let started = std::time::Instant::now();
    while app.count("email_links").await != 1 || started.elapsed().as_millis() < 300 {
        assert!(started.elapsed().as_secs() < 10, "the unsent link stays");
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert_eq!(app.count("accounts").await, 1);
    let response = app
        .send(SetPassword {
            code: code.as_str().to_string(),
            password: crate::common::PASSWORD.to_string(),
            password_repeat: crate::common::PASSWORD.to_string(),
        })
        .await;
    assert_eq!(response.status(), StatusCode::OK);
}
