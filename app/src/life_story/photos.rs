//! Photos in Mijn verhaal, each with a caption: uploaded with a plain
//! multipart form (works without JavaScript) and served through the access
//! policy like the person's photo (server only).

use super::{MAX_CAPTION, MAX_PHOTOS};
use crate::db::{now_text, Db};
use crate::error::{AppError, AppResult};
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

/// Adds a photo unless the story has the most it may hold (`false` then);
/// the count and the insert are one statement on the single writer.
async fn add(
    db: &Db,
    page_id: i64,
    kind: &str,
    bytes: &[u8],
    caption: &str,
    by: i64,
) -> AppResult<bool> {
    let added = sqlx::query(
        "INSERT INTO story_photos (care_page_id, content_type, bytes, caption, added_by, added_at)
         SELECT ?1, ?2, ?3, ?4, ?5, ?6
         WHERE (SELECT COUNT(*) FROM story_photos WHERE care_page_id = ?1) < ?7",
    )
    .bind(page_id)
    .bind(kind)
    .bind(bytes)
    .bind(caption)
    .bind(by)
    .bind(now_text())
    .bind(MAX_PHOTOS)
    .execute(db.writer())
    .await?;
    Ok(added.rows_affected() == 1)
}

async fn photo(db: &Db, page_id: i64, photo_id: i64) -> AppResult<Option<(String, Vec<u8>)>> {
    Ok(sqlx::query_as(
        "SELECT content_type, bytes FROM story_photos WHERE care_page_id = ? AND id = ?",
    )
    .bind(page_id)
    .bind(photo_id)
    .fetch_optional(db.reader())
    .await?)
}

/// The photos of a story, oldest first: (id, caption).
pub async fn list(db: &Db, page_id: i64) -> AppResult<Vec<(i64, String)>> {
    Ok(
        sqlx::query_as("SELECT id, caption FROM story_photos WHERE care_page_id = ? ORDER BY id")
            .bind(page_id)
            .fetch_all(db.reader())
            .await?,
    )
}

pub async fn remove(db: &Db, page_id: i64, photo_id: i64) -> AppResult<()> {
    let removed = sqlx::query("DELETE FROM story_photos WHERE care_page_id = ? AND id = ?")
        .bind(page_id)
        .bind(photo_id)
        .execute(db.writer())
        .await?;
    if removed.rows_affected() == 0 {
        return Err(AppError::NotFound);
    }
    Ok(())
}
