//! Tests that run the real `kring` binary as its own process, as an operator
//! does, and talk to it over HTTP: killing it under load (`crash`), many
//! writers and readers at once (`soak`), what its logs hold (`logs`),
//! moving an installation to PostgreSQL (`moving`),
//! three of them on PostgreSQL behind nginx (`several`), and a rolling
//! upgrade (`upgrade`).

mod crash;
mod files;
mod full_disk;
mod logs;
mod moving;
mod nginx;
mod several;
mod soak;
mod upgrade;

use kring_app::db;
use kring_app::demo::DEMO_PASSWORD;
use leptos::server_fn::ServerFn;
use reqwest::header::CONTENT_TYPE;
use reqwest::{Client, Response};
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, SqliteConnection};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A `kring` process serving the database in `folder` on a fixed port, so
/// that it comes back on the same address after a kill.
pub struct Server {
    child: Option<Child>,
    pub address: String,
    port: u16,
    folder: PathBuf,
    env: Vec<(String, String)>,
}

impl Server {
    /// Starts `kring --demo` in `folder` (a fresh folder gets the demo family).
    pub async fn start(folder: &Path, env: &[(&str, &str)]) -> Server {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let mut server = Server {
            child: None,
            address: format!("http://127.0.0.1:{port}"),
            port,
            folder: folder.to_path_buf(),
            env: env
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        };
        server.restart().await;
        server
    }

    /// Starts the process again (after [`Server::kill`]) and waits until it answers.
    pub async fn restart(&mut self) {
        assert!(self.child.is_none(), "still running");
        let log = |name: &str| {
            std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(self.folder.join(name))
                .unwrap()
        };
        let mut command = Command::new(env!("CARGO_BIN_EXE_kring"));
        // A common operator's umask, which would leave new files readable
        // by everyone: Kring must not rely on it (see `files`).
        // SAFETY: umask is async-signal-safe and touches only the child.
        unsafe {
            std::os::unix::process::CommandExt::pre_exec(&mut command, || {
                libc::umask(0o022);
                Ok(())
            });
        }
        let child = command
            .arg("--demo")
            .current_dir(&self.folder)
            .env("KRING_ADDRESS", format!("127.0.0.1:{}", self.port))
            .env("KRING_DATABASE_URL", "sqlite://kring.db")
            .env("KRING_OUTBOX_DIR", "outbox")
            .env("KRING_BACKUP_DIR", "")
            .env("LEPTOS_OUTPUT_NAME", "kring")
            .envs(self.env.iter().map(|(k, v)| (k.as_str(), v.as_str())))
            .stdin(Stdio::null())
            .stdout(log("stdout.txt"))
            .stderr(log("stderr.txt"))
            .spawn()
            .expect("the kring binary");
        self.child = Some(child);
        let probe = Client::new();
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let answer = probe
                .get(format!("{}/healthz", self.address))
                .timeout(Duration::from_secs(1))
                .send()
                .await;
            if answer.is_ok_and(|a| a.status().is_success()) {
                return;
            }
            if let Some(status) = self.child.as_mut().unwrap().try_wait().unwrap() {
                panic!(
                    "kring stopped at start ({status}): see {}",
                    self.folder.display()
                );
            }
            assert!(Instant::now() < deadline, "kring did not start");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// SIGKILL: no shutdown, no flush, as a crash or `kill -9`.
    pub fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            child.kill().unwrap();
            child.wait().unwrap();
        }
    }

    /// SIGTERM, and waits for the orderly stop.
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = Command::new("kill").arg(child.id().to_string()).status();
            child.wait().unwrap();
        }
    }

    /// The process's resident memory, in kB.
    pub fn memory_kb(&self) -> u64 {
        let pid = self.child.as_ref().expect("running").id();
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
        status
            .lines()
            .find_map(|line| line.strip_prefix("VmRSS:"))
            .and_then(|rest| rest.split_whitespace().next())
            .and_then(|kb| kb.parse().ok())
            .unwrap_or(0)
    }

    /// A connection to the database file, for checks while the server is
    /// down (or reading beside it). Opening it recovers the WAL, as the next
    /// start of the server would.
    pub async fn database(&self) -> SqliteConnection {
        open(&self.folder.join("kring.db")).await
    }

    pub fn folder(&self) -> &Path {
        &self.folder
    }

    /// A pool on the database the process serves: its SQLite file, or the
    /// PostgreSQL its settings name.
    pub async fn store(&self) -> db::Pool {
        let url = self
            .env
            .iter()
            .find(|(key, _)| key == "KRING_DATABASE_URL")
            .map(|(_, url)| url.clone());
        match url {
            Some(url) if db::Backend::of_url(&url) == db::Backend::Postgres => {
                db::Pool::Postgres(sqlx::PgPool::connect(&url).await.unwrap())
            }
            _ => db::Pool::Sqlite(
                sqlx::SqlitePool::connect_with(
                    SqliteConnectOptions::new().filename(self.folder.join("kring.db")),
                )
                .await
                .unwrap(),
            ),
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}

/// A browser of one demo person, logged in once: sessions live in the
/// database, so the same cookie works after every restart.
#[derive(Clone)]
pub struct Visitor {
    pub client: Client,
    address: String,
}

impl Visitor {
    pub async fn log_in(server: &Server, email: &str) -> Visitor {
        let client = Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(30))
            .build()
            .unwrap();
        let visitor = Visitor {
            client,
            address: server.address.clone(),
        };
        let response = visitor
            .client
            .post(format!("{}/api/login", visitor.address))
            .form(&[("email", email), ("password", DEMO_PASSWORD)])
            .send()
            .await
            .unwrap();
        assert!(
            response.status().is_success(),
            "login of {email}: {}",
            response.status()
        );
        visitor
    }

    /// Calls a server function as the browser's caller writes its arguments.
    pub async fn send<F>(&self, arguments: F) -> Result<Response, reqwest::Error>
    where
        F: ServerFn + serde::Serialize,
    {
        let body = serde_qs::to_string(&arguments).expect("arguments as a form");
        self.client
            .post(format!("{}{}", self.address, F::PATH))
            .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(body)
            .send()
            .await
    }

    pub async fn get(&self, path: &str) -> Result<Response, reqwest::Error> {
        self.client
            .get(format!("{}{path}", self.address))
            .send()
            .await
    }
}

/// A number from the environment (for the long forms), or `default`.
pub fn setting(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(default)
}

pub async fn open(file: &Path) -> SqliteConnection {
    SqliteConnectOptions::new()
        .filename(file)
        .connect()
        .await
        .unwrap()
}

/// The id of a demo account, and of the demo family's page.
pub async fn ids(server: &Server, email: &str) -> (i64, i64) {
    let db = server.store().await;
    let found = ids_on(&db, email).await;
    db.close().await;
    found
}

/// [`ids`] from a database file elsewhere.
pub async fn ids_in(file: &Path, email: &str) -> (i64, i64) {
    let db = db::Pool::Sqlite(
        sqlx::SqlitePool::connect_with(SqliteConnectOptions::new().filename(file))
            .await
            .unwrap(),
    );
    let found = ids_on(&db, email).await;
    db.close().await;
    found
}

async fn ids_on(db: &db::Pool, email: &str) -> (i64, i64) {
    let account = db::query_scalar("SELECT id FROM accounts WHERE email = $1")
        .bind(email)
        .fetch_one(db)
        .await
        .unwrap();
    let page = db::query_scalar(
        "SELECT care_page_id FROM members WHERE account_id = $1 ORDER BY care_page_id LIMIT 1",
    )
    .bind(account)
    .fetch_one(db)
    .await
    .unwrap();
    (account, page)
}

/// `count` new care pages with `admin` as their admin: writers spread over
/// them stay under the per-page limit on messages (30 a minute).
pub async fn new_pages(admin: &Visitor, count: usize) -> Vec<i64> {
    let mut pages = Vec::new();
    for n in 0..count {
        let answer = admin
            .send(kring_app::care_pages::api::CreateCarePage {
                // Names are letters only: Anna, Anne, … Bram.
                first_name: [
                    "Anna", "Bram", "Cor", "Dirk", "Els", "Fien", "Gijs", "Hanna",
                ][n % 8]
                    .into(),
                last_name: ["Jansen", "de Vries", "Smit", "Visser", "Mulder"][n / 8 % 5].into(),
                birth_date: kring_app::form_value::DateField("1940-05-06".parse().ok()),
            })
            .await
            .unwrap();
        let status = answer.status();
        if !status.is_success() {
            panic!(
                "new page {n}: {status} {}",
                answer.text().await.unwrap_or_default()
            );
        }
        pages.push(answer.json().await.unwrap());
    }
    pages
}
