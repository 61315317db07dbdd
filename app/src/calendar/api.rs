//! Server functions of the calendar. Each asks the access policy with the
//! page from the request and the session's account; ids are looked up within
//! that page only.

use super::form::{AppointmentFields, Scope};
use super::{EditableAppointment, WeekView};
use crate::error::AppError;
use chrono::NaiveDate;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    super::queries,
    super::week::Week,
    super::writes,
    super::DayView,
    crate::access::authorize,
    crate::accounts::flash,
    crate::dates::{moment_label, today},
    crate::i18n::fill,
    crate::i18n::t,
    crate::policy::{allows, Action},
    crate::state::app_state,
};

/// The week `week` (`2026-W47` or a date; empty for this week) of a care page.
#[server(prefix = "/api", endpoint = "calendar_week")]
pub async fn calendar_week(page_id: i64, week: String) -> Result<WeekView, AppError> {
    let state = app_state()?;
    let (account, actor) = authorize(&state, page_id, Action::ViewCalendar).await?;
    let today = today();
    let week = if week.trim().is_empty() {
        Week::containing(today)
    } else {
        Week::parse(&week).ok_or_else(|| AppError::invalid(t().cal_err_week))?
    };
    let page = crate::care_pages::page(&state.db, page_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let feed_active = match allows(actor, Action::UseCalendarFeed) {
        true => Some(super::feed::exists(&state.db, page_id, account.id).await?),
        false => None,
    };
    let fresh_feed_url = match feed_active {
        Some(true) => flash::take(&state.db, super::FEED_FLASH, flash::Taking::Once).await?,
        _ => None,
    };
    let items = queries::items_between(
        &state.db,
        page_id,
        &account,
        actor,
        week.monday(),
        week.sunday(),
    )
    .await?;
    let days = week
        .days()
        .map(|date| {
            let mut of_day: Vec<super::Item> = items
                .iter()
                .filter(|(day, _)| *day == date)
                .map(|(_, item)| item.clone())
                .collect();
            let hidden = of_day.len().saturating_sub(super::MAX_ITEMS_PER_DAY);
            of_day.truncate(super::MAX_ITEMS_PER_DAY);
            DayView {
                date,
                items: of_day,
                hidden,
            }
        })
        .collect();
    Ok(WeekView {
        page_id,
        person_name: format!("{} {}", page.first_name, page.last_name),
        person_first_name: page.first_name,
        week,
        today,
        days,
        can_add: allows(actor, Action::AddAppointment),
        feed_active,
        fresh_feed_url,
    })
}

/// "Afspraak toevoegen". Repeating appointments are stored once, as a rule.
#[server(prefix = "/api", endpoint = "add_appointment")]
pub async fn add_appointment(
    page_id: i64,
    appointment: AppointmentFields,
) -> Result<i64, AppError> {
    let state = app_state()?;
    let (account, _) = authorize(&state, page_id, Action::AddAppointment).await?;
    let new = appointment.check()?;
    let id = writes::insert(&state.db, page_id, account.id, &new).await?;
    let said = fill(t().cal_saved, &[("when", &saved_label(&new))]);
    flash::notice_for_next_page(&state.db, said).await?;
    // The saved appointment scrolled into view and marked (`:target`), with
    // or without JavaScript.
    leptos_axum::redirect(&crate::routes::page(page_id).calendar_at(
        &Week::containing(new.date).key(),
        &super::item_anchor(id, new.date),
    ));
    Ok(id)
}

/// "Koffie met Jan, do 26 november 14:00": what a confirmation names.
#[cfg(feature = "ssr")]
fn saved_label(new: &super::form::NewAppointment) -> String {
    format!("{}, {}", new.title, moment_label(new.date, new.start))
}

/// The same for a stored occurrence.
#[cfg(feature = "ssr")]
fn occurrence_label(row: &queries::AppointmentRow, day: NaiveDate) -> String {
    format!("{}, {}", row.title, moment_label(day, row.start_time))
}

/// The appointment `appointment_id` of this page and the occurrence on `date`;
/// not found when either is not there.
#[cfg(feature = "ssr")]
async fn occurrence(
    db: &crate::db::Db,
    page_id: i64,
    appointment_id: i64,
    day: NaiveDate,
) -> Result<(queries::AppointmentRow, NaiveDate), AppError> {
    let row = queries::appointment(db, page_id, appointment_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !crate::fields::date_in_range(day) || !row.dates_between(day, day).contains(&day) {
        return Err(AppError::NotFound);
    }
    Ok((row, day))
}

/// "Ik help mee" (`help` = true) or withdrawing, for the occurrence on
/// `date`, or with `every_time` for every occurrence of its series ("Ik help
/// elke keer"; `date` then only names the occurrence the button stood at).
#[server(prefix = "/api", endpoint = "set_helping")]
pub async fn set_helping(
    page_id: i64,
    appointment_id: i64,
    date: NaiveDate,
    help: bool,
    #[server(default)] every_time: bool,
) -> Result<String, AppError> {
    let state = app_state()?;
    let (account, _) = authorize(&state, page_id, Action::HelpWithAppointment).await?;
    let (row, day) = occurrence(&state.db, page_id, appointment_id, date).await?;
    let text = t();
    if help && !row.asks_help {
        return Err(AppError::invalid(text.cal_no_help_asked));
    }
    let said = if every_time {
        if row.repeat_frequency.is_none() {
            return Err(AppError::invalid(text.err_bad_request));
        }
        writes::set_helping_every_time(&state.db, row.id, account.id, help).await?;
        let said = match help {
            true => text.cal_helping_every_time,
            false => text.cal_helping_not_every_time,
        };
        fill(said, &[("title", &row.title)])
    } else {
        writes::set_helping(&state.db, row.id, day, account.id, help).await?;
        let said = match help {
            true => text.cal_helping_now,
            false => text.cal_helping_not,
        };
        fill(said, &[("when", &occurrence_label(&row, day))])
    };
    flash::done(&state.db, said).await
}

/// Deletes one occurrence or the whole series.
#[server(prefix = "/api", endpoint = "delete_appointment")]
pub async fn delete_appointment(
    page_id: i64,
    appointment_id: i64,
    date: NaiveDate,
    scope: Scope,
) -> Result<String, AppError> {
    let state = app_state()?;
    let (account, actor) = authorize(&state, page_id, Action::ViewCalendar).await?;
    let (row, day) = occurrence(&state.db, page_id, appointment_id, date).await?;
    let own = row.created_by == Some(account.id);
    if !allows(
        actor,
        Action::ViewAppointment {
            shared: row.shared_with_provider,
        },
    ) || !allows(actor, Action::EditAppointment { own })
    {
        return Err(AppError::NotFound);
    }
    let whole_series = scope == Scope::Series;
    writes::delete(&state.db, &row, day, whole_series).await?;
    let text = t();
    let said = match whole_series && row.repeat_frequency.is_some() {
        true => text.cal_deleted_series,
        false => text.cal_deleted,
    };
    flash::done(
        &state.db,
        fill(said, &[("when", &occurrence_label(&row, day))]),
    )
    .await
}

/// Makes a new private feed address (any older one stops working) and returns it, once.
#[server(prefix = "/api", endpoint = "renew_feed")]
pub async fn renew_feed(page_id: i64) -> Result<String, AppError> {
    let state = app_state()?;
    let (account, _) = authorize(&state, page_id, Action::UseCalendarFeed).await?;
    let token = super::feed::renew(&state.db, page_id, account.id).await?;
    let url = format!(
        "{}/agenda/{token}.ics",
        state.settings.public_url.trim_end_matches('/')
    );
    flash::leave_for_plain_form(&state.db, super::FEED_FLASH, &url).await?;
    Ok(url)
}

#[server(prefix = "/api", endpoint = "revoke_feed")]
pub async fn revoke_feed(page_id: i64) -> Result<(), AppError> {
    let state = app_state()?;
    let (account, _) = authorize(&state, page_id, Action::UseCalendarFeed).await?;
    super::feed::revoke(&state.db, page_id, account.id).await
}

/// The occurrence's appointment as its edit form starts out.
#[server(prefix = "/api", endpoint = "appointment_for_edit")]
pub async fn appointment_for_edit(
    page_id: i64,
    appointment_id: i64,
    date: NaiveDate,
) -> Result<EditableAppointment, AppError> {
    let state = app_state()?;
    let (row, day) = editable(&state, page_id, appointment_id, date).await?;
    Ok(EditableAppointment {
        id: row.id,
        occurrence: day,
        repeating: row.repeat_frequency.is_some(),
        form: row.to_form(day),
    })
}

/// An appointment the session's account may change: it sees it and made it
/// (or is the admin).
#[cfg(feature = "ssr")]
async fn editable(
    state: &crate::state::AppState,
    page_id: i64,
    appointment_id: i64,
    date: NaiveDate,
) -> Result<(queries::AppointmentRow, NaiveDate), AppError> {
    let db = &state.db;
    let (account, actor) = authorize(state, page_id, Action::ViewCalendar).await?;
    let (row, day) = occurrence(db, page_id, appointment_id, date).await?;
    let own = row.created_by == Some(account.id);
    let visible = allows(
        actor,
        Action::ViewAppointment {
            shared: row.shared_with_provider,
        },
    );
    if !visible || !allows(actor, Action::EditAppointment { own }) {
        return Err(AppError::NotFound);
    }
    Ok((row, day))
}

/// Changes one occurrence or the whole appointment. For a series, moving the
/// date moves every occurrence by as many days.
#[server(prefix = "/api", endpoint = "edit_appointment")]
pub async fn edit_appointment(
    page_id: i64,
    appointment_id: i64,
    occurrence: NaiveDate,
    scope: Scope,
    appointment: AppointmentFields,
) -> Result<(), AppError> {
    let state = app_state()?;
    let (row, day) = editable(&state, page_id, appointment_id, occurrence).await?;
    let only_this_one = scope == Scope::One && row.repeat_frequency.is_some();
    let mut form = appointment;
    if only_this_one {
        // One occurrence stands alone; the series' repetition fields do not apply.
        form.repeat = super::form::Repetition::None;
    }
    let mut new = form.check()?;
    let week = Week::containing(new.date).key();
    // Where the edited occurrence now stands, to scroll to it; a single
    // occurrence split off a series gets a new id, so no anchor then.
    let anchor = (!only_this_one).then(|| super::item_anchor(row.id, new.date));
    if only_this_one {
        writes::replace_occurrence(&state.db, &row, day, page_id, row.created_by, &new).await?;
    } else {
        let shift = new.date - day;
        if row.repeat_frequency.is_some() {
            new.date = row.start() + shift;
            if let Some(rule) = new.rule.as_mut() {
                rule.until = rule.until.max(new.date);
            }
        }
        writes::update(&state.db, row.id, &new, shift.num_days()).await?;
    }
    let said = fill(t().cal_saved, &[("when", &saved_label(&new))]);
    flash::notice_for_next_page(&state.db, said).await?;
    let paths = crate::routes::page(page_id);
    leptos_axum::redirect(&match anchor {
        Some(anchor) => paths.calendar_at(&week, &anchor),
        None => paths.calendar_week(&week),
    });
    Ok(())
}
