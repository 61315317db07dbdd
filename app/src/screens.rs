//! Every screen of the route table, and which part of the browser bundle
//! holds its code.
//!
//! The bundle is split (`cargo leptos build --split`): the frame every screen
//! shares (header, router, notices) is in the main file, and each *part*
//! below is a file of its own that the browser fetches when one of its
//! screens is first shown. The server names the part a page needs in a
//! `Link` header (`shell::assets::BundleParts`), so a page's files load in
//! parallel with the main one. Screens are grouped by what people open
//! together (the calendar's week and its editor, the dossier's tabs): one
//! split point per part instead of one per screen, because the splitter gives
//! code shared by several parts a file of its own per combination of parts.
//! Ten parts made 240 files (a screen needed 64–129 of them, each with a
//! preload link in every page); six make 53, and a screen needs 22–31 of them
//! with the main files. A seventh for the week alone (without the editor)
//! made its screen 44 KB smaller but 13 files more, and it came alive no
//! sooner on the slow line.

use crate::frame::{HomePage, RequireLogin};
use crate::shell::{HelpPage, HydratedMark};
use crate::{
    account_settings, accounts, calendar, care_pages, connections, dossier, legal, life_story,
    links, messages, notes, organisation, profile, two_factor, unsubscribe, wellbeing,
};
use leptos::prelude::*;
use leptos_router::ChooseView;

/// A screen of the route table: `<Route view=Screen::Calendar(Calendar::Week)/>`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    Start(Start),
    Account(Account),
    Organisation(Organisation),
    Overview,
    Calendar(Calendar),
    Messages(Messages),
    Dossier(Dossier),
    Measurements,
    People(People),
    Writing(Writing),
}

/// Reached without logging in: the welcome, logging in, links from e-mails.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Start {
    Home,
    LogIn,
    SecondStep,
    Register,
    ChoosePassword,
    ForgotPassword,
    ConfirmEmail,
    Invitation,
    Unsubscribe,
    Help,
    Terms,
    Privacy,
}

/// The account's own screens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Account {
    Settings,
    HowAreYou,
    EnterCode,
    NewCarePage,
}

/// The home-care organisation's console.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Organisation {
    Clients,
    Client,
    MyDay,
    Inbox,
    Tokens,
    Staff,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Calendar {
    Week,
    Add,
    Edit,
    Print,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Messages {
    Threads,
    NewThread,
    Thread,
}

/// The dossier's tabs except Meetwaarden (charts).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dossier {
    CarePlan,
    Reports,
    Medication,
    NewMedicine,
    EditMedicine,
    PrintMedication,
    AccessLog,
}

/// Who the person is and who is around them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum People {
    Profile,
    Connections,
}

/// Notities and Mijn verhaal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Writing {
    Notes,
    NewNote,
    EditNote,
    Story,
    PrintStory,
    Chapter,
}

/// A file of the split bundle, with the files of code it shares with others.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    Start,
    Overview,
    Calendar,
    Family,
    Dossier,
    Office,
}

impl Part {
    pub const ALL: [Part; 6] = [
        Part::Start,
        Part::Overview,
        Part::Calendar,
        Part::Family,
        Part::Dossier,
        Part::Office,
    ];

    /// Its name in the page's `<meta name="kring-part">`.
    pub fn key(self) -> &'static str {
        match self {
            Part::Start => "start",
            Part::Overview => "overview",
            Part::Calendar => "calendar",
            Part::Family => "family",
            Part::Dossier => "dossier",
            Part::Office => "office",
        }
    }

    pub fn from_key(key: &str) -> Option<Part> {
        Part::ALL.into_iter().find(|part| part.key() == key)
    }

    /// The part a reader of this one most likely opens next, if it is clear.
    pub fn daily_neighbour(self) -> Option<Part> {
        match self {
            Part::Overview => Some(Part::Calendar),
            Part::Calendar | Part::Family => Some(Part::Overview),
            Part::Start | Part::Dossier | Part::Office => None,
        }
    }

    /// Fetches the part's files, unless they are in already.
    #[cfg(feature = "hydrate")]
    async fn load(self) {
        match self {
            Part::Start => __preload_start_part().await,
            Part::Overview => __preload_overview_part().await,
            Part::Calendar => __preload_calendar_part().await,
            Part::Family => __preload_family_part().await,
            Part::Dossier => __preload_dossier_part().await,
            Part::Office => __preload_office_part().await,
        }
    }
}

impl Screen {
    pub fn part(self) -> Part {
        match self {
            Screen::Start(_) => Part::Start,
            Screen::Overview => Part::Overview,
            Screen::Calendar(_) => Part::Calendar,
            Screen::Messages(_) | Screen::People(_) | Screen::Writing(_) => Part::Family,
            Screen::Dossier(_) | Screen::Measurements => Part::Dossier,
            Screen::Account(_) | Screen::Organisation(_) => Part::Office,
        }
    }
}

/// A part's screens: in the browser a download (`#[lazy]`), on the server
/// plain code. The server does not make them lazy, so Leptos adds no preload
/// links of its own; `choose` asks for the files (see `assets::BundleParts`).
macro_rules! in_part {
    ($call:expr) => {{
        #[cfg(feature = "hydrate")]
        let view = $call.await;
        #[cfg(not(feature = "hydrate"))]
        let view = $call;
        view
    }};
}

/// The meta tag that names the part of the page's screen.
const PART_META: &str = "kring-part";

impl ChooseView for Screen {
    async fn choose(self) -> AnyView {
        let part = self.part();
        #[cfg(feature = "ssr")]
        {
            // Into the head, as leptos_meta does for a title: the browser
            // reads it before it hydrates (see `hydrate`).
            use leptos_meta::Meta;
            let _ = view! { <Meta name=PART_META content=part.key()/> }.to_html();
            // And the part's files, fetched beside the main one.
            // Borrowed, not cloned: this runs for every page.
            let preload = with_context::<crate::state::AppState, _>(|state| {
                state.bundle_parts.preloads(part.key()).cloned()
            })
            .flatten();
            if let (Some(response), Some(preload)) =
                (use_context::<leptos_axum::ResponseOptions>(), preload)
            {
                response.append_header(http::header::LINK, preload);
            }
        }
        let screen = match part {
            Part::Start => in_part!(start_part(self)),
            Part::Overview => with_login(in_part!(overview_part())),
            Part::Calendar => with_login(in_part!(calendar_part(self))),
            Part::Family => with_login(in_part!(family_part(self))),
            Part::Dossier => with_login(in_part!(dossier_part(self))),
            Part::Office => with_login(in_part!(office_part(self))),
        };
        view! { {screen}<HydratedMark/> }.into_any()
    }

    // Nothing to fetch ahead: the server's preload links already ask for the
    // part of the page being shown.
    async fn preload(&self) {}
}

/// Takes the server-rendered page over once the part of its screen is in.
///
/// Leptos' own way for split routes (`hydrate_lazy`) hydrates the frame while
/// the part is still on its way, and a `<Transition>` in the frame (the notice
/// bar) then met a node it did not expect and stopped the page. Fetching the
/// part first keeps hydration synchronous, exactly as without the split; the
/// part's files are preloaded by the page, so this waits for little more than
/// the main file.
#[cfg(feature = "hydrate")]
pub fn hydrate() {
    wasm_bindgen_futures::spawn_local(async {
        let part = web_sys::window()
            .and_then(|window| window.document())
            .and_then(|document| {
                document
                    .query_selector(&format!("meta[name={PART_META}]"))
                    .ok()
                    .flatten()
            })
            .and_then(|meta| meta.get_attribute("content"))
            .and_then(|key| Part::from_key(&key));
        // None: a screen outside the route table (not found), in the main file.
        if let Some(part) = part {
            part.load().await;
        }
        leptos::mount::hydrate_body(crate::App);
        // From the Overzicht the week is a tap away, and back: fetch it once
        // the page is quiet, so that tap does not wait for a download on a
        // slow line. (The rest loads when asked for.)
        if let Some(next) = part.and_then(Part::daily_neighbour) {
            gloo_timers::future::TimeoutFuture::new(NEIGHBOUR_DELAY_MS).await;
            next.load().await;
        }
    });
}

/// How long after hydration the neighbouring part is fetched: after the
/// page's own late requests, before a reader's first tap.
#[cfg(feature = "hydrate")]
const NEIGHBOUR_DELAY_MS: u32 = 1_500;

/// A screen that needs an account sends a visitor without a session to log in.
fn with_login(screen: AnyView) -> AnyView {
    view! { <RequireLogin/>{screen} }.into_any()
}

#[cfg_attr(feature = "hydrate", lazy)]
fn start_part(screen: Screen) -> AnyView {
    match screen {
        Screen::Start(screen) => start_screens(screen),
        other => unreachable!("{other:?} is not in the start part"),
    }
}

/// Overzicht, where every login lands: the smallest part on its own.
#[cfg_attr(feature = "hydrate", lazy)]
fn overview_part() -> AnyView {
    view! { <care_pages::pages::CarePageHome/> }.into_any()
}

/// The week and its editor: what a family opens most after the Overzicht.
#[cfg_attr(feature = "hydrate", lazy)]
fn calendar_part(screen: Screen) -> AnyView {
    match screen {
        Screen::Calendar(screen) => calendar_screens(screen),
        other => unreachable!("{other:?} is not in the calendar part"),
    }
}

/// The rest of what a family uses from day to day.
#[cfg_attr(feature = "hydrate", lazy)]
fn family_part(screen: Screen) -> AnyView {
    match screen {
        Screen::Messages(screen) => messages_screens(screen),
        Screen::People(screen) => people_screens(screen),
        Screen::Writing(screen) => writing_screens(screen),
        other => unreachable!("{other:?} is not in the family part"),
    }
}

/// The dossier with its charts: read by fewer people, and the largest code.
#[cfg_attr(feature = "hydrate", lazy)]
fn dossier_part(screen: Screen) -> AnyView {
    match screen {
        Screen::Dossier(screen) => dossier_screens(screen),
        Screen::Measurements => measurements_screen(),
        other => unreachable!("{other:?} is not in the dossier part"),
    }
}

/// The account's own screens and the organisation's console.
#[cfg_attr(feature = "hydrate", lazy)]
fn office_part(screen: Screen) -> AnyView {
    match screen {
        Screen::Account(screen) => account_screens(screen),
        Screen::Organisation(screen) => organisation_screens(screen),
        other => unreachable!("{other:?} is not in the office part"),
    }
}

fn calendar_screens(screen: Calendar) -> AnyView {
    use calendar::{editor, pages, print};
    match screen {
        Calendar::Week => view! { <pages::WeekPage/> }.into_any(),
        Calendar::Add => view! { <editor::AddAppointmentPage/> }.into_any(),
        Calendar::Edit => view! { <editor::EditAppointmentPage/> }.into_any(),
        Calendar::Print => view! { <print::PrintWeekPage/> }.into_any(),
    }
}

fn messages_screens(screen: Messages) -> AnyView {
    match screen {
        Messages::Threads => view! { <messages::pages::MessagesPage/> }.into_any(),
        Messages::NewThread => view! { <messages::pages::NewThreadPage/> }.into_any(),
        Messages::Thread => view! { <messages::ThreadPage/> }.into_any(),
    }
}

fn dossier_screens(screen: Dossier) -> AnyView {
    use dossier::{medication_page, pages};
    match screen {
        Dossier::CarePlan => view! { <pages::CarePlanPage/> }.into_any(),
        Dossier::Reports => view! { <pages::ReportsPage/> }.into_any(),
        Dossier::Medication => view! { <medication_page::MedicationPage/> }.into_any(),
        Dossier::NewMedicine => view! { <medication_page::NewMedicinePage/> }.into_any(),
        Dossier::EditMedicine => view! { <medication_page::EditMedicinePage/> }.into_any(),
        Dossier::PrintMedication => view! { <medication_page::PrintMedicationPage/> }.into_any(),
        Dossier::AccessLog => view! { <pages::AccessLogPage/> }.into_any(),
    }
}

fn measurements_screen() -> AnyView {
    view! { <dossier::pages::MeasurementsPage/> }.into_any()
}

fn people_screens(screen: People) -> AnyView {
    match screen {
        People::Profile => view! { <profile::pages::ProfilePage/> }.into_any(),
        People::Connections => view! { <connections::pages::ConnectionsPage/> }.into_any(),
    }
}

fn writing_screens(screen: Writing) -> AnyView {
    use life_story::pages::{ChapterPage, PrintStoryPage, StoryPage};
    use notes::pages::{EditNotePage, NewNotePage, NotesPage};
    match screen {
        Writing::Notes => view! { <NotesPage/> }.into_any(),
        Writing::NewNote => view! { <NewNotePage/> }.into_any(),
        Writing::EditNote => view! { <EditNotePage/> }.into_any(),
        Writing::Story => view! { <StoryPage/> }.into_any(),
        Writing::PrintStory => view! { <PrintStoryPage/> }.into_any(),
        Writing::Chapter => view! { <ChapterPage/> }.into_any(),
    }
}

fn account_screens(screen: Account) -> AnyView {
    match screen {
        Account::Settings => view! { <account_settings::pages::AccountPage/> }.into_any(),
        Account::HowAreYou => view! { <wellbeing::pages::WellbeingPage/> }.into_any(),
        Account::EnterCode => view! { <links::pages::EnterCodePage/> }.into_any(),
        Account::NewCarePage => view! { <care_pages::pages::NewCarePage/> }.into_any(),
    }
}

fn organisation_screens(screen: Organisation) -> AnyView {
    use organisation::*;
    match screen {
        Organisation::Clients => view! { <pages::ConsolePage/> }.into_any(),
        Organisation::Client => view! { <pages::ClientPage/> }.into_any(),
        Organisation::MyDay => view! { <visits_page::MyDayPage/> }.into_any(),
        Organisation::Inbox => view! { <inbox_page::InboxPage/> }.into_any(),
        Organisation::Tokens => view! { <tokens_page::TokensPage/> }.into_any(),
        Organisation::Staff => view! { <staff_page::StaffPage/> }.into_any(),
    }
}

fn start_screens(screen: Start) -> AnyView {
    use accounts::pages::{ChoosePasswordPage, ForgotPasswordPage, LoginPage, RegisterPage};
    match screen {
        Start::Home => view! { <HomePage/> }.into_any(),
        Start::LogIn => view! { <LoginPage/> }.into_any(),
        Start::SecondStep => view! { <two_factor::pages::SecondStepPage/> }.into_any(),
        Start::Register => view! { <RegisterPage/> }.into_any(),
        Start::ChoosePassword => view! { <ChoosePasswordPage/> }.into_any(),
        Start::ForgotPassword => view! { <ForgotPasswordPage/> }.into_any(),
        Start::ConfirmEmail => view! { <account_settings::pages::ConfirmEmailPage/> }.into_any(),
        Start::Invitation => view! { <connections::pages::InvitationPage/> }.into_any(),
        Start::Unsubscribe => view! { <unsubscribe::pages::UnsubscribePage/> }.into_any(),
        Start::Help => view! { <HelpPage/> }.into_any(),
        Start::Terms => view! { <legal::LegalPage kind=legal::LegalKind::Terms/> }.into_any(),
        Start::Privacy => view! { <legal::LegalPage kind=legal::LegalKind::Privacy/> }.into_any(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_part_is_found_by_the_key_its_page_names() {
        for part in Part::ALL {
            assert_eq!(Part::from_key(part.key()), Some(part));
        }
        assert_eq!(Part::from_key("elders"), None);
    }
}
