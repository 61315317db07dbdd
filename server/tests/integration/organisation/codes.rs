//! Activation codes: one clear refusal for every wrong case, single use,
//! a new code voids the old one, a try limit, the letter, and ending links.

use super::{done, hendrik, ineke, johanna_at_de_linde, login, scalar};
use crate::common::{demo_family, error_message, Family, ADMIN, STAFF, TRUSTED};
use kring_app::db;
use kring_app::demo::JORIS;
use kring_app::form_value::DateField;
use kring_app::links::api::{EndOrganisationLink, EnterCode};
use kring_app::links::CodeTarget;
use kring_app::organisation::api::{EndClientLink, IssueCode, OrgClient};
use kring_app::organisation::{ClientView, IssuedCode, LinkStatus};
use reqwest::{Client, StatusCode};

const HENDRIK_BORN: (i32, u32, u32) = (1935, 9, 2);

fn born(date: (i32, u32, u32)) -> DateField {
    DateField(chrono::NaiveDate::from_ymd_opt(date.0, date.1, date.2))
}

fn enter(code: &str, birth: (i32, u32, u32), target: CodeTarget) -> EnterCode {
    EnterCode {
        code: code.to_string(),
        birth_date: born(birth),
        target: target.value(),
    }
}

/// Everything a code could change.
async fn state(family: &Family) -> Vec<i64> {
    let mut values = Vec::new();
    for sql in [
        "SELECT COUNT(*) FROM provider_links",
        "SELECT COUNT(*) FROM care_pages",
        "SELECT COUNT(*) FROM members",
        "SELECT COUNT(*) FROM page_history",
        "SELECT COUNT(*) FROM clients WHERE code_hash IS NOT NULL",
        "SELECT COUNT(*) FROM clients WHERE care_page_id IS NOT NULL",
    ] {
        values.push(scalar(family, sql).await);
    }
    values
}

async fn refusal(family: &Family, client: &Client, arguments: EnterCode) -> String {
    let response = family.app.send_as(client, arguments).await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    error_message(response).await
}

#[tokio::test]
async fn a_wrong_birth_date_an_unknown_used_or_expired_code_get_one_answer_and_change_nothing() {
    let family = demo_family().await;
    let admin = login(&family, ADMIN).await;
    let code = family.activation_code.clone();
    let before = state(&family).await;
    let wrong_date = refusal(
        &family,
        &admin,
        enter(&code, (1935, 9, 3), CodeTarget::NewPage),
    )
    .await;
    let unknown = refusal(
        &family,
        &admin,
        enter("1111 2222 33", HENDRIK_BORN, CodeTarget::NewPage),
    )
    .await;
    assert!(
        wrong_date.contains("Deze code kunnen we niet gebruiken"),
        "{wrong_date}"
    );
    assert_eq!(
        wrong_date, unknown,
        "the answer must not tell which was wrong"
    );
    assert_eq!(state(&family).await, before);

    // Right: a new page for Hendrik, linked to De Linde, with a history line.
    let response = family
        .app
        .send_as(&admin, enter(&code, HENDRIK_BORN, CodeTarget::NewPage))
        .await;
    assert!(done(response.status()), "{}", response.status());
    let page: i64 = scalar(
        &family,
        "SELECT id FROM care_pages WHERE first_name = 'Hendrik'",
    )
    .await;
    let linked = scalar(
        &family,
        &format!("SELECT COUNT(*) FROM provider_links WHERE care_page_id = {page}"),
    )
    .await;
    assert_eq!(linked, 1);
    let history = family.app.history().await;
    assert!(
        history.contains(&kring_app::history::HistoryEvent::OrganisationLinked {
            organisation: "Thuiszorg De Linde".into()
        })
    );
    // Fatima of De Linde now sees Hendrik's page; Joris (another organisation) does not.
    let fatima = login(&family, STAFF).await;
    assert_eq!(family.page_as(&fatima, page).await.status(), StatusCode::OK);
    let joris = login(&family, JORIS).await;
    assert_eq!(
        family.page_as(&joris, page).await.status(),
        StatusCode::NOT_FOUND
    );

    // Used: the same answer again.
    let after = state(&family).await;
    let used = refusal(
        &family,
        &admin,
        enter(&code, HENDRIK_BORN, CodeTarget::NewPage),
    )
    .await;
    assert_eq!(used, unknown);
    assert_eq!(state(&family).await, after);
}

#[tokio::test]
async fn an_expired_code_is_refused_like_any_other() {
    let family = demo_family().await;
    db::query(
        "UPDATE clients SET code_expires_at = '2020-01-01T00:00:00Z' WHERE code_hash IS NOT NULL",
    )
    .execute(family.app.state.db.writer())
    .await
    .unwrap();
    let admin = login(&family, ADMIN).await;
    let before = state(&family).await;
    let expired = refusal(
        &family,
        &admin,
        enter(&family.activation_code, HENDRIK_BORN, CodeTarget::NewPage),
    )
    .await;
    assert!(
        expired.contains("Deze code kunnen we niet gebruiken"),
        "{expired}"
    );
    assert_eq!(state(&family).await, before);
}

#[tokio::test]
async fn five_tries_an_hour_then_even_the_right_code_waits() {
    let family = demo_family().await;
    let admin = login(&family, ADMIN).await;
    for _ in 0..5 {
        refusal(
            &family,
            &admin,
            enter("1111 2222 33", HENDRIK_BORN, CodeTarget::NewPage),
        )
        .await;
    }
    let before = state(&family).await;
    let response = family
        .app
        .send_as(
            &admin,
            enter(&family.activation_code, HENDRIK_BORN, CodeTarget::NewPage),
        )
        .await;
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(error_message(response).await.contains("vijf keer"));
    assert_eq!(state(&family).await, before);
    // A badly typed code is not a try: it never reached the check.
    let other = login(&family, TRUSTED).await;
    let typo = refusal(
        &family,
        &other,
        enter("12345", HENDRIK_BORN, CodeTarget::NewPage),
    )
    .await;
    assert!(typo.contains("tien cijfers"), "{typo}");
}

#[tokio::test]
async fn only_the_admin_of_the_chosen_page_links_it_and_a_linked_organisation_is_not_linked_twice()
{
    let family = demo_family().await;
    let before = state(&family).await;
    // Pieter is in the trusted group, not the admin: the page is "not found".
    let trusted = login(&family, TRUSTED).await;
    let response = family
        .app
        .send_as(
            &trusted,
            enter(
                &family.activation_code,
                HENDRIK_BORN,
                CodeTarget::Page(family.page_id),
            ),
        )
        .await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert_eq!(state(&family).await, before);
    // De Linde is linked to Johanna's page already: said, and the code is kept.
    let admin = login(&family, ADMIN).await;
    let twice = refusal(
        &family,
        &admin,
        enter(
            &family.activation_code,
            HENDRIK_BORN,
            CodeTarget::Page(family.page_id),
        ),
    )
    .await;
    assert!(twice.contains("al gekoppeld"), "{twice}");
    assert_eq!(state(&family).await, before);
}

#[tokio::test]
async fn a_new_code_voids_the_old_one_and_its_letter_is_a_pdf_with_the_code() {
    let family = demo_family().await;
    let staff = ineke(&family).await;
    let client_id = hendrik(&family).await;
    let response = family.app.send_as(&staff, IssueCode { client_id }).await;
    assert_eq!(response.status(), StatusCode::OK);
    let issued: IssuedCode = response.json().await.unwrap();
    assert_eq!(issued.code.len(), 12, "{}", issued.code);
    assert_eq!(
        issued.valid_until,
        kring_app::dates::today() + chrono::Duration::days(42)
    );
    let admin = login(&family, ADMIN).await;
    let old = refusal(
        &family,
        &admin,
        enter(&family.activation_code, HENDRIK_BORN, CodeTarget::NewPage),
    )
    .await;
    assert!(old.contains("Deze code kunnen we niet gebruiken"));

    // The letter, printed with the code in hand.
    let letter = kring_app::routes::client_letter(client_id);
    let response = staff
        .post(format!("{}{letter}", family.app.address))
        .form(&[("code", issued.code.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["content-type"], "application/pdf");
    let text = pdf_text(&response.bytes().await.unwrap());
    for expected in [
        "Thuiszorg De Linde",
        "Hendrik Jansen",
        issued.code.as_str(),
        "Code invoeren",
        "Voeg toe",
    ] {
        assert!(text.contains(expected), "{expected} in {text}");
    }
    assert!(
        !text.contains("1935"),
        "the birth date is the family's check: {text}"
    );
    // A wrong code prints nothing; a family member cannot print at all.
    let wrong = staff
        .post(format!("{}{letter}", family.app.address))
        .form(&[("code", "0000 0000 00")])
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), StatusCode::BAD_REQUEST);
    let family_try = admin
        .post(format!("{}{letter}", family.app.address))
        .form(&[("code", issued.code.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(family_try.status(), StatusCode::NOT_FOUND);

    // Without a code (a browser without JavaScript), a new code and its letter.
    let response = staff
        .post(format!("{}{letter}", family.app.address))
        .form(&[("code", "")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let text = pdf_text(&response.bytes().await.unwrap());
    assert!(!text.contains(issued.code.as_str()), "a new code: {text}");
    let voided = refusal(
        &family,
        &admin,
        enter(&issued.code, HENDRIK_BORN, CodeTarget::NewPage),
    )
    .await;
    assert!(voided.contains("Deze code kunnen we niet gebruiken"));
}

pub fn pdf_text(bytes: &[u8]) -> String {
    let document = printpdf::PdfDocument::parse(
        bytes,
        &printpdf::PdfParseOptions::default(),
        &mut Vec::new(),
    )
    .expect("a PDF");
    document
        .extract_text()
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ")
}

#[tokio::test]
async fn either_side_ends_a_link_after_which_its_staff_see_nothing() {
    let family = demo_family().await;
    let admin = login(&family, ADMIN).await;
    let joris = login(&family, JORIS).await;
    assert_eq!(
        family.page_as(&joris, family.page_id).await.status(),
        StatusCode::OK
    );
    let practice: i64 = scalar(
        &family,
        "SELECT id FROM providers WHERE name = 'Fysiotherapie Oost'",
    )
    .await;
    let response = family
        .app
        .send_as(
            &admin,
            EndOrganisationLink {
                page_id: family.page_id,
                provider_id: practice,
            },
        )
        .await;
    assert!(done(response.status()));
    assert_eq!(
        family.page_as(&joris, family.page_id).await.status(),
        StatusCode::NOT_FOUND
    );
    assert!(family.app.history().await.contains(
        &kring_app::history::HistoryEvent::OrganisationUnlinked {
            organisation: "Fysiotherapie Oost".into()
        }
    ));

    // De Linde ends its own link from the console; its employee loses the page.
    let fatima = login(&family, STAFF).await;
    let staff = ineke(&family).await;
    let client_id = johanna_at_de_linde(&family).await;
    let view: ClientView = family
        .app
        .send_as(&staff, OrgClient { client_id })
        .await
        .json()
        .await
        .unwrap();
    assert!(view.may_end_link && view.page_id == Some(family.page_id));
    // An employee may not end it.
    let refused = family
        .app
        .send_as(&fatima, EndClientLink { client_id })
        .await;
    assert_eq!(refused.status(), StatusCode::NOT_FOUND);
    let response = family
        .app
        .send_as(&staff, EndClientLink { client_id })
        .await;
    assert!(done(response.status()));
    assert_eq!(
        family.page_as(&fatima, family.page_id).await.status(),
        StatusCode::NOT_FOUND
    );
    let view: ClientView = family
        .app
        .send_as(&staff, OrgClient { client_id })
        .await
        .json()
        .await
        .unwrap();
    assert!(
        matches!(view.status, LinkStatus::Ended { .. }),
        "{:?}",
        view.status
    );
    assert_eq!(view.page_id, None);
}

#[tokio::test]
async fn a_newcomer_enters_the_code_while_registering_and_gets_the_page_once_confirmed() {
    let family = demo_family().await;
    let app = &family.app;
    let register = |code: &str, born: &str| {
        let (code, born) = (code.to_string(), born.to_string());
        async move {
            app.call(
                "register",
                &[
                    ("first_name", "Lotte"),
                    ("last_name", "Jansen"),
                    ("email", "lotte@example.nl"),
                    ("terms", "on"),
                    ("code", &code),
                    ("code_birth_date", &born),
                ],
            )
            .await
        }
    };
    // A wrong birth date: the refusal, next to the code, and no account.
    let accounts = app.count("accounts").await;
    let wrong = register(&family.activation_code, "1935-09-03").await;
    assert_eq!(wrong.status(), StatusCode::BAD_REQUEST);
    assert!(error_message(wrong)
        .await
        .contains("Deze code kunnen we niet gebruiken"));
    assert_eq!(app.count("accounts").await, accounts);
    // Right: registered, the code kept (as its hash) until the address is confirmed.
    let right = register(&family.activation_code, "1935-09-02").await;
    assert_eq!(right.status(), StatusCode::OK);
    assert_eq!(app.count("pending_codes").await, 1);
    assert_eq!(scalar(&family, "SELECT COUNT(*) FROM care_pages").await, 1);
    let link = app
        .link_code("lotte@example.nl", "/account/bevestigen")
        .await
        .unwrap();
    let confirmed = app
        .call(
            "set_password",
            &[
                ("code", &link),
                ("password", crate::common::PASSWORD),
                ("password_repeat", crate::common::PASSWORD),
            ],
        )
        .await;
    assert_eq!(confirmed.status(), StatusCode::OK);
    let (page, admin): (i64, String) = db::query_as(
        "SELECT p.id, a.email FROM care_pages p JOIN members m ON m.care_page_id = p.id
         JOIN accounts a ON a.id = m.account_id WHERE p.first_name = 'Hendrik' AND m.role = 'admin'",
    )
    .fetch_one(app.state.db.reader())
    .await
    .unwrap();
    assert_eq!(admin, "lotte@example.nl");
    assert_eq!(
        scalar(
            &family,
            &format!("SELECT COUNT(*) FROM provider_links WHERE care_page_id = {page}")
        )
        .await,
        1
    );
    assert_eq!(app.count("pending_codes").await, 0);
    // The code is used up.
    let again = register(&family.activation_code, "1935-09-02").await;
    assert_eq!(again.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn a_copied_database_reveals_no_live_code_and_codes_from_before_still_work() {
    let family = demo_family().await;
    let digits: String = family
        .activation_code
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    let stored: Vec<u8> =
        db::query_scalar("SELECT code_hash FROM clients WHERE code_hash IS NOT NULL")
            .fetch_one(family.app.state.db.reader())
            .await
            .unwrap();
    // Whoever has the database alone cannot try the 10^10 codes against it:
    // it is no plain hash of the digits, and the key is not in the database.
    assert_ne!(stored, kring_app::accounts::session::hash_token(&digits));
    assert_eq!(
        stored,
        family.app.state.key.keyed_hash("activation-code", &digits)
    );
    // A letter printed before codes were keyed still links, until it expires.
    db::query("UPDATE clients SET code_hash = $1 WHERE code_hash IS NOT NULL")
        .bind(kring_app::accounts::session::hash_token(&digits))
        .execute(family.app.state.db.writer())
        .await
        .unwrap();
    let admin = login(&family, ADMIN).await;
    let linked = family
        .app
        .send_as(
            &admin,
            enter(&family.activation_code, HENDRIK_BORN, CodeTarget::NewPage),
        )
        .await;
    assert!(
        linked.status().is_success() || linked.status().is_redirection(),
        "{}",
        error_message(linked).await
    );
    assert_eq!(
        scalar(
            &family,
            "SELECT COUNT(*) FROM clients WHERE care_page_id IS NOT NULL AND first_name = 'Hendrik'"
        )
        .await,
        1
    );
}

#[tokio::test]
async fn ending_a_link_asks_a_fresh_code_of_an_account_with_a_second_factor() {
    let family = demo_family().await;
    let admin = login(&family, ADMIN).await;
    let (secret, _) = family
        .app
        .set_up_app_as(&admin, kring_app::demo::DEMO_PASSWORD)
        .await;
    db::query("UPDATE sessions SET reconfirmed_at = NULL")
        .execute(family.app.state.db.writer())
        .await
        .unwrap();
    let practice: i64 = scalar(
        &family,
        "SELECT id FROM providers WHERE name = 'Fysiotherapie Oost'",
    )
    .await;
    let end = EndOrganisationLink {
        page_id: family.page_id,
        provider_id: practice,
    };
    let links_before = scalar(&family, "SELECT COUNT(*) FROM provider_links").await;
    let refused = family.app.send_as(&admin, end.clone()).await;
    assert_eq!(refused.status(), StatusCode::BAD_REQUEST);
    assert!(error_message(refused).await.contains("Bevestig eerst"));
    assert_eq!(
        scalar(&family, "SELECT COUNT(*) FROM provider_links").await,
        links_before
    );
    family
        .app
        .send_as(
            &admin,
            kring_app::two_factor::reconfirm::Reconfirm {
                code: crate::two_factor::code_now(&secret, 1),
            },
        )
        .await;
    let ended = family.app.send_as(&admin, end).await;
    assert!(done(ended.status()));
    assert_eq!(
        scalar(&family, "SELECT COUNT(*) FROM provider_links").await,
        links_before - 1
    );
}
