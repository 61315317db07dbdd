//! The demo's organisations: Thuiszorg De Linde with its admin, a location
//! and a few clients (the demo page's person linked, one with a fresh
//! activation code whose letter can be printed), and a physiotherapy
//! practice linked to the same page.

use super::DemoLogin;
use crate::error::AppResult;
use crate::links::code::ActivationCode;
use sqlx::{Sqlite, Transaction};

/// Fills in De Linde (already made, with Fatima as employee) and adds the
/// practice; returns the logins to print and the unused activation code.
pub async fn seed(
    tx: &mut Transaction<'static, Sqlite>,
    key: &crate::secret::ServerKey,
    page_id: i64,
    de_linde: i64,
    password_hash: &str,
    now: &str,
) -> AppResult<(Vec<DemoLogin>, String)> {
    let location: i64 = sqlx::query_scalar(
        "INSERT INTO locations (provider_id, name) VALUES (?, 'Team Utrecht-Oost') RETURNING id",
    )
    .bind(de_linde)
    .fetch_one(&mut **tx)
    .await?;
    sqlx::query(
        "INSERT INTO staff_locations (account_id, location_id)
         SELECT id, ? FROM accounts WHERE provider_id = ?",
    )
    .bind(location)
    .bind(de_linde)
    .execute(&mut **tx)
    .await?;
    let practice: i64 = sqlx::query_scalar(
        "INSERT INTO providers (name, created_at) VALUES ('Fysiotherapie Oost', ?) RETURNING id",
    )
    .bind(now)
    .fetch_one(&mut **tx)
    .await?;
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
        sqlx::query(
            "INSERT INTO accounts (email, first_name, last_name, password_hash, provider_id, staff_role, created_at)
             VALUES (?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(email)
        .bind(first)
        .bind(last)
        .bind(password_hash)
        .bind(provider)
        .bind(role)
        .bind(now)
        .execute(&mut **tx)
        .await?;
        logins.push(DemoLogin { who, email });
    }
    sqlx::query(
        "INSERT INTO provider_links (care_page_id, provider_id, linked_at) VALUES (?, ?, ?)",
    )
    .bind(page_id)
    .bind(practice)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    // Johanna is a client of both, linked to her page.
    for provider in [de_linde, practice] {
        sqlx::query(
            "INSERT INTO clients (provider_id, location_id, first_name, last_name, birth_date, created_at, care_page_id, linked_at)
             VALUES (?, ?, 'Johanna', 'Bakker', '1938-04-12', ?, ?, ?)",
        )
        .bind(provider)
        .bind((provider == de_linde).then_some(location))
        .bind(now)
        .bind(page_id)
        .bind(now)
        .execute(&mut **tx)
        .await?;
    }
    let code = ActivationCode::generate();
    let expires =
        crate::db::timestamp(chrono::Utc::now() + chrono::Duration::days(crate::links::CODE_DAYS));
    for (first, last, born, code_hash) in [
        ("Hendrik", "Jansen", "1935-09-02", Some(code.hash(key))),
        ("Aaltje", "de Groot", "1942-01-23", None),
    ] {
        sqlx::query(
            "INSERT INTO clients (provider_id, location_id, first_name, last_name, birth_date, created_at, code_hash, code_expires_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(de_linde)
        .bind(location)
        .bind(first)
        .bind(last)
        .bind(born)
        .bind(now)
        .bind(code_hash.as_ref())
        .bind(code_hash.as_ref().map(|_| &expires))
        .execute(&mut **tx)
        .await?;
    }
    Ok((logins, code.grouped()))
}

/// An API token of De Linde with every scope, to try the REST API with;
/// like every token, kept only as its hash, so printed now or never.
pub async fn api_token(
    tx: &mut Transaction<'static, Sqlite>,
    de_linde: i64,
    now: &str,
) -> AppResult<String> {
    use crate::organisation::tokens::{Scope, PREFIX};
    let (secret, _) = crate::accounts::session::new_token();
    let token = format!("{PREFIX}{secret}");
    let scopes: Vec<&str> = Scope::ALL.iter().map(|scope| scope.as_str()).collect();
    sqlx::query(
        "INSERT INTO api_tokens (provider_id, name, token_hash, scopes, created_at) VALUES (?, 'Demo', ?, ?, ?)",
    )
    .bind(de_linde)
    .bind(crate::accounts::session::hash_token(&token))
    .bind(scopes.join(" "))
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(token)
}

pub const INEKE: &str = "ineke@delinde.test";
pub const JORIS: &str = "joris@fysio-oost.test";
