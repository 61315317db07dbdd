//! "Bevestig dat jij het bent": inside a session, the second factor is asked
//! again before a change that could take the account over (the e-mail
//! address, the password, the mobile number, the second factor itself, or
//! deleting the account). A stolen session knows neither the password nor
//! the code. One code opens a short window for all such changes, so a person
//! tidying up their settings types it once, not once per form.

use super::Method;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
#[cfg(feature = "ssr")]
use {
    super::{masked, queries, step},
    crate::accounts::{session, Account},
    crate::db::Db,
    crate::i18n::t,
    crate::state::{app_state, AppState},
    chrono::Utc,
};

/// How long one proof lets this session make such changes.
pub const RECONFIRM_MINUTES: i64 = 10;
#[cfg(feature = "ssr")]
const CODE: super::session_code_queries::SessionCode =
    super::session_code_queries::SessionCode("reconfirm");

/// What the box at the top of the account's security settings shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReconfirmView {
    /// The account's second factor; `None`: nothing to confirm, no box.
    pub method: Option<Method>,
    /// Where a text or call goes, mostly hidden.
    pub sent_to: Option<String>,
    /// A code went out and waits to be typed.
    pub code_waiting: bool,
    /// Minutes this session may still make such changes, if it proved itself.
    pub minutes_left: Option<i64>,
}

#[server(prefix = "/api", endpoint = "reconfirm_status")]
pub async fn reconfirm_status() -> Result<ReconfirmView, AppError> {
    let state = app_state()?;
    let account = session::require_account(&state.db).await?;
    let factor = queries::factor_of(&state.db, account.id).await?;
    let session = session::this_session_hash().ok_or(AppError::NotLoggedIn)?;
    Ok(ReconfirmView {
        method: factor.as_ref().and_then(|factor| factor.method()),
        sent_to: factor.as_ref().and_then(|f| f.phone.as_deref()).map(masked),
        code_waiting: CODE.waiting(&state.db, &session).await?.is_some(),
        minutes_left: minutes_left(&state.db, &session).await?,
    })
}

/// "Stuur mij een code": a code by text or call (as the account logs in),
/// at most one a minute.
#[server(prefix = "/api", endpoint = "send_reconfirm_code")]
pub async fn send_reconfirm_code() -> Result<(), AppError> {
    let state = app_state()?;
    let account = session::require_account(&state.db).await?;
    let session = session::this_session_hash().ok_or(AppError::NotLoggedIn)?;
    let factor = queries::factor_of(&state.db, account.id)
        .await?
        .ok_or_else(|| AppError::invalid(t().tf_no_factor))?;
    if let Some(seconds) = CODE.seconds_since_sent(&state.db, &session).await? {
        if seconds < crate::account_settings::MOBILE_CODE_INTERVAL_SECONDS {
            return Err(AppError::invalid(t().acc_code_wait));
        }
    }
    if let Some(hash) = step::send_login_code(&state, account.id, &factor).await? {
        CODE.store(&state.db, &session, &hash).await?;
    }
    Ok(())
}

/// The code (from the text, the call or the app, or a recovery code): right
/// opens the window; wrong counts for the account like a wrong login code
/// (`guard`), and for this code's five tries.
#[server(prefix = "/api", endpoint = "reconfirm")]
pub async fn reconfirm(code: String) -> Result<(), AppError> {
    let state = app_state()?;
    let account = session::require_account(&state.db).await?;
    let session = session::this_session_hash().ok_or(AppError::NotLoggedIn)?;
    let typed: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    if typed.is_empty() || typed.len() > 32 {
        return Err(AppError::invalid(t().tf_code_wrong));
    }
    let sent = CODE.claim(&state.db, &session).await?;
    // The outer error is a failure of the check itself, the inner one its refusal.
    step::check_code(&state, account.id, sent.as_deref(), &typed).await??;
    mark_reconfirmed(&state.db, &session).await
}

/// For the server functions of such changes: passes when the account has no
/// second factor (the password alone guards it) or this session proved it
/// within [`RECONFIRM_MINUTES`]; otherwise a message pointing at the box.
#[cfg(feature = "ssr")]
pub async fn require_recent(state: &AppState, account: &Account) -> Result<(), AppError> {
    if queries::factor_of(&state.db, account.id).await?.is_none() {
        return Ok(());
    }
    let session = session::this_session_hash().ok_or(AppError::NotLoggedIn)?;
    match minutes_left(&state.db, &session).await? {
        Some(_) => Ok(()),
        None => Err(AppError::invalid(t().rc_needed)),
    }
}

// ---- the session's side, in the database ----

#[cfg(feature = "ssr")]
async fn minutes_left(db: &Db, session: &[u8]) -> Result<Option<i64>, AppError> {
    let Some(at) = super::queries::reconfirmed_at(db, session).await? else {
        return Ok(None);
    };
    let left = RECONFIRM_MINUTES * 60 - Utc::now().signed_duration_since(at).num_seconds();
    // Rounded up: "nog 1 minuut" until the very end.
    Ok((left > 0).then(|| (left + 59) / 60))
}

#[cfg(feature = "ssr")]
async fn mark_reconfirmed(db: &Db, session: &[u8]) -> Result<(), AppError> {
    let mut tx = db.begin().await?;
    super::queries::mark_reconfirmed(&mut tx, session, Utc::now()).await?;
    CODE.use_up(&mut tx, session).await?;
    tx.commit().await?;
    Ok(())
}
