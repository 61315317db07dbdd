//! The unsubscribe links and what they turn off (server only).

use super::{Kind, LINK_DAYS};
use crate::accounts::session::{hash_token, new_token};
use crate::db;
use crate::db::{At, Db};
use crate::error::AppResult;

/// A new code for `account_id` and `kind`, stored through `connection`;
/// links older than [`LINK_DAYS`] are removed on the way.
pub async fn new_code(
    connection: &mut db::Connection,
    account_id: i64,
    kind: Kind,
) -> AppResult<String> {
    let (code, hash) = new_token();
    let (kind_name, page_id) = columns(kind);
    let oldest = chrono::Utc::now() - chrono::Duration::days(LINK_DAYS);
    db::query("DELETE FROM unsubscribe_links WHERE created_at < $1")
        .bind(oldest)
        .execute(&mut *connection)
        .await?;
    db::query(
        "INSERT INTO unsubscribe_links (code_hash, account_id, kind, care_page_id, created_at)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(hash)
    .bind(account_id)
    .bind(kind_name)
    .bind(page_id)
    .bind(At::now())
    .execute(&mut *connection)
    .await?;
    Ok(code)
}

fn columns(kind: Kind) -> (&'static str, Option<i64>) {
    let name = match kind {
        Kind::Messages { .. } => "messages",
        Kind::Wellbeing => "wellbeing",
        Kind::HelpRequests { .. } => "help_requests",
        Kind::Reminders { .. } => "reminders",
        Kind::Digest => "digest",
    };
    (name, kind.page_id())
}

/// A live code: whose, and what it turns off.
pub struct LiveCode {
    pub account_id: i64,
    pub kind: Kind,
}

/// The account and kind of a live code.
pub async fn find(db: &Db, code: &str) -> AppResult<Option<LiveCode>> {
    #[derive(sqlx::FromRow)]
    struct Row {
        account_id: i64,
        kind: String,
        care_page_id: Option<i64>,
    }
    let oldest = chrono::Utc::now() - chrono::Duration::days(LINK_DAYS);
    let row: Option<Row> = db::query_as(
        "SELECT account_id, kind, care_page_id FROM unsubscribe_links
         WHERE code_hash = $1 AND created_at >= $2",
    )
    .bind(hash_token(code))
    .bind(oldest)
    .fetch_optional(db.reader())
    .await?;
    row.map(|row| {
        let kind = match (row.kind.as_str(), row.care_page_id) {
            ("messages", Some(page_id)) => Kind::Messages { page_id },
            ("help_requests", Some(page_id)) => Kind::HelpRequests { page_id },
            ("reminders", Some(page_id)) => Kind::Reminders { page_id },
            ("wellbeing", _) => Kind::Wellbeing,
            ("digest", _) => Kind::Digest,
            _ => return Err(crate::db::unreadable("unsubscribe kind")),
        };
        Ok(LiveCode {
            account_id: row.account_id,
            kind,
        })
    })
    .transpose()
}

/// Whether that mail is still on for the account.
pub async fn is_on(db: &Db, account_id: i64, kind: Kind) -> AppResult<bool> {
    let on: bool = match kind {
        Kind::Messages { page_id } => db::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM message_mail WHERE care_page_id = $1 AND account_id = $2)",
        )
        .bind(page_id)
        .bind(account_id)
        .fetch_one(db.reader())
        .await?,
        Kind::Wellbeing => db::query_scalar("SELECT strain_reminder FROM accounts WHERE id = $1")
            .bind(account_id)
            .fetch_optional(db.reader())
            .await?
            .unwrap_or(false),
        Kind::HelpRequests { page_id } | Kind::Reminders { page_id } => {
            let choice = crate::reminders::queries::choice(db, page_id, account_id).await?;
            match kind {
                Kind::HelpRequests { .. } => choice.help_requests,
                _ => choice.day_before || choice.week_before,
            }
        }
        Kind::Digest => crate::reminders::digest::is_on(db, account_id).await?,
    };
    Ok(on)
}

/// Turns the code's mail off; `false` when the code is not (or no longer) valid.
pub async fn turn_off(db: &Db, code: &str) -> AppResult<bool> {
    let Some(LiveCode { account_id, kind }) = find(db, code).await? else {
        return Ok(false);
    };
    match kind {
        Kind::Messages { page_id } => {
            db::query("DELETE FROM message_mail WHERE care_page_id = $1 AND account_id = $2")
                .bind(page_id)
                .bind(account_id)
                .execute(db.writer())
                .await?;
        }
        Kind::Wellbeing => {
            db::query("UPDATE accounts SET strain_reminder = FALSE WHERE id = $1")
                .bind(account_id)
                .execute(db.writer())
                .await?;
        }
        Kind::HelpRequests { page_id } | Kind::Reminders { page_id } => {
            let mut choice = crate::reminders::queries::choice(db, page_id, account_id).await?;
            if matches!(kind, Kind::HelpRequests { .. }) {
                choice.help_requests = false;
            } else {
                (choice.day_before, choice.week_before) = (false, false);
            }
            crate::reminders::queries::save_choice(db.writer(), page_id, account_id, &choice)
                .await?;
        }
        Kind::Digest => crate::reminders::digest::turn_off(db, account_id).await?,
    }
    Ok(true)
}
