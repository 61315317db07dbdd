//! The names of the files the build writes to the site's `pkg` folder. With
//! `hash-files` on (release builds), cargo-leptos puts a hash of each file's
//! content in its name, so browsers may keep it for a year and a new release
//! is a new name; the hashes are listed in `hash.txt` next to the server binary.

use leptos::config::LeptosOptions;
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
    fn without_hashing_the_plain_name() {
        let options = LeptosOptions::builder().output_name("kring").build();
        assert_eq!(style_sheet_href(&options), "/pkg/kring.css");
    }
}
