//! The dossier's screens: Zorgplan, Rapportages, Meetwaarden and (for the
//! admin) "Wie keek in het dossier". Each asks its server function once; a
//! closed door comes back instead of the content, and the screen shows the
//! code step until the code is right.

use super::care_plan::{read_care_plan, CarePlanView, SaveCarePlan};
use super::chart::Chart;
use super::door::{DoorActions, DossierDoor};
use super::log_page::{dossier_access_log, AccessLogView};
use super::measurements::{measurements, AddAs, AddMeasurement, Kind, MeasurementsView};
use super::reports::{dossier_reports, ReportKind, ReportsView, WriteReport};
use super::{moment_words, Frame, Gated, Period};
use crate::error::AppError;
use crate::i18n::{fill, t};
use crate::routes::page_id_from_route;
use crate::shell::form::{described_by, ActionError, Field, FieldErrors, FieldMessage, Submit};
use crate::shell::notice::Notice;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use serde::{de::DeserializeOwned, Serialize};

pub(super) type Answer<T> = Result<Gated<T>, AppError>;

/// A query parameter of the address, or "".
fn query_value(name: &'static str) -> impl Fn() -> String + Copy + Send + Sync + 'static {
    let query = use_query_map();
    move || query.with(|q| q.get(name).unwrap_or_default())
}

/// The screen around a dossier answer: an error, the door, or `open`.
pub(super) fn gated<T, F>(
    title: &'static str,
    data: Resource<Answer<T>>,
    door: DoorActions,
    open: F,
) -> impl IntoView
where
    T: Clone + Send + Sync + Serialize + DeserializeOwned + 'static,
    F: Fn(T) -> AnyView + Clone + Send + Sync + 'static,
{
    view! {
        <Title text=format!("{title} – {}", t().app_name)/>
        <Suspense fallback=|| ()>
            {move || {
                let open = open.clone();
                Suspend::new(async move {
                    match data.await {
                        Err(error) => view! {
                            <section class="card"><h1>{title}</h1><p class="error" role="alert">{error.to_string()}</p></section>
                        }.into_any(),
                        Ok(Gated::Locked(closed)) => view! { <DossierDoor door=closed actions=door/> }.into_any(),
                        Ok(Gated::Open(content)) => open(content),
                    }
                })
            }}
        </Suspense>
    }
}

/// "Dossier van Johanna" and the links between its screens.
#[component]
pub(super) fn DossierTabs(frame: Frame, current: &'static str) -> impl IntoView {
    let text = t().dossier;
    let id = frame.page_id;
    let mut tabs = vec![
        (
            "zorgplan",
            text.tab_care_plan,
            crate::routes::page(id).dossier(),
        ),
        (
            "rapportages",
            text.tab_reports,
            crate::routes::page(id).reports(),
        ),
        (
            "meetwaarden",
            text.tab_measurements,
            crate::routes::page(id).measurements(),
        ),
        (
            "medicijnen",
            t().medication.tab,
            crate::routes::page(id).medication(),
        ),
    ];
    if frame.may_view_log {
        tabs.push((
            "wie-keek",
            text.tab_access_log,
            crate::routes::page(id).access_log(),
        ));
    }
    view! {
        <h1>{fill(text.title, &[("person", &frame.person)])}</h1>
        <nav class="dossier-tabs" aria-label=text.tabs_label>
            <ul>
                {tabs.into_iter().map(|(key, label, href)| view! {
                    <li><a href=href aria-current=(key == current).then_some("page")>{label}</a></li>
                }).collect_view()}
            </ul>
        </nav>
    }
}

// ---- Zorgplan ----

#[component]
pub fn CarePlanPage() -> impl IntoView {
    let door = DoorActions::new();
    let save = ServerAction::<SaveCarePlan>::new();
    Notice::after_answer(save);
    let version = query_value("versie");
    let data = Resource::new(
        move || {
            (
                page_id_from_route(),
                version(),
                door.version(),
                save.version().get(),
            )
        },
        |(page_id, version, _, _)| async move {
            match page_id {
                Some(page_id) => read_care_plan(page_id, version.parse().ok()).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    gated(t().dossier.tab_care_plan, data, door, move |view| {
        view! { <CarePlanScreen view save/> }.into_any()
    })
}

#[component]
fn CarePlanScreen(view: CarePlanView, save: ServerAction<SaveCarePlan>) -> impl IntoView {
    let text = t().dossier;
    let id = view.frame.page_id;
    let shown = view.shown.clone();
    let versions = view.versions.clone();
    let version_count = versions.len();
    view! {
        <section class="card dossier">
            <DossierTabs frame=view.frame.clone() current="zorgplan"/>
            <h2>{text.tab_care_plan}</h2>
            {match shown {
                None => view! { <p>{text.plan_none}</p> }.into_any(),
                Some((summary, plan)) => view! {
                    <p class="plan-meta">
                        {fill(text.plan_meta, &[("date", &day_label(&summary.valid_from)), ("organisation", &summary.organisation), ("author", &summary.author), ("saved", &summary.saved)])}
                    </p>
                    {(!summary.current).then(|| view! {
                        <p class="notice-older" role="note">{text.plan_older}" "
                            <a href=crate::routes::page(id).dossier()>{text.plan_to_current}</a></p>
                    })}
                    <p>
                        <a class="button" rel="external" download=""
                            href=crate::routes::page(id).care_plan_pdf(summary.id)>
                            {text.plan_download}
                        </a>
                    </p>
                    <ol class="plan-domains">
                        {plan.domains.into_iter().map(|domain| view! {
                            <li>
                                <h3>{domain.title}</h3>
                                {(!domain.needs.is_empty()).then(|| view! {
                                    <h4>{text.plan_need}</h4>
                                    <ul>{domain.needs.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
                                })}
                                {(!domain.goals.is_empty()).then(|| view! {
                                    <h4>{text.plan_goals}</h4>
                                    <ul>{domain.goals.into_iter().map(|g| view! { <li>{g}</li> }).collect_view()}</ul>
                                })}
                                {(!domain.actions.is_empty()).then(|| view! {
                                    <h4>{text.plan_actions}</h4>
                                    <ul class="plan-actions">
                                        {domain.actions.into_iter().map(|a| view! {
                                            <li><strong>{a.what}</strong>
                                                {(!a.who.is_empty()).then(|| format!(" – {}", a.who))}
                                                {(!a.how_often.is_empty()).then(|| format!(" – {}", a.how_often))}
                                            </li>
                                        }).collect_view()}
                                    </ul>
                                })}
                            </li>
                        }).collect_view()}
                    </ol>
                }.into_any(),
            }}
            {(version_count > 1).then(|| view! {
                <details class="plan-versions">
                    <summary>{fill(text.plan_versions, &[("count", &version_count.to_string())])}</summary>
                    <ul>
                        {versions.into_iter().map(|v| view! {
                            <li><a href=crate::routes::page(id).care_plan_version(v.id)>
                                {fill(text.plan_version_line, &[("date", &day_label(&v.valid_from)), ("saved", &v.saved), ("author", &v.author)])}
                            </a>{v.current.then(|| format!(" ({})", text.plan_in_force))}</li>
                        }).collect_view()}
                    </ul>
                </details>
            })}
            {view.edit_text.map(|edit_text| view! {
                <details class="plan-editor">
                    <summary class="button">{text.plan_edit}</summary>
                    <ActionForm action=save>
                        <FieldErrors action=save>
                            <input type="hidden" name="page_id" value=id.to_string()/>
                            <Field label=text.plan_valid_from name="valid_from" kind="date"
                                value=view.frame.today()/>
                            <div class="field">
                                <label for="veld-plan">{text.plan_text_label}</label>
                                <p class="hint" id="veld-plan-uitleg">{text.plan_text_hint}</p>
                                <FieldMessage name="plan" id="veld-plan-fout"/>
                                <textarea id="veld-plan" name="plan" rows="16" required
                                    aria-describedby=described_by("plan", "veld-plan-fout", Some("veld-plan-uitleg"))
                                    maxlength=super::care_plan::PLAN_MAX_CHARS.to_string()>{edit_text}</textarea>
                            </div>
                            <ActionError action=save/>
                            <Submit action=save label=text.plan_save/>
                        </FieldErrors>
                    </ActionForm>
                </details>
            })}
        </section>
    }
}

fn day_label(day: &str) -> String {
    chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d")
        .map(crate::dates::date_with_year)
        .unwrap_or_else(|_| day.to_string())
}

/// The period and kind filters: a plain GET form, so it works without JavaScript.
#[component]
fn PeriodChoice(current: Period) -> impl IntoView {
    let text = t().dossier;
    view! {
        <div class="field">
            <label for="veld-periode">{text.period_label}</label>
            <select id="veld-periode" name="periode">
                {Period::ALL.into_iter().map(|p| view! {
                    <option value=p.as_query() selected=p == current>{p.label()}</option>
                }).collect_view()}
            </select>
        </div>
    }
}

// ---- Rapportages ----

#[component]
pub fn ReportsPage() -> impl IntoView {
    let door = DoorActions::new();
    let write = ServerAction::<WriteReport>::new();
    Notice::after_answer(write);
    let period = query_value("periode");
    let kind = query_value("soort");
    let data = Resource::new(
        move || {
            (
                page_id_from_route(),
                period(),
                kind(),
                door.version(),
                write.version().get(),
            )
        },
        |(page_id, period, kind, _, _)| async move {
            match page_id {
                Some(page_id) => {
                    dossier_reports(
                        page_id,
                        Period::from_query(&period),
                        ReportKind::from_query(&kind),
                    )
                    .await
                }
                None => Err(AppError::NotFound),
            }
        },
    );
    gated(t().dossier.tab_reports, data, door, move |view| {
        view! { <ReportsScreen view write/> }.into_any()
    })
}

#[component]
fn ReportsScreen(view: ReportsView, write: ServerAction<WriteReport>) -> impl IntoView {
    let text = t().dossier;
    let id = view.frame.page_id;
    let (today, time) = (view.frame.today(), view.frame.time());
    view! {
        <section class="card dossier">
            <DossierTabs frame=view.frame.clone() current="rapportages"/>
            <h2>{text.tab_reports}</h2>
            <form method="get" class="filters">
                <div class="field">
                    <label for="veld-soort">{text.report_kind}</label>
                    <select id="veld-soort" name="soort">
                        <option value="" selected=view.kind.is_none()>{text.report_all}</option>
                        {ReportKind::ALL.into_iter().map(|k| view! {
                            <option value=k.as_query() selected=Some(k) == view.kind>{k.label()}</option>
                        }).collect_view()}
                    </select>
                </div>
                <PeriodChoice current=view.period/>
                <button type="submit">{text.filter_show}</button>
            </form>
            {view.can_write.then(|| view! {
                <details class="report-editor">
                    <summary class="button">{text.report_write}</summary>
                    <ActionForm action=write>
                        <FieldErrors action=write>
                            <input type="hidden" name="page_id" value=id.to_string()/>
                            <div class="field">
                                <label for="veld-rapport-soort">{text.report_kind}</label>
                                <select id="veld-rapport-soort" name="kind">
                                    {ReportKind::ALL.into_iter().map(|k| view! { <option value=k.as_query()>{k.label()}</option> }).collect_view()}
                                </select>
                            </div>
                            <Field label=text.visit_date name="date" kind="date" value=today.clone()/>
                            <Field label=text.visit_time name="time" kind="time" value=time.clone()/>
                            <div class="field">
                                <label for="veld-rapport">{text.report_text}</label>
                                <textarea id="veld-rapport" name="body" rows="6" required
                                    maxlength=super::reports::BODY_MAX_CHARS.to_string()></textarea>
                            </div>
                            <ActionError action=write/>
                            <Submit action=write label=text.report_save/>
                        </FieldErrors>
                    </ActionForm>
                </details>
            })}
            {if view.reports.is_empty() {
                view! { <p>{text.reports_none}</p> }.into_any()
            } else {
                view! {
                    <ol class="reports">
                        {view.reports.into_iter().map(|report| view! {
                            <li>
                                <article aria-labelledby=format!("rapport-{}", report.id)>
                                    <h3 id=format!("rapport-{}", report.id)>
                                        {moment_words(report.visited_at)}" · "{report.kind.label()}
                                        {report.new.then(|| view! { " "<span class="badge new">{text.report_new}</span> })}
                                    </h3>
                                    <p class="meta">{fill(text.report_by, &[("author", &report.author), ("organisation", &report.organisation)])}</p>
                                    <p class="report-body">{report.body}</p>
                                </article>
                            </li>
                        }).collect_view()}
                    </ol>
                }.into_any()
            }}
            {(view.more > 0).then(|| view! { <p>{text.reports_more.of(view.more)}</p> })}
        </section>
    }
}

// ---- Meetwaarden ----

#[component]
pub fn MeasurementsPage() -> impl IntoView {
    let door = DoorActions::new();
    let add = ServerAction::<AddMeasurement>::new();
    Notice::after_answer(add);
    let period = query_value("periode");
    let data = Resource::new(
        move || {
            (
                page_id_from_route(),
                period(),
                door.version(),
                add.version().get(),
            )
        },
        |(page_id, period, _, _)| async move {
            match page_id {
                Some(page_id) => measurements(page_id, Period::from_query(&period)).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    gated(t().dossier.tab_measurements, data, door, move |view| {
        view! { <MeasurementsScreen view add/> }.into_any()
    })
}

#[component]
fn MeasurementsScreen(view: MeasurementsView, add: ServerAction<AddMeasurement>) -> impl IntoView {
    let text = t().dossier;
    let id = view.frame.page_id;
    let (today, time) = (view.frame.today(), view.frame.time());
    view! {
        <section class="card dossier">
            <DossierTabs frame=view.frame.clone() current="meetwaarden"/>
            <h2>{text.tab_measurements}</h2>
            <nav class="period-links" aria-label=text.period_label>
                <ul>
                    {Period::ALL.into_iter().map(|p| view! {
                        <li><a href=crate::routes::page(id).measurements_over(p.as_query())
                            aria-current=(p == view.period).then_some("page")>{p.label()}</a></li>
                    }).collect_view()}
                </ul>
            </nav>
            {view.add_as.map(|add_as| view! {
                <details class="measurement-editor">
                    <summary class="button">{text.measurement_add}</summary>
                    <ActionForm action=add>
                        <FieldErrors action=add>
                            <input type="hidden" name="page_id" value=id.to_string()/>
                            {(add_as == AddAs::Family).then(|| view! { <p class="hint">{text.measurement_family_note}</p> })}
                            <div class="field">
                                <label for="veld-meting-soort">{text.measurement_kind}</label>
                                <select id="veld-meting-soort" name="kind">
                                    {Kind::ALL.into_iter().map(|k| view! { <option value=k.as_query()>{k.label()}</option> }).collect_view()}
                                </select>
                            </div>
                            <Field label=text.measured_date name="date" kind="date" value=today.clone()/>
                            <Field label=text.measured_time name="time" kind="time" value=time.clone()/>
                            <Field label=text.measured_value name="value" inputmode="decimal" maxlength=8 hint=text.measured_value_hint/>
                            <Field label=text.measured_diastolic name="diastolic" inputmode="numeric" maxlength=8 required=false hint=text.measured_diastolic_hint/>
                            <Field label=text.measured_pulse name="pulse" inputmode="numeric" maxlength=8 required=false hint=text.measured_pulse_hint/>
                            <ActionError action=add/>
                            <Submit action=add label=text.measurement_save/>
                        </FieldErrors>
                    </ActionForm>
                </details>
            })}
        </section>
        {view.charts.into_iter().map(|data| view! { <Chart data/> }).collect_view()}
    }
}

// ---- Wie keek in het dossier ----

#[component]
pub fn AccessLogPage() -> impl IntoView {
    let door = DoorActions::new();
    let person = query_value("persoon");
    let period = query_value("periode");
    let before = query_value("voor");
    let data = Resource::new(
        move || {
            (
                page_id_from_route(),
                person(),
                period(),
                before(),
                door.version(),
            )
        },
        |(page_id, person, period, before, _)| async move {
            match page_id {
                Some(page_id) => {
                    dossier_access_log(
                        page_id,
                        person.parse().ok(),
                        Period::from_query(&period),
                        before.parse().ok(),
                    )
                    .await
                }
                None => Err(AppError::NotFound),
            }
        },
    );
    gated(t().dossier.tab_access_log, data, door, move |view| {
        view! { <AccessLogScreen view/> }.into_any()
    })
}

#[component]
fn AccessLogScreen(view: AccessLogView) -> impl IntoView {
    let text = t().dossier;
    let id = view.frame.page_id;
    let csv = crate::routes::page(id).access_log_csv(
        &view.person.map(|p| p.to_string()).unwrap_or_default(),
        view.period.as_query(),
    );
    let person = view.person.map(|p| p.to_string()).unwrap_or_default();
    let period = view.period.as_query();
    let older = view
        .lines
        .last()
        .map(|line| line.id)
        .filter(|_| view.more > 0);
    view! {
        <section class="card dossier">
            <DossierTabs frame=view.frame.clone() current="wie-keek"/>
            <h2>{text.tab_access_log}</h2>
            <p>{text.log_intro}</p>
            <form method="get" class="filters">
                <div class="field">
                    <label for="veld-persoon">{text.log_person}</label>
                    <select id="veld-persoon" name="persoon">
                        <option value="" selected=view.person.is_none()>{text.log_everyone}</option>
                        {view.people.iter().map(|(account, name)| view! {
                            <option value=account.to_string() selected=Some(*account) == view.person>{name.clone()}</option>
                        }).collect_view()}
                    </select>
                </div>
                <PeriodChoice current=view.period/>
                <button type="submit">{text.filter_show}</button>
            </form>
            <p><a class="button" rel="external" download="" href=csv>{text.log_download}</a></p>
            <div class="table-scroll" tabindex="0" role="region" aria-label=text.tab_access_log>
                <table class="access-log">
                    <caption class="visually-hidden">{text.tab_access_log}</caption>
                    <thead><tr>
                        <th scope="col">{text.col_when}</th>
                        <th scope="col">{text.log_who}</th>
                        <th scope="col">{text.log_what}</th>
                        <th scope="col">{text.log_outcome}</th>
                    </tr></thead>
                    <tbody>
                        {view.lines.into_iter().map(|line| view! {
                            <tr class:refused=line.refused>
                                <td>{line.when}</td>
                                <td>{line.who}<br/><span class="meta">{line.role}
                                    {(!line.organisation.is_empty()).then(|| format!(", {}", line.organisation))}</span></td>
                                <td>{line.what}</td>
                                <td>{if line.refused { text.outcome_refused } else { text.outcome_done }}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <p class="log-pages">
                {view.before.is_some().then(|| view! {
                    <a href=format!("?persoon={person}&periode={period}")>{text.log_newest}</a>" "
                })}
                {older.map(|oldest| view! {
                    {text.log_more.of(view.more)}" "
                    <a href=format!("?persoon={person}&periode={period}&voor={oldest}")>{text.log_older}</a>
                })}
            </p>
        </section>
    }
}
