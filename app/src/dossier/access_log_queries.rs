//! The statements behind the dossier's access log (`dossier_access_log`,
//! `access_log_repeats`). Rows are only ever added; the chain's hashes are
//! computed in `access_log`, never here.

use super::access_log::Row;
use crate::db;
use crate::db::Db;
use crate::error::AppResult;
use chrono::{DateTime, Utc};

type Tx<'a> = db::Tx;

pub async fn provider_name(tx: &mut Tx<'_>, provider_id: i64) -> AppResult<Option<String>> {
    Ok(db::query_scalar("SELECT name FROM providers WHERE id = $1")
        .bind(provider_id)
        .fetch_optional(&mut **tx)
        .await?)
}

/// The newest row's id and hash, which the next row chains to.
#[derive(sqlx::FromRow)]
pub struct ChainEnd {
    pub id: i64,
    pub row_hash: Vec<u8>,
}

pub async fn chain_end(tx: &mut Tx<'_>) -> AppResult<Option<ChainEnd>> {
    Ok(
        db::query_as("SELECT id, row_hash FROM dossier_access_log ORDER BY id DESC LIMIT 1")
            .fetch_optional(&mut **tx)
            .await?,
    )
}

pub async fn insert(tx: &mut Tx<'_>, row: &Row) -> AppResult<()> {
    db::query(
        "INSERT INTO dossier_access_log (id, at, account_id, account_name, role, provider_id,
             provider_name, care_page_id, what, outcome, prev_hash, row_hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
    )
    .bind(row.id)
    .bind(row.at)
    .bind(row.account_id)
    .bind(&row.account_name)
    .bind(&row.role)
    .bind(row.provider_id)
    .bind(&row.provider_name)
    .bind(row.care_page_id)
    .bind(&row.what)
    .bind(&row.outcome)
    .bind(&row.prev_hash)
    .bind(&row.row_hash)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub async fn page_exists(tx: &mut Tx<'_>, page_id: i64) -> AppResult<bool> {
    let found: Option<bool> = db::query_scalar("SELECT TRUE FROM care_pages WHERE id = $1")
        .bind(page_id)
        .fetch_optional(&mut **tx)
        .await?;
    Ok(found.is_some())
}

/// A refusal's row: its id and when.
#[derive(sqlx::FromRow)]
pub struct Refusal {
    pub id: i64,
    pub at: DateTime<Utc>,
}

/// The account's newest refusal of `what` on the page.
pub async fn last_refusal(
    tx: &mut Tx<'_>,
    account_id: i64,
    page_id: i64,
    what: &str,
) -> AppResult<Option<Refusal>> {
    Ok(db::query_as(
        "SELECT id, at FROM dossier_access_log
         WHERE account_id = $1 AND outcome = 'refused' AND care_page_id = $2 AND what = $3
         ORDER BY id DESC LIMIT 1",
    )
    .bind(account_id)
    .bind(page_id)
    .bind(what)
    .fetch_optional(&mut **tx)
    .await?)
}

/// The account's newest refusals anywhere, newest first.
pub async fn newest_refusals(
    tx: &mut Tx<'_>,
    account_id: i64,
    limit: i64,
) -> AppResult<Vec<Refusal>> {
    Ok(db::query_as(
        "SELECT id, at FROM dossier_access_log
         WHERE account_id = $1 AND outcome = 'refused' ORDER BY id DESC LIMIT $2",
    )
    .bind(account_id)
    .bind(limit)
    .fetch_all(&mut **tx)
    .await?)
}

/// One more repeat counted on the row.
pub async fn count_repeat(tx: &mut Tx<'_>, row_id: i64) -> AppResult<()> {
    db::query(
        "INSERT INTO access_log_repeats (row_id, repeats, care_page_id)
         VALUES ($1, 1, (SELECT care_page_id FROM dossier_access_log WHERE id = $1))
         ON CONFLICT (row_id) DO UPDATE SET repeats = access_log_repeats.repeats + 1",
    )
    .bind(row_id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Up to `limit` rows after `after_id`, in order.
pub async fn rows_after(db: &Db, after_id: i64, limit: i64) -> AppResult<Vec<Row>> {
    Ok(db::query_as(
        "SELECT id, at, account_id, account_name, role, provider_id, provider_name, care_page_id,
                what, outcome, prev_hash, row_hash
         FROM dossier_access_log WHERE id > $1 ORDER BY id LIMIT $2",
    )
    .bind(after_id)
    .bind(limit)
    .fetch_all(db.reader())
    .await?)
}

pub async fn has_row_hash(db: &Db, hash: &[u8]) -> AppResult<bool> {
    let found: Option<i64> =
        db::query_scalar("SELECT id FROM dossier_access_log WHERE row_hash = $1")
            .bind(hash)
            .fetch_optional(db.reader())
            .await?;
    Ok(found.is_some())
}
