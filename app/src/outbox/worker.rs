//! The worker that sends what the outbox holds. Each process runs one; they
//! share the work through the database's claims, never through memory.

use super::queries::{self, Claimed};
use super::Channel;
use crate::error::AppResult;
use crate::mail::{Letter, MailError};
use crate::state::AppState;
use chrono::{DateTime, Duration, Utc};

/// Rows one pass takes; they are sent side by side.
pub const BATCH: i64 = 50;
/// How long a claim holds. Longer than the slowest send (the SMTP time-out
/// is 30 s), so a row is only taken over from a worker that is gone.
pub const LEASE_SECONDS: i64 = 120;
/// Tries before an item counts as failed: with [`backoff`] about an hour.
pub const MAX_ATTEMPTS: i64 = 8;
/// How often an idle worker looks for items queued by another process or
/// falling due (reminders).
pub const IDLE_POLL: std::time::Duration = std::time::Duration::from_secs(2);
/// Sent and failed rows are kept this long for the counts, then removed.
pub const KEEP_DAYS: i64 = 30;

/// The wait after the `attempts`-th refusal: 30 s, 1, 2, 4 … minutes, at
/// most an hour.
pub fn backoff(attempts: i64) -> Duration {
    let doublings = attempts.clamp(1, 8) - 1;
    Duration::seconds((30 << doublings).min(3600))
}

/// What one pass did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Pass {
    pub sent: usize,
    pub refused: usize,
}

impl Pass {
    pub fn handled(&self) -> usize {
        self.sent + self.refused
    }
}

/// Claims the items due at `now` (at most [`BATCH`]) for `worker` and sends
/// them. Each item is sent and marked in a task of its own: a worker that
/// is stopped halfway leaves no item sent but unmarked.
pub async fn deliver_due(state: &AppState, worker: &str, now: DateTime<Utc>) -> AppResult<Pass> {
    let lease_until = now + Duration::seconds(LEASE_SECONDS);
    let claimed = queries::claim(&state.db, worker, now, lease_until, BATCH).await?;
    let tasks: Vec<_> = claimed
        .into_iter()
        .map(|item| {
            let (state, worker) = (state.clone(), worker.to_string());
            tokio::spawn(async move { send_and_mark(&state, &worker, item).await })
        })
        .collect();
    let mut pass = Pass::default();
    for task in tasks {
        match task.await {
            Ok(Ok(true)) => pass.sent += 1,
            Ok(Ok(false)) => pass.refused += 1,
            Ok(Err(error)) => tracing::error!(%error, "outbox: could not mark an item"),
            Err(error) => tracing::error!(%error, "outbox: a send task ended early"),
        }
    }
    Ok(pass)
}

/// `true` when sent. Logs the row id and the server's answer, never the
/// recipient or the text.
async fn send_and_mark(state: &AppState, worker: &str, item: Claimed) -> AppResult<bool> {
    let outcome = match item.expires_at {
        Some(at) if at <= Utc::now() => Err(Refusal {
            error: "expired before it could be sent".into(),
            permanent: true,
        }),
        _ => send(state, &item).await,
    };
    let now = Utc::now();
    match outcome {
        Ok(()) => {
            queries::mark_sent(&state.db, item.id, worker, now).await?;
            Ok(true)
        }
        Err(Refusal { error, permanent }) => {
            let attempts = item.attempts + 1;
            let retry_at = (!permanent && attempts < MAX_ATTEMPTS).then(|| now + backoff(attempts));
            tracing::warn!(id = item.id, attempts, %error, retry = retry_at.is_some(), "outbox: refused");
            queries::mark_refused(&state.db, item.id, worker, &error, retry_at, now).await?;
            Ok(false)
        }
    }
}

struct Refusal {
    error: String,
    /// Trying again cannot help (an address that is not one).
    permanent: bool,
}

async fn send(state: &AppState, item: &Claimed) -> Result<(), Refusal> {
    let temporary = |error: String| Refusal {
        error,
        permanent: false,
    };
    match item.channel {
        Channel::Mail => {
            let letter = Letter {
                key: &item.message_key,
                file_stem: &file_stem(item),
                to_name: &item.to_name,
                to: &item.to,
                subject: &item.subject,
                body: &item.body,
                unsubscribe: item.unsubscribe.as_deref(),
            };
            state
                .mailer
                .deliver(&letter)
                .await
                .map_err(|error| Refusal {
                    permanent: matches!(error, MailError::Address(_)),
                    error: error.to_string(),
                })
        }
        Channel::Sms | Channel::Voice => {
            let voice = item.channel == Channel::Voice;
            state
                .sms
                .deliver(&file_stem(item), &item.to, &item.body, voice)
                .await
                .map_err(|error| temporary(error.to_string()))
        }
    }
}

/// The outbox file's name without extension: in queue order, and the same
/// for every try of one item, so a repeated send overwrites its own file.
fn file_stem(item: &Claimed) -> String {
    format!("{:010}-{}", item.id, item.message_key)
}

/// Sends what falls due for as long as the server runs: at once when this
/// process queues something, else every [`IDLE_POLL`]; removes old rows
/// once an hour.
pub fn start(state: AppState) -> tokio::task::JoinHandle<()> {
    let worker = format!("{}-{:08x}", std::process::id(), rand::random::<u32>());
    tokio::spawn(async move {
        let mut last_cleanup: Option<DateTime<Utc>> = None;
        loop {
            let now = Utc::now();
            if last_cleanup.is_none_or(|at| now - at > Duration::hours(1)) {
                last_cleanup = Some(now);
                if let Err(error) =
                    queries::forget_before(&state.db, now - Duration::days(KEEP_DAYS)).await
                {
                    tracing::warn!(%error, "outbox: could not remove old rows");
                }
            }
            match deliver_due(&state, &worker, now).await {
                Ok(pass) if pass.handled() > 0 => continue,
                Ok(_) => {}
                Err(error) => tracing::warn!(%error, "outbox: could not claim"),
            }
            tokio::select! {
                _ = state.outbox.rung() => {}
                _ = tokio::time::sleep(IDLE_POLL) => {}
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::backoff;

    #[test]
    fn the_wait_doubles_up_to_an_hour() {
        let waits: Vec<i64> = (1..=9).map(|n| backoff(n).num_seconds()).collect();
        assert_eq!(waits, [30, 60, 120, 240, 480, 960, 1920, 3600, 3600]);
    }
}
