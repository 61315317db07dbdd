//! The week calendar through the real routes: who sees what, adding and
//! deleting, help sign-up, bad input and the calendar feed.

use crate::common::{
    demo_family, error_message, new_client, Family, ADMIN, HELPER, STAFF, TRUSTED,
};
use kring_app::calendar::{ItemKind, WeekView};
use reqwest::{Client, StatusCode};

fn this_week_date() -> String {
    kring_app::calendar::api::today().to_string()
}

impl Family {
    async fn week_as(&self, client: &Client, week: &str) -> reqwest::Response {
        self.app
            .call_as(
                client,
                "calendar_week",
                &[("page_id", &self.page_id.to_string()), ("week", week)],
            )
            .await
    }

    async fn week(&self, client: &Client) -> WeekView {
        let response = self.week_as(client, "").await;
        assert_eq!(response.status(), StatusCode::OK);
        response.json().await.unwrap()
    }

    async fn add(&self, client: &Client, fields: &[(&str, &str)]) -> reqwest::Response {
        let page = self.page_id.to_string();
        let mut form: Vec<(&str, &str)> = vec![("page_id", &page)];
        form.extend_from_slice(fields);
        self.app.call_as(client, "add_appointment", &form).await
    }
}

fn titles(view: &WeekView) -> Vec<String> {
    view.days
        .iter()
        .flat_map(|day| day.items.iter().map(|item| item.title.clone()))
        .collect()
}

fn appointment_ids(view: &WeekView, title: &str) -> Vec<(i64, String)> {
    view.days
        .iter()
        .flat_map(|day| day.items.iter())
        .filter(|item| item.title == title)
        .filter_map(|item| match &item.kind {
            ItemKind::Appointment(info) => Some((info.id, info.occurrence.to_string())),
            ItemKind::Visit(_) => None,
        })
        .collect()
}

#[tokio::test]
async fn the_week_opens_on_this_week_with_the_providers_visits() {
    let family = demo_family().await;
    let admin = family.client_of(ADMIN).await;
    let view = family.week(&admin).await;
    let today = kring_app::calendar::api::today();
    assert_eq!(
        view.week,
        kring_app::calendar::week::Week::containing(today)
    );
    assert_eq!(view.days.len(), 7);
    assert!(
        titles(&view)
            .iter()
            .filter(|t| *t == "Persoonlijke verzorging")
            .count()
            == 7
    );
    let ItemKind::Visit(visit) = &view.days[0].items[0].kind else {
        panic!("a visit first on Monday")
    };
    assert_eq!(visit.provider, "Thuiszorg De Linde");
    assert_eq!(visit.duration_minutes, 30);
    assert_eq!(
        view.days[0].items[0].length_label().as_deref(),
        Some("±30 min")
    );
}

#[tokio::test]
async fn who_sees_which_appointment() {
    let family = demo_family().await;
    let admin = family.client_of(ADMIN).await;
    let date = this_week_date();
    for (title, share) in [("Kapper", None), ("Huisarts", Some("on"))] {
        let mut fields = vec![
            ("title", title),
            ("date", date.as_str()),
            ("start_time", "10:00"),
            ("repeat", "none"),
        ];
        if let Some(share) = share {
            fields.push(("share_with_provider", share));
        }
        assert_eq!(family.add(&admin, &fields).await.status(), StatusCode::OK);
    }
    // actor, sees "Kapper" (private), sees "Huisarts" (shared), sees visits
    for (email, private, shared, visits) in [
        (ADMIN, true, true, true),
        (TRUSTED, true, true, true),
        (HELPER, true, true, true),
        (STAFF, false, true, true),
    ] {
        let view = family.week(&family.client_of(email).await).await;
        let all = titles(&view);
        assert_eq!(all.contains(&"Kapper".to_string()), private, "{email}");
        assert_eq!(all.contains(&"Huisarts".to_string()), shared, "{email}");
        assert_eq!(
            all.contains(&"Persoonlijke verzorging".to_string()),
            visits,
            "{email}"
        );
    }
    // A stranger and a logged-out visitor learn nothing, not even that the page exists.
    family
        .app
        .sign_up("Vreemde", "Buitenstaander", "vreemd@example.nl")
        .await;
    let stranger = family.week_as(&family.app.client, "").await;
    assert_eq!(stranger.status(), StatusCode::NOT_FOUND);
    let missing = family
        .app
        .call("calendar_week", &[("page_id", "424242"), ("week", "")])
        .await;
    assert_eq!(
        stranger.text().await.unwrap(),
        missing.text().await.unwrap()
    );
    assert_eq!(
        family.week_as(&new_client(), "").await.status(),
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn staff_of_another_organisation_see_nothing_and_staff_see_only_their_own_visits() {
    let family = demo_family().await;
    let db = family.app.state.db.writer();
    sqlx::query("INSERT INTO providers (id, name) VALUES (50, 'Andere Zorg')")
        .execute(db)
        .await
        .unwrap();
    sqlx::query("INSERT INTO provider_links (care_page_id, provider_id, linked_at) VALUES (?, 50, '2026-01-01T00:00:00Z')")
        .bind(family.page_id).execute(db).await.unwrap();
    let monday =
        kring_app::calendar::week::Week::containing(kring_app::calendar::api::today()).monday();
    sqlx::query("INSERT INTO visits (care_page_id, provider_id, title, starts_at, duration_minutes, employee_name) VALUES (?, 50, 'Wondzorg', ?, 20, 'Kees')")
        .bind(family.page_id).bind(format!("{monday}T11:00")).execute(db).await.unwrap();
    let fatima = family.week(&family.client_of(STAFF).await).await;
    assert!(
        !titles(&fatima).contains(&"Wondzorg".to_string()),
        "another organisation's visit"
    );
    let marieke = family.week(&family.client_of(ADMIN).await).await;
    assert!(
        titles(&marieke).contains(&"Wondzorg".to_string()),
        "members see every visit"
    );
}

#[tokio::test]
async fn a_weekly_series_that_asks_for_help() {
    let family = demo_family().await;
    let admin = family.client_of(ADMIN).await;
    let helper = family.client_of(HELPER).await;
    let date = this_week_date();
    let response = family
        .add(
            &admin,
            &[
                ("title", "Boodschappen"),
                ("date", &date),
                ("start_time", "14:00"),
                ("end_time", "15:00"),
                ("ask_help", "on"),
                ("repeat", "weekly"),
                ("times", "3"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response
        .headers()
        .get("location")
        .unwrap()
        .to_str()
        .unwrap()
        .contains("/kalender?week="));

    let view = family.week(&helper).await;
    let (id, occurrence) = appointment_ids(&view, "Boodschappen")[0].clone();
    let next = kring_app::calendar::week::Week::containing(kring_app::calendar::api::today())
        .next()
        .key();
    let next_week: WeekView = family.week_as(&helper, &next).await.json().await.unwrap();
    assert_eq!(
        appointment_ids(&next_week, "Boodschappen").len(),
        1,
        "repeats next week"
    );

    // The helper signs up; the admin sees who helps.
    let page = family.page_id.to_string();
    let sign_up = family
        .app
        .call_as(
            &helper,
            "set_helping",
            &[
                ("page_id", &page),
                ("appointment_id", &id.to_string()),
                ("date", &occurrence),
                ("help", "true"),
            ],
        )
        .await;
    assert_eq!(sign_up.status(), StatusCode::OK);
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
    family
        .app
        .call_as(
            &helper,
            "set_helping",
            &[
                ("page_id", &page),
                ("appointment_id", &id.to_string()),
                ("date", &occurrence),
                ("help", "false"),
            ],
        )
        .await;
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
    for (fields, expected) in [
        (
            vec![
                ("title", "Tandarts"),
                ("date", date.as_str()),
                ("start_time", "11:00"),
                ("end_time", "10:00"),
            ],
            "na de begintijd",
        ),
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
                ("title", long.as_str()),
                ("date", date.as_str()),
                ("start_time", "11:00"),
            ],
            "te lang",
        ),
        (
            vec![
                ("title", ""),
                ("date", date.as_str()),
                ("start_time", "11:00"),
            ],
            "Vul titel in.",
        ),
        (
            vec![
                ("title", "Tandarts"),
                ("date", date.as_str()),
                ("start_time", "11:00"),
                ("repeat", "weekly"),
            ],
            "tot wanneer",
        ),
    ] {
        let response = family.add(&admin, &fields).await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST);
        let message = error_message(response).await;
        assert!(
            message.contains(expected),
            "{message} should contain {expected}"
        );
    }
    assert_eq!(family.app.count("appointments").await, 0);

    // Another page's id: the admin of this page is a stranger there.
    let other: i64 = sqlx::query_scalar("INSERT INTO care_pages (first_name, last_name, birth_date, created_at) VALUES ('Ander', 'Persoon', '1940-01-01', '2026-01-01T00:00:00Z') RETURNING id")
        .fetch_one(family.app.state.db.writer()).await.unwrap();
    let response = family
        .app
        .call_as(
            &admin,
            "add_appointment",
            &[
                ("page_id", &other.to_string()),
                ("title", "Stiekem"),
                ("date", &date),
                ("start_time", "10:00"),
            ],
        )
        .await;
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
    let staff_add = family
        .add(
            &staff,
            &[
                ("title", "Van de thuiszorg"),
                ("date", &date),
                ("start_time", "09:00"),
                ("share_with_provider", "on"),
            ],
        )
        .await;
    assert_eq!(staff_add.status(), StatusCode::NOT_FOUND);
    family
        .add(
            &admin,
            &[
                ("title", "Verjaardag"),
                ("date", &date),
                ("all_day", "on"),
                ("share_with_provider", "on"),
            ],
        )
        .await;
    let (id, day) = appointment_ids(&family.week(&admin).await, "Verjaardag")[0].clone();
    let page = family.page_id.to_string();
    let delete = |client: Client| {
        let (page, id, day) = (page.clone(), id.to_string(), day.clone());
        let app = &family.app;
        async move {
            app.call_as(
                &client,
                "delete_appointment",
                &[
                    ("page_id", &page),
                    ("appointment_id", &id),
                    ("date", &day),
                    ("scope", "series"),
                ],
            )
            .await
        }
    };
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
    let helping = family
        .app
        .call_as(
            &staff,
            "set_helping",
            &[
                ("page_id", &page),
                ("appointment_id", &id.to_string()),
                ("date", &day),
                ("help", "true"),
            ],
        )
        .await;
    assert_eq!(helping.status(), StatusCode::NOT_FOUND);
    assert_eq!(delete(admin.clone()).await.status(), StatusCode::OK);
    assert_eq!(family.app.count("appointments").await, 0);
}

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
async fn a_private_calendar_feed_that_can_be_revoked() {
    let family = demo_family().await;
    let helper = family.client_of(HELPER).await;
    let admin = family.client_of(ADMIN).await;
    let page = family.page_id.to_string();
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

    let url: String = family
        .app
        .call_as(&helper, "renew_feed", &[("page_id", &page)])
        .await
        .json()
        .await
        .unwrap();
    assert!(url.starts_with(&format!("{}/agenda/", family.app.address)) && url.ends_with(".ics"));
    let feed = new_client().get(&url).send().await.unwrap();
    assert_eq!(feed.status(), StatusCode::OK);
    assert!(feed.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/calendar"));
    let body = feed.text().await.unwrap();
    assert!(
        body.starts_with("BEGIN:VCALENDAR")
            && body.contains("SUMMARY:Kapper")
            && body.contains("SUMMARY:Persoonlijke verzorging")
    );
    assert_eq!(family.week(&helper).await.feed_active, Some(true));
    let staff_view = family.week(&family.client_of(STAFF).await).await;
    assert_eq!(staff_view.feed_active, None, "staff have no feed");

    // A new link replaces the old one.
    let renewed: String = family
        .app
        .call_as(&helper, "renew_feed", &[("page_id", &page)])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        new_client().get(&url).send().await.unwrap().status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        new_client().get(&renewed).send().await.unwrap().status(),
        StatusCode::OK
    );

    // Leaving the page (here: removed by hand) ends the feed at once.
    sqlx::query("DELETE FROM members WHERE account_id = (SELECT id FROM accounts WHERE email = ?)")
        .bind(HELPER)
        .execute(family.app.state.db.writer())
        .await
        .unwrap();
    assert_eq!(
        new_client().get(&renewed).send().await.unwrap().status(),
        StatusCode::NOT_FOUND
    );

    // Staff have no feed; revoking works for members.
    let staff = family.client_of(STAFF).await;
    assert_eq!(
        family
            .app
            .call_as(&staff, "renew_feed", &[("page_id", &page)])
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    let admin_url: String = family
        .app
        .call_as(&admin, "renew_feed", &[("page_id", &page)])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        family
            .app
            .call_as(&admin, "revoke_feed", &[("page_id", &page)])
            .await
            .status(),
        StatusCode::OK
    );
    assert_eq!(
        new_client().get(&admin_url).send().await.unwrap().status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        new_client()
            .get(format!("{}/agenda/verzonnen.ics", family.app.address))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn the_print_view_renders_the_week_on_the_server() {
    let family = demo_family().await;
    let admin = family.client_of(ADMIN).await;
    let html = family
        .app
        .get_as(
            &admin,
            &format!("/zorgpagina/{}/kalender/print", family.page_id),
        )
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("Kalender van Johanna Bakker"));
    assert!(html.contains("Persoonlijke verzorging"));
    let week = family
        .app
        .get_as(
            &admin,
            &format!("/zorgpagina/{}/kalender?week=2026-W47", family.page_id),
        )
        .await
        .text()
        .await
        .unwrap();
    assert!(week.contains("Maandag 16 november 2026 – Zondag 22 november 2026"));
}

#[tokio::test]
async fn the_week_query_reads_through_its_indexes() {
    let family = demo_family().await;
    let sql = format!(
        "EXPLAIN QUERY PLAN {}",
        kring_app::calendar::queries::appointments_between_sql()
    );
    let plan: Vec<(i64, i64, i64, String)> = sqlx::query_as(&sql)
        .bind(family.page_id)
        .bind("2026-11-16")
        .bind("2026-11-22")
        .fetch_all(family.app.state.db.reader())
        .await
        .unwrap();
    let plan: Vec<String> = plan.into_iter().map(|row| row.3).collect();
    assert!(
        plan.iter()
            .any(|step| step.contains("single_appointments_by_day")),
        "{plan:?}"
    );
    assert!(
        plan.iter()
            .any(|step| step.contains("appointment_series_by_end")),
        "{plan:?}"
    );
    assert!(
        !plan.iter().any(|step| step == "SCAN a"),
        "no full scan of appointments: {plan:?}"
    );
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
