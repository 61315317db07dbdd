//! Profiel: the cared-for person's details and photo, shown to everyone who
//! may see the page's details and edited by the admin; and deleting a page.

pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod photo;
#[cfg(feature = "ssr")]
pub mod queries;
#[cfg(feature = "ssr")]
pub use queries::StoredImage;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A photo may be this large; phones make bigger ones, so the page says so.
pub const PHOTO_MAX_BYTES: usize = 2 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileView {
    pub page_id: i64,
    pub first_name: String,
    pub last_name: String,
    pub birth_date: NaiveDate,
    /// Lines separated by "\n"; empty when unknown.
    pub address: String,
    pub phone: String,
    /// Changes whenever the photo does, so browsers never show an old one.
    pub photo_version: Option<String>,
    pub providers: Vec<String>,
    /// The admin may change the details, the photo, and delete the page.
    pub can_edit: bool,
    /// "Alles downloaden" (the admin) and "Download wat ik schreef" (members).
    pub can_export_everything: bool,
    pub can_export_own: bool,
}

impl ProfileView {
    pub fn full_name(&self) -> String {
        format!("{} {}", self.first_name, self.last_name)
    }

    pub fn photo_url(&self) -> Option<String> {
        self.photo_version
            .as_ref()
            .map(|version| crate::routes::page(self.page_id).photo_version(version))
    }
}

/// What the photo upload route answers, carried back to the profile page in
/// its address (`?foto=…`) so that the form works without JavaScript.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhotoOutcome {
    Saved,
    TooLarge,
    NotAPhoto,
    Failed,
    /// The life story holds the most photos it may.
    TooMany,
    /// A life-story photo's caption is longer than allowed.
    CaptionTooLong,
}

impl PhotoOutcome {
    pub fn as_query(self) -> &'static str {
        match self {
            PhotoOutcome::Saved => "opgeslagen",
            PhotoOutcome::TooLarge => "te-groot",
            PhotoOutcome::NotAPhoto => "geen-foto",
            PhotoOutcome::Failed => "mislukt",
            PhotoOutcome::TooMany => "te-veel",
            PhotoOutcome::CaptionTooLong => "bijschrift-te-lang",
        }
    }

    pub fn from_query(value: &str) -> Option<PhotoOutcome> {
        Self::ALL
            .into_iter()
            .find(|outcome| outcome.as_query() == value)
    }

    pub const ALL: [PhotoOutcome; 6] = [
        PhotoOutcome::Saved,
        PhotoOutcome::TooLarge,
        PhotoOutcome::NotAPhoto,
        PhotoOutcome::Failed,
        PhotoOutcome::TooMany,
        PhotoOutcome::CaptionTooLong,
    ];

    pub fn message(self) -> String {
        let text = crate::i18n::t();
        let max =
            |template: &str, max: usize| crate::i18n::fill(template, &[("max", &max.to_string())]);
        match self {
            PhotoOutcome::Saved => text.prof_photo_saved.to_string(),
            PhotoOutcome::TooLarge => text.prof_photo_too_large.to_string(),
            PhotoOutcome::NotAPhoto => text.prof_photo_not_a_photo.to_string(),
            PhotoOutcome::Failed => text.err_internal.to_string(),
            PhotoOutcome::TooMany => max(
                text.story.photos_too_many,
                crate::life_story::MAX_PHOTOS as usize,
            ),
            PhotoOutcome::CaptionTooLong => {
                max(text.story.caption_too_long, crate::life_story::MAX_CAPTION)
            }
        }
    }
}

/// The kind of image in `bytes`, judged by its first bytes (never by the
/// name or type the browser sent): JPEG, PNG or WebP, else `None`.
pub fn image_type(bytes: &[u8]) -> Option<&'static str> {
    match bytes {
        [0xFF, 0xD8, 0xFF, ..] => Some("image/jpeg"),
        [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, ..] => Some("image/png"),
        [b'R', b'I', b'F', b'F', _, _, _, _, b'W', b'E', b'B', b'P', ..] => Some("image/webp"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn images_are_recognised_by_their_first_bytes() {
        assert_eq!(image_type(&[0xFF, 0xD8, 0xFF, 0xE0, 0]), Some("image/jpeg"));
        assert_eq!(
            image_type(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
            Some("image/png")
        );
        assert_eq!(image_type(b"RIFF\0\0\0\0WEBPVP8 "), Some("image/webp"));
        assert_eq!(image_type(b"<svg onload=alert(1)>"), None);
        assert_eq!(image_type(b"GIF89a"), None);
        assert_eq!(image_type(b""), None);
    }

    #[test]
    fn photo_outcomes_round_trip_through_the_address() {
        for outcome in PhotoOutcome::ALL {
            assert_eq!(PhotoOutcome::from_query(outcome.as_query()), Some(outcome));
        }
        assert_eq!(PhotoOutcome::from_query("<script>"), None);
    }
}
