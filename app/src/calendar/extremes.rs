//! Property tests: whatever date, week or repetition arrives, the parsers
//! refuse or accept it and the week and repetition code answers; nothing
//! panics (a panic would drop the connection and say nothing in Dutch).

use super::form::{AppointmentFields, Repetition};
use super::recurrence::{self, Frequency, Rule};
use super::week::Week;
use crate::fields::{self, BirthDate};
use chrono::{Datelike, NaiveDate};
use proptest::prelude::*;

/// Any date chrono can hold, from its first day to its last.
fn any_date() -> impl Strategy<Value = NaiveDate> {
    let first = NaiveDate::MIN.num_days_from_ce();
    let last = NaiveDate::MAX.num_days_from_ce();
    (first..=last).prop_map(|days| NaiveDate::from_num_days_from_ce_opt(days).unwrap())
}

/// Dates people and attackers type: extreme years, signs, odd separators.
fn typed_date() -> impl Strategy<Value = String> {
    prop_oneof![
        (any::<i32>(), 0u32..15, 0u32..40).prop_map(|(y, m, d)| format!("{y}-{m:02}-{d:02}")),
        (0u32..40, 0u32..15, any::<i32>()).prop_map(|(d, m, y)| format!("{d:02}-{m:02}-{y}")),
        (any::<i64>(), any::<u8>()).prop_map(|(y, d)| format!("+{y}-01-{d}")),
        "\\PC{0,30}",
    ]
}

fn frequency() -> impl Strategy<Value = Frequency> {
    prop_oneof![
        Just(Frequency::Daily),
        Just(Frequency::Weekly),
        Just(Frequency::Monthly)
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn typed_dates_are_refused_or_in_range(text in typed_date()) {
        let typed = crate::form_value::optional_date::parse(&text);
        if let Some(Ok(date)) = typed.map(fields::in_range) {
            prop_assert!(fields::date_in_range(date));
        }
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let _ = BirthDate::check(typed, today);
    }

    #[test]
    fn any_week_key_is_refused_or_a_whole_week(year in any::<i32>(), number in any::<u32>()) {
        if let Some(week) = Week::parse(&format!("{year}-W{number}")) {
            prop_assert_eq!(week.days().count(), 7);
            prop_assert!(week.monday() <= week.sunday());
            let _ = (week.previous(), week.next(), week.range_label(), week.key());
        }
    }

    #[test]
    fn the_week_of_any_date_is_whole(date in any_date()) {
        let week = Week::containing(date);
        let _ = (week.sunday(), week.previous(), week.next(), week.range_label());
        let _ = Week::parse(&date.to_string());
    }

    #[test]
    fn repetition_never_panics_on_extreme_dates(
        start in any_date(),
        until in any_date(),
        from in any_date(),
        to in any_date(),
        frequency in frequency(),
        interval in 0u32..200,
        count in any::<u32>(),
    ) {
        let rule = Rule { frequency, interval, until };
        let found = recurrence::occurrences(start, &rule, from, to);
        prop_assert!(found.iter().all(|day| *day >= from && *day <= to && *day <= until));
        let _ = recurrence::last_of_count(start, frequency, interval.max(1), count % 5000);
    }

    #[test]
    fn the_appointment_form_answers_any_input(
        date in any_date(),
        until in proptest::option::of(any_date()),
        times in proptest::option::of(any::<u32>()),
        every in proptest::option::of(any::<u32>()),
        repeat in proptest::sample::select(Repetition::ALL.to_vec()),
        title in "\\PC{0,10}",
    ) {
        let form = AppointmentFields {
            title,
            date: Some(date),
            start_time: chrono::NaiveTime::from_hms_opt(10, 0, 0),
            repeat,
            every,
            until,
            times,
            ..Default::default()
        };
        if let Ok(checked) = form.check() {
            prop_assert!(fields::date_in_range(checked.date));
            if let Some(rule) = checked.rule {
                prop_assert!(rule.until.year() <= checked.date.year() + recurrence::MAX_YEARS);
            }
        }
    }

    #[test]
    fn any_typed_text_in_a_form_field_is_read_or_refused(
        date in typed_date(),
        number in "\\PC{0,12}",
        time in "\\PC{0,8}",
    ) {
        let object = serde_json::json!({"date": date, "every": number, "start_time": time});
        if let Ok(fields) = serde_json::from_value::<AppointmentFields>(object) {
            let _ = fields.check();
        }
    }

}
