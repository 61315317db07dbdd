//! Server functions of Notities. Every one asks the access policy, and
//! every query names the page, so an id from another page finds nothing.

use super::{NoteView, NotesView};
use crate::error::AppError;
use crate::form_value::Checkbox;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
#[cfg(feature = "ssr")]
use {
    super::{queries, MAX_NOTES_PER_PAGE, MAX_TEXT, MAX_TITLE},
    crate::access::authorize,
    crate::accounts::{flash, Account},
    crate::fields::{written_text, PhoneNumber, PostalAddress},
    crate::i18n::{fill, t},
    crate::policy::{allows, Action, Actor},
    crate::state::app_state,
};

/// A note's fields as the form sends them: `note[title]`, `note[text]`, …
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoteForm {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub address: String,
    #[serde(default)]
    pub pinned: Checkbox,
}

/// The form's field names, for labels and errors.
pub mod field {
    pub const TITLE: &str = "note[title]";
    pub const TEXT: &str = "note[text]";
    pub const PHONE: &str = "note[phone]";
    pub const ADDRESS: &str = "note[address]";
    pub const PINNED: &str = "note[pinned]";
}

/// The form, checked: trimmed, within its limits, or the field that is not.
#[cfg(feature = "ssr")]
struct CheckedNote {
    title: String,
    body: String,
    phone: PhoneNumber,
    address: PostalAddress,
    pinned: bool,
}

#[cfg(feature = "ssr")]
impl NoteForm {
    fn check(&self) -> Result<CheckedNote, AppError> {
        let text = t();
        Ok(CheckedNote {
            title: written_text(&self.title, text.notes.field_title, MAX_TITLE, true)
                .map_err(AppError::in_field(field::TITLE))?,
            body: written_text(&self.text, text.notes.field_text, MAX_TEXT, false)
                .map_err(AppError::in_field(field::TEXT))?,
            phone: PhoneNumber::parse(&self.phone).map_err(AppError::in_field(field::PHONE))?,
            address: PostalAddress::parse(&self.address)
                .map_err(AppError::in_field(field::ADDRESS))?,
            pinned: self.pinned.0,
        })
    }
}

#[cfg(feature = "ssr")]
impl CheckedNote {
    fn fields(&self) -> queries::NoteFields<'_> {
        queries::NoteFields {
            title: &self.title,
            body: &self.body,
            phone: self.phone.as_str(),
            address: self.address.as_str(),
            pinned: self.pinned,
        }
    }
}

/// May `actor` (signed in as `account`) change the note written by `author`?
#[cfg(feature = "ssr")]
fn may_edit(actor: Actor, account: &Account, author: Option<i64>) -> bool {
    let own = author == Some(account.id);
    allows(actor, Action::EditNote { own })
}

#[cfg(feature = "ssr")]
fn view_of(row: queries::NoteRow, can_edit: bool) -> NoteView {
    NoteView {
        id: row.id,
        title: row.title,
        text: row.body,
        phone: row.phone,
        address: row.address,
        pinned: row.pinned,
        changed_by: row.changed_by.unwrap_or_default(),
        changed_at: crate::dates::spoken_at(row.changed_at),
        can_edit,
    }
}

#[server(prefix = "/api", endpoint = "notes")]
pub async fn notes(page_id: i64) -> Result<NotesView, AppError> {
    let state = app_state()?;
    let (account, actor) = authorize(&state, page_id, Action::ViewNotes).await?;
    let notes = queries::list(&state.db, page_id)
        .await?
        .into_iter()
        .map(|row| {
            let can_edit = may_edit(actor, &account, row.author_id);
            view_of(row, can_edit)
        })
        .collect();
    Ok(NotesView { page_id, notes })
}

/// The note `note_id` of this page, for its writer or the admin to change.
#[cfg(feature = "ssr")]
async fn editable(page_id: i64, note_id: i64) -> Result<(Account, queries::NoteRow), AppError> {
    let state = app_state()?;
    let (account, actor) = authorize(&state, page_id, Action::ViewNotes).await?;
    let row = queries::one(&state.db, page_id, note_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !may_edit(actor, &account, row.author_id) {
        return Err(AppError::NotFound);
    }
    Ok((account, row))
}

#[server(prefix = "/api", endpoint = "note_for_edit")]
pub async fn note_for_edit(page_id: i64, note_id: i64) -> Result<NoteView, AppError> {
    let (_, row) = editable(page_id, note_id).await?;
    Ok(view_of(row, true))
}

/// "Notitie toevoegen"; back to the notes, at the new one.
#[server(prefix = "/api", endpoint = "add_note")]
pub async fn add_note(page_id: i64, note: NoteForm) -> Result<(), AppError> {
    let state = app_state()?;
    let (account, _) = authorize(&state, page_id, Action::AddNote).await?;
    let checked = note.check()?;
    let text = t();
    let full = fill(
        text.notes.too_many,
        &[("max", &MAX_NOTES_PER_PAGE.to_string())],
    );
    let id = queries::add(&state.db, page_id, account.id, &checked.fields(), &full).await?;
    saved(page_id, id, &checked.title).await
}

#[server(prefix = "/api", endpoint = "edit_note")]
pub async fn edit_note(page_id: i64, note_id: i64, note: NoteForm) -> Result<(), AppError> {
    let (account, row) = editable(page_id, note_id).await?;
    let checked = note.check()?;
    let state = app_state()?;
    queries::update(&state.db, page_id, row.id, account.id, &checked.fields()).await?;
    saved(page_id, row.id, &checked.title).await
}

/// Says so on the notes page and goes there, at the saved note.
#[cfg(feature = "ssr")]
async fn saved(page_id: i64, note_id: i64, title: &str) -> Result<(), AppError> {
    let state = app_state()?;
    let said = fill(t().notes.saved, &[("title", title)]);
    flash::notice_for_next_page(&state.db, said).await?;
    leptos_axum::redirect(&crate::routes::page(page_id).notes_at(note_id));
    Ok(())
}

/// Deletes a note (after the second step on the page); back to the notes.
#[server(prefix = "/api", endpoint = "delete_note")]
pub async fn delete_note(page_id: i64, note_id: i64) -> Result<(), AppError> {
    let (_, row) = editable(page_id, note_id).await?;
    let state = app_state()?;
    queries::delete(&state.db, page_id, row.id).await?;
    let said = fill(t().notes.deleted, &[("title", &row.title)]);
    flash::notice_for_next_page(&state.db, said).await?;
    leptos_axum::redirect(&crate::routes::page(page_id).notes());
    Ok(())
}
