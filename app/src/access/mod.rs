//! Where the actor comes from: the server looks it up for every request, from
//! the session's account and the page id in the request; never from the client.

pub mod queries;

use crate::accounts::Account;
use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::policy::{allows, Action, Actor, Role};
use crate::state::AppState;

/// The actor that `account` is on care page `page_id`.
pub async fn actor_on_page(db: &Db, account: Option<&Account>, page_id: i64) -> AppResult<Actor> {
    let Some(account) = account else {
        return Ok(Actor::Anonymous);
    };
    let role = queries::member_role(db, page_id, account.id).await?;
    if let Some(role) = role.as_deref().and_then(Role::from_db) {
        return Ok(Actor::Member(role));
    }
    if let Some(provider_id) = account.provider_id {
        if queries::provider_linked(db, page_id, provider_id).await? {
            return Ok(Actor::LinkedStaff);
        }
    }
    Ok(Actor::Stranger)
}

/// Asks the policy for this request: the session's account, on this page,
/// doing this. A denial never says whether the page exists.
pub async fn authorize(
    state: &AppState,
    page_id: i64,
    action: Action,
) -> AppResult<(Account, Actor)> {
    let account = crate::accounts::session::current_account(&state.db).await?;
    authorize_account(state, account, page_id, action).await
}

/// The session's account and what it is on the page, without deciding yet:
/// for callers that must record a refusal before they answer (the dossier).
pub async fn actor_for_request(
    state: &AppState,
    page_id: i64,
) -> AppResult<(Option<Account>, Actor)> {
    let account = crate::accounts::session::current_account(&state.db).await?;
    let actor = actor_of(state, account.as_ref(), page_id).await?;
    Ok((account, actor))
}

/// What `account` (however it was found: a session, a route outside
/// Leptos) is on the page, with the installation's two-step rule applied.
pub async fn actor_of(
    state: &AppState,
    account: Option<&Account>,
    page_id: i64,
) -> AppResult<Actor> {
    if let Some(account) = account {
        require_second_factor_if_asked(state, account.id).await?;
    }
    actor_on_page(&state.db, account, page_id).await
}

/// An installation that requires two-step login for everyone opens no care
/// page to an account without it; Mijn gegevens stays open to set it up.
/// The setting comes from the state every caller holds, never from a
/// reactive context (which routes outside Leptos do not have).
pub async fn require_second_factor_if_asked(state: &AppState, account_id: i64) -> AppResult<()> {
    if state.settings.require_two_factor
        && crate::two_factor::factor_of(&state.db, account_id)
            .await?
            .is_none()
    {
        return Err(AppError::invalid(crate::i18n::t().tf_required_first));
    }
    Ok(())
}

/// [`authorize`] for an account found some other way (a route outside Leptos).
pub async fn authorize_account(
    state: &AppState,
    account: Option<Account>,
    page_id: i64,
    action: Action,
) -> AppResult<(Account, Actor)> {
    let actor = actor_of(state, account.as_ref(), page_id).await?;
    match account {
        None => Err(AppError::NotLoggedIn),
        Some(account) if allows(actor, action) => Ok((account, actor)),
        Some(_) => Err(AppError::NotFound),
    }
}

/// Asks the organisation policy for this request: the session's account, as
/// staff of its own organisation, doing `action`. Everyone else is refused
/// as "not found"; the logged-out are asked to log in.
pub async fn authorize_org(
    state: &AppState,
    action: crate::policy::OrgAction,
) -> AppResult<crate::organisation::Staff> {
    use crate::policy::{org_allows, OrgActor};
    let Some(account) = crate::accounts::session::current_account(&state.db).await? else {
        org_allows(OrgActor::Anonymous, action);
        return Err(AppError::NotLoggedIn);
    };
    require_second_factor_if_asked(state, account.id).await?;
    let staff = crate::organisation::queries::staff_of(&state.db, account.id).await?;
    let actor = staff
        .as_ref()
        .map_or(OrgActor::Outsider, |staff| OrgActor::Staff(staff.role));
    match staff {
        Some(staff) if org_allows(actor, action) => Ok(staff),
        _ => Err(AppError::NotFound),
    }
}
