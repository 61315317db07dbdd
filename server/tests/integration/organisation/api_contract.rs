//! The REST API's contract as a client reads it: the served document states
//! the parameters and bounds the server enforces, its docs page loads nothing
//! from elsewhere, and errors are English, name the field and give a true
//! reason. Several of these were found by Schemathesis (end2end/api/check).

use super::api::{tomorrow_at, Api};
use super::johanna_at_de_linde;
use crate::common::demo_family;
use reqwest::StatusCode;
use serde_json::{json, Value};

#[tokio::test]
async fn the_docs_page_reads_without_anything_from_elsewhere() {
    let family = demo_family().await;
    let response = family.app.get("/api/v1/docs").await;
    assert_eq!(response.status(), StatusCode::OK);
    let html = response.text().await.unwrap();
    for part in [
        "GET /api/v1/clients",
        "PUT /api/v1/visits/{external_id}",
        "measurements:write",
        "problem-not-linked",
    ] {
        assert!(html.contains(part), "{part}");
    }
    assert!(
        !html.contains("https://") && !html.contains("http://"),
        "loads nothing from elsewhere"
    );
}

/// The document says what the server does: paging is by optional query
/// parameters with the bounds the server enforces, and the token's scheme is
/// read in any case (RFC 9110).
#[tokio::test]
async fn the_document_states_the_paging_parameters_and_any_case_of_bearer_works() {
    let family = demo_family().await;
    let api = Api::new(&family).await;
    let parameters = api.document["paths"]["/api/v1/clients"]["get"]["parameters"]
        .as_array()
        .expect("parameters of GET /api/v1/clients")
        .clone();
    for name in ["after", "limit"] {
        let parameter = parameters
            .iter()
            .find(|p| p["name"] == name)
            .unwrap_or_else(|| panic!("{name} is documented"));
        assert_eq!(parameter["in"], "query", "{name}");
        assert_ne!(parameter["required"], true, "{name} is optional");
    }
    let limit = parameters.iter().find(|p| p["name"] == "limit").unwrap();
    assert_eq!(limit["schema"]["minimum"], 1);
    assert_eq!(limit["schema"]["maximum"], 500);

    let answer = api
        .http
        .get(format!("{}/api/v1/clients?limit=1", family.app.address))
        .header("Authorization", format!("bearer {}", family.api_token))
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 200);
    // Below the document's minimum is refused, not read as 0 (Schemathesis).
    let answer = api
        .http
        .get(format!("{}/api/v1/clients?after=-1", family.app.address))
        .bearer_auth(&family.api_token)
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 422);
    let problem: Value = answer.json().await.unwrap();
    assert_eq!(problem["errors"][0]["field"], "after");
}

/// An empty staff address is no staff member named, as absent is; the
/// visit is stored (Schemathesis sent one and got 422).
#[tokio::test]
async fn an_empty_employee_address_is_the_same_as_none() {
    let family = demo_family().await;
    let linked = johanna_at_de_linde(&family).await;
    let answer = crate::common::new_client()
        .put(format!("{}/api/v1/visits/leeg-1", family.app.address))
        .bearer_auth(&family.api_token)
        .json(&json!({"client_id": linked, "start": tomorrow_at("09:00"), "duration_minutes": 30, "employee_email": " "}))
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 201, "{}", answer.text().await.unwrap());
}

/// The API speaks English whatever the caller's language, names the field
/// with a reason that is true, and never the parser's position in the text.
#[tokio::test]
async fn errors_are_english_true_and_without_parser_positions() {
    let family = demo_family().await;
    let linked = johanna_at_de_linde(&family).await;
    let http = crate::common::new_client();
    let put = |body: Value| {
        http.put(format!("{}/api/v1/visits/ons-9", family.app.address))
            .bearer_auth(&family.api_token)
            .header("Accept-Language", "nl")
            .json(&body)
            .send()
    };
    let problem = |response: reqwest::Response| async move {
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let problem: Value = response.json().await.unwrap();
        (
            problem["errors"][0]["field"].as_str().unwrap().to_string(),
            problem["errors"][0]["message"]
                .as_str()
                .unwrap()
                .to_string(),
        )
    };

    let (field, message) = problem(put(json!({"client_id": linked, "title": "Dou\u{7}chen", "start": tomorrow_at("09:00"), "duration_minutes": 45})).await.unwrap()).await;
    assert_eq!(field, "title");
    assert!(message.contains("invisible characters"), "{message}");

    let (field, message) = problem(
        put(
            json!({"client_id": linked, "start": tomorrow_at("09:00"), "duration_minutes": "lang"}),
        )
        .await
        .unwrap(),
    )
    .await;
    assert_eq!(field, "duration_minutes");
    assert!(
        !message.contains("line") && !message.contains("column"),
        "{message}"
    );

    let yesterday = format!(
        "{}T09:00",
        kring_app::dates::today() - chrono::Duration::days(1)
    );
    let (field, message) = problem(
        put(json!({"client_id": linked, "start": yesterday, "duration_minutes": 45}))
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(field, "start");
    assert_eq!(
        message, "A visit is planned for today or later.",
        "English, not Dutch"
    );

    // A report from year 0 is refused for what it is, not as "in the future".
    let report = http
        .post(format!("{}/api/v1/reports", family.app.address))
        .bearer_auth(&family.api_token)
        .json(&json!({"client_id": linked, "kind": "general", "text": "Gewassen", "visited_at": "0000-01-01T00:00"}))
        .send()
        .await
        .unwrap();
    let (field, message) = problem(report).await;
    assert_eq!(field, "visited_at");
    assert_eq!(
        message,
        "Fill in a date and time between 1 January 2000 and now."
    );
    // An empty body is called empty (serde says only "expected value").
    let empty = http
        .post(format!("{}/api/v1/reports", family.app.address))
        .bearer_auth(&family.api_token)
        .header("Content-Type", "application/json")
        .send()
        .await
        .unwrap();
    let (_, message) = problem(empty).await;
    assert_eq!(message, "the body is empty; send a JSON object");
}

/// The document states the bounds the server enforces, from the same
/// constants, so that a generated client knows them.
#[tokio::test]
async fn the_document_states_the_bounds_the_server_enforces() {
    let family = demo_family().await;
    let api = Api::new(&family).await;
    let schemas = &api.document["components"]["schemas"];
    let measurements = &schemas["MeasurementsIn"]["properties"]["measurements"];
    assert_eq!(measurements["minItems"], 1);
    assert_eq!(
        measurements["maxItems"],
        kring_server::api_v1::dossier::MAX_MEASUREMENTS
    );
    let minutes = &schemas["VisitIn"]["properties"]["duration_minutes"];
    assert_eq!(
        minutes["minimum"],
        kring_app::organisation::visits::MIN_MINUTES
    );
    assert_eq!(
        minutes["maximum"],
        kring_app::organisation::visits::MAX_MINUTES
    );
    assert_eq!(
        schemas["VisitIn"]["properties"]["title"]["maxLength"],
        kring_app::organisation::visits::MAX_TITLE
    );
    let text = &schemas["ReportIn"]["properties"]["text"];
    assert_eq!(text["minLength"], 1);
    assert_eq!(
        text["maxLength"],
        kring_app::dossier::reports::BODY_MAX_CHARS
    );
    for (schema, field) in [
        ("ReportIn", "visited_at"),
        ("MeasurementIn", "measured_at"),
        ("VisitIn", "start"),
    ] {
        assert!(
            schemas[schema]["properties"][field]["pattern"].is_string(),
            "{schema}.{field} has a pattern"
        );
        assert_eq!(
            schemas[schema]["properties"][field]["pattern"],
            kring_server::api_v1::LOCAL_TIME_PATTERN,
            "{schema}.{field} has the one pattern of a local time"
        );
    }
    let value = &schemas["MeasurementIn"]["properties"]["value"];
    assert!(
        value["minimum"].is_number() && value["maximum"].is_number(),
        "{value}"
    );
}
