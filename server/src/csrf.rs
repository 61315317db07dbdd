//! Cross-site request forgery: the session cookie is SameSite=Lax, and on top
//! of that every state-changing request must come from our own origin, as the
//! browser's `Origin` (or `Sec-Fetch-Site`) header tells.

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

pub async fn reject_cross_site(request: Request<Body>, next: Next) -> Response {
    if is_safe_method(request.method()) || comes_from_own_site(&request) {
        return next.run(request).await;
    }
    tracing::warn!(uri = %request.uri(), "refused a cross-site request");
    (StatusCode::FORBIDDEN, kring_app::i18n::t().err_cross_site).into_response()
}

fn is_safe_method(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

fn comes_from_own_site(request: &Request<Body>) -> bool {
    let headers = request.headers();
    if let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) {
        let host = headers
            .get(header::HOST)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        let origin_host = origin.split_once("://").map(|(_, rest)| rest).unwrap_or("");
        return !host.is_empty() && origin_host.eq_ignore_ascii_case(host);
    }
    // No Origin (older browsers, tools): refuse only what the browser marks as cross-site.
    headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) != Some("cross-site")
}
