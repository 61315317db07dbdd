//! Server functions of messages. Each asks the policy for the page, and for a
//! thread also `may_use_thread`; a thread the reader may not see is "not
//! found", exactly like one that does not exist.

use super::{ShareWith, ThreadList, ThreadView};
use crate::error::AppError;
use crate::form_value::Checkbox;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    super::{notify, queries, ProviderChoice, ThreadSummary, MAX_BODY, MAX_SUBJECT},
    crate::access::authorize,
    crate::accounts::Account,
    crate::i18n::t,
    crate::policy::{allows, may_use_thread, Action, Actor, ThreadAudience},
    crate::state::app_state,
};

#[server(prefix = "/api", endpoint = "message_threads")]
pub async fn message_threads(page_id: i64) -> Result<ThreadList, AppError> {
    let state = app_state()?;
    let (account, actor) = authorize(&state, page_id, Action::ViewPage).await?;
    if !may_read_any(actor) {
        return Err(AppError::NotFound);
    }
    let page = crate::care_pages::page(&state.db, page_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let threads = queries::threads(&state.db, page_id, account.id, queries::Listing::All)
        .await?
        .into_iter()
        .filter(|row| may_use_thread(actor, account.provider_id, row.thread.audience))
        .map(|row| ThreadSummary {
            id: row.thread.id,
            subject: row.thread.subject,
            audience: row.thread.audience,
            shared_with: row.thread.shared_with,
            last_author: row.last_author,
            last_excerpt: row.last_body,
            last_at: crate::dates::spoken_at(row.last_at),
            unread: row.unread,
        })
        .collect();
    let is_staff = actor == Actor::LinkedStaff;
    let providers = if !is_staff && allows(actor, Action::UseProviderMessages) {
        linked_providers(page_id).await?
    } else {
        Vec::new()
    };
    let mail_on_new = match is_staff {
        true => None,
        false => Some(queries::mail_on_new(&state.db, page_id, account.id).await?),
    };
    Ok(ThreadList {
        page_id,
        person_name: format!("{} {}", page.first_name, page.last_name),
        threads,
        providers,
        is_staff,
        mail_on_new,
    })
}

#[cfg(feature = "ssr")]
fn may_read_any(actor: Actor) -> bool {
    allows(actor, Action::UseFamilyMessages) || allows(actor, Action::UseProviderMessages)
}

#[cfg(feature = "ssr")]
async fn linked_providers(page_id: i64) -> Result<Vec<ProviderChoice>, AppError> {
    let state = app_state()?;
    Ok(crate::care_pages::linked_providers(&state.db, page_id)
        .await?
        .into_iter()
        .map(|provider| ProviderChoice {
            id: provider.id,
            name: provider.name,
        })
        .collect())
}

/// A thread's subject, checked as when a member starts one.
#[cfg(feature = "ssr")]
pub fn checked_subject(value: &str) -> Result<String, AppError> {
    checked_text(value, "subject", t().msg_subject, MAX_SUBJECT)
}

/// A message's text, checked as when a member writes one.
#[cfg(feature = "ssr")]
pub fn checked_body(value: &str) -> Result<String, AppError> {
    checked_text(value, "body", t().msg_body, MAX_BODY)
}

/// The subject and body, trimmed and within their limits, or a Dutch message.
#[cfg(feature = "ssr")]
fn checked_text(
    value: &str,
    field: &'static str,
    label: &str,
    max: usize,
) -> Result<String, AppError> {
    crate::fields::written_text(value, label, max, true).map_err(AppError::in_field(field))
}

/// "Nieuw bericht". Members start a family thread, or (trusted group and
/// admin) choose explicitly to share it with a linked provider; staff start
/// a provider thread for their own organisation.
#[server(prefix = "/api", endpoint = "start_thread")]
pub async fn start_thread(
    page_id: i64,
    subject: String,
    body: String,
    #[server(default)] share_with: ShareWith,
) -> Result<i64, AppError> {
    let state = app_state()?;
    let (account, actor) = authorize(&state, page_id, Action::ViewPage).await?;
    let text = t();
    let audience = choose_audience(page_id, &account, actor, share_with).await?;
    if !may_use_thread(actor, account.provider_id, audience) {
        return Err(AppError::NotFound);
    }
    let subject = checked_text(&subject, "subject", text.msg_subject, MAX_SUBJECT)?;
    let body = checked_text(&body, "body", text.msg_body, MAX_BODY)?;
    super::MESSAGES_PER_PAGE
        .take(&state.db, &page_id.to_string(), text.msg_err_too_fast)
        .await?;
    let mut tx = state.db.begin().await?;
    let (thread_id, _) =
        queries::start_in(&mut tx, page_id, audience, &subject, &body, &account).await?;
    notify::queue_new_message(&mut tx, &state, page_id, thread_id, audience, &account).await?;
    tx.commit().await?;
    state.outbox.ring();
    crate::accounts::flash::notice_for_next_page(&state.db, t().msg_sent).await?;
    leptos_axum::redirect(&crate::routes::page(page_id).thread(thread_id));
    Ok(thread_id)
}

/// Who a new thread is for. An organisation id from the form counts only when
/// it is linked to this page and the writer may share with providers.
#[cfg(feature = "ssr")]
async fn choose_audience(
    page_id: i64,
    account: &Account,
    actor: Actor,
    share_with: ShareWith,
) -> Result<ThreadAudience, AppError> {
    if actor == Actor::LinkedStaff {
        let provider_id = account.provider_id.ok_or(AppError::NotFound)?;
        return Ok(ThreadAudience::Provider { provider_id });
    }
    let ShareWith::Provider(provider_id) = share_with else {
        return Ok(ThreadAudience::Family);
    };
    if !allows(actor, Action::UseProviderMessages) {
        return Err(AppError::invalid(t().msg_share_not_allowed));
    }
    if !linked_providers(page_id)
        .await?
        .iter()
        .any(|provider| provider.id == provider_id)
    {
        return Err(AppError::invalid(t().err_bad_request));
    }
    Ok(ThreadAudience::Provider { provider_id })
}

/// A thread with its messages; reading it marks it read.
#[server(prefix = "/api", endpoint = "open_thread")]
pub async fn open_thread(page_id: i64, thread_id: i64) -> Result<ThreadView, AppError> {
    let state = app_state()?;
    let (account, actor) = authorize(&state, page_id, Action::ViewPage).await?;
    let thread = queries::thread(&state.db, page_id, thread_id).await?;
    if !may_use_thread(actor, account.provider_id, thread.audience) {
        return Err(AppError::NotFound);
    }
    let stored = queries::messages(&state.db, thread.id).await?;
    if let Some(last) = stored.last() {
        queries::mark_read(&state.db, thread.id, account.id, last.id).await?;
    }
    let messages = stored
        .into_iter()
        .map(|message| super::MessageView {
            mine: message.author_id == Some(account.id),
            id: message.id,
            author: message.author.unwrap_or_default(),
            organisation: message.organisation,
            body: message.body,
            at: crate::dates::spoken_at(message.created_at),
        })
        .collect();
    Ok(ThreadView {
        page_id,
        id: thread.id,
        subject: thread.subject,
        audience: thread.audience,
        shared_with: thread.shared_with,
        messages,
    })
}

/// A reply; it stays in the thread's audience. Answers with the thread as it
/// now is, so the screen shows the reply at once.
#[server(prefix = "/api", endpoint = "reply")]
pub async fn reply(page_id: i64, thread_id: i64, body: String) -> Result<ThreadView, AppError> {
    let state = app_state()?;
    let (account, actor) = authorize(&state, page_id, Action::ViewPage).await?;
    let thread = queries::thread(&state.db, page_id, thread_id).await?;
    if !may_use_thread(actor, account.provider_id, thread.audience) {
        return Err(AppError::NotFound);
    }
    let body = checked_text(&body, "body", t().msg_body, MAX_BODY)?;
    super::MESSAGES_PER_PAGE
        .take(&state.db, &page_id.to_string(), t().msg_err_too_fast)
        .await?;
    let mut tx = state.db.begin().await?;
    queries::reply_in(&mut tx, thread.id, &body, &account).await?;
    notify::queue_new_message(
        &mut tx,
        &state,
        page_id,
        thread.id,
        thread.audience,
        &account,
    )
    .await?;
    tx.commit().await?;
    state.outbox.ring();
    crate::accounts::flash::notice(&state.db, t().msg_reply_sent).await?;
    open_thread(page_id, thread_id).await
}

/// A member turns the e-mail about new messages on or off.
#[server(prefix = "/api", endpoint = "set_message_mail")]
pub async fn set_message_mail(
    page_id: i64,
    #[server(default)] on: Checkbox,
) -> Result<bool, AppError> {
    let state = app_state()?;
    let (account, _) = authorize(&state, page_id, Action::UseFamilyMessages).await?;
    let Checkbox(on) = on;
    queries::set_mail_on_new(state.db.writer(), page_id, account.id, on).await?;
    Ok(on)
}
