//! Repetition of appointments: daily, weekly or monthly, every N, until a
//! date or for a number of times. Occurrences are local dates; times stay on
//! the wall clock, so an 08:00 appointment is at 08:00 on both sides of a
//! daylight-saving change. Expansion is bounded: finding the occurrences in a
//! window costs the same whether the series started last week or five years ago.

use chrono::{Datelike, Duration, Months, NaiveDate};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Frequency {
    Daily,
    Weekly,
    Monthly,
}

impl Frequency {
    pub fn as_db(self) -> &'static str {
        match self {
            Frequency::Daily => "daily",
            Frequency::Weekly => "weekly",
            Frequency::Monthly => "monthly",
        }
    }

    pub fn from_db(text: &str) -> Option<Frequency> {
        match text {
            "daily" => Some(Frequency::Daily),
            "weekly" => Some(Frequency::Weekly),
            "monthly" => Some(Frequency::Monthly),
            _ => None,
        }
    }
}

#[cfg(feature = "ssr")]
crate::stored_as_word!(Frequency);

/// A repeating series starting on `start`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rule {
    pub frequency: Frequency,
    /// Every `interval` days, weeks or months; at least 1.
    pub interval: u32,
    /// The last date an occurrence may fall on (inclusive).
    pub until: NaiveDate,
}

/// The most occurrences a series may have, so that a typo cannot create a
/// million rows' worth of work.
pub const MAX_OCCURRENCES: u32 = 1000;
/// The longest a series may run.
pub const MAX_YEARS: i32 = 10;

/// The n-th occurrence (0-based), or `None` when that month lacks the day
/// (a series on the 31st skips shorter months, as calendars do).
fn nth(start: NaiveDate, frequency: Frequency, interval: u32, n: u32) -> Option<NaiveDate> {
    match frequency {
        Frequency::Daily => {
            start.checked_add_signed(Duration::days(i64::from(interval) * i64::from(n)))
        }
        Frequency::Weekly => {
            start.checked_add_signed(Duration::weeks(i64::from(interval) * i64::from(n)))
        }
        Frequency::Monthly => {
            let months = interval.checked_mul(n)?;
            let first_of_month = start.with_day(1)?.checked_add_months(Months::new(months))?;
            first_of_month.with_day(start.day())
        }
    }
}

/// Occurrences of the series in `[from, to]`, in order.
pub fn occurrences(
    start: NaiveDate,
    rule: &Rule,
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<NaiveDate> {
    let last = rule.until.min(to);
    if last < from.max(start) || rule.interval == 0 {
        return Vec::new();
    }
    // The first n whose occurrence may fall on or after `from`, computed, not counted.
    let first_n = if from <= start {
        0
    } else {
        let behind = (from - start).num_days();
        let first_n = match rule.frequency {
            Frequency::Daily => behind / i64::from(rule.interval),
            Frequency::Weekly => behind / (7 * i64::from(rule.interval)),
            Frequency::Monthly => {
                let months = (i64::from(from.year()) - i64::from(start.year())) * 12
                    + i64::from(from.month())
                    - i64::from(start.month());
                (months.max(1) - 1) / i64::from(rule.interval)
            }
        };
        // Past u32 no series reaches (they end within ten years): nothing to show.
        let Ok(first_n) = u32::try_from(first_n) else {
            return Vec::new();
        };
        first_n
    };
    let mut found = Vec::new();
    // A window of a week or a month needs only a handful of steps past first_n.
    for n in first_n..first_n.saturating_add(400) {
        let candidate = match nth(start, rule.frequency, rule.interval, n) {
            Some(date) => date,
            None if rule.frequency == Frequency::Monthly => continue,
            None => break,
        };
        if candidate > last {
            break;
        }
        if candidate >= from {
            found.push(candidate);
        }
    }
    found
}

/// The date of the `count`-th occurrence, for "N keer" (N times).
pub fn last_of_count(
    start: NaiveDate,
    frequency: Frequency,
    interval: u32,
    count: u32,
) -> Option<NaiveDate> {
    let mut seen = 0;
    let mut n = 0;
    while seen < count && n < count.saturating_mul(2) + 24 {
        if let Some(date) = nth(start, frequency, interval, n) {
            seen += 1;
            if seen == count {
                return Some(date);
            }
        }
        n += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn rule(frequency: Frequency, interval: u32, until: NaiveDate) -> Rule {
        Rule {
            frequency,
            interval,
            until,
        }
    }

    #[test]
    fn weekly_in_one_week() {
        let r = rule(Frequency::Weekly, 1, date(2027, 12, 31));
        let start = date(2026, 1, 7); // a Wednesday
        assert_eq!(
            occurrences(start, &r, date(2026, 11, 16), date(2026, 11, 22)),
            [date(2026, 11, 18)]
        );
    }

    #[test]
    fn every_second_week_and_every_third_day() {
        let start = date(2026, 11, 2);
        let biweekly = rule(Frequency::Weekly, 2, date(2027, 1, 1));
        assert_eq!(
            occurrences(start, &biweekly, date(2026, 11, 9), date(2026, 11, 15)),
            []
        );
        assert_eq!(
            occurrences(start, &biweekly, date(2026, 11, 16), date(2026, 11, 22)),
            [date(2026, 11, 16)]
        );
        let third_day = rule(Frequency::Daily, 3, date(2027, 1, 1));
        assert_eq!(
            occurrences(start, &third_day, date(2026, 11, 16), date(2026, 11, 22)),
            [date(2026, 11, 17), date(2026, 11, 20)]
        );
    }

    #[test]
    fn monthly_on_the_31st_skips_short_months() {
        let start = date(2026, 1, 31);
        let r = rule(Frequency::Monthly, 1, date(2026, 12, 31));
        let all = occurrences(start, &r, start, date(2026, 12, 31));
        assert_eq!(all.len(), 7, "{all:?}"); // Jan, Mar, May, Jul, Aug, Oct, Dec
        assert!(all.iter().all(|d| d.day() == 31));
        assert_eq!(
            occurrences(start, &r, date(2026, 2, 1), date(2026, 2, 28)),
            []
        );
    }

    #[test]
    fn until_is_inclusive_and_nothing_before_the_start() {
        let start = date(2026, 11, 16);
        let r = rule(Frequency::Daily, 1, date(2026, 11, 18));
        assert_eq!(
            occurrences(start, &r, date(2026, 11, 1), date(2026, 11, 30)),
            [date(2026, 11, 16), date(2026, 11, 17), date(2026, 11, 18)]
        );
    }

    #[test]
    fn across_the_daylight_saving_change_dates_stay_on_the_wall_clock() {
        // Summer time starts on Sunday 29 March 2026; a weekly Saturday-to-Sunday
        // series keeps its weekday and date, the time is kept separately.
        let start = date(2026, 3, 22);
        let r = rule(Frequency::Weekly, 1, date(2026, 4, 30));
        assert_eq!(
            occurrences(start, &r, date(2026, 3, 23), date(2026, 4, 5)),
            [date(2026, 3, 29), date(2026, 4, 5)]
        );
    }

    #[test]
    fn a_five_year_old_series_expands_in_a_few_steps() {
        let start = date(2021, 1, 4);
        let r = rule(Frequency::Daily, 1, date(2031, 1, 1));
        let week = occurrences(start, &r, date(2026, 11, 16), date(2026, 11, 22));
        assert_eq!(week.len(), 7);
    }

    #[test]
    fn n_times() {
        assert_eq!(
            last_of_count(date(2026, 11, 16), Frequency::Weekly, 1, 4),
            Some(date(2026, 12, 7))
        );
        assert_eq!(
            last_of_count(date(2026, 1, 31), Frequency::Monthly, 1, 2),
            Some(date(2026, 3, 31))
        );
        assert_eq!(
            last_of_count(date(2026, 11, 16), Frequency::Daily, 1, 1),
            Some(date(2026, 11, 16))
        );
    }
}
