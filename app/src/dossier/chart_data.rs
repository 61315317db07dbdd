//! A chart's data as the server prepares it (`chart_queries.rs`) and the
//! browser receives it: a point is one value or a stretch of time with its
//! lowest, highest and mean value; and how the data is put into words — the
//! summary and trend a screen reader hears, values and numbers the Dutch
//! way, when and by whom. The drawing is in `chart.rs`.

use super::measurements::Kind;
use serde::{Deserialize, Serialize};

/// What is drawn at one place on the time axis: one value, or a bucket.
/// Travels to the browser as an array ([`PointWire`]): a page of three
/// charts carries some three hundred, and field names doubled their size.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(into = "PointWire", from = "PointWire")]
pub struct Point {
    pub minute: i64,
    pub from: String,
    /// The last moment in the bucket; `None` for a single value.
    pub until: Option<String>,
    pub low: f64,
    pub high: f64,
    pub mean: f64,
    pub second_low: Option<f64>,
    pub second_high: Option<f64>,
    pub second_mean: Option<f64>,
    /// The pulse of a single value.
    pub pulse: Option<i64>,
    pub count: usize,
    pub flagged: bool,
    /// How many of its values were measured at home by the family.
    pub family: usize,
    /// Who measured a single value.
    pub author: String,
}

/// [`Point`]'s fields in their order.
type PointWire = (
    i64,
    String,
    Option<String>,
    f64,
    f64,
    f64,
    Option<f64>,
    Option<f64>,
    Option<f64>,
    Option<i64>,
    usize,
    bool,
    usize,
    String,
);

impl From<Point> for PointWire {
    fn from(p: Point) -> PointWire {
        (
            p.minute,
            p.from,
            p.until,
            p.low,
            p.high,
            p.mean,
            p.second_low,
            p.second_high,
            p.second_mean,
            p.pulse,
            p.count,
            p.flagged,
            p.family,
            p.author,
        )
    }
}

impl From<PointWire> for Point {
    fn from(wire: PointWire) -> Point {
        let (
            minute,
            from,
            until,
            low,
            high,
            mean,
            second_low,
            second_high,
            second_mean,
            pulse,
            count,
            flagged,
            family,
            author,
        ) = wire;
        Point {
            minute,
            from,
            until,
            low,
            high,
            mean,
            second_low,
            second_high,
            second_mean,
            pulse,
            count,
            flagged,
            family,
            author,
        }
    }
}

/// Everything one chart shows, prepared on the server.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChartData {
    pub kind: Kind,
    /// First and last day of the time axis, "YYYY-MM-DD".
    pub first_day: String,
    pub last_day: String,
    /// Minutes from the first day's midnight to the end of the last day.
    pub span: i64,
    pub points: Vec<Point>,
    /// The values outside the reference range, newest first, at most [`FLAGGED_SHOWN`].
    pub flagged: Vec<Point>,
    /// How many more there are.
    pub flagged_more: usize,
    /// "Laatste 72,5 kg …", or `None` without values.
    pub summary: Option<String>,
}

/// Values outside the range listed under a chart; the table has them all.
pub const FLAGGED_SHOWN: usize = 10;

/// "Laatste meting 72,5 kg op 23 november 2026. Laagste 70,1, hoogste 75 in
/// deze periode. Ongeveer gelijk gebleven." `None` without values.
pub fn summary(kind: Kind, points: &[Point], last: Option<&Point>) -> Option<String> {
    let text = crate::i18n::t().dossier;
    let last = last?;
    let lowest = points.iter().map(|p| p.low).fold(f64::MAX, f64::min);
    let highest = points.iter().map(|p| p.high).fold(f64::MIN, f64::max);
    let trend = match trend(points) {
        Some(rising) if rising > 0.0 => text.trend_up,
        Some(falling) if falling < 0.0 => text.trend_down,
        Some(_) => text.trend_level,
        None => "",
    };
    Some(
        crate::i18n::fill(
            text.summary,
            &[
                ("value", &value_text(kind, last)),
                ("when", &super::moment_label(&last.from)),
                ("lowest", &local_number(lowest)),
                ("highest", &local_number(highest)),
                ("trend", trend),
            ],
        )
        .trim_end()
        .to_string(),
    )
}

/// The mean of the oldest third of the values against the newest third (by
/// count, through the stretches): positive when it rose more than 3 %,
/// negative when it fell as much, zero otherwise; `None` for fewer than 3.
fn trend(points: &[Point]) -> Option<f64> {
    let total: usize = points.iter().map(|p| p.count).sum();
    if total < 3 {
        return None;
    }
    let third = total / 3;
    let mean_of = |points: &mut dyn Iterator<Item = &Point>| {
        let (mut sum, mut taken) = (0.0, 0);
        for point in points {
            let take = point.count.min(third - taken);
            sum += point.mean * take as f64;
            taken += take;
            if taken == third {
                break;
            }
        }
        sum / third as f64
    };
    let old = mean_of(&mut points.iter());
    let new = mean_of(&mut points.iter().rev());
    let change = (new - old) / old;
    Some(if change.abs() <= 0.03 { 0.0 } else { change })
}

/// A number the reader's way: "72,5" in Dutch, "72.5" in English.
pub fn local_number(value: f64) -> String {
    let mut text = String::with_capacity(8);
    push_tenths(&mut text, value, crate::i18n::t().decimal_separator);
    text
}

/// `value` rounded to tenths, written with `separator` ("72,5", "73"):
/// integer formatting, as Rust's float formatting took most of the time of
/// drawing a chart of a hundred stretches.
pub(super) fn push_tenths(out: &mut String, value: f64, separator: char) {
    use std::fmt::Write;
    let tenths = (value * 10.0).round() as i64;
    if tenths < 0 {
        out.push('-');
    }
    let (whole, tenth) = (tenths.unsigned_abs() / 10, tenths.unsigned_abs() % 10);
    let _ = write!(out, "{whole}");
    if tenth != 0 {
        out.push(separator);
        out.push(char::from(b'0' + tenth as u8));
    }
}

/// "72,5 kg" or "135/85 mmHg", or for a bucket "70,1–75,0 kg".
pub fn value_text(kind: Kind, point: &Point) -> String {
    let range = |low: f64, high: f64| {
        if (high - low).abs() < 0.05 {
            local_number(low)
        } else {
            format!("{}–{}", local_number(low), local_number(high))
        }
    };
    let first = range(point.low, point.high);
    let value = match (point.second_low, point.second_high) {
        (Some(lo), Some(hi)) => format!("{first}/{} {}", range(lo, hi), kind.unit()),
        _ => format!("{first} {}", kind.unit()),
    };
    match point.pulse {
        Some(pulse) => crate::i18n::fill(
            crate::i18n::t().dossier.with_pulse,
            &[("value", &value), ("pulse", &pulse.to_string())],
        ),
        None => value,
    }
}

pub(super) fn when_text(point: &Point) -> String {
    match &point.until {
        None => super::moment_label(&point.from),
        Some(until) => format!(
            "{} – {} ({})",
            day_of(&point.from),
            day_of(until),
            crate::i18n::t().dossier.n_values.of(point.count as i64)
        ),
    }
}

pub(super) fn value_line(kind: Kind, point: &Point) -> String {
    format!("{}: {}", when_text(point), value_text(kind, point))
}

pub(super) fn by_text(point: &Point) -> String {
    let text = crate::i18n::t().dossier;
    match (point.count, point.family) {
        (1, 1) => format!("{} ({})", point.author, text.by_family),
        (1, _) => point.author.clone(),
        (_, 0) => String::new(),
        (count, family) if family == count => text.by_family.to_string(),
        _ => text.by_family_partly.to_string(),
    }
}

fn day_of(at: &str) -> String {
    at.get(..10)
        .unwrap_or(at)
        .parse::<chrono::NaiveDate>()
        .map(crate::dates::date_with_year)
        .unwrap_or_else(|_| at.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(count: usize, mean: f64) -> Point {
        Point {
            minute: 0,
            from: "2026-11-23T08:30".into(),
            until: None,
            low: mean,
            high: mean,
            mean,
            second_low: None,
            second_high: None,
            second_mean: None,
            pulse: None,
            count,
            flagged: false,
            family: 0,
            author: "Fatima El Amrani".into(),
        }
    }

    #[test]
    fn the_trend_weighs_stretches_by_how_many_values_they_hold() {
        // 30 values at 70, then one stretch of 30 at 74: the newest third is all 74.
        let rising = [point(30, 70.0), point(30, 74.0)];
        assert!(trend(&rising).unwrap() > 0.0);
        let level = [point(10, 70.0), point(1, 90.0), point(10, 70.5)];
        assert_eq!(trend(&level), Some(0.0));
        assert_eq!(trend(&[point(1, 70.0), point(1, 71.0)]), None);
    }

    #[test]
    fn the_summary_names_the_last_value_and_the_extremes() {
        let points = [point(5, 68.0), point(1, 72.5)];
        let summary = summary(Kind::Weight, &points, points.last()).unwrap();
        assert!(
            summary.starts_with("Laatste meting 72,5 kg op "),
            "{summary}"
        );
        assert!(summary.contains("Laagste 68, hoogste 72,5"), "{summary}");
        assert_eq!(super::summary(Kind::Weight, &[], None), None);
    }

    #[test]
    fn a_point_travels_as_an_array_and_comes_back_whole() {
        let mut p = point(21, 68.2);
        p.until = Some("2026-11-22T08:30".to_string());
        p.second_mean = Some(80.5);
        let json = serde_json::to_string(&p).unwrap();
        assert!(json.starts_with('['), "{json}");
        assert_eq!(serde_json::from_str::<Point>(&json).unwrap(), p);
    }

    #[test]
    fn a_stretch_says_whether_all_or_some_was_measured_at_home() {
        let mut p = point(21, 68.0);
        assert_eq!(by_text(&p), "");
        p.family = 21;
        assert_eq!(by_text(&p), "door familie gemeten");
        p.family = 3;
        assert_eq!(by_text(&p), "deels door familie gemeten");
        let mut single = point(1, 68.0);
        assert_eq!(by_text(&single), "Fatima El Amrani");
        single.family = 1;
        assert_eq!(by_text(&single), "Fatima El Amrani (door familie gemeten)");
    }

    #[test]
    fn numbers_are_written_the_dutch_way() {
        assert_eq!(local_number(72.5), "72,5");
        assert_eq!(local_number(140.0), "140");
        assert_eq!(local_number(6.04), "6");
        assert_eq!(local_number(72.96), "73");
        assert_eq!(local_number(0.04), "0");
        assert_eq!(local_number(-1.25), "-1,3");
    }
}
