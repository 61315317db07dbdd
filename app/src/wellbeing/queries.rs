//! The carer's own checks and reminder choice (server only).

use super::{StrainCheck, SHOWN_AT_MOST};
use crate::db::Db;
use crate::error::AppResult;
use chrono::NaiveDate;

/// Saves today's answers; a second check on the same day replaces the first.
pub async fn save(db: &Db, account_id: i64, on: NaiveDate, answers: u16) -> AppResult<()> {
    sqlx::query(
        "INSERT INTO strain_checks (account_id, answered_on, answers, score) VALUES (?, ?, ?, ?)
         ON CONFLICT (account_id, answered_on) DO UPDATE SET answers = excluded.answers, score = excluded.score",
    )
    .bind(account_id)
    .bind(on.to_string())
    .bind(i64::from(answers))
    .bind(i64::from(super::score(answers)))
    .execute(db.writer())
    .await?;
    Ok(())
}

/// The newest checks, oldest first.
pub async fn checks(db: &Db, account_id: i64) -> AppResult<Vec<StrainCheck>> {
    let rows: Vec<(String, i64)> = sqlx::query_as(
        "SELECT answered_on, score FROM strain_checks WHERE account_id = ?
         ORDER BY answered_on DESC LIMIT ?",
    )
    .bind(account_id)
    .bind(SHOWN_AT_MOST)
    .fetch_all(db.reader())
    .await?;
    let mut checks: Vec<StrainCheck> = rows
        .into_iter()
        .filter_map(|(on, score)| {
            Some(StrainCheck {
                on: on.parse().ok()?,
                score: u8::try_from(score).ok()?,
            })
        })
        .collect();
    checks.reverse();
    Ok(checks)
}

/// The newest check, if any.
pub async fn last(db: &Db, account_id: i64) -> AppResult<Option<StrainCheck>> {
    Ok(checks(db, account_id).await?.pop())
}

pub async fn reminder(db: &Db, account_id: i64) -> AppResult<bool> {
    Ok(
        sqlx::query_scalar("SELECT strain_reminder FROM accounts WHERE id = ?")
            .bind(account_id)
            .fetch_one(db.reader())
            .await?,
    )
}

pub async fn set_reminder(db: &Db, account_id: i64, on: bool) -> AppResult<()> {
    sqlx::query("UPDATE accounts SET strain_reminder = ? WHERE id = ?")
        .bind(on)
        .bind(account_id)
        .execute(db.writer())
        .await?;
    Ok(())
}
