//! The appointment form, for adding and changing alike: what the browser
//! sends (typed at the boundary, see [`crate::form_value`]), and the checked
//! appointment made from it. Every refusal is a sentence in the reader's
//! language.

use super::recurrence::{self, Frequency, Rule};
use crate::error::AppError;
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

fn in_range(date: NaiveDate) -> Result<NaiveDate, String> {
    match crate::fields::date_in_range(date) {
        true => Ok(date),
        false => Err(fill(
            t().err_date_range,
            &[
                ("from", &crate::fields::FIRST_YEAR.to_string()),
                ("to", &crate::fields::LAST_YEAR.to_string()),
            ],
        )),
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    fn time(h: u32, m: u32) -> Option<NaiveTime> {
        NaiveTime::from_hms_opt(h, m, 0)
    }

    fn form() -> AppointmentFields {
        AppointmentFields {
            title: "Naar de tandarts".into(),
            date: date(2026, 11, 18),
            start_time: time(10, 0),
            end_time: time(11, 0),
            ..Default::default()
        }
    }

    /// The fields as a plain form sends them: every value text.
    fn sent(pairs: &[(&str, &str)]) -> Result<AppointmentFields, String> {
        let object = pairs
            .iter()
            .map(|(name, value)| (name.to_string(), serde_json::Value::from(*value)))
            .collect();
        serde_json::from_value(serde_json::Value::Object(object)).map_err(|e| e.to_string())
    }

    #[test]
    fn a_plain_appointment() {
        let checked = form().check().unwrap();
        assert_eq!(checked.title, "Naar de tandarts");
        assert_eq!(checked.start, time(10, 0));
        assert!(checked.rule.is_none() && !checked.share_with_provider && !checked.ask_help);
    }

    #[test]
    fn the_form_as_a_browser_sends_it_arrives_typed() {
        let fields = sent(&[
            ("title", "Koffie"),
            ("date", "2026-11-26"),
            ("start_time", "14:00"),
            ("end_time", ""),
            ("place", ""),
            ("ask_help", "on"),
            ("repeat", "weekly"),
            ("every", "2"),
            ("until", ""),
            ("times", "4"),
        ])
        .unwrap();
        assert_eq!(
            fields,
            AppointmentFields {
                title: "Koffie".into(),
                date: date(2026, 11, 26),
                start_time: time(14, 0),
                ask_help: true,
                repeat: Repetition::Weekly,
                every: Some(2),
                times: Some(4),
                ..Default::default()
            }
        );
        let round_trip: AppointmentFields =
            serde_json::from_value(serde_json::to_value(&fields).unwrap()).unwrap();
        assert_eq!(
            round_trip, fields,
            "what the script sends reads back the same"
        );
    }

    #[test]
    fn a_value_no_form_could_send_is_refused_by_its_kind() {
        use crate::form_value::Malformed;
        for (pairs, kind) in [
            (&[("date", "2026-02-30")][..], Some(Malformed::Date)),
            (&[("start_time", "25:00")][..], Some(Malformed::Time)),
            (&[("every", "twee")][..], Some(Malformed::Number)),
            (&[("repeat", "yearly")][..], None),
        ] {
            let error = sent(pairs).unwrap_err();
            assert_eq!(Malformed::in_message(&error), kind, "{pairs:?}: {error}");
        }
        // A date chrono can hold but Kring does not accept reads, and is refused.
        let far = sent(&[
            ("title", "x"),
            ("date", "+262142-01-01"),
            ("start_time", "10:00"),
        ]);
        assert!(far
            .unwrap()
            .check()
            .unwrap_err()
            .to_string()
            .contains("tussen 1900 en 2200"));
    }

    #[test]
    fn bad_input_is_refused_in_dutch() {
        let weekly = |until, times| AppointmentFields {
            repeat: Repetition::Weekly,
            until,
            times,
            ..form()
        };
        let cases: Vec<(AppointmentFields, &str)> = vec![
            (
                AppointmentFields {
                    title: " ".into(),
                    ..form()
                },
                "Vul titel in.",
            ),
            (
                AppointmentFields {
                    title: "x".repeat(10_000),
                    ..form()
                },
                "te lang",
            ),
            (
                AppointmentFields {
                    date: None,
                    ..form()
                },
                "Vul datum in.",
            ),
            (
                AppointmentFields {
                    date: date(2201, 1, 1),
                    ..form()
                },
                "tussen 1900 en 2200",
            ),
            (
                AppointmentFields {
                    title: "Kapper\rEND:VEVENT".into(),
                    ..form()
                },
                "mag geen",
            ),
            (
                AppointmentFields {
                    place: "Dorp\u{0}".into(),
                    ..form()
                },
                "mag geen",
            ),
            (
                AppointmentFields {
                    description: "regel\rnog een".into(),
                    ..form()
                },
                "mag geen",
            ),
            (
                AppointmentFields {
                    end_time: time(9, 0),
                    ..form()
                },
                "na de begintijd",
            ),
            (
                AppointmentFields {
                    end_time: time(10, 0),
                    ..form()
                },
                "na de begintijd",
            ),
            (
                AppointmentFields {
                    start_time: None,
                    ..form()
                },
                "Vul begintijd in.",
            ),
            (weekly(None, None), "tot wanneer"),
            (weekly(date(2026, 11, 1), None), "voor de eerste"),
            (
                AppointmentFields {
                    repeat: Repetition::Daily,
                    until: date(2040, 1, 1),
                    ..form()
                },
                "10 jaar",
            ),
            (weekly(None, Some(0)), "aantal keer"),
            (weekly(None, Some(1001)), "aantal keer"),
            (
                AppointmentFields {
                    every: Some(0),
                    ..weekly(None, Some(3))
                },
                "om de hoeveel",
            ),
        ];
        for (input, expected) in cases {
            let error = input.check().unwrap_err().to_string();
            assert!(
                error.contains(expected),
                "{error} should contain {expected}"
            );
        }
    }

    #[test]
    fn a_refusal_names_the_field_it_is_about() {
        let weekly = |until, times| AppointmentFields {
            repeat: Repetition::Weekly,
            until,
            times,
            ..form()
        };
        let cases = [
            (
                AppointmentFields {
                    title: String::new(),
                    ..form()
                },
                field::TITLE,
            ),
            (
                AppointmentFields {
                    date: None,
                    ..form()
                },
                field::DATE,
            ),
            (
                AppointmentFields {
                    start_time: None,
                    ..form()
                },
                field::START,
            ),
            (
                AppointmentFields {
                    end_time: time(9, 0),
                    ..form()
                },
                field::END,
            ),
            (
                AppointmentFields {
                    place: "x".repeat(MAX_PLACE + 1),
                    ..form()
                },
                field::PLACE,
            ),
            (
                AppointmentFields {
                    description: "\u{7}".into(),
                    ..form()
                },
                field::DESCRIPTION,
            ),
            (weekly(None, None), field::UNTIL),
            (weekly(date(2026, 1, 1), None), field::UNTIL),
            (weekly(date(2040, 1, 1), None), field::UNTIL),
            (weekly(None, Some(0)), field::TIMES),
            (
                AppointmentFields {
                    every: Some(100),
                    ..weekly(None, Some(3))
                },
                field::EVERY,
            ),
        ];
        for (input, expected) in cases {
            assert_eq!(input.check().unwrap_err().field(), Some(expected));
        }
    }

    #[test]
    fn a_description_keeps_its_lines_whatever_the_browser_sent() {
        let checked = AppointmentFields {
            description: "eerste\r\ntweede\nderde".into(),
            ..form()
        }
        .check()
        .unwrap();
        assert_eq!(checked.description, "eerste\ntweede\nderde");
    }

    #[test]
    fn all_day_ignores_times_and_repetition_by_count_sets_the_last_date() {
        let checked = AppointmentFields {
            all_day: true,
            start_time: None,
            repeat: Repetition::Weekly,
            times: Some(4),
            ..form()
        }
        .check()
        .unwrap();
        assert_eq!(checked.start, None);
        let rule = checked.rule.unwrap();
        assert_eq!(rule.until, NaiveDate::from_ymd_opt(2026, 12, 9).unwrap());
    }
}
