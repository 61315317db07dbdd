//! The frame around every screen: header, page switcher, navigation, contrast,
//! and the pages that belong to no domain (home, help, not found).

pub mod form;
mod header;
mod help;
mod home;

pub use header::Header;
pub use help::HelpPage;
pub use home::{HomePage, NotFoundPage, RequireLogin};

use crate::accounts::api::{Login, Logout, SetContrast, SetPassword};
use crate::accounts::Viewer;
use crate::care_pages::api::CreateCarePage;
use crate::error::AppError;
use leptos::prelude::*;

/// Actions that change who is logged in or which pages they have. They live
/// at the top so that the viewer can be fetched again after any of them.
#[derive(Clone, Copy)]
pub struct SessionActions {
    pub login: ServerAction<Login>,
    pub logout: ServerAction<Logout>,
    pub set_password: ServerAction<SetPassword>,
    pub create_page: ServerAction<CreateCarePage>,
    pub contrast: ServerAction<SetContrast>,
}

impl SessionActions {
    pub fn new() -> Self {
        SessionActions {
            login: ServerAction::new(),
            logout: ServerAction::new(),
            set_password: ServerAction::new(),
            create_page: ServerAction::new(),
            contrast: ServerAction::new(),
        }
    }

    /// Changes whenever one of the actions that affect the viewer completes.
    pub fn generation(&self) -> usize {
        self.login.version().get()
            + self.logout.version().get()
            + self.set_password.version().get()
            + self.create_page.version().get()
    }
}

impl Default for SessionActions {
    fn default() -> Self {
        Self::new()
    }
}

/// The viewer, fetched before the first byte is sent so the header is complete.
#[derive(Clone, Copy)]
pub struct ViewerResource(pub Resource<Result<Viewer, AppError>>);

/// Whether the high-contrast theme is on.
#[derive(Clone, Copy)]
pub struct HighContrast(pub RwSignal<bool>);

/// The contrast choice as the browser's cookie holds it: on the server from
/// the request, in the browser from `document.cookie`, so both render alike.
pub fn initial_contrast() -> bool {
    #[cfg(feature = "ssr")]
    {
        crate::accounts::session::request_cookie(crate::accounts::session::CONTRAST_COOKIE).as_deref() == Some("1")
    }
    #[cfg(not(feature = "ssr"))]
    {
        browser_cookie("kring_contrast").as_deref() == Some("1")
    }
}

#[cfg(not(feature = "ssr"))]
fn browser_cookie(name: &str) -> Option<String> {
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
