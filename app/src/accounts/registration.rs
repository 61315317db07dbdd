//! Registration: name, e-mail and the terms, then a confirmation link by
//! e-mail (sent again on request); the links' mail helpers that the password
//! reset shares. Nothing here says whether an address already has an account.

use super::Registered;
use crate::error::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    super::session::{self, LinkPurpose},
    crate::fields::{EmailAddress, PersonName},
    crate::i18n::{fill, t},
    crate::state::app_state,
};

/// Step one of registration: name, e-mail and the terms. Sends the confirmation e-mail.
#[server(prefix = "/api", endpoint = "register")]
pub async fn register(
    first_name: String,
    last_name: String,
    email: String,
    #[server(default)] terms: crate::form_value::Checkbox,
    #[server(default)] code: String,
    #[server(default)] code_birth_date: crate::form_value::DateField,
) -> Result<Registered, AppError> {
    let text = t();
    let first_name = PersonName::parse(&first_name, text.first_name)
        .map_err(AppError::in_field("first_name"))?;
    let last_name =
        PersonName::parse(&last_name, text.last_name).map_err(AppError::in_field("last_name"))?;
    let email = EmailAddress::parse(&email).map_err(AppError::in_field("email"))?;
    if !terms.0 {
        return Err(AppError::invalid(text.err_terms));
    }
    let state = app_state()?;
    let letter = letter_code(&state, &code, code_birth_date).await?;
    crate::limits::take_mail(&state.db, email.as_str()).await?;
    let existing = super::queries::by_email(&state.db, email.as_str()).await?;
    // The answer is the same whether or not the address is known; only the e-mail differs.
    let to_name = format!("{} {}", first_name.as_str(), last_name.as_str());
    let sent = match existing {
        Some(known) if known.confirmed => {
            let account_id = known.id;
            let known_name = known.first_name;
            let link = session::create_link(&state.db, account_id, LinkPurpose::Reset).await?;
            let url = link_url(&state.settings.public_url, LinkPurpose::Reset, &link.token);
            // In the language of the account that has the address.
            let text = super::language::of_account(&state.db, account_id)
                .await?
                .texts();
            let body = fill(
                text.mail_existing_body,
                &[("name", &known_name), ("link", &url)],
            );
            let mail = (to_name.as_str(), email.as_str(), text.mail_existing_subject);
            send_link(&state, link, mail, &body).await
        }
        // Not confirmed yet: send a fresh confirmation link, change nothing else.
        Some(known) => {
            keep_letter(&state, known.id, &letter).await?;
            send_confirmation(&state, known.id, &known.first_name, &to_name, &email).await
        }
        None => {
            let registration = super::queries::Registration {
                email: email.as_str(),
                first_name: first_name.as_str(),
                last_name: last_name.as_str(),
                language: crate::i18n::lang::current().code(),
            };
            let account_id =
                super::queries::register(&state.db, &registration, chrono::Utc::now()).await?;
            keep_letter(&state, account_id, &letter).await?;
            let sent =
                send_confirmation(&state, account_id, first_name.as_str(), &to_name, &email).await;
            if sent.is_err() {
                // Nobody can confirm an account whose mail never left: gone again,
                // so that a retry starts from the name typed then.
                super::queries::forget_unconfirmed(&state.db, account_id).await?;
            }
            sent
        }
    };
    sent?;
    let registered = Registered {
        first_name: first_name.as_str().to_string(),
        last_name: last_name.as_str().to_string(),
        email: email.as_str().to_string(),
    };
    // A browser without JavaScript returns to the form: it says where the
    // mail went from this cookie (no session exists yet).
    if super::flash::from_plain_form() {
        use base64::Engine;
        let value = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .encode(serde_json::to_vec(&registered).unwrap_or_default());
        let secure = if state.settings.https() {
            "; Secure"
        } else {
            ""
        };
        session::set_response_cookie(format!(
            "{REGISTERED_COOKIE}={value}; Path=/registreren; HttpOnly; SameSite=Lax; Max-Age=900{secure}"
        ));
    }
    Ok(registered)
}

/// The activation code of a letter, entered while registering (the seeds'
/// "Stap 3"): checked now, with the same one refusal and the same limit of
/// tries as "Code invoeren" (counted per client address: there is no account
/// yet). None when no code was typed.
#[cfg(feature = "ssr")]
async fn letter_code(
    state: &crate::state::AppState,
    code: &str,
    birth_date: crate::form_value::DateField,
) -> Result<Option<(crate::links::code::ActivationCode, chrono::NaiveDate)>, AppError> {
    if code.trim().is_empty() {
        return Ok(None);
    }
    let text = t().org;
    let code = crate::links::code::ActivationCode::parse(code)
        .ok_or_else(|| AppError::in_field("code")(text.code_hint.to_string()))?;
    let birth_date = birth_date.0.ok_or_else(|| {
        AppError::in_field("code_birth_date")(crate::fields::required(text.birth_date_label))
    })?;
    let subject = format!("client:{}", crate::client::client_address());
    crate::links::CODE_TRIES
        .take(&state.db, &subject, text.code_too_many_tries)
        .await?;
    if !crate::links::queries::matches(&state.db, &state.key, &code, birth_date).await? {
        return Err(AppError::in_field("code")(text.code_refused.to_string()));
    }
    Ok(Some((code, birth_date)))
}

/// Carries "who just registered" past a plain form's redirect (15 minutes).
#[cfg(feature = "ssr")]
const REGISTERED_COOKIE: &str = "kring_aangemeld";

/// Who just registered in this browser without JavaScript, if anyone.
#[server(prefix = "/api", endpoint = "just_registered")]
pub async fn just_registered() -> Result<Option<Registered>, AppError> {
    use base64::Engine;
    Ok(session::request_cookie(REGISTERED_COOKIE)
        .and_then(|value| {
            base64::engine::general_purpose::URL_SAFE_NO_PAD
                .decode(value.trim())
                .ok()
        })
        .and_then(|json| serde_json::from_slice(&json).ok()))
}

#[cfg(feature = "ssr")]
async fn send_confirmation(
    state: &crate::state::AppState,
    account_id: i64,
    first_name: &str,
    to_name: &str,
    email: &EmailAddress,
) -> Result<(), AppError> {
    let link = session::create_link(&state.db, account_id, LinkPurpose::Confirm).await?;
    let url = link_url(
        &state.settings.public_url,
        LinkPurpose::Confirm,
        &link.token,
    );
    let text = super::language::of_account(&state.db, account_id)
        .await?
        .texts();
    let body = fill(
        text.mail_confirm_body,
        &[("name", first_name), ("link", &url)],
    );
    let mail = (to_name, email.as_str(), text.mail_confirm_subject);
    send_link(state, link, mail, &body).await
}

/// Mails a new link as (to name, to address, subject) with `body`; from
/// then on it replaces the earlier links of its purpose.
#[cfg(feature = "ssr")]
pub(super) async fn send_link(
    state: &crate::state::AppState,
    link: session::NewLink,
    (to_name, to_email, subject): (&str, &str, &str),
    body: &str,
) -> Result<(), AppError> {
    let mail = crate::outbox::Outgoing::mail(to_name, to_email, subject, body);
    link.hand_over(&state.db, Some(&mail)).await?;
    state.outbox.ring();
    Ok(())
}

#[cfg(feature = "ssr")]
pub fn link_url(public_url: &str, purpose: LinkPurpose, token: &str) -> String {
    format!(
        "{}{}?code={}",
        public_url.trim_end_matches('/'),
        purpose.path(),
        token
    )
}

/// Keeps the code of a letter entered while registering, until the address
/// is confirmed (nothing when there was none).
#[cfg(feature = "ssr")]
async fn keep_letter(
    state: &crate::state::AppState,
    account_id: i64,
    letter: &Option<(crate::links::code::ActivationCode, chrono::NaiveDate)>,
) -> Result<(), AppError> {
    if let Some((code, birth_date)) = letter {
        crate::links::queries::keep_pending(&state.db, &state.key, account_id, code, *birth_date)
            .await?;
    }
    Ok(())
}
