//! The texts' own checks: every language has every text, with the same
//! placeholders, and every text is used somewhere.

use super::*;

/// Every text's placeholders, by its path in the struct ("dossier.title").
fn placeholders(texts: &Texts) -> Vec<(String, Vec<String>)> {
    fn walk(path: String, value: &serde_json::Value, out: &mut Vec<(String, Vec<String>)>) {
        match value {
            serde_json::Value::String(text) => {
                let mut names: Vec<String> = text
                    .split('{')
                    .skip(1)
                    .filter_map(|rest| rest.split_once('}').map(|(name, _)| name.to_string()))
                    .collect();
                names.sort();
                names.dedup();
                assert!(!text.trim().is_empty(), "{path} is empty");
                out.push((path, names));
            }
            serde_json::Value::Array(items) => {
                for (index, item) in items.iter().enumerate() {
                    walk(format!("{path}[{index}]"), item, out);
                }
            }
            serde_json::Value::Object(fields) => {
                for (key, item) in fields {
                    walk(format!("{path}.{key}"), item, out);
                }
            }
            other => out.push((path, vec![other.to_string()])),
        }
    }
    let mut out = Vec::new();
    walk(
        String::new(),
        &serde_json::to_value(texts).unwrap(),
        &mut out,
    );
    out
}

#[test]
fn every_language_names_the_same_placeholders_in_every_text() {
    let dutch = placeholders(&NL);
    assert!(dutch.len() > 600, "{} texts", dutch.len());
    for lang in Lang::ALL {
        let other = placeholders(lang.texts());
        let paths = |list: &[(String, Vec<String>)]| {
            list.iter()
                .map(|(path, _)| path.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(paths(&dutch), paths(&other), "{lang:?} has other texts");
        for ((path, want), (_, have)) in dutch.iter().zip(&other) {
            if path.ends_with("decimal_separator") {
                continue;
            }
            assert_eq!(want, have, "{lang:?} {path}");
        }
    }
}

#[test]
fn fill_puts_each_value_where_its_name_stands() {
    let values = [("carer", "Anna"), ("person", "Piet")];
    assert_eq!(
        fill("{carer} zorgt voor {person}", &values),
        "Anna zorgt voor Piet"
    );
    assert_eq!(
        fill("{person} is in care of {carer}", &values),
        "Piet is in care of Anna"
    );
    assert_eq!(fill("geen", &values), "geen");
    assert_eq!(fill("{carer} en {carer}", &values), "Anna en Anna");
    assert_eq!(fill("open {", &values), "open {");
}

/// Every field of the texts, by its name ("err_role", "dossier.title"):
/// the paths of the placeholder walk, without list indices.
fn text_names() -> Vec<String> {
    let mut names: Vec<String> = placeholders(&NL)
        .into_iter()
        .map(|(path, _)| {
            let path = path.trim_start_matches('.');
            path.split('[').next().unwrap_or(path).to_string()
        })
        .collect();
    names.dedup();
    names
}

fn sources(dir: &std::path::Path, out: &mut String) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            out.push_str(&std::fs::read_to_string(&path).unwrap());
        }
    }
}

#[test]
fn every_text_is_used_somewhere() {
    // A text is used where the code reads it as a field: `.name` (the
    // translations themselves write `name:`, so they do not count).
    let mut code = String::new();
    let app = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    sources(&app.join("src"), &mut code);
    // The server's own answers (a refused cross-site request, a body too large).
    sources(&app.join("../server/src"), &mut code);
    let unused: Vec<String> = text_names()
        .into_iter()
        .filter(|name| {
            // A plural's forms ("msg_unread.one") are read through the plural.
            let field = name
                .rsplit('.')
                .find(|part| !matches!(*part, "one" | "other"))
                .unwrap_or(name);
            !code.match_indices(&format!(".{field}")).any(|(at, found)| {
                let next = code[at + found.len()..].chars().next();
                !next.is_some_and(|c| c.is_alphanumeric() || c == '_')
            })
        })
        .collect();
    assert!(unused.is_empty(), "texts no code reads: {unused:?}");
}

#[test]
fn a_plural_says_one_for_one_and_the_other_form_otherwise() {
    let dutch = NL.msg_unread;
    assert_eq!(dutch.of(1), "1 nieuw bericht");
    assert_eq!(dutch.of(3), "3 nieuwe berichten");
    assert_eq!(dutch.of(0), "0 nieuwe berichten");
    assert_eq!(
        Lang::En.texts().cal_more_hidden.of(1),
        "And 1 more appointment on this day that no longer fits here."
    );
    assert_eq!(
        NL.err_login_wait.of(1),
        "Dat wachtwoord klopte niet. Wacht een seconde en probeer het dan opnieuw."
    );
}
