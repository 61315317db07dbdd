//! `/metrics` in Prometheus' text format, and the middleware that counts
//! every request by route and status and times it. Also the one log line
//! per request, which names the route pattern (`/p/{page_id}/agenda`),
//! never the path itself: paths carry feed secrets and link codes.
//!
//! Counters live in this process, as Prometheus expects: it scrapes each
//! process and adds them up. What the database knows (outbox, backups) is
//! read at scrape time, so every process reports the same.

use axum::extract::{ConnectInfo, MatchedPath, Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use kring_app::state::AppState;
use std::collections::BTreeMap;
use std::fmt::Write;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Mutex, OnceLock};
use std::time::Instant;

/// Upper bounds of the latency buckets, in seconds.
const BUCKETS: [f64; 11] = [
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];

#[derive(Default)]
struct Route {
    by_status: BTreeMap<u16, u64>,
    /// Requests at or under each bucket's bound (cumulative, as exposed).
    buckets: [u64; BUCKETS.len()],
    count: u64,
    seconds: f64,
}

/// Per method and route pattern.
type Table = BTreeMap<(String, String), Route>;

fn table() -> &'static Mutex<Table> {
    static TABLE: OnceLock<Mutex<Table>> = OnceLock::new();
    TABLE.get_or_init(Default::default)
}

/// Counts and times the request, and logs it at debug level by pattern.
pub async fn count(request: Request, next: Next) -> Response {
    let started = Instant::now();
    // Any token is a valid method: only the standard ones get a label of
    // their own, so made-up methods cannot grow the table either.
    let method = match request.method().as_str() {
        known @ ("GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "HEAD" | "OPTIONS") => known,
        _ => "OTHER",
    }
    .to_string();
    // Routes by their pattern; whatever no route matched counts as one, so a
    // scan of made-up paths cannot grow the table.
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "(other)".to_string(), |path| path.as_str().to_string());
    let response = next.run(request).await;
    let seconds = started.elapsed().as_secs_f64();
    let status = response.status().as_u16();
    tracing::debug!(%method, %route, status, millis = seconds * 1000.0, "request");
    if let Ok(mut table) = table().lock() {
        let entry = table.entry((method, route)).or_default();
        *entry.by_status.entry(status).or_default() += 1;
        entry.count += 1;
        entry.seconds += seconds;
        for (bucket, bound) in entry.buckets.iter_mut().zip(BUCKETS) {
            if seconds <= bound {
                *bucket += 1;
            }
        }
    }
    response
}

/// `/metrics`: for the configured addresses, or with the configured token.
pub async fn metrics(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
) -> Response {
    if !allowed(&state.settings, peer.ip(), &headers) {
        return (StatusCode::NOT_FOUND, kring_app::i18n::t().err_not_found).into_response();
    }
    let mut text = String::with_capacity(16 * 1024);
    write_requests(&mut text);
    write_database(&mut text, &state).await;
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        text,
    )
        .into_response()
}

/// The token, or a listed address on a request that no proxy forwarded:
/// a reverse proxy on the same machine connects from 127.0.0.1, and must not
/// make every visitor a local one. A forwarded request counts by its client
/// when it comes through the trusted proxy.
fn allowed(settings: &kring_app::settings::Settings, peer: IpAddr, headers: &HeaderMap) -> bool {
    let bearer = crate::api_v1::bearer_token(headers);
    if let (Some(token), Some(expected)) = (bearer, &settings.metrics_token) {
        return constant_time_equal(token.as_bytes(), expected.as_bytes());
    }
    let forwarded =
        headers.contains_key("x-forwarded-for") || headers.contains_key(header::FORWARDED);
    let client = if forwarded {
        if settings.trusted_proxy != Some(peer) {
            return false;
        }
        let proxy = kring_app::client::Proxy::of(settings);
        match kring_app::client::resolve(Some(peer), proxy, headers) {
            Some(client) if client != peer => client,
            _ => return false,
        }
    } else {
        peer
    };
    settings.metrics_from.contains(&client)
}

fn constant_time_equal(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |diff, (x, y)| diff | (x ^ y)) == 0
}

fn write_requests(text: &mut String) {
    let Ok(table) = table().lock() else {
        return;
    };
    text.push_str("# HELP kring_http_requests_total Requests answered, by method, route pattern and status.\n");
    text.push_str("# TYPE kring_http_requests_total counter\n");
    for ((method, route), entry) in table.iter() {
        for (status, count) in &entry.by_status {
            let _ = writeln!(
                text,
                "kring_http_requests_total{{method=\"{method}\",route=\"{}\",status=\"{status}\"}} {count}",
                escape(route)
            );
        }
    }
    text.push_str(
        "# HELP kring_http_request_duration_seconds Time to answer, by method and route pattern.\n",
    );
    text.push_str("# TYPE kring_http_request_duration_seconds histogram\n");
    for ((method, route), entry) in table.iter() {
        let labels = format!("method=\"{method}\",route=\"{}\"", escape(route));
        for (bound, count) in BUCKETS.iter().zip(entry.buckets) {
            let _ = writeln!(
                text,
                "kring_http_request_duration_seconds_bucket{{{labels},le=\"{bound}\"}} {count}"
            );
        }
        let _ = writeln!(
            text,
            "kring_http_request_duration_seconds_bucket{{{labels},le=\"+Inf\"}} {}\n\
             kring_http_request_duration_seconds_sum{{{labels}}} {}\n\
             kring_http_request_duration_seconds_count{{{labels}}} {}",
            entry.count, entry.seconds, entry.count
        );
    }
}

async fn write_database(text: &mut String, state: &AppState) {
    let waits = kring_app::db::write_waits();
    let _ = writeln!(
        text,
        "# HELP kring_db_write_wait_seconds Time write transactions waited for the single writer.\n\
         # TYPE kring_db_write_wait_seconds summary\n\
         kring_db_write_wait_seconds_sum {}\n\
         kring_db_write_wait_seconds_count {}\n\
         # HELP kring_db_connections Open database connections, by pool and state.\n\
         # TYPE kring_db_connections gauge",
        waits.seconds, waits.count
    );
    for (pool, connections) in [("read", state.db.reader()), ("write", state.db.writer())] {
        let idle = connections.num_idle() as u32;
        let open = connections.size();
        let _ = writeln!(
            text,
            "kring_db_connections{{pool=\"{pool}\",state=\"idle\"}} {idle}\n\
             kring_db_connections{{pool=\"{pool}\",state=\"in_use\"}} {}",
            open.saturating_sub(idle)
        );
    }
    let now = chrono::Utc::now();
    if let Ok(counts) = kring_app::outbox::queries::counts(&state.db, now).await {
        let oldest = counts
            .oldest_due
            .map_or(0, |at| (now - at).num_seconds().max(0));
        let _ = writeln!(
            text,
            "# HELP kring_outbox_waiting Mails and text messages waiting to be sent.\n\
             # TYPE kring_outbox_waiting gauge\n\
             kring_outbox_waiting {}\n\
             # HELP kring_outbox_failed Mails and text messages that could not be sent (kring outbox).\n\
             # TYPE kring_outbox_failed gauge\n\
             kring_outbox_failed {}\n\
             # HELP kring_outbox_oldest_due_seconds How long the oldest due item has waited.\n\
             # TYPE kring_outbox_oldest_due_seconds gauge\n\
             kring_outbox_oldest_due_seconds {oldest}",
            counts.waiting, counts.failed
        );
    }
    if let Ok(last) = kring_app::backup::queries::last_success(&state.db).await {
        let _ = writeln!(
            text,
            "# HELP kring_backup_last_success_timestamp_seconds When the newest sound copy of the database was started (0: never).\n\
             # TYPE kring_backup_last_success_timestamp_seconds gauge\n\
             kring_backup_last_success_timestamp_seconds {}",
            last.map_or(0, |at| at.timestamp())
        );
    }
}

fn escape(label: &str) -> String {
    label.replace('\\', "\\\\").replace('"', "\\\"")
}

#[cfg(test)]
mod tests {
    use super::*;
    use kring_app::settings::Settings;

    fn settings() -> Settings {
        Settings {
            metrics_token: Some("een-lange-geheime-sleutel".into()),
            trusted_proxy: Some("10.0.0.1".parse().unwrap()),
            ..Settings::in_folder(
                "127.0.0.1:3000".parse().unwrap(),
                std::path::Path::new("/tmp"),
            )
        }
    }

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, value.parse().unwrap());
        }
        map
    }

    #[tokio::test]
    async fn made_up_methods_and_paths_share_one_row() {
        use tower::ServiceExt;
        let app = axum::Router::new().layer(axum::middleware::from_fn(count));
        for method in ["FOO1", "FOO2", "FOO3"] {
            let request = axum::http::Request::builder()
                .method(method)
                .uri(format!("/{method}"))
                .body(axum::body::Body::empty())
                .unwrap();
            let _ = app.clone().oneshot(request).await;
        }
        let table = table().lock().unwrap();
        assert!(table.contains_key(&("OTHER".to_string(), "(other)".to_string())));
        assert!(!table.keys().any(|(method, _)| method.starts_with("FOO")));
    }

    #[test]
    fn only_listed_addresses_or_the_token_may_read_metrics() {
        let s = settings();
        let local: IpAddr = "127.0.0.1".parse().unwrap();
        let stranger: IpAddr = "203.0.113.9".parse().unwrap();
        let proxy: IpAddr = "10.0.0.1".parse().unwrap();
        assert!(allowed(&s, local, &headers(&[])));
        assert!(!allowed(&s, stranger, &headers(&[])));
        // A proxy on this machine forwards a visitor: not local.
        assert!(!allowed(
            &s,
            local,
            &headers(&[("x-forwarded-for", "203.0.113.9")])
        ));
        assert!(!allowed(
            &s,
            local,
            &headers(&[("forwarded", "for=203.0.113.9")])
        ));
        // Through the trusted proxy, the client counts.
        assert!(!allowed(
            &s,
            proxy,
            &headers(&[("x-forwarded-for", "203.0.113.9")])
        ));
        assert!(allowed(
            &s,
            proxy,
            &headers(&[("x-forwarded-for", "127.0.0.1")])
        ));
        // A proxy that adds a line of its own below the client's: the client's
        // "::1" or "127.0.0.1" is not believed.
        let mut two_lines = headers(&[("x-forwarded-for", "::1")]);
        two_lines.append("x-forwarded-for", "203.0.113.9".parse().unwrap());
        assert!(!allowed(&s, proxy, &two_lines));
        let mut two_lines = headers(&[("x-forwarded-for", "127.0.0.1")]);
        two_lines.append("x-forwarded-for", "203.0.113.9".parse().unwrap());
        assert!(!allowed(&s, proxy, &two_lines));
        // The token opens it from anywhere; a wrong one closes it everywhere.
        let token = [("authorization", "Bearer een-lange-geheime-sleutel")];
        assert!(allowed(&s, stranger, &headers(&token)));
        let wrong = [("authorization", "Bearer een-lange-geheime-sleutelX")];
        assert!(!allowed(&s, local, &headers(&wrong)));
    }
}
