//! The organisation's messages: one inbox of the provider threads of every
//! linked client, unread first; and a broadcast, one message that arrives
//! as a provider thread on the page of every linked client of a location.

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
#[cfg(feature = "ssr")]
use {
    crate::access::authorize_org,
    crate::i18n::t,
    crate::policy::{org_allows, OrgAction, OrgActor, ThreadAudience},
    crate::state::app_state,
};

/// Threads shown in the inbox at once.
pub const SHOWN: i64 = 100;
/// Broadcasts one organisation may send per day: a notice, not a newsletter.
#[cfg(feature = "ssr")]
pub const BROADCASTS_PER_DAY: crate::limits::Limit =
    crate::limits::Limit::new("broadcast", 10, 24 * 60);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InboxThread {
    pub page_id: i64,
    pub thread_id: i64,
    pub person: String,
    pub subject: String,
    pub last_author: String,
    pub last_at: String,
    pub unread: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InboxView {
    pub organisation: String,
    pub threads: Vec<InboxThread>,
    pub locations: Vec<super::Location>,
    pub may_broadcast: bool,
}

#[server(prefix = "/api", endpoint = "org_inbox")]
pub async fn org_inbox() -> Result<InboxView, AppError> {
    let state = app_state()?;
    let staff = authorize_org(&state, OrgAction::ViewInbox).await?;
    let rows = super::inbox_queries::threads(&state.db, staff.provider_id, staff.account_id, SHOWN)
        .await?;
    let may_broadcast = org_allows(OrgActor::Staff(staff.role), OrgAction::Broadcast);
    let threads = rows
        .into_iter()
        .map(|row| {
            Ok(InboxThread {
                last_at: crate::dates::spoken_at(row.last_message_at),
                page_id: row.page_id,
                thread_id: row.thread_id,
                person: format!("{} {}", row.first_name, row.last_name),
                subject: row.subject,
                last_author: row.last_author.unwrap_or_default(),
                unread: row.unread,
            })
        })
        .collect::<Result<Vec<_>, AppError>>()?;
    Ok(InboxView {
        threads,
        locations: super::queries::locations(&state.db, staff.provider_id).await?,
        organisation: staff.organisation,
        may_broadcast,
    })
}

/// One message to every linked client at `location` (all without one),
/// each a provider thread on the client's page; all or none. Answers how
/// many pages it reached.
#[server(prefix = "/api", endpoint = "broadcast")]
pub async fn broadcast(
    #[server(default)] location: crate::form_value::IdField,
    subject: String,
    body: String,
) -> Result<String, AppError> {
    let state = app_state()?;
    let staff = authorize_org(&state, OrgAction::Broadcast).await?;
    let text = t();
    let subject = crate::messages::api::checked_subject(&subject)?;
    let body = crate::messages::api::checked_body(&body)?;
    if let Some(location) = location.0 {
        if !super::queries::is_own_location(&state.db, staff.provider_id, location).await? {
            return Err(AppError::NotFound);
        }
    }
    let pages =
        super::inbox_queries::linked_pages(&state.db, staff.provider_id, location.0).await?;
    if pages.is_empty() {
        return Err(AppError::invalid(text.org.broadcast_nobody));
    }
    BROADCASTS_PER_DAY
        .take(
            &state.db,
            &staff.provider_id.to_string(),
            text.org.broadcast_too_many,
        )
        .await?;
    let author = crate::accounts::session::require_account(&state.db).await?;
    let audience = ThreadAudience::Provider {
        provider_id: staff.provider_id,
    };
    let mut tx = state.db.begin().await?;
    for page_id in &pages {
        let (thread_id, _) = crate::messages::queries::start_in(
            &mut tx, *page_id, audience, &subject, &body, &author,
        )
        .await?;
        crate::messages::queue_new_message(&mut tx, &state, *page_id, thread_id, audience, &author)
            .await?;
    }
    tx.commit().await?;
    state.outbox.ring();
    let message = text.org.broadcast_sent.of(pages.len() as i64);
    crate::accounts::flash::done(&state.db, message).await
}
