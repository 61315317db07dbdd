//! The two facts the access policy reads: a member's role on a page, and
//! whether an organisation is linked to it.

use crate::db;
use crate::db::Db;
use crate::error::AppResult;

/// The stored role of the account on the page, if it is a member.
pub async fn member_role(db: &Db, page_id: i64, account_id: i64) -> AppResult<Option<String>> {
    Ok(
        db::query_scalar("SELECT role FROM members WHERE care_page_id = $1 AND account_id = $2")
            .bind(page_id)
            .bind(account_id)
            .fetch_optional(db.reader())
            .await?,
    )
}

pub async fn provider_linked(db: &Db, page_id: i64, provider_id: i64) -> AppResult<bool> {
    let linked: Option<bool> = db::query_scalar(
        "SELECT TRUE FROM provider_links WHERE care_page_id = $1 AND provider_id = $2",
    )
    .bind(page_id)
    .bind(provider_id)
    .fetch_optional(db.reader())
    .await?;
    Ok(linked.is_some())
}
