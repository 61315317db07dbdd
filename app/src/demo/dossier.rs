//! The demo dossier: a care plan in two versions, a dozen reports of recent
//! visits, and a year of measurements with a few values out of range, so a
//! newcomer sees full charts.

use crate::db::now_text;
use crate::dossier::care_plan::{parse_plan, CarePlan};
use crate::error::{AppError, AppResult};
use chrono::{Duration, NaiveDate};
use sqlx::{Sqlite, Transaction};

pub struct Author {
    pub id: i64,
    pub name: &'static str,
}

const FIRST_PLAN: &str = "# Woon- en leefomstandigheden
Behoefte: Woonruimte en zich thuis voelen: de woning en woonomgeving
Doel: Cliënt is tevreden over de woonruimte
Actie: Hulp bij het huishouden | Thuiszorg De Linde | 1× per week

# Lichamelijk welbevinden
Behoefte: Adequate verzorging inzake vocht- en voedselvoorziening
Doel: Cliënt eet voldoende voedsel per 24 uur
Actie: Warme maaltijd klaarzetten | Thuiszorg De Linde | dagelijks
Actie: Wegen | Thuiszorg De Linde | 1× per week
";

const SECOND_PLAN: &str = "# Woon- en leefomstandigheden
Behoefte: Woonruimte en zich thuis voelen: de woning en woonomgeving
Doel: Cliënt is tevreden over de woonruimte
Actie: Hulp bij het huishouden | Thuiszorg De Linde | 1× per week

# Lichamelijk welbevinden
Behoefte: Adequate verzorging inzake vocht- en voedselvoorziening
Doel: Cliënt eet voldoende voedsel per 24 uur
Doel: Cliënt drinkt anderhalve liter per dag
Actie: Warme maaltijd klaarzetten | Thuiszorg De Linde | dagelijks
Actie: Wegen en bloeddruk meten | Thuiszorg De Linde | 1× per week
Actie: Drinklijst bijhouden | familie | dagelijks

# Sociaal welbevinden
Behoefte: Contact met anderen
Doel: Cliënt gaat twee keer per week naar de dagbesteding
Actie: Vervoer naar de dagbesteding regelen | Marieke Bakker | 2× per week
";

const REPORTS: [(i64, &str, &str, &str); 12] = [
    (
        1,
        "08:30",
        "general",
        "Mevrouw was goed gehumeurd. Samen ontbeten; ze at een hele boterham met kaas.",
    ),
    (
        2,
        "08:40",
        "medical",
        "Bloeddruk gemeten: 138/86. Enkels iets dik; benen hoog gelegd. Morgen opnieuw kijken.",
    ),
    (
        3,
        "08:25",
        "general",
        "Gedoucht en aangekleed. Mevrouw vertelde over de verjaardag van haar kleinzoon.",
    ),
    (
        5,
        "08:35",
        "medical",
        "Enkels minder dik dan eergisteren. Medicatie volgens lijst ingenomen.",
    ),
    (
        6,
        "08:30",
        "general",
        "Boodschappenlijst gemaakt voor Pieter. Koelkast nagekeken: genoeg in huis.",
    ),
    (
        8,
        "08:45",
        "medical",
        "Bloedsuiker na het ontbijt 11,2. Huisarts op de hoogte gebracht; afwachten.",
    ),
    (
        9,
        "08:30",
        "general",
        "Rustige nacht gehad, zegt mevrouw. Samen de krant gelezen.",
    ),
    (
        11,
        "08:20",
        "general",
        "Haar kapper komt donderdag; afspraak staat in de kalender.",
    ),
    (
        13,
        "08:30",
        "medical",
        "Gewogen: 63,8 kg. Iets afgevallen; extra tussendoortje afgesproken.",
    ),
    (
        15,
        "08:40",
        "general",
        "Mevrouw wilde graag naar buiten; kort rondje om het huis gelopen.",
    ),
    (
        18,
        "08:30",
        "medical",
        "Wondje op de rechterhand verzorgd en afgedekt. Geneest goed.",
    ),
    (
        21,
        "08:35",
        "general",
        "Kennismaking met nieuwe collega Ruud, die op dinsdag komt.",
    ),
];

fn plan(text: &str) -> AppResult<CarePlan> {
    parse_plan(text).map_err(AppError::Invalid)
}

pub async fn seed(
    tx: &mut Transaction<'_, Sqlite>,
    page_id: i64,
    provider_id: i64,
    staff: Author,
    family: Author,
    today: NaiveDate,
) -> AppResult<()> {
    let now = now_text();
    for (text, valid_from) in [
        (FIRST_PLAN, today - Duration::days(200)),
        (SECOND_PLAN, today - Duration::days(30)),
    ] {
        let content = serde_json::to_string(&plan(text)?).map_err(|_| AppError::Internal)?;
        sqlx::query(
            "INSERT INTO care_plan_versions (care_page_id, provider_id, valid_from, content, author_id, author_name, created_at)
             VALUES (?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(page_id)
        .bind(provider_id)
        .bind(valid_from.format("%Y-%m-%d").to_string())
        .bind(content)
        .bind(staff.id)
        .bind(staff.name)
        .bind(&now)
        .execute(&mut **tx)
        .await?;
    }
    for (days_ago, time, kind, body) in REPORTS {
        sqlx::query(
            "INSERT INTO reports (care_page_id, provider_id, kind, visited_at, body, author_id, author_name, created_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(page_id)
        .bind(provider_id)
        .bind(kind)
        .bind(format!("{}T{time}", today - Duration::days(days_ago)))
        .bind(body)
        .bind(staff.id)
        .bind(staff.name)
        .bind(&now)
        .execute(&mut **tx)
        .await?;
    }
    for row in measurements(today) {
        let (who, provider) = if row.by_family {
            (&family, None)
        } else {
            (&staff, Some(provider_id))
        };
        sqlx::query(
            "INSERT INTO measurements (care_page_id, kind, measured_at, value, diastolic, pulse,
                 provider_id, author_id, author_name, created_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(page_id)
        .bind(row.kind)
        .bind(row.at)
        .bind(row.value)
        .bind(row.diastolic)
        .bind(row.pulse)
        .bind(provider)
        .bind(who.id)
        .bind(who.name)
        .bind(&now)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

struct Row {
    kind: &'static str,
    at: String,
    value: f64,
    diastolic: Option<f64>,
    pulse: Option<i64>,
    by_family: bool,
}

/// A year back from yesterday: weight weekly (slowly falling, with a drop
/// of more than 5 % three months ago), blood pressure three times a week
/// (now and then above 140/90), blood sugar daily (a few spikes). The same
/// every time: the wiggle comes from the day number, not from chance.
fn measurements(today: NaiveDate) -> Vec<Row> {
    let mut rows = Vec::new();
    for days_ago in (1..=365).rev() {
        let day = today - Duration::days(days_ago);
        let wiggle = ((days_ago * 37) % 11) as f64 / 10.0 - 0.5;
        if days_ago % 7 == 0 {
            let base = if days_ago > 95 { 68.0 } else { 64.5 };
            rows.push(Row {
                kind: "weight",
                at: format!("{day}T08:{:02}", 30 + days_ago % 10),
                value: ((base - (365 - days_ago) as f64 * 0.004 + wiggle * 0.6) * 10.0).round()
                    / 10.0,
                diastolic: None,
                pulse: None,
                // Every fourth week the family weighs her on Sunday.
                by_family: days_ago % 28 == 0,
            });
        }
        if days_ago % 7 == 1 || days_ago % 7 == 3 || days_ago % 7 == 5 {
            let high = days_ago % 45 == 3;
            rows.push(Row {
                kind: "blood_pressure",
                at: format!("{day}T08:45"),
                value: if high {
                    152.0
                } else {
                    (132.0 + wiggle * 12.0).round()
                },
                diastolic: Some(if high {
                    94.0
                } else {
                    (82.0 + wiggle * 8.0).round()
                }),
                pulse: Some(68 + (days_ago % 9)),
                by_family: false,
            });
        }
        let spike = days_ago % 61 == 8;
        rows.push(Row {
            kind: "blood_sugar",
            at: format!("{day}T09:00"),
            value: if spike {
                11.2
            } else {
                ((6.4 + wiggle * 1.6) * 10.0).round() / 10.0
            },
            diastolic: None,
            pulse: None,
            by_family: false,
        });
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_plans_parse_and_the_second_adds_a_domain() {
        assert_eq!(plan(FIRST_PLAN).unwrap().domains.len(), 2);
        assert_eq!(plan(SECOND_PLAN).unwrap().domains.len(), 3);
    }

    #[test]
    fn the_demo_year_has_values_out_of_range() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let rows = measurements(today);
        use crate::dossier::measurements::{outside_range, Kind};
        let high_pressure = rows
            .iter()
            .filter(|r| {
                r.kind == "blood_pressure"
                    && outside_range(Kind::BloodPressure, r.value, r.diastolic)
            })
            .count();
        let odd_sugar = rows
            .iter()
            .filter(|r| r.kind == "blood_sugar" && outside_range(Kind::BloodSugar, r.value, None))
            .count();
        assert!(high_pressure >= 2, "{high_pressure}");
        assert!(odd_sugar >= 2, "{odd_sugar}");
        assert!(rows.iter().any(|r| r.by_family));
        // Plausible values only, as the entry form would take them.
        assert!(rows.iter().all(|r| r.value > 1.0 && r.value < 300.0));
    }
}
