//! Password guessing: counted before hashing, atomically, per account;
//! slowed per (account, address) pair without shutting out the neighbours.

use super::{app_behind_proxy, earlier_failures};
use crate::common::{error_message, new_client, PASSWORD};
use reqwest::StatusCode;

#[tokio::test]
async fn the_account_allows_five_checks_then_lets_even_the_right_password_no_further_and_warns_the_owner(
) {
    let app = app_behind_proxy().await;
    app.sign_up("Anna", "de Vries", "anna@example.nl").await;
    let mails_before = app.mails_to("anna@example.nl").await.len();
    // Five wrong guesses from five addresses (no pair waits for another).
    for n in 1..=5 {
        let response = app
            .login_from(
                &new_client(),
                &format!("198.51.100.{n}"),
                "anna@example.nl",
                "fout fout fout",
            )
            .await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "guess {n}");
    }
    let client = new_client();
    let limited = app
        .login_from(&client, "198.51.100.77", "anna@example.nl", PASSWORD)
        .await;
    // Past the attempts every address goes on to a second step that names
    // no method and says what to do; without a second factor nothing opens it.
    assert_eq!(limited.headers()["location"], "/inloggen/code");
    let step: kring_app::two_factor::SecondStepView = app
        .send_as(&client, kring_app::two_factor::step::SecondStep {})
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(step.method, None);
    app.send_as(
        &client,
        kring_app::two_factor::step::VerifySecondStep {
            code: "123456".into(),
        },
    )
    .await;
    assert!(!app.logged_in(&client).await);
    app.wait_for_mails_to("anna@example.nl", mails_before + 1)
        .await;
    let warning = app.mails_to("anna@example.nl").await.pop().unwrap();
    assert!(warning.contains("vijf keer"), "{warning}");
    assert!(
        !warning.contains("fout fout fout"),
        "the guesses are not repeated"
    );
}

#[tokio::test]
async fn a_hundred_parallel_guesses_get_exactly_five_answers_about_the_password() {
    let app = app_behind_proxy().await;
    app.sign_up("Anna", "de Vries", "anna@example.nl").await;
    let app = std::sync::Arc::new(app);
    let guesses = (0..100).map(|n| {
        let app = app.clone();
        tokio::spawn(async move {
            app.login_from(
                &new_client(),
                &format!("203.0.113.{}", n % 250),
                "anna@example.nl",
                &format!("gok nummer {n} is fout"),
            )
            .await
            .status()
        })
    });
    let statuses: Vec<StatusCode> = futures_join(guesses).await;
    let checked = statuses
        .iter()
        .filter(|s| **s == StatusCode::BAD_REQUEST)
        .count();
    // The rest go on to the second step that says nothing; for an account
    // without a second factor their passwords are not even hashed.
    let sent_on = statuses.iter().filter(|s| **s == StatusCode::OK).count();
    println!("100 parallel wrong passwords: {checked} checked, {sent_on} sent on unchecked");
    assert_eq!(checked, 5, "{statuses:?}");
    assert_eq!(sent_on, 95);
}

async fn futures_join<T: Send + 'static>(
    tasks: impl Iterator<Item = tokio::task::JoinHandle<T>>,
) -> Vec<T> {
    let mut out = Vec::new();
    for task in tasks.collect::<Vec<_>>() {
        out.push(task.await.expect("task"));
    }
    out
}

#[tokio::test]
async fn a_guesser_waits_longer_each_time_while_others_on_the_same_address_log_in() {
    let app = app_behind_proxy().await;
    app.sign_up("Anna", "de Vries", "anna@example.nl").await;
    app.sign_up("Bert", "de Vries", "bert@example.nl").await;
    let care_home = "192.0.2.10";
    let guesser = new_client();
    for guess in ["fout fout fout", "ook fout", "weer fout"] {
        // The first retries are free: people mistype.
        let response = app
            .login_from(&guesser, care_home, "anna@example.nl", guess)
            .await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    }
    earlier_failures(&app, "anna@example.nl", care_home, 3).await;
    let at_once = app
        .login_from(&guesser, care_home, "anna@example.nl", "nog eens fout")
        .await;
    assert_eq!(at_once.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(error_message(at_once).await.contains("seconden"));
    // Another person on the same Wi-Fi is not held up.
    let bert = app
        .login_from(&new_client(), care_home, "bert@example.nl", PASSWORD)
        .await;
    assert_eq!(bert.status(), StatusCode::OK);
    // Nor is Anna herself from her phone.
    let anna = app
        .login_from(&new_client(), "198.51.100.200", "anna@example.nl", PASSWORD)
        .await;
    assert_eq!(anna.status(), StatusCode::OK);
}

#[tokio::test]
async fn one_address_trying_many_accounts_is_braked_without_hashing() {
    let app = app_behind_proxy().await;
    let sprayer = "203.0.113.66";
    let brake = kring_app::accounts::throttle::FAILURES_PER_CLIENT.max;
    for n in 0..brake {
        let response = app
            .login_from(
                &new_client(),
                sprayer,
                &format!("poging{n}@example.nl"),
                "fout fout fout",
            )
            .await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "attempt {n}");
    }
    let braked = app
        .login_from(
            &new_client(),
            sprayer,
            "nog-een@example.nl",
            "fout fout fout",
        )
        .await;
    assert_eq!(braked.status(), StatusCode::TOO_MANY_REQUESTS);
    // Someone else is not affected.
    let other = app
        .login_from(
            &new_client(),
            "198.51.100.5",
            "nog-een@example.nl",
            "fout fout fout",
        )
        .await;
    assert_eq!(other.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn without_a_trusted_proxy_a_forwarded_address_is_ignored() {
    let app = crate::common::spawn_app().await;
    let client = new_client();
    // Failures counted for the connection's own address make its pair wait…
    earlier_failures(&app, "anna@example.nl", "127.0.0.1", 5).await;
    // …and a made-up header does not make a new pair.
    let forged = app
        .login_from(&client, "198.51.100.2", "anna@example.nl", "fout fout fout")
        .await;
    assert_eq!(forged.status(), StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn behind_a_proxy_that_adds_its_own_line_the_clients_line_counts_for_nothing() {
    let app = app_behind_proxy().await;
    // The address the proxy saw has failed often: its pair waits.
    earlier_failures(&app, "anna@example.nl", "198.51.100.2", 5).await;
    for lines in [
        // HAProxy's default: the client's own line, then the proxy's below it.
        vec!["203.0.113.77", "198.51.100.2"],
        // nginx: appended to the client's line.
        vec!["203.0.113.77, 198.51.100.2"],
    ] {
        let mut request = new_client()
            .post(format!("{}/api/login", app.address))
            .form(&[("email", "anna@example.nl"), ("password", "fout fout fout")]);
        for line in &lines {
            request = request.header("x-forwarded-for", *line);
        }
        let answer = request.send().await.unwrap();
        assert_eq!(answer.status(), StatusCode::TOO_MANY_REQUESTS, "{lines:?}");
    }
}
