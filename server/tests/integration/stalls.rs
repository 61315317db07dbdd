//! No page waits forever. Leptos switches resource loading off for the whole
//! process while it makes a route list (upstream leptos-rs/leptos#4773); a
//! page whose data began loading meanwhile never finished. These tests build
//! routers on another thread while pages render, as the test suite itself
//! does with its many apps (before the fix: 54 of 320 renders stalled).

use crate::common::*;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_finish_while_another_app_builds_its_router() {
    let family = demo_family().await;
    let client = family.client_of("marieke@kring.test").await;
    let pages = [
        format!("/zorgpagina/{}/kalender", family.page_id),
        format!("/zorgpagina/{}", family.page_id),
        "/inloggen".to_string(),
    ];
    let stop = Arc::new(AtomicBool::new(false));
    let builder = {
        let stop = stop.clone();
        let state = family.app.state.clone();
        let runtime = tokio::runtime::Handle::current();
        std::thread::spawn(move || {
            let _inside = runtime.enter();
            let mut built = 0;
            while !stop.load(Ordering::Relaxed) {
                drop(kring_server::router(state.clone()));
                built += 1;
            }
            built
        })
    };
    let mut unfinished = Vec::new();
    for round in 0..25 {
        let renders = (0..8).map(|n| {
            let path = &pages[(round + n) % pages.len()];
            let request = client
                .get(format!("{}{path}", family.app.address))
                .timeout(Duration::from_secs(10))
                .send();
            async move {
                match request.await {
                    Ok(response) => response.text().await.map(|_| ()).map_err(|_| path),
                    Err(_) => Err(path),
                }
            }
        });
        for result in futures_util::future::join_all(renders).await {
            if let Err(path) = result {
                unfinished.push(path.clone());
            }
        }
    }
    stop.store(true, Ordering::Relaxed);
    let built = builder.join().expect("the builder thread");
    assert!(built > 0, "routers were built while pages rendered");
    assert_eq!(
        unfinished,
        Vec::<String>::new(),
        "pages that did not finish in 10 s"
    );
}

/// Past the time limit (here: none at all, so that every answer that is not
/// ready at once is too late) every kind of caller gets a 503
/// it can read: a person a page in their language with a link to try again,
/// the app's own code its typed error, an API client problem details.
#[tokio::test]
async fn an_answer_past_the_time_limit_is_a_503_that_says_to_try_again() {
    let family = demo_family_with(|settings| settings.answer_within = Duration::ZERO).await;
    let app = &family.app;

    let page = app
        .get_page(
            &app.client,
            "/inloggen?terug=%2Fzorgpagina%2F1",
            &[("Accept", "text/html")],
        )
        .await;
    assert_eq!(page.status(), 503);
    assert_eq!(page.headers()["retry-after"], "5");
    let html = page.text().await.unwrap();
    assert!(html.contains("<h1>Dit duurt te lang</h1>"), "{html}");
    assert!(
        html.contains("href=\"/inloggen?terug=%2Fzorgpagina%2F1\">Probeer het opnieuw</a>"),
        "{html}"
    );

    let english = app
        .get_page(&app.client, "/inloggen", &[("Accept-Language", "en")])
        .await;
    assert_eq!(english.status(), 503);
    assert!(english
        .text()
        .await
        .unwrap()
        .contains("<h1>This is taking too long</h1>"));

    let login = app
        .call(
            "login",
            &[
                ("email", "marieke@kring.test"),
                ("password", kring_app::demo::DEMO_PASSWORD),
            ],
        )
        .await;
    assert_eq!(login.status(), 503);
    let error: kring_app::error::AppError = login.json().await.unwrap();
    assert_eq!(error, kring_app::error::AppError::TookTooLong);

    let api = app
        .client
        .get(format!("{}/api/v1/clients", app.address))
        .bearer_auth(&family.api_token)
        .send()
        .await
        .unwrap();
    assert_eq!(api.status(), 503);
    assert_eq!(api.headers()["content-type"], "application/problem+json");
    let problem: serde_json::Value = api.json().await.unwrap();
    assert_eq!(problem["type"], "/api/v1/docs#problem-too-slow");
}
