//! The download's reads. Each section's query is built from its field list
//! (`section_query`); SQLite writes each row as a JSON object itself.

use super::sections::Section;
use crate::db;
use crate::db::{Backend, Db};
use crate::error::AppResult;

/// One JSON object per row of the section; `$1` is the page, `$2` the
/// author when asked.
fn section_query(section: &Section, by_author: bool, backend: Backend) -> String {
    let object = section
        .fields
        .iter()
        .map(|field| match backend {
            Backend::Sqlite => format!("'{}', {}", field.key, field.sql),
            Backend::Postgres => format!("'{}', {}", field.key, field.postgres),
        })
        .collect::<Vec<_>>()
        .join(", ");
    let select = match backend {
        Backend::Sqlite => format!("json_object({object})"),
        Backend::Postgres => format!("CAST(json_build_object({object}) AS TEXT)"),
    };
    let author = match (by_author, section.author) {
        (true, Some(column)) => format!(" AND {column} = $2"),
        _ => String::new(),
    };
    format!(
        "SELECT {select} FROM {}{author} ORDER BY {}",
        section.from, section.order
    )
}

/// Every row of `section` on the page (by `author` only, when given), as JSON.
pub async fn rows(
    db: &Db,
    section: &Section,
    page_id: i64,
    author: Option<i64>,
) -> AppResult<Vec<String>> {
    let query = section_query(section, author.is_some(), db.backend());
    let mut rows = db::query_scalar(&query).bind(page_id);
    if let Some(author) = author {
        rows = rows.bind(author);
    }
    Ok(rows.fetch_all(db.reader()).await?)
}

/// The person the page is for, as the download names them.
pub async fn person_name(db: &Db, page_id: i64) -> AppResult<String> {
    let name =
        db::query_scalar("SELECT first_name || ' ' || last_name FROM care_pages WHERE id = $1")
            .bind(page_id)
            .fetch_one(db.reader())
            .await?;
    Ok(name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::sections::{NOTES, PERSON};

    #[test]
    fn only_sections_with_an_author_are_filtered_by_one() {
        assert!(section_query(&NOTES, true, Backend::Sqlite)
            .ends_with("AND n.author_id = $2 ORDER BY n.pinned DESC, n.title, n.id"));
        assert!(!section_query(&PERSON, true, Backend::Sqlite).contains("$2"));
    }
}
