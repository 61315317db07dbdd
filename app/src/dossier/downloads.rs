//! The dossier's two downloads, as plain routes outside Leptos: the care
//! plan as PDF and the access log as CSV. Both enter through the same door
//! as the screens (a fresh code, the policy, a row in the access log); with
//! the door closed they send the browser to the screen that asks the code.

use super::access_log::Look;
use super::door::{enter_as, Caller, Inside};
use super::{care_plan, log_page, pdf, Gated, Period};
use crate::error::AppError;
use crate::policy::{Action, Actor};
use crate::state::AppState;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use std::collections::HashMap;

/// `GET /zorgpagina/{id}/dossier/zorgplan.pdf?versie=N`
pub async fn care_plan_pdf(
    State(state): State<AppState>,
    Path(page): Path<String>,
    Query(query): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    let read = |_: Actor, fresh_code: bool| Action::ReadDossier { fresh_code };
    let screen = |id: i64| crate::routes::page(id).care_plan();
    let (inside, page_id) = match door(&state, &page, &headers, read, Look::CarePlanPdf).await {
        Ok(Entered::Inside(inside, page_id)) => (inside, page_id),
        Ok(Entered::Closed(page_id)) => return Redirect::to(&screen(page_id)).into_response(),
        Err(error) => return error_response(error),
    };
    match plan_document(&state, page_id, &inside, query.get("versie")).await {
        Ok(Some((file_name, bytes))) => (
            [
                (header::CONTENT_TYPE, "application/pdf".to_string()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{file_name}\""),
                ),
                (header::CACHE_CONTROL, "no-store".to_string()),
            ],
            bytes,
        )
            .into_response(),
        Ok(None) => error_response(AppError::NotFound),
        Err(error) => error_response(error),
    }
}

async fn plan_document(
    state: &AppState,
    page_id: i64,
    inside: &Inside,
    version: Option<&String>,
) -> Result<Option<(String, Vec<u8>)>, AppError> {
    let text = crate::i18n::t().dossier;
    let versions = care_plan::queries::versions(&state.db, page_id, inside.staff_of()).await?;
    let wanted = version.and_then(|v| v.parse::<i64>().ok());
    let Some(summary) = versions
        .iter()
        .find(|v| Some(v.id) == wanted)
        .or_else(|| versions.first())
    else {
        return Ok(None);
    };
    let Some(plan) = care_plan::queries::plan(&state.db, summary.id).await? else {
        return Ok(None);
    };
    let person = crate::care_pages::page(&state.db, page_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let date = |day: &str| {
        chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d")
            .map(crate::dates::date_with_year)
            .unwrap_or_else(|_| day.to_string())
    };
    let today = crate::dates::today();
    let birth_date = crate::dates::date_with_year(person.birth_date);
    let person = format!("{} {}", person.first_name, person.last_name);
    let valid_from = date(&summary.valid_from);
    let printed = crate::i18n::fill(
        text.pdf_printed,
        &[("date", &crate::dates::date_with_year(today))],
    );
    let older_version = (!summary.current).then_some(text.pdf_older_version);
    let organisation = summary.organisation.clone();
    // Laying out and subsetting the font is work for a blocking thread, not
    // for the one that answers everyone's requests.
    let bytes = tokio::task::spawn_blocking(move || {
        let heading = pdf::PlanHeading {
            person: &person,
            birth_date: &birth_date,
            organisation: &organisation,
            valid_from: &valid_from,
            printed: &printed,
            older_version,
        };
        pdf::care_plan_pdf(&heading, &plan)
    })
    .await
    .map_err(|_| AppError::Internal)?
    .ok_or(AppError::Internal)?;
    let file_name = crate::i18n::fill(
        text.pdf_file_name,
        &[("date", &today.format("%Y-%m-%d").to_string())],
    );
    Ok(Some((file_name, bytes)))
}

/// `GET /zorgpagina/{id}/dossier/wie-keek.csv?persoon=N&periode=3m`
pub async fn access_log_csv(
    State(state): State<AppState>,
    Path(page): Path<String>,
    Query(query): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    let screen = |id: i64| crate::routes::page(id).access_log();
    let page_id = match door(
        &state,
        &page,
        &headers,
        log_page::view_log,
        Look::LogDownloaded,
    )
    .await
    {
        Ok(Entered::Inside(_, page_id)) => page_id,
        Ok(Entered::Closed(page_id)) => return Redirect::to(&screen(page_id)).into_response(),
        Err(error) => return error_response(error),
    };
    let person = query.get("persoon").and_then(|p| p.parse::<i64>().ok());
    let period = Period::from_query(query.get("periode").map(String::as_str).unwrap_or("alles"));
    let filter = log_page::queries::Filter::new(page_id, person, period);
    match log_page::csv(&state.db, &filter).await {
        Ok(csv) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
                (
                    header::CONTENT_DISPOSITION,
                    format!(
                        "attachment; filename=\"{}\"",
                        crate::i18n::t().dossier.csv_file_name
                    ),
                ),
                (header::CACHE_CONTROL, "no-store".to_string()),
            ],
            // A byte-order mark, so spreadsheets read the accents right.
            format!("\u{feff}{csv}"),
        )
            .into_response(),
        Err(error) => error_response(error),
    }
}

enum Entered {
    Inside(Inside, i64),
    Closed(i64),
}

async fn door(
    state: &AppState,
    page: &str,
    headers: &HeaderMap,
    action: impl Fn(Actor, bool) -> Action,
    look: Look,
) -> Result<Entered, AppError> {
    // Parsed here, not by axum, whose rejection would be an English 400.
    let page_id: i64 = page.parse().map_err(|_| AppError::NotFound)?;
    let caller = Caller::from_headers(state, headers).await?;
    Ok(
        match enter_as(state, caller, page_id, action, look).await? {
            Gated::Open(inside) => Entered::Inside(inside, page_id),
            Gated::Locked(_) => Entered::Closed(page_id),
        },
    )
}

fn error_response(error: AppError) -> Response {
    let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (status, error.to_string()).into_response()
}
