//! The week calendar: the provider's planned visits and the appointments
//! members make, repeating or not, with help sign-up, print and a private
//! iCalendar feed.

pub mod api;
pub mod editor;
#[cfg(test)]
mod extremes;
#[cfg(feature = "ssr")]
pub mod feed;
#[cfg(feature = "ssr")]
pub mod feed_queries;
pub mod form;
#[cfg(test)]
mod form_tests;
pub mod pages;
pub mod print;
#[cfg(feature = "ssr")]
pub mod queries;
pub mod recurrence;
pub mod week;
#[cfg(feature = "ssr")]
pub mod writes;

use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};
use week::Week;

/// One week of one care page, as one actor may see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WeekView {
    pub page_id: i64,
    pub person_first_name: String,
    pub person_name: String,
    pub week: Week,
    /// Today in Europe/Amsterdam, to mark it.
    pub today: NaiveDate,
    pub days: Vec<DayView>,
    pub can_add: bool,
    /// Whether the reader has a calendar feed; `None` when they may not have one.
    pub feed_active: Option<bool>,
    /// A feed link just made by a form sent without JavaScript, shown this
    /// once (with JavaScript it comes back with the form's answer).
    pub fresh_feed_url: Option<String>,
}

/// The id of one occurrence in the week page, for links that scroll to it.
pub fn item_anchor(appointment_id: i64, date: NaiveDate) -> String {
    format!("afspraak-{appointment_id}-{date}")
}

/// The flash that carries a new feed link past a plain form's redirect.
#[cfg(feature = "ssr")]
pub(crate) const FEED_FLASH: &str = "feed_url";

/// Appointments one page may hold: years of a busy family's calendar.
pub const MAX_APPOINTMENTS_PER_PAGE: i64 = 5_000;
/// Repeating appointments one page may hold.
pub const MAX_SERIES_PER_PAGE: i64 = 500;
/// Items one day of the week view shows; the rest are counted, not sent.
pub const MAX_ITEMS_PER_DAY: usize = 60;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayView {
    pub date: NaiveDate,
    pub items: Vec<Item>,
    /// Items of this day past [`MAX_ITEMS_PER_DAY`], not shown.
    pub hidden: usize,
}

/// A visit or an appointment on one day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    /// `None` for an all-day appointment.
    pub start: Option<NaiveTime>,
    pub end: Option<NaiveTime>,
    pub title: String,
    pub kind: ItemKind,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ItemKind {
    Visit(VisitInfo),
    Appointment(AppointmentInfo),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VisitInfo {
    /// The visit's own row: one per occurrence, so it names the occurrence.
    pub id: i64,
    pub provider: String,
    /// Empty while nobody is assigned yet.
    pub employee: String,
    pub duration_minutes: i64,
}

impl VisitInfo {
    /// Who comes, in words: the employee, or that nobody is assigned yet.
    pub fn who(&self) -> String {
        match self.employee.is_empty() {
            true => crate::i18n::t().org.visit_nobody.to_string(),
            false => self.employee.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppointmentInfo {
    pub id: i64,
    pub occurrence: NaiveDate,
    pub maker: String,
    pub place: String,
    pub description: String,
    pub shared_with_provider: bool,
    pub asks_help: bool,
    pub helpers: Vec<String>,
    pub i_help: bool,
    /// Signed up for every occurrence of the series ("Ik help elke keer").
    pub i_help_every_time: bool,
    pub repeating: bool,
    pub can_edit: bool,
    pub can_help: bool,
}

impl Item {
    /// "08:00", or "Hele dag".
    pub fn time_label(&self) -> String {
        match self.start {
            Some(start) => start.format("%H:%M").to_string(),
            None => crate::i18n::t().cal_all_day.to_string(),
        }
    }

    /// "– 08:30 (ongeveer)" for a visit of about 30 minutes from 08:00 (as
    /// people say it, not "±30 min"), "tot 11:00" for an appointment with an end.
    pub fn length_label(&self) -> Option<String> {
        let text = crate::i18n::t();
        match &self.kind {
            ItemKind::Visit(visit) => {
                let end = self.start? + chrono::Duration::minutes(visit.duration_minutes);
                Some(crate::i18n::fill(
                    text.cal_duration,
                    &[("time", &end.format("%H:%M").to_string())],
                ))
            }
            ItemKind::Appointment(_) => self.end.map(|end| {
                crate::i18n::fill(
                    text.cal_until,
                    &[("time", &end.format("%H:%M").to_string())],
                )
            }),
        }
    }
}

/// An appointment as its edit form starts out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditableAppointment {
    pub id: i64,
    /// The occurrence that was opened.
    pub occurrence: NaiveDate,
    pub repeating: bool,
    pub form: form::AppointmentFields,
}
