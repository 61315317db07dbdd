//! What a load balancer and an operator ask the server itself:
//! `/healthz` (the process answers), `/readyz` (it can use its database),
//! `/healthz/outbox` (mail and SMS waiting and failed).

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use kring_app::db::queries::Unready;
use kring_app::state::AppState;

/// The process is up and serving: no database, no lock, so that a load
/// balancer polling it every second costs nothing.
pub async fn healthz() -> (StatusCode, &'static str) {
    (StatusCode::OK, "ok")
}

/// Ready for traffic: the database answers a read and the writer is free to
/// take a write within two seconds (a writer stuck behind a long
/// transaction, or a full disk's failed checkpoint, shows here).
pub async fn readyz(State(state): State<AppState>) -> (StatusCode, &'static str) {
    let patience = std::time::Duration::from_secs(2);
    match kring_app::db::queries::readiness(&state.db, patience).await {
        Ok(()) => (StatusCode::OK, "ready"),
        Err(Unready::Unreadable(error)) => {
            tracing::error!(%error, "readiness: database unreadable");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
        Err(why) => {
            tracing::error!(%why, "readiness: database not writable");
            (StatusCode::SERVICE_UNAVAILABLE, "database not writable")
        }
    }
}

/// `/healthz/outbox`: the outbox's counts for a monitoring tool, one
/// `name value` per line (`kring outbox` says the same in words).
pub async fn outbox(State(state): State<AppState>) -> Response {
    let now = chrono::Utc::now();
    match kring_app::outbox::queries::counts(&state.db, now).await {
        Ok(counts) => {
            let oldest = counts
                .oldest_due
                .map_or(0, |at| (now - at).num_seconds().max(0));
            (
                [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
                format!(
                    "waiting {}\ndue {}\nfailed {}\noldest_due_seconds {oldest}\n",
                    counts.waiting, counts.due, counts.failed
                ),
            )
                .into_response()
        }
        Err(error) => {
            tracing::error!(%error, "outbox counts failed");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable").into_response()
        }
    }
}
