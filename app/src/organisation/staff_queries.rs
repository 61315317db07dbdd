//! Database queries of staff and locations (server only). Every query is
//! bound to the asking admin's organisation.

use super::staff::{PendingStaff, StaffMember};
use super::{Location, Staff};
use crate::db;
use crate::db::{At, Db};
use crate::error::{AppError, AppResult, Counted, Refusal};
use crate::policy::StaffRole;

pub async fn organisation_name(db: &Db, provider_id: i64) -> AppResult<Option<String>> {
    Ok(db::query_scalar("SELECT name FROM providers WHERE id = $1")
        .bind(provider_id)
        .fetch_optional(db.reader())
        .await?)
}

pub async fn name_of(db: &Db, account_id: i64) -> AppResult<String> {
    Ok(
        db::query_scalar("SELECT first_name || ' ' || last_name FROM accounts WHERE id = $1")
            .bind(account_id)
            .fetch_one(db.reader())
            .await?,
    )
}

/// The organisation's staff by name, each with their locations.
/// The staff member of the organisation with this e-mail address.
pub async fn staff_by_email(db: &Db, provider_id: i64, email: &str) -> AppResult<Option<i64>> {
    Ok(db::query_scalar(
        "SELECT id FROM accounts WHERE email = $1 AND provider_id = $2 AND staff_role IS NOT NULL",
    )
    .bind(email.to_lowercase())
    .bind(provider_id)
    .fetch_optional(db.reader())
    .await?)
}

pub async fn staff(db: &Db, provider_id: i64, me: i64) -> AppResult<Vec<StaffMember>> {
    #[derive(sqlx::FromRow)]
    struct Member {
        id: i64,
        first_name: String,
        last_name: String,
        email: String,
        staff_role: StaffRole,
    }
    #[derive(sqlx::FromRow)]
    struct Place {
        account_id: i64,
        #[sqlx(flatten)]
        location: Location,
    }
    let members: Vec<Member> = db::query_as(
        "SELECT id, first_name, last_name, email, staff_role FROM accounts
         WHERE provider_id = $1 AND staff_role IS NOT NULL ORDER BY first_name, last_name, id",
    )
    .bind(provider_id)
    .fetch_all(db.reader())
    .await?;
    let places: Vec<Place> = db::query_as(
        "SELECT s.account_id, l.id, l.name FROM staff_locations s
         JOIN locations l ON l.id = s.location_id WHERE l.provider_id = $1 ORDER BY l.name",
    )
    .bind(provider_id)
    .fetch_all(db.reader())
    .await?;
    Ok(members
        .into_iter()
        .map(|member| StaffMember {
            account_id: member.id,
            name: format!("{} {}", member.first_name, member.last_name),
            email: member.email,
            role: member.staff_role,
            locations: places
                .iter()
                .filter(|place| place.account_id == member.id)
                .map(|place| place.location.clone())
                .collect(),
            is_me: member.id == me,
        })
        .collect())
}

/// Invitations to the organisation not yet accepted and still valid.
pub async fn pending(db: &Db, provider_id: i64) -> AppResult<Vec<PendingStaff>> {
    #[derive(sqlx::FromRow)]
    struct Invited {
        email: String,
        role: StaffRole,
        expires_at: chrono::DateTime<chrono::Utc>,
    }
    let rows: Vec<Invited> = db::query_as(
        "SELECT email, role, expires_at FROM invitations
         WHERE provider_id = $1 AND accepted_at IS NULL AND expires_at > $2 ORDER BY created_at",
    )
    .bind(provider_id)
    .bind(At::now())
    .fetch_all(db.reader())
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| PendingStaff {
            email: row.email,
            role: row.role,
            valid_until: crate::dates::day_of(row.expires_at),
        })
        .collect())
}

pub async fn already_staff_or_invited(db: &Db, provider_id: i64, email: &str) -> AppResult<bool> {
    let found: i64 = db::query_scalar(
        "SELECT (SELECT COUNT(*) FROM accounts WHERE provider_id = $1 AND email = $2 AND staff_role IS NOT NULL)
              + (SELECT COUNT(*) FROM invitations
                 WHERE provider_id = $1 AND email = $2 AND accepted_at IS NULL AND expires_at > $3)",
    )
    .bind(provider_id)
    .bind(email)
    .bind(At::now())
    .fetch_one(db.reader())
    .await?;
    Ok(found > 0)
}

pub async fn create_invitation(
    db: &Db,
    admin: &Staff,
    email: &str,
    role: StaffRole,
    location: Option<i64>,
    token_hash: &[u8],
    mail: &crate::outbox::Outgoing,
) -> AppResult<()> {
    let expires = chrono::Utc::now() + chrono::Duration::days(crate::connections::INVITATION_DAYS);
    let mut tx = db.begin().await?;
    db::query(
        "INSERT INTO invitations (token_hash, provider_id, email, role, location_id, invited_by, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(token_hash)
    .bind(admin.provider_id)
    .bind(email)
    .bind(role.as_db())
    .bind(location)
    .bind(admin.account_id)
    .bind(At::now())
    .bind(expires)
    .execute(&mut *tx)
    .await?;
    crate::outbox::queue(&mut *tx, mail).await?;
    tx.commit().await?;
    Ok(())
}

/// Makes the account staff of the organisation, accepting an invitation.
/// An account works for one organisation at a time.
pub async fn join(
    tx: &mut db::Tx,
    account_id: i64,
    provider_id: i64,
    role: StaffRole,
    location: Option<i64>,
) -> AppResult<()> {
    let joined = db::query(
        "UPDATE accounts SET provider_id = $1, staff_role = $2
         WHERE id = $3 AND (provider_id IS NULL OR provider_id = $4)",
    )
    .bind(provider_id)
    .bind(role.as_db())
    .bind(account_id)
    .bind(provider_id)
    .execute(&mut **tx)
    .await?;
    if joined.rows_affected() != 1 {
        return Err(AppError::Refused(Refusal::StaffElsewhere));
    }
    if let Some(location) = location {
        db::query(
            "INSERT INTO staff_locations (account_id, location_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
        )
        .bind(account_id)
        .bind(location)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// Ends a staff member's place in the organisation; `false` for an account
/// that is not its staff.
pub async fn remove(db: &Db, provider_id: i64, account_id: i64) -> AppResult<bool> {
    let mut tx = db.begin().await?;
    let removed = db::query(
        "UPDATE accounts SET provider_id = NULL, staff_role = NULL WHERE id = $1 AND provider_id = $2",
    )
    .bind(account_id)
    .bind(provider_id)
    .execute(&mut *tx)
    .await?;
    if removed.rows_affected() != 1 {
        return Ok(false);
    }
    db::query("DELETE FROM staff_locations WHERE account_id = $1")
        .bind(account_id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(true)
}

pub async fn add_location(db: &Db, provider_id: i64, name: &str) -> AppResult<()> {
    let count: i64 = db::query_scalar("SELECT COUNT(*) FROM locations WHERE provider_id = $1")
        .bind(provider_id)
        .fetch_one(db.reader())
        .await?;
    if count >= super::MAX_LOCATIONS {
        return Err(AppError::Refused(Refusal::TooMany {
            what: Counted::Locations,
            max: super::MAX_LOCATIONS,
        }));
    }
    let added = db::query(
        "INSERT INTO locations (provider_id, name) VALUES ($1, $2) ON CONFLICT DO NOTHING",
    )
    .bind(provider_id)
    .bind(name)
    .execute(db.writer())
    .await?;
    if added.rows_affected() != 1 {
        return Err(AppError::Refused(Refusal::LocationExists));
    }
    Ok(())
}

/// Puts a staff member at a location or takes them off; `false` when either
/// is not the organisation's.
pub async fn assign(
    db: &Db,
    provider_id: i64,
    account_id: i64,
    location_id: i64,
    on: bool,
) -> AppResult<bool> {
    let both_ours: Option<bool> = db::query_scalar(
        "SELECT TRUE FROM accounts a JOIN locations l ON l.provider_id = a.provider_id
         WHERE a.id = $1 AND l.id = $2 AND a.provider_id = $3 AND a.staff_role IS NOT NULL",
    )
    .bind(account_id)
    .bind(location_id)
    .bind(provider_id)
    .fetch_optional(db.reader())
    .await?;
    if both_ours.is_none() {
        return Ok(false);
    }
    let sql = if on {
        "INSERT INTO staff_locations (account_id, location_id) VALUES ($1, $2) ON CONFLICT DO NOTHING"
    } else {
        "DELETE FROM staff_locations WHERE account_id = $1 AND location_id = $2"
    };
    db::query(sql)
        .bind(account_id)
        .bind(location_id)
        .execute(db.writer())
        .await?;
    Ok(true)
}
