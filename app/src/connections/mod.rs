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

/// A role the admin gives, inviting someone or changing a member's role. The
/// admin's own role passes only by handing over, so no form can name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum GivenRole {
    Helper,
    Trusted,
}

impl GivenRole {
    pub fn role(self) -> Role {
        match self {
            GivenRole::Helper => Role::Helper,
            GivenRole::Trusted => Role::Trusted,
        }
    }

    /// The value a form sends for it.
    pub fn value(self) -> &'static str {
        self.role().as_db()
    }

    /// The other role a member could be given.
    pub fn other(self) -> GivenRole {
        match self {
            GivenRole::Helper => GivenRole::Trusted,
            GivenRole::Trusted => GivenRole::Helper,
        }
    }

    pub fn of(role: Role) -> Option<GivenRole> {
        match role {
            Role::Helper => Some(GivenRole::Helper),
            Role::Trusted => Some(GivenRole::Trusted),
            Role::Admin => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConnectionsView {
    pub page_id: i64,
    pub person_name: String,
    pub members: Vec<Connection>,
    /// Only for those who may manage the page.
    pub pending: Option<Vec<PendingInvitation>>,
    /// The page's history, newest first; only for those who may manage the page.
    pub history: Option<Vec<crate::history::HistoryEntry>>,
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
    /// The person whose page, or the organisation, the invitation is to.
    pub to: String,
    pub inviter: String,
    /// "Anna nodigt je uit voor de zorgpagina van Gerrit, als helpende."
    pub intro: String,
    pub email: String,
    /// The e-mail address of the logged-in account, if any.
    pub signed_in_as: Option<String>,
    /// Whether an account with the invited address exists already.
    pub has_account: bool,
}
