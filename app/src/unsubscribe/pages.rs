//! The page an "Afmelden" link opens: what the mail is, and one button.
//! A plain form, so it works the same with and without JavaScript.

use super::{unsubscribe_status, UnsubscribeView};
use crate::i18n::t;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn UnsubscribePage() -> impl IntoView {
    let text = t().unsubscribe;
    let code = move || use_query_map().read().get("code").unwrap_or_default();
    let status = Resource::new(code, unsubscribe_status);
    view! {
        <Title text=format!("{} – {}", text.title, t().app_name)/>
        <section class="card narrow">
            <h1>{text.title}</h1>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match status.await {
                        Err(_) => view! { <p class="error" role="alert">{text.invalid}</p> }.into_any(),
                        Ok(view) => view! { <Choice view code=code()/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn Choice(view: UnsubscribeView, code: String) -> impl IntoView {
    let text = t().unsubscribe;
    if !view.subscribed {
        return view! {
            <p class="success" role="status">{text.done}</p>
            <p class="hint">{text.elsewhere}</p>
        }
        .into_any();
    }
    let action = super::one_click_url("", &code);
    view! {
        <p>{view.about}</p>
        <form method="post" action=action>
            <button type="submit" class="primary">{text.button}</button>
        </form>
        <p class="hint">{text.elsewhere}</p>
    }
    .into_any()
}
