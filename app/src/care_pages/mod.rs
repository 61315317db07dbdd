//! Care pages (zorgpagina's): one per person who receives care, the unit of
//! sharing. Starting one makes its creator the admin.

pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod queries;

use crate::policy::Actor;
use serde::{Deserialize, Serialize};

/// A page in the "Ik zorg voor" switcher.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct PageSummary {
    pub id: i64,
    pub first_name: String,
    pub last_name: String,
    /// A member (rather than staff of a linked organisation).
    pub is_member: bool,
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
}
