//! Mijn gegevens: name, e-mail change, password change, mobile number by SMS
//! code, and deleting an account, through the real routes.

use crate::common::{demo_family, error_message, new_client, spawn_app, TestApp, PASSWORD};
use kring_app::account_settings::api::{
    ChangeEmail, ChangeName, ChangePassword, ConfirmEmailChange, ConfirmMobile, DeleteAccount,
    MyAccount, RemoveMobile, SendMobileCode,
};
use kring_app::account_settings::AccountSettings;
use kring_app::care_pages::api::CreateCarePage;
use kring_app::db;
use kring_app::demo::DEMO_PASSWORD;
use kring_app::form_value::DateField;
use kring_app::history::HistoryEvent;
use reqwest::{Client, StatusCode};
use std::sync::atomic::{AtomicU16, Ordering};
use std::sync::Arc;

const NEW_PASSWORD: &str = "zeven zwanen zwemmen zuidwaarts";

impl TestApp {
    async fn settings_as(&self, client: &Client) -> AccountSettings {
        let response = self.send_as(client, MyAccount {}).await;
        assert_eq!(response.status(), StatusCode::OK);
        response.json().await.unwrap()
    }
}

#[tokio::test]
async fn the_name_changes_and_a_bad_name_changes_nothing() {
    let app = spawn_app().await;
    app.sign_up("Anna", "de Vries", "anna@example.nl").await;
    let response = app
        .send(ChangeName {
            first_name: "Anneke".into(),
            last_name: "de Vries-Smit".into(),
        })
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let response = app
        .send(ChangeName {
            first_name: "Anneke1".into(),
            last_name: "x".into(),
        })
        .await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert!(error_message(response).await.contains("Voornaam"));
    let settings = app.settings_as(&app.client).await;
    assert_eq!(
        (settings.first_name.as_str(), settings.last_name.as_str()),
        ("Anneke", "de Vries-Smit")
    );
}

#[tokio::test]
async fn a_new_email_address_counts_only_once_its_link_is_opened() {
    let app = spawn_app().await;
    app.sign_up("Anna", "de Vries", "anna@example.nl").await;
    let response = app
        .send(ChangeEmail {
            new_email: "Anna@Nieuw.nl".into(),
            current_password: PASSWORD.to_string(),
        })
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let message: String = response.json().await.unwrap();
    assert!(message.contains("anna@nieuw.nl"), "{message}");
    // The old address is told; nothing changed yet.
    assert!(app
        .mails_to("anna@example.nl")
        .await
        .iter()
        .any(|mail| mail.contains("anna@nieuw.nl") && mail.contains("Wachtwoord vergeten")));
    let settings = app.settings_as(&app.client).await;
    assert_eq!(settings.email, "anna@example.nl");
    assert_eq!(settings.email_waiting.as_deref(), Some("anna@nieuw.nl"));

    let code = app
        .link_code("anna@nieuw.nl", "/account/email")
        .await
        .expect("a link");
    let response = app
        .send_as(
            &new_client(),
            ConfirmEmailChange {
                code: code.to_string(),
            },
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        app.login_as(&new_client(), "anna@nieuw.nl", PASSWORD)
            .await
            .status(),
        StatusCode::OK
    );
    assert_ne!(
        app.login_as(&new_client(), "anna@example.nl", PASSWORD)
            .await
            .status(),
        StatusCode::OK
    );
    // The link works once.
    let again = app
        .send_as(
            &new_client(),
            ConfirmEmailChange {
                code: code.to_string(),
            },
        )
        .await;
    assert_eq!(again.status(), StatusCode::BAD_REQUEST);
    assert!(error_message(again).await.contains("link"));
}

#[tokio::test]
async fn an_address_of_another_account_is_never_taken_over() {
    let app = spawn_app().await;
    app.sign_up("Bert", "Jansen", "bert@example.nl").await;
    app.sign_up("Anna", "de Vries", "anna@example.nl").await;
    // The answer does not tell whether the address has an account; the mail to it does.
    let response = app
        .send(ChangeEmail {
            new_email: "bert@example.nl".into(),
            current_password: PASSWORD.to_string(),
        })
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(app
        .link_code("bert@example.nl", "/account/email")
        .await
        .is_none());
    assert!(app
        .mails_to("bert@example.nl")
        .await
        .iter()
        .any(|mail| mail.contains("hoort al bij een account")));
    assert_eq!(app.count("email_changes").await, 0);

    // Bert takes the address Anna asked for before she confirms it.
    app.send(ChangeEmail {
        new_email: "gedeeld@example.nl".into(),
        current_password: PASSWORD.to_string(),
    })
    .await;
    let code = app
        .link_code("gedeeld@example.nl", "/account/email")
        .await
        .unwrap();
    let bert = new_client();
    app.login_as(&bert, "bert@example.nl", PASSWORD).await;
    app.send_as(
        &bert,
        ChangeEmail {
            new_email: "gedeeld@example.nl".into(),
            current_password: PASSWORD.to_string(),
        },
    )
    .await;
    let bert_code = app
        .link_code("gedeeld@example.nl", "/account/email")
        .await
        .unwrap();
    app.send_as(
        &new_client(),
        ConfirmEmailChange {
            code: bert_code.to_string(),
        },
    )
    .await;
    let response = app
        .send_as(
            &new_client(),
            ConfirmEmailChange {
                code: code.to_string(),
            },
        )
        .await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert!(error_message(response).await.contains("al bij een ander"));
    assert_eq!(app.settings_as(&app.client).await.email, "anna@example.nl");

    let same = app
        .send(ChangeEmail {
            new_email: "anna@example.nl".into(),
            current_password: PASSWORD.to_string(),
        })
        .await;
    assert_eq!(same.status(), StatusCode::BAD_REQUEST);
    let bad = app
        .send(ChangeEmail {
            new_email: "anna@".into(),
            current_password: PASSWORD.to_string(),
        })
        .await;
    assert!(error_message(bad).await.contains("e-mailadres"));
}

#[tokio::test]
async fn a_password_change_needs_the_old_one_and_ends_the_other_sessions() {
    let app = spawn_app().await;
    app.sign_up("Anna", "de Vries", "anna@example.nl").await;
    let phone = new_client();
    app.login_as(&phone, "anna@example.nl", PASSWORD).await;

    let change = |current: &'static str, new: &'static str, repeat: &'static str| {
        let app = &app;
        async move {
            app.send(ChangePassword {
                current_password: current.to_string(),
                password: new.to_string(),
                password_repeat: repeat.to_string(),
            })
            .await
        }
    };
    let wrong = change("niet mijn wachtwoord", NEW_PASSWORD, NEW_PASSWORD).await;
    assert!(error_message(wrong)
        .await
        .contains("huidige wachtwoord klopt niet"));
    let weak = change(PASSWORD, "wachtwoord", "wachtwoord").await;
    assert_eq!(weak.status(), StatusCode::BAD_REQUEST);
    let mismatch = change(PASSWORD, NEW_PASSWORD, "iets anders dan dat").await;
    assert_eq!(mismatch.status(), StatusCode::BAD_REQUEST);
    // Still the old password, still logged in on the phone.
    assert_eq!(
        app.send_as(&phone, MyAccount {}).await.status(),
        StatusCode::OK
    );

    let response = change(PASSWORD, NEW_PASSWORD, NEW_PASSWORD).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        app.send_as(&phone, MyAccount {}).await.status(),
        StatusCode::UNAUTHORIZED,
        "the other session ended"
    );
    assert_eq!(
        app.send(MyAccount {}).await.status(),
        StatusCode::OK,
        "this session goes on"
    );
    assert_eq!(
        app.login_as(&new_client(), "anna@example.nl", NEW_PASSWORD)
            .await
            .status(),
        StatusCode::OK
    );
    assert!(app
        .mails_to("anna@example.nl")
        .await
        .iter()
        .any(|mail| mail.contains("zojuist gewijzigd")));
}

#[tokio::test]
async fn a_mobile_number_is_confirmed_with_the_code_from_the_sms() {
    let app = spawn_app().await;
    app.sign_up("Anna", "de Vries", "anna@example.nl").await;
    let bad = app
        .send(SendMobileCode {
            mobile: "020-1234567".into(),
            current_password: PASSWORD.to_string(),
        })
        .await;
    assert!(error_message(bad).await.contains("mobiel nummer"));
    assert!(app.texts().await.is_empty());

    let response = app
        .send(SendMobileCode {
            mobile: "06-12345678".into(),
            current_password: PASSWORD.to_string(),
        })
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let texts = app.texts().await;
    assert_eq!(texts.len(), 1);
    let (to, code) = texts[0].clone();
    assert_eq!(to, "+31612345678");
    assert_eq!(code.len(), 6);
    // No second code within a minute.
    let again = app
        .send(SendMobileCode {
            mobile: "06-12345678".into(),
            current_password: PASSWORD.to_string(),
        })
        .await;
    assert!(error_message(again).await.contains("Wacht een minuut"));

    let wrong_code = if code == "000000" { "111111" } else { "000000" };
    let wrong = app
        .send(ConfirmMobile {
            code: wrong_code.to_string(),
        })
        .await;
    assert!(error_message(wrong).await.contains("klopt niet"));
    let malformed = app
        .send(ConfirmMobile {
            code: "12ab".into(),
        })
        .await;
    assert!(error_message(malformed).await.contains("zes cijfers"));
    assert_eq!(app.settings_as(&app.client).await.mobile, None);

    let right = app
        .send(ConfirmMobile {
            code: code.to_string(),
        })
        .await;
    assert_eq!(right.status(), StatusCode::OK);
    let settings = app.settings_as(&app.client).await;
    assert_eq!(settings.mobile.as_deref(), Some("+31612345678"));
    assert_eq!(settings.mobile_waiting, None);

    app.send(RemoveMobile {
        current_password: PASSWORD.to_string(),
    })
    .await;
    assert_eq!(app.settings_as(&app.client).await.mobile, None);
}

#[tokio::test]
async fn five_wrong_codes_void_the_code() {
    let app = spawn_app().await;
    app.sign_up("Anna", "de Vries", "anna@example.nl").await;
    app.send(SendMobileCode {
        mobile: "+31 6 12345678".into(),
        current_password: PASSWORD.to_string(),
    })
    .await;
    let (_, code) = app.texts().await[0].clone();
    let wrong_code = if code == "000000" { "111111" } else { "000000" };
    for _ in 0..kring_app::account_settings::MOBILE_CODE_TRIES {
        app.send(ConfirmMobile {
            code: wrong_code.to_string(),
        })
        .await;
    }
    let late = app
        .send(ConfirmMobile {
            code: code.to_string(),
        })
        .await;
    assert!(error_message(late).await.contains("Vraag een nieuwe code"));
    assert_eq!(app.settings_as(&app.client).await.mobile, None);
}

#[tokio::test]
async fn an_admin_with_other_members_must_hand_over_before_deleting_the_account() {
    let family = demo_family().await;
    let admin = family.client_of("marieke@kring.test").await;
    let response = family
        .app
        .send_as(
            &admin,
            DeleteAccount {
                current_password: DEMO_PASSWORD.to_string(),
            },
        )
        .await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let message = error_message(response).await;
    assert!(
        message.contains("Johanna Bakker") && message.contains("Draag het beheer eerst over"),
        "{message}"
    );
    assert_eq!(family.app.count("accounts").await, 6);
    assert_eq!(family.app.count("care_pages").await, 1);
}

#[tokio::test]
async fn a_helper_deletes_the_account_and_the_page_goes_on_without_them() {
    let family = demo_family().await;
    let helper = family.client_of("sanne@kring.test").await;
    let wrong = family
        .app
        .send_as(
            &helper,
            DeleteAccount {
                current_password: "fout fout fout".into(),
            },
        )
        .await;
    assert!(error_message(wrong).await.contains("klopt niet"));
    assert_eq!(family.app.count("accounts").await, 6);

    let response = family
        .app
        .send_as(
            &helper,
            DeleteAccount {
                current_password: DEMO_PASSWORD.to_string(),
            },
        )
        .await;
    assert!(response.status().is_success() || response.status().is_redirection());
    assert_eq!(family.app.count("accounts").await, 5);
    assert_eq!(family.app.count("care_pages").await, 1);
    assert_eq!(
        family.app.send_as(&helper, MyAccount {}).await.status(),
        StatusCode::UNAUTHORIZED
    );
    let history = family.app.history().await;
    assert!(
        history
            .iter()
            .any(|event| matches!(event, HistoryEvent::Left { .. })),
        "{history:?}"
    );
}

#[tokio::test]
async fn deleting_an_account_takes_the_pages_it_alone_belonged_to() {
    let app = spawn_app().await;
    app.sign_up("Anna", "de Vries", "anna@example.nl").await;
    let response = app
        .send(CreateCarePage {
            first_name: "Opa".into(),
            last_name: "de Vries".into(),
            birth_date: DateField("1935-01-02".parse().ok()),
        })
        .await;
    assert!(response.status().is_success() || response.status().is_redirection());
    assert_eq!(app.count("care_pages").await, 1);
    let response = app
        .send(DeleteAccount {
            current_password: PASSWORD.to_string(),
        })
        .await;
    assert!(response.status().is_success() || response.status().is_redirection());
    assert_eq!(app.count("care_pages").await, 0);
    assert_eq!(app.count("accounts").await, 0);
    assert_eq!(app.count("sessions").await, 0);
}

/// A stand-in SMS gateway on loopback: records each form it receives and
/// answers with `status`.
async fn fake_gateway(status: u16) -> (String, Seen, Arc<AtomicU16>) {
    use axum::{extract::State, http::StatusCode as Status, routing::post, Form, Router};
    let seen: Seen = Default::default();
    let answer = Arc::new(AtomicU16::new(status));
    let answering = answer.clone();
    let router = Router::new()
        .route(
            "/sms",
            post(
                move |State(seen): State<Seen>, Form(form): Form<Vec<(String, String)>>| async move {
                    seen.lock().unwrap().push(form);
                    Status::from_u16(answering.load(Ordering::SeqCst)).unwrap()
                },
            ),
        )
        .with_state(seen.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/sms", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, router).await });
    (url, seen, answer)
}

type Seen = Arc<std::sync::Mutex<Vec<Vec<(String, String)>>>>;

/// Waits (at most 10 s) until the gateway has had `count` requests: the
/// outbox worker sends after the answer.
async fn wait_for_requests(seen: &Seen, count: usize) -> Vec<Vec<(String, String)>> {
    for _ in 0..200 {
        let forms = seen.lock().unwrap().clone();
        if forms.len() >= count {
            return forms;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("no {count} requests at the gateway within 10 s");
}

#[tokio::test]
async fn with_a_gateway_configured_the_code_goes_there_and_not_to_the_outbox() {
    let (url, seen, _) = fake_gateway(200).await;
    let app = crate::common::spawn_app_with(|settings| settings.sms_gateway_url = Some(url)).await;
    app.sign_up("Anna", "de Vries", "anna@example.nl").await;
    let response = app
        .send(SendMobileCode {
            mobile: "06 12345678".into(),
            current_password: PASSWORD.to_string(),
        })
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let forms = wait_for_requests(&seen, 1).await;
    assert!(app.texts().await.is_empty());
    assert_eq!(forms.len(), 1);
    let field = |name: &str| {
        forms[0]
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, v)| v.clone())
    };
    assert_eq!(field("to").as_deref(), Some("+31612345678"));
    let message = field("message").unwrap();
    let code: String = message
        .split(|c: char| !c.is_ascii_digit())
        .find(|w| w.len() == 6)
        .unwrap()
        .into();
    assert_eq!(
        app.send(ConfirmMobile {
            code: code.to_string()
        })
        .await
        .status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn a_gateway_that_refuses_gets_the_code_again_on_a_later_try() {
    let (url, seen, answer) = fake_gateway(503).await;
    let app = crate::common::spawn_app_with(|settings| settings.sms_gateway_url = Some(url)).await;
    app.sign_up("Anna", "de Vries", "anna@example.nl").await;
    let response = app
        .send(SendMobileCode {
            mobile: "06 12345678".into(),
            current_password: PASSWORD.to_string(),
        })
        .await;
    // The code is kept and its SMS queued: the person hears it is on its way.
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(app.count("mobile_codes").await, 1);
    wait_for_requests(&seen, 1).await;
    let mut refused = (0, chrono::DateTime::<chrono::Utc>::MIN_UTC);
    for _ in 0..200 {
        refused = db::query_as("SELECT attempts, due_at FROM outbox WHERE channel = 'sms'")
            .fetch_one(app.state.db.reader())
            .await
            .unwrap();
        if refused.0 > 0 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    let (attempts, due_at): (i64, chrono::DateTime<chrono::Utc>) = refused;
    assert_eq!(attempts, 1, "refused once, waiting for the next try");
    assert!(due_at > chrono::Utc::now(), "not before its back-off");

    // The gateway is back; the next try (its time come) delivers the code.
    answer.store(200, Ordering::SeqCst);
    let later = chrono::Utc::now() + kring_app::outbox::worker::backoff(1);
    let pass = kring_app::outbox::worker::deliver_due(&app.state, "test", later)
        .await
        .unwrap();
    assert_eq!(pass.sent, 1);
    let forms = wait_for_requests(&seen, 2).await;
    assert_eq!(forms.len(), 2);
    let message = forms[1]
        .iter()
        .find(|(key, _)| key == "message")
        .map(|(_, value)| value.clone())
        .unwrap();
    let code: String = message
        .split(|c: char| !c.is_ascii_digit())
        .find(|w| w.len() == 6)
        .unwrap()
        .into();
    let confirmed = app.send(ConfirmMobile { code }).await;
    assert_eq!(confirmed.status(), StatusCode::OK);
    // Sent rows keep no text: the code is not left lying in the database.
    let body: String = db::query_scalar("SELECT body FROM outbox WHERE channel = 'sms'")
        .fetch_one(app.state.db.reader())
        .await
        .unwrap();
    assert_eq!(body, "");
}
