//! The week calendar through the real routes: who sees what, the print view
//! and the week query. Adding, changing and the feed are in the submodules.

mod appointments;
mod changes;
mod feed;
mod reminders;

use crate::common::{
    demo_family, error_message, new_client, Family, ADMIN, HELPER, STAFF, TRUSTED,
};
use chrono::{NaiveDate, NaiveTime};
use kring_app::calendar::api::{
    AddAppointment, AppointmentForEdit, CalendarWeek, DeleteAppointment, EditAppointment,
    RenewFeed, RevokeFeed, SetHelping,
};
use kring_app::calendar::form::{AppointmentFields, Repetition, Scope};
use kring_app::calendar::{ItemKind, WeekView};
use kring_app::db;
use reqwest::{Client, StatusCode};

fn this_week_date() -> NaiveDate {
    kring_app::dates::today()
}

fn this_monday() -> NaiveDate {
    kring_app::calendar::week::Week::containing(this_week_date()).monday()
}

fn at(time: &str) -> Option<NaiveTime> {
    Some(NaiveTime::parse_from_str(time, "%H:%M").unwrap())
}

/// An appointment on `date` at `start`, with nothing else filled in.
fn appointment(title: &str, date: NaiveDate, start: &str) -> AppointmentFields {
    AppointmentFields {
        title: title.into(),
        date: Some(date),
        start_time: at(start),
        ..Default::default()
    }
}

impl Family {
    async fn week_as(&self, client: &Client, week: &str) -> reqwest::Response {
        let arguments = CalendarWeek {
            page_id: self.page_id,
            week: week.into(),
        };
        self.app.send_as(client, arguments).await
    }

    async fn week(&self, client: &Client) -> WeekView {
        let response = self.week_as(client, "").await;
        assert_eq!(response.status(), StatusCode::OK);
        response.json().await.unwrap()
    }

    async fn add(&self, client: &Client, appointment: AppointmentFields) -> reqwest::Response {
        let arguments = AddAppointment {
            page_id: self.page_id,
            appointment,
        };
        self.app.send_as(client, arguments).await
    }

    /// The add form as a browser would send text no typed value could hold.
    async fn add_typed(&self, client: &Client, fields: &[(&str, &str)]) -> reqwest::Response {
        let page = self.page_id.to_string();
        let mut form = vec![("page_id".to_string(), page)];
        for (name, value) in fields {
            form.push((format!("appointment[{name}]"), value.to_string()));
        }
        let pairs: Vec<(&str, &str)> = form.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
        self.app.call_as(client, "add_appointment", &pairs).await
    }

    async fn set_helping(
        &self,
        client: &Client,
        appointment_id: i64,
        date: NaiveDate,
        help: bool,
    ) -> reqwest::Response {
        let arguments = SetHelping {
            page_id: self.page_id,
            appointment_id,
            date,
            help,
            every_time: false,
        };
        self.app.send_as(client, arguments).await
    }

    async fn delete(
        &self,
        client: &Client,
        appointment_id: i64,
        date: NaiveDate,
        scope: Scope,
    ) -> reqwest::Response {
        let arguments = DeleteAppointment {
            page_id: self.page_id,
            appointment_id,
            date,
            scope,
        };
        self.app.send_as(client, arguments).await
    }
}

fn titles(view: &WeekView) -> Vec<String> {
    view.days
        .iter()
        .flat_map(|day| day.items.iter().map(|item| item.title.clone()))
        .collect()
}

fn appointment_ids(view: &WeekView, title: &str) -> Vec<(i64, NaiveDate)> {
    view.days
        .iter()
        .flat_map(|day| day.items.iter())
        .filter(|item| item.title == title)
        .filter_map(|item| match &item.kind {
            ItemKind::Appointment(info) => Some((info.id, info.occurrence)),
            ItemKind::Visit(_) => None,
        })
        .collect()
}

#[tokio::test]
async fn the_week_opens_on_this_week_with_the_providers_visits() {
    let family = demo_family().await;
    let admin = family.client_of(ADMIN).await;
    let view = family.week(&admin).await;
    let today = kring_app::dates::today();
    assert_eq!(
        view.week,
        kring_app::calendar::week::Week::containing(today)
    );
    assert_eq!(view.days.len(), 7);
    assert!(
        titles(&view)
            .iter()
            .filter(|t| *t == "Persoonlijke verzorging")
            .count()
            == 7
    );
    let ItemKind::Visit(visit) = &view.days[0].items[0].kind else {
        panic!("a visit first on Monday")
    };
    assert_eq!(visit.provider, "Thuiszorg De Linde");
    assert_eq!(visit.duration_minutes, 30);
    // Said as people read it: "08:00 – 08:30 (ongeveer)".
    let first = &view.days[0].items[0];
    let end = first.start.unwrap() + chrono::Duration::minutes(30);
    assert_eq!(
        first.length_label(),
        Some(format!("– {} (ongeveer)", end.format("%H:%M")))
    );
}

#[tokio::test]
async fn who_sees_which_appointment() {
    let family = demo_family().await;
    let admin = family.client_of(ADMIN).await;
    let date = this_week_date();
    for (title, share_with_provider) in [("Kapper", false), ("Huisarts", true)] {
        let fields = AppointmentFields {
            share_with_provider,
            ..appointment(title, date, "10:00")
        };
        assert_eq!(family.add(&admin, fields).await.status(), StatusCode::OK);
    }
    // actor, sees "Kapper" (private), sees "Huisarts" (shared), sees visits
    for (email, private, shared, visits) in [
        (ADMIN, true, true, true),
        (TRUSTED, true, true, true),
        (HELPER, true, true, true),
        (STAFF, false, true, true),
    ] {
        let view = family.week(&family.client_of(email).await).await;
        let all = titles(&view);
        assert_eq!(all.contains(&"Kapper".to_string()), private, "{email}");
        assert_eq!(all.contains(&"Huisarts".to_string()), shared, "{email}");
        assert_eq!(
            all.contains(&"Persoonlijke verzorging".to_string()),
            visits,
            "{email}"
        );
    }
    // A stranger and a logged-out visitor learn nothing, not even that the page exists.
    family
        .app
        .sign_up("Vreemde", "Buitenstaander", "vreemd@example.nl")
        .await;
    let stranger = family.week_as(&family.app.client, "").await;
    assert_eq!(stranger.status(), StatusCode::NOT_FOUND);
    let missing = family
        .app
        .send_as(
            &family.app.client,
            CalendarWeek {
                page_id: 424242,
                week: String::new(),
            },
        )
        .await;
    assert_eq!(
        stranger.text().await.unwrap(),
        missing.text().await.unwrap()
    );
    assert_eq!(
        family.week_as(&new_client(), "").await.status(),
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn staff_of_another_organisation_see_nothing_and_staff_see_only_their_own_visits() {
    let family = demo_family().await;
    let db = family.app.state.db.writer();
    db::query("INSERT INTO providers (id, name) VALUES (50, 'Andere Zorg')")
        .execute(db)
        .await
        .unwrap();
    db::query(
        "INSERT INTO provider_links (care_page_id, provider_id, linked_at) VALUES ($1, 50, $2)",
    )
    .bind(family.page_id)
    .bind(chrono::Utc::now())
    .execute(db)
    .await
    .unwrap();
    let monday = kring_app::calendar::week::Week::containing(kring_app::dates::today()).monday();
    db::query("INSERT INTO visits (care_page_id, provider_id, title, starts_at, duration_minutes, employee_name) VALUES ($1, 50, 'Wondzorg', $2, 20, 'Kees')")
        .bind(family.page_id).bind(monday.and_hms_opt(11, 0, 0).unwrap()).execute(db).await.unwrap();
    let fatima = family.week(&family.client_of(STAFF).await).await;
    assert!(
        !titles(&fatima).contains(&"Wondzorg".to_string()),
        "another organisation's visit"
    );
    let marieke = family.week(&family.client_of(ADMIN).await).await;
    assert!(
        titles(&marieke).contains(&"Wondzorg".to_string()),
        "members see every visit"
    );
}

#[tokio::test]
async fn the_print_view_renders_the_week_on_the_server() {
    let family = demo_family().await;
    let admin = family.client_of(ADMIN).await;
    let html = family
        .app
        .get_as(
            &admin,
            &format!("/zorgpagina/{}/kalender/print", family.page_id),
        )
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("Kalender van Johanna Bakker"));
    assert!(html.contains("Persoonlijke verzorging"));
    let week = family
        .app
        .get_as(
            &admin,
            &format!("/zorgpagina/{}/kalender?week=2026-W47", family.page_id),
        )
        .await
        .text()
        .await
        .unwrap();
    assert!(week.contains("Maandag 16 november 2026 – Zondag 22 november 2026"));
}

#[tokio::test]
async fn the_week_query_reads_through_its_indexes() {
    crate::sqlite_only!();
    let family = demo_family().await;
    let sql = format!(
        "EXPLAIN QUERY PLAN {}",
        kring_app::calendar::queries::appointments_between_sql()
    );
    let plan: Vec<(i64, i64, i64, String)> = db::query_as(&sql)
        .bind(family.page_id)
        .bind("2026-11-16")
        .bind("2026-11-22")
        .fetch_all(family.app.state.db.reader())
        .await
        .unwrap();
    let plan: Vec<String> = plan.into_iter().map(|row| row.3).collect();
    assert!(
        plan.iter()
            .any(|step| step.contains("single_appointments_by_day")),
        "{plan:?}"
    );
    assert!(
        plan.iter()
            .any(|step| step.contains("appointment_series_by_end")),
        "{plan:?}"
    );
    assert!(
        !plan.iter().any(|step| step == "SCAN a"),
        "no full scan of appointments: {plan:?}"
    );
}
