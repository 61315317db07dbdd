//! The access table in `kring_app::policy::SERVER_FUNCTIONS` names every
//! server function: adding one without deciding its guard fails here.

use std::collections::BTreeSet;

#[tokio::test]
async fn every_server_function_has_a_row_in_the_access_table() {
    let _app = crate::common::spawn_app().await;
    let registered: BTreeSet<&str> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path)
        .collect();
    let listed: BTreeSet<&str> = kring_app::policy::SERVER_FUNCTIONS
        .iter()
        .map(|(path, _)| *path)
        .collect();
    let missing: Vec<_> = registered.difference(&listed).collect();
    let stale: Vec<_> = listed.difference(&registered).collect();
    assert!(
        missing.is_empty(),
        "server functions without a row in policy::SERVER_FUNCTIONS: {missing:?}"
    );
    assert!(
        stale.is_empty(),
        "rows for server functions that no longer exist: {stale:?}"
    );
}

/// The one value in the tables' shared arguments that differs per function:
/// `kind` names a kind of report for the reports and of measurement
/// elsewhere. Arguments are read (and refused when malformed) before any
/// access check, so each function gets a value of its own type.
pub fn typed_for<'a>(path: &str, name: &str, value: &'a str) -> &'a str {
    match (name, path.contains("report")) {
        ("kind", true) => "algemeen",
        _ => value,
    }
}

#[tokio::test]
async fn page_functions_refuse_the_logged_out_and_strangers_alike() {
    // Every page-guarded server function, called for a page that exists, by
    // someone logged out (401) and by a logged-in stranger (404), changes nothing.
    let family = crate::common::demo_family().await;
    let app = &family.app;
    app.sign_up("Vreemde", "Buitenstaander", "vreemd@example.nl")
        .await;
    let before = app.count("appointments").await;
    let page = family.page_id.to_string();
    let args = [
        ("page_id", page.as_str()),
        ("week", ""),
        ("appointment_id", "1"),
        ("date", "2026-11-18"),
        ("occurrence", "2026-11-18"),
        ("scope", "series"),
        ("help", "true"),
        ("appointment[title]", "x"),
        ("appointment[date]", "2026-11-18"),
        ("appointment[start_time]", "10:00"),
        ("email", "iemand@example.nl"),
        ("role", "helper"),
        ("account_id", "1"),
        ("invitation_id", "1"),
        ("first_name", "Johanna"),
        ("last_name", "Bakker"),
        ("birth_date", "1941-03-14"),
        ("address", "Lindelaan 1"),
        ("phone", "030 1234567"),
        ("confirm", "on"),
        ("thread_id", "1"),
        ("subject", "Onderwerp"),
        ("body", "Tekst"),
        ("period", ""),
        ("kind", "gewicht"),
        ("version", ""),
        ("person", ""),
        ("valid_from", "2026-01-01"),
        ("plan", "# Wonen"),
        ("value", "70"),
        ("time", "10:00"),
        ("note_id", "1"),
        ("medicine_id", "1"),
        ("photo_id", "1"),
        ("medicine[name]", "Metoprolol"),
        ("note[title]", "Huisarts"),
        ("chapter", "jeugd"),
        ("text", "Tekst"),
        ("code", "123456"),
        ("provider_id", "1"),
    ];
    for (path, guard) in kring_app::policy::SERVER_FUNCTIONS {
        if !matches!(guard, kring_app::policy::Guard::Page { .. }) {
            continue;
        }
        let endpoint = path.trim_start_matches("/api/");
        let args: Vec<(&str, &str)> = args
            .iter()
            .map(|(name, value)| (*name, typed_for(path, name, value)))
            .collect();
        let logged_out = app
            .call_as(&crate::common::new_client(), endpoint, &args)
            .await;
        assert_eq!(
            logged_out.status(),
            reqwest::StatusCode::UNAUTHORIZED,
            "{path} logged out"
        );
        let stranger = app.call(endpoint, &args).await;
        assert_eq!(
            stranger.status(),
            reqwest::StatusCode::NOT_FOUND,
            "{path} as a stranger"
        );
    }
    assert_eq!(app.count("appointments").await, before);
}

#[tokio::test]
async fn own_account_functions_need_a_login() {
    let app = crate::common::spawn_app().await;
    let args = [
        ("first_name", "Anna"),
        ("last_name", "de Vries"),
        ("birth_date", "1941-03-14"),
        ("new_email", "nieuw@example.nl"),
        ("current_password", crate::common::PASSWORD),
        ("password", "een heel nieuw wachtwoord"),
        ("password_repeat", "een heel nieuw wachtwoord"),
        ("mobile", "06 12345678"),
        ("code", "123456"),
        ("method", "totp"),
    ];
    for (path, guard) in kring_app::policy::SERVER_FUNCTIONS {
        // logout and viewer answer the logged-out too: there is nothing to end or show.
        let own = matches!(
            guard,
            kring_app::policy::Guard::OwnAccount
                | kring_app::policy::Guard::OwnAccountAndPage { .. }
        );
        if !own || ["/api/logout", "/api/viewer"].contains(path) {
            continue;
        }
        let endpoint = path.trim_start_matches("/api/");
        let response = app
            .call_as(&crate::common::new_client(), endpoint, &args)
            .await;
        assert_eq!(
            response.status(),
            reqwest::StatusCode::UNAUTHORIZED,
            "{path} logged out"
        );
    }
}
