//! Berichten through the real routes: who reads which thread, replies that
//! keep their audience, unread counts, inert markup and e-mail notices.

use crate::common::{
    decode_quoted_printable, demo_family, error_message, Family, ADMIN, HELPER, STAFF, TRUSTED,
};
use kring_app::care_pages::api::CreateCarePage;
use kring_app::connections::api::SetRole;
use kring_app::connections::GivenRole;
use kring_app::db;
use kring_app::form_value::{Checkbox, DateField};
use kring_app::messages::api::{MessageThreads, OpenThread, Reply, SetMessageMail, StartThread};
use kring_app::messages::{ShareWith, ThreadList, ThreadView};
use kring_app::policy::ThreadAudience;
use reqwest::{Client, StatusCode};

impl Family {
    async fn threads_as(&self, client: &Client) -> ThreadList {
        let response = self
            .app
            .send_as(
                client,
                MessageThreads {
                    page_id: self.page_id,
                },
            )
            .await;
        assert_eq!(response.status(), StatusCode::OK);
        response.json().await.unwrap()
    }

    async fn open_as(&self, client: &Client, thread_id: i64) -> reqwest::Response {
        self.app
            .send_as(
                client,
                OpenThread {
                    page_id: self.page_id,
                    thread_id,
                },
            )
            .await
    }

    async fn reply_as(&self, client: &Client, thread_id: i64, body: &str) -> reqwest::Response {
        self.app
            .send_as(
                client,
                Reply {
                    page_id: self.page_id,
                    thread_id,
                    body: body.to_string(),
                },
            )
            .await
    }

    async fn start_as(
        &self,
        client: &Client,
        subject: &str,
        body: &str,
        share_with: ShareWith,
    ) -> reqwest::Response {
        let arguments = StartThread {
            page_id: self.page_id,
            subject: subject.into(),
            body: body.into(),
            share_with,
        };
        self.app.send_as(client, arguments).await
    }

    /// The demo's two threads: (family, provider).
    async fn demo_threads(&self) -> (i64, i64) {
        let admin = self.client_of(ADMIN).await;
        let list = self.threads_as(&admin).await;
        let family = list
            .threads
            .iter()
            .find(|t| t.audience == ThreadAudience::Family)
            .unwrap()
            .id;
        let provider = list
            .threads
            .iter()
            .find(|t| t.audience != ThreadAudience::Family)
            .unwrap()
            .id;
        (family, provider)
    }

    async fn provider_id(&self) -> i64 {
        db::query_scalar("SELECT id FROM providers")
            .fetch_one(self.app.state.db.reader())
            .await
            .unwrap()
    }
}

#[tokio::test]
async fn each_reader_sees_the_threads_of_their_audience_only() {
    let family = demo_family().await;
    let (family_thread, provider_thread) = family.demo_threads().await;
    for (email, sees_family, sees_provider) in [
        (ADMIN, true, true),
        (TRUSTED, true, true),
        (HELPER, true, false),
        (STAFF, false, true),
    ] {
        let client = family.client_of(email).await;
        let ids: Vec<i64> = family
            .threads_as(&client)
            .await
            .threads
            .iter()
            .map(|t| t.id)
            .collect();
        assert_eq!(ids.contains(&family_thread), sees_family, "{email} list");
        assert_eq!(
            ids.contains(&provider_thread),
            sees_provider,
            "{email} list"
        );
        let status = |sees: bool| {
            if sees {
                StatusCode::OK
            } else {
                StatusCode::NOT_FOUND
            }
        };
        assert_eq!(
            family.open_as(&client, family_thread).await.status(),
            status(sees_family),
            "{email}"
        );
        assert_eq!(
            family.open_as(&client, provider_thread).await.status(),
            status(sees_provider),
            "{email}"
        );
    }
}

#[tokio::test]
async fn a_helper_cannot_read_answer_or_count_a_provider_thread() {
    let family = demo_family().await;
    let (_, provider_thread) = family.demo_threads().await;
    let helper = family.client_of(HELPER).await;
    let before = family.app.count("messages").await;
    let response = family
        .reply_as(&helper, provider_thread, "Mag ik meelezen?")
        .await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert_eq!(family.app.count("messages").await, before);
    // Nothing of it leaks through the list or its unread counts.
    let list = family.threads_as(&helper).await;
    assert_eq!(list.threads.len(), 1);
    assert!(list.providers.is_empty(), "a helper is offered no sharing");
    let body = serde_json::to_string(&list).unwrap();
    assert!(!body.contains("Medicijnen"));
    // Nor by starting a shared thread with a forged choice.
    let provider = ShareWith::Provider(family.provider_id().await);
    let response = family.start_as(&helper, "Vraag", "Hallo", provider).await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert!(error_message(response)
        .await
        .contains("Alleen de vertrouwensgroep"));
    assert_eq!(family.app.count("threads").await, 2);
}

#[tokio::test]
async fn staff_answer_provider_threads_with_their_organisation_and_never_reach_family_ones() {
    let family = demo_family().await;
    let (family_thread, provider_thread) = family.demo_threads().await;
    let staff = family.client_of(STAFF).await;
    let response = family
        .reply_as(&staff, family_thread, "Hallo familie")
        .await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let response = family
        .reply_as(&staff, provider_thread, "Het staat aan.")
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let view: ThreadView = response.json().await.unwrap();
    let last = view.messages.last().unwrap();
    assert_eq!(last.body, "Het staat aan.");
    assert_eq!(last.organisation.as_deref(), Some("Thuiszorg De Linde"));
    assert!(last.mine);

    // A thread staff start is a provider thread, whatever the form says.
    let response = family
        .start_as(
            &staff,
            "Sleutelkastje",
            "De code is gewijzigd.",
            ShareWith::Family,
        )
        .await;
    assert!(response.status().is_success() || response.status().is_redirection());
    let thread_id: i64 = db::query_scalar("SELECT MAX(id) FROM threads")
        .fetch_one(family.app.state.db.reader())
        .await
        .unwrap();
    let trusted = family.client_of(TRUSTED).await;
    let view: ThreadView = family
        .open_as(&trusted, thread_id)
        .await
        .json()
        .await
        .unwrap();
    assert!(matches!(view.audience, ThreadAudience::Provider { .. }));
    let helper = family.client_of(HELPER).await;
    assert_eq!(
        family.open_as(&helper, thread_id).await.status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn the_trusted_member_shares_a_thread_explicitly_and_replies_stay_shared() {
    let family = demo_family().await;
    let trusted = family.client_of(TRUSTED).await;
    let list = family.threads_as(&trusted).await;
    // Two organisations are linked; the thread is shared with one of them.
    assert_eq!(list.providers.len(), 2);
    let de_linde = list
        .providers
        .iter()
        .find(|choice| choice.name == "Thuiszorg De Linde")
        .unwrap()
        .id;
    let provider = ShareWith::Provider(de_linde);
    // Without a choice, a thread is for the family.
    family
        .start_as(
            &trusted,
            "Verjaardag",
            "Wie neemt taart mee?",
            ShareWith::Family,
        )
        .await;
    family
        .start_as(&trusted, "Valpartij", "Mam is gisteren gevallen.", provider)
        .await;
    let threads = family.threads_as(&trusted).await.threads;
    let shared = threads.iter().find(|t| t.subject == "Valpartij").unwrap();
    assert_eq!(
        shared.audience,
        ThreadAudience::Provider {
            provider_id: de_linde
        }
    );
    assert_eq!(shared.shared_with.as_deref(), Some("Thuiszorg De Linde"));
    let family_only = threads.iter().find(|t| t.subject == "Verjaardag").unwrap();
    assert_eq!(family_only.audience, ThreadAudience::Family);

    // Replies stay in the thread's audience: the helper still cannot see it.
    let admin = family.client_of(ADMIN).await;
    family
        .reply_as(&admin, shared.id, "Ik bel de huisarts.")
        .await;
    let helper = family.client_of(HELPER).await;
    assert_eq!(
        family.open_as(&helper, shared.id).await.status(),
        StatusCode::NOT_FOUND
    );

    // A provider that is not linked to the page is refused.
    let response = family
        .start_as(&trusted, "x", "y", ShareWith::Provider(999))
        .await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert_eq!(family.app.count("threads").await, 4);
}

#[tokio::test]
async fn dropping_to_helper_ends_provider_threads_at_once() {
    let family = demo_family().await;
    let (_, provider_thread) = family.demo_threads().await;
    let trusted = family.client_of(TRUSTED).await;
    assert_eq!(
        family.open_as(&trusted, provider_thread).await.status(),
        StatusCode::OK
    );
    let admin = family.client_of(ADMIN).await;
    let pieter: i64 = db::query_scalar("SELECT id FROM accounts WHERE email = $1")
        .bind(TRUSTED)
        .fetch_one(family.app.state.db.reader())
        .await
        .unwrap();
    let response = family
        .app
        .send_as(
            &admin,
            SetRole {
                page_id: family.page_id,
                account_id: pieter,
                role: Some(GivenRole::Helper),
            },
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        family.open_as(&trusted, provider_thread).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(family.threads_as(&trusted).await.threads.len(), 1);
}

#[tokio::test]
async fn unread_counts_follow_reading() {
    let family = demo_family().await;
    let (family_thread, _) = family.demo_threads().await;
    let helper = family.client_of(HELPER).await;
    let unread = |list: &ThreadList| {
        list.threads
            .iter()
            .find(|t| t.id == family_thread)
            .unwrap()
            .unread
    };
    // Sanne wrote the last demo message herself; Pieter's one before it is unread.
    assert_eq!(unread(&family.threads_as(&helper).await), 1);
    family.open_as(&helper, family_thread).await;
    assert_eq!(unread(&family.threads_as(&helper).await), 0);
    let trusted = family.client_of(TRUSTED).await;
    family
        .reply_as(&trusted, family_thread, "Koffie staat op het lijstje.")
        .await;
    family
        .reply_as(&trusted, family_thread, "En de krant.")
        .await;
    let list = family.threads_as(&helper).await;
    assert_eq!(unread(&list), 2);
    assert_eq!(list.threads[0].id, family_thread, "newest activity first");
    assert_eq!(list.threads[0].last_excerpt, "En de krant.");
    assert_eq!(list.threads[0].last_author, "Pieter Bakker");
    // One's own messages never count as unread.
    assert_eq!(unread(&family.threads_as(&trusted).await), 0);
}

#[tokio::test]
async fn markup_in_a_message_comes_back_inert() {
    let family = demo_family().await;
    let (family_thread, _) = family.demo_threads().await;
    let trusted = family.client_of(TRUSTED).await;
    let body = "<script>alert('x')</script>\n<img src=x onerror=alert(1)> zie https://example.nl/a?b=1&c=2.";
    let view: ThreadView = family
        .reply_as(&trusted, family_thread, body)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        view.messages.last().unwrap().body,
        body,
        "stored exactly as written"
    );
    let html = family
        .app
        .get_as(
            &trusted,
            &format!("/zorgpagina/{}/berichten/{family_thread}", family.page_id),
        )
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("&lt;script&gt;alert("), "{html}");
    assert!(!html.contains("<script>alert"));
    assert!(!html.contains("<img src=x"));
    assert!(
        html.contains(r#"href="https://example.nl/a?b=1&amp;c=2""#),
        "the address is a link"
    );
}

#[tokio::test]
async fn bad_input_gets_a_dutch_message_and_changes_nothing() {
    let family = demo_family().await;
    let (family_thread, _) = family.demo_threads().await;
    let trusted = family.client_of(TRUSTED).await;
    let before = (
        family.app.count("threads").await,
        family.app.count("messages").await,
    );
    let long = "a".repeat(kring_app::messages::MAX_BODY + 1);
    for (subject, body, expected) in [
        ("", "Hallo", "onderwerp"),
        ("Vraag", "   \n ", "bericht"),
        ("Vraag", long.as_str(), "te lang"),
        (&"o".repeat(121)[..], "Hallo", "te lang"),
    ] {
        let response = family
            .start_as(&trusted, subject, body, ShareWith::Family)
            .await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST);
        let message = error_message(response).await;
        assert!(message.contains(expected), "{message}");
    }
    let response = family.reply_as(&trusted, family_thread, "").await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    // A thread id from another page is not found.
    let other_page = family
        .app
        .send_as(
            &trusted,
            CreateCarePage {
                first_name: "Kees".into(),
                last_name: "Bakker".into(),
                birth_date: DateField("1936-02-03".parse().ok()),
            },
        )
        .await;
    assert!(other_page.status().is_success() || other_page.status().is_redirection());
    let other_page_id: i64 = db::query_scalar("SELECT MAX(id) FROM care_pages")
        .fetch_one(family.app.state.db.reader())
        .await
        .unwrap();
    let response = family
        .app
        .send_as(
            &trusted,
            Reply {
                page_id: other_page_id,
                thread_id: family_thread,
                body: "Verkeerde pagina".into(),
            },
        )
        .await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        (
            family.app.count("threads").await,
            family.app.count("messages").await
        ),
        before
    );
}

#[tokio::test]
async fn members_who_ask_for_it_get_an_email_without_the_message_text() {
    let family = demo_family().await;
    let helper = family.client_of(HELPER).await;
    let response = family
        .app
        .send_as(
            &helper,
            SetMessageMail {
                page_id: family.page_id,
                on: Checkbox(true),
            },
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(family.threads_as(&helper).await.mail_on_new, Some(true));

    let trusted = family.client_of(TRUSTED).await;
    let provider = ShareWith::Provider(family.provider_id().await);
    family
        .start_as(
            &trusted,
            "Uitslag bloedonderzoek",
            "Het ijzer is te laag.",
            provider,
        )
        .await;
    family
        .start_as(
            &trusted,
            "Kerstdiner",
            "Wie kookt er dit jaar?",
            ShareWith::Family,
        )
        .await;
    let threads = family.threads_as(&trusted).await.threads;
    let kerstdiner = threads.iter().find(|t| t.subject == "Kerstdiner").unwrap();
    // The e-mails leave after the answer: wait for the one, then a moment
    // longer for any that should not come.
    family.app.wait_for_mails_to(HELPER, 1).await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let mails: Vec<String> = family
        .app
        .mails_to(HELPER)
        .await
        .iter()
        .map(|mail| decode_quoted_printable(mail))
        .collect();
    assert_eq!(mails.len(), 1, "a helper hears nothing of provider threads");
    let link = format!("/berichten/{}", kerstdiner.id);
    assert!(mails[0].contains("Johanna Bakker") && mails[0].contains(&link));
    assert!(
        !mails[0].contains("Wie kookt er dit jaar") && !mails[0].contains("Kerstdiner"),
        "subject and text stay in Kring"
    );
    // The author and those who did not ask get nothing.
    assert!(family.app.mails_to(TRUSTED).await.is_empty());
    assert!(family.app.mails_to(ADMIN).await.is_empty());
}

#[tokio::test]
async fn a_mail_server_that_never_answers_does_not_hold_up_a_new_message() {
    // A port that takes the connection but never speaks: an SMTP client waits
    // there until its own time-out, a minute for lettre.
    let silent = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = silent.local_addr().unwrap().port();
    let family = crate::common::demo_family_with(|settings| {
        settings.smtp_url = Some(format!("smtp://127.0.0.1:{port}"))
    })
    .await;
    let helper = family.client_of(HELPER).await;
    family
        .app
        .send_as(
            &helper,
            SetMessageMail {
                page_id: family.page_id,
                on: Checkbox(true),
            },
        )
        .await;
    let before = family.app.count("messages").await;
    let trusted = family.client_of(TRUSTED).await;
    let response = tokio::time::timeout(
        std::time::Duration::from_secs(15),
        family.start_as(
            &trusted,
            "Kerstdiner",
            "Wie kookt er dit jaar?",
            ShareWith::Family,
        ),
    )
    .await
    .expect("the answer does not wait for the mail server");
    assert!(response.status().is_success() || response.status().is_redirection());
    assert_eq!(family.app.count("messages").await, before + 1);
    drop(silent);
}

/// More replies at once than the database has connections to write with:
/// each holds its write transaction while it reads who to tell, and every
/// one is answered. (From one PostgreSQL pool for both, as many replies as
/// connections held them all and waited for another until the pool gave up.)
#[tokio::test]
async fn more_replies_at_once_than_connections_are_all_answered() {
    let family = demo_family().await;
    let (thread_id, _) = family.demo_threads().await;
    let admin = family.client_of(ADMIN).await;
    let bodies: Vec<String> = (0..24).map(|n| format!("Tegelijk {n}")).collect();
    let replies = bodies
        .iter()
        .map(|body| family.reply_as(&admin, thread_id, body));
    let answers = futures_util::future::join_all(replies).await;
    let statuses: Vec<StatusCode> = answers.iter().map(|answer| answer.status()).collect();
    assert!(
        statuses.iter().all(|status| *status == StatusCode::OK),
        "{statuses:?}"
    );
    let written: i64 =
        db::query_scalar("SELECT COUNT(*) FROM messages WHERE body LIKE 'Tegelijk %'")
            .fetch_one(family.app.state.db.reader())
            .await
            .unwrap();
    assert_eq!(written, 24);
}
