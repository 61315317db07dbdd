//! With an SMTP address set, Kring's e-mail goes to that server. The test
//! starts a small SMTP server of its own on loopback and reads what arrives.

mod common;

use reqwest::StatusCode;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;
use tokio::sync::mpsc;

/// Accepts connections and speaks enough SMTP (RFC 5321) for one client;
/// each message's DATA is sent to the channel.
async fn smtp_server() -> (u16, mpsc::UnboundedReceiver<String>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let (sender, receiver) = mpsc::unbounded_channel();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let sender = sender.clone();
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
    (port, receiver)
}

#[tokio::test]
async fn registration_mail_goes_through_the_configured_smtp_server() {
    let (port, mut received) = smtp_server().await;
    let app = common::spawn_app_with(|settings| {
        settings.smtp_url = Some(format!("smtp://127.0.0.1:{port}"))
    })
    .await;
    assert_eq!(
        app.register("Anna", "de Vries", "anna@example.nl")
            .await
            .status(),
        StatusCode::OK
    );
    let message = tokio::time::timeout(std::time::Duration::from_secs(10), received.recv())
        .await
        .unwrap()
        .unwrap();
    assert!(
        message.contains("To: \"Anna de Vries\" <anna@example.nl>")
            || message.contains("<anna@example.nl>"),
        "{message}"
    );
    assert!(message.contains("Subject: Bevestig je Kring-account"));
    assert!(common::decode_quoted_printable(&message).contains("/account/bevestigen?code="));
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
    let app = common::spawn_app_with(|settings| {
        settings.smtp_url = Some(format!("smtp://127.0.0.1:{closed}"))
    })
    .await;
    let response = app.register("Anna", "de Vries", "anna@example.nl").await;
    assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
    assert!(common::error_message(response)
        .await
        .contains("Er ging iets mis"));
}
