//! The second step against someone who knows the password: wrong codes
//! count per account across logins, claimed before each check, so neither
//! many logins nor parallel requests check more codes than the limit; then
//! only a recovery code or the mailbox opens. Past an address's password
//! attempts every address gets the same answers, and nobody else can spend
//! a person's text messages.

use super::app_behind_proxy;
use crate::common::{error_message, new_client, TestApp, PASSWORD};
use crate::two_factor::code_now;
use kring_app::account_settings::api::{ConfirmMobile, SendMobileCode};
use kring_app::db;
use kring_app::two_factor::api::{ConfirmTwoFactor, StartTwoFactor};
use kring_app::two_factor::guard::{self, LOCK_AFTER};
use kring_app::two_factor::step::{SecondStep, VerifySecondStep};
use kring_app::two_factor::{Method, SecondStepView, CODE_TRIES};
use reqwest::{Client, StatusCode};
use std::sync::Arc;

const ANNA: &str = "anna@example.nl";

async fn anna_id(app: &TestApp) -> i64 {
    db::query_scalar("SELECT id FROM accounts WHERE email = $1")
        .bind(ANNA)
        .fetch_one(app.state.db.reader())
        .await
        .unwrap()
}

/// A six-digit code that is none of the app's codes near now.
fn wrong_code(secret: &[u8], n: usize) -> String {
    let near: Vec<String> = (-2..=2).map(|offset| code_now(secret, offset)).collect();
    (n..)
        .map(|k| format!("{:06}", (k * 7919) % 1_000_000))
        .find(|code| !near.contains(code))
        .unwrap()
}

/// Moves the guard's clock: the last wrong code was long ago, so the next
/// try need not wait (the waits themselves are a unit test of `guard`).
async fn long_ago(app: &TestApp) {
    db::query("UPDATE second_step_guards SET last_try_at = '2000-01-01T00:00:00.000Z'")
        .execute(app.state.db.writer())
        .await
        .unwrap();
}

async fn verify(app: &TestApp, client: &Client, code: &str) -> reqwest::Response {
    app.send_as(
        client,
        VerifySecondStep {
            code: code.to_string(),
        },
    )
    .await
}

#[tokio::test]
async fn a_thousand_wrong_codes_over_two_hundred_logins_check_at_most_the_limit() {
    let app = app_behind_proxy().await;
    app.sign_up("Anna", "de Vries", ANNA).await;
    let (secret, recovery) = app.set_up_app().await;
    let mails_before = app.mails_to(ANNA).await.len();
    let id = anna_id(&app).await;
    let mut guesses = 0;
    for login in 0..200 {
        // Whoever knows the password logs in again and again, from many addresses.
        let guesser = new_client();
        let step = app
            .login_from(
                &guesser,
                &format!("10.1.{}.{}", login / 250, login % 250),
                ANNA,
                PASSWORD,
            )
            .await;
        assert_eq!(
            step.headers()["location"],
            "/inloggen/code",
            "login {login}"
        );
        for _ in 0..5 {
            long_ago(&app).await;
            verify(&app, &guesser, &wrong_code(&secret, guesses)).await;
            guesses += 1;
        }
        assert!(!app.logged_in(&guesser).await);
    }
    let checked = guard::wrong_codes(&app.state.db, id).await.unwrap();
    println!("{guesses} wrong codes over 200 logins: {checked} checked");
    assert_eq!(checked, LOCK_AFTER);

    // Locked: even the right code of the app opens nothing now…
    let owner = new_client();
    app.login_from(&owner, "192.0.2.10", ANNA, PASSWORD).await;
    long_ago(&app).await;
    let refused = verify(&app, &owner, &code_now(&secret, 1)).await;
    assert!(!app.logged_in(&owner).await);
    let said = error_message(refused).await;
    assert!(
        said.contains("verkeerde code") || said.contains("klopt niet"),
        "{said}"
    );
    // …and the owner was told, once, how to get in.
    app.wait_for_mails_to(ANNA, mails_before + 1).await;
    let mails = app.mails_to(ANNA).await;
    assert_eq!(mails.len(), mails_before + 1);
    assert!(mails.last().unwrap().contains("herstelcode"));
    // A recovery code opens and ends the lock.
    let opened = verify(&app, &owner, &recovery[0]).await;
    assert_eq!(
        opened.status(),
        StatusCode::OK,
        "{}",
        error_message(opened).await
    );
    assert!(app.logged_in(&owner).await);
    assert_eq!(guard::wrong_codes(&app.state.db, id).await.unwrap(), 0);
}

#[tokio::test]
async fn a_thousand_parallel_wrong_codes_over_fifty_logins_check_at_most_the_limit() {
    let app = Arc::new(app_behind_proxy().await);
    app.sign_up("Anna", "de Vries", ANNA).await;
    let (secret, _) = app.set_up_app().await;
    let id = anna_id(&app).await;
    let mut guessers = Vec::new();
    for login in 0..50 {
        let guesser = new_client();
        app.login_from(&guesser, &format!("10.2.0.{login}"), ANNA, PASSWORD)
            .await;
        guessers.push(guesser);
    }
    let tasks: Vec<_> = (0..1000)
        .map(|n| {
            let app = app.clone();
            let guesser = guessers[n % guessers.len()].clone();
            let code = wrong_code(&secret, n);
            tokio::spawn(async move {
                let answer = verify(&app, &guesser, &code).await;
                assert!(!answer.status().is_server_error());
            })
        })
        .collect();
    for task in tasks {
        task.await.unwrap();
    }
    let checked = guard::wrong_codes(&app.state.db, id).await.unwrap();
    println!("1000 parallel wrong codes over 50 logins: {checked} checked");
    assert!((1..=LOCK_AFTER).contains(&checked), "{checked} checked");
}

#[tokio::test]
async fn parallel_codes_on_one_login_get_five_tries_no_more() {
    let app = Arc::new(spawn_plain().await);
    app.sign_up("Anna", "de Vries", ANNA).await;
    let (secret, _) = app.set_up_app().await;
    let guesser = new_client();
    app.login_as(&guesser, ANNA, PASSWORD).await;
    let tasks: Vec<_> = (0..40)
        .map(|n| {
            let app = app.clone();
            let guesser = guesser.clone();
            let code = wrong_code(&secret, n);
            tokio::spawn(async move { error_message(verify(&app, &guesser, &code).await).await })
        })
        .collect();
    let mut tried = 0;
    for task in tasks {
        if !task.await.unwrap().contains("verlopen") {
            tried += 1;
        }
    }
    assert_eq!(tried, CODE_TRIES, "tries taken on one login");
}

async fn spawn_plain() -> TestApp {
    crate::common::spawn_app().await
}

/// Anna with text-message login on a confirmed mobile number.
async fn anna_with_texts(app: &TestApp) {
    app.sign_up("Anna", "de Vries", ANNA).await;
    app.send(SendMobileCode {
        mobile: "06-12345678".into(),
        current_password: PASSWORD.to_string(),
    })
    .await;
    let (_, code) = app.texts().await.pop().unwrap();
    app.send(ConfirmMobile { code }).await;
    app.send(StartTwoFactor {
        method: Some(Method::Sms),
        current_password: PASSWORD.to_string(),
        landline: Default::default(),
    })
    .await;
    let (_, code) = app.texts().await.pop().unwrap();
    let on = app.send(ConfirmTwoFactor { code }).await;
    assert_eq!(on.status(), StatusCode::OK);
}

#[tokio::test]
async fn others_asking_codes_for_a_persons_number_never_block_that_persons_login() {
    let app = app_behind_proxy().await;
    anna_with_texts(&app).await;
    // Three other accounts ask, again and again, to confirm Anna's number as theirs.
    // (Each sign-up leaves the app's own client logged in as that account.)
    for n in 0..3 {
        let email = format!("ander{n}@example.nl");
        app.sign_up("Ander", "Iemand", &email).await;
        let other = &app;
        for _ in 0..8 {
            db::query("DELETE FROM mobile_codes")
                .execute(app.state.db.writer())
                .await
                .ok();
            other
                .send(SendMobileCode {
                    mobile: "06-12345678".into(),
                    current_password: PASSWORD.to_string(),
                })
                .await;
        }
    }
    let texts_before = app.texts().await.len();
    let anna = new_client();
    let step = app.login_from(&anna, "192.0.2.1", ANNA, PASSWORD).await;
    assert_eq!(step.headers()["location"], "/inloggen/code");
    let texts = app.texts().await;
    assert_eq!(texts.len(), texts_before + 1, "Anna's code went out");
    let (to, code) = texts.last().unwrap().clone();
    assert_eq!(to, "+31612345678");
    let opened = verify(&app, &anna, &code).await;
    assert_eq!(opened.status(), StatusCode::OK);
    assert!(app.logged_in(&anna).await);
}

#[tokio::test]
async fn a_used_up_text_limit_does_not_tell_a_right_password_from_a_wrong_one() {
    let app = app_behind_proxy().await;
    anna_with_texts(&app).await;
    let id = anna_id(&app).await;
    let limit = kring_app::limits::SMS_FOR_ACCOUNT;
    while limit
        .try_take(&app.state.db, &id.to_string())
        .await
        .unwrap()
    {}
    // Past the password attempts, a right and a wrong password get the same answer.
    for n in 1..=5 {
        app.login_from(
            &new_client(),
            &format!("198.51.100.{n}"),
            ANNA,
            "fout fout fout",
        )
        .await;
    }
    let right = app
        .login_from(&new_client(), "203.0.113.1", ANNA, PASSWORD)
        .await;
    let wrong = app
        .login_from(&new_client(), "203.0.113.2", ANNA, "nog een gok")
        .await;
    assert_eq!(right.status(), wrong.status());
    assert_eq!(
        right.headers().get("location"),
        wrong.headers().get("location")
    );
    assert_eq!(right.headers()["location"], "/inloggen/code");
}

#[tokio::test]
async fn past_the_attempts_every_address_gets_the_same_answers() {
    let app = app_behind_proxy().await;
    app.sign_up("Anna", "de Vries", ANNA).await;
    app.set_up_app().await;
    app.sign_up("Bram", "Zonder", "bram@example.nl").await;
    let mut address = 0;
    for email in [ANNA, "bram@example.nl", "niemand@example.nl"] {
        for _ in 0..5 {
            address += 1;
            app.login_from(
                &new_client(),
                &format!("198.51.100.{address}"),
                email,
                "fout fout fout",
            )
            .await;
        }
    }
    let mut seen = Vec::new();
    for (email, password) in [
        (ANNA, PASSWORD),
        (ANNA, "nog een gok"),
        ("bram@example.nl", PASSWORD),
        ("bram@example.nl", "nog een gok"),
        ("niemand@example.nl", PASSWORD),
    ] {
        address += 1;
        let browser = new_client();
        let answer = app
            .login_from(&browser, &format!("203.0.113.{address}"), email, password)
            .await;
        let status = answer.status();
        let location = answer.headers().get("location").cloned();
        let step: SecondStepView = app
            .send_as(&browser, SecondStep {})
            .await
            .json()
            .await
            .unwrap();
        let code = error_message(verify(&app, &browser, "123456").await).await;
        seen.push((status, location, step, code));
    }
    assert!(seen.iter().all(|answer| *answer == seen[0]), "{seen:#?}");
    assert_eq!(seen[0].2.method, None, "no method is named");
}

#[tokio::test]
async fn a_strangers_attempt_never_ends_the_owners_waiting_login() {
    let app = app_behind_proxy().await;
    app.sign_up("Anna", "de Vries", ANNA).await;
    let (secret, _) = app.set_up_app().await;
    let anna = new_client();
    app.login_from(&anna, "192.0.2.1", ANNA, PASSWORD).await;
    for n in 1..=6 {
        app.login_from(
            &new_client(),
            &format!("198.51.100.{n}"),
            ANNA,
            "fout fout fout",
        )
        .await;
    }
    let opened = verify(&app, &anna, &code_now(&secret, 1)).await;
    assert_eq!(
        opened.status(),
        StatusCode::OK,
        "{}",
        error_message(opened).await
    );
    assert!(app.logged_in(&anna).await);
}
