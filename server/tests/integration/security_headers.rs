//! Every page goes out with its Content-Security-Policy, whose nonce is on
//! each inline script and new for each response, and with the headers that
//! keep the browser from sniffing types, framing Kring or leaking addresses.

use reqwest::Response;

/// The nonce named by the response's policy.
fn nonce_of(response: &Response) -> String {
    let policy = response.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(!policy.contains("unsafe-inline"), "{policy}");
    policy
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .expect("a nonce in the policy")
        .to_string()
}

/// Every `<script` tag of the page, as written.
fn script_tags(html: &str) -> Vec<&str> {
    html.match_indices("<script")
        .map(|(start, _)| &html[start..start + html[start..].find('>').unwrap()])
        .collect()
}

#[tokio::test]
async fn every_inline_script_carries_the_nonce_of_its_own_response() {
    let family = crate::common::demo_family().await;
    let admin = family.client_of(crate::common::ADMIN).await;
    let mut nonces = Vec::new();
    for path in [
        "/inloggen".to_string(),
        format!("/zorgpagina/{}/kalender", family.page_id),
        format!("/zorgpagina/{}/berichten", family.page_id),
        "/bestaat-niet".to_string(),
    ] {
        let response = family.app.get_as(&admin, &path).await;
        let nonce = nonce_of(&response);
        let headers = response.headers().clone();
        assert_eq!(headers["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(headers["x-frame-options"], "DENY", "{path}");
        assert_eq!(headers["referrer-policy"], "same-origin", "{path}");
        let html = response.text().await.unwrap();
        let scripts = script_tags(&html);
        assert!(!scripts.is_empty(), "{path} hydrates");
        for tag in scripts {
            assert!(tag.contains(&format!("nonce=\"{nonce}\"")), "{path}: {tag}");
        }
        nonces.push(nonce);
    }
    nonces.sort();
    nonces.dedup();
    assert_eq!(nonces.len(), 4, "a new nonce for every response");
}

#[tokio::test]
async fn every_answer_forbids_camera_microphone_and_location_and_plain_pages_have_a_policy_too() {
    let family = crate::common::demo_family().await;
    let admin = family.client_of(crate::common::ADMIN).await;
    for path in [
        "/inloggen".to_string(),
        format!("/zorgpagina/{}/kalender", family.page_id),
        "/api/v1/docs".to_string(),
        "/api/v1/openapi.json".to_string(),
        "/offline".to_string(),
        "/healthz".to_string(),
        "/bestaat-niet".to_string(),
    ] {
        let response = family.app.get_as(&admin, &path).await;
        let policy = response.headers()["permissions-policy"].to_str().unwrap();
        for feature in ["camera=()", "microphone=()", "geolocation=()"] {
            assert!(policy.contains(feature), "{path}: {policy}");
        }
        let html = response
            .headers()
            .get("content-type")
            .is_some_and(|v| v.to_str().unwrap().starts_with("text/html"));
        if html {
            let csp = response.headers()["content-security-policy"]
                .to_str()
                .unwrap();
            assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
            assert!(!csp.contains("unsafe-inline"), "{path}: {csp}");
        }
    }
    // The docs and the offline page have no scripts: their policy allows none.
    for path in ["/api/v1/docs", "/offline"] {
        let response = family.app.get(path).await;
        let csp = response.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .to_string();
        assert!(csp.starts_with("default-src 'none'"), "{path}: {csp}");
        assert!(!response.text().await.unwrap().contains("<script"));
    }
}
