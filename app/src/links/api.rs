//! Server functions of links: entering a code, the linked organisations of
//! a page, ending a link from the family's side.

use super::{OrganisationsView, PageChoice};
use crate::error::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    super::{code::ActivationCode, queries, CodeTarget},
    crate::access::authorize,
    crate::accounts::session,
    crate::i18n::{fill, t},
    crate::policy::{allows, Action},
    crate::state::app_state,
};

/// The pages the account may enter a code for (it is their admin).
#[server(prefix = "/api", endpoint = "code_choices")]
pub async fn code_choices() -> Result<Vec<PageChoice>, AppError> {
    let state = app_state()?;
    let account = session::require_account(&state.db).await?;
    queries::admin_pages(&state.db, account.id).await
}

/// "Code invoeren": links the organisation of the letter to one of the
/// account's pages, or to a new page for the client.
#[server(prefix = "/api", endpoint = "enter_code")]
pub async fn enter_code(
    code: String,
    #[server(default)] birth_date: crate::form_value::DateField,
    #[server(default)] target: String,
) -> Result<(), AppError> {
    let state = app_state()?;
    let account = session::require_account(&state.db).await?;
    let text = t().org;
    let code = ActivationCode::parse(&code)
        .ok_or_else(|| AppError::in_field("code")(text.code_hint.to_string()))?;
    let birth_date = birth_date.0.ok_or_else(|| {
        AppError::in_field("birth_date")(crate::fields::required(text.birth_date_label))
    })?;
    let target = CodeTarget::from_value(&target).ok_or_else(|| {
        AppError::in_field("target")(crate::fields::required(text.for_which_page))
    })?;
    if let CodeTarget::Page(page_id) = target {
        authorize(&state, page_id, Action::ManagePage).await?;
    }
    super::CODE_TRIES
        .take(&state.db, &account.id.to_string(), text.code_too_many_tries)
        .await?;
    let queries::Redeemed {
        page_id,
        organisation,
    } = queries::redeem(&state.db, &state.key, account.id, &code, birth_date, target).await?;
    crate::accounts::flash::notice_for_next_page(
        &state.db,
        fill(text.linked_notice, &[("organisation", &organisation)]),
    )
    .await?;
    leptos_axum::redirect(&crate::routes::page(page_id).connections());
    Ok(())
}

/// The organisations linked to a page, for Connecties.
#[server(prefix = "/api", endpoint = "linked_organisations")]
pub async fn linked_organisations(page_id: i64) -> Result<OrganisationsView, AppError> {
    let state = app_state()?;
    let (_, actor) = authorize(&state, page_id, Action::ViewPersonDetails).await?;
    Ok(OrganisationsView {
        organisations: queries::linked(&state.db, page_id).await?,
        may_manage: allows(actor, Action::ManagePage),
    })
}

/// The admin ends the link with an organisation, with a fresh code when the
/// account has a second factor (the organisation loses the page at once).
#[server(prefix = "/api", endpoint = "end_organisation_link")]
pub async fn end_organisation_link(page_id: i64, provider_id: i64) -> Result<(), AppError> {
    let state = app_state()?;
    let (account, _) = authorize(&state, page_id, Action::ManagePage).await?;
    crate::two_factor::reconfirm::require_recent(&state, &account).await?;
    if !queries::end(&state.db, page_id, provider_id, account.id).await? {
        return Err(AppError::NotFound);
    }
    crate::accounts::flash::notice(&state.db, t().org.link_ended).await
}
