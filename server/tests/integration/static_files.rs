//! What a phone downloads: the bundle compressed (the build's own brotli and
//! gzip copies, or compressed on the way out), kept for a year when its name
//! carries a hash, and answered without a stall on a kept-alive connection;
//! pages compressed too, and never kept.

use crate::common::{spawn_app_with_options, TestApp};
use std::io::Read;
use std::path::Path;
use std::time::{Duration, Instant};

const STYLE: &str = "kring.Xb3_hash.css";
const BUNDLE: &str = "kring.Qw9-hash.wasm";

/// A built site in a temporary folder: a style sheet without compressed
/// copies, and a bundle with them (each copy's content tells which was sent).
fn built_site(root: &Path) -> String {
    let pkg = root.join("pkg");
    std::fs::create_dir_all(&pkg).unwrap();
    let style = "main { margin: 0 auto; padding: 1rem; }\n".repeat(200);
    std::fs::write(pkg.join(STYLE), &style).unwrap();
    std::fs::write(pkg.join(BUNDLE), b"\0asm plain").unwrap();
    std::fs::write(pkg.join(format!("{BUNDLE}.br")), b"brotli copy").unwrap();
    std::fs::write(pkg.join(format!("{BUNDLE}.gz")), b"gzip copy").unwrap();
    style
}

async fn app_serving(root: &Path, hashed: bool) -> TestApp {
    let root = root.to_str().unwrap().to_string();
    spawn_app_with_options(
        |_| {},
        move |options| {
            options.site_root = root.into();
            options.site_pkg_dir = "pkg".into();
            options.hash_files = hashed;
        },
    )
    .await
}

async fn fetch(app: &TestApp, path: &str, accept: &str) -> reqwest::Response {
    let mut request = app.client.get(format!("{}{path}", app.address));
    if !accept.is_empty() {
        request = request.header("accept-encoding", accept);
    }
    request.send().await.unwrap()
}

fn header(response: &reqwest::Response, name: &str) -> String {
    response
        .headers()
        .get_all(name)
        .iter()
        .map(|value| value.to_str().unwrap().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

#[tokio::test]
async fn the_builds_compressed_copies_go_out_as_the_browser_accepts_them() {
    let site = tempfile::tempdir().unwrap();
    built_site(site.path());
    let app = app_serving(site.path(), true).await;
    let path = format!("/pkg/{BUNDLE}");
    for (accept, encoding, body) in [
        ("gzip, deflate, br, zstd", "br", "brotli copy"),
        ("gzip", "gzip", "gzip copy"),
        ("", "", "\0asm plain"),
    ] {
        let response = fetch(&app, &path, accept).await;
        assert_eq!(response.status(), 200, "{accept}");
        assert_eq!(header(&response, "content-encoding"), encoding, "{accept}");
        assert_eq!(header(&response, "content-type"), "application/wasm");
        assert_eq!(
            header(&response, "cache-control"),
            "public, max-age=31536000, immutable"
        );
        assert!(header(&response, "vary").contains("accept-encoding"));
        assert_eq!(response.text().await.unwrap(), body, "{accept}");
    }
}

#[tokio::test]
async fn a_file_without_copies_is_compressed_on_the_way_out() {
    let site = tempfile::tempdir().unwrap();
    let style = built_site(site.path());
    let app = app_serving(site.path(), true).await;
    let path = format!("/pkg/{STYLE}");

    let brotli = fetch(&app, &path, "br").await;
    assert_eq!(header(&brotli, "content-encoding"), "br");
    assert!(brotli.bytes().await.unwrap().len() < style.len() / 10);

    let gzip = fetch(&app, &path, "gzip").await;
    assert_eq!(header(&gzip, "content-encoding"), "gzip");
    assert_eq!(header(&gzip, "content-type"), "text/css");
    let mut unpacked = String::new();
    flate2::read::GzDecoder::new(&gzip.bytes().await.unwrap()[..])
        .read_to_string(&mut unpacked)
        .unwrap();
    assert_eq!(unpacked, style);

    // A WASM bundle without copies (a debug build's is 20 MB) goes as it is.
    std::fs::write(
        site.path().join("pkg/kring.Debug_hash.wasm"),
        vec![7u8; 64 * 1024],
    )
    .unwrap();
    let bundle = fetch(&app, "/pkg/kring.Debug_hash.wasm", "br, gzip").await;
    assert_eq!(bundle.status(), 200);
    assert_eq!(header(&bundle, "content-encoding"), "");
    assert_eq!(bundle.bytes().await.unwrap().len(), 64 * 1024);
}

#[tokio::test]
async fn without_hashed_names_the_browser_asks_each_time_and_a_missing_file_is_not_kept() {
    let site = tempfile::tempdir().unwrap();
    built_site(site.path());
    let app = app_serving(site.path(), false).await;
    let found = fetch(&app, &format!("/pkg/{STYLE}"), "").await;
    assert_eq!(header(&found, "cache-control"), "no-cache");

    let hashed = app_serving(site.path(), true).await;
    let missing = fetch(&hashed, "/pkg/kring.Old_hash.wasm", "br").await;
    assert_eq!(missing.status(), 404);
    assert!(!header(&missing, "cache-control").contains("immutable"));
}

#[tokio::test]
async fn pages_and_answers_are_compressed_and_never_kept() {
    let site = tempfile::tempdir().unwrap();
    built_site(site.path());
    let app = app_serving(site.path(), false).await;
    let page = fetch(&app, "/inloggen", "br").await;
    assert_eq!(page.status(), 200);
    assert_eq!(header(&page, "content-encoding"), "br");
    assert_eq!(header(&page, "cache-control"), "no-store");
    let html = fetch(&app, "/inloggen", "").await.text().await.unwrap();
    assert!(html.contains("<link rel=\"stylesheet\" id=\"leptos\" href=\"/pkg/kring."));

    let answer = app
        .client
        .post(format!("{}/api/viewer", app.address))
        .header("accept-encoding", "gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(header(&answer, "cache-control"), "no-store");
}

/// A split build (`cargo leptos build --split`) lists the files of each part
/// of the bundle; a page asks the browser for its part's files at once, in a
/// `Link` header, every time (Leptos' own links came with half the pages).
#[tokio::test]
async fn each_page_asks_for_the_files_of_its_part_of_the_bundle_every_time() {
    let site = tempfile::tempdir().unwrap();
    built_site(site.path());
    std::fs::write(
        site.path().join("pkg/__wasm_split_manifest.json"),
        r#"{"start_part_123": ["chunk_1", "split_start_part_123"], "calendar_part_456": ["chunk_1", "chunk_2"]}"#,
    )
    .unwrap();
    let app = app_serving(site.path(), false).await;
    // The style sheet first. With unhashed names the main files' names are
    // not known for sure, and the page's own links ask for them.
    let start = "</pkg/kring.css>; rel=preload; as=style, \
                 </pkg/__wasm_split.______________________.js>; rel=modulepreload; crossorigin, \
                 </pkg/chunk_1.wasm>; rel=preload; as=fetch; type=\"application/wasm\"; crossorigin, \
                 </pkg/split_start_part_123.wasm>; rel=preload; as=fetch; type=\"application/wasm\"; crossorigin";
    for _ in 0..20 {
        let page = fetch(&app, "/inloggen", "br").await;
        assert_eq!(page.status(), 200);
        assert_eq!(header(&page, "link"), start);
    }
    let help = fetch(&app, "/help", "").await;
    assert_eq!(
        header(&help, "link"),
        start,
        "help is in the start part too"
    );
    // A page outside the route table hydrates from the main file alone.
    let nowhere = fetch(&app, "/nergens", "").await;
    assert_eq!(nowhere.status(), 404);
    assert_eq!(header(&nowhere, "link"), "");
}

/// Without a split build there is nothing more to ask for.
#[tokio::test]
async fn without_a_split_build_a_page_asks_for_no_more_files() {
    let site = tempfile::tempdir().unwrap();
    built_site(site.path());
    let app = app_serving(site.path(), false).await;
    let page = fetch(&app, "/inloggen", "").await;
    assert_eq!(page.status(), 200);
    assert_eq!(header(&page, "link"), "");
}

/// The time of the middle one of `count` requests, one after another on one
/// kept-alive connection (reqwest's pool keeps it).
async fn median_time(app: &TestApp, path: &str, count: usize) -> Duration {
    let mut times = Vec::with_capacity(count);
    for _ in 0..count {
        let started = Instant::now();
        let response = fetch(app, path, "").await;
        assert_eq!(response.status(), 200, "{path}");
        response.bytes().await.unwrap();
        times.push(started.elapsed());
    }
    times.sort();
    times[count / 2]
}

/// Nagle's algorithm holding back the body of an answer until the browser's
/// delayed ACK (~40 ms) made each further file on a kept-alive connection
/// dozens of times slower than a one-piece answer like `/healthz`.
#[tokio::test]
async fn a_file_on_a_kept_alive_connection_comes_without_waiting_for_an_ack() {
    let site = tempfile::tempdir().unwrap();
    built_site(site.path());
    let app = app_serving(site.path(), true).await;
    let file = format!("/pkg/{STYLE}");
    median_time(&app, &file, 3).await;
    let health = median_time(&app, "/healthz", 30).await;
    let static_file = median_time(&app, &file, 30).await;
    assert!(
        static_file < health * 10 + Duration::from_millis(2),
        "a small file took {static_file:?}, /healthz {health:?}"
    );
}
