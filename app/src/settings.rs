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
    /// Fill an empty database with the demo family.
    pub demo: bool,
    /// The reverse proxy in front of Kring, if any: only its
    /// `X-Forwarded-For` is believed when limits count client addresses.
    pub trusted_proxy: Option<std::net::IpAddr>,
    /// Every account must set up two-step login before it can use a care page.
    pub require_two_factor: bool,
    /// The operator's own terms and privacy statement (plain text, see
    /// `legal`); without them Kring shows its defaults.
    pub terms_file: Option<PathBuf>,
    pub privacy_file: Option<PathBuf>,
    /// Where a carer who scores high on "Hoe gaat het met jou?" is pointed
    /// for support: the regional mantelzorgsteunpunt of the installation.
    pub support_url: String,
}

/// MantelzorgNL, which leads to every regional steunpunt.
pub const DEFAULT_SUPPORT_URL: &str = "https://www.mantelzorg.nl/";

impl Settings {
    /// Served over HTTPS: cookies are `Secure` (the session's `__Host-`
    /// prefixed) and browsers are told to keep using HTTPS.
    pub fn https(&self) -> bool {
        self.cookie_secure || self.public_url.starts_with("https://")
    }
}
