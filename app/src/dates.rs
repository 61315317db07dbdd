//! Days and moments as Kring's readers know them: today on the wall clocks
//! of the Netherlands, and dates put into words in the interface language
//! ("maandag 16 november 2026" / "Monday 16 November 2026"). Every domain
//! uses these; none of them imports another domain for a date.

use crate::i18n::t;
use chrono::{Datelike, NaiveDate};

/// Today on the wall clocks of the Netherlands.
#[cfg(feature = "ssr")]
pub fn today() -> NaiveDate {
    now_local().date()
}

/// Now on the wall clocks of the Netherlands.
#[cfg(feature = "ssr")]
pub fn now_local() -> chrono::NaiveDateTime {
    chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::Amsterdam)
        .naive_local()
}

/// A moment as people read it: Amsterdam time, "22 november 2026, 10:15".
#[cfg(feature = "ssr")]
pub fn written_moment(at: chrono::DateTime<chrono::Utc>) -> String {
    let local = at.with_timezone(&chrono_tz::Europe::Amsterdam);
    format!(
        "{}, {}",
        date_with_year(local.date_naive()),
        local.format("%H:%M")
    )
}

/// A moment as people say it in a list: "vandaag 12:11", "gisteren 09:30",
/// "dinsdag 14:00" within a week, the full date further away.
#[cfg(feature = "ssr")]
pub fn spoken_at(at: chrono::DateTime<chrono::Utc>) -> String {
    let local = at
        .with_timezone(&chrono_tz::Europe::Amsterdam)
        .naive_local();
    spoken(local, now_local())
}

/// [`spoken_at`] for a wall-clock moment, said at `now`.
pub fn spoken(moment: chrono::NaiveDateTime, now: chrono::NaiveDateTime) -> String {
    let text = t();
    let time = moment.format("%H:%M").to_string();
    let days = (moment.date() - now.date()).num_days();
    let template = match days {
        0 => text.home.today_at,
        -1 => text.home.yesterday_at,
        1 => text.home.tomorrow_at,
        // Within the week around today a day's name is unambiguous.
        -6..=6 => text.home.weekday_at,
        _ => return format!("{}, {time}", date_with_year(moment.date())),
    };
    crate::i18n::fill(
        template,
        &[("time", &time), ("day", day_name(moment.date()))],
    )
}

/// The day, in the Netherlands, of an instant.
#[cfg(feature = "ssr")]
pub fn day_of(at: chrono::DateTime<chrono::Utc>) -> NaiveDate {
    at.with_timezone(&chrono_tz::Europe::Amsterdam).date_naive()
}

/// "14 maart 1941"
pub fn date_with_year(date: NaiveDate) -> String {
    format!("{} {}", day_and_month(date), date.year())
}

/// "maandag 16 november 2026"
pub fn long_date(date: NaiveDate) -> String {
    format!(
        "{} {} {} {}",
        day_name(date),
        date.day(),
        t().month_names[date.month0() as usize],
        date.year()
    )
}

/// "do 26 november 14:00", or "do 26 november" for a whole day: what a
/// confirmation names.
pub fn moment_label(date: NaiveDate, start: Option<chrono::NaiveTime>) -> String {
    let day = format!(
        "{} {}",
        t().day_short_names[date.weekday().num_days_from_monday() as usize],
        day_and_month(date)
    );
    match start {
        Some(start) => format!("{day} {}", start.format("%H:%M")),
        None => day,
    }
}

/// "16 november"
pub fn day_and_month(date: NaiveDate) -> String {
    format!("{} {}", date.day(), t().month_names[date.month0() as usize])
}

pub fn day_name(date: NaiveDate) -> &'static str {
    t().day_names[date.weekday().num_days_from_monday() as usize]
}

pub fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_words() {
        let date = NaiveDate::from_ymd_opt(1941, 3, 14).unwrap();
        assert_eq!(date_with_year(date), "14 maart 1941");
        assert_eq!(long_date(date), "vrijdag 14 maart 1941");
        assert_eq!(capitalised(&long_date(date)), "Vrijdag 14 maart 1941");
        let time = chrono::NaiveTime::from_hms_opt(14, 0, 0);
        assert_eq!(moment_label(date, time), "vr 14 maart 14:00");
        assert_eq!(moment_label(date, None), "vr 14 maart");
    }

    #[test]
    fn times_in_lists_are_said_as_people_say_them() {
        let at = |d: u32, h: u32, m: u32| {
            NaiveDate::from_ymd_opt(2026, 12, d)
                .unwrap()
                .and_hms_opt(h, m, 0)
                .unwrap()
        };
        // Thursday 3 December 2026, 7 in the morning.
        let now = at(3, 7, 0);
        assert_eq!(spoken(at(3, 12, 11), now), "vandaag 12:11");
        assert_eq!(spoken(at(2, 9, 30), now), "gisteren 09:30");
        assert_eq!(spoken(at(4, 8, 0), now), "morgen 08:00");
        assert_eq!(spoken(at(1, 14, 0), now), "dinsdag 14:00");
        assert_eq!(spoken(at(9, 10, 0), now), "woensdag 10:00");
        // A week or more away: the date, so "dinsdag" is never last week's.
        let far = NaiveDate::from_ymd_opt(2026, 11, 26)
            .unwrap()
            .and_hms_opt(10, 15, 0)
            .unwrap();
        assert_eq!(spoken(far, now), "26 november 2026, 10:15");
        #[cfg(feature = "ssr")]
        crate::i18n::lang::REQUEST_LANG.sync_scope(crate::i18n::Lang::En, || {
            assert_eq!(spoken(at(1, 14, 0), now), "Tuesday 14:00");
            assert_eq!(spoken(at(3, 12, 11), now), "today 12:11");
        });
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn a_moment_reads_in_dutch_time() {
        let at = chrono::DateTime::parse_from_rfc3339("2026-07-01T08:15:00Z").unwrap();
        assert_eq!(written_moment(at.to_utc()), "1 juli 2026, 10:15");
    }
}
