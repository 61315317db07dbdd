//! What every screen builds on, and no domain of its own: forms and their
//! kept values, the notice, the text size and contrast as the page knows
//! them, offline copies, assets and the help page. The frame that puts
//! them around a screen (header, home) is `frame`, which knows the domains.

#[cfg(feature = "ssr")]
pub mod assets;
pub mod csp;
pub mod form;
mod help;
pub mod kept;
pub mod notice;
pub mod offline;
#[cfg(feature = "ssr")]
pub mod plain_page;
pub mod text_size;

pub use help::HelpPage;

use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// Bumped when an action changes what the header shows (the viewer's pages
/// and their names) or who is logged in, so the viewer is fetched again.
///
/// Two counters, because pages behind [`RequireLogin`] are rendered again
/// whenever the login they wait for is fetched again: an in-page edit (a
/// renamed person, a new page) must refresh the header without re-mounting
/// the form that is showing "Opgeslagen".
#[derive(Clone, Copy)]
pub struct ViewerEpoch {
    header: RwSignal<usize>,
    session: RwSignal<usize>,
}

impl ViewerEpoch {
    pub fn new() -> Self {
        Self {
            header: RwSignal::new(0),
            session: RwSignal::new(0),
        }
    }

    /// What the header's viewer resource follows: every change.
    pub fn header_version(self) -> usize {
        self.header.get() + self.session.get()
    }

    /// What [`SessionResource`] follows: logging in and out only.
    pub fn session_version(self) -> usize {
        self.session.get()
    }

    /// Refetches the header's viewer each time `action` succeeds. Actions are
    /// created inside the routes, where a form posted without JavaScript finds
    /// its error.
    pub fn refresh_after<S>(action: ServerAction<S>)
    where
        S: ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
        S::Output: Clone + Send + Sync + 'static,
    {
        let epoch = expect_context::<ViewerEpoch>().header;
        bump_on_success(action, epoch);
    }

    /// For actions that log someone in or out: the header and every page
    /// that asks whether someone is logged in look again.
    pub fn refresh_session_after<S>(action: ServerAction<S>)
    where
        S: ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
        S::Output: Clone + Send + Sync + 'static,
    {
        let epoch = expect_context::<ViewerEpoch>().session;
        bump_on_success(action, epoch);
    }
}

impl Default for ViewerEpoch {
    fn default() -> Self {
        Self::new()
    }
}

fn bump_on_success<S>(action: ServerAction<S>, epoch: RwSignal<usize>)
where
    S: ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + 'static,
{
    Effect::new(move |_| {
        if let Some(Ok(_)) = action.value().get() {
            epoch.update(|n| *n += 1);
        }
    });
}

/// The colour a phone gives its status bar: the header's, per theme. The
/// manifest (`offline::manifest`) names the default theme's.
pub fn theme_colour(high_contrast: bool) -> &'static str {
    match high_contrast {
        true => "#00332b",
        false => "#1d5c4f",
    }
}

/// Whether the high-contrast theme is on.
#[derive(Clone, Copy)]
pub struct HighContrast(pub RwSignal<bool>);

/// The contrast choice as the browser's cookie holds it: on the server from
/// the request, in the browser from `document.cookie`, so both render alike.
pub fn initial_contrast() -> bool {
    #[cfg(feature = "ssr")]
    {
        crate::cookies::request_cookie(crate::cookies::CONTRAST).as_deref() == Some("1")
    }
    #[cfg(not(feature = "ssr"))]
    {
        browser_cookie("kring_contrast").as_deref() == Some("1")
    }
}

/// The cookie that remembers the care page last open, so Kring opens there.
pub const LAST_PAGE_COOKIE: &str = "kring_last_page";

/// Remembers the care page a page load opens, so Kring opens there next
/// time, also without JavaScript (server only; the browser does the same on
/// every move within the app with [`remember_last_page`]). Not `HttpOnly`,
/// unlike the session's cookies: it holds only a page number, and the
/// browser must be able to read and replace it.
#[cfg(feature = "ssr")]
pub fn remember_page_of_request() {
    let Some(id) = use_context::<http::request::Parts>()
        .and_then(|parts| crate::routes::page_id_in(parts.uri.path()))
    else {
        return;
    };
    let secure = crate::state::app_state().is_ok_and(|state| state.settings.https());
    let secure = if secure { "; Secure" } else { "" };
    crate::cookies::set_response_cookie(format!(
        "{LAST_PAGE_COOKIE}={id}; Path=/; SameSite=Lax; Max-Age={LAST_PAGE_SECONDS}{secure}"
    ));
}

/// How long the last page is remembered: a year.
const LAST_PAGE_SECONDS: u32 = 365 * 24 * 3600;

/// Remembers the care page that is open (a year; only its number).
pub fn remember_last_page(id: i64) {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let html = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.dyn_into::<web_sys::HtmlDocument>().ok());
        if let Some(html) = html {
            let _ = html.set_cookie(&format!(
                "{LAST_PAGE_COOKIE}={id}; Path=/; SameSite=Lax; Max-Age={LAST_PAGE_SECONDS}"
            ));
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = id;
}

#[cfg(not(feature = "ssr"))]
pub(crate) fn browser_cookie(name: &str) -> Option<String> {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let document = web_sys::window()?.document()?;
        let html: web_sys::HtmlDocument = document.dyn_into().ok()?;
        let cookies = html.cookie().ok()?;
        cookies.split(';').find_map(|pair| {
            let (key, value) = pair.trim().split_once('=')?;
            (key == name).then(|| value.to_string())
        })
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = name;
        None
    }
}

/// Marks the document once the browser has taken over (`data-hydrated`), so
/// browser tests and `scripts/bench` can wait for it instead of racing the
/// WASM start-up. Placed after each screen (`screens.rs`), not in the frame:
/// a screen's code arrives in a file of its own, and the frame is hydrated
/// before it. Its effect runs before the content of `<Suspense>` blocks is
/// hydrated (that waits for its resources, already in the page, a few
/// microtasks later); a timer runs after all of them, so by then every form
/// on the page has its handlers.
#[component]
pub fn HydratedMark() -> impl IntoView {
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        gloo_timers::callback::Timeout::new(0, || {
            if let Some(root) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.document_element())
            {
                let _ = root.set_attribute("data-hydrated", "true");
            }
        })
        .forget();
    });
}

/// Runs `refresh` every `seconds` while the component that calls this is on
/// screen, in the browser only (the server renders once). Skips a turn while
/// the tab is hidden, so a phone in a pocket does not keep asking. The loop
/// ends when the component is gone: its signal can no longer be updated.
pub fn every_seconds<F, Fut>(seconds: u32, refresh: F)
where
    F: Fn() -> Fut + 'static,
    Fut: std::future::Future<Output = ()> + 'static,
{
    let alive = RwSignal::new(());
    #[cfg(feature = "hydrate")]
    leptos::task::spawn_local(async move {
        loop {
            gloo_timers::future::TimeoutFuture::new(seconds * 1000).await;
            if alive.try_with_untracked(|_| ()).is_none() {
                break;
            }
            let hidden = web_sys::window()
                .and_then(|w| w.document())
                .is_some_and(|d| d.visibility_state() == web_sys::VisibilityState::Hidden);
            if !hidden {
                refresh().await;
            }
        }
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = (alive, seconds, refresh);
}

/// With JavaScript the app moves between pages itself, and the browser then
/// does not treat the address's `#…` as the page's target: CSS `:target`
/// marks a saved item only after a full page load (without JavaScript).
/// Rendered after the items, this marks the element the address names
/// (`data-target`, styled as `:target`) and scrolls it into view.
#[component]
pub fn MarkTarget() -> impl IntoView {
    #[cfg(feature = "hydrate")]
    {
        let hash = leptos_router::hooks::use_location().hash;
        Effect::new(move |_| {
            let hash = hash.get();
            // Once this render is in the document (and the address is the new one).
            gloo_timers::callback::Timeout::new(0, move || mark_target(&hash)).forget();
        });
    }
}

#[cfg(feature = "hydrate")]
fn mark_target(hash: &str) {
    let id = hash.trim_start_matches('#');
    let element = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.get_element_by_id(id));
    if let (false, Some(element)) = (id.is_empty(), element) {
        let _ = element.set_attribute("data-target", "");
        element.scroll_into_view();
    }
}
