//! Staff and locations: inviting by e-mail (the invitation flow of care
//! pages), joining, placing at a location, removal that takes effect at the
//! next request; and the operator's `kring organisation add`.

use super::{done, ineke, login, scalar};
use crate::common::{demo_family, error_message, new_client, STAFF};
use kring_app::connections::api::{Invitation, JoinWithNewAccount};
use kring_app::connections::InvitationView;
use kring_app::db;
use kring_app::form_value::{Checkbox, IdField};
use kring_app::organisation::api::OrgClients;
use kring_app::organisation::staff::{
    AddLocation, AssignLocation, InviteStaff, OrgStaff, RemoveStaff, StaffView,
};
use kring_app::policy::StaffRole;
use reqwest::StatusCode;

fn list() -> OrgClients {
    OrgClients {
        search: String::new(),
        location: IdField(None),
    }
}

#[tokio::test]
async fn an_invited_employee_joins_works_and_loses_access_when_removed() {
    let family = demo_family().await;
    let admin = ineke(&family).await;
    let location = scalar(&family, "SELECT id FROM locations WHERE provider_id = 1").await;
    let response = family
        .app
        .send_as(
            &admin,
            InviteStaff {
                email: "nieuw@delinde.test".into(),
                role: Some(StaffRole::Employee),
                location: IdField(Some(location)),
            },
        )
        .await;
    assert!(done(response.status()), "{}", response.status());
    // Twice is refused next to the field.
    let again = family
        .app
        .send_as(
            &admin,
            InviteStaff {
                email: "nieuw@delinde.test".into(),
                role: Some(StaffRole::Employee),
                location: IdField(None),
            },
        )
        .await;
    assert_eq!(again.status(), StatusCode::BAD_REQUEST);
    let mail = family.app.mails_to("nieuw@delinde.test").await.join("\n");
    assert!(mail.contains("Thuiszorg De Linde"), "{mail}");
    let code = family
        .app
        .link_code("nieuw@delinde.test", "/uitnodiging")
        .await
        .expect("a link");
    let newcomer = new_client();
    let view: InvitationView = family
        .app
        .send_as(&newcomer, Invitation { code: code.clone() })
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(view.to, "Thuiszorg De Linde");
    assert!(view.intro.contains("medewerker"), "{}", view.intro);
    let response = family
        .app
        .send_as(
            &newcomer,
            JoinWithNewAccount {
                code,
                first_name: "Noor".into(),
                last_name: "Visser".into(),
                password: "paarse fiets op de dijk 42".into(),
                password_repeat: "paarse fiets op de dijk 42".into(),
            },
        )
        .await;
    assert!(done(response.status()), "{}", response.status());
    assert_eq!(
        family.app.send_as(&newcomer, list()).await.status(),
        StatusCode::OK
    );
    let staff: StaffView = family
        .app
        .send_as(&admin, OrgStaff {})
        .await
        .json()
        .await
        .unwrap();
    let noor = staff
        .staff
        .iter()
        .find(|member| member.name == "Noor Visser")
        .expect("Noor is staff");
    assert_eq!(noor.role, StaffRole::Employee);
    assert_eq!(noor.locations.len(), 1);
    // She now sees the linked page as staff.
    assert_eq!(
        family.page_as(&newcomer, family.page_id).await.status(),
        StatusCode::OK
    );

    // Removed: her very next request is refused.
    let response = family
        .app
        .send_as(
            &admin,
            RemoveStaff {
                account_id: noor.account_id,
            },
        )
        .await;
    assert!(done(response.status()));
    assert_eq!(
        family.app.send_as(&newcomer, list()).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        family.page_as(&newcomer, family.page_id).await.status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn the_admin_cannot_remove_themselves_and_an_employee_cannot_manage_staff() {
    let family = demo_family().await;
    let admin = ineke(&family).await;
    let me = scalar(
        &family,
        "SELECT id FROM accounts WHERE email = 'ineke@delinde.test'",
    )
    .await;
    let response = family
        .app
        .send_as(&admin, RemoveStaff { account_id: me })
        .await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert!(error_message(response).await.contains("jezelf"));
    let employee = login(&family, STAFF).await;
    let before = family.app.count("accounts").await;
    let response = family
        .app
        .send_as(
            &employee,
            InviteStaff {
                email: "iemand@delinde.test".into(),
                role: Some(StaffRole::Admin),
                location: IdField(None),
            },
        )
        .await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert_eq!(family.app.count("invitations").await, 0);
    assert_eq!(family.app.count("accounts").await, before);
}

#[tokio::test]
async fn locations_are_named_once_and_staff_are_placed_and_taken_off() {
    let family = demo_family().await;
    let admin = ineke(&family).await;
    let add = |name: &str| AddLocation { name: name.into() };
    assert!(done(
        family.app.send_as(&admin, add("Team Zuid")).await.status()
    ));
    let twice = family.app.send_as(&admin, add("Team Zuid")).await;
    assert_eq!(twice.status(), StatusCode::BAD_REQUEST);
    let long = family.app.send_as(&admin, add(&"x".repeat(81))).await;
    assert_eq!(long.status(), StatusCode::BAD_REQUEST);
    let zuid = scalar(&family, "SELECT id FROM locations WHERE name = 'Team Zuid'").await;
    let fatima = scalar(
        &family,
        &format!("SELECT id FROM accounts WHERE email = '{STAFF}'"),
    )
    .await;
    let place = |on: bool| AssignLocation {
        account_id: fatima,
        location: IdField(Some(zuid)),
        on: Checkbox(on),
    };
    assert!(done(family.app.send_as(&admin, place(true)).await.status()));
    let placed = format!(
        "SELECT COUNT(*) FROM staff_locations WHERE account_id = {fatima} AND location_id = {zuid}"
    );
    assert_eq!(scalar(&family, &placed).await, 1);
    assert!(done(
        family.app.send_as(&admin, place(false)).await.status()
    ));
    assert_eq!(scalar(&family, &placed).await, 0);
    // A location of another organisation is not found.
    let joris = login(&family, kring_app::demo::JORIS).await;
    let response = family.app.send_as(&joris, place(true)).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert_eq!(scalar(&family, &placed).await, 0);
}

#[tokio::test]
async fn the_operator_adds_an_organisation_and_its_first_admin() {
    let family = demo_family().await;
    let db = &family.app.state.db;
    let url = "https://kring.example.nl";
    let added = kring_app::organisation::operator::add_organisation(
        db,
        url,
        "Zorggroep Rivierenland",
        "beheer@rivierenland.test",
        Some("Anouk de Jong"),
    )
    .await
    .unwrap();
    let link = added
        .password_link
        .expect("a new account chooses a password");
    assert!(
        link.starts_with("https://kring.example.nl/account/bevestigen?code="),
        "{link}"
    );
    let role: String = db::query_scalar(
        "SELECT staff_role FROM accounts WHERE email = 'beheer@rivierenland.test' AND provider_id = $1",
    )
    .bind(added.provider_id)
    .fetch_one(db.reader())
    .await
    .unwrap();
    assert_eq!(role, "admin");
    let twice = kring_app::organisation::operator::add_organisation(
        db,
        url,
        "Zorggroep Rivierenland",
        "ander@rivierenland.test",
        None,
    )
    .await
    .unwrap_err();
    assert!(twice.contains("al een organisatie"), "{twice}");
    // Staff of another organisation cannot become its admin.
    let elsewhere = kring_app::organisation::operator::add_organisation(
        db,
        url,
        "Nog een organisatie",
        STAFF,
        None,
    )
    .await
    .unwrap_err();
    assert!(elsewhere.contains("andere organisatie"), "{elsewhere}");
    // An existing family account becomes admin and keeps its password.
    let added = kring_app::organisation::operator::add_organisation(
        db,
        url,
        "Thuiszorg Pieter",
        crate::common::TRUSTED,
        None,
    )
    .await
    .unwrap();
    assert_eq!(added.password_link, None);
}
