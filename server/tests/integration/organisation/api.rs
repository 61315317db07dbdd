//! The REST API: every answer checked against the served OpenAPI document
//! (by a JSON Schema validator, not by eye), tokens of one organisation
//! reach nothing of another, a revoked token is refused, the same visit sent
//! twice is stored once, a bulk upload is all or nothing, and every write
//! to the dossier is in the access log.

use super::{hendrik, ineke, johanna_at_de_linde, login, scalar};
use crate::common::{demo_family, Family};
use kring_app::demo::JORIS;
use kring_app::form_value::Checkbox;
use kring_app::organisation::tokens::{CreateToken, RevokeToken};
use reqwest::{Client, Method, StatusCode};
use serde_json::{json, Value};

/// A token of the logged-in organisation admin, with every scope but `skip`.
pub async fn token(family: &Family, admin: &Client, skip: Option<&str>) -> String {
    let tick = |scope: &str| Checkbox(skip != Some(scope));
    let response = family
        .app
        .send_as(
            admin,
            CreateToken {
                name: "Planning ONS".into(),
                clients_read: tick("clients:read"),
                visits_write: tick("visits:write"),
                reports_write: tick("reports:write"),
                measurements_write: tick("measurements:write"),
            },
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

/// Calls the API and checks the answer against the document: the status
/// must be documented for the operation, and the body must fit its schema.
pub struct Api<'a> {
    family: &'a Family,
    document: Value,
    http: Client,
}

impl<'a> Api<'a> {
    pub async fn new(family: &'a Family) -> Api<'a> {
        let http = crate::common::new_client();
        let document: Value = http
            .get(format!("{}/api/v1/openapi.json", family.app.address))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(document["openapi"].as_str().map(|v| &v[..3]), Some("3.1"));
        Api {
            family,
            document,
            http,
        }
    }

    /// `template` is the documented path ("/api/v1/clients/{id}").
    pub async fn call(
        &self,
        method: Method,
        template: &str,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        let mut request = self
            .http
            .request(method.clone(), format!("{}{path}", self.family.app.address));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.unwrap();
        let status = response.status();
        let content_type = response
            .headers()
            .get("content-type")
            .map(|v| v.to_str().unwrap().to_string());
        let text = response.text().await.unwrap();
        let body: Value = if text.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).unwrap()
        };
        self.check(&method, template, status, content_type.as_deref(), &body);
        (status, body)
    }

    fn check(
        &self,
        method: &Method,
        template: &str,
        status: StatusCode,
        content_type: Option<&str>,
        body: &Value,
    ) {
        let operation = &self.document["paths"][template][method.as_str().to_lowercase()];
        assert!(
            operation.is_object(),
            "{method} {template} is not documented"
        );
        let response = &operation["responses"][status.as_u16().to_string()];
        assert!(
            response.is_object(),
            "{method} {template}: {status} is not documented ({body})"
        );
        let Some(content) = response["content"].as_object() else {
            assert!(
                body.is_null(),
                "{method} {template} {status}: a body the document does not name"
            );
            return;
        };
        let (media, described) = content.iter().next().unwrap();
        assert_eq!(
            content_type,
            Some(media.as_str()),
            "{method} {template} {status}"
        );
        let mut schema = described["schema"].clone();
        schema["components"] = self.document["components"].clone();
        let validator = jsonschema::validator_for(&schema).expect("a schema");
        let errors: Vec<String> = validator.iter_errors(body).map(|e| e.to_string()).collect();
        assert!(
            errors.is_empty(),
            "{method} {template} {status}: {errors:?} in {body}"
        );
    }
}

fn visit(client_id: i64, start: &str) -> Value {
    json!({"client_id": client_id, "title": "Douchen", "start": start, "duration_minutes": 45, "employee_email": "fatima@delinde.test"})
}

fn tomorrow_at(time: &str) -> String {
    format!(
        "{}T{time}",
        kring_app::dates::today() + chrono::Duration::days(1)
    )
}

pub fn earlier_today() -> String {
    (kring_app::dates::now_local() - chrono::Duration::hours(1))
        .format("%Y-%m-%dT%H:%M")
        .to_string()
}

#[tokio::test]
async fn every_answer_fits_the_served_openapi_document() {
    let family = demo_family().await;
    let admin = ineke(&family).await;
    let full = token(&family, &admin, None).await;
    let no_reports = token(&family, &admin, Some("reports:write")).await;
    let api = Api::new(&family).await;
    let linked = johanna_at_de_linde(&family).await;
    let unlinked = hendrik(&family).await;
    let get = Method::GET;
    let clients = "/api/v1/clients";
    let one = "/api/v1/clients/{id}";

    let (status, list) = api
        .call(get.clone(), clients, clients, Some(&full), None)
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(list["clients"].as_array().unwrap().len(), 3);
    let (status, page) = api
        .call(
            get.clone(),
            clients,
            "/api/v1/clients?limit=1",
            Some(&full),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(page["next_after"].is_i64());
    assert_eq!(
        api.call(
            get.clone(),
            clients,
            "/api/v1/clients?limit=0",
            Some(&full),
            None
        )
        .await
        .0,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(
        api.call(get.clone(), clients, clients, None, None).await.0,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        api.call(get.clone(), clients, clients, Some("kring_nonsense"), None)
            .await
            .0,
        StatusCode::UNAUTHORIZED
    );
    let (status, client) = api
        .call(
            get.clone(),
            one,
            &format!("/api/v1/clients/{linked}"),
            Some(&full),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(client["link"]["status"], "linked");
    assert_eq!(
        api.call(get.clone(), one, "/api/v1/clients/99999", Some(&full), None)
            .await
            .0,
        StatusCode::NOT_FOUND
    );

    let visits = "/api/v1/visits/{external_id}";
    let (status, _) = api
        .call(
            Method::PUT,
            visits,
            "/api/v1/visits/ons-1",
            Some(&full),
            Some(visit(linked, &tomorrow_at("09:00"))),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    let (status, _) = api
        .call(
            Method::PUT,
            visits,
            "/api/v1/visits/ons-1",
            Some(&full),
            Some(visit(linked, &tomorrow_at("09:00"))),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = api
        .call(
            Method::PUT,
            visits,
            "/api/v1/visits/ons-2",
            Some(&full),
            Some(visit(unlinked, &tomorrow_at("09:00"))),
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    let (status, problem) = api.call(Method::PUT, visits, "/api/v1/visits/ons-2", Some(&full), Some(json!({"client_id": linked, "start": tomorrow_at("09:00"), "duration_minutes": 45, "colour": "red"}))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        problem["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("colour"),
        "{problem}"
    );
    let (status, problem) = api.call(Method::PUT, visits, "/api/v1/visits/ons-2", Some(&full), Some(json!({"client_id": linked, "start": tomorrow_at("09:00"), "duration_minutes": "lang"}))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(problem["errors"][0]["field"], "duration_minutes");
    let (status, problem) = api.call(Method::PUT, visits, "/api/v1/visits/ons-2", Some(&full), Some(json!({"client_id": linked, "start": tomorrow_at("09:00"), "duration_minutes": 900}))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(problem["errors"][0]["field"], "duration_minutes");
    let plain = api
        .http
        .put(format!("{}/api/v1/visits/ons-3", family.app.address))
        .bearer_auth(&full)
        .body("client_id=1")
        .send()
        .await
        .unwrap();
    let status = plain.status();
    let content_type = plain.headers()["content-type"]
        .to_str()
        .unwrap()
        .to_string();
    let body: Value = plain.json().await.unwrap();
    api.check(&Method::PUT, visits, status, Some(&content_type), &body);
    assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    // JSON that is not JSON: named, nothing changed.
    let broken = api
        .http
        .put(format!("{}/api/v1/visits/ons-3", family.app.address))
        .bearer_auth(&full)
        .header("content-type", "application/json")
        .body("{\"client_id\": ")
        .send()
        .await
        .unwrap();
    let status = broken.status();
    let content_type = broken.headers()["content-type"]
        .to_str()
        .unwrap()
        .to_string();
    let body: Value = broken.json().await.unwrap();
    api.check(&Method::PUT, visits, status, Some(&content_type), &body);
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        scalar(
            &family,
            "SELECT COUNT(*) FROM visits WHERE external_id = 'ons-3'"
        )
        .await,
        0
    );
    assert_eq!(
        api.call(
            Method::DELETE,
            visits,
            "/api/v1/visits/ons-1",
            Some(&full),
            None
        )
        .await
        .0,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        api.call(
            Method::DELETE,
            visits,
            "/api/v1/visits/ons-1",
            Some(&full),
            None
        )
        .await
        .0,
        StatusCode::NOT_FOUND
    );

    let reports = "/api/v1/reports";
    let report = json!({"client_id": linked, "kind": "general", "visited_at": earlier_today(), "text": "Goed gegeten, wandeling gemaakt."});
    assert_eq!(
        api.call(
            Method::POST,
            reports,
            reports,
            Some(&full),
            Some(report.clone())
        )
        .await
        .0,
        StatusCode::CREATED
    );
    assert_eq!(
        api.call(
            Method::POST,
            reports,
            reports,
            Some(&no_reports),
            Some(report)
        )
        .await
        .0,
        StatusCode::FORBIDDEN
    );
    // The form's rules hold here too: no control characters (a NUL, an
    // escape that would recolour a terminal), and nothing is stored.
    let stored_before = family.app.count("reports").await;
    for text in ["a\u{0}b", "a\u{1b}[31mb", "regel\u{7}"] {
        let bad = json!({"client_id": linked, "kind": "general", "visited_at": earlier_today(), "text": text});
        let (status, problem) = api
            .call(Method::POST, reports, reports, Some(&full), Some(bad))
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{text:?}");
        assert_eq!(problem["errors"][0]["field"], "text");
    }
    assert_eq!(family.app.count("reports").await, stored_before);
    let measurements = "/api/v1/measurements";
    let upload = json!({"measurements": [
        {"client_id": linked, "kind": "weight", "measured_at": earlier_today(), "value": 71.5},
        {"client_id": linked, "kind": "blood_pressure", "measured_at": earlier_today(), "value": 135, "diastolic": 85, "pulse": 70},
    ]});
    let (status, stored) = api
        .call(
            Method::POST,
            measurements,
            measurements,
            Some(&full),
            Some(upload),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(stored["stored"], 2);
}

#[tokio::test]
async fn a_token_reaches_only_its_own_organisation_and_a_revoked_one_nothing() {
    let family = demo_family().await;
    let ineke = ineke(&family).await;
    let de_linde = token(&family, &ineke, None).await;
    let joris = login(&family, JORIS).await;
    let practice = token(&family, &joris, None).await;
    let api = Api::new(&family).await;
    let linked = johanna_at_de_linde(&family).await;
    let before = (
        family.app.count("visits").await,
        family.app.count("reports").await,
        family.app.count("measurements").await,
    );
    // The practice's token names De Linde's client: as if it did not exist.
    let one = "/api/v1/clients/{id}";
    assert_eq!(
        api.call(
            Method::GET,
            one,
            &format!("/api/v1/clients/{linked}"),
            Some(&practice),
            None
        )
        .await
        .0,
        StatusCode::NOT_FOUND
    );
    let visits = "/api/v1/visits/{external_id}";
    assert_eq!(
        api.call(
            Method::PUT,
            visits,
            "/api/v1/visits/x-1",
            Some(&practice),
            Some(visit(linked, &tomorrow_at("10:00")))
        )
        .await
        .0,
        StatusCode::NOT_FOUND
    );
    let reports = "/api/v1/reports";
    let report = json!({"client_id": linked, "kind": "medical", "visited_at": earlier_today(), "text": "Bloeddruk hoog."});
    assert_eq!(
        api.call(
            Method::POST,
            reports,
            reports,
            Some(&practice),
            Some(report.clone())
        )
        .await
        .0,
        StatusCode::NOT_FOUND
    );
    let (_, list) = api
        .call(
            Method::GET,
            "/api/v1/clients",
            "/api/v1/clients",
            Some(&practice),
            None,
        )
        .await;
    let names: Vec<&str> = list["clients"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["first_name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Johanna"]);
    assert_eq!(
        (
            family.app.count("visits").await,
            family.app.count("reports").await,
            family.app.count("measurements").await
        ),
        before
    );
    // De Linde's own visit cannot be cancelled by the practice either.
    assert_eq!(
        api.call(
            Method::PUT,
            visits,
            "/api/v1/visits/x-1",
            Some(&de_linde),
            Some(visit(linked, &tomorrow_at("10:00")))
        )
        .await
        .0,
        StatusCode::CREATED
    );
    assert_eq!(
        api.call(
            Method::DELETE,
            visits,
            "/api/v1/visits/x-1",
            Some(&practice),
            None
        )
        .await
        .0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        scalar(
            &family,
            "SELECT COUNT(*) FROM visits WHERE external_id = 'x-1'"
        )
        .await,
        1
    );

    // Revoked: refused from the next request on.
    let id = scalar(
        &family,
        "SELECT MAX(id) FROM api_tokens WHERE provider_id = 1",
    )
    .await;
    let response = family
        .app
        .send_as(&ineke, RevokeToken { token_id: id })
        .await;
    assert!(response.status().is_success() || response.status().is_redirection());
    assert_eq!(
        api.call(
            Method::GET,
            "/api/v1/clients",
            "/api/v1/clients",
            Some(&de_linde),
            None
        )
        .await
        .0,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        scalar(
            &family,
            "SELECT COUNT(*) FROM api_tokens WHERE last_used_at IS NOT NULL"
        )
        .await,
        2
    );
}

#[tokio::test]
async fn the_same_visit_twice_is_stored_once_and_a_change_changes_it() {
    let family = demo_family().await;
    let admin = ineke(&family).await;
    let token = token(&family, &admin, None).await;
    let api = Api::new(&family).await;
    let linked = johanna_at_de_linde(&family).await;
    let visits = "/api/v1/visits/{external_id}";
    // The demo's printed token works as any other.
    let demo = family.api_token.clone();
    let (status, _) = api
        .call(
            Method::GET,
            "/api/v1/clients",
            "/api/v1/clients",
            Some(&demo),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    for _ in 0..2 {
        api.call(
            Method::PUT,
            visits,
            "/api/v1/visits/ons-7",
            Some(&token),
            Some(visit(linked, &tomorrow_at("08:00"))),
        )
        .await;
    }
    assert_eq!(
        scalar(
            &family,
            "SELECT COUNT(*) FROM visits WHERE external_id = 'ons-7'"
        )
        .await,
        1
    );
    api.call(
        Method::PUT,
        visits,
        "/api/v1/visits/ons-7",
        Some(&token),
        Some(visit(linked, &tomorrow_at("11:15"))),
    )
    .await;
    let start: String =
        sqlx::query_scalar("SELECT starts_at FROM visits WHERE external_id = 'ons-7'")
            .fetch_one(family.app.state.db.reader())
            .await
            .unwrap();
    assert_eq!(start, tomorrow_at("11:15"));
    assert_eq!(
        scalar(
            &family,
            "SELECT COUNT(*) FROM visits WHERE external_id = 'ons-7'"
        )
        .await,
        1
    );
}

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
