//! The confirmation at the top of the page: "Opgeslagen", "Afspraak
//! opgeslagen: do 26 november 14:00". One place every screen uses, announced
//! once (`role="status"`), kept in view while scrolling.
//!
//! Where it comes from:
//! - an action that stays on its page, with JavaScript: the page says it
//!   ([`Notice::say`], e.g. through `ActionDone`);
//! - the same form sent without JavaScript, and every action that moves on
//!   to another page: the server leaves it with the session
//!   (`accounts::flash`) and the bar takes it when the next page is shown.

use crate::accounts::api::take_notice;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::error::ServerFnUrlError;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::{use_location, use_query_map};

/// The message said on this page, if any (provided by the app's frame).
#[derive(Clone, Copy)]
pub struct Notice(RwSignal<Option<String>>);

impl Notice {
    pub fn new() -> Self {
        Self(RwSignal::new(None))
    }

    /// Shows `message` at the top, in place of the one before.
    pub fn say(message: impl Into<String>) {
        if let Some(Notice(shown)) = use_context::<Notice>() {
            shown.set(Some(message.into()));
        }
    }
}

impl Notice {
    /// Says `message` at the top each time `action` succeeds. Call it where
    /// the action is made (once per page), not inside a part that is drawn
    /// again: that would say an old success once more.
    pub fn after<S>(action: ServerAction<S>, message: &'static str)
    where
        S: ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
        S::Output: Clone + Send + Sync + 'static,
    {
        each_success(action, move |_| message.to_string());
    }

    /// The same for an action whose answer is the sentence to say ("Je helpt
    /// mee: Koffie met Jan, do 26 november 14:00").
    pub fn after_answer<S>(action: ServerAction<S>)
    where
        S: ServerFn<Error = AppError, Output = String> + Clone + Send + Sync + 'static,
    {
        each_success(action, String::clone);
    }
}

fn each_success<S>(action: ServerAction<S>, message: impl Fn(&S::Output) -> String + 'static)
where
    S: ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + 'static,
{
    Effect::new(move |_| {
        if let Some(Ok(answer)) = action.value().get() {
            Notice::say(message(&answer));
        }
    });
}

impl Default for Notice {
    fn default() -> Self {
        Self::new()
    }
}

/// The bar itself, at the top of `<main>`; empty (and silent) most of the time.
#[component]
pub fn NoticeBar() -> impl IntoView {
    let Notice(said) = expect_context::<Notice>();
    let location = use_location();
    // Asked for each page shown; in the browser only when the server marked
    // that something waits (see `waiting`), so a page change costs no request.
    let from_server = Resource::new_blocking(
        move || location.pathname.get(),
        |_| async move {
            if waiting() {
                take_notice().await
            } else {
                Ok(None)
            }
        },
    );
    // What was said belongs to the page it was said on.
    Effect::new(move |previous: Option<String>| {
        let path = location.pathname.get();
        if previous.is_some_and(|previous| previous != path) {
            said.set(None);
        }
        path
    });
    // A form sent without JavaScript that came back with an error: the
    // error is in the address; written at the top too, above a long form.
    // Not a second alert: the form's own slot announces it, and two alerts
    // with one message would be read out twice.
    let query = use_query_map();
    let plain_form_error = move || {
        query.with(|query| {
            query
                .get("__err")
                .map(|encoded| ServerFnUrlError::<AppError>::decode_err(&encoded).to_string())
        })
    };
    view! {
        {move || plain_form_error().map(|error| view! {
            <div class="plain-form-error"><p class="error">{error}</p></div>
        })}
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                let server = from_server.await.ok().flatten();
                view! {
                    <div class="notice-bar" role="status">
                        {move || said.get().or_else(|| server.clone()).map(|message| view! {
                            <p class="success">{message}</p>
                        })}
                    </div>
                }
            })}
        </Transition>
    }
}

/// Whether the server left a notice for this browser (a cookie without
/// secrets, readable by the page for this reason). The server itself always
/// asks; its answer is cheap when nothing waits.
fn waiting() -> bool {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        web_sys::window()
            .and_then(|window| window.document())
            .and_then(|document| document.dyn_into::<web_sys::HtmlDocument>().ok())
            .and_then(|document| document.cookie().ok())
            .is_some_and(|cookies| cookies.split(';').any(|c| c.trim() == "kring_melding=1"))
    }
    #[cfg(not(feature = "hydrate"))]
    true
}
