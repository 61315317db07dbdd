//! The measurement charts: values outside the reference range are marked
//! (also when a value is entered later, and per organisation for its staff),
//! and years of values are drawn from the stretches kept on write with the
//! same figures as the values themselves.

use crate::common::{demo_family as family, ADMIN};
use crate::dossier::{open_dossier, ADMIN_MOBILE};
use kring_app::db;
use kring_app::dossier::chart::ChartData;
use kring_app::dossier::measurements::MeasurementsView;
use kring_app::dossier::{Gated, Period};

/// A page of the admin's own with the given measurements (kind, days ago,
/// value, diastolic), the dossier open; answers the Meetwaarden data.
async fn chart_of(values: &[(&str, i64, f64, Option<f64>)], period: Period) -> Vec<ChartData> {
    let family = family().await;
    let db = &family.app.state.db;
    let (page, admin_id) = measured_page(db).await;
    insert_values(db, page, admin_id, None, values).await;
    let admin = family.client_of(ADMIN).await;
    open_dossier(&family, &admin, ADMIN_MOBILE).await;
    family
        .app
        .send_as(
            &admin,
            kring_app::dossier::measurements::Measurements {
                page_id: page,
                period,
            },
        )
        .await
        .json::<Gated<MeasurementsView>>()
        .await
        .map(|gated| match gated {
            Gated::Open(view) => view.charts,
            Gated::Locked(_) => panic!("the dossier stayed locked"),
        })
        .unwrap()
}

/// A new care page of the demo admin, and the admin's id.
async fn measured_page(db: &kring_app::db::Db) -> (i64, i64) {
    let admin_id: i64 = db::query_scalar("SELECT id FROM accounts WHERE email = $1")
        .bind(ADMIN)
        .fetch_one(db.reader())
        .await
        .unwrap();
    let today = kring_app::dates::today();
    let page = kring_app::care_pages::queries::create(
        db,
        admin_id,
        "Meet",
        "Bakker",
        today - chrono::Days::new(30000),
    )
    .await
    .unwrap();
    (page, admin_id)
}

/// `(kind, days ago, value, diastolic)`, saved in the order given, as
/// measured by `provider_id` (`None`: at home).
async fn insert_values(
    db: &kring_app::db::Db,
    page: i64,
    author_id: i64,
    provider_id: Option<i64>,
    values: &[(&str, i64, f64, Option<f64>)],
) {
    use kring_app::dossier::measurements::{queries, Kind, Reading};
    let today = kring_app::dates::today();
    let mut conn = db.begin().await.unwrap();
    for (kind, days_ago, value, diastolic) in values {
        let at = (today - chrono::Days::new(*days_ago as u64))
            .and_hms_opt(8, 30, 0)
            .unwrap();
        let measurement = queries::NewMeasurement {
            kind: Kind::from_query(kind).unwrap(),
            at,
            reading: Reading {
                value: *value,
                diastolic: *diastolic,
                pulse: None,
            },
            provider_id,
            author_id: Some(author_id),
            author_name: "Marieke Bakker",
        };
        queries::insert(&mut conn, page, measurement).await.unwrap();
    }
    conn.commit().await.unwrap();
}

fn flags_of(chart: &ChartData) -> Vec<(f64, bool)> {
    chart.points.iter().map(|p| (p.high, p.flagged)).collect()
}

#[tokio::test]
async fn values_outside_the_reference_range_are_marked() {
    let data = chart_of(
        &[
            // Weight: 74 is 5.7 % above 70 twenty days before; 74.5 has no
            // weight in the 30 days before it; 70 is 6 % below 74.5, but 35 days later.
            ("gewicht", 100, 70.0, None),
            ("gewicht", 90, 71.0, None),
            ("gewicht", 80, 74.0, None),
            ("gewicht", 40, 74.5, None),
            ("gewicht", 5, 70.0, None),
            ("bloeddruk", 30, 145.0, Some(85.0)),
            ("bloeddruk", 20, 140.0, Some(90.0)),
            ("bloeddruk", 10, 135.0, Some(92.0)),
            ("bloedsuiker", 30, 3.9, None),
            ("bloedsuiker", 20, 4.0, None),
            ("bloedsuiker", 10, 10.1, None),
        ],
        Period::Year,
    )
    .await;
    let charts = &data;
    assert_eq!(
        flags_of(&charts[0]),
        [
            (70.0, false),
            (71.0, false),
            (74.0, true),
            (74.5, false),
            (70.0, false)
        ]
    );
    assert_eq!(
        flags_of(&charts[1]),
        [(145.0, true), (140.0, false), (135.0, true)]
    );
    assert_eq!(
        flags_of(&charts[2]),
        [(3.9, true), (4.0, false), (10.1, true)]
    );
    // Listed under the chart, newest first.
    assert_eq!(charts[1].flagged[0].high, 135.0);
    assert_eq!(charts[1].flagged[1].high, 145.0);
    let summary = charts[0].summary.as_deref().unwrap();
    assert!(summary.starts_with("Laatste meting 70 kg op "), "{summary}");
}

#[tokio::test]
async fn five_years_of_values_are_grouped_and_a_spike_stays_visible() {
    let mut values: Vec<(&str, i64, f64, Option<f64>)> = (1..=5 * 365)
        .map(|days_ago| ("bloedsuiker", days_ago, 6.0, None))
        .collect();
    values[1000].2 = 14.5;
    let data = chart_of(&values, Period::All).await;
    let chart = &data[2];
    let points = &chart.points;
    assert!(points.len() <= 101, "{} points", points.len());
    let counted: usize = points.iter().map(|p| p.count).sum();
    assert_eq!(counted, 5 * 365);
    let spike: Vec<_> = points.iter().filter(|p| p.high == 14.5).collect();
    assert_eq!(spike.len(), 1, "the spike survives in its stretch");
    assert!(spike[0].flagged);
    assert_eq!(spike[0].low, 6.0);
    assert_eq!(chart.flagged[0].high, 14.5);
    assert_eq!(chart.flagged_more, 0);
}

#[tokio::test]
async fn a_weight_written_later_marks_again_the_month_after_it() {
    // 74 kg is saved first with nothing before it; 70 kg, measured ten days
    // earlier, is entered afterwards and makes 74 (5.7 % more) stand out.
    let data = chart_of(
        &[("gewicht", 10, 74.0, None), ("gewicht", 20, 70.0, None)],
        Period::ThreeMonths,
    )
    .await;
    let chart = &data[0];
    assert_eq!(flags_of(chart), [(70.0, false), (74.0, true)]);
    assert_eq!(chart.flagged[0].high, 74.0);
}

#[tokio::test]
async fn an_organisation_sees_marks_made_of_its_own_weights_only() {
    use kring_app::dossier::chart_queries::chart;
    use kring_app::dossier::measurements::Kind;
    use kring_app::dossier::Period;
    let family = family().await;
    let db = &family.app.state.db;
    let (page, admin_id) = measured_page(db).await;
    let provider: i64 = db::query_scalar("SELECT id FROM providers ORDER BY id LIMIT 1")
        .fetch_one(db.reader())
        .await
        .unwrap();
    // At home 70 kg; the organisation weighs 74 kg ten days later.
    insert_values(db, page, admin_id, None, &[("gewicht", 20, 70.0, None)]).await;
    insert_values(
        db,
        page,
        admin_id,
        Some(provider),
        &[("gewicht", 10, 74.0, None)],
    )
    .await;
    let today = kring_app::dates::today();
    let marks = |data: kring_app::dossier::chart::ChartData| {
        data.points
            .iter()
            .map(|p| (p.high, p.flagged))
            .collect::<Vec<_>>()
    };
    let families = chart(db, page, None, Kind::Weight, Period::ThreeMonths, today)
        .await
        .unwrap();
    assert_eq!(marks(families), [(70.0, false), (74.0, true)]);
    let staffs = chart(
        db,
        page,
        Some(provider),
        Kind::Weight,
        Period::ThreeMonths,
        today,
    )
    .await
    .unwrap();
    assert_eq!(
        marks(staffs),
        [(74.0, false)],
        "the home weight is not theirs to see"
    );
}

#[tokio::test]
async fn years_are_drawn_from_the_weeks_kept_on_write_with_the_same_figures() {
    // Five years of blood pressure, twice a day, entered newest first (the
    // stored stretches are rebuilt at every value): the stretches drawn hold
    // every value, their extremes and mean match the values themselves.
    let values: Vec<(&str, i64, f64, Option<f64>)> = (1..=5 * 365)
        .flat_map(|days_ago| {
            let wiggle = (days_ago % 7) as f64;
            [
                ("bloeddruk", days_ago, 120.0 + wiggle, Some(80.0)),
                ("bloeddruk", days_ago, 130.0 + wiggle, Some(70.0)),
            ]
        })
        .collect();
    let data = chart_of(&values, Period::All).await;
    let chart = &data[1];
    let points = &chart.points;
    // Four weeks each (five years is 262 weeks; a hundred stretches at most).
    assert!(
        (60..=70).contains(&points.len()),
        "{} stretches",
        points.len()
    );
    let counted: usize = points.iter().map(|p| p.count).sum();
    assert_eq!(counted, 2 * 5 * 365);
    let whole = &points[points.len() / 2];
    assert_eq!((whole.low, whole.high), (120.0, 136.0));
    assert_eq!(whole.second_mean, Some(75.0));
    let mean = whole.mean;
    assert!((mean - 128.0).abs() < 0.2, "mean {mean}");
    // Whole weeks: the axis starts on a Monday.
    let first = chrono::NaiveDate::parse_from_str(&chart.first_day, "%Y-%m-%d").unwrap();
    assert_eq!(chrono::Datelike::weekday(&first), chrono::Weekday::Mon);
}
