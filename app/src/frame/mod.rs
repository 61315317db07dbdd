//! The frame around every screen: the header with the page switcher, the
//! navigation and the account's controls, the notice bar, and the pages that
//! belong to no domain (home, not found). It sits above the domains and
//! knows them; the widgets they share are in `shell`.

mod header;
mod home;
pub mod notice_bar;
mod text_size_control;

pub use header::{Header, LastPage};
pub use home::{HomePage, NotFoundPage, RequireLogin};

use crate::accounts::Viewer;
use crate::error::AppError;
use leptos::prelude::*;

/// The viewer, fetched before the first byte is sent so the header is complete.
#[derive(Clone, Copy)]
pub struct ViewerResource(pub Resource<Result<Viewer, AppError>>);

/// The viewer as [`RequireLogin`] sees it: fetched again only when someone
/// logs in or out (see [`ViewerEpoch`]).
#[derive(Clone, Copy)]
pub struct SessionResource(pub Resource<Result<Viewer, AppError>>);

/// The care page last open, if it is still one of `pages`.
pub fn last_page(pages: &[crate::care_pages::PageSummary]) -> Option<i64> {
    #[cfg(feature = "ssr")]
    let remembered = crate::cookies::request_cookie(crate::shell::LAST_PAGE_COOKIE);
    #[cfg(not(feature = "ssr"))]
    let remembered = crate::shell::browser_cookie(crate::shell::LAST_PAGE_COOKIE);
    let id: i64 = remembered?.parse().ok()?;
    pages.iter().any(|page| page.id == id).then_some(id)
}
