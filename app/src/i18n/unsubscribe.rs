//! "Afmelden": turning a kind of notification mail off from the mail itself.

#[cfg_attr(test, derive(serde::Serialize))]
pub struct UnsubscribeTexts {
    pub title: &'static str,
    pub about_messages: &'static str,
    pub about_wellbeing: &'static str,
    pub about_help_requests: &'static str,
    pub about_reminders: &'static str,
    pub about_digest: &'static str,
    pub button: &'static str,
    pub done: &'static str,
    pub invalid: &'static str,
    pub elsewhere: &'static str,
    pub mail_footer: &'static str,
}

pub const NL_UNSUBSCRIBE: UnsubscribeTexts = UnsubscribeTexts {
    title: "Afmelden",
    about_messages: "Je krijgt een e-mail als er een nieuw bericht is op de zorgpagina van {person}.",
    about_wellbeing: "Je krijgt elke maand een herinnering voor ‘Hoe gaat het met jou?’.",
    about_help_requests: "Je krijgt een e-mail als iemand op de zorgpagina van {person} om hulp vraagt.",
    about_reminders: "Je krijgt een herinnering voor afspraken waarbij je helpt op de zorgpagina van {person}.",
    about_digest: "Je krijgt elke ochtend één e-mail met nieuwe berichten en hulpvragen. Afmelden zet ook die berichten en hulpvragen uit.",
    button: "Meld mij af voor deze e-mails",
    done: "Je bent afgemeld. Je krijgt deze e-mails niet meer.",
    invalid: "Deze afmeldlink is niet (meer) geldig. Je kunt je e-mails altijd aanpassen onder Mijn gegevens.",
    elsewhere: "Je kunt dit later weer aanzetten onder Mijn gegevens.",
    mail_footer: "Wil je deze e-mails niet meer? Meld je af: {link}",
};

pub const EN_UNSUBSCRIBE: UnsubscribeTexts = UnsubscribeTexts {
    title: "Unsubscribe",
    about_messages: "You get an e-mail when there is a new message on the care page of {person}.",
    about_wellbeing: "You get a monthly reminder for ‘How are you?’.",
    about_help_requests: "You get an e-mail when someone asks for help on the care page of {person}.",
    about_reminders: "You get a reminder of appointments you help with on the care page of {person}.",
    about_digest: "You get one e-mail each morning with new messages and requests for help. Unsubscribing also turns those messages and requests off.",
    button: "Unsubscribe me from these e-mails",
    done: "You have been unsubscribed. You will not get these e-mails any more.",
    invalid: "This unsubscribe link is not valid (any more). You can always change your e-mails under My details.",
    elsewhere: "You can turn this on again later under My details.",
    mail_footer: "No longer want these e-mails? Unsubscribe: {link}",
};
