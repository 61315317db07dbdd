//! "Alles downloaden": the family's own copy of their page, as a ZIP (server
//! only). The admin downloads everything on the page; the dossier comes with
//! it only while this session has the dossier open with a fresh code, and
//! is then written to the dossier's access log. Every member downloads what
//! they wrote themselves. It is also the person's right under the GDPR.
//!
//! Each part is a JSON file (fields in `sections.rs`, explained in
//! `velden.txt` inside the ZIP) and a page to read (`readable.rs`).

pub mod queries;
pub mod readable;
pub mod sections;

use crate::access;
use crate::dossier::access_log::Look;
use crate::dossier::door::{enter_as, Caller};
use crate::dossier::Gated;
use crate::error::AppError;
use crate::history::HistoryEvent;
use crate::i18n::{fill, lang, Lang};
use crate::policy::{allows, Action};
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use sections::Section;
use std::io::Write;

/// Whose writing a download holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scope {
    /// Everything on the page, the dossier only when `dossier`.
    Everything { dossier: bool },
    /// What this account wrote.
    OwnWriting { author: i64 },
}

/// `GET /zorgpagina/{id}/alles-downloaden.zip`: the admin's download.
pub async fn everything(
    State(state): State<AppState>,
    Path(page): Path<String>,
    headers: HeaderMap,
) -> Response {
    respond(download(&state, &page, &headers, true).await)
}

/// `GET /zorgpagina/{id}/mijn-bijdragen.zip`: what the member wrote.
pub async fn own_writing(
    State(state): State<AppState>,
    Path(page): Path<String>,
    headers: HeaderMap,
) -> Response {
    respond(download(&state, &page, &headers, false).await)
}

async fn download(
    state: &AppState,
    page: &str,
    headers: &HeaderMap,
    everything: bool,
) -> Result<(String, Vec<u8>), AppError> {
    // Parsed here, not by axum, whose rejection would be an English 400.
    let page_id: i64 = page.parse().map_err(|_| AppError::NotFound)?;
    let caller = Caller::from_headers(state, headers).await?;
    let actor = access::actor_of(state, caller.account.as_ref(), page_id).await?;
    let Some(account) = caller.account.clone() else {
        return Err(AppError::NotLoggedIn);
    };
    let wanted = if everything {
        Action::ExportPage
    } else {
        Action::ExportOwnWriting
    };
    if !allows(actor, wanted) {
        return Err(AppError::NotFound);
    }
    let scope = if everything {
        // The dossier's door decides, as for every dossier screen: open with
        // a fresh code, it writes the look to the access log; closed, the
        // download goes without the dossier.
        let read = |_, fresh_code| Action::ReadDossier { fresh_code };
        let dossier = match enter_as(state, caller, page_id, read, Look::Exported).await {
            Ok(Gated::Open(_)) => true,
            Ok(Gated::Locked(_)) | Err(AppError::NotFound) => false,
            Err(other) => return Err(other),
        };
        Scope::Everything { dossier }
    } else {
        Scope::OwnWriting { author: account.id }
    };
    let writer = format!("{} {}", account.first_name, account.last_name);
    let made = build(state, page_id, &writer, scope).await?;
    if let Scope::Everything { dossier } = scope {
        let mut tx = state.db.begin().await?;
        crate::history::record(
            &mut tx,
            page_id,
            account.id,
            &HistoryEvent::Downloaded { dossier },
        )
        .await?;
        tx.commit().await?;
    }
    Ok(made)
}

/// The ZIP's name and bytes.
async fn build(
    state: &AppState,
    page_id: i64,
    writer: &str,
    scope: Scope,
) -> Result<(String, Vec<u8>), AppError> {
    let english = lang::current() == Lang::En;
    let words = if english {
        &readable::EN
    } else {
        &readable::NL
    };
    let mut parts: Vec<&Section> = match scope {
        Scope::Everything { .. } => sections::FAMILY.to_vec(),
        Scope::OwnWriting { .. } => sections::FAMILY
            .iter()
            .copied()
            .filter(|section| section.author.is_some())
            .collect(),
    };
    if scope == (Scope::Everything { dossier: true }) {
        parts.extend(sections::DOSSIER);
    }
    let author = match scope {
        Scope::OwnWriting { author } => Some(author),
        Scope::Everything { .. } => None,
    };
    let mut files = Vec::new();
    let mut counted = Vec::new();
    for section in &parts {
        let mut rows = queries::rows(&state.db, section, page_id, author).await?;
        if section.file == sections::HISTORY.file {
            rows = rows.iter().map(|row| describe_history(row)).collect();
        }
        let values: Vec<serde_json::Value> = rows
            .iter()
            .map(|row| serde_json::from_str(row).map_err(|_| AppError::Internal))
            .collect::<Result<_, _>>()?;
        let json = match rows.is_empty() {
            true => "[]\n".to_string(),
            false => format!("[\n{}\n]\n", rows.join(",\n")),
        };
        files.push((format!("{}.json", section.file), json));
        files.push((
            format!("{}.html", section.file),
            readable::section_page(section, &values, words, english),
        ));
        counted.push((*section, rows.len()));
    }
    let person = queries::person_name(&state.db, page_id).await?;
    let today = crate::dates::today();
    let title = match scope {
        Scope::Everything { .. } => fill(words.everything, &[("person", &person)]),
        Scope::OwnWriting { .. } => fill(words.own, &[("person", &person), ("writer", writer)]),
    };
    let mut lines = vec![
        fill(
            words.made,
            &[
                ("date", &crate::dates::date_with_year(today)),
                ("writer", writer),
            ],
        ),
        words.how.to_string(),
    ];
    match scope {
        Scope::Everything { dossier: true } => lines.push(words.with_dossier.to_string()),
        Scope::Everything { dossier: false } => lines.push(words.without_dossier.to_string()),
        Scope::OwnWriting { .. } => {}
    }
    lines.push(words.not_in_it.to_string());
    files.push((
        "index.html".into(),
        readable::index(&title, &lines, &counted, words, english),
    ));
    files.push((
        "velden.txt".into(),
        readable::fields_text(&parts, words, english),
    ));
    let kind = match scope {
        Scope::Everything { .. } => "alles",
        Scope::OwnWriting { .. } => "mijn-bijdragen",
    };
    let name = format!("kring-{kind}-{page_id}-{}.zip", today.format("%Y-%m-%d"));
    let bytes = tokio::task::spawn_blocking(move || zip(files))
        .await
        .map_err(|_| AppError::Internal)??;
    Ok((name, bytes))
}

/// Fills a history row's `what` with its sentence. SQLite writes the
/// placeholder as `"what":null`, which is replaced in place so the fields
/// keep their documented order.
fn describe_history(row: &str) -> String {
    let event = serde_json::from_str::<serde_json::Value>(row)
        .ok()
        .and_then(|value| value.get("event").map(|event| event.to_string()))
        .unwrap_or_default();
    let sentence = HistoryEvent::from_stored(&event).describe(crate::i18n::t());
    let quoted = serde_json::to_string(&sentence).unwrap_or_else(|_| "null".into());
    row.replacen("\"what\":null", &format!("\"what\":{quoted}"), 1)
}

fn zip(files: Vec<(String, String)>) -> Result<Vec<u8>, AppError> {
    use zip::write::SimpleFileOptions;
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .unix_permissions(0o644);
    for (name, content) in files {
        writer
            .start_file(name, options)
            .map_err(|_| AppError::Internal)?;
        writer
            .write_all(content.as_bytes())
            .map_err(|_| AppError::Internal)?;
    }
    let cursor = writer.finish().map_err(|_| AppError::Internal)?;
    Ok(cursor.into_inner())
}

fn respond(made: Result<(String, Vec<u8>), AppError>) -> Response {
    match made {
        Ok((name, bytes)) => (
            [
                (header::CONTENT_TYPE, "application/zip".to_string()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{name}\""),
                ),
                (header::CACHE_CONTROL, "no-store".to_string()),
            ],
            bytes,
        )
            .into_response(),
        Err(error) => {
            let status =
                StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            (status, error.to_string()).into_response()
        }
    }
}
