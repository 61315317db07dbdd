//! nginx in front of several `kring` processes, configured from the site
//! and upstream files of `deploy/nginx/` as an operator would, and a
//! browser that logs in through it: for the test of several processes and
//! for `cargo bench --bench scale`.

use reqwest::header::SET_COOKIE;
use reqwest::{Client, StatusCode};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// nginx with the site and upstream files of `deploy/nginx/`, changed only
/// where an operator changes them: the addresses it listens on, the
/// certificate, and the processes' ports.
pub struct Nginx {
    child: Child,
    pub address: String,
}

impl Nginx {
    pub async fn start(folder: &Path, processes: &[&str]) -> Nginx {
        let deploy = Path::new(env!("CARGO_MANIFEST_DIR")).join("../deploy/nginx");
        let (http, https) = (free_port(), free_port());
        let made = Command::new("openssl")
            .args([
                "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
            ])
            .args(["-subj", "/CN=127.0.0.1", "-keyout"])
            .arg(folder.join("key.pem"))
            .arg("-out")
            .arg(folder.join("cert.pem"))
            .stderr(Stdio::null())
            .status()
            .expect("openssl");
        assert!(made.success(), "a test certificate");
        let mut site = std::fs::read_to_string(deploy.join("kring-site.conf")).unwrap();
        for (from, to) in [
            (
                "listen 80;".to_string(),
                format!("listen 127.0.0.1:{http};"),
            ),
            ("listen [::]:80;".to_string(), String::new()),
            (
                "listen 443 ssl http2;".to_string(),
                format!("listen 127.0.0.1:{https} ssl http2;"),
            ),
            ("listen [::]:443 ssl http2;".to_string(), String::new()),
            (
                "/etc/letsencrypt/live/kring.example.nl/fullchain.pem".to_string(),
                folder.join("cert.pem").display().to_string(),
            ),
            (
                "/etc/letsencrypt/live/kring.example.nl/privkey.pem".to_string(),
                folder.join("key.pem").display().to_string(),
            ),
        ] {
            assert!(site.contains(&from), "deploy/nginx/kring-site.conf: {from}");
            site = site.replace(&from, &to);
        }
        let mut upstream = std::fs::read_to_string(deploy.join("kring-upstream.conf")).unwrap();
        for (n, process) in processes.iter().enumerate() {
            let from = format!("127.0.0.1:{}", 3001 + n);
            assert!(
                upstream.contains(&from),
                "deploy/nginx/kring-upstream.conf: {from}"
            );
            upstream = upstream.replace(&from, process.trim_start_matches("http://"));
        }
        std::fs::write(folder.join("site.conf"), site).unwrap();
        std::fs::write(folder.join("upstream.conf"), upstream).unwrap();
        let here = folder.display();
        std::fs::write(
            folder.join("nginx.conf"),
            format!(
                "user root;
                 worker_processes 1;
                 daemon off;
                 pid {here}/nginx.pid;
                 error_log {here}/error.log;
                 events {{}}
                 http {{
                     access_log off;
                     client_body_temp_path {here}/body;
                     proxy_temp_path {here}/proxy;
                     fastcgi_temp_path {here}/fastcgi;
                     uwsgi_temp_path {here}/uwsgi;
                     scgi_temp_path {here}/scgi;
                     include {here}/upstream.conf;
                     include {here}/site.conf;
                 }}"
            ),
        )
        .unwrap();
        let child = Command::new("/usr/sbin/nginx")
            .arg("-c")
            .arg(folder.join("nginx.conf"))
            .arg("-p")
            .arg(folder)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(folder.join("nginx.stderr")).unwrap())
            .spawn()
            .expect("nginx (scripts/setup installs it)");
        let nginx = Nginx {
            child,
            address: format!("https://127.0.0.1:{https}"),
        };
        let deadline = Instant::now() + Duration::from_secs(30);
        while !browser()
            .get(format!("{}/healthz", nginx.address))
            .send()
            .await
            .is_ok_and(|answer| answer.status().is_success())
        {
            assert!(
                Instant::now() < deadline,
                "nginx did not answer: {}",
                std::fs::read_to_string(folder.join("nginx.stderr")).unwrap_or_default()
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        nginx
    }
}

impl Drop for Nginx {
    /// SIGTERM, nginx's fast stop: the master ends its workers before it
    /// goes (SIGKILL would leave them behind, holding the ports).
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .arg(self.child.id().to_string())
            .status();
        let _ = self.child.wait();
    }
}

/// A browser that trusts the test certificate and keeps no cookies itself:
/// the session's cookie is carried by hand, so that it can be shown to each
/// process directly (it is `Secure`, and they speak plain HTTP).
pub fn browser() -> Client {
    Client::builder()
        .danger_accept_invalid_certs(true)
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(30))
        .build()
        .unwrap()
}

/// Logs in through `address`; the cookies the answer sets, as a `Cookie` header.
pub async fn log_in(address: &str, email: &str, password: &str) -> (StatusCode, String) {
    log_in_from(address, "127.0.0.1", email, password).await
}

/// [`log_in`] as a visitor at `from`, as the proxy in front forwards it.
pub async fn log_in_from(
    address: &str,
    from: &str,
    email: &str,
    password: &str,
) -> (StatusCode, String) {
    let answer = browser()
        .post(format!("{address}/api/login"))
        .header("x-forwarded-for", from)
        .form(&[("email", email), ("password", password)])
        .send()
        .await
        .unwrap();
    let cookies = answer
        .headers()
        .get_all(SET_COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .filter_map(|value| value.split(';').next())
        .collect::<Vec<_>>()
        .join("; ");
    (answer.status(), cookies)
}
