//! "Wie keek in het dossier": the admin reads the access log of their page,
//! newest first, filtered by person and period, and can download it as CSV.

use super::{Gated, Period};
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
#[cfg(feature = "ssr")]
use {
    super::access_log::Look,
    super::door::enter,
    crate::policy::{Action, Actor},
    crate::state::app_state,
};

/// Rows shown on one screen; "Oudere regels" shows the next ones, and the
/// CSV has them all (up to [`CSV_MAX_ROWS`]).
pub const SHOWN_AT_MOST: i64 = 200;
pub const CSV_MAX_ROWS: i64 = 100_000;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogLine {
    /// The row's place in the log, for paging back from it.
    pub id: i64,
    /// As people read it: "23 november 2026, 10:15".
    pub when: String,
    pub who: String,
    pub role: String,
    pub organisation: String,
    /// What happened, with "(×12)" when it was repeated (a refusal
    /// repeated within a minute or past the account's ceiling: see
    /// `access_log::collapse_refusal`).
    pub what: String,
    pub refused: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccessLogView {
    pub frame: super::Frame,
    pub period: Period,
    /// The account filtered on, if any.
    pub person: Option<i64>,
    /// Everyone who appears in this page's log: (account id, name).
    pub people: Vec<(i64, String)>,
    pub lines: Vec<LogLine>,
    /// Older lines than those shown.
    pub more: i64,
    /// The lines shown start before this row (a later screen of the log).
    pub before: Option<i64>,
}

#[server(prefix = "/api", endpoint = "dossier_access_log")]
pub async fn dossier_access_log(
    page_id: i64,
    #[server(default)] person: Option<i64>,
    #[server(default)] period: Period,
    #[server(default)] before: Option<i64>,
) -> Result<Gated<AccessLogView>, AppError> {
    let state = app_state()?;
    let inside = match enter(&state, page_id, view_log, Look::LogRead).await? {
        Gated::Open(inside) => inside,
        Gated::Locked(door) => return Ok(Gated::Locked(door)),
    };
    let filter = queries::Filter::new(page_id, person, period).before(before);
    let (lines, total) = lines(&state.db, &filter, SHOWN_AT_MOST).await?;
    Ok(Gated::Open(AccessLogView {
        frame: super::Frame::of(&state.db, page_id, &inside).await?,
        period,
        person,
        people: queries::people(&state.db, page_id)
            .await?
            .into_iter()
            .map(|looker| (looker.account_id, looker.name))
            .collect(),
        more: total - lines.len() as i64,
        lines,
        before,
    }))
}

#[cfg(feature = "ssr")]
pub fn view_log(_: Actor, fresh_code: bool) -> Action {
    Action::ViewAccessLog { fresh_code }
}

/// Words for the codes in the log, in the reader's language.
pub fn look_label(code: &str) -> String {
    let text = crate::i18n::t().dossier;
    let label = match code {
        "code_requested" => text.look_code_requested,
        "unlocked" => text.look_unlocked,
        "code_wrong" => text.look_code_wrong,
        "care_plan_read" => text.look_care_plan_read,
        "care_plan_written" => text.look_care_plan_written,
        "care_plan_pdf" => text.look_care_plan_pdf,
        "reports_read" => text.look_reports_read,
        "report_written" => text.look_report_written,
        "measurements_read" => text.look_measurements_read,
        "measurement_added" => text.look_measurement_added,
        "log_read" => text.look_log_read,
        "log_downloaded" => text.look_log_downloaded,
        "exported" => text.look_exported,
        "medication_read" => crate::i18n::t().medication.look_read,
        "medication_written" => crate::i18n::t().medication.look_written,
        other => other,
    };
    label.to_string()
}

pub fn role_label(code: &str) -> String {
    use crate::policy::Role;
    let text = crate::i18n::t().dossier;
    match code {
        "staff" => text.role_staff.to_string(),
        "stranger" | "anonymous" => text.role_none.to_string(),
        other => Role::from_db(other).map_or_else(
            || other.to_string(),
            |role| crate::i18n::t().role_name(role).to_string(),
        ),
    }
}

#[cfg(feature = "ssr")]
pub mod queries;

/// The newest `limit` lines that match, in the reader's words, and how many
/// match in all.
#[cfg(feature = "ssr")]
pub async fn lines(
    db: &crate::db::Db,
    filter: &queries::Filter,
    limit: i64,
) -> Result<(Vec<LogLine>, i64), AppError> {
    let (rows, total) = queries::rows(db, filter, limit).await?;
    let lines = rows
        .into_iter()
        .map(|row| {
            Ok(LogLine {
                id: row.id,
                when: crate::dates::written_moment(row.at),
                who: row.account_name,
                role: role_label(&row.role),
                organisation: row.provider_name.unwrap_or_default(),
                what: match row.repeats {
                    0 => look_label(&row.what),
                    repeats => format!("{} (×{})", look_label(&row.what), repeats + 1),
                },
                refused: row.outcome != "done",
            })
        })
        .collect::<Result<Vec<_>, AppError>>()?;
    Ok((lines, total))
}

#[cfg(feature = "ssr")]
/// The log as CSV (semicolons, as Dutch spreadsheets expect), newest first.
pub async fn csv(db: &crate::db::Db, filter: &queries::Filter) -> Result<String, AppError> {
    let text = crate::i18n::t().dossier;
    let (lines, _) = lines(db, filter, CSV_MAX_ROWS).await?;
    let mut out = String::from(text.csv_header);
    out.push_str("\r\n");
    for line in lines {
        let outcome = if line.refused {
            text.outcome_refused
        } else {
            text.outcome_done
        };
        let fields = [
            &line.when,
            &line.who,
            &line.role,
            &line.organisation,
            &line.what,
            outcome,
        ];
        let quoted: Vec<String> = fields.iter().map(|field| csv_field(field)).collect();
        out.push_str(&quoted.join(";"));
        out.push_str("\r\n");
    }
    Ok(out)
}

/// Quoted, with quotes doubled; a leading =, +, - or @ is defused so a
/// spreadsheet never runs a name as a formula.
#[cfg(feature = "ssr")]
fn csv_field(value: &str) -> String {
    let value = if value.starts_with(['=', '+', '-', '@']) {
        format!("'{value}")
    } else {
        value.to_string()
    };
    format!("\"{}\"", value.replace('"', "\"\""))
}
