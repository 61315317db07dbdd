//! Database queries of the console (server only). Every query names the
//! organisation it reads for: an id from the browser is only ever looked up
//! within the asking staff member's own organisation.

use super::{ClientRow, ClientView, IssuedCode, LinkStatus, Location, Staff};
use crate::db;
use crate::db::{At, Db};
use crate::error::{AppError, AppResult, Counted, Refusal};
use crate::links::code::ActivationCode;
use crate::policy::StaffRole;
use chrono::{DateTime, NaiveDate, Utc};

/// The organisation and role of a staff member; `None` for anyone else.
pub async fn staff_of(db: &Db, account_id: i64) -> AppResult<Option<Staff>> {
    #[derive(sqlx::FromRow)]
    struct Row {
        provider_id: i64,
        staff_role: String,
        organisation: String,
    }
    let row: Option<Row> = db::query_as(
        "SELECT a.provider_id, a.staff_role, p.name AS organisation FROM accounts a
         JOIN providers p ON p.id = a.provider_id
         WHERE a.id = $1 AND a.staff_role IS NOT NULL",
    )
    .bind(account_id)
    .fetch_optional(db.reader())
    .await?;
    row.map(|row| {
        Ok(Staff {
            account_id,
            provider_id: row.provider_id,
            role: StaffRole::from_db(&row.staff_role)
                .ok_or_else(|| crate::db::unreadable("staff role"))?,
            organisation: row.organisation,
        })
    })
    .transpose()
}

/// The columns a client's status is made of.
const STATUS_COLUMNS: &str = "c.care_page_id IS NOT NULL AND c.unlinked_at IS NULL AS linked,
    c.linked_at, c.unlinked_at, c.code_hash IS NOT NULL AS has_code, c.code_expires_at";

#[derive(sqlx::FromRow)]
struct StatusColumns {
    linked: bool,
    linked_at: Option<DateTime<Utc>>,
    unlinked_at: Option<DateTime<Utc>>,
    has_code: bool,
    code_expires_at: Option<DateTime<Utc>>,
}

impl StatusColumns {
    fn status(&self, now: DateTime<Utc>) -> LinkStatus {
        let day = |at: Option<DateTime<Utc>>| at.map(crate::dates::day_of).unwrap_or_default();
        if self.linked {
            return LinkStatus::Linked {
                since: day(self.linked_at),
            };
        }
        if self.has_code {
            let valid = self.code_expires_at.is_some_and(|at| at > now);
            // The code is valid through the day before it expires at midnight.
            let until = day(self.code_expires_at);
            return match valid {
                true => LinkStatus::CodeIssued {
                    valid_until: until.pred_opt().unwrap_or(until),
                },
                false => LinkStatus::CodeExpired { on: until },
            };
        }
        match self.unlinked_at {
            Some(_) => LinkStatus::Ended {
                on: day(self.unlinked_at),
            },
            None => LinkStatus::New,
        }
    }
}

/// A client as the organisation's own systems read it (the REST API), and
/// what the console's list is made from.
#[derive(Debug, Clone)]
pub struct ClientRecord {
    pub id: i64,
    pub first_name: String,
    pub last_name: String,
    pub birth_date: NaiveDate,
    pub location: Option<String>,
    pub status: LinkStatus,
}

/// The columns of a [`RecordRow`], from `clients c` and `locations l`.
fn record_columns() -> String {
    format!("c.id, c.first_name, c.last_name, c.birth_date, l.name AS location, {STATUS_COLUMNS}")
}

#[derive(sqlx::FromRow)]
struct RecordRow {
    id: i64,
    first_name: String,
    last_name: String,
    birth_date: NaiveDate,
    location: Option<String>,
    #[sqlx(flatten)]
    status: StatusColumns,
}

impl RecordRow {
    fn record(self, now: DateTime<Utc>) -> ClientRecord {
        ClientRecord {
            status: self.status.status(now),
            id: self.id,
            first_name: self.first_name,
            last_name: self.last_name,
            birth_date: self.birth_date,
            location: self.location,
        }
    }
}

/// The organisation's clients whose name holds `search`, at one location
/// (or all), by name; at most `limit`, with how many match in all.
pub async fn clients(
    db: &Db,
    provider_id: i64,
    search: &str,
    location: Option<i64>,
    limit: usize,
) -> AppResult<(Vec<ClientRow>, i64)> {
    let pattern = format!("%{}%", search.replace(['%', '_', '\\'], ""));
    let filter = "c.provider_id = $1
         AND lower(c.first_name || ' ' || c.last_name) LIKE lower($2)
         AND ($3 IS NULL OR c.location_id = $3)";
    let matching: i64 = db::query_scalar(&format!("SELECT COUNT(*) FROM clients c WHERE {filter}"))
        .bind(provider_id)
        .bind(&pattern)
        .bind(location)
        .fetch_one(db.reader())
        .await?;
    let rows: Vec<RecordRow> = db::query_as(&format!(
        "SELECT {} FROM clients c LEFT JOIN locations l ON l.id = c.location_id
         WHERE {filter}
         ORDER BY c.last_name, c.first_name, c.id LIMIT $4",
        record_columns()
    ))
    .bind(provider_id)
    .bind(&pattern)
    .bind(location)
    .bind(limit as i64)
    .fetch_all(db.reader())
    .await?;
    let now = Utc::now();
    let clients = rows
        .into_iter()
        .map(|row| row.record(now))
        .map(|record| ClientRow {
            id: record.id,
            name: format!("{} {}", record.first_name, record.last_name),
            birth_date: record.birth_date,
            location: record.location,
            status: record.status,
        })
        .collect();
    Ok((clients, matching))
}

/// The organisation's clients with an id above `after` (or just `only`), by id.
pub async fn client_records(
    db: &Db,
    provider_id: i64,
    after: i64,
    only: Option<i64>,
    limit: i64,
) -> AppResult<Vec<ClientRecord>> {
    let rows: Vec<RecordRow> = db::query_as(&format!(
        "SELECT {} FROM clients c LEFT JOIN locations l ON l.id = c.location_id
         WHERE c.provider_id = $1 AND c.id > $2 AND ($3 IS NULL OR c.id = $3)
         ORDER BY c.id LIMIT $4",
        record_columns()
    ))
    .bind(provider_id)
    .bind(after)
    .bind(only)
    .bind(limit)
    .fetch_all(db.reader())
    .await?;
    let now = Utc::now();
    Ok(rows.into_iter().map(|row| row.record(now)).collect())
}

/// One client of the organisation; `None` for an id of another.
pub async fn client(db: &Db, staff: &Staff, client_id: i64) -> AppResult<Option<ClientView>> {
    #[derive(sqlx::FromRow)]
    struct Row {
        first_name: String,
        last_name: String,
        birth_date: NaiveDate,
        location: Option<String>,
        care_page_id: Option<i64>,
        #[sqlx(flatten)]
        status: StatusColumns,
    }
    let row: Option<Row> = db::query_as(&format!(
        "SELECT c.first_name, c.last_name, c.birth_date, l.name AS location, c.care_page_id,
                {STATUS_COLUMNS}
         FROM clients c LEFT JOIN locations l ON l.id = c.location_id
         WHERE c.id = $1 AND c.provider_id = $2"
    ))
    .bind(client_id)
    .bind(staff.provider_id)
    .fetch_optional(db.reader())
    .await?;
    let now = Utc::now();
    Ok(row.map(|row| {
        let status = row.status.status(now);
        ClientView {
            id: client_id,
            organisation: staff.organisation.clone(),
            name: format!("{} {}", row.first_name, row.last_name),
            birth_date: row.birth_date,
            location: row.location,
            page_id: matches!(status, LinkStatus::Linked { .. })
                .then_some(row.care_page_id)
                .flatten(),
            status,
            may_end_link: false,
        }
    }))
}

/// Adds a client; the location must be one of the organisation's own.
pub async fn add_client(
    db: &Db,
    provider_id: i64,
    location: Option<i64>,
    first_name: &str,
    last_name: &str,
    birth_date: NaiveDate,
) -> AppResult<i64> {
    if let Some(location) = location {
        if !is_own_location(db, provider_id, location).await? {
            return Err(AppError::NotFound);
        }
    }
    let clients: i64 = db::query_scalar("SELECT COUNT(*) FROM clients WHERE provider_id = $1")
        .bind(provider_id)
        .fetch_one(db.reader())
        .await?;
    if clients >= super::MAX_CLIENTS {
        return Err(AppError::Refused(Refusal::TooMany {
            what: Counted::Clients,
            max: super::MAX_CLIENTS,
        }));
    }
    Ok(db::query_scalar(
        "INSERT INTO clients (provider_id, location_id, first_name, last_name, birth_date, created_at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(provider_id)
    .bind(location)
    .bind(first_name)
    .bind(last_name)
    .bind(birth_date)
    .bind(At::now())
    .fetch_one(db.writer())
    .await?)
}

/// A new code for the client, voiding the one before; refused while the
/// client is linked. The digits leave this function and are kept nowhere.
pub async fn issue_code(
    db: &Db,
    key: &crate::secret::ServerKey,
    provider_id: i64,
    client_id: i64,
) -> AppResult<IssuedCode> {
    let linked: Option<bool> = db::query_scalar(
        "SELECT care_page_id IS NOT NULL AND unlinked_at IS NULL FROM clients WHERE id = $1 AND provider_id = $2",
    )
    .bind(client_id)
    .bind(provider_id)
    .fetch_optional(db.reader())
    .await?;
    match linked {
        None => return Err(AppError::NotFound),
        Some(true) => return Err(AppError::Refused(Refusal::ClientLinked)),
        Some(false) => {}
    }
    let code = ActivationCode::generate();
    // Valid through the last day: it expires at midnight (Amsterdam) after it.
    let last_day = crate::dates::today() + chrono::Duration::days(crate::links::CODE_DAYS);
    let expires = last_day
        .succ_opt()
        .and_then(|day| day.and_hms_opt(0, 0, 0))
        .and_then(|midnight| {
            midnight
                .and_local_timezone(chrono_tz::Europe::Amsterdam)
                .earliest()
        })
        .map(|at| At(at.with_timezone(&Utc)))
        .ok_or(AppError::Internal)?;
    db::query(
        "UPDATE clients SET code_hash = $1, code_expires_at = $2 WHERE id = $3 AND provider_id = $4",
    )
    .bind(code.hash(key))
    .bind(expires)
    .bind(client_id)
    .bind(provider_id)
    .execute(db.writer())
    .await?;
    Ok(IssuedCode {
        code: code.grouped(),
        valid_until: last_day,
    })
}

/// The last valid day of the client's code, when `code` is it and still
/// valid (to print its letter again).
pub async fn current_code_until(
    db: &Db,
    key: &crate::secret::ServerKey,
    provider_id: i64,
    client_id: i64,
    code: &ActivationCode,
) -> AppResult<Option<NaiveDate>> {
    let expires: Option<DateTime<Utc>> = db::query_scalar(
        "SELECT code_expires_at FROM clients
         WHERE id = $1 AND provider_id = $2 AND code_hash IN ($3, $4) AND code_expires_at > $5",
    )
    .bind(client_id)
    .bind(provider_id)
    .bind(code.hash(key))
    .bind(code.legacy_hash())
    .bind(At::now())
    .fetch_optional(db.reader())
    .await?;
    Ok(expires
        .map(crate::dates::day_of)
        .and_then(|day| day.pred_opt()))
}

/// The linked page of a client of the organisation, if linked.
pub async fn linked_page(db: &Db, provider_id: i64, client_id: i64) -> AppResult<Option<i64>> {
    Ok(match client_link(db, provider_id, client_id).await? {
        Some(ClientLink::Linked(page_id)) => Some(page_id),
        _ => None,
    })
}

/// A client of the organisation and whether it is linked to a page now.
pub enum ClientLink {
    Linked(i64),
    NotLinked,
}

/// How a client of the organisation is linked; `None` for a client of
/// another organisation as for none.
pub async fn client_link(
    db: &Db,
    provider_id: i64,
    client_id: i64,
) -> AppResult<Option<ClientLink>> {
    let row: Option<Option<i64>> = db::query_scalar(
        "SELECT CASE WHEN unlinked_at IS NULL THEN care_page_id END FROM clients
         WHERE id = $1 AND provider_id = $2",
    )
    .bind(client_id)
    .bind(provider_id)
    .fetch_optional(db.reader())
    .await?;
    Ok(row.map(|page| match page {
        Some(page_id) => ClientLink::Linked(page_id),
        None => ClientLink::NotLinked,
    }))
}

pub async fn locations(db: &Db, provider_id: i64) -> AppResult<Vec<Location>> {
    Ok(
        db::query_as("SELECT id, name FROM locations WHERE provider_id = $1 ORDER BY name")
            .bind(provider_id)
            .fetch_all(db.reader())
            .await?,
    )
}

pub async fn is_own_location(db: &Db, provider_id: i64, location_id: i64) -> AppResult<bool> {
    let found: Option<bool> =
        db::query_scalar("SELECT TRUE FROM locations WHERE id = $1 AND provider_id = $2")
            .bind(location_id)
            .bind(provider_id)
            .fetch_optional(db.reader())
            .await?;
    Ok(found.is_some())
}

/// What the activation letter names: the client and the organisation (never
/// the birth date: that is the family's check).
#[derive(sqlx::FromRow)]
pub struct LetterDetails {
    pub first_name: String,
    pub last_name: String,
    pub organisation: String,
}

pub async fn letter_details(
    db: &Db,
    provider_id: i64,
    client_id: i64,
) -> AppResult<Option<LetterDetails>> {
    Ok(db::query_as(
        "SELECT c.first_name, c.last_name, p.name AS organisation FROM clients c
         JOIN providers p ON p.id = c.provider_id WHERE c.id = $1 AND c.provider_id = $2",
    )
    .bind(client_id)
    .bind(provider_id)
    .fetch_optional(db.reader())
    .await?)
}
