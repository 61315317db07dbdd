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
    crate::db::Db,
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
    let (lines, total) = queries::lines(&state.db, &filter, SHOWN_AT_MOST).await?;
    Ok(Gated::Open(AccessLogView {
        frame: super::Frame::of(&state.db, page_id, &inside).await?,
        period,
        person,
        people: queries::people(&state.db, page_id).await?,
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
pub mod queries {
    use super::*;

    pub struct Filter {
        pub page_id: i64,
        pub person: Option<i64>,
        /// A stored UTC moment; "" for all time.
        pub since: String,
        /// Only rows before this one (a later screen); `None`: the newest.
        pub before: Option<i64>,
    }

    impl Filter {
        pub fn new(page_id: i64, person: Option<i64>, period: Period) -> Filter {
            let since = period
                .first_day(crate::dates::today())
                .and_then(|day| day.and_hms_opt(0, 0, 0))
                .map(|moment| crate::db::timestamp(moment.and_utc()))
                .unwrap_or_default();
            Filter {
                page_id,
                person,
                since,
                before: None,
            }
        }

        pub fn before(self, before: Option<i64>) -> Filter {
            Filter { before, ..self }
        }
    }

    #[derive(sqlx::FromRow)]
    struct Row {
        id: i64,
        repeats: i64,
        at: String,
        account_name: String,
        role: String,
        provider_name: Option<String>,
        what: String,
        outcome: String,
    }

    const MATCH: &str = "care_page_id = ? AND at >= ? AND (account_id = ? OR ? IS NULL)
        AND (id < ? OR ? IS NULL)";

    /// The newest `limit` lines that match, and how many match in all.
    pub async fn lines(
        db: &Db,
        filter: &Filter,
        limit: i64,
    ) -> Result<(Vec<LogLine>, i64), AppError> {
        let rows: Vec<Row> = sqlx::query_as(&format!(
            "SELECT id, COALESCE((SELECT repeats FROM access_log_repeats WHERE row_id = dossier_access_log.id), 0) AS repeats,
                 at, account_name, role, provider_name, what, outcome FROM dossier_access_log
             WHERE {MATCH} ORDER BY id DESC LIMIT ?"
        ))
        .bind(filter.page_id)
        .bind(&filter.since)
        .bind(filter.person)
        .bind(filter.person)
        .bind(filter.before)
        .bind(filter.before)
        .bind(limit)
        .fetch_all(db.reader())
        .await?;
        let total: i64 = sqlx::query_scalar(&format!(
            "SELECT COUNT(*) FROM dossier_access_log WHERE {MATCH}"
        ))
        .bind(filter.page_id)
        .bind(&filter.since)
        .bind(filter.person)
        .bind(filter.person)
        .bind(filter.before)
        .bind(filter.before)
        .fetch_one(db.reader())
        .await?;
        let lines = rows
            .into_iter()
            .map(|row| LogLine {
                id: row.id,
                when: crate::dates::local_moment(&row.at).unwrap_or(row.at),
                who: row.account_name,
                role: role_label(&row.role),
                organisation: row.provider_name.unwrap_or_default(),
                what: match row.repeats {
                    0 => look_label(&row.what),
                    repeats => format!("{} (×{})", look_label(&row.what), repeats + 1),
                },
                refused: row.outcome != "done",
            })
            .collect();
        Ok((lines, total))
    }

    pub async fn people(db: &Db, page_id: i64) -> Result<Vec<(i64, String)>, AppError> {
        Ok(sqlx::query_as(
            "SELECT account_id, MAX(account_name) FROM dossier_access_log
             WHERE care_page_id = ? AND account_id IS NOT NULL
             GROUP BY account_id ORDER BY MAX(account_name)",
        )
        .bind(page_id)
        .fetch_all(db.reader())
        .await?)
    }

    /// The log as CSV (semicolons, as Dutch spreadsheets expect), newest first.
    pub async fn csv(db: &Db, filter: &Filter) -> Result<String, AppError> {
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
    fn csv_field(value: &str) -> String {
        let value = if value.starts_with(['=', '+', '-', '@']) {
            format!("'{value}")
        } else {
            value.to_string()
        };
        format!("\"{}\"", value.replace('"', "\"\""))
    }
}
