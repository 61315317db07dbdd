//! `/organisatie/berichten`: the organisation's inbox, unread first, and
//! (for the organisation admin) a message to every client of a location.

use super::inbox::{org_inbox, Broadcast, InboxView};
use super::pages::ConsoleNav;
use crate::i18n::{fill, t};
use crate::messages::{MAX_BODY, MAX_SUBJECT};
use crate::shell::form::{described_by, ActionError, Field, FieldErrors, FieldMessage, Submit};
use crate::shell::notice::Notice;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

#[component]
pub fn InboxPage() -> impl IntoView {
    let text = t().org;
    let send = ServerAction::<Broadcast>::new();
    Notice::after_answer(send);
    let view = Resource::new(move || send.version().get(), |_| org_inbox());
    view! {
        <Title text=format!("{} – {}", text.inbox, t().app_name)/>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match view.await {
                    Err(error) => view! {
                        <section class="card"><h1>{text.inbox}</h1><p class="error" role="alert">{error.to_string()}</p></section>
                    }.into_any(),
                    Ok(view) => view! { <Inbox view send/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Inbox(view: InboxView, send: ServerAction<Broadcast>) -> impl IntoView {
    let text = t().org;
    let locations = view.locations.clone();
    view! {
        <section class="card">
            <p class="page-of">{view.organisation.clone()}</p>
            <h1>{fill(text.inbox_title, &[("organisation", &view.organisation)])}</h1>
            <ConsoleNav/>
            {view.threads.is_empty().then(|| view! { <p>{text.inbox_empty}</p> })}
            <ul class="threads">
                {view.threads.into_iter().map(|thread| view! {
                    <li class:has-unread={thread.unread > 0}>
                        <A href=crate::routes::page(thread.page_id).thread(thread.thread_id)>
                            <span class="member-name">{thread.person.clone()}</span>
                            ": " {thread.subject.clone()}
                        </A>
                        <span class="hint">{format!(" {} · {}", thread.last_author, thread.last_at)}</span>
                        {(thread.unread > 0).then(|| view! { <span class="status status-code">{format!("{} {}", thread.unread, text.inbox_unread)}</span> })}
                    </li>
                }).collect_view()}
            </ul>
        </section>
        {view.may_broadcast.then(|| view! {
            <section class="card narrow">
                <h2>{text.broadcast_title}</h2>
                <p>{text.broadcast_intro}</p>
                <ActionForm action=send>
                    <FieldErrors action=send>
                        <div class="field">
                            <label for="veld-broadcast-location">{text.location_label}</label>
                            <select id="veld-broadcast-location" name="location">
                                <option value="">{text.all_locations}</option>
                                {locations.into_iter().map(|location| view! {
                                    <option value=location.id.to_string()>{location.name}</option>
                                }).collect_view()}
                            </select>
                        </div>
                        <Field label=t().msg_subject name="subject" autocomplete="off" maxlength=MAX_SUBJECT/>
                        <div class="field">
                            <label for="veld-broadcast-body">{t().msg_body}</label>
                            <FieldMessage name="body" id="veld-broadcast-body-fout"/>
                            <textarea id="veld-broadcast-body" name="body" rows="5" required=true
                                maxlength=MAX_BODY.to_string()
                                aria-describedby=described_by("body", "veld-broadcast-body-fout", None)></textarea>
                        </div>
                        <ActionError action=send/>
                        <Submit action=send label=text.broadcast_send/>
                    </FieldErrors>
                </ActionForm>
            </section>
        })}
    }
}
