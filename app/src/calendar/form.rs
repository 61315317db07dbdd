//! The "Afspraak toevoegen" form: what the browser sends, and the checked
//! appointment made from it. Every refusal is a Dutch sentence.

use super::recurrence::{self, Frequency, Rule};
use crate::i18n::{fill, t};
use chrono::{Datelike, NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

pub const MAX_TITLE: usize = 120;
pub const MAX_PLACE: usize = 200;
pub const MAX_DESCRIPTION: usize = 2000;

/// The form as typed; checkboxes are `Some` when ticked (and absent from a
/// kept form when not).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AppointmentForm {
    pub title: String,
    pub date: String,
    pub start_time: String,
    pub end_time: String,
    pub all_day: Option<String>,
    pub place: String,
    pub description: String,
    pub share_with_provider: Option<String>,
    pub ask_help: Option<String>,
    /// "none", "daily", "weekly" or "monthly".
    pub repeat: String,
    pub every: String,
    pub until: String,
    pub times: String,
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

fn date(value: &str, label: &str) -> Result<NaiveDate, String> {
    let value = value.trim();
    if value.is_empty() {
        return Err(fill(t().err_required, &[("field", &label.to_lowercase())]));
    }
    crate::fields::parse_date(value)
}

fn time(value: &str, label: &str) -> Result<NaiveTime, String> {
    let value = value.trim();
    if value.is_empty() {
        return Err(fill(t().err_required, &[("field", &label.to_lowercase())]));
    }
    NaiveTime::parse_from_str(value, "%H:%M").map_err(|_| t().cal_err_time.to_string())
}

impl AppointmentForm {
    pub fn check(&self) -> Result<NewAppointment, String> {
        let text = t();
        let title = bounded(&self.title, text.cal_title, MAX_TITLE, true)?;
        let date = date(&self.date, text.cal_date)?;
        let (start, end) = if self.all_day.is_some() {
            (None, None)
        } else {
            let start = time(&self.start_time, text.cal_start)?;
            let end = if self.end_time.trim().is_empty() {
                None
            } else {
                Some(time(&self.end_time, text.cal_end)?)
            };
            if end.is_some_and(|end| end <= start) {
                return Err(text.cal_err_end_before_start.into());
            }
            (Some(start), end)
        };
        let place = bounded(&self.place, text.cal_place, MAX_PLACE, false)?;
        let description = multiline(&self.description, text.cal_description, MAX_DESCRIPTION)?;
        let rule = self.rule(date)?;
        Ok(NewAppointment {
            title,
            date,
            start,
            end,
            place,
            description,
            share_with_provider: self.share_with_provider.is_some(),
            ask_help: self.ask_help.is_some(),
            rule,
        })
    }

    fn rule(&self, start: NaiveDate) -> Result<Option<Rule>, String> {
        let text = t();
        let frequency = match self.repeat.trim() {
            "" | "none" => return Ok(None),
            other => Frequency::from_db(other).ok_or_else(|| text.cal_err_repeat.to_string())?,
        };
        let interval: u32 = match self.every.trim() {
            "" => 1,
            every => every
                .parse()
                .ok()
                .filter(|n| (1..=99).contains(n))
                .ok_or_else(|| text.cal_err_every.to_string())?,
        };
        let latest = start
            .with_year(start.year() + recurrence::MAX_YEARS)
            .unwrap_or(start);
        let until = match (self.until.trim(), self.times.trim()) {
            ("", "") => return Err(text.cal_err_repeat_end.into()),
            (until, "") => {
                let until = date(until, text.cal_repeat_until)?;
                if until < start {
                    return Err(text.cal_err_until_before_start.into());
                }
                until
            }
            (_, times) => {
                let count: u32 = times
                    .parse()
                    .ok()
                    .filter(|n| (1..=recurrence::MAX_OCCURRENCES).contains(n))
                    .ok_or_else(|| text.cal_err_times.to_string())?;
                recurrence::last_of_count(start, frequency, interval, count)
                    .ok_or_else(|| text.cal_err_times.to_string())?
            }
        };
        if until > latest {
            return Err(text.cal_err_too_far.into());
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

    fn form() -> AppointmentForm {
        AppointmentForm {
            title: "Naar de tandarts".into(),
            date: "2026-11-18".into(),
            start_time: "10:00".into(),
            end_time: "11:00".into(),
            repeat: "none".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_plain_appointment() {
        let checked = form().check().unwrap();
        assert_eq!(checked.title, "Naar de tandarts");
        assert_eq!(checked.start, NaiveTime::from_hms_opt(10, 0, 0));
        assert!(checked.rule.is_none() && !checked.share_with_provider && !checked.ask_help);
    }

    #[test]
    fn bad_input_is_refused_in_dutch() {
        let cases: Vec<(AppointmentForm, &str)> = vec![
            (
                AppointmentForm {
                    title: " ".into(),
                    ..form()
                },
                "Vul titel in.",
            ),
            (
                AppointmentForm {
                    title: "x".repeat(10_000),
                    ..form()
                },
                "te lang",
            ),
            (
                AppointmentForm {
                    date: "2026-02-30".into(),
                    ..form()
                },
                "geldige datum",
            ),
            (
                AppointmentForm {
                    date: "+262142-01-01".into(),
                    ..form()
                },
                "datum",
            ),
            (
                AppointmentForm {
                    date: "2201-01-01".into(),
                    ..form()
                },
                "tussen 1900 en 2200",
            ),
            (
                AppointmentForm {
                    title: "Kapper\rEND:VEVENT".into(),
                    ..form()
                },
                "mag geen",
            ),
            (
                AppointmentForm {
                    place: "Dorp\u{0}".into(),
                    ..form()
                },
                "mag geen",
            ),
            (
                AppointmentForm {
                    description: "regel\rnog een".into(),
                    ..form()
                },
                "mag geen",
            ),
            (
                AppointmentForm {
                    end_time: "09:00".into(),
                    ..form()
                },
                "na de begintijd",
            ),
            (
                AppointmentForm {
                    end_time: "10:00".into(),
                    ..form()
                },
                "na de begintijd",
            ),
            (
                AppointmentForm {
                    start_time: "25:00".into(),
                    ..form()
                },
                "tijd",
            ),
            (
                AppointmentForm {
                    repeat: "yearly".into(),
                    ..form()
                },
                "herhaling",
            ),
            (
                AppointmentForm {
                    repeat: "weekly".into(),
                    ..form()
                },
                "tot wanneer",
            ),
            (
                AppointmentForm {
                    repeat: "weekly".into(),
                    until: "2026-11-01".into(),
                    ..form()
                },
                "voor de eerste",
            ),
            (
                AppointmentForm {
                    repeat: "daily".into(),
                    until: "2040-01-01".into(),
                    ..form()
                },
                "10 jaar",
            ),
            (
                AppointmentForm {
                    repeat: "daily".into(),
                    times: "0".into(),
                    ..form()
                },
                "aantal keer",
            ),
            (
                AppointmentForm {
                    repeat: "daily".into(),
                    every: "0".into(),
                    times: "3".into(),
                    ..form()
                },
                "om de hoeveel",
            ),
        ];
        for (input, expected) in cases {
            let error = input.check().unwrap_err();
            assert!(
                error.contains(expected),
                "{error} should contain {expected}"
            );
        }
    }

    #[test]
    fn a_description_keeps_its_lines_whatever_the_browser_sent() {
        let checked = AppointmentForm {
            description: "eerste\r\ntweede\nderde".into(),
            ..form()
        }
        .check()
        .unwrap();
        assert_eq!(checked.description, "eerste\ntweede\nderde");
    }

    #[test]
    fn all_day_ignores_times_and_repetition_by_count_sets_the_last_date() {
        let checked = AppointmentForm {
            all_day: Some("on".into()),
            start_time: "".into(),
            repeat: "weekly".into(),
            times: "4".into(),
            ..form()
        }
        .check()
        .unwrap();
        assert_eq!(checked.start, None);
        let rule = checked.rule.unwrap();
        assert_eq!(rule.until, NaiveDate::from_ymd_opt(2026, 12, 9).unwrap());
    }
}
