//! Meetwaarden: weight, blood pressure (with pulse) and blood sugar, measured
//! by the organisation or at home by the family, with plausible ranges on
//! entry and reference ranges that mark a value on the chart.

use super::chart::{ChartData, Point, Sample};
use super::{Gated, Period};
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
#[cfg(feature = "ssr")]
use {
    super::access_log::Look,
    super::door::{enter, enter_to_write},
    crate::db::Db,
    crate::policy::{Action, Actor},
    crate::state::app_state,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Kind {
    Weight,
    BloodPressure,
    BloodSugar,
}

impl Kind {
    pub const ALL: [Kind; 3] = [Kind::Weight, Kind::BloodPressure, Kind::BloodSugar];

    pub fn as_db(self) -> &'static str {
        match self {
            Kind::Weight => "weight",
            Kind::BloodPressure => "blood_pressure",
            Kind::BloodSugar => "blood_sugar",
        }
    }

    /// In an address or a form: `gewicht`, `bloeddruk`, `bloedsuiker`.
    pub fn as_query(self) -> &'static str {
        match self {
            Kind::Weight => "gewicht",
            Kind::BloodPressure => "bloeddruk",
            Kind::BloodSugar => "bloedsuiker",
        }
    }

    pub fn from_query(value: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|kind| kind.as_query() == value)
    }

    pub fn label(self) -> &'static str {
        let text = crate::i18n::t().dossier;
        match self {
            Kind::Weight => text.kind_weight,
            Kind::BloodPressure => text.kind_blood_pressure,
            Kind::BloodSugar => text.kind_blood_sugar,
        }
    }

    pub fn unit(self) -> &'static str {
        match self {
            Kind::Weight => "kg",
            Kind::BloodPressure => "mmHg",
            Kind::BloodSugar => "mmol/L",
        }
    }

    /// Blood pressure is two series: systolic and diastolic.
    pub fn has_second(self) -> bool {
        self == Kind::BloodPressure
    }

    /// The dashed lines on the chart: the edges of the reference range.
    pub fn reference_lines(self) -> &'static [f64] {
        match self {
            Kind::Weight => &[],
            Kind::BloodPressure => &[140.0, 90.0],
            Kind::BloodSugar => &[4.0, 10.0],
        }
    }

    pub fn legend(self) -> &'static str {
        let text = crate::i18n::t().dossier;
        match self {
            Kind::Weight => text.legend_weight,
            Kind::BloodPressure => text.legend_blood_pressure,
            Kind::BloodSugar => text.legend_blood_sugar,
        }
    }
}

/// A value as entered, checked against what a body can measure.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Reading {
    pub value: f64,
    pub diastolic: Option<f64>,
    pub pulse: Option<i64>,
}

/// "72,5" or "72.5"; nothing else, and nothing long.
pub fn parse_decimal(typed: &str) -> Option<f64> {
    let typed = typed.trim();
    if typed.is_empty() || typed.len() > 8 {
        return None;
    }
    let value: f64 = typed.replace(',', ".").parse().ok()?;
    value.is_finite().then_some(value)
}

fn within(typed: &str, low: f64, high: f64, message: &'static str) -> Result<f64, &'static str> {
    parse_decimal(typed)
        .filter(|value| (low..=high).contains(value))
        .ok_or(message)
}

/// Checks a reading of `kind`; the error says, in Dutch, what fits.
pub fn check_reading(
    kind: Kind,
    value: &str,
    diastolic: &str,
    pulse: &str,
) -> Result<Reading, &'static str> {
    let text = crate::i18n::t().dossier;
    match kind {
        Kind::Weight => Ok(Reading {
            value: within(value, 20.0, 300.0, text.bad_weight)?,
            diastolic: None,
            pulse: None,
        }),
        Kind::BloodSugar => Ok(Reading {
            value: within(value, 1.0, 35.0, text.bad_sugar)?,
            diastolic: None,
            pulse: None,
        }),
        Kind::BloodPressure => {
            let systolic = within(value, 50.0, 260.0, text.bad_systolic)?;
            let diastolic = within(diastolic, 30.0, 160.0, text.bad_diastolic)?;
            if diastolic >= systolic {
                return Err(text.bad_pressure_order);
            }
            let pulse = match pulse.trim() {
                "" => None,
                typed => Some(within(typed, 25.0, 250.0, text.bad_pulse).and_then(|p| {
                    if p.fract() == 0.0 {
                        Ok(p as i64)
                    } else {
                        Err(text.bad_pulse)
                    }
                })?),
            };
            Ok(Reading {
                value: systolic,
                diastolic: Some(diastolic),
                pulse,
            })
        }
    }
}

/// Outside the reference range: blood pressure above 140/90, blood sugar
/// below 4 or above 10. Weight is judged against the month before: see [`flag_weights`].
pub fn outside_range(kind: Kind, value: f64, diastolic: Option<f64>) -> bool {
    match kind {
        Kind::Weight => false,
        Kind::BloodPressure => value > 140.0 || diastolic.is_some_and(|d| d > 90.0),
        Kind::BloodSugar => !(4.0..=10.0).contains(&value),
    }
}

/// Marks each weight that differs more than 5 % from any weight in the 30
/// days before it. `samples` oldest first; `minute` on one time axis.
pub fn flag_weights(samples: &mut [Sample]) {
    const WINDOW: i64 = 30 * 24 * 60;
    let mut start = 0;
    for i in 0..samples.len() {
        while samples[start].minute < samples[i].minute - WINDOW {
            start += 1;
        }
        let value = samples[i].value;
        samples[i].flagged = samples[start..i]
            .iter()
            .any(|earlier| (value - earlier.value).abs() > 0.05 * earlier.value);
    }
}

/// Who may add a measurement here, and how it will be marked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AddAs {
    /// Staff, for their organisation.
    Organisation,
    /// The admin or trusted group: "door familie gemeten".
    Family,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MeasurementsView {
    pub frame: super::Frame,
    pub period: Period,
    pub charts: Vec<ChartData>,
    pub add_as: Option<AddAs>,
}

#[server(prefix = "/api", endpoint = "measurements")]
pub async fn measurements(
    page_id: i64,
    period: String,
) -> Result<Gated<MeasurementsView>, AppError> {
    let state = app_state()?;
    let inside = match enter(&state, page_id, read, Look::MeasurementsRead).await? {
        Gated::Open(inside) => inside,
        Gated::Locked(door) => return Ok(Gated::Locked(door)),
    };
    let period = Period::from_query(&period);
    let today = crate::calendar::api::today();
    let mut charts = Vec::with_capacity(Kind::ALL.len());
    for kind in Kind::ALL {
        charts.push(
            queries::chart(&state.db, page_id, inside.staff_of(), kind, period, today).await?,
        );
    }
    let add_as = match inside.actor {
        Actor::LinkedStaff => Some(AddAs::Organisation),
        actor if crate::policy::allows(actor, Action::AddHomeMeasurement { fresh_code: true }) => {
            Some(AddAs::Family)
        }
        _ => None,
    };
    Ok(Gated::Open(MeasurementsView {
        frame: super::Frame::of(&state.db, page_id, &inside).await?,
        period,
        charts,
        add_as,
    }))
}

#[cfg(feature = "ssr")]
fn read(_: Actor, fresh_code: bool) -> Action {
    Action::ReadDossier { fresh_code }
}

/// Staff write for their organisation; the admin and trusted group add a
/// measurement taken at home.
#[cfg(feature = "ssr")]
fn add(actor: Actor, fresh_code: bool) -> Action {
    match actor {
        Actor::LinkedStaff => Action::WriteDossier { fresh_code },
        _ => Action::AddHomeMeasurement { fresh_code },
    }
}

#[server(prefix = "/api", endpoint = "add_measurement")]
pub async fn add_measurement(
    page_id: i64,
    kind: String,
    date: String,
    time: String,
    value: String,
    #[server(default)] diastolic: String,
    #[server(default)] pulse: String,
) -> Result<String, AppError> {
    let state = app_state()?;
    let text = crate::i18n::t().dossier;
    let inside = enter_to_write(&state, page_id, add, Look::MeasurementAdded).await?;
    let kind = Kind::from_query(&kind).ok_or_else(|| AppError::invalid(text.bad_kind))?;
    let at = checked_moment(&date, &time)?;
    let reading = check_reading(kind, &value, &diastolic, &pulse).map_err(AppError::invalid)?;
    let measurement = queries::NewMeasurement {
        kind,
        at: &at,
        reading,
        provider_id: inside.staff_of(),
        author_id: inside.account.id,
        author_name: &inside.author_name(),
    };
    queries::insert(&state.db, page_id, measurement).await?;
    let point = Point {
        pulse: reading.pulse,
        ..Point::from_reading(&at, reading)
    };
    let message = crate::i18n::fill(
        text.measurement_saved,
        &[kind.label(), &super::chart::value_text(kind, &point)],
    );
    crate::accounts::flash::done(&state.db, message).await
}

/// A date and time that are not in the future ("YYYY-MM-DD", "HH:MM").
#[cfg(feature = "ssr")]
pub fn checked_moment(date: &str, time: &str) -> Result<String, AppError> {
    let text = crate::i18n::t().dossier;
    let moment = chrono::NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d")
        .ok()
        .zip(chrono::NaiveTime::parse_from_str(time.trim(), "%H:%M").ok())
        .map(|(date, time)| date.and_time(time))
        .ok_or_else(|| AppError::invalid(text.bad_moment))?;
    let now = chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::Amsterdam)
        .naive_local();
    let earliest = chrono::NaiveDate::from_ymd_opt(2000, 1, 1)
        .and_then(|day| day.and_hms_opt(0, 0, 0))
        .unwrap_or_default();
    if moment > now + chrono::Duration::minutes(5) || moment < earliest {
        return Err(AppError::invalid(text.bad_moment));
    }
    Ok(moment.format("%Y-%m-%dT%H:%M").to_string())
}

impl Point {
    /// A single point for a value just entered (for its confirmation).
    pub fn from_reading(at: &str, reading: Reading) -> Point {
        Point {
            minute: 0,
            from: at.to_string(),
            until: None,
            low: reading.value,
            high: reading.value,
            mean: reading.value,
            second_low: reading.diastolic,
            second_high: reading.diastolic,
            second_mean: reading.diastolic,
            pulse: reading.pulse,
            count: 1,
            flagged: false,
            family: false,
            author: String::new(),
        }
    }
}

#[cfg(feature = "ssr")]
pub mod queries {
    use super::*;
    use crate::db::now_text;
    use chrono::NaiveDate;

    pub struct NewMeasurement<'a> {
        pub kind: Kind,
        pub at: &'a str,
        pub reading: Reading,
        pub provider_id: Option<i64>,
        pub author_id: i64,
        pub author_name: &'a str,
    }

    pub async fn insert(db: &Db, page_id: i64, m: NewMeasurement<'_>) -> Result<(), AppError> {
        sqlx::query(
            "INSERT INTO measurements (care_page_id, kind, measured_at, value, diastolic, pulse,
                 provider_id, author_id, author_name, created_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(page_id)
        .bind(m.kind.as_db())
        .bind(m.at)
        .bind(m.reading.value)
        .bind(m.reading.diastolic)
        .bind(m.reading.pulse)
        .bind(m.provider_id)
        .bind(m.author_id)
        .bind(m.author_name)
        .bind(now_text())
        .execute(db.writer())
        .await?;
        Ok(())
    }

    #[derive(sqlx::FromRow)]
    struct Row {
        measured_at: String,
        value: f64,
        diastolic: Option<f64>,
        pulse: Option<i64>,
        family: bool,
        author_name: String,
    }

    /// One chart: the values of `kind` in `period` that `staff_of` may see
    /// (all, for the family), flagged and bucketed.
    pub async fn chart(
        db: &Db,
        page_id: i64,
        staff_of: Option<i64>,
        kind: Kind,
        period: Period,
        today: NaiveDate,
    ) -> Result<ChartData, AppError> {
        let first_day = match period.first_day(today) {
            Some(day) => day,
            None => earliest_day(db, page_id, staff_of, kind)
                .await?
                .unwrap_or(today),
        };
        // Weight is judged against the month before each value, so read it too.
        let read_from = match kind {
            Kind::Weight => first_day - chrono::Days::new(30),
            _ => first_day,
        };
        let rows: Vec<Row> = sqlx::query_as(
            "SELECT measured_at, value, diastolic, pulse, provider_id IS NULL AS family, author_name
             FROM measurements
             WHERE care_page_id = ? AND kind = ? AND measured_at >= ?
               AND (provider_id = ? OR ? IS NULL)
             ORDER BY measured_at",
        )
        .bind(page_id)
        .bind(kind.as_db())
        .bind(read_from.format("%Y-%m-%dT00:00").to_string())
        .bind(staff_of)
        .bind(staff_of)
        .fetch_all(db.reader())
        .await?;
        let start = first_day.and_hms_opt(0, 0, 0).unwrap_or_default();
        let mut samples: Vec<Sample> = rows
            .into_iter()
            .filter_map(|row| {
                let at = chrono::NaiveDateTime::parse_from_str(&row.measured_at, "%Y-%m-%dT%H:%M")
                    .ok()?;
                Some(Sample {
                    minute: (at - start).num_minutes(),
                    flagged: outside_range(kind, row.value, row.diastolic),
                    at: row.measured_at,
                    value: row.value,
                    second: row.diastolic,
                    pulse: row.pulse,
                    family: row.family,
                    author: row.author_name,
                })
            })
            .collect();
        if kind == Kind::Weight {
            flag_weights(&mut samples);
        }
        samples.retain(|sample| sample.minute >= 0);
        let span = ((today - first_day).num_days() + 1) * 24 * 60;
        Ok(super::super::chart::prepare(
            kind, first_day, today, span, &samples,
        ))
    }

    async fn earliest_day(
        db: &Db,
        page_id: i64,
        staff_of: Option<i64>,
        kind: Kind,
    ) -> Result<Option<NaiveDate>, AppError> {
        let first: Option<String> = sqlx::query_scalar(
            "SELECT MIN(measured_at) FROM measurements
             WHERE care_page_id = ? AND kind = ? AND (provider_id = ? OR ? IS NULL)",
        )
        .bind(page_id)
        .bind(kind.as_db())
        .bind(staff_of)
        .bind(staff_of)
        .fetch_one(db.reader())
        .await?;
        Ok(first.and_then(|at| NaiveDate::parse_from_str(at.get(..10)?, "%Y-%m-%d").ok()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readings_are_checked_against_what_a_body_can_measure() {
        assert_eq!(
            check_reading(Kind::Weight, "72,5", "", "").unwrap().value,
            72.5
        );
        assert!(check_reading(Kind::Weight, "725", "", "").is_err());
        assert!(check_reading(Kind::Weight, "zeventig", "", "").is_err());
        assert!(check_reading(Kind::BloodSugar, "0,5", "", "").is_err());
        assert_eq!(
            check_reading(Kind::BloodSugar, "6.2", "", "")
                .unwrap()
                .value,
            6.2
        );
        let pressure = check_reading(Kind::BloodPressure, "135", "85", "72").unwrap();
        assert_eq!(
            (pressure.value, pressure.diastolic, pressure.pulse),
            (135.0, Some(85.0), Some(72))
        );
        assert!(
            check_reading(Kind::BloodPressure, "85", "135", "").is_err(),
            "swapped"
        );
        assert!(
            check_reading(Kind::BloodPressure, "135", "", "").is_err(),
            "diastolic missing"
        );
        assert!(check_reading(Kind::BloodPressure, "135", "85", "7,5").is_err());
        assert_eq!(
            check_reading(Kind::BloodPressure, "135", "85", " ")
                .unwrap()
                .pulse,
            None
        );
        assert!(check_reading(Kind::Weight, "NaN", "", "").is_err());
        assert!(
            check_reading(Kind::Weight, "1e2", "", "").is_ok(),
            "100 kg, oddly written"
        );
    }

    #[test]
    fn reference_ranges_mark_blood_pressure_and_sugar() {
        assert!(outside_range(Kind::BloodPressure, 145.0, Some(85.0)));
        assert!(outside_range(Kind::BloodPressure, 135.0, Some(92.0)));
        assert!(!outside_range(Kind::BloodPressure, 140.0, Some(90.0)));
        assert!(outside_range(Kind::BloodSugar, 3.9, None));
        assert!(outside_range(Kind::BloodSugar, 10.1, None));
        assert!(!outside_range(Kind::BloodSugar, 4.0, None));
    }

    #[test]
    fn a_weight_change_of_more_than_five_percent_within_a_month_is_marked() {
        let day = 24 * 60;
        let mut samples: Vec<Sample> = [
            (0, 70.0),
            (10 * day, 71.0),
            (20 * day, 74.0),
            (60 * day, 74.5),
            (95 * day, 70.0),
        ]
        .into_iter()
        .map(|(minute, value)| Sample {
            minute,
            at: String::new(),
            value,
            second: None,
            pulse: None,
            flagged: false,
            family: false,
            author: String::new(),
        })
        .collect();
        flag_weights(&mut samples);
        let flags: Vec<bool> = samples.iter().map(|s| s.flagged).collect();
        // 74 is 5.7 % above 70 twenty days earlier; 74.5 has nothing within
        // 30 days before it; 70 is 6 % below 74.5, but 35 days later.
        assert_eq!(flags, [false, false, true, false, false]);
    }
}
