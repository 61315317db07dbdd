//! E-mail about a new message, for members who asked for it. The e-mail says
//! where and from whom, never what: neither the subject nor the text, since
//! both may be medical ("Uitslag bloedonderzoek") and e-mail is not the place
//! for them.

use super::queries;
use crate::accounts::Account;
use crate::i18n::{fill, Lang};
use crate::policy::{may_use_thread, Actor, Role, ThreadAudience};
use crate::state::AppState;

/// Sends the e-mails about a new message after the request has been
/// answered: a slow or unreachable mail server must not keep the writer
/// waiting (lettre gives up on SMTP only after a minute), and the message is
/// saved whatever happens to the e-mails.
pub fn after_new_message(
    state: &AppState,
    page_id: i64,
    thread_id: i64,
    audience: ThreadAudience,
    author: &Account,
) {
    let (state, author) = (state.clone(), author.clone());
    tokio::spawn(async move {
        new_message(&state, page_id, thread_id, audience, &author).await;
    });
}

async fn new_message(
    state: &AppState,
    page_id: i64,
    thread_id: i64,
    audience: ThreadAudience,
    author: &Account,
) {
    let subscribers = match queries::mail_subscribers(&state.db, page_id).await {
        Ok(subscribers) => subscribers,
        Err(_) => return,
    };
    let person = match crate::care_pages::page(&state.db, page_id).await {
        Ok(Some(page)) => format!("{} {}", page.first_name, page.last_name),
        _ => return,
    };
    let link = format!(
        "{}{}",
        state.settings.public_url.trim_end_matches('/'),
        crate::routes::page(page_id).thread(thread_id)
    );
    let author_name = format!("{} {}", author.first_name, author.last_name);
    // Each in the recipient's own language, not the writer's.
    for (account_id, first_name, last_name, email, role, language) in subscribers {
        let text = Lang::from_code_or_default(&language).texts();
        let Some(role) = Role::from_db(&role) else {
            continue;
        };
        // Asked again here: a helper never hears of a provider thread.
        if account_id == author.id || !may_use_thread(Actor::Member(role), None, audience) {
            continue;
        }
        let mail_subject = fill(text.mail_message_subject, &[("person", &person)]);
        let body = fill(
            text.mail_message_body,
            &[
                ("name", &first_name),
                ("author", &author_name),
                ("person", &person),
                ("link", &link),
            ],
        );
        let kind = crate::unsubscribe::Kind::Messages { page_id };
        let Ok((body, unsubscribe)) =
            crate::unsubscribe::with_link(state, account_id, kind, text, body).await
        else {
            continue;
        };
        if let Err(error) = state
            .mailer
            .send_notification(
                &format!("{first_name} {last_name}"),
                &email,
                &mail_subject,
                &body,
                &unsubscribe,
            )
            .await
        {
            tracing::warn!(%error, "could not send a new-message e-mail");
        }
    }
}
