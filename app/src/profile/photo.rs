//! The person's photo as two plain routes outside Leptos (server only): an
//! upload from a normal multipart form, so that it works without JavaScript,
//! and the image itself. Both ask the access policy like every server function.

use super::{image_type, queries, PhotoOutcome, PHOTO_MAX_BYTES};
use crate::access::authorize_account;
use crate::accounts::session::account_from_headers;
use crate::accounts::Account;
use crate::error::AppError;
use crate::policy::Action;
use crate::profile::StoredImage;
use crate::state::AppState;
use axum::extract::{Multipart, Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};

/// The request body may be a little larger than the photo (the form around it).
pub const UPLOAD_BODY_LIMIT: usize = PHOTO_MAX_BYTES + 64 * 1024;

/// `POST /zorgpagina/{id}/foto`: stores the photo in the form field `foto`
/// and sends the browser back to the profile with the outcome.
pub async fn upload(
    State(state): State<AppState>,
    Path(page_id): Path<String>,
    headers: HeaderMap,
    multipart: Multipart,
) -> Response {
    let (account, page_id) =
        match authorize(&state, &page_id, &headers, Action::EditPersonDetails).await {
            Ok(allowed) => allowed,
            Err(error) => return error_response(error),
        };
    let outcome = match read_photo(multipart).await {
        Ok((content_type, bytes)) => {
            match queries::save_photo(&state.db, page_id, content_type, &bytes, account.id).await {
                Ok(()) => PhotoOutcome::Saved,
                Err(_) => PhotoOutcome::Failed,
            }
        }
        Err(outcome) => outcome,
    };
    Redirect::to(&crate::routes::page(page_id).profile_after_photo(outcome.as_query()))
        .into_response()
}

/// The bytes of the `foto` field, if they are a photo of an allowed size and kind.
async fn read_photo(multipart: Multipart) -> Result<(&'static str, Vec<u8>), PhotoOutcome> {
    read_photo_and_text(multipart, None)
        .await
        .map(|(kind, bytes, _)| (kind, bytes))
}

/// An uploaded form: the photo in `foto` (checked: size and kind from its
/// first bytes) and, when `text_field` names one, that text field too (the
/// caption of a photo in the life story; at most a few hundred bytes kept).
pub(crate) async fn read_photo_and_text(
    mut multipart: Multipart,
    text_field: Option<&str>,
) -> Result<(&'static str, Vec<u8>, String), PhotoOutcome> {
    let mut photo = None;
    let mut text = String::new();
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            // The body limit ends the stream early: the file was too large.
            Err(error) if error.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                return Err(PhotoOutcome::TooLarge)
            }
            Err(_) => return Err(PhotoOutcome::Failed),
        };
        if text_field.is_some() && field.name() == text_field {
            let value = field.text().await.map_err(|_| PhotoOutcome::Failed)?;
            text = value.chars().take(TEXT_FIELD_MAX_CHARS + 1).collect();
            continue;
        }
        if field.name() != Some("foto") {
            continue;
        }
        let bytes = match field.bytes().await {
            Ok(bytes) => bytes,
            Err(error) if error.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                return Err(PhotoOutcome::TooLarge)
            }
            Err(_) => return Err(PhotoOutcome::Failed),
        };
        if bytes.len() > PHOTO_MAX_BYTES {
            return Err(PhotoOutcome::TooLarge);
        }
        let kind = image_type(&bytes).ok_or(PhotoOutcome::NotAPhoto)?;
        photo = Some((kind, bytes.to_vec()));
    }
    let (kind, bytes) = photo.ok_or(PhotoOutcome::NotAPhoto)?;
    Ok((kind, bytes, text))
}

/// A text field beside a photo is read up to this many characters (one
/// more, so that the caller can tell it was too long).
pub(crate) const TEXT_FIELD_MAX_CHARS: usize = 500;

/// `GET /zorgpagina/{id}/foto`: the photo, for those who may see the details.
pub async fn serve(
    State(state): State<AppState>,
    Path(page_id): Path<String>,
    headers: HeaderMap,
) -> Response {
    let page_id = match authorize(&state, &page_id, &headers, Action::ViewPersonDetails).await {
        Ok((_, page_id)) => page_id,
        Err(error) => return error_response(error),
    };
    image_response(queries::photo(&state.db, page_id).await)
}

/// A stored image as an answer: its checked type, never cached without
/// asking again (access is asked each time), sandboxed.
pub(crate) fn image_response(found: Result<Option<StoredImage>, AppError>) -> Response {
    match found {
        Ok(Some(StoredImage {
            content_type,
            bytes,
        })) => (
            [
                (header::CONTENT_TYPE, content_type),
                // The address carries the photo's version; access is asked each time.
                (header::CACHE_CONTROL, "private, no-cache".to_string()),
                (
                    header::CONTENT_SECURITY_POLICY,
                    "default-src 'none'; sandbox".to_string(),
                ),
            ],
            bytes,
        )
            .into_response(),
        Ok(None) => error_response(AppError::NotFound),
        Err(error) => error_response(error),
    }
}

/// The account behind the request's session cookie and the page of the
/// address, if the policy allows `action` there. The page id is parsed here
/// rather than by axum, whose rejection of `/zorgpagina/abc/foto` would be an
/// English 400.
pub(crate) async fn authorize(
    state: &AppState,
    page_segment: &str,
    headers: &HeaderMap,
    action: Action,
) -> Result<(Account, i64), AppError> {
    let page_id: i64 = page_segment.parse().map_err(|_| AppError::NotFound)?;
    let account = account_from_headers(&state.db, headers, state.settings.https()).await?;
    let (account, _) = authorize_account(state, account, page_id, action).await?;
    Ok((account, page_id))
}

pub(crate) fn error_response(error: AppError) -> Response {
    let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (status, error.to_string()).into_response()
}
