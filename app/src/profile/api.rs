//! Server functions of the person's profile. Every one asks the access policy.

use super::ProfileView;
use crate::error::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    super::queries,
    crate::access::authorize,
    crate::fields::{BirthDate, PersonName, PhoneNumber, PostalAddress},
    crate::i18n::{fill, t},
    crate::policy::{allows, Action},
    crate::state::app_state,
};

#[server(prefix = "/api", endpoint = "person_profile")]
pub async fn person_profile(page_id: i64) -> Result<ProfileView, AppError> {
    let state = app_state()?;
    let (_, actor) = authorize(&state, page_id, Action::ViewPersonDetails).await?;
    let row = queries::profile(&state.db, page_id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(ProfileView {
        page_id,
        first_name: row.first_name,
        last_name: row.last_name,
        birth_date: row.birth_date,
        address: row.address,
        phone: row.phone,
        photo_version: row.photo_version,
        providers: crate::care_pages::provider_names(&state.db, page_id).await?,
        can_edit: allows(actor, Action::EditPersonDetails),
        can_export_everything: allows(actor, Action::ExportPage),
        can_export_own: allows(actor, Action::ExportOwnWriting),
    })
}

/// The admin changes the person's name, birth date, address and phone.
#[server(prefix = "/api", endpoint = "edit_person")]
pub async fn edit_person(
    page_id: i64,
    first_name: String,
    last_name: String,
    #[server(default)] birth_date: crate::form_value::DateField,
    address: String,
    phone: String,
) -> Result<(), AppError> {
    let state = app_state()?;
    let (account, _) = authorize(&state, page_id, Action::EditPersonDetails).await?;
    let text = t();
    let first_name = PersonName::parse(&first_name, text.person_first_name)
        .map_err(AppError::in_field("first_name"))?;
    let last_name = PersonName::parse(&last_name, text.person_last_name)
        .map_err(AppError::in_field("last_name"))?;
    let birth_date = BirthDate::check(birth_date.0, crate::dates::today())
        .map_err(AppError::in_field("birth_date"))?;
    let address = PostalAddress::parse(&address).map_err(AppError::in_field("address"))?;
    let phone = PhoneNumber::parse(&phone).map_err(AppError::in_field("phone"))?;
    let details = queries::PersonDetails {
        first_name: first_name.as_str(),
        last_name: last_name.as_str(),
        birth_date: birth_date.date(),
        address: address.as_str(),
        phone: phone.as_str(),
    };
    queries::update(&state.db, page_id, details, account.id).await?;
    crate::accounts::flash::notice(&state.db, text.saved).await
}

#[server(prefix = "/api", endpoint = "remove_photo")]
pub async fn remove_photo(page_id: i64) -> Result<(), AppError> {
    let state = app_state()?;
    let (account, _) = authorize(&state, page_id, Action::EditPersonDetails).await?;
    queries::remove_photo(&state.db, page_id, account.id).await
}

/// The admin deletes the page and everything on it, after ticking the box
/// that says so, with the password and (with a second factor) a fresh code,
/// as for a change to the account: it erases what others wrote. The
/// members get an e-mail that the page is gone.
#[server(prefix = "/api", endpoint = "delete_care_page")]
pub async fn delete_care_page(
    page_id: i64,
    #[server(default)] confirm: crate::form_value::Checkbox,
    #[server(default)] current_password: String,
) -> Result<(), AppError> {
    let state = app_state()?;
    let (account, _) = authorize(&state, page_id, Action::DeletePage).await?;
    let text = t();
    if !confirm.0 {
        return Err(AppError::invalid(text.prof_delete_confirm_missing));
    }
    crate::account_settings::check_it_is_the_owner(&state, &account, current_password).await?;
    let page = crate::care_pages::page(&state.db, page_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let others = queries::other_members(&state.db, page_id, account.id).await?;
    let person = format!("{} {}", page.first_name, page.last_name);
    let admin = format!("{} {}", account.first_name, account.last_name);
    let notices: Vec<_> = others
        .into_iter()
        .map(
            |queries::OtherMember {
                 first_name,
                 email,
                 language,
             }| {
                // In the member's own language, not the admin's.
                let text = crate::i18n::Lang::from_code_or_default(&language).texts();
                let subject = fill(text.mail_page_deleted_subject, &[("person", &person)]);
                let body = fill(
                    text.mail_page_deleted_body,
                    &[
                        ("name", &first_name),
                        ("admin", &admin),
                        ("person", &person),
                    ],
                );
                crate::outbox::Outgoing::mail(&first_name, &email, &subject, &body)
            },
        )
        .collect();
    queries::delete_page(&state.db, page_id, &notices).await?;
    state.outbox.ring();
    leptos_axum::redirect(crate::routes::HOME);
    Ok(())
}
