//! The notes of a page (server only). Every query names the page, so a note
//! id from another page finds nothing.

use super::MAX_NOTES_PER_PAGE;
use crate::db;
use crate::db::{At, Db};
use crate::error::{AppError, AppResult};

/// A note as stored, with the name of whoever changed it last.
#[derive(sqlx::FromRow)]
pub struct NoteRow {
    pub id: i64,
    pub author_id: Option<i64>,
    pub title: String,
    pub body: String,
    pub phone: String,
    pub address: String,
    pub pinned: bool,
    pub changed_by: Option<String>,
    pub changed_at: chrono::DateTime<chrono::Utc>,
}

/// What a member typed, checked.
pub struct NoteFields<'a> {
    pub title: &'a str,
    pub body: &'a str,
    pub phone: &'a str,
    pub address: &'a str,
    pub pinned: bool,
}

const SELECT: &str = "SELECT n.id, n.author_id, n.title, n.body, n.phone, n.address, n.pinned,
            a.first_name || ' ' || a.last_name AS changed_by, n.changed_at
     FROM notes n LEFT JOIN accounts a ON a.id = n.changed_by";

/// Pinned first, then the newest change first.
pub async fn list(db: &Db, page_id: i64) -> AppResult<Vec<NoteRow>> {
    Ok(db::query_as(&format!(
        "{SELECT} WHERE n.care_page_id = $1 ORDER BY n.pinned DESC, n.changed_at DESC, n.id DESC"
    ))
    .bind(page_id)
    .fetch_all(db.reader())
    .await?)
}

/// One note of this page.
pub async fn one(db: &Db, page_id: i64, note_id: i64) -> AppResult<Option<NoteRow>> {
    Ok(
        db::query_as(&format!("{SELECT} WHERE n.care_page_id = $1 AND n.id = $2"))
            .bind(page_id)
            .bind(note_id)
            .fetch_optional(db.reader())
            .await?,
    )
}

/// Adds a note, unless the page holds the most it may (refused with `full`).
pub async fn add(
    db: &Db,
    page_id: i64,
    author: i64,
    note: &NoteFields<'_>,
    full: &str,
) -> AppResult<i64> {
    let now = At::now();
    // The count and the insert in one statement on the single writer: two
    // members adding at once cannot pass the limit together.
    let id: Option<i64> = db::query_scalar(
        "INSERT INTO notes (care_page_id, author_id, title, body, phone, address, pinned, changed_by, changed_at, created_at)
         SELECT $1, $2, $3, $4, $5, $6, $7, $2, $8, $8
         WHERE (SELECT COUNT(*) FROM notes WHERE care_page_id = $1) < $9
         RETURNING id",
    )
    .bind(page_id)
    .bind(author)
    .bind(note.title)
    .bind(note.body)
    .bind(note.phone)
    .bind(note.address)
    .bind(note.pinned)
    .bind(now)
    .bind(MAX_NOTES_PER_PAGE)
    .fetch_optional(db.writer())
    .await?;
    id.ok_or_else(|| AppError::invalid(full))
}

pub async fn update(
    db: &Db,
    page_id: i64,
    note_id: i64,
    editor: i64,
    note: &NoteFields<'_>,
) -> AppResult<()> {
    let changed = db::query(
        "UPDATE notes SET title = $1, body = $2, phone = $3, address = $4, pinned = $5, changed_by = $6, changed_at = $7
         WHERE care_page_id = $8 AND id = $9",
    )
    .bind(note.title)
    .bind(note.body)
    .bind(note.phone)
    .bind(note.address)
    .bind(note.pinned)
    .bind(editor)
    .bind(At::now())
    .bind(page_id)
    .bind(note_id)
    .execute(db.writer())
    .await?;
    if changed.rows_affected() == 0 {
        return Err(AppError::NotFound);
    }
    Ok(())
}

pub async fn delete(db: &Db, page_id: i64, note_id: i64) -> AppResult<()> {
    let deleted = db::query("DELETE FROM notes WHERE care_page_id = $1 AND id = $2")
        .bind(page_id)
        .bind(note_id)
        .execute(db.writer())
        .await?;
    if deleted.rows_affected() == 0 {
        return Err(AppError::NotFound);
    }
    Ok(())
}
