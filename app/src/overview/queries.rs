//! The Overzicht's own questions to the database (server only); the
//! calendar's and the messages' are asked through their modules.

use super::share::MemberShare;
use crate::calendar::{Item, ItemKind};
use crate::db;
use crate::db::Db;
use crate::error::AppResult;
use chrono::NaiveDate;
use std::collections::HashMap;

/// Reports since `since` that `reader` has not opened; for staff, their
/// organisation's only (as the dossier shows them).
pub async fn unread_reports(
    db: &Db,
    page_id: i64,
    reader: i64,
    staff_of: Option<i64>,
    since: NaiveDate,
) -> AppResult<i64> {
    Ok(db::query_scalar(
        "SELECT COUNT(*) FROM reports r
         WHERE r.care_page_id = $1 AND r.visited_at >= $2 AND ($3 IS NULL OR r.provider_id = $3)
           AND NOT EXISTS (SELECT 1 FROM report_reads rr WHERE rr.report_id = r.id AND rr.account_id = $4)",
    )
    .bind(page_id)
    .bind(since)
    .bind(staff_of)
    .bind(reader)
    .fetch_one(db.reader())
    .await?)
}

/// Every member of the page with how many of `occurrences` they helped
/// with (series helpers included, as the calendar lists them).
pub async fn help_taken(
    db: &Db,
    page_id: i64,
    occurrences: &[(NaiveDate, Item)],
) -> AppResult<Vec<MemberShare>> {
    let members: Vec<String> = db::query_scalar(
        "SELECT a.first_name || ' ' || a.last_name FROM members m JOIN accounts a ON a.id = m.account_id
         WHERE m.care_page_id = $1 ORDER BY a.first_name, a.last_name",
    )
    .bind(page_id)
    .fetch_all(db.reader())
    .await?;
    let mut times: HashMap<String, u32> = members.iter().map(|name| (name.clone(), 0)).collect();
    for (_, item) in occurrences {
        if let ItemKind::Appointment(info) = &item.kind {
            for helper in &info.helpers {
                // Someone who left the page keeps no line of their own.
                if let Some(count) = times.get_mut(helper) {
                    *count += 1;
                }
            }
        }
    }
    Ok(members
        .into_iter()
        .map(|name| MemberShare {
            times: times.get(&name).copied().unwrap_or(0),
            name,
        })
        .collect())
}
