//! Which language a request is answered in, decided once before anything
//! else runs: the language cookie (the account's choice, mirrored at login,
//! or a visitor's), else the browser's `Accept-Language`, else Dutch. The
//! choice travels in the request's extensions (Leptos' rendering and server
//! functions read it there) and in a task-local for plain routes.

use axum::body::Body;
use axum::http::{header, HeaderValue, Request};
use axum::middleware::Next;
use axum::response::Response;
use kring_app::accounts::session::{cookie_value, LANGUAGE_COOKIE};
use kring_app::i18n::lang::REQUEST_LANG;
use kring_app::i18n::Lang;

pub async fn choose(mut request: Request<Body>, next: Next) -> Response {
    let headers = request.headers();
    let cookie = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .find_map(|cookies| cookie_value(cookies, LANGUAGE_COOKIE));
    let accept = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|value| value.to_str().ok());
    // The REST API speaks one language, English, whatever the caller's
    // headers say: its messages are read by programs and their builders.
    let lang = match request.uri().path().starts_with("/api/v1/") {
        true => Lang::En,
        false => Lang::of_request(cookie, accept),
    };
    request.extensions_mut().insert(lang);
    let mut response = REQUEST_LANG.scope(lang, next.run(request)).await;
    // A page's words depend on these two headers; no cache may mix them up.
    // Static files are the same in every language and stay cacheable as one.
    let is_page = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|kind| kind.as_bytes().starts_with(b"text/html"));
    if is_page {
        response.headers_mut().append(
            header::VARY,
            HeaderValue::from_static("Accept-Language, Cookie"),
        );
    }
    response
}
