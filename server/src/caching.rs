//! What browsers and proxies may keep. Pages and server-function answers carry
//! personal data: `no-store`, so the back button on a shared tablet after
//! logging out shows nothing and no proxy keeps a copy. Static files and
//! routes that chose their own `Cache-Control` keep it. Over HTTPS, HSTS.
//! An offline copy for the service worker says how long it may be shown
//! (`kring-copy-until`): no longer than the session that fetched it lives
//! when left idle, so a copy never outlives a session that expired.

use axum::body::Body;
use axum::extract::State;
use axum::http::{header, HeaderValue, Request};
use axum::middleware::Next;
use axum::response::Response;
use kring_app::state::AppState;

pub async fn no_store_for_personal_data(
    State(state): State<AppState>,
    request: Request<Body>,
    next: Next,
) -> Response {
    let offline_copy = request
        .headers()
        .contains_key(kring_app::shell::offline::OFFLINE_COPY_HEADER);
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    if offline_copy {
        let until = chrono::Utc::now()
            + chrono::Duration::minutes(kring_app::accounts::session::IDLE_MINUTES);
        if let Ok(value) = HeaderValue::from_str(&until.to_rfc3339()) {
            headers.insert(kring_app::shell::offline::COPY_UNTIL_HEADER, value);
        }
    }
    let is_page_or_data = headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|kind| kind.starts_with("text/html") || kind.starts_with("application/json"));
    if is_page_or_data && !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    if state.settings.https() {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
    response
}
