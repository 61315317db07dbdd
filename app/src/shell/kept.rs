//! What was typed in a form sent without JavaScript that came back with an
//! error: the browser follows a redirect to the form's page, and without
//! this every field would be empty again. The server's middleware
//! (`server/src/keep_typed.rs`) puts the typed fields, never a password or a
//! code, in a short-lived cookie with the error redirect; the page that is
//! rendered next fills its fields from it and clears it. Kept in the browser,
//! not in the database or a log, and for two minutes at most.

use serde::{de::DeserializeOwned, Deserialize, Serialize};
use std::collections::BTreeMap;

pub const COOKIE: &str = "kring_formulier";
/// Longer values are not kept (a cookie holds about 4 KB).
pub const MAX_COOKIE_BYTES: usize = 3_800;
pub const KEEP_SECONDS: i64 = 120;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Kept {
    /// The server function the form was sent to, e.g. `/api/login`.
    pub path: String,
    pub fields: BTreeMap<String, String>,
}

/// Fields that are never kept: secrets are typed again.
pub fn is_secret(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    ["password", "code", "token", "secret"]
        .iter()
        .any(|word| name.contains(word))
}

#[cfg(feature = "ssr")]
impl Kept {
    /// The cookie value, if it fits.
    pub fn encode(&self) -> Option<String> {
        use base64::Engine;
        let json = serde_json::to_vec(self).ok()?;
        let value = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(json);
        (value.len() <= MAX_COOKIE_BYTES).then_some(value)
    }

    pub fn decode(value: &str) -> Option<Kept> {
        use base64::Engine;
        let json = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(value.trim())
            .ok()?;
        serde_json::from_slice(&json).ok()
    }
}

/// The fields kept for this page render (server only; in the browser the
/// page already shows them, as rendered by the server).
fn kept() -> Option<Kept> {
    #[cfg(feature = "ssr")]
    {
        use leptos::prelude::use_context;
        let cookie = crate::cookies::request_cookie(COOKIE)?;
        // Only on the page an error redirect leads to (its address carries
        // `__err`); the cookie is cleared there, so it fills one page at most.
        let url = use_context::<http::request::Parts>()?.uri;
        let query = url.query().unwrap_or_default();
        if !query.contains("__err=") {
            return None;
        }
        clear();
        Kept::decode(&cookie)
    }
    #[cfg(not(feature = "ssr"))]
    None
}

#[cfg(feature = "ssr")]
fn clear() {
    crate::cookies::set_response_cookie(format!(
        "{COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0"
    ));
}

/// What was typed in the field `name`, if the form came back with an error.
pub fn kept_value(name: &str) -> Option<String> {
    if is_secret(name) {
        return None;
    }
    kept()?.fields.get(name).cloned()
}

/// One group of fields as typed (a form that sends `appointment[title]`,
/// `appointment[date]`, … for a server function's argument `appointment`),
/// read as the group's own type; none when what was typed does not read.
pub fn kept_group<T: DeserializeOwned>(group: &str) -> Option<T> {
    group_of(kept()?.fields, group)
}

fn group_of<T: DeserializeOwned>(fields: BTreeMap<String, String>, group: &str) -> Option<T> {
    let prefix = format!("{group}[");
    let object = fields
        .into_iter()
        .filter_map(|(name, value)| {
            let key = name.strip_prefix(&prefix)?.strip_suffix(']')?;
            Some((key.to_string(), serde_json::Value::String(value)))
        })
        .collect();
    serde_json::from_value(serde_json::Value::Object(object)).ok()
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    #[test]
    fn a_kept_form_survives_the_cookie_and_secrets_are_named() {
        let mut fields = BTreeMap::new();
        fields.insert("email".to_string(), "anna@example.nl".to_string());
        fields.insert("title".to_string(), "Naar de kapper; 10:00 – ö".to_string());
        let kept = Kept {
            path: "/api/login".into(),
            fields,
        };
        assert_eq!(Kept::decode(&kept.encode().unwrap()), Some(kept));
        assert!(is_secret("current_password") && is_secret("code") && !is_secret("email"));
        let huge = Kept {
            path: "/api/x".into(),
            fields: [("body".to_string(), "x".repeat(10_000))].into(),
        };
        assert_eq!(huge.encode(), None, "too large for a cookie: not kept");
    }

    #[test]
    fn a_group_of_fields_reads_as_its_own_type() {
        #[derive(Debug, PartialEq, Deserialize)]
        struct Appointment {
            title: String,
            #[serde(default, with = "crate::form_value::checkbox")]
            ask_help: bool,
        }
        let fields: BTreeMap<String, String> = [
            ("page_id", "7"),
            ("appointment[title]", "Kapper"),
            ("appointment[ask_help]", "on"),
            ("other[title]", "niet deze"),
        ]
        .into_iter()
        .map(|(name, value)| (name.to_string(), value.to_string()))
        .collect();
        assert_eq!(
            group_of::<Appointment>(fields, "appointment"),
            Some(Appointment {
                title: "Kapper".into(),
                ask_help: true
            })
        );
    }
}
