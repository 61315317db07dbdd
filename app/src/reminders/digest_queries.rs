//! The daily mail's waiting lines (server only).

use crate::db;
use crate::db::{At, Db};
use crate::error::AppResult;
use chrono::{DateTime, Utc};

/// One line of news for a member's next daily mail, written through the
/// transaction of the news itself.
pub async fn add(
    connection: &mut db::Connection,
    account_id: i64,
    page_id: i64,
    line: &str,
) -> AppResult<()> {
    db::query(
        "INSERT INTO digest_items (account_id, care_page_id, line, created_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(account_id)
    .bind(page_id)
    .bind(line)
    .bind(At::now())
    .execute(connection)
    .await?;
    Ok(())
}

/// Accounts with lines from before `before`.
pub async fn waiting_accounts(db: &Db, before: DateTime<Utc>) -> AppResult<Vec<i64>> {
    Ok(
        db::query_scalar("SELECT DISTINCT account_id FROM digest_items WHERE created_at < $1")
            .bind(before)
            .fetch_all(db.reader())
            .await?,
    )
}

/// Takes the account's lines from before `before` out, oldest first, in
/// the transaction that queues their mail.
pub async fn take(
    connection: &mut db::Connection,
    account_id: i64,
    before: DateTime<Utc>,
) -> AppResult<Vec<String>> {
    #[derive(sqlx::FromRow)]
    struct Line {
        id: i64,
        line: String,
    }
    let mut lines: Vec<Line> = db::query_as(
        "DELETE FROM digest_items WHERE account_id = $1 AND created_at < $2 RETURNING id, line",
    )
    .bind(account_id)
    .bind(before)
    .fetch_all(connection)
    .await?;
    // RETURNING gives no order: the lines are told as they happened.
    lines.sort_by_key(|line| line.id);
    Ok(lines.into_iter().map(|line| line.line).collect())
}

/// Whom the daily mail goes to, and in which language.
#[derive(sqlx::FromRow)]
pub struct Addressee {
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub language: String,
}

pub async fn addressee(db: &Db, account_id: i64) -> AppResult<Option<Addressee>> {
    Ok(
        db::query_as("SELECT first_name, last_name, email, language FROM accounts WHERE id = $1")
            .bind(account_id)
            .fetch_optional(db.reader())
            .await?,
    )
}

/// Whether the account has the daily mail on for any page it belongs to.
pub async fn is_on(db: &Db, account_id: i64) -> AppResult<bool> {
    Ok(db::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM mail_choices c
                        JOIN members m ON m.care_page_id = c.care_page_id AND m.account_id = c.account_id
                        WHERE c.account_id = $1 AND c.daily_digest = TRUE)",
    )
    .bind(account_id)
    .fetch_one(db.reader())
    .await?)
}

/// The daily mail's "Afmelden": off, and with it the news it gathered
/// (new messages, help asked) on those pages; waiting lines go too.
pub async fn turn_off(db: &Db, account_id: i64) -> AppResult<()> {
    let mut tx = db.begin().await?;
    db::query(
        "DELETE FROM message_mail WHERE account_id = $1 AND care_page_id IN
             (SELECT care_page_id FROM mail_choices WHERE account_id = $1 AND daily_digest = TRUE)",
    )
    .bind(account_id)
    .execute(&mut *tx)
    .await?;
    db::query(
        "UPDATE mail_choices SET help_requests = FALSE, daily_digest = FALSE
         WHERE account_id = $1 AND daily_digest = TRUE",
    )
    .bind(account_id)
    .execute(&mut *tx)
    .await?;
    db::query("DELETE FROM digest_items WHERE account_id = $1")
        .bind(account_id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}
