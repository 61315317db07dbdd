//! ISO weeks in Dutch: "Week 47", "Maandag 16 november 2026 – Zondag 22
//! november 2026". A week is named in the address as `2026-W47`.

use crate::dates::{capitalised, long_date};
use chrono::{Datelike, Duration, IsoWeek, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

/// One ISO week (Monday to Sunday).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Week {
    pub year: i32,
    pub number: u32,
}

impl Week {
    pub fn containing(date: NaiveDate) -> Week {
        let iso: IsoWeek = date.iso_week();
        Week {
            year: iso.year(),
            number: iso.week(),
        }
    }

    /// The week's Monday. A `Week` made by [`Week::containing`] or
    /// [`Week::parse`] always has one; any other falls back to the first
    /// Monday Kring knows rather than panicking.
    pub fn monday(self) -> NaiveDate {
        NaiveDate::from_isoywd_opt(self.year, self.number, Weekday::Mon)
            .or_else(|| NaiveDate::from_isoywd_opt(crate::fields::FIRST_YEAR, 1, Weekday::Mon))
            .unwrap_or_default()
    }

    fn day(self, offset: i64) -> NaiveDate {
        let monday = self.monday();
        monday
            .checked_add_signed(Duration::days(offset))
            .unwrap_or(monday)
    }

    pub fn sunday(self) -> NaiveDate {
        self.day(6)
    }

    pub fn days(self) -> impl Iterator<Item = NaiveDate> {
        (0..7).map(move |offset| self.day(offset))
    }

    pub fn previous(self) -> Week {
        Week::containing(self.day(-7))
    }

    pub fn next(self) -> Week {
        Week::containing(self.day(7))
    }

    /// `2026-W47`, as in the address bar.
    pub fn key(self) -> String {
        format!("{}-W{:02}", self.year, self.number)
    }

    /// Reads `2026-W47` (the form `<input type="week">` sends) or a date
    /// `2026-11-18`, whose week is meant. `None` for anything else, including
    /// week 53 of a year that has only 52 and years outside 1900–2200.
    pub fn parse(text: &str) -> Option<Week> {
        let text = text.trim();
        if let Some((year, number)) = text.split_once("-W").or_else(|| text.split_once("-w")) {
            let year: i32 = year.parse().ok()?;
            let number: u32 = number.parse().ok()?;
            let monday = NaiveDate::from_isoywd_opt(year, number, Weekday::Mon)?;
            return crate::fields::date_in_range(monday).then_some(Week { year, number });
        }
        NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .ok()
            .filter(|date| crate::fields::date_in_range(*date))
            .map(Week::containing)
    }

    /// "Maandag 16 november 2026 – Zondag 22 november 2026"
    pub fn range_label(self) -> String {
        format!(
            "{} – {}",
            capitalised(&long_date(self.monday())),
            capitalised(&long_date(self.sunday()))
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::{day_and_month, day_name};

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn the_week_of_today_in_dutch() {
        let week = Week::containing(date(2026, 11, 22));
        assert_eq!(
            week,
            Week {
                year: 2026,
                number: 47
            }
        );
        assert_eq!(
            week.range_label(),
            "Maandag 16 november 2026 – Zondag 22 november 2026"
        );
        assert_eq!(week.key(), "2026-W47");
    }

    #[test]
    fn weeks_across_the_year_boundary() {
        // 1 January 2027 is a Friday: it belongs to week 53 of 2026.
        let week = Week::containing(date(2027, 1, 1));
        assert_eq!(
            week,
            Week {
                year: 2026,
                number: 53
            }
        );
        assert_eq!(week.monday(), date(2026, 12, 28));
        assert_eq!(
            week.next(),
            Week {
                year: 2027,
                number: 1
            }
        );
        assert_eq!(week.next().monday(), date(2027, 1, 4));
        assert_eq!(
            Week {
                year: 2027,
                number: 1
            }
            .previous(),
            week
        );
        // 29 December 2025 (a Monday) starts week 1 of 2026.
        assert_eq!(
            Week::containing(date(2025, 12, 29)),
            Week {
                year: 2026,
                number: 1
            }
        );
    }

    #[test]
    fn week_53_exists_only_in_long_years() {
        assert!(Week::parse("2026-W53").is_some());
        assert!(Week::parse("2025-W53").is_none());
        assert!(Week::parse("2026-W00").is_none());
        assert!(Week::parse("2026-W54").is_none());
    }

    #[test]
    fn parsing_weeks_and_dates() {
        assert_eq!(
            Week::parse("2026-W05"),
            Some(Week {
                year: 2026,
                number: 5
            })
        );
        assert_eq!(
            Week::parse("2026-11-18"),
            Some(Week {
                year: 2026,
                number: 47
            })
        );
        assert_eq!(Week::parse("2026-02-30"), None);
        assert_eq!(Week::parse("volgende week"), None);
        assert_eq!(Week::parse(""), None);
    }

    #[test]
    fn days_run_monday_to_sunday() {
        let days: Vec<_> = Week {
            year: 2026,
            number: 47,
        }
        .days()
        .collect();
        assert_eq!(days.first(), Some(&date(2026, 11, 16)));
        assert_eq!(days.last(), Some(&date(2026, 11, 22)));
        assert_eq!(day_name(days[2]), "woensdag");
        assert_eq!(day_and_month(days[2]), "18 november");
    }
}
