//! Mail a real mail server delivers: a Message-ID in the sender's domain,
//! MIME-Version, the person's name (never the address twice), and on each
//! notification a List-Unsubscribe link that turns that mail off in one
//! click without logging in.

use crate::common::{demo_family, new_client, ADMIN, HELPER, TRUSTED};
use kring_app::db;
use kring_app::form_value::Checkbox;
use kring_app::messages::api::SetMessageMail;
use reqwest::StatusCode;

/// The value of one header in a raw mail.
fn header<'a>(mail: &'a str, name: &str) -> Option<&'a str> {
    mail.lines()
        .find_map(|line| line.strip_prefix(&format!("{name}: ")))
        .map(str::trim)
}

/// A header that may be folded over several lines, unfolded (RFC 5322
/// 2.2.3: a line break before whitespace is removed).
fn unfolded_header(mail: &str, name: &str) -> Option<String> {
    let head = mail.split("\r\n\r\n").next()?;
    let unfolded = head.replace("\r\n ", " ").replace("\r\n\t", "\t");
    unfolded
        .lines()
        .find_map(|line| line.strip_prefix(&format!("{name}: ")))
        .map(|value| value.trim().to_string())
}

/// The newest mail to `email`, exactly as written.
async fn raw_mail_to(app: &crate::common::TestApp, email: &str) -> String {
    app.raw_mails()
        .await
        .into_iter()
        .rev()
        .find(|mail| {
            header(mail, "To").is_some_and(|to| to == email || to.ends_with(&format!("<{email}>")))
        })
        .expect("a mail")
}

#[tokio::test]
async fn a_message_mail_can_be_turned_off_from_the_mail_in_one_click() {
    let family = demo_family().await;
    let app = &family.app;
    let page_id = family.page_id;
    let admin = family.client_of(ADMIN).await;
    let helper = family.client_of(HELPER).await;
    let on = app
        .send_as(
            &admin,
            SetMessageMail {
                page_id,
                on: Checkbox(true),
            },
        )
        .await;
    assert_eq!(on.status(), StatusCode::OK);
    let started = app
        .call_as(
            &helper,
            "start_thread",
            &[
                ("page_id", &page_id.to_string()),
                ("subject", "Uitslag bloedonderzoek"),
                ("body", "De uitslag is binnen."),
                ("share_with", ""),
            ],
        )
        .await;
    assert!(started.status().is_success() || started.status().is_redirection());
    app.wait_for_mails_to(ADMIN, 1).await;
    // Headers as written; the body decoded.
    let mail = raw_mail_to(app, ADMIN).await;
    let body = app.mails_to(ADMIN).await.pop().unwrap();

    // What spam filters look for.
    let id = header(&mail, "Message-ID").expect("a Message-ID");
    let from = header(&mail, "From").unwrap();
    let domain = from.rsplit('@').next().unwrap().trim_end_matches('>');
    assert!(
        id.starts_with('<') && id.ends_with(&format!("@{domain}>")),
        "{id} for {from}"
    );
    assert_eq!(header(&mail, "MIME-Version"), Some("1.0"));
    assert_eq!(
        header(&mail, "To"),
        Some(r#""Marieke Bakker" <marieke@kring.test>"#)
    );
    assert!(
        !mail.contains("bloedonderzoek") && !body.contains("bloedonderzoek"),
        "never the subject of a message"
    );

    // The one-click header and the visible line point at the same code.
    for line in mail.split("\r\n\r\n").next().unwrap().split("\r\n") {
        assert!(
            line.len() <= 78,
            "a header line of {} octets: {line}",
            line.len()
        );
    }
    // Folded inside the brackets, where readers ignore whitespace (RFC 2369).
    let one_click = unfolded_header(&mail, "List-Unsubscribe")
        .unwrap()
        .replace(' ', "");
    assert_eq!(
        header(&mail, "List-Unsubscribe-Post"),
        Some("List-Unsubscribe=One-Click")
    );
    let code = app
        .link_code(ADMIN, "/afmelden")
        .await
        .expect("an Afmelden line");
    assert_eq!(
        one_click,
        format!("<{}/afmelden/een-klik?code={code}>", app.address)
    );

    // The page, without logging in, says which mail and offers one button.
    let stranger = new_client();
    let page = app
        .get_as(&stranger, &format!("/afmelden?code={code}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("nieuw bericht is op de zorgpagina van Johanna Bakker"),
        "{page}"
    );
    assert!(page.contains("Meld mij af voor deze e-mails"));

    // A mail program posts from elsewhere: no Origin of ours, no cookie.
    let posted = stranger
        .post(format!("{}/afmelden/een-klik?code={code}", app.address))
        .header("Origin", "https://mail.example.com")
        .form(&[("List-Unsubscribe", "One-Click")])
        .send()
        .await
        .unwrap();
    assert_eq!(posted.status(), StatusCode::OK);
    let left: i64 = db::query_scalar("SELECT COUNT(*) FROM message_mail WHERE care_page_id = $1")
        .bind(page_id)
        .fetch_one(app.state.db.reader())
        .await
        .unwrap();
    assert_eq!(left, 0);
    let page = app
        .get_as(&stranger, &format!("/afmelden?code={code}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("Je bent afgemeld"), "{page}");

    // A made-up code changes nothing and says the link is not valid.
    let forged = stranger
        .post(format!("{}/afmelden/een-klik?code=verzonnen", app.address))
        .form(&[("List-Unsubscribe", "One-Click")])
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), StatusCode::NOT_FOUND);
    let page = app
        .get_as(&stranger, "/afmelden?code=verzonnen")
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("niet (meer) geldig"), "{page}");
}

#[tokio::test]
async fn the_monthly_reminder_can_be_turned_off_from_the_mail() {
    let family = demo_family().await;
    let app = &family.app;
    let trusted = family.client_of(TRUSTED).await;
    let on = app
        .call_as(&trusted, "set_strain_reminder", &[("on", "on")])
        .await;
    assert_eq!(on.status(), StatusCode::OK);
    let sent = kring_app::wellbeing::reminders::send_due(&app.state, chrono::Utc::now())
        .await
        .unwrap();
    assert_eq!(sent, 1);
    let mail = raw_mail_to(app, TRUSTED).await;
    assert!(header(&mail, "List-Unsubscribe").is_some());
    let code = app.link_code(TRUSTED, "/afmelden").await.unwrap();
    // The page's own button is a plain form: it answers with the page.
    let browser = new_client();
    let posted = browser
        .post(format!("{}/afmelden/een-klik?code={code}", app.address))
        .header("Accept", "text/html")
        .header("Origin", app.address.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(posted.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        posted.headers()["location"],
        format!("/afmelden?code={code}").as_str()
    );
    let on: bool = db::query_scalar("SELECT strain_reminder FROM accounts WHERE email = $1")
        .bind(TRUSTED)
        .fetch_one(app.state.db.reader())
        .await
        .unwrap();
    assert!(!on);
}

#[tokio::test]
async fn an_invitation_names_nobody_rather_than_the_address_twice() {
    let family = demo_family().await;
    let app = &family.app;
    let admin = family.client_of(ADMIN).await;
    let invited = app
        .call_as(
            &admin,
            "invite",
            &[
                ("page_id", &family.page_id.to_string()),
                ("email", "nicht@example.nl"),
                ("role", "helper"),
            ],
        )
        .await;
    assert!(invited.status().is_success(), "{}", invited.status());
    let mail = app
        .mails_to("nicht@example.nl")
        .await
        .pop()
        .expect("the invitation");
    assert_eq!(header(&mail, "To"), Some("nicht@example.nl"));
    assert_eq!(header(&mail, "MIME-Version"), Some("1.0"));
    assert!(
        header(&mail, "List-Unsubscribe").is_none(),
        "not a notification"
    );
}
