//! Medicijnen: the person's medication list. Medical data, so it lives in
//! the dossier: the same door (a fresh SMS code), every look and change in
//! the access log. The trusted group, the admin and linked organisations'
//! staff keep it; each medicine says who changed it last. A medicine with a
//! stop date of today or earlier is listed apart, never deleted.

use super::Gated;
use crate::error::AppError;
use crate::form_value::DateField;
use chrono::NaiveDate;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
#[cfg(feature = "ssr")]
use {
    super::access_log::Look,
    super::door::{enter, enter_to_write},
    crate::fields::written_text,
    crate::i18n::{fill, t},
    crate::policy::{allows, Action, Actor},
    crate::state::app_state,
};

pub const MAX_NAME: usize = 100;
pub const MAX_SHORT: usize = 60;
pub const MAX_NOTES: usize = 500;
/// Medicines one page may list (current and stopped together).
pub const MAX_MEDICINES: i64 = 200;

/// With food or not, as the form names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum WithFood {
    #[default]
    #[serde(rename = "maakt-niet-uit")]
    Any,
    #[serde(rename = "met-eten")]
    With,
    #[serde(rename = "zonder-eten")]
    Without,
}

impl WithFood {
    pub const ALL: [WithFood; 3] = [WithFood::Any, WithFood::With, WithFood::Without];

    pub fn as_db(self) -> &'static str {
        match self {
            WithFood::Any => "any",
            WithFood::With => "with",
            WithFood::Without => "without",
        }
    }

    pub fn from_db(value: &str) -> WithFood {
        WithFood::ALL
            .into_iter()
            .find(|food| food.as_db() == value)
            .unwrap_or_default()
    }

    /// Its value in the form (`met-eten`).
    pub fn value(self) -> &'static str {
        match self {
            WithFood::Any => "maakt-niet-uit",
            WithFood::With => "met-eten",
            WithFood::Without => "zonder-eten",
        }
    }

    pub fn label(self) -> &'static str {
        let text = crate::i18n::t().medication;
        match self {
            WithFood::Any => text.food_any,
            WithFood::With => text.food_with,
            WithFood::Without => text.food_without,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Medicine {
    pub id: i64,
    pub name: String,
    pub strength: String,
    pub dose: String,
    pub times: String,
    pub with_food: WithFood,
    pub prescribed_by: String,
    pub started_on: Option<NaiveDate>,
    pub stopped_on: Option<NaiveDate>,
    pub notes: String,
    pub changed_by: String,
    /// As people say it: "gisteren 14:02".
    pub changed_at: String,
}

#[cfg(feature = "ssr")]
impl Medicine {
    /// The medicine as the list shows it; a stored "with food" this
    /// version does not know is an error, not a quiet default.
    fn stored(row: queries::StoredMedicine) -> Result<Medicine, AppError> {
        let with_food = WithFood::ALL
            .into_iter()
            .find(|food| food.as_db() == row.with_food)
            .ok_or_else(|| crate::db::unreadable("with food"))?;
        Ok(Medicine {
            id: row.id,
            name: row.name,
            strength: row.strength,
            dose: row.dose,
            times: row.times,
            with_food,
            prescribed_by: row.prescribed_by,
            started_on: row.started_on,
            stopped_on: row.stopped_on,
            notes: row.notes,
            changed_by: row.changed_by_name,
            changed_at: crate::dates::spoken_at(row.changed_at),
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MedicationView {
    pub frame: super::Frame,
    pub full_name: String,
    pub birth_date: NaiveDate,
    pub today: NaiveDate,
    /// In use, by name.
    pub current: Vec<Medicine>,
    /// Stopped, the most recently stopped first.
    pub stopped: Vec<Medicine>,
    pub can_edit: bool,
}

/// A medicine's fields as the form sends them: `medicine[name]`, …
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MedicineForm {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub strength: String,
    #[serde(default)]
    pub dose: String,
    #[serde(default)]
    pub times: String,
    #[serde(default)]
    pub with_food: WithFood,
    #[serde(default)]
    pub prescribed_by: String,
    #[serde(default)]
    pub started_on: DateField,
    #[serde(default)]
    pub stopped_on: DateField,
    #[serde(default)]
    pub notes: String,
}

/// The form's field names, for labels and errors.
pub mod field {
    pub const NAME: &str = "medicine[name]";
    pub const STRENGTH: &str = "medicine[strength]";
    pub const DOSE: &str = "medicine[dose]";
    pub const TIMES: &str = "medicine[times]";
    pub const WITH_FOOD: &str = "medicine[with_food]";
    pub const PRESCRIBED_BY: &str = "medicine[prescribed_by]";
    pub const STARTED_ON: &str = "medicine[started_on]";
    pub const STOPPED_ON: &str = "medicine[stopped_on]";
    pub const NOTES: &str = "medicine[notes]";
}

impl MedicineForm {
    /// The form filled with a stored medicine, for changing it.
    pub fn of(medicine: &Medicine) -> MedicineForm {
        MedicineForm {
            name: medicine.name.clone(),
            strength: medicine.strength.clone(),
            dose: medicine.dose.clone(),
            times: medicine.times.clone(),
            with_food: medicine.with_food,
            prescribed_by: medicine.prescribed_by.clone(),
            started_on: DateField(medicine.started_on),
            stopped_on: DateField(medicine.stopped_on),
            notes: medicine.notes.clone(),
        }
    }

    /// Trimmed and within bounds, or the field that is not.
    #[cfg(feature = "ssr")]
    fn check(mut self) -> Result<MedicineForm, AppError> {
        let text = t().medication;
        let short = |value: &str, label: &str, name: &'static str, max: usize| {
            written_text(value, label, max, false).map_err(AppError::in_field(name))
        };
        self.name = written_text(&self.name, text.name, MAX_NAME, true)
            .map_err(AppError::in_field(field::NAME))?;
        self.strength = short(&self.strength, text.strength, field::STRENGTH, MAX_SHORT)?;
        self.dose = short(&self.dose, text.dose, field::DOSE, MAX_SHORT)?;
        self.times = short(&self.times, text.times, field::TIMES, MAX_SHORT)?;
        self.prescribed_by = short(
            &self.prescribed_by,
            text.prescribed_by,
            field::PRESCRIBED_BY,
            MAX_SHORT,
        )?;
        self.notes = short(&self.notes, text.notes, field::NOTES, MAX_NOTES)?;
        for (date, name) in [
            (self.started_on.0, field::STARTED_ON),
            (self.stopped_on.0, field::STOPPED_ON),
        ] {
            if let Some(date) = date {
                crate::fields::in_range(date).map_err(AppError::in_field(name))?;
            }
        }
        if let (Some(start), Some(stop)) = (self.started_on.0, self.stopped_on.0) {
            if stop < start {
                return Err(AppError::in_field(field::STOPPED_ON)(
                    text.stop_before_start.to_string(),
                ));
            }
        }
        Ok(self)
    }
}

#[cfg(feature = "ssr")]
fn read(_: Actor, fresh_code: bool) -> Action {
    Action::ReadDossier { fresh_code }
}

#[cfg(feature = "ssr")]
fn edit(_: Actor, fresh_code: bool) -> Action {
    Action::EditMedication { fresh_code }
}

/// The list, the door when this session has no fresh code.
#[server(prefix = "/api", endpoint = "medication")]
pub async fn medication(page_id: i64) -> Result<Gated<MedicationView>, AppError> {
    let state = app_state()?;
    let inside = match enter(&state, page_id, read, Look::MedicationRead).await? {
        Gated::Open(inside) => inside,
        Gated::Locked(door) => return Ok(Gated::Locked(door)),
    };
    let page = crate::care_pages::page(&state.db, page_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let today = crate::dates::today();
    let medicines = queries::list(&state.db, page_id)
        .await?
        .into_iter()
        .map(Medicine::stored)
        .collect::<Result<Vec<_>, AppError>>()?;
    let (stopped, current): (Vec<Medicine>, Vec<Medicine>) = medicines
        .into_iter()
        .partition(|medicine| medicine.stopped_on.is_some_and(|day| day <= today));
    let mut stopped = stopped;
    stopped.sort_by_key(|medicine| std::cmp::Reverse(medicine.stopped_on));
    Ok(Gated::Open(MedicationView {
        frame: super::Frame::of(&state.db, page_id, &inside).await?,
        full_name: format!("{} {}", page.first_name, page.last_name),
        birth_date: page.birth_date,
        today,
        current,
        stopped,
        can_edit: allows(inside.actor, edit(inside.actor, true)),
    }))
}

/// "Medicijn toevoegen".
#[server(prefix = "/api", endpoint = "add_medicine")]
pub async fn add_medicine(page_id: i64, medicine: MedicineForm) -> Result<(), AppError> {
    let state = app_state()?;
    let inside = enter_to_write(&state, page_id, edit, Look::MedicationWritten).await?;
    let medicine = medicine.check()?;
    let mut tx = state.db.begin().await?;
    queries::insert(&mut tx, page_id, &medicine, &inside).await?;
    inside
        .record_in(&mut tx, page_id, Look::MedicationWritten)
        .await?;
    tx.commit().await?;
    saved(page_id, &medicine.name).await
}

/// Changes a medicine of this page; stopping one is setting its stop date.
#[server(prefix = "/api", endpoint = "edit_medicine")]
pub async fn edit_medicine(
    page_id: i64,
    medicine_id: i64,
    medicine: MedicineForm,
) -> Result<(), AppError> {
    let state = app_state()?;
    let inside = enter_to_write(&state, page_id, edit, Look::MedicationWritten).await?;
    let medicine = medicine.check()?;
    let mut tx = state.db.begin().await?;
    queries::update(&mut tx, page_id, medicine_id, &medicine, &inside).await?;
    inside
        .record_in(&mut tx, page_id, Look::MedicationWritten)
        .await?;
    tx.commit().await?;
    saved(page_id, &medicine.name).await
}

/// Says so above the list and goes back to it.
#[cfg(feature = "ssr")]
async fn saved(page_id: i64, name: &str) -> Result<(), AppError> {
    let state = app_state()?;
    let said = fill(t().medication.saved, &[("name", name)]);
    crate::accounts::flash::notice_for_next_page(&state.db, said).await?;
    leptos_axum::redirect(&crate::routes::page(page_id).medication());
    Ok(())
}

#[cfg(feature = "ssr")]
mod queries;
