//! Messages are plain text: kept exactly as written, shown with their line
//! breaks, with web addresses made clickable. Nothing is ever read as HTML;
//! the pieces below become text nodes, and links whose address starts with
//! http(s):// (so never `javascript:`).

/// A piece of a message: plain text, or a web address to link.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece<'a> {
    Text(&'a str),
    Link(&'a str),
}

/// Splits a message into text and links. A link starts with `http://` or
/// `https://`, has a host, and ends at white space; punctuation that ends a
/// sentence ("zie https://x.nl/a.") stays outside it.
pub fn pieces(body: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut text_start = 0;
    let mut search_from = 0;
    while let Some(found) = next_link_start(&body[search_from..]) {
        let start = search_from + found;
        let candidate = &body[start..];
        let end = candidate
            .find(char::is_whitespace)
            .unwrap_or(candidate.len());
        let link =
            candidate[..end].trim_end_matches(['.', ',', ';', ':', '!', '?', ')', '\'', '"']);
        if !has_host(link) {
            // "http://" alone stays text; look further along.
            search_from = start + "http://".len();
            continue;
        }
        if start > text_start {
            out.push(Piece::Text(&body[text_start..start]));
        }
        out.push(Piece::Link(link));
        text_start = start + link.len();
        search_from = text_start;
    }
    if text_start < body.len() {
        out.push(Piece::Text(&body[text_start..]));
    }
    out
}

fn next_link_start(text: &str) -> Option<usize> {
    match (text.find("http://"), text.find("https://")) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

fn has_host(link: &str) -> bool {
    link.strip_prefix("https://")
        .or_else(|| link.strip_prefix("http://"))
        .and_then(|after| after.chars().next())
        .is_some_and(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::{pieces, Piece::*};

    #[test]
    fn addresses_become_links_and_sentence_ends_stay_text() {
        assert_eq!(
            pieces("Zie https://www.apotheek.nl/openingstijden. Groet"),
            vec![
                Text("Zie "),
                Link("https://www.apotheek.nl/openingstijden"),
                Text(". Groet")
            ]
        );
        assert_eq!(
            pieces("(http://x.nl)\nen http://y.nl"),
            vec![
                Text("("),
                Link("http://x.nl"),
                Text(")\nen "),
                Link("http://y.nl")
            ]
        );
    }

    #[test]
    fn markup_and_other_schemes_stay_plain_text() {
        let body = "<script>alert(1)</script> javascript:alert(1) <a href=\"x\">";
        assert_eq!(pieces(body), vec![Text(body)]);
        assert_eq!(
            pieces("http:// en https://"),
            vec![Text("http:// en https://")]
        );
        assert_eq!(pieces(""), vec![]);
    }

    #[test]
    fn nothing_is_lost_or_added() {
        let body = "a https://x.nl/é?q=1, b\r\nhttp://y.nl.";
        let rebuilt: String = pieces(body)
            .into_iter()
            .map(|piece| match piece {
                Text(text) | Link(text) => text,
            })
            .collect();
        assert_eq!(rebuilt, body);
    }
}
