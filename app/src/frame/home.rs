//! The start page: tells a new visitor what Kring is, sends a member to their
//! first care page, and someone without pages to "Voeg toe".

use super::{SessionResource, ViewerResource};
use crate::i18n::t;
use crate::routes;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::{Redirect, A};

#[component]
pub fn HomePage() -> impl IntoView {
    let text = t();
    let viewer = expect_context::<ViewerResource>().0;
    view! {
        <Title text=text.app_name/>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let account = viewer.await.ok().and_then(|viewer| viewer.account);
                match account {
                    None => view! { <Welcome/> }.into_any(),
                    // The page last open (a phone's home-screen icon starts here), else the first.
                    Some(account) => match super::last_page(&account.pages).or(account.pages.first().map(|page| page.id)) {
                        Some(id) => view! { <Redirect path=routes::page(id).overview()/> }.into_any(),
                        None => view! {
                            <section class="card">
                                <h1>{text.your_pages}</h1>
                                <p>{text.no_pages_yet}</p>
                                <p><A href=routes::NEW_CARE_PAGE attr:class="button primary">{text.add_page}</A></p>
                            </section>
                        }.into_any(),
                    },
                }
            })}
        </Suspense>
    }
}

/// What a new visitor sees first: what Kring is, in a few plain lines, and
/// making an account as prominent as logging in.
#[component]
fn Welcome() -> impl IntoView {
    let text = t();
    view! {
        <section class="card welcome">
            <h1>{text.welcome_title}</h1>
            <p class="lead">{text.welcome_intro}</p>
            <ul>{text.welcome_points.iter().map(|point| view! { <li>{*point}</li> }).collect_view()}</ul>
            <div class="welcome-actions">
                <A href=routes::REGISTER attr:class="button primary">{text.register}</A>
                <A href=routes::LOG_IN attr:class="button primary">{text.log_in}</A>
            </div>
        </section>
    }
}

/// Sends anyone who is not logged in to the login page; stands beside the
/// page it guards (`<RequireLogin/><AccountPage/>`), not around it: a page
/// made inside a block that waits for data would make its own resources at a
/// moment that differs between the server and the browser, and the browser
/// could then fail to take the page over (a hydration error). Each page's
/// server functions refuse a visitor who is not logged in by themselves.
#[component]
pub fn RequireLogin() -> impl IntoView {
    let viewer = expect_context::<SessionResource>().0;
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let logged_in = viewer.await.ok().and_then(|viewer| viewer.account).is_some();
                (!logged_in).then(|| view! { <Redirect path=routes::LOG_IN/> })
            })}
        </Suspense>
    }
}

#[component]
pub fn NotFoundPage() -> impl IntoView {
    let text = t();
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
    view! {
        <Title text=format!("{} – {}", text.not_found_title, text.app_name)/>
        <section class="card">
            <h1>{text.not_found_title}</h1>
            <p>{text.not_found_body}</p>
            <p><A href=routes::HOME>{text.to_home}</A></p>
        </section>
    }
}
