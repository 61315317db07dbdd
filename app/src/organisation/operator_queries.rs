//! The statement behind `kring organisation add`: an organisation and its
//! first admin, in one transaction.

use crate::db;
use crate::db::Db;
use chrono::{DateTime, Utc};

/// Why the organisation was not made.
#[derive(Debug)]
pub enum NotAdded {
    NameTaken,
    /// The admin's address belongs to staff of another organisation.
    WorksElsewhere,
    Database(sqlx::Error),
}

impl From<sqlx::Error> for NotAdded {
    fn from(error: sqlx::Error) -> Self {
        NotAdded::Database(error)
    }
}

pub struct Admin<'a> {
    pub email: &'a str,
    /// Used only when the address has no account yet.
    pub first_name: &'a str,
    pub last_name: &'a str,
}

/// The organisation made, and its admin's account.
pub struct Made {
    pub provider_id: i64,
    pub account_id: i64,
    /// The account had a password already (no link needed).
    pub has_password: bool,
}

#[derive(sqlx::FromRow)]
struct Existing {
    id: i64,
    provider_id: Option<i64>,
    has_password: bool,
}

pub async fn add_with_admin(
    db: &Db,
    name: &str,
    admin: &Admin<'_>,
    now: DateTime<Utc>,
) -> Result<Made, NotAdded> {
    let mut tx = db.begin().await?;
    let taken: Option<i64> = db::query_scalar("SELECT id FROM providers WHERE name = $1")
        .bind(name)
        .fetch_optional(&mut *tx)
        .await?;
    if taken.is_some() {
        return Err(NotAdded::NameTaken);
    }
    let provider_id: i64 =
        db::query_scalar("INSERT INTO providers (name, created_at) VALUES ($1, $2) RETURNING id")
            .bind(name)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
    let existing: Option<Existing> = db::query_as(
        "SELECT id, provider_id, password_hash IS NOT NULL AS has_password FROM accounts WHERE email = $1",
    )
    .bind(admin.email)
    .fetch_optional(&mut *tx)
    .await?;
    let (account_id, has_password) = match existing {
        Some(Existing {
            provider_id: Some(_),
            ..
        }) => return Err(NotAdded::WorksElsewhere),
        Some(existing) => (existing.id, existing.has_password),
        None => {
            let id: i64 = db::query_scalar(
                "INSERT INTO accounts (email, first_name, last_name, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
            )
            .bind(admin.email)
            .bind(admin.first_name)
            .bind(admin.last_name)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
            (id, false)
        }
    };
    db::query("UPDATE accounts SET provider_id = $1, staff_role = 'admin' WHERE id = $2")
        .bind(provider_id)
        .bind(account_id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(Made {
        provider_id,
        account_id,
        has_password,
    })
}
