//! The printed documents' fonts: DejaVu Sans, regular and bold, parsed once.
//! Each document embeds only the glyphs it prints (a one-page care plan would
//! otherwise carry 1.4 MB of font), and a character the font lacks (an emoji)
//! prints as a sign the font has, never as an empty box.

use allsorts::binary::read::ReadScope;
use allsorts::font_data::FontData;
use allsorts::subset::{subset, CmapTarget, SubsetProfile};
use printpdf::ParsedFont;
use std::collections::BTreeSet;
use std::sync::OnceLock;

static REGULAR: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
static BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

/// One face: its file (to cut subsets from), its PostScript name and its
/// parse (for widths).
pub struct Face {
    bytes: &'static [u8],
    pub name: &'static str,
    pub parsed: ParsedFont,
}

pub struct Faces {
    pub regular: Face,
    pub bold: Face,
}

/// The faces, parsed once per process; `None` only if a font file is broken.
pub fn faces() -> Option<&'static Faces> {
    static FACES: OnceLock<Option<Faces>> = OnceLock::new();
    FACES
        .get_or_init(|| {
            let face = |bytes: &'static [u8], name| {
                ParsedFont::from_bytes(bytes, 0, &mut Vec::new()).map(|parsed| Face {
                    bytes,
                    name,
                    parsed,
                })
            };
            Some(Faces {
                regular: face(REGULAR, "DejaVuSans")?,
                bold: face(BOLD, "DejaVuSans-Bold")?,
            })
        })
        .as_ref()
}

impl Face {
    /// Whether the face draws `character` (glyph 0 is the "missing" box).
    pub fn has(&self, character: char) -> bool {
        self.parsed
            .lookup_glyph_index(character as u32)
            .is_some_and(|glyph| glyph != 0)
    }

    /// A copy of the face holding only `characters` (and what their glyphs
    /// are built from), with the same character map, so text is laid out
    /// and embedded exactly as with the whole face.
    pub fn subset(&self, characters: &BTreeSet<char>) -> Option<ParsedFont> {
        // Glyph 0 (the "missing" glyph) must come first, and once.
        let mut glyphs = vec![0u16];
        let mut used: Vec<u16> = characters
            .iter()
            .filter_map(|c| self.parsed.lookup_glyph_index(*c as u32))
            .filter(|glyph| *glyph != 0)
            .collect();
        used.sort_unstable();
        used.dedup();
        glyphs.extend(used);
        let file = ReadScope::new(self.bytes).read::<FontData<'_>>().ok()?;
        let provider = file.table_provider(0).ok()?;
        let bytes = subset(
            &provider,
            &glyphs,
            &SubsetProfile::Minimal,
            CmapTarget::Unicode,
        )
        .ok()?;
        ParsedFont::from_bytes(&bytes, 0, &mut Vec::new())
    }
}

/// Marks that only change how the character before them is drawn (emoji
/// presentation, skin tones, a keycap): without the emoji they belong to
/// they mean nothing on paper. (The joiner of emoji is handled apart.)
fn is_modifier(character: char) -> bool {
    matches!(character, '\u{FE00}'..='\u{FE0F}' | '\u{1F3FB}'..='\u{1F3FF}' | '\u{20E3}')
}

/// A sign the font has for common emoji a family may type in a care plan.
fn look_alike(character: char) -> Option<char> {
    Some(match character {
        // DejaVu draws most smileys itself; these came later.
        '🥰' | '🤗' | '🥳' => '☺',
        '🥺' | '🤒' | '🤕' => '☹',
        '❤' | '💕' | '💖' | '💗' | '💙' | '💚' | '💛' | '🧡' | '💜' => '♥',
        '⭐' | '🌟' => '★',
        '✅' | '✔' => '✓',
        '❌' | '✖' => '✗',
        '📞' | '📱' | '☎' => '☎',
        '☀' | '🌞' => '☀',
        _ => return None,
    })
}

/// `text` as the face can print it: a character it lacks becomes a look-alike
/// sign where there is one, otherwise the replacement sign "�", so a reader
/// sees that something stood there (one sign for a joined emoji).
pub fn printable(face: &Face, text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut joined = false;
    for character in text.chars() {
        if character == '\u{200D}' {
            joined = true;
            continue;
        }
        if is_modifier(character) {
            continue;
        }
        let after_join = std::mem::take(&mut joined);
        if face.has(character) {
            out.push(character);
        } else if character.is_control() || character.is_whitespace() {
            out.push(' ');
        } else if after_join {
            // Part of the emoji just printed (the "girl" of a family).
        } else {
            let sign = look_alike(character).filter(|sign| face.has(*sign));
            out.push(sign.unwrap_or('\u{FFFD}'));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_character_the_font_lacks_prints_as_a_sign_it_has() {
        let face = &faces().expect("the embedded fonts parse").regular;
        // DejaVu draws the smileys and the heart itself (the emoji-style
        // mark after the heart is dropped); not the blue heart or the thumb.
        assert_eq!(
            printable(face, "Blij 😊 en ❤️ 💙 👍"),
            "Blij 😊 en ❤ ♥ \u{FFFD}"
        );
        // A family joined by zero-width joiners is one unknown sign, not three.
        assert_eq!(printable(face, "👨‍👩‍👧 thuis"), "\u{FFFD} thuis");
        assert_eq!(printable(face, "Zoë, Łukasz, Şule"), "Zoë, Łukasz, Şule");
        for sign in ['☺', '☹', '♥', '★', '✓', '✗', '☎', '☀', '\u{FFFD}'] {
            assert!(face.has(sign), "{sign}");
        }
    }

    #[test]
    fn a_subset_keeps_the_widths_and_characters_it_was_cut_for() {
        let faces = faces().expect("the embedded fonts parse");
        let characters: BTreeSet<char> = "Zoë Łukasz".chars().collect();
        let subset = faces.regular.subset(&characters).expect("a subset");
        for c in characters {
            let whole = faces.regular.parsed.lookup_glyph_index(c as u32).unwrap();
            let part = subset.lookup_glyph_index(c as u32).expect("kept");
            assert_eq!(
                faces.regular.parsed.get_glyph_width(whole),
                subset.get_glyph_width(part),
                "{c}"
            );
        }
        assert!(subset
            .lookup_glyph_index('x' as u32)
            .is_none_or(|glyph| glyph == 0));
        assert!(subset.original_bytes.len() < REGULAR.len() / 20);
    }
}
