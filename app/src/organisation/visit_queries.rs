//! Database queries of planned visits (server only), each bound to the
//! asking staff member's organisation and a page linked to it.

use super::visits::{DayVisit, Employee, NewVisit, PlannedVisit};
use crate::db;
use crate::db::{Db, Wall};
use crate::error::{AppError, AppResult, Counted, Refusal};
use chrono::{NaiveDate, NaiveDateTime};

/// The organisation's staff, who can be chosen to come.
pub async fn employees(db: &Db, provider_id: i64) -> AppResult<Vec<Employee>> {
    Ok(db::query_as(
        "SELECT id, first_name || ' ' || last_name AS name FROM accounts
         WHERE provider_id = $1 AND staff_role IS NOT NULL ORDER BY first_name, last_name",
    )
    .bind(provider_id)
    .fetch_all(db.reader())
    .await?)
}

/// Stores the visit (every week of its schedule) in one transaction; the
/// employee must be the organisation's. With `external_id` (the
/// organisation's own id, from its systems), a visit with that id is changed
/// instead of added. Returns how many visits were stored.
pub async fn plan(
    db: &Db,
    provider_id: i64,
    page_id: i64,
    visit: &NewVisit,
    external_id: Option<&str>,
) -> AppResult<usize> {
    let mut tx = db.begin().await?;
    let employee_name = match visit.employee {
        None => String::new(),
        Some(employee) => db::query_scalar::<String>(
            "SELECT first_name || ' ' || last_name FROM accounts
             WHERE id = $1 AND provider_id = $2 AND staff_role IS NOT NULL",
        )
        .bind(employee)
        .bind(provider_id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(AppError::Refused(Refusal::UnknownEmployee))?,
    };
    let upcoming: i64 = db::query_scalar(
        "SELECT COUNT(*) FROM visits WHERE provider_id = $1 AND care_page_id = $2 AND starts_at >= $3",
    )
    .bind(provider_id)
    .bind(page_id)
    .bind(crate::dates::today())
    .fetch_one(&mut *tx)
    .await?;
    if upcoming + visit.starts.len() as i64 > super::visits::MAX_UPCOMING {
        return Err(AppError::Refused(Refusal::TooMany {
            what: Counted::UpcomingVisits,
            max: super::visits::MAX_UPCOMING,
        }));
    }
    let mut series: Option<i64> = None;
    for start in &visit.starts {
        let id: i64 = db::query_scalar(
            "INSERT INTO visits (care_page_id, provider_id, title, starts_at, duration_minutes,
                                 employee_name, employee_id, series_id, external_id)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
             ON CONFLICT (provider_id, external_id) WHERE external_id IS NOT NULL DO UPDATE SET
                 care_page_id = $1, title = $3, starts_at = $4, duration_minutes = $5,
                 employee_name = $6, employee_id = $7
             RETURNING id",
        )
        .bind(page_id)
        .bind(provider_id)
        .bind(&visit.title)
        .bind(Wall(*start))
        .bind(visit.minutes)
        .bind(&employee_name)
        .bind(visit.employee)
        .bind(series)
        .bind(external_id)
        .fetch_one(&mut *tx)
        .await?;
        if visit.starts.len() > 1 && series.is_none() {
            series = Some(id);
            db::query("UPDATE visits SET series_id = $1 WHERE id = $2")
                .bind(id)
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
    }
    tx.commit().await?;
    Ok(visit.starts.len())
}

/// The organisation's visits to the page from today on, by time.
pub async fn upcoming(db: &Db, provider_id: i64, page_id: i64) -> AppResult<Vec<PlannedVisit>> {
    Ok(db::query_as(
        "SELECT v.id, v.starts_at AS start, v.duration_minutes AS minutes, v.title,
                v.employee_name AS employee,
                EXISTS (SELECT 1 FROM visits l WHERE l.series_id = v.series_id AND l.starts_at > v.starts_at)
                    AS in_series
         FROM visits v
         WHERE v.provider_id = $1 AND v.care_page_id = $2 AND v.starts_at >= $3
         ORDER BY v.starts_at LIMIT $4",
    )
    .bind(provider_id)
    .bind(page_id)
    .bind(crate::dates::today())
    .bind(super::visits::SHOWN)
    .fetch_all(db.reader())
    .await?)
}

/// Cancels a visit, or it and the later ones of its schedule; `false` when
/// it is not the organisation's visit to this page.
pub async fn cancel(
    db: &Db,
    provider_id: i64,
    page_id: i64,
    visit_id: i64,
    series: bool,
) -> AppResult<bool> {
    let sql = if series {
        "DELETE FROM visits WHERE provider_id = $1 AND care_page_id = $2 AND (id = $3 OR (
             series_id = (SELECT series_id FROM visits WHERE id = $3)
             AND starts_at >= (SELECT starts_at FROM visits WHERE id = $3)))"
    } else {
        "DELETE FROM visits WHERE provider_id = $1 AND care_page_id = $2 AND id = $3"
    };
    let removed = db::query(sql)
        .bind(provider_id)
        .bind(page_id)
        .bind(visit_id)
        .execute(db.writer())
        .await?;
    Ok(removed.rows_affected() > 0)
}

/// The organisation's visit known in its own systems by `external_id`.
pub async fn by_external_id(
    db: &Db,
    provider_id: i64,
    external_id: &str,
) -> AppResult<Option<i64>> {
    Ok(
        db::query_scalar("SELECT id FROM visits WHERE provider_id = $1 AND external_id = $2")
            .bind(provider_id)
            .bind(external_id)
            .fetch_optional(db.reader())
            .await?,
    )
}

/// Removes the organisation's visit known by `external_id`; `false` when
/// there was none.
pub async fn cancel_by_external_id(
    db: &Db,
    provider_id: i64,
    external_id: &str,
) -> AppResult<bool> {
    let removed = db::query("DELETE FROM visits WHERE provider_id = $1 AND external_id = $2")
        .bind(provider_id)
        .bind(external_id)
        .execute(db.writer())
        .await?;
    Ok(removed.rows_affected() > 0)
}

/// The visits `employee` makes on `date`, to pages still linked, by time.
pub async fn day_of(
    db: &Db,
    provider_id: i64,
    employee: i64,
    date: NaiveDate,
) -> AppResult<Vec<DayVisit>> {
    #[derive(sqlx::FromRow)]
    struct Row {
        starts_at: NaiveDateTime,
        #[sqlx(try_from = "i64")]
        duration_minutes: u32,
        title: String,
        first_name: String,
        last_name: String,
        address: String,
        phone: String,
        page_id: i64,
    }
    let rows: Vec<Row> = db::query_as(
        "SELECT v.starts_at, v.duration_minutes, v.title, p.first_name, p.last_name,
                COALESCE(p.address, '') AS address, COALESCE(p.phone, '') AS phone, p.id AS page_id
         FROM visits v JOIN care_pages p ON p.id = v.care_page_id
         JOIN provider_links l ON l.care_page_id = v.care_page_id AND l.provider_id = v.provider_id
         WHERE v.provider_id = $1 AND v.employee_id = $2 AND v.starts_at >= $3 AND v.starts_at < $4
         ORDER BY v.starts_at",
    )
    .bind(provider_id)
    .bind(employee)
    .bind(date)
    .bind(date + chrono::Duration::days(1))
    .fetch_all(db.reader())
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| DayVisit {
            start: row.starts_at.time(),
            minutes: row.duration_minutes,
            title: row.title,
            person: format!("{} {}", row.first_name, row.last_name),
            address: row.address,
            phone: row.phone,
            page_id: row.page_id,
        })
        .collect())
}
