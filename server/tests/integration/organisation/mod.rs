//! The organisation's side: activation codes and links, the console and its
//! access matrix, staff and locations, the operator's command.

mod api;
mod api_contract;
mod bulk;
mod codes;
mod inbox;
mod matrix;
mod staff;
mod visits;

use crate::common::Family;
use kring_app::db;
use kring_app::demo::{DEMO_PASSWORD, INEKE};
use reqwest::{Client, StatusCode};

/// Logs in a demo account.
pub async fn login(family: &Family, email: &str) -> Client {
    let client = crate::common::new_client();
    let response = family.app.login_as(&client, email, DEMO_PASSWORD).await;
    assert_eq!(response.status(), StatusCode::OK, "login {email}");
    client
}

pub async fn scalar(family: &Family, sql: &str) -> i64 {
    db::query_scalar(sql)
        .fetch_one(family.app.state.db.reader())
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}

/// The demo client with the unused code, and the one linked to the demo page.
pub async fn hendrik(family: &Family) -> i64 {
    scalar(
        family,
        "SELECT id FROM clients WHERE first_name = 'Hendrik'",
    )
    .await
}

pub async fn johanna_at_de_linde(family: &Family) -> i64 {
    scalar(
        family,
        "SELECT c.id FROM clients c JOIN providers p ON p.id = c.provider_id
         WHERE c.first_name = 'Johanna' AND p.name = 'Thuiszorg De Linde'",
    )
    .await
}

pub fn done(status: StatusCode) -> bool {
    status.is_success() || status.is_redirection()
}

/// The organisation admin of De Linde, logged in.
pub async fn ineke(family: &Family) -> Client {
    login(family, INEKE).await
}
