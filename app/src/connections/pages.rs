//! Screens of connections: the Connecties page and the invitation link's page.

use super::api::{
    connections, invitation, AcceptInvitation, HandOverAdmin, Invite, JoinWithNewAccount,
    LeavePage, RemoveMember, SetRole, WithdrawInvitation,
};
use super::{Connection, ConnectionsView, GivenRole, InvitationView};
use crate::accounts::password;
use crate::dates::date_with_year;
use crate::error::AppError;
use crate::fields::{EmailAddress, PersonName};
use crate::history::HistoryEntry;
use crate::i18n::{fill, t};
use crate::policy::Role;
use crate::routes::page_id_from_route;
use crate::shell::form::{ActionDone, ActionError, ConfirmStep, Field, FieldErrors, Submit};
use crate::shell::notice::Notice;
use crate::shell::ViewerEpoch;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

#[component]
pub fn ConnectionsPage() -> impl IntoView {
    let invite = ServerAction::<Invite>::new();
    let withdraw = ServerAction::<WithdrawInvitation>::new();
    let changes = MemberActions {
        set_role: ServerAction::new(),
        remove: ServerAction::new(),
        hand_over: ServerAction::new(),
        leave: ServerAction::new(),
    };
    let text = t();
    Notice::after(invite, text.con_invited);
    Notice::after(withdraw, text.con_withdrawn);
    Notice::after(changes.set_role, text.con_role_changed);
    Notice::after(changes.remove, text.con_removed);
    Notice::after(changes.hand_over, text.con_handed_over);
    ViewerEpoch::refresh_after(changes.leave);
    let links = crate::links::pages::OrganisationLinks::new(page_id_from_route);
    let view = Resource::new(
        move || {
            // Ending an organisation's link writes the history shown here.
            let versions = links.end.version().get()
                + invite.version().get()
                + withdraw.version().get()
                + changes.set_role.version().get()
                + changes.remove.version().get()
                + changes.hand_over.version().get();
            (page_id_from_route(), versions)
        },
        |(page_id, _)| async move {
            match page_id {
                Some(page_id) => connections(page_id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    let text = t();
    view! {
        <Title text=format!("{} – {}", text.nav_connections, text.app_name)/>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match view.await {
                    Err(error) => view! {
                        <section class="card"><h1>{text.nav_connections}</h1><p class="error" role="alert">{error.to_string()}</p></section>
                    }.into_any(),
                    Ok(view) => view! { <Connections view invite withdraw changes links/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// What the admin (and, for leaving, a member) can do to a membership.
#[derive(Clone, Copy)]
struct MemberActions {
    set_role: ServerAction<SetRole>,
    remove: ServerAction<RemoveMember>,
    hand_over: ServerAction<HandOverAdmin>,
    leave: ServerAction<LeavePage>,
}

#[component]
fn Connections(
    view: ConnectionsView,
    invite: ServerAction<Invite>,
    withdraw: ServerAction<WithdrawInvitation>,
    changes: MemberActions,
    links: crate::links::pages::OrganisationLinks,
) -> impl IntoView {
    let text = t();
    let page_id = view.page_id;
    let can_manage = view.pending.is_some();
    let history = view.history.clone();
    view! {
        <section class="card">
            <p class="page-of">{view.person_name.clone()}</p>
            <h1>{text.nav_connections}</h1>
            <p>{text.con_intro}</p>
            <ul class="members">
                {view.members.into_iter().map(|member| view! {
                    <li>
                        <span class="member-name">{member.name.clone()} {member.is_me.then(|| format!(" {}", text.con_you))}</span>
                        <span class=format!("role role-{}", member.role.as_db())>{crate::i18n::t().role_name(member.role)}</span>
                        <MemberControls member page_id person_name=view.person_name.clone() can_manage changes/>
                    </li>
                }).collect_view()}
            </ul>
            <ActionError action=changes.set_role/>
            <ActionError action=changes.remove/>
            <ActionError action=changes.hand_over/>
            <ActionDone action=changes.set_role message=text.con_role_changed/>
            <ActionDone action=changes.remove message=text.con_removed/>
            <ActionDone action=changes.hand_over message=text.con_handed_over/>
            <ActionError action=changes.leave/>
            <dl class="roles">
                {[Role::Admin, Role::Trusted, Role::Helper].into_iter().map(|role| view! {
                    <dt>{crate::i18n::t().role_name(role)}</dt>
                    <dd>{crate::i18n::t().role_explanation(role)}</dd>
                }).collect_view()}
            </dl>
        </section>
        {view.pending.map(|pending| view! {
            <section class="card">
                <h2>{text.con_invite_title}</h2>
                <p>{text.con_invite_intro}</p>
                <ActionForm action=invite>
                    <FieldErrors action=invite>
                        <input type="hidden" name="page_id" value=page_id.to_string()/>
                        <Field label=text.email name="email" kind="email" autocomplete="off" maxlength=EmailAddress::MAX_LEN/>
                        <div class="field">
                            <label for="veld-role">{text.con_role}</label>
                            <select id="veld-role" name="role">
                                <option value=GivenRole::Helper.value() selected>{crate::i18n::t().role_name(Role::Helper)}</option>
                                <option value=GivenRole::Trusted.value()>{crate::i18n::t().role_name(Role::Trusted)}</option>
                            </select>
                        </div>
                        <ActionError action=invite/>
                        <ActionDone action=invite message=text.con_invited/>
                        <Submit action=invite label=text.con_invite_button/>
                    </FieldErrors>
                </ActionForm>
            </section>
            <section class="card">
                <h2>{text.con_pending}</h2>
                <ActionError action=withdraw/>
                <ActionDone action=withdraw message=text.con_withdrawn/>
                {if pending.is_empty() {
                    view! { <p>{text.con_no_pending}</p> }.into_any()
                } else {
                    view! {
                        <ul class="members">
                            {pending.into_iter().map(|invitation| view! {
                                <li>
                                    <span class="member-name">{invitation.email}</span>
                                    <span>{crate::i18n::t().role_name(invitation.role)} ", " {fill(text.con_valid_until, &[("date", &date_with_year(invitation.valid_until))])}</span>
                                    <ActionForm action=withdraw attr:class="inline">
                                        <input type="hidden" name="page_id" value=page_id.to_string()/>
                                        <input type="hidden" name="invitation_id" value=invitation.id.to_string()/>
                                        <button type="submit" class="danger">{text.con_withdraw}</button>
                                    </ActionForm>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </section>
        })}
        <crate::links::pages::LinkedOrganisations page_id links/>
        {history.map(|history| view! { <PageHistory history/> })}
    }
}

/// Who changed what and when, for the admin.
#[component]
fn PageHistory(history: Vec<HistoryEntry>) -> impl IntoView {
    let text = t();
    view! {
        <section class="card">
            <h2>{text.con_history_title}</h2>
            {if history.is_empty() {
                view! { <p>{text.con_history_empty}</p> }.into_any()
            } else {
                view! {
                    <ol class="history">
                        {history.into_iter().map(|entry| view! {
                            <li>
                                <span class="history-when">{entry.when}</span>
                                <span>{if entry.who.is_empty() { entry.what } else { format!("{}: {}", entry.who, entry.what) }}</span>
                            </li>
                        }).collect_view()}
                    </ol>
                }.into_any()
            }}
        </section>
    }
}

/// The buttons beside one member: for the admin, change the role, take away
/// access or hand over; for oneself, leave.
#[component]
fn MemberControls(
    member: Connection,
    page_id: i64,
    /// Whose page this is, for the explanations before a change.
    person_name: String,
    can_manage: bool,
    changes: MemberActions,
) -> impl IntoView {
    let text = t();
    if member.is_me {
        return (member.role != Role::Admin)
            .then(|| {
                view! {
                    <ConfirmStep label=text.con_leave explanation=fill(text.con_leave_explain, &[("person", &person_name)])>
                        <ActionForm action=changes.leave attr:class="inline">
                            <input type="hidden" name="page_id" value=page_id.to_string()/>
                            <button type="submit" class="danger">{text.con_leave_confirm}</button>
                        </ActionForm>
                    </ConfirmStep>
                }
            })
            .into_any();
    }
    if !can_manage || member.role == Role::Admin {
        return ().into_any();
    }
    // Each button's name says whom it is about, for screen readers.
    let named = |label: &str| format!("{label} – {}", member.name);
    let (role_label, save_label, hand_over_label, remove_label) = (
        named(text.con_role),
        named(text.con_save_role),
        named(text.con_hand_over_confirm),
        named(text.con_remove_confirm),
    );
    let hand_over_explanation = fill(
        text.con_hand_over_explain,
        &[("member", &member.name), ("person", &person_name)],
    );
    let remove_explanation = fill(
        text.con_remove_explain,
        &[("member", &member.name), ("person", &person_name)],
    );
    let select_id = format!("rol-{}", member.account_id);
    let Some(current) = GivenRole::of(member.role) else {
        return ().into_any();
    };
    let other = current.other();
    let fields = move || {
        view! {
            <input type="hidden" name="page_id" value=page_id.to_string()/>
            <input type="hidden" name="account_id" value=member.account_id.to_string()/>
        }
    };
    view! {
        <div class="member-controls">
            <ActionForm action=changes.set_role attr:class="inline">
                {fields()}
                <label for=select_id.clone() class="visually-hidden">{role_label}</label>
                <select id=select_id name="role">
                    <option value=current.value() selected>{crate::i18n::t().role_name(current.role())}</option>
                    <option value=other.value()>{crate::i18n::t().role_name(other.role())}</option>
                </select>
                <button type="submit" aria-label=save_label>{text.con_save_role}</button>
            </ActionForm>
            <ConfirmStep label=text.con_make_admin whom=member.name.clone() explanation=hand_over_explanation>
                <ActionForm action=changes.hand_over attr:class="inline">
                    {fields()}
                    <button type="submit" aria-label=hand_over_label>{text.con_hand_over_confirm}</button>
                </ActionForm>
            </ConfirmStep>
            <ConfirmStep label=text.con_remove whom=member.name.clone() explanation=remove_explanation>
                <ActionForm action=changes.remove attr:class="inline">
                    {fields()}
                    <button type="submit" class="danger" aria-label=remove_label>{text.con_remove_confirm}</button>
                </ActionForm>
            </ConfirmStep>
        </div>
    }
    .into_any()
}

/// The page behind the link in an invitation e-mail.
#[component]
pub fn InvitationPage() -> impl IntoView {
    let text = t();
    let code = move || use_query_map().read().get("code").unwrap_or_default();
    let loaded = Resource::new(code, invitation);
    view! {
        <Title text=format!("{} – {}", text.inv_title, text.app_name)/>
        <section class="card narrow">
            <h1>{text.inv_title}</h1>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match loaded.await {
                        Err(error) => view! { <p class="error" role="alert">{error.to_string()}</p> }.into_any(),
                        Ok(view) => view! { <InvitationChoices view code=code()/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn InvitationChoices(view: InvitationView, code: String) -> impl IntoView {
    let text = t();
    let accept = ServerAction::<AcceptInvitation>::new();
    let join = ServerAction::<JoinWithNewAccount>::new();
    ViewerEpoch::refresh_after(accept);
    ViewerEpoch::refresh_session_after(join);
    let intro = view.intro.clone();
    let choice = match (&view.signed_in_as, view.has_account) {
        (Some(me), _) if *me == view.email => view! {
            <ActionForm action=accept>
                <input type="hidden" name="code" value=code.clone()/>
                <ActionError action=accept/>
                <Submit action=accept label=text.inv_accept/>
            </ActionForm>
        }.into_any(),
        (Some(me), _) => view! { <p class="error" role="alert">{fill(text.inv_other_account, &[("you", me), ("invited", &view.email)])}</p> }.into_any(),
        (None, true) => view! {
            <p>{text.inv_has_account}</p>
            <p><A href=crate::routes::LOG_IN attr:class="button primary">{text.log_in}</A></p>
        }.into_any(),
        (None, false) => view! {
            <p>{text.inv_new_account}</p>
            <p>{text.password_advice}</p>
            <ActionForm action=join>
                <FieldErrors action=join>
                    <input type="hidden" name="code" value=code.clone()/>
                    <Field label=text.first_name name="first_name" autocomplete="given-name" maxlength=PersonName::MAX_LEN/>
                    <Field label=text.last_name name="last_name" autocomplete="family-name" maxlength=PersonName::MAX_LEN/>
                    <Field label=text.password name="password" kind="password" autocomplete="new-password" hint=text.password_rules maxlength=password::MAX_LEN/>
                    <Field label=text.password_repeat name="password_repeat" kind="password" autocomplete="new-password" maxlength=password::MAX_LEN/>
                    <ActionError action=join/>
                    <Submit action=join label=text.inv_create_and_accept/>
                </FieldErrors>
            </ActionForm>
        }.into_any(),
    };
    view! {
        <p>{intro}</p>
        <p>{text.email} ": " <strong>{view.email.clone()}</strong></p>
        {choice}
    }
}
