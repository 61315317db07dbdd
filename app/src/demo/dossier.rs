//! The demo dossier: a care plan in two versions, a dozen reports of recent
//! visits, and a year of measurements with a few values out of range, so a
//! newcomer sees full charts.

use super::writes;
use crate::db::{self, At};
use crate::dossier::care_plan::{self, parse_plan, CarePlan};
use crate::dossier::measurements::{self, Kind, Reading};
use crate::dossier::reports::{self, ReportKind};
use crate::error::{AppError, AppResult};
use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};

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

const REPORTS: [(i64, &str, ReportKind, &str); 12] = [
    (
        1,
        "08:30",
        ReportKind::General,
        "Mevrouw was goed gehumeurd. Samen ontbeten; ze at een hele boterham met kaas.",
    ),
    (
        2,
        "08:40",
        ReportKind::Medical,
        "Bloeddruk gemeten: 138/86. Enkels iets dik; benen hoog gelegd. Morgen opnieuw kijken.",
    ),
    (
        3,
        "08:25",
        ReportKind::General,
        "Gedoucht en aangekleed. Mevrouw vertelde over de verjaardag van haar kleinzoon.",
    ),
    (
        5,
        "08:35",
        ReportKind::Medical,
        "Enkels minder dik dan eergisteren. Medicatie volgens lijst ingenomen.",
    ),
    (
        6,
        "08:30",
        ReportKind::General,
        "Boodschappenlijst gemaakt voor Pieter. Koelkast nagekeken: genoeg in huis.",
    ),
    (
        8,
        "08:45",
        ReportKind::Medical,
        "Bloedsuiker na het ontbijt 11,2. Huisarts op de hoogte gebracht; afwachten.",
    ),
    (
        9,
        "08:30",
        ReportKind::General,
        "Rustige nacht gehad, zegt mevrouw. Samen de krant gelezen.",
    ),
    (
        11,
        "08:20",
        ReportKind::General,
        "Haar kapper komt donderdag; afspraak staat in de kalender.",
    ),
    (
        13,
        "08:30",
        ReportKind::Medical,
        "Gewogen: 63,8 kg. Iets afgevallen; extra tussendoortje afgesproken.",
    ),
    (
        15,
        "08:40",
        ReportKind::General,
        "Mevrouw wilde graag naar buiten; kort rondje om het huis gelopen.",
    ),
    (
        18,
        "08:30",
        ReportKind::Medical,
        "Wondje op de rechterhand verzorgd en afgedekt. Geneest goed.",
    ),
    (
        21,
        "08:35",
        ReportKind::General,
        "Kennismaking met nieuwe collega Ruud, die op dinsdag komt.",
    ),
];

fn plan(text: &str) -> AppResult<CarePlan> {
    parse_plan(text).map_err(AppError::Invalid)
}

pub async fn seed(
    tx: &mut db::Tx,
    page_id: i64,
    provider_id: i64,
    staff: Author,
    family: Author,
    today: NaiveDate,
) -> AppResult<()> {
    for (text, days_ago) in [(FIRST_PLAN, 200), (SECOND_PLAN, 30)] {
        let plan = plan(text)?;
        let version = care_plan::queries::NewVersion {
            page_id,
            provider_id,
            valid_from: today - Duration::days(days_ago),
            plan: &plan,
            author_id: staff.id,
            author_name: staff.name,
        };
        care_plan::queries::insert_version(&mut **tx, version).await?;
    }
    for (days_ago, time, kind, body) in REPORTS {
        let visited_at = (today - Duration::days(days_ago)).and_time(clock(time));
        let report = reports::queries::NewReport {
            page_id,
            provider_id,
            kind,
            visited_at,
            body,
            author_id: Some(staff.id),
            author_name: staff.name,
        };
        reports::queries::insert(&mut **tx, report).await?;
    }
    for row in measurements(today) {
        let who = if row.by_family { &family } else { &staff };
        let measurement = measurements::queries::NewMeasurement {
            kind: row.kind,
            at: row.at,
            reading: row.reading,
            provider_id: (!row.by_family).then_some(provider_id),
            author_id: Some(who.id),
            author_name: who.name,
        };
        measurements::queries::insert(tx, page_id, measurement).await?;
    }
    medication(tx, page_id, &staff, today).await
}

/// Johanna's medicines: four in use, one stopped last month.
async fn medication(
    tx: &mut db::Tx,
    page_id: i64,
    staff: &Author,
    today: NaiveDate,
) -> AppResult<()> {
    // (name, strength, dose, times, with food, prescribed by, started days ago, stopped days ago, notes)
    let medicines = [
        (
            "Metoprolol",
            "50 mg",
            "1 tablet",
            "08:00",
            "with",
            "Huisarts Veldman",
            900,
            None,
            "",
        ),
        (
            "Metformine",
            "500 mg",
            "1 tablet",
            "08:00 en 18:00",
            "with",
            "Huisarts Veldman",
            400,
            None,
            "Bij misselijkheid de huisarts bellen.",
        ),
        (
            "Paracetamol",
            "500 mg",
            "1 à 2 tabletten",
            "zo nodig, hooguit 6 per dag",
            "any",
            "",
            60,
            None,
            "",
        ),
        (
            "Omeprazol",
            "20 mg",
            "1 capsule",
            "'s ochtends",
            "without",
            "Huisarts Veldman",
            300,
            None,
            "Een half uur voor het ontbijt.",
        ),
        (
            "Amoxicilline",
            "500 mg",
            "1 capsule",
            "3 keer per dag",
            "with",
            "Huisarts Veldman",
            40,
            Some(33),
            "Kuur van een week.",
        ),
    ];
    for (name, strength, dose, times, food, by, started, stopped, notes) in medicines {
        let medicine = writes::Medicine {
            page_id,
            name,
            strength,
            dose,
            times,
            with_food: food,
            prescribed_by: by,
            started_on: today - Duration::days(started),
            stopped_on: stopped.map(|days: i64| today - Duration::days(days)),
            notes,
            changed_by: staff.id,
            changed_by_name: staff.name,
        };
        writes::medicine(tx, &medicine, At::now()).await?;
    }
    Ok(())
}

/// A time of day as the demo writes it ("08:45").
fn clock(text: &str) -> NaiveTime {
    NaiveTime::parse_from_str(text, "%H:%M").unwrap_or_default()
}

struct Row {
    kind: Kind,
    at: NaiveDateTime,
    reading: Reading,
    by_family: bool,
}

/// A year back from yesterday: weight weekly (slowly falling, with a drop
/// of more than 5 % three months ago), blood pressure three times a week
/// (now and then above 140/90), blood sugar daily (a few spikes). The same
/// every time: the wiggle comes from the day number, not from chance.
fn measurements(today: NaiveDate) -> Vec<Row> {
    let mut rows = Vec::new();
    let one_decimal = |value: f64| (value * 10.0).round() / 10.0;
    for days_ago in (1..=365).rev() {
        let day = today - Duration::days(days_ago);
        let wiggle = ((days_ago * 37) % 11) as f64 / 10.0 - 0.5;
        if days_ago % 7 == 0 {
            let base = if days_ago > 95 { 68.0 } else { 64.5 };
            let weight = base - (365 - days_ago) as f64 * 0.004 + wiggle * 0.6;
            rows.push(Row {
                kind: Kind::Weight,
                at: day.and_time(clock(&format!("08:{:02}", 30 + days_ago % 10))),
                reading: Reading {
                    value: one_decimal(weight),
                    diastolic: None,
                    pulse: None,
                },
                // Every fourth week the family weighs her on Sunday.
                by_family: days_ago % 28 == 0,
            });
        }
        if [1, 3, 5].contains(&(days_ago % 7)) {
            let high = days_ago % 45 == 3;
            let (systolic, diastolic) = match high {
                true => (152.0, 94.0),
                false => (
                    (132.0 + wiggle * 12.0).round(),
                    (82.0 + wiggle * 8.0).round(),
                ),
            };
            rows.push(Row {
                kind: Kind::BloodPressure,
                at: day.and_time(clock("08:45")),
                reading: Reading {
                    value: systolic,
                    diastolic: Some(diastolic),
                    pulse: Some(68 + days_ago % 9),
                },
                by_family: false,
            });
        }
        let sugar = if days_ago % 61 == 8 {
            11.2
        } else {
            one_decimal(6.4 + wiggle * 1.6)
        };
        rows.push(Row {
            kind: Kind::BloodSugar,
            at: day.and_time(clock("09:00")),
            reading: Reading {
                value: sugar,
                diastolic: None,
                pulse: None,
            },
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
        use crate::dossier::measurements::check_reading;
        let count = |kind: Kind, odd: fn(&Reading) -> bool| {
            rows.iter()
                .filter(|r| r.kind == kind && odd(&r.reading))
                .count()
        };
        let high_pressure = count(Kind::BloodPressure, |r| r.value > 140.0);
        let odd_sugar = count(Kind::BloodSugar, |r| r.value > 10.0);
        assert!(high_pressure >= 2, "{high_pressure}");
        assert!(odd_sugar >= 2, "{odd_sugar}");
        assert!(rows.iter().any(|r| r.by_family));
        // Plausible values only: the entry form takes every one of them.
        for row in &rows {
            let typed = |v: Option<f64>| v.map(|v| v.to_string()).unwrap_or_default();
            let pulse = row.reading.pulse.map(|p| p.to_string()).unwrap_or_default();
            let checked = check_reading(
                row.kind,
                &row.reading.value.to_string(),
                &typed(row.reading.diastolic),
                &pulse,
            );
            assert_eq!(checked, Ok(row.reading), "{}", row.at);
        }
    }
}
