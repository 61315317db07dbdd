//! The statements behind the page history (`page_history`).

use super::HistoryEvent;
use crate::db;
use crate::db::Db;
use crate::error::AppResult;
use chrono::Utc;

/// Writes a line in the page's history, in the transaction of the change it
/// describes: the two are saved together or not at all.
pub async fn record(
    tx: &mut db::Tx,
    page_id: i64,
    account_id: i64,
    event: &HistoryEvent,
) -> AppResult<()> {
    let event = serde_json::to_string(event).map_err(|_| crate::error::AppError::Internal)?;
    db::query(
        "INSERT INTO page_history (care_page_id, account_id, event, at) VALUES ($1, $2, $3, $4)",
    )
    .bind(page_id)
    .bind(account_id)
    .bind(event)
    .bind(Utc::now())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// A stored line: when, by whom (gone when the account is), and the event
/// as JSON.
#[derive(sqlx::FromRow)]
pub struct StoredLine {
    pub at: chrono::DateTime<chrono::Utc>,
    pub who: Option<String>,
    pub event: String,
}

pub async fn newest(db: &Db, page_id: i64, limit: i64) -> AppResult<Vec<StoredLine>> {
    Ok(db::query_as(
        "SELECT h.at, a.first_name || ' ' || a.last_name AS who, h.event
         FROM page_history h LEFT JOIN accounts a ON a.id = h.account_id
         WHERE h.care_page_id = $1 ORDER BY h.at DESC, h.id DESC LIMIT $2",
    )
    .bind(page_id)
    .bind(limit)
    .fetch_all(db.reader())
    .await?)
}
