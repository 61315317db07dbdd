//! `--demo`: one believable Dutch family and its home-care organisation, so a
//! newcomer sees a lived-in page. Only ever fills an empty database.

use crate::accounts::hashing;
use crate::db::{self, At, Db};
use crate::error::AppResult;
use crate::policy::Role;
use chrono::{Datelike, Duration, NaiveDate, Weekday};

mod dossier;
pub mod installation;
mod notebook;
mod organisations;
mod writes;

pub use organisations::{INEKE, JORIS};

pub const DEMO_PASSWORD: &str = "zonnebloem-op-dinsdag";

/// A demo login, printed at start.
pub struct DemoLogin {
    pub who: &'static str,
    pub email: &'static str,
}

const FAMILY: [(&str, &str, &str, Option<Role>, &str); 4] = [
    (
        "Marieke",
        "Bakker",
        "marieke@kring.test",
        Some(Role::Admin),
        "dochter, beheerder",
    ),
    (
        "Pieter",
        "Bakker",
        "pieter@kring.test",
        Some(Role::Trusted),
        "zoon, vertrouwensgroep",
    ),
    (
        "Sanne",
        "de Wit",
        "sanne@kring.test",
        Some(Role::Helper),
        "buurvrouw, helpende",
    ),
    (
        "Fatima",
        "El Amrani",
        "fatima@delinde.test",
        None,
        "wijkverpleegkundige, Thuiszorg De Linde",
    ),
];

/// What the demo made, to print at start.
#[derive(Default)]
pub struct Demo {
    /// Empty when the database had data already (nothing was added).
    pub logins: Vec<DemoLogin>,
    /// An unused activation code of a client of De Linde ("1234 5678 90"),
    /// with the client's name and birth date.
    pub activation_code: Option<(String, &'static str, &'static str)>,
    /// An API token of De Linde with every scope.
    pub api_token: Option<String>,
}

/// Fills an empty database; `key` is the server's (`secret`), for the
/// activation code.
pub async fn seed(db: &Db, key: &crate::secret::ServerKey, today: NaiveDate) -> AppResult<Demo> {
    let accounts = writes::account_count(db).await?;
    if accounts > 0 {
        return Ok(Demo::default());
    }
    let hash = hashing::hash(DEMO_PASSWORD.to_string()).await?;
    let now = At::now();
    let mut tx = db.begin().await?;
    let provider_id = writes::provider(&mut tx, "Thuiszorg De Linde", now).await?;
    let johanna = writes::Person {
        first_name: "Johanna",
        last_name: "Bakker",
        birth_date: date("1938-04-12"),
        address: "Lindelaan 12\n3581 KD Utrecht",
        phone: "030 - 251 44 87",
    };
    let page_id = writes::care_page(&mut tx, &johanna, now).await?;
    let mut logins = Vec::new();
    let mut ids = Vec::new();
    for (first, last, email, role, who) in FAMILY {
        let account = writes::NewAccount {
            email,
            first_name: first,
            last_name: last,
            password_hash: &hash,
            provider_id: role.is_none().then_some(provider_id),
            staff_role: role.is_none().then_some("employee"),
        };
        let account_id = writes::account(&mut tx, &account, now).await?;
        if let Some(role) = role {
            writes::member(&mut tx, page_id, account_id, role.as_db(), now).await?;
        }
        logins.push(DemoLogin { who, email });
        ids.push(account_id);
    }
    writes::provider_link(&mut tx, page_id, provider_id, now).await?;
    week_of_visits(&mut tx, page_id, provider_id, today).await?;
    let [marieke, pieter, sanne, fatima] = [ids[0], ids[1], ids[2], ids[3]];
    let people = [marieke, pieter, sanne, fatima];
    conversations(&mut tx, page_id, provider_id, people, now).await?;
    let writers = notebook::Writers {
        admin: marieke,
        trusted: pieter,
        helper: sanne,
    };
    notebook::seed(&mut tx, page_id, writers, now).await?;
    // The mobile numbers the dossier's codes go to (Sanne, a helper, has none:
    // she never opens the dossier).
    for (account_id, mobile) in [
        (marieke, "+31612345678"),
        (pieter, "+31623456789"),
        (fatima, "+31634567890"),
    ] {
        writes::mobile(&mut tx, account_id, mobile).await?;
    }
    let staff = dossier::Author {
        id: fatima,
        name: "Fatima El Amrani",
    };
    let family = dossier::Author {
        id: marieke,
        name: "Marieke Bakker",
    };
    dossier::seed(&mut tx, page_id, provider_id, staff, family, today).await?;
    let (staff_logins, code) =
        organisations::seed(&mut tx, key, page_id, provider_id, &hash, now).await?;
    logins.extend(staff_logins);
    let api_token = organisations::api_token(&mut tx, provider_id, now).await?;
    tx.commit().await?;
    Ok(Demo {
        logins,
        activation_code: Some((code, "Hendrik Jansen", "2 september 1935")),
        api_token: Some(api_token),
    })
}

/// The organisation's visits of the week that holds `today`.
async fn week_of_visits(
    tx: &mut db::Tx,
    page_id: i64,
    provider_id: i64,
    today: NaiveDate,
) -> AppResult<()> {
    for (day, time, minutes, title, employee) in visits_of_week(today) {
        let visit = writes::Visit {
            page_id,
            provider_id,
            title,
            starts_at: day
                .and_time(chrono::NaiveTime::parse_from_str(time, "%H:%M").unwrap_or_default()),
            minutes,
            employee_name: employee,
        };
        writes::visit(tx, &visit).await?;
    }
    Ok(())
}

/// The [`threads`] written by `[admin, trusted, helper, staff]`.
async fn conversations(
    tx: &mut db::Tx,
    page_id: i64,
    provider_id: i64,
    [admin, trusted, helper, staff]: [i64; 4],
    now: At,
) -> AppResult<()> {
    for (provider, subject, messages) in threads(admin, trusted, helper, staff) {
        let staff_thread = provider.then_some(provider_id);
        let thread_id =
            writes::thread(tx, page_id, staff_thread, subject, messages[0].0, now).await?;
        for (author, body) in messages {
            let by_staff = (author == staff).then_some(provider_id);
            writes::message(tx, thread_id, author, by_staff, body, now).await?;
        }
    }
    Ok(())
}

/// Two conversations: the family arranging the week, and the trusted group
/// talking with the home-care nurse (a provider thread).
#[allow(clippy::type_complexity)]
fn threads(
    marieke: i64,
    pieter: i64,
    sanne: i64,
    fatima: i64,
) -> [(bool, &'static str, Vec<(i64, &'static str)>); 2] {
    [
        (
            false,
            "Boodschappen deze week",
            vec![
                (pieter, "Ik doe dinsdag de boodschappen voor mam. Moet er nog iets bij?"),
                (sanne, "Ze had het over koffie en de krant van zaterdag. Ik breng woensdag soep."),
            ],
        ),
        (
            true,
            "Medicijnen 's avonds",
            vec![
                (marieke, "Mam vergeet haar avondmedicijnen soms. Kan de Medido een herinnering geven om 20:00?"),
                (fatima, "Dat kan. Ik zet het donderdag bij het vullen van de Medido aan en laat het weten."),
            ],
        ),
    ]
}

/// The home-care round of the week that holds `today`: care every morning,
/// the medicine dispenser on Mondays and Thursdays, a shower on Wednesday.
/// A date of the demo's people, written as people write them.
fn date(text: &str) -> NaiveDate {
    text.parse().unwrap_or_default()
}

fn visits_of_week(
    today: NaiveDate,
) -> Vec<(NaiveDate, &'static str, i64, &'static str, &'static str)> {
    let monday = today - Duration::days(today.weekday().num_days_from_monday() as i64);
    let mut visits = Vec::new();
    for offset in 0..7 {
        let day = monday + Duration::days(offset);
        let employee = if offset % 2 == 0 { "Fatima" } else { "Joost" };
        visits.push((day, "08:00", 30, "Persoonlijke verzorging", employee));
        if matches!(day.weekday(), Weekday::Mon | Weekday::Thu) {
            visits.push((day, "08:30", 15, "Thuiszorgtechnologie Medido", employee));
        }
        if day.weekday() == Weekday::Wed {
            visits.push((day, "10:00", 45, "Douchen", "Fatima"));
        }
    }
    visits
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_visits_fall_in_the_week_of_today() {
        let sunday = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        let visits = visits_of_week(sunday);
        assert_eq!(visits.len(), 7 + 2 + 1);
        let monday = NaiveDate::from_ymd_opt(2026, 11, 16).unwrap();
        assert!(visits
            .iter()
            .all(|(day, ..)| *day >= monday && *day <= sunday));
    }

    #[test]
    fn the_demo_password_meets_the_password_rules() {
        for (first, last, email, ..) in FAMILY {
            assert_eq!(
                crate::accounts::password::check(DEMO_PASSWORD, &[first, last, email]),
                Ok(())
            );
        }
    }
}
