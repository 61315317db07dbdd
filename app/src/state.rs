//! What every request can reach on the server: settings, database, mail and
//! SMS (for the outbox worker only), and the outbox's doorbell.

use crate::db::Db;
use crate::mail::Mailer;
use crate::settings::Settings;
use crate::sms::SmsSender;
use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use std::sync::Arc;

#[derive(Clone)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub settings: Arc<Settings>,
    pub db: Db,
    /// The key for codes with few possibilities (`secret`).
    pub key: crate::secret::ServerKey,
    pub mailer: Mailer,
    pub sms: SmsSender,
    /// Wakes this process's outbox worker when something is queued.
    pub outbox: crate::outbox::Doorbell,
    /// What each part of the browser bundle needs, from the build.
    pub bundle_parts: crate::shell::assets::BundleParts,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

/// The state, inside a server function or a component rendering on the server.
pub fn app_state() -> Result<AppState, crate::error::AppError> {
    leptos::prelude::use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from the reactive context");
        crate::error::AppError::Internal
    })
}
