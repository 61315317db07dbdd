//! "Brief afdrukken": the activation-code letter as a PDF, A4, made from the
//! digits at the moment they exist (issuing, or typed again by staff who
//! have them), since Kring keeps only their hash. A plain route, so the
//! console's form works without JavaScript: posted without a code, it
//! issues a new one (voiding the one before) and prints it.

use super::queries;
use crate::error::AppError;
use crate::i18n::fill;
use crate::links::code::ActivationCode;
use crate::pdf::{block, Block, Style};
use crate::policy::{org_allows, OrgAction, OrgActor};
use crate::state::AppState;
use axum::extract::{Form, Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use serde::Deserialize;

/// What the letter says besides the fixed text.
pub struct LetterDetails<'a> {
    pub organisation: &'a str,
    pub person: &'a str,
    pub code: &'a ActivationCode,
    pub valid_until: NaiveDate,
    /// Where the family registers: the installation's public address.
    pub url: &'a str,
    pub printed: NaiveDate,
}

fn blocks(letter: &LetterDetails<'_>) -> Vec<Block> {
    let text = crate::i18n::t().org;
    let names = [
        ("organisation", letter.organisation),
        ("person", letter.person),
        ("url", letter.url),
    ];
    let mut out = vec![
        block(letter.organisation, Style::Heading, 0.0, 0.0),
        block(
            crate::dates::date_with_year(letter.printed),
            Style::Small,
            0.0,
            1.0,
        ),
        block(text.letter_title, Style::Title, 0.0, 12.0),
        block(fill(text.letter_greeting, &names), Style::Body, 0.0, 6.0),
        block(fill(text.letter_intro, &names), Style::Body, 0.0, 3.0),
        block(
            fill(text.letter_code, &[("code", &letter.code.grouped())]),
            Style::Large,
            0.0,
            8.0,
        ),
        block(
            fill(
                text.letter_valid_until,
                &[("date", &crate::dates::date_with_year(letter.valid_until))],
            ),
            Style::Body,
            0.0,
            2.0,
        ),
        block(text.letter_steps_title, Style::Heading, 0.0, 10.0),
    ];
    for (number, step) in text.letter_steps.iter().enumerate() {
        out.push(block(
            format!("{}. {}", number + 1, fill(step, &names)),
            Style::Body,
            0.0,
            3.0,
        ));
    }
    out.push(block(text.letter_no_account, Style::Body, 0.0, 8.0));
    out.push(block(
        fill(text.letter_questions, &names),
        Style::Body,
        0.0,
        3.0,
    ));
    out
}

/// The letter as PDF bytes.
pub fn letter_pdf(letter: &LetterDetails<'_>) -> Option<Vec<u8>> {
    let text = crate::i18n::t().org;
    let printed = crate::dates::date_with_year(letter.printed);
    crate::pdf::document(text.letter_title, blocks(letter), |_, _| {
        format!("{} · {printed}", letter.organisation)
    })
}

#[derive(Deserialize)]
pub struct LetterForm {
    #[serde(default)]
    code: String,
}

/// `POST /organisatie/clienten/{id}/brief`: with the client's valid code,
/// its letter; without one, a new code and its letter.
pub async fn client_letter(
    State(state): State<AppState>,
    Path(client): Path<String>,
    headers: HeaderMap,
    Form(form): Form<LetterForm>,
) -> Response {
    match letter(&state, &client, &headers, &form.code).await {
        Ok(bytes) => (
            [
                (header::CONTENT_TYPE, "application/pdf".to_string()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("inline; filename=\"{}\"", crate::i18n::t().org.letter_file),
                ),
                (header::CACHE_CONTROL, "no-store".to_string()),
            ],
            bytes,
        )
            .into_response(),
        Err(error) => {
            let status =
                StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            (status, error.to_string()).into_response()
        }
    }
}

async fn letter(
    state: &AppState,
    client: &str,
    headers: &HeaderMap,
    typed: &str,
) -> Result<Vec<u8>, AppError> {
    let client_id: i64 = client.parse().map_err(|_| AppError::NotFound)?;
    let account =
        crate::accounts::session::account_from_headers(&state.db, headers, state.settings.https())
            .await?
            .ok_or(AppError::NotLoggedIn)?;
    let staff = queries::staff_of(&state.db, account.id)
        .await?
        .filter(|staff| org_allows(OrgActor::Staff(staff.role), OrgAction::IssueCode))
        .ok_or(AppError::NotFound)?;
    let details = queries::letter_details(&state.db, staff.provider_id, client_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let person = format!("{} {}", details.first_name, details.last_name);
    let organisation = details.organisation;
    let (code, valid_until) = if typed.trim().is_empty() {
        let issued =
            queries::issue_code(&state.db, &state.key, staff.provider_id, client_id).await?;
        let code = ActivationCode::parse(&issued.code).ok_or(AppError::Internal)?;
        (code, issued.valid_until)
    } else {
        let wrong = || AppError::invalid(crate::i18n::t().org.reprint_wrong);
        let code = ActivationCode::parse(typed).ok_or_else(wrong)?;
        let valid_until =
            queries::current_code_until(&state.db, &state.key, staff.provider_id, client_id, &code)
                .await?
                .ok_or_else(wrong)?;
        (code, valid_until)
    };
    letter_pdf(&LetterDetails {
        organisation: &organisation,
        person: &person,
        code: &code,
        valid_until,
        url: &state.settings.public_url,
        printed: crate::dates::today(),
    })
    .ok_or(AppError::Internal)
}
