//! Headers every answer carries that are about what a page may do, beside
//! the per-page Content-Security-Policy that Leptos' pages send themselves
//! (`kring_app::shell::csp`, with the nonce of their scripts):
//!
//! - `Permissions-Policy`: no screen of Kring uses the camera, microphone,
//!   location, payments or USB, so no page may ask for them (a photo is
//!   chosen with a file field, which needs no permission);
//! - plain HTML pages outside Leptos (the API's docs, the offline page) get
//!   a strict policy of their own: they have no scripts and load nothing but
//!   Kring's style sheet.

use axum::extract::Request;
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;

pub const PERMISSIONS: &str =
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), display-capture=()";

/// The policy of an HTML page without scripts.
pub const STATIC_PAGE_CSP: &str = "default-src 'none'; style-src 'self'; img-src 'self'; \
     base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

pub async fn add(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(
        header::HeaderName::from_static("permissions-policy"),
        HeaderValue::from_static(PERMISSIONS),
    );
    let html = headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with("text/html"));
    if html && !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(STATIC_PAGE_CSP),
        );
    }
    response
}
