//! English beside Dutch: how a request's language is chosen, that the
//! server renders it on the first response, that an account keeps it, and
//! that mail and the page history speak the reader's language.

use crate::common::{
    decode_quoted_printable, demo_family, error_message, new_client, spawn_app, ADMIN, HELPER,
    PASSWORD, TRUSTED,
};
use kring_app::account_settings::api::ChangeName;
use kring_app::accounts::api::SetLanguage;
use kring_app::connections::api::{Connections, Invite};
use kring_app::connections::GivenRole;
use kring_app::db;
use kring_app::form_value::Checkbox;
use kring_app::i18n::Lang;
use kring_app::messages::api::{SetMessageMail, StartThread};
use kring_app::messages::ShareWith;
use reqwest::StatusCode;

const ENGLISH_BROWSER: (&str, &str) = ("Accept-Language", "en-GB,en;q=0.9,nl;q=0.3");
const DUTCH_BROWSER: (&str, &str) = ("Accept-Language", "nl-NL,nl;q=0.9,en;q=0.5");

#[tokio::test]
async fn a_visitor_is_answered_in_the_browsers_language_until_they_choose() {
    let app = spawn_app().await;
    let visitor = new_client();
    let page = |headers: &'static [(&'static str, &'static str)]| {
        let (app, visitor) = (&app, visitor.clone());
        async move {
            let response = app.get_page(&visitor, "/inloggen", headers).await;
            let vary = response
                .headers()
                .get("vary")
                .map(|v| v.to_str().unwrap().to_string());
            (vary, response.text().await.unwrap())
        }
    };

    let (vary, english) = page(&[ENGLISH_BROWSER]).await;
    assert!(english.contains(r#"<html lang="en""#));
    assert!(english.contains("Log in with the e-mail address and password"));
    assert!(!english.contains("Wachtwoord vergeten"));
    assert!(
        vary.unwrap_or_default().contains("Accept-Language"),
        "caches keep languages apart"
    );
    let (_, dutch) = page(&[DUTCH_BROWSER]).await;
    assert!(dutch.contains(r#"<html lang="nl""#) && dutch.contains("Wachtwoord vergeten"));
    let (_, unknown) = page(&[("Accept-Language", "fr-FR,de;q=0.8")]).await;
    assert!(
        unknown.contains(r#"<html lang="nl""#),
        "Dutch when nothing fits"
    );

    // A choice (a cookie) wins over what the browser says.
    let chosen = app
        .send_as(&visitor, SetLanguage { language: Lang::En })
        .await;
    assert_eq!(chosen.status(), StatusCode::OK);
    let (_, page_after) = page(&[DUTCH_BROWSER]).await;
    assert!(page_after.contains(r#"<html lang="en""#));
    // The switch in the header offers the other language, in that language.
    let switch = page_after
        .find(">Nederlands<")
        .map(|at| &page_after[at.saturating_sub(80)..at]);
    assert!(
        switch.is_some_and(|before| before.contains(r#"lang="nl""#)),
        "{switch:?}"
    );

    // A language that does not exist is refused and changes nothing.
    let refused = app
        .call_as(&visitor, "set_language", &[("language", "tlh")])
        .await;
    assert!(refused.status().is_client_error(), "{}", refused.status());
    let (_, still) = page(&[DUTCH_BROWSER]).await;
    assert!(still.contains(r#"<html lang="en""#));
}

#[tokio::test]
async fn an_account_keeps_its_language_on_a_new_device_and_hears_errors_in_it() {
    let app = spawn_app().await;
    app.sign_up("Anna", "de Vries", "anna@example.nl").await;
    let answer = app.send(SetLanguage { language: Lang::En }).await;
    assert_eq!(answer.status(), StatusCode::OK);
    let stored: String = db::query_scalar("SELECT language FROM accounts")
        .fetch_one(app.state.db.reader())
        .await
        .unwrap();
    assert_eq!(stored, "en");

    // A tablet whose browser asks for Dutch: the login brings the account's choice.
    let tablet = new_client();
    app.login_as(&tablet, "anna@example.nl", PASSWORD).await;
    let page = app
        .get_page(&tablet, "/account", &[DUTCH_BROWSER])
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains(r#"<html lang="en""#));
    assert!(page.contains("My details") && page.contains("Two-step verification"));

    // A refused value answers in English too, and changes nothing.
    let refused = app
        .send_as(
            &tablet,
            ChangeName {
                first_name: "Anna1".into(),
                last_name: "x".into(),
            },
        )
        .await;
    assert_eq!(refused.status(), StatusCode::BAD_REQUEST);
    let message = error_message(refused).await;
    assert!(message.contains("may not contain digits"), "{message}");

    // Back to Dutch.
    app.send_as(&tablet, SetLanguage { language: Lang::Nl })
        .await;
    let page = app
        .get_page(&tablet, "/account", &[ENGLISH_BROWSER])
        .await
        .text()
        .await
        .unwrap();
    assert!(
        page.contains(r#"<html lang="nl""#) && page.contains("Kring spreekt nu Nederlands met je.")
    );
}

#[tokio::test]
async fn mail_about_a_new_message_is_in_each_recipients_own_language() {
    let family = demo_family().await;
    // The helper reads English, the admin Dutch; both want mail.
    let helper = family.client_of(HELPER).await;
    family
        .app
        .send_as(&helper, SetLanguage { language: Lang::En })
        .await;
    let admin = family.client_of(ADMIN).await;
    for client in [&helper, &admin] {
        let on = family
            .app
            .send_as(
                client,
                SetMessageMail {
                    page_id: family.page_id,
                    on: Checkbox(true),
                },
            )
            .await;
        assert_eq!(on.status(), StatusCode::OK);
    }
    // Written by someone whose browser speaks Dutch.
    let trusted = family.client_of(TRUSTED).await;
    let started = family
        .app
        .send_as(
            &trusted,
            StartThread {
                page_id: family.page_id,
                subject: "Kerstdiner".into(),
                body: "Wie kookt er dit jaar?".into(),
                share_with: ShareWith::Family,
            },
        )
        .await;
    assert_eq!(started.status(), StatusCode::OK);
    family.app.wait_for_mails_to(HELPER, 1).await;
    family.app.wait_for_mails_to(ADMIN, 1).await;
    let english = decode_quoted_printable(&family.app.mails_to(HELPER).await[0]);
    assert!(
        english.contains("wrote a new message on the care page of Johanna Bakker"),
        "{english}"
    );
    assert!(!english.contains("schreef"));
    let dutch = decode_quoted_printable(&family.app.mails_to(ADMIN).await[0]);
    assert!(
        dutch.contains("schreef een nieuw bericht op de zorgpagina van Johanna Bakker"),
        "{dutch}"
    );
}

#[tokio::test]
async fn the_page_history_reads_in_the_readers_language() {
    let family = demo_family().await;
    let admin = family.client_of(ADMIN).await;
    let invited = family
        .app
        .send_as(
            &admin,
            Invite {
                page_id: family.page_id,
                email: "kees@example.nl".into(),
                role: Some(GivenRole::Helper),
            },
        )
        .await;
    assert_eq!(
        invited.status(),
        StatusCode::OK,
        "{}",
        invited.text().await.unwrap()
    );
    let history_as = |language: Lang| {
        let (app, admin) = (&family.app, admin.clone());
        async move {
            app.send_as(&admin, SetLanguage { language }).await;
            let view: kring_app::connections::ConnectionsView = app
                .send_as(
                    &admin,
                    Connections {
                        page_id: family.page_id,
                    },
                )
                .await
                .json()
                .await
                .unwrap();
            view.history
                .unwrap()
                .into_iter()
                .map(|line| line.what)
                .collect::<Vec<_>>()
        }
    };
    let dutch = history_as(Lang::Nl).await;
    assert!(
        dutch.contains(&"uitnodiging aan kees@example.nl als helpende".to_string()),
        "{dutch:?}"
    );
    let english = history_as(Lang::En).await;
    assert!(
        english.contains(&"invitation to kees@example.nl as helper".to_string()),
        "{english:?}"
    );
}

#[tokio::test]
async fn without_javascript_the_switch_returns_to_the_page_in_the_new_language() {
    let family = demo_family().await;
    let helper = family.client_of(HELPER).await;
    let back_to = format!("/zorgpagina/{}/kalender", family.page_id);
    // A plain form post, as a browser sends it before the script has loaded.
    let answer = helper
        .post(format!("{}/api/set_language", family.app.address))
        .header("accept", "text/html,application/xhtml+xml")
        .header("referer", format!("{}{back_to}", family.app.address))
        .form(&[("language", "en")])
        .send()
        .await
        .unwrap();
    assert!(answer.status().is_redirection(), "{}", answer.status());
    let location = answer.headers()["location"].to_str().unwrap().to_string();
    assert!(location.contains(&back_to), "{location}");
    let page = family
        .app
        .get_page(&helper, &back_to, &[("Accept", "text/html"), DUTCH_BROWSER])
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains(r#"<html lang="en""#));
    assert!(
        page.contains("Kring now speaks English to you."),
        "said at the top"
    );
    assert!(page.contains("Add appointment"));
}
