//! Notities: practical information for every member of a page (the GP's
//! number, the pharmacy's address, where the key is). Every member adds;
//! the writer and the admin change and delete; pinned notes come first.
//! Linked organisations never see them.

pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod queries;

use serde::{Deserialize, Serialize};

pub const MAX_TITLE: usize = 120;
pub const MAX_TEXT: usize = 2000;
/// Notes one page may hold: far more than a family writes, few enough to
/// show on one screen.
pub const MAX_NOTES_PER_PAGE: i64 = 300;

/// One note as a reader sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoteView {
    pub id: i64,
    pub title: String,
    pub text: String,
    pub phone: String,
    pub address: String,
    pub pinned: bool,
    /// Who changed it last (empty when that account is gone), and when.
    pub changed_by: String,
    pub changed_at: String,
    /// The reader may change and delete it (its writer, or the admin).
    pub can_edit: bool,
}

/// The notes of a page, pinned first, then the newest change first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotesView {
    pub page_id: i64,
    pub notes: Vec<NoteView>,
}

/// The `tel:` address of a phone number as people write it ("030 - 251 44
/// 87" → "tel:0302514487"); `None` when it holds no digits.
pub fn dial_link(phone: &str) -> Option<String> {
    let digits: String = phone
        .chars()
        .enumerate()
        .filter(|(at, c)| c.is_ascii_digit() || (*at == 0 && *c == '+'))
        .map(|(_, c)| c)
        .collect();
    digits
        .chars()
        .any(|c| c.is_ascii_digit())
        .then(|| format!("tel:{digits}"))
}

/// A `geo:` address that opens the phone's own maps app at a postal address
/// (RFC 5870 with the `q` search Android and iOS understand); nothing is
/// loaded from a map service by Kring itself.
pub fn map_link(address: &str) -> String {
    let one_line = address.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut query = String::new();
    for byte in one_line.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                query.push(byte as char)
            }
            b' ' => query.push('+'),
            _ => query.push_str(&format!("%{byte:02X}")),
        }
    }
    format!("geo:0,0?q={query}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_written_number_becomes_a_number_to_dial() {
        assert_eq!(
            dial_link("030 - 251 44 87").as_deref(),
            Some("tel:0302514487")
        );
        assert_eq!(
            dial_link("+31 6 1234 5678").as_deref(),
            Some("tel:+31612345678")
        );
        // A plus sign only counts at the start.
        assert_eq!(dial_link("06+12").as_deref(), Some("tel:0612"));
        assert_eq!(dial_link("geen nummer"), None);
        assert_eq!(dial_link(""), None);
    }

    #[test]
    fn an_address_opens_in_the_maps_app_with_every_character_escaped() {
        assert_eq!(
            map_link("Lindelaan 12\n3581 KD  Utrecht"),
            "geo:0,0?q=Lindelaan+12+3581+KD+Utrecht"
        );
        assert_eq!(map_link("Ó&#\"<x>"), "geo:0,0?q=%C3%93%26%23%22%3Cx%3E");
    }
}
