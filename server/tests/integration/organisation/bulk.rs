//! Bulk uploads of measurements through the REST API: all or nothing,
//! one access-log row per page, and exactly the chart marks and weeks that
//! values saved one by one would leave.

use super::api::{earlier_today, token, Api};
use super::{ineke, johanna_at_de_linde, scalar};
use crate::common::{demo_family, Family};
use kring_app::db;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

#[tokio::test]
async fn a_bulk_upload_is_all_or_nothing_and_every_dossier_write_is_logged() {
    let family = demo_family().await;
    let admin = ineke(&family).await;
    let token = token(&family, &admin, None).await;
    let api = Api::new(&family).await;
    let linked = johanna_at_de_linde(&family).await;
    let measurements = "/api/v1/measurements";
    let before = family.app.count("measurements").await;
    let logged = || {
        scalar(
            &family,
            "SELECT COUNT(*) FROM dossier_access_log WHERE account_name LIKE 'API: %'",
        )
    };
    let mut many: Vec<Value> = (0..50)
        .map(|i| json!({"client_id": linked, "kind": "weight", "measured_at": earlier_today(), "value": 70.0 + i as f64 / 10.0}))
        .collect();
    many[2]["value"] = json!(400);
    let (status, problem) = api
        .call(
            Method::POST,
            measurements,
            measurements,
            Some(&token),
            Some(json!({ "measurements": many.clone() })),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(problem["errors"][0]["field"], "measurements[2].value");
    assert_eq!(family.app.count("measurements").await, before);
    assert_eq!(logged().await, 0);
    many[2]["value"] = json!(72);
    let (status, _) = api
        .call(
            Method::POST,
            measurements,
            measurements,
            Some(&token),
            Some(json!({ "measurements": many })),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(family.app.count("measurements").await, before + 50);
    // One row for the page touched, naming the token and the organisation.
    assert_eq!(logged().await, 1);
    let (name, provider): (String, String) = db::query_as(
        "SELECT account_name, provider_name FROM dossier_access_log WHERE account_name LIKE 'API: %'",
    )
    .fetch_one(family.app.state.db.reader())
    .await
    .unwrap();
    assert_eq!(
        (name.as_str(), provider.as_str()),
        ("API: Planning ONS", "Thuiszorg De Linde")
    );
    let too_many: Vec<Value> = (0..10_001)
        .map(|_| json!({"client_id": linked, "kind": "weight", "measured_at": earlier_today(), "value": 70}))
        .collect();
    let (status, _) = api
        .call(
            Method::POST,
            measurements,
            measurements,
            Some(&token),
            Some(json!({ "measurements": too_many })),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    // The chain of the access log still holds.
    assert!(
        kring_app::dossier::access_log::check_chain(&family.app.state.db)
            .await
            .unwrap()
            .is_ok()
    );
}

/// What the charts keep of a page's values: each value's marks and every
/// stored stretch (its total to a thousandth: a sum of floats depends on
/// the order the database adds them in).
async fn kept_of_charts(family: &Family) -> (Vec<(i64, bool, bool)>, Vec<String>) {
    let db = family.app.state.db.reader();
    let marks: Vec<(i64, bool, bool)> = db::query_as(
        "SELECT id, flagged, flagged_own FROM measurements WHERE care_page_id = $1 ORDER BY id",
    )
    .bind(family.page_id)
    .fetch_all(db)
    .await
    .unwrap();
    let weeks: Vec<String> = db::query_scalar(
        "SELECT kind || '|' || COALESCE(CAST(provider_id AS TEXT), '-') || '|' || weeks || '|' || week || '|' || count
                || '|' || low || '|' || high || '|' || CAST(ROUND(total * 1000) AS BIGINT)
         FROM measurement_weeks WHERE care_page_id = $1 ORDER BY 1",
    )
    .bind(family.page_id)
    .fetch_all(db)
    .await
    .unwrap();
    (marks, weeks)
}

#[tokio::test]
async fn a_bulk_upload_keeps_the_same_marks_and_weeks_as_values_saved_one_by_one() {
    let family = demo_family().await;
    let admin = ineke(&family).await;
    let token = token(&family, &admin, None).await;
    let api = Api::new(&family).await;
    let linked = johanna_at_de_linde(&family).await;
    // Sixty days of weights with a loss that the chart marks, and blood pressures.
    let now = kring_app::dates::now_local();
    let many: Vec<Value> = (1..=60)
        .flat_map(|day| {
            let at = (now - chrono::Duration::days(day)).format("%Y-%m-%dT%H:%M").to_string();
            let weight = if day < 20 { 64.0 } else { 70.0 } + (day % 3) as f64 / 10.0;
            [
                json!({"client_id": linked, "kind": "weight", "measured_at": at, "value": weight}),
                json!({"client_id": linked, "kind": "blood_pressure", "measured_at": at, "value": 150 + day % 20, "diastolic": 90}),
            ]
        })
        .collect();
    let measurements = "/api/v1/measurements";
    let (status, _) = api
        .call(
            Method::POST,
            measurements,
            measurements,
            Some(&token),
            Some(json!({ "measurements": many })),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    let bulk = kept_of_charts(&family).await;
    assert!(
        bulk.0.iter().any(|(_, flagged, _)| *flagged),
        "the loss is marked"
    );
    // Again, as if every value had been saved on its own, in the order saved.
    let rows: Vec<(String, chrono::NaiveDateTime)> = db::query_as(
        "SELECT kind, measured_at FROM measurements WHERE care_page_id = $1 ORDER BY id",
    )
    .bind(family.page_id)
    .fetch_all(family.app.state.db.reader())
    .await
    .unwrap();
    let mut conn = family.app.state.db.begin().await.unwrap();
    for (kind, at) in rows {
        let kind = match kind.as_str() {
            "weight" => kring_app::dossier::measurements::Kind::Weight,
            "blood_pressure" => kring_app::dossier::measurements::Kind::BloodPressure,
            _ => kring_app::dossier::measurements::Kind::BloodSugar,
        };
        kring_app::dossier::chart_writes::after_insert(&mut conn, family.page_id, kind, at)
            .await
            .unwrap();
    }
    conn.commit().await.unwrap();
    assert_eq!(kept_of_charts(&family).await, bulk);
}

/// A body over the API's bound is refused before it is read, as problem
/// details in English like every other API error, and nothing is stored.
#[tokio::test]
async fn a_body_over_the_bound_gets_problem_details_and_changes_nothing() {
    let family = demo_family().await;
    let linked = johanna_at_de_linde(&family).await;
    let before = family.app.count("measurements").await;
    let one = json!({"client_id": linked, "kind": "weight", "measured_at": earlier_today(), "value": 71.5});
    let body = json!({ "measurements": vec![one; 60_000] }).to_string();
    assert!(body.len() > 4 * 1024 * 1024);
    let response = crate::common::new_client()
        .post(format!("{}/api/v1/measurements", family.app.address))
        .bearer_auth(&family.api_token)
        .header("Content-Type", "application/json")
        .header("Accept-Language", "nl")
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(
        response.headers()["content-type"],
        "application/problem+json"
    );
    let problem: Value = response.json().await.unwrap();
    assert_eq!(problem["status"], 413);
    assert!(
        problem["detail"]
            .as_str()
            .unwrap()
            .contains("larger than 4 MiB"),
        "{problem}"
    );
    assert_eq!(family.app.count("measurements").await, before);
}
