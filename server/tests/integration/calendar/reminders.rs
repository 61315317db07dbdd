//! Mails that come to people: a reminder the evening before (and, when
//! chosen, a week before) an appointment one helps with, "Wie wil er
//! helpen?" when help is asked and once more two days before. The planner
//! is run at chosen moments; each mail is planned once.

use super::*;
use chrono::{DateTime, Duration, Utc};
use kring_app::calendar::api::EditAppointment;
use kring_app::db;
use kring_app::form_value::Checkbox;
use kring_app::outbox::worker::deliver_due;
use kring_app::reminders::planner::{plan_due, Planned};
use kring_app::reminders::{MailChoice, SaveMailChoice};

/// `hh:mm` Dutch time on `date`, in UTC.
fn dutch(date: NaiveDate, time: &str) -> DateTime<Utc> {
    kring_app::reminders::planner::dutch(date, NaiveTime::parse_from_str(time, "%H:%M").unwrap())
}

/// An appointment that asks for help: only those can be helped with.
fn asking(title: &str, date: NaiveDate, start: &str) -> AppointmentFields {
    AppointmentFields {
        ask_help: true,
        ..appointment(title, date, start)
    }
}

fn in_days(days: i64) -> NaiveDate {
    kring_app::dates::today() + Duration::days(days)
}

impl Family {
    async fn id_of(&self, title: &str) -> i64 {
        db::query_scalar("SELECT id FROM appointments WHERE title = $1")
            .bind(title)
            .fetch_one(self.app.state.db.reader())
            .await
            .unwrap()
    }

    /// The admin asks help with `title` on `day` at `time`, and `helper`
    /// signs up for it; the appointment's id.
    async fn helped(&self, helper: &Client, title: &str, day: NaiveDate, time: &str) -> i64 {
        let admin = self.client_of(ADMIN).await;
        self.add(&admin, asking(title, day, time)).await;
        let id = self.id_of(title).await;
        let signed = self.set_helping(helper, id, day, true).await;
        assert_eq!(signed.status(), StatusCode::OK);
        id
    }

    /// The reminders among the mails to `email`.
    async fn reminders_to(&self, email: &str) -> Vec<String> {
        let mails = self.app.mails_to(email).await;
        mails
            .into_iter()
            .filter(|mail| mail.contains("Subject: Herinnering"))
            .collect()
    }

    /// The planner at `at`, and then the outbox at that moment.
    async fn plan_and_send(&self, at: DateTime<Utc>) -> Planned {
        let planned = plan_due(&self.app.state, at).await.unwrap();
        deliver_due(&self.app.state, "test", at).await.unwrap();
        planned
    }

    async fn choose(&self, client: &Client, day_before: bool, week_before: bool) {
        let saved = self
            .app
            .send_as(
                client,
                SaveMailChoice {
                    page_id: self.page_id,
                    messages: Checkbox(false),
                    help_requests: Checkbox(true),
                    day_before: Checkbox(day_before),
                    week_before: Checkbox(week_before),
                    daily_digest: Checkbox(false),
                },
            )
            .await;
        assert_eq!(saved.status(), StatusCode::OK);
    }
}

#[tokio::test]
async fn a_helper_is_reminded_the_evening_before_once() {
    let family = demo_family().await;
    let (admin, helper) = (
        family.client_of(ADMIN).await,
        family.client_of(HELPER).await,
    );
    let day = in_days(3);
    let fields = AppointmentFields {
        place: "Ziekenhuis, poli oncologie".into(),
        description: "Uitslag van de scan bespreken".into(),
        ..asking("Naar de kapper", day, "14:00")
    };
    family.add(&admin, fields).await;
    let id = family.id_of("Naar de kapper").await;
    assert_eq!(
        family.set_helping(&helper, id, day, true).await.status(),
        StatusCode::OK
    );

    // Not before 18:00 the evening before.
    let early = family
        .plan_and_send(dutch(day - Duration::days(1), "17:59"))
        .await;
    assert_eq!(early.reminders, 0);
    let evening = dutch(day - Duration::days(1), "18:01");
    assert_eq!(family.plan_and_send(evening).await.reminders, 1);
    // Planned again (the planner runs every half minute): not sent again.
    assert_eq!(family.plan_and_send(evening).await.reminders, 0);
    let later = dutch(day - Duration::days(1), "21:00");
    assert_eq!(family.plan_and_send(later).await.reminders, 0);

    let mails = family.reminders_to(HELPER).await;
    assert_eq!(mails.len(), 1, "{mails:?}");
    let mail = &mails[0];
    assert!(mail.contains("Subject: Herinnering:"), "{mail}");
    assert!(mail.contains("Morgen help je bij ‘Naar de kapper’") && mail.contains("14:00"));
    assert!(
        !mail.contains("oncologie") && !mail.contains("scan"),
        "never the place or the description"
    );
    assert!(mail.contains("List-Unsubscribe"));
    // Nobody else helps, so nobody else is reminded.
    assert!(family.reminders_to(ADMIN).await.is_empty());
    assert!(family.reminders_to(TRUSTED).await.is_empty());
}

#[tokio::test]
async fn a_week_before_only_when_chosen_and_nothing_when_turned_off() {
    let family = demo_family().await;
    let helper = family.client_of(HELPER).await;
    let day = in_days(10);
    family.helped(&helper, "Boodschappen", day, "10:00").await;

    let week_before = dutch(day - Duration::days(7), "18:30");
    assert_eq!(
        family.plan_and_send(week_before).await.reminders,
        0,
        "off by default"
    );
    family.choose(&helper, true, true).await;
    assert_eq!(family.plan_and_send(week_before).await.reminders, 1);
    let mails = family.reminders_to(HELPER).await;
    assert!(mails[0].contains("Over een week help je bij ‘Boodschappen’"));

    // Turned off: the evening before stays quiet.
    family.choose(&helper, false, false).await;
    let evening = dutch(day - Duration::days(1), "18:30");
    assert_eq!(family.plan_and_send(evening).await.reminders, 0);
    assert_eq!(family.reminders_to(HELPER).await.len(), 1);
}

#[tokio::test]
async fn a_moved_appointment_is_reminded_at_its_new_day_and_a_deleted_or_left_one_not_at_all() {
    let family = demo_family().await;
    let (admin, helper) = (
        family.client_of(ADMIN).await,
        family.client_of(HELPER).await,
    );
    let trusted = family.client_of(TRUSTED).await;
    let day = in_days(4);
    for title in ["Fysiotherapie", "Tandarts", "Pedicure"] {
        family.add(&admin, asking(title, day, "09:30")).await;
        let id = family.id_of(title).await;
        family.set_helping(&helper, id, day, true).await;
        family.set_helping(&trusted, id, day, true).await;
    }
    // Fysiotherapie moves a day on; Tandarts is deleted; Sanne withdraws from Pedicure.
    let physio = family.id_of("Fysiotherapie").await;
    let moved = family
        .app
        .send_as(
            &admin,
            EditAppointment {
                page_id: family.page_id,
                appointment_id: physio,
                occurrence: day,
                scope: Scope::Series,
                appointment: asking("Fysiotherapie", day + Duration::days(1), "11:00"),
            },
        )
        .await;
    assert!(moved.status().is_success() || moved.status().is_redirection());
    let dentist = family.id_of("Tandarts").await;
    family.delete(&admin, dentist, day, Scope::Series).await;
    let pedicure = family.id_of("Pedicure").await;
    family.set_helping(&helper, pedicure, day, false).await;

    let old_evening = dutch(day - Duration::days(1), "18:05");
    let planned = family.plan_and_send(old_evening).await;
    // Only Pieter, for Pedicure: the rest moved, went or withdrew.
    assert_eq!(planned.reminders, 1);
    assert!(family.reminders_to(HELPER).await.is_empty());
    assert_eq!(family.reminders_to(TRUSTED).await.len(), 1);
    let new_evening = dutch(day, "18:05");
    assert_eq!(family.plan_and_send(new_evening).await.reminders, 2);
    let to_helper = family.reminders_to(HELPER).await;
    assert!(to_helper[0].contains("‘Fysiotherapie’") && to_helper[0].contains("11:00"));
}

#[tokio::test]
async fn a_server_that_was_down_at_six_sends_the_reminder_when_it_is_back_once() {
    let family = demo_family().await;
    let helper = family.client_of(HELPER).await;
    let day = in_days(2);
    family
        .helped(&helper, "Ophalen medicijnen", day, "15:00")
        .await;
    // Back the next morning, before the appointment: sent, once.
    let morning = dutch(day, "08:00");
    assert_eq!(family.plan_and_send(morning).await.reminders, 1);
    assert_eq!(family.plan_and_send(morning).await.reminders, 0);
    let due_at: chrono::DateTime<chrono::Utc> =
        db::query_scalar("SELECT due_at FROM outbox WHERE plan_key LIKE 'reminder-day:%'")
            .fetch_one(family.app.state.db.reader())
            .await
            .unwrap();
    assert_eq!(due_at, dutch(day - Duration::days(1), "18:00"));
    // Back only after it began: too late to be of use, nothing sent.
    let other = in_days(3);
    family.helped(&helper, "Kapper", other, "09:00").await;
    assert_eq!(
        family.plan_and_send(dutch(other, "09:30")).await.reminders,
        0
    );
}

#[tokio::test]
async fn help_is_asked_of_the_members_once_and_again_two_days_before_if_nobody_came() {
    let family = demo_family().await;
    let admin = family.client_of(ADMIN).await;
    let day = in_days(6);
    let fields = AppointmentFields {
        ask_help: true,
        ..appointment("Rijden naar de dagbesteding", day, "09:00")
    };
    family.add(&admin, fields).await;
    let now = Utc::now();
    let first = family.plan_and_send(now).await;
    // Pieter and Sanne; not the admin who asked, not De Linde's staff.
    assert_eq!(first.first_asks, 2);
    assert_eq!(family.plan_and_send(now).await.first_asks, 0);
    let to_helper = family.app.mails_to(HELPER).await;
    assert_eq!(to_helper.len(), 1);
    assert!(to_helper[0].contains("Marieke Bakker vraagt hulp bij ‘Rijden naar de dagbesteding’"));
    assert!(family.app.mails_to(STAFF).await.is_empty());
    assert!(family.app.mails_to(ADMIN).await.is_empty());

    // Two days before, still nobody: asked once more.
    let two_days_before = dutch(day - Duration::days(2), "18:10");
    let again = family.plan_and_send(two_days_before).await;
    assert_eq!(again.second_asks, 2);
    assert_eq!(family.plan_and_send(two_days_before).await.second_asks, 0);
    assert!(family.app.mails_to(HELPER).await[1].contains("heeft zich nog niemand gemeld"));

    // With a helper, nobody is asked a second time.
    let other = in_days(7);
    let fields = AppointmentFields {
        ask_help: true,
        ..appointment("Wandelen", other, "14:00")
    };
    family.add(&admin, fields).await;
    family.plan_and_send(Utc::now()).await;
    let helper = family.client_of(HELPER).await;
    let walk = family.id_of("Wandelen").await;
    family.set_helping(&helper, walk, other, true).await;
    let before_walk = dutch(other - Duration::days(2), "18:10");
    assert_eq!(family.plan_and_send(before_walk).await.second_asks, 0);
}

#[tokio::test]
async fn mail_choices_are_per_page_for_members_only() {
    let family = demo_family().await;
    let helper = family.client_of(HELPER).await;
    let choices: Vec<MailChoice> = family
        .app
        .call_as(&helper, "mail_choices", &[])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(choices.len(), 1);
    let choice = &choices[0];
    assert_eq!(
        (choice.help_requests, choice.day_before, choice.week_before),
        (true, true, false),
        "the defaults"
    );
    family.choose(&helper, false, true).await;
    let choices: Vec<MailChoice> = family
        .app
        .call_as(&helper, "mail_choices", &[])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        (choices[0].day_before, choices[0].week_before),
        (false, true)
    );

    // Staff and strangers have no choices to make here.
    let staff = family.client_of(STAFF).await;
    let theirs: Vec<MailChoice> = family
        .app
        .call_as(&staff, "mail_choices", &[])
        .await
        .json()
        .await
        .unwrap();
    assert!(theirs.is_empty());
    let refused = family
        .app
        .send_as(
            &staff,
            SaveMailChoice {
                page_id: family.page_id,
                messages: Checkbox(true),
                help_requests: Checkbox(true),
                day_before: Checkbox(true),
                week_before: Checkbox(true),
                daily_digest: Checkbox(true),
            },
        )
        .await;
    assert_eq!(refused.status(), StatusCode::NOT_FOUND);
    let stranger = new_client();
    let refused = family.app.call_as(&stranger, "mail_choices", &[]).await;
    assert_eq!(refused.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn news_comes_in_one_mail_in_the_morning_for_who_chose_it() {
    use kring_app::messages::{api::StartThread, ShareWith};
    let family = demo_family().await;
    let (admin, helper) = (
        family.client_of(ADMIN).await,
        family.client_of(HELPER).await,
    );
    let trusted = family.client_of(TRUSTED).await;
    let chosen = family
        .app
        .send_as(
            &helper,
            SaveMailChoice {
                page_id: family.page_id,
                messages: Checkbox(true),
                help_requests: Checkbox(true),
                day_before: Checkbox(true),
                week_before: Checkbox(false),
                daily_digest: Checkbox(true),
            },
        )
        .await;
    assert_eq!(chosen.status(), StatusCode::OK);
    let started = family
        .app
        .send_as(
            &trusted,
            StartThread {
                page_id: family.page_id,
                subject: "Uitslag bloedonderzoek".into(),
                body: "Het ijzer is te laag.".into(),
                share_with: ShareWith::Family,
            },
        )
        .await;
    assert!(started.status().is_success() || started.status().is_redirection());
    let day = in_days(5);
    family
        .add(&admin, asking("Boodschappen doen", day, "10:00"))
        .await;
    let now = Utc::now();
    assert_eq!(family.plan_and_send(now).await.first_asks, 2);
    // Nothing on its own: it waits for the morning.
    assert!(family.app.mails_to(HELPER).await.is_empty());
    assert_eq!(family.app.count("digest_items").await, 2);

    let tomorrow = dutch(kring_app::dates::today() + Duration::days(1), "07:31");
    assert_eq!(family.plan_and_send(tomorrow).await.digests, 1);
    assert_eq!(family.plan_and_send(tomorrow).await.digests, 0);
    let mails = family.app.mails_to(HELPER).await;
    assert_eq!(mails.len(), 1);
    let mail = &mails[0];
    assert!(mail.contains("Subject: Nieuws van Kring"), "{mail}");
    assert!(
        mail.contains("Pieter Bakker schreef een nieuw bericht"),
        "{mail}"
    );
    assert!(
        mail.contains("vraagt hulp bij ‘Boodschappen doen’"),
        "{mail}"
    );
    assert!(
        !mail.contains("bloedonderzoek") && !mail.contains("ijzer"),
        "never what a message says"
    );
    assert_eq!(family.app.count("digest_items").await, 0);

    // "Afmelden" in the daily mail: no daily mail, and none of its news.
    let code = family
        .app
        .link_code(HELPER, "/afmelden")
        .await
        .expect("an Afmelden line");
    let off = new_client()
        .post(format!(
            "{}/afmelden/een-klik?code={code}",
            family.app.address
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(off.status(), StatusCode::OK);
    let choices: Vec<MailChoice> = family
        .app
        .call_as(&helper, "mail_choices", &[])
        .await
        .json()
        .await
        .unwrap();
    let choice = &choices[0];
    assert!(!choice.daily_digest && !choice.messages && !choice.help_requests);
    assert!(choice.day_before, "reminders were not in the daily mail");
}
