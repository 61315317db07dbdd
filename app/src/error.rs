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
    /// A write the data layer refused by a rule it checks in the same
    /// transaction (a limit, a taken address); said in words here, since the
    /// data layer has none.
    Refused(Refusal),
}

/// Why the data layer refused a write (see [`AppError::Refused`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Refusal {
    /// A page, organisation or account holds the most it may of these.
    TooMany { what: Counted, max: i64 },
    /// Another account has the address.
    EmailTaken,
    /// The account is the only admin of pages others share (their people named).
    SoleAdminOf { people: String },
    /// An activation code cannot be made for a client who is linked.
    ClientLinked,
    /// The account works for another organisation.
    StaffElsewhere,
    /// The chosen employee is not the organisation's staff.
    UnknownEmployee,
    /// The activation code and birth date do not match a client.
    CodeRefused,
    /// The page is linked to the organisation already.
    AlreadyLinked,
    /// The organisation has a location of this name.
    LocationExists,
    /// The invited address is a member of the page already.
    AlreadyMember,
    /// An invitation to the address is waiting already.
    InvitePending,
}

/// What a [`Refusal::TooMany`] counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Counted {
    Medicines,
    UpcomingVisits,
    Clients,
    Locations,
    Threads,
    Appointments,
    Series,
    Pages,
}

impl Refusal {
    /// The form field the refusal is about, if one.
    pub fn field(&self) -> Option<&'static str> {
        match self {
            Refusal::UnknownEmployee => Some("visit[employee]"),
            Refusal::CodeRefused => Some("code"),
            Refusal::LocationExists => Some("name"),
            _ => None,
        }
    }

    fn say(&self) -> String {
        let text = t();
        let limit =
            |template: &str, max: &i64| crate::i18n::fill(template, &[("max", &max.to_string())]);
        match self {
            Refusal::TooMany { what, max } => match what {
                Counted::Medicines => limit(text.medication.too_many, max),
                Counted::UpcomingVisits => limit(text.org.too_many_visits, max),
                Counted::Clients => limit(text.org.too_many_clients, max),
                Counted::Locations => limit(text.org.too_many_locations, max),
                Counted::Threads => limit(text.msg_err_too_many_threads, max),
                Counted::Appointments => limit(text.cal_err_too_many, max),
                Counted::Series => limit(text.cal_err_too_many_series, max),
                Counted::Pages => limit(text.err_too_many_pages, max),
            },
            Refusal::EmailTaken => text.acc_email_taken.to_string(),
            Refusal::SoleAdminOf { people } => {
                crate::i18n::fill(text.acc_delete_admin, &[("person", people)])
            }
            Refusal::ClientLinked => text.org.cannot_issue_linked.to_string(),
            Refusal::StaffElsewhere => text.org.staff_elsewhere.to_string(),
            Refusal::UnknownEmployee => text.org.visit_employee_unknown.to_string(),
            Refusal::CodeRefused => text.org.code_refused.to_string(),
            Refusal::AlreadyLinked => text.org.already_linked.to_string(),
            Refusal::LocationExists => text.org.location_exists.to_string(),
            Refusal::AlreadyMember => text.err_already_member.to_string(),
            Refusal::InvitePending => text.err_invite_pending.to_string(),
        }
    }
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
            AppError::Refused(refusal) => refusal.field(),
            _ => None,
        }
    }

    pub fn limited(message: impl Into<String>) -> Self {
        AppError::Limited(message.into())
    }

    /// The HTTP status that goes with the error, for routes and server functions.
    pub fn status(&self) -> u16 {
        match self {
            AppError::Invalid(_) | AppError::InvalidField { .. } | AppError::Refused(_) => 400,
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
            AppError::Refused(refusal) => f.write_str(&refusal.say()),
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
