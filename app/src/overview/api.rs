//! The Overzicht's one server function: every block asks the policy for
//! itself, so a reader sees exactly what their role shows elsewhere.

use super::Attention;
use crate::error::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    super::{queries, share::HelpShare, AttentionDay, NewThread},
    crate::access::authorize,
    crate::calendar::{queries::items_between, Item, ItemKind},
    crate::policy::{allows, may_use_thread, Action},
    crate::state::app_state,
    chrono::Duration,
};

#[server(prefix = "/api", endpoint = "attention")]
pub async fn what_needs_attention(page_id: i64) -> Result<Attention, AppError> {
    // A copy kept on the device for reading offline holds no messages and
    // nothing about the dossier: not shown, and not in the page's data.
    let offline_copy = crate::shell::offline::is_offline_copy();
    let state = app_state()?;
    let (account, actor) = authorize(&state, page_id, Action::ViewPage).await?;
    let today = crate::dates::today();
    // One read of the calendar for every block that needs it: the admin's
    // share looks four weeks back, the others from today on.
    let share_wanted = allows(actor, Action::ManagePage) && !offline_copy;
    let (past, coming) = match allows(actor, Action::ViewCalendar) {
        false => (Vec::new(), Vec::new()),
        true => {
            let first = match share_wanted {
                true => today - Duration::days(super::share::SHARE_DAYS),
                false => today,
            };
            let last = today + Duration::days(super::HELP_AHEAD_DAYS - 1);
            items_between(&state.db, page_id, &account, actor, first, last)
                .await?
                .into_iter()
                .partition(|(day, _)| *day < today)
        }
    };
    let days = [today, today + Duration::days(1)]
        .into_iter()
        .map(|date| AttentionDay {
            date,
            items: coming
                .iter()
                .filter(|(day, _)| *day == date)
                .map(|(_, item)| item.clone())
                .collect(),
        })
        .collect();
    // Help nobody took yet, offered only to whoever may sign up.
    let mut open_help: Vec<Item> = coming
        .into_iter()
        .map(|(_, item)| item)
        .filter(|item| match &item.kind {
            ItemKind::Appointment(info) => {
                info.asks_help && info.helpers.is_empty() && info.can_help
            }
            ItemKind::Visit(_) => false,
        })
        .collect();
    let more_open_help = open_help.len().saturating_sub(super::MAX_OPEN_HELP);
    open_help.truncate(super::MAX_OPEN_HELP);

    let threads = match offline_copy {
        true => Vec::new(),
        false => {
            use crate::messages::queries::{threads, Listing};
            threads(&state.db, page_id, account.id, Listing::Unread).await?
        }
    };
    let mut new_threads: Vec<NewThread> = threads
        .into_iter()
        .filter(|row| may_use_thread(actor, account.provider_id, row.thread.audience))
        .map(|row| NewThread {
            id: row.thread.id,
            subject: row.thread.subject,
            audience: row.thread.audience,
            shared_with: row.thread.shared_with,
            unread: row.unread,
            last_at: crate::dates::spoken_at(row.last_at),
        })
        .collect();
    let more_new_threads = new_threads.len().saturating_sub(super::MAX_NEW_THREADS);
    new_threads.truncate(super::MAX_NEW_THREADS);

    let new_reports = match allows(actor, Action::OpenDossier) && !offline_copy {
        false => None,
        true => {
            let staff_of = (actor == crate::policy::Actor::LinkedStaff)
                .then_some(account.provider_id)
                .flatten();
            let since = today - Duration::days(super::NEW_REPORT_DAYS);
            Some(queries::unread_reports(&state.db, page_id, account.id, staff_of, since).await?)
        }
    };
    let help_share = match share_wanted {
        false => None,
        true => Some(HelpShare::from_counts(
            queries::help_taken(&state.db, page_id, &past).await?,
        )),
    };
    // Carers are asked how they are; an organisation's staff are not.
    let how_are_you = match matches!(actor, crate::policy::Actor::Member(_)) && !offline_copy {
        false => None,
        true => Some(crate::wellbeing::how_are_you(&state.db, account.id, today).await?),
    };
    Ok(Attention {
        page_id,
        days,
        open_help,
        can_help: allows(actor, Action::HelpWithAppointment),
        more_open_help,
        new_threads,
        more_new_threads,
        new_reports,
        help_share,
        how_are_you,
    })
}
