//! The terms and the privacy statement named at registration: real pages,
//! with a sensible default in Dutch and in English that an operator replaces
//! by pointing `terms_file` / `privacy_file` in `Leptos.toml` at their own
//! text (then shown in every language, as the operator wrote it).
//!
//! The text format is plain: "# " starts the title, "## " a heading, and a
//! blank line separates paragraphs.

use crate::error::AppError;
use leptos::prelude::*;
use leptos_meta::Title;
use serde::{Deserialize, Serialize};

/// Which of the two texts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum LegalKind {
    Terms,
    Privacy,
}

/// One block of the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Block {
    Title(String),
    Heading(String),
    Paragraph(String),
}

/// The largest text read from an operator's file, so a wrong path to a
/// large file cannot fill the page.
#[cfg(feature = "ssr")]
const MAX_BYTES: u64 = 100_000;

/// The blocks of a text in the format above.
pub fn blocks(text: &str) -> Vec<Block> {
    text.split("\n\n")
        .map(str::trim)
        .filter(|block| !block.is_empty())
        .map(|block| {
            if let Some(heading) = block.strip_prefix("## ") {
                Block::Heading(heading.trim().to_string())
            } else if let Some(title) = block.strip_prefix("# ") {
                Block::Title(title.trim().to_string())
            } else {
                Block::Paragraph(block.split_whitespace().collect::<Vec<_>>().join(" "))
            }
        })
        .collect()
}

#[server(prefix = "/api", endpoint = "legal_text")]
pub async fn legal_text(kind: LegalKind) -> Result<Vec<Block>, AppError> {
    let state = crate::state::app_state()?;
    let english = crate::i18n::lang::current() == crate::i18n::Lang::En;
    let (file, default) = match (kind, english) {
        (LegalKind::Terms, false) => (&state.settings.terms_file, include_str!("voorwaarden.txt")),
        (LegalKind::Terms, true) => (&state.settings.terms_file, include_str!("terms.en.txt")),
        (LegalKind::Privacy, false) => (&state.settings.privacy_file, include_str!("privacy.txt")),
        (LegalKind::Privacy, true) => {
            (&state.settings.privacy_file, include_str!("privacy.en.txt"))
        }
    };
    let Some(path) = file else {
        return Ok(blocks(default));
    };
    let read = async {
        if tokio::fs::metadata(path).await?.len() > MAX_BYTES {
            return Err(std::io::Error::other("larger than 100 KB"));
        }
        tokio::fs::read_to_string(path).await
    };
    match read.await {
        Ok(text) => Ok(blocks(&text)),
        Err(error) => {
            tracing::error!(%error, path = %path.display(), "cannot read the operator's text; showing the default");
            Ok(blocks(default))
        }
    }
}

/// `/voorwaarden` and `/privacy`.
#[component]
pub fn LegalPage(kind: LegalKind) -> impl IntoView {
    let text = Resource::new_blocking(move || kind, legal_text);
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let blocks = text.await.unwrap_or_default();
                let title = blocks.iter().find_map(|block| match block {
                    Block::Title(title) => Some(title.clone()),
                    _ => None,
                }).unwrap_or_default();
                view! {
                    <Title text=format!("{title} – {}", crate::i18n::t().app_name)/>
                    <article class="card legal">
                        {blocks.into_iter().map(|block| match block {
                            Block::Title(title) => view! { <h1>{title}</h1> }.into_any(),
                            Block::Heading(heading) => view! { <h2>{heading}</h2> }.into_any(),
                            Block::Paragraph(text) => view! { <p>{text}</p> }.into_any(),
                        }).collect_view()}
                    </article>
                }
            })}
        </Suspense>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_headings_and_paragraphs() {
        let text = "# Voorwaarden\n\nEerste\nalinea.\n\n## Kopje\n\nTweede.";
        assert_eq!(
            blocks(text),
            [
                Block::Title("Voorwaarden".into()),
                Block::Paragraph("Eerste alinea.".into()),
                Block::Heading("Kopje".into()),
                Block::Paragraph("Tweede.".into()),
            ]
        );
    }

    #[test]
    fn the_defaults_have_a_title() {
        for text in [include_str!("voorwaarden.txt"), include_str!("privacy.txt")] {
            assert!(matches!(blocks(text).first(), Some(Block::Title(_))));
        }
    }
}
