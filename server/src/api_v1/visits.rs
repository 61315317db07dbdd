//! `PUT /api/v1/visits/{external_id}` and `DELETE …`: visits keyed by the
//! organisation's own id, so sending the same visit twice changes nothing
//! and a changed one is changed, not added.

use super::{caller, json_body, linked_page, Problem};
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::NaiveDateTime;
use kring_app::organisation::tokens::Scope;
use kring_app::organisation::visits::{field, VisitFields};
use kring_app::organisation::{staff_queries, visit_queries};
use kring_app::state::AppState;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

const MAX_EXTERNAL_ID: usize = 100;

/// A visit as the organisation's planning sends it.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct VisitIn {
    pub client_id: i64,
    /// What the visit is for (at most 80 characters, no control
    /// characters); "Bezoek" when absent.
    #[serde(default)]
    #[schema(max_length = 80)]
    pub title: Option<String>,
    /// Local time in the Netherlands, minutes: `2026-12-07T08:30`; today or later.
    #[schema(value_type = String, example = "2026-12-07T08:30", pattern = r"^2[0-9]{3}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$")]
    #[serde(deserialize_with = "super::local_time")]
    pub start: NaiveDateTime,
    /// About how long, in minutes (5–480).
    #[schema(minimum = 5, maximum = 480)]
    pub duration_minutes: u32,
    /// The e-mail address of the staff member who comes, if known; empty
    /// is the same as absent.
    #[serde(default)]
    pub employee_email: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct VisitOut {
    pub external_id: String,
    pub client_id: i64,
    pub title: String,
    #[schema(value_type = String, example = "2026-12-07T08:30")]
    pub start: String,
    pub duration_minutes: u32,
}

fn check_external_id(id: &str) -> Result<(), Problem> {
    let fits = !id.is_empty()
        && id.len() <= MAX_EXTERNAL_ID
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.:".contains(c));
    match fits {
        true => Ok(()),
        false => Err(Problem::invalid(
            "external_id",
            format!("1–{MAX_EXTERNAL_ID} characters: letters, digits, - _ . :"),
        )),
    }
}

/// The API's name of a field the visit check names.
fn api_field(form_field: &str) -> &'static str {
    match form_field {
        field::TITLE => "title",
        field::MINUTES => "duration_minutes",
        field::EMPLOYEE => "employee_email",
        _ => "start",
    }
}

/// Adds the visit, or changes the one with this external id.
#[utoipa::path(
    put, path = "/api/v1/visits/{external_id}", tag = "visits",
    params(("external_id" = String, Path, description = "The organisation's own id of the visit")),
    request_body(content = VisitIn, content_type = "application/json"),
    responses(
        (status = 201, description = "Added", body = VisitOut),
        (status = 200, description = "Changed (or sent again unchanged)", body = VisitOut),
        (status = 401, description = "No live token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The token lacks `visits:write`", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such client of the organisation", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The client is not linked yet", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "The body is over the API's 4 MiB", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field is not right", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["visits:write"]))
)]
pub async fn upsert(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(external_id): Path<String>,
    body: Bytes,
) -> Result<Response, Problem> {
    let caller = caller(&state, &headers, Scope::VisitsWrite).await?;
    check_external_id(&external_id)?;
    let visit: VisitIn = json_body(&headers, &body)?;
    let page_id = linked_page(&state, &caller, visit.client_id).await?;
    let employee = match visit.employee_email.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(email) => Some(
            staff_queries::staff_by_email(&state.db, caller.provider_id, email)
                .await?
                .ok_or_else(|| {
                    Problem::invalid(
                        "employee_email",
                        "no staff member of your organisation has this address",
                    )
                })?,
        ),
    };
    let fields = VisitFields {
        title: visit.title.clone().unwrap_or_default(),
        date: Some(visit.start.date()),
        time: Some(visit.start.time()),
        minutes: Some(visit.duration_minutes),
        employee,
        weekly_until: None,
    };
    let checked = fields.check(kring_app::dates::today()).map_err(|error| {
        let field = error.field().map(api_field).unwrap_or("start");
        Problem::invalid(field, error.to_string())
    })?;
    let existed =
        visit_queries::by_external_id(&state.db, caller.provider_id, &external_id).await?;
    visit_queries::plan(
        &state.db,
        caller.provider_id,
        page_id,
        &checked,
        Some(&external_id),
    )
    .await
    .map_err(Problem::from)?;
    let status = if existed.is_some() {
        StatusCode::OK
    } else {
        StatusCode::CREATED
    };
    let out = VisitOut {
        external_id,
        client_id: visit.client_id,
        title: checked.title,
        start: visit.start.format("%Y-%m-%dT%H:%M").to_string(),
        duration_minutes: checked.minutes,
    };
    Ok((status, Json(out)).into_response())
}

/// Cancels the visit with this external id.
#[utoipa::path(
    delete, path = "/api/v1/visits/{external_id}", tag = "visits",
    params(("external_id" = String, Path, description = "The organisation's own id of the visit")),
    responses(
        (status = 204, description = "Cancelled"),
        (status = 401, description = "No live token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The token lacks `visits:write`", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such visit of the organisation", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["visits:write"]))
)]
pub async fn cancel(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(external_id): Path<String>,
) -> Result<StatusCode, Problem> {
    let caller = caller(&state, &headers, Scope::VisitsWrite).await?;
    let removed =
        visit_queries::cancel_by_external_id(&state.db, caller.provider_id, &external_id).await?;
    match removed {
        false => Err(Problem::not_found()),
        true => Ok(StatusCode::NO_CONTENT),
    }
}
