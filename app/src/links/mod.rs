//! Links between a family's care page and home-care organisations: the
//! activation code an organisation issues per client, entering it ("Code
//! invoeren"), and ending a link from either side. While a link stands, the
//! organisation's staff are `LinkedStaff` on the page (see the policy).

pub mod api;
pub mod code;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod queries;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// How long an activation code stays valid.
pub const CODE_DAYS: i64 = 42;

/// Tries at entering a code per account per hour: a code has 10^10 values,
/// and a birth date must not make guessing easier.
#[cfg(feature = "ssr")]
pub const CODE_TRIES: crate::limits::Limit = crate::limits::Limit::new("activation_code", 5, 60);

/// Which care page an entered code is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CodeTarget {
    /// A page the account is the admin of.
    Page(i64),
    /// A new page for the client, with the account as its admin.
    NewPage,
}

impl CodeTarget {
    /// The value the form's radio button sends: the page id, or "nieuw".
    pub fn value(self) -> String {
        match self {
            CodeTarget::Page(id) => id.to_string(),
            CodeTarget::NewPage => NEW_PAGE.to_string(),
        }
    }

    pub fn from_value(value: &str) -> Option<CodeTarget> {
        match value {
            NEW_PAGE => Some(CodeTarget::NewPage),
            id => id.parse().ok().map(CodeTarget::Page),
        }
    }
}

const NEW_PAGE: &str = "nieuw";

/// A page the account may enter a code for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct PageChoice {
    pub id: i64,
    pub name: String,
}

/// An organisation linked to a page, as the page's members see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkedOrganisation {
    pub provider_id: i64,
    pub name: String,
    pub since: Option<NaiveDate>,
}

/// What the organisations section of Connecties shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganisationsView {
    pub organisations: Vec<LinkedOrganisation>,
    /// The admin enters codes and ends links.
    pub may_manage: bool,
}
