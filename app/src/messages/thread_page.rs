//! One thread: its messages, oldest first, new ones arriving while it is
//! open, and the reply form (kept outside the refreshed part, so that what
//! someone is typing is never lost).

use super::api::{open_thread, Reply};
use super::pages::{Lock, MessageBody};
use super::{MessageView, ThreadView, MAX_BODY, POLL_SECONDS};
use crate::error::AppError;
use crate::i18n::t;
use crate::policy::ThreadAudience;
use crate::shell::every_seconds;
use crate::shell::form::{
    described_by, ActionDone, ActionError, FieldErrors, FieldMessage, Submit,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

#[component]
pub fn ThreadPage() -> impl IntoView {
    let text = t();
    let reply = ServerAction::<Reply>::new();
    crate::shell::notice::Notice::after(reply, t().msg_reply_sent);
    let ids = move || {
        let params = use_params_map().read();
        let number = |key: &str| params.get(key).and_then(|value| value.parse::<i64>().ok());
        (number("id"), number("bericht"))
    };
    let thread = Resource::new(ids, |ids| async move {
        match ids {
            (Some(page_id), Some(thread_id)) => open_thread(page_id, thread_id).await,
            _ => Err(AppError::NotFound),
        }
    });
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match thread.await {
                    Err(error) => view! {
                        <Title text=format!("{} – {}", text.nav_messages, text.app_name)/>
                        <section class="card"><h1>{text.nav_messages}</h1><p class="error" role="alert">{error.to_string()}</p></section>
                    }.into_any(),
                    Ok(thread) => view! { <Thread thread reply/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Thread(thread: ThreadView, reply: ServerAction<Reply>) -> impl IntoView {
    let text = t();
    let (page_id, thread_id, audience) = (thread.page_id, thread.id, thread.audience);
    let messages = RwSignal::new(thread.messages);
    every_seconds(POLL_SECONDS, move || async move {
        if let Ok(fresh) = open_thread(page_id, thread_id).await {
            messages.try_set(fresh.messages);
        }
    });
    // The reply's answer is the thread as it now is: shown at once, and the
    // field is emptied only once the reply is safely stored.
    let draft = RwSignal::new(String::new());
    Effect::new(move |_| {
        if let Some(Ok(fresh)) = reply.value().get() {
            messages.set(fresh.messages);
            draft.set(String::new());
        }
    });
    let shared_with = thread.shared_with.clone();
    view! {
        <Title text=format!("{} – {}", thread.subject, text.app_name)/>
        <section class="card thread">
            <p><A href=crate::routes::page(page_id).messages()>{text.msg_back}</A></p>
            <h1>{thread.subject.clone()}</h1>
            <p class="notice"><Lock audience shared_with=shared_with.clone()/></p>
            <ol class="messages" aria-label=text.msg_list_label>
                <For
                    each=move || messages.get()
                    key=|message| message.id
                    children=move |message| view! { <Message message audience/> }
                />
            </ol>
        </section>
        <section class="card">
            <h2>{text.msg_reply_title}</h2>
            <ActionForm action=reply>
                <FieldErrors action=reply>
                    <input type="hidden" name="page_id" value=page_id.to_string()/>
                    <input type="hidden" name="thread_id" value=thread_id.to_string()/>
                    <div class="field">
                        <label for="veld-reply">{text.msg_reply_label}</label>
                        <FieldMessage name="body" id="veld-reply-fout"/>
                        <textarea id="veld-reply" name="body" rows="4" maxlength=MAX_BODY.to_string() required
                            aria-describedby=described_by("body", "veld-reply-fout", None)
                            prop:value=move || draft.get()
                            on:input=move |event| draft.set(event_target_value(&event))></textarea>
                    </div>
                    {matches!(audience, ThreadAudience::Provider { .. }).then(|| view! {
                        <p class="hint"><Lock audience shared_with=shared_with.clone()/></p>
                    })}
                    <ActionError action=reply/>
                    <ActionDone action=reply message=text.msg_reply_sent/>
                    <Submit action=reply label=text.msg_send/>
                </FieldErrors>
            </ActionForm>
        </section>
    }
}

#[component]
fn Message(message: MessageView, audience: ThreadAudience) -> impl IntoView {
    let text = t();
    let author = match (&message.organisation, message.author.is_empty()) {
        (_, true) => text.msg_deleted_author.to_string(),
        (Some(organisation), false) => format!("{} · {organisation}", message.author),
        (None, false) => message.author.clone(),
    };
    view! {
        <li class="message" class:mine=message.mine class:from-provider=message.organisation.is_some()>
            <p class="message-meta">
                <span class="message-author">{author}</span>
                <span class="message-when">{message.at.clone()}</span>
            </p>
            <MessageBody body=message.body.clone()/>
            // Every message of a provider thread says who reads along.
            {matches!(audience, ThreadAudience::Provider { .. }).then(|| view! {
                <p class="message-shared">{text.msg_shared_note}</p>
            })}
        </li>
    }
}
