//! The names of the files the build writes to the site's `pkg` folder. With
//! `hash-files` on (release builds), cargo-leptos puts a hash of each file's
//! content in its name, so browsers may keep it for a year and a new release
//! is a new name; the hashes are listed in `hash.txt` next to the server binary.

use leptos::config::LeptosOptions;
use std::collections::HashMap;
use std::sync::OnceLock;

/// The address of Kring's style sheet, e.g. `/pkg/kring.Xb3….css`.
pub fn style_sheet_href(options: &LeptosOptions) -> String {
    let pkg = &options.site_pkg_dir;
    let name = &options.output_name;
    match options.hash_files.then(|| css_hash(options)).flatten() {
        Some(hash) => format!("/{pkg}/{name}.{hash}.css"),
        None => format!("/{pkg}/{name}.css"),
    }
}

/// The style sheet's hash from `hash.txt`, read once: the file changes only
/// with a new build, which comes with a new server binary.
fn css_hash(options: &LeptosOptions) -> Option<&'static str> {
    static CSS_HASH: OnceLock<Option<String>> = OnceLock::new();
    CSS_HASH
        .get_or_init(|| {
            let hashes = std::fs::read_to_string(hash_file(options)?).ok()?;
            hash_of(&hashes, "css").map(str::to_owned)
        })
        .as_deref()
}

/// Where cargo-leptos writes `hash.txt` and Leptos reads it: beside the binary.
pub fn hash_file(options: &LeptosOptions) -> Option<std::path::PathBuf> {
    Some(
        std::env::current_exe()
            .ok()?
            .parent()?
            .join(options.hash_file.as_ref()),
    )
}

/// `hash.txt` has one `kind: hash` line per file kind (js, wasm, css).
fn hash_of<'a>(hashes: &'a str, kind: &str) -> Option<&'a str> {
    hashes.lines().find_map(|line| {
        let (file, hash) = line.split_once(':')?;
        (file.trim() == kind).then(|| hash.trim())
    })
}

/// For each part of the split bundle (`app/src/screens.rs`), the `Link`
/// response header that asks the browser for the files it needs: its WASM
/// modules and the script that loads them. Read from the build once, at
/// start; empty for a build without `--split`.
///
/// Kring asks for these files itself rather than leaving it to Leptos:
/// Leptos adds its preload links only when the lazy function happens to run
/// after its render has begun collecting them, which on this server was about
/// half the pages, and a phone then fetched the part only after the main
/// file. A header rather than 27 `<link>` elements: the browser sees it
/// before the page, and it is written once per build, not once per page.
///
/// The header names the style sheet, the main script and the main WASM file
/// first. Over HTTP/1.1 a browser opens six connections to a server and sends
/// the rest in the order it learnt of them. With the part's 27 files first,
/// the main file (290 KB, needed before anything can run) waited behind them
/// and the week page came alive 0.2 s later on the slow line; and without the
/// style sheet in the header, the first paint came 0.3 s later.
#[derive(Clone, Default)]
pub struct BundleParts(std::sync::Arc<HashMap<String, http::HeaderValue>>);

impl BundleParts {
    pub fn of_build(options: &LeptosOptions) -> BundleParts {
        BundleParts(std::sync::Arc::new(
            read_split_manifest(options).unwrap_or_default(),
        ))
    }

    /// The header for the part with this key (`"calendar"`).
    pub fn preloads(&self, key: &str) -> Option<&http::HeaderValue> {
        self.0.get(key)
    }
}

/// cargo-leptos names the manifest and the loader with their hashes in
/// `hash.txt` (`manifest:` and `split:` lines), or plainly without hashing.
fn read_split_manifest(options: &LeptosOptions) -> Option<HashMap<String, http::HeaderValue>> {
    let hashes = options
        .hash_files
        .then(|| std::fs::read_to_string(hash_file(options)?).ok())
        .flatten()
        .unwrap_or_default();
    let manifest = match hash_of(&hashes, "manifest") {
        Some(hash) => format!("__wasm_split_manifest.{hash}.json"),
        None => "__wasm_split_manifest.json".to_owned(),
    };
    let loader = match hash_of(&hashes, "split") {
        Some(hash) => format!("__wasm_split.{hash}.js"),
        // The splitter's own placeholder for an unhashed build.
        None => "__wasm_split.______________________.js".to_owned(),
    };
    let pkg = &options.site_pkg_dir;
    let path = std::path::Path::new(options.site_root.as_ref())
        .join(pkg.as_ref())
        .join(manifest);
    let text = std::fs::read_to_string(path).ok()?;
    let parts: HashMap<String, Vec<String>> = serde_json::from_str(&text).ok()?;
    // The style sheet first: the page is drawn once it is in. Then the main
    // files, named as Leptos' own links name them; only known for sure with
    // hashed names (release builds).
    let mut main = vec![format!(
        "<{}>; rel=preload; as=style",
        style_sheet_href(options)
    )];
    let name = &options.output_name;
    if let (Some(js), Some(wasm)) = (hash_of(&hashes, "js"), hash_of(&hashes, "wasm")) {
        main.push(format!(
            "</{pkg}/{name}.{js}.js>; rel=modulepreload; crossorigin"
        ));
        main.push(wasm_link(&format!("/{pkg}/{name}.{wasm}.wasm")));
    }
    Some(parts_by_key(parts, &format!("/{pkg}"), &loader, &main))
}

/// The manifest names each part after its function and a hash of where it
/// is written (`calendar_part_4716902921045820872`); Kring knows it as
/// `calendar`. Each header starts with `main`, then the loader script, then
/// the part's modules.
fn parts_by_key(
    parts: HashMap<String, Vec<String>>,
    pkg: &str,
    loader: &str,
    main: &[String],
) -> HashMap<String, http::HeaderValue> {
    let loader = format!("<{pkg}/{loader}>; rel=modulepreload; crossorigin");
    parts
        .into_iter()
        .filter_map(|(name, stems)| {
            let (function, _hash) = name.rsplit_once('_')?;
            let key = function.strip_suffix("_part")?;
            let links: Vec<String> = main
                .iter()
                .cloned()
                .chain([loader.clone()])
                .chain(
                    stems
                        .iter()
                        .map(|stem| wasm_link(&format!("{pkg}/{stem}.wasm"))),
                )
                .collect();
            let header = http::HeaderValue::from_str(&links.join(", ")).ok()?;
            Some((key.to_owned(), header))
        })
        .collect()
}

/// What `<link rel="preload" as="fetch" type="application/wasm" crossorigin>`
/// says. `crossorigin` matches the loaders' own `fetch`, so the browser uses
/// the copy it fetched ahead.
fn wasm_link(href: &str) -> String {
    format!("<{href}>; rel=preload; as=fetch; type=\"application/wasm\"; crossorigin")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_hash_of_each_kind() {
        let hashes = "js: AbC\nwasm: dEf-9\ncss: Xyz_1\n";
        assert_eq!(hash_of(hashes, "css"), Some("Xyz_1"));
        assert_eq!(hash_of(hashes, "wasm"), Some("dEf-9"));
        assert_eq!(hash_of(hashes, "manifest"), None);
    }

    #[test]
    fn each_part_asks_for_its_files_in_one_header() {
        let manifest = r#"{"calendar_part_4716902921045820872": ["chunk_7.AbC", "split_calendar_part_4716902921045820872.dEf"],
                          "start_part_1": ["chunk_7.AbC"], "not_a_part": []}"#;
        let main = [wasm_link("/pkg/kring.Main.wasm")];
        let parts = parts_by_key(
            serde_json::from_str(manifest).unwrap(),
            "/pkg",
            "__wasm_split.Xyz.js",
            &main,
        );
        assert_eq!(
            parts["calendar"],
            "</pkg/kring.Main.wasm>; rel=preload; as=fetch; type=\"application/wasm\"; crossorigin, \
             </pkg/__wasm_split.Xyz.js>; rel=modulepreload; crossorigin, \
             </pkg/chunk_7.AbC.wasm>; rel=preload; as=fetch; type=\"application/wasm\"; crossorigin, \
             </pkg/split_calendar_part_4716902921045820872.dEf.wasm>; rel=preload; as=fetch; type=\"application/wasm\"; crossorigin"
        );
        assert!(parts.contains_key("start"));
        assert_eq!(parts.len(), 2, "a name without `_part` is no part");
    }

    #[test]
    fn without_hashing_the_plain_name() {
        let options = LeptosOptions::builder().output_name("kring").build();
        assert_eq!(style_sheet_href(&options), "/pkg/kring.css");
    }
}
