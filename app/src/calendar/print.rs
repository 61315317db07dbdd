//! The week on one landscape A4 page.

use super::pages::{load_week, week_query, WeekError};
use super::ItemKind;
use crate::dates::{capitalised, day_and_month, day_name};
use crate::i18n::{fill, t};
use crate::routes::page_id_from_route;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

/// The week on one landscape A4 page: no navigation, the person and the week
/// in the heading, black on white. Works without JavaScript.
#[component]
pub fn PrintWeekPage() -> impl IntoView {
    let text = t();
    let week = Resource::new(
        move || (page_id_from_route(), week_query()),
        |(page_id, week)| load_week(page_id, week),
    );
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match week.await {
                    Err(error) => view! { <WeekError error/> }.into_any(),
                    Ok(view) => {
                        let busiest = view.days.iter().map(|day| day.items.len()).max().unwrap_or(0);
                        // Long weeks shrink rather than spill onto a second page.
                        let density = match busiest { 0..=6 => "", 7..=10 => "dense", _ => "very-dense" };
                        let title = fill(text.cal_print_title, &[("person", &view.person_name)]);
                        let week_title = fill(text.cal_week, &[("number", &view.week.number.to_string())]);
                        view! {
                            <Title text=format!("{title} – {week_title}")/>
                            <section class=format!("print-week {density}")>
                                <div class="print-controls">
                                    <PrintButton/>
                                    <A href=crate::routes::page(view.page_id).calendar_week(&view.week.key()) attr:class="button">{text.cal_cancel}</A>
                                </div>
                                <h1>{title} " – " {week_title}</h1>
                                <p>{view.week.range_label()}</p>
                                // A list of days: one column on a phone, seven on
                                // a wide screen and on paper (see the style sheet).
                                <ol class="print-days">
                                    {view.days.into_iter().map(|day| view! {
                                        <li class="print-day">
                                            <h2>{capitalised(day_name(day.date))} " " {day_and_month(day.date)}</h2>
                                            {day.items.into_iter().map(|item| view! { <PrintItem item/> }).collect_view()}
                                            {(day.hidden > 0).then(|| view! { <p class="print-item">{text.cal_more_hidden.of(day.hidden as i64)}</p> })}
                                        </li>
                                    }).collect_view()}
                                </ol>
                            </section>
                        }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

/// One item on paper: time, what, where, and who comes or helps.
#[component]
fn PrintItem(item: super::Item) -> impl IntoView {
    let text = t();
    let place = match &item.kind {
        ItemKind::Appointment(a) if !a.place.is_empty() => Some(a.place.clone()),
        _ => None,
    };
    let who = match &item.kind {
        ItemKind::Visit(v) => format!("{} – {}", v.provider, v.who()),
        ItemKind::Appointment(a) if !a.helpers.is_empty() => {
            format!(
                "{} · {}",
                a.maker,
                fill(text.cal_helpers, &[("names", &a.helpers.join(", "))])
            )
        }
        ItemKind::Appointment(a) => a.maker.clone(),
    };
    view! {
        <p class="print-item">
            <strong>{item.time_label()}</strong> " "
            {item.length_label().map(|l| format!("{l} "))}
            {item.title.clone()}
            {place.map(|place| view! { <br/><span class="where">{fill(text.cal_print_place, &[("place", &place)])}</span> })}
            <br/>
            <span class="who">{who}</span>
        </p>
    }
}

/// Opens the browser's print dialog. An event handler of the app (an inline
/// `onclick` is refused by the Content-Security-Policy); until the app runs,
/// and without JavaScript, a line says where the browser's own print is.
#[component]
pub fn PrintButton() -> impl IntoView {
    let text = t();
    let running = RwSignal::new(false);
    Effect::new(move |_| running.set(true));
    view! {
        <Show
            when=move || running.get()
            fallback=move || view! { <p class="hint">{text.cal_print_without_script}</p> }
        >
            <button type="button" class="primary" on:click=move |_| print()>{text.cal_print}</button>
        </Show>
    }
}

fn print() {
    #[cfg(feature = "hydrate")]
    if let Some(window) = web_sys::window() {
        let _ = window.print();
    }
}
