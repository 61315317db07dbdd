//! Mijn verhaal: the person's life story in their own voice, in a few fixed
//! chapters. Written by the admin and the trusted group, read by every
//! member and by linked organisations' staff (who meet the person at the
//! door). Each save is a new version; earlier ones can be read back.

pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod photo_queries;
#[cfg(feature = "ssr")]
pub mod photos;
#[cfg(feature = "ssr")]
pub mod queries;

use serde::{Deserialize, Serialize};

/// How many chapters there are (the texts have one title and hint each).
pub const CHAPTERS: usize = crate::i18n::story::CHAPTERS;
/// A chapter holds at most this many characters (about two printed pages).
pub const MAX_CHAPTER: usize = 6000;
/// Photos one story may hold.
pub const MAX_PHOTOS: i64 = 24;
/// A photo's caption, in characters.
pub const MAX_CAPTION: usize = 200;

/// Earlier versions kept per chapter; the oldest beyond this are dropped.
pub const KEPT_VERSIONS: i64 = 50;

/// One chapter of the story, in reading order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Chapter {
    Youth,
    Work,
    Family,
    WhatMatters,
    LikesAndDislikes,
    Day,
}

impl Chapter {
    pub const ALL: [Chapter; CHAPTERS] = [
        Chapter::Youth,
        Chapter::Work,
        Chapter::Family,
        Chapter::WhatMatters,
        Chapter::LikesAndDislikes,
        Chapter::Day,
    ];

    /// Its key in addresses and in the database; never translated, so a
    /// link works in every language.
    pub fn key(self) -> &'static str {
        match self {
            Chapter::Youth => "jeugd",
            Chapter::Work => "werk",
            Chapter::Family => "familie",
            Chapter::WhatMatters => "belangrijk",
            Chapter::LikesAndDislikes => "fijn-en-niet",
            Chapter::Day => "mijn-dag",
        }
    }

    pub fn from_key(key: &str) -> Option<Chapter> {
        Chapter::ALL
            .into_iter()
            .find(|chapter| chapter.key() == key)
    }

    fn index(self) -> usize {
        Chapter::ALL
            .iter()
            .position(|chapter| *chapter == self)
            .unwrap_or_default()
    }

    pub fn title(self) -> &'static str {
        crate::i18n::t().story.chapters[self.index()]
    }

    pub fn hint(self) -> &'static str {
        crate::i18n::t().story.hints[self.index()]
    }
}

/// Who wrote a version and when, as people read it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Written {
    /// Empty when the account was deleted since.
    pub by: String,
    pub when: String,
}

/// The newest version of one chapter; `None` while nobody wrote it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChapterView {
    pub chapter: Chapter,
    pub text: Option<String>,
    pub written: Option<Written>,
}

/// The whole story as one reader may see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoryView {
    pub page_id: i64,
    pub first_name: String,
    pub full_name: String,
    /// Every chapter, in reading order.
    pub chapters: Vec<ChapterView>,
    /// The photos with their captions, oldest first: (id, caption).
    pub photos: Vec<StoryPhoto>,
    /// The reader may write (admin and trusted group).
    pub can_edit: bool,
    /// Today, as the printed copy says it.
    pub today: String,
}

/// One chapter to write, with what it said before.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChapterEdit {
    pub page_id: i64,
    pub first_name: String,
    pub current: ChapterView,
    /// Earlier versions, newest first.
    pub earlier: Vec<(Written, String)>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chapters_round_trip_through_their_keys_and_each_has_a_title_and_hint() {
        for chapter in Chapter::ALL {
            assert_eq!(Chapter::from_key(chapter.key()), Some(chapter));
            for lang in crate::i18n::Lang::ALL {
                let texts = lang.texts();
                assert!(!texts.story.chapters[chapter.index()].is_empty());
                assert!(!texts.story.hints[chapter.index()].is_empty());
            }
        }
        assert_eq!(Chapter::from_key("../jeugd"), None);
        assert_eq!(Chapter::from_key(""), None);
        let mut keys: Vec<_> = Chapter::ALL.iter().map(|c| c.key()).collect();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), CHAPTERS);
    }
}

/// A photo of the story, by its id, with its caption.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct StoryPhoto {
    pub id: i64,
    pub caption: String,
}
