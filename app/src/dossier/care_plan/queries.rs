//! The statements behind the care plan's versions.

use super::{CarePlan, VersionSummary};
use crate::db;
use crate::db::{At, Db};
use crate::error::AppError;

pub struct NewVersion<'a> {
    pub page_id: i64,
    pub provider_id: i64,
    pub valid_from: chrono::NaiveDate,
    pub plan: &'a CarePlan,
    pub author_id: i64,
    pub author_name: &'a str,
}

/// Saves a new version (the screen's save, and the demo).
pub async fn insert_version<'e>(
    executor: impl db::Executor<'e>,
    version: NewVersion<'_>,
) -> Result<(), AppError> {
    let content = serde_json::to_string(version.plan).map_err(|_| AppError::Internal)?;
    db::query(
        "INSERT INTO care_plan_versions (care_page_id, provider_id, valid_from, content, author_id, author_name, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(version.page_id)
    .bind(version.provider_id)
    .bind(version.valid_from)
    .bind(content)
    .bind(version.author_id)
    .bind(version.author_name)
    .bind(At::now())
    .execute(executor)
    .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    provider_id: i64,
    valid_from: chrono::NaiveDate,
    organisation: String,
    author_name: String,
    created_at: chrono::DateTime<chrono::Utc>,
}

/// Every version `staff_of` may see (all, for the family), newest first.
pub async fn versions(
    db: &Db,
    page_id: i64,
    staff_of: Option<i64>,
) -> Result<Vec<VersionSummary>, AppError> {
    let rows: Vec<Row> = db::query_as(
        "SELECT v.id, v.provider_id, v.valid_from, p.name AS organisation, v.author_name, v.created_at
         FROM care_plan_versions v JOIN providers p ON p.id = v.provider_id
         WHERE v.care_page_id = $1 AND (v.provider_id = $2 OR $3 IS NULL)
         ORDER BY v.id DESC LIMIT 200",
    )
    .bind(page_id)
    .bind(staff_of)
    .bind(staff_of)
    .fetch_all(db.reader())
    .await?;
    let mut seen_providers = Vec::new();
    rows.into_iter()
        .map(|row| {
            let current = !seen_providers.contains(&row.provider_id);
            seen_providers.push(row.provider_id);
            Ok(VersionSummary {
                id: row.id,
                valid_from: row.valid_from.format("%Y-%m-%d").to_string(),
                organisation: row.organisation,
                author: row.author_name,
                saved: crate::dates::written_moment(row.created_at),
                current,
            })
        })
        .collect()
}

pub async fn plan(db: &Db, version_id: i64) -> Result<Option<CarePlan>, AppError> {
    let content: Option<String> =
        db::query_scalar("SELECT content FROM care_plan_versions WHERE id = $1")
            .bind(version_id)
            .fetch_optional(db.reader())
            .await?;
    content
        .map(|content| {
            serde_json::from_str(&content).map_err(|_| crate::db::unreadable("care plan"))
        })
        .transpose()
}
