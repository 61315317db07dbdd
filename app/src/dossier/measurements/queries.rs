//! The statements behind the dossier's measurements.

use super::{Kind, Reading};
use crate::db;
use crate::db::At;
use crate::error::AppError;
use chrono::NaiveDateTime;

pub struct NewMeasurement<'a> {
    pub kind: Kind,
    pub at: NaiveDateTime,
    pub reading: Reading,
    pub provider_id: Option<i64>,
    /// None: sent by the organisation's own system (the API).
    pub author_id: Option<i64>,
    pub author_name: &'a str,
}

/// Saves a measurement (the screen's form, and the demo), with its mark
/// and its week (see `chart_writes`).
pub async fn insert(
    conn: &mut db::Connection,
    page_id: i64,
    m: NewMeasurement<'_>,
) -> Result<(), AppError> {
    let (kind, at) = (m.kind, m.at);
    insert_row(conn, page_id, m).await?;
    crate::dossier::chart_writes::after_insert(conn, page_id, kind, at).await
}

/// Saves many measurements of one page (an organisation's bulk upload),
/// then brings marks and weeks up to date once per kind.
pub async fn insert_many(
    conn: &mut db::Connection,
    page_id: i64,
    many: Vec<NewMeasurement<'_>>,
) -> Result<(), AppError> {
    let mut spans: Vec<(Kind, NaiveDateTime, NaiveDateTime)> = Vec::new();
    for m in many {
        let (kind, at) = (m.kind, m.at);
        insert_row(conn, page_id, m).await?;
        match spans.iter_mut().find(|(k, _, _)| *k == kind) {
            Some((_, first, last)) => {
                if at < *first {
                    *first = at;
                }
                if at > *last {
                    *last = at;
                }
            }
            None => spans.push((kind, at, at)),
        }
    }
    for (kind, first, last) in spans {
        crate::dossier::chart_writes::after_inserts(conn, page_id, kind, first, last).await?;
    }
    Ok(())
}

async fn insert_row(
    conn: &mut db::Connection,
    page_id: i64,
    m: NewMeasurement<'_>,
) -> Result<(), AppError> {
    db::query(
        "INSERT INTO measurements (care_page_id, kind, measured_at, value, diastolic, pulse,
             provider_id, author_id, author_name, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(page_id)
    .bind(m.kind.as_db())
    .bind(db::Wall(m.at))
    .bind(m.reading.value)
    .bind(m.reading.diastolic)
    .bind(m.reading.pulse)
    .bind(m.provider_id)
    .bind(m.author_id)
    .bind(m.author_name)
    .bind(At::now())
    .execute(&mut *conn)
    .await?;
    Ok(())
}
