//! The console's functions through the real routes, called by the
//! organisation admin, an employee, staff of another organisation, the
//! family's roles, a stranger and the logged-out: each answers what the
//! organisation matrix says, ids of another organisation change nothing
//! there, and each asks exactly what its row in `SERVER_FUNCTIONS` declares.

use super::{done, hendrik, johanna_at_de_linde, login, scalar};
use crate::common::{demo_family, new_client, Family, ADMIN, HELPER, STAFF, TRUSTED};
use kring_app::db;
use kring_app::demo::{INEKE, JORIS};
use kring_app::policy::{self, org_allows, Guard, OrgAction, OrgActor, StaffRole};
use reqwest::{Client, StatusCode};
use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Clone, Copy)]
enum Caller {
    OrgAdmin,
    Employee,
    OtherOrganisation,
    FamilyAdmin,
    Trusted,
    Helper,
    Stranger,
    LoggedOut,
}

const CALLERS: [Caller; 8] = [
    Caller::OrgAdmin,
    Caller::Employee,
    Caller::OtherOrganisation,
    Caller::FamilyAdmin,
    Caller::Trusted,
    Caller::Helper,
    Caller::Stranger,
    Caller::LoggedOut,
];

impl Caller {
    fn email(self) -> Option<&'static str> {
        match self {
            Caller::OrgAdmin => Some(INEKE),
            Caller::Employee => Some(STAFF),
            Caller::OtherOrganisation => Some(JORIS),
            Caller::FamilyAdmin => Some(ADMIN),
            Caller::Trusted => Some(TRUSTED),
            Caller::Helper => Some(HELPER),
            Caller::Stranger => Some("vreemd@elders.test"),
            Caller::LoggedOut => None,
        }
    }

    /// What De Linde's policy takes the caller for.
    fn actor(self) -> OrgActor {
        match self {
            Caller::OrgAdmin => OrgActor::Staff(StaffRole::Admin),
            Caller::Employee => OrgActor::Staff(StaffRole::Employee),
            Caller::LoggedOut => OrgActor::Anonymous,
            _ => OrgActor::Outsider,
        }
    }
}

/// The console's functions; removing the employee the others name comes last.
fn org_functions() -> Vec<(&'static str, OrgAction)> {
    let mut functions: Vec<(&'static str, OrgAction)> = policy::SERVER_FUNCTIONS
        .iter()
        .filter_map(|(path, guard)| match guard {
            Guard::Organisation { gate, .. } => Some((*path, *gate)),
            _ => None,
        })
        .collect();
    // Ending the link comes after what needs it.
    functions.sort_by_key(|(path, _)| match *path {
        "/api/end_client_link" => 1,
        "/api/remove_staff" => 2,
        _ => 0,
    });
    functions
}

/// Everything of De Linde a call could change.
async fn fingerprint(family: &Family) -> Vec<i64> {
    let mut values = Vec::new();
    for sql in [
        "SELECT COUNT(*) FROM clients WHERE provider_id = 1",
        "SELECT COUNT(*) FROM clients WHERE provider_id = 1 AND code_hash IS NOT NULL",
        "SELECT COALESCE(SUM(LENGTH(code_hash)), 0) + COUNT(unlinked_at) FROM clients WHERE provider_id = 1",
        "SELECT COUNT(*) FROM provider_links WHERE provider_id = 1",
        "SELECT COUNT(*) FROM accounts WHERE provider_id = 1",
        "SELECT COUNT(*) FROM staff_locations s JOIN locations l ON l.id = s.location_id WHERE l.provider_id = 1",
        "SELECT COUNT(*) FROM locations WHERE provider_id = 1",
        "SELECT COUNT(*) FROM invitations WHERE provider_id = 1",
        "SELECT COUNT(*) FROM visits WHERE provider_id = 1",
        "SELECT COUNT(*) FROM api_tokens WHERE provider_id = 1 AND revoked_at IS NULL",
        "SELECT COUNT(*) FROM threads WHERE provider_id = 1",
    ] {
        values.push(scalar(family, sql).await);
    }
    values
}

/// Arguments naming De Linde's things: a client with a code, the linked
/// client, its employee, its location.
async fn arguments(family: &Family) -> Vec<(&'static str, String)> {
    let location = scalar(family, "SELECT id FROM locations WHERE provider_id = 1").await;
    let employee = scalar(
        family,
        &format!("SELECT id FROM accounts WHERE email = '{STAFF}'"),
    )
    .await;
    let visit = scalar(family, "SELECT MAX(id) FROM visits WHERE provider_id = 1").await;
    let token: i64 = db::query_scalar(
        "INSERT INTO api_tokens (provider_id, name, token_hash, scopes, created_at)
         VALUES (1, 'Planning', $1, 'clients:read', $2) RETURNING id",
    )
    .bind(vec![0u8])
    .bind(chrono::Utc::now())
    .fetch_one(family.app.state.db.writer())
    .await
    .unwrap();
    let tomorrow = (kring_app::dates::today() + chrono::Duration::days(1)).to_string();
    vec![
        ("visit_id", visit.to_string()),
        ("token_id", token.to_string()),
        ("visit[date]", tomorrow),
        ("visit[time]", "10:00".into()),
        ("visit[minutes]", "30".into()),
        ("clients_read", "on".into()),
        ("subject", "Telefoonnummer".into()),
        ("body", "Ander nummer in de feestdagen.".into()),
        ("search", String::new()),
        ("location", location.to_string()),
        ("first_name", "Gerrit".into()),
        ("last_name", "Kok".into()),
        ("birth_date", "1940-05-05".into()),
        ("client_id", hendrik(family).await.to_string()),
        ("email", "nieuw@delinde.test".into()),
        ("role", "employee".into()),
        ("account_id", employee.to_string()),
        ("name", "Team Zuid".into()),
        ("on", "on".into()),
    ]
}

async fn client_for(family: &Family, caller: Caller) -> Client {
    if matches!(caller, Caller::Stranger) {
        family
            .app
            .sign_up("Vreemde", "Elders", "vreemd@elders.test")
            .await;
    }
    match caller.email() {
        None => new_client(),
        Some("vreemd@elders.test") => {
            let client = new_client();
            family
                .app
                .login_as(&client, "vreemd@elders.test", crate::common::PASSWORD)
                .await;
            client
        }
        Some(email) => login(family, email).await,
    }
}

#[tokio::test]
async fn every_console_function_answers_what_the_organisation_matrix_says() {
    let mut wrong = Vec::new();
    for caller in CALLERS {
        let family = demo_family().await;
        let client = client_for(&family, caller).await;
        let mut args = arguments(&family).await;
        let before = fingerprint(&family).await;
        for (path, gate) in org_functions() {
            // Visits and ending a link need a linked client; the rest one with a code.
            let needs_link = [
                "/api/end_client_link",
                "/api/client_visits",
                "/api/plan_visit",
                "/api/cancel_visit",
            ];
            let client_id = match needs_link.contains(&path) {
                true => johanna_at_de_linde(&family).await,
                false => hendrik(&family).await,
            };
            args.retain(|(key, _)| *key != "client_id");
            args.push(("client_id", client_id.to_string()));
            let form: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let response = family
                .app
                .call_as(&client, path.trim_start_matches("/api/"), &form)
                .await;
            let status = response.status();
            let body = response.text().await.unwrap_or_default();
            let fits = match caller.actor() {
                OrgActor::Anonymous => status == StatusCode::UNAUTHORIZED,
                OrgActor::Staff(_) if org_allows(caller.actor(), gate) => {
                    done(status) || status == StatusCode::BAD_REQUEST
                }
                // Joris is an admin of his own practice: he may call
                // everything, but De Linde's ids are nothing to him.
                OrgActor::Outsider if matches!(caller, Caller::OtherOrganisation) => {
                    done(status)
                        || status == StatusCode::NOT_FOUND
                        || status == StatusCode::BAD_REQUEST
                }
                _ => status == StatusCode::NOT_FOUND,
            };
            if !fits {
                wrong.push(format!("{caller:?} {path}: {status} {body}"));
            }
        }
        let denied_everything = !matches!(caller, Caller::OrgAdmin | Caller::Employee);
        if denied_everything && fingerprint(&family).await != before {
            wrong.push(format!("{caller:?} changed De Linde"));
        }
    }
    assert!(
        wrong.is_empty(),
        "answers against the matrix:\n{}",
        wrong.join("\n")
    );

    // What each function asked, against what it declares.
    let mut recorded: BTreeMap<String, BTreeSet<OrgAction>> = BTreeMap::new();
    for (path, action) in policy::record::org_asked_so_far() {
        recorded.entry(path).or_default().insert(action);
    }
    for (path, guard) in policy::SERVER_FUNCTIONS {
        let declared: BTreeSet<OrgAction> = guard.org_actions().into_iter().collect();
        let asked = recorded.remove(*path).unwrap_or_default();
        for action in asked.difference(&declared) {
            wrong.push(format!("{path} asks {action:?} but does not declare it"));
        }
        for action in declared.difference(&asked) {
            wrong.push(format!("{path} declares {action:?} but never asked it"));
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
async fn the_other_organisation_s_admin_sees_only_its_own_clients() {
    let family = demo_family().await;
    let joris = login(&family, JORIS).await;
    let view: kring_app::organisation::ConsoleView = family
        .app
        .send_as(
            &joris,
            kring_app::organisation::api::OrgClients {
                search: String::new(),
                location: Default::default(),
            },
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(view.organisation, "Fysiotherapie Oost");
    let names: Vec<&str> = view.clients.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["Johanna Bakker"]);
    let ineke = login(&family, INEKE).await;
    let view: kring_app::organisation::ConsoleView = family
        .app
        .send_as(
            &ineke,
            kring_app::organisation::api::OrgClients {
                search: "jan".into(),
                location: Default::default(),
            },
        )
        .await
        .json()
        .await
        .unwrap();
    let names: Vec<&str> = view.clients.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["Hendrik Jansen"]);
    assert_eq!(view.matching, 1);
}
