//! Medicijnen through the real routes: behind the dossier's door, kept by the
//! trusted group, the admin and linked staff, never seen by a helper; every
//! look and change in the access log; bad input changes nothing.

use crate::common::{demo_family, Family, ADMIN, HELPER, STAFF, TRUSTED};
use crate::dossier::{log_rows, open_dossier, ADMIN_MOBILE};
use kring_app::db;
use kring_app::dossier::medication::{
    AddMedicine, EditMedicine, Medication, MedicationView, MedicineForm, WithFood,
};
use kring_app::dossier::Gated;
use kring_app::error::AppError;
use kring_app::form_value::DateField;
use reqwest::{Client, StatusCode};

const TRUSTED_MOBILE: &str = "+31623456789";
const STAFF_MOBILE: &str = "+31634567890";

fn done(status: StatusCode) -> bool {
    status.is_success() || status.is_redirection()
}

async fn list(family: &Family, client: &Client) -> Gated<MedicationView> {
    let page_id = family.page_id;
    let response = family.app.send_as(client, Medication { page_id }).await;
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

async fn open_list(family: &Family, client: &Client) -> MedicationView {
    match list(family, client).await {
        Gated::Open(view) => view,
        Gated::Locked(_) => panic!("the door is closed"),
    }
}

fn vitamin() -> MedicineForm {
    MedicineForm {
        name: "Vitamine D".into(),
        strength: "10 µg".into(),
        dose: "1 tablet".into(),
        times: "'s ochtends".into(),
        with_food: WithFood::With,
        ..Default::default()
    }
}

#[tokio::test]
async fn the_list_opens_behind_the_door_and_the_family_and_staff_keep_it() {
    let family = demo_family().await;
    let app = &family.app;
    let page_id = family.page_id;
    let trusted = family.client_of(TRUSTED).await;
    let staff = family.client_of(STAFF).await;
    let helper = family.client_of(HELPER).await;

    // Without a fresh code: the door, and not one medicine's name.
    let response = app.send_as(&trusted, Medication { page_id }).await;
    let body = response.text().await.unwrap();
    assert!(body.contains("Locked"), "{body}");
    assert!(!body.contains("Metoprolol"));
    let refused = app
        .send_as(
            &trusted,
            AddMedicine {
                page_id,
                medicine: vitamin(),
            },
        )
        .await;
    assert!(!done(refused.status()));
    assert_eq!(app.count("medicines").await, 5);

    open_dossier(&family, &trusted, TRUSTED_MOBILE).await;
    let view = open_list(&family, &trusted).await;
    assert!(view.can_edit);
    let names: Vec<&str> = view.current.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(
        names,
        ["Metformine", "Metoprolol", "Omeprazol", "Paracetamol"]
    );
    assert_eq!(view.stopped.len(), 1, "the course of antibiotics stopped");
    assert_eq!(view.stopped[0].name, "Amoxicilline");
    assert!(log_rows(&family, "medication_read", "done").await >= 1);

    let added = app
        .send_as(
            &trusted,
            AddMedicine {
                page_id,
                medicine: vitamin(),
            },
        )
        .await;
    assert!(done(added.status()), "{}", added.status());
    assert_eq!(log_rows(&family, "medication_written", "done").await, 1);

    // The nurse sees the family's addition and stops it; it moves apart.
    open_dossier(&family, &staff, STAFF_MOBILE).await;
    let seen = open_list(&family, &staff).await;
    assert!(seen.can_edit);
    let vitamin_d = seen
        .current
        .iter()
        .find(|m| m.name == "Vitamine D")
        .unwrap();
    assert_eq!(vitamin_d.with_food, WithFood::With);
    assert_eq!(vitamin_d.changed_by, "Pieter Bakker");
    let stopped = MedicineForm {
        stopped_on: DateField(Some(kring_app::dates::today())),
        ..MedicineForm::of(vitamin_d)
    };
    let medicine_id = vitamin_d.id;
    let edited = app
        .send_as(
            &staff,
            EditMedicine {
                page_id,
                medicine_id,
                medicine: stopped,
            },
        )
        .await;
    assert!(done(edited.status()), "{}", edited.status());
    let after = open_list(&family, &trusted).await;
    assert!(after.current.iter().all(|m| m.name != "Vitamine D"));
    let moved = after
        .stopped
        .iter()
        .find(|m| m.name == "Vitamine D")
        .unwrap();
    assert_eq!(moved.changed_by, "Fatima El Amrani");
    assert_eq!(log_rows(&family, "medication_written", "done").await, 2);

    // A helper never gets near it: "not found", and the refusal is logged.
    for response in [
        app.send_as(&helper, Medication { page_id }).await,
        app.send_as(
            &helper,
            AddMedicine {
                page_id,
                medicine: vitamin(),
            },
        )
        .await,
    ] {
        assert_eq!(response.status(), StatusCode::NOT_FOUND);
    }
    assert!(log_rows(&family, "medication_read", "refused").await >= 1);
    assert_eq!(app.count("medicines").await, 6);

    // Nothing of it in the server's mail or texts.
    for mail in app.mails().await {
        assert!(!mail.contains("Vitamine") && !mail.contains("Metoprolol"));
    }
}

#[tokio::test]
async fn bad_input_is_named_beside_its_field_and_changes_nothing() {
    let family = demo_family().await;
    let app = &family.app;
    let page_id = family.page_id;
    let admin = family.client_of(ADMIN).await;
    open_dossier(&family, &admin, ADMIN_MOBILE).await;
    let day = |text: &str| DateField(Some(text.parse().unwrap()));
    let cases = [
        (
            MedicineForm {
                name: "  ".into(),
                ..vitamin()
            },
            "medicine[name]",
        ),
        (
            MedicineForm {
                name: "x".repeat(101),
                ..vitamin()
            },
            "medicine[name]",
        ),
        (
            MedicineForm {
                dose: "y".repeat(61),
                ..vitamin()
            },
            "medicine[dose]",
        ),
        (
            MedicineForm {
                notes: "z".repeat(501),
                ..vitamin()
            },
            "medicine[notes]",
        ),
        (
            MedicineForm {
                started_on: day("2026-05-01"),
                stopped_on: day("2026-04-01"),
                ..vitamin()
            },
            "medicine[stopped_on]",
        ),
        (
            MedicineForm {
                started_on: day("1850-01-01"),
                ..vitamin()
            },
            "medicine[started_on]",
        ),
    ];
    for (medicine, field) in cases {
        let response = app.send_as(&admin, AddMedicine { page_id, medicine }).await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{field}");
        let error: AppError = response.json().await.unwrap();
        assert_eq!(error.field(), Some(field), "{error}");
    }
    // A choice the form never offers.
    let forged = app
        .call_as(
            &admin,
            "add_medicine",
            &[
                ("page_id", &page_id.to_string()),
                ("medicine[name]", "X"),
                ("medicine[with_food]", "soms"),
            ],
        )
        .await;
    assert_eq!(forged.status(), StatusCode::BAD_REQUEST);
    assert_eq!(app.count("medicines").await, 5);

    // A medicine of another page is not found through this one.
    let other: i64 = db::query_scalar(
        "INSERT INTO care_pages (first_name, last_name, birth_date, created_at)
         VALUES ('Kees', 'Anders', '1930-01-01', '2026-01-01T00:00:00Z') RETURNING id",
    )
    .fetch_one(app.state.db.writer())
    .await
    .unwrap();
    let theirs: i64 = db::query_scalar(
        "INSERT INTO medicines (care_page_id, name, changed_by_name, changed_at)
         VALUES ($1, 'Van Kees', 'iemand', '2026-01-01T00:00:00Z') RETURNING id",
    )
    .bind(other)
    .fetch_one(app.state.db.writer())
    .await
    .unwrap();
    let response = app
        .send_as(
            &admin,
            EditMedicine {
                page_id,
                medicine_id: theirs,
                medicine: vitamin(),
            },
        )
        .await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let name: String = db::query_scalar("SELECT name FROM medicines WHERE id = $1")
        .bind(theirs)
        .fetch_one(app.state.db.reader())
        .await
        .unwrap();
    assert_eq!(name, "Van Kees");
    assert_eq!(log_rows(&family, "medication_written", "done").await, 0);
}
