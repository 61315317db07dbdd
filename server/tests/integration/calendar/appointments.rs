//! Adding appointments: a series that asks for help, bad input, and who may
//! add or change what.

use super::*;
use kring_app::db;

#[tokio::test]
async fn a_weekly_series_that_asks_for_help() {
    let family = demo_family().await;
    let admin = family.client_of(ADMIN).await;
    let helper = family.client_of(HELPER).await;
    let date = this_week_date();
    let fields = AppointmentFields {
        end_time: at("15:00"),
        ask_help: true,
        repeat: Repetition::Weekly,
        times: Some(3),
        ..appointment("Boodschappen", date, "14:00")
    };
    let response = family.add(&admin, fields).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response
        .headers()
        .get("location")
        .unwrap()
        .to_str()
        .unwrap()
        .contains("/kalender?week="));

    let view = family.week(&helper).await;
    let (id, occurrence) = appointment_ids(&view, "Boodschappen")[0];
    let next = kring_app::calendar::week::Week::containing(kring_app::dates::today())
        .next()
        .key();
    let next_week: WeekView = family.week_as(&helper, &next).await.json().await.unwrap();
    assert_eq!(
        appointment_ids(&next_week, "Boodschappen").len(),
        1,
        "repeats next week"
    );

    // The helper signs up; the admin sees who helps.
    let sign_up = family.set_helping(&helper, id, occurrence, true).await;
    assert_eq!(sign_up.status(), StatusCode::OK);
    // The sign-up names the page itself (ready for a sharded database).
    let signed_on: Vec<Option<i64>> =
        db::query_scalar("SELECT care_page_id FROM appointment_helpers")
            .fetch_all(family.app.state.db.reader())
            .await
            .unwrap();
    assert_eq!(signed_on, [Some(family.page_id)]);
    let as_admin = family.week(&admin).await;
    let item = as_admin
        .days
        .iter()
        .flat_map(|d| &d.items)
        .find(|i| i.title == "Boodschappen")
        .unwrap();
    let ItemKind::Appointment(info) = &item.kind else {
        panic!()
    };
    assert_eq!(info.helpers, ["Sanne de Wit"]);
    assert!(!info.i_help);
    let as_helper = family.week(&helper).await;
    let item = as_helper
        .days
        .iter()
        .flat_map(|d| &d.items)
        .find(|i| i.title == "Boodschappen")
        .unwrap();
    let ItemKind::Appointment(info) = &item.kind else {
        panic!()
    };
    assert!(info.i_help, "Jij helpt mee");

    // Withdrawing takes the name away again.
    family.set_helping(&helper, id, occurrence, false).await;
    let as_admin = family.week(&admin).await;
    let item = as_admin
        .days
        .iter()
        .flat_map(|d| &d.items)
        .find(|i| i.title == "Boodschappen")
        .unwrap();
    let ItemKind::Appointment(info) = &item.kind else {
        panic!()
    };
    assert!(info.helpers.is_empty());
}

#[tokio::test]
async fn bad_appointment_input_gets_a_dutch_message_and_changes_nothing() {
    let family = demo_family().await;
    let admin = family.client_of(ADMIN).await;
    let date = this_week_date();
    let long = "x".repeat(10_000);
    let typed_cases = [
        (
            AppointmentFields {
                end_time: at("10:00"),
                ..appointment("Tandarts", date, "11:00")
            },
            "na de begintijd",
        ),
        (appointment(&long, date, "11:00"), "te lang"),
        (appointment("", date, "11:00"), "Vul titel in."),
        (
            AppointmentFields {
                repeat: Repetition::Weekly,
                ..appointment("Tandarts", date, "11:00")
            },
            "tot wanneer",
        ),
    ];
    for (fields, expected) in typed_cases {
        let response = family.add(&admin, fields).await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST);
        let message = error_message(response).await;
        assert!(
            message.contains(expected),
            "{message} should contain {expected}"
        );
    }
    // Text no typed value can hold, as a browser without a date picker or a
    // script could send it: the field's kind is named, in Dutch.
    let day = date.to_string();
    for (fields, expected) in [
        (
            vec![
                ("title", "Tandarts"),
                ("date", "2026-02-30"),
                ("start_time", "11:00"),
            ],
            "geldige datum",
        ),
        (
            vec![
                ("title", "Tandarts"),
                ("date", day.as_str()),
                ("start_time", "elf uur"),
            ],
            "geldige tijd",
        ),
        (
            vec![
                ("title", "Tandarts"),
                ("date", day.as_str()),
                ("start_time", "11:00"),
                ("repeat", "weekly"),
                ("times", "drie"),
            ],
            "heel getal",
        ),
        (
            vec![
                ("title", "Tandarts"),
                ("date", day.as_str()),
                ("start_time", "11:00"),
                ("repeat", "yearly"),
            ],
            "kloppen niet",
        ),
    ] {
        let response = family.add_typed(&admin, &fields).await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{fields:?}");
        let message = error_message(response).await;
        assert!(
            message.contains(expected),
            "{message} should contain {expected}"
        );
    }
    assert_eq!(family.app.count("appointments").await, 0);

    // Another page's id: the admin of this page is a stranger there.
    let other: i64 = db::query_scalar("INSERT INTO care_pages (first_name, last_name, birth_date, created_at) VALUES ('Ander', 'Persoon', '1940-01-01', '2026-01-01T00:00:00Z') RETURNING id")
        .fetch_one(family.app.state.db.writer()).await.unwrap();
    let arguments = AddAppointment {
        page_id: other,
        appointment: appointment("Stiekem", date, "10:00"),
    };
    let response = family.app.send_as(&admin, arguments).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert_eq!(family.app.count("appointments").await, 0);

    let bad_week = family.week_as(&admin, "2025-W53").await;
    assert_eq!(bad_week.status(), StatusCode::BAD_REQUEST);
    assert!(error_message(bad_week)
        .await
        .contains("Deze week bestaat niet"));
}

#[tokio::test]
async fn staff_and_helpers_cannot_add_or_change_what_is_not_theirs() {
    let family = demo_family().await;
    let admin = family.client_of(ADMIN).await;
    let helper = family.client_of(HELPER).await;
    let staff = family.client_of(STAFF).await;
    let date = this_week_date();
    let fields = AppointmentFields {
        share_with_provider: true,
        ..appointment("Van de thuiszorg", date, "09:00")
    };
    let staff_add = family.add(&staff, fields).await;
    assert_eq!(staff_add.status(), StatusCode::NOT_FOUND);
    let birthday = AppointmentFields {
        title: "Verjaardag".into(),
        date: Some(date),
        all_day: true,
        share_with_provider: true,
        ..Default::default()
    };
    family.add(&admin, birthday).await;
    let (id, day) = appointment_ids(&family.week(&admin).await, "Verjaardag")[0];
    let family = &family;
    let delete =
        |client: Client| async move { family.delete(&client, id, day, Scope::Series).await };
    assert_eq!(
        delete(helper.clone()).await.status(),
        StatusCode::NOT_FOUND,
        "a helper changes only her own"
    );
    assert_eq!(
        delete(staff.clone()).await.status(),
        StatusCode::NOT_FOUND,
        "staff change nothing"
    );
    assert_eq!(family.app.count("appointments").await, 1);
    let helping = family.set_helping(&staff, id, day, true).await;
    assert_eq!(helping.status(), StatusCode::NOT_FOUND);
    assert_eq!(delete(admin.clone()).await.status(), StatusCode::OK);
    assert_eq!(family.app.count("appointments").await, 0);
}

#[tokio::test]
async fn a_helper_signs_up_for_every_time_of_a_series_and_stops_again() {
    let family = demo_family().await;
    let admin = family.client_of(ADMIN).await;
    let helper = family.client_of(HELPER).await;
    let walks = AppointmentFields {
        ask_help: true,
        repeat: Repetition::Weekly,
        times: Some(4),
        ..appointment("Wandelen", this_monday(), "15:00")
    };
    assert_eq!(family.add(&admin, walks).await.status(), StatusCode::OK);
    let (id, monday) = appointment_ids(&family.week(&helper).await, "Wandelen")[0];
    let every_time = |help: bool| SetHelping {
        page_id: family.page_id,
        appointment_id: id,
        date: monday,
        help,
        every_time: true,
    };
    let said: String = family
        .app
        .send_as(&helper, every_time(true))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(said, "Je helpt elke keer mee: Wandelen");

    // Every occurrence, this week and later, names her; she sees that she
    // helps every time.
    let next = kring_app::calendar::week::Week::containing(this_monday())
        .next()
        .key();
    for view in [
        family.week(&admin).await,
        family.week_as(&admin, &next).await.json().await.unwrap(),
    ] {
        let info = appointment_info(&view, "Wandelen");
        assert_eq!(info.helpers, ["Sanne de Wit"]);
        assert!(
            !info.i_help && !info.i_help_every_time,
            "the admin does not help"
        );
    }
    let info = appointment_info(&family.week(&helper).await, "Wandelen");
    assert!(info.i_help && info.i_help_every_time);

    // Signing up for one date as well does not name her twice.
    family.set_helping(&helper, id, monday, true).await;
    assert_eq!(
        appointment_info(&family.week(&admin).await, "Wandelen")
            .helpers
            .len(),
        1
    );

    // Stopping "every time" leaves the one date she also chose.
    family.app.send_as(&helper, every_time(false)).await;
    let next_week: WeekView = family.week_as(&admin, &next).await.json().await.unwrap();
    assert!(appointment_info(&next_week, "Wandelen").helpers.is_empty());
    assert_eq!(
        appointment_info(&family.week(&admin).await, "Wandelen").helpers,
        ["Sanne de Wit"]
    );

    // Only a series has "every time", and only where help is asked.
    family
        .add(&admin, appointment("Kapper", this_monday(), "10:00"))
        .await;
    let (single, day) = appointment_ids(&family.week(&admin).await, "Kapper")[0];
    let refused = family
        .app
        .send_as(
            &helper,
            SetHelping {
                appointment_id: single,
                date: day,
                help: false,
                ..every_time(false)
            },
        )
        .await;
    assert_eq!(refused.status(), StatusCode::BAD_REQUEST);
    assert_eq!(family.app.count("series_helpers").await, 0);

    // Whoever loses access to the page stops helping every time.
    family.app.send_as(&helper, every_time(true)).await;
    assert_eq!(family.app.count("series_helpers").await, 1);
    let sanne: i64 = db::query_scalar("SELECT id FROM accounts WHERE email = $1")
        .bind(HELPER)
        .fetch_one(family.app.state.db.reader())
        .await
        .unwrap();
    let removed = family
        .app
        .send_as(
            &admin,
            kring_app::connections::api::RemoveMember {
                page_id: family.page_id,
                account_id: sanne,
            },
        )
        .await;
    assert!(removed.status().is_success(), "{}", removed.status());
    assert_eq!(family.app.count("series_helpers").await, 0);
}

fn appointment_info(view: &WeekView, title: &str) -> kring_app::calendar::AppointmentInfo {
    view.days
        .iter()
        .flat_map(|day| &day.items)
        .find_map(|item| match &item.kind {
            ItemKind::Appointment(info) if item.title == title => Some(info.clone()),
            _ => None,
        })
        .expect("the appointment")
}
