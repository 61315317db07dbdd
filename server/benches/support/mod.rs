//! What the benchmarks share: settings for a server on a temporary database
//! with the demo family, and a logged-in client.

use kring_app::settings::Settings;
use kring_app::state::AppState;
use kring_server::{build_state, leptos_options};
use std::net::SocketAddr;
use std::path::Path;

/// A server's state on a fresh database in `dir`, listening on `address`, with the demo family.
pub async fn demo_state(dir: &Path, address: SocketAddr) -> AppState {
    let settings = Settings {
        address,
        public_url: format!("http://{address}"),
        database_url: format!("sqlite://{}", dir.join("bench.db").display()),
        outbox_dir: dir.join("outbox"),
        smtp_url: None,
        sms_gateway_url: None,
        mail_from: "Kring <noreply@kring.test>".into(),
        cookie_secure: false,
        trusted_proxy: None,
        require_two_factor: false,
        terms_file: None,
        privacy_file: None,
        support_url: kring_app::settings::DEFAULT_SUPPORT_URL.into(),
        demo: true,
    };
    let options = leptos_options(&settings);
    let state = build_state(settings, options).await.unwrap();
    kring_app::demo::seed(&state.db, kring_app::dates::today())
        .await
        .unwrap();
    state
}

/// A client logged in as the demo's admin.
#[allow(dead_code)] // each bench binary uses what it needs
pub async fn admin_client(base: &str) -> reqwest::Client {
    client_of(base, "marieke@kring.test").await
}

/// A client logged in as a demo account.
#[allow(dead_code)]
pub async fn client_of(base: &str, email: &str) -> reqwest::Client {
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap();
    let login = client
        .post(format!("{base}/api/login"))
        .form(&[
            ("email", email),
            ("password", kring_app::demo::DEMO_PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert!(login.status().is_success());
    client
}
