//! One upper bound for every request body, checked before the body is read:
//! a declared length above it is refused at once, and a body without one is
//! read only up to it. The photo upload has its own, larger limit on its route.
//! A refusal is 413 with the Dutch message, as a typed error for server functions.

use axum::body::{to_bytes, Body};
use axum::http::{header, HeaderValue, Request, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use kring_app::error::AppError;

/// The largest body of a form or server-function call: a message of 5,000
/// characters percent-encoded takes at most 60 KB.
pub const BODY_LIMIT: usize = 64 * 1024;

pub async fn limit_body(request: Request<Body>, next: Next) -> Response {
    let Some(limit) = limit_for(request.uri().path()) else {
        return next.run(request).await;
    };
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.parse::<u64>().ok());
    if declared.is_some_and(|length| length > limit as u64) {
        return too_large(&request);
    }
    let (parts, body) = request.into_parts();
    let bytes = match to_bytes(body, limit).await {
        Ok(bytes) => bytes,
        Err(_) => return too_large(&Request::from_parts(parts, Body::empty())),
    };
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}

/// The photo upload keeps its own limit (and answers a too-large photo with
/// the profile page, as a form without JavaScript expects).
fn limit_for(path: &str) -> Option<usize> {
    let photo = path.starts_with("/zorgpagina/") && path.ends_with("/foto");
    (!photo).then_some(BODY_LIMIT)
}

fn too_large<B>(request: &Request<B>) -> Response {
    let message = kring_app::i18n::t().err_body_too_large;
    let wants_html = request
        .headers()
        .get(header::ACCEPT)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|accept| accept.contains("text/html"));
    let mut response = if request.uri().path().starts_with("/api/") && !wants_html {
        let error = serde_json::to_string(&AppError::invalid(message)).unwrap_or_default();
        let mut response = (StatusCode::PAYLOAD_TOO_LARGE, error).into_response();
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        response
    } else {
        (StatusCode::PAYLOAD_TOO_LARGE, message).into_response()
    };
    // The rest of the body is not read: the browser must not reuse this connection.
    response
        .headers_mut()
        .insert(header::CONNECTION, HeaderValue::from_static("close"));
    response
}
