//! The statements behind the page of the dossier's access log.

use super::Period;
use crate::db;
use crate::db::Db;
use crate::error::AppError;
use chrono::{DateTime, Utc};

pub struct Filter {
    pub page_id: i64,
    pub person: Option<i64>,
    /// `None` for all time.
    pub since: Option<DateTime<Utc>>,
    /// Only rows before this one (a later screen); `None`: the newest.
    pub before: Option<i64>,
}

impl Filter {
    pub fn new(page_id: i64, person: Option<i64>, period: Period) -> Filter {
        let since = period
            .first_day(crate::dates::today())
            .and_then(|day| day.and_hms_opt(0, 0, 0))
            .map(|moment| moment.and_utc());
        Filter {
            page_id,
            person,
            since,
            before: None,
        }
    }

    pub fn before(self, before: Option<i64>) -> Filter {
        Filter { before, ..self }
    }
}

/// A row of the log as stored, with how often it repeated.
#[derive(sqlx::FromRow)]
pub struct StoredLine {
    pub id: i64,
    pub repeats: i64,
    pub at: chrono::DateTime<chrono::Utc>,
    pub account_name: String,
    pub role: String,
    pub provider_name: Option<String>,
    pub what: String,
    pub outcome: String,
}

/// The filter, on parameters $1 to $4: page, since, person, before.
const MATCH: &str =
    "care_page_id = $1 AND ($2 IS NULL OR at >= $2) AND (account_id = $3 OR $3 IS NULL)
    AND (id < $4 OR $4 IS NULL)";

/// The newest `limit` rows that match, and how many match in all.
pub async fn rows(
    db: &Db,
    filter: &Filter,
    limit: i64,
) -> Result<(Vec<StoredLine>, i64), AppError> {
    let rows: Vec<StoredLine> = db::query_as(&format!(
        "SELECT id, COALESCE((SELECT repeats FROM access_log_repeats WHERE row_id = dossier_access_log.id), 0) AS repeats,
             at, account_name, role, provider_name, what, outcome FROM dossier_access_log
         WHERE {MATCH} ORDER BY id DESC LIMIT $5"
    ))
    .bind(filter.page_id)
    .bind(filter.since)
    .bind(filter.person)
    .bind(filter.before)
    .bind(limit)
    .fetch_all(db.reader())
    .await?;
    let total: i64 = db::query_scalar(&format!(
        "SELECT COUNT(*) FROM dossier_access_log WHERE {MATCH}"
    ))
    .bind(filter.page_id)
    .bind(filter.since)
    .bind(filter.person)
    .bind(filter.before)
    .fetch_one(db.reader())
    .await?;
    Ok((rows, total))
}

/// Someone who looked at the page's dossier, under the newest name logged.
#[derive(sqlx::FromRow)]
pub struct Looker {
    pub account_id: i64,
    pub name: String,
}

pub async fn people(db: &Db, page_id: i64) -> Result<Vec<Looker>, AppError> {
    Ok(db::query_as(
        "SELECT account_id, MAX(account_name) AS name FROM dossier_access_log
         WHERE care_page_id = $1 AND account_id IS NOT NULL
         GROUP BY account_id ORDER BY MAX(account_name)",
    )
    .bind(page_id)
    .fetch_all(db.reader())
    .await?)
}
