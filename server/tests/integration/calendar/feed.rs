//! The private calendar feed (iCalendar): made, read, revoked.

use super::*;
use kring_app::db;

#[tokio::test]
async fn a_private_calendar_feed_that_can_be_revoked() {
    let family = demo_family().await;
    let helper = family.client_of(HELPER).await;
    let admin = family.client_of(ADMIN).await;
    family
        .add(&admin, appointment("Kapper", this_week_date(), "10:00"))
        .await;

    let url: String = family
        .app
        .send_as(
            &helper,
            RenewFeed {
                page_id: family.page_id,
            },
        )
        .await
        .json()
        .await
        .unwrap();
    assert!(url.starts_with(&format!("{}/agenda/", family.app.address)) && url.ends_with(".ics"));
    let feed = new_client().get(&url).send().await.unwrap();
    assert_eq!(feed.status(), StatusCode::OK);
    assert!(feed.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/calendar"));
    let body = feed.text().await.unwrap();
    assert!(
        body.starts_with("BEGIN:VCALENDAR")
            && body.contains("SUMMARY:Kapper")
            && body.contains("SUMMARY:Persoonlijke verzorging")
    );
    assert_eq!(family.week(&helper).await.feed_active, Some(true));
    let staff_view = family.week(&family.client_of(STAFF).await).await;
    assert_eq!(staff_view.feed_active, None, "staff have no feed");

    // A new link replaces the old one.
    let renewed: String = family
        .app
        .send_as(
            &helper,
            RenewFeed {
                page_id: family.page_id,
            },
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        new_client().get(&url).send().await.unwrap().status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        new_client().get(&renewed).send().await.unwrap().status(),
        StatusCode::OK
    );

    // Leaving the page (here: removed by hand) ends the feed at once.
    db::query("DELETE FROM members WHERE account_id = (SELECT id FROM accounts WHERE email = $1)")
        .bind(HELPER)
        .execute(family.app.state.db.writer())
        .await
        .unwrap();
    assert_eq!(
        new_client().get(&renewed).send().await.unwrap().status(),
        StatusCode::NOT_FOUND
    );

    // Staff have no feed; revoking works for members.
    let staff = family.client_of(STAFF).await;
    assert_eq!(
        family
            .app
            .send_as(
                &staff,
                RenewFeed {
                    page_id: family.page_id
                }
            )
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    let admin_url: String = family
        .app
        .send_as(
            &admin,
            RenewFeed {
                page_id: family.page_id,
            },
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        family
            .app
            .send_as(
                &admin,
                RevokeFeed {
                    page_id: family.page_id
                }
            )
            .await
            .status(),
        StatusCode::OK
    );
    assert_eq!(
        new_client().get(&admin_url).send().await.unwrap().status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        new_client()
            .get(format!("{}/agenda/verzonnen.ics", family.app.address))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::NOT_FOUND
    );
}
