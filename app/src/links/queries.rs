//! Database queries of links (server only). A link is two rows kept in step
//! in one transaction: `provider_links` (what the policy reads) and the
//! organisation's `clients` row (what its console shows).

use super::code::ActivationCode;
use super::{CodeTarget, LinkedOrganisation, PageChoice};
use crate::db;
use crate::db::{At, Db};
use crate::error::{AppError, AppResult, Refusal};
use crate::history::HistoryEvent;
use crate::secret::ServerKey;
use chrono::NaiveDate;

/// The pages an account is the admin of: where it may enter a code.
pub async fn admin_pages(db: &Db, account_id: i64) -> AppResult<Vec<PageChoice>> {
    Ok(db::query_as(
        "SELECT p.id, p.first_name || ' ' || p.last_name AS name FROM care_pages p
         JOIN members m ON m.care_page_id = p.id
         WHERE m.account_id = $1 AND m.role = 'admin'
         ORDER BY p.first_name, p.last_name, p.id",
    )
    .bind(account_id)
    .fetch_all(db.reader())
    .await?)
}

/// A code used: the page it linked, and the organisation's name.
pub struct Redeemed {
    pub page_id: i64,
    pub organisation: String,
}

/// Links the organisation whose client has `code` and `birth_date` to the
/// target page (made now for `NewPage`), uses up the code and writes the
/// page's history, all at once. Any mismatch is one refusal that does not
/// say what was wrong, and changes nothing. Returns the page and the
/// organisation's name.
pub async fn redeem(
    db: &Db,
    key: &ServerKey,
    account_id: i64,
    code: &ActivationCode,
    birth_date: NaiveDate,
    target: CodeTarget,
) -> AppResult<Redeemed> {
    let hashes = [code.hash(key), code.legacy_hash()];
    redeem_hash(db, account_id, &hashes, birth_date, target).await
}

/// [`redeem`] with the code's hashes: as stored now and as stored before
/// codes were keyed (a code kept since registration has one, given twice).
async fn redeem_hash(
    db: &Db,
    account_id: i64,
    code_hashes: &[Vec<u8>; 2],
    birth_date: NaiveDate,
    target: CodeTarget,
) -> AppResult<Redeemed> {
    let mut tx = db.begin().await?;
    let now = At::now();
    #[derive(sqlx::FromRow)]
    struct Client {
        id: i64,
        provider_id: i64,
        first_name: String,
        last_name: String,
        birth_date: NaiveDate,
        organisation: String,
    }
    let client: Option<Client> = db::query_as(
        "SELECT c.id, c.provider_id, c.first_name, c.last_name, c.birth_date, p.name AS organisation
         FROM clients c JOIN providers p ON p.id = c.provider_id
         WHERE c.code_hash IN ($1, $2) AND c.code_expires_at > $3",
    )
    .bind(&code_hashes[0])
    .bind(&code_hashes[1])
    .bind(now)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(client) = client.filter(|client| client.birth_date == birth_date) else {
        return Err(AppError::Refused(Refusal::CodeRefused));
    };
    let (client_id, provider_id) = (client.id, client.provider_id);
    let (first_name, last_name, organisation) =
        (client.first_name, client.last_name, client.organisation);
    let page_id = match target {
        CodeTarget::Page(page_id) => page_id,
        CodeTarget::NewPage => {
            crate::care_pages::create_in(&mut tx, account_id, &first_name, &last_name, birth_date)
                .await?
        }
    };
    let linked = db::query(
        "INSERT INTO provider_links (care_page_id, provider_id, linked_at) VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING",
    )
    .bind(page_id)
    .bind(provider_id)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    if linked.rows_affected() != 1 {
        return Err(AppError::Refused(Refusal::AlreadyLinked));
    }
    db::query(
        "UPDATE clients SET care_page_id = $1, linked_at = $2, unlinked_at = NULL,
                code_hash = NULL, code_expires_at = NULL
         WHERE id = $3",
    )
    .bind(page_id)
    .bind(now)
    .bind(client_id)
    .execute(&mut *tx)
    .await?;
    crate::history::record(
        &mut tx,
        page_id,
        account_id,
        &HistoryEvent::OrganisationLinked {
            organisation: organisation.clone(),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(Redeemed {
        page_id,
        organisation,
    })
}

/// Whether `code` is a live code of a client born on `birth_date` (while
/// registering: nothing is linked yet, and the answer is the same refusal).
pub async fn matches(
    db: &Db,
    key: &ServerKey,
    code: &ActivationCode,
    birth_date: NaiveDate,
) -> AppResult<bool> {
    let found: Option<bool> = db::query_scalar(
        "SELECT TRUE FROM clients WHERE code_hash IN ($1, $2) AND code_expires_at > $3 AND birth_date = $4",
    )
    .bind(code.hash(key))
    .bind(code.legacy_hash())
    .bind(At::now())
    .bind(birth_date)
    .fetch_optional(db.reader())
    .await?;
    Ok(found.is_some())
}

/// Keeps a code entered while registering until the address is confirmed.
pub async fn keep_pending(
    db: &Db,
    key: &ServerKey,
    account_id: i64,
    code: &ActivationCode,
    birth_date: NaiveDate,
) -> AppResult<()> {
    // Kept as the client's row has it: keyed, or (a code from before
    // codes were keyed) as its plain hash, so that it still matches.
    let hash = if matches_legacy(db, code).await? {
        code.legacy_hash()
    } else {
        code.hash(key)
    };
    db::query(
        "INSERT INTO pending_codes (account_id, code_hash, birth_date, created_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (account_id) DO UPDATE SET code_hash = excluded.code_hash,
             birth_date = excluded.birth_date, created_at = excluded.created_at",
    )
    .bind(account_id)
    .bind(hash)
    .bind(birth_date)
    .bind(At::now())
    .execute(db.writer())
    .await?;
    Ok(())
}

/// Uses the code the account entered while registering, now that its
/// address is confirmed: a new page for the client, linked. `None` when
/// there was none; the refusal when the code died in between (used by
/// someone else, expired), with the pending code gone either way.
pub async fn redeem_pending(db: &Db, account_id: i64) -> AppResult<Option<Redeemed>> {
    #[derive(sqlx::FromRow)]
    struct Pending {
        code_hash: Vec<u8>,
        birth_date: NaiveDate,
    }
    let pending: Option<Pending> = db::query_as(
        "DELETE FROM pending_codes WHERE account_id = $1 RETURNING code_hash, birth_date",
    )
    .bind(account_id)
    .fetch_optional(db.writer())
    .await?;
    let Some(pending) = pending else {
        return Ok(None);
    };
    let hashes = [pending.code_hash.clone(), pending.code_hash];
    redeem_hash(
        db,
        account_id,
        &hashes,
        pending.birth_date,
        CodeTarget::NewPage,
    )
    .await
    .map(Some)
}

/// The organisations linked to a page, with since when.
pub async fn linked(db: &Db, page_id: i64) -> AppResult<Vec<LinkedOrganisation>> {
    #[derive(sqlx::FromRow)]
    struct Link {
        id: i64,
        name: String,
        linked_at: chrono::DateTime<chrono::Utc>,
    }
    let rows: Vec<Link> = db::query_as(
        "SELECT p.id, p.name, l.linked_at FROM provider_links l
         JOIN providers p ON p.id = l.provider_id
         WHERE l.care_page_id = $1 ORDER BY p.name",
    )
    .bind(page_id)
    .fetch_all(db.reader())
    .await?;
    Ok(rows
        .into_iter()
        .map(|link| LinkedOrganisation {
            provider_id: link.id,
            name: link.name,
            since: Some(crate::dates::day_of(link.linked_at)),
        })
        .collect())
}

/// Ends the link between a page and an organisation, by a member (the
/// admin) or by the organisation's staff; `false` when there was none.
pub async fn end(db: &Db, page_id: i64, provider_id: i64, by: i64) -> AppResult<bool> {
    let mut tx = db.begin().await?;
    let ended = end_in(&mut tx, page_id, provider_id, by).await?;
    tx.commit().await?;
    Ok(ended)
}

async fn end_in(tx: &mut db::Tx, page_id: i64, provider_id: i64, by: i64) -> AppResult<bool> {
    let removed =
        db::query("DELETE FROM provider_links WHERE care_page_id = $1 AND provider_id = $2")
            .bind(page_id)
            .bind(provider_id)
            .execute(&mut **tx)
            .await?;
    if removed.rows_affected() != 1 {
        return Ok(false);
    }
    db::query(
        "UPDATE clients SET unlinked_at = $1
         WHERE provider_id = $2 AND care_page_id = $3 AND unlinked_at IS NULL",
    )
    .bind(At::now())
    .bind(provider_id)
    .bind(page_id)
    .execute(&mut **tx)
    .await?;
    let organisation: String = db::query_scalar("SELECT name FROM providers WHERE id = $1")
        .bind(provider_id)
        .fetch_one(&mut **tx)
        .await?;
    crate::history::record(
        tx,
        page_id,
        by,
        &HistoryEvent::OrganisationUnlinked { organisation },
    )
    .await?;
    Ok(true)
}

/// Whether a live client code is stored as it was before codes were keyed.
async fn matches_legacy(db: &Db, code: &ActivationCode) -> AppResult<bool> {
    let found: Option<bool> =
        db::query_scalar("SELECT TRUE FROM clients WHERE code_hash = $1 AND code_expires_at > $2")
            .bind(code.legacy_hash())
            .bind(At::now())
            .fetch_optional(db.reader())
            .await?;
    Ok(found.is_some())
}
