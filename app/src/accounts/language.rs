//! The language an account reads in, for mail and text messages to someone
//! other than the person making the request (server only): a member told of
//! a new message hears it in their language, not the writer's.

use crate::db::Db;
use crate::error::AppResult;
use crate::i18n::Lang;

/// The account's language; Dutch for an account that is gone.
pub async fn of_account(db: &Db, account_id: i64) -> AppResult<Lang> {
    let code = super::queries::language_of(db, account_id).await?;
    Ok(code.map_or(Lang::Nl, |code| Lang::from_code_or_default(&code)))
}

/// The language of the account with this address, if there is one.
pub async fn of_address(db: &Db, email: &str) -> AppResult<Option<Lang>> {
    let code = super::queries::language_of_address(db, email).await?;
    Ok(code.map(|code| Lang::from_code_or_default(&code)))
}
