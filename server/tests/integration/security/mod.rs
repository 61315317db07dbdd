//! Attacks, tried as an attacker would: guessing passwords in parallel,
//! oversized bodies, stolen sessions, forwarded links, extreme dates, and
//! bursts that would cost money in mail and text messages.

mod bodies;
mod fuzz;
mod login;
mod second_step;
mod sending;
mod sessions;
mod takeover;

use crate::common::{spawn_app_with, TestApp};
use reqwest::{Client, Response};

/// An app behind a "proxy" on loopback: tests choose the client address
/// with `X-Forwarded-For`, as the operator's proxy would set it.
pub async fn app_behind_proxy() -> TestApp {
    spawn_app_with(|settings| settings.trusted_proxy = Some("127.0.0.1".parse().unwrap())).await
}

impl TestApp {
    pub async fn login_from(
        &self,
        client: &Client,
        from: &str,
        email: &str,
        password: &str,
    ) -> Response {
        client
            .post(format!("{}/api/login", self.address))
            .header("x-forwarded-for", from)
            .form(&[("email", email), ("password", password)])
            .send()
            .await
            .expect("request")
    }
}

/// `n` more failures of `email` from `client`, as if just now: enough to make
/// the pair's wait long, so that a busy test machine cannot outlast it.
pub async fn earlier_failures(app: &TestApp, email: &str, client: &str, n: usize) {
    let limit = kring_app::accounts::throttle::FAILURES_PER_PAIR;
    for _ in 0..n {
        let pair = kring_app::accounts::throttle::pair(email, client);
        assert!(limit.try_take(&app.state.db, &pair).await.unwrap());
    }
}
