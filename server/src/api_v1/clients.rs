//! `GET /api/v1/clients` and `GET /api/v1/clients/{id}`: the organisation's
//! clients with their link status.

use super::{caller, Problem};
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::Json;
use chrono::NaiveDate;
use kring_app::organisation::queries::{client_records, ClientRecord};
use kring_app::organisation::tokens::Scope;
use kring_app::organisation::LinkStatus;
use kring_app::state::AppState;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// Clients per answer at most.
const MAX_LIMIT: u32 = 500;

#[derive(Debug, Serialize, ToSchema)]
pub struct Client {
    pub id: i64,
    pub first_name: String,
    pub last_name: String,
    pub birth_date: NaiveDate,
    pub location: Option<String>,
    pub link: Link,
}

/// Where the client stands with Kring.
#[derive(Debug, Serialize, ToSchema)]
pub struct Link {
    pub status: LinkState,
    /// Linked: since; code issued: valid through; code expired and link
    /// ended: on. Absent for a new client.
    pub date: Option<NaiveDate>,
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum LinkState {
    New,
    CodeIssued,
    CodeExpired,
    Linked,
    Ended,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ClientList {
    pub clients: Vec<Client>,
    /// Pass as `after` for the next clients; absent on the last ones.
    pub next_after: Option<i64>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// The `next_after` of the previous answer.
    #[param(minimum = 0)]
    pub after: Option<i64>,
    /// How many clients (1–500, default 100).
    #[param(minimum = 1, maximum = 500)]
    pub limit: Option<u32>,
}

fn client(record: ClientRecord) -> Client {
    let (status, date) = match record.status {
        LinkStatus::New => (LinkState::New, None),
        LinkStatus::CodeIssued { valid_until } => (LinkState::CodeIssued, Some(valid_until)),
        LinkStatus::CodeExpired { on } => (LinkState::CodeExpired, Some(on)),
        LinkStatus::Linked { since } => (LinkState::Linked, Some(since)),
        LinkStatus::Ended { on } => (LinkState::Ended, Some(on)),
    };
    Client {
        id: record.id,
        first_name: record.first_name,
        last_name: record.last_name,
        birth_date: record.birth_date,
        location: record.location,
        link: Link { status, date },
    }
}

/// The organisation's clients, by id, a page at a time.
#[utoipa::path(
    get, path = "/api/v1/clients", tag = "clients",
    params(ListQuery),
    responses(
        (status = 200, description = "The clients", body = ClientList),
        (status = 401, description = "No live token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The token lacks `clients:read`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A parameter is not right", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["clients:read"]))
)]
pub async fn list(
    State(state): State<AppState>,
    headers: HeaderMap,
    query: Result<Query<ListQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<ClientList>, Problem> {
    let caller = caller(&state, &headers, Scope::ClientsRead).await?;
    let Query(query) = query.map_err(|error| Problem::invalid("query", error.body_text()))?;
    let after = query.after.unwrap_or(0);
    if after < 0 {
        return Err(Problem::invalid("after", "0 or more"));
    }
    let limit = query.limit.unwrap_or(100);
    if !(1..=MAX_LIMIT).contains(&limit) {
        return Err(Problem::invalid(
            "limit",
            format!("between 1 and {MAX_LIMIT}"),
        ));
    }
    let records = client_records(&state.db, caller.provider_id, after, None, limit as i64 + 1)
        .await
        .map_err(Problem::from)?;
    let more = records.len() > limit as usize;
    let clients: Vec<Client> = records
        .into_iter()
        .take(limit as usize)
        .map(client)
        .collect();
    let next_after = more.then(|| clients.last().map(|c| c.id)).flatten();
    Ok(Json(ClientList {
        clients,
        next_after,
    }))
}

/// One client of the organisation (404 for an id of another).
#[utoipa::path(
    get, path = "/api/v1/clients/{id}", tag = "clients",
    params(("id" = i64, Path, description = "The client's id")),
    responses(
        (status = 200, description = "The client", body = Client),
        (status = 401, description = "No live token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The token lacks `clients:read`", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such client of the organisation", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["clients:read"]))
)]
pub async fn one(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Json<Client>, Problem> {
    let caller = caller(&state, &headers, Scope::ClientsRead).await?;
    let id: i64 = id.parse().map_err(|_| Problem::not_found())?;
    let record = client_records(&state.db, caller.provider_id, 0, Some(id), 1)
        .await
        .map_err(Problem::from)?
        .pop()
        .ok_or_else(Problem::not_found)?;
    Ok(Json(client(record)))
}
