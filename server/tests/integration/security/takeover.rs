//! Account takeover, tried with a stolen session and a forwarded link: what
//! would move the account to someone else asks the password again, tells the
//! owner, and a confirmed move leaves nothing of the old access behind.

use crate::common::{demo_family, error_message, new_client, spawn_app, PASSWORD, TRUSTED};
use kring_app::account_settings::api::{
    ChangeEmail, ConfirmEmailChange, ConfirmMobile, RemoveMobile, SendMobileCode,
};
use kring_app::accounts::api::{CheckLink, ForgotPassword};
use kring_app::connections::api::{HandOverAdmin, Invitation, Invite, JoinWithNewAccount};
use kring_app::connections::GivenRole;
use kring_app::db;
use kring_app::demo::DEMO_PASSWORD;
use reqwest::StatusCode;

#[tokio::test]
async fn a_stolen_session_cannot_move_the_account_to_another_address() {
    let app = spawn_app().await;
    app.sign_up("Anna", "de Vries", "anna@example.nl").await;
    // The thief has Anna's session (app.client), not her password.
    let response = app
        .send(ChangeEmail {
            new_email: "dief@example.nl".into(),
            current_password: "geraden wachtwoord".into(),
        })
        .await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert!(error_message(response).await.contains("klopt niet"));
    assert!(app.mails_to("dief@example.nl").await.is_empty());
    assert_eq!(app.count("email_changes").await, 0);
}

#[tokio::test]
async fn a_confirmed_new_address_ends_other_sessions_and_voids_reset_links() {
    let app = spawn_app().await;
    app.sign_up("Anna", "de Vries", "anna@example.nl").await;
    let laptop = new_client();
    assert_eq!(
        app.login_as(&laptop, "anna@example.nl", PASSWORD)
            .await
            .status(),
        StatusCode::OK
    );
    app.send(ForgotPassword {
        email: "anna@example.nl".into(),
    })
    .await;
    let mut reset = None;
    for _ in 0..200 {
        reset = app.link_code("anna@example.nl", "/wachtwoord/nieuw").await;
        if reset.is_some() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let reset = reset.expect("a reset link");

    let response = app
        .send(ChangeEmail {
            new_email: "anna@nieuw.nl".into(),
            current_password: PASSWORD.to_string(),
        })
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let code = app
        .link_code("anna@nieuw.nl", "/account/email")
        .await
        .unwrap();
    let confirmed = app
        .send(ConfirmEmailChange {
            code: code.to_string(),
        })
        .await;
    assert_eq!(confirmed.status(), StatusCode::OK);

    assert!(
        app.logged_in(&app.client).await,
        "the browser that confirmed stays in"
    );
    assert!(!app.logged_in(&laptop).await, "every other session ended");
    let stale = app
        .send(CheckLink {
            code: reset.to_string(),
        })
        .await;
    assert_eq!(
        stale.status(),
        StatusCode::BAD_REQUEST,
        "the old address's reset link died"
    );
}

#[tokio::test]
async fn a_new_mobile_number_needs_the_password_and_the_old_number_hears_of_it() {
    let app = spawn_app().await;
    app.sign_up("Anna", "de Vries", "anna@example.nl").await;
    let wrong = app
        .send(SendMobileCode {
            mobile: "06-12345678".into(),
            current_password: "fout fout fout".into(),
        })
        .await;
    assert_eq!(wrong.status(), StatusCode::BAD_REQUEST);
    assert_eq!(app.count("mobile_codes").await, 0);

    for number in ["06-12345678", "06-87654321"] {
        let sent = app
            .send(SendMobileCode {
                mobile: number.to_string(),
                current_password: PASSWORD.to_string(),
            })
            .await;
        assert_eq!(
            sent.status(),
            StatusCode::OK,
            "{}",
            error_message(sent).await
        );
        let (_, code) = app.texts().await.pop().unwrap();
        let confirmed = app
            .send(ConfirmMobile {
                code: code.to_string(),
            })
            .await;
        assert_eq!(confirmed.status(), StatusCode::OK);
        // A code per minute: let the next one through.
        db::query("UPDATE mobile_codes SET sent_at = '2000-01-01T00:00:00Z'")
            .execute(app.state.db.writer())
            .await
            .unwrap();
    }
    let to_old: Vec<_> = app
        .texts()
        .await
        .into_iter()
        .filter(|(to, _)| to == "+31612345678")
        .collect();
    assert_eq!(to_old.len(), 2, "the code, then the notice: {to_old:?}");
    assert!(app
        .mails_to("anna@example.nl")
        .await
        .iter()
        .any(|mail| mail.contains("mobiele nummer van je Kring-account")));

    let removed = app
        .send(RemoveMobile {
            current_password: "fout fout fout".into(),
        })
        .await;
    assert_eq!(removed.status(), StatusCode::BAD_REQUEST);
    let removed = app
        .send(RemoveMobile {
            current_password: PASSWORD.to_string(),
        })
        .await;
    assert_eq!(removed.status(), StatusCode::OK);
    let to_second: Vec<_> = app
        .texts()
        .await
        .into_iter()
        .filter(|(to, _)| to == "+31687654321")
        .collect();
    assert_eq!(to_second.len(), 2, "the code, then the notice of removal");
}

#[tokio::test]
async fn an_invitation_dies_when_its_inviter_is_no_longer_admin() {
    let family = demo_family().await;
    let app = &family.app;
    let admin = family.client_of(crate::common::ADMIN).await;
    let invited = app
        .send_as(
            &admin,
            Invite {
                page_id: family.page_id,
                email: "nicht@example.nl".into(),
                role: Some(GivenRole::Helper),
            },
        )
        .await;
    assert_eq!(invited.status(), StatusCode::OK);
    let code = app
        .link_code("nicht@example.nl", "/uitnodiging")
        .await
        .unwrap();
    assert_eq!(
        app.send(Invitation {
            code: code.to_string()
        })
        .await
        .status(),
        StatusCode::OK
    );

    let trusted_id: i64 = db::query_scalar("SELECT id FROM accounts WHERE email = $1")
        .bind(TRUSTED)
        .fetch_one(app.state.db.reader())
        .await
        .unwrap();
    let handed = app
        .send_as(
            &admin,
            HandOverAdmin {
                page_id: family.page_id,
                account_id: trusted_id,
            },
        )
        .await;
    assert_eq!(handed.status(), StatusCode::OK);

    let shown = app
        .send(Invitation {
            code: code.to_string(),
        })
        .await;
    assert_eq!(shown.status(), StatusCode::BAD_REQUEST);
    let joined = app
        .send(JoinWithNewAccount {
            code: code.as_str().to_string(),
            first_name: "Nicht".into(),
            last_name: "Bakker".into(),
            password: DEMO_PASSWORD.to_string(),
            password_repeat: DEMO_PASSWORD.to_string(),
        })
        .await;
    assert_eq!(joined.status(), StatusCode::BAD_REQUEST);
    assert_eq!(app.count("members").await, 3, "nobody joined");
}

#[tokio::test]
async fn a_forwarded_invitation_never_sets_a_password_for_an_existing_account() {
    let family = demo_family().await;
    let app = &family.app;
    let admin = family.client_of(crate::common::ADMIN).await;
    // Sanne has an account: whoever holds her invitation link cannot choose her password.
    db::query("DELETE FROM members WHERE account_id = (SELECT id FROM accounts WHERE email = $1)")
        .bind(crate::common::HELPER)
        .execute(app.state.db.writer())
        .await
        .unwrap();
    let invited = app
        .send_as(
            &admin,
            Invite {
                page_id: family.page_id,
                email: crate::common::HELPER.to_string(),
                role: Some(GivenRole::Helper),
            },
        )
        .await;
    assert_eq!(invited.status(), StatusCode::OK);
    let code = app
        .link_code(crate::common::HELPER, "/uitnodiging")
        .await
        .unwrap();
    let stolen = new_client();
    let joined = app
        .send_as(
            &stolen,
            JoinWithNewAccount {
                code: code.as_str().to_string(),
                first_name: "Dief".into(),
                last_name: "Dief".into(),
                password: "een wachtwoord van de dief".into(),
                password_repeat: "een wachtwoord van de dief".into(),
            },
        )
        .await;
    assert_eq!(joined.status(), StatusCode::BAD_REQUEST);
    let login = app
        .login_as(&new_client(), crate::common::HELPER, DEMO_PASSWORD)
        .await;
    assert_eq!(
        login.status(),
        StatusCode::OK,
        "her own password still works"
    );
}

#[tokio::test]
async fn forgetting_a_password_answers_at_once_even_when_the_mail_server_is_silent() {
    let silent = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = silent.local_addr().unwrap().port();
    let app = crate::common::spawn_app_with(|settings| {
        settings.smtp_url = Some(format!("smtp://127.0.0.1:{port}"))
    })
    .await;
    db::query(
        "INSERT INTO accounts (email, first_name, last_name, password_hash, created_at)
         VALUES ('anna@example.nl', 'Anna', 'de Vries', 'x', '2026-01-01T00:00:00Z')",
    )
    .execute(app.state.db.writer())
    .await
    .unwrap();
    for email in ["anna@example.nl", "niemand@example.nl"] {
        let answered = tokio::time::timeout(
            std::time::Duration::from_secs(5),
            app.send(ForgotPassword {
                email: email.to_string(),
            }),
        )
        .await
        .expect("an answer without waiting for the mail server");
        assert_eq!(answered.status(), StatusCode::OK, "{email}");
    }
}
