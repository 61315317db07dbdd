//! Starting care pages and who may see them, through the real routes.

use crate::common::{demo_family, error_message, new_client, spawn_app, TestApp, PASSWORD};
use kring_app::accounts::Viewer;
use kring_app::care_pages::CarePageView;
use kring_app::connections::api::Connections;
use kring_app::db;
use kring_app::policy::{Actor, Role};
use reqwest::{Client, StatusCode};

/// The form as a person types it: the birth date as text, in either written
/// form, or something that is no date at all.
async fn create_page(
    app: &TestApp,
    client: &Client,
    first: &str,
    birth: &str,
) -> reqwest::Response {
    app.call_as(
        client,
        "create_care_page",
        &[
            ("first_name", first),
            ("last_name", "Bakker"),
            ("birth_date", birth),
        ],
    )
    .await
}

#[tokio::test]
async fn the_creator_of_a_page_is_its_admin_and_sees_it_in_the_switcher() {
    let app = spawn_app().await;
    app.sign_up("Marieke", "Bakker", "marieke@example.nl").await;
    let response = create_page(&app, &app.client, "Johanna", "1938-04-12").await;
    assert_eq!(response.status(), StatusCode::OK);
    let page_id: i64 = response.json().await.unwrap();
    let page: CarePageView = app
        .send(kring_app::care_pages::api::CarePage { page_id })
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(page.actor, Actor::Member(Role::Admin));
    assert_eq!(page.birth_date.unwrap().to_string(), "1938-04-12");
    let connections: kring_app::connections::ConnectionsView = app
        .send(kring_app::connections::api::Connections { page_id })
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(connections.members.len(), 1);
    assert_eq!(
        (
            connections.members[0].name.as_str(),
            connections.members[0].role
        ),
        ("Marieke Bakker", Role::Admin)
    );

    create_page(&app, &app.client, "Anton", "14-03-1941").await;
    let viewer: Viewer = app
        .send(kring_app::accounts::api::GetViewer {})
        .await
        .json()
        .await
        .unwrap();
    let names: Vec<String> = viewer
        .account
        .unwrap()
        .pages
        .iter()
        .map(|p| p.first_name.clone())
        .collect();
    assert_eq!(names, ["Anton", "Johanna"]);
}

#[tokio::test]
async fn bad_page_input_gets_a_dutch_message_and_creates_nothing() {
    let app = spawn_app().await;
    app.sign_up("Marieke", "Bakker", "marieke@example.nl").await;
    let long = "J".repeat(10_000);
    for (first, birth, expected) in [
        ("", "1938-04-12", "Vul voornaam in."),
        (long.as_str(), "1938-04-12", "te lang"),
        ("Johanna", "2099-01-01", "toekomst"),
        ("Johanna", "1938-02-30", "geldige datum"),
        ("Johanna", "morgen", "geldige datum"),
        ("Johanna", "", "Vul geboortedatum in."),
    ] {
        let response = create_page(&app, &app.client, first, birth).await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST);
        let message = error_message(response).await;
        assert!(
            message.contains(expected),
            "{message} should contain {expected}"
        );
    }
    assert_eq!(app.count("care_pages").await, 0);
    assert_eq!(app.count("members").await, 0);
}

#[tokio::test]
async fn logged_out_visitors_cannot_create_pages() {
    let app = spawn_app().await;
    let response = create_page(&app, &new_client(), "Johanna", "1938-04-12").await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert!(error_message(response)
        .await
        .contains("niet (meer) ingelogd"));
    assert_eq!(app.count("care_pages").await, 0);
}

#[tokio::test]
async fn each_actor_sees_the_page_as_the_policy_says() {
    let family = demo_family().await;
    for (email, actor, sees_members) in [
        ("marieke@kring.test", Actor::Member(Role::Admin), true),
        ("pieter@kring.test", Actor::Member(Role::Trusted), true),
        ("sanne@kring.test", Actor::Member(Role::Helper), true),
        ("fatima@delinde.test", Actor::LinkedStaff, false),
    ] {
        let client = family.client_of(email).await;
        let page: CarePageView = family
            .page_as(&client, family.page_id)
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(page.actor, actor, "{email}");
        assert_eq!(page.first_name, "Johanna");
        let connections = family
            .app
            .send_as(
                &client,
                Connections {
                    page_id: family.page_id,
                },
            )
            .await;
        assert_eq!(connections.status().is_success(), sees_members, "{email}");
        assert_eq!(page.providers, ["Fysiotherapie Oost", "Thuiszorg De Linde"]);
    }
}

#[tokio::test]
async fn strangers_and_staff_of_another_provider_learn_nothing() {
    let family = demo_family().await;
    let app = &family.app;
    app.sign_up("Vreemde", "Buitenstaander", "vreemd@example.nl")
        .await;
    let stranger = &app.client;
    let missing = family.page_as(stranger, 999_999).await;
    let existing = family.page_as(stranger, family.page_id).await;
    assert_eq!(existing.status(), StatusCode::NOT_FOUND);
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        existing.text().await.unwrap(),
        missing.text().await.unwrap(),
        "the same answer for both"
    );

    // Staff of an organisation that is not linked to the page.
    db::query("INSERT INTO providers (id, name) VALUES (77, 'Andere Zorg')")
        .execute(app.state.db.writer())
        .await
        .unwrap();
    db::query("UPDATE accounts SET provider_id = 77 WHERE email = 'vreemd@example.nl'")
        .execute(app.state.db.writer())
        .await
        .unwrap();
    assert_eq!(
        family.page_as(stranger, family.page_id).await.status(),
        StatusCode::NOT_FOUND
    );

    let logged_out = family.page_as(&new_client(), family.page_id).await;
    assert_eq!(logged_out.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn the_page_route_renders_for_members_and_not_for_strangers() {
    let family = demo_family().await;
    let path = format!("/zorgpagina/{}", family.page_id);
    let helper = family.client_of("sanne@kring.test").await;
    let html = family
        .app
        .get_as(&helper, &path)
        .await
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("Johanna&#x27;s zorgpagina") || html.contains("Johanna's zorgpagina"),
        "{html}"
    );
    assert!(html.contains("Helpende"));

    family
        .app
        .sign_up("Vreemde", "Buitenstaander", "vreemd@example.nl")
        .await;
    let html = family.app.get(&path).await.text().await.unwrap();
    assert!(!html.contains("Johanna"), "a stranger's page shows no name");
    assert!(html.contains("Niet gevonden"));

    // A browser that is not logged in is sent to the login page, which
    // knows where it was going; a page that does not exist gets the same.
    for (wanted, back) in [
        (path.clone(), path.replace('/', "%2F")),
        (
            "/zorgpagina/98765/kalender".to_string(),
            "%2Fzorgpagina%2F98765%2Fkalender".to_string(),
        ),
    ] {
        let logged_out = family
            .app
            .get_page(&new_client(), &wanted, &[("Accept", "text/html")])
            .await;
        assert_eq!(logged_out.status(), StatusCode::SEE_OTHER, "{wanted}");
        assert_eq!(
            logged_out.headers().get("location").unwrap(),
            &format!("/inloggen?terug={back}")
        );
    }
}

#[tokio::test]
async fn after_logging_in_a_person_lands_where_they_were_going_and_never_elsewhere() {
    let family = demo_family().await;
    let wanted = format!("/zorgpagina/{}/kalender", family.page_id);
    let browser = new_client();
    let login = family
        .app
        .call_as(
            &browser,
            "login",
            &[
                ("email", crate::common::HELPER),
                ("password", kring_app::demo::DEMO_PASSWORD),
                ("next", &wanted),
            ],
        )
        .await;
    assert_eq!(login.headers()["location"], wanted.as_str());
    // Another site, an API call or nonsense: the start page.
    for elsewhere in [
        "//elders.example/pad",
        "https://elders.example",
        "/api/logout",
        "/\\elders",
    ] {
        let login = family
            .app
            .call_as(
                &new_client(),
                "login",
                &[
                    ("email", crate::common::HELPER),
                    ("password", kring_app::demo::DEMO_PASSWORD),
                    ("next", elsewhere),
                ],
            )
            .await;
        assert_eq!(login.headers()["location"], "/", "{elsewhere}");
    }
}

#[tokio::test]
async fn unknown_addresses_get_a_dutch_404() {
    let app = spawn_app().await;
    let response = app.get("/bestaat/niet").await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert!(response
        .text()
        .await
        .unwrap()
        .contains("Deze pagina bestaat niet"));
}

#[tokio::test]
async fn demo_data_fills_an_empty_database_once() {
    let family = demo_family().await;
    let today = chrono::Utc::now().date_naive();
    assert!(
        kring_app::demo::seed(&family.app.state.db, &family.app.state.key, today)
            .await
            .unwrap()
            .logins
            .is_empty()
    );
    assert_eq!(family.app.count("accounts").await, 6);
    assert_eq!(family.app.count("care_pages").await, 1);
    assert!(family.app.count("visits").await >= 7);
    let _ = PASSWORD;
}

#[tokio::test]
async fn a_malformed_page_id_is_bad_input_not_a_server_error() {
    let app = spawn_app().await;
    app.sign_up("Marieke", "Bakker", "marieke@example.nl").await;
    let response = app.call("care_page", &[("page_id", "een-twee")]).await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert!(error_message(response)
        .await
        .contains("Deze gegevens kloppen niet"));
}
