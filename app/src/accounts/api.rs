//! The server functions of accounts. Each one checks its input on the server
//! and answers in Dutch; none of them says whether an e-mail address has an account.

pub use super::registration::{just_registered, register, JustRegistered, Register};
use super::{LinkKind, Viewer};
use crate::error::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    super::registration::{link_url, send_link},
    super::session::{self, LinkPurpose},
    super::{hashing, password},
    super::{throttle, Account, ViewerAccount},
    crate::fields::EmailAddress,
    crate::i18n::{fill, t},
    crate::state::app_state,
};

/// Who is looking: the shell's header, page switcher and contrast.
#[server(prefix = "/api", endpoint = "viewer")]
pub async fn get_viewer() -> Result<Viewer, AppError> {
    // The frame asks twice per page (header and session); one answer serves both.
    match leptos::prelude::use_context::<ViewerOfThisRequest>() {
        Some(ViewerOfThisRequest(looked_up)) => {
            looked_up.get_or_try_init(look_up_viewer).await.cloned()
        }
        None => look_up_viewer().await,
    }
}

/// The viewer, looked up once per page render (see `session::AccountOfThisRequest`).
#[cfg(feature = "ssr")]
#[derive(Clone, Default)]
pub struct ViewerOfThisRequest(std::sync::Arc<tokio::sync::OnceCell<Viewer>>);

#[cfg(feature = "ssr")]
async fn look_up_viewer() -> Result<Viewer, AppError> {
    let state = app_state()?;
    let Some(account) = session::current_account(&state.db).await? else {
        return Ok(Viewer { account: None });
    };
    let pages = crate::care_pages::pages_of(&state.db, &account).await?;
    Ok(Viewer {
        account: Some(ViewerAccount {
            console: account.provider_id.is_some(),
            first_name: account.first_name,
            last_name: account.last_name,
            pages,
        }),
    })
}

/// The confirmation a form sent without JavaScript left for the page it
/// returned to, once (see `flash`); `None` almost always.
#[server(prefix = "/api", endpoint = "notice")]
pub async fn take_notice() -> Result<Option<String>, AppError> {
    let state = app_state()?;
    super::flash::take(
        &state.db,
        super::flash::NOTICE,
        super::flash::Taking::WithGrace,
    )
    .await
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
    let account: Account = super::queries::find(&state.db, account_id)
        .await?
        .ok_or(AppError::LinkInvalid)?;
    password::check(
        &password,
        &[&account.first_name, &account.last_name, &account.email],
    )
    .map_err(|message| AppError::in_field("password")(message.to_string()))?;
    if password != password_repeat {
        return Err(AppError::in_field("password_repeat")(
            t().err_password_mismatch.to_string(),
        ));
    }
    let hash = hashing::hash(password).await?;
    let link_hash = session::hash_token(&code);
    let now = chrono::Utc::now();
    if !super::queries::set_password_with_link(&state.db, &link_hash, account_id, &hash, now)
        .await?
    {
        return Err(AppError::LinkInvalid);
    }
    // The mailbox proved the owner and the password is new: earlier wrong
    // guesses no longer keep the owner out.
    throttle::clear(&state.db, &account.email, &crate::client::client_address()).await?;
    // A code from a letter, entered while registering: the page for the
    // client is made now that the address is confirmed, and opens first
    // (its overview names the linked organisation).
    let landing = match crate::links::queries::redeem_pending(&state.db, account_id).await {
        Ok(Some(redeemed)) => crate::routes::page(redeemed.page_id).overview(),
        Ok(None) => crate::routes::HOME.to_string(),
        // The code died in between (used, expired): the account is fine;
        // "Code invoeren" says why when tried again.
        Err(_) => crate::routes::ENTER_CODE.to_string(),
    };
    // The mailbox proved the owner: wrong second-step codes before no
    // longer lock the account. It does not replace the second factor.
    crate::two_factor::guard::clear(&state.db, account_id).await?;
    if crate::two_factor::step::begin_second_step(&state, account_id, &landing).await? {
        return Ok(());
    }
    session::start_session(&state.db, account_id, state.settings.https()).await?;
    leptos_axum::redirect(&landing);
    Ok(())
}

/// Logs in; `next` is where the person was going (from `/inloggen?terug=…`),
/// a path of this site only.
#[server(prefix = "/api", endpoint = "login")]
pub async fn login(
    email: String,
    password: String,
    #[server(default)] next: String,
) -> Result<(), AppError> {
    let state = app_state()?;
    let email = email.trim().to_lowercase();
    if email.is_empty()
        || password.is_empty()
        || email.len() > EmailAddress::MAX_LEN
        || password.len() > 4 * password::MAX_LEN
    {
        return Err(AppError::invalid(t().login_failed));
    }
    // Counted before any hashing: a refused attempt costs no Argon2 work.
    let client = crate::client::client_address();
    let within_limit = throttle::claim_attempt(&state.db, &email, &client).await?;
    let found = super::queries::for_login(&state.db, &email).await?;
    let account_id = found.as_ref().map(|account| account.id);
    let stored = found
        .as_ref()
        .and_then(|account| account.password_hash.clone());
    let landing = crate::routes::local_return(&next).unwrap_or_else(|| crate::routes::HOME.into());
    if !within_limit {
        let attempt = LateAttempt {
            email: &email,
            client: &client,
            account_id,
            landing: &landing,
        };
        return login_past_the_limit(&state, attempt, password, stored).await;
    }
    let matches = hashing::verify(password, stored).await?;
    let Some(id) = account_id.filter(|_| matches) else {
        let used_up = throttle::record_failure(&state.db, &email, &client).await?;
        let confirmed = found
            .as_ref()
            .filter(|account| account.password_hash.is_some());
        if let (true, Some(account)) = (used_up, confirmed) {
            let first_name = &account.first_name;
            let lang = super::language::of_address(&state.db, &email).await?;
            warn_owner_of_guessing(&state, &email, first_name, lang.unwrap_or_default());
        }
        return Err(AppError::invalid(t().login_failed));
    };
    if crate::two_factor::step::begin_second_step(&state, id, &landing).await? {
        return Ok(());
    }
    throttle::clear(&state.db, &email, &client).await?;
    session::start_session(&state.db, id, state.settings.https()).await?;
    leptos_axum::redirect(&landing);
    Ok(())
}

/// A login attempt past the address's password checks.
#[cfg(feature = "ssr")]
struct LateAttempt<'a> {
    email: &'a str,
    client: &'a str,
    account_id: Option<i64>,
    landing: &'a str,
}

/// Past an address's password attempts every login gets the same answer,
/// whatever the address, the account and the password: on to a second step
/// that names no method. Only an owner with a second factor can still get
/// in there (their password is checked, and their code sent); for anyone
/// else nothing is checked, and the wait is made to look like a check.
/// Every such attempt counts as a failure for the address, so its delays
/// do not tell a right password either.
#[cfg(feature = "ssr")]
async fn login_past_the_limit(
    state: &crate::state::AppState,
    attempt: LateAttempt<'_>,
    password: String,
    stored: Option<String>,
) -> Result<(), AppError> {
    let LateAttempt {
        email,
        client,
        account_id,
        landing,
    } = attempt;
    let has_factor = match account_id {
        Some(id) => crate::two_factor::factor_of(&state.db, id).await?.is_some(),
        None => false,
    };
    let matches = if has_factor {
        hashing::verify(password, stored).await?
    } else {
        hashing::pause_like_a_check().await;
        false
    };
    throttle::record_failure(&state.db, email, client).await?;
    crate::two_factor::step::begin_late_step(state, account_id, matches, landing).await
}

/// Tells the owner that someone used up the password attempts of the
/// account; sent after the answer, so a slow mail server delays nobody.
#[cfg(feature = "ssr")]
fn warn_owner_of_guessing(
    state: &crate::state::AppState,
    email: &str,
    first_name: &str,
    lang: crate::i18n::Lang,
) {
    // The owner's language: the guesser's browser says nothing about them.
    let text = lang.texts();
    let body = fill(text.mail_login_attempts_body, &[("name", first_name)]);
    let notice =
        crate::outbox::Outgoing::mail(first_name, email, text.mail_login_attempts_subject, &body);
    let state = state.clone();
    tokio::spawn(async move {
        if let Err(error) = crate::outbox::send(&state, notice).await {
            tracing::warn!(%error, "could not queue the failed-logins warning");
        }
    });
}

#[server(prefix = "/api", endpoint = "logout")]
pub async fn logout() -> Result<(), AppError> {
    let state = app_state()?;
    session::end_session(&state.db, state.settings.https()).await?;
    // The offline copies of the care pages go with the session, on this
    // device, with or without JavaScript (shell/offline.rs).
    if let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
        response.insert_header(
            http::HeaderName::from_static("clear-site-data"),
            http::HeaderValue::from_static(crate::shell::offline::CLEAR_ON_LOGOUT),
        );
    }
    leptos_axum::redirect(crate::routes::LOG_IN);
    Ok(())
}

/// "Wachtwoord vergeten": always the same answer, in the same time: the link
/// is made and mailed after the answer, only for a real account, so neither
/// timing nor a mail server that is down tells whether the address has one.
#[server(prefix = "/api", endpoint = "forgot_password")]
pub async fn forgot_password(email: String) -> Result<(), AppError> {
    let email = EmailAddress::parse(&email).map_err(AppError::in_field("email"))?;
    let state = app_state()?;
    crate::limits::take_mail(&state.db, email.as_str()).await?;
    tokio::spawn(async move {
        if let Err(error) = mail_reset_link(&state, &email).await {
            tracing::warn!(%error, "could not mail a reset link");
        }
    });
    Ok(())
}

#[cfg(feature = "ssr")]
async fn mail_reset_link(
    state: &crate::state::AppState,
    email: &EmailAddress,
) -> Result<(), AppError> {
    let found = super::queries::by_email(&state.db, email.as_str()).await?;
    let Some(super::queries::Addressee {
        id: account_id,
        first_name,
        last_name,
        ..
    }) = found
    else {
        return Ok(());
    };
    let link = session::create_link(&state.db, account_id, LinkPurpose::Reset).await?;
    let url = link_url(&state.settings.public_url, LinkPurpose::Reset, &link.token);
    let text = super::language::of_account(&state.db, account_id)
        .await?
        .texts();
    let body = fill(
        text.mail_reset_body,
        &[("name", &first_name), ("link", &url)],
    );
    let to_name = format!("{first_name} {last_name}");
    let mail = (to_name.as_str(), email.as_str(), text.mail_reset_subject);
    send_link(state, link, mail, &body).await
}

/// Chooses the text size; remembered like the contrast choice.
#[server(prefix = "/api", endpoint = "set_text_size")]
pub async fn set_text_size(
    size: crate::shell::text_size::TextSize,
) -> Result<crate::shell::text_size::TextSize, AppError> {
    let state = app_state()?;
    if let Some(account) = session::current_account(&state.db).await? {
        super::queries::set_text_size(&state.db, account.id, size.step()).await?;
    }
    session::set_text_size_cookie(size, state.settings.https());
    Ok(size)
}

/// Chooses the interface language: kept on the account (mail and text
/// messages to it follow it) and in a cookie, which the server reads before
/// it renders anything. The confirmation is said in the new language.
#[server(prefix = "/api", endpoint = "set_language")]
pub async fn set_language(language: crate::i18n::Lang) -> Result<crate::i18n::Lang, AppError> {
    let state = app_state()?;
    if let Some(account) = session::current_account(&state.db).await? {
        super::queries::set_language(&state.db, account.id, language.code()).await?;
        super::flash::notice_for_next_page(&state.db, language.texts().language_saved).await?;
    }
    session::set_language_cookie(language, state.settings.https());
    Ok(language)
}

/// Switches the high-contrast theme; remembered on the account, or in a cookie
/// for someone not logged in (the login page needs it too).
#[server(prefix = "/api", endpoint = "set_contrast")]
pub async fn set_contrast(high: bool) -> Result<bool, AppError> {
    let state = app_state()?;
    if let Some(account) = session::current_account(&state.db).await? {
        super::queries::set_contrast(&state.db, account.id, high).await?;
    }
    session::set_contrast_cookie(high, state.settings.https());
    Ok(high)
}
