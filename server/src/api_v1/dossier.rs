//! `POST /api/v1/reports` and `POST /api/v1/measurements`: the dossier
//! written by the organisation's own systems. Medical data: never logged;
//! every call writes the dossier's access log, once per care page touched,
//! in the same transaction as what it wrote. A bulk upload is all or
//! nothing: one wrong measurement, and none is stored.

use super::{caller, json_body, linked_page, Problem};
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use chrono::NaiveDateTime;
use kring_app::db;
use kring_app::dossier::access_log::{record_api_in, Look};
use kring_app::dossier::measurements::{self, check_reading, Kind};
use kring_app::dossier::reports::{self, ReportKind, BODY_MAX_CHARS};
use kring_app::form_value::{DateField, TimeField};
use kring_app::organisation::tokens::{ApiCaller, Scope};
use kring_app::state::AppState;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeSet, HashMap};
use utoipa::ToSchema;

/// Measurements in one upload at most.
pub const MAX_MEASUREMENTS: usize = 10_000;

#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ApiReportKind {
    General,
    Medical,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReportIn {
    pub client_id: i64,
    pub kind: ApiReportKind,
    /// The visit it is about, local time in the Netherlands: `2026-12-07T08:30`.
    #[schema(value_type = String, example = "2026-12-07T08:30", pattern = r"^2[0-9]{3}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$")]
    #[serde(deserialize_with = "super::local_time")]
    pub visited_at: NaiveDateTime,
    /// The report: 1 to 4,000 characters, no control characters but line
    /// breaks and tabs.
    #[schema(min_length = 1, max_length = 4000)]
    pub text: String,
}

#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ApiMeasurementKind {
    /// kg
    Weight,
    /// systolic mmHg in `value`, with `diastolic` (and perhaps `pulse`)
    BloodPressure,
    /// mmol/L
    BloodSugar,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MeasurementIn {
    pub client_id: i64,
    pub kind: ApiMeasurementKind,
    #[schema(value_type = String, example = "2026-12-07T08:30", pattern = r"^2[0-9]{3}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$")]
    #[serde(deserialize_with = "super::local_time")]
    pub measured_at: NaiveDateTime,
    /// Weight 20–300 kg, blood sugar 1–35 mmol/L, systolic pressure 50–260 mmHg.
    #[schema(minimum = 1, maximum = 300)]
    pub value: f64,
    /// Blood pressure only, 30–160 mmHg and below the systolic value.
    #[serde(default)]
    #[schema(minimum = 30, maximum = 160)]
    pub diastolic: Option<f64>,
    /// Blood pressure only, if measured: 25–250 beats a minute.
    #[serde(default)]
    #[schema(minimum = 25, maximum = 250)]
    pub pulse: Option<i64>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MeasurementsIn {
    /// 1 to 10,000 measurements.
    #[schema(min_items = 1, max_items = 10000)]
    pub measurements: Vec<MeasurementIn>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Stored {
    /// How many were stored.
    pub stored: usize,
}

fn moment(at: NaiveDateTime) -> Result<NaiveDateTime, String> {
    kring_app::dossier::checked_moment(DateField(Some(at.date())), TimeField(Some(at.time())))
        .map_err(|error| error.to_string())
}

/// Adds a report about a visit to a linked client.
#[utoipa::path(
    post, path = "/api/v1/reports", tag = "dossier",
    request_body(content = ReportIn, content_type = "application/json"),
    responses(
        (status = 201, description = "Stored", body = Stored),
        (status = 401, description = "No live token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The token lacks `reports:write`", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such client of the organisation", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The client is not linked yet", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "The body is over the API's 4 MiB", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field is not right", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["reports:write"]))
)]
pub async fn report(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<(StatusCode, Json<Stored>), Problem> {
    let caller = caller(&state, &headers, Scope::ReportsWrite).await?;
    let report: ReportIn = json_body(&headers, &body)?;
    let page_id = linked_page(&state, &caller, report.client_id).await?;
    let visited_at = moment(report.visited_at).map_err(|m| Problem::invalid("visited_at", m))?;
    // The same rules as the form's (fields::checked_text).
    let text =
        kring_app::fields::checked_text(&report.text, BODY_MAX_CHARS, true).map_err(|problem| {
            let message = match problem {
                kring_app::fields::TextProblem::ControlCharacter => {
                    "no control characters other than line breaks and tabs".to_string()
                }
                _ => format!("1 to {BODY_MAX_CHARS} characters"),
            };
            Problem::invalid("text", message)
        })?;
    let text = text.as_str();
    let kind = match report.kind {
        ApiReportKind::General => ReportKind::General,
        ApiReportKind::Medical => ReportKind::Medical,
    };
    let author = format!("{} (API: {})", caller.organisation, caller.token_name);
    let mut tx = state.db.begin().await?;
    reports::queries::insert(
        &mut *tx,
        reports::queries::NewReport {
            page_id,
            provider_id: caller.provider_id,
            kind,
            visited_at,
            body: text,
            author_id: None,
            author_name: &author,
        },
    )
    .await
    .map_err(Problem::from)?;
    log_write(&mut tx, &caller, page_id, Look::ReportWritten).await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(Stored { stored: 1 })))
}

/// Adds up to 10,000 measurements, all or none.
#[utoipa::path(
    post, path = "/api/v1/measurements", tag = "dossier",
    request_body(content = MeasurementsIn, content_type = "application/json"),
    responses(
        (status = 201, description = "All stored", body = Stored),
        (status = 401, description = "No live token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The token lacks `measurements:write`", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "A client is not the organisation's", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "A client is not linked yet", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "The body is over the API's 4 MiB", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A measurement is not right; none was stored", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["measurements:write"]))
)]
pub async fn measurements(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<(StatusCode, Json<Stored>), Problem> {
    let caller = caller(&state, &headers, Scope::MeasurementsWrite).await?;
    let upload: MeasurementsIn = json_body(&headers, &body)?;
    let count = upload.measurements.len();
    if count == 0 || count > MAX_MEASUREMENTS {
        return Err(Problem::invalid(
            "measurements",
            format!("1 to {MAX_MEASUREMENTS} measurements"),
        ));
    }
    // Every client first, then every reading: nothing is written until all are right.
    let mut pages: HashMap<i64, i64> = HashMap::new();
    for (index, item) in upload.measurements.iter().enumerate() {
        if let std::collections::hash_map::Entry::Vacant(entry) = pages.entry(item.client_id) {
            // Which item named the client, for a client that is not found or not linked.
            let page =
                linked_page(&state, &caller, item.client_id)
                    .await
                    .map_err(|mut problem| {
                        problem.errors.push(super::problem::FieldProblem {
                            field: format!("measurements[{index}].client_id"),
                            message: problem.detail.clone(),
                        });
                        problem
                    })?;
            entry.insert(page);
        }
    }
    let mut checked = Vec::with_capacity(count);
    for (index, item) in upload.measurements.iter().enumerate() {
        let field = |name: &str| format!("measurements[{index}].{name}");
        let kind = match item.kind {
            ApiMeasurementKind::Weight => Kind::Weight,
            ApiMeasurementKind::BloodPressure => Kind::BloodPressure,
            ApiMeasurementKind::BloodSugar => Kind::BloodSugar,
        };
        let number = |value: Option<f64>| value.map(|v| v.to_string()).unwrap_or_default();
        let reading = check_reading(
            kind,
            &item.value.to_string(),
            &number(item.diastolic),
            &item.pulse.map(|p| p.to_string()).unwrap_or_default(),
        )
        .map_err(|message| Problem::invalid(field("value"), message))?;
        let at = moment(item.measured_at).map_err(|m| Problem::invalid(field("measured_at"), m))?;
        checked.push((pages[&item.client_id], kind, at, reading));
    }
    let author = format!("{} (API: {})", caller.organisation, caller.token_name);
    // Per page: the rows, then the chart aggregates once per kind.
    let mut by_page: HashMap<i64, Vec<measurements::queries::NewMeasurement<'_>>> = HashMap::new();
    for (page_id, kind, at, reading) in &checked {
        by_page
            .entry(*page_id)
            .or_default()
            .push(measurements::queries::NewMeasurement {
                kind: *kind,
                at: *at,
                reading: *reading,
                provider_id: Some(caller.provider_id),
                author_id: None,
                author_name: &author,
            });
    }
    let mut tx = state.db.begin().await?;
    for (page_id, many) in by_page {
        measurements::queries::insert_many(&mut tx, page_id, many)
            .await
            .map_err(Problem::from)?;
    }
    let touched: BTreeSet<i64> = pages.values().copied().collect();
    for page_id in touched {
        log_write(&mut tx, &caller, page_id, Look::MeasurementAdded).await?;
    }
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(Stored { stored: count })))
}

async fn log_write(
    tx: &mut db::Tx,
    caller: &ApiCaller,
    page_id: i64,
    look: Look,
) -> Result<(), Problem> {
    record_api_in(
        tx,
        &caller.token_name,
        (caller.provider_id, caller.organisation.clone()),
        page_id,
        look,
    )
    .await
    .map_err(Problem::from)
}
