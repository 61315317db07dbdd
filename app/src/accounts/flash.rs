//! One-time messages for the next page a session renders (server only).
//!
//! A form sent without JavaScript gets a redirect back to its page, and what
//! the server function returned is lost on the way. When that answer matters
//! on the page (the recovery codes a form just made), the function leaves it
//! here and the page takes it once. Kept with the session in the database,
//! so any server process can show it, and gone when the session ends.

use super::flash_queries;
use super::session::this_session_hash;
use crate::db::Db;
use crate::error::AppResult;
use serde::{de::DeserializeOwned, Serialize};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// A flash older than this is not shown any more (nobody came back for it).
pub const FLASH_MINUTES: i64 = 10;

/// Whether this request is a plain form post from a browser without
/// JavaScript (or before it started): such a browser asks for a page, the
/// app's own calls ask for data.
pub fn from_plain_form() -> bool {
    leptos::prelude::use_context::<http::request::Parts>().is_some_and(|parts| {
        parts
            .headers
            .get(http::header::ACCEPT)
            .and_then(|accept| accept.to_str().ok())
            .is_some_and(|accept| accept.contains("text/html"))
    })
}

/// Leaves `payload` under `kind` for this session's next page, replacing an
/// earlier one, when the request is a plain form post; otherwise the caller's
/// answer reaches the page itself and nothing is stored.
pub async fn leave_for_plain_form<T: Serialize>(db: &Db, kind: &str, payload: &T) -> AppResult<()> {
    if !from_plain_form() {
        return Ok(());
    }
    leave(db, kind, payload).await
}

/// Leaves `payload` under `kind` for this session's next page.
async fn leave<T: Serialize>(db: &Db, kind: &str, payload: &T) -> AppResult<()> {
    let Some(session) = this_session_hash() else {
        return Ok(());
    };
    let payload = serde_json::to_string(payload).map_err(|_| crate::error::AppError::Internal)?;
    flash_queries::leave(db, &session, kind, &payload, chrono::Utc::now()).await?;
    set_hint(FLASH_MINUTES * 60);
    Ok(())
}

/// The hint cookie: no secret, and readable by the page, which asks for a
/// notice only while it is set.
fn set_hint(max_age_seconds: i64) {
    let secure = crate::state::app_state().is_ok_and(|state| state.settings.https());
    let secure = if secure { "; Secure" } else { "" };
    super::session::set_response_cookie(format!(
        "{HINT_COOKIE}=1; Path=/; SameSite=Lax; Max-Age={max_age_seconds}{secure}"
    ));
}

/// The kind of flash that says, at the top of the next page, what a form
/// sent without JavaScript did ("Afspraak opgeslagen").
pub const NOTICE: &str = "notice";

/// Leaves the confirmation of a form sent without JavaScript for the top of
/// the page it returns to; with JavaScript the form shows it itself.
pub async fn notice(db: &Db, message: impl Into<String>) -> AppResult<()> {
    leave_for_plain_form(db, NOTICE, &message.into()).await
}

/// The confirmation of an action that stays on its page: left for a form
/// sent without JavaScript, and given back for the page to say itself.
pub async fn done(db: &Db, message: String) -> AppResult<String> {
    notice(db, message.clone()).await?;
    Ok(message)
}

/// Leaves the confirmation of an action that moves on to another page (with
/// or without JavaScript) for the top of that page.
pub async fn notice_for_next_page(db: &Db, message: impl Into<String>) -> AppResult<()> {
    leave(db, NOTICE, &message.into()).await
}

/// Set while a flash may be waiting: pages rendered without it do not ask
/// the database at all (every page asks, and almost none has one).
const HINT_COOKIE: &str = "kring_melding";

/// What this request took already. Rendering a page can ask twice (a
/// `<Suspense>` block may render again before the page is sent, measured:
/// now and then on the first render), and the second ask must see what the
/// first one took, not an empty table. The server provides one per request.
#[derive(Clone, Default)]
pub struct TakenThisRequest(Arc<Mutex<HashMap<String, Option<String>>>>);

/// How a flash is taken.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Taking {
    /// Gone once shown (recovery codes: shown once, never again).
    Once,
    /// Shown again on a reload within [`GRACE_SECONDS`] (a confirmation: a
    /// page load that broke off and is tried again still says it).
    WithGrace,
}

/// See [`Taking::WithGrace`].
pub const GRACE_SECONDS: i64 = 10;

/// Takes this session's flash of `kind`, if a recent one is waiting (once
/// per request, see [`TakenThisRequest`]).
pub async fn take<T: DeserializeOwned>(db: &Db, kind: &str, how: Taking) -> AppResult<Option<T>> {
    // The service worker's offline copy is fetched beside the page the
    // person sees: it must not take what is meant for that page.
    if crate::shell::offline::is_offline_copy() {
        return Ok(None);
    }
    let taken = leptos::prelude::use_context::<TakenThisRequest>();
    if let Some(TakenThisRequest(taken)) = &taken {
        if let Some(payload) = taken.lock().ok().and_then(|taken| taken.get(kind).cloned()) {
            return Ok(payload.and_then(|payload| serde_json::from_str(&payload).ok()));
        }
    }
    let payload = take_stored(db, kind, how).await?;
    if let Some(TakenThisRequest(taken)) = &taken {
        if let Ok(mut taken) = taken.lock() {
            taken.insert(kind.to_string(), payload.clone());
        }
    }
    Ok(payload.and_then(|payload| serde_json::from_str(&payload).ok()))
}

async fn take_stored(db: &Db, kind: &str, how: Taking) -> AppResult<Option<String>> {
    let Some(session) = this_session_hash() else {
        return Ok(None);
    };
    if super::session::request_cookie(HINT_COOKIE).is_none() {
        return Ok(None);
    }
    let Some(stored) = flash_queries::stored(db, &session, kind).await? else {
        return Ok(None);
    };
    let now = chrono::Utc::now();
    let taken_at = stored.taken_at;
    let fresh = stored.created_at > now - chrono::Duration::minutes(FLASH_MINUTES);
    let in_grace = taken_at.is_some_and(|at| at > now - chrono::Duration::seconds(GRACE_SECONDS));
    let payload = stored.payload;
    match (fresh, taken_at.is_some(), how) {
        (true, false, Taking::WithGrace) => {
            flash_queries::mark_taken(db, &session, kind, now).await?;
            set_hint(GRACE_SECONDS);
            Ok(Some(payload))
        }
        (true, true, Taking::WithGrace) if in_grace => Ok(Some(payload)),
        (true, false, Taking::Once) => {
            // Deleted in one statement: two requests cannot both take it.
            let taken = flash_queries::take_untaken(db, &session, kind).await?;
            Ok(taken.then_some(payload))
        }
        _ => {
            flash_queries::delete(db, &session, kind).await?;
            Ok(None)
        }
    }
}
