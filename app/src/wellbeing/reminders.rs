//! The monthly reminder of "Hoe gaat het met jou?", for carers who asked for
//! it: sent when their last check (or the last reminder) is a month old.
//! Each reminder is claimed by the one update that marks it sent, so two
//! server processes never send the same one (see SCALE.md, rule 4). A mail
//! the mail server refuses is not tried again this month: issue 12's
//! persistent queue will take these over.

use super::DAYS_BETWEEN;
use crate::error::AppResult;
use crate::i18n::{fill, Lang};
use crate::state::AppState;
use chrono::{DateTime, Duration, Utc};

/// How often the server looks for reminders that are due.
pub const EVERY: std::time::Duration = std::time::Duration::from_secs(3600);

/// Sends every reminder due at `now`; returns how many were sent.
pub async fn send_due(state: &AppState, now: DateTime<Utc>) -> AppResult<usize> {
    let month_ago = now - Duration::days(DAYS_BETWEEN);
    let last_check_before = crate::dates::local_date(&month_ago.to_rfc3339())
        .unwrap_or_default()
        .to_string();
    let mut sent = 0;
    loop {
        let claimed: Option<(i64, String, String, String)> = sqlx::query_as(
            "UPDATE accounts SET strain_reminded_at = ?1
             WHERE id = (SELECT a.id FROM accounts a
                         WHERE a.strain_reminder = 1 AND a.password_hash IS NOT NULL
                           AND (a.strain_reminded_at IS NULL OR a.strain_reminded_at <= ?2)
                           AND NOT EXISTS (SELECT 1 FROM strain_checks c
                                           WHERE c.account_id = a.id AND c.answered_on > ?3)
                         LIMIT 1)
             RETURNING id, first_name, email, language",
        )
        .bind(now.to_rfc3339())
        .bind(month_ago.to_rfc3339())
        .bind(&last_check_before)
        .fetch_optional(state.db.writer())
        .await?;
        let Some((account_id, first_name, email, language)) = claimed else {
            return Ok(sent);
        };
        let text = Lang::from_code_or_default(&language).texts();
        let base = state.settings.public_url.trim_end_matches('/');
        let body = fill(
            text.wellbeing.mail_body,
            &[
                ("name", &first_name),
                ("link", &format!("{base}{}", crate::routes::HOW_ARE_YOU)),
            ],
        );
        let kind = crate::unsubscribe::Kind::Wellbeing;
        let (body, unsubscribe) =
            crate::unsubscribe::with_link(state, account_id, kind, text, body).await?;
        match state
            .mailer
            .send_notification(
                &first_name,
                &email,
                text.wellbeing.mail_subject,
                &body,
                &unsubscribe,
            )
            .await
        {
            Ok(()) => sent += 1,
            Err(error) => tracing::warn!(%error, "could not send a wellbeing reminder"),
        }
    }
}

/// Looks for due reminders every [`EVERY`], for as long as the server runs.
pub fn start(state: AppState) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(EVERY);
        loop {
            tick.tick().await;
            if let Err(error) = send_due(&state, Utc::now()).await {
                tracing::warn!(%error, "wellbeing reminders");
            }
        }
    });
}
