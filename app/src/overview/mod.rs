//! "Overzicht": what needs the reader's attention on one care page — who
//! comes today and tomorrow, where help is still asked, what is new since
//! they last looked — and, for the admin, how the help is shared. Each
//! block holds only what the reader may see elsewhere; nothing is hinted at.

pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
mod queries;
pub mod share;

use crate::calendar::Item;
use crate::policy::ThreadAudience;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// How far ahead "Wie wil er helpen?" looks.
pub const HELP_AHEAD_DAYS: i64 = 14;
/// Open help requests the block lists; more are counted.
pub const MAX_OPEN_HELP: usize = 10;
/// New-message threads the block lists; more are counted.
pub const MAX_NEW_THREADS: usize = 10;
/// How far back "nieuwe rapportages" counts unread reports: a new member
/// is not greeted with years of reports as "new".
pub const NEW_REPORT_DAYS: i64 = 14;

/// What needs attention, as one reader may see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attention {
    pub page_id: i64,
    /// Today and tomorrow, each with its visits and appointments.
    pub days: Vec<AttentionDay>,
    /// Occurrences in the coming two weeks that ask for help and have none;
    /// empty for whoever may not help.
    pub open_help: Vec<Item>,
    /// Whether the reader may sign up for help (then the block shows, empty or not).
    pub can_help: bool,
    /// Open help requests beyond [`MAX_OPEN_HELP`].
    pub more_open_help: usize,
    /// Threads with messages the reader has not read.
    pub new_threads: Vec<NewThread>,
    pub more_new_threads: usize,
    /// Unread reports of the last two weeks; `None` when the reader may not
    /// open the dossier (then nothing about it is shown).
    pub new_reports: Option<i64>,
    /// For the admin: who took the help of the last four weeks.
    pub help_share: Option<share::HelpShare>,
    /// For a member of the family: their own "Hoe gaat het met jou?".
    pub how_are_you: Option<crate::wellbeing::HowAreYou>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttentionDay {
    pub date: NaiveDate,
    pub items: Vec<Item>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewThread {
    pub id: i64,
    pub subject: String,
    pub audience: ThreadAudience,
    pub shared_with: Option<String>,
    pub unread: i64,
    /// "vandaag 12:11", as people say it.
    pub last_at: String,
}
