//! The dossier: the fresh SMS code at its door, who may read and write what,
//! the access log (a row per look, append-only, a hash chain), the care
//! plan's PDF, and input that is refused with nothing saved.

use crate::common::{error_message, new_client, Family, ADMIN, HELPER, STAFF, TRUSTED};
use kring_app::accounts::api::Logout;
use kring_app::db;
use kring_app::dossier::access_log::check_chain;
use kring_app::dossier::care_plan::ReadCarePlan;
use kring_app::dossier::door::{SendDossierCode, UnlockDossier};
use kring_app::dossier::log_page::DossierAccessLog;
use kring_app::dossier::measurements::Measurements;
use kring_app::dossier::reports::{DossierReports, ReportKind, WriteReport};
use kring_app::dossier::Period;
use kring_app::form_value::{DateField, TimeField};
use reqwest::{Client, StatusCode};

const TRUSTED_MOBILE: &str = "+31623456789";
pub(crate) const ADMIN_MOBILE: &str = "+31612345678";
const STAFF_MOBILE: &str = "+31634567890";

async fn family() -> Family {
    crate::common::demo_family().await
}

fn page(family: &Family) -> String {
    family.page_id.to_string()
}

/// The newest code sent by SMS to `number`.
async fn last_code(family: &Family, number: &str) -> String {
    family
        .app
        .texts()
        .await
        .into_iter()
        .filter(|(to, _)| to == number)
        .map(|(_, code)| code)
        .next_back()
        .expect("an SMS")
}

async fn measurements(family: &Family, client: &Client) -> (StatusCode, String) {
    let response = family
        .app
        .send_as(
            client,
            Measurements {
                page_id: family.page_id,
                period: Period::Year,
            },
        )
        .await;
    (response.status(), response.text().await.unwrap())
}

/// Asks a code and types it, as a person would.
pub(crate) async fn open_dossier(family: &Family, client: &Client, number: &str) {
    let sent = family
        .app
        .send_as(
            client,
            SendDossierCode {
                page_id: family.page_id,
            },
        )
        .await;
    assert_eq!(
        sent.status(),
        StatusCode::OK,
        "{}",
        error_message(sent).await
    );
    let code = last_code(family, number).await;
    let opened = family
        .app
        .send_as(
            client,
            UnlockDossier {
                page_id: family.page_id,
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
}

pub(crate) async fn log_rows(family: &Family, what: &str, outcome: &str) -> i64 {
    db::query_scalar("SELECT COUNT(*) FROM dossier_access_log WHERE what = $1 AND outcome = $2")
        .bind(what)
        .bind(outcome)
        .fetch_one(family.app.state.db.reader())
        .await
        .unwrap()
}

#[tokio::test]
async fn the_dossier_opens_only_with_a_fresh_code_from_the_sms() {
    let family = family().await;
    let trusted = family.client_of(TRUSTED).await;
    let (status, body) = measurements(&family, &trusted).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("Locked"), "the door, not the values: {body}");
    assert!(
        !body.contains("weight") || !body.contains("points"),
        "no values behind a closed door"
    );

    open_dossier(&family, &trusted, TRUSTED_MOBILE).await;
    let sms = std::fs::read_dir(&family.app.outbox).unwrap().count();
    assert!(sms > 0);
    let (status, body) = measurements(&family, &trusted).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("Open") && body.contains("points"), "{body}");

    // The code was used: typing it again in another session opens nothing.
    let code = last_code(&family, TRUSTED_MOBILE).await;
    let other = family.client_of(TRUSTED).await;
    let again = family
        .app
        .send_as(
            &other,
            UnlockDossier {
                page_id: family.page_id,
                code: code.to_string(),
            },
        )
        .await;
    assert_eq!(again.status(), StatusCode::BAD_REQUEST);
    assert!(error_message(again).await.contains("klopt niet"));
}

#[tokio::test]
async fn a_code_allows_five_wrong_tries_and_expires_after_five_minutes() {
    let family = family().await;
    let admin = family.client_of(ADMIN).await;
    let sent = family
        .app
        .send_as(
            &admin,
            SendDossierCode {
                page_id: family.page_id,
            },
        )
        .await;
    assert_eq!(sent.status(), StatusCode::OK);
    let code = last_code(&family, ADMIN_MOBILE).await;
    let wrong = if code == "000000" { "111111" } else { "000000" };
    for _ in 0..5 {
        let answer = family
            .app
            .send_as(
                &admin,
                UnlockDossier {
                    page_id: family.page_id,
                    code: wrong.to_string(),
                },
            )
            .await;
        assert_eq!(answer.status(), StatusCode::BAD_REQUEST);
    }
    let right_too_late = family
        .app
        .send_as(
            &admin,
            UnlockDossier {
                page_id: family.page_id,
                code: code.to_string(),
            },
        )
        .await;
    assert_eq!(
        right_too_late.status(),
        StatusCode::BAD_REQUEST,
        "five wrong tries end the code"
    );
    // Six wrong codes within the minute: one row, counted six times.
    assert_eq!(log_rows(&family, "code_wrong", "refused").await, 1);
    let repeats: i64 = db::query_scalar("SELECT repeats FROM access_log_repeats")
        .fetch_one(family.app.state.db.reader())
        .await
        .unwrap();
    assert_eq!(repeats, 5);

    // A new code (after the minute between codes), left to expire.
    db::query("UPDATE session_codes SET sent_at = '2000-01-01T00:00:00Z'")
        .execute(family.app.state.db.writer())
        .await
        .unwrap();
    let sent = family
        .app
        .send_as(
            &admin,
            SendDossierCode {
                page_id: family.page_id,
            },
        )
        .await;
    assert_eq!(sent.status(), StatusCode::OK);
    let code = last_code(&family, ADMIN_MOBILE).await;
    db::query("UPDATE session_codes SET expires_at = '2000-01-01T00:00:00Z'")
        .execute(family.app.state.db.writer())
        .await
        .unwrap();
    let expired = family
        .app
        .send_as(
            &admin,
            UnlockDossier {
                page_id: family.page_id,
                code: code.to_string(),
            },
        )
        .await;
    assert_eq!(expired.status(), StatusCode::BAD_REQUEST);
    assert!(measurements(&family, &admin).await.1.contains("Locked"));
}

#[tokio::test]
async fn the_dossier_closes_after_half_an_hour_without_activity_and_at_logout() {
    let family = family().await;
    let admin = family.client_of(ADMIN).await;
    open_dossier(&family, &admin, ADMIN_MOBILE).await;
    assert!(measurements(&family, &admin).await.1.contains("Open"));
    db::query("UPDATE sessions SET dossier_active_at = $1 WHERE dossier_active_at IS NOT NULL")
        .bind(chrono::Utc::now() - chrono::Duration::minutes(31))
        .execute(family.app.state.db.writer())
        .await
        .unwrap();
    assert!(measurements(&family, &admin).await.1.contains("Locked"));

    open_dossier_after_a_minute(&family, &admin, ADMIN_MOBILE).await;
    assert!(measurements(&family, &admin).await.1.contains("Open"));
    family.app.send_as(&admin, Logout {}).await;
    let admin = family.client_of(ADMIN).await;
    assert!(measurements(&family, &admin).await.1.contains("Locked"));
}

async fn open_dossier_after_a_minute(family: &Family, client: &Client, number: &str) {
    db::query("UPDATE session_codes SET sent_at = '2000-01-01T00:00:00Z'")
        .execute(family.app.state.db.writer())
        .await
        .unwrap();
    open_dossier(family, client, number).await;
}

#[tokio::test]
async fn helpers_strangers_and_other_organisations_are_refused_and_logged() {
    let family = family().await;
    let helper = family.client_of(HELPER).await;
    for endpoint in [
        "measurements",
        "dossier_reports",
        "care_plan",
        "send_dossier_code",
    ] {
        let answer = family
            .app
            .call_as(
                &helper,
                endpoint,
                &[
                    ("page_id", &page(&family)),
                    ("period", ""),
                    ("kind", ""),
                    ("version", ""),
                ],
            )
            .await;
        assert_eq!(answer.status(), StatusCode::NOT_FOUND, "{endpoint}");
    }
    assert!(log_rows(&family, "measurements_read", "refused").await >= 1);
    let refused_helper: i64 = db::query_scalar(
        "SELECT COUNT(*) FROM dossier_access_log WHERE role = 'helper' AND outcome = 'refused'",
    )
    .fetch_one(family.app.state.db.reader())
    .await
    .unwrap();
    assert_eq!(
        refused_helper, 4,
        "each refused look, and the refused code, is written down"
    );
    let pdf = family
        .app
        .get_as(
            &helper,
            &format!("/zorgpagina/{}/dossier/zorgplan.pdf", family.page_id),
        )
        .await;
    assert_eq!(pdf.status(), StatusCode::NOT_FOUND);

    // Staff of a second organisation linked to the page see only what their
    // organisation wrote: none of De Linde's reports, values or plan.
    let db = family.app.state.db.writer();
    let elders: i64 =
        db::query_scalar("INSERT INTO providers (name) VALUES ('Zorg Elders') RETURNING id")
            .fetch_one(db)
            .await
            .unwrap();
    db::query("INSERT INTO provider_links (care_page_id, provider_id, linked_at) VALUES ($1, $2, '2026-01-01T00:00:00Z')")
        .bind(family.page_id)
        .bind(elders)
        .execute(db)
        .await
        .unwrap();
    let hash: String = db::query_scalar("SELECT password_hash FROM accounts WHERE email = $1")
        .bind(STAFF)
        .fetch_one(db)
        .await
        .unwrap();
    db::query(
        "INSERT INTO accounts (email, first_name, last_name, password_hash, provider_id, mobile, created_at)
         VALUES ('joost@elders.test', 'Joost', 'Elders', $1, $2, '+31645678901', '2026-01-01T00:00:00Z')",
    )
    .bind(&hash)
    .bind(elders)
    .execute(db)
    .await
    .unwrap();
    let joost = family.client_of("joost@elders.test").await;
    open_dossier(&family, &joost, "+31645678901").await;
    let reports = family
        .app
        .send_as(
            &joost,
            DossierReports {
                page_id: family.page_id,
                period: Period::All,
                kind: None,
            },
        )
        .await
        .text()
        .await
        .unwrap();
    assert!(reports.contains("\"reports\":[]"), "{reports}");
    let plan = family
        .app
        .send_as(
            &joost,
            ReadCarePlan {
                page_id: family.page_id,
                version: None,
            },
        )
        .await
        .text()
        .await
        .unwrap();
    assert!(plan.contains("\"versions\":[]"), "{plan}");
    let (_, values) = measurements(&family, &joost).await;
    assert!(
        values.contains("\"points\":[]") && !values.contains("\"count\""),
        "{values}"
    );
    // Asking for De Linde's plan version by its id gives nothing either.
    let de_linde_plan: i64 = db::query_scalar("SELECT MAX(id) FROM care_plan_versions")
        .fetch_one(family.app.state.db.reader())
        .await
        .unwrap();
    let by_id = family
        .app
        .send_as(
            &joost,
            ReadCarePlan {
                page_id: family.page_id,
                version: Some(de_linde_plan),
            },
        )
        .await
        .text()
        .await
        .unwrap();
    assert!(by_id.contains("\"shown\":null"), "{by_id}");
}

#[tokio::test]
async fn every_look_writes_one_row_and_the_admin_reads_them() {
    let family = family().await;
    let trusted = family.client_of(TRUSTED).await;
    open_dossier(&family, &trusted, TRUSTED_MOBILE).await;
    let before = family.app.count("dossier_access_log").await;
    measurements(&family, &trusted).await;
    family
        .app
        .send_as(
            &trusted,
            DossierReports {
                page_id: family.page_id,
                period: Period::default(),
                kind: None,
            },
        )
        .await;
    family
        .app
        .send_as(
            &trusted,
            ReadCarePlan {
                page_id: family.page_id,
                version: None,
            },
        )
        .await;
    assert_eq!(family.app.count("dossier_access_log").await, before + 3);
    // The trusted member may not read the log; the admin may, after the code.
    let refused = family
        .app
        .send_as(
            &trusted,
            DossierAccessLog {
                page_id: family.page_id,
                person: None,
                period: Period::default(),
                before: None,
            },
        )
        .await;
    assert_eq!(refused.status(), StatusCode::NOT_FOUND);
    let admin = family.client_of(ADMIN).await;
    open_dossier(&family, &admin, ADMIN_MOBILE).await;
    let log = family
        .app
        .send_as(
            &admin,
            DossierAccessLog {
                page_id: family.page_id,
                person: None,
                period: Period::TwoWeeks,
                before: None,
            },
        )
        .await
        .text()
        .await
        .unwrap();
    assert!(
        log.contains("Pieter Bakker") && log.contains("Meetwaarden bekeken"),
        "{log}"
    );
    let csv = family
        .app
        .get_as(
            &admin,
            &format!("/zorgpagina/{}/dossier/wie-keek.csv", family.page_id),
        )
        .await;
    assert_eq!(csv.status(), StatusCode::OK);
    let csv = csv.text().await.unwrap();
    assert!(
        csv.contains(
            "\"Pieter Bakker\";\"Vertrouwensgroep\";\"\";\"Meetwaarden bekeken\";\"gelukt\""
        ),
        "{csv}"
    );
    let head = check_chain(&family.app.state.db).await.unwrap().unwrap();
    assert_eq!(
        head.rows,
        family.app.count("dossier_access_log").await as u64
    );
    assert!(
        kring_app::dossier::access_log::contains_head(&family.app.state.db, &head.head)
            .await
            .unwrap()
    );
}

#[tokio::test]
async fn the_access_log_refuses_changes_and_the_chain_finds_one_made_around_it() {
    let family = family().await;
    let trusted = family.client_of(TRUSTED).await;
    open_dossier(&family, &trusted, TRUSTED_MOBILE).await;
    measurements(&family, &trusted).await;
    let db = family.app.state.db.writer();
    let update = db::query("UPDATE dossier_access_log SET account_name = 'Niemand'")
        .execute(db)
        .await;
    assert!(update.unwrap_err().to_string().contains("append-only"));
    let delete = db::query("DELETE FROM dossier_access_log")
        .execute(db)
        .await;
    assert!(delete.unwrap_err().to_string().contains("append-only"));
    assert!(check_chain(&family.app.state.db).await.unwrap().is_ok());

    // Someone with the database file (or PostgreSQL's owner) drops the
    // trigger and edits a row.
    db::query("DROP TRIGGER access_log_is_append_only_update")
        .on_postgres("DROP TRIGGER access_log_is_append_only ON dossier_access_log")
        .execute(db)
        .await
        .unwrap();
    db::query("UPDATE dossier_access_log SET account_name = 'Niemand' WHERE id = 2")
        .execute(db)
        .await
        .unwrap();
    let broken = check_chain(&family.app.state.db).await.unwrap();
    assert_eq!(broken.unwrap_err().row_id, 2);
}

#[tokio::test]
async fn the_care_plan_pdf_names_the_person_with_every_accent_and_numbers_its_pages() {
    let family = family().await;
    db::query(
        "UPDATE care_pages SET first_name = 'Zoë', last_name = 'Şahin-Łukasiewicz' WHERE id = $1",
    )
    .bind(family.page_id)
    .execute(family.app.state.db.writer())
    .await
    .unwrap();
    let admin = family.client_of(ADMIN).await;
    let path = format!("/zorgpagina/{}/dossier/zorgplan.pdf", family.page_id);
    // With the door closed, the browser is sent to the screen that asks the code.
    let closed = family.app.get_as(&admin, &path).await;
    assert_eq!(closed.status(), StatusCode::SEE_OTHER);
    open_dossier(&family, &admin, ADMIN_MOBILE).await;
    let response = family.app.get_as(&admin, &path).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["content-type"], "application/pdf");
    let bytes = response.bytes().await.unwrap();
    let document = printpdf::PdfDocument::parse(
        &bytes,
        &printpdf::PdfParseOptions::default(),
        &mut Vec::new(),
    )
    .expect("a PDF");
    let text: String = document
        .extract_text()
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(text.contains("Zoë"), "{text}");
    assert!(text.contains("Şahin-Łukasiewicz"), "{text}");
    assert!(text.contains("Pagina 1 van"), "{text}");
    assert!(text.contains("Lichamelijk welbevinden"), "{text}");
    assert_eq!(log_rows(&family, "care_plan_pdf", "done").await, 1);
}

#[tokio::test]
async fn measurements_out_of_range_are_refused_in_dutch_and_nothing_is_saved() {
    let family = family().await;
    let admin = family.client_of(ADMIN).await;
    let today = kring_app::dates::today().to_string();
    let add = |value: &'static str, diastolic: &'static str, kind: &'static str| {
        vec![
            ("page_id", page(&family)),
            ("kind", kind.to_string()),
            ("date", today.clone()),
            ("time", "00:00".to_string()),
            ("value", value.to_string()),
            ("diastolic", diastolic.to_string()),
        ]
    };
    let form = |fields: &Vec<(&'static str, String)>| {
        fields
            .iter()
            .map(|(k, v)| (*k, v.clone()))
            .collect::<Vec<_>>()
    };
    // Closed door: nothing saved, and it says so.
    let closed = family
        .app
        .call_as(
            &admin,
            "add_measurement",
            &as_refs(&form(&add("70", "", "gewicht"))),
        )
        .await;
    assert_eq!(closed.status(), StatusCode::BAD_REQUEST);
    assert!(error_message(closed).await.contains("op slot"));
    open_dossier(&family, &admin, ADMIN_MOBILE).await;
    let before = family.app.count("measurements").await;
    for (value, diastolic, kind, message) in [
        ("725", "", "gewicht", "tussen 20 en 300"),
        ("85", "135", "bloeddruk", "lager zijn dan de bovendruk"),
        ("0,3", "", "bloedsuiker", "tussen 1 en 35"),
    ] {
        let answer = family
            .app
            .call_as(
                &admin,
                "add_measurement",
                &as_refs(&form(&add(value, diastolic, kind))),
            )
            .await;
        assert_eq!(answer.status(), StatusCode::BAD_REQUEST);
        assert!(error_message(answer).await.contains(message), "{value}");
    }
    assert_eq!(family.app.count("measurements").await, before);
    // A home measurement is saved and marked as the family's.
    let saved = family
        .app
        .call_as(
            &admin,
            "add_measurement",
            &as_refs(&form(&add("71,5", "", "gewicht"))),
        )
        .await;
    assert_eq!(saved.status(), StatusCode::OK);
    let family_made: Option<i64> =
        db::query_scalar("SELECT provider_id FROM measurements ORDER BY id DESC LIMIT 1")
            .fetch_one(family.app.state.db.reader())
            .await
            .unwrap();
    assert_eq!(family_made, None);
    // Only the measurement that was saved is in the log as added.
    assert_eq!(log_rows(&family, "measurement_added", "done").await, 1);
}

fn as_refs<'a>(fields: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    fields.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

#[tokio::test]
async fn staff_write_reports_and_a_new_one_is_marked_until_read() {
    let family = family().await;
    let staff = family.client_of(STAFF).await;
    open_dossier(&family, &staff, STAFF_MOBILE).await;
    let today = kring_app::dates::today().to_string();
    let written = family
        .app
        .send_as(
            &staff,
            WriteReport {
                page_id: family.page_id,
                kind: Some(ReportKind::Medical),
                date: DateField(today.parse().ok()),
                time: TimeField("00:00".parse().ok()),
                body: "Wondje verzorgd, ziet er goed uit.".into(),
            },
        )
        .await;
    assert_eq!(
        written.status(),
        StatusCode::OK,
        "{}",
        error_message(written).await
    );
    // The family cannot write reports.
    let trusted = family.client_of(TRUSTED).await;
    open_dossier(&family, &trusted, TRUSTED_MOBILE).await;
    let refused = family
        .app
        .send_as(
            &trusted,
            WriteReport {
                page_id: family.page_id,
                kind: Some(ReportKind::Medical),
                date: DateField(today.parse().ok()),
                time: TimeField("00:00".parse().ok()),
                body: "x".into(),
            },
        )
        .await;
    assert_eq!(refused.status(), StatusCode::NOT_FOUND);
    let read = || async {
        family
            .app
            .send_as(
                &trusted,
                DossierReports {
                    page_id: family.page_id,
                    period: Period::TwoWeeks,
                    kind: Some(ReportKind::Medical),
                },
            )
            .await
            .json::<serde_json::Value>()
            .await
            .unwrap()
    };
    let first = read().await;
    let newest = &first["Open"]["reports"][0];
    assert_eq!(newest["body"], "Wondje verzorgd, ziet er goed uit.");
    assert_eq!(newest["author"], "Fatima El Amrani");
    assert_eq!(newest["new"], true);
    assert_eq!(read().await["Open"]["reports"][0]["new"], false);
}

#[tokio::test]
async fn without_a_confirmed_mobile_number_no_code_is_sent() {
    let family = family().await;
    db::query("UPDATE accounts SET mobile = NULL WHERE email = $1")
        .bind(TRUSTED)
        .execute(family.app.state.db.writer())
        .await
        .unwrap();
    let trusted = family.client_of(TRUSTED).await;
    let body = measurements(&family, &trusted).await.1;
    assert!(body.contains("\"sent_to\":null"), "{body}");
    let answer = family
        .app
        .send_as(
            &trusted,
            SendDossierCode {
                page_id: family.page_id,
            },
        )
        .await;
    assert_eq!(answer.status(), StatusCode::BAD_REQUEST);
    assert!(error_message(answer).await.contains("Mijn gegevens"));
    let logged_out = family
        .app
        .send_as(
            &new_client(),
            Measurements {
                page_id: family.page_id,
                period: Period::default(),
            },
        )
        .await;
    assert_eq!(logged_out.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_burst_of_refusals_is_written_down_once_with_its_count_and_never_for_made_up_pages() {
    let family = family().await;
    let helper = family.client_of(HELPER).await;
    let before = family.app.count("dossier_access_log").await;
    for _ in 0..200 {
        let answer = measurements(&family, &helper).await;
        assert_eq!(answer.0, StatusCode::NOT_FOUND);
    }
    // Page ids that do not exist: refused, and nothing written.
    for made_up in [9_999, 123_456, -1] {
        let answer = family
            .app
            .call_as(
                &helper,
                "measurements",
                &[
                    ("page_id", &made_up.to_string()),
                    ("period", ""),
                    ("kind", ""),
                ],
            )
            .await;
        assert_eq!(answer.status(), StatusCode::NOT_FOUND);
    }
    let written = family.app.count("dossier_access_log").await - before;
    println!("200 refused looks by a helper: {written} rows written");
    assert!(
        (1..=2).contains(&written),
        "{written} rows (one, or two when the minute turned)"
    );
    let counted: i64 = db::query_scalar(
        "SELECT CAST(SUM(1 + COALESCE(r.repeats, 0)) AS BIGINT) FROM dossier_access_log l
         LEFT JOIN access_log_repeats r ON r.row_id = l.id
         WHERE l.role = 'helper' AND l.what = 'measurements_read'",
    )
    .fetch_one(family.app.state.db.reader())
    .await
    .unwrap();
    assert_eq!(counted, 200, "every refusal is counted");
    let made_up: i64 = db::query_scalar(
        "SELECT COUNT(*) FROM dossier_access_log WHERE care_page_id NOT IN (SELECT id FROM care_pages)",
    )
    .fetch_one(family.app.state.db.reader())
    .await
    .unwrap();
    assert_eq!(made_up, 0);

    // The admin sees the count, and pages through a log longer than a screen.
    let admin = family.client_of(ADMIN).await;
    open_dossier(&family, &admin, ADMIN_MOBILE).await;
    for _ in 0..250 {
        measurements(&family, &admin).await;
    }
    let first = log_screen(&family, &admin, None).await;
    assert_eq!(
        first.lines.len() as i64,
        kring_app::dossier::log_page::SHOWN_AT_MOST
    );
    assert!(first.more > 0);
    let mut seen = first.lines.len() as i64;
    let mut oldest = first.lines.last().unwrap().id;
    let total = first.more + seen;
    loop {
        let next = log_screen(&family, &admin, Some(oldest)).await;
        seen += next.lines.len() as i64;
        if next.more == 0 {
            assert!(next
                .lines
                .iter()
                .any(|line| line.refused && line.what.contains("(×")));
            break;
        }
        oldest = next.lines.last().unwrap().id;
    }
    // Reading the pages wrote rows of their own; everything before was seen.
    assert!(seen >= total, "{seen} of {total}");
}

/// One screen of "Wie keek in het dossier", the newest lines or those before `before`.
async fn log_screen(
    family: &Family,
    admin: &Client,
    before: Option<i64>,
) -> kring_app::dossier::log_page::AccessLogView {
    let screen: kring_app::dossier::Gated<kring_app::dossier::log_page::AccessLogView> = family
        .app
        .send_as(
            admin,
            DossierAccessLog {
                page_id: family.page_id,
                person: None,
                period: Period::default(),
                before,
            },
        )
        .await
        .json()
        .await
        .unwrap();
    match screen {
        kring_app::dossier::Gated::Open(view) => view,
        kring_app::dossier::Gated::Locked(_) => panic!("the log is open"),
    }
}

/// The decision of issue 30, point 13: one fresh code opens, for this
/// session, every dossier the account may open (as a clinician's login
/// does), for half an hour after the last look; each look is still written
/// to the log of its own page, and the policy still decides per page.
#[tokio::test]
async fn one_code_opens_the_dossiers_the_account_may_see_for_this_session_and_each_look_is_logged_per_page(
) {
    let family = family().await;
    let admin = family.client_of(ADMIN).await;
    open_dossier(&family, &admin, ADMIN_MOBILE).await;
    // Marieke starts a page for her father too: she is its admin.
    let created = family
        .app
        .send_as(
            &admin,
            kring_app::care_pages::api::CreateCarePage {
                first_name: "Gerrit".into(),
                last_name: "Bakker".into(),
                birth_date: DateField("1937-02-03".parse().ok()),
            },
        )
        .await;
    assert!(created.status().is_success() || created.status().is_redirection());
    let second: i64 = db::query_scalar("SELECT MAX(id) FROM care_pages")
        .fetch_one(family.app.state.db.reader())
        .await
        .unwrap();
    assert_ne!(second, family.page_id);
    let look = family
        .app
        .send_as(
            &admin,
            Measurements {
                page_id: second,
                period: Period::Year,
            },
        )
        .await
        .text()
        .await
        .unwrap();
    assert!(look.contains("Open"), "no second code: {look}");
    let logged: i64 = db::query_scalar(
        "SELECT COUNT(*) FROM dossier_access_log
         WHERE care_page_id = $1 AND what = 'measurements_read' AND account_name = 'Marieke Bakker'",
    )
    .bind(second)
    .fetch_one(family.app.state.db.reader())
    .await
    .unwrap();
    assert_eq!(logged, 1, "the look is in the second page's own log");
    // A page the account may not open stays closed, code or not.
    let helper_page = family
        .app
        .send_as(
            &family.client_of(HELPER).await,
            Measurements {
                page_id: second,
                period: Period::Year,
            },
        )
        .await;
    assert_eq!(helper_page.status(), StatusCode::NOT_FOUND);
}
