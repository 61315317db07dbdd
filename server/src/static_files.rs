//! The files the build writes to `target/site/pkg` (the browser bundle and the
//! style sheet), served so that a phone on a slow line fetches them once:
//! - compressed: a release build writes `.br` and `.gz` next to every file
//!   (`cargo leptos build --release --precompress`), sent as they are when the
//!   browser accepts them; without them (development and test builds) the
//!   compression layer of the router compresses the style sheet and scripts
//!   on the way out, but not the WASM bundle (see `router`);
//! - cached: with hashed names (a release build's `hash-files`), a name is
//!   never reused for other content, so a browser may keep the file for a year
//!   without asking; without hashes it asks every time (`no-cache`).

use axum::http::{header, HeaderValue, Response};
use axum::Router;
use leptos::config::LeptosOptions;
use std::path::PathBuf;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

/// What `/pkg/…` answers may be kept for.
pub fn cache_control(options: &LeptosOptions) -> HeaderValue {
    if options.hash_files {
        HeaderValue::from_static("public, max-age=31536000, immutable")
    } else {
        HeaderValue::from_static("no-cache")
    }
}

/// `/pkg/…`, to be merged into the router.
pub fn bundle<S: Clone + Send + Sync + 'static>(options: &LeptosOptions) -> Router<S> {
    let folder = PathBuf::from(options.site_root.as_ref()).join(options.site_pkg_dir.as_ref());
    let files = ServeDir::new(folder)
        .precompressed_br()
        .precompressed_gzip();
    let keep_for = cache_control(options);
    Router::new().nest_service(
        &format!("/{}", options.site_pkg_dir),
        tower::ServiceBuilder::new()
            // Only what was found: a missing file may be there after the next build.
            .layer(SetResponseHeaderLayer::overriding(
                header::CACHE_CONTROL,
                move |response: &Response<_>| {
                    response.status().is_success().then(|| keep_for.clone())
                },
            ))
            // Caches between here and the browser keep one copy per encoding.
            .layer(SetResponseHeaderLayer::if_not_present(
                header::VARY,
                HeaderValue::from_static("accept-encoding"),
            ))
            .service(files),
    )
}
