//! Adding and changing appointments: one set of fields for both, and for a
//! repeating appointment the choice between this occurrence and the series.

use super::api::{appointment_for_edit, AddAppointment, EditAppointment};
use super::form::{AppointmentForm, MAX_DESCRIPTION, MAX_PLACE, MAX_TITLE};
use super::pages::calendar_path;
use crate::care_pages::pages::page_id_from_route;
use crate::error::AppError;
use crate::i18n::t;
use crate::shell::form::{ActionError, Field, Submit};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};

fn query_date() -> String {
    use_query_map().read().get("datum").unwrap_or_default()
}

/// The fields of an appointment, filled with `initial`.
#[component]
fn AppointmentFields(initial: AppointmentForm) -> impl IntoView {
    let text = t();
    let repeat = initial.repeat.clone();
    let option = move |value: &'static str, label: &'static str| {
        view! { <option value=value selected=repeat == value>{label}</option> }
    };
    view! {
        <Field label=text.cal_title name="title" maxlength=MAX_TITLE autocomplete="off" value=initial.title/>
        <Field label=text.cal_date name="date" kind="date" value=initial.date/>
        <div class="field checkbox">
            <input id="veld-all_day" type="checkbox" name="all_day" checked=initial.all_day.is_some()/>
            <label for="veld-all_day">{text.cal_all_day_label}</label>
        </div>
        <div class="field-row">
            <Field label=text.cal_start name="start_time" kind="time" required=false value=initial.start_time/>
            <Field label=text.cal_end name="end_time" kind="time" required=false value=initial.end_time/>
        </div>
        <Field label=text.cal_place name="place" maxlength=MAX_PLACE required=false autocomplete="off" value=initial.place/>
        <div class="field">
            <label for="veld-description">{text.cal_description}</label>
            <textarea id="veld-description" name="description" rows="3" maxlength=MAX_DESCRIPTION.to_string()>
                {initial.description}
            </textarea>
        </div>
        <div class="field checkbox">
            <input id="veld-share" type="checkbox" name="share_with_provider" checked=initial.share_with_provider.is_some()/>
            <label for="veld-share">{text.cal_share_label}</label>
        </div>
        <div class="field checkbox">
            <input id="veld-help" type="checkbox" name="ask_help" checked=initial.ask_help.is_some()/>
            <label for="veld-help">{text.cal_ask_help_label}</label>
        </div>
        <fieldset class="repeat">
            <legend>{text.cal_repeat_label}</legend>
            <div class="field">
                <label for="veld-repeat">{text.cal_repeat_label}</label>
                <select id="veld-repeat" name="repeat">
                    {option("none", text.cal_repeat_none)}
                    {option("daily", text.cal_repeat_daily)}
                    {option("weekly", text.cal_repeat_weekly)}
                    {option("monthly", text.cal_repeat_monthly)}
                </select>
            </div>
            <Field label=text.cal_every name="every" kind="number" required=false value=initial.every/>
            <Field label=text.cal_repeat_until name="until" kind="date" required=false value=initial.until/>
            <Field label=text.cal_times name="times" kind="number" required=false value=initial.times/>
        </fieldset>
    }
}

/// "Afspraak toevoegen".
#[component]
pub fn AddAppointmentPage() -> impl IntoView {
    let text = t();
    let add = ServerAction::<AddAppointment>::new();
    let page_id = move || page_id_from_route().unwrap_or_default();
    let initial = crate::shell::kept::kept_form().unwrap_or_else(|| AppointmentForm {
        date: query_date(),
        repeat: "none".into(),
        ..Default::default()
    });
    view! {
        <Title text=format!("{} – {}", text.cal_add, text.app_name)/>
        <section class="card narrow">
            <h1>{text.cal_add}</h1>
            <ActionForm action=add>
                <input type="hidden" name="page_id" value=move || page_id().to_string()/>
                <AppointmentFields initial/>
                <ActionError action=add/>
                <Submit action=add label=text.cal_save/>
                <A href=move || calendar_path(page_id()) attr:class="button">{text.cal_cancel}</A>
            </ActionForm>
        </section>
    }
}

/// "Afspraak wijzigen", for the occurrence in `?datum=`.
#[component]
pub fn EditAppointmentPage() -> impl IntoView {
    let text = t();
    let edit = ServerAction::<EditAppointment>::new();
    let page_id = move || page_id_from_route().unwrap_or_default();
    let appointment_id = move || {
        use_params_map()
            .read()
            .get("afspraak")
            .and_then(|id| id.parse::<i64>().ok())
    };
    let loaded = Resource::new(
        move || (page_id(), appointment_id(), query_date()),
        |(page_id, appointment_id, date)| async move {
            match appointment_id {
                Some(id) => appointment_for_edit(page_id, id, date).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Title text=format!("{} – {}", text.cal_edit_title, text.app_name)/>
        <section class="card narrow">
            <h1>{text.cal_edit_title}</h1>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match loaded.await {
                        Err(error) => view! { <p class="error" role="alert">{error.to_string()}</p> }.into_any(),
                        Ok(editable) => view! {
                            <ActionForm action=edit>
                                <input type="hidden" name="page_id" value=page_id().to_string()/>
                                <input type="hidden" name="appointment_id" value=editable.id.to_string()/>
                                <input type="hidden" name="occurrence" value=editable.occurrence.clone()/>
                                {if editable.repeating {
                                    view! {
                                        <fieldset class="scope">
                                            <legend>{text.cal_scope}</legend>
                                            <div class="field checkbox">
                                                <input id="scope-one" type="radio" name="scope" value="one" checked/>
                                                <label for="scope-one">{text.cal_scope_one}</label>
                                            </div>
                                            <div class="field checkbox">
                                                <input id="scope-series" type="radio" name="scope" value="series"/>
                                                <label for="scope-series">{text.cal_scope_series}</label>
                                            </div>
                                        </fieldset>
                                    }.into_any()
                                } else {
                                    view! { <input type="hidden" name="scope" value="series"/> }.into_any()
                                }}
                                <AppointmentFields initial=crate::shell::kept::kept_form().unwrap_or(editable.form)/>
                                <ActionError action=edit/>
                                <Submit action=edit label=text.cal_save/>
                                <A href=calendar_path(page_id()) attr:class="button">{text.cal_cancel}</A>
                            </ActionForm>
                        }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}
