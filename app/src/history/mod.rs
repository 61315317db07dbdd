//! The page history: who changed what on a care page, and when. Each line is
//! stored as a typed event with its data (JSON in `page_history.event`) and
//! put into words when read, in the reader's language, so a son abroad reads
//! in English what his sister did in Dutch.

use crate::i18n::{fill, Texts};
use crate::policy::Role;
use serde::{Deserialize, Serialize};

/// Something that happened on a care page. Names and addresses are kept as
/// they were at the time: the history stays readable after an account goes.
/// One line of the page's history: who changed what, when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryEntry {
    /// Local date and time, written out: "22 november 2026, 10:15".
    pub when: String,
    /// Empty when the account no longer exists.
    pub who: String,
    pub what: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum HistoryEvent {
    Invited {
        email: String,
        role: Role,
    },
    InvitationWithdrawn {
        email: String,
    },
    InvitationAccepted,
    RoleChanged {
        name: String,
        role: Role,
    },
    AccessRemoved {
        name: String,
    },
    Left {
        name: String,
    },
    HandedOver {
        name: String,
    },
    DetailsChanged,
    PhotoChanged,
    PhotoRemoved,
    /// An organisation was linked with its activation code.
    OrganisationLinked {
        organisation: String,
    },
    /// The link with an organisation ended (by the admin or the organisation).
    OrganisationUnlinked {
        organisation: String,
    },
    /// The admin downloaded everything on the page ("Alles downloaden");
    /// `dossier` when the dossier was in it.
    Downloaded {
        dossier: bool,
    },
    /// A line the typed migration could not read, kept word for word.
    Unread {
        text: String,
    },
}

impl HistoryEvent {
    /// Every kind of event with sample data, for the test that puts each
    /// into words in every language.
    pub fn examples() -> Vec<HistoryEvent> {
        let email = || "piet@example.nl".to_string();
        let name = || "Piet Jansen".to_string();
        vec![
            HistoryEvent::Invited {
                email: email(),
                role: Role::Helper,
            },
            HistoryEvent::InvitationWithdrawn { email: email() },
            HistoryEvent::InvitationAccepted,
            HistoryEvent::RoleChanged {
                name: name(),
                role: Role::Trusted,
            },
            HistoryEvent::AccessRemoved { name: name() },
            HistoryEvent::Left { name: name() },
            HistoryEvent::HandedOver { name: name() },
            HistoryEvent::DetailsChanged,
            HistoryEvent::PhotoChanged,
            HistoryEvent::PhotoRemoved,
            HistoryEvent::OrganisationLinked {
                organisation: "Thuiszorg De Linde".to_string(),
            },
            HistoryEvent::OrganisationUnlinked {
                organisation: "Thuiszorg De Linde".to_string(),
            },
            HistoryEvent::Downloaded { dossier: false },
            HistoryEvent::Downloaded { dossier: true },
            HistoryEvent::Unread {
                text: "iets van vroeger".to_string(),
            },
        ]
    }

    /// The event in words of `text`'s language.
    pub fn describe(&self, text: &Texts) -> String {
        let role_word = |role: &Role| text.role_name(*role).to_lowercase();
        match self {
            HistoryEvent::Invited { email, role } => fill(
                text.hist_invited,
                &[("email", email), ("role", &role_word(role))],
            ),
            HistoryEvent::InvitationWithdrawn { email } => {
                fill(text.hist_withdrawn, &[("email", email)])
            }
            HistoryEvent::InvitationAccepted => text.hist_accepted.to_string(),
            HistoryEvent::RoleChanged { name, role } => fill(
                text.hist_role,
                &[("name", name), ("role", &role_word(role))],
            ),
            HistoryEvent::AccessRemoved { name } => fill(text.hist_removed, &[("name", name)]),
            HistoryEvent::Left { name } => fill(text.hist_left, &[("name", name)]),
            HistoryEvent::HandedOver { name } => fill(text.hist_handed_over, &[("name", name)]),
            HistoryEvent::DetailsChanged => text.hist_details.to_string(),
            HistoryEvent::PhotoChanged => text.hist_photo.to_string(),
            HistoryEvent::PhotoRemoved => text.hist_photo_removed.to_string(),
            HistoryEvent::OrganisationLinked { organisation } => {
                fill(text.hist_linked, &[("organisation", organisation)])
            }
            HistoryEvent::OrganisationUnlinked { organisation } => {
                fill(text.hist_unlinked, &[("organisation", organisation)])
            }
            HistoryEvent::Downloaded { dossier: false } => text.hist_downloaded.to_string(),
            HistoryEvent::Downloaded { dossier: true } => text.hist_downloaded_dossier.to_string(),
            HistoryEvent::Unread { text } => text.clone(),
        }
    }

    /// A stored event; a row that does not parse is shown as it is.
    pub fn from_stored(json: &str) -> HistoryEvent {
        serde_json::from_str(json).unwrap_or_else(|_| HistoryEvent::Unread {
            text: String::new(),
        })
    }
}

#[cfg(feature = "ssr")]
#[cfg(feature = "ssr")]
pub mod queries;
#[cfg(feature = "ssr")]
pub use queries::record;

/// How many history lines the Connecties page shows.
pub const HISTORY_LINES: i64 = 100;

/// The newest lines of the page's history, in the reader's language.
#[cfg(feature = "ssr")]
pub async fn read(db: &crate::db::Db, page_id: i64) -> crate::error::AppResult<Vec<HistoryEntry>> {
    let text = crate::i18n::t();
    queries::newest(db, page_id, HISTORY_LINES)
        .await?
        .into_iter()
        .map(|line| {
            Ok(HistoryEntry {
                when: crate::dates::written_moment(line.at),
                who: line.who.unwrap_or_default(),
                what: HistoryEvent::from_stored(&line.event).describe(text),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn every_event_reads_in_every_language_and_survives_storage() {
        for event in HistoryEvent::examples() {
            let stored = serde_json::to_string(&event).unwrap();
            assert_eq!(HistoryEvent::from_stored(&stored), event);
            let dutch = event.describe(Lang::Nl.texts());
            let english = event.describe(Lang::En.texts());
            assert!(!dutch.is_empty() && !english.is_empty(), "{event:?}");
            assert!(
                !dutch.contains('{') && !english.contains('{'),
                "{dutch} / {english}"
            );
            if !matches!(event, HistoryEvent::Unread { .. }) {
                assert_ne!(dutch, english, "{event:?} is not translated");
            }
        }
        let role = HistoryEvent::RoleChanged {
            name: "Piet Jansen".into(),
            role: Role::Trusted,
        };
        assert_eq!(
            role.describe(Lang::Nl.texts()),
            "rol van Piet Jansen gewijzigd in vertrouwensgroep"
        );
        assert_eq!(
            role.describe(Lang::En.texts()),
            "role of Piet Jansen changed to trusted group"
        );
    }

    #[test]
    fn the_stored_form_is_stable() {
        // Rows in the database and the migration depend on these names.
        let stored = serde_json::to_string(&HistoryEvent::Invited {
            email: "a@b.nl".into(),
            role: Role::Helper,
        })
        .unwrap();
        assert_eq!(
            stored,
            r#"{"event":"invited","email":"a@b.nl","role":"Helper"}"#
        );
    }
}
