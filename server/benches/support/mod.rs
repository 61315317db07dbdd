//! What the benchmarks share: a server on a temporary database with the
//! demo family, and a logged-in client.

use kring_app::db;
use kring_app::settings::Settings;
use kring_app::state::AppState;
use kring_server::{build_state, leptos_options, router, serve};
use std::net::SocketAddr;
use std::path::Path;

/// A server on a fresh temporary database with the demo family, not yet
/// answering: a benchmark fills `state` first, then calls [`Self::serve`].
#[allow(dead_code)] // each bench binary uses what it needs
pub struct DemoServer {
    pub state: AppState,
    listener: tokio::net::TcpListener,
    dir: tempfile::TempDir,
}

/// A [`DemoServer`] that answers at `base`; its database lives as long as this.
#[allow(dead_code)]
pub struct Serving {
    pub base: String,
    _dir: tempfile::TempDir,
}

#[allow(dead_code)]
impl DemoServer {
    pub async fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap();
        let state = demo_state(dir.path(), address).await;
        DemoServer {
            state,
            listener,
            dir,
        }
    }

    /// Starts answering on its own task.
    pub fn serve(self) -> Serving {
        let base = format!("http://{}", self.listener.local_addr().unwrap());
        tokio::spawn(serve(
            self.listener,
            router(self.state),
            std::future::pending(),
        ));
        Serving {
            base,
            _dir: self.dir,
        }
    }
}

/// The id of a demo account.
#[allow(dead_code)]
pub async fn account_id(db: &kring_app::db::Db, email: &str) -> i64 {
    db::query_scalar("SELECT id FROM accounts WHERE email = $1")
        .bind(email)
        .fetch_one(db.reader())
        .await
        .unwrap()
}

/// A server's state on a fresh database in `dir`, listening on `address`, with the demo family.
pub async fn demo_state(dir: &Path, address: SocketAddr) -> AppState {
    let settings = Settings {
        demo: true,
        ..Settings::in_folder(address, dir)
    };
    let options = leptos_options(&settings);
    let state = build_state(settings, options).await.unwrap();
    kring_app::demo::seed(&state.db, &state.key, kring_app::dates::today())
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
