//! Server functions of Mijn verhaal. Every one asks the access policy.

use super::{ChapterEdit, StoryView};
use crate::error::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    super::{queries, Chapter, ChapterView, Written, MAX_CHAPTER},
    crate::access::authorize,
    crate::accounts::flash,
    crate::i18n::{fill, t},
    crate::policy::{allows, Action},
    crate::state::app_state,
};

#[cfg(feature = "ssr")]
fn written(row: &queries::VersionRow) -> Written {
    Written {
        by: row.writer.clone().unwrap_or_default(),
        when: crate::dates::spoken_at(row.written_at),
    }
}

/// The person's first and full name, or not found.
#[cfg(feature = "ssr")]
async fn names(db: &crate::db::Db, page_id: i64) -> Result<(String, String), AppError> {
    let page = crate::care_pages::page(db, page_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let full = format!("{} {}", page.first_name, page.last_name);
    Ok((page.first_name, full))
}

#[server(prefix = "/api", endpoint = "life_story")]
pub async fn life_story(page_id: i64) -> Result<StoryView, AppError> {
    let state = app_state()?;
    let (_, actor) = authorize(&state, page_id, Action::ViewLifeStory).await?;
    let (first_name, full_name) = names(&state.db, page_id).await?;
    let current = queries::current(&state.db, page_id).await?;
    let chapters = Chapter::ALL
        .into_iter()
        .map(|chapter| {
            let row = current.iter().find(|row| row.chapter == chapter.key());
            ChapterView {
                chapter,
                text: row.map(|row| row.body.clone()),
                written: row.map(written),
            }
        })
        .collect();
    Ok(StoryView {
        page_id,
        first_name,
        full_name,
        chapters,
        photos: super::photo_queries::list(&state.db, page_id).await?,
        can_edit: allows(actor, Action::EditLifeStory),
        today: crate::dates::date_with_year(crate::dates::today()),
    })
}

/// One chapter to write, with its earlier versions.
#[server(prefix = "/api", endpoint = "story_chapter")]
pub async fn story_chapter(page_id: i64, chapter: String) -> Result<ChapterEdit, AppError> {
    let state = app_state()?;
    authorize(&state, page_id, Action::EditLifeStory).await?;
    let chapter = Chapter::from_key(&chapter).ok_or(AppError::NotFound)?;
    let (first_name, _) = names(&state.db, page_id).await?;
    let mut versions = queries::versions(&state.db, page_id, chapter)
        .await?
        .into_iter();
    let newest = versions.next();
    Ok(ChapterEdit {
        page_id,
        first_name,
        current: ChapterView {
            chapter,
            text: newest.as_ref().map(|row| row.body.clone()),
            written: newest.as_ref().map(written),
        },
        earlier: versions.map(|row| (written(&row), row.body)).collect(),
    })
}

/// Saves a chapter as its newest version and goes back to the story, at
/// that chapter. Saving an empty chapter empties it (the text before is kept
/// as an earlier version).
#[server(prefix = "/api", endpoint = "save_chapter")]
pub async fn save_chapter(page_id: i64, chapter: String, text: String) -> Result<(), AppError> {
    let state = app_state()?;
    let (account, _) = authorize(&state, page_id, Action::EditLifeStory).await?;
    let words = t();
    let chapter = Chapter::from_key(&chapter).ok_or(AppError::invalid(words.err_bad_request))?;
    let body = crate::fields::written_text(&text, chapter.title(), MAX_CHAPTER, false)
        .map_err(AppError::in_field("text"))?;
    queries::save(&state.db, page_id, chapter, &body, account.id).await?;
    let said = fill(words.story.saved, &[("chapter", chapter.title())]);
    flash::notice_for_next_page(&state.db, said).await?;
    leptos_axum::redirect(&crate::routes::page(page_id).story_at(chapter.key()));
    Ok(())
}

/// Removes a photo from the story (after the second step on the page).
#[server(prefix = "/api", endpoint = "remove_story_photo")]
pub async fn remove_story_photo(page_id: i64, photo_id: i64) -> Result<String, AppError> {
    let state = app_state()?;
    authorize(&state, page_id, Action::EditLifeStory).await?;
    super::photo_queries::remove(&state.db, page_id, photo_id).await?;
    flash::done(&state.db, t().story.photo_removed.to_string()).await
}
