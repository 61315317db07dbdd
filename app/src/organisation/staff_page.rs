//! `/organisatie/medewerkers`: the organisation's staff and locations; the
//! organisation admin invites, removes and places staff.

use super::pages::ConsoleNav;
use super::staff::{
    org_staff, role_name, AddLocation, AssignLocation, InviteStaff, RemoveStaff, StaffMember,
    StaffView,
};
use super::Location;
use crate::dates::date_with_year;
use crate::fields::EmailAddress;
use crate::i18n::{fill, t};
use crate::policy::StaffRole;
use crate::shell::form::{ActionDone, ActionError, ConfirmStep, Field, FieldErrors, Submit};
use crate::shell::notice::Notice;
use leptos::prelude::*;
use leptos_meta::Title;

/// The admin's changes, shared by every row.
#[derive(Clone, Copy)]
struct StaffActions {
    remove: ServerAction<RemoveStaff>,
    assign: ServerAction<AssignLocation>,
}

#[component]
pub fn StaffPage() -> impl IntoView {
    let text = t().org;
    let invite = ServerAction::<InviteStaff>::new();
    let add_location = ServerAction::<AddLocation>::new();
    let actions = StaffActions {
        remove: ServerAction::new(),
        assign: ServerAction::new(),
    };
    Notice::after(invite, text.staff_invited);
    Notice::after(add_location, text.location_added);
    Notice::after(actions.remove, text.staff_removed);
    Notice::after(actions.assign, text.staff_locations_saved);
    let view = Resource::new(
        move || {
            invite.version().get()
                + add_location.version().get()
                + actions.remove.version().get()
                + actions.assign.version().get()
        },
        |_| org_staff(),
    );
    view! {
        <Title text=format!("{} – {}", text.staff_nav, t().app_name)/>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match view.await {
                    Err(error) => view! {
                        <section class="card"><h1>{text.staff_nav}</h1><p class="error" role="alert">{error.to_string()}</p></section>
                    }.into_any(),
                    Ok(view) => view! { <Staff view invite add_location actions/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Staff(
    view: StaffView,
    invite: ServerAction<InviteStaff>,
    add_location: ServerAction<AddLocation>,
    actions: StaffActions,
) -> impl IntoView {
    let text = t().org;
    let may_manage = view.may_manage;
    let locations = view.locations.clone();
    view! {
        <section class="card">
            <p class="page-of">{view.organisation.clone()}</p>
            <h1>{fill(text.staff_title, &[("organisation", &view.organisation)])}</h1>
            <ConsoleNav/>
            <ul class="members">
                {view.staff.into_iter().map(|member| {
                    let locations = locations.clone();
                    view! { <StaffRow member locations may_manage actions/> }
                }).collect_view()}
            </ul>
            <ActionError action=actions.remove/>
            <ActionError action=actions.assign/>
            <ActionDone action=actions.remove message=text.staff_removed/>
            <ActionDone action=actions.assign message=text.staff_locations_saved/>
            {(!view.pending.is_empty()).then(|| view! {
                <h2>{text.staff_pending}</h2>
                <ul class="members">
                    {view.pending.into_iter().map(|pending| view! {
                        <li>
                            <span class="member-name">{pending.email}</span>
                            <span>{role_name(pending.role)} ", " {fill(t().con_valid_until, &[("date", &date_with_year(pending.valid_until))])}</span>
                        </li>
                    }).collect_view()}
                </ul>
            })}
        </section>
        {may_manage.then(|| {
            let locations = view.locations.clone();
            view! {
                <section class="card narrow">
                    <h2>{text.invite_staff}</h2>
                    <ActionForm action=invite>
                        <FieldErrors action=invite>
                            <Field label=t().email name="email" kind="email" autocomplete="off" maxlength=EmailAddress::MAX_LEN/>
                            <div class="field">
                                <label for="veld-staff-role">{text.invite_role}</label>
                                <select id="veld-staff-role" name="role">
                                    <option value="employee" selected=true>{role_name(StaffRole::Employee)}</option>
                                    <option value="admin">{role_name(StaffRole::Admin)}</option>
                                </select>
                            </div>
                            <div class="field">
                                <label for="veld-staff-location">{text.location_label}</label>
                                <select id="veld-staff-location" name="location">
                                    <option value="">{text.no_location}</option>
                                    {locations.into_iter().map(|location| view! {
                                        <option value=location.id.to_string()>{location.name}</option>
                                    }).collect_view()}
                                </select>
                            </div>
                            <ActionError action=invite/>
                            <Submit action=invite label=text.invite_staff/>
                        </FieldErrors>
                    </ActionForm>
                </section>
            }
        })}
        <section class="card narrow">
            <h2>{text.locations_title}</h2>
            <ul class="plain">
                {view.locations.into_iter().map(|location| view! { <li>{location.name}</li> }).collect_view()}
            </ul>
            {may_manage.then(|| view! {
                <ActionForm action=add_location>
                    <FieldErrors action=add_location>
                        <Field label=text.location_name name="name" autocomplete="off" maxlength=super::MAX_LOCATION_NAME_LEN/>
                        <ActionError action=add_location/>
                        <Submit action=add_location label=text.add_location/>
                    </FieldErrors>
                </ActionForm>
            })}
        </section>
    }
}

/// One staff member: name, role, locations; for the admin, placing them at
/// a location, taking them off one, and removing them (after a step).
#[component]
fn StaffRow(
    member: StaffMember,
    locations: Vec<Location>,
    may_manage: bool,
    actions: StaffActions,
) -> impl IntoView {
    let text = t().org;
    let account_id = member.account_id.to_string();
    let other_locations: Vec<Location> = locations
        .into_iter()
        .filter(|location| !member.locations.iter().any(|own| own.id == location.id))
        .collect();
    let named = |label: &str| format!("{label} – {}", member.name);
    let (locations_label, select_label, save_label) = (
        named(text.col_locations),
        named(text.location_label),
        named(text.save_locations),
    );
    let select_id = format!("veld-plaats-{}", member.account_id);
    let (account_for_assign, account_for_remove) = (account_id.clone(), account_id.clone());
    let name = member.name.clone();
    view! {
        <li>
            <span class="member-name">{member.name.clone()} {member.is_me.then(|| format!(" {}", t().con_you))}</span>
            <span class="role">{role_name(member.role)}</span>
            <span class="hint">{member.email.clone()}</span>
            <ul class="tags" aria-label=locations_label>
                {member.locations.iter().cloned().map(|location| {
                    let label = format!("{} ×", location.name);
                    let aria = fill(text.unassign, &[("name", &member.name), ("location", &location.name)]);
                    let account_id = account_id.clone();
                    view! {
                        <li>
                            {if may_manage {
                                view! {
                                    <ActionForm action=actions.assign attr:class="inline">
                                        <input type="hidden" name="account_id" value=account_id/>
                                        <input type="hidden" name="location" value=location.id.to_string()/>
                                        <button type="submit" class="tag" aria-label=aria>{label}</button>
                                    </ActionForm>
                                }.into_any()
                            } else {
                                view! { <span class="tag">{location.name}</span> }.into_any()
                            }}
                        </li>
                    }
                }).collect_view()}
            </ul>
            {(may_manage && !other_locations.is_empty()).then(|| view! {
                <ActionForm action=actions.assign attr:class="inline">
                    <input type="hidden" name="account_id" value=account_for_assign/>
                    <input type="hidden" name="on" value="on"/>
                    <label for=select_id.clone() class="visually-hidden">{select_label}</label>
                    <select id=select_id name="location">
                        {other_locations.into_iter().map(|location| view! {
                            <option value=location.id.to_string()>{location.name}</option>
                        }).collect_view()}
                    </select>
                    <button type="submit" aria-label=save_label>{text.save_locations}</button>
                </ActionForm>
            })}
            {(may_manage && !member.is_me).then(|| {
                let explanation = fill(text.remove_staff_confirm, &[("name", &name)]);
                view! {
                    <ConfirmStep label=text.remove_staff whom=name explanation>
                        <ActionForm action=actions.remove attr:class="inline">
                            <input type="hidden" name="account_id" value=account_for_remove/>
                            <button type="submit" class="danger">{text.remove_staff}</button>
                        </ActionForm>
                    </ConfirmStep>
                }
            })}
        </li>
    }
}
