//! "Mijn gegevens": the account's own name, e-mail address (a change is
//! confirmed through the new address), password, mobile number (confirmed by
//! an SMS code) and deleting the account.

pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod queries;

/// What other domains may ask of an account's settings.
#[cfg(feature = "ssr")]
pub(crate) use api::check_it_is_the_owner;
#[cfg(feature = "ssr")]
pub use queries::settings;

use serde::{Deserialize, Serialize};

/// How long the link that confirms a new e-mail address stays valid, in hours.
pub const EMAIL_CHANGE_HOURS: i64 = 48;
/// How long an SMS code stays valid, in minutes.
pub const MOBILE_CODE_MINUTES: i64 = 10;
/// Wrong tries before a code stops working.
pub const MOBILE_CODE_TRIES: i64 = 5;
/// The least time between two codes, so nobody floods a phone.
pub const MOBILE_CODE_INTERVAL_SECONDS: i64 = 60;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountSettings {
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    /// The confirmed mobile number, in international form.
    pub mobile: Option<String>,
    /// The number a code was sent to and is waiting for.
    pub mobile_waiting: Option<String>,
    /// A new e-mail address waiting for its confirmation.
    pub email_waiting: Option<String>,
}

/// A six-digit code, zero-padded, from a random number.
pub fn six_digits(random: u32) -> String {
    format!("{:06}", random % 1_000_000)
}

#[cfg(test)]
mod tests {
    use super::six_digits;

    #[test]
    fn codes_always_have_six_digits() {
        assert_eq!(six_digits(7), "000007");
        assert_eq!(six_digits(1_234_567), "234567");
        assert_eq!(six_digits(u32::MAX).len(), 6);
    }
}
