//! A time limit on every answer: a page, a server function or an API call
//! that has not produced its answer within `Settings::answer_within` (15 s)
//! is given up. The person gets a 503 in their language that says to try
//! again, instead of a page that loads forever; the log names the route.
//! Pages are rendered whole before they are sent (`SsrMode::Async`), so the
//! limit covers the entire render. Photo uploads are left alone: a slow phone
//! may take longer than that to send one.

use crate::api_v1::problem::Problem;
use axum::body::Body;
use axum::extract::State;
use axum::http::{header, HeaderValue, Method, Request, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use kring_app::error::AppError;
use kring_app::i18n::t;
use kring_app::state::AppState;
use std::sync::Arc;
use std::time::Duration;

/// What the limit needs, made once with the router: cheap to clone for
/// every request (unlike the whole `AppState`).
#[derive(Clone)]
pub struct TimeLimit {
    limit: Duration,
    style_sheet: Arc<str>,
}

impl TimeLimit {
    pub fn of(state: &AppState) -> TimeLimit {
        TimeLimit {
            limit: state.settings.answer_within,
            style_sheet: kring_app::shell::assets::style_sheet_href(&state.leptos_options).into(),
        }
    }
}

pub async fn answer_within(
    State(time): State<TimeLimit>,
    request: Request<Body>,
    next: Next,
) -> Response {
    if crate::body_limit::is_photo_upload(request.uri().path()) {
        return next.run(request).await;
    }
    // Kept for the answer: cheap copies (shared bytes), nothing formatted
    // unless the limit is reached.
    let uri = request.uri().clone();
    let method = request.method().clone();
    let accept = request.headers().get(header::ACCEPT).cloned();
    match tokio::time::timeout(time.limit, next.run(request)).await {
        Ok(response) => response,
        Err(_) => {
            // The path only: a query may hold a single-use code.
            tracing::error!(%method, route = %uri.path(), seconds = time.limit.as_secs_f32(), "no answer within the time limit; answered 503");
            let kind = Kind::of(uri.path(), accept.as_ref());
            let again = matches!(method, Method::GET | Method::HEAD)
                .then(|| uri.path_and_query().map(|address| address.as_str()))
                .flatten();
            kind.answer(again, &time.style_sheet)
        }
    }
}

/// Who is waiting, and so which form the answer takes.
enum Kind {
    /// A REST API client: problem details, in English.
    Api,
    /// A server function called by the app's own code: its typed error.
    ServerFunction,
    /// A person's browser: a page.
    Page,
}

impl Kind {
    fn of(path: &str, accept: Option<&HeaderValue>) -> Kind {
        let wants_html = accept
            .and_then(|value| value.to_str().ok())
            .is_some_and(|accept| accept.contains("text/html"));
        if path.starts_with("/api/v1/") {
            Kind::Api
        } else if path.starts_with("/api/") && !wants_html {
            Kind::ServerFunction
        } else {
            Kind::Page
        }
    }

    /// `again`: the address to try again, for a page that was asked for;
    /// a form that was sent goes back to the start instead of sending twice.
    fn answer(&self, again: Option<&str>, style_sheet: &str) -> Response {
        let mut response = match self {
            Kind::Api => Problem::too_slow().into_response(),
            Kind::ServerFunction => {
                let error = serde_json::to_string(&AppError::TookTooLong).unwrap_or_default();
                let mut response = (StatusCode::SERVICE_UNAVAILABLE, error).into_response();
                response.headers_mut().insert(
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("application/json"),
                );
                response
            }
            Kind::Page => (
                StatusCode::SERVICE_UNAVAILABLE,
                page(again.unwrap_or("/"), style_sheet),
            )
                .into_response(),
        };
        let headers = response.headers_mut();
        headers.insert(header::RETRY_AFTER, HeaderValue::from_static("5"));
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        response
    }
}

/// A plain page (Kring's style sheet, a static file, and no script): what
/// happened and a link to try again.
fn page(again: &str, style_sheet: &str) -> axum::response::Html<String> {
    let text = t();
    let lang = kring_app::i18n::lang::current().code();
    axum::response::Html(format!(
        "<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title} – {app}</title><link rel=\"stylesheet\" href=\"{style_sheet}\"></head>\
         <body><main><section class=\"card\"><h1>{title}</h1><p>{body}</p>\
         <p><a href=\"{again}\">{again_text}</a></p></section></main></body></html>",
        app = text.app_name,
        title = text.home.slow_title,
        body = text.home.slow_body,
        again = escape(again),
        again_text = text.home.slow_again,
    ))
}

/// The address goes into an attribute: nothing in it may end the attribute.
fn escape(address: &str) -> String {
    address
        .replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}
