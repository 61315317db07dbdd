//! Form pieces every screen uses: a labelled field and the announced outcome
//! of a server action. An error that names a field (see
//! [`AppError::InvalidField`]) stands at the top and, inside
//! [`FieldErrors`], beside the field it is about too: with JavaScript from the
//! action's answer, without it from the error the server puts in the address
//! it returns to (Leptos reads that into the same action).

use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// The error of the form the fields stand in, for each field to find its own.
#[derive(Clone, Copy)]
struct FormError(Signal<Option<AppError>>);

/// Wraps a form's fields so that each [`Field`] (and each [`FieldMessage`])
/// shows the error about itself beside it.
#[component]
pub fn FieldErrors<S>(action: ServerAction<S>, children: Children) -> impl IntoView
where
    S: ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + 'static,
{
    let error = Signal::derive(move || action.value().get().and_then(|result| result.err()));
    provide_context(FormError(error));
    children()
}

/// The error about the field `name` in the surrounding form, if there is one.
fn error_about(name: &'static str) -> Signal<Option<String>> {
    let error = use_context::<FormError>();
    Signal::derive(move || {
        error?
            .0
            .get()
            .filter(|error| error.field() == Some(name))
            .map(|error| error.to_string())
    })
}

/// The message about the field `name`, for inputs that are not a [`Field`]
/// (a text area): give the input `aria-describedby` with the same `id`.
#[component]
pub fn FieldMessage(name: &'static str, id: &'static str) -> impl IntoView {
    let error = error_about(name);
    move || {
        error
            .get()
            .map(|message| view! { <p class="field-error" id=id>{message}</p> })
    }
}

/// The `aria-describedby` of an input that is not a [`Field`]: `hint` (if
/// any) and, while there is an error about `name`, the [`FieldMessage`] `id`.
pub fn described_by(
    name: &'static str,
    id: &'static str,
    hint: Option<&'static str>,
) -> impl Fn() -> Option<String> + Send + Sync + 'static {
    let error = error_about(name);
    move || {
        let wrong = error.get().is_some().then_some(id);
        let ids: Vec<&str> = [hint, wrong].into_iter().flatten().collect();
        (!ids.is_empty()).then(|| ids.join(" "))
    }
}

/// A text input with a visible label. `hint` is read out with the field, and
/// so is an error about it (shown right under the label).
#[component]
pub fn Field(
    label: &'static str,
    name: &'static str,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] autocomplete: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(default = true)] required: bool,
    #[prop(optional)] maxlength: Option<usize>,
    /// What the field holds at first, when editing.
    #[prop(optional, into)]
    value: String,
    /// For a page with several forms that send the same name: the id that
    /// tells this field apart (the label points at it).
    #[prop(optional)]
    id: Option<&'static str>,
    /// The phone's keyboard: "numeric" for codes of digits.
    #[prop(optional)]
    inputmode: Option<&'static str>,
) -> impl IntoView {
    let id = id.map_or_else(|| format!("veld-{name}"), |id| format!("veld-{id}"));
    // After an error without JavaScript, what was typed (never a password).
    let value = match kind {
        "password" => value,
        _ => super::kept::kept_value(name).unwrap_or(value),
    };
    let hint_id = hint.map(|_| format!("{id}-uitleg"));
    let error = error_about(name);
    let error_id = format!("{id}-fout");
    let described_by = {
        let error_id = error_id.clone();
        move || {
            let ids: Vec<&str> = [
                hint_id.as_deref(),
                error.get().is_some().then_some(error_id.as_str()),
            ]
            .into_iter()
            .flatten()
            .collect();
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    // "Toon": a typed password can be checked before it is sent. Offered once
    // the app runs (it needs JavaScript); the field starts hidden.
    let shown = RwSignal::new(false);
    let running = RwSignal::new(false);
    if kind == "password" {
        Effect::new(move |_| running.set(true));
    }
    let text = crate::i18n::t();
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            {hint.map(|text| view! { <p class="hint" id=format!("{id}-uitleg")>{text}</p> })}
            {move || error.get().map(|message| view! { <p class="field-error" id=error_id.clone()>{message}</p> })}
            <div class="input-row">
            <input
                id=id.clone()
                name=name
                type=move || if shown.get() { "text" } else { kind }
                autocomplete=(!autocomplete.is_empty()).then_some(autocomplete)
                aria-describedby=described_by
                aria-invalid=move || error.get().is_some().then_some("true")
                required=required
                maxlength=maxlength.map(|n| n.to_string())
                inputmode=inputmode
                value=(!value.is_empty()).then_some(value)
            />
            {move || running.get().then(|| view! {
                <button type="button" class="show-password" aria-controls=id.clone() aria-pressed=move || shown.get().to_string()
                    on:click=move |_| shown.update(|shown| *shown = !*shown)>
                    {text.show_password}
                </button>
            })}
            </div>
        </div>
    }
}

/// The error of an action, announced as an alert, in Dutch.
#[component]
pub fn ActionError<S>(action: ServerAction<S>) -> impl IntoView
where
    S: ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + 'static,
{
    view! {
        <div class="alert-slot" role="alert">
            {move || {
                action
                    .value()
                    .get()
                    .and_then(|result| result.err())
                    .map(|error| view! { <p class="error">{error.to_string()}</p> })
            }}
        </div>
    }
}

/// A quiet mark beside the form once the action succeeded, where the person
/// is looking. The announcement is the bar at the top: see
/// [`Notice::after`](super::notice::Notice::after), called where the action is made.
#[component]
pub fn ActionDone<S>(action: ServerAction<S>, message: &'static str) -> impl IntoView
where
    S: ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + 'static,
{
    view! {
        <div class="status-slot">
            {move || {
                matches!(action.value().get(), Some(Ok(_)))
                    .then(|| view! { <p class="success">{message}</p> })
            }}
        </div>
    }
}

/// The submit button; it says it is busy while the request runs.
#[component]
pub fn Submit<S>(action: ServerAction<S>, label: &'static str) -> impl IntoView
where
    S: ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + 'static,
{
    let text = crate::i18n::t();
    view! {
        <button type="submit" class="primary" aria-disabled=move || action.pending().get().then_some("true")>
            {move || if action.pending().get() { text.saving } else { label }}
        </button>
    }
}

/// An action that cannot be undone, one step away: the first button only
/// opens an explanation and the real button (`children`). A native
/// `<details>`, so it works without JavaScript; a stray tap changes nothing.
/// `whom` names the person it is about, for screen readers, where several
/// such buttons stand in one list.
#[component]
pub fn ConfirmStep(
    label: &'static str,
    #[prop(optional, into)] whom: String,
    #[prop(into)] explanation: String,
    children: Children,
) -> impl IntoView {
    view! {
        <details class="confirm-step">
            <summary class="button danger">
                {label}
                {(!whom.is_empty()).then(|| view! { <span class="visually-hidden">{format!(" – {whom}")}</span> })}
            </summary>
            <div class="confirm-body">
                <p>{explanation}</p>
                {children()}
            </div>
        </details>
    }
}
