//! The Mijn verhaal screens: the story, writing one chapter (with its
//! earlier versions), and the story on paper.

use super::api::{life_story, story_chapter, RemoveStoryPhoto, SaveChapter};
use super::{Chapter, ChapterEdit, ChapterView, StoryView, Written, MAX_CHAPTER};
use crate::calendar::print::PrintButton;
use crate::error::AppError;
use crate::i18n::{fill, t};
use crate::messages::pages::MessageBody;
use crate::profile::{PhotoOutcome, PHOTO_MAX_BYTES};
use crate::routes::{page, page_id_from_route};
use crate::shell::form::{
    described_by, ActionError, ConfirmStep, FieldErrors, FieldMessage, Submit,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The story, asked again whenever `changes` moves (a photo removed).
fn load_story(changes: Signal<usize>) -> Resource<Result<StoryView, AppError>> {
    Resource::new(
        move || (page_id_from_route(), changes.get()),
        |(page_id, _)| async move {
            match page_id {
                Some(page_id) => life_story(page_id).await,
                None => Err(AppError::NotFound),
            }
        },
    )
}

#[component]
fn StoryError(error: AppError) -> impl IntoView {
    view! {
        <section class="card"><h1>{t().story.nav}</h1><p class="error" role="alert">{error.to_string()}</p></section>
    }
}

/// "Geschreven door Pieter Bakker, gisteren 20:14".
fn written_line(written: &Written, template: &str) -> String {
    let by = if written.by.is_empty() {
        t().msg_deleted_author.to_string()
    } else {
        written.by.clone()
    };
    fill(template, &[("name", &by), ("when", &written.when)])
}

#[component]
pub fn StoryPage() -> impl IntoView {
    let text = t();
    let remove = ServerAction::<RemoveStoryPhoto>::new();
    crate::shell::notice::Notice::after_answer(remove);
    let story = load_story(Signal::derive(move || remove.version().get()));
    let outcome = use_query_map()
        .read_untracked()
        .get("foto")
        .and_then(|value| PhotoOutcome::from_query(&value));
    view! {
        <Title text=format!("{} – {}", text.story.nav, text.app_name)/>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match story.await {
                    Err(error) => view! { <StoryError error/> }.into_any(),
                    Ok(story) => view! { <Story story remove outcome/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Story(
    story: StoryView,
    remove: ServerAction<RemoveStoryPhoto>,
    outcome: Option<PhotoOutcome>,
) -> impl IntoView {
    let text = t();
    let paths = page(story.page_id);
    let can_edit = story.can_edit;
    view! {
        <section class="card story">
            <h1>{text.story.nav}</h1>
            <p>{fill(text.story.intro, &[("name", &story.first_name)])}</p>
            <p class="hint">{text.story.who_reads}</p>
            <p><A href=paths.print_story() attr:class="button">{text.story.print}</A></p>
        </section>
        {story.chapters.into_iter().map(|chapter| view! {
            <ChapterCard chapter page_id=story.page_id can_edit/>
        }).collect_view()}
        <Photos page_id=story.page_id first_name=story.first_name photos=story.photos can_edit remove outcome/>
    }
}

/// The story's photos with their captions; for those who write, adding one
/// (a plain multipart form) and removing one (a second step first).
#[component]
fn Photos(
    page_id: i64,
    first_name: String,
    photos: Vec<super::StoryPhoto>,
    can_edit: bool,
    remove: ServerAction<RemoveStoryPhoto>,
    outcome: Option<PhotoOutcome>,
) -> impl IntoView {
    let text = t().story;
    if photos.is_empty() && !can_edit {
        return ().into_any();
    }
    let alt = fill(text.photo_alt, &[("name", &first_name)]);
    let megabytes = (PHOTO_MAX_BYTES / (1024 * 1024)).to_string();
    view! {
        <section class="card story-photos" id="fotos" aria-labelledby="fotos-titel">
            <h2 id="fotos-titel">{text.photos_title}</h2>
            {outcome.map(|outcome| if outcome == PhotoOutcome::Saved {
                view! { <p class="success" role="status">{outcome.message()}</p> }.into_any()
            } else {
                view! { <p class="error" role="alert">{outcome.message()}</p> }.into_any()
            })}
            <ul class="photo-grid">
                {photos.into_iter().map(|super::StoryPhoto { id, caption }| {
                    let label = if caption.is_empty() { alt.clone() } else { caption.clone() };
                    view! {
                        <li>
                            <figure>
                                <img src=page(page_id).story_photo(id) alt=label.clone() loading="lazy"/>
                                {(!caption.is_empty()).then(|| view! { <figcaption>{caption.clone()}</figcaption> })}
                            </figure>
                            {can_edit.then(|| view! {
                                <ConfirmStep label=text.photo_remove whom=label.clone() explanation=text.photo_remove_explanation>
                                    <ActionForm action=remove>
                                        <input type="hidden" name="page_id" value=page_id.to_string()/>
                                        <input type="hidden" name="photo_id" value=id.to_string()/>
                                        <button type="submit" class="danger">{text.photo_remove_confirm}</button>
                                    </ActionForm>
                                </ConfirmStep>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
            {can_edit.then(|| view! {
                <ActionError action=remove/>
                // A plain form: the file goes up without JavaScript, and the
                // route sends the browser back here with the outcome.
                <form method="post" action=page(page_id).story_photos() enctype="multipart/form-data">
                    <div class="field">
                        <label for="veld-foto">{text.photo_choose}</label>
                        <p class="hint" id="veld-foto-uitleg">{fill(text.photo_hint, &[("megabytes", &megabytes)])}</p>
                        <input id="veld-foto" type="file" name="foto" accept="image/jpeg,image/png,image/webp" required aria-describedby="veld-foto-uitleg"/>
                    </div>
                    <div class="field">
                        <label for="veld-bijschrift">{text.caption}</label>
                        <input id="veld-bijschrift" type="text" name="bijschrift" maxlength=super::MAX_CAPTION.to_string() autocomplete="off"/>
                    </div>
                    <button type="submit" class="primary">{text.photo_add}</button>
                </form>
            })}
        </section>
    }
    .into_any()
}

#[component]
fn ChapterCard(chapter: ChapterView, page_id: i64, can_edit: bool) -> impl IntoView {
    let text = t();
    let key = chapter.chapter.key();
    let title = chapter.chapter.title();
    let action = if chapter.text.is_some() {
        text.story.change
    } else {
        text.story.write
    };
    view! {
        <section class="card chapter" id=key aria-labelledby=format!("{key}-titel")>
            <h2 id=format!("{key}-titel")>{title}</h2>
            {match chapter.text.filter(|body| !body.is_empty()) {
                Some(body) => view! { <MessageBody body/> }.into_any(),
                None => view! { <p class="hint">{text.story.not_written}</p> }.into_any(),
            }}
            {chapter.written.map(|written| view! {
                <p class="hint">{written_line(&written, text.story.written_by)}</p>
            })}
            {can_edit.then(|| view! {
                <p>
                    // Named with the chapter: a list of "Schrijven" links says nothing.
                    <A href=page(page_id).story_chapter(key) attr:class="button" attr:aria-label=format!("{action}: {title}")>
                        {action}
                    </A>
                </p>
            })}
        </section>
    }
}

#[component]
pub fn ChapterPage() -> impl IntoView {
    let text = t();
    let save = ServerAction::<SaveChapter>::new();
    let params = use_params_map();
    let edit = Resource::new(
        move || (page_id_from_route(), params.read().get("deel")),
        |(page_id, chapter)| async move {
            match (page_id, chapter) {
                (Some(page_id), Some(chapter)) => story_chapter(page_id, chapter).await,
                _ => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match edit.await {
                    Err(error) => view! {
                        <Title text=format!("{} – {}", text.story.nav, text.app_name)/>
                        <StoryError error/>
                    }.into_any(),
                    Ok(edit) => view! { <ChapterForm edit save/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ChapterForm(edit: ChapterEdit, save: ServerAction<SaveChapter>) -> impl IntoView {
    let text = t();
    let chapter: Chapter = edit.current.chapter;
    let title = chapter.title();
    let paths = page(edit.page_id);
    let kept = crate::shell::kept::kept_value("text");
    let current = kept.unwrap_or_else(|| edit.current.text.clone().unwrap_or_default());
    view! {
        <Title text=format!("{title} – {} – {}", text.story.nav, text.app_name)/>
        <section class="card">
            <h1>{title}</h1>
            <ActionForm action=save>
                <FieldErrors action=save>
                    <input type="hidden" name="page_id" value=edit.page_id.to_string()/>
                    <input type="hidden" name="chapter" value=chapter.key()/>
                    <div class="field">
                        <label for="veld-text">{title}</label>
                        <p class="hint" id="veld-text-uitleg">{chapter.hint()}</p>
                        <FieldMessage name="text" id="veld-text-fout"/>
                        <textarea id="veld-text" name="text" rows="12" maxlength=MAX_CHAPTER.to_string()
                            aria-describedby=described_by("text", "veld-text-fout", Some("veld-text-uitleg"))>
                            {current}
                        </textarea>
                    </div>
                    {edit.current.written.map(|written| view! {
                        <p class="hint">{written_line(&written, text.story.written_by)}</p>
                    })}
                    <ActionError action=save/>
                    <Submit action=save label=text.save/>
                    <A href=paths.story_at(chapter.key()) attr:class="button">{text.story.back}</A>
                </FieldErrors>
            </ActionForm>
        </section>
        <section class="card" aria-labelledby="eerdere-versies">
            <h2 id="eerdere-versies">{text.story.versions_title}</h2>
            {if edit.earlier.is_empty() {
                view! { <p class="hint">{text.story.versions_none}</p> }.into_any()
            } else {
                view! {
                    <ul class="versions">
                        {edit.earlier.into_iter().map(|(written, body)| view! {
                            <li>
                                <details>
                                    <summary>{written_line(&written, text.story.version_by)}</summary>
                                    {if body.is_empty() {
                                        view! { <p class="hint">{text.story.not_written}</p> }.into_any()
                                    } else {
                                        view! { <MessageBody body/> }.into_any()
                                    }}
                                </details>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

/// The story on paper: the person's name, the date, the written chapters;
/// no navigation. Works without JavaScript (the browser's own print).
#[component]
pub fn PrintStoryPage() -> impl IntoView {
    let text = t();
    let story = load_story(Signal::stored(0));
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match story.await {
                    Err(error) => view! { <StoryError error/> }.into_any(),
                    Ok(story) => {
                        let title = fill(text.story.print_title, &[("name", &story.full_name)]);
                        view! {
                            <Title text=title.clone()/>
                            <section class="print-story">
                                <div class="print-controls">
                                    <PrintButton/>
                                    <A href=page(story.page_id).story() attr:class="button">{text.story.back}</A>
                                </div>
                                <h1>{title}</h1>
                                <p class="hint">{fill(text.story.printed_on, &[("date", &story.today)])}</p>
                                {story.chapters.into_iter().filter_map(|chapter| {
                                    let body = chapter.text.filter(|body| !body.is_empty())?;
                                    Some(view! {
                                        <section class="print-chapter">
                                            <h2>{chapter.chapter.title()}</h2>
                                            <MessageBody body/>
                                        </section>
                                    })
                                }).collect_view()}
                                {(!story.photos.is_empty()).then(|| view! {
                                    <ul class="photo-grid print-photos">
                                        {story.photos.into_iter().map(|super::StoryPhoto { id, caption }| view! {
                                            <li><figure>
                                                <img src=page(story.page_id).story_photo(id) alt=caption.clone()/>
                                                {(!caption.is_empty()).then(|| view! { <figcaption>{caption.clone()}</figcaption> })}
                                            </figure></li>
                                        }).collect_view()}
                                    </ul>
                                })}
                            </section>
                        }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}
