//! Sessions that end, cookies that cannot be planted, pages that are not
//! kept, and form posts only from Kring's own address.

use crate::common::{new_client, spawn_app, spawn_app_with, PASSWORD};
use kring_app::accounts::api::Logout;
use kring_app::db;
use reqwest::StatusCode;

#[tokio::test]
async fn a_session_ends_after_two_idle_hours_and_is_purged() {
    let app = spawn_app().await;
    app.sign_up("Anna", "de Vries", "anna@example.nl").await;
    assert!(app.logged_in(&app.client).await);
    let idle_since = chrono::Utc::now()
        - chrono::Duration::minutes(kring_app::accounts::session::IDLE_MINUTES + 1);
    db::query("UPDATE sessions SET last_seen_at = $1")
        .bind(idle_since)
        .execute(app.state.db.writer())
        .await
        .unwrap();
    assert!(!app.logged_in(&app.client).await, "idle too long");
    // The next login anywhere clears ended sessions from the database.
    app.login_as(&new_client(), "anna@example.nl", PASSWORD)
        .await;
    assert_eq!(app.count("sessions").await, 1);
}

#[tokio::test]
async fn a_session_in_use_stays_alive() {
    let app = spawn_app().await;
    app.sign_up("Anna", "de Vries", "anna@example.nl").await;
    let almost_idle = chrono::Utc::now()
        - chrono::Duration::minutes(kring_app::accounts::session::IDLE_MINUTES - 1);
    db::query("UPDATE sessions SET last_seen_at = $1")
        .bind(almost_idle)
        .execute(app.state.db.writer())
        .await
        .unwrap();
    assert!(app.logged_in(&app.client).await);
    let seen: chrono::DateTime<chrono::Utc> = db::query_scalar("SELECT last_seen_at FROM sessions")
        .fetch_one(app.state.db.reader())
        .await
        .unwrap();
    assert!(seen > almost_idle, "the request renewed it");
}

#[tokio::test]
async fn over_https_the_session_cookie_is_host_prefixed_and_hsts_is_sent() {
    let app =
        spawn_app_with(|settings| settings.public_url = "https://kring.example.nl".into()).await;
    app.sign_up("Anna", "de Vries", "anna@example.nl").await;
    let response = app
        .login_as(&new_client(), "anna@example.nl", PASSWORD)
        .await;
    let cookies: Vec<String> = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .collect();
    let session = cookies.iter().find(|c| c.contains("kring_sessie")).unwrap();
    assert!(session.starts_with("__Host-kring_sessie="), "{session}");
    assert!(
        session.contains("; Secure") && session.contains("Path=/"),
        "{session}"
    );
    assert!(!session.contains("Domain"), "{session}");
    let page = app.get("/inloggen").await;
    assert!(page.headers()["strict-transport-security"]
        .to_str()
        .unwrap()
        .contains("max-age=31536000"));
    // Over plain HTTP nothing claims HTTPS.
    let plain = spawn_app().await;
    assert!(plain
        .get("/inloggen")
        .await
        .headers()
        .get("strict-transport-security")
        .is_none());
}

#[tokio::test]
async fn pages_and_answers_with_personal_data_are_not_stored() {
    let family = crate::common::demo_family().await;
    let admin = family.client_of(crate::common::ADMIN).await;
    let page = family
        .app
        .get_as(&admin, &format!("/zorgpagina/{}/kalender", family.page_id))
        .await;
    assert_eq!(page.headers()["cache-control"], "no-store");
    let answer = family.page_as(&admin, family.page_id).await;
    assert_eq!(answer.headers()["cache-control"], "no-store");
    let refused = family.page_as(&new_client(), family.page_id).await;
    assert_eq!(refused.headers()["cache-control"], "no-store");
}

#[tokio::test]
async fn logging_out_tells_the_browser_to_forget_what_it_kept() {
    let app = spawn_app().await;
    app.sign_up("Anna", "de Vries", "anna@example.nl").await;
    let response = app.send(Logout {}).await;
    let clear = response.headers()["clear-site-data"].to_str().unwrap();
    assert!(
        clear.contains("\"cache\"") && clear.contains("\"storage\""),
        "{clear}"
    );
}

#[tokio::test]
async fn a_post_is_accepted_only_from_the_configured_origin() {
    let app = spawn_app().await;
    let own = app.address.clone();
    let port: u16 = own.rsplit(':').next().unwrap().parse().unwrap();
    for (origin, allowed) in [
        (own.clone(), true),
        (format!("http://127.0.0.1:{}", port + 1), false),
        (format!("https://127.0.0.1:{port}"), false),
        (format!("http://localhost:{port}"), false),
        ("null".to_string(), false),
    ] {
        let response = app
            .client
            .post(format!("{own}/api/register"))
            .header("origin", &origin)
            .form(&[
                ("first_name", "Anna"),
                ("last_name", "de Vries"),
                ("email", "anna@example.nl"),
                ("terms", "on"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(
            response.status() != StatusCode::FORBIDDEN,
            allowed,
            "{origin}: {}",
            response.status()
        );
    }
}
