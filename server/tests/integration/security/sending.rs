//! Mail and text messages cost money and reach strangers: bursts of parallel
//! requests get no further than the limits, whose check and count are one step.

use crate::common::{demo_family, error_message, spawn_app, ADMIN, PASSWORD};
use kring_app::account_settings::api::SendMobileCode;
use kring_app::accounts::api::ForgotPassword;
use kring_app::care_pages::api::CreateCarePage;
use kring_app::connections::api::Invite;
use kring_app::connections::GivenRole;
use kring_app::db;
use kring_app::form_value::DateField;
use kring_app::limits::{MAILS_TO_ADDRESS, SMS_TO_CONFIRM};
use reqwest::StatusCode;
use std::sync::Arc;

#[tokio::test]
async fn fifty_parallel_reset_requests_send_at_most_the_limit_of_mails() {
    let app = Arc::new(spawn_app().await);
    app.sign_up("Anna", "de Vries", "anna@example.nl").await;
    let before = app.mails_to("anna@example.nl").await.len();
    let tasks: Vec<_> = (0..50)
        .map(|_| {
            let app = app.clone();
            tokio::spawn(async move {
                app.send_as(
                    &crate::common::new_client(),
                    ForgotPassword {
                        email: "anna@example.nl".into(),
                    },
                )
                .await
                .status()
            })
        })
        .collect();
    let mut answered = 0;
    for task in tasks {
        if task.await.unwrap() == StatusCode::OK {
            answered += 1;
        }
    }
    // The sign-up's confirmation counts for the address too.
    assert_eq!(answered as i64, MAILS_TO_ADDRESS.max - 1);
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    let sent = app.mails_to("anna@example.nl").await.len() - before;
    assert_eq!(sent, answered);
    let refused = app
        .send(ForgotPassword {
            email: "anna@example.nl".into(),
        })
        .await;
    assert_eq!(refused.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(error_message(refused).await.contains("al veel e-mails"));
}

#[tokio::test]
async fn fifty_parallel_code_requests_send_at_most_the_limit_of_texts() {
    let app = Arc::new(spawn_app().await);
    app.sign_up("Anna", "de Vries", "anna@example.nl").await;
    let tasks: Vec<_> = (0..50)
        .map(|_| {
            let app = app.clone();
            tokio::spawn(async move {
                app.send(SendMobileCode {
                    mobile: "06-12345678".into(),
                    current_password: PASSWORD.to_string(),
                })
                .await
                .status()
            })
        })
        .collect();
    for task in tasks {
        let status = task.await.unwrap();
        assert!(!status.is_server_error(), "{status}");
    }
    let texts = app.texts().await.len() as i64;
    assert!((1..=SMS_TO_CONFIRM.max).contains(&texts), "{texts} texts");
}

#[tokio::test]
async fn a_page_sends_at_most_twenty_invitations_a_day() {
    let family = demo_family().await;
    let admin = family.client_of(ADMIN).await;
    let limit = kring_app::connections::INVITATIONS_PER_PAGE.max;
    for n in 0..limit {
        let response = family
            .app
            .send_as(
                &admin,
                Invite {
                    page_id: family.page_id,
                    email: format!("gast{n}@example.nl"),
                    role: Some(GivenRole::Helper),
                },
            )
            .await;
        assert_eq!(response.status(), StatusCode::OK, "invitation {n}");
    }
    let refused = family
        .app
        .send_as(
            &admin,
            Invite {
                page_id: family.page_id,
                email: "nog.een@example.nl".into(),
                role: Some(GivenRole::Helper),
            },
        )
        .await;
    assert_eq!(refused.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(error_message(refused)
        .await
        .contains("twintig uitnodigingen"));
    assert!(family.app.mails_to("nog.een@example.nl").await.is_empty());
}

#[tokio::test]
async fn one_account_sends_at_most_thirty_link_mails_a_day_over_all_its_pages() {
    let family = demo_family().await;
    let admin = family.client_of(ADMIN).await;
    let created = family
        .app
        .send_as(
            &admin,
            CreateCarePage {
                first_name: "Kees".into(),
                last_name: "Bakker".into(),
                birth_date: DateField("1939-07-01".parse().ok()),
            },
        )
        .await;
    assert!(created.status().is_success() || created.status().is_redirection());
    let second: i64 = db::query_scalar("SELECT MAX(id) FROM care_pages")
        .fetch_one(family.app.state.db.reader())
        .await
        .unwrap();
    let per_account = kring_app::limits::MAILS_FOR_ACCOUNT.max;
    let per_page = kring_app::connections::INVITATIONS_PER_PAGE.max;
    let mut sent = 0;
    for page in [family.page_id, second] {
        for _ in 0..per_page {
            if sent == per_account {
                break;
            }
            let email = format!("gast{sent}@example.nl");
            let response = family
                .app
                .send_as(
                    &admin,
                    Invite {
                        page_id: page,
                        email: email.to_string(),
                        role: Some(GivenRole::Helper),
                    },
                )
                .await;
            assert_eq!(response.status(), StatusCode::OK, "invitation {sent}");
            sent += 1;
        }
    }
    let refused = family
        .app
        .send_as(
            &admin,
            Invite {
                page_id: second,
                email: "nog.een@example.nl".into(),
                role: Some(GivenRole::Helper),
            },
        )
        .await;
    assert_eq!(refused.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(error_message(refused)
        .await
        .contains("al veel e-mails laten versturen"));
}
