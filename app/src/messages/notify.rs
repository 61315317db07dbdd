//! E-mail about a new message, for members who asked for it. The e-mail says
//! where and from whom, never what: neither the subject nor the text, since
//! both may be medical ("Uitslag bloedonderzoek") and e-mail is not the place
//! for them.

use super::queries;
use crate::accounts::Account;
use crate::db;
use crate::error::AppResult;
use crate::i18n::{fill, Lang};
use crate::outbox::Outgoing;
use crate::policy::{may_use_thread, Actor, Role, ThreadAudience};
use crate::state::AppState;

/// Queues the e-mails about a new message in `thread_id` through the
/// transaction that saves the message: both land, or neither. The outbox
/// sends them after the answer, so a slow mail server keeps nobody waiting.
pub async fn queue_new_message(
    tx: &mut db::Connection,
    state: &AppState,
    page_id: i64,
    thread_id: i64,
    audience: ThreadAudience,
    author: &Account,
) -> AppResult<()> {
    let subscribers = queries::mail_subscribers(&state.db, page_id).await?;
    if subscribers.is_empty() {
        return Ok(());
    }
    let Some(page) = crate::care_pages::page(&state.db, page_id).await? else {
        return Ok(());
    };
    let person = format!("{} {}", page.first_name, page.last_name);
    let base = &state.settings.public_url;
    let link = format!(
        "{}{}",
        base.trim_end_matches('/'),
        crate::routes::page(page_id).thread(thread_id)
    );
    let author_name = format!("{} {}", author.first_name, author.last_name);
    // Each in the recipient's own language, not the writer's.
    for subscriber in subscribers {
        let text = Lang::from_code_or_default(&subscriber.language).texts();
        let Some(role) = Role::from_db(&subscriber.role) else {
            continue;
        };
        // Asked again here: a helper never hears of a provider thread.
        if subscriber.account_id == author.id
            || !may_use_thread(Actor::Member(role), None, audience)
        {
            continue;
        }
        let values = [
            ("name", subscriber.first_name.as_str()),
            ("author", author_name.as_str()),
            ("person", person.as_str()),
            ("link", link.as_str()),
        ];
        if subscriber.daily_digest {
            let line = fill(text.reminders.digest_message, &values);
            crate::reminders::digest::add(&mut *tx, subscriber.account_id, page_id, &line).await?;
            continue;
        }
        let mail_subject = fill(text.mail_message_subject, &[("person", &person)]);
        let body = fill(text.mail_message_body, &values);
        let kind = crate::unsubscribe::Kind::Messages { page_id };
        let (body, unsubscribe) =
            crate::unsubscribe::with_link(&mut *tx, base, subscriber.account_id, kind, text, body)
                .await?;
        let mail = Outgoing::notification(
            &format!("{} {}", subscriber.first_name, subscriber.last_name),
            &subscriber.email,
            &mail_subject,
            &body,
            &unsubscribe,
        );
        crate::outbox::queue(&mut *tx, &mail).await?;
    }
    Ok(())
}
