//! The notice bar at the top of `<main>`: what an action said, on this page
//! or (after a form sent without JavaScript) on the page it led to.

use crate::accounts::api::take_notice;
use crate::error::AppError;
use crate::shell::notice::Notice;
use leptos::prelude::*;
use leptos::server_fn::error::ServerFnUrlError;
use leptos_router::hooks::{use_location, use_query_map};

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
