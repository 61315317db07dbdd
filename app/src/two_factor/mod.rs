//! Two-step login: after the password, a six-digit code by text message, a
//! code spoken by a phone call (for a landline), or a code from an
//! authenticator app; ten single-use recovery codes for a lost phone. Set up
//! in Mijn gegevens; once set up, every login asks for it. There is no
//! "trust this device": every login is two steps.

pub mod api;
#[cfg(feature = "ssr")]
pub mod guard;
#[cfg(feature = "ssr")]
pub mod guard_queries;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod queries;

/// What other domains may ask of the second factor: whether an account has
/// one, and single-use codes made and checked the same way everywhere.
#[cfg(feature = "ssr")]
pub use queries::{code_hash, factor_of, new_code};
pub mod reconfirm;
#[cfg(feature = "ssr")]
pub mod session_code_queries;
pub mod step;
#[cfg(feature = "ssr")]
pub mod totp;

use serde::{Deserialize, Serialize};

/// How long a code sent by text or call, and a login between its two steps, lasts.
pub const CODE_MINUTES: i64 = 5;
/// Wrong codes one login (or one setup) may try before it starts over.
pub const CODE_TRIES: i64 = 5;
/// How long a setup waits for its first code.
pub const SETUP_MINUTES: i64 = 15;
/// Recovery codes made at a time, each usable once.
pub const RECOVERY_CODES: usize = 10;
/// The cookie that carries a login from its first step to its second.
pub const CHALLENGE_COOKIE: &str = "kring_stap2";
/// The flash that carries new recovery codes past a plain form's redirect.
#[cfg(feature = "ssr")]
const RECOVERY_FLASH: &str = "recovery_codes";

/// The second factor of an account. A form names it as stored ("sms").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Method {
    /// A code by text message to the confirmed mobile number.
    Sms,
    /// A code read out by a phone call, for a landline.
    Voice,
    /// A code from an authenticator app.
    Totp,
}

impl Method {
    pub fn as_db(self) -> &'static str {
        match self {
            Method::Sms => "sms",
            Method::Voice => "voice",
            Method::Totp => "totp",
        }
    }

    pub fn from_db(value: &str) -> Option<Method> {
        match value {
            "sms" => Some(Method::Sms),
            "voice" => Some(Method::Voice),
            "totp" => Some(Method::Totp),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        let text = crate::i18n::t();
        match self {
            Method::Sms => text.tf_method_sms,
            Method::Voice => text.tf_method_voice,
            Method::Totp => text.tf_method_totp,
        }
    }
}

#[cfg(feature = "ssr")]
crate::stored_as_word!(Method);

/// What the second step of a login shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecondStepView {
    /// `None` for a login past the address's password attempts: its page
    /// is the same whatever the account (and whether there is one).
    pub method: Option<Method>,
    /// The number the code went to, mostly hidden ("•••• 5678").
    pub sent_to: Option<String>,
}

/// The two-step section of Mijn gegevens.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TwoFactorView {
    /// What is set up now, if anything.
    pub method: Option<Method>,
    pub sent_to: Option<String>,
    pub recovery_codes_left: i64,
    /// Whether switching it off is refused (staff, admin, trusted group, or
    /// an installation that requires it for everyone).
    pub required: bool,
    /// The confirmed mobile number, for the text-message choice.
    pub mobile: Option<String>,
    /// A setup waiting for its first code, with its QR code or where the
    /// code went (rendered by the server, so it works without JavaScript).
    pub waiting: Option<SetupStarted>,
    /// Recovery codes just made by a form sent without JavaScript, shown
    /// this once (with JavaScript they come back with the form's answer).
    pub fresh_recovery_codes: Vec<String>,
}

/// What starting a setup gives back: for an app, the QR code and the
/// secret to type; for a text or call, where the code went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetupStarted {
    pub method: Method,
    pub qr_svg: Option<String>,
    pub secret: Option<String>,
    pub sent_to: Option<String>,
}

/// The last four digits of a number, the rest hidden.
pub fn masked(number: &str) -> String {
    let digits: Vec<char> = number.chars().filter(char::is_ascii_digit).collect();
    let tail: String = digits[digits.len().saturating_sub(4)..].iter().collect();
    format!("•••• {tail}")
}
