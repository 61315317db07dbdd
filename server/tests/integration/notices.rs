//! Every action answers: the confirmation at the top of the page. A form
//! sent without JavaScript gets it on the page after the redirect, once; an
//! action that moves on to another page leaves it for that page; the app's
//! own calls (with JavaScript) get the answer back and leave nothing.

use crate::common::{demo_family, ADMIN, HELPER};
use chrono::{NaiveDate, NaiveTime};
use kring_app::calendar::api::{AddAppointment, CalendarWeek, SetHelping};
use kring_app::calendar::form::AppointmentFields;
use kring_app::db;
use reqwest::{Client, StatusCode};

/// A plain form post, as a browser without JavaScript sends it.
async fn plain_post(
    family: &crate::common::Family,
    client: &Client,
    endpoint: &str,
    back_to: &str,
    form: &[(&str, &str)],
) -> reqwest::Response {
    client
        .post(format!("{}/api/{endpoint}", family.app.address))
        .header("accept", "text/html,application/xhtml+xml")
        .header("referer", format!("{}{back_to}", family.app.address))
        .form(form)
        .send()
        .await
        .unwrap()
}

fn notice_bar(page: &str) -> Option<String> {
    let start = page.find("class=\"notice-bar\"")?;
    let rest = &page[start..];
    let end = rest.find("</div>")?;
    let bar = &rest[..end];
    let text_start = bar.find("<p class=\"success\">")? + "<p class=\"success\">".len();
    let text_end = bar[text_start..].find("</p>")?;
    // Without the hydration markers (`<!>`, `<!---->`).
    let text = &bar[text_start..text_start + text_end];
    Some(text.replace("<!---->", "").replace("<!>", ""))
}

/// As if the few seconds in which a shown notice comes back had passed.
async fn age_shown_flashes(family: &crate::common::Family) {
    let past = chrono::Utc::now() - chrono::Duration::seconds(11);
    db::query("UPDATE session_flashes SET taken_at = $1 WHERE taken_at IS NOT NULL")
        .bind(past)
        .execute(family.app.state.db.writer())
        .await
        .unwrap();
}

async fn flashes(family: &crate::common::Family) -> i64 {
    db::query_scalar("SELECT COUNT(*) FROM session_flashes")
        .fetch_one(family.app.state.db.reader())
        .await
        .unwrap()
}

#[tokio::test]
async fn a_plain_form_finds_its_confirmation_on_the_page_after_the_redirect_once() {
    let family = demo_family().await;
    let admin = family.client_of(ADMIN).await;
    let helper = family.client_of(HELPER).await;
    let page = family.page_id.to_string();
    let added = family
        .app
        .call_as(
            &admin,
            "add_appointment",
            &[
                ("page_id", &page),
                ("appointment[title]", "Naar de kapper"),
                ("appointment[date]", "2030-05-16"),
                ("appointment[start_time]", "14:00"),
                ("appointment[ask_help]", "on"),
            ],
        )
        .await;
    assert!(added.status().is_success() || added.status().is_redirection());
    let id: i64 = db::query_scalar("SELECT id FROM appointments WHERE title = 'Naar de kapper'")
        .fetch_one(family.app.state.db.reader())
        .await
        .unwrap();
    // Moving on to the week: the saved appointment is named on the next page.
    let week_path = format!("/zorgpagina/{page}/kalender?week=2030-W20");
    let week = family
        .app
        .get_as(&admin, &week_path)
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(
        notice_bar(&week).as_deref(),
        Some("Afspraak opgeslagen: Naar de kapper, do 16 mei 14:00")
    );
    // A reload right away (a page load that broke off) still says it…
    let reload = family
        .app
        .get_as(&admin, &week_path)
        .await
        .text()
        .await
        .unwrap();
    assert!(notice_bar(&reload).is_some());
    // …and once the few seconds have passed, it is gone.
    age_shown_flashes(&family).await;
    let again = family
        .app
        .get_as(&admin, &week_path)
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(notice_bar(&again), None, "once");

    // The helper signs up without JavaScript.
    let id = id.to_string();
    let posted = plain_post(
        &family,
        &helper,
        "set_helping",
        &week_path,
        &[
            ("page_id", &page),
            ("appointment_id", &id),
            ("date", "2030-05-16"),
            ("help", "true"),
        ],
    )
    .await;
    assert!(posted.status().is_redirection(), "{}", posted.status());
    assert!(
        !posted.headers()["location"]
            .to_str()
            .unwrap()
            .contains("__err"),
        "{:?}",
        posted.headers()["location"]
    );
    let week = family
        .app
        .get_as(&helper, &week_path)
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(
        notice_bar(&week).as_deref(),
        Some("Je helpt mee: Naar de kapper, do 16 mei 14:00")
    );
    assert!(week.contains("role=\"status\""));
    // Nobody else sees it, and it is gone after the page that showed it.
    let admins_week = family
        .app
        .get_as(&admin, &week_path)
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(notice_bar(&admins_week), None);
    age_shown_flashes(&family).await;
    family
        .app
        .get_as(&helper, &week_path)
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(flashes(&family).await, 0);

    // With JavaScript the answer is the sentence, and nothing waits.
    let withdrawn = family
        .app
        .send_as(
            &helper,
            SetHelping {
                page_id: family.page_id,
                appointment_id: id.parse().unwrap(),
                date: NaiveDate::from_ymd_opt(2030, 5, 16).unwrap(),
                help: false,
                every_time: false,
            },
        )
        .await;
    assert_eq!(withdrawn.status(), StatusCode::OK);
    let said: String = withdrawn.json().await.unwrap();
    assert_eq!(
        said,
        "Je helpt niet meer mee: Naar de kapper, do 16 mei 14:00"
    );
    assert_eq!(flashes(&family).await, 0);
}

#[tokio::test]
async fn a_refused_plain_form_leaves_no_confirmation() {
    let family = demo_family().await;
    let helper = family.client_of(HELPER).await;
    let page = family.page_id.to_string();
    let path = format!("/zorgpagina/{page}/connecties");
    // A helper may not change roles: refused, and nothing is said to be done.
    plain_post(
        &family,
        &helper,
        "set_role",
        &path,
        &[("page_id", &page), ("account_id", "1"), ("role", "trusted")],
    )
    .await;
    assert_eq!(flashes(&family).await, 0);
    let shown = family
        .app
        .get_as(&helper, &path)
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(notice_bar(&shown), None);
}

#[tokio::test]
async fn help_is_offered_only_where_it_is_asked() {
    let family = demo_family().await;
    let admin = family.client_of(ADMIN).await;
    let helper = family.client_of(HELPER).await;
    let may_17 = NaiveDate::from_ymd_opt(2030, 5, 17).unwrap();
    let dentist = AppointmentFields {
        title: "Tandarts".into(),
        date: Some(may_17),
        start_time: NaiveTime::from_hms_opt(9, 0, 0),
        ..Default::default()
    };
    let arguments = AddAppointment {
        page_id: family.page_id,
        appointment: dentist,
    };
    family.app.send_as(&admin, arguments).await;
    let arguments = CalendarWeek {
        page_id: family.page_id,
        week: "2030-W20".into(),
    };
    let week: kring_app::calendar::WeekView = family
        .app
        .send_as(&helper, arguments)
        .await
        .json()
        .await
        .unwrap();
    let info = week
        .days
        .iter()
        .flat_map(|day| &day.items)
        .find_map(|item| match &item.kind {
            kring_app::calendar::ItemKind::Appointment(info) if item.title == "Tandarts" => {
                Some(info.clone())
            }
            _ => None,
        })
        .expect("the appointment");
    assert!(!info.can_help, "no 'Ik help mee' where no help is asked");
    let arguments = SetHelping {
        page_id: family.page_id,
        appointment_id: info.id,
        date: may_17,
        help: true,
        every_time: false,
    };
    let refused = family.app.send_as(&helper, arguments).await;
    assert_eq!(refused.status(), StatusCode::BAD_REQUEST);
    assert!(crate::common::error_message(refused)
        .await
        .contains("geen hulp gevraagd"));
    let helpers: i64 = db::query_scalar("SELECT COUNT(*) FROM appointment_helpers")
        .fetch_one(family.app.state.db.reader())
        .await
        .unwrap();
    assert_eq!(helpers, 0);
}

#[tokio::test]
async fn a_plain_form_with_an_error_comes_back_with_what_was_typed_but_no_password() {
    let family = demo_family().await;
    let browser = crate::common::new_client();
    let posted = plain_post(
        &family,
        &browser,
        "login",
        "/inloggen",
        &[
            ("email", "marieke@kring.test"),
            ("password", "een geheim wachtwoord"),
        ],
    )
    .await;
    assert!(posted.status().is_redirection());
    let cookie = posted
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .find(|value| value.starts_with("kring_formulier="))
        .expect("the typed fields kept")
        .to_string();
    assert!(cookie.contains("HttpOnly") && cookie.contains("Max-Age=120"));
    let value = cookie["kring_formulier=".len()..]
        .split(';')
        .next()
        .unwrap();
    let kept = kring_app::shell::kept::Kept::decode(value).unwrap();
    assert_eq!(kept.path, "/api/login");
    assert_eq!(
        kept.fields.get("email").map(String::as_str),
        Some("marieke@kring.test")
    );
    assert!(!kept.fields.contains_key("password"));
    assert!(!value.contains("geheim"));

    // The page it returns to fills the field in, once.
    let location = posted.headers()["location"].to_str().unwrap().to_string();
    let page = browser
        .get(&location)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("value=\"marieke@kring.test\""),
        "the e-mail is kept"
    );
    let again = family
        .app
        .get_as(&browser, "/inloggen")
        .await
        .text()
        .await
        .unwrap();
    assert!(!again.contains("value=\"marieke@kring.test\""));

    // A form that succeeds keeps nothing.
    let fine = plain_post(
        &family,
        &crate::common::new_client(),
        "login",
        "/inloggen",
        &[
            ("email", "marieke@kring.test"),
            ("password", kring_app::demo::DEMO_PASSWORD),
        ],
    )
    .await;
    assert!(!fine
        .headers()
        .get_all("set-cookie")
        .iter()
        .any(|value| value
            .to_str()
            .unwrap_or_default()
            .starts_with("kring_formulier=")));
}

#[tokio::test]
async fn registering_without_javascript_says_where_the_mail_went_and_can_send_it_again() {
    let app = crate::common::spawn_app().await;
    let browser = crate::common::new_client();
    let form = [
        ("first_name", "Anna"),
        ("last_name", "de Vries"),
        ("email", "anna@example.nl"),
        ("terms", "on"),
    ];
    let send = || {
        browser
            .post(format!("{}/api/register", app.address))
            .header("accept", "text/html")
            .header("referer", format!("{}/registreren", app.address))
            .form(&form)
            .send()
    };
    let posted = send().await.unwrap();
    assert!(posted.status().is_redirection());
    let page = app
        .get_as(&browser, "/registreren")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("Kijk in je mailbox (anna@example.nl)"),
        "the address is named"
    );
    assert!(page.contains("Stuur de e-mail opnieuw"));
    // Sending again: a second confirmation mail, the same account.
    send().await.unwrap();
    assert_eq!(app.mails_to("anna@example.nl").await.len(), 2);
    let accounts: i64 = db::query_scalar("SELECT COUNT(*) FROM accounts")
        .fetch_one(app.state.db.reader())
        .await
        .unwrap();
    assert_eq!(accounts, 1);
    // Another browser sees the empty form.
    let other = app
        .get_as(&crate::common::new_client(), "/registreren")
        .await
        .text()
        .await
        .unwrap();
    assert!(!other.contains("anna@example.nl"));
}

#[tokio::test]
async fn an_error_about_one_field_stands_beside_it_with_and_without_javascript() {
    let family = demo_family().await;
    let admin = family.client_of(ADMIN).await;
    let page = family.page_id.to_string();
    let form = [
        ("page_id", page.as_str()),
        ("appointment[title]", "Tandarts"),
        ("appointment[date]", "2030-05-16"),
        ("appointment[start_time]", "11:00"),
        ("appointment[end_time]", "10:00"),
    ];
    // With JavaScript: the error names its field.
    let answer = family.app.call_as(&admin, "add_appointment", &form).await;
    assert_eq!(answer.status(), StatusCode::BAD_REQUEST);
    let error: kring_app::error::AppError = answer.json().await.unwrap();
    assert_eq!(error.field(), Some("appointment[end_time]"));

    // Without: the page the browser returns to shows it at the top and under
    // the end time's label, and marks that field (and only that one).
    let back_to = format!("/zorgpagina/{page}/kalender/nieuw");
    let posted = plain_post(&family, &admin, "add_appointment", &back_to, &form).await;
    assert!(posted.status().is_redirection());
    let location = posted.headers()["location"].to_str().unwrap();
    let location = location.trim_start_matches(&family.app.address);
    let html = family
        .app
        .get_as(&admin, location)
        .await
        .text()
        .await
        .unwrap();
    let message = "De eindtijd moet na de begintijd liggen.";
    assert!(
        html.contains(&format!(
            r#"id="veld-end_time-fout" class="field-error">{message}"#
        )),
        "the message under the end time's label"
    );
    assert_eq!(html.matches("aria-invalid=\"true\"").count(), 1);
    let end_input = html
        .split("<input")
        .find(|input| input.contains(r#"id="veld-end_time""#))
        .unwrap();
    assert!(
        end_input.contains(r#"aria-invalid="true""#) && end_input.contains("veld-end_time-fout")
    );
    assert!(
        html.contains(&format!(r#"<p class="error">{message}"#)),
        "and at the top"
    );
    assert_eq!(family.app.count("appointments").await, 0);
}
