//! "Help": the questions the Caren manuals answer, in our own words.

use crate::i18n::t;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn HelpPage() -> impl IntoView {
    let text = t();
    view! {
        <Title text=format!("{} – {}", text.help_title, text.app_name)/>
        <section class="card">
            <h1>{text.help_title}</h1>
            {text.help_questions.iter().map(|(question, answer)| view! {
                <details class="faq">
                    <summary>{*question}</summary>
                    <p>{*answer}</p>
                </details>
            }).collect_view()}
        </section>
    }
}
