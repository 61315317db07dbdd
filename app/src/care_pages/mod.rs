//! Care pages (zorgpagina's): one per person who receives care, the unit of
//! sharing. Starting one makes its creator the admin.

pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod queries;

/// What other domains may ask of care pages (the rest of `queries` is this
/// domain's own).
#[cfg(feature = "ssr")]
pub use queries::{create_in, linked_providers, page, pages_of, provider_names};

use crate::policy::Actor;
use serde::{Deserialize, Serialize};

/// Care pages one account may administer: a large family, not a business.
pub const MAX_PAGES_PER_ACCOUNT: i64 = 20;

/// A page in the "Ik zorg voor" switcher.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageSummary {
    pub id: i64,
    pub first_name: String,
    pub last_name: String,
    /// Who the viewer is on this page, so the navigation offers what the
    /// policy allows (the server asks the policy again for every request).
    pub actor: Actor,
}

impl PageSummary {
    pub fn full_name(&self) -> String {
        format!("{} {}", self.first_name, self.last_name)
    }
}

/// A care page as one actor may see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CarePageView {
    pub id: i64,
    pub first_name: String,
    pub last_name: String,
    /// Only for actors who may see the person's details.
    pub birth_date: Option<chrono::NaiveDate>,
    pub actor: Actor,
    pub providers: Vec<String>,
    /// What a new page still lacks, offered to whoever may do it.
    pub next_steps: Vec<NextStep>,
}

/// A first thing to do on a new, empty care page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum NextStep {
    /// Nobody else is on the page yet.
    InviteFamily,
    /// The calendar is still empty.
    FirstAppointment,
}
