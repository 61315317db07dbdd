//! Database queries of the account's own settings (server only).

use super::{AccountSettings, EMAIL_CHANGE_HOURS, MOBILE_CODE_MINUTES, MOBILE_CODE_TRIES};
use crate::db;
use crate::db::{At, Db};
use crate::error::{AppError, AppResult, Refusal};
use crate::history::{record, HistoryEvent};
use crate::outbox::Outgoing;
use chrono::{Duration, Utc};
use sha2::{Digest, Sha256};

pub async fn settings(db: &Db, account_id: i64) -> AppResult<AccountSettings> {
    #[derive(sqlx::FromRow)]
    struct Own {
        first_name: String,
        last_name: String,
        email: String,
        mobile: Option<String>,
    }
    let own: Own =
        db::query_as("SELECT first_name, last_name, email, mobile FROM accounts WHERE id = $1")
            .bind(account_id)
            .fetch_one(db.reader())
            .await?;
    let now = At::now();
    let mobile_waiting: Option<String> = db::query_scalar(
        "SELECT mobile FROM mobile_codes WHERE account_id = $1 AND expires_at > $2 AND wrong_attempts < $3",
    )
    .bind(account_id)
    .bind(now)
    .bind(MOBILE_CODE_TRIES)
    .fetch_optional(db.reader())
    .await?;
    let email_waiting: Option<String> = db::query_scalar(
        "SELECT new_email FROM email_changes WHERE account_id = $1 AND expires_at > $2
         ORDER BY expires_at DESC LIMIT 1",
    )
    .bind(account_id)
    .bind(now)
    .fetch_optional(db.reader())
    .await?;
    Ok(AccountSettings {
        first_name: own.first_name,
        last_name: own.last_name,
        email: own.email,
        mobile: own.mobile,
        mobile_waiting,
        email_waiting,
    })
}

pub async fn set_name(
    db: &Db,
    account_id: i64,
    first_name: &str,
    last_name: &str,
) -> AppResult<()> {
    db::query("UPDATE accounts SET first_name = $1, last_name = $2 WHERE id = $3")
        .bind(first_name)
        .bind(last_name)
        .bind(account_id)
        .execute(db.writer())
        .await?;
    Ok(())
}

pub async fn email_in_use(db: &Db, email: &str) -> AppResult<bool> {
    let found: Option<bool> = db::query_scalar("SELECT TRUE FROM accounts WHERE email = $1")
        .bind(email)
        .fetch_optional(db.reader())
        .await?;
    Ok(found.is_some())
}

/// Stores a wish to move to `new_email`; an earlier wish of the account is forgotten.
pub async fn request_email_change(
    db: &Db,
    account_id: i64,
    new_email: &str,
    token_hash: &[u8],
    mails: &[Outgoing],
) -> AppResult<()> {
    let mut tx = db.begin().await?;
    db::query("DELETE FROM email_changes WHERE account_id = $1")
        .bind(account_id)
        .execute(&mut *tx)
        .await?;
    db::query(
        "INSERT INTO email_changes (token_hash, account_id, new_email, expires_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(token_hash)
    .bind(account_id)
    .bind(new_email)
    .bind(Utc::now() + Duration::hours(EMAIL_CHANGE_HOURS))
    .execute(&mut *tx)
    .await?;
    crate::outbox::queue_all(&mut tx, mails).await?;
    tx.commit().await?;
    Ok(())
}

/// Moves the account to the confirmed address, once. Returns the old and new address.
/// Moves the account to its new address; in the same transaction every
/// session but `keep_session` ends and unused reset links are voided.
pub async fn confirm_email_change(
    db: &Db,
    token_hash: &[u8],
    keep_session: Option<Vec<u8>>,
) -> AppResult<AddressChange> {
    let mut tx = db.begin().await?;
    let change: Option<AddressChange> = db::query_as(
        "SELECT c.account_id, c.new_email, a.email AS old_email FROM email_changes c
         JOIN accounts a ON a.id = c.account_id
         WHERE c.token_hash = $1 AND c.expires_at > $2",
    )
    .bind(token_hash)
    .bind(At::now())
    .fetch_optional(&mut *tx)
    .await?;
    let Some(change) = change else {
        return Err(AppError::LinkInvalid);
    };
    let (account_id, new_email) = (change.account_id, &change.new_email);
    let taken: Option<bool> = db::query_scalar("SELECT TRUE FROM accounts WHERE email = $1")
        .bind(new_email)
        .fetch_optional(&mut *tx)
        .await?;
    if taken.is_some() {
        return Err(AppError::Refused(Refusal::EmailTaken));
    }
    db::query("UPDATE accounts SET email = $1 WHERE id = $2")
        .bind(new_email)
        .bind(account_id)
        .execute(&mut *tx)
        .await?;
    db::query("DELETE FROM email_changes WHERE account_id = $1")
        .bind(account_id)
        .execute(&mut *tx)
        .await?;
    db::query("DELETE FROM sessions WHERE account_id = $1 AND token_hash IS DISTINCT FROM $2")
        .bind(account_id)
        .bind(keep_session)
        .execute(&mut *tx)
        .await?;
    db::query(
        "DELETE FROM email_links WHERE account_id = $1 AND purpose = 'reset' AND used_at IS NULL",
    )
    .bind(account_id)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(change)
}

/// An address change confirmed through its link.
#[derive(sqlx::FromRow)]
pub struct AddressChange {
    pub account_id: i64,
    pub new_email: String,
    pub old_email: String,
}

pub async fn password_hash(db: &Db, account_id: i64) -> AppResult<Option<String>> {
    Ok(
        db::query_scalar("SELECT password_hash FROM accounts WHERE id = $1")
            .bind(account_id)
            .fetch_one(db.reader())
            .await?,
    )
}

pub async fn set_password(db: &Db, account_id: i64, hash: &str) -> AppResult<()> {
    db::query("UPDATE accounts SET password_hash = $1 WHERE id = $2")
        .bind(hash)
        .bind(account_id)
        .execute(db.writer())
        .await?;
    Ok(())
}

fn code_hash(account_id: i64, code: &str) -> Vec<u8> {
    Sha256::digest(format!("{account_id}:{code}").as_bytes()).to_vec()
}

/// Seconds since the last code was sent to the account, if one was.
pub async fn seconds_since_last_code(db: &Db, account_id: i64) -> AppResult<Option<i64>> {
    let sent_at: Option<chrono::DateTime<Utc>> =
        db::query_scalar("SELECT sent_at FROM mobile_codes WHERE account_id = $1")
            .bind(account_id)
            .fetch_optional(db.reader())
            .await?;
    Ok(sent_at.map(|at| (Utc::now() - at).num_seconds()))
}

/// Stores the code and queues its SMS, in one transaction.
pub async fn store_mobile_code(
    db: &Db,
    account_id: i64,
    mobile: &str,
    code: &str,
    sms: &Outgoing,
) -> AppResult<()> {
    let now = Utc::now();
    let mut tx = db.begin().await?;
    db::query(
        "INSERT INTO mobile_codes (account_id, mobile, code_hash, wrong_attempts, sent_at, expires_at)
         VALUES ($1, $2, $3, 0, $4, $5)
         ON CONFLICT (account_id) DO UPDATE SET mobile = excluded.mobile,
            code_hash = excluded.code_hash, wrong_attempts = 0,
            sent_at = excluded.sent_at, expires_at = excluded.expires_at",
    )
    .bind(account_id)
    .bind(mobile)
    .bind(code_hash(account_id, code))
    .bind(now)
    .bind(now + Duration::minutes(MOBILE_CODE_MINUTES))
    .execute(&mut *tx)
    .await?;
    crate::outbox::queue(&mut *tx, sms).await?;
    tx.commit().await?;
    Ok(())
}

pub async fn forget_mobile_code(db: &Db, account_id: i64) -> AppResult<()> {
    db::query("DELETE FROM mobile_codes WHERE account_id = $1")
        .bind(account_id)
        .execute(db.writer())
        .await?;
    Ok(())
}

/// Whether `code` confirms the waiting number; on success the number becomes
/// the account's. A wrong code counts towards the limit.
pub enum CodeCheck {
    Confirmed(String),
    Wrong,
    NoneWaiting,
}

pub async fn check_mobile_code(db: &Db, account_id: i64, code: &str) -> AppResult<CodeCheck> {
    let mut tx = db.begin().await?;
    #[derive(sqlx::FromRow)]
    struct Waiting {
        mobile: String,
        code_hash: Vec<u8>,
    }
    let waiting: Option<Waiting> = db::query_as(
        "SELECT mobile, code_hash FROM mobile_codes
         WHERE account_id = $1 AND expires_at > $2 AND wrong_attempts < $3",
    )
    .bind(account_id)
    .bind(At::now())
    .bind(MOBILE_CODE_TRIES)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(Waiting {
        mobile,
        code_hash: expected,
    }) = waiting
    else {
        return Ok(CodeCheck::NoneWaiting);
    };
    if code_hash(account_id, code) != expected {
        db::query(
            "UPDATE mobile_codes SET wrong_attempts = wrong_attempts + 1 WHERE account_id = $1",
        )
        .bind(account_id)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        return Ok(CodeCheck::Wrong);
    }
    db::query("UPDATE accounts SET mobile = $1 WHERE id = $2")
        .bind(&mobile)
        .bind(account_id)
        .execute(&mut *tx)
        .await?;
    db::query("DELETE FROM mobile_codes WHERE account_id = $1")
        .bind(account_id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(CodeCheck::Confirmed(mobile))
}

pub async fn remove_mobile(db: &Db, account_id: i64) -> AppResult<()> {
    db::query("UPDATE accounts SET mobile = NULL WHERE id = $1")
        .bind(account_id)
        .execute(db.writer())
        .await?;
    Ok(())
}

/// Deletes the account, with the pages it alone belonged to. Refused, with
/// the names of the pages, while it is the admin of a page with other members.
/// One transaction: the check and the deletion see the same members.
pub async fn delete_account(db: &Db, account_id: i64, name: &str) -> AppResult<()> {
    let mut tx = db.begin().await?;
    let blocking: Vec<String> = db::query_scalar(
        "SELECT p.first_name || ' ' || p.last_name FROM members m
         JOIN care_pages p ON p.id = m.care_page_id
         WHERE m.account_id = $1 AND m.role = 'admin'
           AND EXISTS (SELECT 1 FROM members o WHERE o.care_page_id = m.care_page_id AND o.account_id != $1)
         ORDER BY p.first_name, p.last_name",
    )
    .bind(account_id)
    .fetch_all(&mut *tx)
    .await?;
    if !blocking.is_empty() {
        return Err(AppError::Refused(Refusal::SoleAdminOf {
            people: blocking.join(", "),
        }));
    }
    let shared: Vec<i64> = db::query_scalar(
        "SELECT m.care_page_id FROM members m WHERE m.account_id = $1
           AND EXISTS (SELECT 1 FROM members o WHERE o.care_page_id = m.care_page_id AND o.account_id != $1)",
    )
    .bind(account_id)
    .fetch_all(&mut *tx)
    .await?;
    for page_id in shared {
        let left = HistoryEvent::Left {
            name: name.to_string(),
        };
        record(&mut tx, page_id, account_id, &left).await?;
    }
    db::query(
        "DELETE FROM care_pages WHERE id IN (
            SELECT m.care_page_id FROM members m WHERE m.account_id = $1
              AND NOT EXISTS (SELECT 1 FROM members o WHERE o.care_page_id = m.care_page_id AND o.account_id != $1))",
    )
    .bind(account_id)
    .execute(&mut *tx)
    .await?;
    db::query("DELETE FROM accounts WHERE id = $1")
        .bind(account_id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}
