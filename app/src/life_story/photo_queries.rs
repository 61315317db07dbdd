//! The statements behind the story's photos (`story_photos`).

use super::MAX_PHOTOS;
use crate::db;
use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::profile::StoredImage;

/// Adds a photo unless the story has the most it may hold (`false` then);
/// the count and the insert are one statement on the single writer.
pub async fn add(
    db: &Db,
    page_id: i64,
    kind: &str,
    bytes: &[u8],
    caption: &str,
    by: i64,
) -> AppResult<bool> {
    let added = db::query(
        "INSERT INTO story_photos (care_page_id, content_type, bytes, caption, added_by, added_at)
         SELECT $1, $2, $3, $4, $5, $6
         WHERE (SELECT COUNT(*) FROM story_photos WHERE care_page_id = $1) < $7",
    )
    .bind(page_id)
    .bind(kind)
    .bind(bytes)
    .bind(caption)
    .bind(by)
    .bind(chrono::Utc::now())
    .bind(MAX_PHOTOS)
    .execute(db.writer())
    .await?;
    Ok(added.rows_affected() == 1)
}

pub async fn photo(db: &Db, page_id: i64, photo_id: i64) -> AppResult<Option<StoredImage>> {
    Ok(db::query_as(
        "SELECT content_type, bytes FROM story_photos WHERE care_page_id = $1 AND id = $2",
    )
    .bind(page_id)
    .bind(photo_id)
    .fetch_optional(db.reader())
    .await?)
}

/// The photos of a story, oldest first.
pub async fn list(db: &Db, page_id: i64) -> AppResult<Vec<super::StoryPhoto>> {
    Ok(
        db::query_as("SELECT id, caption FROM story_photos WHERE care_page_id = $1 ORDER BY id")
            .bind(page_id)
            .fetch_all(db.reader())
            .await?,
    )
}

pub async fn remove(db: &Db, page_id: i64, photo_id: i64) -> AppResult<()> {
    let removed = db::query("DELETE FROM story_photos WHERE care_page_id = $1 AND id = $2")
        .bind(page_id)
        .bind(photo_id)
        .execute(db.writer())
        .await?;
    if removed.rows_affected() == 0 {
        return Err(AppError::NotFound);
    }
    Ok(())
}
