//! The organisation's staff and locations: the admin invites staff by
//! e-mail (the invitation flow of care pages, with a staff role), removes
//! them (their access ends with their next request: every request reads the
//! account afresh), and assigns them to locations.

use super::Location;
use crate::error::AppError;
use crate::policy::StaffRole;
use chrono::NaiveDate;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
#[cfg(feature = "ssr")]
use {
    super::staff_queries as queries,
    crate::access::authorize_org,
    crate::fields::EmailAddress,
    crate::i18n::{fill, t},
    crate::policy::{org_allows, OrgAction, OrgActor},
    crate::state::app_state,
};

#[cfg(feature = "ssr")]
pub use super::staff_queries::{join, organisation_name};

/// A staff role in the interface language.
pub fn role_name(role: StaffRole) -> &'static str {
    let text = crate::i18n::t().org;
    match role {
        StaffRole::Admin => text.role_admin,
        StaffRole::Employee => text.role_employee,
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffMember {
    pub account_id: i64,
    pub name: String,
    pub email: String,
    pub role: StaffRole,
    pub locations: Vec<Location>,
    pub is_me: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingStaff {
    pub email: String,
    pub role: StaffRole,
    pub valid_until: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffView {
    pub organisation: String,
    pub staff: Vec<StaffMember>,
    pub pending: Vec<PendingStaff>,
    pub locations: Vec<Location>,
    pub may_manage: bool,
}

#[server(prefix = "/api", endpoint = "org_staff")]
pub async fn org_staff() -> Result<StaffView, AppError> {
    let state = app_state()?;
    let staff = authorize_org(&state, OrgAction::ViewStaff).await?;
    Ok(StaffView {
        staff: queries::staff(&state.db, staff.provider_id, staff.account_id).await?,
        pending: queries::pending(&state.db, staff.provider_id).await?,
        locations: super::queries::locations(&state.db, staff.provider_id).await?,
        may_manage: org_allows(OrgActor::Staff(staff.role), OrgAction::ManageStaff),
        organisation: staff.organisation,
    })
}

/// The organisation admin invites someone by e-mail, with a role and
/// perhaps a location.
#[server(prefix = "/api", endpoint = "invite_staff")]
pub async fn invite_staff(
    email: String,
    #[server(default)] role: Option<StaffRole>,
    #[server(default)] location: crate::form_value::IdField,
) -> Result<(), AppError> {
    let state = app_state()?;
    let admin = authorize_org(&state, OrgAction::ManageStaff).await?;
    let text = t();
    let email = EmailAddress::parse(&email).map_err(AppError::in_field("email"))?;
    let role = role.ok_or_else(|| AppError::invalid(text.err_role))?;
    if let Some(location) = location.0 {
        if !super::queries::is_own_location(&state.db, admin.provider_id, location).await? {
            return Err(AppError::NotFound);
        }
    }
    if queries::already_staff_or_invited(&state.db, admin.provider_id, email.as_str()).await? {
        return Err(AppError::in_field("email")(
            text.org.already_staff.to_string(),
        ));
    }
    crate::limits::take_mail_for(&state.db, admin.account_id, email.as_str()).await?;
    let (token, hash) = crate::accounts::session::new_token();
    let link = format!(
        "{}/uitnodiging?code={token}",
        state.settings.public_url.trim_end_matches('/')
    );
    let inviter = queries::name_of(&state.db, admin.account_id).await?;
    let mail_text = crate::accounts::language::of_address(&state.db, email.as_str())
        .await?
        .map_or_else(t, |lang| lang.texts());
    let names = [
        ("inviter", inviter.as_str()),
        ("organisation", admin.organisation.as_str()),
        ("role", &role_name(role).to_lowercase()),
        ("link", link.as_str()),
    ];
    let subject = fill(mail_text.org.mail_staff_subject, &names);
    let body = fill(mail_text.org.mail_staff_body, &names);
    let mail = crate::outbox::Outgoing::mail("", email.as_str(), &subject, &body);
    queries::create_invitation(
        &state.db,
        &admin,
        email.as_str(),
        role,
        location.0,
        &hash,
        &mail,
    )
    .await?;
    state.outbox.ring();
    crate::accounts::flash::notice(&state.db, text.org.staff_invited).await
}

/// The organisation admin removes a staff member (never themselves, so an
/// organisation always keeps an admin).
#[server(prefix = "/api", endpoint = "remove_staff")]
pub async fn remove_staff(account_id: i64) -> Result<(), AppError> {
    let state = app_state()?;
    let admin = authorize_org(&state, OrgAction::ManageStaff).await?;
    if account_id == admin.account_id {
        return Err(AppError::invalid(t().org.cannot_remove_self));
    }
    if !queries::remove(&state.db, admin.provider_id, account_id).await? {
        return Err(AppError::NotFound);
    }
    crate::accounts::flash::notice(&state.db, t().org.staff_removed).await
}

#[server(prefix = "/api", endpoint = "add_location")]
pub async fn add_location(name: String) -> Result<(), AppError> {
    let state = app_state()?;
    let admin = authorize_org(&state, OrgAction::ManageStaff).await?;
    let text = t().org;
    let name = name.trim();
    if name.is_empty() {
        return Err(AppError::in_field("name")(crate::fields::required(
            text.location_name,
        )));
    }
    if name.chars().count() > super::MAX_LOCATION_NAME_LEN {
        return Err(AppError::in_field("name")(fill(
            t().err_too_long,
            &[
                ("field", text.location_name),
                ("max", &super::MAX_LOCATION_NAME_LEN.to_string()),
            ],
        )));
    }
    queries::add_location(&state.db, admin.provider_id, name).await?;
    crate::accounts::flash::notice(&state.db, text.location_added).await
}

/// Puts a staff member at a location (`on`) or takes them off it.
#[server(prefix = "/api", endpoint = "assign_location")]
pub async fn assign_location(
    account_id: i64,
    #[server(default)] location: crate::form_value::IdField,
    #[server(default)] on: crate::form_value::Checkbox,
) -> Result<(), AppError> {
    let state = app_state()?;
    let admin = authorize_org(&state, OrgAction::ManageStaff).await?;
    let Some(location) = location.0 else {
        return Err(AppError::in_field("location")(crate::fields::required(
            t().org.location_label,
        )));
    };
    if !queries::assign(&state.db, admin.provider_id, account_id, location, on.0).await? {
        return Err(AppError::NotFound);
    }
    crate::accounts::flash::notice(&state.db, t().org.staff_locations_saved).await
}
