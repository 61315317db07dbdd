//! Runtime settings, read by the server from `Leptos.toml` and the environment
//! (see that file for each key). Plain data, so that tests can build their own.

use std::net::SocketAddr;
use std::path::PathBuf;

#[derive(Debug, Clone)]
pub struct Settings {
    /// Where the server listens.
    pub address: SocketAddr,
    /// The address people use to reach Kring, for links in e-mails.
    pub public_url: String,
    /// The SQLite database, e.g. `sqlite://data/kring.db`.
    pub database_url: String,
    /// Folder where e-mails and SMS are written when no SMTP server is set.
    pub outbox_dir: PathBuf,
    /// `smtp://host:port` to send e-mail through a mail server instead.
    pub smtp_url: Option<String>,
    /// `http://host/path` of an SMS gateway; without it, SMS go to the outbox.
    pub sms_gateway_url: Option<String>,
    /// The sender of Kring's e-mails.
    pub mail_from: String,
    /// Mark the session cookie `Secure` (required when served over HTTPS).
    pub cookie_secure: bool,
    /// The file with the server's secret key (`secret`), made on first start.
    pub secret_file: PathBuf,
    /// Fill an empty database with the demo family.
    pub demo: bool,
    /// The reverse proxy in front of Kring, if any: only its
    /// `X-Forwarded-For` is believed when limits count client addresses.
    pub trusted_proxy: Option<std::net::IpAddr>,
    /// The header that proxy writes the client's address into.
    pub proxy_header: crate::client::ProxyHeader,
    /// The countries codes by text or call may go to.
    pub allowed_phone_countries: crate::sms::PhoneCountries,
    /// Every account must set up two-step login before it can use a care page.
    pub require_two_factor: bool,
    /// The operator's own terms and privacy statement (plain text, see
    /// `legal`); without them Kring shows its defaults.
    pub terms_file: Option<PathBuf>,
    pub privacy_file: Option<PathBuf>,
    /// Where a carer who scores high on "Hoe gaat het met jou?" is pointed
    /// for support: the regional mantelzorgsteunpunt of the installation.
    pub support_url: String,
    /// Where the daily copy of the database goes (and the copy before a
    /// migration); none: no automatic copies.
    pub backup_dir: Option<PathBuf>,
    /// How many daily copies are kept.
    pub backup_keep: usize,
    /// Who may read `/metrics`: these addresses, or whoever sends this token
    /// as `Authorization: Bearer`.
    pub metrics_from: Vec<std::net::IpAddr>,
    pub metrics_token: Option<String>,
    /// Logs as one JSON object per line, for a log collector.
    pub json_logs: bool,
    /// How long a page or server function may take before Kring gives up
    /// and answers 503 "probeer het opnieuw" (`server/src/time_limit.rs`).
    pub answer_within: std::time::Duration,
}

/// Far beyond any page's normal time (milliseconds), short enough that a
/// person is told something before they give up themselves.
pub const ANSWER_WITHIN: std::time::Duration = std::time::Duration::from_secs(15);

/// A week of daily copies.
pub const DEFAULT_BACKUP_KEEP: usize = 7;

/// `/metrics` answers these by default: a collector on the same machine.
pub const LOOPBACK: [std::net::IpAddr; 2] = [
    std::net::IpAddr::V4(std::net::Ipv4Addr::LOCALHOST),
    std::net::IpAddr::V6(std::net::Ipv6Addr::LOCALHOST),
];

/// MantelzorgNL, which leads to every regional steunpunt.
pub const DEFAULT_SUPPORT_URL: &str = "https://www.mantelzorg.nl/";

impl Settings {
    /// Kring on its own in `folder` (database, outbox), listening on
    /// `address`, everything else as a fresh install has it but without
    /// automatic backups: for tests and benchmarks.
    pub fn in_folder(address: SocketAddr, folder: &std::path::Path) -> Settings {
        Settings {
            address,
            public_url: format!("http://{address}"),
            database_url: format!("sqlite://{}", folder.join("kring.db").display()),
            outbox_dir: folder.join("outbox"),
            smtp_url: None,
            sms_gateway_url: None,
            mail_from: "Kring <noreply@kring.test>".into(),
            cookie_secure: false,
            secret_file: folder.join("kring.key"),
            demo: false,
            trusted_proxy: None,
            proxy_header: Default::default(),
            allowed_phone_countries: Default::default(),
            require_two_factor: false,
            terms_file: None,
            privacy_file: None,
            support_url: DEFAULT_SUPPORT_URL.into(),
            backup_dir: None,
            backup_keep: DEFAULT_BACKUP_KEEP,
            metrics_from: LOOPBACK.to_vec(),
            metrics_token: None,
            json_logs: false,
            answer_within: ANSWER_WITHIN,
        }
    }

    /// Served over HTTPS: cookies are `Secure` (the session's `__Host-`
    /// prefixed) and browsers are told to keep using HTTPS.
    pub fn https(&self) -> bool {
        self.cookie_secure || self.public_url.starts_with("https://")
    }
}
