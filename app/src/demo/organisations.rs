//! The demo's organisations: Thuiszorg De Linde with its admin, a location
//! and a few clients (the demo page's person linked, one with a fresh
//! activation code whose letter can be printed), and a physiotherapy
//! practice linked to the same page.

use super::{writes, DemoLogin};
use crate::db::{self, At};
use crate::error::AppResult;
use crate::links::code::ActivationCode;

/// Fills in De Linde (already made, with Fatima as employee) and adds the
/// practice; returns the logins to print and the unused activation code.
pub async fn seed(
    tx: &mut db::Tx,
    key: &crate::secret::ServerKey,
    page_id: i64,
    de_linde: i64,
    password_hash: &str,
    now: At,
) -> AppResult<(Vec<DemoLogin>, String)> {
    let location = writes::location(tx, de_linde, "Team Utrecht-Oost").await?;
    writes::all_staff_at(tx, de_linde, location).await?;
    let practice = writes::provider(tx, "Fysiotherapie Oost", now).await?;
    let mut logins = Vec::new();
    for (first, last, email, provider, role, who) in [
        (
            "Ineke",
            "Vos",
            INEKE,
            de_linde,
            "admin",
            "teamleider, beheerder van Thuiszorg De Linde",
        ),
        (
            "Joris",
            "Smit",
            JORIS,
            practice,
            "admin",
            "fysiotherapeut, Fysiotherapie Oost",
        ),
    ] {
        let account = writes::NewAccount {
            email,
            first_name: first,
            last_name: last,
            password_hash,
            provider_id: Some(provider),
            staff_role: Some(role),
        };
        writes::account(tx, &account, now).await?;
        logins.push(DemoLogin { who, email });
    }
    writes::provider_link(tx, page_id, practice, now).await?;
    // Johanna is a client of both, linked to her page.
    for provider in [de_linde, practice] {
        let client = writes::Client {
            provider_id: provider,
            location_id: (provider == de_linde).then_some(location),
            first_name: "Johanna",
            last_name: "Bakker",
            birth_date: super::date("1938-04-12"),
            care_page_id: Some(page_id),
            code: None,
        };
        writes::client(tx, &client, now).await?;
    }
    let code = ActivationCode::generate();
    let expires = chrono::Utc::now() + chrono::Duration::days(crate::links::CODE_DAYS);
    for (first, last, born, code_hash) in [
        ("Hendrik", "Jansen", "1935-09-02", Some(code.hash(key))),
        ("Aaltje", "de Groot", "1942-01-23", None),
    ] {
        let client = writes::Client {
            provider_id: de_linde,
            location_id: Some(location),
            first_name: first,
            last_name: last,
            birth_date: super::date(born),
            care_page_id: None,
            code: code_hash.as_deref().map(|hash| (hash, expires)),
        };
        writes::client(tx, &client, now).await?;
    }
    Ok((logins, code.grouped()))
}

/// An API token of De Linde with every scope, to try the REST API with;
/// like every token, kept only as its hash, so printed now or never.
pub async fn api_token(tx: &mut db::Tx, de_linde: i64, now: At) -> AppResult<String> {
    use crate::organisation::tokens::{Scope, PREFIX};
    let (secret, _) = crate::accounts::session::new_token();
    let token = format!("{PREFIX}{secret}");
    let scopes: Vec<&str> = Scope::ALL.iter().map(|scope| scope.as_str()).collect();
    let hash = crate::accounts::session::hash_token(&token);
    writes::api_token(tx, de_linde, "Demo", &hash, &scopes.join(" "), now).await?;
    Ok(token)
}

pub const INEKE: &str = "ineke@delinde.test";
pub const JORIS: &str = "joris@fysio-oost.test";
