//! The monthly reminder of "Hoe gaat het met jou?", for carers who asked for
//! it: due when their last check (or the last reminder) is a month old.
//! Each reminder is claimed by the one update that marks it, in the
//! transaction that queues its mail in the outbox: two server processes
//! never queue the same one (see SCALE.md, rule 4), and the outbox retries
//! a mail the mail server refuses.

use super::DAYS_BETWEEN;
use crate::error::AppResult;
use crate::i18n::{fill, Lang};
use crate::outbox::Outgoing;
use crate::state::AppState;
use chrono::{DateTime, Duration, Utc};

/// How often the server looks for reminders that are due.
pub const EVERY: std::time::Duration = std::time::Duration::from_secs(3600);

/// Queues every reminder due at `now`; returns how many.
pub async fn send_due(state: &AppState, now: DateTime<Utc>) -> AppResult<usize> {
    let month_ago = now - Duration::days(DAYS_BETWEEN);
    let last_check_before = crate::dates::local_date(&month_ago.to_rfc3339())
        .unwrap_or_default()
        .to_string();
    let mut sent = 0;
    loop {
        let mut tx = state.db.begin().await?;
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
        .fetch_optional(&mut *tx)
        .await?;
        let Some((account_id, first_name, email, language)) = claimed else {
            if sent > 0 {
                state.outbox.ring();
            }
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
            crate::unsubscribe::with_link(&mut tx, base, account_id, kind, text, body).await?;
        let mail = Outgoing::notification(
            &first_name,
            &email,
            text.wellbeing.mail_subject,
            &body,
            &unsubscribe,
        );
        crate::outbox::queue(&mut *tx, &mail).await?;
        tx.commit().await?;
        sent += 1;
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
