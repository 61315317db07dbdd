//! Sessions and single-use links (server only).
//!
//! A session is a random 256-bit token in an HttpOnly cookie; the database
//! keeps only its SHA-256, so a leaked copy of the database opens nothing.

pub use crate::cookies::{cookie_header, cookie_value, request_cookie, set_response_cookie};

use super::session_queries;
use super::Account;
use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::i18n::Lang;
use crate::shell::text_size::TextSize;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::{Duration, Utc};
use http::header::COOKIE;
use http::HeaderValue;
use leptos::prelude::use_context;
use leptos_axum::ResponseOptions;
use rand::RngCore;
use sha2::{Digest, Sha256};

pub const SESSION_COOKIE: &str = "kring_sessie";
/// The session cookie over HTTPS: the prefix makes the browser refuse it
/// unless it is Secure, for the whole site and set by this host itself.
pub const SECURE_SESSION_COOKIE: &str = "__Host-kring_sessie";
pub const CONTRAST_COOKIE: &str = crate::cookies::CONTRAST;
pub const TEXT_SIZE_COOKIE: &str = crate::cookies::TEXT_SIZE;
pub const LANGUAGE_COOKIE: &str = crate::i18n::lang::COOKIE;
/// A session ends this long after login at the latest…
pub const SESSION_DAYS: i64 = 30;
/// …and after this long without a request.
pub const IDLE_MINUTES: i64 = 120;
/// A session's last request is written at most this often.
const SEEN_EVERY_MINUTES: i64 = 5;

/// The session cookie's name, with or without HTTPS.
pub fn session_cookie(secure: bool) -> &'static str {
    if secure {
        SECURE_SESSION_COOKIE
    } else {
        SESSION_COOKIE
    }
}

/// The session cookie's name for this request's installation.
fn this_session_cookie() -> &'static str {
    session_cookie(crate::state::app_state().is_ok_and(|state| state.settings.https()))
}

/// A new random token (256 bits, URL-safe) and the hash we store for it.
pub fn new_token() -> (String, Vec<u8>) {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let token = URL_SAFE_NO_PAD.encode(bytes);
    let hash = hash_token(&token);
    (token, hash)
}

pub fn hash_token(token: &str) -> Vec<u8> {
    Sha256::digest(token.as_bytes()).to_vec()
}

/// The contrast choice, mirrored from the account into a cookie so the server
/// can paint the first response in the right theme without a database read,
/// and readable by the page's script so hydration starts from the same value.
pub fn set_contrast_cookie(high: bool, secure: bool) {
    let secure = if secure { "; Secure" } else { "" };
    let value = if high { "1" } else { "0" };
    set_response_cookie(format!(
        "{CONTRAST_COOKIE}={value}; Path=/; SameSite=Lax; Max-Age=31536000{secure}"
    ));
}

/// The text size, mirrored like the contrast choice (see `shell::text_size`).
pub fn set_text_size_cookie(size: TextSize, secure: bool) {
    let secure = if secure { "; Secure" } else { "" };
    set_response_cookie(format!(
        "{TEXT_SIZE_COOKIE}={}; Path=/; SameSite=Lax; Max-Age=31536000{secure}",
        size.step()
    ));
}

/// The interface language, mirrored like the contrast choice: the server's
/// middleware reads it before anything is rendered.
pub fn set_language_cookie(lang: Lang, secure: bool) {
    let secure = if secure { "; Secure" } else { "" };
    set_response_cookie(format!(
        "{LANGUAGE_COOKIE}={}; Path=/; SameSite=Lax; Max-Age=31536000{secure}",
        lang.code()
    ));
}

/// Starts a session for the account: a fresh token, never one the browser had.
pub async fn start_session(db: &Db, account_id: i64, secure: bool) -> AppResult<()> {
    purge_ended(db).await?;
    let (token, hash) = new_token();
    let expires = Utc::now() + Duration::days(SESSION_DAYS);
    session_queries::create_session(db, &hash, account_id, Utc::now(), expires).await?;
    set_response_cookie(cookie_header(
        session_cookie(secure),
        &token,
        SESSION_DAYS * 24 * 3600,
        secure,
    ));
    let choices = session_queries::display_choices(db, account_id).await?;
    set_contrast_cookie(choices.high_contrast, secure);
    set_text_size_cookie(TextSize::from_step(&choices.text_size.to_string()), secure);
    set_language_cookie(Lang::from_code_or_default(&choices.language), secure);
    Ok(())
}

/// Ends the session of this request, and tells the browser to forget it.
pub async fn end_session(db: &Db, secure: bool) -> AppResult<()> {
    if let Some(token) = request_cookie(session_cookie(secure)) {
        session_queries::delete_session(db, &hash_token(&token)).await?;
    }
    set_response_cookie(cookie_header(session_cookie(secure), "", 0, secure));
    // What the browser kept of the pages it saw goes too (a shared tablet).
    if let Some(response) = use_context::<ResponseOptions>() {
        response.insert_header(
            http::HeaderName::from_static("clear-site-data"),
            HeaderValue::from_static("\"cache\", \"storage\""),
        );
    }
    Ok(())
}

/// Sessions past their end or idle too long are deleted, not just ignored.
/// Counts that no limit needs any more go at the same moment.
async fn purge_ended(db: &Db) -> AppResult<()> {
    let now = Utc::now();
    session_queries::delete_ended_sessions(db, now, now - Duration::minutes(IDLE_MINUTES)).await?;
    crate::limits::purge_old(db).await
}

/// The account of this request's session, if it is valid.
pub async fn current_account(db: &Db) -> AppResult<Option<Account>> {
    let Some(token) = request_cookie(this_session_cookie()) else {
        return Ok(None);
    };
    // Found already, before the page began (`AccountLookedUp`)?
    let early = use_context::<http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<AccountLookedUp>().cloned());
    match use_context::<AccountOfThisRequest>() {
        Some(AccountOfThisRequest(looked_up)) => looked_up
            .get_or_try_init(|| async {
                match early {
                    Some(AccountLookedUp(account)) => Ok(account),
                    None => account_for_token(db, &token).await,
                }
            })
            .await
            .cloned(),
        None => account_for_token(db, &token).await,
    }
}

/// The session's account as the server found it before rendering the page
/// (`server/src/login_first.rs`, for personal pages), kept in the request
/// so that the page does not ask the database again.
#[derive(Clone, Debug)]
pub struct AccountLookedUp(pub Option<Account>);

/// The session's account, looked up once per page render: the header, the
/// login guard and the screen's own functions all ask, often at once, and
/// the first answer serves them all. The server provides one per page request
/// (server functions called from the browser ask the database each time). The
/// cookie it answers for is the request's own, so nothing said in the render
/// (a new session is a response cookie) could change the answer.
#[derive(Clone, Default)]
pub struct AccountOfThisRequest(std::sync::Arc<tokio::sync::OnceCell<Option<Account>>>);

/// The account of the session cookie in plain request headers, for routes
/// outside Leptos (the photo upload).
pub async fn account_from_headers(
    db: &Db,
    headers: &http::HeaderMap,
    secure: bool,
) -> AppResult<Option<Account>> {
    let token = headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .find_map(|header| cookie_value(header, session_cookie(secure)).map(str::to_string));
    match token {
        Some(token) => account_for_token(db, &token).await,
        None => Ok(None),
    }
}

/// The stored hash of the session token in plain request headers.
pub fn session_hash_from_headers(headers: &http::HeaderMap, secure: bool) -> Option<Vec<u8>> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .find_map(|header| cookie_value(header, session_cookie(secure)))
        .map(hash_token)
}

async fn account_for_token(db: &Db, token: &str) -> AppResult<Option<Account>> {
    let hash = hash_token(token);
    let now = Utc::now();
    let idle_since = now - Duration::minutes(IDLE_MINUTES);
    let Some(row) = session_queries::live_session(db, &hash, now, idle_since).await? else {
        return Ok(None);
    };
    // Keeps the session alive, written only every few minutes: most
    // requests only read.
    if row.last_seen_at <= now - Duration::minutes(SEEN_EVERY_MINUTES) {
        session_queries::mark_seen(db, &hash, now).await?;
    }
    Ok(Some(row.account))
}

/// The stored hash of this request's session token, if it has one.
pub fn this_session_hash() -> Option<Vec<u8>> {
    request_cookie(this_session_cookie()).map(|token| hash_token(&token))
}

/// Ends every session of the account except the one of this request (after a
/// password change, say). Without a session cookie, ends them all.
pub async fn end_other_sessions(db: &Db, account_id: i64) -> AppResult<()> {
    let keep = request_cookie(this_session_cookie()).map(|token| hash_token(&token));
    session_queries::delete_other_sessions(db, account_id, keep.as_deref()).await?;
    Ok(())
}

pub async fn require_account(db: &Db) -> AppResult<Account> {
    current_account(db).await?.ok_or(AppError::NotLoggedIn)
}

/// The purpose of a single-use e-mail link, and how long it stays valid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkPurpose {
    Confirm,
    Reset,
}

impl LinkPurpose {
    pub fn as_db(self) -> &'static str {
        match self {
            LinkPurpose::Confirm => "confirm",
            LinkPurpose::Reset => "reset",
        }
    }

    pub fn valid_for(self) -> Duration {
        match self {
            LinkPurpose::Confirm => Duration::hours(48),
            LinkPurpose::Reset => Duration::hours(1),
        }
    }

    pub fn path(self) -> &'static str {
        match self {
            LinkPurpose::Confirm => crate::routes::CONFIRM_ACCOUNT,
            LinkPurpose::Reset => crate::routes::NEW_PASSWORD,
        }
    }
}

/// An e-mail link that is stored but not yet known to be mailed. Earlier
/// unused links of the same purpose keep working until this one is on its
/// way, so a mail that fails never takes away a link that arrived before.
#[must_use = "say whether the mail went out: mailed() or not_mailed()"]
pub struct NewLink {
    pub token: String,
    hash: Vec<u8>,
    account_id: i64,
    purpose: LinkPurpose,
}

/// Stores a new link for the account (see [`NewLink`]).
pub async fn create_link(db: &Db, account_id: i64, purpose: LinkPurpose) -> AppResult<NewLink> {
    let (token, hash) = new_token();
    let expires = Utc::now() + purpose.valid_for();
    session_queries::create_link(db, &hash, account_id, purpose.as_db(), expires).await?;
    Ok(NewLink {
        token,
        hash,
        account_id,
        purpose,
    })
}

impl NewLink {
    /// The link is handed over — by `mail`, queued in the same transaction,
    /// or printed for the operator — and from then on only this link of its
    /// purpose works.
    pub async fn hand_over(self, db: &Db, mail: Option<&crate::outbox::Outgoing>) -> AppResult<()> {
        let mut tx = db.begin().await?;
        session_queries::delete_other_links(
            &mut tx,
            self.account_id,
            self.purpose.as_db(),
            &self.hash,
        )
        .await?;
        if let Some(mail) = mail {
            crate::outbox::queue(&mut *tx, mail).await?;
        }
        tx.commit().await?;
        Ok(())
    }
}

/// The account and purpose of a link that is still valid, without using it up.
pub async fn peek_link(db: &Db, token: &str) -> AppResult<(i64, LinkPurpose)> {
    let row = session_queries::valid_link(db, &hash_token(token), Utc::now()).await?;
    match row {
        Some(link) if link.purpose == "confirm" => Ok((link.account_id, LinkPurpose::Confirm)),
        Some(link) => Ok((link.account_id, LinkPurpose::Reset)),
        None => Err(AppError::LinkInvalid),
    }
}
