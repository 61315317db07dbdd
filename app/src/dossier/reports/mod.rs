//! Rapportages: what the organisation's staff write after a visit, general
//! or medical. Readers filter by kind and period; a report is marked new for
//! a reader until it has been shown to them once.

use super::{Gated, Period};
use crate::error::AppError;
use crate::form_value::{DateField, TimeField};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
#[cfg(feature = "ssr")]
use {
    super::access_log::Look,
    super::door::{enter, enter_to_write},
    crate::policy::{Action, Actor},
    crate::state::app_state,
};

/// A report at most this long; a visit's report is a few paragraphs.
pub const BODY_MAX_CHARS: usize = 4000;
/// Reports shown at once; a longer period says how many more there are.
pub const SHOWN_AT_MOST: i64 = 100;

/// Named as in the address and the form (`algemeen`, `medisch`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReportKind {
    #[serde(rename = "algemeen")]
    General,
    #[serde(rename = "medisch")]
    Medical,
}

impl ReportKind {
    pub const ALL: [ReportKind; 2] = [ReportKind::General, ReportKind::Medical];

    pub fn as_db(self) -> &'static str {
        match self {
            ReportKind::General => "general",
            ReportKind::Medical => "medical",
        }
    }

    pub fn from_db(value: &str) -> Option<ReportKind> {
        ReportKind::ALL
            .into_iter()
            .find(|kind| kind.as_db() == value)
    }

    pub fn as_query(self) -> &'static str {
        match self {
            ReportKind::General => "algemeen",
            ReportKind::Medical => "medisch",
        }
    }

    pub fn from_query(value: &str) -> Option<ReportKind> {
        ReportKind::ALL
            .into_iter()
            .find(|kind| kind.as_query() == value)
    }

    pub fn label(self) -> &'static str {
        let text = crate::i18n::t().dossier;
        match self {
            ReportKind::General => text.report_general,
            ReportKind::Medical => text.report_medical,
        }
    }
}

#[cfg(feature = "ssr")]
crate::stored_as_word!(ReportKind);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportItem {
    pub id: i64,
    pub kind: ReportKind,
    /// The visit, on the Dutch wall clock.
    pub visited_at: chrono::NaiveDateTime,
    pub body: String,
    pub author: String,
    pub organisation: String,
    /// Not shown to this reader before.
    pub new: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportsView {
    pub frame: super::Frame,
    pub period: Period,
    /// `None`: both kinds.
    pub kind: Option<ReportKind>,
    pub reports: Vec<ReportItem>,
    /// Older reports in the period beyond those shown.
    pub more: i64,
    pub can_write: bool,
}

#[server(prefix = "/api", endpoint = "dossier_reports")]
pub async fn dossier_reports(
    page_id: i64,
    #[server(default)] period: Period,
    #[server(default)] kind: Option<ReportKind>,
) -> Result<Gated<ReportsView>, AppError> {
    let state = app_state()?;
    let inside = match enter(&state, page_id, read, Look::ReportsRead).await? {
        Gated::Open(inside) => inside,
        Gated::Locked(door) => return Ok(Gated::Locked(door)),
    };
    let from = period.first_day(crate::dates::today());
    let filter = queries::Filter {
        page_id,
        staff_of: inside.staff_of(),
        from,
        kind,
    };
    let (reports, total) = queries::list(&state.db, &filter, inside.account.id).await?;
    queries::mark_read(&state.db, &reports, inside.account.id).await?;
    Ok(Gated::Open(ReportsView {
        frame: super::Frame::of(&state.db, page_id, &inside).await?,
        period,
        kind,
        more: total - reports.len() as i64,
        reports,
        can_write: inside.actor == Actor::LinkedStaff,
    }))
}

#[cfg(feature = "ssr")]
fn read(_: Actor, fresh_code: bool) -> Action {
    Action::ReadDossier { fresh_code }
}

#[cfg(feature = "ssr")]
fn write(_: Actor, fresh_code: bool) -> Action {
    Action::WriteDossier { fresh_code }
}

/// Staff write a report of a visit, for their organisation.
#[server(prefix = "/api", endpoint = "write_report")]
pub async fn write_report(
    page_id: i64,
    #[server(default)] kind: Option<ReportKind>,
    #[server(default)] date: DateField,
    #[server(default)] time: TimeField,
    body: String,
) -> Result<String, AppError> {
    let state = app_state()?;
    let text = crate::i18n::t().dossier;
    let inside = enter_to_write(&state, page_id, write, Look::ReportWritten).await?;
    let kind = kind.ok_or_else(|| AppError::invalid(text.bad_kind))?;
    let visited_at = super::checked_moment(date, time)?;
    use crate::fields::TextProblem;
    let body = crate::fields::checked_text(&body, BODY_MAX_CHARS, true).map_err(|problem| {
        AppError::invalid(match problem {
            TextProblem::Empty => text.report_empty.to_string(),
            TextProblem::TooLong => crate::i18n::fill(
                text.report_too_long,
                &[("max", &BODY_MAX_CHARS.to_string())],
            ),
            TextProblem::ControlCharacter => crate::i18n::fill(
                crate::i18n::t().err_invisible_characters,
                &[("field", text.report_text)],
            ),
        })
    })?;
    let body = body.as_str();
    let provider_id = inside.staff_of().ok_or(AppError::NotFound)?;
    let report = queries::NewReport {
        page_id,
        provider_id,
        kind,
        visited_at,
        body,
        author_id: Some(inside.account.id),
        author_name: &inside.author_name(),
    };
    let mut tx = state.db.begin().await?;
    queries::insert(&mut *tx, report).await?;
    inside
        .record_in(&mut tx, page_id, Look::ReportWritten)
        .await?;
    tx.commit().await?;
    let message = crate::i18n::fill(
        text.report_saved,
        &[("when", &super::moment_words(visited_at))],
    );
    crate::accounts::flash::done(&state.db, message).await
}

#[cfg(feature = "ssr")]
pub mod queries;
