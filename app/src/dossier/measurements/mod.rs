//! Meetwaarden: weight, blood pressure (with pulse) and blood sugar, measured
//! by the organisation or at home by the family, with plausible ranges on
//! entry and reference ranges that mark a value on the chart.

use super::chart::{ChartData, Point};
use super::{Gated, Period};
use crate::error::AppError;
use crate::form_value::{DateField, TimeField};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
#[cfg(feature = "ssr")]
use {
    super::access_log::Look,
    super::door::{enter, enter_to_write},
    crate::policy::{Action, Actor},
    crate::state::app_state,
};

/// Named as in the address and the form (`gewicht`, …).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Kind {
    #[serde(rename = "gewicht")]
    Weight,
    #[serde(rename = "bloeddruk")]
    BloodPressure,
    #[serde(rename = "bloedsuiker")]
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
    #[server(default)] period: Period,
) -> Result<Gated<MeasurementsView>, AppError> {
    let state = app_state()?;
    let inside = match enter(&state, page_id, read, Look::MeasurementsRead).await? {
        Gated::Open(inside) => inside,
        Gated::Locked(door) => return Ok(Gated::Locked(door)),
    };
    let today = crate::dates::today();
    let charts =
        super::chart_queries::charts(&state.db, page_id, inside.staff_of(), period, today).await?;
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
    #[server(default)] kind: Option<Kind>,
    #[server(default)] date: DateField,
    #[server(default)] time: TimeField,
    value: String,
    #[server(default)] diastolic: String,
    #[server(default)] pulse: String,
) -> Result<String, AppError> {
    let state = app_state()?;
    let text = crate::i18n::t().dossier;
    let inside = enter_to_write(&state, page_id, add, Look::MeasurementAdded).await?;
    let kind = kind.ok_or_else(|| AppError::invalid(text.bad_kind))?;
    let at = super::checked_moment(date, time)?;
    let reading = check_reading(kind, &value, &diastolic, &pulse).map_err(AppError::invalid)?;
    let measurement = queries::NewMeasurement {
        kind,
        at,
        reading,
        provider_id: inside.staff_of(),
        author_id: Some(inside.account.id),
        author_name: &inside.author_name(),
    };
    let mut tx = state.db.begin().await?;
    queries::insert(&mut tx, page_id, measurement).await?;
    inside
        .record_in(&mut tx, page_id, Look::MeasurementAdded)
        .await?;
    tx.commit().await?;
    let point = Point::from_reading(&at.format("%Y-%m-%dT%H:%M").to_string(), reading);
    let message = crate::i18n::fill(
        text.measurement_saved,
        &[
            ("kind", kind.label()),
            ("value", &super::chart::value_text(kind, &point)),
        ],
    );
    crate::accounts::flash::done(&state.db, message).await
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
            family: 0,
            author: String::new(),
        }
    }
}

#[cfg(feature = "ssr")]
pub mod queries;

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
}
