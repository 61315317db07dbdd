//! The second step of a login (server functions and the login's side of
//! it). These functions are public: the cookie set after a right password
//! is their permission.

use super::SecondStepView;
use crate::error::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    super::{guard, masked, queries, totp, Method, CHALLENGE_COOKIE, CODE_MINUTES},
    crate::accounts::session,
    crate::i18n::t,
    crate::state::{app_state, AppState},
};

/// What the second step of this login shows. A login past the address's
/// password attempts shows no method: its page is the same for every address.
#[server(prefix = "/api", endpoint = "second_step")]
pub async fn second_step() -> Result<SecondStepView, AppError> {
    let state = app_state()?;
    let (_, challenge) = this_challenge(&state).await?;
    let account_id = match (challenge.late, challenge.account_id) {
        (false, Some(account_id)) => account_id,
        _ => {
            return Ok(SecondStepView {
                method: None,
                sent_to: None,
            })
        }
    };
    let factor = queries::factor_of(&state.db, account_id)
        .await?
        .ok_or_else(expired)?;
    Ok(SecondStepView {
        method: Some(factor.method().ok_or_else(expired)?),
        sent_to: factor.phone.as_deref().map(masked),
    })
}

/// The second step: a code from the text, the call or the app, or a
/// recovery code. Right: logged in. Each login has five tries; wrong codes
/// also count for the account across logins (`guard`).
#[server(prefix = "/api", endpoint = "verify_second_step")]
pub async fn verify_second_step(code: String) -> Result<(), AppError> {
    let state = app_state()?;
    let (token_hash, challenge) = this_challenge(&state).await?;
    if !queries::claim_challenge_try(&state.db, &token_hash).await? {
        return Err(expired());
    }
    let typed: String = code
        .chars()
        .take(64)
        .filter(|c| !c.is_whitespace())
        .collect();
    // Only a login whose password was right can open; the others answer
    // exactly as a wrong code does, so they tell nothing.
    let account_id = match (challenge.password_ok, challenge.account_id) {
        (true, Some(account_id)) => account_id,
        _ => return Err(AppError::invalid(t().tf_code_wrong)),
    };
    let answer = check_code(&state, account_id, challenge.code_hash.as_deref(), &typed).await?;
    if let Err(refusal) = answer {
        // Past the attempts, waiting and locked look like any wrong code:
        // they would tell a guesser that the password was right.
        return Err(if challenge.late {
            AppError::invalid(t().tf_code_wrong)
        } else {
            refusal
        });
    }
    if !queries::end_challenge(&state.db, &token_hash).await? {
        return Err(expired());
    }
    let email = queries::email_of(&state.db, account_id).await?;
    crate::accounts::throttle::clear(&state.db, &email, &crate::client::client_address()).await?;
    clear_challenge_cookie(&state);
    session::start_session(&state.db, account_id, state.settings.https()).await?;
    let landing = crate::routes::local_return(&challenge.landing);
    leptos_axum::redirect(landing.as_deref().unwrap_or(crate::routes::HOME));
    Ok(())
}

/// Checks `typed` against the account's second factor under the account's
/// guard: `Ok(Ok(()))` when right; `Ok(Err(refusal))` with what to say when
/// wrong, too soon after wrong codes, or locked.
#[cfg(feature = "ssr")]
pub(super) async fn check_code(
    state: &AppState,
    account_id: i64,
    sent: Option<&[u8]>,
    typed: &str,
) -> Result<Result<(), AppError>, AppError> {
    let kind = if typed.len() > 6 {
        guard::Typed::RecoveryCode
    } else {
        guard::Typed::Code
    };
    match guard::claim(&state.db, account_id, kind).await? {
        guard::Claim::Granted => {}
        guard::Claim::Wait(seconds) => {
            return Ok(Err(AppError::limited(t().tf_code_wait.of(seconds))))
        }
        guard::Claim::Locked => return Ok(Err(AppError::limited(t().tf_locked))),
    }
    if code_is_right(state, account_id, sent, typed).await? {
        guard::passed(&state.db, account_id).await?;
        return Ok(Ok(()));
    }
    if guard::failed(&state.db, account_id).await? {
        tell_owner_of_lock(state, account_id).await?;
    }
    Ok(Err(AppError::invalid(t().tf_code_wrong)))
}

/// The owner hears, in their own language, that codes no longer open the
/// account and how to get in again.
#[cfg(feature = "ssr")]
async fn tell_owner_of_lock(state: &AppState, account_id: i64) -> Result<(), AppError> {
    let queries::Owner { email, first_name } = queries::owner(&state.db, account_id).await?;
    let text = crate::accounts::language::of_account(&state.db, account_id)
        .await?
        .texts();
    let body = crate::i18n::fill(text.mail_codes_locked_body, &[("name", &first_name)]);
    let notice =
        crate::outbox::Outgoing::mail(&first_name, &email, text.mail_codes_locked_subject, &body);
    crate::outbox::send(state, notice).await
}

/// Whether `typed` proves the account's second factor: a recovery code
/// (used up), the code that was sent by text or call (`sent`, its hash), or
/// the app's current code (which then cannot count again).
#[cfg(feature = "ssr")]
async fn code_is_right(
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
    let sent = chrono::Utc::now()
        .signed_duration_since(challenge.sent_at)
        .num_seconds();
    if sent < crate::account_settings::MOBILE_CODE_INTERVAL_SECONDS {
        return Err(AppError::invalid(t().acc_code_wait));
    }
    let (true, Some(account_id)) = (challenge.password_ok, challenge.account_id) else {
        return Ok(());
    };
    let Some(factor) = queries::factor_of(&state.db, account_id).await? else {
        return Ok(());
    };
    match send_login_code(&state, account_id, &factor).await {
        Ok(Some(hash)) => queries::new_challenge_code(&state.db, &token_hash, &hash).await?,
        Ok(None) => {}
        // Past the attempts a limit must not tell that the password was right.
        Err(AppError::Limited(_)) if challenge.late => {}
        Err(error) => return Err(error),
    }
    Ok(())
}

/// After a right password (or a link from the mailbox): if the account has
/// a second factor, the login waits for it (a code goes out by text or
/// call) and the browser is sent to the second step. `false` when there is
/// no factor.
#[cfg(feature = "ssr")]
pub async fn begin_second_step(
    state: &AppState,
    account_id: i64,
    landing: &str,
) -> Result<bool, AppError> {
    let Some(factor) = queries::factor_of(&state.db, account_id).await? else {
        return Ok(false);
    };
    let code_hash = send_login_code_quietly(state, account_id, &factor).await?;
    open_challenge(
        state,
        queries::NewChallenge {
            token_hash: &[],
            account_id: Some(account_id),
            code_hash: code_hash.as_deref(),
            password_ok: true,
            late: false,
            landing,
        },
    )
    .await?;
    Ok(true)
}

/// A login past the address's password attempts: whatever the address and
/// the password, the browser goes on to a second step that names no method.
/// Only the owner, with the right password and their factor, gets through:
/// their code is sent as usual.
#[cfg(feature = "ssr")]
pub async fn begin_late_step(
    state: &AppState,
    account_id: Option<i64>,
    password_ok: bool,
    landing: &str,
) -> Result<(), AppError> {
    let factor = match (account_id, password_ok) {
        (Some(id), true) => queries::factor_of(&state.db, id).await?,
        _ => None,
    };
    let code_hash = match (account_id, &factor) {
        (Some(id), Some(factor)) => send_login_code_quietly(state, id, factor).await?,
        _ => None,
    };
    let password_ok = password_ok && factor.is_some();
    open_challenge(
        state,
        queries::NewChallenge {
            token_hash: &[],
            account_id,
            code_hash: code_hash.as_deref(),
            password_ok,
            late: true,
            landing,
        },
    )
    .await
}

/// Stores the waiting login under a new token (its hash filled in here)
/// and gives the browser the cookie that carries it.
#[cfg(feature = "ssr")]
async fn open_challenge(state: &AppState, new: queries::NewChallenge<'_>) -> Result<(), AppError> {
    let (token, token_hash) = session::new_token();
    queries::create_challenge(
        &state.db,
        queries::NewChallenge {
            token_hash: &token_hash,
            ..new
        },
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
    Ok(())
}

/// [`send_login_code`] for the login itself: a limit on texts never turns
/// the login's answer into a refusal (that would tell a guesser the password
/// was right); the code then simply does not go, and "Stuur een nieuwe
/// code" says why.
#[cfg(feature = "ssr")]
async fn send_login_code_quietly(
    state: &AppState,
    account_id: i64,
    factor: &queries::Factor,
) -> Result<Option<Vec<u8>>, AppError> {
    match send_login_code(state, account_id, factor).await {
        Err(AppError::Limited(_)) => Ok(None),
        other => other,
    }
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
    super::api::send_code(state, account_id, method, phone, &code, super::api::To::Own).await?;
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
