//! What the server functions actually ask of the policy, recorded on request
//! so that a test can hold each function to its row in [`super::SERVER_FUNCTIONS`].
//!
//! A test wraps each request in [`for_request`] (the integration harness
//! does, as a layer around the router); decisions made inside it are
//! remembered with the request's path. Outside it, nothing happens: the
//! production router never sets it, and asking costs one task-local lookup.

use super::{Action, OrgAction};
use std::collections::BTreeSet;
use std::future::Future;
use std::sync::Mutex;

static ASKED: Mutex<BTreeSet<(String, Action)>> = Mutex::new(BTreeSet::new());
static ASKED_ORG: Mutex<BTreeSet<(String, OrgAction)>> = Mutex::new(BTreeSet::new());

tokio::task_local! {
    static REQUEST_PATH: String;
}

/// Runs `request` (one request's handling) with its decisions recorded under `path`.
pub async fn for_request<F: Future>(path: String, request: F) -> F::Output {
    REQUEST_PATH.scope(path, request).await
}

/// Every (server function path, action) pair asked so far in this process.
pub fn asked_so_far() -> BTreeSet<(String, Action)> {
    ASKED.lock().map(|asked| asked.clone()).unwrap_or_default()
}

/// Every (server function path, organisation action) pair asked so far.
pub fn org_asked_so_far() -> BTreeSet<(String, OrgAction)> {
    ASKED_ORG
        .lock()
        .map(|asked| asked.clone())
        .unwrap_or_default()
}

pub(super) fn asked(action: Action) {
    remember(&ASKED, action);
}

pub(super) fn asked_org(action: OrgAction) {
    remember(&ASKED_ORG, action);
}

fn remember<A: Ord>(set: &Mutex<BTreeSet<(String, A)>>, action: A) {
    let _ = REQUEST_PATH.try_with(|path| {
        // Only server functions: pages rendered on the server ask for their navigation too.
        if path.starts_with("/api/") {
            if let Ok(mut asked) = set.lock() {
                asked.insert((path.clone(), action));
            }
        }
    });
}
