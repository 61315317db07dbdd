//! The statements behind the organisation's inbox: its threads on linked
//! pages, and the pages a broadcast reaches.

use crate::db;
use crate::db::Db;
use crate::error::AppResult;

/// A provider thread as the inbox lists it.
#[derive(sqlx::FromRow)]
pub struct InboxRow {
    pub page_id: i64,
    pub thread_id: i64,
    pub first_name: String,
    pub last_name: String,
    pub subject: String,
    /// Gone when the account that wrote the last message is.
    pub last_author: Option<String>,
    pub last_message_at: chrono::DateTime<chrono::Utc>,
    /// Messages by others after what `reader` read.
    pub unread: i64,
}

/// The organisation's threads on pages still linked to it, unread first,
/// then newest, at most `limit`.
pub async fn threads(
    db: &Db,
    provider_id: i64,
    reader: i64,
    limit: i64,
) -> AppResult<Vec<InboxRow>> {
    Ok(db::query_as(
        "SELECT * FROM (
         SELECT t.care_page_id AS page_id, t.id AS thread_id, p.first_name, p.last_name, t.subject,
                (SELECT a.first_name || ' ' || a.last_name FROM messages m
                 LEFT JOIN accounts a ON a.id = m.author_id
                 WHERE m.thread_id = t.id ORDER BY m.id DESC LIMIT 1) AS last_author,
                t.last_message_at,
                (SELECT COUNT(*) FROM messages n
                 WHERE n.thread_id = t.id AND n.author_id IS DISTINCT FROM $2
                   AND n.id > COALESCE((SELECT last_read_id FROM thread_reads r
                                        WHERE r.thread_id = t.id AND r.account_id = $2), 0)) AS unread
         FROM threads t
         JOIN provider_links l ON l.care_page_id = t.care_page_id AND l.provider_id = t.provider_id
         JOIN care_pages p ON p.id = t.care_page_id
         WHERE t.provider_id = $1) AS inbox
         ORDER BY unread > 0 DESC, last_message_at DESC, thread_id DESC
         LIMIT $3",
    )
    .bind(provider_id)
    .bind(reader)
    .bind(limit)
    .fetch_all(db.reader())
    .await?)
}

/// The pages of the organisation's linked clients, at `location` or
/// (without one) everywhere.
pub async fn linked_pages(db: &Db, provider_id: i64, location: Option<i64>) -> AppResult<Vec<i64>> {
    Ok(db::query_scalar(
        "SELECT DISTINCT c.care_page_id FROM clients c
         JOIN provider_links l ON l.care_page_id = c.care_page_id AND l.provider_id = c.provider_id
         WHERE c.provider_id = $1 AND c.unlinked_at IS NULL AND ($2 IS NULL OR c.location_id = $2)",
    )
    .bind(provider_id)
    .bind(location)
    .fetch_all(db.reader())
    .await?)
}
