//! "Alles downloaden" and "Download wat ik schreef": what each ZIP holds,
//! who may take which, the dossier only after a fresh code (and then in the
//! access log), and the line in the page's history.

use crate::common::{
    demo_family, error_message, new_client, Family, ADMIN, HELPER, STAFF, TRUSTED,
};
use crate::dossier::{log_rows, open_dossier, ADMIN_MOBILE};
use kring_app::db;
use kring_app::history::HistoryEvent;
use kring_app::messages::api::StartThread;
use kring_app::messages::ShareWith;
use reqwest::{Client, StatusCode};
use std::collections::BTreeMap;
use std::io::Read;

/// The ZIP's files by name.
async fn download(
    family: &Family,
    client: &Client,
    path: &str,
) -> (StatusCode, BTreeMap<String, String>) {
    let url = format!("{}{path}", family.app.address);
    let response = client.get(url).send().await.unwrap();
    let status = response.status();
    if status != StatusCode::OK {
        return (status, BTreeMap::new());
    }
    assert_eq!(response.headers()["content-type"], "application/zip");
    assert_eq!(response.headers()["cache-control"], "no-store");
    let disposition = response.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        disposition.starts_with("attachment; filename=\"kring-"),
        "{disposition}"
    );
    let bytes = response.bytes().await.unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let mut files = BTreeMap::new();
    for index in 0..archive.len() {
        let mut file = archive.by_index(index).unwrap();
        let mut text = String::new();
        file.read_to_string(&mut text).unwrap();
        files.insert(file.name().unwrap().to_string(), text);
    }
    (status, files)
}

fn rows(files: &BTreeMap<String, String>, name: &str) -> Vec<serde_json::Value> {
    serde_json::from_str(&files[name]).unwrap_or_else(|e| panic!("{name}: {e}\n{}", files[name]))
}

fn everything(family: &Family) -> String {
    kring_app::routes::page(family.page_id).export_everything()
}

fn own_writing(family: &Family) -> String {
    kring_app::routes::page(family.page_id).export_own_writing()
}

async fn write_message(family: &Family, client: &Client, body: &str) {
    let answer = family
        .app
        .send_as(
            client,
            StartThread {
                page_id: family.page_id,
                subject: "Wie doet wat".into(),
                body: body.into(),
                share_with: ShareWith::Family,
            },
        )
        .await;
    assert_eq!(
        answer.status(),
        StatusCode::OK,
        "{}",
        error_message(answer).await
    );
}

#[tokio::test]
async fn the_admin_downloads_everything_readable_and_as_json_without_the_dossier_until_a_fresh_code(
) {
    let family = demo_family().await;
    let admin = family.client_of(ADMIN).await;
    write_message(&family, &admin, "Oma wil <b>zondag</b> naar de markt").await;
    let appointment = kring_app::calendar::form::AppointmentFields {
        title: "Naar de markt".into(),
        date: Some(kring_app::dates::today()),
        repeat: kring_app::calendar::form::Repetition::Weekly,
        times: Some(3),
        all_day: true,
        ask_help: true,
        ..Default::default()
    };
    let added = family
        .app
        .send_as(
            &admin,
            kring_app::calendar::api::AddAppointment {
                page_id: family.page_id,
                appointment,
            },
        )
        .await;
    assert_eq!(added.status(), StatusCode::OK);

    let (status, files) = download(&family, &admin, &everything(&family)).await;
    assert_eq!(status, StatusCode::OK);
    for name in [
        "index.html",
        "velden.txt",
        "persoon.json",
        "connecties.json",
        "geschiedenis.json",
        "kalender.json",
        "kalender.html",
        "bezoeken.json",
        "berichten.json",
        "berichten.html",
        "notities.json",
        "mijn-verhaal.json",
    ] {
        assert!(
            files.contains_key(name),
            "{name} missing: {:?}",
            files.keys()
        );
    }
    assert!(
        !files.keys().any(|name| name.starts_with("dossier")),
        "no dossier without a fresh code"
    );
    assert!(files["index.html"].contains("Het dossier staat er niet in"));

    // JSON: stable ids, ISO dates, every documented field.
    let calendar = rows(&files, "kalender.json");
    assert_eq!(calendar.len(), 1);
    assert_eq!(calendar[0]["repeats"], "weekly");
    for appointment in &calendar {
        assert!(appointment["id"].is_i64());
        let date = appointment["date"].as_str().unwrap();
        assert!(
            chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").is_ok(),
            "{date}"
        );
        assert!(appointment["helpers"].is_array() && appointment["asks_help"].is_boolean());
        let made = appointment["created_at"].as_str().unwrap();
        assert!(chrono::DateTime::parse_from_rfc3339(made).is_ok(), "{made}");
    }
    for field in kring_app::export::sections::CALENDAR.fields {
        assert!(calendar[0].get(field.key).is_some(), "{}", field.key);
        assert!(files["velden.txt"].contains(field.key));
    }
    let messages = rows(&files, "berichten.json");
    assert!(messages
        .iter()
        .any(|m| m["text"] == "Oma wil <b>zondag</b> naar de markt"));
    // What people wrote is text in the readable copy, never markup.
    assert!(files["berichten.html"].contains("Oma wil &lt;b&gt;zondag&lt;/b&gt; naar de markt"));
    let person = rows(&files, "persoon.json");
    assert_eq!(person.len(), 1);
    assert_eq!(person[0]["id"], family.page_id);

    // The family sees that everything was taken; the dossier's log saw nothing.
    let history = family.app.history().await;
    assert!(history.contains(&HistoryEvent::Downloaded { dossier: false }));
    assert_eq!(log_rows(&family, "exported", "done").await, 0);

    // With a fresh code, the dossier comes along, and the look is logged.
    open_dossier(&family, &admin, ADMIN_MOBILE).await;
    let (_, files) = download(&family, &admin, &everything(&family)).await;
    for name in [
        "dossier-zorgplannen.json",
        "dossier-rapportages.json",
        "dossier-meetwaarden.json",
        "dossier-medicijnen.json",
    ] {
        assert!(files.contains_key(name), "{name} missing");
    }
    assert!(!rows(&files, "dossier-rapportages.json").is_empty());
    let plans = rows(&files, "dossier-zorgplannen.json");
    assert!(
        plans[0]["plan"].is_object() || plans[0]["plan"].is_array(),
        "the plan is JSON, not text"
    );
    assert!(files["index.html"].contains("Het dossier staat erin"));
    assert_eq!(log_rows(&family, "exported", "done").await, 1);
    let history = family.app.history().await;
    assert!(history.contains(&HistoryEvent::Downloaded { dossier: true }));
}

#[tokio::test]
async fn each_member_downloads_only_what_they_wrote() {
    let family = demo_family().await;
    let admin = family.client_of(ADMIN).await;
    let trusted = family.client_of(TRUSTED).await;
    write_message(&family, &admin, "Van de beheerder").await;
    write_message(&family, &trusted, "Van Pieter zelf").await;

    let (status, files) = download(&family, &trusted, &own_writing(&family)).await;
    assert_eq!(status, StatusCode::OK);
    let messages = rows(&files, "berichten.json");
    assert!(messages.iter().any(|m| m["text"] == "Van Pieter zelf"));
    let pieter: String =
        db::query_scalar("SELECT first_name || ' ' || last_name FROM accounts WHERE email = $1")
            .bind(TRUSTED)
            .fetch_one(family.app.state.db.reader())
            .await
            .unwrap();
    assert!(
        messages.iter().all(|m| m["author"] == pieter.as_str()),
        "{messages:?}"
    );
    assert!(!files["berichten.html"].contains("Van de beheerder"));
    for name in files.keys() {
        assert!(
            !name.starts_with("dossier") && name != "persoon.json" && name != "connecties.json",
            "{name}"
        );
    }
    assert!(files["index.html"].contains(&format!("Wat {pieter} schreef")));
}

#[tokio::test]
async fn only_the_admin_takes_everything_and_only_members_their_own() {
    let family = demo_family().await;
    let stranger = new_client();
    family
        .app
        .sign_up("Vreemde", "Buitenstaander", "vreemd@example.nl")
        .await;
    family
        .app
        .login_as(&stranger, "vreemd@example.nl", crate::common::PASSWORD)
        .await;
    let whole = everything(&family);
    let own = own_writing(&family);
    for (who, all, mine) in [
        (TRUSTED, StatusCode::NOT_FOUND, StatusCode::OK),
        (HELPER, StatusCode::NOT_FOUND, StatusCode::OK),
        (STAFF, StatusCode::NOT_FOUND, StatusCode::NOT_FOUND),
    ] {
        let client = family.client_of(who).await;
        assert_eq!(download(&family, &client, &whole).await.0, all, "{who}");
        assert_eq!(download(&family, &client, &own).await.0, mine, "{who}");
    }
    assert_eq!(
        download(&family, &stranger, &whole).await.0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        download(&family, &stranger, &own).await.0,
        StatusCode::NOT_FOUND
    );
    let nobody = new_client();
    assert_eq!(
        download(&family, &nobody, &whole).await.0,
        StatusCode::UNAUTHORIZED
    );
    // Another page's id, or no id at all: as if it did not exist.
    let admin = family.client_of(ADMIN).await;
    assert_eq!(
        download(&family, &admin, "/zorgpagina/99999/alles-downloaden.zip")
            .await
            .0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        download(&family, &admin, "/zorgpagina/abc/alles-downloaden.zip")
            .await
            .0,
        StatusCode::NOT_FOUND
    );
    // Refused downloads leave no trace in the history.
    assert!(!family
        .app
        .history()
        .await
        .iter()
        .any(|event| matches!(event, HistoryEvent::Downloaded { .. })));
}
