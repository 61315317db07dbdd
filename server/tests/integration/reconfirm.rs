//! "Bevestig dat jij het bent": with a second factor, a session that knows
//! only the password cannot change the e-mail address, the password, the
//! mobile number or the factor; a code opens a short window. Also the reset
//! link, which does not replace the second factor, and recovery codes that
//! reach a browser without JavaScript.

use crate::common::{error_message, new_client, spawn_app, PASSWORD};
use crate::two_factor::code_now;
use kring_app::account_settings::api::{ConfirmMobile, SendMobileCode};
use kring_app::accounts::api::{ForgotPassword, SetPassword};
use kring_app::db;
use kring_app::two_factor::api::{
    ConfirmTwoFactor, DisableTwoFactor, NewRecoveryCodes, StartTwoFactor,
};
use kring_app::two_factor::reconfirm::{Reconfirm, ReconfirmStatus, SendReconfirmCode};
use kring_app::two_factor::step::VerifySecondStep;
use kring_app::two_factor::Method;
use reqwest::StatusCode;

const NEW_PASSWORD: &str = "de kat slaapt op de bank";

fn change_password_form() -> [(&'static str, &'static str); 3] {
    [
        ("current_password", PASSWORD),
        ("password", NEW_PASSWORD),
        ("password_repeat", NEW_PASSWORD),
    ]
}

async fn password_hash(app: &crate::common::TestApp) -> String {
    db::query_scalar("SELECT password_hash FROM accounts WHERE email = 'anna@example.nl'")
        .fetch_one(app.state.db.reader())
        .await
        .unwrap()
}

#[tokio::test]
async fn a_stolen_session_with_the_password_still_needs_the_code() {
    let app = spawn_app().await;
    app.sign_up("Anna", "de Vries", "anna@example.nl").await;
    let (secret, _) = app.set_up_app().await;
    let before = password_hash(&app).await;

    // Every change that could take the account over is refused, with the way out.
    let attempts: [(&str, Vec<(&str, &str)>); 6] = [
        ("change_password", change_password_form().to_vec()),
        (
            "change_email",
            vec![
                ("new_email", "dief@example.nl"),
                ("current_password", PASSWORD),
            ],
        ),
        (
            "send_mobile_code",
            vec![("mobile", "0612345678"), ("current_password", PASSWORD)],
        ),
        ("disable_two_factor", vec![("current_password", PASSWORD)]),
        ("new_recovery_codes", vec![("current_password", PASSWORD)]),
        (
            "start_two_factor",
            vec![("method", "totp"), ("current_password", PASSWORD)],
        ),
    ];
    for (endpoint, form) in &attempts {
        let refused = app.call(endpoint, form).await;
        assert_eq!(refused.status(), StatusCode::BAD_REQUEST, "{endpoint}");
        assert!(
            error_message(refused).await.contains("Bevestig eerst"),
            "{endpoint}"
        );
    }
    assert_eq!(password_hash(&app).await, before);
    assert!(app.mails_to("dief@example.nl").await.is_empty());
    assert!(app.texts().await.is_empty());
    // None of those cost a password attempt: the owner can still log in.
    let attempts: i64 =
        db::query_scalar("SELECT COUNT(*) FROM rate_events WHERE kind = 'login_account'")
            .fetch_one(app.state.db.reader())
            .await
            .unwrap();
    assert_eq!(attempts, 0);

    // A wrong code opens nothing; the app's next code opens the window.
    let wrong = app
        .send(Reconfirm {
            code: "000000".into(),
        })
        .await;
    assert!(error_message(wrong).await.contains("klopt niet"));
    let status: kring_app::two_factor::reconfirm::ReconfirmView =
        app.send(ReconfirmStatus {}).await.json().await.unwrap();
    assert_eq!(status.minutes_left, None);
    let right = app
        .send(Reconfirm {
            code: code_now(&secret, 1).to_string(),
        })
        .await;
    assert_eq!(right.status(), StatusCode::OK);
    let status: kring_app::two_factor::reconfirm::ReconfirmView =
        app.send(ReconfirmStatus {}).await.json().await.unwrap();
    assert_eq!(status.minutes_left, Some(10));
    let changed = app.call("change_password", &change_password_form()).await;
    assert_eq!(
        changed.status(),
        StatusCode::OK,
        "{}",
        error_message(changed).await
    );
    assert_ne!(password_hash(&app).await, before);

    // The window is this session's only, and it closes after ten minutes.
    db::query("UPDATE sessions SET reconfirmed_at = $1")
        .bind(chrono::Utc::now() - chrono::Duration::minutes(11))
        .execute(app.state.db.writer())
        .await
        .unwrap();
    let closed = app
        .send(DisableTwoFactor {
            current_password: NEW_PASSWORD.to_string(),
        })
        .await;
    assert!(error_message(closed).await.contains("Bevestig eerst"));
}

#[tokio::test]
async fn a_texted_code_counts_once_and_for_this_session_only() {
    let app = spawn_app().await;
    app.sign_up("Anna", "de Vries", "anna@example.nl").await;
    app.send(SendMobileCode {
        mobile: "06-12345678".into(),
        current_password: PASSWORD.to_string(),
    })
    .await;
    let (_, code) = app.texts().await.pop().unwrap();
    app.send(ConfirmMobile {
        code: code.to_string(),
    })
    .await;
    app.send(StartTwoFactor {
        method: Some(Method::Sms),
        current_password: PASSWORD.to_string(),
        landline: Default::default(),
    })
    .await;
    let (_, code) = app.texts().await.pop().unwrap();
    app.send(ConfirmTwoFactor {
        code: code.to_string(),
    })
    .await;

    let sent = app.send(SendReconfirmCode {}).await;
    assert_eq!(sent.status(), StatusCode::OK);
    let (to, code) = app.texts().await.pop().unwrap();
    assert_eq!(to, "+31612345678");
    // A second request within the minute sends nothing.
    let again = app.send(SendReconfirmCode {}).await;
    assert!(error_message(again).await.contains("minuut"));

    // Another session of Anna's cannot use the code sent for this one.
    let laptop = new_client();
    app.login_as(&laptop, "anna@example.nl", PASSWORD).await;
    let (_, login_code) = app.texts().await.pop().unwrap();
    app.send_as(
        &laptop,
        VerifySecondStep {
            code: login_code.to_string(),
        },
    )
    .await;
    assert!(app.logged_in(&laptop).await);
    let elsewhere = app
        .send_as(
            &laptop,
            Reconfirm {
                code: code.to_string(),
            },
        )
        .await;
    assert_eq!(elsewhere.status(), StatusCode::BAD_REQUEST);

    assert_eq!(
        app.send(Reconfirm {
            code: code.to_string()
        })
        .await
        .status(),
        StatusCode::OK
    );
    db::query("UPDATE sessions SET reconfirmed_at = NULL")
        .execute(app.state.db.writer())
        .await
        .unwrap();
    let reused = app
        .send(Reconfirm {
            code: code.to_string(),
        })
        .await;
    assert_eq!(
        reused.status(),
        StatusCode::BAD_REQUEST,
        "a code counts once"
    );
}

#[tokio::test]
async fn a_reset_link_does_not_replace_the_second_factor_but_ends_the_lockouts() {
    let app = crate::security::app_behind_proxy().await;
    app.sign_up("Anna", "de Vries", "anna@example.nl").await;
    let (secret, _) = app.set_up_app().await;
    // A guesser uses up the attempts.
    for n in 1..=5 {
        app.login_from(
            &new_client(),
            &format!("203.0.113.{n}"),
            "anna@example.nl",
            "fout fout fout",
        )
        .await;
    }
    // Someone with the password also typed wrong codes until they locked.
    db::query(
        "INSERT INTO second_step_guards (account_id, wrong_codes, last_try_at, locked_at)
         SELECT id, 10, '2000-01-01T00:00:00.000Z', '2000-01-01T00:00:00Z' FROM accounts",
    )
    .execute(app.state.db.writer())
    .await
    .unwrap();
    app.send(ForgotPassword {
        email: "anna@example.nl".into(),
    })
    .await;
    let mut code = None;
    for _ in 0..200 {
        code = app.link_code("anna@example.nl", "/wachtwoord/nieuw").await;
        if code.is_some() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let phone = new_client();
    let reset = app
        .send_as(
            &phone,
            SetPassword {
                code: code.expect("a reset link").to_string(),
                password: NEW_PASSWORD.to_string(),
                password_repeat: NEW_PASSWORD.to_string(),
            },
        )
        .await;
    assert_eq!(reset.headers()["location"], "/inloggen/code");
    assert!(
        !app.logged_in(&phone).await,
        "the mailbox alone opens nothing"
    );
    let opened = app
        .send_as(
            &phone,
            VerifySecondStep {
                code: code_now(&secret, 1).to_string(),
            },
        )
        .await;
    assert_eq!(opened.status(), StatusCode::OK);
    assert!(app.logged_in(&phone).await);
    // The guesses before the reset no longer count against the owner.
    let attempts: i64 =
        db::query_scalar("SELECT COUNT(*) FROM rate_events WHERE kind = 'login_account'")
            .fetch_one(app.state.db.reader())
            .await
            .unwrap();
    assert_eq!(attempts, 0);
}

#[tokio::test]
async fn recovery_codes_made_without_javascript_are_shown_once_on_the_page() {
    let app = spawn_app().await;
    app.sign_up("Anna", "de Vries", "anna@example.nl").await;
    let started: kring_app::two_factor::SetupStarted = app
        .send(StartTwoFactor {
            method: Some(Method::Totp),
            current_password: PASSWORD.to_string(),
            landline: Default::default(),
        })
        .await
        .json()
        .await
        .unwrap();
    let secret = data_encoding::BASE32_NOPAD
        .decode(started.secret.unwrap().replace(' ', "").as_bytes())
        .unwrap();
    // A browser without JavaScript posts the form and follows the redirect.
    let posted = app
        .client
        .post(format!("{}/api/confirm_two_factor", app.address))
        .header("accept", "text/html,application/xhtml+xml")
        .header("referer", format!("{}/account", app.address))
        .form(&[("code", code_now(&secret, 0))])
        .send()
        .await
        .unwrap();
    assert!(posted.status().is_redirection(), "{}", posted.status());
    let page = app.get("/account").await.text().await.unwrap();
    let stored: Vec<Vec<u8>> = db::query_scalar("SELECT code_hash FROM recovery_codes")
        .fetch_all(app.state.db.reader())
        .await
        .unwrap();
    assert_eq!(stored.len(), 10);
    let shown = page.matches("<li><code>").count();
    assert_eq!(shown, 10, "the ten codes on the page after the redirect");
    assert!(page.contains("Bewaar deze herstelcodes"));
    // Once: the next visit shows none, and nothing of them stays stored.
    let again = app.get("/account").await.text().await.unwrap();
    assert_eq!(again.matches("<li><code>").count(), 0);
    let left: i64 = db::query_scalar("SELECT COUNT(*) FROM session_flashes")
        .fetch_one(app.state.db.reader())
        .await
        .unwrap();
    assert_eq!(left, 0);

    // With JavaScript the codes come back with the answer; nothing is kept.
    app.send(Reconfirm {
        code: code_now(&secret, 1).to_string(),
    })
    .await;
    let made = app
        .send(NewRecoveryCodes {
            current_password: PASSWORD.to_string(),
        })
        .await;
    assert_eq!(made.status(), StatusCode::OK);
    let left: i64 = db::query_scalar("SELECT COUNT(*) FROM session_flashes")
        .fetch_one(app.state.db.reader())
        .await
        .unwrap();
    assert_eq!(left, 0);
}
