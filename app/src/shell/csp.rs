//! The Content-Security-Policy of every page. Scripts run only from Kring's
//! own address or inline with this response's nonce (Leptos puts it on its
//! hydration and resource scripts), WebAssembly may compile, and nothing is
//! loaded from elsewhere or framed. Messages and names are escaped already;
//! this is the second lock on the door for a portal with medical data.

/// The policy for one response, with its nonce. `live_reload` opens the
/// websocket of `cargo leptos watch` during development.
pub fn policy(nonce: &str, live_reload: bool) -> String {
    let connect = if live_reload { "'self' ws:" } else { "'self'" };
    format!(
        "default-src 'self'; \
         script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; \
         img-src 'self'; \
         connect-src {connect}; \
         object-src 'none'; \
         base-uri 'none'; \
         form-action 'self'; \
         frame-ancestors 'none'"
    )
}

/// Puts the policy on the response being rendered (server only).
#[cfg(feature = "ssr")]
pub fn send() {
    use leptos::prelude::use_context;
    let nonce = leptos::nonce::use_nonce();
    let response = use_context::<leptos_axum::ResponseOptions>();
    let (Some(nonce), Some(response)) = (nonce, response) else {
        return;
    };
    let live_reload = std::env::var_os("LEPTOS_WATCH").is_some();
    if let Ok(value) = http::HeaderValue::from_str(&policy(&nonce, live_reload)) {
        response.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
    }
}

#[cfg(test)]
mod tests {
    use super::policy;

    #[test]
    fn scripts_need_the_nonce_or_our_own_address() {
        let policy = policy("abc123", false);
        assert!(policy.contains("script-src 'self' 'nonce-abc123' 'wasm-unsafe-eval';"));
        assert!(!policy.contains("unsafe-inline"));
        assert!(policy.contains("frame-ancestors 'none'"));
        assert!(policy.contains("connect-src 'self';"));
    }

    #[test]
    fn live_reload_opens_only_the_websocket() {
        assert!(policy("n", true).contains("connect-src 'self' ws:;"));
    }
}
