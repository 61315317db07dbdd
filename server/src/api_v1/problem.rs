//! Errors of the REST API as RFC 9457 problem details
//! (`application/problem+json`), with the fields a body got wrong.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;

/// A problem: what kind, for people and programs, with field-level details.
#[derive(Debug, Serialize, ToSchema)]
pub struct Problem {
    /// A URI naming the kind of problem (relative to the API's documentation).
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    pub status: u16,
    pub detail: String,
    /// The fields of the request that were not right; absent when none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldProblem>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct FieldProblem {
    /// Where in the body, as a path: `measurements[3].value`.
    pub field: String,
    pub message: String,
}

impl Problem {
    fn new(status: StatusCode, kind: &str, title: &str, detail: impl Into<String>) -> Problem {
        Problem {
            kind: format!("/api/v1/docs#problem-{kind}"),
            title: title.to_string(),
            status: status.as_u16(),
            detail: detail.into(),
            errors: Vec::new(),
        }
    }

    pub fn unauthorized() -> Problem {
        Problem::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "Unauthorized",
            "Send a live API token as `Authorization: Bearer kring_…`.",
        )
    }

    pub fn forbidden(scope: &str) -> Problem {
        Problem::new(
            StatusCode::FORBIDDEN,
            "scope",
            "Missing scope",
            format!("This token lacks the scope `{scope}`."),
        )
    }

    /// An id that is not the organisation's answers as one that does not exist.
    pub fn not_found() -> Problem {
        Problem::new(
            StatusCode::NOT_FOUND,
            "not-found",
            "Not found",
            "No such item of your organisation.",
        )
    }

    pub fn not_linked() -> Problem {
        Problem::new(
            StatusCode::CONFLICT,
            "not-linked",
            "Client not linked",
            "The client has no linked care page yet: the family enters the activation code first.",
        )
    }

    pub fn unsupported_media() -> Problem {
        Problem::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "media-type",
            "Unsupported media type",
            "Send the body as `Content-Type: application/json`.",
        )
    }

    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Problem {
        let mut problem = Problem::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid",
            "Invalid request",
            "A field of the request is not right; nothing was changed.",
        );
        problem.errors.push(FieldProblem {
            field: field.into(),
            message: message.into(),
        });
        problem
    }

    /// A body over the API's upper bound (`api_v1::BODY_LIMIT`), refused
    /// before it is read.
    pub fn too_large() -> Problem {
        Problem::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "too-large",
            "Request too large",
            format!(
                "The body is larger than {} MiB; send it in parts (at most {} measurements per request). Nothing was changed.",
                super::BODY_LIMIT / (1024 * 1024),
                super::dossier::MAX_MEASUREMENTS
            ),
        )
    }

    /// No answer within the server's time limit (`time_limit`).
    pub fn too_slow() -> Problem {
        Problem::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "too-slow",
            "No answer in time",
            "The server did not answer within its time limit; check whether a write took effect before sending it again.",
        )
    }

    pub fn internal() -> Problem {
        Problem::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "Internal error",
            "Something went wrong on our side; nothing was changed.",
        )
    }
}

impl From<kring_app::error::AppError> for Problem {
    fn from(error: kring_app::error::AppError) -> Problem {
        use kring_app::error::AppError;
        match error {
            AppError::NotFound => Problem::not_found(),
            AppError::InvalidField { field, message } => Problem::invalid(field, message),
            AppError::Invalid(message) => Problem::invalid("", message),
            AppError::Refused(_) => {
                Problem::invalid(error.field().unwrap_or(""), error.to_string())
            }
            _ => Problem::internal(),
        }
    }
}

impl From<sqlx::Error> for Problem {
    fn from(error: sqlx::Error) -> Problem {
        tracing::error!(%error, "api: database");
        Problem::internal()
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let unauthorized = status == StatusCode::UNAUTHORIZED;
        let mut response =
            (status, serde_json::to_string(&self).unwrap_or_default()).into_response();
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        if unauthorized {
            headers.insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        response
    }
}
