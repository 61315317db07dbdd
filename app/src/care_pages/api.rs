//! Server functions of care pages. Every one asks the access policy.

use super::CarePageView;
use crate::error::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    super::queries,
    crate::access::authorize,
    crate::accounts::session,
    crate::fields::{BirthDate, PersonName},
    crate::i18n::t,
    crate::policy::{allows, Action},
    crate::state::app_state,
};

/// "Voeg toe": starts a page for a person; the creator becomes its admin.
#[server(prefix = "/api", endpoint = "create_care_page")]
pub async fn create_care_page(
    first_name: String,
    last_name: String,
    #[server(default)] birth_date: crate::form_value::DateField,
) -> Result<i64, AppError> {
    let state = app_state()?;
    let account = session::require_account(&state.db).await?;
    let text = t();
    let first_name = PersonName::parse(&first_name, text.first_name)
        .map_err(AppError::in_field("first_name"))?;
    let last_name =
        PersonName::parse(&last_name, text.last_name).map_err(AppError::in_field("last_name"))?;
    let today = crate::dates::today();
    let birth_date =
        BirthDate::check(birth_date.0, today).map_err(AppError::in_field("birth_date"))?;
    let page_id = queries::create(
        &state.db,
        account.id,
        first_name.as_str(),
        last_name.as_str(),
        birth_date.date(),
    )
    .await?;
    leptos_axum::redirect(&crate::routes::page(page_id).overview());
    Ok(page_id)
}

/// A care page as the asking actor may see it.
#[server(prefix = "/api", endpoint = "care_page")]
pub async fn care_page(page_id: i64) -> Result<CarePageView, AppError> {
    let state = app_state()?;
    let (_, actor) = authorize(&state, page_id, Action::ViewPage).await?;
    let page = queries::page(&state.db, page_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let details = allows(actor, Action::ViewPersonDetails);
    let mut next_steps = Vec::new();
    if allows(actor, Action::ManagePage) && queries::member_count(&state.db, page_id).await? <= 1 {
        next_steps.push(super::NextStep::InviteFamily);
    }
    if allows(actor, Action::AddAppointment)
        && queries::appointment_count(&state.db, page_id).await? == 0
    {
        next_steps.push(super::NextStep::FirstAppointment);
    }
    Ok(CarePageView {
        id: page_id,
        first_name: page.first_name,
        last_name: page.last_name,
        birth_date: details.then_some(page.birth_date),
        actor,
        providers: if details {
            queries::provider_names(&state.db, page_id).await?
        } else {
            Vec::new()
        },
        next_steps,
    })
}
