//! Database queries of the calendar (server only). Every query names the
//! care page, so an id from another page finds nothing.

use super::recurrence::{self, Frequency, Rule};
use super::{AppointmentInfo, Item, ItemKind, VisitInfo};
use crate::accounts::Account;
use crate::db;
use crate::db::Db;
use crate::error::AppResult;
use crate::policy::{allows, Action, Actor};
use chrono::{NaiveDate, NaiveTime};
use std::collections::{HashMap, HashSet};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AppointmentRow {
    pub id: i64,
    pub created_by: Option<i64>,
    pub maker: Option<String>,
    pub title: String,
    pub place: String,
    pub description: String,
    pub start_date: NaiveDate,
    pub start_time: Option<NaiveTime>,
    pub end_time: Option<NaiveTime>,
    pub shared_with_provider: bool,
    pub asks_help: bool,
    pub repeat_frequency: Option<String>,
    pub repeat_interval: i64,
    pub last_date: NaiveDate,
}

impl AppointmentRow {
    pub fn start(&self) -> NaiveDate {
        self.start_date
    }

    pub fn rule(&self) -> Option<Rule> {
        Some(Rule {
            frequency: Frequency::from_db(self.repeat_frequency.as_deref()?)?,
            interval: self.repeat_interval.clamp(1, 99) as u32,
            until: self.last_date,
        })
    }

    /// The dates this appointment falls on in `[from, to]`.
    pub fn dates_between(&self, from: NaiveDate, to: NaiveDate) -> Vec<NaiveDate> {
        match self.rule() {
            Some(rule) => recurrence::occurrences(self.start(), &rule, from, to),
            None if (from..=to).contains(&self.start()) => vec![self.start()],
            None => Vec::new(),
        }
    }
}

const APPOINTMENT_COLUMNS: &str =
    "a.id, a.created_by, ac.first_name || ' ' || ac.last_name AS maker, a.title, a.place,
    a.description, a.start_date, a.start_time, a.end_time, a.shared_with_provider, a.asks_help,
    a.repeat_frequency, a.repeat_interval, a.last_date";

/// Appointments that may fall in `[from, to]` (parameters 1 to 3: page,
/// from, to): single ones by their day, series by their end, each through
/// its own index. Public so that a test can check the query plan.
pub fn appointments_between_sql() -> String {
    format!(
        "SELECT {APPOINTMENT_COLUMNS} FROM appointments a LEFT JOIN accounts ac ON ac.id = a.created_by
         WHERE a.care_page_id = $1 AND a.repeat_frequency IS NULL AND a.start_date BETWEEN $2 AND $3
         UNION ALL
         SELECT {APPOINTMENT_COLUMNS} FROM appointments a LEFT JOIN accounts ac ON ac.id = a.created_by
         WHERE a.care_page_id = $1 AND a.repeat_frequency IS NOT NULL AND a.last_date >= $2 AND a.start_date <= $3"
    )
}

pub async fn appointments_between(
    db: &Db,
    page_id: i64,
    from: NaiveDate,
    to: NaiveDate,
) -> AppResult<Vec<AppointmentRow>> {
    Ok(db::query_as(&appointments_between_sql())
        .bind(page_id)
        .bind(from)
        .bind(to)
        .fetch_all(db.reader())
        .await?)
}

pub async fn appointment(
    db: &Db,
    page_id: i64,
    appointment_id: i64,
) -> AppResult<Option<AppointmentRow>> {
    let sql = format!(
        "SELECT {APPOINTMENT_COLUMNS} FROM appointments a LEFT JOIN accounts ac ON ac.id = a.created_by
         WHERE a.care_page_id = $1 AND a.id = $2"
    );
    Ok(db::query_as(&sql)
        .bind(page_id)
        .bind(appointment_id)
        .fetch_optional(db.reader())
        .await?)
}

/// An appointment with its page, for work across pages (the reminders).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PagedAppointment {
    pub care_page_id: i64,
    #[sqlx(flatten)]
    pub row: AppointmentRow,
}

/// The appointments `ids`, whatever their page: only for the server's own
/// work (the reminder planner), never with ids from a request.
pub async fn by_ids(db: &Db, ids: &[i64]) -> AppResult<Vec<PagedAppointment>> {
    let sql = format!(
        "SELECT a.care_page_id, {APPOINTMENT_COLUMNS} FROM appointments a
         LEFT JOIN accounts ac ON ac.id = a.created_by
         WHERE a.id IN (SELECT value FROM json_each($1))"
    );
    Ok(db::query_as(&sql).bind(ids).fetch_all(db.reader()).await?)
}

fn ids_of(rows: &[AppointmentRow]) -> Vec<i64> {
    rows.iter().map(|row| row.id).collect()
}

pub(crate) async fn skips(
    db: &Db,
    rows: &[AppointmentRow],
    from: NaiveDate,
    to: NaiveDate,
) -> AppResult<HashSet<(i64, NaiveDate)>> {
    #[derive(sqlx::FromRow)]
    struct Skip {
        appointment_id: i64,
        occurrence_date: NaiveDate,
    }
    let found: Vec<Skip> = db::query_as(
        "SELECT appointment_id, occurrence_date FROM appointment_skips
         WHERE appointment_id IN (SELECT value FROM json_each($1)) AND occurrence_date BETWEEN $2 AND $3",
    )
    .bind(ids_of(rows))
    .bind(from)
    .bind(to)
    .fetch_all(db.reader())
    .await?;
    Ok(found
        .into_iter()
        .map(|skip| (skip.appointment_id, skip.occurrence_date))
        .collect())
}

/// Someone who signed up to help: their account and name.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Helper {
    pub account_id: i64,
    pub name: String,
}

type HelperMap = HashMap<(i64, NaiveDate), Vec<Helper>>;

async fn helpers(
    db: &Db,
    rows: &[AppointmentRow],
    from: NaiveDate,
    to: NaiveDate,
) -> AppResult<HelperMap> {
    #[derive(sqlx::FromRow)]
    struct Signed {
        appointment_id: i64,
        occurrence_date: NaiveDate,
        #[sqlx(flatten)]
        helper: Helper,
    }
    let found: Vec<Signed> = db::query_as(
        "SELECT h.appointment_id, h.occurrence_date, h.account_id, a.first_name || ' ' || a.last_name AS name
         FROM appointment_helpers h JOIN accounts a ON a.id = h.account_id
         WHERE h.appointment_id IN (SELECT value FROM json_each($1)) AND h.occurrence_date BETWEEN $2 AND $3
         ORDER BY h.signed_up_at",
    )
    .bind(ids_of(rows))
    .bind(from)
    .bind(to)
    .fetch_all(db.reader())
    .await?;
    let mut map = HelperMap::new();
    for signed in found {
        map.entry((signed.appointment_id, signed.occurrence_date))
            .or_default()
            .push(signed.helper);
    }
    Ok(map)
}

/// Who helps with every occurrence, per series.
async fn series_helpers(db: &Db, rows: &[AppointmentRow]) -> AppResult<HashMap<i64, Vec<Helper>>> {
    #[derive(sqlx::FromRow)]
    struct Signed {
        appointment_id: i64,
        #[sqlx(flatten)]
        helper: Helper,
    }
    let found: Vec<Signed> = db::query_as(
        "SELECT s.appointment_id, s.account_id, a.first_name || ' ' || a.last_name AS name
         FROM series_helpers s JOIN accounts a ON a.id = s.account_id
         WHERE s.appointment_id IN (SELECT value FROM json_each($1))
         ORDER BY s.signed_up_at",
    )
    .bind(ids_of(rows))
    .fetch_all(db.reader())
    .await?;
    let mut map: HashMap<i64, Vec<Helper>> = HashMap::new();
    for signed in found {
        map.entry(signed.appointment_id)
            .or_default()
            .push(signed.helper);
    }
    Ok(map)
}

/// Everything in `[from, to]` that `actor` may see, by date and time.
pub async fn items_between(
    db: &Db,
    page_id: i64,
    account: &Account,
    actor: Actor,
    from: NaiveDate,
    to: NaiveDate,
) -> AppResult<Vec<(NaiveDate, Item)>> {
    let mut items = Vec::new();
    if allows(actor, Action::ViewVisits) {
        // Staff see their own organisation's visits; members see every visit.
        let only_provider = matches!(actor, Actor::LinkedStaff)
            .then_some(account.provider_id)
            .flatten();
        #[derive(sqlx::FromRow)]
        struct VisitRow {
            id: i64,
            starts_at: chrono::NaiveDateTime,
            title: String,
            duration_minutes: i64,
            employee_name: String,
            provider: String,
        }
        let visits: Vec<VisitRow> = db::query_as(
            "SELECT v.id, v.starts_at, v.title, v.duration_minutes, v.employee_name, p.name AS provider
             FROM visits v JOIN providers p ON p.id = v.provider_id
             WHERE v.care_page_id = $1 AND v.starts_at >= $2 AND v.starts_at < $3 AND ($4 IS NULL OR v.provider_id = $4)",
        )
        .bind(page_id)
        .bind(from)
        .bind(to + chrono::Duration::days(1))
        .bind(only_provider)
        .fetch_all(db.reader())
        .await?;
        for visit in visits {
            let start = visit.starts_at;
            let minutes = visit.duration_minutes;
            items.push((
                start.date(),
                Item {
                    start: Some(start.time()),
                    end: Some((start + chrono::Duration::minutes(minutes)).time()),
                    title: visit.title,
                    kind: ItemKind::Visit(VisitInfo {
                        id: visit.id,
                        provider: visit.provider,
                        // Empty when planned before the organisation knew
                        // who comes (see `VisitInfo::who`).
                        employee: visit.employee_name,
                        duration_minutes: minutes,
                    }),
                },
            ));
        }
    }
    let rows: Vec<AppointmentRow> = appointments_between(db, page_id, from, to)
        .await?
        .into_iter()
        .filter(|row| {
            allows(
                actor,
                Action::ViewAppointment {
                    shared: row.shared_with_provider,
                },
            )
        })
        .collect();
    let skipped = skips(db, &rows, from, to).await?;
    let helpers = helpers(db, &rows, from, to).await?;
    let every_time = series_helpers(db, &rows).await?;
    for row in &rows {
        for day in row.dates_between(from, to) {
            if skipped.contains(&(row.id, day)) {
                continue;
            }
            // Who helps every time first, then who signed up for this date.
            let series = every_time.get(&row.id).cloned().unwrap_or_default();
            let i_help_every_time = series.iter().any(|h| h.account_id == account.id);
            let mut helping = series;
            for helper in helpers.get(&(row.id, day)).into_iter().flatten() {
                if !helping.iter().any(|h| h.account_id == helper.account_id) {
                    helping.push(helper.clone());
                }
            }
            let own = row.created_by == Some(account.id);
            let i_help = helping.iter().any(|h| h.account_id == account.id);
            items.push((
                day,
                Item {
                    start: row.start_time,
                    end: row.end_time,
                    title: row.title.clone(),
                    kind: ItemKind::Appointment(AppointmentInfo {
                        id: row.id,
                        occurrence: day,
                        maker: row.maker.clone().unwrap_or_default(),
                        place: row.place.clone(),
                        description: row.description.clone(),
                        shared_with_provider: row.shared_with_provider,
                        asks_help: row.asks_help,
                        i_help,
                        i_help_every_time,
                        helpers: helping.into_iter().map(|helper| helper.name).collect(),
                        repeating: row.repeat_frequency.is_some(),
                        can_edit: allows(actor, Action::EditAppointment { own }),
                        // Offered where help is asked; whoever helps can always withdraw.
                        can_help: allows(actor, Action::HelpWithAppointment)
                            && (row.asks_help || i_help),
                    }),
                },
            ));
        }
    }
    // All-day first, then by time, then by title: a stable order for every reader.
    items.sort_by(|(day_a, a), (day_b, b)| {
        (day_a, a.start, &a.title).cmp(&(day_b, b.start, &b.title))
    });
    Ok(items)
}

impl AppointmentRow {
    /// The row as its edit form starts out, opened at `occurrence`.
    pub fn to_form(&self, occurrence: NaiveDate) -> super::form::AppointmentFields {
        let rule = self.rule();
        super::form::AppointmentFields {
            title: self.title.clone(),
            date: Some(occurrence),
            start_time: self.start_time,
            end_time: self.end_time,
            all_day: self.start_time.is_none(),
            place: self.place.clone(),
            description: self.description.clone(),
            share_with_provider: self.shared_with_provider,
            ask_help: self.asks_help,
            repeat: super::form::Repetition::of(rule.map(|rule| rule.frequency)),
            every: rule.map(|rule| rule.interval),
            until: rule.map(|rule| rule.until),
            times: None,
        }
    }
}
