//! Every address `kring_app::routes` makes is one the server answers: a
//! screen renders (not the "Deze pagina bestaat niet" page), a download
//! answers or sends the reader to the screen that unlocks it.

use crate::common::{demo_family, ADMIN};
use chrono::NaiveTime;
use kring_app::calendar::api::AddAppointment;
use kring_app::calendar::form::AppointmentFields;
use kring_app::dates::today;
use kring_app::db;
use kring_app::routes;
use reqwest::StatusCode;

#[tokio::test]
async fn every_typed_route_is_served() {
    let family = demo_family().await;
    let admin = family.client_of(ADMIN).await;
    let appointment = AppointmentFields {
        title: "Kapper".into(),
        date: Some(today()),
        start_time: NaiveTime::from_hms_opt(10, 0, 0),
        ..Default::default()
    };
    let arguments = AddAppointment {
        page_id: family.page_id,
        appointment,
    };
    assert!(family
        .app
        .send_as(&admin, arguments)
        .await
        .status()
        .is_success());
    let db = family.app.state.db.reader();
    let appointment_id: i64 = db::query_scalar("SELECT MAX(id) FROM appointments")
        .fetch_one(db)
        .await
        .unwrap();
    let thread_id: i64 = db::query_scalar("SELECT MIN(id) FROM threads WHERE care_page_id = $1")
        .bind(family.page_id)
        .fetch_one(db)
        .await
        .unwrap();
    let plan_version: i64 =
        db::query_scalar("SELECT MIN(id) FROM care_plan_versions WHERE care_page_id = $1")
            .bind(family.page_id)
            .fetch_one(db)
            .await
            .unwrap();
    let note_id: i64 = db::query_scalar("SELECT MIN(id) FROM notes WHERE care_page_id = $1")
        .bind(family.page_id)
        .fetch_one(db)
        .await
        .unwrap();
    let week = kring_app::calendar::week::Week::containing(today()).key();
    let page = routes::page(family.page_id);
    let screens = [
        routes::HOME.to_string(),
        routes::ACCOUNT.into(),
        routes::HELP.into(),
        routes::TERMS.into(),
        routes::PRIVACY.into(),
        routes::NEW_CARE_PAGE.into(),
        routes::SECOND_STEP.into(),
        routes::FORGOT_PASSWORD.into(),
        routes::CONFIRM_ACCOUNT.into(),
        routes::NEW_PASSWORD.into(),
        routes::LOG_IN_AFTER_DELETION.into(),
        page.overview(),
        page.calendar(),
        page.calendar_week(&week),
        page.calendar_at(&week, "ergens"),
        page.print_week(&week),
        page.new_appointment(Some(today())),
        page.new_appointment(None),
        page.edit_appointment(appointment_id, today()),
        page.messages(),
        page.new_thread(),
        page.thread(thread_id),
        page.dossier(),
        page.care_plan(),
        page.care_plan_version(plan_version),
        page.reports(),
        page.measurements(),
        page.measurements_over("3m"),
        page.access_log(),
        page.medication(),
        page.new_medicine(),
        page.edit_medicine(1),
        page.print_medication(),
        page.profile(),
        page.profile_after_photo("opgeslagen"),
        page.connections(),
        page.notes(),
        page.notes_at(note_id),
        page.new_note(),
        page.edit_note(note_id),
        page.story(),
        page.story_at("jeugd"),
        page.story_chapter("jeugd"),
        page.print_story(),
        routes::ENTER_CODE.into(),
        routes::HOW_ARE_YOU.into(),
        routes::enter_code_for(family.page_id),
    ];
    for path in screens {
        let response = family.app.get_as(&admin, &path).await;
        let status = response.status();
        let body = response.text().await.unwrap();
        assert!(
            status == StatusCode::OK || status.is_redirection(),
            "{path}: {status}"
        );
        assert!(!body.contains("Deze pagina bestaat niet"), "{path}");
    }
    // The dossier's downloads need a fresh code first: they send the reader
    // to the screen that asks for it, which the list above shows exists.
    for (path, screen) in [
        (page.care_plan_pdf(plan_version), page.care_plan()),
        (page.access_log_csv("", "3m"), page.access_log()),
    ] {
        let response = family.app.get_as(&admin, &path).await;
        assert!(
            response.status().is_redirection(),
            "{path}: {}",
            response.status()
        );
        assert_eq!(response.headers()["location"], screen.as_str(), "{path}");
    }
    // No photo yet: not found, but the route is there (not Leptos' page).
    let photo = family.app.get_as(&admin, &page.photo()).await;
    assert_eq!(photo.status(), StatusCode::NOT_FOUND);
    assert!(!photo
        .text()
        .await
        .unwrap()
        .contains("Deze pagina bestaat niet"));
    // The organisation's screens, as its admin sees them.
    let staff = family.client_of(kring_app::demo::INEKE).await;
    let client: i64 = db::query_scalar("SELECT MIN(id) FROM clients WHERE provider_id = 1")
        .fetch_one(db)
        .await
        .unwrap();
    for path in [
        routes::CONSOLE.to_string(),
        routes::console_client(client),
        routes::CONSOLE_MY_DAY.into(),
        routes::CONSOLE_INBOX.into(),
        routes::CONSOLE_STAFF.into(),
        routes::CONSOLE_TOKENS.into(),
        routes::API_DOCS.into(),
        routes::API_OPENAPI.into(),
    ] {
        let response = family.app.get_as(&staff, &path).await;
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        assert!(
            !response
                .text()
                .await
                .unwrap()
                .contains("Deze pagina bestaat niet"),
            "{path}"
        );
    }
    // The letter is posted to: a form, not a link.
    let letter = staff
        .post(format!(
            "{}{}",
            family.app.address,
            routes::client_letter(client)
        ))
        .form(&[("code", "")])
        .send()
        .await
        .unwrap();
    assert_eq!(
        letter.status(),
        StatusCode::BAD_REQUEST,
        "Johanna is linked: no new code"
    );
    // And an address that is not one of ours is the not-found page.
    let missing = family.app.get_as(&admin, "/zorgpagina/1/nergens").await;
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
}

/// The part of the split bundle a screen's code is in, as its page names it:
/// the browser fetches that part before it takes the page over
/// (`kring_app::screens::hydrate`), so a page without it would not come
/// alive. A page outside the route table names none (its code is in the
/// main file).
#[tokio::test]
async fn each_screen_names_the_part_of_the_bundle_it_needs() {
    let family = demo_family().await;
    let admin = family.client_of(ADMIN).await;
    let staff = family.client_of(kring_app::demo::INEKE).await;
    let page = routes::page(family.page_id);
    let part_named = |body: &str| {
        let start = body.find(r#"<meta name="kring-part" content=""#)?;
        let rest = &body[start + r#"<meta name="kring-part" content=""#.len()..];
        Some(rest[..rest.find('"')?].to_string())
    };
    for (client, path, part) in [
        (
            &family.app.client,
            routes::LOG_IN.to_string(),
            Some("start"),
        ),
        (&family.app.client, routes::HELP.into(), Some("start")),
        (&admin, page.overview(), Some("overview")),
        (&admin, page.calendar(), Some("calendar")),
        (&admin, page.messages(), Some("family")),
        (&admin, page.notes(), Some("family")),
        (&admin, page.connections(), Some("family")),
        (&admin, page.care_plan(), Some("dossier")),
        (&admin, page.measurements(), Some("dossier")),
        (&admin, routes::ACCOUNT.into(), Some("office")),
        (&staff, routes::CONSOLE.into(), Some("office")),
        (&admin, "/zorgpagina/1/nergens".into(), None),
    ] {
        let body = family.app.get_as(client, &path).await.text().await.unwrap();
        assert_eq!(part_named(&body).as_deref(), part, "{path}");
    }
}
