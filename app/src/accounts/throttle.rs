//! Failed-login throttling, per account and per client address. Failures are
//! kept in the database, so a restart does not reset the count.

use crate::db::{now_text, timestamp, Db};
use crate::error::{AppError, AppResult};
use chrono::{Duration, Utc};

/// Failed attempts allowed in the window, for one e-mail address.
pub const PER_ACCOUNT: i64 = 5;
/// Failed attempts allowed in the window, from one client address.
pub const PER_CLIENT: i64 = 20;
pub const WINDOW_MINUTES: i64 = 15;

fn window_start() -> String {
    timestamp(Utc::now() - Duration::minutes(WINDOW_MINUTES))
}

pub async fn check(db: &Db, email: &str, client: &str) -> AppResult<()> {
    let since = window_start();
    let (by_email, by_client): (i64, i64) = sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM failed_logins WHERE email = ?1 AND at > ?3),
                (SELECT COUNT(*) FROM failed_logins WHERE client = ?2 AND at > ?3)",
    )
    .bind(email)
    .bind(client)
    .bind(&since)
    .fetch_one(db.reader())
    .await?;
    if by_email >= PER_ACCOUNT || by_client >= PER_CLIENT {
        return Err(AppError::RateLimited);
    }
    Ok(())
}

pub async fn record_failure(db: &Db, email: &str, client: &str) -> AppResult<()> {
    let mut tx = db.begin().await?;
    sqlx::query("DELETE FROM failed_logins WHERE at <= ?")
        .bind(window_start())
        .execute(&mut *tx)
        .await?;
    sqlx::query("INSERT INTO failed_logins (email, client, at) VALUES (?, ?, ?)")
        .bind(email)
        .bind(client)
        .bind(now_text())
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn clear(db: &Db, email: &str) -> AppResult<()> {
    sqlx::query("DELETE FROM failed_logins WHERE email = ?")
        .bind(email)
        .execute(db.writer())
        .await?;
    Ok(())
}

/// The client's address as the server saw the connection.
pub fn client_address() -> String {
    leptos::prelude::use_context::<http::request::Parts>()
        .and_then(|parts| {
            parts
                .extensions
                .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
                .map(|info| info.0.ip().to_string())
        })
        .unwrap_or_else(|| "onbekend".to_string())
}
