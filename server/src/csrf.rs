//! Cross-site request forgery: the session cookie is SameSite=Lax, and on top
//! of that every state-changing request must come from Kring's own origin: the
//! browser's `Origin` must be the configured public URL (scheme, host and
//! port), or, without `Origin`, `Sec-Fetch-Site` must not say cross-site.

use axum::body::Body;
use axum::extract::State;
use axum::http::{header, Method, Request, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use kring_app::state::AppState;

pub async fn reject_cross_site(
    State(state): State<AppState>,
    request: Request<Body>,
    next: Next,
) -> Response {
    let own = origin_of(&state.settings.public_url);
    // A mail program's one-click unsubscribe comes from elsewhere by design;
    // the code in its address is the permission, and it can only turn a mail off.
    let one_click = request.uri().path() == kring_app::routes::served::UNSUBSCRIBE_ONE_CLICK;
    if is_safe_method(request.method()) || one_click || comes_from(&request, &own) {
        return next.run(request).await;
    }
    tracing::warn!(uri = %request.uri(), "refused a cross-site request");
    (StatusCode::FORBIDDEN, kring_app::i18n::t().err_cross_site).into_response()
}

fn is_safe_method(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// `scheme://host[:port]` of a URL, lower-case, without a default port.
pub fn origin_of(url: &str) -> String {
    let (scheme, rest) = url.split_once("://").unwrap_or(("http", url));
    let scheme = scheme.to_ascii_lowercase();
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let authority = authority.to_ascii_lowercase();
    let default_port = if scheme == "https" { ":443" } else { ":80" };
    let authority = authority.strip_suffix(default_port).unwrap_or(&authority);
    format!("{scheme}://{authority}")
}

fn comes_from(request: &Request<Body>, own_origin: &str) -> bool {
    let headers = request.headers();
    if let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) {
        return origin_of(origin) == own_origin;
    }
    // No Origin (older browsers, tools): refuse only what the browser marks as cross-site.
    headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) != Some("cross-site")
}

#[cfg(test)]
mod tests {
    use super::origin_of;

    #[test]
    fn origins_compare_scheme_host_and_port() {
        assert_eq!(origin_of("https://kring.nl/"), "https://kring.nl");
        assert_eq!(origin_of("https://Kring.NL:443"), "https://kring.nl");
        assert_eq!(origin_of("http://127.0.0.1:3000"), "http://127.0.0.1:3000");
        assert_ne!(origin_of("http://kring.nl"), origin_of("https://kring.nl"));
        assert_ne!(
            origin_of("https://kring.nl:8443"),
            origin_of("https://kring.nl")
        );
        assert_ne!(
            origin_of("https://kring.nl.evil.test"),
            origin_of("https://kring.nl")
        );
    }
}
