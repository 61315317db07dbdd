//! The dossier: what the home-care organisation writes about the person (the
//! care plan, reports of visits, measurements) and what the family measures
//! at home. Medical data: read only by the admin, the trusted group and staff
//! of a linked organisation (only what their own organisation wrote), only
//! after a fresh code by SMS ([`door`]), and every look is written to the
//! access log ([`access_log`]). Nothing here is ever logged or mailed.

#[cfg(feature = "ssr")]
pub mod access_log;
#[cfg(feature = "ssr")]
pub mod access_log_queries;
pub mod care_plan;
pub mod chart;
pub mod chart_data;
#[cfg(feature = "ssr")]
pub mod chart_queries;
#[cfg(feature = "ssr")]
pub mod chart_writes;
pub mod door;
#[cfg(feature = "ssr")]
mod door_queries;
#[cfg(feature = "ssr")]
pub mod downloads;
pub mod log_page;
pub mod measurements;
pub mod medication;
pub mod medication_page;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod pdf;
pub mod reports;

use serde::{Deserialize, Serialize};

/// What a dossier screen answers: its content, or the door when this
/// session has not typed a fresh code (then nothing medical is sent).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Gated<T> {
    Open(T),
    Locked(door::DoorView),
}

/// What every open dossier screen shows around its content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Frame {
    pub page_id: i64,
    /// The person, by first name: "Dossier van Johanna".
    pub person: String,
    /// The admin sees "Wie keek in het dossier".
    pub may_view_log: bool,
    /// Now in the Netherlands, "YYYY-MM-DDTHH:MM": what the forms start
    /// with (the browser has no time-zone database; the server has).
    pub now: String,
}

impl Frame {
    /// "YYYY-MM-DD" of [`Frame::now`].
    pub fn today(&self) -> String {
        self.now.get(..10).unwrap_or_default().to_string()
    }

    /// "HH:MM" of [`Frame::now`].
    pub fn time(&self) -> String {
        self.now.get(11..16).unwrap_or_default().to_string()
    }
}

#[cfg(feature = "ssr")]
impl Frame {
    pub async fn of(
        db: &crate::db::Db,
        page_id: i64,
        inside: &door::Inside,
    ) -> Result<Frame, crate::error::AppError> {
        let person = crate::care_pages::page(db, page_id)
            .await?
            .ok_or(crate::error::AppError::NotFound)?
            .first_name;
        Ok(Frame {
            page_id,
            person,
            may_view_log: crate::policy::allows(
                inside.actor,
                crate::policy::Action::ViewAccessLog { fresh_code: true },
            ),
            now: crate::dates::now_local()
                .format("%Y-%m-%dT%H:%M")
                .to_string(),
        })
    }
}

/// The stretch of time a screen shows, newest at the end. Named as in the
/// address (`?periode=3m`), in a form and on the wire alike; read leniently
/// (see [`Period::from_query`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
pub enum Period {
    #[serde(rename = "2w")]
    TwoWeeks,
    #[default]
    #[serde(rename = "3m")]
    ThreeMonths,
    #[serde(rename = "1j")]
    Year,
    #[serde(rename = "alles")]
    All,
}

impl<'de> Deserialize<'de> for Period {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(Period::from_query(&String::deserialize(deserializer)?))
    }
}

impl Period {
    pub const ALL: [Period; 4] = [
        Period::TwoWeeks,
        Period::ThreeMonths,
        Period::Year,
        Period::All,
    ];

    /// As it appears in an address: `?periode=3m`.
    pub fn as_query(self) -> &'static str {
        match self {
            Period::TwoWeeks => "2w",
            Period::ThreeMonths => "3m",
            Period::Year => "1j",
            Period::All => "alles",
        }
    }

    /// Anything unknown is the default, so an old or edited link still shows something.
    pub fn from_query(value: &str) -> Period {
        Period::ALL
            .into_iter()
            .find(|period| period.as_query() == value)
            .unwrap_or_default()
    }

    pub fn label(self) -> &'static str {
        let text = crate::i18n::t().dossier;
        match self {
            Period::TwoWeeks => text.period_two_weeks,
            Period::ThreeMonths => text.period_three_months,
            Period::Year => text.period_year,
            Period::All => text.period_all,
        }
    }

    /// The first day shown, counting back from `today`; `None` for everything.
    pub fn first_day(self, today: chrono::NaiveDate) -> Option<chrono::NaiveDate> {
        match self {
            Period::TwoWeeks => Some(today - chrono::Days::new(13)),
            Period::ThreeMonths => today.checked_sub_months(chrono::Months::new(3)),
            Period::Year => today.checked_sub_months(chrono::Months::new(12)),
            Period::All => None,
        }
    }
}

/// A date and time that are not in the future ("YYYY-MM-DD", "HH:MM"), for a
/// measurement or a visit; from 2000 on.
#[cfg(feature = "ssr")]
pub fn checked_moment(
    date: crate::form_value::DateField,
    time: crate::form_value::TimeField,
) -> Result<chrono::NaiveDateTime, crate::error::AppError> {
    let text = crate::i18n::t().dossier;
    let moment = date
        .0
        .zip(time.0)
        .map(|(date, time)| date.and_time(time))
        .ok_or_else(|| crate::error::AppError::invalid(text.bad_moment))?;
    let now = crate::dates::now_local();
    let earliest = chrono::NaiveDate::from_ymd_opt(2000, 1, 1)
        .and_then(|day| day.and_hms_opt(0, 0, 0))
        .unwrap_or_default();
    if moment > now + chrono::Duration::minutes(5) || moment < earliest {
        return Err(crate::error::AppError::invalid(text.bad_moment));
    }
    Ok(moment)
}

/// "2026-11-23T08:30" as people read it: "ma 23 november 2026, 08:30".
pub fn moment_label(at: &str) -> String {
    match chrono::NaiveDateTime::parse_from_str(at, "%Y-%m-%dT%H:%M") {
        Ok(moment) => moment_words(moment),
        Err(_) => at.to_string(),
    }
}

/// A wall-clock moment as people read it: "ma 23 november 2026, 08:30".
pub fn moment_words(moment: chrono::NaiveDateTime) -> String {
    format!(
        "{}, {}",
        crate::dates::date_with_year(moment.date()),
        moment.format("%H:%M")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_round_trip_through_the_address_and_default_to_three_months() {
        for period in Period::ALL {
            assert_eq!(Period::from_query(period.as_query()), period);
        }
        assert_eq!(Period::from_query("zomaar"), Period::ThreeMonths);
    }

    #[test]
    fn periods_count_back_from_today() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        assert_eq!(
            Period::TwoWeeks.first_day(today),
            chrono::NaiveDate::from_ymd_opt(2026, 11, 10)
        );
        assert_eq!(
            Period::ThreeMonths.first_day(today),
            chrono::NaiveDate::from_ymd_opt(2026, 8, 23)
        );
        assert_eq!(
            Period::Year.first_day(today),
            chrono::NaiveDate::from_ymd_opt(2025, 11, 23)
        );
        assert_eq!(Period::All.first_day(today), None);
    }
}
