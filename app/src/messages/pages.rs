//! Screens of messages: the thread list with its locks, and "Nieuw bericht".

use super::api::{message_threads, SetMessageMail, StartThread};
use super::text::{pieces, Piece};
use super::{ShareWith, ThreadList, ThreadSummary, MAX_BODY, MAX_SUBJECT, POLL_SECONDS};
use crate::error::AppError;
use crate::i18n::{fill, t};
use crate::policy::ThreadAudience;
use crate::routes::page_id_from_route;
use crate::shell::every_seconds;
use crate::shell::form::{
    described_by, ActionDone, ActionError, Field, FieldErrors, FieldMessage, Submit,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

/// The lock of a thread: shape, colour and words, so colour is never the only sign.
#[component]
pub fn Lock(
    audience: ThreadAudience,
    #[prop(default = None)] shared_with: Option<String>,
) -> impl IntoView {
    let text = t();
    match audience {
        ThreadAudience::Family => view! {
            <span class="lock lock-family">
                <svg class="lock-icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
                    <path d="M7 10V7a5 5 0 0 1 9.6-2" fill="none" stroke="currentColor" stroke-width="2.4" stroke-linecap="round"/>
                    <rect x="4" y="10" width="16" height="11" rx="2" fill="currentColor"/>
                </svg>
                <span>{text.msg_lock_family}</span>
            </span>
        }
        .into_any(),
        ThreadAudience::Provider { .. } => view! {
            <span class="lock lock-provider">
                <svg class="lock-icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
                    <path d="M7 10V7a5 5 0 0 1 10 0v3" fill="none" stroke="currentColor" stroke-width="2.4"/>
                    <rect x="4" y="10" width="16" height="11" rx="2" fill="currentColor"/>
                </svg>
                <span>
                    {text.msg_lock_provider}
                    {shared_with.map(|name| format!(" ({name})"))}
                </span>
            </span>
        }
        .into_any(),
    }
}

/// A message as plain text with clickable web addresses; never HTML.
#[component]
pub fn MessageBody(body: String) -> impl IntoView {
    let parts: Vec<_> = pieces(&body)
        .into_iter()
        .map(|piece| match piece {
            Piece::Text(text) => text.to_string().into_any(),
            Piece::Link(link) => view! {
                <a href=link.to_string() rel="noopener noreferrer nofollow" target="_blank">{link.to_string()}</a>
            }
            .into_any(),
        })
        .collect();
    view! { <p class="message-body">{parts}</p> }
}

#[component]
pub fn MessagesPage() -> impl IntoView {
    let text = t();
    let mail = ServerAction::<SetMessageMail>::new();
    crate::shell::notice::Notice::after(mail, t().saved);
    let list = Resource::new(page_id_from_route, |page_id| async move {
        match page_id {
            Some(page_id) => message_threads(page_id).await,
            None => Err(AppError::NotFound),
        }
    });
    view! {
        <Title text=format!("{} – {}", text.nav_messages, text.app_name)/>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match list.await {
                    Err(error) => view! {
                        <section class="card"><h1>{text.nav_messages}</h1><p class="error" role="alert">{error.to_string()}</p></section>
                    }.into_any(),
                    Ok(list) => view! { <Threads list mail/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Threads(list: ThreadList, mail: ServerAction<SetMessageMail>) -> impl IntoView {
    let text = t();
    let page_id = list.page_id;
    let threads = RwSignal::new(list.threads);
    // New threads and unread counts arrive while the list is open.
    every_seconds(POLL_SECONDS, move || async move {
        if let Ok(fresh) = message_threads(page_id).await {
            threads.try_set(fresh.threads);
        }
    });
    view! {
        <section class="card">
            <p class="page-of">{list.person_name.clone()}</p>
            <h1>{text.nav_messages}</h1>
            <p><A href=crate::routes::page(page_id).new_thread() attr:class="button primary">{text.msg_new}</A></p>
            <Show when=move || threads.with(Vec::is_empty)>
                <p>{text.msg_none}</p>
            </Show>
            <ul class="threads">
                <For
                    each=move || threads.get()
                    // A changed line is drawn anew, an unchanged one is left alone.
                    key=|thread| (thread.id, thread.unread, thread.last_at.clone())
                    children=move |thread| view! { <ThreadLine page_id thread/> }
                />
            </ul>
        </section>
        {list.mail_on_new.map(|on| view! {
            <section class="card">
                <h2>{text.msg_mail_title}</h2>
                <ActionForm action=mail>
                    <input type="hidden" name="page_id" value=page_id.to_string()/>
                    <div class="field checkbox">
                        <input id="veld-mail" type="checkbox" name="on" checked=on/>
                        <label for="veld-mail">{text.msg_mail_label}</label>
                    </div>
                    <ActionError action=mail/>
                    <ActionDone action=mail message=text.saved/>
                    <Submit action=mail label=text.save/>
                </ActionForm>
            </section>
        })}
    }
}

#[component]
fn ThreadLine(page_id: i64, thread: ThreadSummary) -> impl IntoView {
    let text = t();
    let href = crate::routes::page(page_id).thread(thread.id);
    let unread = (thread.unread > 0).then(|| {
        let label = text.msg_unread.of(thread.unread);
        view! { <span class="unread">{label}</span> }
    });
    let has_unread = thread.unread > 0;
    view! {
        <li class:has-unread=has_unread>
            <a class="thread-subject" href=href>{thread.subject.clone()}</a>
            {unread}
            <Lock audience=thread.audience shared_with=thread.shared_with.clone()/>
            <p class="thread-last">
                <span class="thread-author">{thread.last_author.clone()}</span>
                {(!thread.last_author.is_empty()).then_some(": ")}
                {thread.last_excerpt.clone()}
            </p>
            <p class="thread-when">{thread.last_at.clone()}</p>
        </li>
    }
}

#[component]
pub fn NewThreadPage() -> impl IntoView {
    let text = t();
    let start = ServerAction::<StartThread>::new();
    let list = Resource::new(page_id_from_route, |page_id| async move {
        match page_id {
            Some(page_id) => message_threads(page_id).await,
            None => Err(AppError::NotFound),
        }
    });
    view! {
        <Title text=format!("{} – {}", text.msg_new, text.app_name)/>
        <section class="card">
            <h1>{text.msg_new}</h1>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match list.await {
                        Err(error) => view! { <p class="error" role="alert">{error.to_string()}</p> }.into_any(),
                        Ok(list) => view! { <NewThreadForm list start/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn NewThreadForm(list: ThreadList, start: ServerAction<StartThread>) -> impl IntoView {
    let text = t();
    let audience = if list.is_staff {
        // Staff always write to their own organisation's thread; the lock only
        // shows the kind of audience, so no provider id is needed here.
        view! { <p class="notice"><Lock audience=ThreadAudience::Provider { provider_id: 0 }/></p> }
            .into_any()
    } else if list.providers.is_empty() {
        view! { <p class="notice"><Lock audience=ThreadAudience::Family/></p> }.into_any()
    } else {
        // The explicit choice: family only is the default, sharing is a deliberate tick.
        view! {
            <fieldset class="share-choice">
                <legend>{text.msg_share_legend}</legend>
                <div class="field checkbox">
                    <input id="delen-familie" type="radio" name="share_with" value=ShareWith::Family.value() checked/>
                    <label for="delen-familie">{text.msg_share_family}</label>
                </div>
                {list.providers.iter().map(|provider| {
                    let id = format!("delen-{}", provider.id);
                    view! {
                        <div class="field checkbox">
                            <input id=id.clone() type="radio" name="share_with" value=ShareWith::Provider(provider.id).value()/>
                            <label for=id>{fill(text.msg_share_provider, &[("organisation", &provider.name)])}</label>
                        </div>
                    }
                }).collect_view()}
            </fieldset>
        }.into_any()
    };
    view! {
        <ActionForm action=start>
            <FieldErrors action=start>
                <input type="hidden" name="page_id" value=list.page_id.to_string()/>
                <Field label=text.msg_subject name="subject" autocomplete="off" maxlength=MAX_SUBJECT/>
                <div class="field">
                    <label for="veld-body">{text.msg_body}</label>
                    <FieldMessage name="body" id="veld-body-fout"/>
                    <textarea id="veld-body" name="body" rows="6" maxlength=MAX_BODY.to_string() required
                        aria-describedby=described_by("body", "veld-body-fout", None)>
                        {crate::shell::kept::kept_value("body")}
                    </textarea>
                </div>
                {audience}
                <ActionError action=start/>
                <Submit action=start label=text.msg_send/>
            </FieldErrors>
        </ActionForm>
    }
}
