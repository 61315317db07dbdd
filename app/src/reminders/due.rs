//! What falls due: the calendar as the planner reads it, and which
//! reminders and second asks it holds at a moment. Pure reading: the
//! planner queues what this finds.

use super::planner::{EVENING_HOUR, SECOND_ASK_DAYS};
use super::queries::{self, Recipient, SignedUp};
use crate::calendar::queries::{by_ids, PagedAppointment};
use crate::error::AppResult;
use crate::policy::{allows, Action, Actor};
use crate::state::AppState;
use chrono::{DateTime, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Europe::Amsterdam;
use std::collections::{HashMap, HashSet};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Notice {
    FirstAsk,
    SecondAsk,
    DayBefore,
    WeekBefore,
}

impl Notice {
    pub(super) fn key(self) -> &'static str {
        match self {
            Notice::FirstAsk => "help",
            Notice::SecondAsk => "second-ask",
            Notice::DayBefore => "reminder-day",
            Notice::WeekBefore => "reminder-week",
        }
    }

    pub(super) fn wanted(self, recipient: &Recipient) -> bool {
        match self {
            Notice::FirstAsk | Notice::SecondAsk => recipient.help_requests,
            Notice::DayBefore => recipient.day_before,
            Notice::WeekBefore => recipient.week_before,
        }
    }
}

/// One mail to queue, unless its key was queued before.
pub(super) struct Due<'a> {
    pub(super) notice: Notice,
    pub(super) appointment: &'a PagedAppointment,
    pub(super) date: NaiveDate,
    pub(super) recipient: &'a Recipient,
    pub(super) due_at: DateTime<Utc>,
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
pub(super) fn begins(appointment: &PagedAppointment, date: NaiveDate) -> DateTime<Utc> {
    let time = appointment
        .row
        .start_time
        .unwrap_or_else(|| NaiveTime::from_hms_opt(12, 0, 0).unwrap_or_default());
    dutch(date, time)
}

/// Members who may help: not staff, and the policy agrees.
pub(super) fn may_help(recipient: &Recipient) -> bool {
    allows(Actor::Member(recipient.role), Action::HelpWithAppointment)
}

/// The calendar as the planner reads it: the days from today on, the
/// appointments there that someone helps with or that ask for help, and
/// who may be mailed about them.
pub(super) struct Window {
    appointments: HashMap<i64, PagedAppointment>,
    skipped: HashSet<(i64, NaiveDate)>,
    /// (page, account) → a member of that page.
    members: HashMap<(i64, i64), Recipient>,
    /// Page → "Johanna Bakker".
    pub(super) people: HashMap<i64, String>,
    /// Appointments asking for help, and when the members were first asked.
    asking: Vec<i64>,
    asked_at: HashMap<i64, DateTime<Utc>>,
    /// Every occurrence someone helps with: (appointment, date) → who
    /// signed up, once or every time.
    helping: HashMap<(i64, NaiveDate), Vec<SignedUp>>,
    from: NaiveDate,
    to: NaiveDate,
}

impl Window {
    pub(super) async fn read(
        state: &AppState,
        from: NaiveDate,
        to: NaiveDate,
    ) -> AppResult<Option<Window>> {
        let db = &state.db;
        let date_helpers = queries::date_helpers(db, from, to).await?;
        let series_helpers = queries::series_helpers(db, from, to).await?;
        let asking = queries::help_requests_between(db, from, to).await?;
        let ids: HashSet<i64> = date_helpers
            .iter()
            .map(|signed| signed.appointment_id)
            .chain(series_helpers.iter().map(|signed| signed.appointment_id))
            .chain(asking.iter().copied())
            .collect();
        if ids.is_empty() {
            return Ok(None);
        }
        let ids: Vec<i64> = ids.into_iter().collect();
        let appointments: HashMap<i64, PagedAppointment> = by_ids(db, &ids)
            .await?
            .into_iter()
            .map(|appointment| (appointment.row.id, appointment))
            .collect();
        let rows: Vec<_> = appointments.values().map(|a| a.row.clone()).collect();
        let skipped = crate::calendar::queries::skips(db, &rows, from, to).await?;
        let pages: Vec<i64> = appointments
            .values()
            .map(|a| a.care_page_id)
            .collect::<HashSet<_>>()
            .into_iter()
            .collect();
        let mut helping: HashMap<(i64, NaiveDate), Vec<SignedUp>> = HashMap::new();
        for signed in date_helpers {
            if let Some(date) = signed.occurrence_date {
                let key = (signed.appointment_id, date);
                helping.entry(key).or_default().push(signed);
            }
        }
        for signed in series_helpers {
            let Some(appointment) = appointments.get(&signed.appointment_id) else {
                continue;
            };
            for date in appointment.row.dates_between(from, to) {
                let key = (signed.appointment_id, date);
                helping.entry(key).or_default().push(signed.clone());
            }
        }
        Ok(Some(Window {
            members: queries::members_of(db, &pages).await?,
            people: queries::people(db, &pages).await?,
            asked_at: queries::help_asked_at(db, &asking).await?,
            appointments,
            skipped,
            asking,
            helping,
            from,
            to,
        }))
    }

    /// Whether the appointment still falls on `date`.
    fn occurs(&self, id: i64, date: NaiveDate) -> bool {
        self.appointments
            .get(&id)
            .is_some_and(|a| a.row.dates_between(date, date).contains(&date))
            && !self.skipped.contains(&(id, date))
    }

    /// Reminders for those who help: the evening before until it begins,
    /// a week before until the evening before; not for someone who signed
    /// up after it fell due (they know).
    pub(super) fn reminders(&self, now: DateTime<Utc>) -> Vec<Due<'_>> {
        let mut due = Vec::new();
        for ((id, date), helpers) in &self.helping {
            let (Some(appointment), true) = (self.appointments.get(id), self.occurs(*id, *date))
            else {
                continue;
            };
            let starts = begins(appointment, *date);
            let day_before = evening(*date - Duration::days(1));
            let week_before = evening(*date - Duration::days(7));
            for signed in helpers {
                let member = (appointment.care_page_id, signed.account_id);
                let Some(recipient) = self.members.get(&member) else {
                    continue;
                };
                let signed_up = signed.signed_up_at;
                for (notice, due_at, until) in [
                    (Notice::DayBefore, day_before, starts),
                    (Notice::WeekBefore, week_before, day_before),
                ] {
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
        due
    }

    /// A second ask where nobody helps yet, to the members who may help
    /// (not the one who asked), if the first ask was a day or more before.
    pub(super) fn second_asks(&self, now: DateTime<Utc>) -> Vec<Due<'_>> {
        let mut due = Vec::new();
        for id in &self.asking {
            let Some(appointment) = self.appointments.get(id) else {
                continue;
            };
            let first_asked = self.asked_at.get(id).copied();
            for date in appointment.row.dates_between(self.from, self.to) {
                let due_at = evening(date - Duration::days(SECOND_ASK_DAYS));
                let asked_well_before =
                    first_asked.is_some_and(|at| at <= due_at - Duration::days(1));
                let nobody_helps = self.helping.get(&(*id, date)).is_none_or(Vec::is_empty);
                let in_time = due_at <= now && now < begins(appointment, date);
                if !(self.occurs(*id, date) && nobody_helps && in_time && asked_well_before) {
                    continue;
                }
                due.extend(
                    self.members
                        .values()
                        .filter(|recipient| {
                            recipient.care_page_id == appointment.care_page_id
                                && Some(recipient.account_id) != appointment.row.created_by
                                && may_help(recipient)
                        })
                        .map(|recipient| Due {
                            notice: Notice::SecondAsk,
                            appointment,
                            date,
                            recipient,
                            due_at,
                        }),
                );
            }
        }
        due
    }
}
