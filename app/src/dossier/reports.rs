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
    crate::db::{now_text, Db},
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

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportItem {
    pub id: i64,
    pub kind: ReportKind,
    /// "YYYY-MM-DDTHH:MM": the visit.
    pub visited_at: String,
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
    let from = period
        .first_day(crate::dates::today())
        .map(|day| day.format("%Y-%m-%dT00:00").to_string())
        .unwrap_or_default();
    let filter = queries::Filter {
        page_id,
        staff_of: inside.staff_of(),
        from: &from,
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
        visited_at: &visited_at,
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
        &[("when", &super::moment_label(&visited_at))],
    );
    crate::accounts::flash::done(&state.db, message).await
}

#[cfg(feature = "ssr")]
pub mod queries {
    use super::*;

    pub struct NewReport<'a> {
        pub page_id: i64,
        pub provider_id: i64,
        pub kind: ReportKind,
        /// "YYYY-MM-DDTHH:MM"
        pub visited_at: &'a str,
        pub body: &'a str,
        /// None: written by the organisation's own system (the API).
        pub author_id: Option<i64>,
        pub author_name: &'a str,
    }

    /// Saves a report (the screen's form, and the demo).
    pub async fn insert<'e>(
        executor: impl sqlx::SqliteExecutor<'e>,
        report: NewReport<'_>,
    ) -> Result<(), AppError> {
        sqlx::query(
            "INSERT INTO reports (care_page_id, provider_id, kind, visited_at, body, author_id, author_name, created_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(report.page_id)
        .bind(report.provider_id)
        .bind(report.kind.as_db())
        .bind(report.visited_at)
        .bind(report.body)
        .bind(report.author_id)
        .bind(report.author_name)
        .bind(now_text())
        .execute(executor)
        .await?;
        Ok(())
    }

    pub struct Filter<'a> {
        pub page_id: i64,
        pub staff_of: Option<i64>,
        /// "" for all time.
        pub from: &'a str,
        pub kind: Option<ReportKind>,
    }

    #[derive(sqlx::FromRow)]
    struct Row {
        id: i64,
        kind: String,
        visited_at: String,
        body: String,
        author_name: String,
        organisation: String,
        seen: bool,
    }

    /// The newest [`SHOWN_AT_MOST`] reports that match, and how many match in all.
    pub async fn list(
        db: &Db,
        filter: &Filter<'_>,
        reader: i64,
    ) -> Result<(Vec<ReportItem>, i64), AppError> {
        let kind = filter.kind.map(ReportKind::as_db);
        const MATCH: &str = "r.care_page_id = ? AND r.visited_at >= ?
             AND (r.provider_id = ? OR ? IS NULL) AND (r.kind = ? OR ? IS NULL)";
        let rows: Vec<Row> = sqlx::query_as(&format!(
            "SELECT r.id, r.kind, r.visited_at, r.body, r.author_name, p.name AS organisation,
                    EXISTS (SELECT 1 FROM report_reads rr WHERE rr.report_id = r.id AND rr.account_id = ?) AS seen
             FROM reports r JOIN providers p ON p.id = r.provider_id
             WHERE {MATCH}
             ORDER BY r.visited_at DESC, r.id DESC LIMIT ?"
        ))
        .bind(reader)
        .bind(filter.page_id)
        .bind(filter.from)
        .bind(filter.staff_of)
        .bind(filter.staff_of)
        .bind(kind)
        .bind(kind)
        .bind(SHOWN_AT_MOST)
        .fetch_all(db.reader())
        .await?;
        let total: i64 =
            sqlx::query_scalar(&format!("SELECT COUNT(*) FROM reports r WHERE {MATCH}"))
                .bind(filter.page_id)
                .bind(filter.from)
                .bind(filter.staff_of)
                .bind(filter.staff_of)
                .bind(kind)
                .bind(kind)
                .fetch_one(db.reader())
                .await?;
        let items = rows
            .into_iter()
            .filter_map(|row| {
                Some(ReportItem {
                    id: row.id,
                    kind: ReportKind::from_db(&row.kind)?,
                    visited_at: row.visited_at,
                    body: row.body,
                    author: row.author_name,
                    organisation: row.organisation,
                    new: !row.seen,
                })
            })
            .collect();
        Ok((items, total))
    }

    /// What was shown counts as read from the next time on.
    pub async fn mark_read(db: &Db, shown: &[ReportItem], reader: i64) -> Result<(), AppError> {
        let unread: Vec<i64> = shown.iter().filter(|r| r.new).map(|r| r.id).collect();
        if unread.is_empty() {
            return Ok(());
        }
        let mut tx = db.begin().await?;
        for id in unread {
            sqlx::query("INSERT OR IGNORE INTO report_reads (report_id, account_id) VALUES (?, ?)")
                .bind(id)
                .bind(reader)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }
}
