//! The REST API for an organisation's own systems (`/api/v1/`): its clients
//! and their link status, visits (upserted by the organisation's own id),
//! reports and measurements in bulk. JSON in and out; errors as problem
//! details; a bearer token with scopes (made in the console) says which
//! organisation calls, and every query keeps to that organisation. The
//! OpenAPI document is generated from these types and handlers.

mod clients;
pub mod dossier;
pub mod openapi;
pub(crate) mod problem;
mod visits;

use axum::body::Bytes;
use axum::http::{header, HeaderMap};
use axum::routing::{get, post, put};
use axum::Router;
use kring_app::organisation::tokens::{authenticate, ApiCaller, Scope};
use kring_app::state::AppState;
pub use problem::Problem;
use serde::de::DeserializeOwned;

/// The largest request body of the API: 10,000 measurements fit.
pub const BODY_LIMIT: usize = 4 * 1024 * 1024;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/clients", get(clients::list))
        .route("/api/v1/clients/{id}", get(clients::one))
        .route(
            "/api/v1/visits/{external_id}",
            put(visits::upsert).delete(visits::cancel),
        )
        .route("/api/v1/reports", post(dossier::report))
        .route("/api/v1/measurements", post(dossier::measurements))
        .route(kring_app::routes::API_OPENAPI, get(openapi::document))
        .route(kring_app::routes::API_DOCS, get(openapi::docs))
}

/// The token of `Authorization: Bearer <token>`. The scheme's name is
/// case-insensitive (RFC 9110, 11.1): `bearer` and `BEARER` are the same.
pub(crate) fn bearer_token(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.trim_start().split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then_some(token)
}

/// The organisation behind the request's bearer token, if it may `scope`.
pub async fn caller(
    state: &AppState,
    headers: &HeaderMap,
    scope: Scope,
) -> Result<ApiCaller, Problem> {
    let token = bearer_token(headers).ok_or_else(Problem::unauthorized)?;
    let caller = authenticate(&state.db, token)
        .await
        .map_err(Problem::from)?
        .ok_or_else(Problem::unauthorized)?;
    if !caller.may(scope) {
        return Err(Problem::forbidden(scope.as_str()));
    }
    Ok(caller)
}

/// A JSON body read strictly: the right media type, and a type error or an
/// unknown field named by its path.
pub fn json_body<T: DeserializeOwned>(headers: &HeaderMap, body: &Bytes) -> Result<T, Problem> {
    let is_json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.split(';').next().map(str::trim) == Some("application/json"));
    if !is_json {
        return Err(Problem::unsupported_media());
    }
    if body.iter().all(u8::is_ascii_whitespace) {
        // serde would say only "expected value".
        return Err(Problem::invalid(
            "",
            "the body is empty; send a JSON object",
        ));
    }
    let mut reader = serde_json::Deserializer::from_slice(body);
    serde_path_to_error::deserialize(&mut reader).map_err(|error| {
        let field = error.path().to_string();
        let field = if field == "." { String::new() } else { field };
        Problem::invalid(field, without_position(error.into_inner()))
    })
}

/// serde_json's message without "at line 1 column 65": the field's path says
/// where, and the position in the text helps no client.
fn without_position(error: serde_json::Error) -> String {
    let message = error.to_string();
    let position = format!(" at line {} column {}", error.line(), error.column());
    message
        .strip_suffix(&position)
        .unwrap_or(&message)
        .to_string()
}

/// The care page a client of the caller's organisation is linked to: 404
/// for a client of another organisation (as for none), 409 when not linked.
pub async fn linked_page(
    state: &AppState,
    caller: &ApiCaller,
    client_id: i64,
) -> Result<i64, Problem> {
    use kring_app::organisation::queries::{client_link, ClientLink};
    match client_link(&state.db, caller.provider_id, client_id).await? {
        None => Err(Problem::not_found()),
        Some(ClientLink::NotLinked) => Err(Problem::not_linked()),
        Some(ClientLink::Linked(page_id)) => Ok(page_id),
    }
}

/// The shape of a local time in the document: real months, days, hours and
/// minutes, years from 2000 (what [`local_time`] and the dossier accept;
/// 31 February still passes, and is refused with a reason). utoipa takes
/// only a literal, so each field writes it out; a test holds them to this.
pub const LOCAL_TIME_PATTERN: &str = r"^2[0-9]{3}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$";

/// A moment as the API takes it: local time in the Netherlands to the
/// minute, `2026-12-07T08:30` (seconds, if sent, are accepted and dropped).
pub fn local_time<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<chrono::NaiveDateTime, D::Error> {
    use chrono::{NaiveDateTime, Timelike};
    let text = <String as serde::Deserialize>::deserialize(deserializer)?;
    NaiveDateTime::parse_from_str(&text, "%Y-%m-%dT%H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(&text, "%Y-%m-%dT%H:%M:%S"))
        .map(|at| at.with_second(0).unwrap_or(at))
        .map_err(|_| serde::de::Error::custom("a local time as YYYY-MM-DDTHH:MM"))
}

#[cfg(test)]
mod tests {
    use super::bearer_token;
    use axum::http::{header, HeaderMap};

    fn with(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(header::AUTHORIZATION, value.parse().unwrap());
        headers
    }

    #[test]
    fn the_scheme_is_read_in_any_case_and_the_token_as_sent() {
        for value in ["Bearer kring_abc", "bearer kring_abc", "BEARER  kring_abc "] {
            assert_eq!(bearer_token(&with(value)), Some("kring_abc"), "{value}");
        }
        for value in ["Basic a2Fhcw==", "Bearer ", "Bearerkring_abc", "kring_abc"] {
            assert_eq!(bearer_token(&with(value)), None, "{value}");
        }
        assert_eq!(bearer_token(&HeaderMap::new()), None);
    }
}
