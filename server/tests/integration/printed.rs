//! The printed care plan read back by tools Kring did not write: lopdf for
//! its structure, and qpdf, pdffonts and pdfinfo (scripts/setup installs
//! them) as a reader would. Long words stay on the page, fonts are embedded
//! as subsets, an emoji prints as a sign, and the file says truly when and
//! by whom it was made.

use crate::common::{Family, ADMIN};
use crate::dossier::{open_dossier, ADMIN_MOBILE};
use kring_app::db;
use lopdf::{Document, Object};
use reqwest::StatusCode;
use serde_json::Value;
use std::process::Command;

const LINK: &str = "https://www.thuiszorg-de-linde.example/zorgplannen/afspraken/lichamelijk-welbevinden/wassen-en-aankleden/2026";

/// The demo's care plan with a long link and emoji in its first need,
/// printed by the family's admin.
async fn printed_plan(family: &Family) -> Vec<u8> {
    let (id, content): (i64, String) = db::query_as(
        "SELECT id, content FROM care_plan_versions WHERE care_page_id = $1 ORDER BY id DESC LIMIT 1",
    )
    .bind(family.page_id)
    .fetch_one(family.app.state.db.reader())
    .await
    .unwrap();
    let mut plan: Value = serde_json::from_str(&content).unwrap();
    plan["domains"][0]["needs"][0] =
        format!("Zie {LINK} voor de afspraken 💙, en 👍 van de familie 😊.").into();
    db::query("UPDATE care_plan_versions SET content = $1 WHERE id = $2")
        .bind(plan.to_string())
        .bind(id)
        .execute(family.app.state.db.writer())
        .await
        .unwrap();
    let admin = family.client_of(ADMIN).await;
    open_dossier(family, &admin, ADMIN_MOBILE).await;
    let path = format!("/zorgpagina/{}/dossier/zorgplan.pdf", family.page_id);
    let response = family.app.get_as(&admin, &path).await;
    assert_eq!(response.status(), StatusCode::OK);
    response.bytes().await.unwrap().to_vec()
}

fn text_of(bytes: &[u8]) -> Vec<String> {
    let document = printpdf::PdfDocument::parse(
        bytes,
        &printpdf::PdfParseOptions::default(),
        &mut Vec::new(),
    )
    .expect("a PDF");
    document.extract_text().into_iter().flatten().collect()
}

fn dictionary<'a>(document: &'a Document, object: &'a Object) -> &'a lopdf::Dictionary {
    match object {
        Object::Reference(id) => document.get_dictionary(*id).unwrap(),
        Object::Dictionary(dictionary) => dictionary,
        other => panic!("not a dictionary: {other:?}"),
    }
}

fn name(dictionary: &lopdf::Dictionary, key: &[u8]) -> String {
    String::from_utf8(dictionary.get(key).unwrap().as_name().unwrap().to_vec()).unwrap()
}

/// An outside program run on the PDF (`args`, the file, `after`); it must
/// be installed.
fn run(program: &str, args: &[&str], file: &std::path::Path, after: &[&str]) -> String {
    let output = Command::new(program)
        .args(args)
        .arg(file)
        .args(after)
        .output()
        .unwrap_or_else(|e| panic!("{program} is missing ({e}); scripts/setup installs it"));
    let text = String::from_utf8_lossy(&output.stdout).to_string();
    assert!(
        output.status.success(),
        "{program}: {text}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    text
}

#[tokio::test]
async fn a_long_link_breaks_within_the_page_and_an_emoji_prints_as_a_sign() {
    let family = crate::common::demo_family().await;
    let bytes = printed_plan(&family).await;
    let lines = text_of(&bytes);
    // The link is there whole, over several lines, none of them holding it all.
    assert!(lines.concat().replace(' ', "").contains(LINK), "{lines:?}");
    assert!(!lines.iter().any(|line| line.contains(LINK)), "{lines:?}");
    let all = lines.concat();
    assert!(
        all.contains('♥') && all.contains('\u{FFFD}') && all.contains('😊'),
        "{all}"
    );
    assert!(!all.contains('💙') && !all.contains('👍'), "{all}");
    // pdftotext keeps only what lies on the page: all of the link is there,
    // so none of it ran off the right edge.
    let file = pdf_file(&bytes);
    let text = run("pdftotext", &["-nopgbrk"], file.path(), &["-"]);
    assert!(text.replace(['\n', ' '], "").contains(LINK), "{text}");
}

#[tokio::test]
async fn the_care_plan_is_small_subset_and_says_truly_what_it_is() {
    let family = crate::common::demo_family().await;
    let bytes = printed_plan(&family).await;
    let document = Document::load_mem(&bytes).expect("lopdf reads it");
    // The demo's plan fits one page; the whole fonts made it 747 KB.
    assert_eq!(document.get_pages().len(), 1);
    assert!(bytes.len() < 100 * 1024, "{} bytes", bytes.len());
    // Every font is embedded, as a subset, named as one.
    let mut fonts = 0;
    for object in document.objects.values() {
        let Ok(font) = object.as_dict() else { continue };
        if font.get(b"Type").and_then(Object::as_name).ok() != Some(b"Font")
            || font.get(b"Subtype").and_then(Object::as_name).ok() != Some(b"Type0")
        {
            continue;
        }
        fonts += 1;
        let base = name(font, b"BaseFont");
        assert!(base.len() > 7 && base.as_bytes()[6] == b'+', "{base}");
        assert!(base[..6].bytes().all(|b| b.is_ascii_uppercase()), "{base}");
        let descendant = font.get(b"DescendantFonts").unwrap().as_array().unwrap();
        let descendant = dictionary(&document, &descendant[0]);
        let descriptor = dictionary(&document, descendant.get(b"FontDescriptor").unwrap());
        assert_eq!(name(descriptor, b"FontName"), base);
        let program = descriptor
            .get(b"FontFile2")
            .unwrap()
            .as_reference()
            .unwrap();
        let program = document.get_object(program).unwrap().as_stream().unwrap();
        assert!(program.content.len() < 120 * 1024, "{base}: the whole font");
    }
    assert_eq!(fonts, 2, "regular and bold");
    let mut names: Vec<String> = document
        .objects
        .values()
        .filter_map(|object| object.as_dict().ok())
        .filter(|font| font.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Type0"))
        .map(|font| name(font, b"BaseFont")[7..].to_string())
        .collect();
    names.sort();
    assert_eq!(names, ["DejaVuSans", "DejaVuSans-Bold"]);

    // The description: true, and nothing that is not so.
    let info = dictionary(&document, document.trailer.get(b"Info").unwrap());
    assert_eq!(info.get(b"Producer").unwrap().as_str().unwrap(), b"Kring");
    let year = chrono::Utc::now().format("D:%Y").to_string();
    let created = info.get(b"CreationDate").unwrap().as_str().unwrap();
    assert!(created.starts_with(year.as_bytes()), "{created:?}");
    assert!(info.get(b"GTS_PDFXVersion").is_err());
    let catalog = document.catalog().unwrap();
    let metadata = catalog.get(b"Metadata").unwrap().as_reference().unwrap();
    let metadata = document.get_object(metadata).unwrap().as_stream().unwrap();
    let xmp = String::from_utf8(metadata.content.clone()).unwrap();
    assert!(xmp.contains("<pdfaid:part>2</pdfaid:part>"), "{xmp}");
    assert!(xmp.contains("<pdfaid:conformance>B</pdfaid:conformance>"));
    let intents = catalog.get(b"OutputIntents").unwrap().as_array().unwrap();
    assert_eq!(name(dictionary(&document, &intents[0]), b"S"), "GTS_PDFA1");
    assert_eq!(catalog.get(b"Lang").unwrap().as_str().unwrap(), b"nl");

    // And as outside tools read it.
    let file = pdf_file(&bytes);
    run("qpdf", &["--check"], file.path(), &[]);
    let fonts = run("pdffonts", &[], file.path(), &[]);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert_eq!(rows.len(), 2, "{fonts}");
    for row in rows {
        // name, type, encoding, then "emb sub uni" as yes/no.
        let columns: Vec<&str> = row.split_whitespace().collect();
        assert_eq!(
            &columns[columns.len() - 5..columns.len() - 2],
            ["yes", "yes", "yes"],
            "{fonts}"
        );
    }
    let info = run("pdfinfo", &[], file.path(), &[]);
    let field = |name: &str| {
        info.lines()
            .find_map(|line| line.strip_prefix(name)?.strip_prefix(':'))
            .map(str::trim)
            .unwrap_or_else(|| panic!("no {name}: {info}"))
    };
    assert_eq!(field("Producer"), "Kring");
    assert_eq!(field("Title"), "Zorgplan van Johanna Bakker");
    assert_eq!(field("PDF version"), "1.7");
    assert_eq!(field("Pages"), "1");
    assert!(field("CreationDate").ends_with(&chrono::Utc::now().format("%Y UTC").to_string()));
}

fn pdf_file(bytes: &[u8]) -> tempfile::NamedTempFile {
    let file = tempfile::Builder::new().suffix(".pdf").tempfile().unwrap();
    std::fs::write(file.path(), bytes).unwrap();
    file
}
