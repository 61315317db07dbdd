//! The daily copy: each process looks every few minutes whether one is due
//! and claims it in the database (SCALE.md, rule 4), so a day gets one copy
//! however many processes serve, and a copy whose process died is made by
//! another once the claim runs out.

use super::queries;
use crate::db::Db;
use crate::state::AppState;
use chrono::{DateTime, Duration, Utc};
use std::path::Path;

/// A copy is due when the last sound one is older than this.
pub const EVERY: Duration = Duration::hours(24);
/// Longer than the slowest copy; a claim older than this is taken over.
pub const LEASE: Duration = Duration::hours(1);
/// How often a process looks.
pub const LOOK_EVERY: std::time::Duration = std::time::Duration::from_secs(300);

/// Starts looking, when the settings name a folder for backups.
pub fn start(state: AppState) {
    let Some(folder) = state.settings.backup_dir.clone() else {
        return;
    };
    // PostgreSQL's copies are the server's own (pg_dump, snapshots; see
    // docs/operations.md), not a file this process can copy.
    if state.db.sqlite_reader().is_none() {
        return;
    }
    let keep = state.settings.backup_keep;
    tokio::spawn(async move {
        loop {
            if let Err(error) = make_if_due(&state.db, &folder, keep, Utc::now()).await {
                tracing::error!(%error, "daily backup failed");
            }
            tokio::time::sleep(LOOK_EVERY).await;
        }
    });
}

/// Makes the daily copy in `folder` when one is due and no other process
/// is making it, then keeps the newest `keep`. `Ok(None)`: nothing was due.
pub async fn make_if_due(
    db: &Db,
    folder: &Path,
    keep: usize,
    now: DateTime<Utc>,
) -> Result<Option<super::Copy>, String> {
    let Some(reader) = db.sqlite_reader() else {
        return Err("PostgreSQL is copied with pg_dump or the provider's snapshots".into());
    };
    let claimed = queries::claim_daily(db, now, now + LEASE, now - EVERY)
        .await
        .map_err(|e| e.to_string())?;
    let Some(run) = claimed else {
        return Ok(None);
    };
    let made = super::copy_to(reader, &folder.join(super::daily_name(now))).await;
    let finished = Utc::now();
    match made {
        Ok(copy) => {
            let name = copy
                .path
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            queries::finish(db, run, finished, Ok((&name, copy.bytes)))
                .await
                .map_err(|e| e.to_string())?;
            let removed = super::prune(folder, keep.max(1)).map_err(|e| e.to_string())?;
            tracing::info!(
                bytes = copy.bytes,
                removed = removed.len(),
                "daily backup made"
            );
            Ok(Some(copy))
        }
        Err(error) => {
            let why = error.to_string();
            // The failure is recorded, so /metrics shows the copy is missing;
            // the next look tries again.
            let _ = queries::finish(db, run, finished, Err(&why)).await;
            Err(why)
        }
    }
}
