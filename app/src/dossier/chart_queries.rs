//! A chart's data, prepared by SQLite. sqlx hands rows over one at a time,
//! each a hop between threads, so five years of daily values are never
//! fetched: when the period holds more values than the chart has room for,
//! SQLite groups them into stretches of time with their lowest, highest and
//! mean value, and sends them back as one JSON row. Stretches of a week or
//! more are made from the stretches kept on write (`chart_writes`), so a page
//! of five years costs well under twice a page of a week (`cargo bench -p
//! kring-server --bench dossier_measurements`). Each value's mark was also
//! kept on write.

use super::chart::{summary, ChartData, Point, FLAGGED_SHOWN, MAX_POINTS};
use super::chart_writes::{
    day_at, minute_of, moment_at, monday_of, week_of, week_stretches, WeekStretches,
    LONGEST_STORED, WEEK_MINUTES,
};
use super::measurements::Kind;
use super::Period;
use crate::db;
use crate::db::{Backend, Db};
use crate::error::AppError;
use chrono::NaiveDate;

/// What one reader may see of one kind from one day on.
struct Scope {
    /// Where the time axis starts; nothing before it is read.
    first: NaiveDate,
    page_id: i64,
    kind: Kind,
    /// The reader's organisation; `None` for the family, who see all.
    staff_of: Option<i64>,
    /// Whose SQL the queries speak.
    backend: Backend,
}

impl Scope {
    /// The mark as this reader sees it (see `chart_writes::mark`).
    fn flag_column(&self) -> &'static str {
        match self.staff_of {
            Some(_) => "flagged_own",
            None => "flagged",
        }
    }

    /// `p`: the values of the scope, each with its minute on the time axis
    /// and its mark, for a query that follows.
    fn values(&self, then: &str) -> String {
        // PostgreSQL's marks are booleans; counted here as numbers, as
        // SQLite holds them.
        let (family, flagged, minute) = match self.backend {
            Backend::Sqlite => (
                "provider_id IS NULL".to_string(),
                self.flag_column().to_string(),
                "CAST(ROUND((julianday(measured_at) - julianday($1)) * 1440) AS INTEGER)",
            ),
            Backend::Postgres => (
                "CAST(CASE WHEN provider_id IS NULL THEN 1 ELSE 0 END AS BIGINT)".to_string(),
                format!(
                    "CAST(CASE WHEN {} THEN 1 ELSE 0 END AS BIGINT)",
                    self.flag_column()
                ),
                "CAST(ROUND(EXTRACT(EPOCH FROM (measured_at - $1)) / 60) AS BIGINT)",
            ),
        };
        format!(
            "WITH p AS (
                SELECT id, measured_at, value, diastolic, pulse, {family} AS family,
                       author_name, {flagged} AS flagged, {minute} AS minute
                FROM measurements
                WHERE care_page_id = $2 AND kind = $3 AND measured_at >= $1
                  AND (provider_id = $4 OR $4 IS NULL)
            ) {then}"
        )
    }

    /// The marked values of [`Scope::values`]. (On SQLite the column
    /// itself, so that its index of marked values is used.)
    fn is_flagged(&self) -> &'static str {
        match self.backend {
            Backend::Sqlite => "flagged",
            Backend::Postgres => "flagged = 1",
        }
    }

    /// A moment column as the chart's points carry it: "2026-12-07T08:30".
    fn moment(&self, expression: &str) -> String {
        match self.backend {
            Backend::Sqlite => expression.to_string(),
            Backend::Postgres => format!("to_char({expression}, 'YYYY-MM-DD\"T\"HH24:MI')"),
        }
    }

    /// One value as listed under the chart, not drawn: it has no minute.
    fn single_columns(&self) -> String {
        format!(
            "CAST(0 AS BIGINT) AS minute, {at} AS first_at, {at} AS last_at,
             value AS low, value AS high, value AS mean,
             diastolic AS second_low, diastolic AS second_high, diastolic AS second_mean,
             pulse, CAST(1 AS BIGINT) AS count, flagged, family, author_name AS author",
            at = self.moment("measured_at")
        )
    }

    fn group_columns(&self) -> String {
        format!(
            "(MIN(minute) + MAX(minute)) / 2 AS minute,
             {first} AS first_at, {last} AS last_at,
             MIN(value) AS low, MAX(value) AS high, AVG(value) AS mean,
             MIN(diastolic) AS second_low, MAX(diastolic) AS second_high,
             AVG(diastolic) AS second_mean, MIN(pulse) AS pulse, COUNT(*) AS count,
             SUM(flagged) AS flagged, SUM(family) AS family, MIN(author_name) AS author",
            first = self.moment("MIN(measured_at)"),
            last = self.moment("MAX(measured_at)")
        )
    }

    /// The rows of `groups` (with [`Group`]'s columns) as one JSON array.
    /// sqlx passes each row from its SQLite thread to ours on its own, at a
    /// few microseconds each; a hundred stretches cost more that way than
    /// the query.
    fn as_one_row(&self, groups: &str) -> String {
        const COLUMNS: &str = "minute, first_at, last_at, low, high, mean,
             second_low, second_high, second_mean, pulse, count, flagged, family, author";
        match self.backend {
            Backend::Sqlite => {
                format!("SELECT json_group_array(json_array({COLUMNS})) FROM ({groups}) AS g")
            }
            Backend::Postgres => format!(
                "SELECT COALESCE(CAST(json_agg(json_build_array({COLUMNS})) AS TEXT), '[]')
                 FROM ({groups}) AS g"
            ),
        }
    }

    /// A query over [`Scope::values`], bound; `$5` on is the caller's.
    fn query<'q>(&self, sql: &'q str) -> db::Rows<'q, Group> {
        db::query_as::<Group>(sql)
            .bind(db::Wall(self.first.and_time(chrono::NaiveTime::MIN)))
            .bind(self.page_id)
            .bind(self.kind.as_db())
            .bind(self.staff_of)
    }

    /// [`Scope::query`] for stretches: their rows come back as one JSON
    /// text (see [`Scope::as_one_row`]).
    fn stretches<'q>(&self, sql: &'q str) -> db::Scalars<'q, String> {
        db::query_scalar::<String>(sql)
            .bind(db::Wall(self.first.and_time(chrono::NaiveTime::MIN)))
            .bind(self.page_id)
            .bind(self.kind.as_db())
            .bind(self.staff_of)
    }
}

fn from_one_row(json: &str) -> Result<Vec<Group>, AppError> {
    serde_json::from_str(json).map_err(|error| {
        // Not the message itself: it may quote a measured value.
        tracing::error!(
            category = ?error.classify(),
            column = error.column(),
            "a chart's stretches could not be read"
        );
        AppError::Internal
    })
}

/// One stretch of time, or one value (`count` 1). From JSON in field order.
#[derive(sqlx::FromRow, serde::Deserialize)]
struct Group {
    minute: i64,
    #[serde(deserialize_with = "moment")]
    first_at: String,
    #[serde(deserialize_with = "moment")]
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
    /// How many of its values were measured at home.
    family: i64,
    author: String,
}

/// A moment as text, or as the stored weeks keep it: minutes since 1970
/// (SQLite groups integers faster than text).
fn moment<'de, D: serde::Deserializer<'de>>(from: D) -> Result<String, D::Error> {
    #[derive(serde::Deserialize)]
    #[serde(untagged)]
    enum Moment {
        Text(String),
        Minute(i64),
    }
    Ok(match serde::Deserialize::deserialize(from)? {
        Moment::Text(text) => text,
        Moment::Minute(minute) => moment_at(minute),
    })
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
            family: self.family as usize,
            author: if single { self.author } else { String::new() },
        }
    }
}

/// The charts of every kind, read side by side on the reader pool (each
/// query waits on SQLite's own thread, so three at once take about the time
/// of the longest).
pub async fn charts(
    db: &Db,
    page_id: i64,
    staff_of: Option<i64>,
    period: Period,
    today: NaiveDate,
) -> Result<Vec<ChartData>, AppError> {
    let of = |kind| chart(db, page_id, staff_of, kind, period, today);
    let (weight, pressure, sugar) = tokio::try_join!(
        of(Kind::Weight),
        of(Kind::BloodPressure),
        of(Kind::BloodSugar)
    )?;
    Ok(vec![weight, pressure, sugar])
}

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
    let wanted = period.first_day(today);
    // The values listed under the chart (the newest outside the range, the
    // last) need no count and no axis: read at once beside the stretches.
    let listed = Scope {
        first: wanted.unwrap_or_default(),
        page_id,
        kind,
        staff_of,
        backend: db.backend(),
    };
    let ((first_day, span, mut groups), flagged, last) = tokio::try_join!(
        drawn(db, page_id, staff_of, kind, wanted, today),
        newest_flagged(db, &listed),
        last_value(db, &listed)
    )?;
    groups.sort_by_key(|group| group.minute);
    let flagged_total: i64 = groups.iter().map(|group| group.flagged).sum();
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

/// The axis (first day, minutes to the end of `today`) and the stretches
/// drawn on it: each value when they fit, else stretches of equal time.
async fn drawn(
    db: &Db,
    page_id: i64,
    staff_of: Option<i64>,
    kind: Kind,
    wanted: Option<NaiveDate>,
    today: NaiveDate,
) -> Result<(NaiveDate, i64, Vec<Group>), AppError> {
    let (first, count) = counted(db, page_id, staff_of, kind, wanted).await?;
    let mut first_day = first.unwrap_or(today);
    let days = |first: NaiveDate| ((today - first).num_days() + 1) * 24 * 60;
    let mut width = if count > MAX_POINTS {
        (days(first_day) / MAX_POINTS).max(1)
    } else {
        1
    };
    // Stretches of a week or more are made of the stored ones; the axis
    // then starts on the Monday of the first.
    let weeks = (width >= WEEK_MINUTES).then(|| week_stretches(week_of(first_day), week_of(today)));
    if let Some(weeks) = &weeks {
        first_day = monday_of(weeks.start);
        width = weeks.width * WEEK_MINUTES;
    }
    let scope = Scope {
        first: first_day,
        page_id,
        kind,
        staff_of,
        backend: db.backend(),
    };
    let groups = match weeks {
        Some(weeks) => stored_weeks(db, &scope, weeks).await?,
        None => stretches(db, &scope, width).await?,
    };
    Ok((first_day, days(first_day), groups))
}

/// The points of the chart: each value, or stretches `width` minutes wide.
async fn stretches(db: &Db, scope: &Scope, width: i64) -> Result<Vec<Group>, AppError> {
    let json = scope
        .stretches(&scope.as_one_row(&scope.values(&format!(
            "SELECT {} FROM p GROUP BY minute / $5",
            scope.group_columns()
        ))))
        .bind(width)
        .fetch_one(db.reader())
        .await?;
    from_one_row(&json)
}

/// The newest values outside the range, newest first; read through an index
/// of the marked values only (see the migration), however long the period.
async fn newest_flagged(db: &Db, scope: &Scope) -> Result<Vec<Point>, AppError> {
    Ok(scope
        .query(&scope.values(&format!(
            "SELECT {} FROM p WHERE {}
             ORDER BY measured_at DESC, id DESC LIMIT {FLAGGED_SHOWN}",
            scope.single_columns(),
            scope.is_flagged()
        )))
        .fetch_all(db.reader())
        .await?
        .into_iter()
        .map(Group::point)
        .collect())
}

async fn last_value(db: &Db, scope: &Scope) -> Result<Option<Point>, AppError> {
    Ok(scope
        .query(&scope.values(&format!(
            "SELECT {} FROM p ORDER BY measured_at DESC, id DESC LIMIT 1",
            scope.single_columns()
        )))
        .fetch_optional(db.reader())
        .await?
        .map(Group::point))
}

/// Stretches from the scope's first day (a Monday), summed from the
/// stretches kept on write: some sixty rows for five years of daily values.
async fn stored_weeks(
    db: &Db,
    scope: &Scope,
    weeks: WeekStretches,
) -> Result<Vec<Group>, AppError> {
    let json = db::query_scalar::<String>(&scope.as_one_row(&format!(
        "SELECT (MIN(first_minute) + MAX(last_minute)) / 2 - $1 AS minute,
                MIN(first_minute) AS first_at, MAX(last_minute) AS last_at,
                MIN(low) AS low, MAX(high) AS high, SUM(total) / SUM(count) AS mean,
                MIN(second_low) AS second_low, MAX(second_high) AS second_high,
                SUM(second_total) / SUM(count) AS second_mean,
                MIN(pulse) AS pulse, SUM(count) AS count, SUM({flag}) AS flagged,
                SUM(CASE WHEN provider_id IS NULL THEN count ELSE 0 END) AS family,
                MIN(author_name) AS author
         FROM measurement_weeks
         WHERE care_page_id = $2 AND kind = $3 AND weeks = $7 AND week >= $4
           AND (provider_id = $5 OR $5 IS NULL)
         GROUP BY (week - $4) / $6",
        flag = scope.flag_column()
    )))
    .bind(minute_of(scope.first))
    .bind(scope.page_id)
    .bind(scope.kind.as_db())
    .bind(weeks.start)
    .bind(scope.staff_of)
    .bind(weeks.width)
    .bind(weeks.length)
    .fetch_one(db.reader())
    .await?;
    from_one_row(&json)
}

/// The number of values from `first_day` on, and the day the axis starts:
/// `first_day`, or without one (the whole history) the day of the first
/// value, counted from the stored weeks.
async fn counted(
    db: &Db,
    page_id: i64,
    staff_of: Option<i64>,
    kind: Kind,
    first_day: Option<NaiveDate>,
) -> Result<(Option<NaiveDate>, i64), AppError> {
    match first_day {
        Some(day) => {
            let count: i64 = db::query_scalar(
                "SELECT COUNT(*) FROM measurements
                 WHERE care_page_id = $1 AND kind = $2 AND measured_at >= $3
                   AND (provider_id = $4 OR $4 IS NULL)",
            )
            .bind(page_id)
            .bind(kind.as_db())
            .bind(db::Wall(day.and_time(chrono::NaiveTime::MIN)))
            .bind(staff_of)
            .fetch_one(db.reader())
            .await?;
            Ok((Some(day), count))
        }
        None => {
            #[derive(sqlx::FromRow)]
            struct Span {
                first_minute: Option<i64>,
                count: Option<i64>,
            }
            let Span {
                first_minute,
                count,
            } = db::query_as(
                "SELECT MIN(first_minute) AS first_minute, CAST(SUM(count) AS BIGINT) AS count
                 FROM measurement_weeks
                 WHERE care_page_id = $1 AND kind = $2 AND weeks = $4
                   AND (provider_id = $3 OR $3 IS NULL)",
            )
            .bind(page_id)
            .bind(kind.as_db())
            .bind(staff_of)
            .bind(LONGEST_STORED)
            .fetch_one(db.reader())
            .await?;
            Ok((first_minute.map(day_at), count.unwrap_or(0)))
        }
    }
}
