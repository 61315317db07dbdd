//! Kring: a care-network portal. This crate holds everything the browser and
//! the server share: components, server functions, and (behind the `ssr`
//! feature) the database, mail and session machinery they call.

#[cfg(feature = "ssr")]
pub mod access;
pub mod account_settings;
pub mod accounts;
#[cfg(feature = "ssr")]
pub mod backup;
pub mod calendar;
pub mod care_pages;
#[cfg(feature = "ssr")]
pub mod client;
pub mod connections;
#[cfg(feature = "ssr")]
pub mod cookies;
pub mod dates;
pub mod dossier;
pub mod error;
#[cfg(feature = "ssr")]
pub mod export;
pub mod fields;
pub mod form_value;
pub mod frame;
pub mod history;
pub mod i18n;
pub mod legal;
pub mod life_story;
#[cfg(feature = "ssr")]
pub mod limits;
pub mod links;
pub mod messages;
pub mod notes;
pub mod organisation;
pub mod overview;
pub mod policy;
pub mod profile;
pub mod reminders;
pub mod routes;
pub mod screens;
pub mod shell;

#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod demo;
#[cfg(feature = "ssr")]
pub mod mail;
#[cfg(feature = "ssr")]
pub mod moving;
#[cfg(feature = "ssr")]
pub mod outbox;
#[cfg(feature = "ssr")]
pub mod pdf;
#[cfg(feature = "ssr")]
pub mod secret;
#[cfg(feature = "ssr")]
pub mod settings;
#[cfg(feature = "ssr")]
pub mod sms;
#[cfg(feature = "ssr")]
pub mod state;
pub mod two_factor;
pub mod unsubscribe;
pub mod wellbeing;

use accounts::api::get_viewer;
use frame::{NotFoundPage, SessionResource, ViewerResource};
use i18n::t;
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Meta, MetaTags, Title};
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::{path, SsrMode};
use screens::{Account, Calendar, Dossier, Messages, Organisation, People, Screen, Start, Writing};
use shell::{HighContrast, HydratedMark, ViewerEpoch};

/// The HTML document around the app, rendered on the server.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    {
        shell::csp::send();
        shell::remember_page_of_request();
    }
    // An offline copy is read, never taken over by a bundle that may be old by then.
    let live = !shell::offline::is_offline_copy();
    #[cfg(feature = "ssr")]
    let style_sheet = shell::assets::style_sheet_href(&options);
    #[cfg(not(feature = "ssr"))]
    let style_sheet = String::new();
    view! {
        <!DOCTYPE html>
        <html lang=i18n::lang::current().code() class=shell::text_size::initial_text_size().class()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="color-scheme" content="light"/>
                <link rel="stylesheet" id="leptos" href=style_sheet/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <link rel="manifest" href=routes::served::MANIFEST/>
                <link rel="apple-touch-icon" href="/icons/kring-180.png"/>
                {live.then(|| view! {
                    <AutoReload options=options.clone()/>
                    <HydrationScripts options/>
                })}
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
    view! {
        <Title text=t().app_name/>
        <Router>
            <Frame/>
        </Router>
    }
}

/// The frame around every screen, with what all of them share.
#[component]
fn Frame() -> impl IntoView {
    let text = t();
    let epoch = ViewerEpoch::new();
    provide_context(epoch);
    let viewer = Resource::new_blocking(move || epoch.header_version(), |_| get_viewer());
    provide_context(ViewerResource(viewer));
    let session = Resource::new_blocking(move || epoch.session_version(), |_| get_viewer());
    provide_context(SessionResource(session));
    let contrast = RwSignal::new(shell::initial_contrast());
    provide_context(HighContrast(contrast));
    provide_context(shell::text_size::ChosenTextSize(RwSignal::new(
        shell::text_size::initial_text_size(),
    )));
    provide_context(shell::notice::Notice::new());
    provide_context(frame::LastPage(RwSignal::new(None)));
    accounts::language_choice::reload_when_the_language_changed();
    shell::offline::keep_offline_copies();

    view! {
        // The phone's status bar takes the header's colour, in either theme.
        <Meta name="theme-color" content=move || shell::theme_colour(contrast.get())/>
        <div class="app" class:contrast=move || contrast.get()>
            <a class="skip-link" href="#inhoud">{text.skip_to_content}</a>
            <frame::Header/>
            <main id="inhoud" tabindex="-1">
                <shell::offline::OfflineNote/>
                <frame::notice_bar::NoticeBar/>
                // Async: each page is rendered whole before it is sent, so it
                // reads complete without JavaScript and can answer 302 or 404.
                <Routes fallback=|| view! { <NotFoundPage/><HydratedMark/> }>
                    <Route path=path!("/") ssr=SsrMode::Async view=Screen::Start(Start::Home)/>
                    <Route path=path!("/inloggen") ssr=SsrMode::Async view=Screen::Start(Start::LogIn)/>
                    <Route path=path!("/inloggen/code") ssr=SsrMode::Async view=Screen::Start(Start::SecondStep)/>
                    <Route path=path!("/registreren") ssr=SsrMode::Async view=Screen::Start(Start::Register)/>
                    <Route path=path!("/account/bevestigen") ssr=SsrMode::Async view=Screen::Start(Start::ChoosePassword)/>
                    <Route path=path!("/account") ssr=SsrMode::Async view=Screen::Account(Account::Settings)/>
                    <Route path=path!("/account/email") ssr=SsrMode::Async view=Screen::Start(Start::ConfirmEmail)/>
                    <Route path=path!("/wachtwoord/nieuw") ssr=SsrMode::Async view=Screen::Start(Start::ChoosePassword)/>
                    <Route path=path!("/wachtwoord-vergeten") ssr=SsrMode::Async view=Screen::Start(Start::ForgotPassword)/>
                    <Route path=path!("/help") ssr=SsrMode::Async view=Screen::Start(Start::Help)/>
                    <Route path=path!("/voorwaarden") ssr=SsrMode::Async view=Screen::Start(Start::Terms)/>
                    <Route path=path!("/privacy") ssr=SsrMode::Async view=Screen::Start(Start::Privacy)/>
                    <Route path=path!("/afmelden") ssr=SsrMode::Async view=Screen::Start(Start::Unsubscribe)/>
                    <Route path=path!("/uitnodiging") ssr=SsrMode::Async view=Screen::Start(Start::Invitation)/>
                    <Route path=path!("/hoe-gaat-het") ssr=SsrMode::Async view=Screen::Account(Account::HowAreYou)/>
                    <Route path=path!("/code-invoeren") ssr=SsrMode::Async view=Screen::Account(Account::EnterCode)/>
                    <Route path=path!("/organisatie") ssr=SsrMode::Async view=Screen::Organisation(Organisation::Clients)/>
                    <Route path=path!("/organisatie/clienten/:client") ssr=SsrMode::Async view=Screen::Organisation(Organisation::Client)/>
                    <Route path=path!("/organisatie/mijn-dag") ssr=SsrMode::Async view=Screen::Organisation(Organisation::MyDay)/>
                    <Route path=path!("/organisatie/berichten") ssr=SsrMode::Async view=Screen::Organisation(Organisation::Inbox)/>
                    <Route path=path!("/organisatie/api") ssr=SsrMode::Async view=Screen::Organisation(Organisation::Tokens)/>
                    <Route path=path!("/organisatie/medewerkers") ssr=SsrMode::Async view=Screen::Organisation(Organisation::Staff)/>
                    <Route path=path!("/zorgpagina/:id/berichten") ssr=SsrMode::Async view=Screen::Messages(Messages::Threads)/>
                    <Route path=path!("/zorgpagina/:id/berichten/nieuw") ssr=SsrMode::Async view=Screen::Messages(Messages::NewThread)/>
                    <Route path=path!("/zorgpagina/:id/berichten/:bericht") ssr=SsrMode::Async view=Screen::Messages(Messages::Thread)/>
                    <Route path=path!("/zorgpagina/:id/dossier") ssr=SsrMode::Async view=Screen::Dossier(Dossier::CarePlan)/>
                    <Route path=path!("/zorgpagina/:id/dossier/zorgplan") ssr=SsrMode::Async view=Screen::Dossier(Dossier::CarePlan)/>
                    <Route path=path!("/zorgpagina/:id/dossier/rapportages") ssr=SsrMode::Async view=Screen::Dossier(Dossier::Reports)/>
                    <Route path=path!("/zorgpagina/:id/dossier/meetwaarden") ssr=SsrMode::Async view=Screen::Measurements/>
                    <Route path=path!("/zorgpagina/:id/dossier/medicijnen") ssr=SsrMode::Async view=Screen::Dossier(Dossier::Medication)/>
                    <Route path=path!("/zorgpagina/:id/dossier/medicijnen/nieuw") ssr=SsrMode::Async view=Screen::Dossier(Dossier::NewMedicine)/>
                    <Route path=path!("/zorgpagina/:id/dossier/medicijnen/:medicijn/wijzigen") ssr=SsrMode::Async view=Screen::Dossier(Dossier::EditMedicine)/>
                    <Route path=path!("/zorgpagina/:id/dossier/medicijnen/print") ssr=SsrMode::Async view=Screen::Dossier(Dossier::PrintMedication)/>
                    <Route path=path!("/zorgpagina/:id/dossier/wie-keek") ssr=SsrMode::Async view=Screen::Dossier(Dossier::AccessLog)/>
                    <Route path=path!("/zorgpagina/:id/profiel") ssr=SsrMode::Async view=Screen::People(People::Profile)/>
                    <Route path=path!("/zorgpagina/:id/connecties") ssr=SsrMode::Async view=Screen::People(People::Connections)/>
                    <Route path=path!("/zorgpagina/:id/notities") ssr=SsrMode::Async view=Screen::Writing(Writing::Notes)/>
                    <Route path=path!("/zorgpagina/:id/notities/nieuw") ssr=SsrMode::Async view=Screen::Writing(Writing::NewNote)/>
                    <Route path=path!("/zorgpagina/:id/notities/:notitie/wijzigen") ssr=SsrMode::Async view=Screen::Writing(Writing::EditNote)/>
                    <Route path=path!("/zorgpagina/:id/mijn-verhaal") ssr=SsrMode::Async view=Screen::Writing(Writing::Story)/>
                    <Route path=path!("/zorgpagina/:id/mijn-verhaal/print") ssr=SsrMode::Async view=Screen::Writing(Writing::PrintStory)/>
                    <Route path=path!("/zorgpagina/:id/mijn-verhaal/:deel/schrijven") ssr=SsrMode::Async view=Screen::Writing(Writing::Chapter)/>
                    <Route path=path!("/zorgpagina/nieuw") ssr=SsrMode::Async view=Screen::Account(Account::NewCarePage)/>
                    <Route path=path!("/zorgpagina/:id") ssr=SsrMode::Async view=Screen::Overview/>
                    <Route path=path!("/zorgpagina/:id/kalender") ssr=SsrMode::Async view=Screen::Calendar(Calendar::Week)/>
                    <Route path=path!("/zorgpagina/:id/kalender/nieuw") ssr=SsrMode::Async view=Screen::Calendar(Calendar::Add)/>
                    <Route path=path!("/zorgpagina/:id/kalender/afspraak/:afspraak/wijzigen") ssr=SsrMode::Async view=Screen::Calendar(Calendar::Edit)/>
                    <Route path=path!("/zorgpagina/:id/kalender/print") ssr=SsrMode::Async view=Screen::Calendar(Calendar::Print)/>
                </Routes>
            </main>
            <footer class="site-footer">
                <A href=routes::TERMS>{text.terms}</A>
                <A href=routes::PRIVACY>{text.privacy}</A>
                <A href=routes::HELP>{text.nav_help}</A>
            </footer>
        </div>
    }
}
