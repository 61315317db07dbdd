//! What is kept when a measurement is written, so a chart reads fast however
//! many years it covers: each value's mark (outside the reference range),
//! and per week and per four weeks, per source, the counts, extremes and
//! sums of the values (`measurement_weeks`). See the migration
//! `..._measurement_weeks.sql`, whose test shows it fills the same.
//!
//! The reference ranges live here, in the SQL: blood pressure above 140/90,
//! blood sugar below 4 or above 10 mmol/L, and a weight more than 5 % away
//! from any weight in the 30 days before it. A weight written later can
//! change the marks of the 30 days after it, so those are marked again.

use super::measurements::Kind;
use crate::db::{self, Backend};
use crate::error::AppError;
use chrono::{Days, NaiveDate, NaiveDateTime};

/// Minutes in a week.
pub const WEEK_MINUTES: i64 = 7 * 24 * 60;

/// The lengths, in weeks, of the stretches kept: every week, and every four
/// weeks (counted from week 0), so a chart of years groups some sixty rows.
pub const STORED_LENGTHS: [i64; 2] = [1, LONGEST_STORED];
pub const LONGEST_STORED: i64 = 4;

/// Whether row `m`'s value is outside the range. A weight is compared with
/// the weights `w` of the 30 days before it: all of them (the family's
/// view), or with `own` those of the same source (an organisation's view).
fn mark(kind: Kind, own: bool, backend: Backend) -> String {
    let month_before = match backend {
        Backend::Sqlite => "strftime('%Y-%m-%dT%H:%M', m.measured_at, '-30 days')",
        Backend::Postgres => "m.measured_at - INTERVAL '30 days'",
    };
    match kind {
        Kind::Weight => format!(
            "COALESCE((SELECT m.value > 1.05 * MIN(w.value) OR m.value < 0.95 * MAX(w.value)
                FROM measurements AS w
                WHERE w.care_page_id = m.care_page_id AND w.kind = 'weight'
                  AND w.measured_at >= {month_before}
                  AND w.measured_at < m.measured_at {}), FALSE)",
            if own {
                "AND w.provider_id IS NOT DISTINCT FROM m.provider_id"
            } else {
                ""
            }
        ),
        Kind::BloodPressure => "(m.value > 140 OR COALESCE(m.diastolic > 90, FALSE))".to_string(),
        Kind::BloodSugar => "(m.value < 4 OR m.value > 10)".to_string(),
    }
}

/// A value's minute since 1 January 1970, local time, in SQL.
fn minute_sql(backend: Backend) -> &'static str {
    match backend {
        Backend::Sqlite => "CAST(ROUND((julianday(measured_at) - 2440587.5) * 1440) AS INTEGER)",
        Backend::Postgres => "CAST(EXTRACT(EPOCH FROM measured_at) / 60 AS BIGINT)",
    }
}

/// A value's week (see [`week_of`]), in SQL.
fn week_sql(backend: Backend) -> &'static str {
    match backend {
        Backend::Sqlite => {
            "CAST((julianday(substr(measured_at, 1, 10)) - 2440587.5 + 3) / 7 AS INTEGER)"
        }
        Backend::Postgres => {
            "CAST(FLOOR((CAST(measured_at AS DATE) - DATE '1970-01-01' + 3) / 7.0) AS BIGINT)"
        }
    }
}

/// 1 January 1970, a Thursday: where stored minutes and weeks count from.
fn epoch() -> NaiveDate {
    NaiveDate::from_ymd_opt(1970, 1, 1).expect("a real date")
}

/// How a chart of the weeks from `first` to `last` is drawn from the
/// stored stretches: stretches of `width` weeks (1, 2, 4, 8, …: at most
/// [`MAX_POINTS`](super::chart::MAX_POINTS) of them) made of the stored ones
/// of `length` weeks, from week `start` (`first`, or the stored stretch
/// that holds it).
#[derive(Debug, PartialEq)]
pub struct WeekStretches {
    pub start: i64,
    pub width: i64,
    pub length: i64,
}

pub fn week_stretches(first: i64, last: i64) -> WeekStretches {
    let max = super::chart::MAX_POINTS;
    let mut width = (((last - first + 1 + max - 1) / max).max(1) as u64).next_power_of_two() as i64;
    loop {
        // The longest stored stretch that fits a whole number of times.
        let length = STORED_LENGTHS
            .into_iter()
            .rev()
            .find(|length| width % length == 0)
            .unwrap_or(1);
        let start = first.div_euclid(length) * length;
        if (last - start) / width < max {
            return WeekStretches {
                start,
                width,
                length,
            };
        }
        width *= 2;
    }
}

/// Weeks since Monday 29 December 1969, Monday to Sunday.
pub fn week_of(day: NaiveDate) -> i64 {
    ((day - epoch()).num_days() + 3).div_euclid(7)
}

/// The Monday that starts `week`.
pub fn monday_of(week: i64) -> NaiveDate {
    epoch() + chrono::Duration::days(week * 7 - 3)
}

/// Minutes from 1 January 1970 to the start of `day`.
pub fn minute_of(day: NaiveDate) -> i64 {
    (day - epoch()).num_minutes()
}

/// The day of a stored minute.
pub fn day_at(minute: i64) -> NaiveDate {
    epoch() + chrono::Duration::days(minute.div_euclid(24 * 60))
}

/// A stored minute as measurements write it: "YYYY-MM-DDTHH:MM".
pub fn moment_at(minute: i64) -> String {
    let in_day = minute.rem_euclid(24 * 60);
    format!("{}T{:02}:{:02}", day_at(minute), in_day / 60, in_day % 60)
}

/// Brings the marks and weeks up to date after a value of `kind` measured
/// `at` (Dutch wall-clock time) was saved on `page_id`. Runs in the saving
/// transaction, so the value and what is kept of it land together.
pub async fn after_insert(
    conn: &mut db::Connection,
    page_id: i64,
    kind: Kind,
    at: NaiveDateTime,
) -> Result<(), AppError> {
    after_inserts(conn, page_id, kind, at, at).await
}

/// [`after_insert`] once for many values of `kind` measured from `first` to
/// `last` (a bulk upload): the marks and weeks of the whole span are made
/// again in one pass, instead of once per value (quadratic for weights,
/// whose marks look 30 days back).
pub async fn after_inserts(
    conn: &mut db::Connection,
    page_id: i64,
    kind: Kind,
    first: NaiveDateTime,
    last: NaiveDateTime,
) -> Result<(), AppError> {
    let (moment, last_moment) = (first, last);
    // The marks that may change: these values', and for a weight those of
    // the 30 days after the last.
    let until = match kind {
        Kind::Weight => last_moment + Days::new(30),
        Kind::BloodPressure | Kind::BloodSugar => last_moment,
    };
    db::query(&format!(
        "UPDATE measurements AS m SET flagged = {}, flagged_own = {}
         WHERE m.care_page_id = $1 AND m.kind = $2 AND m.measured_at >= $3 AND m.measured_at <= $4",
        mark(kind, false, conn.backend()),
        mark(kind, true, conn.backend())
    ))
    .bind(page_id)
    .bind(kind.as_db())
    .bind(db::Wall(first))
    .bind(db::Wall(until))
    .execute(&mut *conn)
    .await?;

    for length in STORED_LENGTHS {
        let first = week_of(moment.date()).div_euclid(length) * length;
        let last = week_of(until.date()).div_euclid(length) * length;
        store_weeks(conn, page_id, kind, length, first, last).await?;
    }
    Ok(())
}

/// Rebuilds the stretches of `length` weeks of `page_id` and `kind` that
/// start from week `first` to week `last`, from the values themselves.
async fn store_weeks(
    conn: &mut db::Connection,
    page_id: i64,
    kind: Kind,
    length: i64,
    first: i64,
    last: i64,
) -> Result<(), AppError> {
    db::query(
        "DELETE FROM measurement_weeks
         WHERE care_page_id = $1 AND kind = $2 AND weeks = $3 AND week BETWEEN $4 AND $5",
    )
    .bind(page_id)
    .bind(kind.as_db())
    .bind(length)
    .bind(first)
    .bind(last)
    .execute(&mut *conn)
    .await?;
    let midnight = |day: NaiveDate| db::Wall(day.and_time(chrono::NaiveTime::MIN));
    let (week, minute) = (week_sql(conn.backend()), minute_sql(conn.backend()));
    db::query(&format!(
        "INSERT INTO measurement_weeks (care_page_id, kind, provider_id, weeks, week,
             first_minute, last_minute, count, low, high, total,
             second_low, second_high, second_total, pulse, flagged, flagged_own, author_name)
         SELECT care_page_id, kind, provider_id, $1 AS weeks, {week} / $1 * $1 AS week,
                MIN({minute}), MAX({minute}), COUNT(*),
                MIN(value), MAX(value), SUM(value),
                MIN(diastolic), MAX(diastolic), SUM(diastolic), MIN(pulse),
                COUNT(*) FILTER (WHERE flagged), COUNT(*) FILTER (WHERE flagged_own),
                MIN(author_name)
         FROM measurements
         WHERE care_page_id = $2 AND kind = $3 AND measured_at >= $4 AND measured_at < $5
         GROUP BY care_page_id, kind, provider_id, week"
    ))
    .bind(length)
    .bind(page_id)
    .bind(kind.as_db())
    .bind(midnight(monday_of(first)))
    .bind(midnight(monday_of(last + length)))
    .execute(&mut *conn)
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_charts_use_whole_stored_stretches_and_at_most_a_hundred() {
        // Five years: 4 weeks wide, from the stored four weeks that hold the first.
        assert_eq!(
            week_stretches(2743, 3004),
            WeekStretches {
                start: 2740,
                width: 4,
                length: 4
            }
        );
        assert_eq!(
            week_stretches(2900, 3004),
            WeekStretches {
                start: 2900,
                width: 2,
                length: 1
            }
        );
        for first in 2000..2010 {
            for weeks in [1, 99, 100, 101, 199, 200, 201, 399, 400, 401, 5000] {
                let last = first + weeks - 1;
                let s = week_stretches(first, last);
                assert!((last - s.start) / s.width < 100, "{first} {weeks}: {s:?}");
                assert!(s.start <= first && s.start % s.length == 0);
                assert_eq!(s.width % s.length, 0);
            }
        }
    }

    #[test]
    fn weeks_run_monday_to_sunday() {
        let day = |text| NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap();
        let monday = day("2026-11-23");
        assert_eq!(week_of(monday), week_of(day("2026-11-29")), "Sunday");
        assert_eq!(week_of(monday) - 1, week_of(day("2026-11-22")));
        assert_eq!(monday_of(week_of(day("2026-11-26"))), monday);
        assert_eq!(monday_of(week_of(day("1969-12-31"))), day("1969-12-29"));
        assert_eq!(minute_of(day("1970-01-02")), 1440);
        let moment = minute_of(day("2026-11-23")) + 8 * 60 + 30;
        assert_eq!(moment_at(moment), "2026-11-23T08:30");
        assert_eq!(day_at(moment), day("2026-11-23"));
        assert_eq!(moment_at(-1), "1969-12-31T23:59");
    }
}
