//! The API's OpenAPI 3.1 document, generated from the handlers and types
//! above (`/api/v1/openapi.json`), and a readable page made from it on the
//! server (`/api/v1/docs`) that loads nothing from elsewhere.

use super::{clients, dossier, problem, visits};
use axum::response::{Html, IntoResponse, Response};
use axum::Json;
use kring_app::shell::plain_page::escape_html;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Kring API",
        version = "1",
        description = "For a home-care organisation's own systems (client record, planning). \
            Authenticate with a token made by the organisation admin under Organisatie → API: \
            `Authorization: Bearer kring_…`. Each token has scopes; every call reads and writes \
            only the organisation's own clients, and an id of another organisation's client \
            answers 404, as one that does not exist. Times are local in the Netherlands \
            (`YYYY-MM-DDTHH:MM`). Errors are RFC 9457 problem details."
    ),
    paths(
        clients::list, clients::one, visits::upsert, visits::cancel,
        dossier::report, dossier::measurements,
    ),
    components(schemas(
        problem::Problem, problem::FieldProblem,
        clients::Client, clients::Link, clients::LinkState, clients::ClientList,
        visits::VisitIn, visits::VisitOut,
        dossier::ReportIn, dossier::ApiReportKind, dossier::MeasurementIn,
        dossier::ApiMeasurementKind, dossier::MeasurementsIn, dossier::Stored,
    )),
    modifiers(&BearerToken),
    tags(
        (name = "clients", description = "The organisation's clients and whether each is linked to a family's care page"),
        (name = "visits", description = "Planned visits, in the family's calendar at once"),
        (name = "dossier", description = "Reports and measurements: medical data, every write in the access log"),
    )
)]
pub struct ApiDoc;

struct BearerToken;

impl Modify for BearerToken {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        if let Some(components) = openapi.components.as_mut() {
            components.add_security_scheme(
                "bearer",
                SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
            );
        }
    }
}

pub async fn document() -> Response {
    Json(ApiDoc::openapi()).into_response()
}

/// The document as a page: every operation with its scope, parameters,
/// body and answers, and every schema with its fields.
pub async fn docs() -> Html<String> {
    let doc = serde_json::to_value(ApiDoc::openapi()).unwrap_or_default();
    let mut html = String::from(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>Kring API</title><link rel=\"stylesheet\" href=\"/pkg/kring.css\"></head>\
         <body><main class=\"app api-docs\"><section class=\"card\">",
    );
    let info = &doc["info"];
    html.push_str(&format!(
        "<h1>{}</h1><p>{}</p><p><a href=\"{}\">openapi.json</a></p></section>",
        escape_html(info["title"].as_str().unwrap_or_default()),
        escape_html(info["description"].as_str().unwrap_or_default()),
        kring_app::routes::API_OPENAPI,
    ));
    if let Some(paths) = doc["paths"].as_object() {
        for (path, operations) in paths {
            let Some(operations) = operations.as_object() else {
                continue;
            };
            for (method, operation) in operations {
                html.push_str(&operation_html(path, method, operation));
            }
        }
    }
    html.push_str("<section class=\"card\"><h2>Schemas</h2>");
    if let Some(schemas) = doc["components"]["schemas"].as_object() {
        for (name, schema) in schemas {
            html.push_str(&format!(
                "<h3 id=\"schema-{0}\">{0}</h3><pre>{1}</pre>",
                escape_html(name),
                escape_html(&serde_json::to_string_pretty(schema).unwrap_or_default())
            ));
        }
    }
    html.push_str("<h2>Problems</h2><dl>");
    for (id, meaning) in [
        ("unauthorized", "401: no token, or not a live one."),
        ("scope", "403: the token lacks the scope the call needs."),
        ("not-found", "404: no such item of your organisation."),
        ("not-linked", "409: the client has no linked care page yet."),
        ("media-type", "415: the body is not application/json."),
        (
            "invalid",
            "422: a field is not right (see `errors`); nothing was changed.",
        ),
        ("internal", "500: our fault; nothing was changed."),
    ] {
        html.push_str(&format!(
            "<dt id=\"problem-{id}\">{id}</dt><dd>{meaning}</dd>"
        ));
    }
    html.push_str("</dl></section></main></body></html>");
    Html(html)
}

fn operation_html(path: &str, method: &str, operation: &serde_json::Value) -> String {
    let mut html = format!(
        "<section class=\"card\"><h2><code>{} {}</code></h2><p>{}</p>",
        method.to_uppercase(),
        escape_html(path),
        escape_html(
            operation["description"]
                .as_str()
                .or(operation["summary"].as_str())
                .unwrap_or_default()
        ),
    );
    if let Some(scopes) = operation["security"][0]["bearer"].as_array() {
        let scopes: Vec<&str> = scopes.iter().filter_map(|s| s.as_str()).collect();
        html.push_str(&format!("<p>Scope: <code>{}</code></p>", scopes.join(", ")));
    }
    if let Some(parameters) = operation["parameters"].as_array() {
        html.push_str("<h3>Parameters</h3><ul>");
        for parameter in parameters {
            html.push_str(&format!(
                "<li><code>{}</code> ({}) {}</li>",
                escape_html(parameter["name"].as_str().unwrap_or_default()),
                escape_html(parameter["in"].as_str().unwrap_or_default()),
                escape_html(parameter["description"].as_str().unwrap_or_default()),
            ));
        }
        html.push_str("</ul>");
    }
    if let Some(body) =
        operation["requestBody"]["content"]["application/json"]["schema"]["$ref"].as_str()
    {
        let name = body.rsplit('/').next().unwrap_or_default();
        html.push_str(&format!(
            "<p>Body: <a href=\"#schema-{0}\">{0}</a></p>",
            escape_html(name)
        ));
    }
    if let Some(responses) = operation["responses"].as_object() {
        html.push_str("<h3>Answers</h3><ul>");
        for (status, response) in responses {
            html.push_str(&format!(
                "<li><strong>{}</strong> {}</li>",
                escape_html(status),
                escape_html(response["description"].as_str().unwrap_or_default())
            ));
        }
        html.push_str("</ul>");
    }
    html.push_str("</section>");
    html
}
