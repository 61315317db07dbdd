//! Notities through the real routes: every member adds, the writer and the
//! admin change and delete, pinned first; linked staff never see them; bad
//! input and another page's ids change nothing.

use crate::common::{demo_family, new_client, Family, ADMIN, HELPER, STAFF, TRUSTED};
use kring_app::db;
use kring_app::error::AppError;
use kring_app::form_value::Checkbox;
use kring_app::notes::api::{AddNote, DeleteNote, EditNote, NoteForEdit, NoteForm, Notes};
use kring_app::notes::{NotesView, MAX_NOTES_PER_PAGE};
use reqwest::{Client, StatusCode};

fn form(title: &str, phone: &str, address: &str, pinned: bool) -> NoteForm {
    NoteForm {
        title: title.into(),
        text: "Bellen tussen 8 en 10.\nDaarna de assistente.".into(),
        phone: phone.into(),
        address: address.into(),
        pinned: Checkbox(pinned),
    }
}

fn done(status: StatusCode) -> bool {
    status.is_success() || status.is_redirection()
}

async fn list(family: &Family, client: &Client) -> NotesView {
    let response = family
        .app
        .send_as(
            client,
            Notes {
                page_id: family.page_id,
            },
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

async fn add(family: &Family, client: &Client, note: NoteForm) -> reqwest::Response {
    let page_id = family.page_id;
    family.app.send_as(client, AddNote { page_id, note }).await
}

async fn id_of(family: &Family, title: &str) -> i64 {
    db::query_scalar("SELECT id FROM notes WHERE title = $1")
        .bind(title)
        .fetch_one(family.app.state.db.reader())
        .await
        .unwrap()
}

async fn refusal(response: reqwest::Response) -> AppError {
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    response.json().await.unwrap()
}

#[tokio::test]
async fn a_helper_adds_a_note_the_admin_sees_and_changes_it_and_staff_never_see_notes() {
    let family = demo_family().await;
    let app = &family.app;
    let page_id = family.page_id;
    let helper = family.client_of(HELPER).await;
    let admin = family.client_of(ADMIN).await;
    let trusted = family.client_of(TRUSTED).await;
    let staff = family.client_of(STAFF).await;

    let added = add(
        &family,
        &helper,
        form("Fysiotherapeut", "030 - 123 45 67", "", false),
    )
    .await;
    assert!(done(added.status()), "{}", added.status());
    let note_id = id_of(&family, "Fysiotherapeut").await;

    let seen = list(&family, &admin).await;
    let note = seen
        .notes
        .iter()
        .find(|n| n.id == note_id)
        .expect("the admin sees it");
    assert_eq!(note.phone, "030 - 123 45 67");
    assert_eq!(note.text, "Bellen tussen 8 en 10.\nDaarna de assistente.");
    assert_eq!(note.changed_by, "Sanne de Wit");
    assert!(note.can_edit, "the admin may change anyone's note");
    // Pinned ones first, whatever their age.
    let pinned: Vec<bool> = seen.notes.iter().map(|n| n.pinned).collect();
    let mut sorted = pinned.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(pinned, sorted);
    assert!(pinned[0]);

    // The helper may change their own note, not the admin's.
    let mine = list(&family, &helper).await;
    for note in &mine.notes {
        let own =
            ["Fysiotherapeut", "Waar ligt de sleutel", "Kapper"].contains(&note.title.as_str());
        assert_eq!(note.can_edit, own, "{}", note.title);
    }

    // The trusted member cannot change the helper's note: "not found", nothing changed.
    let edit = |note: NoteForm| EditNote {
        page_id,
        note_id,
        note,
    };
    let refused = app
        .send_as(&trusted, edit(form("Overgenomen", "", "", true)))
        .await;
    assert_eq!(refused.status(), StatusCode::NOT_FOUND);
    let for_edit = app
        .send_as(&trusted, NoteForEdit { page_id, note_id })
        .await;
    assert_eq!(for_edit.status(), StatusCode::NOT_FOUND);

    // The admin pins it; the newest change names the admin.
    let changed = app
        .send_as(
            &admin,
            edit(form(
                "Fysiotherapeut",
                "030 - 123 45 67",
                "Biltstraat 1\nUtrecht",
                true,
            )),
        )
        .await;
    assert!(done(changed.status()), "{}", changed.status());
    let note = list(&family, &helper)
        .await
        .notes
        .into_iter()
        .find(|n| n.id == note_id)
        .unwrap();
    assert!(note.pinned);
    assert_eq!(note.address, "Biltstraat 1\nUtrecht");
    assert_eq!(note.changed_by, "Marieke Bakker");
    assert!(note.can_edit, "still the helper's own note");

    // Linked staff see no notes at all, not even that they exist.
    let as_staff = app.send_as(&staff, Notes { page_id }).await;
    assert_eq!(as_staff.status(), StatusCode::NOT_FOUND);
    let as_nobody = app.send_as(&new_client(), Notes { page_id }).await;
    assert_eq!(as_nobody.status(), StatusCode::UNAUTHORIZED);
    let staff_page = app
        .get_as(&staff, &kring_app::routes::page(page_id).calendar())
        .await
        .text()
        .await
        .unwrap();
    assert!(
        !staff_page.contains(">Notities<"),
        "no Notities in staff's navigation"
    );
    assert!(staff_page.contains(">Mijn verhaal<"));

    // The page shows numbers to dial and addresses for the maps app.
    let html = app
        .get_as(&helper, &kring_app::routes::page(page_id).notes())
        .await
        .text()
        .await
        .unwrap();
    assert!(
        html.contains(r#"href="tel:0301234567""#),
        "a number to dial"
    );
    assert!(
        html.contains(r#"href="geo:0,0?q=Biltstraat+1+Utrecht""#),
        "an address to open"
    );
    assert!(html.contains("Gewijzigd door Marieke Bakker"));
}

#[tokio::test]
async fn the_writer_and_the_admin_delete_others_cannot() {
    let family = demo_family().await;
    let app = &family.app;
    let page_id = family.page_id;
    let helper = family.client_of(HELPER).await;
    let trusted = family.client_of(TRUSTED).await;
    let admin = family.client_of(ADMIN).await;
    let key = id_of(&family, "Waar ligt de sleutel").await;
    let doctor = id_of(&family, "Huisarts").await;

    let refused = app
        .send_as(
            &trusted,
            DeleteNote {
                page_id,
                note_id: key,
            },
        )
        .await;
    assert_eq!(refused.status(), StatusCode::NOT_FOUND);
    let refused = app
        .send_as(
            &helper,
            DeleteNote {
                page_id,
                note_id: doctor,
            },
        )
        .await;
    assert_eq!(refused.status(), StatusCode::NOT_FOUND);
    assert_eq!(app.count("notes").await, 4);

    let deleted = app
        .send_as(
            &helper,
            DeleteNote {
                page_id,
                note_id: key,
            },
        )
        .await;
    assert!(done(deleted.status()));
    let deleted = app
        .send_as(
            &admin,
            DeleteNote {
                page_id,
                note_id: doctor,
            },
        )
        .await;
    assert!(done(deleted.status()));
    assert_eq!(app.count("notes").await, 2);
    // Gone is gone: a second delete is "not found".
    let again = app
        .send_as(
            &admin,
            DeleteNote {
                page_id,
                note_id: key,
            },
        )
        .await;
    assert_eq!(again.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn bad_input_is_named_beside_its_field_and_changes_nothing() {
    let family = demo_family().await;
    let app = &family.app;
    let page_id = family.page_id;
    let helper = family.client_of(HELPER).await;
    let before = app.count("notes").await;

    let cases = [
        (form("   ", "", "", false), "note[title]", "titel"),
        (form(&"x".repeat(121), "", "", false), "note[title]", "120"),
        (
            form("Buren", "bel me", "", false),
            "note[phone]",
            "telefoonnummer",
        ),
        (
            form("Buren", "", &"Straat\n".repeat(5), false),
            "note[address]",
            "200",
        ),
        (
            NoteForm {
                text: "y".repeat(2001),
                ..form("Buren", "", "", false)
            },
            "note[text]",
            "2000",
        ),
    ];
    for (note, field, says) in cases {
        let error = refusal(add(&family, &helper, note).await).await;
        assert_eq!(error.field(), Some(field), "{error}");
        assert!(
            error.to_string().to_lowercase().contains(says),
            "{field}: {error}"
        );
    }
    // A form without the note's fields at all, or with a control character.
    let bare = app
        .call_as(&helper, "add_note", &[("page_id", &page_id.to_string())])
        .await;
    assert_eq!(bare.status(), StatusCode::BAD_REQUEST);
    let forged = app
        .call_as(
            &helper,
            "add_note",
            &[
                ("page_id", &page_id.to_string()),
                ("note[title]", "x\u{7}y"),
            ],
        )
        .await;
    assert_eq!(forged.status(), StatusCode::BAD_REQUEST);
    assert_eq!(app.count("notes").await, before);

    // An edit that is refused keeps the note as it was.
    let key = id_of(&family, "Waar ligt de sleutel").await;
    let refused = app
        .send_as(
            &helper,
            EditNote {
                page_id,
                note_id: key,
                note: form("", "", "", false),
            },
        )
        .await;
    assert_eq!(refused.status(), StatusCode::BAD_REQUEST);
    let kept: String = db::query_scalar("SELECT body FROM notes WHERE id = $1")
        .bind(key)
        .fetch_one(app.state.db.reader())
        .await
        .unwrap();
    assert!(kept.contains("code 4711"));
}

#[tokio::test]
async fn a_page_holds_at_most_its_number_of_notes_and_says_so() {
    let family = demo_family().await;
    let app = &family.app;
    let helper = family.client_of(HELPER).await;
    let existing = app.count("notes").await;
    for i in existing..MAX_NOTES_PER_PAGE {
        db::query(
            "INSERT INTO notes (care_page_id, title, changed_at, created_at) VALUES ($1, $2, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
        )
        .bind(family.page_id)
        .bind(format!("Notitie {i}"))
        .execute(app.state.db.writer())
        .await
        .unwrap();
    }
    let error = refusal(add(&family, &helper, form("Nog één", "", "", false)).await).await;
    assert!(error.to_string().contains("300 notities"), "{error}");
    assert_eq!(app.count("notes").await, MAX_NOTES_PER_PAGE);
}

#[tokio::test]
async fn a_note_of_another_page_is_not_found_through_this_one() {
    let family = demo_family().await;
    let app = &family.app;
    let admin = family.client_of(ADMIN).await;
    // A second page with a note of its own, made by the same admin.
    let created = app
        .call_as(
            &admin,
            "create_care_page",
            &[
                ("first_name", "Kees"),
                ("last_name", "Bakker"),
                ("birth_date", "1936-02-01"),
            ],
        )
        .await;
    assert!(done(created.status()));
    let other: i64 = db::query_scalar("SELECT MAX(id) FROM care_pages")
        .fetch_one(app.state.db.reader())
        .await
        .unwrap();
    let added = app
        .send_as(
            &admin,
            AddNote {
                page_id: other,
                note: form("Van Kees", "", "", false),
            },
        )
        .await;
    assert!(done(added.status()));
    let note_id = id_of(&family, "Van Kees").await;
    let page_id = family.page_id;
    for response in [
        app.send_as(&admin, NoteForEdit { page_id, note_id }).await,
        app.send_as(
            &admin,
            EditNote {
                page_id,
                note_id,
                note: form("Gekaapt", "", "", false),
            },
        )
        .await,
        app.send_as(&admin, DeleteNote { page_id, note_id }).await,
    ] {
        assert_eq!(response.status(), StatusCode::NOT_FOUND);
    }
    let title: String = db::query_scalar("SELECT title FROM notes WHERE id = $1")
        .bind(note_id)
        .fetch_one(app.state.db.reader())
        .await
        .unwrap();
    assert_eq!(title, "Van Kees");
}
