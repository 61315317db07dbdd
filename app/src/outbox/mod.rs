//! One queue for everything Kring sends: e-mail, SMS and codes read out by
//! phone. A change and the message it causes are written in one transaction
//! ([`queue`]), so neither lands without the other; a background worker
//! ([`worker`]) sends what is due, retries with back-off when the mail server
//! or gateway refuses, and empties a row of its text once it went out. A
//! server that was down sends, when it is back, what fell due meanwhile —
//! once. The operator sees waiting and failed items with `kring outbox` and
//! on `/healthz/outbox`.

pub mod queries;
pub mod worker;

use crate::db;
use crate::error::AppResult;
use crate::state::AppState;
use chrono::{DateTime, Utc};
use std::sync::Arc;

/// How a message travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channel {
    Mail,
    Sms,
    /// A code read out by a phone call, for a landline.
    Voice,
}

impl Channel {
    pub fn as_db(self) -> &'static str {
        match self {
            Channel::Mail => "mail",
            Channel::Sms => "sms",
            Channel::Voice => "voice",
        }
    }

    pub fn from_db(text: &str) -> Option<Channel> {
        match text {
            "mail" => Some(Channel::Mail),
            "sms" => Some(Channel::Sms),
            "voice" => Some(Channel::Voice),
            _ => None,
        }
    }
}

#[cfg(feature = "ssr")]
crate::stored_as_word!(Channel);

/// One message to queue. Mails never carry medical text: the callers write
/// where and from whom, never what (see `messages::notify`).
#[derive(Debug, Clone)]
pub struct Outgoing {
    pub channel: Channel,
    /// An e-mail address, or a phone number in international form.
    pub to: String,
    /// The person's name, or empty when it is not known (an invitation).
    pub to_name: String,
    pub subject: String,
    pub body: String,
    /// For a notification the person may turn off in one click.
    pub unsubscribe: Option<String>,
    pub due_at: DateTime<Utc>,
    /// Not sent after this: a code that arrives once it expired only confuses.
    pub expires_at: Option<DateTime<Utc>>,
    /// Set for planned items (reminders): a second plan with the same key
    /// is ignored, so planning twice never sends twice.
    pub plan_key: Option<String>,
}

impl Outgoing {
    pub fn mail(to_name: &str, to: &str, subject: &str, body: &str) -> Outgoing {
        Outgoing {
            channel: Channel::Mail,
            to: to.to_string(),
            to_name: to_name.to_string(),
            subject: subject.to_string(),
            body: body.to_string(),
            unsubscribe: None,
            due_at: Utc::now(),
            expires_at: None,
            plan_key: None,
        }
    }

    /// A mail with `List-Unsubscribe` pointing at `unsubscribe`.
    pub fn notification(
        to_name: &str,
        to: &str,
        subject: &str,
        body: &str,
        unsubscribe: &str,
    ) -> Outgoing {
        Outgoing {
            unsubscribe: Some(unsubscribe.to_string()),
            ..Outgoing::mail(to_name, to, subject, body)
        }
    }

    pub fn sms(to: &str, body: &str) -> Outgoing {
        Outgoing {
            channel: Channel::Sms,
            ..Outgoing::mail("", to, "", body)
        }
    }

    pub fn voice(to: &str, body: &str) -> Outgoing {
        Outgoing {
            channel: Channel::Voice,
            ..Outgoing::mail("", to, "", body)
        }
    }

    /// Not sent before `at`.
    pub fn not_before(self, at: DateTime<Utc>) -> Outgoing {
        Outgoing { due_at: at, ..self }
    }

    /// Given up, not sent, once `at` has passed.
    pub fn expires(self, at: DateTime<Utc>) -> Outgoing {
        Outgoing {
            expires_at: Some(at),
            ..self
        }
    }

    /// Planned once under `key` (see [`Outgoing::plan_key`]).
    pub fn planned_as(self, key: String) -> Outgoing {
        Outgoing {
            plan_key: Some(key),
            ..self
        }
    }
}

/// Queues `item` through `executor` — a transaction's, so that it lands
/// with the change that causes it. `false` when a planned item with the same
/// key was queued before. Ring [`Doorbell`] after the commit.
pub async fn queue<'e, E: db::Executor<'e>>(executor: E, item: &Outgoing) -> AppResult<bool> {
    queries::insert(executor, item).await
}

/// Queues every item through one transaction's connection.
pub async fn queue_all(connection: &mut db::Connection, items: &[Outgoing]) -> AppResult<()> {
    for item in items {
        queries::insert(&mut *connection, item).await?;
    }
    Ok(())
}

/// Queues `items` in one transaction of their own and wakes the worker:
/// for mail that goes with no change (the "this address already has an
/// account" answer).
pub async fn send_all(state: &AppState, items: &[Outgoing]) -> AppResult<()> {
    let mut tx = state.db.begin().await?;
    queue_all(&mut tx, items).await?;
    tx.commit().await?;
    state.outbox.ring();
    Ok(())
}

/// Queues `item` on its own and wakes the worker: for a notice about a
/// change that is already saved (a password changed, a page deleted).
pub async fn send(state: &AppState, item: Outgoing) -> AppResult<()> {
    queue(state.db.writer(), &item).await?;
    state.outbox.ring();
    Ok(())
}

/// Wakes this process's worker at once, so a code by SMS leaves within a
/// moment instead of at the next poll. Only a shortcut: every worker also
/// looks in the database every [`worker::IDLE_POLL`], so an item queued by
/// another process is sent all the same.
#[derive(Clone, Default)]
pub struct Doorbell(Arc<tokio::sync::Notify>);

impl Doorbell {
    pub fn ring(&self) {
        self.0.notify_one();
    }

    pub async fn rung(&self) {
        self.0.notified().await
    }
}

/// What the operator sees.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Counts {
    /// Not sent yet, due or planned.
    pub waiting: i64,
    /// Due now and not sent: normally zero within seconds.
    pub due: i64,
    /// Given up after every retry.
    pub failed: i64,
    /// When the oldest due item fell due.
    pub oldest_due: Option<DateTime<Utc>>,
}
