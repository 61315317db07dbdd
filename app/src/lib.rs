//! Kring: a care-network portal. This crate holds everything the browser and
//! the server share: components, server functions, and (behind the `ssr`
//! feature) the database, mail and session machinery they call.

pub mod accounts;
pub mod care_pages;
pub mod error;
pub mod fields;
pub mod i18n;
pub mod policy;
pub mod shell;

#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod demo;
#[cfg(feature = "ssr")]
pub mod mail;
#[cfg(feature = "ssr")]
pub mod settings;
#[cfg(feature = "ssr")]
pub mod state;

use accounts::api::get_viewer;
use accounts::pages::{ChoosePasswordPage, ForgotPasswordPage, LoginPage, RegisterPage};
use care_pages::pages::{CarePageHome, NewCarePage};
use i18n::t;
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Stylesheet, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;
use shell::{HelpPage, HighContrast, HomePage, NotFoundPage, RequireLogin, SessionActions, ViewerResource};

/// The HTML document around the app, rendered on the server.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="nl">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="color-scheme" content="light"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <AutoReload options=options.clone()/>
                <HydrationScripts options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let text = t();
    let actions = SessionActions::new();
    provide_context(actions);
    let viewer = Resource::new_blocking(move || actions.generation(), |_| get_viewer());
    provide_context(ViewerResource(viewer));
    let contrast = RwSignal::new(shell::initial_contrast());
    provide_context(HighContrast(contrast));

    view! {
        <Stylesheet id="leptos" href="/pkg/kring.css"/>
        <Title text=text.app_name/>
        <Router>
            <div class="app" class:contrast=move || contrast.get()>
                <a class="skip-link" href="#inhoud">{text.skip_to_content}</a>
                <shell::Header/>
                <main id="inhoud" tabindex="-1">
                    <Routes fallback=NotFoundPage>
                        <Route path=path!("/") view=HomePage/>
                        <Route path=path!("/inloggen") view=LoginPage/>
                        <Route path=path!("/registreren") view=RegisterPage/>
                        <Route path=path!("/account/bevestigen") view=ChoosePasswordPage/>
                        <Route path=path!("/wachtwoord/nieuw") view=ChoosePasswordPage/>
                        <Route path=path!("/wachtwoord-vergeten") view=ForgotPasswordPage/>
                        <Route path=path!("/help") view=HelpPage/>
                        <Route path=path!("/zorgpagina/nieuw") view=|| view! { <RequireLogin><NewCarePage/></RequireLogin> }/>
                        <Route path=path!("/zorgpagina/:id") view=|| view! { <RequireLogin><CarePageHome/></RequireLogin> }/>
                    </Routes>
                </main>
            </div>
        </Router>
    }
}
