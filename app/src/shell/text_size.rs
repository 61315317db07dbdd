//! The text size: three steps beside Contrast, for eyes that need more than
//! Kring's already large 18 px. Kept on the account and mirrored into a
//! cookie, like contrast, so the server paints the first response at the
//! chosen size (a class on `<html>`: every size in the style sheet is in
//! `rem`, so the whole page grows and reflows).

use crate::i18n::t;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TextSize {
    #[default]
    Normal,
    Large,
    Larger,
}

impl TextSize {
    pub const ALL: [TextSize; 3] = [TextSize::Normal, TextSize::Large, TextSize::Larger];

    /// As stored on the account and in the cookie.
    pub fn step(self) -> i64 {
        match self {
            TextSize::Normal => 0,
            TextSize::Large => 1,
            TextSize::Larger => 2,
        }
    }

    /// Anything unknown is the normal size.
    pub fn from_step(step: &str) -> TextSize {
        TextSize::ALL
            .into_iter()
            .find(|size| size.step().to_string() == step)
            .unwrap_or_default()
    }

    /// The one a tap on the control chooses: larger, and after the largest
    /// back to normal.
    pub fn next(self) -> TextSize {
        match self {
            TextSize::Normal => TextSize::Large,
            TextSize::Large => TextSize::Larger,
            TextSize::Larger => TextSize::Normal,
        }
    }

    /// The class on `<html>` (see `style/main.css`).
    pub fn class(self) -> &'static str {
        match self {
            TextSize::Normal => "",
            TextSize::Large => "text-large",
            TextSize::Larger => "text-larger",
        }
    }

    pub fn label(self) -> &'static str {
        t().text_size_steps[self.step() as usize]
    }

    /// The value the form sends: the name serde reads.
    pub fn as_form(self) -> &'static str {
        match self {
            TextSize::Normal => "normal",
            TextSize::Large => "large",
            TextSize::Larger => "larger",
        }
    }
}

/// The text size shown now; the control changes it.
#[derive(Clone, Copy)]
pub struct ChosenTextSize(pub RwSignal<TextSize>);

/// The choice as the browser's cookie holds it: on the server from the
/// request, in the browser from `document.cookie`, so both render alike.
pub fn initial_text_size() -> TextSize {
    #[cfg(feature = "ssr")]
    let cookie = crate::cookies::request_cookie(crate::cookies::TEXT_SIZE);
    #[cfg(not(feature = "ssr"))]
    let cookie = super::browser_cookie("kring_tekstgrootte");
    TextSize::from_step(cookie.as_deref().unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_steps_that_come_round_and_survive_a_cookie() {
        assert_eq!(TextSize::Normal.next().next().next(), TextSize::Normal);
        for size in TextSize::ALL {
            assert_eq!(TextSize::from_step(&size.step().to_string()), size);
            let json = serde_json::to_string(&size).unwrap();
            assert_eq!(json, format!("\"{}\"", size.as_form()));
        }
        assert_eq!(TextSize::from_step("7"), TextSize::Normal);
        assert_eq!(TextSize::from_step(""), TextSize::Normal);
    }
}
