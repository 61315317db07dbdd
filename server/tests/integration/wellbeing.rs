//! "Hoe gaat het met jou?" through the real routes: a carer's own answers,
//! never anyone else's; every question answered or nothing saved; the
//! monthly reminder sent once, to whoever asked for it.

use crate::common::{demo_family, error_message, new_client, ADMIN, HELPER, STAFF};
use chrono::{Duration, Utc};
use kring_app::db;
use kring_app::form_value::Checkbox;
use kring_app::overview::api::WhatNeedsAttention;
use kring_app::overview::Attention;
use kring_app::wellbeing::api::{SetStrainReminder, Wellbeing};
use kring_app::wellbeing::WellbeingView;
use reqwest::{Client, StatusCode};

/// The form as the page sends it: `antwoord[n]=ja|nee`, "ja" for `yes`.
fn answers(yes: &[usize], skip: &[usize]) -> Vec<(String, String)> {
    (1..=13)
        .filter(|q| !skip.contains(q))
        .map(|q| {
            let answer = if yes.contains(&q) { "ja" } else { "nee" };
            (format!("antwoord[{q}]"), answer.to_string())
        })
        .collect()
}

async fn save(
    app: &crate::common::TestApp,
    client: &Client,
    form: &[(String, String)],
) -> reqwest::Response {
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    app.call_as(client, "save_strain_check", &form).await
}

async fn view(app: &crate::common::TestApp, client: &Client) -> WellbeingView {
    let response = app.send_as(client, Wellbeing {}).await;
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

#[tokio::test]
async fn a_carer_answers_all_thirteen_and_only_they_see_the_score() {
    let family = demo_family().await;
    let app = &family.app;
    let admin = family.client_of(ADMIN).await;
    let helper = family.client_of(HELPER).await;

    // One question left open: said which, and nothing saved.
    let refused = save(app, &admin, &answers(&[1, 2], &[4, 9])).await;
    assert_eq!(refused.status(), StatusCode::BAD_REQUEST);
    assert!(error_message(refused).await.contains("4, 9"));
    let refused = save(app, &admin, &[("antwoord[1]".into(), "misschien".into())]).await;
    assert_eq!(refused.status(), StatusCode::BAD_REQUEST);
    assert!(view(app, &admin).await.checks.is_empty());

    let saved = save(app, &admin, &answers(&[1, 2, 3, 4, 5, 6, 7, 8], &[])).await;
    assert_eq!(saved.status(), StatusCode::OK);
    let said: String = saved.json().await.unwrap();
    assert!(said.contains("8 van 13"), "{said}");
    // The same day again replaces the day's answers.
    save(app, &admin, &answers(&[1, 2, 3], &[])).await;
    let mine = view(app, &admin).await;
    assert_eq!(mine.checks.len(), 1);
    assert_eq!(mine.checks[0].score, 3);
    assert_eq!(mine.support_url, kring_app::settings::DEFAULT_SUPPORT_URL);

    // Nobody else sees it: the helper has their own, empty, page.
    assert!(view(app, &helper).await.checks.is_empty());
    let logged_out = app.send_as(&new_client(), Wellbeing {}).await;
    assert_eq!(logged_out.status(), StatusCode::UNAUTHORIZED);

    // The Overzicht invites members only, and only when it is due.
    let attention = |client: Client| async move {
        let response = app
            .send_as(
                &client,
                WhatNeedsAttention {
                    page_id: family.page_id,
                },
            )
            .await;
        response.json::<Attention>().await.unwrap()
    };
    let how = attention(admin.clone()).await.how_are_you.unwrap();
    assert!(!how.due);
    assert_eq!(how.last.unwrap().score, 3);
    assert!(attention(helper.clone()).await.how_are_you.unwrap().due);
    let staff = family.client_of(STAFF).await;
    assert_eq!(attention(staff).await.how_are_you, None);
}

#[tokio::test]
async fn the_monthly_reminder_goes_once_to_whoever_asked_and_is_due() {
    let family = demo_family().await;
    let app = &family.app;
    let admin = family.client_of(ADMIN).await;
    let helper = family.client_of(HELPER).await;
    for client in [&admin, &helper] {
        let on = app
            .send_as(client, SetStrainReminder { on: Checkbox(true) })
            .await;
        assert_eq!(on.status(), StatusCode::OK);
    }
    // The helper answered today: not due for a month.
    save(app, &helper, &answers(&[], &[])).await;
    assert!(view(app, &admin).await.reminder);

    let now = Utc::now();
    let state = &app.state;
    let sent = kring_app::wellbeing::reminders::send_due(state, now)
        .await
        .unwrap();
    assert_eq!(sent, 1);
    let mails = app.mails_to(ADMIN).await;
    let mail = mails.last().expect("a reminder to the admin");
    assert!(mail.contains("Hoe gaat het met jou?"));
    assert!(mail.contains("/hoe-gaat-het"));
    assert!(app.mails_to(HELPER).await.is_empty());

    // Not twice in a month, also when asked again (a second process, a restart).
    assert_eq!(
        kring_app::wellbeing::reminders::send_due(state, now)
            .await
            .unwrap(),
        0
    );
    let later = now + Duration::days(10);
    assert_eq!(
        kring_app::wellbeing::reminders::send_due(state, later)
            .await
            .unwrap(),
        0
    );
    // A month on, both are due again.
    let month_on = now + Duration::days(31);
    assert_eq!(
        kring_app::wellbeing::reminders::send_due(state, month_on)
            .await
            .unwrap(),
        2
    );

    // Turned off: no more.
    let off = app
        .send_as(
            &admin,
            SetStrainReminder {
                on: Checkbox(false),
            },
        )
        .await;
    assert_eq!(off.status(), StatusCode::OK);
    let two_months_on = now + Duration::days(62);
    assert_eq!(
        kring_app::wellbeing::reminders::send_due(state, two_months_on)
            .await
            .unwrap(),
        1
    );
}

#[tokio::test]
async fn the_page_charts_the_scores_over_time_and_advises_at_a_high_score() {
    let family = demo_family().await;
    let app = &family.app;
    let admin = family.client_of(ADMIN).await;
    let account: i64 = db::query_scalar("SELECT id FROM accounts WHERE email = $1")
        .bind(ADMIN)
        .fetch_one(app.state.db.reader())
        .await
        .unwrap();
    // Two earlier months, as if answered then.
    for (on, answers) in [("2026-09-01", 0b11_u16), ("2026-10-01", 0b1111_1111)] {
        db::query(
            "INSERT INTO strain_checks (account_id, answered_on, answers, score) VALUES ($1, $2, $3, $4)",
        )
        .bind(account)
        .bind(on.parse::<chrono::NaiveDate>().unwrap())
        .bind(i64::from(answers))
        .bind(i64::from(kring_app::wellbeing::score(answers)))
        .execute(app.state.db.writer())
        .await
        .unwrap();
    }
    let page = app.get_as(&admin, kring_app::routes::HOW_ARE_YOU).await;
    assert_eq!(page.status(), StatusCode::OK);
    let page = page.text().await.unwrap();
    assert!(
        page.contains("Je scores, van oud naar nieuw: 1 september 2, 1 oktober 8."),
        "{page}"
    );
    assert_eq!(page.matches("<rect").count(), 2, "one bar per check");
    assert!(page.contains("Je score op 1 oktober 2026: 8 van 13."));
    assert!(page.contains("Steun voor mantelzorgers in jouw regio"));
    assert!(page.contains(kring_app::settings::DEFAULT_SUPPORT_URL));
}
