//! One typed error for every server function. The browser receives the same
//! value the server produced, and every variant reads as a Dutch sentence.

use crate::i18n::t;
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum AppError {
    /// The input was refused; the message says why, in the interface language.
    Invalid(String),
    /// One field of a form was refused: `field` is its name in the form
    /// (`email`, `appointment[end_time]`), so the message can stand beside it
    /// as well as at the top.
    InvalidField { field: String, message: String },
    /// The request needs a logged-in account.
    NotLoggedIn,
    /// Not there, or not for this actor: the two are deliberately one answer,
    /// so that nobody learns whether a page or item exists.
    NotFound,
    /// Too many failed attempts.
    RateLimited,
    /// Too many requests of one kind (mails, codes, new items) in a while;
    /// the message says which and how long to wait.
    Limited(String),
    /// The server is briefly too busy for this request; nothing changed.
    Busy,
    /// No answer within the server's time limit: the request was given up,
    /// and whether a write before that point was saved is for the person to see.
    TookTooLong,
    /// The disk (or the database's size limit) is full: the write was
    /// refused whole, and what was saved before is untouched.
    StorageFull,
    /// A single-use link that is unknown, used or expired.
    LinkInvalid,
    /// Something failed on the server; details are logged, not shown.
    Internal,
    /// The request never reached the server or its answer could not be read.
    Transport(String),
}

impl AppError {
    pub fn invalid(message: impl Into<String>) -> Self {
        AppError::Invalid(message.into())
    }

    /// Turns a field's refusal into the error that names the field:
    /// `EmailAddress::parse(&email).map_err(AppError::in_field("email"))`.
    pub fn in_field(field: &'static str) -> impl FnOnce(String) -> AppError {
        move |message| AppError::InvalidField {
            field: field.to_string(),
            message,
        }
    }

    /// The field this error is about, if it is about one.
    pub fn field(&self) -> Option<&str> {
        match self {
            AppError::InvalidField { field, .. } => Some(field),
            _ => None,
        }
    }

    pub fn limited(message: impl Into<String>) -> Self {
        AppError::Limited(message.into())
    }

    /// The HTTP status that goes with the error, for routes and server functions.
    pub fn status(&self) -> u16 {
        match self {
            AppError::Invalid(_) | AppError::InvalidField { .. } => 400,
            AppError::NotLoggedIn => 401,
            AppError::NotFound => 404,
            AppError::RateLimited | AppError::Limited(_) => 429,
            AppError::Busy | AppError::TookTooLong => 503,
            AppError::StorageFull => 507,
            AppError::LinkInvalid => 400,
            AppError::Internal | AppError::Transport(_) => 500,
        }
    }
}

impl fmt::Display for AppError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = t();
        match self {
            AppError::Invalid(message) | AppError::InvalidField { message, .. } => {
                f.write_str(message)
            }
            AppError::NotLoggedIn => f.write_str(text.err_not_logged_in),
            AppError::NotFound => f.write_str(text.err_not_found),
            AppError::RateLimited => f.write_str(text.err_rate_limited),
            AppError::Limited(message) => f.write_str(message),
            AppError::Busy => f.write_str(text.err_busy),
            AppError::TookTooLong => f.write_str(text.err_too_slow),
            AppError::StorageFull => f.write_str(text.err_storage_full),
            AppError::LinkInvalid => f.write_str(text.err_link_invalid),
            AppError::Internal => f.write_str(text.err_internal),
            AppError::Transport(_) => f.write_str(text.err_network),
        }
    }
}

impl std::error::Error for AppError {}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Request(detail) => AppError::Transport(detail),
            // A field that is not what it promises (a date that is no date)
            // is named; anything else a form could not have sent is not.
            ServerFnErrorErr::Args(detail) => {
                AppError::Invalid(crate::form_value::refusal(&detail).to_string())
            }
            ServerFnErrorErr::MissingArg(_) => AppError::Invalid(t().err_bad_request.to_string()),
            _ => AppError::Internal,
        }
    }
}

#[cfg(feature = "ssr")]
impl From<sqlx::Error> for AppError {
    fn from(error: sqlx::Error) -> Self {
        // SQLITE_FULL (13): SQLite rolled the statement back; the operator
        // must free space, and the person is told that nothing was saved.
        let full = error
            .as_database_error()
            .and_then(|e| e.code())
            .is_some_and(|code| code == "13");
        if full {
            tracing::error!(%error, "database refused a write: storage full");
            return AppError::StorageFull;
        }
        tracing::error!(%error, "database error");
        AppError::Internal
    }
}

pub type AppResult<T> = Result<T, AppError>;
