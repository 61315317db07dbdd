//! The carer's own checks and reminder choice (server only).

use super::{StrainCheck, SHOWN_AT_MOST};
use crate::db;
use crate::db::Db;
use crate::error::AppResult;
use chrono::NaiveDate;

/// Saves today's answers; a second check on the same day replaces the first.
pub async fn save(db: &Db, account_id: i64, on: NaiveDate, answers: u16) -> AppResult<()> {
    db::query(
        "INSERT INTO strain_checks (account_id, answered_on, answers, score) VALUES ($1, $2, $3, $4)
         ON CONFLICT (account_id, answered_on) DO UPDATE SET answers = excluded.answers, score = excluded.score",
    )
    .bind(account_id)
    .bind(on)
    .bind(i64::from(answers))
    .bind(i64::from(super::score(answers)))
    .execute(db.writer())
    .await?;
    Ok(())
}

/// The newest checks, oldest first.
pub async fn checks(db: &Db, account_id: i64) -> AppResult<Vec<StrainCheck>> {
    #[derive(sqlx::FromRow)]
    struct Row {
        answered_on: NaiveDate,
        score: i64,
    }
    let rows: Vec<Row> = db::query_as(
        "SELECT answered_on, score FROM strain_checks WHERE account_id = $1
         ORDER BY answered_on DESC LIMIT $2",
    )
    .bind(account_id)
    .bind(SHOWN_AT_MOST)
    .fetch_all(db.reader())
    .await?;
    let mut checks = rows
        .into_iter()
        .map(|row| {
            Ok(StrainCheck {
                on: row.answered_on,
                score: u8::try_from(row.score)
                    .map_err(|_| crate::db::unreadable("strain score"))?,
            })
        })
        .collect::<AppResult<Vec<StrainCheck>>>()?;
    checks.reverse();
    Ok(checks)
}

/// The newest check, if any.
pub async fn last(db: &Db, account_id: i64) -> AppResult<Option<StrainCheck>> {
    Ok(checks(db, account_id).await?.pop())
}

pub async fn reminder(db: &Db, account_id: i64) -> AppResult<bool> {
    Ok(
        db::query_scalar("SELECT strain_reminder FROM accounts WHERE id = $1")
            .bind(account_id)
            .fetch_one(db.reader())
            .await?,
    )
}

pub async fn set_reminder(db: &Db, account_id: i64, on: bool) -> AppResult<()> {
    db::query("UPDATE accounts SET strain_reminder = $1 WHERE id = $2")
        .bind(on)
        .bind(account_id)
        .execute(db.writer())
        .await?;
    Ok(())
}

/// A carer whose monthly reminder was just claimed.
#[derive(sqlx::FromRow)]
pub struct Reminded {
    pub id: i64,
    pub first_name: String,
    pub email: String,
    pub language: String,
}

/// Claims one due reminder in the transaction that will queue its mail:
/// marks it sent at `now` for a carer who asked for reminders, was not
/// reminded since `reminded_before`, and answered no check after
/// `checked_after`. `None` when none is due.
pub async fn claim_due_reminder(
    tx: &mut db::Tx,
    now: chrono::DateTime<chrono::Utc>,
    reminded_before: chrono::DateTime<chrono::Utc>,
    checked_after: NaiveDate,
) -> AppResult<Option<Reminded>> {
    // The outer condition is checked again on the row as another process
    // may just have left it; on PostgreSQL a row another is claiming is
    // skipped rather than waited for.
    let claim = |lock: &str| {
        format!(
            "UPDATE accounts SET strain_reminded_at = $1
             WHERE (strain_reminded_at IS NULL OR strain_reminded_at <= $2)
               AND id = (SELECT a.id FROM accounts a
                         WHERE a.strain_reminder = TRUE AND a.password_hash IS NOT NULL
                           AND (a.strain_reminded_at IS NULL OR a.strain_reminded_at <= $2)
                           AND NOT EXISTS (SELECT 1 FROM strain_checks c
                                           WHERE c.account_id = a.id AND c.answered_on > $3)
                         LIMIT 1 {lock})
             RETURNING id, first_name, email, language"
        )
    };
    let (sqlite, postgres) = (claim(""), claim("FOR UPDATE SKIP LOCKED"));
    Ok(db::query_as(&sqlite)
        .on_postgres(&postgres)
        .bind(now)
        .bind(reminded_before)
        .bind(checked_after)
        .fetch_optional(&mut **tx)
        .await?)
}
