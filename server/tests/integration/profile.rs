//! Profiel: the person's details and photo, the page history, and deleting a
//! page, through the real routes.

use crate::common::{
    demo_family, error_message, new_client, Family, ADMIN, HELPER, STAFF, TRUSTED,
};
use kring_app::connections::api::Connections;
use kring_app::connections::ConnectionsView;
use kring_app::db;
use kring_app::form_value::Checkbox;
use kring_app::profile::api::{DeleteCarePage, PersonProfile, RemovePhoto};
use kring_app::profile::ProfileView;
use reqwest::{Client, StatusCode};

/// The smallest PNG there is: one transparent pixel.
pub(crate) const PIXEL_PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
    0x89, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x00, 0x01, 0x00, 0x00,
    0x05, 0x00, 0x01, 0x0D, 0x0A, 0x2D, 0xB4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE,
    0x42, 0x60, 0x82,
];

impl Family {
    async fn profile_as(&self, client: &Client) -> reqwest::Response {
        self.app
            .send_as(
                client,
                PersonProfile {
                    page_id: self.page_id,
                },
            )
            .await
    }

    async fn edit_as(&self, client: &Client, fields: &[(&str, &str)]) -> reqwest::Response {
        let page = self.page_id.to_string();
        let mut form = vec![
            ("page_id", page.as_str()),
            ("first_name", "Johanna"),
            ("last_name", "Bakker-de Wit"),
            ("birth_date", "1938-04-12"),
            ("address", "Kastanjelaan 3\n3581 KD Utrecht"),
            ("phone", "030 123 45 67"),
        ];
        for (name, value) in fields {
            form.retain(|(field, _)| field != name);
            form.push((name, value));
        }
        self.app.call_as(client, "edit_person", &form).await
    }

    async fn upload_as(&self, client: &Client, bytes: Vec<u8>) -> reqwest::Response {
        let form = reqwest::multipart::Form::new().part(
            "foto",
            reqwest::multipart::Part::bytes(bytes).file_name("foto.png"),
        );
        client
            .post(format!(
                "{}/zorgpagina/{}/foto",
                self.app.address, self.page_id
            ))
            .multipart(form)
            .send()
            .await
            .unwrap()
    }

    async fn photo_as(&self, client: &Client) -> reqwest::Response {
        self.app
            .get_as(client, &format!("/zorgpagina/{}/foto", self.page_id))
            .await
    }
}

fn redirect_target(response: &reqwest::Response) -> String {
    response
        .headers()
        .get("location")
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default()
        .to_string()
}

#[tokio::test]
async fn members_and_linked_staff_see_the_details_and_only_the_admin_may_edit() {
    let family = demo_family().await;
    for (email, can_edit) in [
        (ADMIN, true),
        (TRUSTED, false),
        (HELPER, false),
        (STAFF, false),
    ] {
        let client = family.client_of(email).await;
        let response = family.profile_as(&client).await;
        assert_eq!(response.status(), StatusCode::OK, "{email}");
        let profile: ProfileView = response.json().await.unwrap();
        assert_eq!(profile.address, "Lindelaan 12\n3581 KD Utrecht");
        assert_eq!(profile.can_edit, can_edit, "{email}");
        assert_eq!(
            profile.providers,
            ["Fysiotherapie Oost", "Thuiszorg De Linde"]
        );
    }
    family
        .app
        .sign_up("Vreemde", "Buitenstaander", "vreemd@example.nl")
        .await;
    assert_eq!(
        family.profile_as(&family.app.client).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        family.profile_as(&new_client()).await.status(),
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn the_admin_changes_the_details_and_the_history_says_so() {
    let family = demo_family().await;
    let admin = family.client_of(ADMIN).await;
    assert_eq!(family.edit_as(&admin, &[]).await.status(), StatusCode::OK);
    let profile: ProfileView = family.profile_as(&admin).await.json().await.unwrap();
    assert_eq!(profile.last_name, "Bakker-de Wit");
    assert_eq!(profile.address, "Kastanjelaan 3\n3581 KD Utrecht");
    assert_eq!(profile.phone, "030 123 45 67");

    let response = family
        .app
        .send_as(
            &admin,
            Connections {
                page_id: family.page_id,
            },
        )
        .await;
    let view: ConnectionsView = response.json().await.unwrap();
    let history = view.history.expect("the admin sees the history");
    assert_eq!(history[0].who, "Marieke Bakker");
    assert_eq!(history[0].what, "gegevens van de zorgvrager gewijzigd");
    assert!(history[0].when.contains(' '), "{}", history[0].when);

    // Only the admin sees the history.
    let trusted = family.client_of(TRUSTED).await;
    let response = family
        .app
        .send_as(
            &trusted,
            Connections {
                page_id: family.page_id,
            },
        )
        .await;
    let view: ConnectionsView = response.json().await.unwrap();
    assert!(view.history.is_none());
}

#[tokio::test]
async fn others_cannot_edit_and_bad_details_change_nothing() {
    let family = demo_family().await;
    for email in [TRUSTED, HELPER, STAFF] {
        let client = family.client_of(email).await;
        assert_eq!(
            family.edit_as(&client, &[]).await.status(),
            StatusCode::NOT_FOUND,
            "{email}"
        );
    }
    let admin = family.client_of(ADMIN).await;
    let long_address = "a".repeat(201);
    for (field, value, message) in [
        ("birth_date", "2999-01-01", "toekomst"),
        ("phone", "bel Pieter", "telefoonnummer"),
        ("address", long_address.as_str(), "te lang"),
        ("first_name", "<script>", "vreemde tekens"),
    ] {
        let response = family.edit_as(&admin, &[(field, value)]).await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{field}");
        let error = error_message(response).await;
        assert!(error.contains(message), "{field}: {error}");
    }
    let profile: ProfileView = family.profile_as(&admin).await.json().await.unwrap();
    assert_eq!(profile.last_name, "Bakker");
    assert_eq!(profile.phone, "030 - 251 44 87");
    assert_eq!(family.app.count("page_history").await, 0);
}

#[tokio::test]
async fn the_admin_uploads_a_photo_that_only_those_with_access_can_see() {
    let family = demo_family().await;
    let admin = family.client_of(ADMIN).await;
    let response = family.upload_as(&admin, PIXEL_PNG.to_vec()).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        redirect_target(&response),
        format!("/zorgpagina/{}/profiel?foto=opgeslagen", family.page_id)
    );
    let profile: ProfileView = family.profile_as(&admin).await.json().await.unwrap();
    assert!(profile.photo_url().is_some());

    let helper = family.client_of(HELPER).await;
    let photo = family.photo_as(&helper).await;
    assert_eq!(photo.status(), StatusCode::OK);
    assert_eq!(photo.headers()["content-type"], "image/png");
    assert_eq!(photo.bytes().await.unwrap().as_ref(), PIXEL_PNG);

    family
        .app
        .sign_up("Vreemde", "Buitenstaander", "vreemd@example.nl")
        .await;
    assert_eq!(
        family.photo_as(&family.app.client).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        family.photo_as(&new_client()).await.status(),
        StatusCode::UNAUTHORIZED
    );

    // An address that names no page gets the same Dutch "not found".
    let response = family.app.get_as(&admin, "/zorgpagina/abc/foto").await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        response.text().await.unwrap(),
        kring_app::i18n::t().err_not_found
    );

    // The helper may not replace it.
    let response = family
        .upload_as(&helper, b"\xFF\xD8\xFF\xE0 other".to_vec())
        .await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        family
            .photo_as(&admin)
            .await
            .bytes()
            .await
            .unwrap()
            .as_ref(),
        PIXEL_PNG
    );

    // Removing it.
    let response = family
        .app
        .send_as(
            &admin,
            RemovePhoto {
                page_id: family.page_id,
            },
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        family.photo_as(&admin).await.status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn files_that_are_not_photos_or_too_large_are_refused_and_keep_the_old_photo() {
    let family = demo_family().await;
    let admin = family.client_of(ADMIN).await;
    family.upload_as(&admin, PIXEL_PNG.to_vec()).await;
    let svg = b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>".to_vec();
    let response = family.upload_as(&admin, svg).await;
    assert!(redirect_target(&response).ends_with("?foto=geen-foto"));
    let mut huge = PIXEL_PNG.to_vec();
    huge.resize(kring_app::profile::PHOTO_MAX_BYTES + 1, 0);
    let response = family.upload_as(&admin, huge).await;
    assert!(
        redirect_target(&response).ends_with("?foto=te-groot"),
        "{}",
        redirect_target(&response)
    );
    let mut far_too_large = PIXEL_PNG.to_vec();
    far_too_large.resize(8 * 1024 * 1024, 0);
    let response = family.upload_as(&admin, far_too_large).await;
    assert!(
        redirect_target(&response).ends_with("?foto=te-groot"),
        "{}",
        redirect_target(&response)
    );
    assert_eq!(
        family
            .photo_as(&admin)
            .await
            .bytes()
            .await
            .unwrap()
            .as_ref(),
        PIXEL_PNG
    );
}

#[tokio::test]
async fn the_admin_deletes_the_page_after_confirming_and_the_members_are_told() {
    let family = demo_family().await;
    let trusted = family.client_of(TRUSTED).await;
    let response = family
        .app
        .send_as(
            &trusted,
            DeleteCarePage {
                page_id: family.page_id,
                confirm: Checkbox(true),
                current_password: kring_app::demo::DEMO_PASSWORD.to_string(),
            },
        )
        .await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);

    let admin = family.client_of(ADMIN).await;
    let response = family
        .app
        .send_as(
            &admin,
            DeleteCarePage {
                page_id: family.page_id,
                confirm: Default::default(),
                current_password: kring_app::demo::DEMO_PASSWORD.to_string(),
            },
        )
        .await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert!(error_message(response).await.contains("Vink eerst aan"));
    assert_eq!(family.app.count("care_pages").await, 1);

    let response = family
        .app
        .send_as(
            &admin,
            DeleteCarePage {
                page_id: family.page_id,
                confirm: Checkbox(true),
                current_password: kring_app::demo::DEMO_PASSWORD.to_string(),
            },
        )
        .await;
    assert!(response.status().is_success() || response.status().is_redirection());
    for table in [
        "care_pages",
        "members",
        "visits",
        "provider_links",
        "appointments",
    ] {
        assert_eq!(family.app.count(table).await, 0, "{table}");
    }
    assert_eq!(
        family.page_as(&trusted, family.page_id).await.status(),
        StatusCode::NOT_FOUND
    );
    let notice = family.app.mails_to(TRUSTED).await;
    assert!(notice
        .iter()
        .any(|mail| mail.contains("de zorgpagina van Johanna Bakker in Kring verwijderd")));
    // The accounts stay.
    assert_eq!(family.app.count("accounts").await, 6);
}

#[tokio::test]
async fn a_new_page_never_gets_a_deleted_pages_id_nor_its_access_log() {
    let family = demo_family().await;
    let app = &family.app;
    // A helper tries the dossier: refused, and written to the log.
    let helper = family.client_of(crate::common::HELPER).await;
    let page = family.page_id.to_string();
    let refused = app
        .call_as(
            &helper,
            "measurements",
            &[("page_id", &page), ("period", ""), ("kind", "")],
        )
        .await;
    assert_eq!(refused.status(), StatusCode::NOT_FOUND);
    let logged: i64 =
        db::query_scalar("SELECT COUNT(*) FROM dossier_access_log WHERE care_page_id = $1")
            .bind(family.page_id)
            .fetch_one(app.state.db.reader())
            .await
            .unwrap();
    assert!(logged > 0, "the demo page has a log");
    let admin = family.client_of(ADMIN).await;
    let deleted = app
        .send_as(
            &admin,
            DeleteCarePage {
                page_id: family.page_id,
                confirm: Checkbox(true),
                current_password: kring_app::demo::DEMO_PASSWORD.to_string(),
            },
        )
        .await;
    assert!(deleted.status().is_success() || deleted.status().is_redirection());
    // A new family starts a page: it gets an id of its own…
    app.sign_up("Nieuwe", "Familie", "nieuw@example.nl").await;
    let created = app
        .send(kring_app::care_pages::api::CreateCarePage {
            first_name: "Gerrit".into(),
            last_name: "Jansen".into(),
            birth_date: kring_app::form_value::DateField("1938-05-01".parse().ok()),
        })
        .await;
    assert!(created.status().is_success() || created.status().is_redirection());
    let new_id: i64 = db::query_scalar("SELECT id FROM care_pages")
        .fetch_one(app.state.db.reader())
        .await
        .unwrap();
    assert_ne!(new_id, family.page_id);
    // …and its log names nobody from the deleted page.
    let inherited: i64 =
        db::query_scalar("SELECT COUNT(*) FROM dossier_access_log WHERE care_page_id = $1")
            .bind(new_id)
            .fetch_one(app.state.db.reader())
            .await
            .unwrap();
    assert_eq!(inherited, 0);
    // The same holds for accounts and organisations, which the log names too
    // (on PostgreSQL, identity columns never hand out a number twice).
    if crate::common::postgres::chosen() {
        return;
    }
    let autoincrement: i64 = db::query_scalar(
        "SELECT COUNT(*) FROM sqlite_master WHERE name IN ('care_pages', 'accounts', 'providers')
         AND sql LIKE '%AUTOINCREMENT%'",
    )
    .fetch_one(app.state.db.reader())
    .await
    .unwrap();
    assert_eq!(autoincrement, 3);
}

#[tokio::test]
async fn deleting_a_page_asks_the_password_and_a_fresh_code_like_an_account_change() {
    let family = demo_family().await;
    let app = &family.app;
    let admin = family.client_of(ADMIN).await;
    let delete = |password: &str| DeleteCarePage {
        page_id: family.page_id,
        confirm: Checkbox(true),
        current_password: password.to_string(),
    };
    // A borrowed session without the password deletes nothing.
    let wrong = app.send_as(&admin, delete("niet het wachtwoord")).await;
    assert_eq!(wrong.status(), StatusCode::BAD_REQUEST);
    assert_eq!(app.count("care_pages").await, 1);
    // With a second factor, the password alone is not enough either.
    let (secret, _) = app
        .set_up_app_as(&admin, kring_app::demo::DEMO_PASSWORD)
        .await;
    db::query("UPDATE sessions SET reconfirmed_at = NULL")
        .execute(app.state.db.writer())
        .await
        .unwrap();
    let unconfirmed = app
        .send_as(&admin, delete(kring_app::demo::DEMO_PASSWORD))
        .await;
    assert_eq!(unconfirmed.status(), StatusCode::BAD_REQUEST);
    assert!(error_message(unconfirmed).await.contains("Bevestig eerst"));
    assert_eq!(app.count("care_pages").await, 1);
    // The profile shows the box to confirm it with.
    let page = app
        .get_as(&admin, &format!("/zorgpagina/{}/profiel", family.page_id))
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("id=\"bevestigen\""), "the reconfirm box");
    let confirmed = app
        .send_as(
            &admin,
            kring_app::two_factor::reconfirm::Reconfirm {
                code: crate::two_factor::code_now(&secret, 1),
            },
        )
        .await;
    assert_eq!(confirmed.status(), StatusCode::OK);
    let deleted = app
        .send_as(&admin, delete(kring_app::demo::DEMO_PASSWORD))
        .await;
    assert!(deleted.status().is_success() || deleted.status().is_redirection());
    assert_eq!(app.count("care_pages").await, 0);
}
