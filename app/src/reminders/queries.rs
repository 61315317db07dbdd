//! The members' mail choices, and what the planner reads (server only).
//! Every query that finds recipients joins `members`: someone who is not
//! (or no longer) a member of the page is never mailed about it.

use super::MailChoice;
use crate::db;
use crate::db::{At, Db};
use crate::error::AppResult;
use chrono::{DateTime, Utc};
use std::collections::HashMap;

/// What a member chose for one page; without a row, [`Choice::default`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, sqlx::FromRow)]
pub struct Choice {
    pub help_requests: bool,
    pub day_before: bool,
    pub week_before: bool,
    /// News (new messages, help asked) in one mail a day instead.
    pub daily_digest: bool,
}

impl Default for Choice {
    /// Asked to help and reminded the day before; a week before is extra.
    fn default() -> Choice {
        Choice {
            help_requests: true,
            day_before: true,
            week_before: false,
            daily_digest: false,
        }
    }
}

const DEFAULTS: &str = "COALESCE(c.help_requests, TRUE) AS help_requests,
     COALESCE(c.day_before, TRUE) AS day_before, COALESCE(c.week_before, FALSE) AS week_before,
     COALESCE(c.daily_digest, FALSE) AS daily_digest";

pub async fn choice(db: &Db, page_id: i64, account_id: i64) -> AppResult<Choice> {
    let row: Option<Choice> = db::query_as(
        "SELECT help_requests, day_before, week_before, daily_digest FROM mail_choices
         WHERE care_page_id = $1 AND account_id = $2",
    )
    .bind(page_id)
    .bind(account_id)
    .fetch_optional(db.reader())
    .await?;
    Ok(row.unwrap_or_default())
}

/// Through any executor: the writer, or the transaction that also saves
/// the page's new-message mail.
pub async fn save_choice<'e, E: db::Executor<'e>>(
    executor: E,
    page_id: i64,
    account_id: i64,
    choice: &Choice,
) -> AppResult<()> {
    db::query(
        "INSERT INTO mail_choices (care_page_id, account_id, help_requests, day_before, week_before, daily_digest)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (care_page_id, account_id) DO UPDATE SET help_requests = excluded.help_requests,
             day_before = excluded.day_before, week_before = excluded.week_before,
             daily_digest = excluded.daily_digest",
    )
    .bind(page_id)
    .bind(account_id)
    .bind(choice.help_requests)
    .bind(choice.day_before)
    .bind(choice.week_before)
    .bind(choice.daily_digest)
    .execute(executor)
    .await?;
    Ok(())
}

pub async fn choices_of(db: &Db, account_id: i64) -> AppResult<Vec<MailChoice>> {
    #[derive(sqlx::FromRow)]
    struct Row {
        page_id: i64,
        first_name: String,
        last_name: String,
        messages: bool,
        help_requests: bool,
        day_before: bool,
        week_before: bool,
        daily_digest: bool,
    }
    let rows: Vec<Row> = db::query_as(&format!(
        "SELECT p.id AS page_id, p.first_name, p.last_name,
                EXISTS (SELECT 1 FROM message_mail mm
                        WHERE mm.care_page_id = p.id AND mm.account_id = m.account_id) AS messages,
                {DEFAULTS}
         FROM members m JOIN care_pages p ON p.id = m.care_page_id
         LEFT JOIN mail_choices c ON c.care_page_id = m.care_page_id AND c.account_id = m.account_id
         WHERE m.account_id = $1 ORDER BY p.first_name, p.last_name, p.id"
    ))
    .bind(account_id)
    .fetch_all(db.reader())
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| MailChoice {
            page_id: row.page_id,
            person: format!("{} {}", row.first_name, row.last_name),
            messages: row.messages,
            help_requests: row.help_requests,
            day_before: row.day_before,
            week_before: row.week_before,
            daily_digest: row.daily_digest,
        })
        .collect())
}

/// A member who may get these mails about a page.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Recipient {
    pub care_page_id: i64,
    pub account_id: i64,
    pub role: crate::policy::Role,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub language: String,
    pub help_requests: bool,
    pub day_before: bool,
    pub week_before: bool,
    pub daily_digest: bool,
}

/// Every member of the pages `page_ids`, by (page, account).
pub async fn members_of(db: &Db, page_ids: &[i64]) -> AppResult<HashMap<(i64, i64), Recipient>> {
    let rows: Vec<Recipient> = db::query_as(&format!(
        "SELECT m.care_page_id, m.account_id, m.role, a.first_name, a.last_name, a.email, a.language,
                {DEFAULTS}
         FROM members m JOIN accounts a ON a.id = m.account_id
         LEFT JOIN mail_choices c ON c.care_page_id = m.care_page_id AND c.account_id = m.account_id
         WHERE m.care_page_id IN (SELECT value FROM json_each($1))"
    ))
    .bind(page_ids)
    .fetch_all(db.reader())
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| ((row.care_page_id, row.account_id), row))
        .collect())
}

/// Someone who signed up to help with an appointment: on one date, or
/// (without one) every time.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SignedUp {
    pub appointment_id: i64,
    #[sqlx(default)]
    pub occurrence_date: Option<chrono::NaiveDate>,
    pub account_id: i64,
    pub signed_up_at: DateTime<Utc>,
}

/// Who helps with which occurrence in `[from, to]`.
pub async fn date_helpers(
    db: &Db,
    from: chrono::NaiveDate,
    to: chrono::NaiveDate,
) -> AppResult<Vec<SignedUp>> {
    Ok(db::query_as(
        "SELECT appointment_id, occurrence_date, account_id, signed_up_at FROM appointment_helpers
         WHERE occurrence_date BETWEEN $1 AND $2",
    )
    .bind(from)
    .bind(to)
    .fetch_all(db.reader())
    .await?)
}

/// Who helps every time with a series that runs in `[from, to]`.
pub async fn series_helpers(
    db: &Db,
    from: chrono::NaiveDate,
    to: chrono::NaiveDate,
) -> AppResult<Vec<SignedUp>> {
    Ok(db::query_as(
        "SELECT s.appointment_id, s.account_id, s.signed_up_at FROM series_helpers s
         JOIN appointments a ON a.id = s.appointment_id
         WHERE a.last_date >= $1 AND a.start_date <= $2",
    )
    .bind(from)
    .bind(to)
    .fetch_all(db.reader())
    .await?)
}

/// Appointments asking for help that fall (or run) in `[from, to]`.
pub async fn help_requests_between(
    db: &Db,
    from: chrono::NaiveDate,
    to: chrono::NaiveDate,
) -> AppResult<Vec<i64>> {
    Ok(db::query_scalar(
        "SELECT id FROM appointments WHERE asks_help = TRUE AND last_date >= $1 AND start_date <= $2",
    )
    .bind(from)
    .bind(to)
    .fetch_all(db.reader())
    .await?)
}

/// Appointments asking for help whose members have not been asked yet.
pub async fn help_not_asked(db: &Db) -> AppResult<Vec<i64>> {
    Ok(db::query_scalar(
        "SELECT id FROM appointments WHERE asks_help = TRUE AND help_asked_at IS NULL",
    )
    .fetch_all(db.reader())
    .await?)
}

/// Marks the members as asked, in the transaction that queues the mails;
/// `false` when another process did so first.
pub async fn claim_help_ask(
    connection: &mut db::Connection,
    appointment_id: i64,
    now: DateTime<Utc>,
) -> AppResult<bool> {
    Ok(db::query(
        "UPDATE appointments SET help_asked_at = $1 WHERE id = $2 AND help_asked_at IS NULL",
    )
    .bind(At(now))
    .bind(appointment_id)
    .execute(connection)
    .await?
    .rows_affected()
        == 1)
}

/// When the members were asked to help with an appointment.
pub async fn help_asked_at(db: &Db, ids: &[i64]) -> AppResult<HashMap<i64, DateTime<Utc>>> {
    #[derive(sqlx::FromRow)]
    struct Asked {
        id: i64,
        help_asked_at: DateTime<Utc>,
    }
    let rows: Vec<Asked> = db::query_as(
        "SELECT id, help_asked_at FROM appointments
         WHERE id IN (SELECT value FROM json_each($1)) AND help_asked_at IS NOT NULL",
    )
    .bind(ids)
    .fetch_all(db.reader())
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| (row.id, row.help_asked_at))
        .collect())
}

/// "Johanna Bakker" per page.
pub async fn people(db: &Db, page_ids: &[i64]) -> AppResult<HashMap<i64, String>> {
    #[derive(sqlx::FromRow)]
    struct Person {
        id: i64,
        name: String,
    }
    let rows: Vec<Person> = db::query_as(
        "SELECT id, first_name || ' ' || last_name AS name FROM care_pages
         WHERE id IN (SELECT value FROM json_each($1))",
    )
    .bind(page_ids)
    .fetch_all(db.reader())
    .await?;
    Ok(rows.into_iter().map(|row| (row.id, row.name)).collect())
}
