//! A generated installation of many care pages, each as lived-in as the
//! demo family's: members, the organisation's visits, two conversations,
//! notes and a life story, a photo, and a dossier read in the access log;
//! every fiftieth page has the demo's whole year of dossier too. For moving
//! an installation to PostgreSQL at a real size (issue 32: its test and
//! `cargo bench --bench scale`), not for the demo.

use super::{dossier, notebook, writes};
use crate::accounts::{hashing, Account};
use crate::db::{At, Db};
use crate::dossier::access_log::{self, Look, Outcome, Who};
use crate::error::AppResult;
use crate::policy::{Actor, Role};
use chrono::NaiveDate;

const FIRST: [&str; 8] = [
    "Anna", "Bram", "Cor", "Dirk", "Els", "Fien", "Gijs", "Hanna",
];
const LAST: [&str; 6] = ["Jansen", "de Vries", "Smit", "Visser", "Mulder", "de Boer"];
/// Pages written per transaction.
const PER_COMMIT: usize = 250;
/// Pages with a whole year of measurements, reports and plans.
const FULL_DOSSIER_EVERY: usize = 50;

/// Adds `pages` care pages (with their families and five organisations)
/// to `db`; the accounts' password is the demo's.
pub async fn generate(db: &Db, pages: usize, today: NaiveDate) -> AppResult<()> {
    let hash = hashing::hash(super::DEMO_PASSWORD.to_string()).await?;
    let now = At::now();
    let mut tx = db.begin().await?;
    let mut organisations = Vec::new();
    for n in 0..5 {
        let provider_id =
            writes::provider(&mut tx, &format!("Thuiszorg Regio {}", n + 1), now).await?;
        let staff = writes::NewAccount {
            email: &format!("zorg{n}@regio.test"),
            first_name: "Fatima",
            last_name: &format!("Regio {}", n + 1),
            password_hash: &hash,
            provider_id: Some(provider_id),
            staff_role: Some("employee"),
        };
        organisations.push((provider_id, writes::account(&mut tx, &staff, now).await?));
    }
    for n in 0..pages {
        if n > 0 && n % PER_COMMIT == 0 {
            tx.commit().await?;
            tx = db.begin().await?;
        }
        let (first, last) = (FIRST[n % FIRST.len()], LAST[n / FIRST.len() % LAST.len()]);
        let person = writes::Person {
            first_name: first,
            last_name: last,
            birth_date: NaiveDate::from_ymd_opt(
                1925 + (n % 25) as i32,
                1 + (n % 12) as u32,
                1 + (n % 28) as u32,
            )
            .unwrap_or_default(),
            address: &format!("Dorpsstraat {}\n1234 AB Ergens", 1 + n % 200),
            phone: "030 - 123 45 67",
        };
        let page_id = writes::care_page(&mut tx, &person, now).await?;
        let mut family = Vec::new();
        for (role, who) in [(Role::Admin, "familie"), (Role::Trusted, "vertrouwd")] {
            let email = format!("{who}{n}@kring.test");
            let account = writes::NewAccount {
                email: &email,
                first_name: who,
                last_name: last,
                password_hash: &hash,
                provider_id: None,
                staff_role: None,
            };
            let account_id = writes::account(&mut tx, &account, now).await?;
            writes::member(&mut tx, page_id, account_id, role.as_db(), now).await?;
            family.push((account_id, email));
        }
        let (admin, trusted) = (family[0].0, family[1].0);
        let (provider_id, staff) = organisations[n % organisations.len()];
        writes::provider_link(&mut tx, page_id, provider_id, now).await?;
        super::week_of_visits(&mut tx, page_id, provider_id, today).await?;
        super::conversations(
            &mut tx,
            page_id,
            provider_id,
            [admin, trusted, trusted, staff],
            now,
        )
        .await?;
        let writers = notebook::Writers {
            admin,
            trusted,
            helper: trusted,
        };
        notebook::seed(&mut tx, page_id, writers, now).await?;
        writes::page_photo(&mut tx, page_id, &photo(n), now).await?;
        if n % FULL_DOSSIER_EVERY == 0 {
            let staff = dossier::Author {
                id: staff,
                name: "Fatima Regio",
            };
            let family = dossier::Author {
                id: admin,
                name: "Familie",
            };
            dossier::seed(&mut tx, page_id, provider_id, staff, family, today).await?;
        }
        let reader = Account {
            id: admin,
            email: family[0].1.clone(),
            first_name: "familie".into(),
            last_name: last.into(),
            high_contrast: false,
            provider_id: None,
        };
        let who = Who {
            account: &reader,
            actor: Actor::Member(Role::Admin),
        };
        access_log::record_in(&mut tx, who, page_id, Look::Unlocked, Outcome::Done).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// A small PNG-headed photo, different per page.
fn photo(n: usize) -> Vec<u8> {
    let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut state = n as u64 | 1;
    bytes.extend((0..2_048).map(|_| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state as u8
    }));
    bytes
}
