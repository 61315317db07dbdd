//! The SQL of two-step login (server only): factors, recovery codes, setups
//! and logins waiting for their second step. Codes are stored as hashes.

use super::{Method, CODE_MINUTES, CODE_TRIES, RECOVERY_CODES, SETUP_MINUTES};
use crate::accounts::session::hash_token;
use crate::db;
use crate::db::{At, Db};
use crate::error::AppResult;
use chrono::{Duration, Utc};
use rand::Rng;

/// An account's second factor.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Factor {
    pub method: String,
    pub phone: Option<String>,
    pub totp_secret: Option<Vec<u8>>,
    pub totp_last_step: Option<i64>,
}

impl Factor {
    pub fn method(&self) -> Option<Method> {
        Method::from_db(&self.method)
    }
}

pub async fn factor_of(db: &Db, account_id: i64) -> AppResult<Option<Factor>> {
    Ok(db::query_as(
        "SELECT method, phone, totp_secret, totp_last_step FROM second_factors WHERE account_id = $1",
    )
    .bind(account_id)
    .fetch_optional(db.reader())
    .await?)
}

/// Takes an authenticator step as used, if no later one was: a code counts once.
pub async fn use_totp_step(db: &Db, account_id: i64, step: i64) -> AppResult<bool> {
    let used = db::query(
        "UPDATE second_factors SET totp_last_step = $1
         WHERE account_id = $2 AND (totp_last_step IS NULL OR totp_last_step < $3)",
    )
    .bind(step)
    .bind(account_id)
    .bind(step)
    .execute(db.writer())
    .await?;
    Ok(used.rows_affected() == 1)
}

/// A six-digit code, and the hash stored for it (bound to the account).
pub fn new_code(account_id: i64) -> (String, Vec<u8>) {
    let code = crate::account_settings::six_digits(rand::random::<u32>());
    let hash = code_hash(account_id, &code);
    (code, hash)
}

pub fn code_hash(account_id: i64, code: &str) -> Vec<u8> {
    hash_token(&format!("{account_id}:{code}"))
}

// ---- logins between their two steps ----

/// A login waiting for its second step.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Challenge {
    /// `None`: a login past the attempts for an address without an account.
    pub account_id: Option<i64>,
    pub code_hash: Option<Vec<u8>>,
    pub password_ok: bool,
    /// Made past the address's password attempts: says nothing about the account.
    pub late: bool,
    pub sent_at: chrono::DateTime<Utc>,
    /// Where the login goes once done.
    pub landing: String,
}

/// What a new challenge holds.
pub struct NewChallenge<'a> {
    pub token_hash: &'a [u8],
    pub account_id: Option<i64>,
    pub code_hash: Option<&'a [u8]>,
    pub password_ok: bool,
    pub late: bool,
    pub landing: &'a str,
}

/// Stores a login waiting for its second step. Other waiting logins of the
/// same account stay: a stranger's attempt never ends the owner's.
pub async fn create_challenge(db: &Db, new: NewChallenge<'_>) -> AppResult<()> {
    let now = Utc::now();
    let mut tx = db.begin().await?;
    db::query("DELETE FROM login_challenges WHERE expires_at <= $1")
        .bind(now)
        .execute(&mut *tx)
        .await?;
    db::query(
        "INSERT INTO login_challenges (token_hash, account_id, code_hash, password_ok, late, landing, sent_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(new.token_hash)
    .bind(new.account_id)
    .bind(new.code_hash)
    .bind(new.password_ok)
    .bind(new.late)
    .bind(new.landing)
    .bind(now)
    .bind(now + Duration::minutes(CODE_MINUTES))
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn challenge(db: &Db, token_hash: &[u8]) -> AppResult<Option<Challenge>> {
    Ok(db::query_as(
        "SELECT account_id, code_hash, password_ok, late, sent_at, landing FROM login_challenges
         WHERE token_hash = $1 AND expires_at > $2 AND tries < $3",
    )
    .bind(token_hash)
    .bind(At::now())
    .bind(CODE_TRIES)
    .fetch_optional(db.reader())
    .await?)
}

/// Takes one of the login's tries before its code is checked, in one
/// statement: parallel requests cannot take more than [`CODE_TRIES`].
/// `false` when none is left (or the login expired).
pub async fn claim_challenge_try(db: &Db, token_hash: &[u8]) -> AppResult<bool> {
    let claimed = db::query(
        "UPDATE login_challenges SET tries = tries + 1
         WHERE token_hash = $1 AND expires_at > $2 AND tries < $3",
    )
    .bind(token_hash)
    .bind(At::now())
    .bind(CODE_TRIES)
    .execute(db.writer())
    .await?;
    Ok(claimed.rows_affected() == 1)
}

/// The login is done (or abandoned): its challenge goes, once. `false`
/// when another request took it first.
pub async fn end_challenge(db: &Db, token_hash: &[u8]) -> AppResult<bool> {
    let ended = db::query("DELETE FROM login_challenges WHERE token_hash = $1")
        .bind(token_hash)
        .execute(db.writer())
        .await?;
    Ok(ended.rows_affected() == 1)
}

pub async fn new_challenge_code(db: &Db, token_hash: &[u8], code_hash: &[u8]) -> AppResult<()> {
    db::query("UPDATE login_challenges SET code_hash = $1, sent_at = $2 WHERE token_hash = $3")
        .bind(code_hash)
        .bind(At::now())
        .bind(token_hash)
        .execute(db.writer())
        .await?;
    Ok(())
}

/// Who a mail about the account goes to.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Owner {
    pub email: String,
    pub first_name: String,
}

/// The account's e-mail address and first name, for a mail to its owner.
pub async fn owner(db: &Db, account_id: i64) -> AppResult<Owner> {
    Ok(
        db::query_as("SELECT email, first_name FROM accounts WHERE id = $1")
            .bind(account_id)
            .fetch_one(db.reader())
            .await?,
    )
}

/// The account's e-mail address (to clear its password attempts after a login).
pub async fn email_of(db: &Db, account_id: i64) -> AppResult<String> {
    Ok(db::query_scalar("SELECT email FROM accounts WHERE id = $1")
        .bind(account_id)
        .fetch_one(db.reader())
        .await?)
}

// ---- recovery codes ----

/// Ten new recovery codes ("k7dq-m2xp-h9wn"); the old ones stop working.
pub async fn new_recovery_codes(db: &Db, account_id: i64) -> AppResult<Vec<String>> {
    // No 0/o, 1/l/i: codes are read off paper.
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    let mut rng = rand::rngs::OsRng;
    let codes: Vec<String> = (0..RECOVERY_CODES)
        .map(|_| {
            let chars: String = (0..12)
                .map(|_| ALPHABET[rng.gen_range(0..ALPHABET.len())] as char)
                .collect();
            format!("{}-{}-{}", &chars[0..4], &chars[4..8], &chars[8..12])
        })
        .collect();
    let mut tx = db.begin().await?;
    db::query("DELETE FROM recovery_codes WHERE account_id = $1")
        .bind(account_id)
        .execute(&mut *tx)
        .await?;
    for code in &codes {
        db::query("INSERT INTO recovery_codes (account_id, code_hash) VALUES ($1, $2)")
            .bind(account_id)
            .bind(code_hash(account_id, code))
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(codes)
}

/// Uses a recovery code, once. Typed with or without dashes, in any case.
pub async fn use_recovery_code(db: &Db, account_id: i64, typed: &str) -> AppResult<bool> {
    let letters: String = typed
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    if letters.len() != 12 {
        return Ok(false);
    }
    let code = format!("{}-{}-{}", &letters[0..4], &letters[4..8], &letters[8..12]);
    let used = db::query(
        "UPDATE recovery_codes SET used_at = $1 WHERE account_id = $2 AND code_hash = $3 AND used_at IS NULL",
    )
    .bind(At::now())
    .bind(account_id)
    .bind(code_hash(account_id, &code))
    .execute(db.writer())
    .await?;
    Ok(used.rows_affected() == 1)
}

pub async fn recovery_codes_left(db: &Db, account_id: i64) -> AppResult<i64> {
    Ok(db::query_scalar(
        "SELECT COUNT(*) FROM recovery_codes WHERE account_id = $1 AND used_at IS NULL",
    )
    .bind(account_id)
    .fetch_one(db.reader())
    .await?)
}

// ---- setting up ----

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Setup {
    pub method: String,
    pub phone: Option<String>,
    pub totp_secret: Option<Vec<u8>>,
    pub code_hash: Option<Vec<u8>>,
}

pub async fn start_setup(
    db: &Db,
    account_id: i64,
    method: Method,
    phone: Option<&str>,
    totp_secret: Option<&[u8]>,
    code_hash: Option<&[u8]>,
) -> AppResult<()> {
    db::query(
        "INSERT INTO second_factor_setups (account_id, method, phone, totp_secret, code_hash, wrong_attempts, expires_at)
         VALUES ($1, $2, $3, $4, $5, 0, $6)
         ON CONFLICT (account_id) DO UPDATE SET method = excluded.method, phone = excluded.phone,
             totp_secret = excluded.totp_secret, code_hash = excluded.code_hash,
             wrong_attempts = 0, expires_at = excluded.expires_at",
    )
    .bind(account_id)
    .bind(method.as_db())
    .bind(phone)
    .bind(totp_secret)
    .bind(code_hash)
    .bind(Utc::now() + Duration::minutes(SETUP_MINUTES))
    .execute(db.writer())
    .await?;
    Ok(())
}

pub async fn waiting_setup(db: &Db, account_id: i64) -> AppResult<Option<Setup>> {
    Ok(db::query_as(
        "SELECT method, phone, totp_secret, code_hash FROM second_factor_setups
         WHERE account_id = $1 AND expires_at > $2 AND wrong_attempts < $3",
    )
    .bind(account_id)
    .bind(At::now())
    .bind(CODE_TRIES)
    .fetch_optional(db.reader())
    .await?)
}

/// Takes one of the setup's tries before its code is checked (atomically,
/// like a login's); `false` when none is left.
pub async fn claim_setup_try(db: &Db, account_id: i64) -> AppResult<bool> {
    let claimed = db::query(
        "UPDATE second_factor_setups SET wrong_attempts = wrong_attempts + 1
         WHERE account_id = $1 AND expires_at > $2 AND wrong_attempts < $3",
    )
    .bind(account_id)
    .bind(At::now())
    .bind(CODE_TRIES)
    .execute(db.writer())
    .await?;
    Ok(claimed.rows_affected() == 1)
}

/// The setup becomes the account's factor (replacing any earlier one), in
/// one transaction; `totp_step` is the step its confirming code used.
pub async fn enable(
    db: &Db,
    account_id: i64,
    setup: &Setup,
    totp_step: Option<i64>,
) -> AppResult<()> {
    let mut tx = db.begin().await?;
    db::query(
        "INSERT INTO second_factors (account_id, method, phone, totp_secret, totp_last_step, enabled_at)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (account_id) DO UPDATE SET method = excluded.method, phone = excluded.phone,
             totp_secret = excluded.totp_secret, totp_last_step = excluded.totp_last_step,
             enabled_at = excluded.enabled_at",
    )
    .bind(account_id)
    .bind(&setup.method)
    .bind(&setup.phone)
    .bind(&setup.totp_secret)
    .bind(totp_step)
    .bind(At::now())
    .execute(&mut *tx)
    .await?;
    db::query("DELETE FROM second_factor_setups WHERE account_id = $1")
        .bind(account_id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Switches two-step login off: the factor and its recovery codes go.
pub async fn disable(db: &Db, account_id: i64) -> AppResult<()> {
    let mut tx = db.begin().await?;
    for sql in [
        "DELETE FROM second_factors WHERE account_id = $1",
        "DELETE FROM recovery_codes WHERE account_id = $1",
        "DELETE FROM second_factor_setups WHERE account_id = $1",
    ] {
        db::query(sql).bind(account_id).execute(&mut *tx).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Whether the account must keep a second factor: anyone the policy lets
/// open a dossier somewhere (the admin and trusted group of a page, staff of
/// an organisation).
pub async fn must_keep(db: &Db, account_id: i64) -> AppResult<bool> {
    use crate::policy::{allows, Action, Actor, Role};
    let (roles, staff): (Vec<Role>, bool) = (
        db::query_scalar("SELECT DISTINCT role FROM members WHERE account_id = $1")
            .bind(account_id)
            .fetch_all(db.reader())
            .await?,
        db::query_scalar("SELECT provider_id IS NOT NULL FROM accounts WHERE id = $1")
            .bind(account_id)
            .fetch_optional(db.reader())
            .await?
            .unwrap_or(false),
    );
    let as_member = roles
        .into_iter()
        .any(|role| allows(Actor::Member(role), Action::OpenDossier));
    Ok(as_member || (staff && allows(Actor::LinkedStaff, Action::OpenDossier)))
}

/// When the session last proved its owner again, if it did.
pub async fn reconfirmed_at(
    db: &Db,
    session_hash: &[u8],
) -> AppResult<Option<chrono::DateTime<Utc>>> {
    let at: Option<Option<chrono::DateTime<Utc>>> =
        db::query_scalar("SELECT reconfirmed_at FROM sessions WHERE token_hash = $1")
            .bind(session_hash)
            .fetch_optional(db.reader())
            .await?;
    Ok(at.flatten())
}

pub async fn mark_reconfirmed(
    tx: &mut db::Tx,
    session_hash: &[u8],
    now: chrono::DateTime<Utc>,
) -> AppResult<()> {
    db::query("UPDATE sessions SET reconfirmed_at = $1 WHERE token_hash = $2")
        .bind(now)
        .bind(session_hash)
        .execute(&mut **tx)
        .await?;
    Ok(())
}
