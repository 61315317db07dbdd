//! One body limit for every route and server function, answered before the
//! body is read, in Dutch.

use crate::common::{error_message, spawn_app};
use kring_app::accounts::registration::Register;
use kring_app::form_value::Checkbox;
use kring_server::body_limit::BODY_LIMIT;
use reqwest::StatusCode;

#[tokio::test]
async fn a_five_megabyte_form_is_refused_in_dutch_and_changes_nothing() {
    let app = spawn_app().await;
    let huge = "a".repeat(5 * 1024 * 1024);
    let response = app
        .send(Register {
            first_name: "Anna".into(),
            last_name: huge.to_string(),
            email: "anna@example.nl".into(),
            terms: Checkbox(true),
            code: String::new(),
            code_birth_date: Default::default(),
        })
        .await;
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert!(error_message(response).await.contains("te veel tekst"));
    assert_eq!(app.count("accounts").await, 0);
}

#[tokio::test]
async fn the_limit_holds_at_its_edge_and_without_a_declared_length() {
    let app = spawn_app().await;
    // `email=` plus padding: exactly at the limit is read (and refused as a bad
    // login), one byte more is not read at all.
    let at_limit = format!(
        "password=x&email={}",
        "a".repeat(BODY_LIMIT - "password=x&email=".len())
    );
    let send = |body: String| {
        app.client
            .post(format!("{}/api/login", app.address))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
    };
    assert_eq!(
        send(at_limit.clone()).await.unwrap().status(),
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        send(format!("{at_limit}a")).await.unwrap().status(),
        StatusCode::PAYLOAD_TOO_LARGE
    );
    // A streamed body has no Content-Length: it is cut off at the limit.
    let chunks: Vec<Result<Vec<u8>, std::io::Error>> =
        (0..100).map(|_| Ok(vec![b'a'; 8 * 1024])).collect();
    let streamed = app
        .client
        .post(format!("{}/api/login", app.address))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(reqwest::Body::wrap_stream(futures_util::stream::iter(
            chunks,
        )))
        .send()
        .await
        .unwrap();
    assert_eq!(streamed.status(), StatusCode::PAYLOAD_TOO_LARGE);
}

#[tokio::test]
async fn a_form_without_javascript_gets_the_message_as_text() {
    let app = spawn_app().await;
    let response = app
        .client
        .post(format!("{}/api/login", app.address))
        .header("accept", "text/html")
        .form(&[("email", "a".repeat(BODY_LIMIT))])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert!(response
        .text()
        .await
        .unwrap()
        .starts_with("Dit is te veel tekst"));
}
