//! Database queries of connections and invitations (server only).

use super::{Connection, PendingInvitation};
use crate::db;
use crate::db::{At, Db};
use crate::error::{AppError, AppResult, Refusal};
use crate::history::{record, HistoryEvent};
use crate::policy::{Role, StaffRole};

pub async fn connections(db: &Db, page_id: i64, me: i64) -> AppResult<Vec<Connection>> {
    #[derive(sqlx::FromRow)]
    struct Member {
        id: i64,
        first_name: String,
        last_name: String,
        role: Role,
    }
    let rows: Vec<Member> = db::query_as(
        "SELECT a.id, a.first_name, a.last_name, m.role FROM members m JOIN accounts a ON a.id = m.account_id
         WHERE m.care_page_id = $1
         ORDER BY CASE m.role WHEN 'admin' THEN 0 WHEN 'trusted' THEN 1 ELSE 2 END, a.first_name, a.last_name",
    )
    .bind(page_id)
    .fetch_all(db.reader())
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| Connection {
            account_id: row.id,
            name: format!("{} {}", row.first_name, row.last_name),
            role: row.role,
            is_me: row.id == me,
        })
        .collect())
}

pub async fn pending(db: &Db, page_id: i64) -> AppResult<Vec<PendingInvitation>> {
    #[derive(sqlx::FromRow)]
    struct Invited {
        id: i64,
        email: String,
        role: Role,
        expires_at: chrono::DateTime<chrono::Utc>,
    }
    let rows: Vec<Invited> = db::query_as(
        "SELECT id, email, role, expires_at FROM invitations
         WHERE care_page_id = $1 AND accepted_at IS NULL AND expires_at > $2 ORDER BY created_at",
    )
    .bind(page_id)
    .bind(At::now())
    .fetch_all(db.reader())
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| PendingInvitation {
            id: row.id,
            email: row.email,
            role: row.role,
            valid_until: row.expires_at.date_naive(),
        })
        .collect())
}

/// Whether the address already belongs to a member, or has an open invitation.
pub async fn already_invited_or_member(
    db: &Db,
    page_id: i64,
    email: &str,
) -> AppResult<Option<Refusal>> {
    #[derive(sqlx::FromRow)]
    struct Known {
        member: i64,
        invited: i64,
    }
    let known: Known = db::query_as(
        "SELECT (SELECT COUNT(*) FROM members m JOIN accounts a ON a.id = m.account_id
                 WHERE m.care_page_id = $1 AND a.email = $2) AS member,
                (SELECT COUNT(*) FROM invitations
                 WHERE care_page_id = $1 AND email = $2 AND accepted_at IS NULL AND expires_at > $3)
                    AS invited",
    )
    .bind(page_id)
    .bind(email)
    .bind(At::now())
    .fetch_one(db.reader())
    .await?;
    Ok(if known.member > 0 {
        Some(Refusal::AlreadyMember)
    } else if known.invited > 0 {
        Some(Refusal::InvitePending)
    } else {
        None
    })
}

/// The invitation, its line in the history and its mail: one transaction.
pub async fn create_invitation(
    db: &Db,
    page_id: i64,
    email: &str,
    role: Role,
    invited_by: i64,
    token_hash: &[u8],
    mail: &crate::outbox::Outgoing,
) -> AppResult<()> {
    let expires = chrono::Utc::now() + chrono::Duration::days(super::INVITATION_DAYS);
    let mut tx = db.begin().await?;
    db::query(
        "INSERT INTO invitations (token_hash, care_page_id, email, role, invited_by, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(token_hash)
    .bind(page_id)
    .bind(email)
    .bind(role.as_db())
    .bind(invited_by)
    .bind(At::now())
    .bind(expires)
    .execute(&mut *tx)
    .await?;
    let event = HistoryEvent::Invited {
        email: email.to_string(),
        role,
    };
    record(&mut tx, page_id, invited_by, &event).await?;
    crate::outbox::queue(&mut *tx, mail).await?;
    tx.commit().await?;
    Ok(())
}

pub async fn withdraw(db: &Db, page_id: i64, invitation_id: i64, by: i64) -> AppResult<()> {
    let mut tx = db.begin().await?;
    let email: Option<String> = db::query_scalar(
        "DELETE FROM invitations WHERE id = $1 AND care_page_id = $2 AND accepted_at IS NULL RETURNING email",
    )
    .bind(invitation_id)
    .bind(page_id)
    .fetch_optional(&mut *tx)
    .await?;
    let email = email.ok_or(AppError::NotFound)?;
    record(
        &mut tx,
        page_id,
        by,
        &HistoryEvent::InvitationWithdrawn { email },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// What an invitation is to: a care page with a family role, or an
/// organisation with a staff role (and perhaps a location).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Invited {
    Page {
        page_id: i64,
        role: Role,
    },
    Organisation {
        provider_id: i64,
        role: StaffRole,
        location: Option<i64>,
    },
}

impl Invited {
    /// Where the new member or staff member lands after accepting.
    pub fn landing(self) -> String {
        match self {
            Invited::Page { page_id, .. } => crate::routes::page(page_id).overview(),
            Invited::Organisation { .. } => crate::routes::CONSOLE.to_string(),
        }
    }
}

pub struct OpenInvitation {
    pub invited: Invited,
    pub email: String,
    pub inviter: String,
}

/// The inviter must still be the page's admin, or an admin of the organisation.
const INVITER_STILL_MAY: &str =
    "(EXISTS (SELECT 1 FROM members m WHERE m.care_page_id = invitations.care_page_id
                 AND m.account_id = invitations.invited_by AND m.role = 'admin')
         OR EXISTS (SELECT 1 FROM accounts s WHERE s.id = invitations.invited_by
                 AND s.provider_id = invitations.provider_id AND s.staff_role = 'admin'))";

type InvitationRow = (Option<i64>, Option<i64>, String, Option<i64>);

fn invited_of((page_id, provider_id, role, location): InvitationRow) -> Option<Invited> {
    match (page_id, provider_id) {
        (Some(page_id), None) => Some(Invited::Page {
            page_id,
            role: Role::from_db(&role)?,
        }),
        (None, Some(provider_id)) => Some(Invited::Organisation {
            provider_id,
            role: StaffRole::from_db(&role)?,
            location,
        }),
        _ => None,
    }
}

/// An open invitation, by the hash of its link's code.
pub async fn open_invitation(db: &Db, token_hash: &[u8]) -> AppResult<OpenInvitation> {
    type Row = (
        Option<i64>,
        Option<i64>,
        String,
        Option<i64>,
        String,
        Option<String>,
    );
    let row: Option<Row> =
        db::query_as(&format!(
            "SELECT care_page_id, provider_id, role, location_id, email,
                    (SELECT first_name || ' ' || last_name FROM accounts WHERE id = invited_by)
             FROM invitations
             WHERE token_hash = $1 AND accepted_at IS NULL AND expires_at > $2 AND {INVITER_STILL_MAY}"
        ))
        .bind(token_hash)
        .bind(At::now())
        .fetch_optional(db.reader())
        .await?;
    let (page_id, provider_id, role, location, email, inviter) =
        row.ok_or(AppError::LinkInvalid)?;
    Ok(OpenInvitation {
        invited: invited_of((page_id, provider_id, role, location)).ok_or(AppError::LinkInvalid)?,
        email,
        inviter: inviter.unwrap_or_default(),
    })
}

/// Uses the invitation and makes `account_id` a member of the page, or staff
/// of the organisation, all or nothing. A second use of the same link finds
/// it used and changes nothing.
pub async fn accept(tx: &mut db::Tx, token_hash: &[u8], account_id: i64) -> AppResult<Invited> {
    let row: Option<InvitationRow> = db::query_as(&format!(
        "UPDATE invitations SET accepted_at = $1
         WHERE token_hash = $2 AND accepted_at IS NULL AND expires_at > $1 AND {INVITER_STILL_MAY}
         RETURNING care_page_id, provider_id, role, location_id"
    ))
    .bind(At::now())
    .bind(token_hash)
    .fetch_optional(&mut **tx)
    .await?;
    let invited = row.and_then(invited_of).ok_or(AppError::LinkInvalid)?;
    match invited {
        Invited::Page { page_id, role } => {
            db::query("INSERT INTO members (care_page_id, account_id, role, joined_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING")
                .bind(page_id)
                .bind(account_id)
                .bind(role.as_db())
                .bind(At::now())
                .execute(&mut **tx)
                .await?;
            record(tx, page_id, account_id, &HistoryEvent::InvitationAccepted).await?;
        }
        Invited::Organisation {
            provider_id,
            role,
            location,
        } => crate::organisation::staff::join(tx, account_id, provider_id, role, location).await?,
    }
    Ok(invited)
}

/// The role of `account_id` on the page, if a member.
pub async fn role_of(db: &Db, page_id: i64, account_id: i64) -> AppResult<Option<Role>> {
    Ok(
        db::query_scalar("SELECT role FROM members WHERE care_page_id = $1 AND account_id = $2")
            .bind(page_id)
            .bind(account_id)
            .fetch_optional(db.reader())
            .await?,
    )
}

async fn name_of(tx: &mut db::Tx, account_id: i64) -> AppResult<String> {
    Ok(
        db::query_scalar("SELECT first_name || ' ' || last_name FROM accounts WHERE id = $1")
            .bind(account_id)
            .fetch_one(&mut **tx)
            .await?,
    )
}

pub async fn set_role(
    db: &Db,
    page_id: i64,
    account_id: i64,
    role: Role,
    by: i64,
) -> AppResult<()> {
    let mut tx = db.begin().await?;
    db::query(
        "UPDATE members SET role = $1 WHERE care_page_id = $2 AND account_id = $3 AND role != 'admin'",
    )
    .bind(role.as_db())
    .bind(page_id)
    .bind(account_id)
    .execute(&mut *tx)
    .await?;
    let name = name_of(&mut tx, account_id).await?;
    record(
        &mut tx,
        page_id,
        by,
        &HistoryEvent::RoleChanged { name, role },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// How a member came to leave, for the page's history.
#[derive(Clone, Copy, Debug)]
pub enum Departure {
    /// The admin withdrew their access.
    Removed,
    /// They left by themselves.
    Left,
}

/// Removes a member (never the admin); their calendar feed for the page goes
/// too, and so does "Ik help elke keer" on its appointments (someone without
/// access would otherwise stay named on every future occurrence).
pub async fn remove(
    db: &Db,
    page_id: i64,
    account_id: i64,
    by: i64,
    how: Departure,
) -> AppResult<()> {
    let mut tx = db.begin().await?;
    db::query(
        "DELETE FROM members WHERE care_page_id = $1 AND account_id = $2 AND role != 'admin'",
    )
    .bind(page_id)
    .bind(account_id)
    .execute(&mut *tx)
    .await?;
    db::query("DELETE FROM calendar_feeds WHERE care_page_id = $1 AND account_id = $2")
        .bind(page_id)
        .bind(account_id)
        .execute(&mut *tx)
        .await?;
    db::query(
        "DELETE FROM series_helpers WHERE account_id = $1
         AND appointment_id IN (SELECT id FROM appointments WHERE care_page_id = $2)",
    )
    .bind(account_id)
    .bind(page_id)
    .execute(&mut *tx)
    .await?;
    let name = name_of(&mut tx, account_id).await?;
    let event = match how {
        Departure::Removed => HistoryEvent::AccessRemoved { name },
        Departure::Left => HistoryEvent::Left { name },
    };
    record(&mut tx, page_id, by, &event).await?;
    tx.commit().await?;
    Ok(())
}

/// The admin role moves to `to`; the old admin joins the trusted group. In
/// one transaction, demoting first, so there is never more or less than one.
pub async fn hand_over(db: &Db, page_id: i64, from: i64, to: i64) -> AppResult<()> {
    let mut tx = db.begin().await?;
    db::query("UPDATE members SET role = 'trusted' WHERE care_page_id = $1 AND account_id = $2 AND role = 'admin'")
        .bind(page_id)
        .bind(from)
        .execute(&mut *tx)
        .await?;
    let promoted =
        db::query("UPDATE members SET role = 'admin' WHERE care_page_id = $1 AND account_id = $2")
            .bind(page_id)
            .bind(to)
            .execute(&mut *tx)
            .await?;
    if promoted.rows_affected() != 1 {
        return Err(AppError::NotFound);
    }
    let name = name_of(&mut tx, to).await?;
    record(&mut tx, page_id, from, &HistoryEvent::HandedOver { name }).await?;
    tx.commit().await?;
    Ok(())
}
