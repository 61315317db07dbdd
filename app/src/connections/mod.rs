//! Connecties: who has access to a care page and in which role, and inviting
//! someone by e-mail.

pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod queries;

use crate::policy::Role;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// How long an invitation link stays valid.
pub const INVITATION_DAYS: i64 = 14;
/// Invitations one page may send per day: enough for a whole family at once,
/// too few to use Kring for sending mail to strangers.
#[cfg(feature = "ssr")]
pub const INVITATIONS_PER_PAGE: crate::limits::Limit =
    crate::limits::Limit::new("invite_page", 20, 24 * 60);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConnectionsView {
    pub page_id: i64,
    pub person_name: String,
    pub members: Vec<Connection>,
    /// Only for those who may manage the page.
    pub pending: Option<Vec<PendingInvitation>>,
    /// The page's history, newest first; only for those who may manage the page.
    pub history: Option<Vec<HistoryEntry>>,
}

/// One line of the page's history: who changed what, when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryEntry {
    /// Local date and time, written out: "22 november 2026, 10:15".
    pub when: String,
    /// Empty when the account no longer exists.
    pub who: String,
    pub what: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Connection {
    pub account_id: i64,
    pub name: String,
    pub role: Role,
    pub is_me: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingInvitation {
    pub id: i64,
    pub email: String,
    pub role: Role,
    pub valid_until: NaiveDate,
}

/// An invitation as the person who opens its link sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationView {
    pub person_name: String,
    pub inviter: String,
    pub role: Role,
    pub email: String,
    /// The e-mail address of the logged-in account, if any.
    pub signed_in_as: Option<String>,
    /// Whether an account with the invited address exists already.
    pub has_account: bool,
}
