//! The Overzicht ("what needs attention"), times as people say them, the
//! phone's navigation, and Kring on the home screen (offline copies).

use super::Plural;

#[cfg_attr(test, derive(serde::Serialize))]
pub struct HomeTexts {
    // Times in lists, as people say them.
    pub today_at: &'static str,
    pub yesterday_at: &'static str,
    pub tomorrow_at: &'static str,
    pub weekday_at: &'static str,
    // The Overzicht's blocks.
    pub today: &'static str,
    pub tomorrow: &'static str,
    pub nothing_planned: &'static str,
    pub visit_by: &'static str,
    pub to_week: &'static str,
    pub help_title: &'static str,
    pub help_none: &'static str,
    pub help_more: Plural,
    pub new_title: &'static str,
    pub new_none: &'static str,
    pub new_reports: Plural,
    pub more_threads: Plural,
    pub share_title: &'static str,
    pub share_intro: &'static str,
    pub share_times: Plural,
    pub share_quiet: &'static str,
    pub share_carrier: &'static str,
    pub share_ask: &'static str,
    pub person_title: &'static str,
    // The phone's navigation.
    pub more: &'static str,
    // Kring on the home screen.
    pub app_description: &'static str,
    pub offline_note: &'static str,
    pub offline_explain: &'static str,
    pub offline_none_title: &'static str,
    pub offline_none_body: &'static str,
    // A page the server could not make in time (server/src/time_limit.rs).
    pub slow_title: &'static str,
    pub slow_body: &'static str,
    pub slow_again: &'static str,
}

pub const NL_HOME: HomeTexts = HomeTexts {
    today_at: "vandaag {time}",
    yesterday_at: "gisteren {time}",
    tomorrow_at: "morgen {time}",
    weekday_at: "{day} {time}",
    today: "Vandaag",
    tomorrow: "Morgen",
    nothing_planned: "Niets gepland.",
    visit_by: "{who} van {organisation}",
    to_week: "Naar de week",
    help_title: "Wie wil er helpen?",
    help_none: "In de komende twee weken wordt nergens hulp bij gevraagd.",
    help_more: Plural {
        one: "Nog {count} hulpvraag staat in de kalender.",
        other: "Nog {count} hulpvragen staan in de kalender.",
    },
    new_title: "Nieuw voor jou",
    new_none: "Niets nieuws sinds je laatste bezoek.",
    new_reports: Plural {
        one: "{count} nieuwe rapportage in het dossier",
        other: "{count} nieuwe rapportages in het dossier",
    },
    more_threads: Plural {
        one: "Nog {count} gesprek met nieuwe berichten",
        other: "Nog {count} gesprekken met nieuwe berichten",
    },
    share_title: "Hoe de hulp verdeeld is",
    share_intro: "Wie hielp de afgelopen vier weken mee bij afspraken:",
    share_times: Plural {
        one: "{count} keer",
        other: "{count} keer",
    },
    share_quiet: "De afgelopen vier weken heeft nog niemand zich voor een hulpvraag aangemeld.",
    share_carrier: "{name} deed de afgelopen vier weken het meeste. Zorg houdt iemand langer vol als het gedeeld wordt: vraag de anderen gerust om mee te doen.",
    share_ask: "Vraag de anderen om hulp",
    person_title: "Over {name}",
    more: "Meer",
    app_description: "Samen zorgen voor iemand: de week, berichten en het dossier op één plek.",
    offline_note: "Offline – bijgewerkt om {time}",
    offline_explain: "Je hebt nu geen verbinding. Dit is wat Kring het laatst liet zien; iets wijzigen kan weer zodra er verbinding is.",
    offline_none_title: "Geen verbinding",
    offline_none_body: "Van deze pagina is geen kopie op dit apparaat. Het overzicht en de week die je het laatst bekeek kun je wel lezen; probeer het verder opnieuw zodra er verbinding is.",
    slow_title: "Dit duurt te lang",
    slow_body: "Kring kon deze pagina niet op tijd maken. Probeer het opnieuw; lukt het dan nog niet, probeer het over een paar minuten nog eens.",
    slow_again: "Probeer het opnieuw",
};

pub const EN_HOME: HomeTexts = HomeTexts {
    today_at: "today {time}",
    yesterday_at: "yesterday {time}",
    tomorrow_at: "tomorrow {time}",
    weekday_at: "{day} {time}",
    today: "Today",
    tomorrow: "Tomorrow",
    nothing_planned: "Nothing planned.",
    visit_by: "{who} of {organisation}",
    to_week: "To the week",
    help_title: "Who can help?",
    help_none: "Nobody asks for help in the coming two weeks.",
    help_more: Plural {
        one: "{count} more request for help is in the calendar.",
        other: "{count} more requests for help are in the calendar.",
    },
    new_title: "New for you",
    new_none: "Nothing new since your last visit.",
    new_reports: Plural {
        one: "{count} new report in the care file",
        other: "{count} new reports in the care file",
    },
    more_threads: Plural {
        one: "{count} more conversation with new messages",
        other: "{count} more conversations with new messages",
    },
    share_title: "How the help is shared",
    share_intro: "Who helped with appointments in the last four weeks:",
    share_times: Plural {
        one: "{count} time",
        other: "{count} times",
    },
    share_quiet: "Nobody signed up for a request for help in the last four weeks.",
    share_carrier: "{name} did most of it in the last four weeks. Caring lasts longer when it is shared: do ask the others to join in.",
    share_ask: "Ask the others for help",
    person_title: "About {name}",
    more: "More",
    app_description: "Caring for someone together: the week, messages and the care file in one place.",
    offline_note: "Offline – updated at {time}",
    offline_explain: "You have no connection right now. This is what Kring last showed; changes are possible again once you are back online.",
    offline_none_title: "No connection",
    offline_none_body: "There is no copy of this page on this device. The overview and the week you last looked at can still be read; for the rest, try again once you are back online.",
    slow_title: "This is taking too long",
    slow_body: "Kring could not make this page in time. Please try again; if that does not work, try again in a few minutes.",
    slow_again: "Try again",
};
