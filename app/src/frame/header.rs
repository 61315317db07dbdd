//! The header: Kring, "Ik zorg voor …", Contrast, Uitloggen; and the
//! navigation of the care page that is open.

use super::ViewerResource;
use crate::accounts::api::{Logout, SetContrast};
use crate::accounts::Viewer;
use crate::i18n::{fill, t};
use crate::policy::{allows, Action};
use crate::routes;
use crate::shell::{HighContrast, ViewerEpoch};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

use crate::routes::page_id_in;

/// A reactive "which care page is open", taken from the router once, so that
/// closures never look up context after their component is gone.
fn open_page_id() -> impl Fn() -> Option<i64> + Copy + Send + Sync + 'static {
    let pathname = use_location().pathname;
    move || pathname.with(|path| page_id_in(path))
}

/// The care page the header is about: the one in the address, or on pages
/// of one's own (Mijn gegevens, Help) the one last open, or else the first.
/// The care page's navigation does not vanish when you look at your settings.
fn current_page_id(
    pages: &[crate::care_pages::PageSummary],
) -> impl Fn() -> Option<i64> + Copy + Send + Sync + 'static {
    let open = open_page_id();
    let first = pages.first().map(|page| page.id);
    let known: Vec<i64> = pages.iter().map(|page| page.id).collect();
    let last = expect_context::<LastPage>().0;
    Effect::new(move |_| {
        if let Some(id) = open() {
            last.set(Some(id));
            crate::shell::remember_last_page(id);
        }
    });
    let known = StoredValue::new(known);
    move || {
        open().or_else(|| {
            last.get()
                .filter(|id| {
                    known
                        .try_with_value(|known| known.contains(id))
                        .unwrap_or(false)
                })
                .or(first)
        })
    }
}

/// The care page last open in this tab (see [`current_page_id`]).
#[derive(Clone, Copy)]
pub struct LastPage(pub RwSignal<Option<i64>>);

#[component]
pub fn Header() -> impl IntoView {
    let text = t();
    let viewer = expect_context::<ViewerResource>().0;
    view! {
        <header class="site-header">
            <div class="bar">
                <A href=routes::HOME attr:class="brand">{text.app_name}</A>
                <Transition fallback=|| ()>
                    {move || Suspend::new(async move {
                        let viewer = viewer.await.unwrap_or_default();
                        view! { <HeaderControls viewer/> }
                    })}
                </Transition>
            </div>
        </header>
    }
}

#[component]
fn HeaderControls(viewer: Viewer) -> impl IntoView {
    let text = t();
    let logout = ServerAction::<Logout>::new();
    ViewerEpoch::refresh_session_after(logout);
    Effect::new(move |_| {
        if let Some(Ok(_)) = logout.value().get() {
            crate::shell::offline::forget_offline_copies();
        }
    });
    let logged_in = viewer.account.is_some();
    let console = viewer
        .account
        .as_ref()
        .is_some_and(|account| account.console);
    let pages = viewer
        .account
        .map(|account| account.pages)
        .unwrap_or_default();
    let page_nav = pages.clone();
    view! {
        {logged_in.then(|| view! { <PageSwitcher pages/> })}
        <div class="header-buttons">
            <ContrastToggle/>
            <super::text_size_control::TextSizeControl/>
            <crate::accounts::language_choice::LanguageSwitch/>
            {if logged_in {
                // What is yours, together and apart from the care page's sections.
                view! {
                    <nav class="account-nav" aria-label=text.account_navigation>
                        {console.then(|| view! { <A href=routes::CONSOLE attr:class="button">{text.org.console}</A> })}
                        <A href=routes::ACCOUNT attr:class="button">{text.nav_account}</A>
                        <A href=routes::HELP attr:class="button">{text.nav_help}</A>
                        <ActionForm action=logout attr:class="inline">
                            <button type="submit">{text.log_out}</button>
                        </ActionForm>
                    </nav>
                }.into_any()
            } else {
                view! {
                    <A href=routes::HELP attr:class="button">{text.nav_help}</A>
                    <A href=routes::LOG_IN attr:class="button">{text.log_in}</A>
                }.into_any()
            }}
        </div>
        {logged_in.then(|| view! { <PageNavigation pages=page_nav console/> })}
    }
}

/// "Ik zorg voor …": a disclosure that lists the viewer's pages. Works without JavaScript.
#[component]
fn PageSwitcher(pages: Vec<crate::care_pages::PageSummary>) -> impl IntoView {
    let text = t();
    // Staff see their organisation's clients, not "Ik zorg voor … + Voeg toe".
    let staff = !pages.is_empty()
        && pages
            .iter()
            .all(|page| page.actor == crate::policy::Actor::LinkedStaff);
    let label = if staff { text.clients } else { text.i_care_for };
    let open_page_id = current_page_id(&pages);
    let pages = StoredValue::new(pages);
    // The list closes once a page is chosen, as a menu would.
    let details = NodeRef::<leptos::html::Details>::new();
    close_when_changed(details, open_page_id);
    let current_name = move || {
        let open = open_page_id();
        // try_: the header is rebuilt when the viewer changes, and a late
        // update must not touch the pages of the header that was replaced.
        pages
            .try_with_value(|pages| {
                pages
                    .iter()
                    .find(|page| Some(page.id) == open)
                    .map(|page| page.full_name())
                    .unwrap_or_default()
            })
            .unwrap_or_default()
    };
    view! {
        <nav class="switcher" aria-label=label>
            <details node_ref=details>
                <summary>
                    <span class="switcher-label">{label}</span>
                    " "
                    <span class="switcher-current">{current_name}</span>
                    <span class="switcher-arrow" aria-hidden="true">"▾"</span>
                </summary>
                <ul>
                    {pages.get_value().into_iter().map(|page| {
                        let href = routes::page(page.id).overview();
                        let is_open = move || (open_page_id() == Some(page.id)).then_some("page");
                        view! { <li><a href=href aria-current=is_open>{page.full_name()}</a></li> }
                    }).collect_view()}
                    {(!staff).then(|| view! {
                        <li><A href=routes::NEW_CARE_PAGE attr:class="add">"+ " {text.add_page}</A></li>
                        <li><A href=routes::ENTER_CODE attr:class="add">{text.org.enter_code}</A></li>
                    })}
                </ul>
            </details>
        </nav>
    }
}

/// One section of a care page in the navigation.
#[derive(Clone)]
struct Section {
    href: String,
    label: String,
    /// Only this exact address marks it current (the Overzicht is every
    /// section's prefix).
    exact: bool,
}

/// How many sections a phone shows in its bar; the rest are under "Meer".
const PHONE_BAR: usize = 4;

/// The sections of one page that its reader may open, most used first.
fn sections_of(page: &crate::care_pages::PageSummary) -> Vec<Section> {
    let text = t();
    let paths = routes::page(page.id);
    let actor = page.actor;
    let section = |href: String, label: &str, exact: bool| Section {
        href,
        label: label.to_string(),
        exact,
    };
    let mut sections = vec![
        section(paths.overview(), text.nav_overview, true),
        section(paths.calendar(), text.nav_calendar, false),
    ];
    if allows(actor, Action::UseFamilyMessages) || allows(actor, Action::UseProviderMessages) {
        sections.push(section(paths.messages(), text.nav_messages, false));
    }
    if allows(actor, Action::OpenDossier) {
        sections.push(section(paths.dossier(), text.dossier.nav_dossier, false));
    }
    if allows(actor, Action::ViewNotes) {
        sections.push(section(paths.notes(), text.notes.nav, false));
    }
    if allows(actor, Action::ViewLifeStory) {
        sections.push(section(paths.story(), text.story.nav, false));
    }
    if allows(actor, Action::ViewPersonDetails) {
        let label = fill(text.nav_profile_of, &[("name", &page.first_name)]);
        sections.push(section(paths.profile(), &label, false));
    }
    if allows(actor, Action::ViewMembers) {
        sections.push(section(paths.connections(), text.nav_connections, false));
    }
    sections
}

/// The sections of the open care page: all of them in one bar on a wide
/// screen; on a phone the first four, and "Meer" (a disclosure that works
/// without JavaScript) for the rest and for what is the reader's own. The
/// two lists are both in the page; CSS shows one per screen width, and a
/// hidden list is hidden from screen readers too.
#[component]
fn PageNavigation(pages: Vec<crate::care_pages::PageSummary>, console: bool) -> impl IntoView {
    let text = t();
    let open_page_id = current_page_id(&pages);
    let pages = StoredValue::new(pages);
    let open_page = move || {
        let id = open_page_id()?;
        pages
            .try_with_value(|pages| pages.iter().find(|page| page.id == id).cloned())
            .flatten()
    };
    let link = |section: Section, class: &'static str| {
        view! { <li class=class><A href=section.href exact=section.exact>{section.label}</A></li> }
    };
    // The menu closes once something in it is chosen, as a menu would.
    let more = NodeRef::<leptos::html::Details>::new();
    let pathname = use_location().pathname;
    close_when_changed(more, move || pathname.get());
    view! {
        <nav class="sections" aria-label=text.main_navigation>
            <ul>
                {move || open_page().map(|page| {
                    sections_of(&page).into_iter().enumerate().map(|(index, section)| {
                        link(section, if index < PHONE_BAR { "in-bar" } else { "beyond-bar" })
                    }).collect_view()
                })}
                <li class="more-menu">
                    <details node_ref=more>
                        <summary>{text.home.more} <span aria-hidden="true">"▾"</span></summary>
                        <ul>
                            {move || open_page().map(|page| {
                                sections_of(&page).into_iter().skip(PHONE_BAR)
                                    .map(|section| link(section, "")).collect_view()
                            })}
                            {console.then(|| view! { <li><A href=routes::CONSOLE>{text.org.console}</A></li> })}
                            <li><A href=routes::ACCOUNT>{text.nav_account}</A></li>
                            <li><A href=routes::HELP>{text.nav_help}</A></li>
                        </ul>
                    </details>
                </li>
            </ul>
        </nav>
    }
}

#[component]
fn ContrastToggle() -> impl IntoView {
    let text = t();
    let contrast = expect_context::<HighContrast>().0;
    let action = ServerAction::<SetContrast>::new();
    Effect::new(move |_| {
        if let Some(Ok(high)) = action.value().get() {
            contrast.set(high);
        }
    });
    view! {
        <ActionForm action=action attr:class="inline">
            <input type="hidden" name="high" value=move || (!contrast.get()).to_string()/>
            <button type="submit" aria-pressed=move || contrast.get().to_string()
                title=move || if contrast.get() { text.contrast_on } else { text.contrast_off }>
                {text.contrast}
            </button>
        </ActionForm>
    }
}

/// Closes a disclosure menu when `chosen` changes (a page or section was
/// picked). Not when the page comes alive: a menu opened on a slow phone
/// before that stays open.
fn close_when_changed<T>(
    details: NodeRef<leptos::html::Details>,
    chosen: impl Fn() -> T + Send + Sync + 'static,
) where
    T: PartialEq + Clone + Send + Sync + 'static,
{
    Effect::new(move |previous: Option<T>| {
        let now = chosen();
        if previous.is_some_and(|previous| previous != now) {
            if let Some(details) = details.get_untracked() {
                details.set_open(false);
            }
        }
        now
    });
}
