//! The organisation's inbox and its broadcast to every linked client.

use super::{done, ineke, login};
use crate::common::{demo_family, ADMIN, HELPER, STAFF, TRUSTED};
use kring_app::form_value::{DateField, IdField};
use kring_app::links::api::EnterCode;
use kring_app::links::CodeTarget;
use kring_app::organisation::inbox::{Broadcast, InboxView, OrgInbox};
use reqwest::StatusCode;

#[tokio::test]
async fn a_broadcast_arrives_as_a_provider_thread_on_every_linked_page_and_in_the_inbox() {
    let family = demo_family().await;
    // A second linked client: Hendrik, through his code, on a page of his own.
    let admin = login(&family, ADMIN).await;
    let linked = family
        .app
        .send_as(
            &admin,
            EnterCode {
                code: family.activation_code.clone(),
                birth_date: DateField(chrono::NaiveDate::from_ymd_opt(1935, 9, 2)),
                target: CodeTarget::NewPage.value(),
            },
        )
        .await;
    assert!(done(linked.status()));
    let staff = ineke(&family).await;
    let threads_before = family.app.count("threads").await;
    let sent = family
        .app
        .send_as(
            &staff,
            Broadcast {
                location: IdField(None),
                subject: "Ander telefoonnummer in de feestdagen".into(),
                body: "Tussen kerst en oud en nieuw zijn we bereikbaar op 030 - 123 45 67.".into(),
            },
        )
        .await;
    assert_eq!(sent.status(), StatusCode::OK);
    let answer: String = sent.json().await.unwrap();
    assert_eq!(answer, "Het bericht staat op 2 zorgpagina's.");
    assert_eq!(family.app.count("threads").await, threads_before + 2);
    // On Johanna's page: the trusted group reads it; the helper does not see it.
    let list = |email: &'static str| {
        let family = &family;
        async move {
            let client = login(family, email).await;
            let response = family
                .app
                .call_as(
                    &client,
                    "message_threads",
                    &[("page_id", &family.page_id.to_string())],
                )
                .await;
            response.text().await.unwrap()
        }
    };
    assert!(list(TRUSTED).await.contains("Ander telefoonnummer"));
    assert!(!list(HELPER).await.contains("Ander telefoonnummer"));

    // The employee's inbox lists both, unread first; she may not broadcast.
    let fatima = login(&family, STAFF).await;
    let inbox: InboxView = family
        .app
        .send_as(&fatima, OrgInbox {})
        .await
        .json()
        .await
        .unwrap();
    assert!(!inbox.may_broadcast);
    let ours: Vec<&str> = inbox
        .threads
        .iter()
        .filter(|t| t.subject.starts_with("Ander telefoonnummer"))
        .map(|t| t.person.as_str())
        .collect();
    assert_eq!(ours.len(), 2, "{ours:?}");
    assert!(inbox.threads[0].unread > 0);
    let refused = family
        .app
        .send_as(
            &fatima,
            Broadcast {
                location: IdField(None),
                subject: "x".into(),
                body: "y".into(),
            },
        )
        .await;
    assert_eq!(refused.status(), StatusCode::NOT_FOUND);
    // An empty subject is named, and nothing is sent.
    let before = family.app.count("threads").await;
    let empty = family
        .app
        .send_as(
            &staff,
            Broadcast {
                location: IdField(None),
                subject: " ".into(),
                body: "y".into(),
            },
        )
        .await;
    assert_eq!(empty.status(), StatusCode::BAD_REQUEST);
    assert_eq!(family.app.count("threads").await, before);
}
