//! What the download holds: one JSON file per domain, each row an object
//! whose fields are listed here once, with the SQL that fills them and the
//! words a person reads for them. The same list makes the JSON, the readable
//! HTML and `velden.txt`, so the three cannot drift apart.
//!
//! Ids are the database's own (stable: they never change or get reused);
//! dates are ISO 8601 (`2026-12-04`, moments `2026-12-04T09:30:00Z` in UTC,
//! wall-clock times of appointments and visits as `09:30` in Dutch time).

/// A field of a row: its JSON key, the SQL expression for it, and its name
/// for people in Dutch and English.
pub struct Field {
    pub key: &'static str,
    pub sql: &'static str,
    /// The same on PostgreSQL, where its SQL differs (JSON, booleans, the
    /// shape of a moment); else `sql`.
    pub postgres: &'static str,
    pub nl: &'static str,
    pub en: &'static str,
}

/// One file of the download.
pub struct Section {
    /// The file name without extension (`kalender` → `kalender.json`, `kalender.html`).
    pub file: &'static str,
    pub nl: &'static str,
    pub en: &'static str,
    /// The table with its alias, and the condition on the page (`$1`).
    pub from: &'static str,
    /// The column naming who wrote a row, for "what I wrote"; none: the
    /// section is not part of that download.
    pub author: Option<&'static str>,
    pub order: &'static str,
    /// The field whose value heads a row in the readable copy.
    pub heading: &'static str,
    pub fields: &'static [Field],
}

const fn f(key: &'static str, sql: &'static str, nl: &'static str, en: &'static str) -> Field {
    Field {
        key,
        sql,
        postgres: sql,
        nl,
        en,
    }
}

impl Field {
    const fn on_postgres(self, postgres: &'static str) -> Field {
        Field { postgres, ..self }
    }
}

/// An instant as SQLite holds it ("2026-12-04T09:30:00Z"), on PostgreSQL too.
macro_rules! instant {
    ($key:literal, $column:literal, $nl:literal, $en:literal $(,)?) => {
        f($key, $column, $nl, $en).on_postgres(concat!(
            "to_char(",
            $column,
            " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
        ))
    };
}

/// A moment on the Dutch wall clock as SQLite holds it ("2026-12-04T09:30").
macro_rules! wall {
    ($key:literal, $column:literal, $nl:literal, $en:literal $(,)?) => {
        f($key, $column, $nl, $en).on_postgres(concat!(
            "to_char(",
            $column,
            ", 'YYYY-MM-DD\"T\"HH24:MI')"
        ))
    };
}

/// A time of day as SQLite holds it ("09:30"), on PostgreSQL too.
macro_rules! clock {
    ($key:literal, $column:literal, $nl:literal, $en:literal) => {
        f($key, $column, $nl, $en).on_postgres(concat!("to_char(", $column, ", 'HH24:MI')"))
    };
}

/// A yes or no: SQLite holds 1 or 0, PostgreSQL a boolean.
macro_rules! yes_no {
    ($key:literal, $column:literal, $nl:literal, $en:literal $(,)?) => {
        f(
            $key,
            concat!(
                "json(CASE WHEN ",
                $column,
                " = 1 THEN 'true' ELSE 'false' END)"
            ),
            $nl,
            $en,
        )
        .on_postgres($column)
    };
}

/// An account's name, or an empty text once the account is gone.
macro_rules! name_of {
    ($column:literal) => {
        concat!(
            "(SELECT first_name || ' ' || last_name FROM accounts WHERE id = ",
            $column,
            ")"
        )
    };
}

pub const PERSON: Section = Section {
    file: "persoon",
    nl: "De persoon",
    en: "The person",
    from: "care_pages p WHERE p.id = $1",
    author: None,
    order: "p.id",
    heading: "first_name",
    fields: &[
        f("id", "p.id", "Nummer van de pagina", "Page number"),
        f("first_name", "p.first_name", "Voornaam", "First name"),
        f("last_name", "p.last_name", "Achternaam", "Last name"),
        f(
            "birth_date",
            "p.birth_date",
            "Geboortedatum",
            "Date of birth",
        ),
        f("address", "p.address", "Adres", "Address"),
        f("phone", "p.phone", "Telefoon", "Phone"),
        instant!(
            "created_at",
            "p.created_at",
            "Pagina gemaakt op",
            "Page created on",
        ),
    ],
};

pub const MEMBERS: Section = Section {
    file: "connecties",
    nl: "Connecties",
    en: "Connections",
    from: "members m WHERE m.care_page_id = $1",
    author: None,
    order: "m.joined_at, m.account_id",
    heading: "name",
    fields: &[
        f(
            "account_id",
            "m.account_id",
            "Nummer van het account",
            "Account number",
        ),
        f("name", name_of!("m.account_id"), "Naam", "Name"),
        f(
            "role",
            "m.role",
            "Rol (admin, trusted, helper)",
            "Role (admin, trusted, helper)",
        ),
        instant!("joined_at", "m.joined_at", "Lid sinds", "Member since"),
    ],
};

pub const HISTORY: Section = Section {
    file: "geschiedenis",
    nl: "Geschiedenis van de pagina",
    en: "Page history",
    from: "page_history h WHERE h.care_page_id = $1",
    author: None,
    order: "h.at, h.id",
    heading: "at",
    fields: &[
        f("id", "h.id", "Nummer", "Number"),
        instant!("at", "h.at", "Wanneer", "When"),
        f("by", name_of!("h.account_id"), "Door", "By"),
        // Put into words by the server (`HistoryEvent::describe`) in the
        // reader's language; `event` holds the same as data.
        f("what", "NULL", "Wat er gebeurde", "What happened"),
        f("event", "json(h.event)", "Als gegevens", "As data").on_postgres("CAST(h.event AS json)"),
    ],
};

pub const CALENDAR: Section = Section {
    file: "kalender",
    nl: "Kalender",
    en: "Calendar",
    from: "appointments a WHERE a.care_page_id = $1",
    author: Some("a.created_by"),
    order: "a.start_date, a.start_time, a.id",
    heading: "title",
    fields: &[
        f("id", "a.id", "Nummer", "Number"),
        f("title", "a.title", "Titel", "Title"),
        f("date", "a.start_date", "Datum (de eerste keer)", "Date (the first time)"),
        clock!("start_time", "a.start_time", "Begint om", "Starts at"),
        clock!("end_time", "a.end_time", "Eindigt om", "Ends at"),
        f("place", "a.place", "Plaats", "Place"),
        f("description", "a.description", "Beschrijving", "Description"),
        f(
            "repeats",
            "a.repeat_frequency",
            "Herhaalt (daily, weekly, monthly)",
            "Repeats (daily, weekly, monthly)",
        ),
        f("every", "a.repeat_interval", "Elke hoeveel keer", "Every how many"),
        f("last_date", "a.last_date", "Laatste datum", "Last date"),
        f(
            "skipped_dates",
            "json((SELECT json_group_array(occurrence_date) FROM appointment_skips WHERE appointment_id = a.id))",
            "Overgeslagen data",
            "Dates left out",
        )
        .on_postgres(
            "(SELECT COALESCE(json_agg(occurrence_date), '[]') FROM appointment_skips WHERE appointment_id = a.id)",
        ),
        f(
            "helpers",
            "json((SELECT json_group_array(json_object('date', occurrence_date, 'name', (SELECT first_name || ' ' || last_name FROM accounts WHERE id = account_id))) FROM appointment_helpers WHERE appointment_id = a.id))",
            "Wie helpt",
            "Who helps",
        )
        .on_postgres(
            "(SELECT COALESCE(json_agg(json_build_object('date', occurrence_date, 'name', (SELECT first_name || ' ' || last_name FROM accounts WHERE id = account_id))), '[]') FROM appointment_helpers WHERE appointment_id = a.id)",
        ),
        yes_no!("asks_help", "a.asks_help", "Hulp gevraagd", "Help asked"),
        yes_no!(
            "shared_with_organisation",
            "a.shared_with_provider",
            "Gedeeld met de zorgorganisatie",
            "Shared with the care organisation",
        ),
        f("made_by", name_of!("a.created_by"), "Gemaakt door", "Made by"),
        instant!("created_at", "a.created_at", "Gemaakt op", "Made on"),
    ],
};

pub const MESSAGES: Section = Section {
    file: "berichten",
    nl: "Berichten",
    en: "Messages",
    from: "messages m JOIN threads t ON t.id = m.thread_id WHERE t.care_page_id = $1",
    author: Some("m.author_id"),
    order: "t.id, m.id",
    heading: "subject",
    fields: &[
        f("id", "m.id", "Nummer van het bericht", "Message number"),
        f(
            "thread_id",
            "t.id",
            "Nummer van het gesprek",
            "Conversation number",
        ),
        f("subject", "t.subject", "Onderwerp", "Subject"),
        f(
            "shared_with",
            "COALESCE((SELECT name FROM providers WHERE id = t.provider_id), 'familie')",
            "Gedeeld met",
            "Shared with",
        ),
        f(
            "author",
            name_of!("m.author_id"),
            "Geschreven door",
            "Written by",
        ),
        f(
            "organisation",
            "(SELECT name FROM providers WHERE id = m.provider_id)",
            "Namens",
            "On behalf of",
        ),
        f("text", "m.body", "Tekst", "Text"),
        instant!("written_at", "m.created_at", "Geschreven op", "Written on"),
    ],
};

pub const NOTES: Section = Section {
    file: "notities",
    nl: "Notities",
    en: "Notes",
    from: "notes n WHERE n.care_page_id = $1",
    author: Some("n.author_id"),
    order: "n.pinned DESC, n.title, n.id",
    heading: "title",
    fields: &[
        f("id", "n.id", "Nummer", "Number"),
        f("title", "n.title", "Titel", "Title"),
        f("text", "n.body", "Tekst", "Text"),
        f("phone", "n.phone", "Telefoon", "Phone"),
        f("address", "n.address", "Adres", "Address"),
        yes_no!(
            "pinned",
            "n.pinned",
            "Bovenaan vastgezet",
            "Pinned at the top",
        ),
        f(
            "author",
            name_of!("n.author_id"),
            "Geschreven door",
            "Written by",
        ),
        instant!(
            "changed_at",
            "n.changed_at",
            "Laatst gewijzigd",
            "Last changed",
        ),
        instant!("created_at", "n.created_at", "Geschreven op", "Written on"),
    ],
};

pub const LIFE_STORY: Section = Section {
    file: "mijn-verhaal",
    nl: "Mijn verhaal (elke versie van elk hoofdstuk)",
    en: "My story (every version of every chapter)",
    from: "life_story_versions v WHERE v.care_page_id = $1",
    author: Some("v.written_by"),
    order: "v.chapter, v.id",
    heading: "chapter",
    fields: &[
        f("id", "v.id", "Nummer van de versie", "Version number"),
        f("chapter", "v.chapter", "Hoofdstuk", "Chapter"),
        f("text", "v.body", "Tekst", "Text"),
        f(
            "written_by",
            name_of!("v.written_by"),
            "Geschreven door",
            "Written by",
        ),
        instant!("written_at", "v.written_at", "Geschreven op", "Written on"),
    ],
};

pub const VISITS: Section = Section {
    file: "bezoeken",
    nl: "Geplande bezoeken van de zorgorganisatie",
    en: "Visits planned by the care organisation",
    from: "visits v WHERE v.care_page_id = $1",
    author: None,
    order: "v.starts_at, v.id",
    heading: "title",
    fields: &[
        f("id", "v.id", "Nummer", "Number"),
        f("title", "v.title", "Wat", "What"),
        wall!(
            "starts_at",
            "v.starts_at",
            "Begint (Nederlandse tijd)",
            "Starts (Dutch time)",
        ),
        f("minutes", "v.duration_minutes", "Minuten", "Minutes"),
        f("employee", "v.employee_name", "Medewerker", "Carer"),
        f(
            "organisation",
            "(SELECT name FROM providers WHERE id = v.provider_id)",
            "Organisatie",
            "Organisation",
        ),
    ],
};

pub const CARE_PLANS: Section = Section {
    file: "dossier-zorgplannen",
    nl: "Dossier: zorgplannen (elke versie)",
    en: "Dossier: care plans (every version)",
    from: "care_plan_versions c WHERE c.care_page_id = $1",
    author: None,
    order: "c.provider_id, c.id",
    heading: "valid_from",
    fields: &[
        f("id", "c.id", "Nummer van de versie", "Version number"),
        f(
            "organisation",
            "(SELECT name FROM providers WHERE id = c.provider_id)",
            "Organisatie",
            "Organisation",
        ),
        f("valid_from", "c.valid_from", "Geldig vanaf", "Valid from"),
        f("plan", "json(c.content)", "Het plan", "The plan").on_postgres("CAST(c.content AS json)"),
        f("author", "c.author_name", "Geschreven door", "Written by"),
        instant!("created_at", "c.created_at", "Opgeslagen op", "Saved on"),
    ],
};

pub const REPORTS: Section = Section {
    file: "dossier-rapportages",
    nl: "Dossier: rapportages",
    en: "Dossier: reports",
    from: "reports r WHERE r.care_page_id = $1",
    author: None,
    order: "r.visited_at, r.id",
    heading: "visited_at",
    fields: &[
        f("id", "r.id", "Nummer", "Number"),
        f(
            "organisation",
            "(SELECT name FROM providers WHERE id = r.provider_id)",
            "Organisatie",
            "Organisation",
        ),
        f(
            "kind",
            "r.kind",
            "Soort (general, medical)",
            "Kind (general, medical)",
        ),
        wall!(
            "visited_at",
            "r.visited_at",
            "Bezoek (Nederlandse tijd)",
            "Visit (Dutch time)",
        ),
        f("text", "r.body", "Tekst", "Text"),
        f("author", "r.author_name", "Geschreven door", "Written by"),
        instant!("created_at", "r.created_at", "Opgeslagen op", "Saved on"),
    ],
};

pub const MEASUREMENTS: Section = Section {
    file: "dossier-meetwaarden",
    nl: "Dossier: meetwaarden",
    en: "Dossier: measurements",
    from: "measurements m WHERE m.care_page_id = $1",
    author: None,
    order: "m.kind, m.measured_at, m.id",
    heading: "measured_at",
    fields: &[
        f("id", "m.id", "Nummer", "Number"),
        f(
            "kind",
            "m.kind",
            "Soort (weight kg, blood_pressure mmHg, blood_sugar mmol/L)",
            "Kind (weight kg, blood_pressure mmHg, blood_sugar mmol/L)",
        ),
        wall!(
            "measured_at",
            "m.measured_at",
            "Gemeten (Nederlandse tijd)",
            "Measured (Dutch time)",
        ),
        f(
            "value",
            "m.value",
            "Waarde (bij bloeddruk de bovendruk)",
            "Value (systolic for blood pressure)",
        ),
        f("diastolic", "m.diastolic", "Onderdruk", "Diastolic"),
        f("pulse", "m.pulse", "Hartslag", "Pulse"),
        f(
            "measured_by",
            "COALESCE((SELECT name FROM providers WHERE id = m.provider_id), 'familie')",
            "Gemeten door",
            "Measured by",
        ),
        f("author", "m.author_name", "Ingevoerd door", "Entered by"),
    ],
};

pub const MEDICATION: Section = Section {
    file: "dossier-medicijnen",
    nl: "Dossier: medicijnen",
    en: "Dossier: medication",
    from: "medicines d WHERE d.care_page_id = $1",
    author: None,
    order: "d.name, d.id",
    heading: "name",
    fields: &[
        f("id", "d.id", "Nummer", "Number"),
        f("name", "d.name", "Medicijn", "Medicine"),
        f("strength", "d.strength", "Sterkte", "Strength"),
        f("dose", "d.dose", "Dosis", "Dose"),
        f("times", "d.times", "Wanneer", "When"),
        f(
            "with_food",
            "d.with_food",
            "Met eten (any, with, without)",
            "With food (any, with, without)",
        ),
        f(
            "prescribed_by",
            "d.prescribed_by",
            "Voorgeschreven door",
            "Prescribed by",
        ),
        f("started_on", "d.started_on", "Begonnen op", "Started on"),
        f("stopped_on", "d.stopped_on", "Gestopt op", "Stopped on"),
        f("notes", "d.notes", "Opmerkingen", "Notes"),
        f(
            "changed_by",
            "d.changed_by_name",
            "Laatst gewijzigd door",
            "Last changed by",
        ),
        instant!(
            "changed_at",
            "d.changed_at",
            "Laatst gewijzigd op",
            "Last changed on",
        ),
    ],
};

/// What the admin's download holds besides the dossier.
pub const FAMILY: [&Section; 8] = [
    &PERSON,
    &MEMBERS,
    &HISTORY,
    &CALENDAR,
    &VISITS,
    &MESSAGES,
    &NOTES,
    &LIFE_STORY,
];

/// The dossier's part, only after a fresh code.
pub const DOSSIER: [&Section; 4] = [&CARE_PLANS, &REPORTS, &MEASUREMENTS, &MEDICATION];

impl Section {
    pub fn title(&self, english: bool) -> &'static str {
        if english {
            self.en
        } else {
            self.nl
        }
    }
}

impl Field {
    pub fn label(&self, english: bool) -> &'static str {
        if english {
            self.en
        } else {
            self.nl
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_section_heads_its_rows_with_one_of_its_fields_and_names_each_once() {
        for section in FAMILY.iter().chain(DOSSIER.iter()) {
            let keys: Vec<_> = section.fields.iter().map(|f| f.key).collect();
            assert!(keys.contains(&section.heading), "{}", section.file);
            let mut unique = keys.clone();
            unique.sort();
            unique.dedup();
            assert_eq!(unique.len(), keys.len(), "{}", section.file);
        }
    }
}
