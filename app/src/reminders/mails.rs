//! What the planner's mails say, in each recipient's language: the
//! appointment's title and time, never its place or description, and a
//! link to it in the week.

use super::due::{Due, Notice};
use crate::db;
use crate::error::AppResult;
use crate::i18n::{fill, Lang};
use crate::outbox::Outgoing;
use crate::state::AppState;
use crate::unsubscribe::Kind;

fn page_of(item: &Due<'_>) -> i64 {
    item.appointment.care_page_id
}

/// What a mail about `item` names, in the recipient's language: the
/// appointment's title and time, never its place or description, and a
/// link to it in the week.
fn names(state: &AppState, item: &Due<'_>, person: &str) -> [(&'static str, String); 6] {
    let lang = Lang::from_code_or_default(&item.recipient.language);
    let row = &item.appointment.row;
    let start = row.start_time;
    let when = crate::i18n::lang::REQUEST_LANG
        .sync_scope(lang, || crate::dates::moment_label(item.date, start));
    let base = state.settings.public_url.trim_end_matches('/');
    let week = crate::calendar::week::Week::containing(item.date).key();
    let anchor = crate::calendar::item_anchor(row.id, item.date);
    let link = format!(
        "{base}{}",
        crate::routes::page(page_of(item)).calendar_at(&week, &anchor)
    );
    let asker = row
        .maker
        .clone()
        .unwrap_or_else(|| lang.texts().reminders.someone.to_string());
    [
        ("name", item.recipient.first_name.clone()),
        ("person", person.to_string()),
        ("title", row.title.clone()),
        ("when", when),
        ("link", link),
        ("asker", asker),
    ]
}

/// The line for a daily mail about help asked.
pub(super) fn digest_line(state: &AppState, item: &Due<'_>, person: &str) -> String {
    let names = names(state, item, person);
    let values: Vec<(&str, &str)> = names.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let text = Lang::from_code_or_default(&item.recipient.language).texts();
    fill(text.reminders.digest_help, &values)
}

/// The mail about `item`, with its one-click "Afmelden".
pub(super) async fn compose(
    state: &AppState,
    tx: &mut db::Connection,
    item: &Due<'_>,
    person: &str,
) -> AppResult<Outgoing> {
    let text = Lang::from_code_or_default(&item.recipient.language).texts();
    let base = state.settings.public_url.trim_end_matches('/');
    let r = text.reminders;
    let names = names(state, item, person);
    let values: Vec<(&str, &str)> = names.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let page_id = item.appointment.care_page_id;
    let help = Kind::HelpRequests { page_id };
    let reminders = Kind::Reminders { page_id };
    let (subject, body, kind) = match item.notice {
        Notice::FirstAsk => (r.help_subject, r.help_body, help),
        Notice::SecondAsk => (r.reask_subject, r.reask_body, help),
        Notice::DayBefore => (r.reminder_subject, r.reminder_day_body, reminders),
        Notice::WeekBefore => (r.reminder_subject, r.reminder_week_body, reminders),
    };
    let (body, unsubscribe) = crate::unsubscribe::with_link(
        tx,
        base,
        item.recipient.account_id,
        kind,
        text,
        fill(body, &values),
    )
    .await?;
    let name = format!("{} {}", item.recipient.first_name, item.recipient.last_name);
    Ok(Outgoing::notification(
        &name,
        &item.recipient.email,
        &fill(subject, &values),
        &body,
        &unsubscribe,
    ))
}
