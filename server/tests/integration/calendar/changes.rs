//! Changing and deleting appointments: one occurrence or the whole series,
//! and ids from another page.

use super::*;
use kring_app::care_pages::api::CreateCarePage;
use kring_app::form_value::DateField;

#[tokio::test]
async fn deleting_one_occurrence_keeps_the_rest_of_the_series() {
    let family = demo_family().await;
    let admin = family.client_of(ADMIN).await;
    let walks = AppointmentFields {
        repeat: Repetition::Daily,
        times: Some(7),
        ..appointment("Wandelen", this_monday(), "16:00")
    };
    family.add(&admin, walks).await;
    let occurrences = appointment_ids(&family.week(&admin).await, "Wandelen");
    assert_eq!(occurrences.len(), 7);
    let (id, second_day) = occurrences[1];
    let one = family.delete(&admin, id, second_day, Scope::One).await;
    assert_eq!(one.status(), StatusCode::OK);
    assert_eq!(
        appointment_ids(&family.week(&admin).await, "Wandelen").len(),
        6
    );
    // A date that is not an occurrence is not found.
    let long_ago = NaiveDate::from_ymd_opt(2001, 1, 1).unwrap();
    let wrong = family.delete(&admin, id, long_ago, Scope::One).await;
    assert_eq!(wrong.status(), StatusCode::NOT_FOUND);
    let all = family
        .delete(&admin, id, occurrences[0].1, Scope::Series)
        .await;
    assert_eq!(all.status(), StatusCode::OK);
    assert!(appointment_ids(&family.week(&admin).await, "Wandelen").is_empty());
}

#[tokio::test]
async fn editing_one_occurrence_or_the_whole_series() {
    let family = demo_family().await;
    let admin = family.client_of(ADMIN).await;
    let helper = family.client_of(HELPER).await;
    let coffee = AppointmentFields {
        repeat: Repetition::Daily,
        times: Some(7),
        ..appointment("Koffie", this_monday(), "10:00")
    };
    family.add(&admin, coffee).await;
    let occurrences = appointment_ids(&family.week(&admin).await, "Koffie");
    let (id, tuesday) = occurrences[1];
    let until = this_week_date() + chrono::Duration::days(60);
    let family = &family;
    let edit =
        |client: &Client, occurrence: NaiveDate, scope: Scope, title: &str, date: NaiveDate| {
            let client = client.clone();
            let arguments = EditAppointment {
                page_id: family.page_id,
                appointment_id: id,
                occurrence,
                scope,
                appointment: AppointmentFields {
                    repeat: Repetition::Daily,
                    until: Some(until),
                    ..appointment(title, date, "10:30")
                },
            };
            async move { family.app.send_as(&client, arguments).await }
        };

    // The form starts out with what is stored.
    let arguments = AppointmentForEdit {
        page_id: family.page_id,
        appointment_id: id,
        date: tuesday,
    };
    let editable: kring_app::calendar::EditableAppointment = family
        .app
        .send_as(&admin, arguments)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        (
            editable.form.title.as_str(),
            editable.form.repeat,
            editable.repeating
        ),
        ("Koffie", Repetition::Daily, true)
    );

    // A helper may not change the admin's appointment; nothing changes.
    assert_eq!(
        edit(&helper, tuesday, Scope::Series, "Thee", tuesday)
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    // Bad input: a Dutch message, nothing changes.
    let bad = edit(&admin, tuesday, Scope::One, "", tuesday).await;
    assert_eq!(bad.status(), StatusCode::BAD_REQUEST);
    assert_eq!(
        appointment_ids(&family.week(&admin).await, "Koffie").len(),
        7
    );

    // Only Tuesday becomes tea.
    assert_eq!(
        edit(&admin, tuesday, Scope::One, "Thee", tuesday)
            .await
            .status(),
        StatusCode::OK
    );
    let week = family.week(&admin).await;
    assert_eq!(appointment_ids(&week, "Koffie").len(), 6);
    assert_eq!(appointment_ids(&week, "Thee").len(), 1);

    // The whole series is renamed and moves on by a day.
    let (_, wednesday) = occurrences[2];
    let thursday = occurrences[3].1;
    assert_eq!(
        edit(
            &admin,
            wednesday,
            Scope::Series,
            "Koffie met taart",
            thursday
        )
        .await
        .status(),
        StatusCode::OK
    );
    let week = family.week(&admin).await;
    assert!(appointment_ids(&week, "Koffie").is_empty());
    let moved = appointment_ids(&week, "Koffie met taart");
    assert_eq!(
        moved.first().map(|(_, day)| *day),
        Some(tuesday),
        "Monday's moved to Tuesday"
    );
}

#[tokio::test]
async fn an_appointment_id_from_another_page_finds_nothing() {
    let family = demo_family().await;
    let admin = family.client_of(ADMIN).await;
    family
        .add(&admin, appointment("Kapper", this_week_date(), "10:00"))
        .await;
    let (id, day) = appointment_ids(&family.week(&admin).await, "Kapper")[0];
    // Marieke starts a second page and uses the first page's appointment id there.
    let other: i64 = family
        .app
        .send_as(
            &admin,
            CreateCarePage {
                first_name: "Anton".into(),
                last_name: "Bakker".into(),
                birth_date: DateField("1936-05-05".parse().ok()),
            },
        )
        .await
        .json()
        .await
        .unwrap();
    let (app, client) = (&family.app, &admin);
    let answers = [
        app.send_as(
            client,
            SetHelping {
                page_id: other,
                appointment_id: id,
                date: day,
                help: true,
                every_time: false,
            },
        )
        .await,
        app.send_as(
            client,
            DeleteAppointment {
                page_id: other,
                appointment_id: id,
                date: day,
                scope: Scope::Series,
            },
        )
        .await,
        app.send_as(
            client,
            AppointmentForEdit {
                page_id: other,
                appointment_id: id,
                date: day,
            },
        )
        .await,
    ];
    for response in answers {
        assert_eq!(
            response.status(),
            StatusCode::NOT_FOUND,
            "{}",
            response.url()
        );
    }
    assert_eq!(family.app.count("appointments").await, 1);
    assert_eq!(family.app.count("appointment_helpers").await, 0);
}
