//! Mijn verhaal through the real routes: the trusted group writes, every
//! member and linked staff read; every save is a version and earlier ones
//! are kept (up to a bound); the printed copy holds what was written.

use crate::common::{demo_family, new_client, Family, ADMIN, HELPER, STAFF, TRUSTED};
use kring_app::db;
use kring_app::error::AppError;
use kring_app::life_story::api::{LifeStory, SaveChapter, StoryChapter};
use kring_app::life_story::{Chapter, ChapterEdit, StoryView, KEPT_VERSIONS};
use reqwest::{Client, StatusCode};

fn done(status: StatusCode) -> bool {
    status.is_success() || status.is_redirection()
}

async fn story(family: &Family, client: &Client) -> reqwest::Response {
    let page_id = family.page_id;
    family.app.send_as(client, LifeStory { page_id }).await
}

async fn save(family: &Family, client: &Client, chapter: &str, text: &str) -> reqwest::Response {
    let arguments = SaveChapter {
        page_id: family.page_id,
        chapter: chapter.into(),
        text: text.into(),
    };
    family.app.send_as(client, arguments).await
}

async fn chapter_text(family: &Family, client: &Client, chapter: Chapter) -> Option<String> {
    let response = story(family, client).await;
    assert_eq!(response.status(), StatusCode::OK);
    let view: StoryView = response.json().await.unwrap();
    assert_eq!(view.chapters.len(), Chapter::ALL.len());
    view.chapters
        .into_iter()
        .find(|c| c.chapter == chapter)
        .and_then(|c| c.text)
}

#[tokio::test]
async fn the_trusted_member_writes_a_chapter_and_members_and_staff_read_it() {
    let family = demo_family().await;
    let app = &family.app;
    let trusted = family.client_of(TRUSTED).await;
    let helper = family.client_of(HELPER).await;
    let staff = family.client_of(STAFF).await;
    let admin = family.client_of(ADMIN).await;
    let text =
        "Geloof is voor mij belangrijk.\nOp zondag luister ik naar de kerkdienst op de radio.";

    // "Wat voor mij belangrijk is" is still empty in the demo.
    assert_eq!(
        chapter_text(&family, &staff, Chapter::WhatMatters).await,
        None
    );
    let saved = save(&family, &trusted, "belangrijk", text).await;
    assert!(done(saved.status()), "{}", saved.status());
    for reader in [&trusted, &helper, &staff, &admin] {
        assert_eq!(
            chapter_text(&family, reader, Chapter::WhatMatters)
                .await
                .as_deref(),
            Some(text)
        );
    }
    let view: StoryView = story(&family, &staff).await.json().await.unwrap();
    assert!(!view.can_edit, "staff read only");
    let chapter = view
        .chapters
        .iter()
        .find(|c| c.chapter == Chapter::WhatMatters)
        .unwrap();
    assert_eq!(chapter.written.as_ref().unwrap().by, "Pieter Bakker");

    // Helpers and staff read but never write; nothing changes.
    for (reader, name) in [(&helper, "helper"), (&staff, "staff")] {
        let refused = save(&family, reader, "belangrijk", "Overschreven").await;
        assert_eq!(refused.status(), StatusCode::NOT_FOUND, "{name}");
        let page_id = family.page_id;
        let versions = app
            .send_as(
                reader,
                StoryChapter {
                    page_id,
                    chapter: "belangrijk".into(),
                },
            )
            .await;
        assert_eq!(versions.status(), StatusCode::NOT_FOUND, "{name}");
    }
    assert_eq!(
        chapter_text(&family, &admin, Chapter::WhatMatters)
            .await
            .as_deref(),
        Some(text)
    );
    // Strangers and the logged out: the same answers as for any page function.
    let logged_out = story(&family, &new_client()).await;
    assert_eq!(logged_out.status(), StatusCode::UNAUTHORIZED);

    // The printed copy, as staff open it at the door: the person, the date, the chapters.
    let print = app
        .get_as(
            &staff,
            &kring_app::routes::page(family.page_id).print_story(),
        )
        .await
        .text()
        .await
        .unwrap();
    assert!(print.contains("Het verhaal van Johanna Bakker"));
    assert!(print.contains("Op zondag luister ik"));
    assert!(print.contains("Afgedrukt op"));
}

#[tokio::test]
async fn every_save_is_a_version_and_earlier_ones_can_be_read_back() {
    let family = demo_family().await;
    let app = &family.app;
    let admin = family.client_of(ADMIN).await;
    let page_id = family.page_id;
    let edit = || async {
        let response = app
            .send_as(
                &admin,
                StoryChapter {
                    page_id,
                    chapter: "werk".into(),
                },
            )
            .await;
        assert_eq!(response.status(), StatusCode::OK);
        response.json::<ChapterEdit>().await.unwrap()
    };
    let first = edit().await;
    let original = first
        .current
        .text
        .clone()
        .expect("the demo wrote about work");
    assert!(first.earlier.is_empty());

    assert!(done(
        save(&family, &admin, "werk", "Ik was schooljuf.")
            .await
            .status()
    ));
    // The same text again adds no version.
    assert!(done(
        save(&family, &admin, "werk", "  Ik was schooljuf.\r\n")
            .await
            .status()
    ));
    let second = edit().await;
    assert_eq!(second.current.text.as_deref(), Some("Ik was schooljuf."));
    assert_eq!(
        second.current.written.as_ref().unwrap().by,
        "Marieke Bakker"
    );
    assert_eq!(second.earlier.len(), 1);
    assert_eq!(second.earlier[0].1, original);
    assert_eq!(second.earlier[0].0.by, "Pieter Bakker");

    // Emptying a chapter is a version too: the text before stays readable.
    assert!(done(save(&family, &admin, "werk", "").await.status()));
    let third = edit().await;
    assert_eq!(third.current.text.as_deref(), Some(""));
    assert_eq!(third.earlier.len(), 2);

    // Versions are kept up to a bound, the newest ones.
    for i in 0..KEPT_VERSIONS + 5 {
        save(&family, &admin, "werk", &format!("Versie {i}")).await;
    }
    let kept: i64 = db::query_scalar(
        "SELECT COUNT(*) FROM life_story_versions WHERE care_page_id = $1 AND chapter = 'werk'",
    )
    .bind(page_id)
    .fetch_one(app.state.db.reader())
    .await
    .unwrap();
    assert_eq!(kept, KEPT_VERSIONS + 1);
    let last = edit().await;
    assert_eq!(
        last.current.text,
        Some(format!("Versie {}", KEPT_VERSIONS + 4))
    );
}

#[tokio::test]
async fn bad_input_gets_a_message_and_changes_nothing() {
    let family = demo_family().await;
    let app = &family.app;
    let trusted = family.client_of(TRUSTED).await;
    let before = app.count("life_story_versions").await;

    let too_long = save(&family, &trusted, "jeugd", &"x".repeat(6001)).await;
    assert_eq!(too_long.status(), StatusCode::BAD_REQUEST);
    let error: AppError = too_long.json().await.unwrap();
    assert_eq!(error.field(), Some("text"));
    assert!(error.to_string().contains("6000"), "{error}");

    let unknown = save(&family, &trusted, "../jeugd", "Tekst").await;
    assert_eq!(unknown.status(), StatusCode::BAD_REQUEST);
    let control = save(&family, &trusted, "jeugd", "a\u{0}b").await;
    assert_eq!(control.status(), StatusCode::BAD_REQUEST);
    let page_id = family.page_id;
    let no_such = app
        .send_as(
            &trusted,
            StoryChapter {
                page_id,
                chapter: "hobby".into(),
            },
        )
        .await;
    assert_eq!(no_such.status(), StatusCode::NOT_FOUND);
    assert_eq!(app.count("life_story_versions").await, before);
}

async fn upload(
    family: &Family,
    client: &Client,
    bytes: &[u8],
    caption: &str,
) -> reqwest::Response {
    let form = reqwest::multipart::Form::new()
        .part(
            "foto",
            reqwest::multipart::Part::bytes(bytes.to_vec()).file_name("trouwdag.png"),
        )
        .text("bijschrift", caption.to_string());
    client
        .post(format!(
            "{}{}",
            family.app.address,
            kring_app::routes::page(family.page_id).story_photos()
        ))
        .multipart(form)
        .send()
        .await
        .unwrap()
}

fn outcome_of(response: &reqwest::Response) -> String {
    let location = response.headers()["location"].to_str().unwrap();
    location
        .split("foto=")
        .nth(1)
        .and_then(|rest| rest.split('#').next())
        .unwrap_or_default()
        .to_string()
}

#[tokio::test]
async fn photos_with_captions_are_added_by_the_writers_and_seen_by_every_reader() {
    use crate::profile::PIXEL_PNG;
    let family = demo_family().await;
    let app = &family.app;
    let page_id = family.page_id;
    let trusted = family.client_of(TRUSTED).await;
    let helper = family.client_of(HELPER).await;
    let staff = family.client_of(STAFF).await;

    let added = upload(&family, &trusted, PIXEL_PNG, "Onze trouwdag, 1961").await;
    assert_eq!(added.status(), StatusCode::SEE_OTHER);
    assert_eq!(outcome_of(&added), "opgeslagen");
    let view: StoryView = story(&family, &staff).await.json().await.unwrap();
    assert_eq!(view.photos.len(), 1);
    let kring_app::life_story::StoryPhoto {
        id: photo_id,
        caption,
    } = view.photos[0].clone();
    assert_eq!(caption, "Onze trouwdag, 1961");
    let address = kring_app::routes::page(page_id).story_photo(photo_id);
    for reader in [&staff, &helper, &trusted] {
        let photo = app.get_as(reader, &address).await;
        assert_eq!(photo.status(), StatusCode::OK);
        assert_eq!(photo.headers()["content-type"], "image/png");
        assert_eq!(photo.bytes().await.unwrap().as_ref(), PIXEL_PNG);
    }
    assert_eq!(
        app.get_as(&new_client(), &address).await.status(),
        StatusCode::UNAUTHORIZED
    );

    // Readers who do not write: refused, nothing stored.
    for (client, who) in [(&helper, "helper"), (&staff, "staff")] {
        let refused = upload(&family, client, PIXEL_PNG, "").await;
        assert_eq!(refused.status(), StatusCode::NOT_FOUND, "{who}");
    }
    // Not a photo, or a caption too long: said, nothing stored.
    let fake = upload(&family, &trusted, b"<svg onload=alert(1)>", "").await;
    assert_eq!(outcome_of(&fake), "geen-foto");
    let long = upload(&family, &trusted, PIXEL_PNG, &"x".repeat(201)).await;
    assert_eq!(outcome_of(&long), "bijschrift-te-lang");
    assert_eq!(app.count("story_photos").await, 1);

    // At most MAX_PHOTOS.
    for _ in 1..kring_app::life_story::MAX_PHOTOS {
        assert_eq!(
            outcome_of(&upload(&family, &trusted, PIXEL_PNG, "").await),
            "opgeslagen"
        );
    }
    let full = upload(&family, &trusted, PIXEL_PNG, "").await;
    assert_eq!(outcome_of(&full), "te-veel");
    assert_eq!(
        app.count("story_photos").await,
        kring_app::life_story::MAX_PHOTOS
    );

    // Removing: not by a helper, and not through another page's id.
    let remove = |photo_id: i64| kring_app::life_story::api::RemoveStoryPhoto { page_id, photo_id };
    assert_eq!(
        app.send_as(&helper, remove(photo_id)).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.send_as(&trusted, remove(photo_id)).await.status(),
        StatusCode::OK
    );
    assert_eq!(
        app.get_as(&staff, &address).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.send_as(&trusted, remove(photo_id)).await.status(),
        StatusCode::NOT_FOUND
    );
}
