//! Server functions of the console. Each asks the organisation policy first
//! and reads only within the asking staff member's own organisation.

use super::{ClientView, ConsoleView, IssuedCode};
use crate::error::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    super::queries,
    crate::access::authorize_org,
    crate::fields::{BirthDate, PersonName},
    crate::i18n::t,
    crate::policy::{org_allows, OrgAction, OrgActor},
    crate::state::app_state,
};

/// The client list: by name, optionally at one location.
#[server(prefix = "/api", endpoint = "org_clients")]
pub async fn org_clients(
    #[server(default)] search: String,
    #[server(default)] location: crate::form_value::IdField,
) -> Result<ConsoleView, AppError> {
    let state = app_state()?;
    let staff = authorize_org(&state, OrgAction::ViewClients).await?;
    let search: String = search.trim().chars().take(super::MAX_SEARCH_LEN).collect();
    let (clients, matching) = queries::clients(
        &state.db,
        staff.provider_id,
        &search,
        location.0,
        super::CLIENTS_PER_PAGE,
    )
    .await?;
    Ok(ConsoleView {
        organisation: staff.organisation,
        locations: queries::locations(&state.db, staff.provider_id).await?,
        clients,
        matching,
    })
}

#[server(prefix = "/api", endpoint = "add_client")]
pub async fn add_client(
    first_name: String,
    last_name: String,
    #[server(default)] birth_date: crate::form_value::DateField,
    #[server(default)] location: crate::form_value::IdField,
) -> Result<(), AppError> {
    let state = app_state()?;
    let staff = authorize_org(&state, OrgAction::AddClient).await?;
    let text = t();
    let first_name = PersonName::parse(&first_name, text.first_name)
        .map_err(AppError::in_field("first_name"))?;
    let last_name =
        PersonName::parse(&last_name, text.last_name).map_err(AppError::in_field("last_name"))?;
    let birth_date = BirthDate::check(birth_date.0, crate::dates::today())
        .map_err(AppError::in_field("birth_date"))?;
    let client_id = queries::add_client(
        &state.db,
        staff.provider_id,
        location.0,
        first_name.as_str(),
        last_name.as_str(),
        birth_date.date(),
    )
    .await?;
    crate::accounts::flash::notice_for_next_page(&state.db, text.org.client_added).await?;
    leptos_axum::redirect(&crate::routes::console_client(client_id));
    Ok(())
}

#[server(prefix = "/api", endpoint = "org_client")]
pub async fn org_client(client_id: i64) -> Result<ClientView, AppError> {
    let state = app_state()?;
    let staff = authorize_org(&state, OrgAction::ViewClients).await?;
    let mut client = queries::client(&state.db, &staff, client_id)
        .await?
        .ok_or(AppError::NotFound)?;
    // Asked for every client, linked or not: the access table names it.
    let may_end = org_allows(OrgActor::Staff(staff.role), OrgAction::EndLink);
    client.may_end_link = client.page_id.is_some() && may_end;
    Ok(client)
}

/// A new activation code for the client (the one before stops working).
/// The digits are answered once and kept nowhere; the letter is printed
/// with them now.
#[server(prefix = "/api", endpoint = "issue_code")]
pub async fn issue_code(client_id: i64) -> Result<IssuedCode, AppError> {
    let state = app_state()?;
    let staff = authorize_org(&state, OrgAction::IssueCode).await?;
    queries::issue_code(&state.db, &state.key, staff.provider_id, client_id).await
}

/// The organisation ends its link with the client's care page.
#[server(prefix = "/api", endpoint = "end_client_link")]
pub async fn end_client_link(client_id: i64) -> Result<(), AppError> {
    let state = app_state()?;
    let staff = authorize_org(&state, OrgAction::EndLink).await?;
    let account = crate::accounts::session::require_account(&state.db).await?;
    crate::two_factor::reconfirm::require_recent(&state, &account).await?;
    let page_id = queries::linked_page(&state.db, staff.provider_id, client_id)
        .await?
        .ok_or(AppError::NotFound)?;
    crate::links::queries::end(&state.db, page_id, staff.provider_id, staff.account_id).await?;
    crate::accounts::flash::notice(&state.db, t().org.link_ended).await
}
