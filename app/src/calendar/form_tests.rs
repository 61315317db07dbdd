//! The appointment form's checks: what a browser sends arrives typed, and
//! every refusal names its field in words.

use super::form::field;
use super::form::*;
use chrono::{NaiveDate, NaiveTime};

fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn time(h: u32, m: u32) -> Option<NaiveTime> {
    NaiveTime::from_hms_opt(h, m, 0)
}

fn form() -> AppointmentFields {
    AppointmentFields {
        title: "Naar de tandarts".into(),
        date: date(2026, 11, 18),
        start_time: time(10, 0),
        end_time: time(11, 0),
        ..Default::default()
    }
}

/// The fields as a plain form sends them: every value text.
fn sent(pairs: &[(&str, &str)]) -> Result<AppointmentFields, String> {
    let object = pairs
        .iter()
        .map(|(name, value)| (name.to_string(), serde_json::Value::from(*value)))
        .collect();
    serde_json::from_value(serde_json::Value::Object(object)).map_err(|e| e.to_string())
}

#[test]
fn a_plain_appointment() {
    let checked = form().check().unwrap();
    assert_eq!(checked.title, "Naar de tandarts");
    assert_eq!(checked.start, time(10, 0));
    assert!(checked.rule.is_none() && !checked.share_with_provider && !checked.ask_help);
}

#[test]
fn the_form_as_a_browser_sends_it_arrives_typed() {
    let fields = sent(&[
        ("title", "Koffie"),
        ("date", "2026-11-26"),
        ("start_time", "14:00"),
        ("end_time", ""),
        ("place", ""),
        ("ask_help", "on"),
        ("repeat", "weekly"),
        ("every", "2"),
        ("until", ""),
        ("times", "4"),
    ])
    .unwrap();
    assert_eq!(
        fields,
        AppointmentFields {
            title: "Koffie".into(),
            date: date(2026, 11, 26),
            start_time: time(14, 0),
            ask_help: true,
            repeat: Repetition::Weekly,
            every: Some(2),
            times: Some(4),
            ..Default::default()
        }
    );
    let round_trip: AppointmentFields =
        serde_json::from_value(serde_json::to_value(&fields).unwrap()).unwrap();
    assert_eq!(
        round_trip, fields,
        "what the script sends reads back the same"
    );
}

#[test]
fn a_value_no_form_could_send_is_refused_by_its_kind() {
    use crate::form_value::Malformed;
    for (pairs, kind) in [
        (&[("date", "2026-02-30")][..], Some(Malformed::Date)),
        (&[("start_time", "25:00")][..], Some(Malformed::Time)),
        (&[("every", "twee")][..], Some(Malformed::Number)),
        (&[("repeat", "yearly")][..], None),
    ] {
        let error = sent(pairs).unwrap_err();
        assert_eq!(Malformed::in_message(&error), kind, "{pairs:?}: {error}");
    }
    // A date chrono can hold but Kring does not accept reads, and is refused.
    let far = sent(&[
        ("title", "x"),
        ("date", "+262142-01-01"),
        ("start_time", "10:00"),
    ]);
    assert!(far
        .unwrap()
        .check()
        .unwrap_err()
        .to_string()
        .contains("tussen 1900 en 2200"));
}

#[test]
fn bad_input_is_refused_in_dutch() {
    let weekly = |until, times| AppointmentFields {
        repeat: Repetition::Weekly,
        until,
        times,
        ..form()
    };
    let cases: Vec<(AppointmentFields, &str)> = vec![
        (
            AppointmentFields {
                title: " ".into(),
                ..form()
            },
            "Vul titel in.",
        ),
        (
            AppointmentFields {
                title: "x".repeat(10_000),
                ..form()
            },
            "te lang",
        ),
        (
            AppointmentFields {
                date: None,
                ..form()
            },
            "Vul datum in.",
        ),
        (
            AppointmentFields {
                date: date(2201, 1, 1),
                ..form()
            },
            "tussen 1900 en 2200",
        ),
        (
            AppointmentFields {
                title: "Kapper\rEND:VEVENT".into(),
                ..form()
            },
            "mag geen",
        ),
        (
            AppointmentFields {
                place: "Dorp\u{0}".into(),
                ..form()
            },
            "mag geen",
        ),
        (
            AppointmentFields {
                description: "regel\rnog een".into(),
                ..form()
            },
            "mag geen",
        ),
        (
            AppointmentFields {
                end_time: time(9, 0),
                ..form()
            },
            "na de begintijd",
        ),
        (
            AppointmentFields {
                end_time: time(10, 0),
                ..form()
            },
            "na de begintijd",
        ),
        (
            AppointmentFields {
                start_time: None,
                ..form()
            },
            "Vul begintijd in.",
        ),
        (weekly(None, None), "tot wanneer"),
        (weekly(date(2026, 11, 1), None), "voor de eerste"),
        (
            AppointmentFields {
                repeat: Repetition::Daily,
                until: date(2040, 1, 1),
                ..form()
            },
            "10 jaar",
        ),
        (weekly(None, Some(0)), "aantal keer"),
        (weekly(None, Some(1001)), "aantal keer"),
        (
            AppointmentFields {
                every: Some(0),
                ..weekly(None, Some(3))
            },
            "om de hoeveel",
        ),
    ];
    for (input, expected) in cases {
        let error = input.check().unwrap_err().to_string();
        assert!(
            error.contains(expected),
            "{error} should contain {expected}"
        );
    }
}

#[test]
fn a_refusal_names_the_field_it_is_about() {
    let weekly = |until, times| AppointmentFields {
        repeat: Repetition::Weekly,
        until,
        times,
        ..form()
    };
    let cases = [
        (
            AppointmentFields {
                title: String::new(),
                ..form()
            },
            field::TITLE,
        ),
        (
            AppointmentFields {
                date: None,
                ..form()
            },
            field::DATE,
        ),
        (
            AppointmentFields {
                start_time: None,
                ..form()
            },
            field::START,
        ),
        (
            AppointmentFields {
                end_time: time(9, 0),
                ..form()
            },
            field::END,
        ),
        (
            AppointmentFields {
                place: "x".repeat(MAX_PLACE + 1),
                ..form()
            },
            field::PLACE,
        ),
        (
            AppointmentFields {
                description: "\u{7}".into(),
                ..form()
            },
            field::DESCRIPTION,
        ),
        (weekly(None, None), field::UNTIL),
        (weekly(date(2026, 1, 1), None), field::UNTIL),
        (weekly(date(2040, 1, 1), None), field::UNTIL),
        (weekly(None, Some(0)), field::TIMES),
        (
            AppointmentFields {
                every: Some(100),
                ..weekly(None, Some(3))
            },
            field::EVERY,
        ),
    ];
    for (input, expected) in cases {
        assert_eq!(input.check().unwrap_err().field(), Some(expected));
    }
}

#[test]
fn a_description_keeps_its_lines_whatever_the_browser_sent() {
    let checked = AppointmentFields {
        description: "eerste\r\ntweede\nderde".into(),
        ..form()
    }
    .check()
    .unwrap();
    assert_eq!(checked.description, "eerste\ntweede\nderde");
}

#[test]
fn all_day_ignores_times_and_repetition_by_count_sets_the_last_date() {
    let checked = AppointmentFields {
        all_day: true,
        start_time: None,
        repeat: Repetition::Weekly,
        times: Some(4),
        ..form()
    }
    .check()
    .unwrap();
    assert_eq!(checked.start, None);
    let rule = checked.rule.unwrap();
    assert_eq!(rule.until, NaiveDate::from_ymd_opt(2026, 12, 9).unwrap());
}
