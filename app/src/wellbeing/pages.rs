//! `/hoe-gaat-het`: the 13 questions, the latest score with advice, the
//! scores over time, and the reminder; and the card on the Overzicht.

use super::api::{wellbeing, SaveStrainCheck, SetStrainReminder};
use super::{HowAreYou, StrainCheck, WellbeingView, HIGH_STRAIN, QUESTIONS};
use crate::dates::date_with_year;
use crate::i18n::{fill, t};
use crate::routes;
use crate::shell::form::{ActionError, Submit};
use crate::shell::notice::Notice;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

#[component]
pub fn WellbeingPage() -> impl IntoView {
    let text = t().wellbeing;
    let save = ServerAction::<SaveStrainCheck>::new();
    let remind = ServerAction::<SetStrainReminder>::new();
    Notice::after_answer(save);
    Notice::after_answer(remind);
    let view = Resource::new(
        move || (save.version().get(), remind.version().get()),
        |_| wellbeing(),
    );
    view! {
        <Title text=format!("{} – {}", text.title, t().app_name)/>
        <section class="card">
            <h1>{text.title}</h1>
            <p>{text.intro}</p>
            <p class="hint">{text.private}</p>
        </section>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                view.await.ok().map(|view| view! { <Scores view remind/> })
            })}
        </Suspense>
        <section class="card">
            <h2>{text.questions_title}</h2>
            <ActionForm action=save attr:class="strain-form">
                {text.questions.iter().enumerate().map(|(index, question)| {
                    let name = format!("antwoord[{}]", index + 1);
                    view! {
                        <fieldset class="question">
                            <legend>{format!("{}. ", index + 1)} {*question}</legend>
                            <label><input type="radio" name=name.clone() value="ja" required/> " " {text.yes}</label>
                            <label><input type="radio" name=name value="nee"/> " " {text.no}</label>
                        </fieldset>
                    }
                }).collect_view()}
                <ActionError action=save/>
                <Submit action=save label=text.submit/>
            </ActionForm>
        </section>
    }
}

/// The latest score with its advice, the chart, and the reminder.
#[component]
fn Scores(view: WellbeingView, remind: ServerAction<SetStrainReminder>) -> impl IntoView {
    let text = t().wellbeing;
    let latest = view.checks.last().copied();
    view! {
        {latest.map(|check| view! {
            <section class="card strain-result" class:high=check.high()>
                <p class="score">{fill(text.score_line, &[("date", &date_with_year(check.on)), ("score", &check.score.to_string())])}</p>
                {if check.high() {
                    view! {
                        <p>{text.high_advice}</p>
                        <p><a href=view.support_url.clone() class="button primary" rel="noopener">{text.support_link}</a></p>
                    }.into_any()
                } else {
                    view! { <p>{text.low_advice}</p> }.into_any()
                }}
            </section>
        })}
        {(view.checks.len() > 1).then(|| view! {
            <section class="card">
                <h2>{text.history_title}</h2>
                <ScoreChart checks=view.checks.clone()/>
            </section>
        })}
        <section class="card">
            <h2>{text.reminder_title}</h2>
            <ActionForm action=remind>
                <label class="check">
                    <input type="checkbox" name="on" value="true" checked=view.reminder/>
                    " " {text.reminder_label}
                </label>
                <ActionError action=remind/>
                <Submit action=remind label=text.reminder_save/>
            </ActionForm>
        </section>
    }
}

/// One bar per check, the line at 7 where strain is high; its words for
/// screen readers name every score.
#[component]
fn ScoreChart(checks: Vec<StrainCheck>) -> impl IntoView {
    let text = t().wellbeing;
    const BAR: usize = 28;
    const TOP: f64 = 10.0;
    const HEIGHT: f64 = 130.0;
    let width = checks.len() * BAR + 8;
    let y = |score: u8| TOP + HEIGHT * (1.0 - f64::from(score) / QUESTIONS as f64);
    let spoken: Vec<String> = checks
        .iter()
        .map(|check| format!("{} {}", crate::dates::day_and_month(check.on), check.score))
        .collect();
    let label = fill(text.chart_label, &[("scores", &spoken.join(", "))]);
    view! {
        <figure class="strain-chart">
            <svg viewBox=format!("0 0 {width} {}", TOP + HEIGHT + 4.0) role="img" aria-label=label>
                {checks.iter().enumerate().map(|(index, check)| {
                    let top = y(check.score);
                    view! {
                        <rect class="bar" class:high=check.high() x=(index * BAR + 6).to_string() y=top.to_string()
                            width=(BAR - 8).to_string() height=(TOP + HEIGHT - top).max(1.0).to_string()/>
                    }
                }).collect_view()}
                <line class="threshold" x1="0" x2=width.to_string()
                    y1=y(HIGH_STRAIN).to_string() y2=y(HIGH_STRAIN).to_string()/>
            </svg>
            <figcaption class="hint">{text.threshold}</figcaption>
        </figure>
    }
}

/// On the Overzicht: a gentle invitation when a check is due, or the last score.
#[component]
pub fn HowAreYouCard(how: HowAreYou) -> impl IntoView {
    let text = t().wellbeing;
    view! {
        <section class="card how-are-you">
            <h2>{text.title}</h2>
            {how.last.map(|last| view! {
                <p>{fill(text.card_last, &[("date", &date_with_year(last.on)), ("score", &last.score.to_string())])}</p>
            })}
            {if how.due {
                view! {
                    <p>{text.card_due}</p>
                    <p><A href=routes::HOW_ARE_YOU attr:class="button">{text.card_fill_in}</A></p>
                }.into_any()
            } else {
                view! { <p><A href=routes::HOW_ARE_YOU>{text.card_open}</A></p> }.into_any()
            }}
        </section>
    }
}
