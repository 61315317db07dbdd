//! The home-care organisation's console (`/organisatie`): its clients with
//! their link status, one client with the activation code and its letter,
//! and (for the organisation admin) its staff and locations. Whether a
//! client is linked is decided in `links`; the console shows it.

pub mod api;
pub mod inbox;
pub mod inbox_page;
#[cfg(feature = "ssr")]
pub mod inbox_queries;
#[cfg(feature = "ssr")]
pub mod letter;
#[cfg(feature = "ssr")]
pub mod operator;
#[cfg(feature = "ssr")]
pub mod operator_queries;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod queries;
pub mod staff;
pub mod staff_page;
#[cfg(feature = "ssr")]
pub mod staff_queries;
#[cfg(feature = "ssr")]
pub mod token_queries;
pub mod tokens;
pub mod tokens_page;
#[cfg(feature = "ssr")]
pub mod visit_queries;
pub mod visits;
pub mod visits_page;

use crate::policy::StaffRole;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Clients shown at once; more asks for a narrower search.
pub const CLIENTS_PER_PAGE: usize = 100;
/// Clients one organisation may have: a large home-care organisation, not a registry.
pub const MAX_CLIENTS: i64 = 20_000;
/// Locations one organisation may have.
pub const MAX_LOCATIONS: i64 = 200;
/// The longest search and location name accepted.
pub const MAX_SEARCH_LEN: usize = 100;
pub const MAX_LOCATION_NAME_LEN: usize = 80;

/// Where a client stands with Kring.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum LinkStatus {
    /// Added, no code issued yet.
    New,
    /// A code is out, valid until the date.
    CodeIssued {
        valid_until: NaiveDate,
    },
    CodeExpired {
        on: NaiveDate,
    },
    Linked {
        since: NaiveDate,
    },
    Ended {
        on: NaiveDate,
    },
}

impl LinkStatus {
    /// The status in words of the interface language.
    pub fn describe(self) -> String {
        use crate::dates::date_with_year as day;
        use crate::i18n::fill;
        let text = crate::i18n::t().org;
        match self {
            LinkStatus::New => text.status_new.to_string(),
            LinkStatus::CodeIssued { valid_until } => {
                fill(text.status_code, &[("date", &day(valid_until))])
            }
            LinkStatus::CodeExpired { on } => fill(text.status_code_expired, &[("date", &day(on))]),
            LinkStatus::Linked { since } => fill(text.status_linked, &[("date", &day(since))]),
            LinkStatus::Ended { on } => fill(text.status_ended, &[("date", &day(on))]),
        }
    }

    /// A class for the status's colour in lists.
    pub fn class(self) -> &'static str {
        match self {
            LinkStatus::New => "status status-new",
            LinkStatus::CodeIssued { .. } => "status status-code",
            LinkStatus::CodeExpired { .. } => "status status-expired",
            LinkStatus::Linked { .. } => "status status-linked",
            LinkStatus::Ended { .. } => "status status-ended",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Location {
    pub id: i64,
    pub name: String,
}

/// One row of the client list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientRow {
    pub id: i64,
    pub name: String,
    pub birth_date: NaiveDate,
    pub location: Option<String>,
    pub status: LinkStatus,
}

/// The console's first screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsoleView {
    pub organisation: String,
    pub locations: Vec<Location>,
    pub clients: Vec<ClientRow>,
    /// How many match the search (more than shown means: narrow it down).
    pub matching: i64,
}

/// One client, as the console shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientView {
    pub id: i64,
    pub organisation: String,
    pub name: String,
    pub birth_date: NaiveDate,
    pub location: Option<String>,
    pub status: LinkStatus,
    /// The linked care page, when linked (staff open it as `LinkedStaff`).
    pub page_id: Option<i64>,
    pub may_end_link: bool,
}

/// A code just issued: shown once, never stored readable.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssuedCode {
    /// "1234 5678 90"
    pub code: String,
    pub valid_until: NaiveDate,
}

/// The staff member asking, as the console knows them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Staff {
    pub account_id: i64,
    pub provider_id: i64,
    pub role: StaffRole,
    pub organisation: String,
}
