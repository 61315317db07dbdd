//! Server functions of "Hoe gaat het met jou?". Each acts on the session's
//! own account only: there is no id to pass, so nobody reads another's.

use super::WellbeingView;
use crate::error::AppError;
use crate::form_value::Checkbox;
use leptos::prelude::*;
use std::collections::BTreeMap;
#[cfg(feature = "ssr")]
use {
    super::queries,
    crate::accounts::{flash, session},
    crate::i18n::{fill, t},
    crate::state::app_state,
};

#[server(prefix = "/api", endpoint = "wellbeing")]
pub async fn wellbeing() -> Result<WellbeingView, AppError> {
    let state = app_state()?;
    let account = session::require_account(&state.db).await?;
    Ok(WellbeingView {
        checks: queries::checks(&state.db, account.id).await?,
        reminder: queries::reminder(&state.db, account.id).await?,
        support_url: state.settings.support_url.clone(),
    })
}

/// Today's answers (`antwoord[1]` … `antwoord[13]`, each "ja" or "nee").
#[server(prefix = "/api", endpoint = "save_strain_check")]
pub async fn save_strain_check(
    #[server(default)] antwoord: BTreeMap<String, String>,
) -> Result<String, AppError> {
    let state = app_state()?;
    let account = session::require_account(&state.db).await?;
    let text = t();
    // At most the questions there are: a forged form cannot grow the map.
    if antwoord.len() > super::QUESTIONS {
        return Err(AppError::invalid(text.err_bad_request));
    }
    let answers = super::answers_from(&antwoord).map_err(|open| {
        let numbers: Vec<String> = open.iter().map(usize::to_string).collect();
        AppError::invalid(fill(
            text.wellbeing.err_unanswered,
            &[("questions", &numbers.join(", "))],
        ))
    })?;
    queries::save(&state.db, account.id, crate::dates::today(), answers).await?;
    let score = super::score(answers).to_string();
    flash::done(&state.db, fill(text.wellbeing.saved, &[("score", &score)])).await
}

/// The monthly reminder by mail, on or off.
#[server(prefix = "/api", endpoint = "set_strain_reminder")]
pub async fn set_strain_reminder(#[server(default)] on: Checkbox) -> Result<String, AppError> {
    let state = app_state()?;
    let account = session::require_account(&state.db).await?;
    let Checkbox(on) = on;
    queries::set_reminder(&state.db, account.id, on).await?;
    let text = t();
    let said = match on {
        true => text.wellbeing.reminder_on,
        false => text.wellbeing.reminder_off,
    };
    flash::done(&state.db, said.to_string()).await
}
