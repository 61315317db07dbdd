//! Writes to the calendar (server only): new, changed and deleted
//! appointments, and who helps. Every write that touches more than one row
//! is one transaction.

use super::form::NewAppointment;
use super::queries::AppointmentRow;
use crate::db;
use crate::db::{At, Db};
use crate::error::{AppError, AppResult, Counted, Refusal};
use chrono::NaiveDate;

/// Inserts an appointment through any executor (the writer, or a transaction).
async fn insert_with<'e, E: db::Executor<'e>>(
    executor: E,
    page_id: i64,
    maker: Option<i64>,
    new: &NewAppointment,
) -> AppResult<i64> {
    let last_date = new.rule.map(|rule| rule.until).unwrap_or(new.date);
    Ok(db::query_scalar(
        "INSERT INTO appointments (care_page_id, created_by, title, place, description, start_date, start_time,
             end_time, shared_with_provider, asks_help, repeat_frequency, repeat_interval, last_date, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id",
    )
    .bind(page_id)
    .bind(maker)
    .bind(&new.title)
    .bind(&new.place)
    .bind(&new.description)
    .bind(new.date)
    .bind(new.start)
    .bind(new.end)
    .bind(new.share_with_provider)
    .bind(new.ask_help)
    .bind(new.rule.map(|rule| rule.frequency.as_db()))
    .bind(new.rule.map(|rule| rule.interval).unwrap_or(1))
    .bind(last_date)
    .bind(At::now())
    .fetch_one(executor)
    .await?)
}

/// A new appointment, unless the page already holds as many (or as many
/// series) as a page may: the count and the insert are one transaction.
pub async fn insert(
    db: &Db,
    page_id: i64,
    account_id: i64,
    new: &NewAppointment,
) -> AppResult<i64> {
    let mut tx = db.begin().await?;
    #[derive(sqlx::FromRow)]
    struct Held {
        appointments: i64,
        series: i64,
    }
    let Held {
        appointments: all,
        series,
    } = db::query_as(
        "SELECT COUNT(*) AS appointments, COUNT(repeat_frequency) AS series FROM appointments
         WHERE care_page_id = $1",
    )
    .bind(page_id)
    .fetch_one(&mut *tx)
    .await?;
    if all >= super::MAX_APPOINTMENTS_PER_PAGE {
        return Err(AppError::Refused(Refusal::TooMany {
            what: Counted::Appointments,
            max: super::MAX_APPOINTMENTS_PER_PAGE,
        }));
    }
    if new.rule.is_some() && series >= super::MAX_SERIES_PER_PAGE {
        return Err(AppError::Refused(Refusal::TooMany {
            what: Counted::Series,
            max: super::MAX_SERIES_PER_PAGE,
        }));
    }
    let id = insert_with(&mut *tx, page_id, Some(account_id), new).await?;
    tx.commit().await?;
    Ok(id)
}

pub async fn set_helping(
    db: &Db,
    appointment_id: i64,
    day: NaiveDate,
    account_id: i64,
    helping: bool,
) -> AppResult<()> {
    let query = if helping {
        "INSERT INTO appointment_helpers (appointment_id, occurrence_date, account_id, signed_up_at, care_page_id)
         VALUES ($1, $2, $3, $4, (SELECT care_page_id FROM appointments WHERE id = $1))
         ON CONFLICT DO NOTHING"
    } else {
        "DELETE FROM appointment_helpers WHERE appointment_id = $1 AND occurrence_date = $2 AND account_id = $3 AND $4 IS NOT NULL"
    };
    db::query(query)
        .bind(appointment_id)
        .bind(day)
        .bind(account_id)
        .bind(At::now())
        .execute(db.writer())
        .await?;
    Ok(())
}

/// "Ik help elke keer" (or no longer): for every occurrence of a series.
pub async fn set_helping_every_time(
    db: &Db,
    appointment_id: i64,
    account_id: i64,
    helping: bool,
) -> AppResult<()> {
    let query = if helping {
        "INSERT INTO series_helpers (appointment_id, account_id, signed_up_at, care_page_id)
         VALUES ($1, $2, $3, (SELECT care_page_id FROM appointments WHERE id = $1))
         ON CONFLICT DO NOTHING"
    } else {
        "DELETE FROM series_helpers WHERE appointment_id = $1 AND account_id = $2 AND $3 IS NOT NULL"
    };
    db::query(query)
        .bind(appointment_id)
        .bind(account_id)
        .bind(At::now())
        .execute(db.writer())
        .await?;
    Ok(())
}

/// Deletes one occurrence (a single appointment entirely) or the whole series.
pub async fn delete(
    db: &Db,
    row: &AppointmentRow,
    day: NaiveDate,
    whole_series: bool,
) -> AppResult<()> {
    if whole_series || row.repeat_frequency.is_none() {
        db::query("DELETE FROM appointments WHERE id = $1")
            .bind(row.id)
            .execute(db.writer())
            .await?;
        return Ok(());
    }
    let mut tx = db.begin().await?;
    db::query(
        "INSERT INTO appointment_skips (appointment_id, occurrence_date, care_page_id)
         VALUES ($1, $2, (SELECT care_page_id FROM appointments WHERE id = $1))
         ON CONFLICT DO NOTHING",
    )
    .bind(row.id)
    .bind(day)
    .execute(&mut *tx)
    .await?;
    db::query("DELETE FROM appointment_helpers WHERE appointment_id = $1 AND occurrence_date = $2")
        .bind(row.id)
        .bind(day)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Changes the whole appointment (for a series: every occurrence). When the
/// series moves by `shift_days`, its skipped occurrences and helpers move
/// along, in the same transaction.
pub async fn update(
    db: &Db,
    appointment_id: i64,
    new: &NewAppointment,
    shift_days: i64,
) -> AppResult<()> {
    let last_date = new.rule.map(|rule| rule.until).unwrap_or(new.date);
    let mut tx = db.begin().await?;
    db::query(
        // Help asked anew (it was not asked before) is asked of the members
        // anew: the right-hand sides read the row as it was.
        "UPDATE appointments SET title = $1, place = $2, description = $3, start_date = $4, start_time = $5,
             end_time = $6, shared_with_provider = $7, asks_help = $8, repeat_frequency = $9, repeat_interval = $10,
             last_date = $11, help_asked_at = CASE WHEN asks_help = TRUE THEN help_asked_at END
         WHERE id = $12",
    )
    .bind(&new.title)
    .bind(&new.place)
    .bind(&new.description)
    .bind(new.date)
    .bind(new.start)
    .bind(new.end)
    .bind(new.share_with_provider)
    .bind(new.ask_help)
    .bind(new.rule.map(|rule| rule.frequency.as_db()))
    .bind(new.rule.map(|rule| rule.interval).unwrap_or(1))
    .bind(last_date)
    .bind(appointment_id)
    .execute(&mut *tx)
    .await?;
    if shift_days != 0 {
        for table in ["appointment_skips", "appointment_helpers"] {
            let sqlite = format!(
                "UPDATE {table} SET occurrence_date = date(occurrence_date, $1 || ' days')
                 WHERE appointment_id = $2"
            );
            // A date plus a whole number is a date there.
            let postgres = format!(
                "UPDATE {table} SET occurrence_date = occurrence_date + CAST($1 AS INTEGER)
                 WHERE appointment_id = $2"
            );
            db::query(&sqlite)
                .on_postgres(&postgres)
                .bind(shift_days)
                .bind(appointment_id)
                .execute(&mut *tx)
                .await?;
        }
    }
    tx.commit().await?;
    Ok(())
}

/// Changes one occurrence of a series: it leaves the series and becomes an
/// appointment of its own, in one transaction.
pub async fn replace_occurrence(
    db: &Db,
    row: &AppointmentRow,
    day: NaiveDate,
    page_id: i64,
    maker: Option<i64>,
    new: &NewAppointment,
) -> AppResult<()> {
    let mut tx = db.begin().await?;
    db::query(
        "INSERT INTO appointment_skips (appointment_id, occurrence_date, care_page_id)
         VALUES ($1, $2, (SELECT care_page_id FROM appointments WHERE id = $1))
         ON CONFLICT DO NOTHING",
    )
    .bind(row.id)
    .bind(day)
    .execute(&mut *tx)
    .await?;
    let single = NewAppointment {
        rule: None,
        ..new.clone()
    };
    insert_with(&mut *tx, page_id, maker, &single).await?;
    tx.commit().await?;
    Ok(())
}
