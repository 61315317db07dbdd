//! What the server functions actually ask of the policy, recorded on request
//! so that a test can hold each function to its row in [`super::SERVER_FUNCTIONS`].
//! Off unless a test turns it on; then one lock per decision.

use super::Action;
use std::collections::BTreeSet;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

static RECORDING: AtomicBool = AtomicBool::new(false);
static ASKED: Mutex<BTreeSet<(String, Action)>> = Mutex::new(BTreeSet::new());

/// From now on, remember which server function asked which action.
pub fn start() {
    RECORDING.store(true, Ordering::SeqCst);
}

/// Every (server function path, action) pair asked since [`start`].
pub fn asked_so_far() -> BTreeSet<(String, Action)> {
    ASKED.lock().map(|asked| asked.clone()).unwrap_or_default()
}

pub(super) fn asked(action: Action) {
    if !RECORDING.load(Ordering::Relaxed) {
        return;
    }
    // Only server functions: pages rendered on the server ask for their navigation too.
    let Some(parts) = leptos::prelude::use_context::<http::request::Parts>() else {
        return;
    };
    let path = parts.uri.path();
    if path.starts_with("/api/") {
        if let Ok(mut asked) = ASKED.lock() {
            asked.insert((path.to_string(), action));
        }
    }
}
