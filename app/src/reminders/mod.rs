//! Mails that come to people rather than wait for them: "Wie wil er
//! helpen?" when help is asked, once more two days before when nobody
//! came forward, and a reminder the day (and optionally a week) before an
//! appointment one helps with. What each member wants, per page, is chosen
//! under "E-mail van Kring" in Mijn gegevens, and news (new messages, help
//! asked) can come in one mail a day instead ([`digest`]). The [`planner`] looks for what
//! falls due and queues it in the outbox, each item once.

#[cfg(feature = "ssr")]
pub mod digest;
#[cfg(feature = "ssr")]
mod digest_queries;
#[cfg(feature = "ssr")]
mod due;
#[cfg(feature = "ssr")]
mod mails;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod planner;
#[cfg(feature = "ssr")]
pub mod queries;

use crate::error::AppError;
use crate::form_value::Checkbox;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// One page's choices, as "E-mail van Kring" shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailChoice {
    pub page_id: i64,
    /// The person the page is for.
    pub person: String,
    pub messages: bool,
    pub help_requests: bool,
    pub day_before: bool,
    pub week_before: bool,
    /// News in one mail a day instead of one mail each.
    pub daily_digest: bool,
}

/// The choices of every page the account is a member of; staff of an
/// organisation get none of these mails, so their pages are not listed.
#[server(prefix = "/api", endpoint = "mail_choices")]
pub async fn mail_choices() -> Result<Vec<MailChoice>, AppError> {
    let state = crate::state::app_state()?;
    let account = crate::accounts::session::require_account(&state.db).await?;
    queries::choices_of(&state.db, account.id).await
}

/// Saves one page's choices (a checkbox left out is off).
#[server(prefix = "/api", endpoint = "save_mail_choice")]
pub async fn save_mail_choice(
    page_id: i64,
    #[server(default)] messages: Checkbox,
    #[server(default)] help_requests: Checkbox,
    #[server(default)] day_before: Checkbox,
    #[server(default)] week_before: Checkbox,
    #[server(default)] daily_digest: Checkbox,
) -> Result<String, AppError> {
    use crate::access::authorize;
    use crate::policy::Action;
    let state = crate::state::app_state()?;
    let (account, _) = authorize(&state, page_id, Action::UseFamilyMessages).await?;
    let choice = queries::Choice {
        help_requests: help_requests.0,
        day_before: day_before.0,
        week_before: week_before.0,
        daily_digest: daily_digest.0,
    };
    // Both tables or neither.
    let mut tx = state.db.begin().await?;
    queries::save_choice(&mut *tx, page_id, account.id, &choice).await?;
    crate::messages::queries::set_mail_on_new(&mut *tx, page_id, account.id, messages.0).await?;
    tx.commit().await?;
    let page = crate::care_pages::page(&state.db, page_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let person = format!("{} {}", page.first_name, page.last_name);
    let said = crate::i18n::fill(crate::i18n::t().reminders.saved, &[("person", &person)]);
    crate::accounts::flash::done(&state.db, said).await
}
