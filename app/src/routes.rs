//! Every address of Kring's screens and downloads, made in one place. A
//! component, a redirect or an e-mail asks for `routes::page(id).calendar()`
//! instead of formatting a path, so a renamed screen changes here only. The
//! route table itself is in `lib.rs` (Leptos' `path!` needs literals) and in
//! the server's router for the plain routes below; the integration test
//! `every_typed_route_is_served` checks that each address here is answered.

use chrono::NaiveDate;
use leptos::prelude::Read;

pub const HOME: &str = "/";
pub const LOG_IN: &str = "/inloggen";
pub const SECOND_STEP: &str = "/inloggen/code";
pub const REGISTER: &str = "/registreren";
pub const ACCOUNT: &str = "/account";
pub const HELP: &str = "/help";
pub const TERMS: &str = "/voorwaarden";
pub const PRIVACY: &str = "/privacy";
pub const NEW_CARE_PAGE: &str = "/zorgpagina/nieuw";
pub const FORGOT_PASSWORD: &str = "/wachtwoord-vergeten";
/// Where the links in e-mails lead: confirming a new account, a new password.
pub const CONFIRM_ACCOUNT: &str = "/account/bevestigen";
pub const NEW_PASSWORD: &str = "/wachtwoord/nieuw";
/// The login page after an account was deleted, which says so.
/// Where a login returns to (`/inloggen?terug=…`): a path of this site
/// only, never another site ("//elders.example"), an API call or the login
/// itself; `None` for anything else.
pub fn local_return(target: &str) -> Option<String> {
    let target = target.trim();
    let local = target.starts_with('/')
        && !target.starts_with("//")
        && !target.starts_with("/\\")
        && !target.contains('\\')
        && target.len() <= 512
        && !target.chars().any(char::is_control)
        && !target.starts_with("/api/")
        && !target.starts_with(LOG_IN);
    local.then(|| target.to_string())
}

pub const LOG_IN_AFTER_DELETION: &str = "/inloggen?account=verwijderd";

/// "Afmelden": the page a notification mail's unsubscribe link opens.
pub const UNSUBSCRIBE: &str = "/afmelden";

/// "Hoe gaat het met jou?": the carer's own check (Caregiver Strain Index).
pub const HOW_ARE_YOU: &str = "/hoe-gaat-het";

/// "Code invoeren": linking an organisation with the code from its letter.
pub const ENTER_CODE: &str = "/code-invoeren";
/// The organisation's console: its clients, one client, its staff.
pub const CONSOLE: &str = "/organisatie";
pub const CONSOLE_STAFF: &str = "/organisatie/medewerkers";
pub const CONSOLE_MY_DAY: &str = "/organisatie/mijn-dag";
pub const CONSOLE_TOKENS: &str = "/organisatie/api";
pub const CONSOLE_INBOX: &str = "/organisatie/berichten";
/// The REST API's readable documentation and its OpenAPI document.
pub const API_DOCS: &str = "/api/v1/docs";
pub const API_OPENAPI: &str = "/api/v1/openapi.json";

/// "Code invoeren" with one of the account's pages chosen already.
pub fn enter_code_for(page_id: i64) -> String {
    format!("{ENTER_CODE}?pagina={page_id}")
}

/// One client in the organisation's console.
pub fn console_client(client_id: i64) -> String {
    format!("{CONSOLE}/clienten/{client_id}")
}

/// The activation-code letter of one client (a form posts to it).
pub fn client_letter(client_id: i64) -> String {
    format!("{}/brief", console_client(client_id))
}

/// The plain routes the server answers itself (not Leptos), as axum writes
/// their patterns.
pub mod served {
    pub const PHOTO: &str = "/zorgpagina/{id}/foto";
    pub const CARE_PLAN_PDF: &str = "/zorgpagina/{id}/dossier/zorgplan.pdf";
    pub const ACCESS_LOG_CSV: &str = "/zorgpagina/{id}/dossier/wie-keek.csv";
    pub const EXPORT_EVERYTHING: &str = "/zorgpagina/{id}/alles-downloaden.zip";
    pub const EXPORT_OWN_WRITING: &str = "/zorgpagina/{id}/mijn-bijdragen.zip";
    pub const STORY_PHOTOS: &str = "/zorgpagina/{id}/verhaal-foto";
    pub const STORY_PHOTO: &str = "/zorgpagina/{id}/verhaal-foto/{photo}";
    pub const CLIENT_LETTER: &str = "/organisatie/clienten/{id}/brief";
    /// The web app manifest (its name is what browsers look for).
    pub const MANIFEST: &str = "/manifest.webmanifest";
    /// An unsubscribe link's one-click address (RFC 8058): POST turns the
    /// mail off, GET leads to the page.
    pub const UNSUBSCRIBE_ONE_CLICK: &str = "/afmelden/een-klik";
    /// What the service worker shows offline for a page it has no copy of.
    pub const OFFLINE: &str = "/offline";
}

/// The id of the care page the current route shows (its `:id`), if any.
pub fn page_id_from_route() -> Option<i64> {
    leptos_router::hooks::use_params_map()
        .read()
        .get("id")
        .and_then(|id| id.parse().ok())
}

/// The id of the care page in an address, if one is open.
pub fn page_id_in(path: &str) -> Option<i64> {
    path.strip_prefix("/zorgpagina/")?
        .split('/')
        .next()?
        .parse()
        .ok()
}

/// The addresses of one care page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CarePage(i64);

pub fn page(id: i64) -> CarePage {
    CarePage(id)
}

impl CarePage {
    /// "Overzicht".
    pub fn overview(self) -> String {
        format!("/zorgpagina/{}", self.0)
    }

    fn under(self, rest: &str) -> String {
        format!("/zorgpagina/{}/{rest}", self.0)
    }

    pub fn calendar(self) -> String {
        self.under("kalender")
    }

    /// The week `week` (its key, e.g. `2026-W47`).
    pub fn calendar_week(self, week: &str) -> String {
        format!("{}?week={week}", self.calendar())
    }

    /// The week `week`, scrolled to the element `anchor`.
    pub fn calendar_at(self, week: &str, anchor: &str) -> String {
        format!("{}#{anchor}", self.calendar_week(week))
    }

    pub fn print_week(self, week: &str) -> String {
        format!("{}/print?week={week}", self.calendar())
    }

    /// "Afspraak toevoegen", starting on `date` when given.
    pub fn new_appointment(self, date: Option<NaiveDate>) -> String {
        match date {
            Some(date) => format!("{}/nieuw?datum={date}", self.calendar()),
            None => format!("{}/nieuw", self.calendar()),
        }
    }

    /// "Wijzigen" for the occurrence on `date` of appointment `id`.
    pub fn edit_appointment(self, id: i64, date: NaiveDate) -> String {
        format!("{}/afspraak/{id}/wijzigen?datum={date}", self.calendar())
    }

    pub fn messages(self) -> String {
        self.under("berichten")
    }

    pub fn new_thread(self) -> String {
        self.under("berichten/nieuw")
    }

    pub fn thread(self, thread_id: i64) -> String {
        format!("{}/{thread_id}", self.messages())
    }

    /// "Alles downloaden": the admin's ZIP of everything on the page.
    pub fn export_everything(self) -> String {
        self.under("alles-downloaden.zip")
    }

    /// "Download wat ik schreef": a member's ZIP of their own writing.
    pub fn export_own_writing(self) -> String {
        self.under("mijn-bijdragen.zip")
    }

    /// The dossier opens on the care plan in force.
    pub fn dossier(self) -> String {
        self.under("dossier")
    }

    pub fn care_plan(self) -> String {
        self.under("dossier/zorgplan")
    }

    pub fn care_plan_version(self, version: i64) -> String {
        format!("{}?versie={version}", self.dossier())
    }

    pub fn care_plan_pdf(self, version: i64) -> String {
        format!("{}?versie={version}", self.under("dossier/zorgplan.pdf"))
    }

    pub fn reports(self) -> String {
        self.under("dossier/rapportages")
    }

    pub fn measurements(self) -> String {
        self.under("dossier/meetwaarden")
    }

    /// The measurements over `period` (its query value, e.g. `3m`).
    pub fn measurements_over(self, period: &str) -> String {
        format!("{}?periode={period}", self.measurements())
    }

    /// Medicijnen, in the dossier.
    pub fn medication(self) -> String {
        self.under("dossier/medicijnen")
    }

    pub fn new_medicine(self) -> String {
        self.under("dossier/medicijnen/nieuw")
    }

    pub fn edit_medicine(self, id: i64) -> String {
        format!("{}/{id}/wijzigen", self.medication())
    }

    /// "Medicatieoverzicht": the list on one A4 page.
    pub fn print_medication(self) -> String {
        format!("{}/print", self.medication())
    }

    pub fn access_log(self) -> String {
        self.under("dossier/wie-keek")
    }

    /// The access log as CSV, for `person` (empty: everyone) over `period`.
    pub fn access_log_csv(self, person: &str, period: &str) -> String {
        format!(
            "{}?persoon={person}&periode={period}",
            self.under("dossier/wie-keek.csv")
        )
    }

    pub fn profile(self) -> String {
        self.under("profiel")
    }

    /// The profile after a photo upload, which says how it went.
    pub fn profile_after_photo(self, outcome: &str) -> String {
        format!("{}?foto={outcome}", self.profile())
    }

    /// The photo upload (POST) and the photo itself (GET).
    pub fn photo(self) -> String {
        self.under("foto")
    }

    /// The photo as stored in `version`, so a new photo is never an old cached one.
    pub fn photo_version(self, version: &str) -> String {
        format!("{}?v={version}", self.photo())
    }

    pub fn connections(self) -> String {
        self.under("connecties")
    }

    /// Notities.
    pub fn notes(self) -> String {
        self.under("notities")
    }

    /// The notes, scrolled to note `id` (marked with `:target`).
    pub fn notes_at(self, id: i64) -> String {
        format!("{}#notitie-{id}", self.notes())
    }

    pub fn new_note(self) -> String {
        self.under("notities/nieuw")
    }

    pub fn edit_note(self, id: i64) -> String {
        format!("{}/{id}/wijzigen", self.notes())
    }

    /// Mijn verhaal.
    pub fn story(self) -> String {
        self.under("mijn-verhaal")
    }

    /// Writing one chapter (its key, e.g. `jeugd`), with its earlier versions.
    pub fn story_chapter(self, chapter: &str) -> String {
        format!("{}/{chapter}/schrijven", self.story())
    }

    /// The story, scrolled to one chapter.
    pub fn story_at(self, chapter: &str) -> String {
        format!("{}#{chapter}", self.story())
    }

    /// Adding a photo to the story (a multipart POST).
    pub fn story_photos(self) -> String {
        self.under("verhaal-foto")
    }

    /// One photo of the story.
    pub fn story_photo(self, id: i64) -> String {
        format!("{}/{id}", self.story_photos())
    }

    /// The story after a photo upload, which says how it went.
    pub fn story_after_photo(self, outcome: &str) -> String {
        format!("{}?foto={outcome}#fotos", self.story())
    }

    /// The story on paper.
    pub fn print_story(self) -> String {
        format!("{}/print", self.story())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_care_page_s_addresses_follow_the_route_table() {
        let page = page(7);
        let day = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        assert_eq!(page.overview(), "/zorgpagina/7");
        assert_eq!(
            page.calendar_week("2026-W48"),
            "/zorgpagina/7/kalender?week=2026-W48"
        );
        assert_eq!(
            page.calendar_at("2026-W48", "afspraak-3-2026-11-26"),
            "/zorgpagina/7/kalender?week=2026-W48#afspraak-3-2026-11-26"
        );
        assert_eq!(
            page.new_appointment(Some(day)),
            "/zorgpagina/7/kalender/nieuw?datum=2026-11-26"
        );
        assert_eq!(
            page.edit_appointment(3, day),
            "/zorgpagina/7/kalender/afspraak/3/wijzigen?datum=2026-11-26"
        );
        assert_eq!(page.thread(4), "/zorgpagina/7/berichten/4");
        assert_eq!(page.edit_note(5), "/zorgpagina/7/notities/5/wijzigen");
        assert_eq!(page.notes_at(5), "/zorgpagina/7/notities#notitie-5");
        assert_eq!(
            page.story_chapter("jeugd"),
            "/zorgpagina/7/mijn-verhaal/jeugd/schrijven"
        );
        assert_eq!(page.print_story(), "/zorgpagina/7/mijn-verhaal/print");
        assert_eq!(
            page.care_plan_pdf(2),
            "/zorgpagina/7/dossier/zorgplan.pdf?versie=2"
        );
        assert_eq!(
            page.access_log_csv("", "3m"),
            "/zorgpagina/7/dossier/wie-keek.csv?persoon=&periode=3m"
        );
        assert_eq!(page_id_in(&page.thread(4)), Some(7));
        assert_eq!(page_id_in(NEW_CARE_PAGE), None);
        let served = |pattern: &str| pattern.replace("{id}", "7");
        assert_eq!(page.photo(), served(served::PHOTO));
        assert_eq!(page.export_everything(), served(served::EXPORT_EVERYTHING));
        assert_eq!(
            page.export_own_writing(),
            served(served::EXPORT_OWN_WRITING)
        );
        assert!(page
            .care_plan_pdf(1)
            .starts_with(&served(served::CARE_PLAN_PDF)));
        assert!(page
            .access_log_csv("", "")
            .starts_with(&served(served::ACCESS_LOG_CSV)));
        assert_eq!(client_letter(7), served(served::CLIENT_LETTER));
        assert_eq!(enter_code_for(7), "/code-invoeren?pagina=7");
    }
}
