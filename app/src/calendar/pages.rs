//! The week page: a list per day on phones, seven columns on wide screens,
//! with help sign-up, deleting and the calendar feed.

use super::api::{calendar_week, DeleteAppointment, RenewFeed, RevokeFeed, SetHelping};
use super::form::Scope;
use super::{AppointmentInfo, DayView, Item, ItemKind, WeekView};
use crate::dates::{capitalised, day_and_month, day_name, long_date, moment_label};
use crate::error::AppError;
use crate::i18n::{fill, t};
use crate::routes;
use crate::routes::page_id_from_route;
use crate::shell::form::{ActionError, ConfirmStep};
use crate::shell::notice::Notice;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

pub(super) fn week_query() -> String {
    use_query_map().read().get("week").unwrap_or_default()
}

pub(super) async fn load_week(page_id: Option<i64>, week: String) -> Result<WeekView, AppError> {
    match page_id {
        Some(page_id) => calendar_week(page_id, week).await,
        None => Err(AppError::NotFound),
    }
}

/// The week page. Actions that change the calendar make it load again.
#[component]
pub fn WeekPage() -> impl IntoView {
    let helping = ServerAction::<SetHelping>::new();
    let delete = ServerAction::<DeleteAppointment>::new();
    let renew = ServerAction::<RenewFeed>::new();
    let revoke = ServerAction::<RevokeFeed>::new();
    Notice::after_answer(helping);
    Notice::after_answer(delete);
    let week = Resource::new(
        move || {
            let changes = helping.version().get()
                + delete.version().get()
                + renew.version().get()
                + revoke.version().get();
            (page_id_from_route(), week_query(), changes)
        },
        |(page_id, week, _)| load_week(page_id, week),
    );
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match week.await {
                    Err(error) => view! { <WeekError error/> }.into_any(),
                    // Parts erased to `AnyView`: the whole week as one nested
                    // type is deeper than a release build's compiler allows.
                    Ok(view) => view! {
                        {view! { <WeekHeader view=view.clone()/> }.into_any()}
                        <ActionError action=helping/>
                        <ActionError action=delete/>
                        <ol class="week" aria-label=view.week.range_label()>
                            {view.days.iter().cloned().map(|day| view! {
                                <DayColumn day today=view.today page_id=view.page_id helping delete/>
                            }.into_any()).collect_view()}
                        </ol>
                        <crate::shell::MarkTarget/>
                        {view.feed_active.map(|active| view! { <FeedSettings page_id=view.page_id active fresh=view.fresh_feed_url.clone() renew revoke/> }.into_any())}
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
pub(super) fn WeekError(error: AppError) -> impl IntoView {
    let text = t();
    view! {
        <Title text=format!("{} – {}", text.nav_calendar, text.app_name)/>
        <section class="card">
            <h1>{text.nav_calendar}</h1>
            <p class="error" role="alert">{error.to_string()}</p>
            <p><A href="?">{text.cal_this_week}</A></p>
        </section>
    }
}

#[component]
fn WeekHeader(view: WeekView) -> impl IntoView {
    let text = t();
    let paths = routes::page(view.page_id);
    let base = paths.calendar();
    let week_title = fill(text.cal_week, &[("number", &view.week.number.to_string())]);
    let add_href = paths.new_appointment(Some(
        view.week.monday().max(view.today).min(view.week.sunday()),
    ));
    view! {
        <Title text=format!("{} {} – {}", text.nav_calendar, week_title, text.app_name)/>
        <section class="week-head">
            <p class="page-of">{view.person_name.clone()}</p>
            <h1>{text.nav_calendar} <span class="week-number">{week_title}</span></h1>
            <p class="week-range">{view.week.range_label()}</p>
            <nav class="week-nav" aria-label=text.nav_calendar>
                <A href=paths.calendar_week(&view.week.previous().key()) attr:class="button">"◀ " {text.cal_prev}</A>
                <A href=base.clone() attr:class="button">{text.cal_this_week}</A>
                <A href=paths.calendar_week(&view.week.next().key()) attr:class="button">{text.cal_next} " ▶"</A>
            </nav>
            <form method="get" action=base.clone() class="jump">
                <label for="naar-datum">{text.cal_jump}</label>
                <input id="naar-datum" type="date" name="week" value=view.week.monday().to_string()/>
                <button type="submit">{text.cal_show}</button>
            </form>
            <div class="week-actions">
                {view.can_add.then(|| view! { <A href=add_href attr:class="button primary">"+ " {text.cal_add}</A> })}
                <a class="button" href=paths.print_week(&view.week.key())>{text.cal_print}</a>
            </div>
        </section>
    }
}

#[component]
fn DayColumn(
    day: DayView,
    today: chrono::NaiveDate,
    page_id: i64,
    helping: ServerAction<SetHelping>,
    delete: ServerAction<DeleteAppointment>,
) -> impl IntoView {
    let text = t();
    let is_today = day.date == today;
    let empty = day.items.is_empty();
    view! {
        <li class="day" class:today=is_today class:empty=empty aria-current=is_today.then_some("date")>
            <h2 class="day-name">
                {capitalised(day_name(day.date))} " " <span class="day-date">{day_and_month(day.date)}</span>
                {is_today.then(|| view! { <span class="today-mark">{text.cal_today}</span> })}
            </h2>
            {if empty {
                view! { <p class="nothing">{text.cal_nothing}</p> }.into_any()
            } else {
                view! {
                    <ul class="items">
                        {day.items.into_iter().map(|item| view! { <ItemView item page_id helping delete/> }).collect_view()}
                    </ul>
                    {(day.hidden > 0).then(|| view! { <p class="nothing">{text.cal_more_hidden.of(day.hidden as i64)}</p> })}
                }.into_any()
            }}
        </li>
    }
}

#[component]
fn ItemView(
    item: Item,
    page_id: i64,
    helping: ServerAction<SetHelping>,
    delete: ServerAction<DeleteAppointment>,
) -> impl IntoView {
    let text = t();
    let time = item.time_label();
    let length = item.length_label();
    let (class, who, body) = match item.kind.clone() {
        ItemKind::Visit(visit) => (
            "item visit",
            format!("{} · {}", visit.provider, visit.who()),
            view! {
                <p>{text.cal_visit} ": " {visit.provider.clone()}</p>
                <p>{fill(text.cal_employee, &[("name", &visit.who())])}</p>
            }
            .into_any(),
        ),
        ItemKind::Appointment(info) => {
            // The maker, and who helps: the whole network sees it at a glance.
            let who = match info.helpers.is_empty() {
                true => info.maker.clone(),
                false => format!(
                    "{} · {}",
                    info.maker,
                    fill(text.cal_helpers, &[("names", &info.helpers.join(", "))])
                ),
            };
            (
                "item appointment",
                who,
                view! { <AppointmentDetails info page_id delete/> }.into_any(),
            )
        }
    };
    // Signing up is right there, not hidden behind a tap on the item.
    let help_button = match &item.kind {
        ItemKind::Appointment(info) if info.can_help => {
            Some(view! { <HelpButton info=info.clone() page_id helping/> })
        }
        _ => None,
    };
    let help_badge = match &item.kind {
        ItemKind::Appointment(info) if info.i_help => {
            Some(view! { <span class="badge helping">{text.cal_you_help}</span> })
        }
        ItemKind::Appointment(info) if info.asks_help && info.helpers.is_empty() => {
            Some(view! { <span class="badge ask">{text.cal_who_helps}</span> })
        }
        _ => None,
    };
    let anchor = match &item.kind {
        ItemKind::Appointment(info) => Some(super::item_anchor(info.id, info.occurrence)),
        ItemKind::Visit(_) => None,
    };
    view! {
        <li class=class id=anchor>
            <details>
                <summary>
                    <span class="time">{time}</span>
                    {length.map(|length| view! { <span class="length">{length}</span> })}
                    <span class="title">{item.title.clone()}</span>
                    <span class="who">{who}</span>
                    {help_badge}
                    <span class="more" aria-hidden="true">{text.cal_more}</span>
                </summary>
                <div class="item-body">{body}</div>
            </details>
            {help_button}
        </li>
    }
}

/// "Ik help mee op do 26 november", or withdrawing, for one occurrence; on
/// a series that asks for help also "Ik help elke keer", and for whoever
/// helps every time, only the way to stop that.
#[component]
pub(crate) fn HelpButton(
    info: AppointmentInfo,
    page_id: i64,
    helping: ServerAction<SetHelping>,
) -> impl IntoView {
    let text = t();
    let date = info.occurrence;
    let form = move |help: bool, every_time: bool, label: String| {
        view! {
            <ActionForm action=helping attr:class="inline help-form">
                <OccurrenceFields page_id info_id=info.id date/>
                <input type="hidden" name="help" value=help.to_string()/>
                <input type="hidden" name="every_time" value=every_time.to_string()/>
                <button type="submit" class:primary=help>{label}</button>
            </ActionForm>
        }
    };
    if info.i_help_every_time {
        return view! {
            <p class="helping">{text.cal_you_help_every_time}</p>
            {form(false, true, text.cal_withdraw_every_time.to_string())}
        }
        .into_any();
    }
    let when = moment_label(date, None);
    let this_time = match info.i_help {
        true => form(false, false, fill(text.cal_withdraw, &[("when", &when)])),
        false => form(true, false, fill(text.cal_help_button, &[("when", &when)])),
    };
    let every_time = (info.repeating && info.asks_help)
        .then(|| form(true, true, text.cal_help_every_time.to_string()));
    view! { {this_time} {every_time} }.into_any()
}

/// The hidden fields that say which occurrence a button is about.
#[component]
fn OccurrenceFields(page_id: i64, info_id: i64, date: chrono::NaiveDate) -> impl IntoView {
    view! {
        <input type="hidden" name="page_id" value=page_id.to_string()/>
        <input type="hidden" name="appointment_id" value=info_id.to_string()/>
        <input type="hidden" name="date" value=date.to_string()/>
    }
}

#[component]
fn AppointmentDetails(
    info: AppointmentInfo,
    page_id: i64,
    delete: ServerAction<DeleteAppointment>,
) -> impl IntoView {
    let text = t();
    let (id, date) = (info.id, info.occurrence);
    // (scope, first button, what the second step explains)
    let when = long_date(date);
    let scopes: Vec<(Scope, &'static str, String)> = match (info.can_edit, info.repeating) {
        (false, _) => Vec::new(),
        (true, true) => vec![
            (
                Scope::One,
                text.cal_delete_one,
                fill(text.cal_delete_explain_one, &[("when", &when)]),
            ),
            (
                Scope::Series,
                text.cal_delete_series,
                text.cal_delete_explain_series.to_string(),
            ),
        ],
        (true, false) => vec![(
            Scope::Series,
            text.cal_delete,
            fill(text.cal_delete_explain, &[("when", &when)]),
        )],
    };
    let edit_link = info.can_edit.then(|| {
        view! {
            <a class="button" href=routes::page(page_id).edit_appointment(id, date)>
                {text.cal_edit}
            </a>
        }
    });
    let delete_buttons = scopes
        .into_iter()
        .map(|(scope, label, explanation)| {
            // Never an instant delete next to "Wijzigen": a second step first.
            view! {
                <ConfirmStep label explanation>
                    <ActionForm action=delete attr:class="inline">
                        <OccurrenceFields page_id info_id=id date/>
                        <input type="hidden" name="scope" value=scope.value()/>
                        <button type="submit" class="danger">{text.cal_delete_confirm}</button>
                    </ActionForm>
                </ConfirmStep>
            }
        })
        .collect_view();
    view! {
        {(!info.place.is_empty()).then(|| view! { <p><strong>{text.cal_place} ": "</strong>{info.place.clone()}</p> })}
        {(!info.description.is_empty()).then(|| view! { <p class="description">{info.description.clone()}</p> })}
        <p>{fill(text.cal_made_by, &[("name", &info.maker)])}</p>
        <p class="sharing">
            {if info.shared_with_provider { text.cal_shared } else { text.cal_not_shared }}
        </p>
        {info.repeating.then(|| view! { <p>{text.cal_repeats}</p> })}
        {(!info.helpers.is_empty()).then(|| view! { <p class="helpers">{fill(text.cal_helpers, &[("names", &info.helpers.join(", "))])}</p> })}
        <div class="item-actions">{edit_link} {delete_buttons}</div>
    }
}

/// The private calendar feed: make one, renew it or take it back. `active`
/// comes with the week, so this part hydrates with it and has no request of
/// its own; `fresh` is a link just made without JavaScript.
#[component]
fn FeedSettings(
    page_id: i64,
    active: bool,
    fresh: Option<String>,
    renew: ServerAction<RenewFeed>,
    revoke: ServerAction<RevokeFeed>,
) -> impl IntoView {
    let text = t();
    view! {
        <section class="card feed">
            <h2>{text.cal_feed_title}</h2>
            <p>{text.cal_feed_intro}</p>
            {active.then(|| view! { <p>{text.cal_feed_active}</p> })}
            <ActionForm action=renew attr:class="inline">
                <input type="hidden" name="page_id" value=page_id.to_string()/>
                <button type="submit">{if active { text.cal_feed_new } else { text.cal_feed_on }}</button>
            </ActionForm>
            {active.then(|| view! {
                <ActionForm action=revoke attr:class="inline">
                    <input type="hidden" name="page_id" value=page_id.to_string()/>
                    <button type="submit">{text.cal_feed_off}</button>
                </ActionForm>
            })}
            <div role="status">
                {move || renew.value().get().and_then(Result::ok).or_else(|| fresh.clone()).map(|url| view! { <FeedLink url/> }.into_any())}
                {move || matches!(revoke.value().get(), Some(Ok(()))).then(|| view! { <p>{text.cal_feed_revoked}</p> }.into_any())}
            </div>
        </section>
    }
}

/// A new feed link: to copy, or to open straight in the phone's calendar
/// (a `webcal:` link, which calendar apps take as "subscribe").
#[component]
fn FeedLink(url: String) -> impl IntoView {
    let text = t();
    let webcal = match url.split_once("://") {
        Some((_, rest)) => format!("webcal://{rest}"),
        None => url.clone(),
    };
    let running = RwSignal::new(false);
    Effect::new(move |_| running.set(true));
    let copied = RwSignal::new(false);
    let to_copy = url.clone();
    view! {
        <label for="agenda-link">{text.cal_feed_url_label}</label>
        <input id="agenda-link" class="feed-url" type="text" readonly value=url/>
        <p class="feed-actions">
            <a class="button primary" href=webcal>{text.cal_feed_subscribe}</a>
            // Copying needs JavaScript; without it the link can be selected above.
            {move || running.get().then(|| {
                let to_copy = to_copy.clone();
                view! {
                    <button type="button" on:click=move |_| { copy_to_clipboard(&to_copy); copied.set(true); }>
                        {move || if copied.get() { text.cal_feed_copied } else { text.cal_feed_copy }}
                    </button>
                }
            })}
        </p>
    }
}

fn copy_to_clipboard(text: &str) {
    #[cfg(feature = "hydrate")]
    if let Some(window) = web_sys::window() {
        let _ = window.navigator().clipboard().write_text(text);
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = text;
}
