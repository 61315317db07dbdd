//! Registration, confirmation, passwords, login throttling, sessions, reset
//! and contrast, through the real HTTP routes against a fresh database.

use crate::common::{error_message, new_client, spawn_app, PASSWORD};
use kring_app::accounts::api::{
    CheckLink, ForgotPassword, GetViewer, Logout, SetContrast, SetPassword, SetTextSize,
};
use kring_app::accounts::registration::Register;
use kring_app::accounts::Viewer;
use kring_app::db;
use kring_app::form_value::Checkbox;
use kring_app::shell::text_size::TextSize;
use reqwest::StatusCode;

async fn viewer_name(app: &crate::common::TestApp, client: &reqwest::Client) -> Option<String> {
    let viewer: Viewer = app
        .send_as(client, GetViewer {})
        .await
        .json()
        .await
        .unwrap();
    viewer
        .account
        .map(|account| format!("{} {}", account.first_name, account.last_name))
}

#[tokio::test]
async fn a_new_person_registers_confirms_and_is_logged_in() {
    let app = spawn_app().await;
    assert_eq!(
        app.register("Anna", "de Vries", "Anna@Example.nl")
            .await
            .status(),
        StatusCode::OK
    );

    let mails = app.mails_to("anna@example.nl").await;
    assert_eq!(mails.len(), 1);
    assert!(mails[0].contains("Subject: Bevestig je Kring-account"));
    let code = app
        .link_code("anna@example.nl", "/account/bevestigen")
        .await
        .unwrap();
    assert!(code.len() >= 22, "a link code carries at least 128 bits");

    let response = app
        .send(SetPassword {
            code: code.to_string(),
            password: PASSWORD.to_string(),
            password_repeat: PASSWORD.to_string(),
        })
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers().get("location").unwrap(), "/");
    assert_eq!(
        viewer_name(&app, &app.client).await.as_deref(),
        Some("Anna de Vries")
    );
}

#[tokio::test]
async fn a_confirmation_link_works_once() {
    let app = spawn_app().await;
    app.sign_up("Anna", "de Vries", "anna@example.nl").await;
    let code = app
        .link_code("anna@example.nl", "/account/bevestigen")
        .await
        .unwrap();
    let other = "een heel ander wachtwoord";
    let again = app
        .send(SetPassword {
            code: code.to_string(),
            password: other.to_string(),
            password_repeat: other.to_string(),
        })
        .await;
    assert_eq!(again.status(), StatusCode::BAD_REQUEST);
    assert!(error_message(again).await.contains("niet (meer) geldig"));
    // Nothing changed: the first password still works, the second does not.
    let client = new_client();
    assert_eq!(
        app.login_as(&client, "anna@example.nl", other)
            .await
            .status(),
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        app.login_as(&client, "anna@example.nl", PASSWORD)
            .await
            .status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn an_expired_link_is_refused_and_changes_nothing() {
    let app = spawn_app().await;
    app.register("Anna", "de Vries", "anna@example.nl").await;
    let code = app
        .link_code("anna@example.nl", "/account/bevestigen")
        .await
        .unwrap();
    db::query("UPDATE email_links SET expires_at = '2000-01-01T00:00:00Z'")
        .execute(app.state.db.writer())
        .await
        .unwrap();
    let check = app
        .send(CheckLink {
            code: code.to_string(),
        })
        .await;
    assert_eq!(check.status(), StatusCode::BAD_REQUEST);
    let response = app
        .send(SetPassword {
            code: code.to_string(),
            password: PASSWORD.to_string(),
            password_repeat: PASSWORD.to_string(),
        })
        .await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert!(error_message(response).await.contains("verlopen"));
    let hash: Option<String> = db::query_scalar("SELECT password_hash FROM accounts")
        .fetch_one(app.state.db.reader())
        .await
        .unwrap();
    assert!(hash.is_none());
}

#[tokio::test]
async fn bad_registration_input_gets_a_dutch_message_and_changes_nothing() {
    let app = spawn_app().await;
    let long = "a".repeat(10_000);
    let cases: Vec<([(&str, &str); 4], &str)> = vec![
        (
            [
                ("first_name", ""),
                ("last_name", "de Vries"),
                ("email", "anna@example.nl"),
                ("terms", "on"),
            ],
            "Vul voornaam in.",
        ),
        (
            [
                ("first_name", &long),
                ("last_name", "de Vries"),
                ("email", "anna@example.nl"),
                ("terms", "on"),
            ],
            "te lang",
        ),
        (
            [
                ("first_name", "Anna"),
                ("last_name", "<b>x</b>"),
                ("email", "anna@example.nl"),
                ("terms", "on"),
            ],
            "vreemde tekens",
        ),
        (
            [
                ("first_name", "Anna"),
                ("last_name", "de Vries"),
                ("email", "anna.example.nl"),
                ("terms", "on"),
            ],
            "geen e-mailadres",
        ),
        (
            [
                ("first_name", "Anna"),
                ("last_name", "de Vries"),
                ("email", &long),
                ("terms", "on"),
            ],
            "te lang",
        ),
    ];
    for (form, expected) in cases {
        let response = app.call("register", &form).await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST);
        let message = error_message(response).await;
        assert!(
            message.contains(expected),
            "{message} should contain {expected}"
        );
    }
    let no_terms = app
        .send(Register {
            first_name: "Anna".into(),
            last_name: "de Vries".into(),
            email: "anna@example.nl".into(),
            terms: Default::default(),
            code: String::new(),
            code_birth_date: Default::default(),
        })
        .await;
    assert_eq!(no_terms.status(), StatusCode::BAD_REQUEST);
    assert!(error_message(no_terms).await.contains("voorwaarden"));
    assert_eq!(app.count("accounts").await, 0);
    assert!(app.mails().await.is_empty());
}

#[tokio::test]
async fn registering_a_known_address_answers_the_same_and_mails_the_owner() {
    let app = spawn_app().await;
    app.sign_up("Anna", "de Vries", "anna@example.nl").await;
    let fresh = app.register("Bram", "Jansen", "bram@example.nl").await;
    let known = app.register("Iemand", "Anders", "anna@example.nl").await;
    assert_eq!(fresh.status(), known.status());
    // Each answer repeats only what was typed: nothing in it depends on
    // whether the address already has an account.
    let echo = |first: &str, last: &str, email: &str| {
        serde_json::to_string(&kring_app::accounts::Registered {
            first_name: first.into(),
            last_name: last.into(),
            email: email.into(),
        })
        .unwrap()
    };
    assert_eq!(
        fresh.text().await.unwrap(),
        echo("Bram", "Jansen", "bram@example.nl")
    );
    assert_eq!(
        known.text().await.unwrap(),
        echo("Iemand", "Anders", "anna@example.nl")
    );
    let last = app.mails_to("anna@example.nl").await.pop().unwrap();
    assert!(last.contains("al een Kring-account"));
    assert!(
        last.contains("Hallo Anna"),
        "the owner's own name, not the one typed"
    );
    let name: String =
        db::query_scalar("SELECT first_name FROM accounts WHERE email = 'anna@example.nl'")
            .fetch_one(app.state.db.reader())
            .await
            .unwrap();
    assert_eq!(name, "Anna");
}

#[tokio::test]
async fn weak_passwords_are_refused_with_advice_and_the_link_stays_usable() {
    let app = spawn_app().await;
    app.register("Anna", "de Vries", "anna@example.nl").await;
    let code = app
        .link_code("anna@example.nl", "/account/bevestigen")
        .await
        .unwrap();
    let long = "x".repeat(129);
    let cases = [
        ("kort", "kort", "te kort"),
        ("Wachtwoord2024!", "Wachtwoord2024!", "veel gebruikt"),
        (
            "anna-haar-wachtwoordje",
            "anna-haar-wachtwoordje",
            "naam of e-mailadres",
        ),
        (&long, &long, "te lang"),
        (PASSWORD, "iets anders dan dat", "niet gelijk"),
    ];
    for (password, repeat, expected) in cases {
        let response = app
            .send(SetPassword {
                code: code.to_string(),
                password: password.to_string(),
                password_repeat: repeat.to_string(),
            })
            .await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST);
        let message = error_message(response).await;
        assert!(
            message.contains(expected),
            "{message} should contain {expected}"
        );
    }
    assert_eq!(
        app.send(CheckLink {
            code: code.to_string()
        })
        .await
        .status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn login_failures_do_not_reveal_whether_an_account_exists() {
    let app = spawn_app().await;
    app.sign_up("Anna", "de Vries", "anna@example.nl").await;
    let client = new_client();
    let wrong_password = app
        .login_as(&client, "anna@example.nl", "niet het wachtwoord")
        .await;
    let unknown_email = app
        .login_as(&client, "niemand@example.nl", "niet het wachtwoord")
        .await;
    assert_eq!(wrong_password.status(), StatusCode::BAD_REQUEST);
    assert_eq!(unknown_email.status(), StatusCode::BAD_REQUEST);
    assert_eq!(
        wrong_password.text().await.unwrap(),
        unknown_email.text().await.unwrap()
    );
}

#[tokio::test]
async fn a_session_cookie_is_httponly_lax_and_new_at_every_login() {
    let app = spawn_app().await;
    app.sign_up("Anna", "de Vries", "anna@example.nl").await;
    let mut tokens = Vec::new();
    for _ in 0..2 {
        let response = app
            .login_as(&new_client(), "anna@example.nl", PASSWORD)
            .await;
        assert_eq!(response.status(), StatusCode::OK);
        let cookie = response
            .headers()
            .get_all("set-cookie")
            .iter()
            .map(|v| v.to_str().unwrap().to_string())
            .find(|v| v.starts_with("kring_sessie="))
            .unwrap();
        assert!(
            cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
            "{cookie}"
        );
        assert!(!cookie.contains("Secure"), "plain HTTP in tests");
        let token = cookie["kring_sessie=".len()..]
            .split(';')
            .next()
            .unwrap()
            .to_string();
        assert!(token.len() >= 43, "256 bits in base64");
        tokens.push(token);
    }
    assert_ne!(tokens[0], tokens[1]);
}

#[tokio::test]
async fn secure_cookies_when_configured() {
    let app = crate::common::spawn_app_with(|settings| settings.cookie_secure = true).await;
    app.sign_up("Anna", "de Vries", "anna@example.nl").await;
    let response = app
        .login_as(&new_client(), "anna@example.nl", PASSWORD)
        .await;
    let cookies: Vec<_> = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .collect();
    assert!(
        cookies.iter().all(|cookie| cookie.contains("; Secure")),
        "{cookies:?}"
    );
}

#[tokio::test]
async fn logging_out_ends_the_session_on_the_server() {
    let app = spawn_app().await;
    app.sign_up("Anna", "de Vries", "anna@example.nl").await;
    assert_eq!(app.count("sessions").await, 1);
    let response = app.send(Logout {}).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers().get("location").unwrap(), "/inloggen");
    assert_eq!(app.count("sessions").await, 0);
    assert_eq!(viewer_name(&app, &app.client).await, None);
}

#[tokio::test]
async fn a_password_reset_sets_a_new_password_and_ends_all_sessions() {
    let app = spawn_app().await;
    app.sign_up("Anna", "de Vries", "anna@example.nl").await;
    let laptop = new_client();
    app.login_as(&laptop, "anna@example.nl", PASSWORD).await;
    assert!(viewer_name(&app, &laptop).await.is_some());

    let unknown = app
        .send(ForgotPassword {
            email: "niemand@example.nl".into(),
        })
        .await;
    let known = app
        .send(ForgotPassword {
            email: "anna@example.nl".into(),
        })
        .await;
    assert_eq!(unknown.status(), StatusCode::OK);
    assert_eq!(unknown.text().await.unwrap(), known.text().await.unwrap());
    // The link leaves after the answer.
    for _ in 0..200 {
        if app
            .link_code("anna@example.nl", "/wachtwoord/nieuw")
            .await
            .is_some()
        {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(app.mails_to("niemand@example.nl").await.is_empty());

    let expires: chrono::DateTime<chrono::Utc> =
        db::query_scalar("SELECT expires_at FROM email_links WHERE purpose = 'reset'")
            .fetch_one(app.state.db.reader())
            .await
            .unwrap();
    let minutes = (expires.with_timezone(&chrono::Utc) - chrono::Utc::now()).num_minutes();
    assert!(
        (58..=60).contains(&minutes),
        "valid one hour, not {minutes} minutes"
    );

    let code = app
        .link_code("anna@example.nl", "/wachtwoord/nieuw")
        .await
        .unwrap();
    let new_password = "de kat slaapt op de bank";
    let phone = new_client();
    let response = app
        .send_as(
            &phone,
            SetPassword {
                code: code.to_string(),
                password: new_password.to_string(),
                password_repeat: new_password.to_string(),
            },
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(viewer_name(&app, &phone).await.is_some());
    assert_eq!(
        viewer_name(&app, &laptop).await,
        None,
        "the other session ended"
    );
    assert_eq!(
        app.login_as(&new_client(), "anna@example.nl", PASSWORD)
            .await
            .status(),
        StatusCode::BAD_REQUEST
    );
}

#[tokio::test]
async fn contrast_is_remembered_per_account_and_painted_by_the_server() {
    let app = spawn_app().await;
    app.sign_up("Anna", "de Vries", "anna@example.nl").await;
    let before = app.get("/help").await.text().await.unwrap();
    assert!(before.contains(r#"class="app""#), "plain theme at first");
    assert_eq!(
        app.send(SetContrast { high: true }).await.status(),
        StatusCode::OK
    );
    let stored: bool = db::query_scalar("SELECT high_contrast FROM accounts")
        .fetch_one(app.state.db.reader())
        .await
        .unwrap();
    assert!(stored);

    // A new device: logging in brings the choice along, in the first response.
    let tablet = new_client();
    app.login_as(&tablet, "anna@example.nl", PASSWORD).await;
    let page = app.get_as(&tablet, "/help").await.text().await.unwrap();
    assert!(
        page.contains(r#"class="app contrast""#),
        "high contrast on first paint"
    );
}

#[tokio::test]
async fn the_text_size_is_remembered_per_account_and_painted_by_the_server() {
    let app = spawn_app().await;
    // Before logging in: kept in a cookie, on the first response.
    let visitor = new_client();
    let first = app.get_as(&visitor, "/help").await.text().await.unwrap();
    assert!(
        first.contains(r#"<html lang="nl" class="">"#),
        "normal at first"
    );
    let answer = app
        .send_as(
            &visitor,
            SetTextSize {
                size: TextSize::Large,
            },
        )
        .await;
    assert_eq!(answer.status(), StatusCode::OK);
    let page = app.get_as(&visitor, "/help").await.text().await.unwrap();
    assert!(page.contains(r#"<html lang="nl" class="text-large">"#));
    assert!(page.contains(">Tekst: groot<"), "the control says the size");

    // Logged in: on the account, and a new device gets it with the login.
    app.sign_up("Anna", "de Vries", "anna@example.nl").await;
    let answer = app
        .send(SetTextSize {
            size: TextSize::Larger,
        })
        .await;
    assert_eq!(answer.status(), StatusCode::OK);
    let stored: i64 = db::query_scalar("SELECT text_size FROM accounts")
        .fetch_one(app.state.db.reader())
        .await
        .unwrap();
    assert_eq!(stored, 2);
    let tablet = new_client();
    app.login_as(&tablet, "anna@example.nl", PASSWORD).await;
    let page = app.get_as(&tablet, "/help").await.text().await.unwrap();
    assert!(page.contains(r#"<html lang="nl" class="text-larger">"#));

    // A size that does not exist changes nothing.
    let answer = app.call("set_text_size", &[("size", "enorm")]).await;
    assert!(answer.status().is_client_error(), "{}", answer.status());
    let stored: i64 = db::query_scalar("SELECT text_size FROM accounts")
        .fetch_one(app.state.db.reader())
        .await
        .unwrap();
    assert_eq!(stored, 2);
}

#[tokio::test]
async fn cross_site_posts_are_refused_and_change_nothing() {
    let app = spawn_app().await;
    let form = [
        ("first_name", "Anna"),
        ("last_name", "de Vries"),
        ("email", "anna@example.nl"),
        ("terms", "on"),
    ];
    let forged = app
        .client
        .post(format!("{}/api/register", app.address))
        .header("Origin", "https://kwaadwillend.example")
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), StatusCode::FORBIDDEN);
    assert!(forged.text().await.unwrap().contains("geweigerd"));
    let marked = app
        .client
        .post(format!("{}/api/register", app.address))
        .header("Sec-Fetch-Site", "cross-site")
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(marked.status(), StatusCode::FORBIDDEN);
    assert_eq!(app.count("accounts").await, 0);

    let own = app
        .client
        .post(format!("{}/api/register", app.address))
        .header("Origin", app.address.clone())
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(own.status(), StatusCode::OK);
}

#[tokio::test]
async fn concurrent_writes_never_fail_with_a_locked_database() {
    let app = std::sync::Arc::new(spawn_app().await);
    let mut tasks = Vec::new();
    for n in 0..40 {
        let app = app.clone();
        tasks.push(tokio::spawn(async move {
            let client = new_client();
            let email = format!("persoon{n}@example.nl");
            let register = app
                .send_as(
                    &client,
                    Register {
                        first_name: "Kees".into(),
                        last_name: "Jansen".into(),
                        email: email.to_string(),
                        terms: Checkbox(true),
                        code: String::new(),
                        code_birth_date: Default::default(),
                    },
                )
                .await;
            let failed = app.login_as(&client, &email, "fout fout fout").await;
            (register.status(), failed.status())
        }));
    }
    for task in tasks {
        assert_eq!(
            task.await.unwrap(),
            (StatusCode::OK, StatusCode::BAD_REQUEST)
        );
    }
    assert_eq!(app.count("accounts").await, 40);
}

#[tokio::test]
async fn health_check_answers() {
    let app = spawn_app().await;
    let response = app.get("/healthz").await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.text().await.unwrap(), "ok");
}

/// An address's domain outside ASCII is mailed in its ASCII form; a name
/// before the @ outside ASCII is refused with the reason, and nothing is made.
#[tokio::test]
async fn addresses_outside_ascii_are_mailed_in_ascii_or_refused_saying_why() {
    let app = spawn_app().await;
    let accepted = app.register("Jan", "Jansen", "jan@exämple.test").await;
    assert_eq!(accepted.status(), StatusCode::OK);
    let mails = app.raw_mails().await;
    let mail = mails.last().expect("the confirmation mail");
    let head = mail.split("\r\n\r\n").next().unwrap();
    assert!(head.is_ascii(), "a header of plain ASCII: {head}");
    assert!(head.contains("jan@xn--exmple-cua.test"), "{head}");

    let accounts = app.count("accounts").await;
    let refused = app.register("Anné", "de Vries", "anné@kring.test").await;
    assert_eq!(refused.status(), StatusCode::BAD_REQUEST);
    assert!(error_message(refused).await.contains("vóór de @"));
    assert_eq!(app.count("accounts").await, accounts);
}
