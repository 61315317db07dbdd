//! Server functions of the two-step settings in Mijn gegevens: they act on
//! the session's own account and ask the password again. The second step of
//! a login is in `step.rs`.

use super::{Method, SetupStarted, TwoFactorView};
use crate::error::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    super::{masked, queries, totp, CODE_MINUTES, RECOVERY_FLASH},
    crate::accounts::{flash, session, Account},
    crate::i18n::{fill, t},
    crate::outbox::{self, Outgoing},
    crate::state::{app_state, AppState},
};

/// Mijn gegevens: what is set up.
#[server(prefix = "/api", endpoint = "two_factor_settings")]
pub async fn two_factor_settings() -> Result<TwoFactorView, AppError> {
    let state = app_state()?;
    let account = session::require_account(&state.db).await?;
    let factor = queries::factor_of(&state.db, account.id).await?;
    let waiting = queries::waiting_setup(&state.db, account.id).await?;
    let settings = crate::account_settings::settings(&state.db, account.id).await?;
    Ok(TwoFactorView {
        method: factor.as_ref().and_then(|f| f.method()),
        sent_to: factor.as_ref().and_then(|f| f.phone.as_deref()).map(masked),
        recovery_codes_left: queries::recovery_codes_left(&state.db, account.id).await?,
        required: required_for(&state, account.id).await?,
        mobile: settings.mobile,
        waiting: waiting.and_then(|setup| setup_view(&setup, &account)),
        fresh_recovery_codes: flash::take(&state.db, RECOVERY_FLASH, flash::Taking::Once)
            .await?
            .unwrap_or_default(),
    })
}

/// A waiting setup as the settings show it: the app's QR code and secret
/// again, or where the code went.
#[cfg(feature = "ssr")]
fn setup_view(setup: &queries::Setup, account: &Account) -> Option<SetupStarted> {
    let method = Method::from_db(&setup.method)?;
    Some(match &setup.totp_secret {
        Some(secret) => SetupStarted {
            method,
            qr_svg: totp::qr_svg(&totp::otpauth_uri(secret, &account.email)),
            secret: Some(totp::secret_for_typing(secret)),
            sent_to: None,
        },
        None => SetupStarted {
            method,
            qr_svg: None,
            secret: None,
            sent_to: setup.phone.as_deref().map(masked),
        },
    })
}

/// Starts setting up (or changing) the second factor, after the password:
/// an app gets its QR code; a text or call gets its first code.
#[server(prefix = "/api", endpoint = "start_two_factor")]
pub async fn start_two_factor(
    #[server(default)] method: Option<Method>,
    current_password: String,
    #[server(default)] landline: String,
) -> Result<SetupStarted, AppError> {
    let state = app_state()?;
    let account = session::require_account(&state.db).await?;
    let text = t();
    let method = method.ok_or_else(|| AppError::invalid(text.tf_choose))?;
    let phone = match method {
        Method::Sms => Some(
            crate::account_settings::settings(&state.db, account.id)
                .await?
                .mobile
                .ok_or_else(|| AppError::invalid(text.tf_needs_mobile))?,
        ),
        Method::Voice => {
            let number = international_landline(&landline)?;
            state
                .settings
                .allowed_phone_countries
                .check(&number)
                .map_err(AppError::in_field("landline"))?;
            Some(number)
        }
        Method::Totp => None,
    };
    crate::account_settings::check_it_is_the_owner(&state, &account, current_password).await?;
    match method {
        Method::Totp => {
            let secret: [u8; totp::SECRET_BYTES] = rand::random();
            queries::start_setup(&state.db, account.id, method, None, Some(&secret), None).await?;
            let uri = totp::otpauth_uri(&secret, &account.email);
            Ok(SetupStarted {
                method,
                qr_svg: totp::qr_svg(&uri),
                secret: Some(totp::secret_for_typing(&secret)),
                sent_to: None,
            })
        }
        Method::Sms | Method::Voice => {
            let phone = phone.unwrap_or_default();
            let (code, hash) = queries::new_code(account.id);
            queries::start_setup(
                &state.db,
                account.id,
                method,
                Some(&phone),
                None,
                Some(&hash),
            )
            .await?;
            // A landline is confirmed by this very code; a mobile number
            // already was.
            let to = match method {
                Method::Voice => To::Unconfirmed,
                _ => To::Own,
            };
            send_code(&state, account.id, method, &phone, &code, to).await?;
            Ok(SetupStarted {
                method,
                qr_svg: None,
                secret: None,
                sent_to: Some(masked(&phone)),
            })
        }
    }
}

/// The first code confirms the setup: from now on every login asks for it.
/// Returns the ten recovery codes, shown this once.
#[server(prefix = "/api", endpoint = "confirm_two_factor")]
pub async fn confirm_two_factor(code: String) -> Result<Vec<String>, AppError> {
    let state = app_state()?;
    let account = session::require_account(&state.db).await?;
    let text = t();
    let typed: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    let setup = queries::waiting_setup(&state.db, account.id)
        .await?
        .ok_or_else(|| AppError::invalid(text.tf_no_setup))?;
    // The try is taken before the check, so parallel guesses get no more.
    if !queries::claim_setup_try(&state.db, account.id).await? {
        return Err(AppError::invalid(text.tf_no_setup));
    }
    let (right, step) = match (&setup.totp_secret, &setup.code_hash) {
        (Some(secret), _) => {
            let now = totp::step_at(chrono::Utc::now().timestamp());
            let step = totp::matching_step(secret, &typed, now, None);
            (step.is_some(), step)
        }
        (None, Some(expected)) => (queries::code_hash(account.id, &typed) == *expected, None),
        (None, None) => (false, None),
    };
    if !right {
        return Err(AppError::invalid(text.tf_code_wrong));
    }
    queries::enable(&state.db, account.id, &setup, step).await?;
    let codes = queries::new_recovery_codes(&state.db, account.id).await?;
    flash::leave_for_plain_form(&state.db, RECOVERY_FLASH, &codes).await?;
    tell_owner(&state, &account, text.mail_two_factor_on_body).await?;
    Ok(codes)
}

/// Ten new recovery codes (the old ones stop working), after the password.
#[server(prefix = "/api", endpoint = "new_recovery_codes")]
pub async fn new_recovery_codes(current_password: String) -> Result<Vec<String>, AppError> {
    let state = app_state()?;
    let account = session::require_account(&state.db).await?;
    if queries::factor_of(&state.db, account.id).await?.is_none() {
        return Err(AppError::invalid(t().tf_no_factor));
    }
    crate::account_settings::check_it_is_the_owner(&state, &account, current_password).await?;
    let codes = queries::new_recovery_codes(&state.db, account.id).await?;
    flash::leave_for_plain_form(&state.db, RECOVERY_FLASH, &codes).await?;
    Ok(codes)
}

/// Switches two-step login off, after the password; refused for whoever must keep it.
#[server(prefix = "/api", endpoint = "disable_two_factor")]
pub async fn disable_two_factor(current_password: String) -> Result<(), AppError> {
    let state = app_state()?;
    let account = session::require_account(&state.db).await?;
    if required_for(&state, account.id).await? {
        return Err(AppError::invalid(t().tf_required));
    }
    crate::account_settings::check_it_is_the_owner(&state, &account, current_password).await?;
    queries::disable(&state.db, account.id).await?;
    tell_owner(&state, &account, t().mail_two_factor_off_body).await?;
    flash::notice(&state.db, t().tf_disabled).await
}

/// Whose number a code goes to, for the limits on texts and calls.
#[cfg(feature = "ssr")]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum To {
    /// The account's own confirmed number (or its factor's).
    Own,
    /// A number this code is to confirm.
    Unconfirmed,
}

#[cfg(feature = "ssr")]
pub(super) async fn send_code(
    state: &AppState,
    account_id: i64,
    method: Method,
    phone: &str,
    code: &str,
    to: To,
) -> Result<(), AppError> {
    match to {
        To::Own => crate::limits::take_sms_to_own(&state.db, account_id).await?,
        To::Unconfirmed => crate::limits::take_sms_to_confirm(&state.db, account_id, phone).await?,
    }
    // The owner's language: at this step the browser may be a new one.
    let theirs = crate::accounts::language::of_account(&state.db, account_id)
        .await?
        .texts();
    let message = match method {
        Method::Voice => {
            // Read out digit by digit, twice.
            let spoken: Vec<String> = code.chars().map(String::from).collect();
            let spoken = spoken.join(", ");
            let message = fill(theirs.voice_login_code, &[("code", &spoken)]);
            Outgoing::voice(phone, &message)
        }
        _ => {
            let message = fill(
                theirs.sms_login_code,
                &[("code", code), ("minutes", &CODE_MINUTES.to_string())],
            );
            Outgoing::sms(phone, &message)
        }
    };
    let expires = chrono::Utc::now() + chrono::Duration::minutes(CODE_MINUTES);
    outbox::send(state, message.expires(expires)).await
}

#[cfg(feature = "ssr")]
async fn required_for(state: &AppState, account_id: i64) -> Result<bool, AppError> {
    Ok(state.settings.require_two_factor || queries::must_keep(&state.db, account_id).await?)
}

/// A landline (or any) number in international form: "030 123 45 67" → "+31301234567".
#[cfg(feature = "ssr")]
fn international_landline(typed: &str) -> Result<String, AppError> {
    let phone = crate::fields::PhoneNumber::parse(typed).map_err(AppError::in_field("landline"))?;
    let digits: String = phone
        .as_str()
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    let international = if phone.as_str().trim_start().starts_with('+') {
        format!("+{digits}")
    } else if let Some(rest) = digits.strip_prefix("00") {
        format!("+{rest}")
    } else if let Some(rest) = digits.strip_prefix('0') {
        format!("+31{rest}")
    } else {
        String::new()
    };
    if !(9..=16).contains(&international.len()) {
        return Err(AppError::invalid(t().err_phone_format));
    }
    Ok(international)
}

/// The account's own address hears of every change to its second factor.
#[cfg(feature = "ssr")]
async fn tell_owner(state: &AppState, account: &Account, body: &str) -> Result<(), AppError> {
    let body = fill(body, &[("name", &account.first_name)]);
    let notice = Outgoing::mail(
        &account.first_name,
        &account.email,
        t().mail_two_factor_subject,
        &body,
    );
    outbox::send(state, notice).await
}
