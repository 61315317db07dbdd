//! The Medicijnen screens: the list (in use, and stopped apart), one form to
//! add or change a medicine, and the Medicatieoverzicht on one A4 page.

use super::door::DoorActions;
use super::medication::{
    field, medication, AddMedicine, EditMedicine, MedicationView, Medicine, MedicineForm, WithFood,
    MAX_NAME, MAX_NOTES, MAX_SHORT,
};
use super::pages::{gated, DossierTabs};
use crate::calendar::print::PrintButton;
use crate::dates::date_with_year;
use crate::error::AppError;
use crate::i18n::{fill, t};
use crate::routes::{page, page_id_from_route};
use crate::shell::form::{described_by, ActionError, Field, FieldErrors, FieldMessage, Submit};
use crate::shell::kept::kept_group;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

fn load(door: DoorActions) -> Resource<super::pages::Answer<MedicationView>> {
    Resource::new(
        move || (page_id_from_route(), door.version()),
        |(page_id, _)| async move {
            match page_id {
                Some(page_id) => medication(page_id).await,
                None => Err(AppError::NotFound),
            }
        },
    )
}

/// "500 mg · 1 tablet · 08:00 en 20:00 · met eten"
fn how_to_take(medicine: &Medicine) -> String {
    let food = (medicine.with_food != WithFood::Any).then(|| medicine.with_food.label());
    [
        Some(medicine.strength.as_str()),
        Some(medicine.dose.as_str()),
        Some(medicine.times.as_str()),
        food,
    ]
    .into_iter()
    .flatten()
    .filter(|part| !part.is_empty())
    .collect::<Vec<_>>()
    .join(" · ")
}

#[component]
pub fn MedicationPage() -> impl IntoView {
    let door = DoorActions::new();
    let data = load(door);
    gated(t().medication.tab, data, door, move |view| {
        view! { <MedicationScreen view/> }.into_any()
    })
}

#[component]
fn MedicationScreen(view: MedicationView) -> impl IntoView {
    let text = t().medication;
    let paths = page(view.frame.page_id);
    let can_edit = view.can_edit;
    let page_id = view.frame.page_id;
    let empty = view.current.is_empty() && view.stopped.is_empty();
    view! {
        <section class="card dossier">
            <DossierTabs frame=view.frame.clone() current="medicijnen"/>
            <h2>{text.tab}</h2>
            <p>{fill(text.intro, &[("person", &view.frame.person)])}</p>
            <p class="medication-actions">
                {can_edit.then(|| view! { <A href=paths.new_medicine() attr:class="button primary">{text.add}</A> })}
                <A href=paths.print_medication() attr:class="button">{text.print}</A>
            </p>
            {empty.then(|| view! { <p class="hint">{text.none}</p> })}
        </section>
        {(!view.current.is_empty()).then(|| view! {
            <section class="card" aria-labelledby="in-gebruik">
                <h2 id="in-gebruik">{text.current_title}</h2>
                <ul class="medicines">
                    {view.current.into_iter().map(|medicine| view! { <MedicineItem medicine page_id can_edit/> }).collect_view()}
                </ul>
            </section>
        })}
        {(!view.stopped.is_empty()).then(|| view! {
            <section class="card" aria-labelledby="gestopt">
                <h2 id="gestopt">{text.stopped_title}</h2>
                <ul class="medicines stopped">
                    {view.stopped.into_iter().map(|medicine| view! { <MedicineItem medicine page_id can_edit/> }).collect_view()}
                </ul>
            </section>
        })}
    }
}

#[component]
fn MedicineItem(medicine: Medicine, page_id: i64, can_edit: bool) -> impl IntoView {
    let text = t().medication;
    let how = how_to_take(&medicine);
    let dates = [
        medicine
            .started_on
            .map(|day| fill(text.since, &[("date", &date_with_year(day))])),
        medicine
            .stopped_on
            .map(|day| fill(text.stopped_since, &[("date", &date_with_year(day))])),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(", ");
    let changed = fill(
        text.changed_by,
        &[
            ("name", &medicine.changed_by),
            ("when", &medicine.changed_at),
        ],
    );
    let label = format!("{}: {}", text.edit, medicine.name);
    view! {
        <li class="medicine" id=format!("medicijn-{}", medicine.id)>
            <h3>{medicine.name.clone()}</h3>
            {(!how.is_empty()).then(|| view! { <p class="how">{how}</p> })}
            {(!medicine.prescribed_by.is_empty()).then(|| view! {
                <p>{text.prescribed_by} ": " {medicine.prescribed_by.clone()}</p>
            })}
            {(!dates.is_empty()).then(|| view! { <p>{dates}</p> })}
            {(!medicine.notes.is_empty()).then(|| view! { <p class="message-body">{medicine.notes.clone()}</p> })}
            <p class="hint">{changed}</p>
            {can_edit.then(|| view! {
                <p><A href=page(page_id).edit_medicine(medicine.id) attr:class="button" attr:aria-label=label>{text.edit}</A></p>
            })}
        </li>
    }
}

/// The fields of a medicine, filled with `initial`.
#[component]
fn MedicineInputs(initial: MedicineForm) -> impl IntoView {
    let text = t().medication;
    let initial = kept_group::<MedicineForm>("medicine").unwrap_or(initial);
    let date = |day: Option<chrono::NaiveDate>| day.map(|d| d.to_string()).unwrap_or_default();
    view! {
        <Field label=text.name name=field::NAME id="name" maxlength=MAX_NAME autocomplete="off" value=initial.name/>
        <div class="field-row">
            <Field label=text.strength name=field::STRENGTH id="strength" maxlength=MAX_SHORT required=false autocomplete="off" hint=text.strength_hint value=initial.strength/>
            <Field label=text.dose name=field::DOSE id="dose" maxlength=MAX_SHORT required=false autocomplete="off" hint=text.dose_hint value=initial.dose/>
        </div>
        <Field label=text.times name=field::TIMES id="times" maxlength=MAX_SHORT required=false autocomplete="off" hint=text.times_hint value=initial.times/>
        <div class="field">
            <label for="veld-with_food">{text.with_food}</label>
            <select id="veld-with_food" name=field::WITH_FOOD>
                {WithFood::ALL.into_iter().map(|food| view! {
                    <option value=food.value() selected=food == initial.with_food>{food.label()}</option>
                }).collect_view()}
            </select>
        </div>
        <Field label=text.prescribed_by name=field::PRESCRIBED_BY id="prescribed_by" maxlength=MAX_SHORT required=false autocomplete="off" value=initial.prescribed_by/>
        <div class="field-row">
            <Field label=text.started_on name=field::STARTED_ON id="started_on" kind="date" required=false value=date(initial.started_on.0)/>
            <Field label=text.stopped_on name=field::STOPPED_ON id="stopped_on" kind="date" required=false hint=text.stopped_hint value=date(initial.stopped_on.0)/>
        </div>
        <div class="field">
            <label for="veld-notes">{text.notes}</label>
            <FieldMessage name=field::NOTES id="veld-notes-fout"/>
            <textarea id="veld-notes" name=field::NOTES rows="3" maxlength=MAX_NOTES.to_string()
                aria-describedby=described_by(field::NOTES, "veld-notes-fout", None)>
                {initial.notes}
            </textarea>
        </div>
    }
}

#[component]
pub fn NewMedicinePage() -> impl IntoView {
    let door = DoorActions::new();
    let data = load(door);
    let add = ServerAction::<AddMedicine>::new();
    gated(t().medication.add, data, door, move |view| {
        let text = t().medication;
        let page_id = view.frame.page_id;
        view! {
            <section class="card narrow">
                <h1>{text.add}</h1>
                <ActionForm action=add>
                    <FieldErrors action=add>
                        <input type="hidden" name="page_id" value=page_id.to_string()/>
                        <MedicineInputs initial=MedicineForm::default()/>
                        <ActionError action=add/>
                        <Submit action=add label=t().save/>
                        <A href=page(page_id).medication() attr:class="button">{text.back}</A>
                    </FieldErrors>
                </ActionForm>
            </section>
        }
        .into_any()
    })
}

#[component]
pub fn EditMedicinePage() -> impl IntoView {
    let door = DoorActions::new();
    let data = load(door);
    let edit = ServerAction::<EditMedicine>::new();
    let params = use_params_map();
    gated(t().medication.edit_title, data, door, move |view| {
        let text = t().medication;
        let page_id = view.frame.page_id;
        let wanted: Option<i64> = params
            .read_untracked()
            .get("medicijn")
            .and_then(|id| id.parse().ok());
        let found = view
            .current
            .iter()
            .chain(view.stopped.iter())
            .find(|medicine| Some(medicine.id) == wanted)
            .filter(|_| view.can_edit)
            .cloned();
        let Some(medicine) = found else {
            return view! {
                <section class="card"><h1>{text.edit_title}</h1><p class="error" role="alert">{AppError::NotFound.to_string()}</p></section>
            }.into_any();
        };
        view! {
            <section class="card narrow">
                <h1>{text.edit_title}</h1>
                <ActionForm action=edit>
                    <FieldErrors action=edit>
                        <input type="hidden" name="page_id" value=page_id.to_string()/>
                        <input type="hidden" name="medicine_id" value=medicine.id.to_string()/>
                        <MedicineInputs initial=MedicineForm::of(&medicine)/>
                        <ActionError action=edit/>
                        <Submit action=edit label=t().save/>
                        <A href=page(page_id).medication() attr:class="button">{text.back}</A>
                    </FieldErrors>
                </ActionForm>
            </section>
        }
        .into_any()
    })
}

/// The Medicatieoverzicht: the person, the date, what is in use, on one
/// portrait A4 page for a doctor's visit or a hospital. Without navigation.
#[component]
pub fn PrintMedicationPage() -> impl IntoView {
    let door = DoorActions::new();
    let data = load(door);
    gated(t().medication.print, data, door, move |view| {
        let text = t().medication;
        let title = fill(text.print_title, &[("person", &view.full_name)]);
        view! {
            <section class="print-medication">
                <div class="print-controls">
                    <PrintButton/>
                    <A href=page(view.frame.page_id).medication() attr:class="button">{text.back}</A>
                </div>
                <h1>{title}</h1>
                <p>
                    {fill(text.print_born, &[("date", &date_with_year(view.birth_date))])}
                    " · "
                    {fill(text.print_date, &[("date", &date_with_year(view.today))])}
                </p>
                <table class="medication-table">
                    <thead>
                        <tr>
                            <th scope="col">{text.name}</th>
                            <th scope="col">{text.strength}</th>
                            <th scope="col">{text.dose}</th>
                            <th scope="col">{text.times}</th>
                            <th scope="col">{text.with_food}</th>
                            <th scope="col">{text.prescribed_by}</th>
                            <th scope="col">{text.started_on}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {view.current.into_iter().map(|medicine| view! {
                            <tr>
                                <td>{medicine.name}{(!medicine.notes.is_empty()).then(|| view! { <br/><span class="hint">{medicine.notes}</span> })}</td>
                                <td>{medicine.strength}</td>
                                <td>{medicine.dose}</td>
                                <td>{medicine.times}</td>
                                <td>{medicine.with_food.label()}</td>
                                <td>{medicine.prescribed_by}</td>
                                <td>{medicine.started_on.map(date_with_year).unwrap_or_default()}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
                <p class="hint">{text.print_note}</p>
            </section>
        }
        .into_any()
    })
}
