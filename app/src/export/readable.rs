//! The download's copy for people: an `index.html` that opens in any
//! browser without a connection, one page per section with each row as a
//! small card, and `velden.txt`, which explains every JSON field.

use super::sections::Section;
use crate::shell::plain_page::escape_html;
use serde_json::Value;

/// The words of the download, in the reader's language.
pub struct Words {
    pub everything: &'static str,
    pub own: &'static str,
    pub made: &'static str,
    pub how: &'static str,
    pub with_dossier: &'static str,
    pub without_dossier: &'static str,
    pub not_in_it: &'static str,
    pub rows: &'static str,
    pub nothing: &'static str,
    pub yes: &'static str,
    pub no: &'static str,
    pub back: &'static str,
    pub fields_intro: &'static str,
}

pub const NL: Words = Words {
    everything: "Alles van de zorgpagina van {person}",
    own: "Wat {writer} schreef op de zorgpagina van {person}",
    made: "Gedownload op {date} door {writer}.",
    how: "Elk onderdeel staat hieronder om te lezen, en als JSON-bestand met dezelfde naam voor een ander programma. velden.txt legt elk veld uit.",
    with_dossier: "Het dossier staat erin. Bewaar dit bestand zorgvuldig: het bevat medische gegevens.",
    without_dossier: "Het dossier staat er niet in. Wil je het erbij? Open dan eerst het dossier met de code die je per sms krijgt, en download daarna opnieuw.",
    not_in_it: "Foto's staan er niet in; die blijven op de pagina.",
    rows: "{count} regels",
    nothing: "Hier staat niets.",
    yes: "ja",
    no: "nee",
    back: "Terug naar het overzicht",
    fields_intro: "De velden van elk JSON-bestand. Nummers veranderen nooit; data staan als 2026-12-04, tijdstippen als 2026-12-04T09:30:00Z (UTC) en kloktijden van afspraken als 09:30 (Nederlandse tijd).",
};

pub const EN: Words = Words {
    everything: "Everything on {person}'s care page",
    own: "What {writer} wrote on {person}'s care page",
    made: "Downloaded on {date} by {writer}.",
    how: "Each part is below to read, and as a JSON file of the same name for another program. velden.txt explains every field.",
    with_dossier: "The dossier is in it. Keep this file safe: it holds medical data.",
    without_dossier: "The dossier is not in it. To add it, first open the dossier with the code you get by text message, then download again.",
    not_in_it: "Photos are not in it; they stay on the page.",
    rows: "{count} rows",
    nothing: "Nothing here.",
    yes: "yes",
    no: "no",
    back: "Back to the overview",
    fields_intro: "The fields of each JSON file. Numbers never change; dates are written 2026-12-04, moments 2026-12-04T09:30:00Z (UTC) and the clock times of appointments 09:30 (Dutch time).",
};

const STYLE: &str = "body{font:18px/1.5 system-ui,sans-serif;max-width:46rem;margin:1rem auto;padding:0 1rem;color:#1a1a1a}\
article{border:1px solid #bbb;border-radius:.5rem;padding:.5rem 1rem;margin:1rem 0;break-inside:avoid}\
dt{font-weight:600}dd{margin:0 0 .5rem 0;white-space:pre-wrap}h2{font-size:1.2rem}";

/// The first page: what the download is and a link to every part.
pub fn index(
    title: &str,
    lines: &[String],
    parts: &[(&Section, usize)],
    words: &Words,
    english: bool,
) -> String {
    let mut body = format!("<h1>{}</h1>", escape_html(title));
    for line in lines {
        body.push_str(&format!("<p>{}</p>", escape_html(line)));
    }
    body.push_str("<ul>");
    for (section, rows) in parts {
        let count = crate::i18n::fill(words.rows, &[("count", &rows.to_string())]);
        body.push_str(&format!(
            "<li><a href=\"{file}.html\">{title}</a> ({count}) · <a href=\"{file}.json\">{file}.json</a></li>",
            file = section.file,
            title = escape_html(section.title(english)),
        ));
    }
    body.push_str("</ul>");
    document(title, &body, english)
}

/// One part: each row as a card, its fields under their names.
pub fn section_page(section: &Section, rows: &[Value], words: &Words, english: bool) -> String {
    let title = section.title(english);
    let mut body = format!(
        "<p><a href=\"index.html\">{}</a></p><h1>{}</h1>",
        escape_html(words.back),
        escape_html(title)
    );
    if rows.is_empty() {
        body.push_str(&format!("<p>{}</p>", escape_html(words.nothing)));
    }
    for row in rows {
        let heading = row
            .get(section.heading)
            .map(|v| plain(v, words))
            .unwrap_or_default();
        body.push_str(&format!("<article><h2>{}</h2><dl>", escape_html(&heading)));
        for field in section.fields {
            let value = row.get(field.key).unwrap_or(&Value::Null);
            if is_empty(value) {
                continue;
            }
            body.push_str(&format!(
                "<dt>{}</dt><dd>{}</dd>",
                escape_html(field.label(english)),
                html(value, words)
            ));
        }
        body.push_str("</dl></article>");
    }
    document(title, &body, english)
}

/// `velden.txt`: every file, every field, in words.
pub fn fields_text(sections: &[&Section], words: &Words, english: bool) -> String {
    let mut text = format!("{}\n", words.fields_intro);
    for section in sections {
        text.push_str(&format!(
            "\n{}.json — {}\n",
            section.file,
            section.title(english)
        ));
        for field in section.fields {
            text.push_str(&format!("  {:<26} {}\n", field.key, field.label(english)));
        }
    }
    text
}

fn document(title: &str, body: &str, english: bool) -> String {
    format!(
        "<!doctype html><html lang=\"{}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{}</title><style>{STYLE}</style></head><body>{body}</body></html>",
        if english { "en" } else { "nl" },
        escape_html(title)
    )
}

fn is_empty(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::String(text) => text.is_empty(),
        Value::Array(items) => items.is_empty(),
        _ => false,
    }
}

/// A value in one line of plain text.
fn plain(value: &Value, words: &Words) -> String {
    match value {
        Value::Null => String::new(),
        Value::Bool(true) => words.yes.to_string(),
        Value::Bool(false) => words.no.to_string(),
        Value::Number(number) => number.to_string(),
        Value::String(text) => text.clone(),
        Value::Array(items) => items
            .iter()
            .map(|v| plain(v, words))
            .collect::<Vec<_>>()
            .join(", "),
        Value::Object(map) => map
            .iter()
            .filter(|(_, v)| !is_empty(v))
            .map(|(k, v)| format!("{k}: {}", plain(v, words)))
            .collect::<Vec<_>>()
            .join(", "),
    }
}

/// A value as HTML: text escaped, lists and nested objects (a care plan's
/// domains, who helps when) as nested lists.
fn html(value: &Value, words: &Words) -> String {
    match value {
        Value::Array(items) => {
            let items: String = items
                .iter()
                .map(|v| format!("<li>{}</li>", html(v, words)))
                .collect();
            format!("<ul>{items}</ul>")
        }
        Value::Object(map) => {
            let items: String = map
                .iter()
                .filter(|(_, v)| !is_empty(v))
                .map(|(k, v)| format!("<li>{}: {}</li>", escape_html(k), html(v, words)))
                .collect();
            format!("<ul>{items}</ul>")
        }
        other => escape_html(&plain(other, words)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_people_wrote_is_shown_as_text_never_as_markup() {
        let rows = vec![serde_json::json!({
            "id": 1, "title": "<script>alert(1)</script>", "text": "Bel <b>Jan</b> & Piet",
            "pinned": true, "phone": "", "address": null
        })];
        let page = section_page(&super::super::sections::NOTES, &rows, &NL, false);
        assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(page.contains("Bel &lt;b&gt;Jan&lt;/b&gt; &amp; Piet"));
        assert!(!page.contains("<script>") && !page.contains("<b>"));
        assert!(page.contains("<dt>Bovenaan vastgezet</dt><dd>ja</dd>"));
        assert!(
            !page.contains("<dt>Telefoon</dt>"),
            "empty fields are left out"
        );
    }
}
