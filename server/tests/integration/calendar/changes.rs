//! Changing and deleting appointments: one occurrence or the whole series,
//! and ids from another page.

use super::*;

#[tokio::test]
async fn deleting_one_occurrence_keeps_the_rest_of_the_series() {
    let family = demo_family().await;
    let admin = family.client_of(ADMIN).await;
    let monday = kring_app::calendar::week::Week::containing(kring_app::calendar::api::today())
        .monday()
        .to_string();
    family
        .add(
            &admin,
            &[
                ("title", "Wandelen"),
                ("date", &monday),
                ("start_time", "16:00"),
                ("repeat", "daily"),
                ("times", "7"),
            ],
        )
        .await;
    let occurrences = appointment_ids(&family.week(&admin).await, "Wandelen");
    assert_eq!(occurrences.len(), 7);
    let (id, second_day) = occurrences[1].clone();
    let page = family.page_id.to_string();
    let one = family
        .app
        .call_as(
            &admin,
            "delete_appointment",
            &[
                ("page_id", &page),
                ("appointment_id", &id.to_string()),
                ("date", &second_day),
                ("scope", "one"),
            ],
        )
        .await;
    assert_eq!(one.status(), StatusCode::OK);
    assert_eq!(
        appointment_ids(&family.week(&admin).await, "Wandelen").len(),
        6
    );
    // A date that is not an occurrence is not found.
    let wrong = family
        .app
        .call_as(
            &admin,
            "delete_appointment",
            &[
                ("page_id", &page),
                ("appointment_id", &id.to_string()),
                ("date", "2001-01-01"),
                ("scope", "one"),
            ],
        )
        .await;
    assert_eq!(wrong.status(), StatusCode::NOT_FOUND);
    let all = family
        .app
        .call_as(
            &admin,
            "delete_appointment",
            &[
                ("page_id", &page),
                ("appointment_id", &id.to_string()),
                ("date", &occurrences[0].1),
                ("scope", "series"),
            ],
        )
        .await;
    assert_eq!(all.status(), StatusCode::OK);
    assert!(appointment_ids(&family.week(&admin).await, "Wandelen").is_empty());
}

#[tokio::test]
async fn editing_one_occurrence_or_the_whole_series() {
    let family = demo_family().await;
    let admin = family.client_of(ADMIN).await;
    let helper = family.client_of(HELPER).await;
    let monday = kring_app::calendar::week::Week::containing(kring_app::calendar::api::today())
        .monday()
        .to_string();
    family
        .add(
            &admin,
            &[
                ("title", "Koffie"),
                ("date", &monday),
                ("start_time", "10:00"),
                ("repeat", "daily"),
                ("times", "7"),
            ],
        )
        .await;
    let occurrences = appointment_ids(&family.week(&admin).await, "Koffie");
    let (id, tuesday) = occurrences[1].clone();
    let page = family.page_id.to_string();
    let until = (kring_app::calendar::api::today() + chrono::Duration::days(60)).to_string();
    let edit = |client: &Client, occurrence: &str, scope: &str, title: &str, date: &str| {
        let form: Vec<(String, String)> = [
            ("page_id", page.as_str()),
            ("appointment_id", &id.to_string()),
            ("occurrence", occurrence),
            ("scope", scope),
            ("title", title),
            ("date", date),
            ("start_time", "10:30"),
            ("repeat", "daily"),
            ("until", &until),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        let client = client.clone();
        let url = format!("{}/api/edit_appointment", family.app.address);
        async move { client.post(url).form(&form).send().await.unwrap() }
    };

    // The form starts out with what is stored.
    let editable: kring_app::calendar::EditableAppointment = family
        .app
        .call_as(
            &admin,
            "appointment_for_edit",
            &[
                ("page_id", &page),
                ("appointment_id", &id.to_string()),
                ("date", &tuesday),
            ],
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        (
            editable.form.title.as_str(),
            editable.form.repeat.as_str(),
            editable.repeating
        ),
        ("Koffie", "daily", true)
    );

    // A helper may not change the admin's appointment; nothing changes.
    assert_eq!(
        edit(&helper, &tuesday, "series", "Thee", &tuesday)
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    // Bad input: a Dutch message, nothing changes.
    let bad = edit(&admin, &tuesday, "one", "", &tuesday).await;
    assert_eq!(bad.status(), StatusCode::BAD_REQUEST);
    assert_eq!(
        appointment_ids(&family.week(&admin).await, "Koffie").len(),
        7
    );

    // Only Tuesday becomes tea.
    assert_eq!(
        edit(&admin, &tuesday, "one", "Thee", &tuesday)
            .await
            .status(),
        StatusCode::OK
    );
    let week = family.week(&admin).await;
    assert_eq!(appointment_ids(&week, "Koffie").len(), 6);
    assert_eq!(appointment_ids(&week, "Thee").len(), 1);

    // The whole series is renamed and moves on by a day.
    let (_, wednesday) = occurrences[2].clone();
    let thursday = occurrences[3].1.clone();
    assert_eq!(
        edit(&admin, &wednesday, "series", "Koffie met taart", &thursday)
            .await
            .status(),
        StatusCode::OK
    );
    let week = family.week(&admin).await;
    assert!(appointment_ids(&week, "Koffie").is_empty());
    let moved = appointment_ids(&week, "Koffie met taart");
    assert_eq!(
        moved.first().map(|(_, day)| day.as_str()),
        Some(tuesday.as_str()),
        "Monday's moved to Tuesday"
    );
}

#[tokio::test]
async fn an_appointment_id_from_another_page_finds_nothing() {
    let family = demo_family().await;
    let admin = family.client_of(ADMIN).await;
    family
        .add(
            &admin,
            &[
                ("title", "Kapper"),
                ("date", &this_week_date()),
                ("start_time", "10:00"),
            ],
        )
        .await;
    let (id, day) = appointment_ids(&family.week(&admin).await, "Kapper")[0].clone();
    // Marieke starts a second page and uses the first page's appointment id there.
    let other: i64 = family
        .app
        .call_as(
            &admin,
            "create_care_page",
            &[
                ("first_name", "Anton"),
                ("last_name", "Bakker"),
                ("birth_date", "1936-05-05"),
            ],
        )
        .await
        .json()
        .await
        .unwrap();
    let other = other.to_string();
    for endpoint in ["set_helping", "delete_appointment", "appointment_for_edit"] {
        let response = family
            .app
            .call_as(
                &admin,
                endpoint,
                &[
                    ("page_id", &other),
                    ("appointment_id", &id.to_string()),
                    ("date", &day),
                    ("help", "true"),
                    ("scope", "series"),
                ],
            )
            .await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{endpoint}");
    }
    assert_eq!(family.app.count("appointments").await, 1);
    assert_eq!(family.app.count("appointment_helpers").await, 0);
}
