//! Zorgplan: what the organisation and the person agreed, per numbered life
//! domain ("1 Woon- en leefomstandigheden"): the need, the goals, and the
//! actions (what, who, how often), valid from a date. Every save is a new
//! version; the earlier ones stay readable as such.
//!
//! Staff edit it as plain text, one line per item, so the form works on any
//! device and without JavaScript:
//!
//! ```text
//! # Woon- en leefomstandigheden
//! Behoefte: Woonruimte en zich thuis voelen
//! Doel: Cliënt is tevreden over de woonruimte
//! Actie: Hulp bij het huishouden | Thuiszorg De Linde | 1× per week
//! ```

use super::Gated;
use crate::error::AppError;
use crate::i18n::Lang;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
#[cfg(feature = "ssr")]
use {
    super::access_log::Look,
    super::door::{enter, enter_to_write},
    crate::policy::{Action, Actor},
    crate::state::app_state,
};

/// Bounds on a plan: generous for a real plan, small enough for one page to hold.
pub const PLAN_MAX_CHARS: usize = 20_000;
pub const LINE_MAX_CHARS: usize = 300;
pub const DOMAINS_MAX: usize = 20;
pub const ITEMS_MAX: usize = 30;

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CarePlan {
    pub domains: Vec<Domain>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Domain {
    pub title: String,
    pub needs: Vec<String>,
    pub goals: Vec<String>,
    pub actions: Vec<PlanAction>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanAction {
    pub what: String,
    pub who: String,
    pub how_often: String,
}

/// Reads the plain-text form; an error names the line, in the reader's language.
pub fn parse_plan(typed: &str) -> Result<CarePlan, String> {
    let text = crate::i18n::t().dossier;
    let fill = crate::i18n::fill;
    if typed.chars().count() > PLAN_MAX_CHARS {
        return Err(fill(
            text.plan_too_long,
            &[("max", &PLAN_MAX_CHARS.to_string())],
        ));
    }
    let mut plan = CarePlan::default();
    for (index, line) in typed.lines().enumerate() {
        let number = (index + 1).to_string();
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if line.chars().count() > LINE_MAX_CHARS || line.chars().any(char::is_control) {
            return Err(fill(
                text.plan_line_too_long,
                &[("line", &number), ("max", &LINE_MAX_CHARS.to_string())],
            ));
        }
        if let Some(title) = line.strip_prefix('#') {
            // "# 2 Lichamelijk welbevinden": the number is the place in the list.
            let title = title
                .trim()
                .trim_start_matches(|c: char| c.is_ascii_digit() || c == '.')
                .trim();
            if title.is_empty() {
                return Err(fill(text.plan_line_unknown, &[("line", &number)]));
            }
            if plan.domains.len() == DOMAINS_MAX {
                return Err(fill(
                    text.plan_too_many,
                    &[("max", &DOMAINS_MAX.to_string())],
                ));
            }
            plan.domains.push(Domain {
                title: title.to_string(),
                ..Domain::default()
            });
            continue;
        }
        let Some(domain) = plan.domains.last_mut() else {
            return Err(fill(text.plan_domain_first, &[("line", &number)]));
        };
        let (key, value) = line.split_once(':').unwrap_or(("", ""));
        let value = value.trim();
        let items = domain.needs.len() + domain.goals.len() + domain.actions.len();
        if value.is_empty() || items == ITEMS_MAX {
            return Err(fill(text.plan_line_unknown, &[("line", &number)]));
        }
        match line_kind(key) {
            Some(LineKind::Need) => domain.needs.push(value.to_string()),
            Some(LineKind::Goal) => domain.goals.push(value.to_string()),
            Some(LineKind::Action) => {
                let mut parts = value.split('|').map(str::trim);
                let what = parts.next().unwrap_or_default().to_string();
                let who = parts.next().unwrap_or_default().to_string();
                let how_often = parts.next().unwrap_or_default().to_string();
                if what.is_empty() || parts.next().is_some() {
                    return Err(fill(text.plan_line_unknown, &[("line", &number)]));
                }
                domain.actions.push(PlanAction {
                    what,
                    who,
                    how_often,
                });
            }
            None => return Err(fill(text.plan_line_unknown, &[("line", &number)])),
        }
    }
    if plan.domains.is_empty() {
        return Err(text.plan_empty.to_string());
    }
    Ok(plan)
}

enum LineKind {
    Need,
    Goal,
    Action,
}

/// The words that start a line, per language: "Behoefte", "Doel", "Actie".
fn line_keys(lang: Lang) -> [&'static str; 3] {
    match lang {
        Lang::Nl => ["Behoefte", "Doel", "Actie"],
        Lang::En => ["Need", "Goal", "Action"],
    }
}

/// A line's kind by its first word, in any language: a plan typed by an
/// English-reading nurse and edited by a Dutch one reads the same.
fn line_kind(key: &str) -> Option<LineKind> {
    let key = key.trim();
    Lang::ALL.into_iter().find_map(|lang| {
        let [need, goal, action] = line_keys(lang);
        if key.eq_ignore_ascii_case(need) {
            Some(LineKind::Need)
        } else if key.eq_ignore_ascii_case(goal) {
            Some(LineKind::Goal)
        } else if key.eq_ignore_ascii_case(action) {
            Some(LineKind::Action)
        } else {
            None
        }
    })
}

/// The plain-text form of a plan, to edit it again, with the reader's words.
pub fn plan_text(plan: &CarePlan) -> String {
    let [need_key, goal_key, action_key] = line_keys(crate::i18n::lang::current());
    let mut out = String::new();
    for domain in &plan.domains {
        out.push_str(&format!("# {}\n", domain.title));
        for need in &domain.needs {
            out.push_str(&format!("{need_key}: {need}\n"));
        }
        for goal in &domain.goals {
            out.push_str(&format!("{goal_key}: {goal}\n"));
        }
        for action in &domain.actions {
            out.push_str(&format!(
                "{action_key}: {} | {} | {}\n",
                action.what, action.who, action.how_often
            ));
        }
        out.push('\n');
    }
    out
}

/// One saved version, as listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionSummary {
    pub id: i64,
    /// "YYYY-MM-DD"
    pub valid_from: String,
    pub organisation: String,
    pub author: String,
    /// When it was saved, as people read it.
    pub saved: String,
    /// The newest of its organisation: the plan in force.
    pub current: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CarePlanView {
    pub frame: super::Frame,
    /// The version shown, with its plan; `None` when there is none yet.
    pub shown: Option<(VersionSummary, CarePlan)>,
    /// Every version this reader may see, newest first.
    pub versions: Vec<VersionSummary>,
    /// Staff: the text to start editing from (their organisation's plan in force).
    pub edit_text: Option<String>,
}

#[server(prefix = "/api", endpoint = "care_plan")]
pub async fn read_care_plan(
    page_id: i64,
    #[server(default)] version: Option<i64>,
) -> Result<Gated<CarePlanView>, AppError> {
    let state = app_state()?;
    let inside = match enter(&state, page_id, read, Look::CarePlanRead).await? {
        Gated::Open(inside) => inside,
        Gated::Locked(door) => return Ok(Gated::Locked(door)),
    };
    let versions = queries::versions(&state.db, page_id, inside.staff_of()).await?;
    let shown_id = version
        .filter(|id| versions.iter().any(|v| v.id == *id))
        .or_else(|| versions.first().map(|v| v.id));
    let shown = match shown_id {
        Some(id) => queries::plan(&state.db, id).await?.and_then(|plan| {
            let summary = versions.iter().find(|v| v.id == id)?.clone();
            Some((summary, plan))
        }),
        None => None,
    };
    let edit_text = match inside.actor {
        Actor::LinkedStaff => Some(match versions.iter().find(|v| v.current) {
            Some(current) => queries::plan(&state.db, current.id)
                .await?
                .map(|plan| plan_text(&plan))
                .unwrap_or_default(),
            None => crate::i18n::t().dossier.plan_template.to_string(),
        }),
        _ => None,
    };
    Ok(Gated::Open(CarePlanView {
        frame: super::Frame::of(&state.db, page_id, &inside).await?,
        shown,
        versions,
        edit_text,
    }))
}

#[cfg(feature = "ssr")]
pub fn read(_: Actor, fresh_code: bool) -> Action {
    Action::ReadDossier { fresh_code }
}

#[cfg(feature = "ssr")]
fn write(_: Actor, fresh_code: bool) -> Action {
    Action::WriteDossier { fresh_code }
}

/// Staff save a new version of their organisation's plan.
#[server(prefix = "/api", endpoint = "save_care_plan")]
pub async fn save_care_plan(
    page_id: i64,
    #[server(default)] valid_from: crate::form_value::DateField,
    plan: String,
) -> Result<String, AppError> {
    let state = app_state()?;
    let text = crate::i18n::t().dossier;
    let inside = enter_to_write(&state, page_id, write, Look::CarePlanWritten).await?;
    // From 2000 up to two years ahead: a plan may be agreed before it starts.
    let today = crate::dates::today();
    let earliest = chrono::NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or(today);
    let valid_from = valid_from
        .0
        .filter(|day| (earliest..=today + chrono::Days::new(2 * 366)).contains(day))
        .ok_or_else(|| AppError::invalid(text.bad_valid_from))?;
    let parsed = parse_plan(&plan).map_err(AppError::in_field("plan"))?;
    let provider_id = inside.staff_of().ok_or(AppError::NotFound)?;
    let version = queries::NewVersion {
        page_id,
        provider_id,
        valid_from,
        plan: &parsed,
        author_id: inside.account.id,
        author_name: &inside.author_name(),
    };
    let mut tx = state.db.begin().await?;
    queries::insert_version(&mut *tx, version).await?;
    inside
        .record_in(&mut tx, page_id, Look::CarePlanWritten)
        .await?;
    tx.commit().await?;
    crate::accounts::flash::done(&state.db, text.plan_saved.to_string()).await
}

#[cfg(feature = "ssr")]
pub mod queries;

#[cfg(test)]
mod tests {
    use super::*;

    const EXAMPLE: &str = "# 1 Woon- en leefomstandigheden
Behoefte: Woonruimte en zich thuis voelen: de woning en woonomgeving
Doel: Cliënt is tevreden over de woonruimte

# 2 Lichamelijk welbevinden
Doel: Cliënt eet voldoende voedsel per 24 uur
Actie: Warme maaltijd klaarzetten | Thuiszorg De Linde | dagelijks
actie: Wegen | familie | 1× per week
";

    #[test]
    fn the_plain_text_form_reads_into_domains_and_back() {
        let plan = parse_plan(EXAMPLE).unwrap();
        assert_eq!(plan.domains.len(), 2);
        assert_eq!(plan.domains[0].title, "Woon- en leefomstandigheden");
        assert_eq!(
            plan.domains[0].needs,
            ["Woonruimte en zich thuis voelen: de woning en woonomgeving"]
        );
        assert_eq!(plan.domains[1].actions[0].how_often, "dagelijks");
        assert_eq!(plan.domains[1].actions[1].who, "familie");
        assert_eq!(parse_plan(&plan_text(&plan)).unwrap(), plan);
    }

    #[test]
    fn a_wrong_line_is_named_by_its_number() {
        let error = parse_plan("# Wonen\nBoodschappen doen\n").unwrap_err();
        assert!(error.contains("Regel 2"), "{error}");
        let error = parse_plan("Doel: iets\n").unwrap_err();
        assert!(error.contains("Regel 1"), "{error}");
        assert!(parse_plan("\n\n").is_err());
        assert!(parse_plan(&"x".repeat(PLAN_MAX_CHARS + 1)).is_err());
        assert!(parse_plan("# Wonen\nActie: a | b | c | d\n").is_err());
    }
}
