//! Adding and changing appointments: one set of fields for both, and for a
//! repeating appointment the choice between this occurrence and the series.

use super::api::{appointment_for_edit, AddAppointment, EditAppointment};
use super::form::{
    field, AppointmentFields, Repetition, Scope, MAX_DESCRIPTION, MAX_PLACE, MAX_TITLE,
};
use crate::error::AppError;
use crate::i18n::t;
use crate::routes;
use crate::routes::page_id_from_route;
use crate::shell::form::{described_by, ActionError, Field, FieldErrors, FieldMessage, Submit};
use crate::shell::kept::kept_group;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The server functions' argument that holds the fields: the form names them
/// `appointment[title]` and so on.
const GROUP: &str = "appointment";

fn query_date() -> Option<chrono::NaiveDate> {
    let date = use_query_map().read().get("datum")?;
    crate::form_value::optional_date::parse(&date)
}

fn text_of<T: ToString>(value: Option<T>) -> String {
    value.map(|value| value.to_string()).unwrap_or_default()
}

fn time_text(time: Option<chrono::NaiveTime>) -> String {
    text_of(time.map(|time| time.format("%H:%M")))
}

/// The fields of an appointment, filled with `initial`.
#[component]
fn AppointmentInputs(initial: AppointmentFields) -> impl IntoView {
    let text = t();
    let repeat = initial.repeat;
    let option = move |choice: Repetition| {
        let label = match choice {
            Repetition::None => text.cal_repeat_none,
            Repetition::Daily => text.cal_repeat_daily,
            Repetition::Weekly => text.cal_repeat_weekly,
            Repetition::Monthly => text.cal_repeat_monthly,
        };
        view! { <option value=choice.value() selected=repeat == choice>{label}</option> }
    };
    view! {
        <Field label=text.cal_title name=field::TITLE id="title" maxlength=MAX_TITLE autocomplete="off" value=initial.title/>
        <Field label=text.cal_date name=field::DATE id="date" kind="date" value=text_of(initial.date)/>
        <div class="field checkbox">
            <input id="veld-all_day" type="checkbox" name="appointment[all_day]" checked=initial.all_day/>
            <label for="veld-all_day">{text.cal_all_day_label}</label>
        </div>
        <div class="field-row">
            <Field label=text.cal_start name=field::START id="start_time" kind="time" required=false value=time_text(initial.start_time)/>
            <Field label=text.cal_end name=field::END id="end_time" kind="time" required=false value=time_text(initial.end_time)/>
        </div>
        <Field label=text.cal_place name=field::PLACE id="place" maxlength=MAX_PLACE required=false autocomplete="off" value=initial.place/>
        <div class="field">
            <label for="veld-description">{text.cal_description}</label>
            <FieldMessage name=field::DESCRIPTION id="veld-description-fout"/>
            <textarea id="veld-description" name=field::DESCRIPTION rows="3" maxlength=MAX_DESCRIPTION.to_string()
                aria-describedby=described_by(field::DESCRIPTION, "veld-description-fout", None)>
                {initial.description}
            </textarea>
        </div>
        <div class="field checkbox">
            <input id="veld-share" type="checkbox" name="appointment[share_with_provider]" checked=initial.share_with_provider/>
            <label for="veld-share">{text.cal_share_label}</label>
        </div>
        <div class="field checkbox">
            <input id="veld-help" type="checkbox" name="appointment[ask_help]" checked=initial.ask_help/>
            <label for="veld-help">{text.cal_ask_help_label}</label>
        </div>
        <fieldset class="repeat">
            <legend>{text.cal_repeat_label}</legend>
            <div class="field">
                <label for="veld-repeat">{text.cal_repeat_label}</label>
                <select id="veld-repeat" name="appointment[repeat]">
                    {Repetition::ALL.map(option)}
                </select>
            </div>
            <Field label=text.cal_every name=field::EVERY id="every" kind="number" required=false value=text_of(initial.every)/>
            <Field label=text.cal_repeat_until name=field::UNTIL id="until" kind="date" required=false value=text_of(initial.until)/>
            <Field label=text.cal_times name=field::TIMES id="times" kind="number" required=false value=text_of(initial.times)/>
        </fieldset>
    }
}

/// "Afspraak toevoegen".
#[component]
pub fn AddAppointmentPage() -> impl IntoView {
    let text = t();
    let add = ServerAction::<AddAppointment>::new();
    let page_id = move || page_id_from_route().unwrap_or_default();
    let initial = kept_group(GROUP).unwrap_or_else(|| AppointmentFields {
        date: query_date(),
        ..Default::default()
    });
    view! {
        <Title text=format!("{} – {}", text.cal_add, text.app_name)/>
        <section class="card narrow">
            <h1>{text.cal_add}</h1>
            <ActionForm action=add>
                <FieldErrors action=add>
                    <input type="hidden" name="page_id" value=move || page_id().to_string()/>
                    <AppointmentInputs initial/>
                    <ActionError action=add/>
                    <Submit action=add label=text.cal_save/>
                    <A href=move || routes::page(page_id()).calendar() attr:class="button">{text.cal_cancel}</A>
                </FieldErrors>
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
                Some(id) => match date {
                    Some(date) => appointment_for_edit(page_id, id, date).await,
                    None => Err(AppError::NotFound),
                },
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
                                <FieldErrors action=edit>
                                    <input type="hidden" name="page_id" value=page_id().to_string()/>
                                    <input type="hidden" name="appointment_id" value=editable.id.to_string()/>
                                    <input type="hidden" name="occurrence" value=editable.occurrence.to_string()/>
                                    {if editable.repeating {
                                        view! {
                                            <fieldset class="scope">
                                                <legend>{text.cal_scope}</legend>
                                                <div class="field checkbox">
                                                    <input id="scope-one" type="radio" name="scope" value=Scope::One.value() checked/>
                                                    <label for="scope-one">{text.cal_scope_one}</label>
                                                </div>
                                                <div class="field checkbox">
                                                    <input id="scope-series" type="radio" name="scope" value=Scope::Series.value()/>
                                                    <label for="scope-series">{text.cal_scope_series}</label>
                                                </div>
                                            </fieldset>
                                        }.into_any()
                                    } else {
                                        view! { <input type="hidden" name="scope" value=Scope::Series.value()/> }.into_any()
                                    }}
                                    <AppointmentInputs initial=kept_group(GROUP).unwrap_or(editable.form)/>
                                    <ActionError action=edit/>
                                    <Submit action=edit label=text.cal_save/>
                                    <A href=routes::page(page_id()).calendar() attr:class="button">{text.cal_cancel}</A>
                                </FieldErrors>
                            </ActionForm>
                        }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}
