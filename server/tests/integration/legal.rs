//! The terms and the privacy statement named at registration are real pages,
//! with Kring's defaults or the operator's own text.

use crate::common::{spawn_app, spawn_app_with};
use reqwest::StatusCode;

/// The page without Leptos's hydration markers (`<!>`).
fn without_markers(html: String) -> String {
    html.replace("<!>", "")
}

#[tokio::test]
async fn the_default_terms_and_privacy_statement_are_pages() {
    let app = spawn_app().await;
    for (path, title) in [
        ("/voorwaarden", "Voorwaarden"),
        ("/privacy", "Privacyverklaring"),
    ] {
        let page = app.get(path).await;
        assert_eq!(page.status(), StatusCode::OK, "{path}");
        let html = without_markers(page.text().await.unwrap());
        assert!(html.contains(&format!("<h1>{title}</h1>")), "{path}");
    }
    // Linked from the registration form.
    let form = app.get("/registreren").await.text().await.unwrap();
    assert!(form.contains("href=\"/voorwaarden\"") && form.contains("href=\"/privacy\""));
}

#[tokio::test]
async fn an_operator_replaces_them_with_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let terms = dir.path().join("voorwaarden.txt");
    std::fs::write(
        &terms,
        "# Voorwaarden van De Linde\n\nAlleen voor cliënten.",
    )
    .unwrap();
    let path = terms.clone();
    let app = spawn_app_with(move |settings| {
        settings.terms_file = Some(path);
        settings.privacy_file = Some("/bestaat/niet.txt".into());
    })
    .await;
    let html = without_markers(app.get("/voorwaarden").await.text().await.unwrap());
    assert!(html.contains("<h1>Voorwaarden van De Linde</h1>"));
    assert!(html.contains("Alleen voor cliënten."));
    // A file that cannot be read falls back to the default, not to an error.
    let privacy = app.get("/privacy").await;
    assert_eq!(privacy.status(), StatusCode::OK);
    assert!(without_markers(privacy.text().await.unwrap()).contains("<h1>Privacyverklaring</h1>"));
}
