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
use axum::http::{header, HeaderMap, HeaderValue, Method, Request, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use kring_app::error::AppError;
use kring_app::i18n::t;
use kring_app::shell::plain_page::{escape_html, plain_page};
use kring_app::state::AppState;
use std::future::Future;
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
    let kind = Kind::of(request.uri().path(), request.headers());
    // The clock is read before the answer is polled, so a limit that has
    // passed is never beaten by an answer that happens to be ready: with
    // `timeout` (or a timer, which ticks in whole milliseconds) a page
    // rendered in one poll slipped past a zero limit now and then.
    let deadline = tokio::time::Instant::now() + time.limit;
    let mut alarm = std::pin::pin!(tokio::time::sleep_until(deadline));
    let mut run = std::pin::pin!(next.run(request));
    let answer = std::future::poll_fn(|cx| {
        if alarm.as_mut().poll(cx).is_ready() || tokio::time::Instant::now() >= deadline {
            return std::task::Poll::Ready(None);
        }
        run.as_mut().poll(cx).map(Some)
    })
    .await;
    match answer {
        Some(response) => response,
        None => {
            // The path only: a query may hold a single-use code.
            tracing::error!(%method, route = %uri.path(), seconds = time.limit.as_secs_f32(), "no answer within the time limit; answered 503");
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
    fn of(path: &str, headers: &HeaderMap) -> Kind {
        if path.starts_with("/api/v1/") {
            Kind::Api
        } else if crate::api_status::is_server_function_call(path, headers) {
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
            Kind::ServerFunction => crate::api_status::server_function_error(
                StatusCode::SERVICE_UNAVAILABLE,
                &AppError::TookTooLong,
            ),
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
    let text = t().home;
    axum::response::Html(plain_page(
        style_sheet,
        text.slow_title,
        &format!(
            "<p>{body}</p><p><a href=\"{again}\">{again_text}</a></p>",
            body = escape_html(text.slow_body),
            again = escape_html(again),
            again_text = escape_html(text.slow_again),
        ),
    ))
}
