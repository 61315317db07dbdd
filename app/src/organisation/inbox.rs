//! The organisation's messages: one inbox of the provider threads of every
//! linked client, unread first; and a broadcast, one message that arrives
//! as a provider thread on the page of every linked client of a location.

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
#[cfg(feature = "ssr")]
use {
    crate::i18n::t,
    crate::policy::{lookup::authorize_org, org_allows, OrgAction, OrgActor, ThreadAudience},
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
    type Row = (
        i64,
        i64,
        String,
        String,
        String,
        Option<String>,
        String,
        i64,
    );
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT t.care_page_id, t.id, p.first_name, p.last_name, t.subject,
                (SELECT a.first_name || ' ' || a.last_name FROM messages m
                 LEFT JOIN accounts a ON a.id = m.author_id
                 WHERE m.thread_id = t.id ORDER BY m.id DESC LIMIT 1),
                t.last_message_at,
                (SELECT COUNT(*) FROM messages n
                 WHERE n.thread_id = t.id AND n.author_id IS NOT ?2
                   AND n.id > COALESCE((SELECT last_read_id FROM thread_reads r
                                        WHERE r.thread_id = t.id AND r.account_id = ?2), 0)) AS unread
         FROM threads t
         JOIN provider_links l ON l.care_page_id = t.care_page_id AND l.provider_id = t.provider_id
         JOIN care_pages p ON p.id = t.care_page_id
         WHERE t.provider_id = ?1
         ORDER BY unread > 0 DESC, t.last_message_at DESC, t.id DESC
         LIMIT ?3",
    )
    .bind(staff.provider_id)
    .bind(staff.account_id)
    .bind(SHOWN)
    .fetch_all(state.db.reader())
    .await?;
    let may_broadcast = org_allows(OrgActor::Staff(staff.role), OrgAction::Broadcast);
    Ok(InboxView {
        threads: rows
            .into_iter()
            .map(
                |(page_id, thread_id, first, last, subject, author, at, unread)| InboxThread {
                    page_id,
                    thread_id,
                    person: format!("{first} {last}"),
                    subject,
                    last_author: author.unwrap_or_default(),
                    last_at: crate::dates::spoken_moment(&at).unwrap_or(at),
                    unread,
                },
            )
            .collect(),
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
    let pages: Vec<i64> = sqlx::query_scalar(
        "SELECT DISTINCT c.care_page_id FROM clients c
         JOIN provider_links l ON l.care_page_id = c.care_page_id AND l.provider_id = c.provider_id
         WHERE c.provider_id = ?1 AND c.unlinked_at IS NULL AND (?2 IS NULL OR c.location_id = ?2)",
    )
    .bind(staff.provider_id)
    .bind(location.0)
    .fetch_all(state.db.reader())
    .await?;
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
