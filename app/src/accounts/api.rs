//! The server functions of accounts. Each one checks its input on the server
//! and answers in Dutch; none of them says whether an e-mail address has an account.

use super::{LinkKind, Viewer};
use crate::error::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    super::password::{self, hashing},
    super::session::{self, LinkPurpose},
    super::{throttle, Account, ViewerAccount},
    crate::db::now_text,
    crate::fields::{EmailAddress, PersonName},
    crate::i18n::{fill, t},
    crate::state::app_state,
};

/// Who is looking: the shell's header, page switcher and contrast.
#[server(prefix = "/api", endpoint = "viewer")]
pub async fn get_viewer() -> Result<Viewer, AppError> {
    let state = app_state()?;
    let Some(account) = session::current_account(&state.db).await? else {
        return Ok(Viewer { account: None });
    };
    let pages = crate::care_pages::queries::pages_of(&state.db, &account).await?;
    Ok(Viewer {
        account: Some(ViewerAccount {
            first_name: account.first_name,
            last_name: account.last_name,
            pages,
        }),
    })
}

/// Step one of registration: name, e-mail and the terms. Sends the confirmation e-mail.
#[server(prefix = "/api", endpoint = "register")]
pub async fn register(
    first_name: String,
    last_name: String,
    email: String,
    terms: Option<String>,
) -> Result<(), AppError> {
    let text = t();
    let first_name = PersonName::parse(&first_name, text.first_name).map_err(AppError::Invalid)?;
    let last_name = PersonName::parse(&last_name, text.last_name).map_err(AppError::Invalid)?;
    let email = EmailAddress::parse(&email).map_err(AppError::Invalid)?;
    if terms.is_none() {
        return Err(AppError::invalid(text.err_terms));
    }
    let state = app_state()?;
    let existing: Option<(i64, String, bool)> = sqlx::query_as(
        "SELECT id, first_name, password_hash IS NOT NULL FROM accounts WHERE email = ?",
    )
    .bind(email.as_str())
    .fetch_optional(state.db.reader())
    .await?;
    // The answer is the same whether or not the address is known; only the e-mail differs.
    let (subject, body) = match existing {
        Some((account_id, known_name, true)) => {
            let token = session::create_link(&state.db, account_id, LinkPurpose::Reset).await?;
            let link = link_url(&state.settings.public_url, LinkPurpose::Reset, &token);
            (
                text.mail_existing_subject,
                fill(text.mail_existing_body, &[&known_name, &link]),
            )
        }
        // Not confirmed yet: send a fresh confirmation link, change nothing else.
        Some((account_id, known_name, false)) => {
            confirm_mail(&state, account_id, &known_name).await?
        }
        None => {
            let account_id: i64 = sqlx::query_scalar(
                "INSERT INTO accounts (email, first_name, last_name, created_at) VALUES (?, ?, ?, ?) RETURNING id",
            )
            .bind(email.as_str())
            .bind(first_name.as_str())
            .bind(last_name.as_str())
            .bind(now_text())
            .fetch_one(state.db.writer())
            .await?;
            confirm_mail(&state, account_id, first_name.as_str()).await?
        }
    };
    let to_name = format!("{} {}", first_name.as_str(), last_name.as_str());
    state
        .mailer
        .send(&to_name, email.as_str(), subject, &body)
        .await
        .map_err(|error| {
            tracing::error!(%error, "could not send registration e-mail");
            AppError::Internal
        })?;
    Ok(())
}

#[cfg(feature = "ssr")]
async fn confirm_mail(
    state: &crate::state::AppState,
    account_id: i64,
    first_name: &str,
) -> Result<(&'static str, String), AppError> {
    let token = session::create_link(&state.db, account_id, LinkPurpose::Confirm).await?;
    let link = link_url(&state.settings.public_url, LinkPurpose::Confirm, &token);
    Ok((
        t().mail_confirm_subject,
        fill(t().mail_confirm_body, &[first_name, &link]),
    ))
}

#[cfg(feature = "ssr")]
fn link_url(public_url: &str, purpose: LinkPurpose, token: &str) -> String {
    format!(
        "{}{}?code={}",
        public_url.trim_end_matches('/'),
        purpose.path(),
        token
    )
}

/// Whether an e-mail link can still be used, so its page can say so before any typing.
#[server(prefix = "/api", endpoint = "check_link")]
pub async fn check_link(code: String) -> Result<LinkKind, AppError> {
    let state = app_state()?;
    let (_, purpose) = session::peek_link(&state.db, &code).await?;
    Ok(match purpose {
        LinkPurpose::Confirm => LinkKind::Confirm,
        LinkPurpose::Reset => LinkKind::Reset,
    })
}

/// Chooses a password through a confirmation or reset link, ends every other
/// session of the account and logs this browser in.
#[server(prefix = "/api", endpoint = "set_password")]
pub async fn set_password(
    code: String,
    password: String,
    password_repeat: String,
) -> Result<(), AppError> {
    let state = app_state()?;
    let (account_id, _) = session::peek_link(&state.db, &code).await?;
    let account: Account = sqlx::query_as(
        "SELECT id, email, first_name, last_name, high_contrast, provider_id FROM accounts WHERE id = ?",
    )
    .bind(account_id)
    .fetch_one(state.db.reader())
    .await?;
    password::check(
        &password,
        &[&account.first_name, &account.last_name, &account.email],
    )
    .map_err(AppError::invalid)?;
    if password != password_repeat {
        return Err(AppError::invalid(t().err_password_mismatch));
    }
    let hash = hashing::hash(password).await?;
    let mut tx = state.db.begin().await?;
    // Using the link and setting the password happen together or not at all;
    // the `used_at IS NULL` guard makes a second use of the same link fail.
    let used = sqlx::query("UPDATE email_links SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?")
        .bind(now_text())
        .bind(session::hash_token(&code))
        .bind(now_text())
        .execute(&mut *tx)
        .await?;
    if used.rows_affected() != 1 {
        return Err(AppError::LinkInvalid);
    }
    sqlx::query("UPDATE accounts SET password_hash = ? WHERE id = ?")
        .bind(hash)
        .bind(account_id)
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM sessions WHERE account_id = ?")
        .bind(account_id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    session::start_session(&state.db, account_id, state.settings.cookie_secure).await?;
    leptos_axum::redirect("/");
    Ok(())
}

#[server(prefix = "/api", endpoint = "login")]
pub async fn login(email: String, password: String) -> Result<(), AppError> {
    let state = app_state()?;
    let email = email.trim().to_lowercase();
    if email.is_empty() || password.is_empty() || email.len() > 254 || password.len() > 1024 {
        return Err(AppError::invalid(t().login_failed));
    }
    let client = throttle::client_address();
    throttle::check(&state.db, &email, &client).await?;
    let found: Option<(i64, Option<String>)> =
        sqlx::query_as("SELECT id, password_hash FROM accounts WHERE email = ?")
            .bind(&email)
            .fetch_optional(state.db.reader())
            .await?;
    let (account_id, stored) = match found {
        Some((id, stored)) => (Some(id), stored),
        None => (None, None),
    };
    let matches = hashing::verify(password, stored).await?;
    match account_id.filter(|_| matches) {
        Some(account_id) => {
            throttle::clear(&state.db, &email).await?;
            session::start_session(&state.db, account_id, state.settings.cookie_secure).await?;
            leptos_axum::redirect("/");
            Ok(())
        }
        None => {
            throttle::record_failure(&state.db, &email, &client).await?;
            Err(AppError::invalid(t().login_failed))
        }
    }
}

#[server(prefix = "/api", endpoint = "logout")]
pub async fn logout() -> Result<(), AppError> {
    let state = app_state()?;
    session::end_session(&state.db, state.settings.cookie_secure).await?;
    leptos_axum::redirect("/inloggen");
    Ok(())
}

/// "Wachtwoord vergeten": always the same answer; a link only for a real account.
#[server(prefix = "/api", endpoint = "forgot_password")]
pub async fn forgot_password(email: String) -> Result<(), AppError> {
    let email = EmailAddress::parse(&email).map_err(AppError::Invalid)?;
    let state = app_state()?;
    let found: Option<(i64, String, String)> =
        sqlx::query_as("SELECT id, first_name, last_name FROM accounts WHERE email = ?")
            .bind(email.as_str())
            .fetch_optional(state.db.reader())
            .await?;
    if let Some((account_id, first_name, last_name)) = found {
        let token = session::create_link(&state.db, account_id, LinkPurpose::Reset).await?;
        let link = link_url(&state.settings.public_url, LinkPurpose::Reset, &token);
        let body = fill(t().mail_reset_body, &[&first_name, &link]);
        let to_name = format!("{first_name} {last_name}");
        if let Err(error) = state
            .mailer
            .send(&to_name, email.as_str(), t().mail_reset_subject, &body)
            .await
        {
            tracing::error!(%error, "could not send reset e-mail");
            return Err(AppError::Internal);
        }
    }
    Ok(())
}

/// Switches the high-contrast theme; remembered on the account, or in a cookie
/// for someone not logged in (the login page needs it too).
#[server(prefix = "/api", endpoint = "set_contrast")]
pub async fn set_contrast(high: bool) -> Result<bool, AppError> {
    let state = app_state()?;
    if let Some(account) = session::current_account(&state.db).await? {
        sqlx::query("UPDATE accounts SET high_contrast = ? WHERE id = ?")
            .bind(high)
            .bind(account.id)
            .execute(state.db.writer())
            .await?;
    }
    session::set_contrast_cookie(high, state.settings.cookie_secure);
    Ok(high)
}
