//! Server functions of connections and invitations.

use super::{ConnectionsView, GivenRole, InvitationView};
use crate::error::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    super::queries,
    crate::access::authorize,
    crate::accounts::{password, session},
    crate::fields::{EmailAddress, PersonName},
    crate::i18n::{fill, t},
    crate::policy::{allows, Action, Role},
    crate::state::app_state,
};

#[server(prefix = "/api", endpoint = "connections")]
pub async fn connections(page_id: i64) -> Result<ConnectionsView, AppError> {
    let state = app_state()?;
    let (account, actor) = authorize(&state, page_id, Action::ViewMembers).await?;
    let page = crate::care_pages::page(&state.db, page_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let (pending, history) = match allows(actor, Action::ManagePage) {
        true => (
            Some(queries::pending(&state.db, page_id).await?),
            Some(crate::history::read(&state.db, page_id).await?),
        ),
        false => (None, None),
    };
    Ok(ConnectionsView {
        page_id,
        person_name: format!("{} {}", page.first_name, page.last_name),
        members: queries::connections(&state.db, page_id, account.id).await?,
        pending,
        history,
    })
}

/// The admin invites someone by e-mail, as a helper or in the trusted group.
#[server(prefix = "/api", endpoint = "invite")]
pub async fn invite(
    page_id: i64,
    email: String,
    #[server(default)] role: Option<GivenRole>,
) -> Result<(), AppError> {
    let state = app_state()?;
    let (account, _) = authorize(&state, page_id, Action::ManagePage).await?;
    let email = EmailAddress::parse(&email).map_err(AppError::in_field("email"))?;
    let role = role.ok_or_else(|| AppError::invalid(t().err_role))?.role();
    if let Some(refusal) =
        queries::already_invited_or_member(&state.db, page_id, email.as_str()).await?
    {
        return Err(AppError::Refused(refusal));
    }
    super::INVITATIONS_PER_PAGE
        .take(
            &state.db,
            &page_id.to_string(),
            t().err_too_many_invitations,
        )
        .await?;
    crate::limits::take_mail_for(&state.db, account.id, email.as_str()).await?;
    let page = crate::care_pages::page(&state.db, page_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let (token, hash) = session::new_token();
    let link = format!(
        "{}/uitnodiging?code={token}",
        state.settings.public_url.trim_end_matches('/')
    );
    let inviter = format!("{} {}", account.first_name, account.last_name);
    let person = format!("{} {}", page.first_name, page.last_name);
    // Someone with an account reads it in their language; a newcomer in
    // the inviter's, who knows them.
    let text = crate::accounts::language::of_address(&state.db, email.as_str())
        .await?
        .map_or_else(t, |lang| lang.texts());
    let subject = fill(text.mail_invite_subject, &[("person", &person)]);
    let body = fill(
        text.mail_invite_body,
        &[
            ("inviter", &inviter),
            ("person", &person),
            ("role", &text.role_name(role).to_lowercase()),
            ("link", &link),
        ],
    );
    let mail = crate::outbox::Outgoing::mail("", email.as_str(), &subject, &body);
    queries::create_invitation(
        &state.db,
        page_id,
        email.as_str(),
        role,
        account.id,
        &hash,
        &mail,
    )
    .await?;
    state.outbox.ring();
    crate::accounts::flash::notice(&state.db, t().con_invited).await
}

#[server(prefix = "/api", endpoint = "withdraw_invitation")]
pub async fn withdraw_invitation(page_id: i64, invitation_id: i64) -> Result<(), AppError> {
    let state = app_state()?;
    let (account, _) = authorize(&state, page_id, Action::ManagePage).await?;
    queries::withdraw(&state.db, page_id, invitation_id, account.id).await?;
    crate::accounts::flash::notice(&state.db, t().con_withdrawn).await
}

/// What the invitation link is for; the code itself is the permission.
#[server(prefix = "/api", endpoint = "invitation")]
pub async fn invitation(code: String) -> Result<InvitationView, AppError> {
    let state = app_state()?;
    let open = queries::open_invitation(&state.db, &session::hash_token(&code)).await?;
    let text = t();
    let (to, intro) = match open.invited {
        queries::Invited::Page { page_id, role } => {
            let page = crate::care_pages::page(&state.db, page_id)
                .await?
                .ok_or(AppError::LinkInvalid)?;
            let person = format!("{} {}", page.first_name, page.last_name);
            let intro = fill(
                text.inv_intro,
                &[
                    ("inviter", &open.inviter),
                    ("person", &person),
                    ("role", &text.role_name(role).to_lowercase()),
                ],
            );
            (person, intro)
        }
        queries::Invited::Organisation {
            provider_id, role, ..
        } => {
            let organisation =
                crate::organisation::staff::organisation_name(&state.db, provider_id)
                    .await?
                    .ok_or(AppError::LinkInvalid)?;
            let intro = fill(
                text.org.invitation_to_organisation,
                &[
                    ("inviter", &open.inviter),
                    ("organisation", &organisation),
                    (
                        "role",
                        &crate::organisation::staff::role_name(role).to_lowercase(),
                    ),
                ],
            );
            (organisation, intro)
        }
    };
    let signed_in_as = session::current_account(&state.db)
        .await?
        .map(|account| account.email);
    let has_account = crate::accounts::queries::by_email(&state.db, &open.email)
        .await?
        .is_some_and(|account| account.confirmed);
    Ok(InvitationView {
        to,
        inviter: open.inviter,
        intro,
        email: open.email,
        signed_in_as,
        has_account,
    })
}

/// Accepts with the logged-in account, which must be the invited address: a
/// forwarded link lets nobody else in.
#[server(prefix = "/api", endpoint = "accept_invitation")]
pub async fn accept_invitation(code: String) -> Result<(), AppError> {
    let state = app_state()?;
    let account = session::require_account(&state.db).await?;
    let hash = session::hash_token(&code);
    let email = queries::open_invitation(&state.db, &hash).await?.email;
    if email != account.email {
        return Err(AppError::invalid(fill(
            t().inv_other_account,
            &[("you", &account.email), ("invited", &email)],
        )));
    }
    let mut tx = state.db.begin().await?;
    let invited = queries::accept(&mut tx, &hash, account.id).await?;
    tx.commit().await?;
    leptos_axum::redirect(&invited.landing());
    Ok(())
}

/// Registers on the way: the link was mailed to the address, so it confirms
/// it; the new account chooses a password and joins at once.
#[server(prefix = "/api", endpoint = "join_with_new_account")]
pub async fn join_with_new_account(
    code: String,
    first_name: String,
    last_name: String,
    password: String,
    password_repeat: String,
) -> Result<(), AppError> {
    let state = app_state()?;
    let text = t();
    let hash = session::hash_token(&code);
    let email = queries::open_invitation(&state.db, &hash).await?.email;
    let first_name = PersonName::parse(&first_name, text.first_name)
        .map_err(AppError::in_field("first_name"))?;
    let last_name =
        PersonName::parse(&last_name, text.last_name).map_err(AppError::in_field("last_name"))?;
    password::check(
        &password,
        &[first_name.as_str(), last_name.as_str(), &email],
    )
    .map_err(|message| AppError::in_field("password")(message.to_string()))?;
    if password != password_repeat {
        return Err(AppError::in_field("password_repeat")(
            text.err_password_mismatch.to_string(),
        ));
    }
    let password_hash = crate::accounts::hashing::hash(password).await?;
    let mut tx = state.db.begin().await?;
    let registration = crate::accounts::queries::Registration {
        email: &email,
        first_name: first_name.as_str(),
        last_name: last_name.as_str(),
        language: crate::i18n::lang::current().code(),
    };
    let account_id = crate::accounts::queries::account_for_invitation(
        &mut tx,
        &registration,
        &password_hash,
        chrono::Utc::now(),
    )
    .await?
    .ok_or_else(|| AppError::invalid(text.inv_has_account))?;
    let invited = queries::accept(&mut tx, &hash, account_id).await?;
    tx.commit().await?;
    session::start_session(&state.db, account_id, state.settings.https()).await?;
    leptos_axum::redirect(&invited.landing());
    Ok(())
}

/// The admin gives a member another role (helper or trusted group). The
/// admin's own role changes only by handing over.
#[server(prefix = "/api", endpoint = "set_role")]
pub async fn set_role(
    page_id: i64,
    account_id: i64,
    #[server(default)] role: Option<GivenRole>,
) -> Result<(), AppError> {
    let state = app_state()?;
    let (admin, _) = authorize(&state, page_id, Action::ManagePage).await?;
    let role = role.ok_or_else(|| AppError::invalid(t().err_role))?.role();
    match queries::role_of(&state.db, page_id, account_id).await? {
        None => Err(AppError::NotFound),
        Some(Role::Admin) => Err(AppError::invalid(t().err_admin_role)),
        Some(_) => {
            queries::set_role(&state.db, page_id, account_id, role, admin.id).await?;
            crate::accounts::flash::notice(&state.db, t().con_role_changed).await
        }
    }
}

#[server(prefix = "/api", endpoint = "remove_member")]
pub async fn remove_member(page_id: i64, account_id: i64) -> Result<(), AppError> {
    let state = app_state()?;
    let (admin, _) = authorize(&state, page_id, Action::ManagePage).await?;
    match queries::role_of(&state.db, page_id, account_id).await? {
        None => Err(AppError::NotFound),
        Some(Role::Admin) => Err(AppError::invalid(t().err_admin_leave)),
        Some(_) => {
            queries::remove(
                &state.db,
                page_id,
                account_id,
                admin.id,
                queries::Departure::Removed,
            )
            .await?;
            crate::accounts::flash::notice(&state.db, t().con_removed).await
        }
    }
}

#[server(prefix = "/api", endpoint = "hand_over_admin")]
pub async fn hand_over_admin(page_id: i64, account_id: i64) -> Result<(), AppError> {
    let state = app_state()?;
    let (admin, _) = authorize(&state, page_id, Action::ManagePage).await?;
    match queries::role_of(&state.db, page_id, account_id).await? {
        Some(Role::Trusted | Role::Helper) => {
            queries::hand_over(&state.db, page_id, admin.id, account_id).await?;
            crate::accounts::flash::notice(&state.db, t().con_handed_over).await
        }
        _ => Err(AppError::NotFound),
    }
}

/// A member leaves the page; the admin must hand over first.
#[server(prefix = "/api", endpoint = "leave_page")]
pub async fn leave_page(page_id: i64) -> Result<(), AppError> {
    let state = app_state()?;
    let (account, actor) = authorize(&state, page_id, Action::ViewPage).await?;
    if actor == crate::policy::Actor::Member(Role::Admin) {
        return Err(AppError::invalid(t().err_admin_leave));
    }
    if !allows(actor, Action::LeavePage) {
        return Err(AppError::NotFound);
    }
    queries::remove(
        &state.db,
        page_id,
        account.id,
        account.id,
        queries::Departure::Left,
    )
    .await?;
    leptos_axum::redirect(crate::routes::HOME);
    Ok(())
}
