//! Loads the runtime settings: `Leptos.toml`'s `[kring]` table, then an
//! environment variable per key (`KRING_` + the key in capitals) on top.

use kring_app::settings::Settings;
use serde::Deserialize;
use std::path::Path;

#[derive(Debug, Deserialize, Default)]
struct File {
    #[serde(default)]
    kring: Keys,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Keys {
    address: Option<String>,
    public_url: Option<String>,
    database_url: Option<String>,
    outbox_dir: Option<String>,
    smtp_url: Option<String>,
    sms_gateway_url: Option<String>,
    mail_from: Option<String>,
    cookie_secure: Option<bool>,
    demo: Option<bool>,
    secret_file: Option<String>,
    trusted_proxy: Option<String>,
    proxy_header: Option<String>,
    allowed_phone_countries: Option<String>,
    require_two_factor: Option<bool>,
    terms_file: Option<String>,
    privacy_file: Option<String>,
    support_url: Option<String>,
    backup_dir: Option<String>,
    backup_keep: Option<usize>,
    metrics_from: Option<String>,
    metrics_token: Option<String>,
    log_format: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read {0}: {1}")]
    Read(String, std::io::Error),
    #[error("{0} is not valid: {1}")]
    Parse(String, String),
}

/// Reads `path` (when it exists) and the environment.
pub fn load(path: &Path, env: impl Fn(&str) -> Option<String>) -> Result<Settings, ConfigError> {
    let file: File = match std::fs::read_to_string(path) {
        Ok(text) => toml::from_str(&text)
            .map_err(|e| ConfigError::Parse(path.display().to_string(), e.to_string()))?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => File::default(),
        Err(e) => return Err(ConfigError::Read(path.display().to_string(), e)),
    };
    let keys = file.kring;
    let pick = |name: &str, from_file: Option<String>, default: &str| -> String {
        env(&format!("KRING_{}", name.to_uppercase()))
            .or(from_file)
            .unwrap_or_else(|| default.to_string())
    };
    let flag = |name: &str, from_file: Option<bool>| -> Result<bool, ConfigError> {
        match env(&format!("KRING_{}", name.to_uppercase())) {
            Some(value) => parse_bool(&value)
                .ok_or_else(|| ConfigError::Parse(format!("KRING_{}", name.to_uppercase()), value)),
            None => Ok(from_file.unwrap_or(false)),
        }
    };
    let header_text = pick("proxy_header", keys.proxy_header, "x-forwarded-for");
    let proxy_header = kring_app::client::ProxyHeader::parse(&header_text)
        .ok_or_else(|| ConfigError::Parse("proxy_header".into(), header_text.clone()))?;
    let countries_text = pick(
        "allowed_phone_countries",
        keys.allowed_phone_countries,
        "NL, BE, DE",
    );
    let allowed_phone_countries = kring_app::sms::PhoneCountries::parse(&countries_text)
        .map_err(|unknown| ConfigError::Parse("allowed_phone_countries".into(), unknown))?;
    let address_text = pick("address", keys.address, "127.0.0.1:3000");
    let address = address_text
        .parse()
        .map_err(|_| ConfigError::Parse("address".into(), address_text.clone()))?;
    let public_url = pick(
        "public_url",
        keys.public_url,
        &format!("http://{address_text}"),
    );
    let smtp_url = pick("smtp_url", keys.smtp_url, "");
    let sms_gateway_url = pick("sms_gateway_url", keys.sms_gateway_url, "");
    let proxy_text = pick("trusted_proxy", keys.trusted_proxy, "");
    let trusted_proxy = match proxy_text.trim() {
        "" => None,
        text => Some(
            text.parse()
                .map_err(|_| ConfigError::Parse("trusted_proxy".into(), proxy_text.clone()))?,
        ),
    };
    let keep_text = env("KRING_BACKUP_KEEP");
    let backup_keep = match keep_text {
        Some(text) => text
            .trim()
            .parse()
            .map_err(|_| ConfigError::Parse("KRING_BACKUP_KEEP".into(), text))?,
        None => keys
            .backup_keep
            .unwrap_or(kring_app::settings::DEFAULT_BACKUP_KEEP),
    };
    let from_text = pick("metrics_from", keys.metrics_from, "127.0.0.1, ::1");
    let metrics_from = from_text
        .split(',')
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .map(|part| part.parse())
        .collect::<Result<Vec<std::net::IpAddr>, _>>()
        .map_err(|_| ConfigError::Parse("metrics_from".into(), from_text.clone()))?;
    let metrics_token = pick("metrics_token", keys.metrics_token, "");
    let log_format = pick("log_format", keys.log_format, "text");
    let json_logs = match log_format.trim() {
        "json" => true,
        "text" | "" => false,
        _ => return Err(ConfigError::Parse("log_format".into(), log_format)),
    };
    Ok(Settings {
        address,
        public_url,
        database_url: pick("database_url", keys.database_url, "sqlite://data/kring.db"),
        outbox_dir: pick("outbox_dir", keys.outbox_dir, "data/outbox").into(),
        smtp_url: (!smtp_url.is_empty()).then_some(smtp_url),
        sms_gateway_url: (!sms_gateway_url.is_empty()).then_some(sms_gateway_url),
        mail_from: pick("mail_from", keys.mail_from, "Kring <noreply@kring.test>"),
        cookie_secure: flag("cookie_secure", keys.cookie_secure)?,
        secret_file: pick("secret_file", keys.secret_file, "data/kring.key").into(),
        demo: flag("demo", keys.demo)?,
        trusted_proxy,
        proxy_header,
        allowed_phone_countries,
        require_two_factor: flag("require_two_factor", keys.require_two_factor)?,
        terms_file: optional_path(pick("terms_file", keys.terms_file, "")),
        privacy_file: optional_path(pick("privacy_file", keys.privacy_file, "")),
        support_url: pick(
            "support_url",
            keys.support_url,
            kring_app::settings::DEFAULT_SUPPORT_URL,
        ),
        backup_dir: optional_path(pick("backup_dir", keys.backup_dir, "data/backups")),
        backup_keep,
        metrics_from,
        // A token too short to resist guessing is no token.
        metrics_token: (metrics_token.trim().len() >= 16).then(|| metrics_token.trim().to_string()),
        json_logs,
        answer_within: kring_app::settings::ANSWER_WITHIN,
    })
}

fn optional_path(text: String) -> Option<std::path::PathBuf> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.into())
}

fn parse_bool(value: &str) -> Option<bool> {
    match value.trim().to_lowercase().as_str() {
        "1" | "true" | "yes" | "ja" | "on" => Some(true),
        "0" | "false" | "no" | "nee" | "off" | "" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn write(text: &str) -> tempfile::NamedTempFile {
        let file = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(file.path(), text).unwrap();
        file
    }

    #[test]
    fn defaults_apply_without_a_file() {
        let settings = load(Path::new("/nonexistent/Leptos.toml"), |_| None).unwrap();
        assert_eq!(settings.address.to_string(), "127.0.0.1:3000");
        assert_eq!(settings.public_url, "http://127.0.0.1:3000");
        assert_eq!(settings.database_url, "sqlite://data/kring.db");
        assert!(!settings.demo && !settings.cookie_secure && settings.smtp_url.is_none());
        assert_eq!(
            settings.backup_dir.as_deref(),
            Some(Path::new("data/backups"))
        );
        assert_eq!(settings.backup_keep, 7);
        assert_eq!(settings.metrics_from, kring_app::settings::LOOPBACK);
        assert!(settings.metrics_token.is_none() && !settings.json_logs);
    }

    #[test]
    fn backups_metrics_and_logs_are_configured() {
        let file = write(
            "[kring]\nbackup_dir = \"\"\nbackup_keep = 3\nmetrics_from = \"10.0.0.5\"\nlog_format = \"json\"\n",
        );
        let env: HashMap<&str, &str> =
            HashMap::from([("KRING_METRICS_TOKEN", "kort"), ("KRING_BACKUP_KEEP", "14")]);
        let settings = load(file.path(), |key| env.get(key).map(|v| v.to_string())).unwrap();
        assert!(settings.backup_dir.is_none(), "empty: no automatic copies");
        assert_eq!(settings.backup_keep, 14);
        assert_eq!(
            settings.metrics_from,
            ["10.0.0.5".parse::<std::net::IpAddr>().unwrap()]
        );
        assert!(settings.metrics_token.is_none(), "a short token is refused");
        assert!(settings.json_logs);
        let file = write("[kring]\nlog_format = \"xml\"\n");
        assert!(matches!(
            load(file.path(), |_| None),
            Err(ConfigError::Parse(..))
        ));
    }

    #[test]
    fn the_environment_overrides_the_file() {
        let file = write(
            "[kring]\naddress = \"127.0.0.1:4000\"\ndemo = true\nsmtp_url = \"smtp://mail:25\"\n",
        );
        let env: HashMap<&str, &str> =
            HashMap::from([("KRING_ADDRESS", "0.0.0.0:8080"), ("KRING_DEMO", "nee")]);
        let settings = load(file.path(), |key| env.get(key).map(|v| v.to_string())).unwrap();
        assert_eq!(settings.address.to_string(), "0.0.0.0:8080");
        assert!(!settings.demo);
        assert_eq!(settings.smtp_url.as_deref(), Some("smtp://mail:25"));
    }

    #[test]
    fn unknown_keys_and_bad_values_are_reported() {
        let file = write("[kring]\nadres = \"x\"\n");
        assert!(matches!(
            load(file.path(), |_| None),
            Err(ConfigError::Parse(..))
        ));
        let file = write("[kring]\naddress = \"not an address\"\n");
        assert!(matches!(
            load(file.path(), |_| None),
            Err(ConfigError::Parse(..))
        ));
        let env = |key: &str| (key == "KRING_COOKIE_SECURE").then(|| "misschien".to_string());
        assert!(matches!(
            load(Path::new("/nonexistent"), env),
            Err(ConfigError::Parse(..))
        ));
    }
}
