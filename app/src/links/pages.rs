//! Screens of links: "Code invoeren", and the organisations section of
//! Connecties with "Koppeling beëindigen".

use super::api::{code_choices, linked_organisations, EndOrganisationLink, EnterCode};
use super::CodeTarget;
use crate::dates::date_with_year;
use crate::error::AppError;
use crate::i18n::{fill, t};
use crate::shell::form::{
    ActionDone, ActionError, ConfirmStep, Field, FieldErrors, FieldMessage, Submit,
};
use crate::shell::notice::Notice;
use crate::shell::ViewerEpoch;
use crate::two_factor::pages::{ReconfirmSection, ReconfirmState};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

/// `/code-invoeren[?pagina=ID]`: the code, the birth date, and which page.
#[component]
pub fn EnterCodePage() -> impl IntoView {
    let text = t().org;
    let enter = ServerAction::<EnterCode>::new();
    ViewerEpoch::refresh_after(enter);
    let choices = Resource::new(|| (), |_| code_choices());
    let chosen = move || {
        crate::shell::kept::kept_value("target").or_else(|| use_query_map().read().get("pagina"))
    };
    view! {
        <Title text=format!("{} – {}", text.enter_code, t().app_name)/>
        <section class="card narrow">
            <h1>{text.enter_code}</h1>
            <p>{text.enter_code_intro}</p>
            <ActionForm action=enter>
                <FieldErrors action=enter>
                    <Field label=text.code_label name="code" hint=text.code_hint autocomplete="off" inputmode="numeric" maxlength=20/>
                    <Field label=text.birth_date_label name="birth_date" kind="date" hint=text.birth_date_hint autocomplete="off"/>
                    <Suspense fallback=|| ()>
                        {move || Suspend::new(async move {
                            let pages = choices.await.unwrap_or_default();
                            let chosen = chosen();
                            // Without pages of their own, the new page is the only choice.
                            let new_chosen = chosen.as_deref() == Some(&CodeTarget::NewPage.value()) || pages.is_empty();
                            view! {
                                <fieldset class="choices" aria-describedby="veld-target-fout">
                                    <legend>{text.for_which_page}</legend>
                                    <FieldMessage name="target" id="veld-target-fout"/>
                                    {pages.into_iter().map(|page| {
                                        let value = CodeTarget::Page(page.id).value();
                                        let checked = chosen.as_deref() == Some(value.as_str());
                                        view! {
                                            <label class="choice">
                                                <input type="radio" name="target" value=value checked=checked required=true/>
                                                {page.name}
                                            </label>
                                        }
                                    }).collect_view()}
                                    <label class="choice">
                                        <input type="radio" name="target" value=CodeTarget::NewPage.value() checked=new_chosen required=true/>
                                        {text.new_page_for_client}
                                    </label>
                                </fieldset>
                            }
                        })}
                    </Suspense>
                    <ActionError action=enter/>
                    <Submit action=enter label=text.link_button/>
                </FieldErrors>
            </ActionForm>
        </section>
    }
}

/// The linked organisations of the page on screen and ending a link. Made
/// at the top of Connecties (a resource made inside a block that waits can
/// get another id in the browser).
#[derive(Clone, Copy)]
pub struct OrganisationLinks {
    pub end: ServerAction<EndOrganisationLink>,
    view: Resource<Result<super::OrganisationsView, AppError>>,
    /// Ending a link asks a fresh code of an account with a second factor.
    reconfirm: ReconfirmState,
}

impl OrganisationLinks {
    pub fn new(page_id: impl Fn() -> Option<i64> + Send + Sync + 'static) -> OrganisationLinks {
        let end = ServerAction::<EndOrganisationLink>::new();
        Notice::after(end, t().org.link_ended);
        let view = Resource::new(
            move || (page_id(), end.version().get()),
            |(page_id, _)| async move {
                match page_id {
                    Some(page_id) => linked_organisations(page_id).await,
                    None => Err(AppError::NotFound),
                }
            },
        );
        OrganisationLinks {
            end,
            view,
            reconfirm: ReconfirmState::new(),
        }
    }
}

/// The organisations linked to the page, in Connecties; the admin can enter
/// a code or end a link (after a confirming step).
#[component]
pub fn LinkedOrganisations(page_id: i64, links: OrganisationLinks) -> impl IntoView {
    let text = t().org;
    let OrganisationLinks {
        end,
        view,
        reconfirm,
    } = links;
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let view: Result<super::OrganisationsView, AppError> = view.await;
                view.ok().map(|view| view! {
                    {(view.may_manage && !view.organisations.is_empty()).then(|| view! {
                        <ReconfirmSection state=reconfirm/>
                    })}
                    <section class="card">
                        <h2>{text.organisations_title}</h2>
                        {view.organisations.is_empty().then(|| view! { <p>{text.no_organisations}</p> })}
                        <ul class="members">
                            {view.organisations.into_iter().map(|organisation| {
                                let explanation = fill(text.end_link_confirm, &[("organisation", &organisation.name)]);
                                view! {
                                    <li>
                                        <span class="member-name">{organisation.name.clone()}</span>
                                        {organisation.since.map(|date| view! {
                                            <span class="hint">{fill(text.linked_since, &[("date", &date_with_year(date))])}</span>
                                        })}
                                        {view.may_manage.then(|| view! {
                                            <ConfirmStep label=text.end_link whom=organisation.name.clone() explanation>
                                                <ActionForm action=end attr:class="inline">
                                                    <input type="hidden" name="page_id" value=page_id.to_string()/>
                                                    <input type="hidden" name="provider_id" value=organisation.provider_id.to_string()/>
                                                    <button type="submit" class="danger">{text.end_link_yes}</button>
                                                </ActionForm>
                                            </ConfirmStep>
                                        })}
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                        <ActionError action=end/>
                        <ActionDone action=end message=text.link_ended/>
                        {view.may_manage.then(|| view! {
                            <p><A href=crate::routes::enter_code_for(page_id) attr:class="button">{text.enter_code}</A></p>
                        })}
                    </section>
                })
            })}
        </Suspense>
    }
}
