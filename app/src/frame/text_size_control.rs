//! The header's text-size button.

use crate::accounts::api::SetTextSize;
use crate::i18n::t;
use crate::shell::text_size::ChosenTextSize;
use leptos::prelude::*;

/// "Tekst: groot": each tap one step larger, after the largest back to
/// normal; without JavaScript the same form reloads the page at the new size.
#[component]
pub fn TextSizeControl() -> impl IntoView {
    let text = t();
    let size = expect_context::<ChosenTextSize>().0;
    let action = ServerAction::<SetTextSize>::new();
    Effect::new(move |_| {
        if let Some(Ok(chosen)) = action.value().get() {
            size.set(chosen);
        }
    });
    // The class lives on `<html>`, outside what the app renders.
    Effect::new(move |_| {
        let class = size.get().class();
        #[cfg(feature = "hydrate")]
        if let Some(html) = web_sys::window()
            .and_then(|window| window.document())
            .and_then(|document| document.document_element())
        {
            html.set_class_name(class);
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = class;
    });
    view! {
        <ActionForm action=action attr:class="inline">
            <input type="hidden" name="size" value=move || size.get().next().as_form()/>
            <button type="submit"
                aria-label=move || crate::i18n::fill(
                    text.text_size_label,
                    &[
                        ("now", size.get().label()),
                        ("next", size.get().next().label()),
                    ])>
                {move || format!("{}: {}", text.text_size, size.get().label())}
            </button>
        </ActionForm>
    }
}
