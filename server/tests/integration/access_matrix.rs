//! The access matrix through the real routes: every page function, called by
//! every kind of person with ids that point at things they could use, answers
//! what the policy's matrix says; called with ids of another page it changes
//! nothing there; and what each function asks of the policy is exactly its
//! row in `policy::SERVER_FUNCTIONS`.

use crate::common::{demo_family, new_client, Family, ADMIN, HELPER, STAFF, TRUSTED};
use kring_app::calendar::api::AddAppointment;
use kring_app::calendar::form::AppointmentFields;
use kring_app::db;
use kring_app::demo::DEMO_PASSWORD;
use kring_app::policy::{self, allows, Action, Actor, Guard, Role};
use reqwest::{Client, StatusCode};
use std::collections::{BTreeMap, BTreeSet};

/// Who calls, and who the policy should take them for.
#[derive(Debug, Clone, Copy)]
enum Caller {
    Admin,
    Trusted,
    Helper,
    LinkedStaff,
    UnlinkedStaff,
    Stranger,
}

const CALLERS: [Caller; 6] = [
    Caller::Admin,
    Caller::Trusted,
    Caller::Helper,
    Caller::LinkedStaff,
    Caller::UnlinkedStaff,
    Caller::Stranger,
];

impl Caller {
    fn actor(self) -> Actor {
        match self {
            Caller::Admin => Actor::Member(Role::Admin),
            Caller::Trusted => Actor::Member(Role::Trusted),
            Caller::Helper => Actor::Member(Role::Helper),
            Caller::LinkedStaff => Actor::LinkedStaff,
            // Staff of an organisation the page is not linked to are nobody there.
            Caller::UnlinkedStaff | Caller::Stranger => Actor::Stranger,
        }
    }

    fn email(self) -> &'static str {
        match self {
            Caller::Admin => ADMIN,
            Caller::Trusted => TRUSTED,
            Caller::Helper => HELPER,
            Caller::LinkedStaff => STAFF,
            Caller::UnlinkedStaff => "joost@elders.test",
            Caller::Stranger => "vreemd@elders.test",
        }
    }
}

/// Functions that take away what later calls need (an occurrence, a member,
/// the caller's own access); each gets a world of its own.
const NEEDS_OWN_WORLD: [&str; 7] = [
    "/api/delete_note",
    "/api/end_organisation_link",
    "/api/delete_appointment",
    "/api/remove_member",
    "/api/hand_over_admin",
    "/api/leave_page",
    "/api/delete_care_page",
];

/// The demo family plus what the calls need: an organisation that is not
/// linked, a stranger, a second care page with things on it, and on the demo
/// page an appointment, a thread and an invitation the caller could use.
struct World {
    family: Family,
    client: Client,
    args: Vec<(&'static str, String)>,
    other_page: i64,
    other_args: Vec<(&'static str, String)>,
}

async fn login(family: &Family, email: &str) -> Client {
    let client = new_client();
    let response = family.app.login_as(&client, email, DEMO_PASSWORD).await;
    assert_eq!(response.status(), StatusCode::OK, "login {email}");
    client
}

fn done(status: StatusCode) -> bool {
    status.is_success() || status.is_redirection()
}

async fn id_of(family: &Family, sql: &str) -> i64 {
    db::query_scalar(sql)
        .fetch_one(family.app.state.db.reader())
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}

async fn call(
    family: &Family,
    client: &Client,
    path: &str,
    args: &[(&str, String)],
) -> reqwest::Response {
    let form: Vec<(&str, &str)> = args
        .iter()
        .map(|(k, v)| (*k, crate::access_table::typed_for(path, k, v)))
        .collect();
    family
        .app
        .call_as(client, path.trim_start_matches("/api/"), &form)
        .await
}

async fn add_appointment(
    family: &Family,
    client: &Client,
    page_id: i64,
    title: &str,
    shared: bool,
) -> i64 {
    let appointment = AppointmentFields {
        title: title.into(),
        date: Some(kring_app::dates::today()),
        start_time: chrono::NaiveTime::from_hms_opt(10, 0, 0),
        ask_help: true,
        share_with_provider: shared,
        ..Default::default()
    };
    let arguments = AddAppointment {
        page_id,
        appointment,
    };
    let response = family.app.send_as(client, arguments).await;
    assert!(done(response.status()), "add: {}", response.status());
    id_of(family, "SELECT MAX(id) FROM appointments").await
}

async fn add_note(family: &Family, client: &Client, page_id: i64, title: &str) -> i64 {
    let response = call(
        family,
        client,
        "/api/add_note",
        &[
            ("page_id", page_id.to_string()),
            ("note[title]", title.into()),
        ],
    )
    .await;
    assert!(done(response.status()), "add note: {}", response.status());
    id_of(family, "SELECT MAX(id) FROM notes").await
}

/// A photo in the life story of `page`, put in directly.
async fn story_photo(db: &db::Pool, page: i64) -> i64 {
    db::query_scalar(
        "INSERT INTO story_photos (care_page_id, content_type, bytes, added_at)
         VALUES ($1, 'image/png', $2, $3) RETURNING id",
    )
    .bind(page)
    .bind(b"\x89PNG\r\n\x1a\n".to_vec())
    .bind(chrono::Utc::now())
    .fetch_one(db)
    .await
    .unwrap()
}

async fn start_thread(family: &Family, client: &Client, page_id: i64, share_with: &str) -> i64 {
    let response = call(
        family,
        client,
        "/api/start_thread",
        &[
            ("page_id", page_id.to_string()),
            ("subject", "Sleutel".into()),
            ("body", "Waar ligt de sleutel?".into()),
            ("share_with", share_with.into()),
        ],
    )
    .await;
    assert!(
        done(response.status()),
        "start thread: {}",
        response.status()
    );
    id_of(family, "SELECT MAX(id) FROM threads").await
}

async fn world_for(caller: Caller) -> World {
    let family = demo_family().await;
    let app = &family.app;
    let db = app.state.db.writer();
    let hash: String = db::query_scalar("SELECT password_hash FROM accounts WHERE email = $1")
        .bind(STAFF)
        .fetch_one(db)
        .await
        .unwrap();
    let elders: i64 =
        db::query_scalar("INSERT INTO providers (name) VALUES ('Zorg Elders') RETURNING id")
            .fetch_one(db)
            .await
            .unwrap();
    for (email, provider) in [
        ("joost@elders.test", Some(elders)),
        ("vreemd@elders.test", None),
    ] {
        db::query(
            "INSERT INTO accounts (email, first_name, last_name, password_hash, provider_id, created_at)
             VALUES ($1, 'Joost', 'Elders', $2, $3, '2026-01-01T00:00:00Z')",
        )
        .bind(email)
        .bind(&hash)
        .bind(provider)
        .execute(db)
        .await
        .unwrap();
    }
    let page = family.page_id;
    let admin = login(&family, ADMIN).await;
    let client = login(&family, caller.email()).await;
    // The admin has typed the dossier's code (the others have not): the
    // functions behind the door answer both ways in one run.
    if matches!(caller, Caller::Admin) {
        db::query(
            "UPDATE sessions SET dossier_active_at = $1
             WHERE account_id = (SELECT id FROM accounts WHERE email = $2)",
        )
        .bind(chrono::Utc::now())
        .bind(ADMIN)
        .execute(db)
        .await
        .unwrap();
    }
    let provider_id = id_of(&family, "SELECT MIN(provider_id) FROM provider_links").await;

    // Another page, the stranger's, with an appointment, a thread and an invitation.
    let stranger = login(&family, "vreemd@elders.test").await;
    let created = call(
        &family,
        &stranger,
        "/api/create_care_page",
        &[
            ("first_name", "Kees".into()),
            ("last_name", "Anders".into()),
            ("birth_date", "1938-05-02".into()),
        ],
    )
    .await;
    assert!(done(created.status()), "{}", created.status());
    let other_page = id_of(&family, "SELECT MAX(id) FROM care_pages").await;
    let other_appointment = add_appointment(&family, &stranger, other_page, "Elders", false).await;
    let other_thread = start_thread(&family, &stranger, other_page, "").await;
    let other_note = add_note(&family, &stranger, other_page, "Van elders").await;
    let other_photo = story_photo(db, other_page).await;
    // The stranger has no fresh code; the other page's medicine is put in directly.
    let other_medicine: i64 = db::query_scalar(
        "INSERT INTO medicines (care_page_id, name, changed_by_name, changed_at)
         VALUES ($1, 'Elders-pil', 'Joost Elders', '2026-01-01T00:00:00Z') RETURNING id",
    )
    .bind(other_page)
    .fetch_one(db)
    .await
    .unwrap();
    let invited = call(
        &family,
        &stranger,
        "/api/invite",
        &[
            ("page_id", other_page.to_string()),
            ("email", "buur@elders.test".into()),
            ("role", "helper".into()),
        ],
    )
    .await;
    assert!(done(invited.status()), "{}", invited.status());
    let other_invitation = id_of(&family, "SELECT MAX(id) FROM invitations").await;
    let other_admin = id_of(
        &family,
        "SELECT id FROM accounts WHERE email = 'vreemd@elders.test'",
    )
    .await;

    // On the demo page: an appointment the caller made if they can (not
    // shared), else the admin's shared with the provider; a thread the caller can read.
    let appointment = if allows(caller.actor(), Action::AddAppointment) {
        add_appointment(&family, &client, page, "Boodschappen", false).await
    } else {
        add_appointment(&family, &admin, page, "Boodschappen", true).await
    };
    // A note the caller wrote if they can, else the admin's; the admin's
    // world has the helper's note, which the admin may change as well.
    let note = if matches!(caller, Caller::Admin) {
        let helper = login(&family, HELPER).await;
        add_note(&family, &helper, page, "Huisarts").await
    } else if owns_the_note(caller) {
        add_note(&family, &client, page, "Huisarts").await
    } else {
        add_note(&family, &admin, page, "Huisarts").await
    };
    let medicine = id_of(&family, "SELECT MIN(id) FROM medicines").await;
    let photo = story_photo(db, page).await;
    let thread = match caller {
        Caller::LinkedStaff => start_thread(&family, &admin, page, &provider_id.to_string()).await,
        _ => start_thread(&family, &admin, page, "").await,
    };
    let invited = call(
        &family,
        &admin,
        "/api/invite",
        &[
            ("page_id", page.to_string()),
            ("email", "nicht@example.nl".into()),
            ("role", "helper".into()),
        ],
    )
    .await;
    assert!(done(invited.status()), "{}", invited.status());
    let invitation = id_of(&family, "SELECT MAX(id) FROM invitations").await;
    let member = id_of(
        &family,
        &format!("SELECT id FROM accounts WHERE email = '{TRUSTED}'"),
    )
    .await;
    let helper = id_of(
        &family,
        &format!("SELECT id FROM accounts WHERE email = '{HELPER}'"),
    )
    .await;
    // The admin removes and hands over to someone else than the caller.
    let target = if matches!(caller, Caller::Trusted) {
        helper
    } else {
        member
    };

    let today = kring_app::dates::today().to_string();
    let common = |page: i64, item: Items, invitation: i64, account: i64| {
        let Items {
            appointment,
            thread,
            note,
            medicine,
            photo,
        } = item;
        vec![
            ("page_id", page.to_string()),
            ("week", String::new()),
            ("appointment_id", appointment.to_string()),
            ("date", today.clone()),
            ("occurrence", today.clone()),
            ("scope", "one".to_string()),
            ("help", "true".to_string()),
            ("appointment[title]", "Naar de kapper".to_string()),
            ("appointment[date]", today.clone()),
            ("appointment[start_time]", "11:00".to_string()),
            ("email", "nog.iemand@example.nl".to_string()),
            ("role", "trusted".to_string()),
            ("account_id", account.to_string()),
            ("invitation_id", invitation.to_string()),
            ("first_name", "Johanna".to_string()),
            ("last_name", "Bakker".to_string()),
            ("birth_date", "1941-03-14".to_string()),
            ("address", "Lindelaan 1".to_string()),
            ("phone", "030 1234567".to_string()),
            ("confirm", "on".to_string()),
            // Deleting the page asks the password (the demo's, for the admin).
            ("current_password", DEMO_PASSWORD.to_string()),
            ("thread_id", thread.to_string()),
            ("subject", "Onderwerp".to_string()),
            ("body", "Tekst".to_string()),
            ("on", "on".to_string()),
            ("period", String::new()),
            ("kind", "gewicht".to_string()),
            ("version", String::new()),
            ("person", String::new()),
            ("valid_from", today.clone()),
            ("plan", "# Wonen\nDoel: thuis blijven".to_string()),
            ("value", "70".to_string()),
            ("time", "00:00".to_string()),
            ("code", "123456".to_string()),
            ("provider_id", provider_id.to_string()),
            ("note_id", note.to_string()),
            ("medicine_id", medicine.to_string()),
            ("photo_id", photo.to_string()),
            ("medicine[name]", "Metoprolol".to_string()),
            ("medicine[strength]", "100 mg".to_string()),
            ("note[title]", "Tandarts".to_string()),
            ("note[phone]", "030 7654321".to_string()),
            ("chapter", "jeugd".to_string()),
            ("text", "Ik ben geboren in Zeist.".to_string()),
        ]
    };
    let ours = Items {
        appointment,
        thread,
        note,
        medicine,
        photo,
    };
    let args = common(page, ours, invitation, target);
    let theirs = Items {
        appointment: other_appointment,
        thread: other_thread,
        note: other_note,
        medicine: other_medicine,
        photo: other_photo,
    };
    let other_args = common(page, theirs, other_invitation, other_admin);
    World {
        client,
        args,
        other_page,
        other_args,
        family,
    }
}

/// The things on a page a call can name by id.
struct Items {
    appointment: i64,
    thread: i64,
    note: i64,
    medicine: i64,
    photo: i64,
}

/// Whether the note in the caller's world is their own: when they could
/// write one, except for the admin, who gets someone else's.
fn owns_the_note(caller: Caller) -> bool {
    !matches!(caller, Caller::Admin) && allows(caller.actor(), Action::AddNote)
}

/// What the matrix says the caller may do with the function, given the
/// items the world points at (the caller's own appointment, a thread of
/// their audience).
fn expected(path: &str, gate: Action, caller: Caller) -> Answer {
    let actor = caller.actor();
    // The admin is told why they cannot leave yet, instead of "not found".
    if path == "/api/leave_page" && actor == Actor::Member(Role::Admin) {
        return Answer::RefusedWithReason;
    }
    // Staff add a measurement for their organisation, the family one taken at home.
    if path == "/api/add_measurement" && allows(actor, Action::WriteDossier { fresh_code: true }) {
        return Answer::Allowed;
    }
    let own = allows(actor, Action::AddAppointment);
    let also = match path {
        "/api/appointment_for_edit" | "/api/edit_appointment" | "/api/delete_appointment" => {
            allows(actor, Action::EditAppointment { own })
        }
        "/api/leave_page" => allows(actor, Action::LeavePage),
        "/api/note_for_edit" | "/api/edit_note" | "/api/delete_note" => allows(
            actor,
            Action::EditNote {
                own: owns_the_note(caller),
            },
        ),
        _ => true,
    };
    if allows(actor, gate) && also {
        Answer::Allowed
    } else {
        Answer::Refused
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Answer {
    /// Done, or refused only for what the arguments say (400).
    Allowed,
    /// "Not found", exactly as for a page that does not exist.
    Refused,
    /// Refused, with a Dutch reason (400), nothing changed.
    RefusedWithReason,
}

impl Answer {
    fn fits(self, status: StatusCode) -> bool {
        match self {
            Answer::Allowed => {
                status.is_success() || status.is_redirection() || status == StatusCode::BAD_REQUEST
            }
            Answer::Refused => status == StatusCode::NOT_FOUND,
            Answer::RefusedWithReason => status == StatusCode::BAD_REQUEST,
        }
    }
}

fn page_functions() -> Vec<(&'static str, Action)> {
    policy::SERVER_FUNCTIONS
        .iter()
        .filter_map(|(path, guard)| match guard {
            Guard::Page { gate, .. } => Some((*path, *gate)),
            _ => None,
        })
        .collect()
}

/// Everything on the other page that a call could have changed.
async fn fingerprint(family: &Family, page: i64) -> Vec<i64> {
    let mut values = Vec::new();
    for sql in [
        "SELECT COUNT(*) FROM care_pages WHERE id = $1",
        "SELECT COUNT(*) FROM appointments WHERE care_page_id = $1",
        "SELECT COUNT(*) FROM appointment_skips s JOIN appointments a ON a.id = s.appointment_id WHERE a.care_page_id = $1",
        "SELECT COUNT(*) FROM appointment_helpers h JOIN appointments a ON a.id = h.appointment_id WHERE a.care_page_id = $1",
        "SELECT COUNT(*) FROM threads WHERE care_page_id = $1",
        "SELECT COUNT(*) FROM messages m JOIN threads t ON t.id = m.thread_id WHERE t.care_page_id = $1",
        "SELECT COUNT(*) FROM members WHERE care_page_id = $1",
        "SELECT COUNT(*) FROM invitations WHERE care_page_id = $1",
        "SELECT COUNT(*) FROM page_history WHERE care_page_id = $1",
        "SELECT COALESCE(SUM(LENGTH(title)), 0) FROM appointments WHERE care_page_id = $1",
        "SELECT COUNT(*) FROM notes WHERE care_page_id = $1",
        "SELECT COALESCE(SUM(LENGTH(title) + LENGTH(phone)), 0) FROM notes WHERE care_page_id = $1",
        "SELECT COUNT(*) FROM life_story_versions WHERE care_page_id = $1",
        "SELECT COUNT(*) FROM story_photos WHERE care_page_id = $1",
        "SELECT COALESCE(SUM(LENGTH(name) + LENGTH(strength)), 0) FROM medicines WHERE care_page_id = $1",
    ] {
        values.push(
            db::query_scalar(sql)
                .bind(page)
                .fetch_one(family.app.state.db.reader())
                .await
                .unwrap_or_else(|e| panic!("{sql}: {e}")),
        );
    }
    values
}

/// Calls every page function as `caller`, each in a world where the caller
/// could use what the arguments name; (path, the matrix's answer, status, body).
async fn drive(caller: Caller) -> Vec<(&'static str, Answer, StatusCode, String)> {
    let world = world_for(caller).await;
    let before = fingerprint(&world.family, world.other_page).await;
    let mut answers = Vec::new();
    for (path, gate) in page_functions() {
        let response = if NEEDS_OWN_WORLD.contains(&path) {
            let own = world_for(caller).await;
            call(&own.family, &own.client, path, &own.args).await
        } else {
            call(&world.family, &world.client, path, &world.args).await
        };
        let status = response.status();
        let body = response.text().await.unwrap_or_default();
        answers.push((path, expected(path, gate, caller), status, body));
    }
    assert_eq!(
        fingerprint(&world.family, world.other_page).await,
        before,
        "{caller:?} changed another page"
    );
    answers
}

#[tokio::test]
async fn every_page_function_answers_what_the_matrix_says_and_asks_what_it_declares() {
    let mut wrong = Vec::new();
    for caller in CALLERS {
        for (path, answer, status, body) in drive(caller).await {
            if !answer.fits(status) {
                wrong.push(format!(
                    "{caller:?} {path}: {status} (matrix: {answer:?}) {body}"
                ));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "answers against the matrix:\n{}",
        wrong.join("\n")
    );

    // Every caller has now called every function: what was asked must be
    // exactly what the access table declares (other tests in this process
    // only add what their calls really asked).
    let mut recorded: BTreeMap<String, BTreeSet<Action>> = BTreeMap::new();
    for (path, action) in policy::record::asked_so_far() {
        recorded.entry(path).or_default().insert(action);
    }
    for (path, guard) in policy::SERVER_FUNCTIONS {
        let declared: BTreeSet<Action> = guard.actions().into_iter().collect();
        let asked = recorded.remove(*path).unwrap_or_default();
        for action in asked.difference(&declared) {
            wrong.push(format!("{path} asks {action:?} but does not declare it"));
        }
        if matches!(guard, Guard::Page { .. }) {
            for action in declared.difference(&asked) {
                wrong.push(format!("{path} declares {action:?} but never asked it"));
            }
        }
    }
    for (path, actions) in recorded {
        wrong.push(format!("{path} asked {actions:?} and has no row"));
    }
    assert!(
        wrong.is_empty(),
        "the access table against the calls:\n{}",
        wrong.join("\n")
    );
}

#[tokio::test]
async fn ids_of_another_page_change_nothing_there() {
    // The admin of the demo page names, with the demo page's id, the other
    // page's appointment, thread, invitation and admin.
    let world = world_for(Caller::Admin).await;
    let before = fingerprint(&world.family, world.other_page).await;
    let mut wrong = Vec::new();
    for (path, _) in page_functions() {
        if path == "/api/delete_care_page" {
            continue; // acts on the page named by page_id only: the demo page
        }
        let response = call(&world.family, &world.client, path, &world.other_args).await;
        let status = response.status();
        let names_an_item = world.other_args.iter().any(|(key, _)| {
            [
                "appointment_id",
                "thread_id",
                "invitation_id",
                "account_id",
                "note_id",
            ]
            .contains(key)
        });
        assert!(names_an_item);
        let after = fingerprint(&world.family, world.other_page).await;
        if after != before {
            wrong.push(format!("{path}: {status} changed the other page"));
        }
        if status.is_server_error() {
            wrong.push(format!("{path}: {status}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
