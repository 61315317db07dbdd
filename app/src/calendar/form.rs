//! The appointment form, for adding and changing alike: what the browser
//! sends (typed at the boundary, see [`crate::form_value`]), and the checked
//! appointment made from it. Every refusal is a sentence in the reader's
//! language.

use super::recurrence::{self, Frequency, Rule};
use crate::error::AppError;
use crate::fields::in_range;
use crate::form_value;
use crate::i18n::{fill, t};
use chrono::{Datelike, NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

pub const MAX_TITLE: usize = 120;
pub const MAX_PLACE: usize = 200;
pub const MAX_DESCRIPTION: usize = 2000;

/// How an appointment repeats; the form's choice "Herhalen".
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Repetition {
    #[default]
    None,
    Daily,
    Weekly,
    Monthly,
}

impl Repetition {
    pub const ALL: [Repetition; 4] = [
        Repetition::None,
        Repetition::Daily,
        Repetition::Weekly,
        Repetition::Monthly,
    ];

    pub fn frequency(self) -> Option<Frequency> {
        match self {
            Repetition::None => None,
            Repetition::Daily => Some(Frequency::Daily),
            Repetition::Weekly => Some(Frequency::Weekly),
            Repetition::Monthly => Some(Frequency::Monthly),
        }
    }

    pub fn of(frequency: Option<Frequency>) -> Repetition {
        match frequency {
            None => Repetition::None,
            Some(Frequency::Daily) => Repetition::Daily,
            Some(Frequency::Weekly) => Repetition::Weekly,
            Some(Frequency::Monthly) => Repetition::Monthly,
        }
    }

    /// The value the form's `<select>` sends.
    pub fn value(self) -> &'static str {
        match self {
            Repetition::None => "none",
            Repetition::Daily => "daily",
            Repetition::Weekly => "weekly",
            Repetition::Monthly => "monthly",
        }
    }
}

/// What a change or a deletion of a repeating appointment applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    /// Only the occurrence that was opened.
    One,
    /// The whole series (for a single appointment: the appointment).
    Series,
}

impl Scope {
    pub fn value(self) -> &'static str {
        match self {
            Scope::One => "one",
            Scope::Series => "series",
        }
    }
}

/// The appointment form's fields, as the server function receives them (the
/// form names them `appointment[title]` and so on). Typed, but not yet
/// checked: a required field may be empty, an end may come before the start.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppointmentFields {
    #[serde(default)]
    pub title: String,
    #[serde(default, with = "form_value::optional_date")]
    pub date: Option<NaiveDate>,
    #[serde(default, with = "form_value::optional_time")]
    pub start_time: Option<NaiveTime>,
    #[serde(default, with = "form_value::optional_time")]
    pub end_time: Option<NaiveTime>,
    #[serde(default, with = "form_value::checkbox")]
    pub all_day: bool,
    #[serde(default)]
    pub place: String,
    #[serde(default)]
    pub description: String,
    #[serde(default, with = "form_value::checkbox")]
    pub share_with_provider: bool,
    #[serde(default, with = "form_value::checkbox")]
    pub ask_help: bool,
    #[serde(default)]
    pub repeat: Repetition,
    /// Every how many days, weeks or months; none is every one.
    #[serde(default, with = "form_value::optional_number")]
    pub every: Option<u32>,
    /// The last date of a series, or else `times`.
    #[serde(default, with = "form_value::optional_date")]
    pub until: Option<NaiveDate>,
    #[serde(default, with = "form_value::optional_number")]
    pub times: Option<u32>,
}

/// A checked appointment, ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAppointment {
    pub title: String,
    pub date: NaiveDate,
    pub start: Option<NaiveTime>,
    pub end: Option<NaiveTime>,
    pub place: String,
    pub description: String,
    pub share_with_provider: bool,
    pub ask_help: bool,
    pub rule: Option<Rule>,
}

/// A one-line field: no control characters at all (a CR in a title could
/// otherwise start a line of its own in someone's calendar feed).
fn bounded(value: &str, label: &str, max: usize, required: bool) -> Result<String, String> {
    if value.chars().any(char::is_control) {
        return Err(fill(t().err_control_characters, &[("field", label)]));
    }
    text_field(value, label, max, required)
}

/// A text area: line breaks are kept (as `\n`, whatever the browser sent),
/// other control characters refused.
fn multiline(value: &str, label: &str, max: usize) -> Result<String, String> {
    let value = value.replace("\r\n", "\n");
    if value
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        return Err(fill(t().err_control_characters, &[("field", label)]));
    }
    text_field(&value, label, max, false)
}

fn text_field(value: &str, label: &str, max: usize, required: bool) -> Result<String, String> {
    let value = value.trim();
    if required && value.is_empty() {
        return Err(fill(t().err_required, &[("field", &label.to_lowercase())]));
    }
    if value.chars().count() > max {
        return Err(fill(
            t().err_too_long,
            &[("field", label), ("max", &max.to_string())],
        ));
    }
    Ok(value.to_string())
}

fn required<T>(value: Option<T>, label: &str) -> Result<T, String> {
    value.ok_or_else(|| fill(t().err_required, &[("field", &label.to_lowercase())]))
}

/// The form's names of the fields, as `AppointmentInputs` writes them: an
/// error names the field it is about.
pub mod field {
    pub const TITLE: &str = "appointment[title]";
    pub const DATE: &str = "appointment[date]";
    pub const START: &str = "appointment[start_time]";
    pub const END: &str = "appointment[end_time]";
    pub const PLACE: &str = "appointment[place]";
    pub const DESCRIPTION: &str = "appointment[description]";
    pub const EVERY: &str = "appointment[every]";
    pub const UNTIL: &str = "appointment[until]";
    pub const TIMES: &str = "appointment[times]";
}

impl AppointmentFields {
    /// The appointment to store, or the first field that is not right.
    pub fn check(&self) -> Result<NewAppointment, AppError> {
        let text = t();
        let title = bounded(&self.title, text.cal_title, MAX_TITLE, true)
            .map_err(AppError::in_field(field::TITLE))?;
        let date = required(self.date, text.cal_date)
            .and_then(in_range)
            .map_err(AppError::in_field(field::DATE))?;
        let (start, end) = if self.all_day {
            (None, None)
        } else {
            let start = required(self.start_time, text.cal_start)
                .map_err(AppError::in_field(field::START))?;
            let end = self.end_time;
            if end.is_some_and(|end| end <= start) {
                return Err(AppError::in_field(field::END)(
                    text.cal_err_end_before_start.into(),
                ));
            }
            (Some(start), end)
        };
        let place = bounded(&self.place, text.cal_place, MAX_PLACE, false)
            .map_err(AppError::in_field(field::PLACE))?;
        let description = multiline(&self.description, text.cal_description, MAX_DESCRIPTION)
            .map_err(AppError::in_field(field::DESCRIPTION))?;
        let rule = self.rule(date)?;
        Ok(NewAppointment {
            title,
            date,
            start,
            end,
            place,
            description,
            share_with_provider: self.share_with_provider,
            ask_help: self.ask_help,
            rule,
        })
    }

    fn rule(&self, start: NaiveDate) -> Result<Option<Rule>, AppError> {
        let text = t();
        let Some(frequency) = self.repeat.frequency() else {
            return Ok(None);
        };
        let refuse = |field: &'static str, message: &str| AppError::in_field(field)(message.into());
        let interval = match self.every {
            None => 1,
            Some(every) => Some(every)
                .filter(|n| (1..=99).contains(n))
                .ok_or_else(|| refuse(field::EVERY, text.cal_err_every))?,
        };
        let latest = start
            .with_year(start.year() + recurrence::MAX_YEARS)
            .unwrap_or(start);
        let (until, named_by) = match (self.until, self.times) {
            (None, None) => return Err(refuse(field::UNTIL, text.cal_err_repeat_end)),
            (Some(until), None) => {
                let until = in_range(until).map_err(AppError::in_field(field::UNTIL))?;
                if until < start {
                    return Err(refuse(field::UNTIL, text.cal_err_until_before_start));
                }
                (until, field::UNTIL)
            }
            (_, Some(times)) => {
                let until = Some(times)
                    .filter(|n| (1..=recurrence::MAX_OCCURRENCES).contains(n))
                    .and_then(|count| recurrence::last_of_count(start, frequency, interval, count))
                    .ok_or_else(|| refuse(field::TIMES, text.cal_err_times))?;
                (until, field::TIMES)
            }
        };
        if until > latest {
            return Err(refuse(named_by, text.cal_err_too_far));
        }
        Ok(Some(Rule {
            frequency,
            interval,
            until,
        }))
    }
}
