//! Kring on the phone's home screen: the service worker (`public/sw.js`)
//! keeps a copy of the last viewed week and Overzicht of each care page, to
//! read without a connection. The copy is asked for with a header of its
//! own, and the server renders it for that use: marked "Offline – bijgewerkt
//! om 07:12", without the blocks that hold messages or dossier news, and
//! without the browser bundle (a copy is read, never taken over by old code).

use crate::i18n::{fill, t};
use leptos::prelude::*;

/// The request header the service worker sends when it fetches a copy.
pub const OFFLINE_COPY_HEADER: &str = "kring-offline-copy";

/// The answer's header on a copy: until when it may be shown offline (the
/// moment the session that fetched it ends if left idle). The service worker
/// drops every copy once a copy's moment has passed.
pub const COPY_UNTIL_HEADER: &str = "kring-copy-until";

/// What logging out clears on the device: the service worker's copies
/// (`"storage"`) and the browser's cache. Cookies are the session's own business.
pub const CLEAR_ON_LOGOUT: &str = "\"cache\", \"storage\"";

/// Whether the page being rendered is an offline copy (server only; the
/// browser never renders one).
pub fn is_offline_copy() -> bool {
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>()
            .is_some_and(|parts| parts.headers.contains_key(OFFLINE_COPY_HEADER))
    }
    #[cfg(not(feature = "ssr"))]
    {
        false
    }
}

/// The pages a copy is kept of, as the service worker files them: a
/// page's Overzicht and its week (the last one viewed).
pub fn copy_key(path: &str) -> Option<String> {
    let id = crate::routes::page_id_in(path)?;
    let page = crate::routes::page(id);
    let path = path.split(['?', '#']).next().unwrap_or(path);
    [page.overview(), page.calendar()]
        .into_iter()
        .find(|key| key == path)
}

/// "Offline – bijgewerkt om 07:12" at the top of a copy.
#[component]
pub fn OfflineNote() -> impl IntoView {
    let text = t();
    #[cfg(feature = "ssr")]
    let time = crate::dates::now_local().format("%H:%M").to_string();
    #[cfg(not(feature = "ssr"))]
    let time = String::new();
    is_offline_copy().then(|| {
        view! {
            <div class="offline-note" role="status">
                <p><strong>{fill(text.home.offline_note, &[("time", &time)])}</strong></p>
                <p>{text.home.offline_explain}</p>
            </div>
        }
    })
}

/// Registers the service worker, and after each move within the app tells
/// it which page is open, so the copy follows what was last viewed (a full
/// page load the worker sees itself, when it controls the page).
pub fn keep_offline_copies() {
    #[cfg(feature = "hydrate")]
    {
        let Some(container) = web_sys::window().map(|w| w.navigator().service_worker()) else {
            return;
        };
        let _ = container.register("/sw.js");
        let location = leptos_router::hooks::use_location();
        // A page the worker does not control (the first visit before the
        // worker takes it over, or after a hard reload, which bypasses the
        // worker) asks for its copy once the worker is active.
        if container.controller().is_none() {
            ask_for_a_copy(&container, location.clone());
        }
        // The first render is a full page load, handled above.
        Effect::new(move |loaded: Option<()>| {
            location.pathname.track();
            location.search.track();
            if loaded.is_some() {
                ask_for_a_copy(&container, location.clone());
            }
        });
    }
}

/// Asks the active worker, once there is one, for a copy of the page on
/// screen at that moment (if it is a page copies are kept of). The active
/// worker, not the page's controller: it keeps copies for every page of
/// Kring, controlled or not. The router's address, not the window's: the
/// window's changes only after the new page's data is in.
#[cfg(feature = "hydrate")]
fn ask_for_a_copy(
    container: &web_sys::ServiceWorkerContainer,
    location: leptos_router::location::Location,
) {
    let Ok(ready) = container.ready() else {
        return;
    };
    leptos::task::spawn_local(async move {
        let Ok(registration) = wasm_bindgen_futures::JsFuture::from(ready).await else {
            return;
        };
        let registration: web_sys::ServiceWorkerRegistration =
            wasm_bindgen::JsCast::unchecked_into(registration);
        let Some(worker) = registration.active() else {
            return;
        };
        let path = location.pathname.get_untracked();
        let search = location.search.get_untracked();
        if copy_key(&path).is_none() {
            return;
        }
        let address = match search.is_empty() {
            true => path,
            false => format!("{path}?{search}"),
        };
        let _ = worker.post_message(&wasm_bindgen::JsValue::from_str(&format!("copy:{address}")));
    });
}

/// After logging out: the worker forgets every copy (the server's
/// `Clear-Site-Data` answer does the same for a plain form).
pub fn forget_offline_copies() {
    #[cfg(feature = "hydrate")]
    if let Some(worker) =
        web_sys::window().and_then(|w| w.navigator().service_worker().controller())
    {
        let _ = worker.post_message(&wasm_bindgen::JsValue::from_str("forget"));
    }
}

/// `/manifest.webmanifest`: what a phone needs to offer "Zet op beginscherm",
/// in the reader's language. It starts at `/`, which opens the care page
/// last open (`shell::last_page`).
#[cfg(feature = "ssr")]
pub async fn manifest() -> axum::response::Response {
    use axum::response::IntoResponse;
    let text = t();
    let icon = |src: &str, sizes: &str, kind: &str, purpose: &str| serde_json::json!({ "src": src, "sizes": sizes, "type": kind, "purpose": purpose });
    let body = serde_json::json!({
        "name": text.app_name,
        "short_name": text.app_name,
        "description": text.home.app_description,
        "lang": crate::i18n::lang::current().code(),
        "start_url": crate::routes::HOME,
        "scope": "/",
        "display": "standalone",
        "background_color": "#f6f4ef",
        "theme_color": super::theme_colour(false),
        "icons": [
            icon("/icons/kring-192.png", "192x192", "image/png", "any"),
            icon("/icons/kring-512.png", "512x512", "image/png", "any"),
            // The ring sits well inside the safe zone of a round or squircle mask.
            icon("/icons/kring-512.png", "512x512", "image/png", "maskable"),
            icon("/icons/kring.svg", "any", "image/svg+xml", "any"),
        ],
    });
    (
        [
            (http::header::CONTENT_TYPE, "application/manifest+json"),
            (http::header::CACHE_CONTROL, "no-cache"),
        ],
        body.to_string(),
    )
        .into_response()
}

/// `/offline`: the page the service worker keeps for a page it has no
/// copy of, in the language of the moment it was kept. Plain HTML with
/// Kring's style sheet; the texts are Kring's own, none from a reader.
#[cfg(feature = "ssr")]
pub async fn offline_page(
    axum::extract::State(state): axum::extract::State<crate::state::AppState>,
) -> axum::response::Response {
    use super::plain_page::{escape_html, plain_page};
    use axum::response::IntoResponse;
    let text = t();
    let body = plain_page(
        &super::assets::style_sheet_href(&state.leptos_options),
        text.home.offline_none_title,
        &format!(
            "<p>{body}</p><p><a href=\"/\">{app}</a></p>",
            body = escape_html(text.home.offline_none_body),
            app = escape_html(text.app_name),
        ),
    );
    (
        [
            (http::header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (http::header::CACHE_CONTROL, "no-cache"),
        ],
        body,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::copy_key;

    #[test]
    fn copies_are_kept_of_the_overview_and_the_week_only() {
        assert_eq!(copy_key("/zorgpagina/7").as_deref(), Some("/zorgpagina/7"));
        assert_eq!(
            copy_key("/zorgpagina/7/kalender?week=2026-W49").as_deref(),
            Some("/zorgpagina/7/kalender")
        );
        assert_eq!(copy_key("/zorgpagina/7/berichten"), None);
        assert_eq!(copy_key("/zorgpagina/7/dossier/rapportages"), None);
        assert_eq!(copy_key("/account"), None);
    }
}
