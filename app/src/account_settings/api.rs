//! Server functions of "Mijn gegevens". All act on the session's own account,
//! except confirming a new e-mail address, where the mailed code is the permission.

use super::AccountSettings;
use crate::error::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    super::queries::{self, CodeCheck},
    super::{six_digits, MOBILE_CODE_INTERVAL_SECONDS, MOBILE_CODE_MINUTES},
    crate::accounts::{flash, hashing, password, session, throttle, Account},
    crate::fields::{EmailAddress, MobileNumber, PersonName},
    crate::i18n::{fill, t},
    crate::outbox::{self, Outgoing},
    crate::state::{app_state, AppState},
};

#[server(prefix = "/api", endpoint = "my_account")]
pub async fn my_account() -> Result<AccountSettings, AppError> {
    let state = app_state()?;
    let account = session::require_account(&state.db).await?;
    queries::settings(&state.db, account.id).await
}

#[server(prefix = "/api", endpoint = "change_name")]
pub async fn change_name(first_name: String, last_name: String) -> Result<(), AppError> {
    let state = app_state()?;
    let account = session::require_account(&state.db).await?;
    let text = t();
    let first_name = PersonName::parse(&first_name, text.first_name)
        .map_err(AppError::in_field("first_name"))?;
    let last_name =
        PersonName::parse(&last_name, text.last_name).map_err(AppError::in_field("last_name"))?;
    queries::set_name(
        &state.db,
        account.id,
        first_name.as_str(),
        last_name.as_str(),
    )
    .await?;
    flash::notice(&state.db, text.saved).await
}

/// Sends a confirmation link to the new address; nothing changes until it is
/// opened. The password is asked again and the old address hears about it,
/// so a stolen session cannot move the account silently. Whether the new
/// address has an account is not told here, only in the e-mail to that address.
#[server(prefix = "/api", endpoint = "change_email")]
pub async fn change_email(new_email: String, current_password: String) -> Result<String, AppError> {
    let state = app_state()?;
    let account = session::require_account(&state.db).await?;
    let text = t();
    let new_email = EmailAddress::parse(&new_email).map_err(AppError::in_field("new_email"))?;
    if new_email.as_str() == account.email {
        return Err(AppError::invalid(text.acc_email_same));
    }
    check_it_is_the_owner(&state, &account, current_password).await?;
    crate::limits::take_mail_for(&state.db, account.id, new_email.as_str()).await?;
    let name = account.first_name.clone();
    // The old address hears of it either way: a stolen session cannot move
    // the account silently.
    let notice = fill(
        text.mail_email_change_notice_body,
        &[("name", &name), ("email", new_email.as_str())],
    );
    let notice = Outgoing::mail(
        &name,
        &account.email,
        text.mail_email_change_notice_subject,
        &notice,
    );
    if queries::email_in_use(&state.db, new_email.as_str()).await? {
        // To the other account, in its language.
        let theirs = crate::accounts::language::of_address(&state.db, new_email.as_str())
            .await?
            .unwrap_or_default()
            .texts();
        let body = fill(
            theirs.mail_email_taken_body,
            &[("email", new_email.as_str())],
        );
        let taken = Outgoing::mail(
            "",
            new_email.as_str(),
            theirs.mail_email_taken_subject,
            &body,
        );
        outbox::send_all(&state, &[taken, notice]).await?;
    } else {
        let (token, hash) = session::new_token();
        let link = format!(
            "{}/account/email?code={token}",
            state.settings.public_url.trim_end_matches('/')
        );
        let body = fill(
            text.mail_email_change_body,
            &[
                ("name", &name),
                ("email", new_email.as_str()),
                ("link", &link),
            ],
        );
        let link_mail = Outgoing::mail(
            &name,
            new_email.as_str(),
            text.mail_email_change_subject,
            &body,
        );
        queries::request_email_change(
            &state.db,
            account.id,
            new_email.as_str(),
            &hash,
            &[link_mail, notice],
        )
        .await?;
        state.outbox.ring();
    }
    flash::done(
        &state.db,
        fill(text.acc_email_sent, &[("email", new_email.as_str())]),
    )
    .await
}

/// Opens the link from the new address: the account moves to it, every
/// other session ends and open reset links die (they went to the old address).
#[server(prefix = "/api", endpoint = "confirm_email_change")]
pub async fn confirm_email_change(code: String) -> Result<String, AppError> {
    let state = app_state()?;
    let queries::AddressChange {
        old_email,
        new_email,
        ..
    } = queries::confirm_email_change(
        &state.db,
        &session::hash_token(&code),
        session::this_session_hash(),
    )
    .await?;
    let text = t();
    let body = fill(text.mail_email_changed_body, &[("email", &new_email)]);
    // The name is not at hand here; an address alone is better than the
    // address twice.
    let notice = Outgoing::mail("", &old_email, text.mail_email_changed_subject, &body);
    outbox::send(&state, notice).await?;
    Ok(fill(text.acc_email_changed, &[("email", &new_email)]))
}

/// Before a change that could take the account over: the password again,
/// and, when the account has a second factor, a recent proof of it in this
/// session (asked first, so a missing proof costs no password attempt).
#[cfg(feature = "ssr")]
pub(crate) async fn check_it_is_the_owner(
    state: &AppState,
    account: &Account,
    current: String,
) -> Result<(), AppError> {
    crate::two_factor::reconfirm::require_recent(state, account).await?;
    check_current_password(state, account, current).await
}

/// Checks the current password, throttled like logging in, so that a
/// borrowed session cannot guess it.
#[cfg(feature = "ssr")]
async fn check_current_password(
    state: &AppState,
    account: &Account,
    current: String,
) -> Result<(), AppError> {
    let client = crate::client::client_address();
    if !throttle::claim_attempt(&state.db, &account.email, &client).await? {
        return Err(AppError::RateLimited);
    }
    let stored = queries::password_hash(&state.db, account.id).await?;
    if hashing::verify(current, stored).await? {
        throttle::clear(&state.db, &account.email, &client).await
    } else {
        throttle::record_failure(&state.db, &account.email, &client).await?;
        Err(AppError::invalid(t().acc_wrong_password))
    }
}

/// A new password; every other session of the account ends.
#[server(prefix = "/api", endpoint = "change_password")]
pub async fn change_password(
    current_password: String,
    password: String,
    password_repeat: String,
) -> Result<(), AppError> {
    let state = app_state()?;
    let account = session::require_account(&state.db).await?;
    let text = t();
    password::check(
        &password,
        &[&account.first_name, &account.last_name, &account.email],
    )
    .map_err(|message| AppError::in_field("password")(message.to_string()))?;
    if password != password_repeat {
        return Err(AppError::in_field("password_repeat")(
            text.err_password_mismatch.to_string(),
        ));
    }
    check_it_is_the_owner(&state, &account, current_password).await?;
    let hash = hashing::hash(password).await?;
    queries::set_password(&state.db, account.id, &hash).await?;
    session::end_other_sessions(&state.db, account.id).await?;
    let body = fill(
        text.mail_password_changed_body,
        &[("name", &account.first_name)],
    );
    let notice = Outgoing::mail(
        &account.first_name,
        &account.email,
        text.mail_password_changed_subject,
        &body,
    );
    outbox::send(&state, notice).await?;
    flash::notice(&state.db, text.acc_password_changed).await
}

/// Sends a six-digit code by SMS to the number to confirm, after the
/// password: a stolen session cannot put its own number on the account.
#[server(prefix = "/api", endpoint = "send_mobile_code")]
pub async fn send_mobile_code(mobile: String, current_password: String) -> Result<(), AppError> {
    let state = app_state()?;
    let account = session::require_account(&state.db).await?;
    let text = t();
    let mobile = MobileNumber::parse(&mobile).map_err(AppError::in_field("mobile"))?;
    state
        .settings
        .allowed_phone_countries
        .check(mobile.as_str())
        .map_err(AppError::in_field("mobile"))?;
    if let Some(seconds) = queries::seconds_since_last_code(&state.db, account.id).await? {
        if seconds < MOBILE_CODE_INTERVAL_SECONDS {
            return Err(AppError::invalid(text.acc_code_wait));
        }
    }
    check_it_is_the_owner(&state, &account, current_password).await?;
    crate::limits::take_sms_to_confirm(&state.db, account.id, mobile.as_str()).await?;
    let code = six_digits(rand::random::<u32>());
    let message = fill(
        text.sms_mobile_code,
        &[
            ("code", &code),
            ("minutes", &MOBILE_CODE_MINUTES.to_string()),
        ],
    );
    let expires = chrono::Utc::now() + chrono::Duration::minutes(MOBILE_CODE_MINUTES);
    let sms = Outgoing::sms(mobile.as_str(), &message).expires(expires);
    queries::store_mobile_code(&state.db, account.id, mobile.as_str(), &code, &sms).await?;
    state.outbox.ring();
    flash::notice(&state.db, text.acc_code_on_its_way).await
}

#[server(prefix = "/api", endpoint = "confirm_mobile")]
pub async fn confirm_mobile(code: String) -> Result<(), AppError> {
    let state = app_state()?;
    let account = session::require_account(&state.db).await?;
    let text = t();
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    if code.len() != 6 || !code.chars().all(|c| c.is_ascii_digit()) {
        return Err(AppError::invalid(text.acc_code_format));
    }
    let before = queries::settings(&state.db, account.id).await?.mobile;
    match queries::check_mobile_code(&state.db, account.id, &code).await? {
        CodeCheck::Confirmed(new) => {
            if before.as_ref().is_some_and(|old| *old != new) {
                tell_of_mobile_change(&state, &account, before).await?;
            }
            flash::notice(&state.db, text.acc_mobile_confirmed).await
        }
        CodeCheck::Wrong => Err(AppError::invalid(text.acc_code_wrong)),
        CodeCheck::NoneWaiting => Err(AppError::invalid(text.acc_code_none)),
    }
}

/// Takes the mobile number off the account, after the password.
#[server(prefix = "/api", endpoint = "remove_mobile")]
pub async fn remove_mobile(current_password: String) -> Result<(), AppError> {
    let state = app_state()?;
    let account = session::require_account(&state.db).await?;
    check_it_is_the_owner(&state, &account, current_password).await?;
    let before = queries::settings(&state.db, account.id).await?.mobile;
    queries::forget_mobile_code(&state.db, account.id).await?;
    queries::remove_mobile(&state.db, account.id).await?;
    tell_of_mobile_change(&state, &account, before).await?;
    flash::notice(&state.db, t().acc_mobile_removed).await
}

/// The old number (by SMS) and the account's address (by e-mail) hear that
/// the mobile number changed: the owner notices a takeover in progress.
#[cfg(feature = "ssr")]
async fn tell_of_mobile_change(
    state: &AppState,
    account: &Account,
    old: Option<String>,
) -> Result<(), AppError> {
    let text = t();
    let mut notices = Vec::new();
    if let Some(old) = old {
        if crate::limits::take_sms_to_own(&state.db, account.id)
            .await
            .is_ok()
        {
            notices.push(Outgoing::sms(&old, text.sms_mobile_changed));
        }
    }
    let body = fill(
        text.mail_mobile_changed_body,
        &[("name", &account.first_name)],
    );
    notices.push(Outgoing::mail(
        &account.first_name,
        &account.email,
        text.mail_mobile_changed_subject,
        &body,
    ));
    outbox::send_all(state, &notices).await
}

/// Deletes the account after the password confirms it is really its owner.
#[server(prefix = "/api", endpoint = "delete_account")]
pub async fn delete_account(current_password: String) -> Result<(), AppError> {
    let state = app_state()?;
    let account = session::require_account(&state.db).await?;
    check_it_is_the_owner(&state, &account, current_password).await?;
    let name = format!("{} {}", account.first_name, account.last_name);
    queries::delete_account(&state.db, account.id, &name).await?;
    session::end_session(&state.db, state.settings.https()).await?;
    leptos_axum::redirect(crate::routes::LOG_IN_AFTER_DELETION);
    Ok(())
}
