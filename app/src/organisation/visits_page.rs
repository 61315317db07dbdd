//! The console's visit screens: planning and cancelling a linked client's
//! visits (on the client's screen), and "Mijn dag".

use super::pages::ConsoleNav;
use super::visits::{
    client_visits, field, my_day, CancelVisit, PlanVisit, VisitsView, MAX_MINUTES, MAX_TITLE,
    MIN_MINUTES,
};
use crate::dates::{capitalised, long_date};
use crate::i18n::{fill, t};
use crate::shell::form::{ActionError, ConfirmStep, Field, FieldErrors, FieldMessage, Submit};
use crate::shell::notice::Notice;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

/// The visits of the client on screen and what changes them. Made at the
/// top of the client's screen: a resource made inside a block that waits for
/// data can get another id in the browser (see docs/architecture.md, "Known problems").
#[derive(Clone, Copy)]
pub struct Planning {
    plan: ServerAction<PlanVisit>,
    cancel: ServerAction<CancelVisit>,
    visits: Resource<Result<VisitsView, crate::error::AppError>>,
}

impl Planning {
    pub fn new(client_id: impl Fn() -> Option<i64> + Send + Sync + 'static) -> Planning {
        let text = t().org;
        let plan = ServerAction::<PlanVisit>::new();
        let cancel = ServerAction::<CancelVisit>::new();
        Notice::after_answer(plan);
        Notice::after(cancel, text.visit_cancelled);
        let visits = Resource::new(
            move || (client_id(), plan.version().get() + cancel.version().get()),
            |(id, _)| async move {
                match id {
                    Some(id) => client_visits(id).await,
                    None => Err(crate::error::AppError::NotFound),
                }
            },
        );
        Planning {
            plan,
            cancel,
            visits,
        }
    }
}

/// The linked client's upcoming visits, a form to plan one, and cancelling.
#[component]
pub fn PlannedVisits(client_id: i64, planning: Planning) -> impl IntoView {
    let Planning {
        plan,
        cancel,
        visits,
    } = planning;
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                visits.await.ok().map(|view| view! { <Visits view client_id plan cancel/> })
            })}
        </Suspense>
    }
}

#[component]
fn Visits(
    view: VisitsView,
    client_id: i64,
    plan: ServerAction<PlanVisit>,
    cancel: ServerAction<CancelVisit>,
) -> impl IntoView {
    let text = t().org;
    let employees = view.employees.clone();
    view! {
        <section class="card">
            <h2>{text.visits_title}</h2>
            {view.visits.is_empty().then(|| view! { <p>{text.no_visits}</p> })}
            <ul class="members">
                {view.visits.into_iter().map(|visit| {
                    let when = format!(
                        "{} {} (± {} min)",
                        capitalised(&long_date(visit.start.date())),
                        visit.start.format("%H:%M"),
                        visit.minutes
                    );
                    let whom = format!("{} – {when}", visit.title);
                    view! {
                        <li>
                            <span class="member-name">{visit.title.clone()}</span>
                            <span>{when}</span>
                            {(!visit.employee.is_empty()).then(|| view! { <span class="hint">{visit.employee.clone()}</span> })}
                            {visit.in_series.then(|| view! { <span class="hint">{text.weekly}</span> })}
                            <ConfirmStep label=text.cancel_visit whom explanation=text.cancel_visit_confirm>
                                <ActionForm action=cancel attr:class="inline">
                                    <input type="hidden" name="client_id" value=client_id.to_string()/>
                                    <input type="hidden" name="visit_id" value=visit.id.to_string()/>
                                    {visit.in_series.then(|| view! {
                                        <label class="choice">
                                            <input type="checkbox" name="series" value="on"/>
                                            {text.cancel_series_too}
                                        </label>
                                    })}
                                    <button type="submit" class="danger">{text.cancel_visit_yes}</button>
                                </ActionForm>
                            </ConfirmStep>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <ActionError action=cancel/>
        </section>
        <section class="card narrow">
            <h2>{text.plan_visit}</h2>
            <ActionForm action=plan>
                <FieldErrors action=plan>
                    <input type="hidden" name="client_id" value=client_id.to_string()/>
                    <Field label=text.visit_what name=field::TITLE id="visit-title" required=false maxlength=MAX_TITLE value=text.visit_default_title/>
                    <Field label=text.visit_date name=field::DATE id="visit-date" kind="date"/>
                    <Field label=text.visit_time name=field::TIME id="visit-time" kind="time"/>
                    <div class="field">
                        <label for="veld-visit-minutes">{text.visit_minutes}</label>
                        <FieldMessage name=field::MINUTES id="veld-visit-minutes-fout"/>
                        <input id="veld-visit-minutes" name=field::MINUTES type="number" inputmode="numeric"
                            min=MIN_MINUTES.to_string() max=MAX_MINUTES.to_string() value="30"
                            aria-describedby="veld-visit-minutes-fout"/>
                    </div>
                    <div class="field">
                        <label for="veld-visit-employee">{text.visit_employee}</label>
                        <FieldMessage name=field::EMPLOYEE id="veld-visit-employee-fout"/>
                        <select id="veld-visit-employee" name=field::EMPLOYEE aria-describedby="veld-visit-employee-fout">
                            <option value="">{text.visit_nobody}</option>
                            {employees.into_iter().map(|employee| view! {
                                <option value=employee.id.to_string()>{employee.name}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    <Field label=text.visit_weekly_until name=field::WEEKLY_UNTIL id="visit-weekly" kind="date" required=false hint=text.visit_weekly_hint/>
                    <ActionError action=plan/>
                    <Submit action=plan label=text.plan_visit/>
                </FieldErrors>
            </ActionForm>
        </section>
    }
}

/// `/organisatie/mijn-dag[?datum=…]`: the employee's visits of a day, in
/// order, with address and phone; prints on one page.
#[component]
pub fn MyDayPage() -> impl IntoView {
    let text = t().org;
    let query = use_query_map();
    let day = Resource::new(
        move || query.read().get("datum").unwrap_or_default(),
        |date| async move {
            let date = crate::form_value::DateField(crate::form_value::optional_date::parse(&date));
            my_day(date).await
        },
    );
    view! {
        <Title text=format!("{} – {}", text.my_day, t().app_name)/>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match day.await {
                    Err(error) => view! {
                        <section class="card"><h1>{text.my_day}</h1><p class="error" role="alert">{error.to_string()}</p></section>
                    }.into_any(),
                    Ok(day) => {
                        let title = fill(text.my_day_title, &[("date", &long_date(day.date))]);
                        view! {
                            <section class="card my-day">
                                <p class="page-of">{day.organisation.clone()}</p>
                                <h1>{title}</h1>
                                <ConsoleNav/>
                                <form method="get" class="console-search no-print">
                                    <div class="field">
                                        <label for="veld-datum">{text.other_day}</label>
                                        <input id="veld-datum" name="datum" type="date" value=day.date.to_string()/>
                                    </div>
                                    <button type="submit">{text.show}</button>
                                </form>
                                {if day.visits.is_empty() {
                                    view! { <p>{text.my_day_empty}</p> }.into_any()
                                } else {
                                    view! {
                                        <table class="clients">
                                            <thead><tr>
                                                <th scope="col">{text.col_time}</th>
                                                <th scope="col">{text.col_client}</th>
                                                <th scope="col">{text.col_address}</th>
                                            </tr></thead>
                                            <tbody>
                                                {day.visits.into_iter().map(|visit| view! {
                                                    <tr>
                                                        <td>{format!("{} (± {} min)", visit.start.format("%H:%M"), visit.minutes)}</td>
                                                        <th scope="row">
                                                            <A href=crate::routes::page(visit.page_id).overview()>{visit.person}</A>
                                                            <span class="hint">{format!(" – {}", visit.title)}</span>
                                                        </th>
                                                        <td class="address">{visit.address} {(!visit.phone.is_empty()).then(|| view! { <br/>{visit.phone} })}</td>
                                                    </tr>
                                                }).collect_view()}
                                            </tbody>
                                        </table>
                                    }.into_any()
                                }}
                                <div class="no-print"><crate::calendar::print::PrintButton/></div>
                            </section>
                        }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}
