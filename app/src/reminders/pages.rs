//! "E-mail van Kring" in Mijn gegevens: per care page, which mails come.

use super::{mail_choices, MailChoice, SaveMailChoice};
use crate::i18n::{fill, t};
use crate::shell::form::ActionError;
use crate::shell::notice::Notice;
use leptos::prelude::*;

#[component]
pub fn MailChoicesSection() -> impl IntoView {
    let text = t().reminders;
    let choices = Resource::new(|| (), |_| mail_choices());
    view! {
        <section class="card" aria-labelledby="email-van-kring">
            <h2 id="email-van-kring">{text.section}</h2>
            <p>{text.intro}</p>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match choices.await {
                        Err(error) => view! { <p class="error" role="alert">{error.to_string()}</p> }.into_any(),
                        Ok(list) if list.is_empty() => view! { <p>{text.none}</p> }.into_any(),
                        Ok(list) => list
                            .into_iter()
                            .map(|choice| view! { <ChoiceForm choice/> })
                            .collect_view()
                            .into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// One page's boxes, saved on their own: the answer names the page.
#[component]
fn ChoiceForm(choice: MailChoice) -> impl IntoView {
    let text = t().reminders;
    let save = ServerAction::<SaveMailChoice>::new();
    Notice::after_answer(save);
    let id = move |name: &str| format!("mail-{}-{name}", choice.page_id);
    let boxes = [
        ("messages", text.messages, choice.messages),
        ("help_requests", text.help_requests, choice.help_requests),
        ("day_before", text.day_before, choice.day_before),
        ("week_before", text.week_before, choice.week_before),
        ("daily_digest", text.daily_digest, choice.daily_digest),
    ];
    let label = fill(text.save, &[("person", &choice.person)]);
    let saving = t().saving;
    view! {
        <ActionForm action=save>
            <fieldset class="choices">
                <legend>{choice.person.clone()}</legend>
                <input type="hidden" name="page_id" value=choice.page_id.to_string()/>
                {boxes
                    .into_iter()
                    .map(|(name, label, on)| view! {
                        <div class="field checkbox">
                            <input id=id(name) type="checkbox" name=name checked=on/>
                            <label for=id(name)>{label}</label>
                        </div>
                    })
                    .collect_view()}
            </fieldset>
            <ActionError action=save/>
            <div class="status-slot">
                {move || save.value().get().and_then(Result::ok).map(|said| view! { <p class="success">{said}</p> })}
            </div>
            <button type="submit" class="primary" aria-disabled=move || save.pending().get().then_some("true")>
                {move || if save.pending().get() { saving.to_string() } else { label.clone() }}
            </button>
        </ActionForm>
    }
}
