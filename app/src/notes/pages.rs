//! The Notities screens: the list, and one form to add or change a note.

use super::api::{field, note_for_edit, notes, AddNote, DeleteNote, EditNote};
use super::{dial_link, map_link, NoteView, NotesView, MAX_TEXT, MAX_TITLE};
use crate::error::AppError;
use crate::fields::{PhoneNumber, PostalAddress};
use crate::i18n::{fill, t};
use crate::messages::pages::MessageBody;
use crate::routes::{page, page_id_from_route};
use crate::shell::form::{
    described_by, ActionError, ConfirmStep, Field, FieldErrors, FieldMessage, Submit,
};
use crate::shell::kept::kept_value;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

#[component]
fn NotesError(error: AppError) -> impl IntoView {
    view! {
        <section class="card"><h1>{t().notes.nav}</h1><p class="error" role="alert">{error.to_string()}</p></section>
    }
}

#[component]
pub fn NotesPage() -> impl IntoView {
    let text = t();
    let list = Resource::new(page_id_from_route, |page_id| async move {
        match page_id {
            Some(page_id) => notes(page_id).await,
            None => Err(AppError::NotFound),
        }
    });
    view! {
        <Title text=format!("{} – {}", text.notes.nav, text.app_name)/>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match list.await {
                    Err(error) => view! { <NotesError error/> }.into_any(),
                    Ok(list) => view! { <NoteList list/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn NoteList(list: NotesView) -> impl IntoView {
    let text = t();
    let paths = page(list.page_id);
    let page_id = list.page_id;
    view! {
        <section class="card">
            <h1>{text.notes.nav}</h1>
            <p>{text.notes.intro}</p>
            <p><A href=paths.new_note() attr:class="button primary">{text.notes.add}</A></p>
            {list.notes.is_empty().then(|| view! { <p class="hint">{text.notes.empty}</p> })}
        </section>
        {(!list.notes.is_empty()).then(|| view! {
            <ul class="notes">
                {list.notes.into_iter().map(|note| view! { <Note note page_id/> }).collect_view()}
            </ul>
        })}
    }
}

#[component]
fn Note(note: NoteView, page_id: i64) -> impl IntoView {
    let text = t();
    let anchor = format!("notitie-{}", note.id);
    let heading = format!("{anchor}-titel");
    let heading_id = heading.clone();
    let changed_by = if note.changed_by.is_empty() {
        text.msg_deleted_author.to_string()
    } else {
        note.changed_by.clone()
    };
    let changed = fill(
        text.notes.changed_by,
        &[("name", &changed_by), ("when", &note.changed_at)],
    );
    let phone = (!note.phone.is_empty()).then(|| {
        let number = note.phone.clone();
        match dial_link(&number) {
            Some(href) => view! { <a href=href>{number}</a> }.into_any(),
            None => view! { {number} }.into_any(),
        }
    });
    let address = (!note.address.is_empty()).then(|| {
        let href = map_link(&note.address);
        view! {
            <span class="address">{note.address.clone()}</span>
            " "
            <a href=href aria-label=format!("{}: {}", text.notes.on_the_map, note.title)>{text.notes.on_the_map}</a>
        }
    });
    view! {
        <li class="card note" class:pinned=note.pinned id=anchor aria-labelledby=heading_id>
            <h2 id=heading>{note.title.clone()}</h2>
            {note.pinned.then(|| view! { <p class="badge">{text.notes.pinned}</p> })}
            {(!note.text.is_empty()).then(|| view! { <MessageBody body=note.text.clone()/> })}
            {(phone.is_some() || address.is_some()).then(|| view! {
                <dl class="details">
                    {phone.map(|phone| view! { <dt>{text.notes.field_phone}</dt><dd>{phone}</dd> })}
                    {address.map(|address| view! { <dt>{text.notes.field_address}</dt><dd>{address}</dd> })}
                </dl>
            })}
            <p class="hint">{changed}</p>
            {note.can_edit.then(|| view! {
                <p>
                    <A href=page(page_id).edit_note(note.id) attr:class="button"
                        attr:aria-label=format!("{}: {}", text.notes.edit, note.title)>
                        {text.notes.edit}
                    </A>
                </p>
            })}
        </li>
    }
}

/// The fields of a note, filled with `note` when changing one.
#[component]
fn NoteInputs(note: Option<NoteView>) -> impl IntoView {
    let text = t();
    let note = note.unwrap_or(NoteView {
        id: 0,
        title: String::new(),
        text: String::new(),
        phone: String::new(),
        address: String::new(),
        pinned: false,
        changed_by: String::new(),
        changed_at: String::new(),
        can_edit: true,
    });
    let body = kept_value(field::TEXT).unwrap_or(note.text);
    let address = kept_value(field::ADDRESS).unwrap_or(note.address);
    let pinned = kept_value(field::PINNED).map_or(note.pinned, |_| true);
    view! {
        <Field label=text.notes.field_title name=field::TITLE id="title" maxlength=MAX_TITLE autocomplete="off" value=note.title/>
        <div class="field">
            <label for="veld-text">{text.notes.field_text}</label>
            <FieldMessage name=field::TEXT id="veld-text-fout"/>
            <textarea id="veld-text" name=field::TEXT rows="5" maxlength=MAX_TEXT.to_string()
                aria-describedby=described_by(field::TEXT, "veld-text-fout", None)>
                {body}
            </textarea>
        </div>
        <Field label=text.notes.field_phone name=field::PHONE id="phone" kind="tel" required=false
            autocomplete="off" maxlength=PhoneNumber::MAX_LEN hint=text.notes.phone_hint value=note.phone/>
        <div class="field">
            <label for="veld-address">{text.notes.field_address}</label>
            <p class="hint" id="veld-address-uitleg">{text.notes.address_hint}</p>
            <FieldMessage name=field::ADDRESS id="veld-address-fout"/>
            <textarea id="veld-address" name=field::ADDRESS rows="3" maxlength=PostalAddress::MAX_LEN.to_string() autocomplete="off"
                aria-describedby=described_by(field::ADDRESS, "veld-address-fout", Some("veld-address-uitleg"))>
                {address}
            </textarea>
        </div>
        <div class="field checkbox">
            <input id="veld-pinned" type="checkbox" name=field::PINNED checked=pinned/>
            <label for="veld-pinned">{text.notes.field_pinned}</label>
        </div>
    }
}

#[component]
pub fn NewNotePage() -> impl IntoView {
    let text = t();
    let add = ServerAction::<AddNote>::new();
    let page_id = move || page_id_from_route().unwrap_or_default();
    view! {
        <Title text=format!("{} – {}", text.notes.new_title, text.app_name)/>
        <section class="card narrow">
            <h1>{text.notes.new_title}</h1>
            <ActionForm action=add>
                <FieldErrors action=add>
                    <input type="hidden" name="page_id" value=move || page_id().to_string()/>
                    <NoteInputs note=None/>
                    <ActionError action=add/>
                    <Submit action=add label=text.save/>
                    <A href=move || page(page_id()).notes() attr:class="button">{text.notes.back}</A>
                </FieldErrors>
            </ActionForm>
        </section>
    }
}

#[component]
pub fn EditNotePage() -> impl IntoView {
    let text = t();
    let edit = ServerAction::<EditNote>::new();
    let delete = ServerAction::<DeleteNote>::new();
    let params = use_params_map();
    let note = Resource::new(
        move || {
            let note_id = params.read().get("notitie").and_then(|id| id.parse().ok());
            (page_id_from_route(), note_id)
        },
        |(page_id, note_id)| async move {
            match (page_id, note_id) {
                (Some(page_id), Some(note_id)) => note_for_edit(page_id, note_id)
                    .await
                    .map(|note| (page_id, note)),
                _ => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Title text=format!("{} – {}", text.notes.edit_title, text.app_name)/>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match note.await {
                    Err(error) => view! { <NotesError error/> }.into_any(),
                    Ok((page_id, note)) => view! { <EditNoteForm page_id note edit delete/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn EditNoteForm(
    page_id: i64,
    note: NoteView,
    edit: ServerAction<EditNote>,
    delete: ServerAction<DeleteNote>,
) -> impl IntoView {
    let text = t();
    let note_id = note.id.to_string();
    let note_id_again = note_id.clone();
    let explanation = fill(text.notes.delete_explanation, &[("title", &note.title)]);
    let title = note.title.clone();
    view! {
        <section class="card narrow">
            <h1>{text.notes.edit_title}</h1>
            <ActionForm action=edit>
                <FieldErrors action=edit>
                    <input type="hidden" name="page_id" value=page_id.to_string()/>
                    <input type="hidden" name="note_id" value=note_id/>
                    <NoteInputs note=Some(note)/>
                    <ActionError action=edit/>
                    <Submit action=edit label=text.save/>
                    <A href=page(page_id).notes() attr:class="button">{text.notes.back}</A>
                </FieldErrors>
            </ActionForm>
        </section>
        <section class="card danger-zone">
            <ConfirmStep label=text.notes.delete whom=title explanation>
                <ActionForm action=delete>
                    <input type="hidden" name="page_id" value=page_id.to_string()/>
                    <input type="hidden" name="note_id" value=note_id_again/>
                    <ActionError action=delete/>
                    <button type="submit" class="danger">{text.notes.delete_confirm}</button>
                </ActionForm>
            </ConfirmStep>
        </section>
    }
}
