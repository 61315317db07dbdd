//! The download's reads. Each section's query is built from its field list
//! (`Section::query`); SQLite writes each row as a JSON object itself.

use super::sections::Section;
use crate::db::Db;
use crate::error::AppResult;

/// Every row of `section` on the page (by `author` only, when given), as JSON.
pub async fn rows(
    db: &Db,
    section: &Section,
    page_id: i64,
    author: Option<i64>,
) -> AppResult<Vec<String>> {
    let query = section.query(author.is_some());
    let mut rows = sqlx::query_scalar(&query).bind(page_id);
    if let Some(author) = author {
        rows = rows.bind(author);
    }
    Ok(rows.fetch_all(db.reader()).await?)
}

/// The person the page is for, as the download names them.
pub async fn person_name(db: &Db, page_id: i64) -> AppResult<String> {
    let name =
        sqlx::query_scalar("SELECT first_name || ' ' || last_name FROM care_pages WHERE id = ?")
            .bind(page_id)
            .fetch_one(db.reader())
            .await?;
    Ok(name)
}
