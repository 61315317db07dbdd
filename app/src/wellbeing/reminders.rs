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
    let last_check_before = month_ago
        .with_timezone(&chrono_tz::Europe::Amsterdam)
        .date_naive();
    let mut sent = 0;
    loop {
        let mut tx = state.db.begin().await?;
        let claimed =
            super::queries::claim_due_reminder(&mut tx, now, month_ago, last_check_before).await?;
        let Some(super::queries::Reminded {
            id: account_id,
            first_name,
            email,
            language,
        }) = claimed
        else {
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
