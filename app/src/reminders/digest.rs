//! The daily mail: for members who chose it, new messages and help asked on
//! a page wait as a line each, and come together once a day, in the
//! morning. Reminders and second asks are about something soon and keep
//! coming on their own.

pub use super::digest_queries::{add, is_on, turn_off};
use super::digest_queries::{addressee, take, waiting_accounts};
use crate::error::AppResult;
use crate::i18n::{fill, Lang};
use crate::outbox::Outgoing;
use crate::state::AppState;
use chrono::{DateTime, NaiveTime, Utc};

/// When the daily mail goes (Dutch time): lines from before then go in it.
pub fn morning(now: DateTime<Utc>) -> DateTime<Utc> {
    let today = now
        .with_timezone(&chrono_tz::Europe::Amsterdam)
        .date_naive();
    super::planner::dutch(today, NaiveTime::from_hms_opt(7, 30, 0).unwrap_or_default())
}

/// Queues each waiting daily mail due at `now`, once a day per account;
/// returns how many.
pub async fn send_due(state: &AppState, now: DateTime<Utc>) -> AppResult<usize> {
    let morning = morning(now);
    if now < morning {
        return Ok(0);
    }
    let mut queued = 0;
    for account_id in waiting_accounts(&state.db, morning).await? {
        let Some(super::digest_queries::Addressee {
            first_name,
            last_name,
            email,
            language,
        }) = addressee(&state.db, account_id).await?
        else {
            continue;
        };
        let text = Lang::from_code_or_default(&language).texts();
        let mut tx = state.db.begin().await?;
        let lines = take(&mut tx, account_id, morning).await?;
        if lines.is_empty() {
            continue;
        }
        let body = fill(
            text.reminders.digest_body,
            &[("name", &first_name), ("lines", &lines.join("\n\n"))],
        );
        let base = &state.settings.public_url;
        let kind = crate::unsubscribe::Kind::Digest;
        let (body, unsubscribe) =
            crate::unsubscribe::with_link(&mut tx, base, account_id, kind, text, body).await?;
        let mail = Outgoing::notification(
            &format!("{first_name} {last_name}"),
            &email,
            text.reminders.digest_subject,
            &body,
            &unsubscribe,
        )
        .planned_as(format!("digest:{account_id}:{}", morning.date_naive()));
        // Another process sent today's already: its lines stay for tomorrow.
        if crate::outbox::queue(&mut *tx, &mail).await? {
            tx.commit().await?;
            queued += 1;
        }
    }
    if queued > 0 {
        state.outbox.ring();
    }
    Ok(queued)
}
