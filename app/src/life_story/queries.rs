//! The life story's versions (server only).

use super::{Chapter, KEPT_VERSIONS};
use crate::db;
use crate::db::{At, Db};
use crate::error::AppResult;

/// One stored version: the chapter, its text, the writer's name (empty when
/// the account is gone) and when it was written.
#[derive(sqlx::FromRow)]
pub struct VersionRow {
    pub chapter: String,
    pub body: String,
    pub writer: Option<String>,
    pub written_at: chrono::DateTime<chrono::Utc>,
}

const COLUMNS: &str =
    "v.chapter, v.body, a.first_name || ' ' || a.last_name AS writer, v.written_at
     FROM life_story_versions v LEFT JOIN accounts a ON a.id = v.written_by";

/// The newest version of every chapter that has one.
pub async fn current(db: &Db, page_id: i64) -> AppResult<Vec<VersionRow>> {
    Ok(db::query_as(&format!(
        "SELECT {COLUMNS}
         WHERE v.id IN (SELECT MAX(id) FROM life_story_versions WHERE care_page_id = $1 GROUP BY chapter)"
    ))
    .bind(page_id)
    .fetch_all(db.reader())
    .await?)
}

/// Every kept version of one chapter, newest first.
pub async fn versions(db: &Db, page_id: i64, chapter: Chapter) -> AppResult<Vec<VersionRow>> {
    Ok(db::query_as(&format!(
        "SELECT {COLUMNS}
         WHERE v.care_page_id = $1 AND v.chapter = $2 ORDER BY v.id DESC"
    ))
    .bind(page_id)
    .bind(chapter.key())
    .fetch_all(db.reader())
    .await?)
}

/// Saves `body` as the chapter's newest version, unless it says exactly
/// what the newest already says; drops versions beyond the kept number.
/// Returns whether a version was added.
pub async fn save(
    db: &Db,
    page_id: i64,
    chapter: Chapter,
    body: &str,
    writer: i64,
) -> AppResult<bool> {
    let mut tx = db.begin().await?;
    let newest: Option<String> = db::query_scalar(
        "SELECT body FROM life_story_versions WHERE care_page_id = $1 AND chapter = $2
         ORDER BY id DESC LIMIT 1",
    )
    .bind(page_id)
    .bind(chapter.key())
    .fetch_optional(&mut *tx)
    .await?;
    // Nothing written yet and nothing typed: no empty first version.
    if newest.as_deref().unwrap_or_default() == body {
        return Ok(false);
    }
    db::query(
        "INSERT INTO life_story_versions (care_page_id, chapter, body, written_by, written_at)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(page_id)
    .bind(chapter.key())
    .bind(body)
    .bind(writer)
    .bind(At::now())
    .execute(&mut *tx)
    .await?;
    // The newest and the kept earlier ones stay.
    db::query(
        "DELETE FROM life_story_versions WHERE care_page_id = $1 AND chapter = $2 AND id NOT IN
         (SELECT id FROM life_story_versions WHERE care_page_id = $1 AND chapter = $2 ORDER BY id DESC LIMIT $3)",
    )
    .bind(page_id)
    .bind(chapter.key())
    .bind(KEPT_VERSIONS + 1)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(true)
}
