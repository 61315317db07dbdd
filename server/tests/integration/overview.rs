//! The Overzicht through the real routes: each reader sees what their role
//! shows elsewhere and nothing more; signing up and reading take things off
//! it. And what makes Kring an app on the phone: the manifest, the offline
//! copy the service worker keeps, and logging out clearing the device.

use crate::common::{demo_family, new_client, Family, ADMIN, HELPER, STAFF, TRUSTED};
use chrono::{Duration, NaiveTime};
use kring_app::calendar::api::{AddAppointment, SetHelping};
use kring_app::calendar::form::AppointmentFields;
use kring_app::calendar::{Item, ItemKind};
use kring_app::messages::api::OpenThread;
use kring_app::overview::api::WhatNeedsAttention;
use kring_app::overview::Attention;
use reqwest::{Client, StatusCode};

impl Family {
    async fn attention_as(&self, client: &Client) -> Attention {
        let response = self
            .app
            .send_as(
                client,
                WhatNeedsAttention {
                    page_id: self.page_id,
                },
            )
            .await;
        assert_eq!(response.status(), StatusCode::OK);
        response.json().await.unwrap()
    }

    /// An appointment `days` from today at 10:00 that asks for help.
    async fn ask_help(&self, client: &Client, title: &str, days: i64) -> i64 {
        let date = kring_app::dates::today() + Duration::days(days);
        let appointment = AppointmentFields {
            title: title.into(),
            date: Some(date),
            start_time: NaiveTime::from_hms_opt(10, 0, 0),
            ask_help: true,
            ..Default::default()
        };
        let arguments = AddAppointment {
            page_id: self.page_id,
            appointment,
        };
        let response = self.app.send_as(client, arguments).await;
        assert_eq!(response.status(), StatusCode::OK);
        response.json().await.unwrap()
    }

    async fn help(&self, client: &Client, appointment_id: i64, days: i64) {
        let arguments = SetHelping {
            page_id: self.page_id,
            appointment_id,
            date: kring_app::dates::today() + Duration::days(days),
            help: true,
            every_time: false,
        };
        let response = self.app.send_as(client, arguments).await;
        assert_eq!(response.status(), StatusCode::OK);
    }
}

fn titles(items: &[Item]) -> Vec<&str> {
    items.iter().map(|item| item.title.as_str()).collect()
}

#[tokio::test]
async fn each_reader_sees_today_open_help_and_news_as_their_role_allows() {
    let family = demo_family().await;
    let admin = family.client_of(ADMIN).await;
    let helper = family.client_of(HELPER).await;
    let staff = family.client_of(STAFF).await;
    let kapper = family.ask_help(&admin, "Naar de kapper", 3).await;

    let seen = family.attention_as(&admin).await;
    let today = kring_app::dates::today();
    assert_eq!(seen.days.len(), 2);
    assert_eq!(seen.days[0].date, today);
    assert_eq!(seen.days[1].date, today + Duration::days(1));
    // The demo's home-care round comes every morning of its week.
    if kring_app::calendar::week::Week::containing(today).monday()
        == kring_app::calendar::week::Week::containing(chrono::Utc::now().date_naive()).monday()
    {
        assert!(seen.days[0]
            .items
            .iter()
            .any(|item| matches!(item.kind, ItemKind::Visit(_))));
    }
    assert_eq!(titles(&seen.open_help), ["Naar de kapper"]);
    assert!(seen.can_help);
    // Both demo threads have a message from someone else; reports are new.
    assert_eq!(seen.new_threads.len(), 2);
    assert!(seen.new_reports.unwrap() > 0);
    assert!(seen.help_share.is_some());

    // A helper: the family thread only, and nothing about the dossier.
    let seen = family.attention_as(&helper).await;
    let subjects: Vec<&str> = seen
        .new_threads
        .iter()
        .map(|t| t.subject.as_str())
        .collect();
    assert_eq!(subjects, ["Boodschappen deze week"]);
    assert_eq!(seen.new_reports, None);
    assert_eq!(seen.help_share, None);
    assert_eq!(titles(&seen.open_help), ["Naar de kapper"]);

    // Staff: their organisation's thread and reports, no family appointment's help.
    let seen = family.attention_as(&staff).await;
    let subjects: Vec<&str> = seen
        .new_threads
        .iter()
        .map(|t| t.subject.as_str())
        .collect();
    assert_eq!(subjects, ["Medicijnen 's avonds"]);
    assert!(seen.new_reports.is_some());
    assert_eq!(seen.help_share, None);
    assert!(!seen.can_help && seen.open_help.is_empty());
    assert!(seen
        .days
        .iter()
        .flat_map(|day| &day.items)
        .all(|item| match &item.kind {
            ItemKind::Visit(visit) => visit.provider == "Thuiszorg De Linde",
            ItemKind::Appointment(info) => info.shared_with_provider,
        }));

    // Once the helper signs up, the request is no longer open for anyone.
    family.help(&helper, kapper, 3).await;
    assert!(family.attention_as(&helper).await.open_help.is_empty());
    assert!(family.attention_as(&admin).await.open_help.is_empty());

    // Reading a thread takes it off "Nieuw voor jou".
    let thread = family.attention_as(&helper).await;
    let _ = thread;
    let seen = family.attention_as(&admin).await;
    let first = &seen.new_threads[0];
    let opened = family
        .app
        .send_as(
            &admin,
            OpenThread {
                page_id: family.page_id,
                thread_id: first.id,
            },
        )
        .await;
    assert_eq!(opened.status(), StatusCode::OK);
    let after = family.attention_as(&admin).await;
    assert!(after.new_threads.iter().all(|thread| thread.id != first.id));
    assert_eq!(after.new_threads.len(), 1);
}

#[tokio::test]
async fn the_admin_sees_who_took_the_help_of_the_last_four_weeks() {
    let family = demo_family().await;
    let admin = family.client_of(ADMIN).await;
    let trusted = family.client_of(TRUSTED).await;
    for days in [-3, -5, -8, -12] {
        let id = family.ask_help(&admin, "Boodschappen", days).await;
        family.help(&trusted, id, days).await;
    }
    let id = family.ask_help(&admin, "Wandelen", -2).await;
    family.help(&admin, id, -2).await;
    // Today's help is not yet "taken in the last four weeks".
    let id = family.ask_help(&admin, "Vandaag", 0).await;
    family.help(&admin, id, 0).await;

    let share = family.attention_as(&admin).await.help_share.unwrap();
    let counts: Vec<(&str, u32)> = share
        .members
        .iter()
        .map(|member| (member.name.as_str(), member.times))
        .collect();
    assert_eq!(
        counts,
        [
            ("Pieter Bakker", 4),
            ("Marieke Bakker", 1),
            ("Sanne de Wit", 0)
        ]
    );
    assert_eq!(share.total, 5);
    assert_eq!(share.carrier.as_deref(), Some("Pieter Bakker"));
    assert_eq!(family.attention_as(&trusted).await.help_share, None);
}

#[tokio::test]
async fn strangers_and_the_logged_out_get_no_overview() {
    let family = demo_family().await;
    family
        .app
        .sign_up("Vreemde", "Buitenstaander", "vreemd@example.nl")
        .await;
    let arguments = || WhatNeedsAttention {
        page_id: family.page_id,
    };
    let stranger = family.app.send(arguments()).await;
    assert_eq!(stranger.status(), StatusCode::NOT_FOUND);
    let logged_out = family.app.send_as(&new_client(), arguments()).await;
    assert_eq!(logged_out.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn an_offline_copy_is_marked_and_holds_no_messages_no_dossier_news_and_no_bundle() {
    let family = demo_family().await;
    let admin = family.client_of(ADMIN).await;
    let overview = kring_app::routes::page(family.page_id).overview();
    let copy_header = [(kring_app::shell::offline::OFFLINE_COPY_HEADER, "1")];

    let live = family.app.get_page(&admin, &overview, &[]).await;
    let live = live.text().await.unwrap();
    assert!(live.contains("Nieuw voor jou") && live.contains("Boodschappen deze week"));
    assert!(live.contains("kring.js"), "the live page hydrates");
    assert!(!live.contains("Offline –"));

    let copy = family.app.get_page(&admin, &overview, &copy_header).await;
    assert_eq!(copy.status(), StatusCode::OK);
    let copy = copy.text().await.unwrap();
    assert!(copy.contains("Offline – bijgewerkt om"), "{copy}");
    assert!(copy.contains("Vandaag"));
    for absent in [
        "Nieuw voor jou",
        "Boodschappen deze week",
        "rapportage",
        "kring.js",
        ".wasm",
    ] {
        let at = copy
            .find(absent)
            .map(|at| &copy[at.saturating_sub(300)..at + 100]);
        assert!(at.is_none(), "the copy holds {absent:?}: {at:?}");
    }

    let week = kring_app::routes::page(family.page_id).calendar();
    let copy = family.app.get_page(&admin, &week, &copy_header).await;
    assert!(copy
        .text()
        .await
        .unwrap()
        .contains("Offline – bijgewerkt om"));
}

#[tokio::test]
async fn the_manifest_offers_kring_for_the_home_screen_in_the_readers_language() {
    let family = demo_family().await;
    let response = family.app.get(kring_app::routes::served::MANIFEST).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers()["content-type"],
        "application/manifest+json"
    );
    let manifest: serde_json::Value = response.json().await.unwrap();
    assert_eq!(manifest["name"], "Kring");
    assert_eq!(manifest["start_url"], "/");
    assert_eq!(manifest["display"], "standalone");
    assert_eq!(manifest["lang"], "nl");
    let sizes: Vec<&str> = manifest["icons"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|icon| icon["sizes"].as_str())
        .collect();
    assert!(sizes.contains(&"192x192") && sizes.contains(&"512x512"));
    // Every icon it names is in the repository's public folder.
    for icon in manifest["icons"].as_array().unwrap() {
        let src = icon["src"].as_str().unwrap();
        let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../public")
            .join(src.trim_start_matches('/'));
        assert!(file.exists(), "{src}");
    }
    let english = new_client()
        .get(format!("{}/manifest.webmanifest", family.app.address))
        .header("accept-language", "en")
        .send()
        .await
        .unwrap();
    let manifest: serde_json::Value = english.json().await.unwrap();
    assert_eq!(manifest["lang"], "en");
}

#[tokio::test]
async fn the_page_without_a_copy_speaks_the_readers_language() {
    let family = demo_family().await;
    let dutch = family.app.get(kring_app::routes::served::OFFLINE).await;
    assert_eq!(dutch.status(), StatusCode::OK);
    assert!(dutch.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    let dutch = dutch.text().await.unwrap();
    assert!(dutch.contains("lang=\"nl\"") && dutch.contains("<h1>Geen verbinding</h1>"));
    let english = new_client()
        .get(format!(
            "{}{}",
            family.app.address,
            kring_app::routes::served::OFFLINE
        ))
        .header("accept-language", "en")
        .send()
        .await
        .unwrap();
    assert!(english
        .text()
        .await
        .unwrap()
        .contains("<h1>No connection</h1>"));
}

#[tokio::test]
async fn logging_out_clears_what_the_device_kept() {
    let family = demo_family().await;
    let admin = family.client_of(ADMIN).await;
    let response = family
        .app
        .send_as(&admin, kring_app::accounts::api::Logout {})
        .await;
    let cleared = response.headers()["clear-site-data"].to_str().unwrap();
    assert!(cleared.contains("\"storage\"") && cleared.contains("\"cache\""));
}

#[tokio::test]
async fn kring_opens_on_the_care_page_last_open() {
    let family = demo_family().await;
    let admin = family.client_of(ADMIN).await;
    let created = family
        .app
        .call_as(
            &admin,
            "create_care_page",
            &[
                ("first_name", "Anton"),
                ("last_name", "Bakker"),
                ("birth_date", "1941-03-14"),
            ],
        )
        .await;
    let second: i64 = created.json().await.unwrap();
    let opens_at = |path: String| {
        let admin = admin.clone();
        let app = &family.app;
        async move {
            let shown = app.get_page(&admin, &path, &[]).await;
            let remembered: Vec<&str> = shown
                .headers()
                .get_all("set-cookie")
                .iter()
                .filter_map(|value| value.to_str().ok())
                .filter(|value| value.starts_with(kring_app::shell::LAST_PAGE_COOKIE))
                .collect();
            // Readable and replaceable by the app's own moves in the browser.
            assert!(
                remembered.len() == 1 && !remembered[0].contains("HttpOnly"),
                "{path}: {remembered:?}"
            );
            let home = app.get_page(&admin, "/", &[]).await;
            home.headers()["location"].to_str().unwrap().to_string()
        }
    };
    let paths = |id: i64| kring_app::routes::page(id);
    assert_eq!(
        opens_at(paths(second).calendar()).await,
        paths(second).overview()
    );
    assert_eq!(
        opens_at(paths(family.page_id).overview()).await,
        paths(family.page_id).overview()
    );
    assert_eq!(
        opens_at(paths(second).overview()).await,
        paths(second).overview()
    );
    // A page that is not theirs is not followed: the switcher's first
    // page opens (Anton's, by name).
    assert_eq!(
        opens_at(paths(99_999).overview()).await,
        paths(second).overview()
    );
}
