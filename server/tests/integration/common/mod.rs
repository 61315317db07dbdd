//! The integration-test harness: `spawn_app()` starts the real router on a
//! random port with its own fresh database and outbox, and `TestApp` has one
//! helper per server function or route. The database is SQLite, or with
//! `KRING_TEST_DATABASE=postgres` a new PostgreSQL database (see
//! [`postgres`]): `scripts/test` runs the suite both ways.

pub mod postgres;

use kring_app::db;
use kring_app::settings::Settings;
use kring_server::{build_state, leptos_options, router, serve};
use leptos::server_fn::ServerFn;
use reqwest::header::CONTENT_TYPE;
use reqwest::{Client, Response, StatusCode};
use std::path::PathBuf;

pub const PASSWORD: &str = "paarse fiets op de dijk";

pub struct TestApp {
    pub address: String,
    pub client: Client,
    pub state: kring_app::state::AppState,
    pub outbox: PathBuf,
    _server: ServerRuntime,
    _dir: tempfile::TempDir,
}

/// The server's own multi-threaded runtime, as in production: the test's
/// runtime only drives the client. (Serving from the test's single-threaded
/// runtime left a server-rendered page waiting forever now and then.)
struct ServerRuntime(Option<tokio::runtime::Runtime>);

impl Drop for ServerRuntime {
    fn drop(&mut self) {
        if let Some(runtime) = self.0.take() {
            runtime.shutdown_background();
        }
    }
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

pub async fn spawn_app_with(adjust: impl FnOnce(&mut Settings)) -> TestApp {
    spawn_app_with_options(adjust, |_| {}).await
}

/// With Leptos' options changed too (where the built site is, hashed names).
pub async fn spawn_app_with_options(
    adjust: impl FnOnce(&mut Settings),
    adjust_options: impl FnOnce(&mut leptos::config::LeptosOptions),
) -> TestApp {
    spawn(adjust, adjust_options, true).await
}

/// Without the outbox worker: the test runs workers itself.
pub async fn spawn_app_without_outbox_worker(adjust: impl FnOnce(&mut Settings)) -> TestApp {
    spawn(adjust, |_| {}, false).await
}

async fn spawn(
    adjust: impl FnOnce(&mut Settings),
    adjust_options: impl FnOnce(&mut leptos::config::LeptosOptions),
    outbox_worker: bool,
) -> TestApp {
    // Server logs show up with a failing test's output (RUST_LOG=debug for more).
    let _ = tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "warn".into()),
        )
        .with_test_writer()
        .try_init();
    let dir = tempfile::tempdir().expect("temporary folder");
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("free port");
    listener.set_nonblocking(true).unwrap();
    let address = listener.local_addr().unwrap();
    let mut settings = Settings::in_folder(address, dir.path());
    if postgres::chosen() {
        settings.database_url = postgres::fresh_database().await;
    }
    adjust(&mut settings);
    let outbox = settings.outbox_dir.clone();
    let mut options = leptos_options(&settings);
    adjust_options(&mut options);
    let state = build_state(settings, options).await.expect("state");
    // Every request's policy decisions are recorded with its path, for the
    // access-table test (see `kring_app::policy::record`).
    let recorded = router(state.clone()).layer(axum::middleware::from_fn(
        |request: axum::extract::Request, next: axum::middleware::Next| async move {
            let path = request.uri().path().to_string();
            kring_app::policy::record::for_request(path, next.run(request)).await
        },
    ));
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a runtime for the server");
    runtime.spawn(async move {
        let listener = tokio::net::TcpListener::from_std(listener).expect("listener");
        serve(listener, recorded, std::future::pending()).await
    });
    // The outbox worker runs as in production, on the server's runtime.
    if outbox_worker {
        let _inside = runtime.enter();
        kring_app::outbox::worker::start(state.clone());
    }
    TestApp {
        address: format!("http://{address}"),
        client: new_client(),
        state,
        outbox,
        _server: ServerRuntime(Some(runtime)),
        _dir: dir,
    }
}

/// A browser of its own: a separate cookie jar, never following redirects.
pub fn new_client() -> Client {
    Client::builder()
        .cookie_store(true)
        // A server that never answers fails the test by name instead of hanging the run.
        .timeout(std::time::Duration::from_secs(60))
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

impl TestApp {
    /// Posts a form of raw text to a server function: for what no typed
    /// argument can hold (a malformed date, a forged choice, a missing field)
    /// and for plain forms sent without JavaScript. Everything else uses
    /// [`Self::send_as`], which the compiler checks.
    pub async fn call_as(
        &self,
        client: &Client,
        endpoint: &str,
        form: &[(&str, &str)],
    ) -> Response {
        client
            .post(format!("{}/api/{endpoint}", self.address))
            .form(form)
            .send()
            .await
            .expect("request")
    }

    /// Calls a server function with its own argument struct, written as the
    /// browser's caller writes it: a renamed or retyped field breaks the build
    /// of the tests instead of a test at run time.
    pub async fn send_as<F>(&self, client: &Client, arguments: F) -> Response
    where
        F: ServerFn + serde::Serialize,
    {
        let body = serde_qs::to_string(&arguments).expect("arguments as a form");
        client
            .post(format!("{}{}", self.address, F::PATH))
            .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(body)
            .send()
            .await
            .expect("request")
    }

    /// [`Self::send_as`] with the app's own client.
    pub async fn send<F>(&self, arguments: F) -> Response
    where
        F: ServerFn + serde::Serialize,
    {
        self.send_as(&self.client, arguments).await
    }

    pub async fn call(&self, endpoint: &str, form: &[(&str, &str)]) -> Response {
        self.call_as(&self.client, endpoint, form).await
    }

    pub async fn get(&self, path: &str) -> Response {
        self.get_as(&self.client, path).await
    }

    pub async fn get_as(&self, client: &Client, path: &str) -> Response {
        self.get_page(client, path, &[]).await
    }

    /// GETs a page. A page that does not finish fails the test: the server
    /// answers 503 after its time limit (`time_limit`), and the client gives
    /// up a little later. A GET sent on a kept-alive connection the server had
    /// just closed (after refusing an upload it did not read to the end) is
    /// sent once more on a new connection, as browsers do.
    pub async fn get_page(
        &self,
        client: &Client,
        path: &str,
        headers: &[(&str, &str)],
    ) -> Response {
        let mut tried_again = false;
        loop {
            let mut request = client
                .get(format!("{}{path}", self.address))
                .timeout(std::time::Duration::from_secs(20));
            for (name, value) in headers {
                request = request.header(*name, *value);
            }
            match request.send().await {
                Ok(response) => return response,
                Err(error) if error.is_request() && !error.is_timeout() && !tried_again => {
                    tried_again = true;
                    eprintln!("GET {path}: {error}; trying again on a new connection");
                }
                Err(error) => panic!("GET {path}: {error}"),
            }
        }
    }

    pub async fn register(&self, first: &str, last: &str, email: &str) -> Response {
        self.call(
            "register",
            &[
                ("first_name", first),
                ("last_name", last),
                ("email", email),
                ("terms", "on"),
            ],
        )
        .await
    }

    /// Waits (at most 10 s) until the outbox worker has written every due
    /// item that goes to the outbox folder, so that what a request queued
    /// can be read there. Items for a test's own SMTP server or SMS gateway
    /// are not waited for: those tests read what their server received.
    pub async fn settle_outbox(&self) {
        let mut channels = Vec::new();
        if self.state.mailer.outbox_folder().is_some() {
            channels.push("mail");
        }
        if matches!(self.state.sms, kring_app::sms::SmsSender::Outbox { .. }) {
            channels.extend(["sms", "voice"]);
        }
        for _ in 0..1000 {
            let mut due = 0;
            for channel in &channels {
                let waiting: i64 = db::query_scalar(
                    "SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL
                     AND due_at <= $1 AND channel = $2",
                )
                .bind(chrono::Utc::now())
                .bind(channel)
                .fetch_one(self.state.db.reader())
                .await
                .expect("outbox count");
                due += waiting;
            }
            if due == 0 {
                return;
            }
            tokio::time::sleep(std::time::Duration::from_millis(10)).await;
        }
        panic!("the outbox did not send what is due within 10 s");
    }

    /// Every e-mail in the outbox, oldest first, bodies decoded.
    pub async fn mails(&self) -> Vec<String> {
        self.raw_mails()
            .await
            .iter()
            .map(|mail| decode_quoted_printable(mail))
            .collect()
    }

    /// Every e-mail in the outbox, oldest first, exactly as written: for
    /// headers, which are never quoted-printable (decoding would read the
    /// `=68` of `?code=68…` as an escape).
    pub async fn raw_mails(&self) -> Vec<String> {
        self.settle_outbox().await;
        let Ok(entries) = std::fs::read_dir(&self.outbox) else {
            return Vec::new();
        };
        let mut files: Vec<_> = entries
            .filter_map(Result::ok)
            .filter(|entry| entry.path().extension().is_some_and(|ext| ext == "eml"))
            .map(|entry| {
                (
                    entry.metadata().and_then(|m| m.modified()).ok(),
                    entry.path(),
                )
            })
            .collect();
        files.sort();
        files
            .into_iter()
            .map(|(_, path)| std::fs::read_to_string(path).unwrap())
            .collect()
    }

    /// The mails sent to one address.
    pub async fn mails_to(&self, email: &str) -> Vec<String> {
        self.mails()
            .await
            .into_iter()
            // With a name "Anna <anna@…>", without one (an invitation) the address alone.
            .filter(|mail| {
                mail.contains(&format!("<{email}>")) || mail.contains(&format!("\nTo: {email}\r\n"))
            })
            .collect()
    }

    /// Waits (at most 10 s) until `count` mails to `email` are in the outbox,
    /// for mails that are sent after the request has been answered.
    pub async fn wait_for_mails_to(&self, email: &str, count: usize) {
        for _ in 0..200 {
            if self.mails_to(email).await.len() >= count {
                return;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        panic!("no {count} mails to {email} within 10 s");
    }

    /// The code of the newest link to `path` in a mail to `email`.
    pub async fn link_code(&self, email: &str, path: &str) -> Option<String> {
        let mails = self.mails_to(email).await;
        let mail = mails.iter().rev().find(|mail| mail.contains(path))?;
        let start = mail.find(&format!("{path}?code="))? + path.len() + "?code=".len();
        Some(
            mail[start..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                .collect(),
        )
    }

    /// Registers, confirms through the mailed link and chooses `PASSWORD`; the
    /// app's own client is logged in afterwards.
    pub async fn sign_up(&self, first: &str, last: &str, email: &str) {
        assert_eq!(
            self.register(first, last, email).await.status(),
            StatusCode::OK
        );
        let code = self
            .link_code(email, "/account/bevestigen")
            .await
            .expect("confirmation mail");
        let response = self
            .call(
                "set_password",
                &[
                    ("code", &code),
                    ("password", PASSWORD),
                    ("password_repeat", PASSWORD),
                ],
            )
            .await;
        assert_eq!(
            response.status(),
            StatusCode::OK,
            "{}",
            response.text().await.unwrap()
        );
    }

    pub async fn login_as(&self, client: &Client, email: &str, password: &str) -> Response {
        self.call_as(client, "login", &[("email", email), ("password", password)])
            .await
    }

    /// The codes in the SMS outbox, oldest first, with the number they went to.
    pub async fn texts(&self) -> Vec<(String, String)> {
        self.settle_outbox().await;
        let mut files: Vec<_> = std::fs::read_dir(&self.outbox)
            .unwrap()
            .filter_map(Result::ok)
            .map(|entry| entry.path())
            .filter(|path| path.extension().is_some_and(|ext| ext == "sms"))
            .collect();
        files.sort();
        files
            .into_iter()
            .map(|path| {
                let text = std::fs::read_to_string(path).unwrap();
                let to = text
                    .lines()
                    .next()
                    .unwrap()
                    .trim_start_matches("To: ")
                    .to_string();
                let code = text
                    .split(|c: char| !c.is_ascii_digit())
                    .find(|word| word.len() == 6)
                    .unwrap_or_default()
                    .to_string();
                (to, code)
            })
            .collect()
    }

    /// Whether `client` has a session, as the header sees it.
    pub async fn logged_in(&self, client: &Client) -> bool {
        let viewer: kring_app::accounts::Viewer = self
            .call_as(client, "viewer", &[])
            .await
            .json()
            .await
            .unwrap();
        viewer.account.is_some()
    }

    /// Every line of every page's history, oldest first, as stored.
    pub async fn history(&self) -> Vec<kring_app::history::HistoryEvent> {
        let stored: Vec<String> = db::query_scalar("SELECT event FROM page_history ORDER BY id")
            .fetch_all(self.state.db.reader())
            .await
            .unwrap();
        stored
            .iter()
            .map(|json| kring_app::history::HistoryEvent::from_stored(json))
            .collect()
    }

    pub async fn count(&self, table: &str) -> i64 {
        db::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
            .fetch_one(self.state.db.reader())
            .await
            .unwrap()
    }
}

/// The Dutch message of an error response.
pub async fn error_message(response: Response) -> String {
    let error: kring_app::error::AppError = response.json().await.expect("an AppError body");
    error.to_string()
}

/// Undoes quoted-printable (RFC 2045): soft line breaks and `=XX` bytes.
pub fn decode_quoted_printable(text: &str) -> String {
    let joined = text.replace("=\r\n", "").replace("=\n", "");
    let bytes = joined.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'=', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The demo family, with each actor's own logged-in client.
/// The demo family's logins, one per role (see `kring_app::demo`).
pub const ADMIN: &str = "marieke@kring.test";
pub const TRUSTED: &str = "pieter@kring.test";
pub const HELPER: &str = "sanne@kring.test";
pub const STAFF: &str = "fatima@delinde.test";

pub struct Family {
    pub app: TestApp,
    pub page_id: i64,
    /// The demo's unused activation code (Hendrik Jansen of De Linde).
    pub activation_code: String,
    /// The demo's API token of De Linde, every scope.
    pub api_token: String,
}

pub async fn demo_family() -> Family {
    demo_family_with(|_| {}).await
}

/// The demo family on an app whose settings `adjust` changes.
pub async fn demo_family_with(adjust: impl FnOnce(&mut Settings)) -> Family {
    let app = spawn_app_with(adjust).await;
    let today = chrono::Utc::now().date_naive();
    let demo = kring_app::demo::seed(&app.state.db, &app.state.key, today)
        .await
        .unwrap();
    assert_eq!(demo.logins.len(), 6);
    let page_id = db::query_scalar("SELECT id FROM care_pages")
        .fetch_one(app.state.db.reader())
        .await
        .unwrap();
    Family {
        app,
        page_id,
        activation_code: demo.activation_code.unwrap().0,
        api_token: demo.api_token.unwrap(),
    }
}

impl Family {
    pub async fn client_of(&self, email: &str) -> reqwest::Client {
        let client = new_client();
        let response = self
            .app
            .login_as(&client, email, kring_app::demo::DEMO_PASSWORD)
            .await;
        assert_eq!(response.status(), reqwest::StatusCode::OK, "{email}");
        client
    }

    pub async fn page_as(&self, client: &reqwest::Client, page_id: i64) -> reqwest::Response {
        self.app
            .call_as(client, "care_page", &[("page_id", &page_id.to_string())])
            .await
    }
}
