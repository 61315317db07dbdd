//! A browser that is not logged in and asks for a personal page (a care
//! page, Mijn gegevens, the console, "Hoe gaat het met jou?", "Code
//! invoeren") is sent to the login page with a real `303 See Other`, which
//! carries where it was going (`/inloggen?terug=…`); after logging in (and
//! the second step) the person lands there. The answer depends only on the
//! shape of the address, never on whether the page exists.

use axum::body::Body;
use axum::extract::State;
use axum::http::{header, HeaderValue, Method, Request, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use kring_app::routes;
use kring_app::state::AppState;

/// Addresses of pages only a logged-in person can see.
fn is_personal(path: &str) -> bool {
    // Checked on every page load: no allocation.
    let under = |prefix: &str| {
        path.strip_prefix(prefix)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
    };
    // The confirmation link of a new account is opened before any login.
    if under(routes::CONFIRM_ACCOUNT) {
        return false;
    }
    [
        "/zorgpagina",
        routes::ACCOUNT,
        routes::CONSOLE,
        routes::HOW_ARE_YOU,
        routes::ENTER_CODE,
    ]
    .into_iter()
    .any(under)
}

pub async fn send_to_login(
    State(state): State<AppState>,
    mut request: Request<Body>,
    next: Next,
) -> Response {
    let navigation = request.method() == Method::GET
        && request
            .headers()
            .get(header::ACCEPT)
            .and_then(|value| value.to_str().ok())
            .is_some_and(|accept| accept.contains("text/html"))
        // The service worker's offline copy is refused as it was.
        && !request
            .headers()
            .contains_key(kring_app::shell::offline::OFFLINE_COPY_HEADER);
    if navigation && is_personal(request.uri().path()) {
        let secure = state.settings.https();
        let account = kring_app::accounts::session::account_from_headers(
            &state.db,
            request.headers(),
            secure,
        )
        .await;
        if let Ok(Some(account)) = &account {
            // The page renders with this answer instead of asking again.
            let found = kring_app::accounts::session::AccountLookedUp(Some(account.clone()));
            request.extensions_mut().insert(found);
        }
        if matches!(account, Ok(None)) {
            let target = request
                .uri()
                .path_and_query()
                .map_or(request.uri().path(), |target| target.as_str());
            let query = serde_urlencoded::to_string([("terug", target)]).unwrap_or_default();
            let location = format!("{}?{query}", routes::LOG_IN);
            if let Ok(location) = HeaderValue::from_str(&location) {
                return (StatusCode::SEE_OTHER, [(header::LOCATION, location)]).into_response();
            }
        }
    }
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::is_personal;

    #[test]
    fn personal_pages_are_known_by_their_address() {
        for path in [
            "/zorgpagina/1",
            "/zorgpagina/1/kalender",
            "/zorgpagina/9999/dossier/zorgplan",
            "/account",
            "/organisatie/clienten/3",
            "/hoe-gaat-het",
            "/code-invoeren",
        ] {
            assert!(is_personal(path), "{path}");
        }
        for path in [
            "/",
            "/inloggen",
            "/account/bevestigen",
            "/wachtwoord/nieuw",
            "/help",
            "/zorgpaginas",
            "/accounts",
        ] {
            assert!(!is_personal(path), "{path}");
        }
    }
}
