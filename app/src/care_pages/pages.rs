//! Screens of care pages: starting one, and its overview.

use super::api::{care_page, CreateCarePage};
use crate::calendar::api::SetHelping;
use crate::dates::date_with_year;
use crate::fields::PersonName;
use crate::i18n::{fill, t};
use crate::overview::api::what_needs_attention;
use crate::overview::pages::{AttentionBlocks, POLL_SECONDS};
use crate::policy::Actor;
use crate::routes::page_id_from_route;
use crate::shell::form::{ActionError, Field, FieldErrors, Submit};
use crate::shell::notice::Notice;
use crate::shell::{every_seconds, ViewerEpoch};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

#[component]
pub fn NewCarePage() -> impl IntoView {
    let text = t();
    let create = ServerAction::<CreateCarePage>::new();
    ViewerEpoch::refresh_after(create);
    view! {
        <Title text=format!("{} – {}", text.new_page_title, text.app_name)/>
        <section class="card narrow">
            <h1>{text.new_page_title}</h1>
            <p>{text.new_page_intro}</p>
            <p>{text.org.have_letter} " " <A href=crate::routes::ENTER_CODE>{text.org.enter_code}</A></p>
            <ActionForm action=create>
                <FieldErrors action=create>
                    <Field label=text.person_first_name name="first_name" autocomplete="off" maxlength=PersonName::MAX_LEN/>
                    <Field label=text.person_last_name name="last_name" autocomplete="off" maxlength=PersonName::MAX_LEN/>
                    <Field label=text.birth_date name="birth_date" kind="date" autocomplete="off"/>
                    <ActionError action=create/>
                    <Submit action=create label=text.create_page/>
                </FieldErrors>
            </ActionForm>
        </section>
    }
}

/// "Overzicht": what needs attention first, then the person's card.
#[component]
pub fn CarePageHome() -> impl IntoView {
    let text = t();
    let page = Resource::new(page_id_from_route, |id| async move {
        match id {
            Some(id) => care_page(id).await,
            None => Err(crate::error::AppError::NotFound),
        }
    });
    // Made here, at the top, as every resource of a page (see RequireLogin).
    let helping = ServerAction::<SetHelping>::new();
    Notice::after_answer(helping);
    let tick = RwSignal::new(0usize);
    every_seconds(
        POLL_SECONDS,
        move || async move { tick.update(|n| *n += 1) },
    );
    let attention = Resource::new(
        move || (page_id_from_route(), helping.version().get(), tick.get()),
        |(id, _, _)| async move {
            match id {
                Some(id) => what_needs_attention(id).await,
                None => Err(crate::error::AppError::NotFound),
            }
        },
    );
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match page.await {
                    Err(error) => view! {
                        <Title text=format!("{} – {}", text.not_found_title, text.app_name)/>
                        <section class="card">
                            <h1>{text.not_found_title}</h1>
                            <p role="alert">{error.to_string()}</p>
                        </section>
                    }.into_any(),
                    Ok(page) => {
                        let title = fill(text.care_page_of, &[("owner", &(text.possessive)(&page.first_name))]);
                        let role = match page.actor {
                            Actor::Member(role) => Some(role),
                            _ => None,
                        };
                        let about = fill(text.home.person_title, &[("name", &page.first_name)]);
                        view! {
                            <Title text=format!("{} – {}", title, text.app_name)/>
                            <h1 class="page-title">{title}</h1>
                            <ActionError action=helping/>
                            {(!page.next_steps.is_empty()).then(|| view! {
                                <NextSteps page_id=page.id steps=page.next_steps.clone()/>
                            })}
                            <AttentionBlocks attention helping/>
                            <section class="card">
                                <h2>{about}</h2>
                                <p class="person">
                                    <span class="person-name">{format!("{} {}", page.first_name, page.last_name)}</span>
                                    {page.birth_date.map(|date| view! {
                                        <span>{fill(text.born_on, &[("date", &date_with_year(date))])}</span>
                                    })}
                                </p>
                                {role.map(|role| view! {
                                    <p>{fill(text.your_role, &[("role", crate::i18n::t().role_name(role))])}</p>
                                })}
                                {role.is_some().then(|| view! {
                                    <p><A href=crate::routes::page(page.id).connections()>{text.who_has_access}</A></p>
                                })}
                                <h3>{text.linked_providers}</h3>
                                {if page.providers.is_empty() {
                                    view! { <p>{text.no_providers}</p> }.into_any()
                                } else {
                                    view! {
                                        <ul class="plain">
                                            {page.providers.into_iter().map(|name| view! { <li>{name}</li> }).collect_view()}
                                        </ul>
                                    }.into_any()
                                }}
                            </section>
                        }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

/// What a new page still needs, each with the link that does it.
#[component]
fn NextSteps(page_id: i64, steps: Vec<super::NextStep>) -> impl IntoView {
    let text = t();
    view! {
        <section class="card next-steps">
            <h2>{text.next_steps_title}</h2>
            <ol>
                {steps.into_iter().map(|step| match step {
                    super::NextStep::InviteFamily => view! {
                        <li>
                            <p>{text.next_step_invite}</p>
                            <A href=crate::routes::page(page_id).connections() attr:class="button">{text.next_step_invite_link}</A>
                        </li>
                    },
                    super::NextStep::FirstAppointment => view! {
                        <li>
                            <p>{text.next_step_appointment}</p>
                            <A href=crate::routes::page(page_id).new_appointment(None) attr:class="button">{text.next_step_appointment_link}</A>
                        </li>
                    },
                }).collect_view()}
            </ol>
        </section>
    }
}
