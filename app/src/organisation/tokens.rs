//! API tokens: how the organisation's own systems (client record, planning)
//! reach Kring's REST API. The organisation admin makes one with a name and
//! scopes; the token is shown once and kept only as SHA-256; each use is
//! noted; a revoked token is refused from its next request.

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
#[cfg(feature = "ssr")]
use {
    super::token_queries, crate::access::authorize_org, crate::i18n::t, crate::policy::OrgAction,
    crate::state::app_state,
};

/// What a token may do, named as the API documents it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Scope {
    ClientsRead,
    VisitsWrite,
    ReportsWrite,
    MeasurementsWrite,
}

impl Scope {
    pub const ALL: [Scope; 4] = [
        Scope::ClientsRead,
        Scope::VisitsWrite,
        Scope::ReportsWrite,
        Scope::MeasurementsWrite,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Scope::ClientsRead => "clients:read",
            Scope::VisitsWrite => "visits:write",
            Scope::ReportsWrite => "reports:write",
            Scope::MeasurementsWrite => "measurements:write",
        }
    }

    pub fn parse(value: &str) -> Option<Scope> {
        Scope::ALL.into_iter().find(|scope| scope.as_str() == value)
    }
}

/// The longest token name.
pub const MAX_NAME_LEN: usize = 60;
/// Live tokens one organisation may have.
pub const MAX_TOKENS: i64 = 20;
/// What every token starts with, so a leaked one is recognised.
pub const PREFIX: &str = "kring_";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenRow {
    pub id: i64,
    pub name: String,
    pub scopes: Vec<String>,
    pub created: String,
    pub last_used: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokensView {
    pub organisation: String,
    pub tokens: Vec<TokenRow>,
}

#[server(prefix = "/api", endpoint = "org_tokens")]
pub async fn org_tokens() -> Result<TokensView, AppError> {
    let state = app_state()?;
    let admin = authorize_org(&state, OrgAction::ManageTokens).await?;
    let rows = token_queries::live_tokens(&state.db, admin.provider_id).await?;
    let tokens = rows
        .into_iter()
        .map(|row| {
            Ok(TokenRow {
                scopes: row.scopes.split(' ').map(str::to_string).collect(),
                created: crate::dates::written_moment(row.created_at),
                last_used: row.last_used_at.map(crate::dates::written_moment),
                id: row.id,
                name: row.name,
            })
        })
        .collect::<Result<Vec<_>, AppError>>()?;
    Ok(TokensView {
        organisation: admin.organisation,
        tokens,
    })
}

/// Makes a token; the answer is the token itself, shown once.
#[server(prefix = "/api", endpoint = "create_token")]
pub async fn create_token(
    name: String,
    #[server(default)] clients_read: crate::form_value::Checkbox,
    #[server(default)] visits_write: crate::form_value::Checkbox,
    #[server(default)] reports_write: crate::form_value::Checkbox,
    #[server(default)] measurements_write: crate::form_value::Checkbox,
) -> Result<String, AppError> {
    let state = app_state()?;
    let admin = authorize_org(&state, OrgAction::ManageTokens).await?;
    let text = t().org;
    let name = name.trim();
    if name.is_empty() || name.chars().any(char::is_control) {
        return Err(AppError::in_field("name")(crate::fields::required(
            text.token_name,
        )));
    }
    if name.chars().count() > MAX_NAME_LEN {
        return Err(AppError::in_field("name")(crate::i18n::fill(
            t().err_too_long,
            &[
                ("field", text.token_name),
                ("max", &MAX_NAME_LEN.to_string()),
            ],
        )));
    }
    let scopes: Vec<&str> = [
        (clients_read, Scope::ClientsRead),
        (visits_write, Scope::VisitsWrite),
        (reports_write, Scope::ReportsWrite),
        (measurements_write, Scope::MeasurementsWrite),
    ]
    .into_iter()
    .filter(|(ticked, _)| ticked.0)
    .map(|(_, scope)| scope.as_str())
    .collect();
    if scopes.is_empty() {
        return Err(AppError::invalid(text.token_no_scope));
    }
    let live = token_queries::live_count(&state.db, admin.provider_id).await?;
    if live >= MAX_TOKENS {
        return Err(AppError::invalid(crate::i18n::fill(
            text.token_too_many,
            &[("max", &MAX_TOKENS.to_string())],
        )));
    }
    let (secret, _) = crate::accounts::session::new_token();
    let token = format!("{PREFIX}{secret}");
    let hash = crate::accounts::session::hash_token(&token);
    let scopes = scopes.join(" ");
    let new = token_queries::NewToken {
        provider_id: admin.provider_id,
        name,
        token_hash: &hash,
        scopes: &scopes,
        created_by: admin.account_id,
    };
    token_queries::create(&state.db, &new, chrono::Utc::now()).await?;
    Ok(token)
}

#[server(prefix = "/api", endpoint = "revoke_token")]
pub async fn revoke_token(token_id: i64) -> Result<(), AppError> {
    let state = app_state()?;
    let admin = authorize_org(&state, OrgAction::ManageTokens).await?;
    let revoked =
        token_queries::revoke(&state.db, admin.provider_id, token_id, chrono::Utc::now()).await?;
    if !revoked {
        return Err(AppError::NotFound);
    }
    crate::accounts::flash::notice(&state.db, t().org.token_revoked).await
}

/// Who calls the API: the organisation behind a valid token.
#[cfg(feature = "ssr")]
#[derive(Debug, Clone)]
pub struct ApiCaller {
    pub token_id: i64,
    pub token_name: String,
    pub provider_id: i64,
    pub organisation: String,
    pub scopes: Vec<Scope>,
}

#[cfg(feature = "ssr")]
impl ApiCaller {
    pub fn may(&self, scope: Scope) -> bool {
        self.scopes.contains(&scope)
    }
}

/// The caller of a bearer token, if it is live; notes its use (at most once
/// a minute, so a bulk upload is not a write per request).
#[cfg(feature = "ssr")]
pub async fn authenticate(db: &crate::db::Db, token: &str) -> Result<Option<ApiCaller>, AppError> {
    if !token.starts_with(PREFIX) || token.len() > 200 {
        return Ok(None);
    }
    let hash = crate::accounts::session::hash_token(token);
    let Some(row) = token_queries::live_by_hash(db, &hash).await? else {
        return Ok(None);
    };
    let now = chrono::Utc::now();
    if row
        .last_used_at
        .is_none_or(|at| at < now - chrono::Duration::minutes(1))
    {
        token_queries::mark_used(db, row.id, now).await?;
    }
    Ok(Some(ApiCaller {
        token_id: row.id,
        token_name: row.name,
        provider_id: row.provider_id,
        organisation: row.organisation,
        scopes: row.scopes.split(' ').filter_map(Scope::parse).collect(),
    }))
}
