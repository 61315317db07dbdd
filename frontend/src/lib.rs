//! The browser bundle: hydrates the server-rendered page into the live app.
// Release builds spell out each page's whole view type; the deepest ones need
// more than the default 128 levels (debug builds erase them).
#![recursion_limit = "256"]

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // After the part of the bundle the page's screen needs (app/src/screens.rs).
    kring_app::screens::hydrate();
}
