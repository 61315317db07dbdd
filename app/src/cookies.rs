//! Reading and setting cookies during a server render or server function
//! (server only), with the attributes every Kring cookie has.

use http::header::{COOKIE, SET_COOKIE};
use http::HeaderValue;
use leptos::prelude::use_context;
use leptos_axum::ResponseOptions;

/// The contrast choice, readable by the page's script (see `shell`).
pub const CONTRAST: &str = "kring_contrast";
/// The text size, readable by the page's script (see `shell::text_size`).
pub const TEXT_SIZE: &str = "kring_tekstgrootte";

/// The value of one cookie in a `Cookie` request header.
pub fn cookie_value<'a>(header: &'a str, name: &str) -> Option<&'a str> {
    header.split(';').find_map(|pair| {
        let (key, value) = pair.trim().split_once('=')?;
        (key == name).then_some(value)
    })
}

/// A cookie of ours from the current request.
pub fn request_cookie(name: &str) -> Option<String> {
    let parts = use_context::<http::request::Parts>()?;
    parts
        .headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .find_map(|header| cookie_value(header, name).map(str::to_string))
}

/// `Set-Cookie` with the attributes every Kring cookie has.
pub fn cookie_header(name: &str, value: &str, max_age_seconds: i64, secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age_seconds}{secure}")
}

pub fn set_response_cookie(header: String) {
    if let (Some(response), Ok(value)) = (
        use_context::<ResponseOptions>(),
        HeaderValue::from_str(&header),
    ) {
        response.append_header(SET_COOKIE, value);
    }
}
