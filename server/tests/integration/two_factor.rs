//! Two-step login through the real routes: setting it up with an app, a text
//! message or a phone call; logging in with a code or a recovery code; codes
//! that count once; a login that expires; the owner who still gets in after
//! a guesser used up the password attempts; who may switch it off.

use crate::common::{
    demo_family, error_message, new_client, spawn_app, spawn_app_with, TestApp, ADMIN, PASSWORD,
};
use kring_app::account_settings::api::{ConfirmMobile, SendMobileCode};
use kring_app::care_pages::api::{CarePage, CreateCarePage};
use kring_app::db;
use kring_app::form_value::DateField;
use kring_app::two_factor::api::{ConfirmTwoFactor, DisableTwoFactor, StartTwoFactor};
use kring_app::two_factor::reconfirm::{Reconfirm, SendReconfirmCode};
use kring_app::two_factor::step::{SecondStep, VerifySecondStep};
use kring_app::two_factor::{totp, Method, SecondStepView, SetupStarted};
use reqwest::{Client, StatusCode};

impl TestApp {
    /// Sets up an authenticator app for the app's own client; returns the
    /// secret and the recovery codes.
    pub(crate) async fn set_up_app(&self) -> (Vec<u8>, Vec<String>) {
        self.set_up_app_as(&self.client, PASSWORD).await
    }

    /// [`Self::set_up_app`] for the account logged in on `client`.
    pub(crate) async fn set_up_app_as(
        &self,
        client: &Client,
        password: &str,
    ) -> (Vec<u8>, Vec<String>) {
        let started = self
            .send_as(
                client,
                StartTwoFactor {
                    method: Some(Method::Totp),
                    current_password: password.to_string(),
                    landline: Default::default(),
                },
            )
            .await;
        assert_eq!(started.status(), StatusCode::OK);
        let started: SetupStarted = started.json().await.unwrap();
        assert!(started.qr_svg.unwrap().contains("<svg"));
        let typed = started.secret.unwrap().replace(' ', "");
        let secret = data_encoding::BASE32_NOPAD
            .decode(typed.as_bytes())
            .unwrap();
        let confirmed = self
            .send_as(
                client,
                ConfirmTwoFactor {
                    code: code_now(&secret, 0).to_string(),
                },
            )
            .await;
        assert_eq!(confirmed.status(), StatusCode::OK);
        let codes: Vec<String> = confirmed.json().await.unwrap();
        (secret, codes)
    }
}

/// The app's code `offset` steps from now.
pub(crate) fn code_now(secret: &[u8], offset: i64) -> String {
    totp::code_at(
        secret,
        totp::step_at(chrono::Utc::now().timestamp()) + offset,
    )
}

async fn first_step(
    app: &TestApp,
    client: &Client,
    email: &str,
    password: &str,
) -> reqwest::Response {
    app.login_as(client, email, password).await
}

#[tokio::test]
async fn an_authenticator_app_guards_every_login_and_a_code_counts_once() {
    let app = spawn_app().await;
    app.sign_up("Anna", "de Vries", "anna@example.nl").await;
    let (secret, codes) = app.set_up_app().await;
    assert_eq!(codes.len(), 10);
    assert!(app
        .mails_to("anna@example.nl")
        .await
        .iter()
        .any(|m| m.contains("tweestapsverificatie")));

    let phone = new_client();
    let step = first_step(&app, &phone, "anna@example.nl", PASSWORD).await;
    assert_eq!(step.status(), StatusCode::OK);
    assert_eq!(step.headers()["location"], "/inloggen/code");
    assert!(
        !app.logged_in(&phone).await,
        "no session after the password alone"
    );
    let shown: SecondStepView = app
        .send_as(&phone, SecondStep {})
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(shown.method, Some(kring_app::two_factor::Method::Totp));

    let wrong = app
        .send_as(
            &phone,
            VerifySecondStep {
                code: "000000".into(),
            },
        )
        .await;
    assert_eq!(wrong.status(), StatusCode::BAD_REQUEST);
    assert!(error_message(wrong).await.contains("klopt niet"));
    // The code that confirmed the setup was used: the next one opens.
    let code = code_now(&secret, 1);
    let right = app
        .send_as(
            &phone,
            VerifySecondStep {
                code: code.to_string(),
            },
        )
        .await;
    assert_eq!(right.status(), StatusCode::OK);
    assert!(app.logged_in(&phone).await);

    // The same code, typed again on another device, opens nothing.
    let laptop = new_client();
    first_step(&app, &laptop, "anna@example.nl", PASSWORD).await;
    let again = app
        .send_as(
            &laptop,
            VerifySecondStep {
                code: code.to_string(),
            },
        )
        .await;
    assert_eq!(again.status(), StatusCode::BAD_REQUEST);
    assert!(!app.logged_in(&laptop).await);
}

#[tokio::test]
async fn a_recovery_code_opens_once_whatever_its_case_and_dashes() {
    let app = spawn_app().await;
    app.sign_up("Anna", "de Vries", "anna@example.nl").await;
    let (_, codes) = app.set_up_app().await;
    let typed = codes[3].replace('-', " ").to_uppercase();
    let first = new_client();
    first_step(&app, &first, "anna@example.nl", PASSWORD).await;
    let used = app
        .send_as(
            &first,
            VerifySecondStep {
                code: typed.to_string(),
            },
        )
        .await;
    assert_eq!(used.status(), StatusCode::OK);
    assert!(app.logged_in(&first).await);
    let second = new_client();
    first_step(&app, &second, "anna@example.nl", PASSWORD).await;
    let reused = app
        .send_as(
            &second,
            VerifySecondStep {
                code: codes[3].clone(),
            },
        )
        .await;
    assert_eq!(reused.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn a_code_by_text_message_and_a_spoken_code_for_a_landline() {
    let app = spawn_app().await;
    app.sign_up("Anna", "de Vries", "anna@example.nl").await;
    // Text messages go to the confirmed mobile number.
    let refused = app
        .send(StartTwoFactor {
            method: Some(Method::Sms),
            current_password: PASSWORD.to_string(),
            landline: Default::default(),
        })
        .await;
    assert!(error_message(refused).await.contains("mobiel nummer"));
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
    let started = app
        .send(StartTwoFactor {
            method: Some(Method::Sms),
            current_password: PASSWORD.to_string(),
            landline: Default::default(),
        })
        .await;
    assert_eq!(started.status(), StatusCode::OK);
    let (to, code) = app.texts().await.pop().unwrap();
    assert_eq!(to, "+31612345678");
    assert_eq!(
        app.send(ConfirmTwoFactor {
            code: code.to_string()
        })
        .await
        .status(),
        StatusCode::OK
    );

    let phone = new_client();
    first_step(&app, &phone, "anna@example.nl", PASSWORD).await;
    let (_, code) = app.texts().await.pop().unwrap();
    let shown: SecondStepView = app
        .send_as(&phone, SecondStep {})
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(shown.sent_to.as_deref(), Some("•••• 5678"));
    assert_eq!(
        app.send_as(
            &phone,
            VerifySecondStep {
                code: code.to_string()
            }
        )
        .await
        .status(),
        StatusCode::OK
    );

    // A landline: the code is read out by a call through the same gateway.
    // Changing the factor asks for the current one first.
    app.send(SendReconfirmCode {}).await;
    let (_, code) = app.texts().await.pop().unwrap();
    app.send(Reconfirm {
        code: code.to_string(),
    })
    .await;
    let started = app
        .send(StartTwoFactor {
            method: Some(Method::Voice),
            current_password: PASSWORD.to_string(),
            landline: "030 123 45 67".into(),
        })
        .await;
    assert_eq!(started.status(), StatusCode::OK);
    app.settle_outbox().await;
    let call = std::fs::read_dir(&app.outbox)
        .unwrap()
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .find(|path| path.extension().is_some_and(|ext| ext == "voice"))
        .expect("a call in the outbox");
    let spoken = std::fs::read_to_string(call).unwrap();
    assert!(spoken.starts_with("To: +31301234567"), "{spoken}");
    let digits: String = spoken
        .split("code is: ")
        .nth(1)
        .unwrap()
        .split('.')
        .next()
        .unwrap()
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    assert_eq!(
        app.send(ConfirmTwoFactor {
            code: digits.to_string()
        })
        .await
        .status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn a_login_between_its_steps_ends_after_five_minutes_or_five_wrong_codes() {
    let app = spawn_app().await;
    app.sign_up("Anna", "de Vries", "anna@example.nl").await;
    let (secret, _) = app.set_up_app().await;
    let phone = new_client();
    first_step(&app, &phone, "anna@example.nl", PASSWORD).await;
    for _ in 0..kring_app::two_factor::CODE_TRIES {
        app.send_as(
            &phone,
            VerifySecondStep {
                code: "999999".into(),
            },
        )
        .await;
    }
    let too_late = app
        .send_as(
            &phone,
            VerifySecondStep {
                code: code_now(&secret, 1).to_string(),
            },
        )
        .await;
    assert!(error_message(too_late).await.contains("verlopen"));

    first_step(&app, &phone, "anna@example.nl", PASSWORD).await;
    db::query("UPDATE login_challenges SET expires_at = '2000-01-01T00:00:00Z'")
        .execute(app.state.db.writer())
        .await
        .unwrap();
    let expired = app
        .send_as(
            &phone,
            VerifySecondStep {
                code: code_now(&secret, 1).to_string(),
            },
        )
        .await;
    assert!(error_message(expired).await.contains("verlopen"));
    assert!(!app.logged_in(&phone).await);
    // Without the first step there is no second.
    let stranger = app.send_as(&new_client(), SecondStep {}).await;
    assert_eq!(stranger.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn after_a_guesser_used_up_the_attempts_the_owner_still_gets_in_with_the_code() {
    let app = crate::security::app_behind_proxy().await;
    app.sign_up("Anna", "de Vries", "anna@example.nl").await;
    let (secret, _) = app.set_up_app().await;
    for n in 1..=5 {
        app.login_from(
            &new_client(),
            &format!("203.0.113.{n}"),
            "anna@example.nl",
            "fout fout fout",
        )
        .await;
    }
    // A further guess looks like a right one: on to the second step…
    let guesser = new_client();
    let guess = app
        .login_from(&guesser, "203.0.113.99", "anna@example.nl", "nog een gok")
        .await;
    assert_eq!(guess.headers()["location"], "/inloggen/code");
    // …where no code opens a login whose password was wrong.
    let code = code_now(&secret, 1);
    let refused = app
        .send_as(
            &guesser,
            VerifySecondStep {
                code: code.to_string(),
            },
        )
        .await;
    assert_eq!(refused.status(), StatusCode::BAD_REQUEST);
    // Anna, with her password and her app, gets in.
    let anna = new_client();
    let step = app
        .login_from(&anna, "198.51.100.7", "anna@example.nl", PASSWORD)
        .await;
    assert_eq!(step.headers()["location"], "/inloggen/code");
    let code = code_now(&secret, 1);
    let opened = app
        .send_as(
            &anna,
            VerifySecondStep {
                code: code.to_string(),
            },
        )
        .await;
    assert_eq!(
        opened.status(),
        StatusCode::OK,
        "{}",
        error_message(opened).await
    );
    assert!(app.logged_in(&anna).await);
}

#[tokio::test]
async fn those_who_can_open_a_dossier_keep_it_others_may_switch_it_off() {
    let family = demo_family().await;
    let admin = family.client_of(ADMIN).await;
    let app = &family.app;
    app.set_up_app_as(&admin, kring_app::demo::DEMO_PASSWORD)
        .await;
    let off = app
        .send_as(
            &admin,
            DisableTwoFactor {
                current_password: kring_app::demo::DEMO_PASSWORD.to_string(),
            },
        )
        .await;
    assert_eq!(off.status(), StatusCode::BAD_REQUEST);
    assert!(error_message(off)
        .await
        .contains("blijft tweestapsverificatie aan"));

    let app = spawn_app().await;
    app.sign_up("Anna", "de Vries", "anna@example.nl").await;
    let (secret, _) = app.set_up_app().await;
    let wrong = app
        .send(DisableTwoFactor {
            current_password: "fout fout fout".into(),
        })
        .await;
    assert_eq!(wrong.status(), StatusCode::BAD_REQUEST);
    app.send(Reconfirm {
        code: code_now(&secret, 1).to_string(),
    })
    .await;
    let off = app
        .send(DisableTwoFactor {
            current_password: PASSWORD.to_string(),
        })
        .await;
    assert_eq!(off.status(), StatusCode::OK);
    let step = first_step(&app, &new_client(), "anna@example.nl", PASSWORD).await;
    assert_eq!(step.headers()["location"], "/", "one step again");
}

#[tokio::test]
async fn an_installation_can_require_it_for_everyone() {
    let app = spawn_app_with(|settings| settings.require_two_factor = true).await;
    app.sign_up("Anna", "de Vries", "anna@example.nl").await;
    let created = app
        .send(CreateCarePage {
            first_name: "Johanna".into(),
            last_name: "Bakker".into(),
            birth_date: DateField("1941-03-14".parse().ok()),
        })
        .await;
    assert!(created.status().is_success() || created.status().is_redirection());
    let page_id: i64 = db::query_scalar("SELECT id FROM care_pages")
        .fetch_one(app.state.db.reader())
        .await
        .unwrap();
    let page = app.send(CarePage { page_id }).await;
    assert_eq!(page.status(), StatusCode::BAD_REQUEST);
    assert!(error_message(page).await.contains("Mijn gegevens"));
    app.set_up_app().await;
    let page = app.send(CarePage { page_id }).await;
    assert_eq!(page.status(), StatusCode::OK);
}

#[tokio::test]
async fn codes_go_only_to_numbers_in_the_countries_the_operator_allows() {
    let app = spawn_app().await;
    app.sign_up("Anna", "de Vries", "anna@example.nl").await;
    // A spoken code to a satellite or far-away premium number: toll fraud.
    for landline in ["+882 1234 5678", "00252 1234 5678", "+44 20 7123 4567"] {
        let refused = app
            .send(StartTwoFactor {
                method: Some(Method::Voice),
                current_password: PASSWORD.to_string(),
                landline: landline.into(),
            })
            .await;
        assert_eq!(refused.status(), StatusCode::BAD_REQUEST, "{landline}");
        assert!(
            error_message(refused).await.contains("+31, +32, +49"),
            "{landline}"
        );
    }
    let refused = app
        .send(SendMobileCode {
            mobile: "+44 7700 900123".into(),
            current_password: PASSWORD.to_string(),
        })
        .await;
    assert_eq!(refused.status(), StatusCode::BAD_REQUEST);
    app.settle_outbox().await;
    let sent = std::fs::read_dir(&app.outbox)
        .unwrap()
        .filter_map(Result::ok)
        .filter(|entry| {
            let path = entry.path();
            path.extension()
                .is_some_and(|ext| ext == "sms" || ext == "voice")
        })
        .count();
    assert_eq!(sent, 0, "no text or call went out");
    // A Belgian number is fine by default; an operator can allow Britain.
    let belgian = app
        .send(SendMobileCode {
            mobile: "+32 470 12 34 56".into(),
            current_password: PASSWORD.to_string(),
        })
        .await;
    assert_eq!(belgian.status(), StatusCode::OK);
    let wider = spawn_app_with(|settings| {
        settings.allowed_phone_countries = kring_app::sms::PhoneCountries::parse("NL, GB").unwrap()
    })
    .await;
    wider.sign_up("Anna", "de Vries", "anna@example.nl").await;
    let british = wider
        .send(SendMobileCode {
            mobile: "+44 7700 900123".into(),
            current_password: PASSWORD.to_string(),
        })
        .await;
    assert_eq!(british.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_required_second_factor_closes_every_plain_route_too() {
    let family =
        crate::common::demo_family_with(|settings| settings.require_two_factor = true).await;
    let app = &family.app;
    // The demo's admin has no second factor yet.
    let admin = family.client_of(ADMIN).await;
    let page = family.page_id;
    for path in [
        format!("/zorgpagina/{page}/alles-downloaden.zip"),
        format!("/zorgpagina/{page}/mijn-bijdragen.zip"),
        format!("/zorgpagina/{page}/foto"),
        format!("/zorgpagina/{page}/dossier/zorgplan.pdf"),
        format!("/zorgpagina/{page}/dossier/wie-keek.csv"),
    ] {
        let answer = app.get_as(&admin, &path).await;
        assert_ne!(answer.status(), StatusCode::OK, "{path}");
        let kind = answer
            .headers()
            .get("content-type")
            .map(|v| v.to_str().unwrap().to_string())
            .unwrap_or_default();
        assert!(
            !kind.contains("zip") && !kind.contains("pdf") && !kind.contains("csv"),
            "{path}: {kind}"
        );
    }
    // A calendar feed made before the rule was switched on serves nothing.
    let admin_id: i64 = db::query_scalar("SELECT id FROM accounts WHERE email = $1")
        .bind(ADMIN)
        .fetch_one(app.state.db.reader())
        .await
        .unwrap();
    let token = "een-feed-van-voor-de-regel";
    db::query(
        "INSERT INTO calendar_feeds (token_hash, care_page_id, account_id, created_at)
         VALUES ($1, $2, $3, '2026-01-01T00:00:00Z')",
    )
    .bind(kring_app::accounts::session::hash_token(token))
    .bind(page)
    .bind(admin_id)
    .execute(app.state.db.writer())
    .await
    .unwrap();
    let feed = app.get(&format!("/agenda/{token}.ics")).await;
    assert_eq!(feed.status(), StatusCode::NOT_FOUND);
    // With the second factor set up, the same routes open.
    app.set_up_app_as(&admin, kring_app::demo::DEMO_PASSWORD)
        .await;
    let mine = app
        .get_as(&admin, &format!("/zorgpagina/{page}/mijn-bijdragen.zip"))
        .await;
    assert_eq!(mine.status(), StatusCode::OK);
    assert_eq!(
        app.get(&format!("/agenda/{token}.ics")).await.status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn the_second_step_lands_where_the_login_was_going() {
    let app = spawn_app().await;
    app.sign_up("Anna", "de Vries", "anna@example.nl").await;
    let (secret, _) = app.set_up_app().await;
    let phone = new_client();
    let step = app
        .call_as(
            &phone,
            "login",
            &[
                ("email", "anna@example.nl"),
                ("password", PASSWORD),
                ("next", "/account"),
            ],
        )
        .await;
    assert_eq!(step.headers()["location"], "/inloggen/code");
    let opened = app
        .send_as(
            &phone,
            VerifySecondStep {
                code: code_now(&secret, 1),
            },
        )
        .await;
    assert_eq!(opened.headers()["location"], "/account");
}
