//! The second step of a login (server functions and the login's side of
//! it). These functions are public: the cookie set after a right password
//! is their permission.

use super::SecondStepView;
use crate::error::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    super::{masked, queries, totp, Method, CHALLENGE_COOKIE, CODE_MINUTES},
    crate::accounts::session,
    crate::i18n::t,
    crate::state::{app_state, AppState},
};

/// What the second step of this login shows.
#[server(prefix = "/api", endpoint = "second_step")]
pub async fn second_step() -> Result<SecondStepView, AppError> {
    let state = app_state()?;
    let (_, challenge) = this_challenge(&state).await?;
    let factor = queries::factor_of(&state.db, challenge.account_id)
        .await?
        .ok_or_else(expired)?;
    Ok(SecondStepView {
        method: factor.method().ok_or_else(expired)?,
        sent_to: factor.phone.as_deref().map(masked),
    })
}

/// The second step: a code from the text, the call or the app, or a
/// recovery code. Right: logged in. Wrong five times: start again.
#[server(prefix = "/api", endpoint = "verify_second_step")]
pub async fn verify_second_step(code: String) -> Result<(), AppError> {
    let state = app_state()?;
    let (token_hash, challenge) = this_challenge(&state).await?;
    let account_id = challenge.account_id;
    let typed: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    let right = challenge.password_ok
        && code_is_right(&state, account_id, challenge.code_hash.as_deref(), &typed).await?;
    if !right {
        queries::challenge_failed(&state.db, &token_hash).await?;
        return Err(AppError::invalid(t().tf_code_wrong));
    }
    if !queries::end_challenge(&state.db, &token_hash).await? {
        return Err(expired());
    }
    let email: String = sqlx::query_scalar("SELECT email FROM accounts WHERE id = ?")
        .bind(account_id)
        .fetch_one(state.db.reader())
        .await?;
    crate::accounts::throttle::clear(&state.db, &email, &crate::client::client_address()).await?;
    clear_challenge_cookie(&state);
    session::start_session(&state.db, account_id, state.settings.https()).await?;
    leptos_axum::redirect(crate::routes::HOME);
    Ok(())
}

/// Whether `typed` proves the account's second factor: a recovery code
/// (used up), the code that was sent by text or call (`sent`, its hash), or
/// the app's current code (which then cannot count again).
#[cfg(feature = "ssr")]
pub(super) async fn code_is_right(
    state: &AppState,
    account_id: i64,
    sent: Option<&[u8]>,
    typed: &str,
) -> Result<bool, AppError> {
    if typed.len() > 6 {
        return queries::use_recovery_code(&state.db, account_id, typed).await;
    }
    if let Some(expected) = sent {
        return Ok(queries::code_hash(account_id, typed) == expected);
    }
    let Some(factor) = queries::factor_of(&state.db, account_id).await? else {
        return Ok(false);
    };
    let Some(secret) = factor.totp_secret else {
        return Ok(false);
    };
    let now = totp::step_at(chrono::Utc::now().timestamp());
    match totp::matching_step(&secret, typed, now, factor.totp_last_step) {
        Some(step) => queries::use_totp_step(&state.db, account_id, step).await,
        None => Ok(false),
    }
}

/// "Stuur een nieuwe code": a fresh code by text or call, at most one a minute.
#[server(prefix = "/api", endpoint = "resend_second_step")]
pub async fn resend_second_step() -> Result<(), AppError> {
    let state = app_state()?;
    let (token_hash, challenge) = this_challenge(&state).await?;
    let sent = chrono::DateTime::parse_from_rfc3339(&challenge.sent_at)
        .map(|at| chrono::Utc::now().signed_duration_since(at).num_seconds())
        .unwrap_or(i64::MAX);
    if sent < crate::account_settings::MOBILE_CODE_INTERVAL_SECONDS {
        return Err(AppError::invalid(t().acc_code_wait));
    }
    let factor = queries::factor_of(&state.db, challenge.account_id)
        .await?
        .ok_or_else(expired)?;
    if challenge.password_ok {
        if let Some(hash) = send_login_code(&state, challenge.account_id, &factor).await? {
            queries::new_challenge_code(&state.db, &token_hash, &hash).await?;
        }
    }
    Ok(())
}

/// After the password: if the account has a second factor, the login waits
/// for it (a code goes out by text or call when the password was right) and
/// the browser is sent to the second step. `false` when there is no factor.
#[cfg(feature = "ssr")]
pub async fn begin_second_step(
    state: &AppState,
    account_id: i64,
    password_ok: bool,
) -> Result<bool, AppError> {
    let Some(factor) = queries::factor_of(&state.db, account_id).await? else {
        return Ok(false);
    };
    let code_hash = if password_ok {
        send_login_code(state, account_id, &factor).await?
    } else {
        None
    };
    let (token, token_hash) = session::new_token();
    queries::create_challenge(
        &state.db,
        &token_hash,
        account_id,
        code_hash.as_deref(),
        password_ok,
    )
    .await?;
    let name = challenge_cookie(state);
    session::set_response_cookie(session::cookie_header(
        name,
        &token,
        CODE_MINUTES * 60,
        state.settings.https(),
    ));
    leptos_axum::redirect(crate::routes::SECOND_STEP);
    Ok(true)
}

/// Sends a login code by text or call; `None` for an app (nothing to send).
#[cfg(feature = "ssr")]
pub(super) async fn send_login_code(
    state: &AppState,
    account_id: i64,
    factor: &queries::Factor,
) -> Result<Option<Vec<u8>>, AppError> {
    let (Some(method @ (Method::Sms | Method::Voice)), Some(phone)) =
        (factor.method(), factor.phone.as_deref())
    else {
        return Ok(None);
    };
    let (code, hash) = queries::new_code(account_id);
    super::api::send_code(state, account_id, method, phone, &code).await?;
    Ok(Some(hash))
}

#[cfg(feature = "ssr")]
fn challenge_cookie(state: &AppState) -> &'static str {
    if state.settings.https() {
        "__Host-kring_stap2"
    } else {
        CHALLENGE_COOKIE
    }
}

#[cfg(feature = "ssr")]
fn clear_challenge_cookie(state: &AppState) {
    session::set_response_cookie(session::cookie_header(
        challenge_cookie(state),
        "",
        0,
        state.settings.https(),
    ));
}

#[cfg(feature = "ssr")]
fn expired() -> AppError {
    AppError::invalid(t().tf_expired)
}

/// The login waiting for this browser's second step.
#[cfg(feature = "ssr")]
async fn this_challenge(state: &AppState) -> Result<(Vec<u8>, queries::Challenge), AppError> {
    let token = session::request_cookie(challenge_cookie(state)).ok_or_else(expired)?;
    let hash = session::hash_token(&token);
    let challenge = queries::challenge(&state.db, &hash)
        .await?
        .ok_or_else(expired)?;
    Ok((hash, challenge))
}
