//! A chart's data, prepared by SQLite. sqlx hands rows over one at a time at
//! a few microseconds each, so five years of daily values are never fetched:
//! SQLite marks each value outside the reference range and, when the period
//! holds more values than the chart has room for, groups them into stretches
//! of time with their lowest, highest and mean value. A page of five years
//! then costs about what a page of three months does.
//!
//! The reference ranges live here, in the SQL: blood pressure above 140/90,
//! blood sugar below 4 or above 10 mmol/L, and a weight more than 5 % away
//! from any weight in the 30 days before it.

use super::chart::{summary, ChartData, Point, FLAGGED_SHOWN, MAX_POINTS};
use super::measurements::Kind;
use super::Period;
use crate::db::Db;
use crate::error::AppError;
use chrono::NaiveDate;

/// Whether a value is outside the reference range, as SQL over one row.
fn flag(kind: Kind) -> &'static str {
    match kind {
        // `month`: the weights of the 30 days before (the WINDOW below).
        Kind::Weight => {
            "(value > 1.05 * MIN(value) OVER month OR value < 0.95 * MAX(value) OVER month)"
        }
        Kind::BloodPressure => "(value > 140 OR diastolic > 90)",
        Kind::BloodSugar => "(value < 4 OR value > 10)",
    }
}

fn window(kind: Kind) -> &'static str {
    match kind {
        // Strictly before (0.0001 day: a few seconds; times are whole
        // minutes). Not `EXCLUDE CURRENT ROW`: SQLite then recomputes every
        // frame whole, five times slower.
        Kind::Weight => {
            "WINDOW month AS (ORDER BY julianday(measured_at)
                RANGE BETWEEN 30 PRECEDING AND 0.0001 PRECEDING)"
        }
        Kind::BloodPressure | Kind::BloodSugar => "",
    }
}

/// `p`: the values of the period that the reader may see, each with its
/// minute on the time axis and its mark. Binds, in order: the period's first
/// moment, the page, the kind, the first moment read (a month earlier for
/// weight), the organisation twice.
fn period_values(kind: Kind) -> String {
    values_with(flag(kind), window(kind))
}

/// [`period_values`] without the marks, for what needs none (the last value).
fn plain_values() -> String {
    values_with("0", "")
}

fn values_with(flag: &str, window: &str) -> String {
    format!(
        "WITH v AS (
            SELECT id, measured_at, value, diastolic, pulse, provider_id IS NULL AS family, author_name,
                   CAST(ROUND((julianday(measured_at) - julianday(?)) * 1440) AS INTEGER) AS minute,
                   COALESCE({flag}, 0) AS flagged
            FROM measurements
            WHERE care_page_id = ? AND kind = ? AND measured_at >= ? AND (provider_id = ? OR ? IS NULL)
            {window}
        ), p AS (SELECT * FROM v WHERE minute >= 0)"
    )
}

/// What [`period_values`] is bound to.
#[derive(Clone)]
struct Scope {
    first: String,
    page_id: i64,
    kind: Kind,
    read_from: String,
    staff_of: Option<i64>,
}

impl Scope {
    fn query<'q>(
        &self,
        sql: &'q str,
    ) -> sqlx::query::QueryAs<'q, sqlx::Sqlite, Group, sqlx::sqlite::SqliteArguments<'q>> {
        sqlx::query_as::<_, Group>(sql)
            .bind(self.first.clone())
            .bind(self.page_id)
            .bind(self.kind.as_db())
            .bind(self.read_from.clone())
            .bind(self.staff_of)
            .bind(self.staff_of)
    }
}

/// One stretch of time, or one value (`count` 1).
#[derive(sqlx::FromRow)]
struct Group {
    minute: i64,
    first_at: String,
    last_at: String,
    low: f64,
    high: f64,
    mean: f64,
    second_low: Option<f64>,
    second_high: Option<f64>,
    second_mean: Option<f64>,
    pulse: Option<i64>,
    count: i64,
    flagged: i64,
    family: bool,
    author: String,
}

impl Group {
    fn point(self) -> Point {
        let single = self.count == 1;
        Point {
            minute: self.minute,
            from: self.first_at,
            until: (!single).then_some(self.last_at),
            low: self.low,
            high: self.high,
            mean: self.mean,
            second_low: self.second_low,
            second_high: self.second_high,
            second_mean: self.second_mean,
            pulse: self.pulse.filter(|_| single),
            count: self.count as usize,
            flagged: self.flagged > 0,
            family: self.family,
            author: if single { self.author } else { String::new() },
        }
    }
}

const SINGLE_COLUMNS: &str = "minute, measured_at AS first_at, measured_at AS last_at,
    value AS low, value AS high, value AS mean,
    diastolic AS second_low, diastolic AS second_high, diastolic AS second_mean,
    pulse, 1 AS count, flagged, family, author_name AS author";

const GROUP_COLUMNS: &str = "(MIN(minute) + MAX(minute)) / 2 AS minute,
    MIN(measured_at) AS first_at, MAX(measured_at) AS last_at,
    MIN(value) AS low, MAX(value) AS high, AVG(value) AS mean,
    MIN(diastolic) AS second_low, MAX(diastolic) AS second_high, AVG(diastolic) AS second_mean,
    MIN(pulse) AS pulse, COUNT(*) AS count, SUM(flagged) AS flagged,
    MAX(family) AS family, MIN(author_name) AS author";

/// The chart of `kind` over `period` up to `today`, with what `staff_of`
/// may see (everything, for the family).
pub async fn chart(
    db: &Db,
    page_id: i64,
    staff_of: Option<i64>,
    kind: Kind,
    period: Period,
    today: NaiveDate,
) -> Result<ChartData, AppError> {
    let day_text = |day: NaiveDate| day.format("%Y-%m-%dT00:00").to_string();
    let wanted_from = period.first_day(today).map(day_text).unwrap_or_default();
    let (earliest, count): (Option<String>, i64) = sqlx::query_as(
        "SELECT MIN(measured_at), COUNT(*) FROM measurements
         WHERE care_page_id = ? AND kind = ? AND measured_at >= ? AND (provider_id = ? OR ? IS NULL)",
    )
    .bind(page_id)
    .bind(kind.as_db())
    .bind(&wanted_from)
    .bind(staff_of)
    .bind(staff_of)
    .fetch_one(db.reader())
    .await?;
    let first_day = period.first_day(today).unwrap_or_else(|| {
        earliest
            .as_deref()
            .and_then(|at| NaiveDate::parse_from_str(at.get(..10)?, "%Y-%m-%d").ok())
            .unwrap_or(today)
    });
    let span = ((today - first_day).num_days() + 1) * 24 * 60;
    // Each value its own point when they fit, else stretches of equal time.
    let width = if count > MAX_POINTS {
        (span / MAX_POINTS).max(1)
    } else {
        1
    };
    let read_from = match kind {
        Kind::Weight => first_day - chrono::Days::new(30),
        Kind::BloodPressure | Kind::BloodSugar => first_day,
    };
    let values = period_values(kind);
    let scope = Scope {
        first: day_text(first_day),
        page_id,
        kind,
        read_from: day_text(read_from),
        staff_of,
    };
    let mut groups: Vec<Group> = scope
        .query(&format!(
            "{values} SELECT {GROUP_COLUMNS} FROM p GROUP BY minute / ?"
        ))
        .bind(width)
        .fetch_all(db.reader())
        .await?;
    groups.sort_by_key(|group| group.minute);
    let flagged_total: i64 = groups.iter().map(|group| group.flagged).sum();
    // The newest values outside the range lie in the newest stretches that
    // hold any: only that part of the period is read again, value by value.
    let mut newest_flagged = None;
    let mut counted = 0;
    for group in groups.iter().rev().filter(|group| group.flagged > 0) {
        counted += group.flagged;
        newest_flagged = Some(group.first_at.clone());
        if counted >= FLAGGED_SHOWN as i64 {
            break;
        }
    }
    let flagged: Vec<Point> = match newest_flagged {
        None => Vec::new(),
        Some(since) => {
            let since_day =
                NaiveDate::parse_from_str(since.get(..10).unwrap_or_default(), "%Y-%m-%d")
                    .unwrap_or(first_day);
            let recent = Scope {
                read_from: day_text(since_day - chrono::Days::new(30)),
                ..scope.clone()
            };
            recent
                .query(&format!(
                    "{values} SELECT {SINGLE_COLUMNS} FROM p WHERE flagged AND measured_at >= ?
                     ORDER BY measured_at DESC, id DESC LIMIT {FLAGGED_SHOWN}"
                ))
                .bind(since)
                .fetch_all(db.reader())
                .await?
                .into_iter()
                .map(Group::point)
                .collect()
        }
    };
    let last = scope
        .query(&format!(
            "{} SELECT {SINGLE_COLUMNS} FROM p ORDER BY measured_at DESC, id DESC LIMIT 1",
            plain_values()
        ))
        .fetch_optional(db.reader())
        .await?
        .map(Group::point);
    let points: Vec<Point> = groups.into_iter().map(Group::point).collect();
    Ok(ChartData {
        kind,
        first_day: first_day.format("%Y-%m-%d").to_string(),
        last_day: today.format("%Y-%m-%d").to_string(),
        span,
        summary: summary(kind, &points, last.as_ref()),
        flagged_more: (flagged_total as usize).saturating_sub(flagged.len()),
        flagged,
        points,
    })
}
