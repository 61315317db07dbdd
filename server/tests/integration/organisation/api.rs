//! The REST API: every answer checked against the served OpenAPI document
//! (by a JSON Schema validator, not by eye), tokens of one organisation
//! reach nothing of another, a revoked token is refused, the same visit sent
//! twice is stored once, a bulk upload is all or nothing, and every write
//! to the dossier is in the access log.

use super::{hendrik, ineke, johanna_at_de_linde, login, scalar};
use crate::common::{demo_family, Family};
use kring_app::db;
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
    pub document: Value,
    pub http: Client,
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

pub fn tomorrow_at(time: &str) -> String {
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
    let start: chrono::NaiveDateTime =
        db::query_scalar("SELECT starts_at FROM visits WHERE external_id = 'ons-7'")
            .fetch_one(family.app.state.db.reader())
            .await
            .unwrap();
    assert_eq!(
        start.format("%Y-%m-%dT%H:%M").to_string(),
        tomorrow_at("11:15")
    );
    assert_eq!(
        scalar(
            &family,
            "SELECT COUNT(*) FROM visits WHERE external_id = 'ons-7'"
        )
        .await,
        1
    );
}
