//! Keeps what was typed when a form sent without JavaScript comes back with
//! an error (see `kring_app::shell::kept`): the server function answers with
//! a redirect to the form's page and the error in its address, and this
//! layer adds the typed fields, never a password or a code, as a cookie of
//! two minutes for that page to fill its fields from.

use crate::body_limit::BODY_LIMIT;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::Response;
use kring_app::shell::kept::{is_secret, Kept, COOKIE, KEEP_SECONDS};
use kring_app::state::AppState;

/// Leptos marks a server function's error answer with this header.
const ERROR_HEADER: &str = "serverfnerror";

pub async fn keep_typed_on_error(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    if !is_plain_form_post(&request) {
        return next.run(request).await;
    }
    let secure = state.settings.https();
    let path = request.uri().path().to_string();
    let (parts, body) = request.into_parts();
    // The body limit has already refused anything larger.
    let Ok(bytes) = axum::body::to_bytes(body, BODY_LIMIT).await else {
        return next.run(Request::from_parts(parts, Body::empty())).await;
    };
    let mut response = next
        .run(Request::from_parts(parts, Body::from(bytes.clone())))
        .await;
    if response.headers().contains_key(ERROR_HEADER) {
        let fields = form_fields(&bytes);
        if let Some(value) = (Kept { path, fields }).encode() {
            let secure = if secure { "; Secure" } else { "" };
            let cookie = format!(
                "{COOKIE}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={KEEP_SECONDS}{secure}"
            );
            if let Ok(cookie) = HeaderValue::from_str(&cookie) {
                response.headers_mut().append(header::SET_COOKIE, cookie);
            }
        }
    }
    response
}

fn is_plain_form_post(request: &Request) -> bool {
    let header_has = |name, wanted: &str| {
        request
            .headers()
            .get(name)
            .and_then(|value| value.to_str().ok())
            .is_some_and(|value| value.contains(wanted))
    };
    request.method() == Method::POST
        && request.uri().path().starts_with("/api/")
        && header_has(header::ACCEPT, "text/html")
        && header_has(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
}

/// The form's fields without secrets; a repeated name keeps its last value.
fn form_fields(body: &[u8]) -> std::collections::BTreeMap<String, String> {
    serde_urlencoded::from_bytes::<Vec<(String, String)>>(body)
        .unwrap_or_default()
        .into_iter()
        .filter(|(name, _)| !is_secret(name))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::form_fields;

    #[test]
    fn passwords_and_codes_are_never_kept() {
        let fields = form_fields(b"email=anna%40example.nl&password=geheim&current_password=x&code=123456&title=Kapper+om+10%3A00");
        let names: Vec<&str> = fields.keys().map(String::as_str).collect();
        assert_eq!(names, ["email", "title"]);
        assert_eq!(fields["title"], "Kapper om 10:00");
    }
}
