//! Photos in Mijn verhaal, each with a caption: uploaded with a plain
//! multipart form (works without JavaScript) and served through the access
//! policy like the person's photo (server only).

use super::photo_queries::{add, photo};
use super::MAX_CAPTION;
use crate::error::AppError;
use crate::policy::Action;
use crate::profile::photo::{authorize, error_response, image_response, read_photo_and_text};
use crate::profile::PhotoOutcome;
use crate::state::AppState;
use axum::extract::{Multipart, Path, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};

/// `POST /zorgpagina/{id}/verhaal-foto`: the photo in `foto`, its caption in
/// `bijschrift`; back to the story with the outcome.
pub async fn upload(
    State(state): State<AppState>,
    Path(page_id): Path<String>,
    headers: HeaderMap,
    multipart: Multipart,
) -> Response {
    let (account, page_id) =
        match authorize(&state, &page_id, &headers, Action::EditLifeStory).await {
            Ok(allowed) => allowed,
            Err(error) => return error_response(error),
        };
    let outcome = match read_photo_and_text(multipart, Some("bijschrift")).await {
        Ok((kind, bytes, caption)) => {
            let caption = caption.trim();
            if caption.chars().count() > MAX_CAPTION || caption.chars().any(char::is_control) {
                PhotoOutcome::CaptionTooLong
            } else {
                match add(&state.db, page_id, kind, &bytes, caption, account.id).await {
                    Ok(true) => PhotoOutcome::Saved,
                    Ok(false) => PhotoOutcome::TooMany,
                    Err(_) => PhotoOutcome::Failed,
                }
            }
        }
        Err(outcome) => outcome,
    };
    Redirect::to(&crate::routes::page(page_id).story_after_photo(outcome.as_query()))
        .into_response()
}

/// `GET /zorgpagina/{id}/verhaal-foto/{photo}`: for whoever may read the story.
pub async fn serve(
    State(state): State<AppState>,
    Path((page_id, photo_id)): Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    let page_id = match authorize(&state, &page_id, &headers, Action::ViewLifeStory).await {
        Ok((_, page_id)) => page_id,
        Err(error) => return error_response(error),
    };
    let Ok(photo_id) = photo_id.parse::<i64>() else {
        return error_response(AppError::NotFound);
    };
    image_response(photo(&state.db, page_id, photo_id).await)
}
