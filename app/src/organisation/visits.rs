//! Visits the organisation plans for a linked client: date, time, ± duration,
//! who comes, once or weekly for a while. They are in the family's week at
//! once (the calendar reads the same rows), and in "Mijn dag" of the
//! employee who comes.

use crate::error::AppError;
use crate::form_value;
use crate::i18n::{fill, t};
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
#[cfg(feature = "ssr")]
use {
    super::visit_queries as queries, crate::access::authorize_org, crate::policy::OrgAction,
    crate::state::app_state,
};

pub const MAX_TITLE: usize = 80;
pub const MIN_MINUTES: u32 = 5;
pub const MAX_MINUTES: u32 = 480;
/// A weekly schedule reaches at most this far: plans change, and the
/// organisation's own systems send the longer ones.
pub const MAX_WEEKS: i64 = 26;
/// Visits from today on that one organisation may have planned for one
/// client: years of daily visits, not an endless feed.
pub const MAX_UPCOMING: i64 = 2_000;
/// Upcoming visits shown per client.
pub const SHOWN: i64 = 60;

/// The form's names of the fields: errors name the field they are about.
pub mod field {
    pub const TITLE: &str = "visit[title]";
    pub const DATE: &str = "visit[date]";
    pub const TIME: &str = "visit[time]";
    pub const MINUTES: &str = "visit[minutes]";
    pub const EMPLOYEE: &str = "visit[employee]";
    pub const WEEKLY_UNTIL: &str = "visit[weekly_until]";
}

/// The visit form as the server function receives it (`visit[title]`, …).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct VisitFields {
    #[serde(default)]
    pub title: String,
    #[serde(default, with = "form_value::optional_date")]
    pub date: Option<NaiveDate>,
    #[serde(default, with = "form_value::optional_time")]
    pub time: Option<NaiveTime>,
    #[serde(default, with = "form_value::optional_number")]
    pub minutes: Option<u32>,
    /// The staff member who comes; none: not decided yet.
    #[serde(default, with = "form_value::optional_number")]
    pub employee: Option<i64>,
    /// Weekly on the same day and time, through this date.
    #[serde(default, with = "form_value::optional_date")]
    pub weekly_until: Option<NaiveDate>,
}

/// A checked visit, ready to store: one start per week of its schedule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewVisit {
    pub title: String,
    pub starts: Vec<NaiveDateTime>,
    pub minutes: u32,
    pub employee: Option<i64>,
}

impl VisitFields {
    pub fn check(&self, today: NaiveDate) -> Result<NewVisit, AppError> {
        let text = t().org;
        let title = self.title.trim();
        if title.chars().any(char::is_control) {
            return Err(AppError::in_field(field::TITLE)(fill(
                t().err_control_characters,
                &[("field", text.visit_what)],
            )));
        }
        if title.chars().count() > MAX_TITLE {
            return Err(AppError::in_field(field::TITLE)(fill(
                t().err_too_long,
                &[("field", text.visit_what), ("max", &MAX_TITLE.to_string())],
            )));
        }
        let title = if title.is_empty() {
            text.visit_default_title
        } else {
            title
        };
        let date = self.date.ok_or_else(|| {
            AppError::in_field(field::DATE)(crate::fields::required(text.visit_date))
        })?;
        let date = crate::fields::in_range(date).map_err(AppError::in_field(field::DATE))?;
        if date < today {
            return Err(AppError::in_field(field::DATE)(
                text.visit_in_past.to_string(),
            ));
        }
        let time = self.time.ok_or_else(|| {
            AppError::in_field(field::TIME)(crate::fields::required(text.visit_time))
        })?;
        let minutes = self.minutes.unwrap_or(30);
        if !(MIN_MINUTES..=MAX_MINUTES).contains(&minutes) {
            return Err(AppError::in_field(field::MINUTES)(fill(
                text.visit_minutes_range,
                &[
                    ("min", &MIN_MINUTES.to_string()),
                    ("max", &MAX_MINUTES.to_string()),
                ],
            )));
        }
        let last = self.weekly_until.unwrap_or(date);
        if last < date || last > date + chrono::Duration::weeks(MAX_WEEKS) {
            return Err(AppError::in_field(field::WEEKLY_UNTIL)(fill(
                text.visit_weeks_range,
                &[("weeks", &MAX_WEEKS.to_string())],
            )));
        }
        let starts =
            std::iter::successors(Some(date), |day| Some(*day + chrono::Duration::weeks(1)))
                .take_while(|day| *day <= last)
                .map(|day| day.and_time(time))
                .collect();
        Ok(NewVisit {
            title: title.to_string(),
            starts,
            minutes,
            employee: self.employee,
        })
    }
}

/// One planned visit in the console.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct PlannedVisit {
    pub id: i64,
    pub start: NaiveDateTime,
    #[cfg_attr(feature = "ssr", sqlx(try_from = "i64"))]
    pub minutes: u32,
    pub title: String,
    pub employee: String,
    /// Part of a weekly schedule, with later visits after it.
    pub in_series: bool,
}

/// A staff member who can be chosen to come.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Employee {
    pub id: i64,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VisitsView {
    pub visits: Vec<PlannedVisit>,
    pub employees: Vec<Employee>,
}

/// One visit of "Mijn dag": whom, where, when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayVisit {
    pub start: NaiveTime,
    pub minutes: u32,
    pub title: String,
    pub person: String,
    pub address: String,
    pub phone: String,
    pub page_id: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayView {
    pub organisation: String,
    pub date: NaiveDate,
    pub visits: Vec<DayVisit>,
}

/// The linked client's upcoming visits of this organisation.
#[server(prefix = "/api", endpoint = "client_visits")]
pub async fn client_visits(client_id: i64) -> Result<VisitsView, AppError> {
    let state = app_state()?;
    let staff = authorize_org(&state, OrgAction::PlanVisits).await?;
    let page_id = super::queries::linked_page(&state.db, staff.provider_id, client_id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(VisitsView {
        visits: queries::upcoming(&state.db, staff.provider_id, page_id).await?,
        employees: queries::employees(&state.db, staff.provider_id).await?,
    })
}

#[server(prefix = "/api", endpoint = "plan_visit")]
pub async fn plan_visit(client_id: i64, visit: VisitFields) -> Result<String, AppError> {
    let state = app_state()?;
    let staff = authorize_org(&state, OrgAction::PlanVisits).await?;
    let page_id = super::queries::linked_page(&state.db, staff.provider_id, client_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let visit = visit.check(crate::dates::today())?;
    let planned = queries::plan(&state.db, staff.provider_id, page_id, &visit, None).await?;
    let message = t().org.visits_planned.of(planned as i64);
    crate::accounts::flash::done(&state.db, message).await
}

/// Cancels one visit, or (`series`) it and the later ones of its schedule.
#[server(prefix = "/api", endpoint = "cancel_visit")]
pub async fn cancel_visit(
    client_id: i64,
    visit_id: i64,
    #[server(default)] series: form_value::Checkbox,
) -> Result<(), AppError> {
    let state = app_state()?;
    let staff = authorize_org(&state, OrgAction::PlanVisits).await?;
    let page_id = super::queries::linked_page(&state.db, staff.provider_id, client_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !queries::cancel(&state.db, staff.provider_id, page_id, visit_id, series.0).await? {
        return Err(AppError::NotFound);
    }
    crate::accounts::flash::notice(&state.db, t().org.visit_cancelled).await
}

/// "Mijn dag": the asking employee's visits of a day (today without one).
#[server(prefix = "/api", endpoint = "my_day")]
pub async fn my_day(#[server(default)] date: form_value::DateField) -> Result<DayView, AppError> {
    let state = app_state()?;
    let staff = authorize_org(&state, OrgAction::ViewMyDay).await?;
    let date = date.0.unwrap_or_else(crate::dates::today);
    let date = crate::fields::in_range(date).map_err(AppError::invalid)?;
    Ok(DayView {
        visits: queries::day_of(&state.db, staff.provider_id, staff.account_id, date).await?,
        organisation: staff.organisation,
        date,
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn an_unknown_employee_is_refused_beside_the_employee_field() {
        // error.rs cannot name this domain's field constant; this holds the two alike.
        let refusal = crate::error::Refusal::UnknownEmployee;
        assert_eq!(refusal.field(), Some(super::field::EMPLOYEE));
    }

    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, d).unwrap()
    }

    fn fields() -> VisitFields {
        VisitFields {
            date: Some(day(7)),
            time: NaiveTime::from_hms_opt(8, 30, 0),
            ..Default::default()
        }
    }

    #[test]
    fn a_visit_is_half_an_hour_called_bezoek_unless_said_otherwise() {
        let visit = fields().check(day(3)).unwrap();
        assert_eq!(visit.minutes, 30);
        assert_eq!(visit.title, t().org.visit_default_title);
        assert_eq!(visit.starts, [day(7).and_hms_opt(8, 30, 0).unwrap()]);
    }

    #[test]
    fn a_weekly_schedule_repeats_on_the_same_day_through_its_last_date() {
        let visit = VisitFields {
            weekly_until: Some(day(28)),
            ..fields()
        }
        .check(day(3))
        .unwrap();
        let days: Vec<NaiveDate> = visit.starts.iter().map(|s| s.date()).collect();
        assert_eq!(days, [day(7), day(14), day(21), day(28)]);
    }

    #[test]
    fn each_wrong_field_is_named() {
        let wrong = |fields: VisitFields| {
            fields
                .check(day(3))
                .unwrap_err()
                .field()
                .map(str::to_string)
        };
        assert_eq!(
            wrong(VisitFields {
                date: None,
                ..fields()
            })
            .as_deref(),
            Some(field::DATE)
        );
        assert_eq!(
            wrong(VisitFields {
                date: Some(day(1)),
                ..fields()
            })
            .as_deref(),
            Some(field::DATE)
        );
        assert_eq!(
            wrong(VisitFields {
                time: None,
                ..fields()
            })
            .as_deref(),
            Some(field::TIME)
        );
        assert_eq!(
            wrong(VisitFields {
                minutes: Some(4),
                ..fields()
            })
            .as_deref(),
            Some(field::MINUTES)
        );
        assert_eq!(
            wrong(VisitFields {
                minutes: Some(481),
                ..fields()
            })
            .as_deref(),
            Some(field::MINUTES)
        );
        assert_eq!(
            wrong(VisitFields {
                title: "x".repeat(81),
                ..fields()
            })
            .as_deref(),
            Some(field::TITLE)
        );
        let far = day(7) + chrono::Duration::weeks(MAX_WEEKS + 1);
        assert_eq!(
            wrong(VisitFields {
                weekly_until: Some(far),
                ..fields()
            })
            .as_deref(),
            Some(field::WEEKLY_UNTIL)
        );
        assert_eq!(
            wrong(VisitFields {
                weekly_until: Some(day(6)),
                ..fields()
            })
            .as_deref(),
            Some(field::WEEKLY_UNTIL)
        );
    }
}
