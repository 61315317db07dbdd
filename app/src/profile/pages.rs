//! The Profiel screen: the person's photo and details; for the admin the
//! forms to change them and to delete the page.

use super::api::{person_profile, DeleteCarePage, EditPerson, RemovePhoto};
use super::{PhotoOutcome, ProfileView, PHOTO_MAX_BYTES};
use crate::dates::date_with_year;
use crate::error::AppError;
use crate::fields::{PersonName, PhoneNumber, PostalAddress};
use crate::i18n::{fill, t};
use crate::routes::page_id_from_route;
use crate::shell::form::{ActionDone, ActionError, Field, FieldErrors, Submit};
use crate::shell::ViewerEpoch;
use crate::two_factor::pages::{ReconfirmSection, ReconfirmState};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn ProfilePage() -> impl IntoView {
    let text = t();
    let edit = ServerAction::<EditPerson>::new();
    let remove_photo = ServerAction::<RemovePhoto>::new();
    let delete = ServerAction::<DeleteCarePage>::new();
    // Made here with the page's other resources (see ReconfirmState).
    let reconfirm = ReconfirmState::new();
    crate::shell::notice::Notice::after(edit, t().saved);
    // A new name shows in "Ik zorg voor" at once; a deleted page leaves it.
    ViewerEpoch::refresh_after(edit);
    ViewerEpoch::refresh_after(delete);
    let actions = ProfileActions {
        edit,
        remove_photo,
        delete,
        reconfirm,
    };
    let photo_outcome = use_query_map()
        .read_untracked()
        .get("foto")
        .and_then(|value| PhotoOutcome::from_query(&value));
    let profile = Resource::new(
        move || {
            let versions = edit.version().get() + remove_photo.version().get();
            (page_id_from_route(), versions)
        },
        |(page_id, _)| async move {
            match page_id {
                Some(page_id) => person_profile(page_id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Title text=format!("{} – {}", text.nav_profile, text.app_name)/>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match profile.await {
                    Err(error) => view! {
                        <section class="card"><h1>{text.nav_profile}</h1><p class="error" role="alert">{error.to_string()}</p></section>
                    }.into_any(),
                    Ok(profile) => view! { <Profile profile actions photo_outcome/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[derive(Clone, Copy)]
struct ProfileActions {
    edit: ServerAction<EditPerson>,
    remove_photo: ServerAction<RemovePhoto>,
    delete: ServerAction<DeleteCarePage>,
    reconfirm: ReconfirmState,
}

#[component]
fn Profile(
    profile: ProfileView,
    actions: ProfileActions,
    photo_outcome: Option<PhotoOutcome>,
) -> impl IntoView {
    let text = t();
    let name = profile.full_name();
    let photo_alt = fill(text.prof_photo_of, &[("name", &name)]);
    view! {
        <section class="card profile">
            <h1>{text.nav_profile}</h1>
            {profile.photo_url().map(|src| view! {
                <img class="person-photo" src=src alt=photo_alt.clone() width="160" height="160"/>
            })}
            <dl class="details">
                <dt>{text.prof_name}</dt>
                <dd>{name.clone()}</dd>
                <dt>{text.birth_date}</dt>
                <dd>{date_with_year(profile.birth_date)}</dd>
                <dt>{text.address}</dt>
                <dd class="address">{if profile.address.is_empty() { text.prof_unknown.to_string() } else { profile.address.clone() }}</dd>
                <dt>{text.phone}</dt>
                <dd>{if profile.phone.is_empty() {
                    view! { {text.prof_unknown} }.into_any()
                } else {
                    let dial: String = profile.phone.chars().filter(|c| c.is_ascii_digit() || *c == '+').collect();
                    view! { <a href=format!("tel:{dial}")>{profile.phone.clone()}</a> }.into_any()
                }}</dd>
                <dt>{text.linked_providers}</dt>
                <dd>{if profile.providers.is_empty() { text.no_providers.to_string() } else { profile.providers.join(", ") }}</dd>
            </dl>
        </section>
        <Downloads profile=profile.clone()/>
        {profile.can_edit.then(|| view! { <EditForms profile actions photo_outcome/> })}
    }
}

/// "Gegevens downloaden": plain links, so they work without JavaScript and
/// the browser's own download is the answer.
#[component]
fn Downloads(profile: ProfileView) -> impl IntoView {
    let text = t();
    let page = crate::routes::page(profile.page_id);
    (profile.can_export_everything || profile.can_export_own).then(|| view! {
        <section class="card downloads">
            <h2>{text.prof_download_title}</h2>
            {profile.can_export_everything.then(|| view! {
                <p>{text.prof_download_everything_hint}</p>
                <p><a class="button primary" href=page.export_everything() download="">{text.prof_download_everything}</a></p>
            })}
            {profile.can_export_own.then(|| view! {
                <p>{text.prof_download_own_hint}</p>
                <p><a class="button" href=page.export_own_writing() download="">{text.prof_download_own}</a></p>
            })}
        </section>
    })
}

#[component]
fn EditForms(
    profile: ProfileView,
    actions: ProfileActions,
    photo_outcome: Option<PhotoOutcome>,
) -> impl IntoView {
    let text = t();
    let page_id = profile.page_id;
    let has_photo = profile.photo_version.is_some();
    let name = profile.full_name();
    let max_megabytes = (PHOTO_MAX_BYTES / (1024 * 1024)).to_string();
    let photo_hint = fill(text.prof_photo_hint, &[("megabytes", &max_megabytes)]);
    let delete_label = fill(text.prof_delete_confirm, &[("person", &name)]);
    view! {
        <section class="card">
            <h2>{text.prof_edit_title}</h2>
            <ActionForm action=actions.edit>
                <FieldErrors action=actions.edit>
                    <input type="hidden" name="page_id" value=page_id.to_string()/>
                    <Field label=text.person_first_name name="first_name" autocomplete="off" maxlength=PersonName::MAX_LEN value=profile.first_name.clone()/>
                    <Field label=text.person_last_name name="last_name" autocomplete="off" maxlength=PersonName::MAX_LEN value=profile.last_name.clone()/>
                    <Field label=text.birth_date name="birth_date" kind="date" value=profile.birth_date.to_string()/>
                    <div class="field">
                        <label for="veld-address">{text.address}</label>
                        <textarea id="veld-address" name="address" rows="3" maxlength=PostalAddress::MAX_LEN.to_string() autocomplete="off">
                            {profile.address.clone()}
                        </textarea>
                    </div>
                    <Field label=text.phone name="phone" kind="tel" required=false autocomplete="off" maxlength=PhoneNumber::MAX_LEN value=profile.phone.clone()/>
                    <ActionError action=actions.edit/>
                    <ActionDone action=actions.edit message=text.saved/>
                    <Submit action=actions.edit label=text.save/>
                </FieldErrors>
            </ActionForm>
        </section>
        <section class="card">
            <h2>{text.prof_photo_title}</h2>
            {photo_outcome.map(|outcome| {
                if outcome == PhotoOutcome::Saved {
                    view! { <p class="success" role="status">{outcome.message()}</p> }.into_any()
                } else {
                    view! { <p class="error" role="alert">{outcome.message()}</p> }.into_any()
                }
            })}
            // A plain form: the file goes up without JavaScript, and the
            // route sends the browser back here with the outcome.
            <form method="post" action=crate::routes::page(page_id).photo() enctype="multipart/form-data">
                <div class="field">
                    <label for="veld-foto">{text.prof_photo_choose}</label>
                    <p class="hint" id="veld-foto-uitleg">{photo_hint}</p>
                    <input id="veld-foto" type="file" name="foto" accept="image/jpeg,image/png,image/webp" required aria-describedby="veld-foto-uitleg"/>
                </div>
                <button type="submit" class="primary">{text.prof_photo_save}</button>
            </form>
            {has_photo.then(|| view! {
                <ActionForm action=actions.remove_photo attr:class="inline">
                    <input type="hidden" name="page_id" value=page_id.to_string()/>
                    <button type="submit" class="danger">{text.prof_photo_remove}</button>
                </ActionForm>
                <ActionError action=actions.remove_photo/>
            })}
        </section>
        <ReconfirmSection state=actions.reconfirm/>
        <section class="card danger-zone">
            <h2>{text.prof_delete_title}</h2>
            <p>{fill(text.prof_delete_intro, &[("person", &name)])}</p>
            <ActionForm action=actions.delete>
                <input type="hidden" name="page_id" value=page_id.to_string()/>
                <div class="field checkbox">
                    <input id="veld-confirm" type="checkbox" name="confirm" required/>
                    <label for="veld-confirm">{delete_label}</label>
                </div>
                <Field label=text.prof_delete_password name="current_password" id="wachtwoord-pagina-verwijderen"
                    kind="password" autocomplete="current-password" maxlength=crate::accounts::password::MAX_LEN/>
                <ActionError action=actions.delete/>
                <button type="submit" class="danger">{text.prof_delete_button}</button>
            </ActionForm>
        </section>
    }
}
