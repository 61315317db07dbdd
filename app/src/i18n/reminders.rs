//! "E-mail van Kring" in Mijn gegevens, and the mails about help requests
//! and appointments. Mails name an appointment's title and time, never its
//! description or place: those may say more than a mail should.

#[cfg_attr(test, derive(serde::Serialize))]
pub struct ReminderTexts {
    pub section: &'static str,
    pub intro: &'static str,
    pub none: &'static str,
    pub messages: &'static str,
    pub help_requests: &'static str,
    pub day_before: &'static str,
    pub week_before: &'static str,
    pub save: &'static str,
    pub saved: &'static str,
    pub help_subject: &'static str,
    pub help_body: &'static str,
    pub reask_subject: &'static str,
    pub reask_body: &'static str,
    pub reminder_subject: &'static str,
    pub reminder_day_body: &'static str,
    pub reminder_week_body: &'static str,
    pub someone: &'static str,
}

pub const NL_REMINDERS: ReminderTexts = ReminderTexts {
    section: "E-mail van Kring",
    intro: "Kies per zorgpagina welke e-mails je wilt krijgen. Een e-mail noemt nooit wat er in een bericht of het dossier staat.",
    none: "Je bent nog geen lid van een zorgpagina.",
    messages: "Nieuwe berichten",
    help_requests: "Hulpvragen (‘Wie wil er helpen?’)",
    day_before: "Herinnering de dag vóór een afspraak waarbij ik help",
    week_before: "Ook een herinnering een week ervoor",
    save: "E-mails voor {person} opslaan",
    saved: "Je e-mailkeuzes voor {person} zijn opgeslagen.",
    help_subject: "Hulp gevraagd op de zorgpagina van {person}",
    help_body: "Hallo {name},\n\n{asker} vraagt hulp bij ‘{title}’ op {when}.\n\nKun jij helpen? Kijk in de agenda en klik op ‘Ik help mee’:\n{link}",
    reask_subject: "Nog niemand gevonden – zorgpagina van {person}",
    reask_body: "Hallo {name},\n\nVoor ‘{title}’ op {when} heeft zich nog niemand gemeld.\n\nKun jij helpen? Kijk in de agenda:\n{link}",
    reminder_subject: "Herinnering: {when}",
    reminder_day_body: "Hallo {name},\n\nMorgen help je bij ‘{title}’ op {when} (zorgpagina van {person}).\n\nIn de agenda:\n{link}",
    reminder_week_body: "Hallo {name},\n\nOver een week help je bij ‘{title}’ op {when} (zorgpagina van {person}).\n\nIn de agenda:\n{link}",
    someone: "Iemand",
};

pub const EN_REMINDERS: ReminderTexts = ReminderTexts {
    section: "E-mail from Kring",
    intro: "Choose for each care page which e-mails you want. An e-mail never says what a message or the dossier says.",
    none: "You are not a member of a care page yet.",
    messages: "New messages",
    help_requests: "Requests for help (‘Who wants to help?’)",
    day_before: "A reminder the day before an appointment I help with",
    week_before: "Also a reminder a week before",
    save: "Save e-mails for {person}",
    saved: "Your e-mail choices for {person} have been saved.",
    help_subject: "Help asked on the care page of {person}",
    help_body: "Hello {name},\n\n{asker} asks for help with ‘{title}’ on {when}.\n\nCan you help? Look in the calendar and choose ‘I will help’:\n{link}",
    reask_subject: "Nobody found yet – care page of {person}",
    reask_body: "Hello {name},\n\nNobody has offered to help with ‘{title}’ on {when} yet.\n\nCan you help? Look in the calendar:\n{link}",
    reminder_subject: "Reminder: {when}",
    reminder_day_body: "Hello {name},\n\nTomorrow you help with ‘{title}’ on {when} (care page of {person}).\n\nIn the calendar:\n{link}",
    reminder_week_body: "Hello {name},\n\nIn a week you help with ‘{title}’ on {when} (care page of {person}).\n\nIn the calendar:\n{link}",
    someone: "Someone",
};
