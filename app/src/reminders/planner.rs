//! Finds the mails that fall due and queues them in the outbox, each once:
//! a planned item carries a key (`reminder-day:12:2026-12-10:7`), and a key
//! queued before is never queued again. Because the planner reads the
//! calendar as it is when a mail falls due, a moved appointment is reminded
//! at its new time, a deleted one and a helper who withdrew not at all; and
//! a server that was down at 18:00 still sends that evening's reminders when
//! it is back, as long as the appointment has not begun.

pub use super::due::dutch;
use super::due::{begins, may_help, Due, Notice, Window};
use super::mails::{compose, digest_line};
use super::queries::{self, Recipient};
use crate::calendar::queries::by_ids;
use crate::error::AppResult;
use crate::state::AppState;
use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Europe::Amsterdam;
use std::collections::HashSet;

/// How often the planner looks.
pub const EVERY: std::time::Duration = std::time::Duration::from_secs(30);
/// Reminders and second asks go out at this hour (Dutch time).
pub const EVENING_HOUR: u32 = 18;
/// Nobody has come forward this many days before: ask once more.
pub const SECOND_ASK_DAYS: i64 = 2;
/// How far ahead the planner reads the calendar: the week-before reminder
/// and a day's margin.
const DAYS_AHEAD: u64 = 8;

/// What one run queued.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Planned {
    pub first_asks: usize,
    pub second_asks: usize,
    pub reminders: usize,
    /// Daily mails with news.
    pub digests: usize,
}

/// Queues everything due at `now`.
pub async fn plan_due(state: &AppState, now: DateTime<Utc>) -> AppResult<Planned> {
    let mut planned = Planned {
        first_asks: first_asks(state, now).await?,
        digests: super::digest::send_due(state, now).await?,
        ..Planned::default()
    };
    let today = now.with_timezone(&Amsterdam).date_naive();
    let to = today + chrono::Days::new(DAYS_AHEAD);
    let Some(window) = Window::read(state, today, to).await? else {
        return Ok(planned);
    };
    let mut due = window.reminders(now);
    due.extend(window.second_asks(now));
    // Someone who helps once and every time is reminded once; what an
    // earlier run queued (every run sees it again until it is too late) is
    // found in one query, not one per item.
    let mut seen = HashSet::new();
    let keyed: Vec<(String, &Due)> = due
        .iter()
        .filter(|item| item.notice.wanted(item.recipient))
        .map(|item| {
            let id = item.appointment.row.id;
            (plan_key(item.notice, id, item.date, item.recipient), item)
        })
        .filter(|(key, _)| seen.insert(key.clone()))
        .collect();
    let keys: Vec<&str> = keyed.iter().map(|(key, _)| key.as_str()).collect();
    let queued_before = crate::outbox::queries::planned_among(&state.db, &keys).await?;
    let new: Vec<_> = keyed
        .into_iter()
        .filter(|(key, _)| !queued_before.contains(key))
        .collect();
    for chunk in new.chunks(200) {
        let mut tx = state.db.begin().await?;
        for (key, item) in chunk {
            let person = window
                .people
                .get(&item.appointment.care_page_id)
                .cloned()
                .unwrap_or_default();
            let mail = compose(state, &mut tx, item, &person).await?;
            let mail = mail.not_before(item.due_at).planned_as(key.clone());
            if crate::outbox::queue(&mut *tx, &mail).await? {
                match item.notice {
                    Notice::SecondAsk => planned.second_asks += 1,
                    _ => planned.reminders += 1,
                }
            }
        }
        tx.commit().await?;
    }
    if planned.second_asks + planned.reminders > 0 {
        state.outbox.ring();
    }
    Ok(planned)
}

fn plan_key(notice: Notice, id: i64, date: NaiveDate, recipient: &Recipient) -> String {
    format!("{}:{id}:{date}:{}", notice.key(), recipient.account_id)
}

/// "Wie wil er helpen?": the members of a page hear of a new request once,
/// in the transaction that marks them asked.
async fn first_asks(state: &AppState, now: DateTime<Utc>) -> AppResult<usize> {
    let ids = queries::help_not_asked(&state.db).await?;
    if ids.is_empty() {
        return Ok(0);
    }
    let today = now.with_timezone(&Amsterdam).date_naive();
    let appointments = by_ids(&state.db, &ids).await?;
    let pages: Vec<i64> = appointments.iter().map(|a| a.care_page_id).collect();
    let members = queries::members_of(&state.db, &pages).await?;
    let people = queries::people(&state.db, &pages).await?;
    let mut queued = 0;
    for appointment in &appointments {
        let mut tx = state.db.begin().await?;
        if !queries::claim_help_ask(&mut tx, appointment.row.id, now).await? {
            continue;
        }
        // The next time it happens; nothing to ask for one in the past.
        let next = appointment
            .row
            .dates_between(today, today + chrono::Days::new(366))
            .into_iter()
            .find(|date| begins(appointment, *date) > now);
        if let Some(date) = next {
            let person = people
                .get(&appointment.care_page_id)
                .cloned()
                .unwrap_or_default();
            for recipient in members.values() {
                if recipient.care_page_id != appointment.care_page_id
                    || Some(recipient.account_id) == appointment.row.created_by
                    || !may_help(recipient)
                    || !recipient.help_requests
                {
                    continue;
                }
                let item = Due {
                    notice: Notice::FirstAsk,
                    appointment,
                    date,
                    recipient,
                    due_at: now,
                };
                if recipient.daily_digest {
                    let line = digest_line(state, &item, &person);
                    super::digest::add(
                        &mut tx,
                        recipient.account_id,
                        appointment.care_page_id,
                        &line,
                    )
                    .await?;
                    queued += 1;
                    continue;
                }
                let key = plan_key(Notice::FirstAsk, appointment.row.id, date, recipient);
                let mail = compose(state, &mut tx, &item, &person).await?;
                if crate::outbox::queue(&mut *tx, &mail.planned_as(key)).await? {
                    queued += 1;
                }
            }
        }
        tx.commit().await?;
    }
    if queued > 0 {
        state.outbox.ring();
    }
    Ok(queued)
}

/// Plans every [`EVERY`], for as long as the server runs.
pub fn start(state: AppState) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(EVERY);
        loop {
            tick.tick().await;
            if let Err(error) = plan_due(&state, Utc::now()).await {
                tracing::warn!(%error, "reminders: could not plan");
            }
        }
    });
}
