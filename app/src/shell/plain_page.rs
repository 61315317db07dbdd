//! Pages of Kring outside Leptos, rendered by plain routes (the offline
//! note, the "try again" answer of the time limit): Kring's style sheet, a
//! card, no script. And the one HTML escape every hand-written page uses.

/// `text` made safe for HTML content and for a quoted attribute value.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A whole page in the reader's language: `title` as the heading, then
/// `body_html` (already escaped) in one card.
pub fn plain_page(style_sheet: &str, title: &str, body_html: &str) -> String {
    let app = crate::i18n::t().app_name;
    format!(
        "<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title} – {app}</title><link rel=\"stylesheet\" href=\"{style_sheet}\"></head>\
         <body><main><section class=\"card\"><h1>{title}</h1>{body_html}</section></main></body></html>",
        lang = crate::i18n::lang::current().code(),
        title = escape_html(title),
        style_sheet = escape_html(style_sheet),
    )
}

#[cfg(test)]
mod tests {
    use super::escape_html;

    #[test]
    fn nothing_in_the_text_can_end_an_element_or_an_attribute() {
        assert_eq!(
            escape_html(r#"<a href="x">'&'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
    }
}
