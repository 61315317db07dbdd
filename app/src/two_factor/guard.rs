//! Wrong second-step codes, counted per account across every login, setup
//! check and re-confirmation (server only).
//!
//! A login makes a new challenge each time, so counting per challenge alone
//! let whoever knows the password try codes without end. Here each check of a
//! code first *claims* a try in one statement that only succeeds for the
//! count it read (compare-and-set), so parallel guesses cannot check more
//! codes than the limit. The first [`FREE_WRONG_CODES`] cost no wait (people
//! mistype); then each wrong code makes the next one wait longer; after
//! [`LOCK_AFTER`] the factor's codes are not checked at all until the owner
//! uses a recovery code or a link from their mailbox (a new password), and
//! the owner gets a mail.

use super::guard_queries;
use crate::db::Db;
use crate::error::AppResult;
use chrono::{Duration, Utc};

/// Wrong codes in a row that cost no wait.
pub const FREE_WRONG_CODES: i64 = 3;
/// Wrong codes in a row after which only a recovery code or the mailbox helps.
pub const LOCK_AFTER: i64 = 10;
/// The longest wait between two tries.
pub const MAX_WAIT_SECONDS: i64 = 60;
/// While locked, recovery codes (12 characters, never guessable) may be
/// tried once per this many seconds.
pub const RECOVERY_INTERVAL_SECONDS: i64 = 5;

/// The wait before the next try after `wrong` wrong codes in a row.
pub fn wait_after(wrong: i64) -> i64 {
    let counted = wrong - FREE_WRONG_CODES;
    if counted <= 0 {
        0
    } else if counted > 6 {
        MAX_WAIT_SECONDS
    } else {
        (1i64 << (counted - 1)).min(MAX_WAIT_SECONDS)
    }
}

/// What a try may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Claim {
    /// Check the code: the try is counted as wrong until [`passed`] says otherwise.
    Granted,
    /// Too soon after the last wrong code: try again in so many seconds.
    Wait(i64),
    /// Too many wrong codes: only a recovery code or the mailbox opens it.
    Locked,
}

/// What to do with a typed code: a recovery code is the owner's way out of a lock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Typed {
    Code,
    RecoveryCode,
}

/// Claims one try for `account_id`, before anything is checked.
pub async fn claim(db: &Db, account_id: i64, typed: Typed) -> AppResult<Claim> {
    let seen = guard_queries::guard(db, account_id).await?;
    let wrong = seen.wrong_codes;
    let locked = seen.is_locked() || wrong >= LOCK_AFTER;
    if locked && typed == Typed::Code {
        return Ok(Claim::Locked);
    }
    let wait = if locked {
        RECOVERY_INTERVAL_SECONDS
    } else {
        wait_after(wrong)
    };
    let now = Utc::now();
    if let Some(at) = seen.last_try()? {
        let ready = at + Duration::seconds(wait);
        if ready > now {
            let left_ms = (ready - now).num_milliseconds();
            return Ok(Claim::Wait((left_ms + 999) / 1000));
        }
    }
    // A locked account's recovery tries are not counted (the lock stays
    // until one is right), only spaced out.
    let next = if locked { wrong } else { wrong + 1 };
    Ok(
        if guard_queries::claim(db, account_id, &seen, next, now).await? {
            Claim::Granted
        } else {
            // Another try took this one's turn a moment ago.
            Claim::Wait(1)
        },
    )
}

/// The code was right: the count starts again and any lock ends.
pub async fn passed(db: &Db, account_id: i64) -> AppResult<()> {
    guard_queries::reset(db, account_id).await
}

/// The claimed code was wrong. `true` when this wrong code locked the
/// account (once): time to tell the owner.
pub async fn failed(db: &Db, account_id: i64) -> AppResult<bool> {
    guard_queries::lock_if_due(db, account_id, LOCK_AFTER, Utc::now()).await
}

/// The mailbox proved the owner (a link was used to set a new password):
/// the count and the lock go.
pub async fn clear(db: &Db, account_id: i64) -> AppResult<()> {
    guard_queries::delete(db, account_id).await
}

/// Wrong codes in a row now (for tests and the operator).
pub async fn wrong_codes(db: &Db, account_id: i64) -> AppResult<i64> {
    Ok(guard_queries::guard(db, account_id).await?.wrong_codes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_wrong_codes_are_free_then_the_wait_doubles_up_to_a_minute() {
        let waits: Vec<i64> = (0..13).map(wait_after).collect();
        assert_eq!(waits, [0, 0, 0, 0, 1, 2, 4, 8, 16, 32, 60, 60, 60]);
        assert_eq!(wait_after(i64::MAX), MAX_WAIT_SECONDS);
        assert_eq!(wait_after(-1), 0);
    }
}
