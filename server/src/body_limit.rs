//! One upper bound for every request body, checked before the body is kept:
//! a declared length above it is refused at once, and a body without one is
//! kept only up to it. The photo uploads have their own, larger limit on its
//! route. A refusal is 413 with the message in the interface language, as a
//! typed error for server functions and as problem details for the REST
//! API. The rest of a refused body is read and dropped (up to a bound), so
//! that the browser, still sending, reads the message instead of a broken
//! connection; nothing of it is kept.

use axum::body::{Body, Bytes};
use axum::http::{header, request::Parts, Request, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use futures_util::StreamExt;
use kring_app::error::AppError;

/// The largest body of a form or server-function call: a message of 5,000
/// characters percent-encoded takes at most 60 KB.
pub const BODY_LIMIT: usize = 64 * 1024;
/// How much of a refused body is read (and dropped) so that the answer
/// arrives; past it the connection is simply closed.
const DRAIN_LIMIT: usize = 16 * 1024 * 1024;

pub async fn limit_body(request: Request<Body>, next: Next) -> Response {
    let Some(limit) = limit_for(request.uri().path()) else {
        return next.run(request).await;
    };
    let (parts, body) = request.into_parts();
    let declared = parts
        .headers
        .get(header::CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.parse::<u64>().ok());
    let mut stream = body.into_data_stream();
    if declared.is_some_and(|length| length > limit as u64) {
        drain(&mut stream, declared.unwrap_or(0) as usize).await;
        return too_large(&parts);
    }
    let mut kept = Vec::new();
    while let Some(chunk) = stream.next().await {
        let Ok(chunk) = chunk else {
            return (
                StatusCode::BAD_REQUEST,
                kring_app::i18n::t().err_bad_request,
            )
                .into_response();
        };
        if kept.len() + chunk.len() > limit {
            drain(&mut stream, DRAIN_LIMIT).await;
            return too_large(&parts);
        }
        kept.extend_from_slice(&chunk);
    }
    next.run(Request::from_parts(parts, Body::from(Bytes::from(kept))))
        .await
}

/// Reads and drops what is left of a body, if it is not too much.
async fn drain<S>(stream: &mut S, expected: usize)
where
    S: futures_util::Stream<Item = Result<Bytes, axum::Error>> + Unpin,
{
    if expected > DRAIN_LIMIT {
        return;
    }
    let mut read = 0;
    while let Some(Ok(chunk)) = stream.next().await {
        read += chunk.len();
        if read > DRAIN_LIMIT {
            return;
        }
    }
}

/// The photo upload keeps its own limit (and answers a too-large photo with
/// the profile page, as a form without JavaScript expects).
fn limit_for(path: &str) -> Option<usize> {
    let photo = is_photo_upload(path);
    if path.starts_with("/api/v1/") {
        // The REST API: a bulk upload of measurements is larger than a form.
        return Some(crate::api_v1::BODY_LIMIT);
    }
    (!photo).then_some(BODY_LIMIT)
}

/// The photo uploads (the person's, and one for the life story): their own,
/// larger limit on their routes, and no time limit (a slow phone may take
/// a minute to send one).
pub fn is_photo_upload(path: &str) -> bool {
    kring_app::routes::page_id_in(path).is_some()
        && (path.ends_with("/foto") || path.ends_with("/verhaal-foto"))
}

fn too_large(parts: &Parts) -> Response {
    if parts.uri.path().starts_with("/api/v1/") {
        return crate::api_v1::problem::Problem::too_large().into_response();
    }
    let message = kring_app::i18n::t().err_body_too_large;
    if crate::api_status::is_server_function_call(parts.uri.path(), &parts.headers) {
        crate::api_status::server_function_error(
            StatusCode::PAYLOAD_TOO_LARGE,
            &AppError::invalid(message),
        )
    } else {
        (StatusCode::PAYLOAD_TOO_LARGE, message).into_response()
    }
}
