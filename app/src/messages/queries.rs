//! Database queries of messages (server only). They read and write; whether
//! the reader may see a thread is asked of the policy by the callers.

use super::excerpt;
use crate::db;
use crate::db::{At, Db};
use crate::error::{AppError, AppResult, Counted, Refusal};
use crate::policy::ThreadAudience;
use chrono::{DateTime, Utc};

/// A thread's facts that decide who may read it.
pub struct ThreadRow {
    pub id: i64,
    pub subject: String,
    pub audience: ThreadAudience,
    pub shared_with: Option<String>,
}

fn audience(provider_id: Option<i64>) -> ThreadAudience {
    match provider_id {
        Some(provider_id) => ThreadAudience::Provider { provider_id },
        None => ThreadAudience::Family,
    }
}

/// The thread `thread_id` if it belongs to `page_id`; an id from another page is not found.
pub async fn thread(db: &Db, page_id: i64, thread_id: i64) -> AppResult<ThreadRow> {
    #[derive(sqlx::FromRow)]
    struct Row {
        id: i64,
        subject: String,
        provider_id: Option<i64>,
        shared_with: Option<String>,
    }
    let row: Row = db::query_as(
        "SELECT t.id, t.subject, t.provider_id, p.name AS shared_with
         FROM threads t LEFT JOIN providers p ON p.id = t.provider_id
         WHERE t.id = $1 AND t.care_page_id = $2",
    )
    .bind(thread_id)
    .bind(page_id)
    .fetch_optional(db.reader())
    .await?
    .ok_or(AppError::NotFound)?;
    Ok(ThreadRow {
        id: row.id,
        subject: row.subject,
        audience: audience(row.provider_id),
        shared_with: row.shared_with,
    })
}

/// One line of the thread list, before the policy filters it.
pub struct ListRow {
    pub thread: ThreadRow,
    pub last_author: String,
    pub last_body: String,
    pub last_at: DateTime<Utc>,
    pub unread: i64,
}

/// Which threads [`threads`] lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Listing {
    All,
    /// Only those with messages the reader has not read (the Overzicht).
    Unread,
}

/// The page's threads, newest activity first, with what `reader` has not read.
pub async fn threads(
    db: &Db,
    page_id: i64,
    reader: i64,
    listing: Listing,
) -> AppResult<Vec<ListRow>> {
    #[derive(sqlx::FromRow)]
    struct Row {
        id: i64,
        subject: String,
        provider_id: Option<i64>,
        shared_with: Option<String>,
        author: Option<String>,
        body: String,
        last_message_at: DateTime<Utc>,
        unread: i64,
    }
    let rows: Vec<Row> = db::query_as(
        "SELECT * FROM (
             SELECT t.id, t.subject, t.provider_id, p.name AS shared_with,
                    a.first_name || ' ' || a.last_name AS author, m.body, t.last_message_at,
                    (SELECT COUNT(*) FROM messages n
                     WHERE n.thread_id = t.id AND n.author_id IS DISTINCT FROM $2
                       AND n.id > COALESCE((SELECT last_read_id FROM thread_reads r
                                            WHERE r.thread_id = t.id AND r.account_id = $2), 0)) AS unread
             FROM threads t
             LEFT JOIN providers p ON p.id = t.provider_id
             JOIN messages m ON m.id = (SELECT MAX(id) FROM messages WHERE thread_id = t.id)
             LEFT JOIN accounts a ON a.id = m.author_id
             WHERE t.care_page_id = $1) AS listed
         WHERE NOT $3 OR unread > 0
         ORDER BY last_message_at DESC, id DESC",
    )
    .bind(page_id)
    .bind(reader)
    .bind(listing == Listing::Unread)
    .fetch_all(db.reader())
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| ListRow {
            thread: ThreadRow {
                id: row.id,
                subject: row.subject,
                audience: audience(row.provider_id),
                shared_with: row.shared_with,
            },
            last_author: row.author.unwrap_or_default(),
            last_body: excerpt(&row.body, 120),
            last_at: row.last_message_at,
            unread: row.unread,
        })
        .collect())
}

/// A message of a thread as stored, with its author's name (gone when the
/// account is) and organisation.
#[derive(sqlx::FromRow)]
pub struct StoredMessage {
    pub id: i64,
    pub author_id: Option<i64>,
    pub author: Option<String>,
    pub organisation: Option<String>,
    pub body: String,
    pub created_at: DateTime<Utc>,
}

pub async fn messages(db: &Db, thread_id: i64) -> AppResult<Vec<StoredMessage>> {
    Ok(db::query_as(
        "SELECT m.id, m.author_id, a.first_name || ' ' || a.last_name AS author,
                p.name AS organisation, m.body, m.created_at
         FROM messages m
         LEFT JOIN accounts a ON a.id = m.author_id
         LEFT JOIN providers p ON p.id = m.provider_id
         WHERE m.thread_id = $1 ORDER BY m.id",
    )
    .bind(thread_id)
    .fetch_all(db.reader())
    .await?)
}

/// Starts a thread with its first message; returns the thread's id.
/// A new thread with its first message, inside the change that also
/// queues its e-mails (and, for a broadcast, starts it on many pages).
pub async fn start_in(
    tx: &mut db::Tx,
    page_id: i64,
    audience: ThreadAudience,
    subject: &str,
    body: &str,
    author: &crate::accounts::Account,
) -> AppResult<(i64, i64)> {
    let provider_id = match audience {
        ThreadAudience::Family => None,
        ThreadAudience::Provider { provider_id } => Some(provider_id),
    };
    let now = At::now();
    let threads: i64 = db::query_scalar("SELECT COUNT(*) FROM threads WHERE care_page_id = $1")
        .bind(page_id)
        .fetch_one(&mut **tx)
        .await?;
    if threads >= super::MAX_THREADS_PER_PAGE {
        return Err(AppError::Refused(Refusal::TooMany {
            what: Counted::Threads,
            max: super::MAX_THREADS_PER_PAGE,
        }));
    }
    let thread_id: i64 = db::query_scalar(
        "INSERT INTO threads (care_page_id, provider_id, subject, started_by, created_at, last_message_at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(page_id)
    .bind(provider_id)
    .bind(subject)
    .bind(author.id)
    .bind(now)
    .bind(now)
    .fetch_one(&mut **tx)
    .await?;
    let message_id = insert_message(tx, thread_id, body, author, now).await?;
    Ok((thread_id, message_id))
}

/// Adds a reply; the thread keeps its audience. Returns the message's id.
/// A reply, inside the change that also queues its e-mails.
pub async fn reply_in(
    tx: &mut db::Tx,
    thread_id: i64,
    body: &str,
    author: &crate::accounts::Account,
) -> AppResult<i64> {
    let now = At::now();
    let message_id = insert_message(tx, thread_id, body, author, now).await?;
    db::query("UPDATE threads SET last_message_at = $1 WHERE id = $2")
        .bind(now)
        .bind(thread_id)
        .execute(&mut **tx)
        .await?;
    Ok(message_id)
}

async fn insert_message(
    tx: &mut db::Tx,
    thread_id: i64,
    body: &str,
    author: &crate::accounts::Account,
    now: At,
) -> AppResult<i64> {
    let message_id: i64 = db::query_scalar(
        "INSERT INTO messages (thread_id, author_id, provider_id, body, created_at, care_page_id)
         VALUES ($1, $2, $3, $4, $5, (SELECT care_page_id FROM threads WHERE id = $1))
         RETURNING id",
    )
    .bind(thread_id)
    .bind(author.id)
    .bind(author.provider_id)
    .bind(body)
    .bind(now)
    .fetch_one(&mut **tx)
    .await?;
    // Writing a message means having read the thread up to it.
    db::query(
        "INSERT INTO thread_reads (thread_id, account_id, last_read_id, care_page_id)
         VALUES ($1, $2, $3, (SELECT care_page_id FROM threads WHERE id = $1))
         ON CONFLICT (thread_id, account_id) DO UPDATE SET last_read_id = excluded.last_read_id",
    )
    .bind(thread_id)
    .bind(author.id)
    .bind(message_id)
    .execute(&mut **tx)
    .await?;
    Ok(message_id)
}

/// Marks the thread read up to `message_id`; writes only when that is news,
/// so a reader who keeps the thread open costs no writes.
pub async fn mark_read(db: &Db, thread_id: i64, reader: i64, message_id: i64) -> AppResult<()> {
    let read: Option<i64> = db::query_scalar(
        "SELECT last_read_id FROM thread_reads WHERE thread_id = $1 AND account_id = $2",
    )
    .bind(thread_id)
    .bind(reader)
    .fetch_optional(db.reader())
    .await?;
    if read.is_some_and(|read| read >= message_id) {
        return Ok(());
    }
    db::query(
        "INSERT INTO thread_reads (thread_id, account_id, last_read_id, care_page_id)
         VALUES ($1, $2, $3, (SELECT care_page_id FROM threads WHERE id = $1))
         ON CONFLICT (thread_id, account_id) DO UPDATE SET last_read_id =
             CASE WHEN excluded.last_read_id > thread_reads.last_read_id
                  THEN excluded.last_read_id ELSE thread_reads.last_read_id END",
    )
    .bind(thread_id)
    .bind(reader)
    .bind(message_id)
    .execute(db.writer())
    .await?;
    Ok(())
}

pub async fn mail_on_new(db: &Db, page_id: i64, account_id: i64) -> AppResult<bool> {
    let found: Option<bool> = db::query_scalar(
        "SELECT TRUE FROM message_mail WHERE care_page_id = $1 AND account_id = $2",
    )
    .bind(page_id)
    .bind(account_id)
    .fetch_optional(db.reader())
    .await?;
    Ok(found.is_some())
}

/// Through any executor: the writer, or the transaction that saves all of
/// a member's mail choices for a page.
pub async fn set_mail_on_new<'e, E: db::Executor<'e>>(
    executor: E,
    page_id: i64,
    account_id: i64,
    on: bool,
) -> AppResult<()> {
    let statement = if on {
        "INSERT INTO message_mail (care_page_id, account_id) VALUES ($1, $2) ON CONFLICT DO NOTHING"
    } else {
        "DELETE FROM message_mail WHERE care_page_id = $1 AND account_id = $2"
    };
    db::query(statement)
        .bind(page_id)
        .bind(account_id)
        .execute(executor)
        .await?;
    Ok(())
}

/// A member who asked for mail about new messages.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Subscriber {
    pub account_id: i64,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub role: String,
    pub language: String,
    /// In the daily mail rather than on its own.
    pub daily_digest: bool,
}

pub async fn mail_subscribers(db: &Db, page_id: i64) -> AppResult<Vec<Subscriber>> {
    Ok(db::query_as(
        "SELECT a.id AS account_id, a.first_name, a.last_name, a.email, m.role, a.language,
                COALESCE(c.daily_digest, FALSE) AS daily_digest
         FROM message_mail s
         JOIN members m ON m.care_page_id = s.care_page_id AND m.account_id = s.account_id
         JOIN accounts a ON a.id = s.account_id
         LEFT JOIN mail_choices c ON c.care_page_id = s.care_page_id AND c.account_id = s.account_id
         WHERE s.care_page_id = $1",
    )
    .bind(page_id)
    .fetch_all(db.reader())
    .await?)
}
