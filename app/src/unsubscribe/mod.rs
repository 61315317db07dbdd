//! "Afmelden": every notification mail (a new message, the monthly
//! reminder) carries a link that turns that kind of mail off, in one click
//! and without logging in. The code in the link is the permission: random,
//! stored only as its SHA-256, and it can do nothing but turn one kind of
//! mail off for one account. Mail programs that offer "unsubscribe" post to
//! the one-click address themselves (RFC 8058).

pub mod pages;
#[cfg(feature = "ssr")]
pub mod queries;

#[cfg(feature = "ssr")]
use crate::db;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Which mail a link turns off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Kind {
    /// Mail about new messages on one page.
    Messages { page_id: i64 },
    /// The monthly "Hoe gaat het met jou?" reminder.
    Wellbeing,
    /// "Wie wil er helpen?" on one page, and its second ask.
    HelpRequests { page_id: i64 },
    /// Reminders of appointments one helps with, on one page.
    Reminders { page_id: i64 },
    /// The daily mail with news, and the news it gathers, on every page.
    Digest,
}

impl Kind {
    /// The page the mail is about, if it is about one.
    pub fn page_id(self) -> Option<i64> {
        match self {
            Kind::Messages { page_id }
            | Kind::HelpRequests { page_id }
            | Kind::Reminders { page_id } => Some(page_id),
            Kind::Wellbeing | Kind::Digest => None,
        }
    }
}

/// What the page tells the reader about their link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnsubscribeView {
    /// Which mail this is, in words.
    pub about: String,
    /// Still on: the page offers the button.
    pub subscribed: bool,
}

/// Days a link keeps working; older ones are removed as new ones are made.
pub const LINK_DAYS: i64 = 180;

/// The page and one-click addresses of a code.
pub fn page_url(base: &str, code: &str) -> String {
    format!(
        "{}{}?code={code}",
        base.trim_end_matches('/'),
        crate::routes::UNSUBSCRIBE
    )
}

pub fn one_click_url(base: &str, code: &str) -> String {
    format!(
        "{}{}?code={code}",
        base.trim_end_matches('/'),
        crate::routes::served::UNSUBSCRIBE_ONE_CLICK
    )
}

/// A notification's body with its "Afmelden" line, and the one-click address
/// for its `List-Unsubscribe` header. The code is stored through
/// `connection`: the transaction that queues the mail.
#[cfg(feature = "ssr")]
pub async fn with_link(
    connection: &mut db::Connection,
    base_url: &str,
    account_id: i64,
    kind: Kind,
    text: &crate::i18n::Texts,
    body: String,
) -> crate::error::AppResult<(String, String)> {
    let code = queries::new_code(connection, account_id, kind).await?;
    let page = page_url(base_url, &code);
    let footer = crate::i18n::fill(text.unsubscribe.mail_footer, &[("link", &page)]);
    Ok((
        format!("{body}\n\n-- \n{footer}"),
        one_click_url(base_url, &code),
    ))
}

/// What a link is about and whether that mail is still on; a code that is
/// unknown or too old is "this link is not valid".
#[server(prefix = "/api", endpoint = "unsubscribe_status")]
pub async fn unsubscribe_status(code: String) -> Result<UnsubscribeView, AppError> {
    let state = crate::state::app_state()?;
    let queries::LiveCode { account_id, kind } = queries::find(&state.db, &code)
        .await?
        .ok_or(AppError::LinkInvalid)?;
    let text = crate::i18n::t().unsubscribe;
    let person = match kind.page_id() {
        Some(page_id) => {
            let page = crate::care_pages::page(&state.db, page_id)
                .await?
                .ok_or(AppError::LinkInvalid)?;
            format!("{} {}", page.first_name, page.last_name)
        }
        None => String::new(),
    };
    let about = match kind {
        Kind::Messages { .. } => text.about_messages,
        Kind::HelpRequests { .. } => text.about_help_requests,
        Kind::Reminders { .. } => text.about_reminders,
        Kind::Wellbeing => text.about_wellbeing,
        Kind::Digest => text.about_digest,
    };
    let about = crate::i18n::fill(about, &[("person", &person)]);
    Ok(UnsubscribeView {
        about,
        subscribed: queries::is_on(&state.db, account_id, kind).await?,
    })
}

/// `/afmelden/een-klik?code=…`: a POST turns the mail off (the page's
/// button, or a mail program's one-click); a GET only shows the page.
#[cfg(feature = "ssr")]
pub async fn one_click(
    axum::extract::State(state): axum::extract::State<crate::state::AppState>,
    axum::extract::Query(query): axum::extract::Query<std::collections::HashMap<String, String>>,
    method: http::Method,
    headers: http::HeaderMap,
) -> axum::response::Response {
    use axum::response::{IntoResponse, Redirect};
    let code = query.get("code").cloned().unwrap_or_default();
    let page = format!(
        "{}?code={}",
        crate::routes::UNSUBSCRIBE,
        urlencoding_safe(&code)
    );
    if method != http::Method::POST {
        return Redirect::to(&page).into_response();
    }
    let turned_off = match queries::turn_off(&state.db, &code).await {
        Ok(found) => found,
        Err(error) => {
            return (http::StatusCode::INTERNAL_SERVER_ERROR, error.to_string()).into_response()
        }
    };
    let from_browser = headers
        .get(http::header::ACCEPT)
        .and_then(|accept| accept.to_str().ok())
        .is_some_and(|accept| accept.contains("text/html"));
    match (from_browser, turned_off) {
        // The page says how it went, with or without JavaScript.
        (true, _) => Redirect::to(&page).into_response(),
        (false, true) => (http::StatusCode::OK, "ok").into_response(),
        (false, false) => (http::StatusCode::NOT_FOUND, "unknown").into_response(),
    }
}

/// Codes are URL-safe base64; anything else is dropped rather than echoed.
#[cfg(feature = "ssr")]
fn urlencoding_safe(code: &str) -> String {
    code.chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
        .take(64)
        .collect()
}
