//! Kring's printed documents (the care plan, the activation-code letter):
//! A4 portrait, text laid out in blocks, wrapped by the font's own widths,
//! paginated with a footer on every page. The font (DejaVu Sans) covers
//! every name a family can type ("ë", "ş", "ł"); each document embeds only
//! the glyphs it prints, and describes itself as PDF/A-2b (`archive`).

mod archive;
mod fonts;

use fonts::{faces, printable, Face};
use printpdf::{
    Mm, Op, ParsedFont, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, TextItem,
};
use std::collections::BTreeSet;

const PAGE_WIDTH: f32 = 210.0;
const PAGE_HEIGHT: f32 = 297.0;
const MARGIN: f32 = 20.0;
/// Room kept at the bottom for the page number.
const FOOTER: f32 = 12.0;

#[derive(Clone, Copy, PartialEq)]
pub enum Style {
    Title,
    /// Big and bold: the one thing a reader must copy (an activation code).
    Large,
    Heading,
    Body,
    Small,
}

impl Style {
    fn size(self) -> f32 {
        match self {
            Style::Title => 18.0,
            Style::Large => 20.0,
            Style::Heading => 13.0,
            Style::Body => 11.0,
            Style::Small => 9.0,
        }
    }

    fn bold(self) -> bool {
        matches!(self, Style::Title | Style::Large | Style::Heading)
    }
}

pub struct Block {
    text: String,
    style: Style,
    /// Millimetres from the left margin.
    indent: f32,
    /// Millimetres of space above.
    space_before: f32,
}

pub fn block(text: impl Into<String>, style: Style, indent: f32, space_before: f32) -> Block {
    Block {
        text: text.into(),
        style,
        indent,
        space_before,
    }
}

fn text_width_mm(font: &ParsedFont, text: &str, size: f32) -> f32 {
    let units: u32 = text
        .chars()
        .map(|c| {
            font.lookup_glyph_index(c as u32)
                .and_then(|glyph| font.get_glyph_width(glyph))
                .unwrap_or(font.units_per_em / 2) as u32
        })
        .sum();
    let points = units as f32 / font.units_per_em.max(1) as f32 * size;
    points * 25.4 / 72.0
}

/// Breaks `text` into lines no wider than `width` millimetres, at spaces;
/// a word longer than a line (a long link) is broken between characters,
/// as a browser does with `overflow-wrap`, so nothing runs off the page.
fn wrap(font: &ParsedFont, text: &str, size: f32, width: f32) -> Vec<String> {
    let fits = |line: &str| text_width_mm(font, line, size) <= width;
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if fits(&candidate) {
            line = candidate;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        for character in word.chars() {
            line.push(character);
            if !fits(&line) && line.chars().nth(1).is_some() {
                line.pop();
                lines.push(std::mem::replace(&mut line, character.to_string()));
            }
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// One line placed on a page: where its baseline is, in mm from the bottom.
struct Placed {
    text: String,
    style: Style,
    x: f32,
    y: f32,
}

/// The blocks as a PDF titled `title`; `footer(page, pages)` is printed at
/// the bottom of every page.
pub fn document(
    title: &str,
    blocks: Vec<Block>,
    footer: impl Fn(usize, usize) -> String,
) -> Option<Vec<u8>> {
    let faces = faces()?;
    let face = |style: Style| {
        if style.bold() {
            &faces.bold
        } else {
            &faces.regular
        }
    };
    let mut pages: Vec<Vec<Placed>> = vec![Vec::new()];
    let mut y = PAGE_HEIGHT - MARGIN;
    for block in blocks {
        let size = block.style.size();
        let font = face(block.style);
        let line_height = size * 1.35 * 25.4 / 72.0;
        let width = PAGE_WIDTH - 2.0 * MARGIN - block.indent;
        let text = printable(font, &block.text);
        let lines = wrap(&font.parsed, &text, size, width);
        // A heading never stands alone at the bottom of a page.
        let keep = if block.style == Style::Heading {
            3.0
        } else {
            1.0
        };
        y -= block.space_before;
        if y - line_height * keep < MARGIN + FOOTER {
            pages.push(Vec::new());
            y = PAGE_HEIGHT - MARGIN;
        }
        for text in lines {
            if y - line_height < MARGIN + FOOTER {
                pages.push(Vec::new());
                y = PAGE_HEIGHT - MARGIN;
            }
            y -= line_height;
            if let Some(page) = pages.last_mut() {
                page.push(Placed {
                    text,
                    style: block.style,
                    x: MARGIN + block.indent,
                    y,
                });
            }
        }
    }
    let count = pages.len();
    for (index, page) in pages.iter_mut().enumerate() {
        let text = footer(index + 1, count);
        page.push(Placed {
            text: printable(face(Style::Small), &text),
            style: Style::Small,
            x: MARGIN,
            y: MARGIN,
        });
    }
    let mut document = PdfDocument::new(title);
    let regular_id = document.add_font(&subset_for(&faces.regular, &pages, false)?);
    let bold_id = document.add_font(&subset_for(&faces.bold, &pages, true)?);
    let pdf_pages = pages
        .into_iter()
        .map(|lines| {
            let mut ops = Vec::with_capacity(lines.len() * 5);
            for line in lines {
                let font = if line.style.bold() {
                    bold_id.clone()
                } else {
                    regular_id.clone()
                };
                ops.push(Op::StartTextSection);
                ops.push(Op::SetFont {
                    font: PdfFontHandle::External(font),
                    size: Pt(line.style.size()),
                });
                ops.push(Op::SetTextCursor {
                    pos: Point {
                        x: Mm(line.x).into(),
                        y: Mm(line.y).into(),
                    },
                });
                ops.push(Op::ShowText {
                    items: vec![TextItem::Text(line.text)],
                });
                ops.push(Op::EndTextSection);
            }
            PdfPage::new(Mm(PAGE_WIDTH), Mm(PAGE_HEIGHT), ops)
        })
        .collect();
    let document = document
        .with_pages(pdf_pages)
        .to_lopdf_document(&PdfSaveOptions::default(), &mut Vec::new());
    let language = crate::i18n::lang::current().code();
    archive::finish(document, title, language, chrono::Utc::now())
}

/// The part of `face` the placed lines in its weight print, named as a
/// subset ("ABCDEF+DejaVuSans"; the tag differs with the characters).
fn subset_for(face: &Face, pages: &[Vec<Placed>], bold: bool) -> Option<ParsedFont> {
    let characters: BTreeSet<char> = pages
        .iter()
        .flatten()
        .filter(|line| line.style.bold() == bold)
        .flat_map(|line| line.text.chars())
        .collect();
    let mut subset = face.subset(&characters)?;
    let tag: String = {
        // FNV-1a over the characters, spelled as six capitals.
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for character in &characters {
            hash = (hash ^ u64::from(*character)).wrapping_mul(0x100_0000_01b3);
        }
        (0..6)
            .map(|place| char::from(b'A' + ((hash >> (place * 8)) % 26) as u8))
            .collect()
    };
    subset.font_name = Some(format!("{tag}+{}", face.name));
    Some(subset)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn regular() -> &'static ParsedFont {
        &faces().expect("the embedded fonts parse").regular.parsed
    }

    #[test]
    fn long_text_wraps_within_the_width() {
        let text = "Cliënt eet voldoende voedsel per 24 uur en drinkt anderhalve liter; ".repeat(6);
        let lines = wrap(regular(), &text, 11.0, 170.0);
        assert!(lines.len() > 2);
        for line in &lines {
            assert!(text_width_mm(regular(), line, 11.0) <= 170.0, "{line}");
        }
        assert_eq!(lines.join(" "), text.trim_end());
    }

    #[test]
    fn a_word_longer_than_the_line_is_broken_not_cut() {
        let link = format!(
            "https://www.thuiszorg.example/{}",
            "zorgplan-afspraken-".repeat(5)
        );
        assert_eq!(link.chars().count(), 125);
        let text = format!("Zie {link} voor de afspraken.");
        let lines = wrap(regular(), &text, 11.0, 170.0);
        assert!(lines.len() >= 3, "{lines:?}");
        for line in &lines {
            assert!(text_width_mm(regular(), line, 11.0) <= 170.0, "{line}");
        }
        assert_eq!(lines.concat().replace(' ', ""), text.replace(' ', ""));
        assert_eq!(lines[0], "Zie", "the link starts on a line of its own");
    }
}
