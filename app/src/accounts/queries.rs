//! The statements behind accounts: finding one, registering, setting the
//! password through an e-mail link, and the display choices it carries.

use super::Account;
use crate::db;
use crate::db::Db;
use crate::error::AppResult;
use chrono::{DateTime, Utc};

/// What logging in needs of the account with an address.
#[derive(sqlx::FromRow)]
pub struct LoginAccount {
    pub id: i64,
    /// `None` until the address is confirmed and a password chosen.
    pub password_hash: Option<String>,
    pub first_name: String,
}

pub async fn for_login(db: &Db, email: &str) -> AppResult<Option<LoginAccount>> {
    Ok(
        db::query_as("SELECT id, password_hash, first_name FROM accounts WHERE email = $1")
            .bind(email)
            .fetch_optional(db.reader())
            .await?,
    )
}

/// The account with an address, as a mail to it needs it.
#[derive(sqlx::FromRow)]
pub struct Addressee {
    pub id: i64,
    pub first_name: String,
    pub last_name: String,
    /// Whether it has a password (confirmed), or waits for its first one.
    pub confirmed: bool,
}

pub async fn by_email(db: &Db, email: &str) -> AppResult<Option<Addressee>> {
    Ok(db::query_as(
        "SELECT id, first_name, last_name, password_hash IS NOT NULL AS confirmed
         FROM accounts WHERE email = $1",
    )
    .bind(email)
    .fetch_optional(db.reader())
    .await?)
}

pub struct Registration<'a> {
    pub email: &'a str,
    pub first_name: &'a str,
    pub last_name: &'a str,
    pub language: &'a str,
}

/// A new account without a password yet, until its address is confirmed.
pub async fn register(db: &Db, new: &Registration<'_>, now: DateTime<Utc>) -> AppResult<i64> {
    Ok(db::query_scalar(
        "INSERT INTO accounts (email, first_name, last_name, created_at, language)
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(new.email)
    .bind(new.first_name)
    .bind(new.last_name)
    .bind(now)
    .bind(new.language)
    .fetch_one(db.writer())
    .await?)
}

/// Removes a registration that was never confirmed.
pub async fn forget_unconfirmed(db: &Db, account_id: i64) -> AppResult<()> {
    db::query("DELETE FROM accounts WHERE id = $1 AND password_hash IS NULL")
        .bind(account_id)
        .execute(db.writer())
        .await?;
    Ok(())
}

/// Uses the link and sets the password together or not at all, ending the
/// account's sessions; `false` when the link was used or expired meanwhile
/// (the `used_at IS NULL` guard makes a second use fail).
pub async fn set_password_with_link(
    db: &Db,
    link_hash: &[u8],
    account_id: i64,
    password_hash: &str,
    now: DateTime<Utc>,
) -> AppResult<bool> {
    let mut tx = db.begin().await?;
    let used = db::query(
        "UPDATE email_links SET used_at = $1
         WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $3",
    )
    .bind(now)
    .bind(link_hash)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    if used.rows_affected() != 1 {
        return Ok(false);
    }
    db::query("UPDATE accounts SET password_hash = $1 WHERE id = $2")
        .bind(password_hash)
        .bind(account_id)
        .execute(&mut *tx)
        .await?;
    db::query("DELETE FROM sessions WHERE account_id = $1")
        .bind(account_id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(true)
}

pub async fn set_text_size(db: &Db, account_id: i64, step: i64) -> AppResult<()> {
    db::query("UPDATE accounts SET text_size = $1 WHERE id = $2")
        .bind(step)
        .bind(account_id)
        .execute(db.writer())
        .await?;
    Ok(())
}

pub async fn set_language(db: &Db, account_id: i64, code: &str) -> AppResult<()> {
    db::query("UPDATE accounts SET language = $1 WHERE id = $2")
        .bind(code)
        .bind(account_id)
        .execute(db.writer())
        .await?;
    Ok(())
}

pub async fn set_contrast(db: &Db, account_id: i64, high: bool) -> AppResult<()> {
    db::query("UPDATE accounts SET high_contrast = $1 WHERE id = $2")
        .bind(high)
        .bind(account_id)
        .execute(db.writer())
        .await?;
    Ok(())
}

/// The language code of the account, if it exists.
pub async fn language_of(db: &Db, account_id: i64) -> AppResult<Option<String>> {
    Ok(
        db::query_scalar("SELECT language FROM accounts WHERE id = $1")
            .bind(account_id)
            .fetch_optional(db.reader())
            .await?,
    )
}

/// The language code of the account with this address, if there is one.
pub async fn language_of_address(db: &Db, email: &str) -> AppResult<Option<String>> {
    Ok(
        db::query_scalar("SELECT language FROM accounts WHERE email = $1")
            .bind(email)
            .fetch_optional(db.reader())
            .await?,
    )
}

/// The account, if it still exists.
pub async fn find(db: &Db, account_id: i64) -> AppResult<Option<Account>> {
    Ok(db::query_as(
        "SELECT id, email, first_name, last_name, high_contrast, provider_id FROM accounts WHERE id = $1",
    )
    .bind(account_id)
    .fetch_optional(db.reader())
    .await?)
}

/// The account an invitation is accepted with, made or completed in the
/// acceptance's transaction: a new account, or one that registered but never
/// confirmed (it gets the name and password given now). `None` when the
/// address has a confirmed account already, which must log in instead.
pub async fn account_for_invitation(
    tx: &mut db::Tx,
    new: &Registration<'_>,
    password_hash: &str,
    now: DateTime<Utc>,
) -> AppResult<Option<i64>> {
    #[derive(sqlx::FromRow)]
    struct Existing {
        id: i64,
        confirmed: bool,
    }
    let existing: Option<Existing> = db::query_as(
        "SELECT id, password_hash IS NOT NULL AS confirmed FROM accounts WHERE email = $1",
    )
    .bind(new.email)
    .fetch_optional(&mut **tx)
    .await?;
    match existing {
        Some(Existing {
            confirmed: true, ..
        }) => Ok(None),
        Some(Existing { id, .. }) => {
            db::query(
                "UPDATE accounts SET first_name = $1, last_name = $2, password_hash = $3 WHERE id = $4",
            )
            .bind(new.first_name)
            .bind(new.last_name)
            .bind(password_hash)
            .bind(id)
            .execute(&mut **tx)
            .await?;
            Ok(Some(id))
        }
        None => Ok(Some(
            db::query_scalar(
                "INSERT INTO accounts (email, first_name, last_name, password_hash, created_at, language)
                 VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
            )
            .bind(new.email)
            .bind(new.first_name)
            .bind(new.last_name)
            .bind(password_hash)
            .bind(now)
            .bind(new.language)
            .fetch_one(&mut **tx)
            .await?,
        )),
    }
}
