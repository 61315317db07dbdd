//! Visits planned in the console: a weekly schedule is one visit per week,
//! and the number planned ahead per client has a ceiling with a Dutch message.

use super::{ineke, johanna_at_de_linde, scalar};
use crate::common::{demo_family, error_message};
use kring_app::db;
use kring_app::organisation::visits::{PlanVisit, VisitFields, MAX_UPCOMING};
use reqwest::StatusCode;

#[tokio::test]
async fn a_weekly_schedule_is_planned_at_once_and_the_ceiling_changes_nothing() {
    let family = demo_family().await;
    let staff = ineke(&family).await;
    let client_id = johanna_at_de_linde(&family).await;
    let today = kring_app::dates::today();
    let plan = |weeks: i64| PlanVisit {
        client_id,
        visit: VisitFields {
            title: "Wondzorg bij het been".into(),
            date: Some(today + chrono::Duration::days(1)),
            time: chrono::NaiveTime::from_hms_opt(8, 0, 0),
            minutes: Some(30),
            employee: None,
            weekly_until: Some(today + chrono::Duration::days(1) + chrono::Duration::weeks(weeks)),
        },
    };
    let count = "SELECT COUNT(*) FROM visits WHERE title = 'Wondzorg bij het been'";
    let response = family.app.send_as(&staff, plan(3)).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(scalar(&family, count).await, 4);
    // Fill up to just below the ceiling, then a schedule that would pass it.
    let upcoming = scalar(
        &family,
        &format!(
            "SELECT COUNT(*) FROM visits WHERE provider_id = 1 AND care_page_id = {} AND starts_at >= '{today}'",
            family.page_id
        ),
    )
    .await;
    for n in upcoming..MAX_UPCOMING - 2 {
        db::query(
            "INSERT INTO visits (care_page_id, provider_id, title, starts_at, duration_minutes, employee_name)
             VALUES ($1, 1, 'Vol', $2, 30, '')",
        )
        .bind(family.page_id)
        .bind((today + chrono::Duration::days(2 + n % 300)).and_hms_opt(9, 0, 0).unwrap())
        .execute(family.app.state.db.writer())
        .await
        .unwrap();
    }
    let refused = family.app.send_as(&staff, plan(3)).await;
    assert_eq!(refused.status(), StatusCode::BAD_REQUEST);
    assert!(error_message(refused).await.contains("bezoeken gepland"));
    assert_eq!(scalar(&family, count).await, 4);
}
