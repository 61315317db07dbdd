//! How typed values travel in a form. Browsers send every field as text, and
//! the same text arrives whether a script sent the form or the browser did
//! without JavaScript: a ticked checkbox sends "on" and an unticked one
//! nothing, an empty date or time field sends "". These serde adapters turn
//! that text into real types (bool, dates, times, numbers) at the boundary,
//! and write the same text back, so a server function's arguments are typed
//! and the browser's caller sends exactly what a plain form would.
//!
//! A value that is not what its field promises (a date field holding "morgen")
//! fails to deserialize; the failure names its kind, and
//! [`crate::error::AppError`] turns it into a sentence in the reader's
//! language.

use crate::i18n::{t, Texts};
use chrono::{NaiveDate, NaiveTime};
use serde::{de, Deserialize, Deserializer, Serialize, Serializer};

/// The kinds of text a field can fail to be; the marker travels inside the
/// deserializer's error message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Malformed {
    Date,
    Time,
    Number,
}

impl Malformed {
    const ALL: [Malformed; 3] = [Malformed::Date, Malformed::Time, Malformed::Number];

    fn marker(self) -> &'static str {
        match self {
            Malformed::Date => "kring-field:date",
            Malformed::Time => "kring-field:time",
            Malformed::Number => "kring-field:number",
        }
    }

    fn error<E: de::Error>(self) -> E {
        E::custom(self.marker())
    }

    /// Which kind a deserializer's error message is about, if it is one of ours.
    pub fn in_message(message: &str) -> Option<Malformed> {
        Self::ALL
            .into_iter()
            .find(|kind| message.contains(kind.marker()))
    }

    pub fn sentence(self, text: &Texts) -> &'static str {
        match self {
            Malformed::Date => text.err_date_format,
            Malformed::Time => text.cal_err_time,
            Malformed::Number => text.err_number,
        }
    }
}

/// The message for arguments a server function could not read.
pub fn refusal(detail: &str) -> &'static str {
    match Malformed::in_message(detail) {
        Some(kind) => kind.sentence(t()),
        None => t().err_bad_request,
    }
}

fn text<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    Ok(Option::<String>::deserialize(deserializer)?.unwrap_or_default())
}

/// A checkbox: ticked when it sent anything but "" or "false" (a plain form
/// sends "on", and nothing at all when unticked; use with `#[serde(default)]`).
pub mod checkbox {
    use super::*;

    pub fn serialize<S: Serializer>(ticked: &bool, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(if *ticked { "on" } else { "" })
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<bool, D::Error> {
        let value = text(deserializer)?;
        Ok(!matches!(value.trim(), "" | "false" | "off"))
    }
}

/// A date field: "" is none; the browser's ISO form (2026-11-18) and the
/// Dutch written form (18-11-2026, typed where a browser has no date picker).
pub mod optional_date {
    use super::*;

    pub fn parse(value: &str) -> Option<NaiveDate> {
        let value = value.trim();
        NaiveDate::parse_from_str(value, "%Y-%m-%d")
            .or_else(|_| NaiveDate::parse_from_str(value, "%d-%m-%Y"))
            .ok()
    }

    pub fn serialize<S: Serializer>(
        date: &Option<NaiveDate>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match date {
            Some(date) => serializer.collect_str(&date.format("%Y-%m-%d")),
            None => serializer.serialize_str(""),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<NaiveDate>, D::Error> {
        let value = text(deserializer)?;
        if value.trim().is_empty() {
            return Ok(None);
        }
        parse(&value)
            .map(Some)
            .ok_or_else(|| Malformed::Date.error())
    }
}

/// A time field: "" is none; "09:30" (some browsers add seconds: "09:30:00").
pub mod optional_time {
    use super::*;

    pub fn serialize<S: Serializer>(
        time: &Option<NaiveTime>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match time {
            Some(time) => serializer.collect_str(&time.format("%H:%M")),
            None => serializer.serialize_str(""),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<NaiveTime>, D::Error> {
        let value = text(deserializer)?;
        let value = value.trim();
        if value.is_empty() {
            return Ok(None);
        }
        NaiveTime::parse_from_str(value, "%H:%M")
            .or_else(|_| NaiveTime::parse_from_str(value, "%H:%M:%S"))
            .map(Some)
            .map_err(|_| Malformed::Time.error())
    }
}

/// A whole number field: "" is none.
pub mod optional_number {
    use super::*;

    pub fn serialize<S: Serializer, N: std::fmt::Display>(
        number: &Option<N>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match number {
            Some(number) => serializer.collect_str(number),
            None => serializer.serialize_str(""),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>, N: std::str::FromStr>(
        deserializer: D,
    ) -> Result<Option<N>, D::Error> {
        let value = text(deserializer)?;
        let value = value.trim();
        if value.is_empty() {
            return Ok(None);
        }
        value
            .parse()
            .map(Some)
            .map_err(|_| Malformed::Number.error())
    }
}

/// A checkbox as a server function's own argument (give it
/// `#[server(default)]`: an unticked box sends nothing).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Checkbox(#[serde(with = "checkbox")] pub bool);

/// A date field as a server function's own argument; empty is none.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct DateField(#[serde(with = "optional_date")] pub Option<NaiveDate>);

/// A time field as a server function's own argument; empty is none.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct TimeField(#[serde(with = "optional_time")] pub Option<NaiveTime>);

/// A choice among things with ids (a location in a select) as a server
/// function's own argument; the empty choice is none.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct IdField(#[serde(with = "optional_number")] pub Option<i64>);

#[cfg(test)]
mod tests {
    use super::*;
    use serde::{Deserialize, Serialize};

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Form {
        #[serde(default, with = "checkbox")]
        ticked: bool,
        #[serde(default, with = "optional_date")]
        day: Option<NaiveDate>,
        #[serde(default, with = "optional_time")]
        at: Option<NaiveTime>,
        #[serde(default, with = "optional_number")]
        times: Option<u32>,
    }

    fn read(query: &str) -> Result<Form, String> {
        serde_json::from_value::<Form>(serde_json::Value::Object(
            query
                .split('&')
                .filter(|pair| !pair.is_empty())
                .map(|pair| {
                    let (name, value) = pair.split_once('=').unwrap();
                    (name.to_string(), serde_json::Value::String(value.into()))
                })
                .collect(),
        ))
        .map_err(|error| error.to_string())
    }

    #[test]
    fn what_a_plain_form_sends_is_read_as_typed_values() {
        assert_eq!(
            read("ticked=on&day=2026-11-18&at=09:30&times=3").unwrap(),
            Form {
                ticked: true,
                day: NaiveDate::from_ymd_opt(2026, 11, 18),
                at: NaiveTime::from_hms_opt(9, 30, 0),
                times: Some(3),
            }
        );
        let empty = read("day=&at=&times=").unwrap();
        assert_eq!(
            (empty.ticked, empty.day, empty.at, empty.times),
            (false, None, None, None)
        );
        assert_eq!(
            read("day=18-11-2026").unwrap().day,
            NaiveDate::from_ymd_opt(2026, 11, 18)
        );
        assert_eq!(
            read("at=09:30:00").unwrap().at,
            NaiveTime::from_hms_opt(9, 30, 0)
        );
    }

    #[test]
    fn a_malformed_value_says_which_kind_it_is() {
        for (query, kind) in [
            ("day=2026-02-30", Malformed::Date),
            ("day=morgen", Malformed::Date),
            ("at=25:00", Malformed::Time),
            ("times=-1", Malformed::Number),
            ("times=99999999999", Malformed::Number),
        ] {
            let error = read(query).unwrap_err();
            assert_eq!(
                Malformed::in_message(&error),
                Some(kind),
                "{query}: {error}"
            );
        }
        assert_eq!(Malformed::in_message("missing field `page_id`"), None);
    }

    #[test]
    fn typed_values_are_written_as_a_plain_form_would_send_them() {
        let form = Form {
            ticked: true,
            day: NaiveDate::from_ymd_opt(2026, 1, 5),
            at: NaiveTime::from_hms_opt(14, 0, 0),
            times: None,
        };
        let json = serde_json::to_value(&form).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"ticked": "on", "day": "2026-01-05", "at": "14:00", "times": ""})
        );
    }
}
