//! Server functions report every error as HTTP 500. This layer reads our typed
//! error back from the body and gives the response its real status (400 for
//! bad input, 401, 404, 429), so logs, proxies and tests see what happened.
//! And for the layers that answer before a server function runs (a body
//! too large, no answer in time): the same typed error, as its caller reads it.

use axum::body::{to_bytes, Body};
use axum::http::{header, HeaderMap, HeaderValue, Request, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use kring_app::error::AppError;

/// Whether the request is the app's own code calling a server function,
/// which reads a typed error; a plain form sent without JavaScript asks for
/// a page (`Accept: text/html`), and the REST API has its own answers.
pub fn is_server_function_call(path: &str, headers: &HeaderMap) -> bool {
    let wants_html = headers
        .get(header::ACCEPT)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|accept| accept.contains("text/html"));
    path.starts_with("/api/") && !path.starts_with("/api/v1/") && !wants_html
}

/// `error` as a server function's caller decodes it, with `status`.
pub fn server_function_error(status: StatusCode, error: &AppError) -> Response {
    let body = serde_json::to_string(error).unwrap_or_default();
    let mut response = (status, body).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    response
}

const ERROR_HEADER: &str = "serverfnerror";
const MAX_ERROR_BODY: usize = 64 * 1024;

pub async fn real_error_status(request: Request<Body>, next: Next) -> Response {
    let response = next.run(request).await;
    if response.status() != StatusCode::INTERNAL_SERVER_ERROR
        || !response.headers().contains_key(ERROR_HEADER)
    {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_ERROR_BODY).await else {
        return Response::from_parts(parts, Body::empty());
    };
    if let Ok(error) = serde_json::from_slice::<AppError>(&bytes) {
        parts.status =
            StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    }
    Response::from_parts(parts, Body::from(bytes))
}
