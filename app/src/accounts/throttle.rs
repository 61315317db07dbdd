//! Password guessing, slowed down where it happens without shutting anyone
//! else out. Three counts, all in the database (a restart resets nothing):
//!
//! - per account: at most [`ATTEMPTS_PER_ACCOUNT`] password checks in the
//!   window, claimed *before* hashing in one statement, so a burst of
//!   parallel guesses gets exactly that many checks and no more;
//! - per (account, client address) pair: a mistyped password may be retyped
//!   at once, twice (Caps Lock happens), then each failure makes the pair
//!   wait longer (1, 2, 4 … 60 seconds), so one guesser slows down while other
//!   people behind the same address (a care home's Wi-Fi, a mobile carrier)
//!   log in as usual;
//! - per client address: a high brake on one address trying many accounts.

use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::i18n::t;
use crate::limits::Limit;
use chrono::Utc;

/// Password checks per account in 15 minutes; a successful login clears them.
pub const ATTEMPTS_PER_ACCOUNT: Limit = Limit::new("login_account", 5, 15);
/// Failures of one account from one client address, for the growing delay.
pub const FAILURES_PER_PAIR: Limit = Limit::new("login_pair", 1_000, 15);
/// Failures from one client address over all accounts in 15 minutes.
pub const FAILURES_PER_CLIENT: Limit = Limit::new("login_client", 100, 15);
/// The longest wait between two attempts of one pair.
pub const MAX_DELAY_SECONDS: i64 = 60;

/// Failures of one pair that cost no wait: people mistype.
pub const FREE_RETRIES: i64 = 2;

/// The wait after `failures` failures of one pair: none for the first
/// [`FREE_RETRIES`], then 1, 2, 4 … up to 60 seconds.
pub fn delay_after(failures: i64) -> i64 {
    let counted = failures.saturating_sub(FREE_RETRIES);
    match counted {
        i64::MIN..=0 => 0,
        1..=7 => (1i64 << (counted - 1)).min(MAX_DELAY_SECONDS),
        _ => MAX_DELAY_SECONDS,
    }
}

/// Whose delay it is: one account from one client address.
pub fn pair(email: &str, client: &str) -> String {
    format!("{email} {client}")
}

/// Claims one password check for `email` from `client`, or says how long to
/// wait. Call before hashing. `false` when the account's attempts are used
/// up: the caller refuses, unless a second factor still guards the account.
pub async fn claim_attempt(db: &Db, email: &str, client: &str) -> AppResult<bool> {
    let pair = pair(email, client);
    let recent = crate::limits::queries::recent(
        db,
        FAILURES_PER_PAIR.kind,
        &pair,
        FAILURES_PER_PAIR.since(),
    )
    .await?;
    if let Some(last) = recent.last {
        let ready = last + chrono::Duration::seconds(delay_after(recent.count));
        let wait_ms = (ready - Utc::now()).num_milliseconds();
        if wait_ms > 0 {
            let seconds = (wait_ms + 999) / 1000;
            return Err(AppError::limited(t().err_login_wait.of(seconds)));
        }
    }
    if FAILURES_PER_CLIENT.count(db, client).await? >= FAILURES_PER_CLIENT.max {
        return Err(AppError::RateLimited);
    }
    ATTEMPTS_PER_ACCOUNT.try_take(db, email).await
}

/// A wrong password: the pair waits longer, the address counts one more.
/// True when this failure used up the account's attempts (time to tell the owner).
pub async fn record_failure(db: &Db, email: &str, client: &str) -> AppResult<bool> {
    FAILURES_PER_PAIR.try_take(db, &pair(email, client)).await?;
    FAILURES_PER_CLIENT.try_take(db, client).await?;
    Ok(ATTEMPTS_PER_ACCOUNT.count(db, email).await? == ATTEMPTS_PER_ACCOUNT.max)
}

/// The right password: the account's attempts and this pair's delay are forgotten.
pub async fn clear(db: &Db, email: &str, client: &str) -> AppResult<()> {
    ATTEMPTS_PER_ACCOUNT.clear(db, email).await?;
    FAILURES_PER_PAIR.clear(db, &pair(email, client)).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_delay_doubles_up_to_a_minute() {
        let delays: Vec<i64> = (0..12).map(delay_after).collect();
        assert_eq!(delays, [0, 0, 0, 1, 2, 4, 8, 16, 32, 60, 60, 60]);
        assert_eq!(delay_after(i64::MAX), MAX_DELAY_SECONDS);
        assert_eq!(delay_after(-3), 0);
    }
}
