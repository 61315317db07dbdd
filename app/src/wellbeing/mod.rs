//! "Hoe gaat het met jou?": a carer's own check, once a month, with the
//! Caregiver Strain Index (Robinson, 1983; 13 yes/no questions, a validated
//! instrument Caren itself once offered). The score over time as a small
//! chart, kind advice and where to find support at a high score, and an
//! opt-in monthly reminder by mail. Only the carer ever sees their answers:
//! every function here acts on the session's own account.

pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
mod queries;
#[cfg(feature = "ssr")]
pub mod reminders;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The index's questions.
pub const QUESTIONS: usize = crate::i18n::wellbeing::QUESTIONS;
/// From this score on, the index speaks of high strain.
pub const HIGH_STRAIN: u8 = 7;
/// How long after a check the next one is due (and the reminder is sent).
pub const DAYS_BETWEEN: i64 = 30;
/// Checks the chart shows: two years of months.
pub const SHOWN_AT_MOST: i64 = 24;

/// One filled-in check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct StrainCheck {
    pub on: NaiveDate,
    pub score: u8,
}

impl StrainCheck {
    pub fn high(&self) -> bool {
        self.score >= HIGH_STRAIN
    }
}

/// The carer's own page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WellbeingView {
    /// Oldest first, at most [`SHOWN_AT_MOST`].
    pub checks: Vec<StrainCheck>,
    pub reminder: bool,
    /// Where to find support (the installation's setting).
    pub support_url: String,
}

/// What the Overzicht says about it: whether a check is due, and the last.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct HowAreYou {
    pub due: bool,
    pub last: Option<StrainCheck>,
}

/// Whether a check is due on `today`, after the last one on `last`.
pub fn due(last: Option<NaiveDate>, today: NaiveDate) -> bool {
    last.is_none_or(|last| (today - last).num_days() >= DAYS_BETWEEN)
}

/// The answers as the form sends them (`antwoord[3]=ja`), as one number
/// (bit n: question n + 1 answered "ja"), or the questions left open.
pub fn answers_from(form: &BTreeMap<String, String>) -> Result<u16, Vec<usize>> {
    let mut answers = 0u16;
    let mut open = Vec::new();
    for question in 1..=QUESTIONS {
        match form.get(&question.to_string()).map(|value| value.trim()) {
            Some("ja") => answers |= 1 << (question - 1),
            Some("nee") => {}
            _ => open.push(question),
        }
    }
    match open.is_empty() {
        true => Ok(answers),
        false => Err(open),
    }
}

/// The index: one point per "ja".
pub fn score(answers: u16) -> u8 {
    (answers & ((1 << QUESTIONS) - 1)).count_ones() as u8
}

/// For the Overzicht: whether the reader's check is due, and their last.
#[cfg(feature = "ssr")]
pub async fn how_are_you(
    db: &crate::db::Db,
    account_id: i64,
    today: NaiveDate,
) -> crate::error::AppResult<HowAreYou> {
    let last = queries::last(db, account_id).await?;
    Ok(HowAreYou {
        due: due(last.map(|check| check.on), today),
        last,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(yes: &[usize], no: &[usize]) -> BTreeMap<String, String> {
        let mut form = BTreeMap::new();
        for q in yes {
            form.insert(q.to_string(), "ja".to_string());
        }
        for q in no {
            form.insert(q.to_string(), "nee".to_string());
        }
        form
    }

    #[test]
    fn every_question_needs_an_answer_and_each_ja_counts_one() {
        let all_no: Vec<usize> = (1..=13).collect();
        assert_eq!(answers_from(&form(&[], &all_no)).map(score), Ok(0));
        let answers = answers_from(&form(&[1, 5, 13], &[2, 3, 4, 6, 7, 8, 9, 10, 11, 12])).unwrap();
        assert_eq!(score(answers), 3);
        assert_eq!(answers & 1, 1);
        assert_eq!(
            answers_from(&form(&[1], &[2, 3, 5, 6, 7, 8, 10, 11, 12, 13])),
            Err(vec![4, 9])
        );
        // Anything but ja or nee is no answer.
        let mut odd = form(&[], &(2..=13).collect::<Vec<_>>());
        odd.insert("1".into(), "misschien".into());
        assert_eq!(answers_from(&odd), Err(vec![1]));
    }

    #[test]
    fn seven_or_more_is_high_strain_and_a_month_makes_it_due() {
        let on = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
        assert!(StrainCheck { on, score: 7 }.high());
        assert!(!StrainCheck { on, score: 6 }.high());
        assert!(due(None, on));
        assert!(!due(Some(on), on + chrono::Duration::days(29)));
        assert!(due(Some(on), on + chrono::Duration::days(30)));
    }
}
