//! Kring's printed documents (the care plan, the activation-code letter):
//! A4 portrait, text laid out in blocks, wrapped by the font's own widths,
//! paginated with a footer on every page. The font (DejaVu Sans, embedded
//! and subset) covers every name a family can type ("ë", "ş", "ł").

use printpdf::{
    Mm, Op, ParsedFont, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, TextItem,
};
use std::sync::OnceLock;

static REGULAR: &[u8] = include_bytes!("../assets/fonts/DejaVuSans.ttf");
static BOLD: &[u8] = include_bytes!("../assets/fonts/DejaVuSans-Bold.ttf");

const PAGE_WIDTH: f32 = 210.0;
const PAGE_HEIGHT: f32 = 297.0;
const MARGIN: f32 = 20.0;
/// Room kept at the bottom for the page number.
const FOOTER: f32 = 12.0;

/// The fonts, parsed once per process.
fn fonts() -> &'static Option<(ParsedFont, ParsedFont)> {
    static FONTS: OnceLock<Option<(ParsedFont, ParsedFont)>> = OnceLock::new();
    FONTS.get_or_init(|| {
        let regular = ParsedFont::from_bytes(REGULAR, 0, &mut Vec::new())?;
        let bold = ParsedFont::from_bytes(BOLD, 0, &mut Vec::new())?;
        Some((regular, bold))
    })
}

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

/// Breaks `text` into lines no wider than `width` millimetres, at spaces
/// (a single word longer than a line is cut).
fn wrap(font: &ParsedFont, text: &str, size: f32, width: f32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if text_width_mm(font, &candidate, size) <= width || line.is_empty() {
            line = candidate;
        } else {
            lines.push(std::mem::replace(&mut line, word.to_string()));
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
    let (regular, bold) = fonts().as_ref()?;
    let mut pages: Vec<Vec<Placed>> = vec![Vec::new()];
    let mut y = PAGE_HEIGHT - MARGIN;
    for block in blocks {
        let size = block.style.size();
        let font = if block.style.bold() { bold } else { regular };
        let line_height = size * 1.35 * 25.4 / 72.0;
        let width = PAGE_WIDTH - 2.0 * MARGIN - block.indent;
        let lines = wrap(font, &block.text, size, width);
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
    let mut document = PdfDocument::new(title);
    let regular_id = document.add_font(regular);
    let bold_id = document.add_font(bold);
    let count = pages.len();
    let pdf_pages = pages
        .into_iter()
        .enumerate()
        .map(|(index, mut lines)| {
            lines.push(Placed {
                text: footer(index + 1, count),
                style: Style::Small,
                x: MARGIN,
                y: MARGIN,
            });
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
    Some(
        document
            .with_pages(pdf_pages)
            .save(&PdfSaveOptions::default(), &mut Vec::new()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_text_wraps_within_the_width() {
        let (regular, _) = fonts().as_ref().expect("the embedded font parses");
        let text = "Cliënt eet voldoende voedsel per 24 uur en drinkt anderhalve liter; ".repeat(6);
        let lines = wrap(regular, &text, 11.0, 170.0);
        assert!(lines.len() > 2);
        for line in &lines {
            assert!(text_width_mm(regular, line, 11.0) <= 170.0, "{line}");
        }
        assert_eq!(lines.join(" "), text.trim_end());
    }
}
