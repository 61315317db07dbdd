//! Choosing the interface language: a one-tap switch in the header (it names
//! the other language in that language: "English", "Nederlands") and a
//! choice in Mijn gegevens. Both post the same form; without JavaScript the
//! server answers with the page again, with JavaScript the page is loaded
//! again, since every text on it changes.

use crate::accounts::api::SetLanguage;
use crate::i18n::{lang, t, Lang};
use leptos::prelude::*;

/// Reloads the page once `action` succeeds, so it is drawn in the new language.
fn reload_after(action: ServerAction<SetLanguage>) {
    Effect::new(move |_| {
        if let Some(Ok(_)) = action.value().get() {
            #[cfg(feature = "hydrate")]
            if let Some(window) = web_sys::window() {
                let _ = window.location().reload();
            }
        }
    });
}

/// Loads the page again when the language cookie no longer matches the page:
/// logging in brings the account's language, but the app moves on to the
/// next page without a full load, and would go on in the old words.
pub fn reload_when_the_language_changed() {
    let location = leptos_router::hooks::use_location();
    Effect::new(move |_| {
        location.pathname.track();
        #[cfg(feature = "hydrate")]
        {
            let chosen =
                crate::shell::browser_cookie(lang::COOKIE).and_then(|code| Lang::from_code(&code));
            if chosen.is_some_and(|chosen| chosen != lang::current()) {
                if let Some(window) = web_sys::window() {
                    let _ = window.location().reload();
                }
            }
        }
    });
}

/// The language a tap on the header's switch chooses.
fn other(now: Lang) -> Lang {
    match now {
        Lang::Nl => Lang::En,
        Lang::En => Lang::Nl,
    }
}

#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let action = ServerAction::<SetLanguage>::new();
    reload_after(action);
    let choice = other(lang::current());
    view! {
        <ActionForm action=action attr:class="inline">
            <input type="hidden" name="language" value=choice.code()/>
            <button type="submit" lang=choice.code()>{choice.own_name()}</button>
        </ActionForm>
    }
}

/// The choice in Mijn gegevens, every language listed by its own name.
#[component]
pub fn LanguageSection() -> impl IntoView {
    let text = t();
    let action = ServerAction::<SetLanguage>::new();
    reload_after(action);
    let now = lang::current();
    view! {
        <section class="card" aria-labelledby="taal-titel">
            <h2 id="taal-titel">{text.language}</h2>
            <ActionForm action=action>
                <fieldset>
                    <legend>{text.language_intro}</legend>
                    {Lang::ALL.into_iter().map(|choice| {
                        let id = format!("taal-{}", choice.code());
                        view! {
                            <div class="choice">
                                <input type="radio" id=id.clone() name="language" value=choice.code() checked=choice == now/>
                                <label for=id lang=choice.code()>{choice.own_name()}</label>
                            </div>
                        }
                    }).collect_view()}
                </fieldset>
                <button type="submit">{text.language_save}</button>
            </ActionForm>
        </section>
    }
}
