//! The care plan as a PDF: A4 portrait, the person's name and birth date,
//! numbered life domains, "Pagina 1 van 2" and the printing date on every
//! page (laid out by [`crate::pdf`]).

use super::care_plan::CarePlan;
use crate::pdf::{block, Block, Style};

/// What the document says besides the plan itself.
pub struct PlanHeading<'a> {
    pub person: &'a str,
    pub birth_date: &'a str,
    pub organisation: &'a str,
    pub valid_from: &'a str,
    /// "Afgedrukt op 23 november 2026"
    pub printed: &'a str,
    /// Said when an earlier version is printed.
    pub older_version: Option<&'a str>,
}

/// The plan's content as blocks of text, in reading order.
fn blocks(heading: &PlanHeading<'_>, plan: &CarePlan) -> Vec<Block> {
    let text = crate::i18n::t().dossier;
    let fill = crate::i18n::fill;
    let mut out = vec![
        block(
            fill(text.pdf_title, &[("person", heading.person)]),
            Style::Title,
            0.0,
            0.0,
        ),
        block(
            fill(text.pdf_born, &[("date", heading.birth_date)]),
            Style::Body,
            0.0,
            2.0,
        ),
        block(
            fill(
                text.pdf_valid_from,
                &[
                    ("organisation", heading.organisation),
                    ("date", heading.valid_from),
                ],
            ),
            Style::Body,
            0.0,
            1.0,
        ),
    ];
    if let Some(note) = heading.older_version {
        out.push(block(note, Style::Body, 0.0, 1.0));
    }
    for (number, domain) in plan.domains.iter().enumerate() {
        out.push(block(
            format!("{} {}", number + 1, domain.title),
            Style::Heading,
            0.0,
            7.0,
        ));
        for need in &domain.needs {
            out.push(block(
                format!("{}: {need}", text.plan_need),
                Style::Body,
                0.0,
                2.0,
            ));
        }
        for goal in &domain.goals {
            out.push(block(
                format!("{}: {goal}", text.plan_goal),
                Style::Body,
                0.0,
                2.0,
            ));
        }
        for action in &domain.actions {
            let mut line = format!("{}: {}", text.plan_action, action.what);
            if !action.who.is_empty() {
                line.push_str(&format!(" – {}", action.who));
            }
            if !action.how_often.is_empty() {
                line.push_str(&format!(" – {}", action.how_often));
            }
            out.push(block(line, Style::Body, 0.0, 2.0));
        }
    }
    out
}

/// The care plan as PDF bytes.
pub fn care_plan_pdf(heading: &PlanHeading<'_>, plan: &CarePlan) -> Option<Vec<u8>> {
    let text = crate::i18n::t().dossier;
    let fill = crate::i18n::fill;
    crate::pdf::document(
        &fill(text.pdf_title, &[("person", heading.person)]),
        blocks(heading, plan),
        |page, pages| {
            format!(
                "{} · {}",
                fill(
                    text.pdf_page,
                    &[("page", &page.to_string()), ("pages", &pages.to_string())]
                ),
                heading.printed
            )
        },
    )
}
