//! Finds the mails that fall due and queues them in the outbox, each once:
//! a planned item carries a key (`reminder-day:12:2026-12-10:7`), and a key
//! queued before is never queued again. Because the planner reads the
//! calendar as it is when a mail falls due, a moved appointment is reminded
//! at its new time, a deleted one and a helper who withdrew not at all; and
//! a server that was down at 18:00 still sends that evening's reminders when
//! it is back, as long as the appointment has not begun.

use super::queries::{self, Recipient};
use crate::calendar::queries::{by_ids, PagedAppointment};
use crate::db::timestamp;
use crate::error::AppResult;
use crate::i18n::{fill, Lang};
use crate::outbox::Outgoing;
use crate::policy::{allows, Action, Actor, Role};
use crate::state::AppState;
use chrono::{DateTime, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Europe::Amsterdam;
use std::collections::{HashMap, HashSet};

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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Notice {
    FirstAsk,
    SecondAsk,
    DayBefore,
    WeekBefore,
}

impl Notice {
    fn key(self) -> &'static str {
        match self {
            Notice::FirstAsk => "help",
            Notice::SecondAsk => "second-ask",
            Notice::DayBefore => "reminder-day",
            Notice::WeekBefore => "reminder-week",
        }
    }

    fn wanted(self, recipient: &Recipient) -> bool {
        match self {
            Notice::FirstAsk | Notice::SecondAsk => recipient.help_requests,
            Notice::DayBefore => recipient.day_before,
            Notice::WeekBefore => recipient.week_before,
        }
    }
}

/// One mail to queue, unless its key was queued before.
struct Due<'a> {
    notice: Notice,
    appointment: &'a PagedAppointment,
    date: NaiveDate,
    recipient: &'a Recipient,
    due_at: DateTime<Utc>,
}

/// `time` on the Dutch clock on `date`, in UTC.
pub fn dutch(date: NaiveDate, time: NaiveTime) -> DateTime<Utc> {
    Amsterdam
        .from_local_datetime(&date.and_time(time))
        .earliest()
        .unwrap_or_else(|| Amsterdam.from_utc_datetime(&date.and_time(time)))
        .with_timezone(&Utc)
}

fn evening(date: NaiveDate) -> DateTime<Utc> {
    dutch(
        date,
        NaiveTime::from_hms_opt(EVENING_HOUR, 0, 0).unwrap_or_default(),
    )
}

/// When an occurrence begins; a whole day counts from noon, so its
/// reminder is still worth sending in the morning.
fn begins(appointment: &PagedAppointment, date: NaiveDate) -> DateTime<Utc> {
    let time = appointment
        .row
        .start_time
        .as_deref()
        .and_then(|time| NaiveTime::parse_from_str(time, "%H:%M").ok())
        .unwrap_or_else(|| NaiveTime::from_hms_opt(12, 0, 0).unwrap_or_default());
    dutch(date, time)
}

fn parse_moment(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .ok()
        .map(|at| at.with_timezone(&Utc))
}

/// Members who may help: not staff, and the policy agrees.
fn may_help(recipient: &Recipient) -> bool {
    Role::from_db(&recipient.role)
        .is_some_and(|role| allows(Actor::Member(role), Action::HelpWithAppointment))
}

/// Queues everything due at `now`.
pub async fn plan_due(state: &AppState, now: DateTime<Utc>) -> AppResult<Planned> {
    let mut planned = Planned {
        first_asks: first_asks(state, now).await?,
        digests: super::digest::send_due(state, now).await?,
        ..Planned::default()
    };
    let today = now.with_timezone(&Amsterdam).date_naive();
    let (from, to) = (today, today + chrono::Days::new(DAYS_AHEAD));
    let date_helpers = queries::date_helpers(&state.db, from, to).await?;
    let series_helpers = queries::series_helpers(&state.db, from, to).await?;
    let asking = queries::help_requests_between(&state.db, from, to).await?;
    let ids: Vec<i64> = date_helpers
        .iter()
        .map(|(id, ..)| *id)
        .chain(series_helpers.iter().map(|(id, ..)| *id))
        .chain(asking.iter().copied())
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    if ids.is_empty() {
        return Ok(planned);
    }
    let appointments: HashMap<i64, PagedAppointment> = by_ids(&state.db, &ids)
        .await?
        .into_iter()
        .map(|appointment| (appointment.row.id, appointment))
        .collect();
    let rows: Vec<_> = appointments.values().map(|a| a.row.clone()).collect();
    let skipped = crate::calendar::queries::skips(&state.db, &rows, from, to).await?;
    let pages: Vec<i64> = appointments
        .values()
        .map(|a| a.care_page_id)
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    let members = queries::members_of(&state.db, &pages).await?;
    let people = queries::people(&state.db, &pages).await?;
    let asked_at = queries::help_asked_at(&state.db, &asking).await?;

    // Every occurrence in the window, with who helps: (appointment, date) →
    // [(account, signed up at)].
    let mut helping: HashMap<(i64, NaiveDate), Vec<(i64, String)>> = HashMap::new();
    for (id, date, account, at) in &date_helpers {
        if let Ok(date) = date.parse::<NaiveDate>() {
            helping
                .entry((*id, date))
                .or_default()
                .push((*account, at.clone()));
        }
    }
    for (id, account, at) in &series_helpers {
        let Some(appointment) = appointments.get(id) else {
            continue;
        };
        for date in appointment.row.dates_between(from, to) {
            helping
                .entry((*id, date))
                .or_default()
                .push((*account, at.clone()));
        }
    }
    let occurs = |id: i64, date: NaiveDate| {
        appointments
            .get(&id)
            .is_some_and(|a| a.row.dates_between(date, date).contains(&date))
            && !skipped.contains(&(id, date))
    };

    let mut due = Vec::new();
    // Reminders for those who help.
    for ((id, date), helpers) in &helping {
        let (Some(appointment), true) = (appointments.get(id), occurs(*id, *date)) else {
            continue;
        };
        let starts = begins(appointment, *date);
        let day_before = evening(*date - Duration::days(1));
        let week_before = evening(*date - Duration::days(7));
        for (account, signed_up_at) in helpers {
            let Some(recipient) = members.get(&(appointment.care_page_id, *account)) else {
                continue;
            };
            let signed_up = parse_moment(signed_up_at).unwrap_or(now);
            for (notice, due_at, until) in [
                (Notice::DayBefore, day_before, starts),
                (Notice::WeekBefore, week_before, day_before),
            ] {
                // Not for someone who signed up after it fell due: they know.
                if due_at <= now && now < until && signed_up < due_at {
                    due.push(Due {
                        notice,
                        appointment,
                        date: *date,
                        recipient,
                        due_at,
                    });
                }
            }
        }
    }
    // A second ask where nobody helps yet.
    for id in &asking {
        let Some(appointment) = appointments.get(id) else {
            continue;
        };
        for date in appointment.row.dates_between(from, to) {
            let due_at = evening(date - Duration::days(SECOND_ASK_DAYS));
            let first_asked = asked_at.get(id).and_then(|at| parse_moment(at));
            let asked_well_before = first_asked.is_some_and(|at| at <= due_at - Duration::days(1));
            let nobody_helps = helping.get(&(*id, date)).is_none_or(Vec::is_empty);
            let in_time = due_at <= now && now < begins(appointment, date);
            if !(occurs(*id, date) && nobody_helps && in_time && asked_well_before) {
                continue;
            }
            for recipient in members.values() {
                if recipient.care_page_id == appointment.care_page_id
                    && Some(recipient.account_id) != appointment.row.created_by
                    && may_help(recipient)
                {
                    due.push(Due {
                        notice: Notice::SecondAsk,
                        appointment,
                        date,
                        recipient,
                        due_at,
                    });
                }
            }
        }
    }
    // Someone who helps once and every time is reminded once.
    let mut keys = HashSet::new();
    for chunk in due.chunks(200) {
        let mut tx = state.db.begin().await?;
        for item in chunk {
            let key = plan_key(
                item.notice,
                item.appointment.row.id,
                item.date,
                item.recipient,
            );
            if !item.notice.wanted(item.recipient)
                || !keys.insert(key.clone())
                || crate::outbox::queries::is_planned(&state.db, &key).await?
            {
                continue;
            }
            let person = people
                .get(&item.appointment.care_page_id)
                .cloned()
                .unwrap_or_default();
            let mail = compose(state, &mut tx, item, &person).await?;
            if crate::outbox::queue(&mut *tx, &mail.not_before(item.due_at).planned_as(key)).await?
            {
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
        if !queries::claim_help_ask(&mut tx, appointment.row.id, &timestamp(now)).await? {
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
                    super::digest::add(&mut tx, recipient.account_id, item_page(&item), &line)
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

fn item_page(item: &Due<'_>) -> i64 {
    item.appointment.care_page_id
}

/// What a mail about `item` names, in the recipient's language: the
/// appointment's title and time, never its place or description, and a
/// link to it in the week.
fn names(state: &AppState, item: &Due<'_>, person: &str) -> [(&'static str, String); 6] {
    let lang = Lang::from_code_or_default(&item.recipient.language);
    let row = &item.appointment.row;
    let start = row
        .start_time
        .as_deref()
        .and_then(|time| NaiveTime::parse_from_str(time, "%H:%M").ok());
    let when = crate::i18n::lang::REQUEST_LANG
        .sync_scope(lang, || crate::dates::moment_label(item.date, start));
    let base = state.settings.public_url.trim_end_matches('/');
    let week = crate::calendar::week::Week::containing(item.date).key();
    let anchor = crate::calendar::item_anchor(row.id, item.date);
    let link = format!(
        "{base}{}",
        crate::routes::page(item_page(item)).calendar_at(&week, &anchor)
    );
    let asker = row
        .maker
        .clone()
        .unwrap_or_else(|| lang.texts().reminders.someone.to_string());
    [
        ("name", item.recipient.first_name.clone()),
        ("person", person.to_string()),
        ("title", row.title.clone()),
        ("when", when),
        ("link", link),
        ("asker", asker),
    ]
}

/// The line for a daily mail about help asked.
fn digest_line(state: &AppState, item: &Due<'_>, person: &str) -> String {
    let names = names(state, item, person);
    let values: Vec<(&str, &str)> = names.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let text = Lang::from_code_or_default(&item.recipient.language).texts();
    fill(text.reminders.digest_help, &values)
}

/// The mail about `item`, with its one-click "Afmelden".
async fn compose(
    state: &AppState,
    tx: &mut sqlx::SqliteConnection,
    item: &Due<'_>,
    person: &str,
) -> AppResult<Outgoing> {
    let text = Lang::from_code_or_default(&item.recipient.language).texts();
    let base = state.settings.public_url.trim_end_matches('/');
    let r = text.reminders;
    let names = names(state, item, person);
    let values: Vec<(&str, &str)> = names.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let (subject, body, kind) = match item.notice {
        Notice::FirstAsk => (r.help_subject, r.help_body, Help),
        Notice::SecondAsk => (r.reask_subject, r.reask_body, Help),
        Notice::DayBefore => (r.reminder_subject, r.reminder_day_body, Remind),
        Notice::WeekBefore => (r.reminder_subject, r.reminder_week_body, Remind),
    };
    let page_id = item.appointment.care_page_id;
    let kind = match kind {
        Help => crate::unsubscribe::Kind::HelpRequests { page_id },
        Remind => crate::unsubscribe::Kind::Reminders { page_id },
    };
    let (body, unsubscribe) = crate::unsubscribe::with_link(
        tx,
        base,
        item.recipient.account_id,
        kind,
        text,
        fill(body, &values),
    )
    .await?;
    let name = format!("{} {}", item.recipient.first_name, item.recipient.last_name);
    Ok(Outgoing::notification(
        &name,
        &item.recipient.email,
        &fill(subject, &values),
        &body,
        &unsubscribe,
    ))
}

enum MailKind {
    Help,
    Remind,
}
use MailKind::{Help, Remind};

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
