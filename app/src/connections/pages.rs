//! Screens of connections: the Connecties page and the invitation link's page.

use super::api::{
    connections, invitation, AcceptInvitation, Invite, JoinWithNewAccount, WithdrawInvitation,
};
use super::{ConnectionsView, InvitationView};
use crate::accounts::password;
use crate::care_pages::pages::page_id_from_route;
use crate::error::AppError;
use crate::fields::{dutch_date, EmailAddress, PersonName};
use crate::i18n::{fill, t};
use crate::policy::Role;
use crate::shell::form::{ActionDone, ActionError, Field, Submit};
use crate::shell::ViewerEpoch;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

#[component]
pub fn ConnectionsPage() -> impl IntoView {
    let invite = ServerAction::<Invite>::new();
    let withdraw = ServerAction::<WithdrawInvitation>::new();
    let view = Resource::new(
        move || {
            (
                page_id_from_route(),
                invite.version().get() + withdraw.version().get(),
            )
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
                    Ok(view) => view! { <Connections view invite withdraw/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Connections(
    view: ConnectionsView,
    invite: ServerAction<Invite>,
    withdraw: ServerAction<WithdrawInvitation>,
) -> impl IntoView {
    let text = t();
    let page_id = view.page_id;
    view! {
        <section class="card">
            <p class="page-of">{view.person_name.clone()}</p>
            <h1>{text.nav_connections}</h1>
            <p>{text.con_intro}</p>
            <ul class="members">
                {view.members.into_iter().map(|member| view! {
                    <li>
                        <span class="member-name">{member.name} {member.is_me.then(|| format!(" {}", text.con_you))}</span>
                        <span class=format!("role role-{}", member.role.as_db())>{member.role.label()}</span>
                    </li>
                }).collect_view()}
            </ul>
            <dl class="roles">
                {[Role::Admin, Role::Trusted, Role::Helper].into_iter().map(|role| view! {
                    <dt>{role.label()}</dt>
                    <dd>{role.explanation()}</dd>
                }).collect_view()}
            </dl>
        </section>
        {view.pending.map(|pending| view! {
            <section class="card">
                <h2>{text.con_invite_title}</h2>
                <p>{text.con_invite_intro}</p>
                <ActionForm action=invite>
                    <input type="hidden" name="page_id" value=page_id.to_string()/>
                    <Field label=text.email name="email" kind="email" autocomplete="off" maxlength=EmailAddress::MAX_LEN/>
                    <div class="field">
                        <label for="veld-role">{text.con_role}</label>
                        <select id="veld-role" name="role">
                            <option value="helper" selected>{Role::Helper.label()}</option>
                            <option value="trusted">{Role::Trusted.label()}</option>
                        </select>
                    </div>
                    <ActionError action=invite/>
                    <ActionDone action=invite message=text.con_invited/>
                    <Submit action=invite label=text.con_invite_button/>
                </ActionForm>
            </section>
            <section class="card">
                <h2>{text.con_pending}</h2>
                <ActionError action=withdraw/>
                {if pending.is_empty() {
                    view! { <p>{text.con_no_pending}</p> }.into_any()
                } else {
                    view! {
                        <ul class="members">
                            {pending.into_iter().map(|invitation| view! {
                                <li>
                                    <span class="member-name">{invitation.email}</span>
                                    <span>{invitation.role.label()} ", " {fill(text.con_valid_until, &[&dutch_date(invitation.valid_until)])}</span>
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
    }
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
    ViewerEpoch::refresh_after(join);
    let intro = fill(
        text.inv_intro,
        &[
            &view.inviter,
            &view.person_name,
            &view.role.label().to_lowercase(),
        ],
    );
    let choice = match (&view.signed_in_as, view.has_account) {
        (Some(me), _) if *me == view.email => view! {
            <ActionForm action=accept>
                <input type="hidden" name="code" value=code.clone()/>
                <ActionError action=accept/>
                <Submit action=accept label=text.inv_accept/>
            </ActionForm>
        }.into_any(),
        (Some(me), _) => view! { <p class="error" role="alert">{fill(text.inv_other_account, &[me, &view.email])}</p> }.into_any(),
        (None, true) => view! {
            <p>{text.inv_has_account}</p>
            <p><A href="/inloggen" attr:class="button primary">{text.log_in}</A></p>
        }.into_any(),
        (None, false) => view! {
            <p>{text.inv_new_account}</p>
            <p>{text.password_advice}</p>
            <ActionForm action=join>
                <input type="hidden" name="code" value=code.clone()/>
                <Field label=text.first_name name="first_name" autocomplete="given-name" maxlength=PersonName::MAX_LEN/>
                <Field label=text.last_name name="last_name" autocomplete="family-name" maxlength=PersonName::MAX_LEN/>
                <Field label=text.password name="password" kind="password" autocomplete="new-password" hint=text.password_rules maxlength=password::MAX_LEN/>
                <Field label=text.password_repeat name="password_repeat" kind="password" autocomplete="new-password" maxlength=password::MAX_LEN/>
                <ActionError action=join/>
                <Submit action=join label=text.inv_create_and_accept/>
            </ActionForm>
        }.into_any(),
    };
    view! {
        <p>{intro}</p>
        <p>{text.email} ": " <strong>{view.email.clone()}</strong></p>
        {choice}
    }
}
