//! Accounts: registration with e-mail confirmation, passwords, sessions,
//! logging in and out, and the per-account contrast setting.

pub mod api;
#[cfg(feature = "ssr")]
pub mod flash;
#[cfg(feature = "ssr")]
pub mod flash_queries;
#[cfg(feature = "ssr")]
pub mod hashing;
#[cfg(feature = "ssr")]
pub mod language;
pub mod language_choice;
pub mod pages;
pub mod password;
#[cfg(feature = "ssr")]
pub mod queries;
pub mod registration;
#[cfg(feature = "ssr")]
pub mod session;
#[cfg(feature = "ssr")]
pub mod session_queries;
#[cfg(feature = "ssr")]
pub mod throttle;

use serde::{Deserialize, Serialize};

/// A logged-in account, as the server sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Account {
    pub id: i64,
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub high_contrast: bool,
    /// Set when the account is staff of a care organisation.
    pub provider_id: Option<i64>,
}

/// Who just registered in this browser: for "Kijk in je mailbox (adres)" and
/// sending the e-mail again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Registered {
    pub first_name: String,
    pub last_name: String,
    pub email: String,
}

/// What the shell needs to know about the person looking at the screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Viewer {
    /// `None` when nobody is logged in.
    pub account: Option<ViewerAccount>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ViewerAccount {
    pub first_name: String,
    pub last_name: String,
    /// Staff of an organisation: the header links to its console.
    pub console: bool,
    pub pages: Vec<crate::care_pages::PageSummary>,
}

/// What a single-use link in an e-mail is for, as the password page shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum LinkKind {
    Confirm,
    Reset,
}
