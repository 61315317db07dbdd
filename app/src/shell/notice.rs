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

use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// The message said on this page, if any (provided by the app's frame).
#[derive(Clone, Copy)]
pub struct Notice(pub(crate) RwSignal<Option<String>>);

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
