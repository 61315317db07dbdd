//! What the server's log holds after a morning's use: never a password, a
//! message text, a dossier's contents, a code or a token. Run with JSON logs
//! at debug level, the most the log can say.

use super::{ids, Server, Visitor};
use crate::common::{ADMIN, STAFF};
use kring_app::db;
use kring_app::demo::DEMO_PASSWORD;
use kring_app::messages::api::StartThread;
use kring_app::messages::ShareWith;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_log_holds_no_secret_and_nothing_people_wrote() {
    let dir = tempfile::tempdir().unwrap();
    let mut server = Server::start(
        dir.path(),
        &[
            ("KRING_LOG_FORMAT", "json"),
            ("RUST_LOG", "debug,sqlx=warn,hyper=info,h2=info,tower=info"),
        ],
    )
    .await;
    let (_, page) = ids(&server, ADMIN).await;
    let admin = Visitor::log_in(&server, ADMIN).await;
    let staff = Visitor::log_in(&server, STAFF).await;

    // A message, a failed login with a wrong password, dossier pages, a feed.
    let secret_text = "Moeder valt vaker, de sleutel ligt onder de mat";
    let answer = admin
        .send(StartThread {
            page_id: page,
            subject: "Vertrouwelijk onderwerp".into(),
            body: secret_text.into(),
            share_with: ShareWith::Family,
        })
        .await
        .unwrap();
    assert!(answer.status().is_success());
    let wrong_password = "verkeerd-wachtwoord-geheim";
    let failed = reqwest::Client::new()
        .post(format!("{}/api/login", server.address))
        .form(&[("email", ADMIN), ("password", wrong_password)])
        .send()
        .await
        .unwrap();
    assert!(!failed.status().is_success());
    for path in [
        "dossier/zorgplan",
        "dossier/rapportages",
        "dossier/meetwaarden",
        "dossier/medicijnen",
    ] {
        staff
            .get(&format!("/zorgpagina/{page}/{path}"))
            .await
            .unwrap();
    }
    let feed_secret = "geheime-agenda-sleutel-123";
    admin
        .get(&format!("/agenda/{feed_secret}.ics"))
        .await
        .unwrap();
    admin
        .get("/uitnodiging?code=uitnodigings-code-456")
        .await
        .unwrap();
    server.stop();

    let stdout = std::fs::read_to_string(dir.path().join("stdout.txt")).unwrap();
    let log = std::fs::read_to_string(dir.path().join("stderr.txt")).unwrap();
    // The demo's codes and token are printed for the operator, on standard output.
    let printed_secret = |prefix: &str| {
        stdout
            .lines()
            .find_map(|line| line.trim().strip_prefix(prefix))
            .map(|rest| {
                rest.split_whitespace()
                    .next()
                    .unwrap_or_default()
                    .to_string()
            })
    };
    let api_token = stdout
        .split("Bearer ")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the demo's API token is printed")
        .to_string();
    let activation_code = printed_secret("Ongebruikte activatiecode van Thuiszorg De Linde:")
        .or_else(|| {
            stdout
                .split("Ongebruikte activatiecode van Thuiszorg De Linde: ")
                .nth(1)
                .map(|rest| rest.lines().next().unwrap_or_default().to_string())
        })
        .expect("the demo's activation code is printed");
    let mut db = server.database().await;
    let report_texts: Vec<String> = db::query_scalar("SELECT body FROM reports")
        .fetch_all(&mut db)
        .await
        .unwrap();
    let medicines: Vec<String> = db::query_scalar("SELECT name FROM medicines")
        .fetch_all(&mut db)
        .await
        .unwrap();
    assert!(log.lines().count() > 5, "the log says something:\n{log}");
    for line in log.lines().filter(|line| !line.trim().is_empty()) {
        assert!(
            serde_json::from_str::<serde_json::Value>(line).is_ok(),
            "not a JSON line: {line}"
        );
    }
    let mut secrets = vec![
        DEMO_PASSWORD.to_string(),
        wrong_password.to_string(),
        secret_text.to_string(),
        "Vertrouwelijk onderwerp".to_string(),
        feed_secret.to_string(),
        "uitnodigings-code-456".to_string(),
        api_token,
        activation_code.replace(' ', ""),
        activation_code,
    ];
    secrets.extend(
        report_texts
            .into_iter()
            .map(|t| t.chars().take(40).collect()),
    );
    secrets.extend(medicines);
    for secret in secrets.iter().filter(|s| s.len() >= 6) {
        assert!(
            !log.contains(secret.as_str()),
            "the log holds {secret:?}:\n{log}"
        );
    }
}
