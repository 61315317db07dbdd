//! The statements behind the dossier's reports.

use super::{ReportItem, ReportKind, SHOWN_AT_MOST};
use crate::db;
use crate::db::{At, Db};
use crate::error::AppError;
use chrono::{NaiveDate, NaiveDateTime};

pub struct NewReport<'a> {
    pub page_id: i64,
    pub provider_id: i64,
    pub kind: ReportKind,
    /// On the Dutch wall clock.
    pub visited_at: NaiveDateTime,
    pub body: &'a str,
    /// None: written by the organisation's own system (the API).
    pub author_id: Option<i64>,
    pub author_name: &'a str,
}

/// Saves a report (the screen's form, and the demo).
pub async fn insert<'e>(
    executor: impl db::Executor<'e>,
    report: NewReport<'_>,
) -> Result<(), AppError> {
    db::query(
        "INSERT INTO reports (care_page_id, provider_id, kind, visited_at, body, author_id, author_name, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(report.page_id)
    .bind(report.provider_id)
    .bind(report.kind.as_db())
    .bind(db::Wall(report.visited_at))
    .bind(report.body)
    .bind(report.author_id)
    .bind(report.author_name)
    .bind(At::now())
    .execute(executor)
    .await?;
    Ok(())
}

pub struct Filter {
    pub page_id: i64,
    pub staff_of: Option<i64>,
    /// `None` for all time.
    pub from: Option<NaiveDate>,
    pub kind: Option<ReportKind>,
}

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    kind: String,
    visited_at: NaiveDateTime,
    body: String,
    author_name: String,
    organisation: String,
    seen: bool,
}

/// The newest [`SHOWN_AT_MOST`] reports that match, and how many match in all.
pub async fn list(
    db: &Db,
    filter: &Filter,
    reader: i64,
) -> Result<(Vec<ReportItem>, i64), AppError> {
    let kind = filter.kind.map(ReportKind::as_db);
    // On parameters $1 to $4: page, from, organisation, kind.
    const MATCH: &str = "r.care_page_id = $1 AND ($2 IS NULL OR r.visited_at >= $2)
         AND (r.provider_id = $3 OR $3 IS NULL) AND (r.kind = $4 OR $4 IS NULL)";
    let rows: Vec<Row> = db::query_as(&format!(
        "SELECT r.id, r.kind, r.visited_at, r.body, r.author_name, p.name AS organisation,
                EXISTS (SELECT 1 FROM report_reads rr WHERE rr.report_id = r.id AND rr.account_id = $5) AS seen
         FROM reports r JOIN providers p ON p.id = r.provider_id
         WHERE {MATCH}
         ORDER BY r.visited_at DESC, r.id DESC LIMIT $6"
    ))
    .bind(filter.page_id)
    .bind(filter.from)
    .bind(filter.staff_of)
    .bind(kind)
    .bind(reader)
    .bind(SHOWN_AT_MOST)
    .fetch_all(db.reader())
    .await?;
    let total: i64 = db::query_scalar(&format!("SELECT COUNT(*) FROM reports r WHERE {MATCH}"))
        .bind(filter.page_id)
        .bind(filter.from)
        .bind(filter.staff_of)
        .bind(kind)
        .fetch_one(db.reader())
        .await?;
    let items = rows
        .into_iter()
        .map(|row| {
            Ok(ReportItem {
                id: row.id,
                kind: ReportKind::from_db(&row.kind)
                    .ok_or_else(|| crate::db::unreadable("report kind"))?,
                visited_at: row.visited_at,
                body: row.body,
                author: row.author_name,
                organisation: row.organisation,
                new: !row.seen,
            })
        })
        .collect::<Result<Vec<_>, AppError>>()?;
    Ok((items, total))
}

/// What was shown counts as read from the next time on.
pub async fn mark_read(db: &Db, shown: &[ReportItem], reader: i64) -> Result<(), AppError> {
    let unread: Vec<i64> = shown.iter().filter(|r| r.new).map(|r| r.id).collect();
    if unread.is_empty() {
        return Ok(());
    }
    let mut tx = db.begin().await?;
    for id in unread {
        db::query(
            "INSERT INTO report_reads (report_id, account_id, care_page_id)
             VALUES ($1, $2, (SELECT care_page_id FROM reports WHERE id = $1))
             ON CONFLICT DO NOTHING",
        )
        .bind(id)
        .bind(reader)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(())
}
