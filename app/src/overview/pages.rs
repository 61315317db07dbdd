//! The Overzicht's blocks, shown above the person's card on the page's
//! first screen. Every block works as plain HTML (sign-up is a form) and is
//! asked for again after a sign-up and every half minute once hydrated.

use super::share::HelpShare;
use super::{Attention, AttentionDay, NewThread};
use crate::calendar::api::SetHelping;
use crate::calendar::{Item, ItemKind};
use crate::dates::{capitalised, long_date, moment_label};
use crate::error::AppError;
use crate::i18n::{fill, t};
use crate::messages::pages::Lock;
use crate::routes;
use leptos::prelude::*;
use leptos_router::components::A;

/// How often an open Overzicht asks for news (a calmer pace than an open thread).
pub const POLL_SECONDS: u32 = 30;

/// The blocks, from a resource the page made at its top.
#[component]
pub fn AttentionBlocks(
    attention: Resource<Result<Attention, AppError>>,
    helping: ServerAction<SetHelping>,
) -> impl IntoView {
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                attention.await.ok().map(|attention| view! { <Blocks attention helping/> })
            })}
        </Transition>
    }
}

#[component]
fn Blocks(attention: Attention, helping: ServerAction<SetHelping>) -> impl IntoView {
    let page_id = attention.page_id;
    // An offline copy keeps nothing from messages or the dossier on the
    // device: the server function left them out, and the block is not
    // shown empty ("Niets nieuws") where it was left out.
    let offline_copy = crate::shell::offline::is_offline_copy();
    view! {
        <div class="attention">
            {attention.days.into_iter().enumerate().map(|(index, day)| view! {
                <DayBlock day tomorrow={index == 1} page_id/>
            }).collect_view()}
            {attention.can_help.then(|| view! {
                <OpenHelp items=attention.open_help more=attention.more_open_help page_id helping/>
            })}
            {(!offline_copy).then(|| view! {
                <NewForYou threads=attention.new_threads more=attention.more_new_threads
                    reports=attention.new_reports page_id/>
            })}
            {attention.help_share.map(|share| view! { <ShareBlock share page_id/> })}
            {attention.how_are_you.map(|how| view! { <crate::wellbeing::pages::HowAreYouCard how/> })}
        </div>
    }
}

/// "Vandaag · donderdag 3 december": who comes and what is planned.
#[component]
fn DayBlock(day: AttentionDay, tomorrow: bool, page_id: i64) -> impl IntoView {
    let text = t();
    let heading = if tomorrow {
        text.home.tomorrow
    } else {
        text.home.today
    };
    let week = crate::calendar::week::Week::containing(day.date).key();
    view! {
        <section class="card attention-day" class:today=!tomorrow>
            <h2>{heading} <span class="day-date">{long_date(day.date)}</span></h2>
            {if day.items.is_empty() {
                view! { <p class="nothing">{text.home.nothing_planned}</p> }.into_any()
            } else {
                view! {
                    <ul class="agenda">
                        {day.items.into_iter().map(|item| view! { <AgendaLine item/> }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <p><A href=routes::page(page_id).calendar_week(&week)>{text.home.to_week}</A></p>
        </section>
    }
}

/// One visit or appointment: its time, how long, what, and who comes.
#[component]
fn AgendaLine(item: Item) -> impl IntoView {
    let text = t();
    let (who, mine) = match &item.kind {
        ItemKind::Visit(visit) => (
            fill(
                text.home.visit_by,
                &[("who", &visit.who()), ("organisation", &visit.provider)],
            ),
            false,
        ),
        ItemKind::Appointment(info) => (info.place.clone(), info.i_help),
    };
    let class = match item.kind {
        ItemKind::Visit(_) => "visit",
        ItemKind::Appointment(_) => "appointment",
    };
    view! {
        <li class=class>
            <span class="time">{item.time_label()}</span>
            {item.length_label().map(|length| view! { <span class="length">{length}</span> })}
            <span class="title">{item.title.clone()}</span>
            {(!who.is_empty()).then(|| view! { <span class="who">{who}</span> })}
            {mine.then(|| view! { <span class="badge helping">{text.cal_you_help}</span> })}
        </li>
    }
}

/// "Wie wil er helpen?": help nobody took yet, with the sign-up right there.
#[component]
fn OpenHelp(
    items: Vec<Item>,
    more: usize,
    page_id: i64,
    helping: ServerAction<SetHelping>,
) -> impl IntoView {
    let text = t();
    view! {
        <section class="card open-help">
            <h2>{text.home.help_title}</h2>
            {if items.is_empty() {
                view! { <p class="nothing">{text.home.help_none}</p> }.into_any()
            } else {
                view! {
                    <ul class="plain help-list">
                        {items.into_iter().filter_map(|item| match item.kind {
                            ItemKind::Appointment(info) => Some(view! {
                                <li>
                                    <p>
                                        <span class="when">{capitalised(&moment_label(info.occurrence, item.start))}</span>
                                        " · " <strong>{item.title}</strong>
                                        {(!info.place.is_empty()).then(|| format!(" · {}", info.place))}
                                    </p>
                                    <crate::calendar::pages::HelpButton info page_id helping/>
                                </li>
                            }),
                            ItemKind::Visit(_) => None,
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            {(more > 0).then(|| view! {
                <p><A href=routes::page(page_id).calendar()>{text.home.help_more.of(more as i64)}</A></p>
            })}
        </section>
    }
}

/// What is new since the reader last looked: threads with unread messages
/// (with their lock) and, for whoever may open the dossier, unread reports.
#[component]
fn NewForYou(
    threads: Vec<NewThread>,
    more: usize,
    reports: Option<i64>,
    page_id: i64,
) -> impl IntoView {
    let text = t();
    let reports = reports.filter(|count| *count > 0);
    let nothing = threads.is_empty() && reports.is_none();
    view! {
        <section class="card new-for-you">
            <h2>{text.home.new_title}</h2>
            {nothing.then(|| view! { <p class="nothing">{text.home.new_none}</p> })}
            <ul class="plain new-list">
                {threads.into_iter().map(|thread| view! {
                    <li>
                        <A href=routes::page(page_id).thread(thread.id)>{thread.subject}</A>
                        <span class="unread">{text.msg_unread.of(thread.unread)}</span>
                        <span class="hint">{thread.last_at}</span>
                        <Lock audience=thread.audience shared_with=thread.shared_with/>
                    </li>
                }).collect_view()}
                {(more > 0).then(|| view! {
                    <li><A href=routes::page(page_id).messages()>{text.home.more_threads.of(more as i64)}</A></li>
                })}
                {reports.map(|count| view! {
                    <li><A href=routes::page(page_id).reports()>{text.home.new_reports.of(count)}</A></li>
                })}
            </ul>
        </section>
    }
}

/// For the admin: who took the help of the last four weeks.
#[component]
fn ShareBlock(share: HelpShare, page_id: i64) -> impl IntoView {
    let text = t();
    view! {
        <section class="card help-share">
            <h2>{text.home.share_title}</h2>
            {if share.total == 0 {
                view! { <p>{text.home.share_quiet}</p> }.into_any()
            } else {
                view! {
                    <p>{text.home.share_intro}</p>
                    <ul class="plain share-list">
                        {share.members.into_iter().map(|member| view! {
                            <li><span>{member.name}</span> " " <span class="hint">{text.home.share_times.of(member.times)}</span></li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            {share.carrier.map(|name| view! {
                <p class="gentle">{fill(text.home.share_carrier, &[("name", &name)])}</p>
                <p><A href=routes::page(page_id).new_thread() attr:class="button">{text.home.share_ask}</A></p>
            })}
        </section>
    }
}
