//! The interface language of the request being answered (on the server) or of
//! the page (in the browser), and how it is chosen: the account's choice,
//! mirrored into a cookie; for visitors the cookie, then the browser's
//! `Accept-Language`; Dutch when nothing says otherwise.

use super::{Texts, EN, NL};
use serde::{Deserialize, Serialize};

/// The cookie that holds the choice; not HttpOnly, so the page can see a
/// change made by logging in (see `accounts::language_choice`).
pub const COOKIE: &str = "kring_taal";

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Nl,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Nl, Lang::En];

    /// The BCP 47 tag: `<html lang>`, the cookie and the database hold it.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Nl => "nl",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|lang| lang.code() == code)
    }

    /// Stored values that are not a known language read as Dutch.
    pub fn from_code_or_default(code: &str) -> Lang {
        Lang::from_code(code).unwrap_or_default()
    }

    pub fn texts(self) -> &'static Texts {
        match self {
            Lang::Nl => &NL,
            Lang::En => &EN,
        }
    }

    /// The language's name in itself, as a language menu shows it.
    pub fn own_name(self) -> &'static str {
        match self {
            Lang::Nl => "Nederlands",
            Lang::En => "English",
        }
    }

    /// The best supported language of an `Accept-Language` header, by its
    /// weights (`en-GB,en;q=0.9,nl;q=0.8`); `None` when it names none of ours.
    pub fn from_accept_language(header: &str) -> Option<Lang> {
        let mut best: Option<(Lang, f32)> = None;
        for item in header.split(',').take(32) {
            let mut parts = item.trim().split(';');
            let tag = parts.next().unwrap_or_default().trim();
            let weight = parts
                .find_map(|param| param.trim().strip_prefix("q="))
                .and_then(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            let primary = tag.split('-').next().unwrap_or_default();
            let Some(lang) = Lang::ALL
                .into_iter()
                .find(|lang| lang.code().eq_ignore_ascii_case(primary))
            else {
                continue;
            };
            if weight > 0.0 && best.is_none_or(|(_, best_weight)| weight > best_weight) {
                best = Some((lang, weight));
            }
        }
        best.map(|(lang, _)| lang)
    }

    /// What a request asks for: its language cookie, else its
    /// `Accept-Language`, else Dutch.
    pub fn of_request(cookie: Option<&str>, accept_language: Option<&str>) -> Lang {
        cookie
            .and_then(Lang::from_code)
            .or_else(|| accept_language.and_then(Lang::from_accept_language))
            .unwrap_or_default()
    }
}

#[cfg(feature = "ssr")]
tokio::task_local! {
    /// Set by the server's middleware around every request, for the routes
    /// that are not Leptos' (downloads, feeds) and the code they call.
    pub static REQUEST_LANG: Lang;
}

/// The language being spoken now.
///
/// On the server: the request's, as the middleware found it (a task-local
/// for plain routes, the request's extensions for Leptos, whose rendering
/// and server functions can run on other tasks). In the browser: the page's
/// `<html lang>`, which the server wrote, so hydration speaks the same.
pub fn current() -> Lang {
    #[cfg(feature = "ssr")]
    {
        if let Ok(lang) = REQUEST_LANG.try_with(|lang| *lang) {
            return lang;
        }
        leptos::prelude::use_context::<http::request::Parts>()
            .and_then(|parts| parts.extensions.get::<Lang>().copied())
            .unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    {
        browser::page_lang()
    }
}

#[cfg(not(feature = "ssr"))]
mod browser {
    use super::Lang;
    use std::cell::Cell;

    thread_local! {
        static PAGE_LANG: Cell<Option<Lang>> = const { Cell::new(None) };
    }

    /// Read once: a language change reloads the page.
    pub fn page_lang() -> Lang {
        PAGE_LANG.with(|cell| {
            if let Some(lang) = cell.get() {
                return lang;
            }
            let lang = from_document().unwrap_or_default();
            cell.set(Some(lang));
            lang
        })
    }

    #[cfg(feature = "hydrate")]
    fn from_document() -> Option<Lang> {
        let html = web_sys::window()?.document()?.document_element()?;
        Lang::from_code(&html.get_attribute("lang")?)
    }

    #[cfg(not(feature = "hydrate"))]
    fn from_document() -> Option<Lang> {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_picks_the_heaviest_supported() {
        assert_eq!(
            Lang::from_accept_language("en-GB,en;q=0.9,nl;q=0.8"),
            Some(Lang::En)
        );
        assert_eq!(
            Lang::from_accept_language("de-DE,nl;q=0.5,en;q=0.4"),
            Some(Lang::Nl)
        );
        assert_eq!(Lang::from_accept_language("fr, de;q=0.5"), None);
        assert_eq!(Lang::from_accept_language("EN-us"), Some(Lang::En));
        assert_eq!(Lang::from_accept_language("en;q=0, nl"), Some(Lang::Nl));
        assert_eq!(Lang::from_accept_language(""), None);
    }

    #[test]
    fn the_cookie_wins_over_the_browser_and_nonsense_is_dutch() {
        assert_eq!(Lang::of_request(Some("en"), Some("nl")), Lang::En);
        assert_eq!(Lang::of_request(Some("xx"), Some("en")), Lang::En);
        assert_eq!(Lang::of_request(None, None), Lang::Nl);
        assert_eq!(Lang::from_code_or_default("??"), Lang::Nl);
    }
}
