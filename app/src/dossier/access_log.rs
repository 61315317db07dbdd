//! The dossier's access log (NEN 7513): one row for every look in and every
//! write to a dossier, every code asked or typed wrong, and every refusal.
//! Append-only twice over: the database refuses UPDATE and DELETE on the
//! table (triggers), and each row carries a SHA-256 over the previous row's
//! hash and its own content, so [`check_chain`] finds a changed, removed or
//! inserted row even if someone went around the triggers.

use super::access_log_queries as queries;
use crate::accounts::Account;
use crate::db;
use crate::db::Db;
use crate::error::AppError;
use crate::policy::{Actor, Role};
use chrono::{DateTime, SubsecRound, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// What happened, stored as a code and put into words when read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Look {
    CodeRequested,
    Unlocked,
    CodeWrong,
    CarePlanRead,
    CarePlanWritten,
    CarePlanPdf,
    ReportsRead,
    ReportWritten,
    MeasurementsRead,
    MeasurementAdded,
    LogRead,
    LogDownloaded,
    MedicationRead,
    MedicationWritten,
    /// The dossier went into "Alles downloaden".
    Exported,
}

impl Look {
    const ALL: [Look; 15] = [
        Look::CodeRequested,
        Look::Unlocked,
        Look::CodeWrong,
        Look::CarePlanRead,
        Look::CarePlanWritten,
        Look::CarePlanPdf,
        Look::ReportsRead,
        Look::ReportWritten,
        Look::MeasurementsRead,
        Look::MeasurementAdded,
        Look::LogRead,
        Look::LogDownloaded,
        Look::MedicationRead,
        Look::MedicationWritten,
        Look::Exported,
    ];

    pub fn as_db(self) -> &'static str {
        match self {
            Look::CodeRequested => "code_requested",
            Look::Unlocked => "unlocked",
            Look::CodeWrong => "code_wrong",
            Look::CarePlanRead => "care_plan_read",
            Look::CarePlanWritten => "care_plan_written",
            Look::CarePlanPdf => "care_plan_pdf",
            Look::ReportsRead => "reports_read",
            Look::ReportWritten => "report_written",
            Look::MeasurementsRead => "measurements_read",
            Look::MeasurementAdded => "measurement_added",
            Look::LogRead => "log_read",
            Look::LogDownloaded => "log_downloaded",
            Look::MedicationRead => "medication_read",
            Look::MedicationWritten => "medication_written",
            Look::Exported => "exported",
        }
    }

    pub fn from_db(value: &str) -> Option<Look> {
        Look::ALL.into_iter().find(|look| look.as_db() == value)
    }
}

#[cfg(feature = "ssr")]
crate::stored_as_word!(Look);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Outcome {
    Done,
    Refused,
}

impl Outcome {
    pub fn as_db(self) -> &'static str {
        match self {
            Outcome::Done => "done",
            Outcome::Refused => "refused",
        }
    }
}

/// The role a row names: how the account stood on the page at that moment.
pub fn role_code(actor: Actor) -> &'static str {
    match actor {
        Actor::Member(Role::Admin) => "admin",
        Actor::Member(Role::Trusted) => "trusted",
        Actor::Member(Role::Helper) => "helper",
        Actor::LinkedStaff => "staff",
        Actor::Stranger => "stranger",
        Actor::Anonymous => "anonymous",
    }
}

/// One row as stored, in the order the hash reads it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Row {
    pub id: i64,
    /// To the second, as the hash reads it ("2026-12-07T16:13:12Z").
    pub at: DateTime<Utc>,
    pub account_id: Option<i64>,
    pub account_name: String,
    pub role: String,
    pub provider_id: Option<i64>,
    pub provider_name: Option<String>,
    pub care_page_id: i64,
    pub what: String,
    pub outcome: String,
    pub prev_hash: Vec<u8>,
    pub row_hash: Vec<u8>,
}

impl Row {
    /// The hash this row must carry, given the one before it. Fields are
    /// separated by a byte that no text in them contains (unit separator,
    /// refused in every input), so no two rows read alike.
    fn expected_hash(&self) -> Vec<u8> {
        let content = format!(
            "{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}",
            self.id,
            crate::db::timestamp(self.at),
            self.account_id.map(|id| id.to_string()).unwrap_or_default(),
            self.account_name,
            self.role,
            self.provider_id
                .map(|id| id.to_string())
                .unwrap_or_default(),
            self.provider_name.as_deref().unwrap_or_default(),
            self.care_page_id,
            self.what,
            self.outcome,
        );
        let mut hasher = Sha256::new();
        hasher.update(&self.prev_hash);
        hasher.update(content.as_bytes());
        hasher.finalize().to_vec()
    }
}

/// The hash before the first row.
const GENESIS: [u8; 32] = [0; 32];

/// Whom a row is about: the account, and how it stood on the page then.
#[derive(Debug, Clone, Copy)]
pub struct Who<'a> {
    pub account: &'a Account,
    pub actor: Actor,
}

/// Writes one row, inside `tx` (so a look and its row commit together).
pub async fn record_in(
    tx: &mut db::Tx,
    who: Who<'_>,
    page_id: i64,
    look: Look,
    outcome: Outcome,
) -> Result<(), AppError> {
    let Who { account, actor } = who;
    // Staff are named with their organisation, also where it is not linked.
    let provider_name: Option<String> = match account.provider_id {
        Some(provider_id) if matches!(actor, Actor::LinkedStaff | Actor::Stranger) => {
            queries::provider_name(tx, provider_id).await?
        }
        _ => None,
    };
    let account_name = format!("{} {}", account.first_name, account.last_name);
    let entry = Entry {
        account_id: Some(account.id),
        account_name: &account_name,
        role: role_code(actor),
        provider: provider_name.map(|name| (account.provider_id.unwrap_or_default(), name)),
        page_id,
        look,
        outcome,
    };
    append(tx, entry).await
}

/// Writes the row of an organisation's own system (an API token) reading or
/// writing the dossier: named after the token, with the organisation.
pub async fn record_api_in(
    tx: &mut db::Tx,
    token_name: &str,
    provider: (i64, String),
    page_id: i64,
    look: Look,
) -> Result<(), AppError> {
    let account_name = format!("API: {token_name}");
    let entry = Entry {
        account_id: None,
        account_name: &account_name,
        role: role_code(Actor::LinkedStaff),
        provider: Some(provider),
        page_id,
        look,
        outcome: Outcome::Done,
    };
    append(tx, entry).await
}

/// What a new row says, before it is chained.
struct Entry<'a> {
    account_id: Option<i64>,
    account_name: &'a str,
    role: &'a str,
    provider: Option<(i64, String)>,
    page_id: i64,
    look: Look,
    outcome: Outcome,
}

/// Chains the row to the newest one and writes it.
async fn append(tx: &mut db::Tx, entry: Entry<'_>) -> Result<(), AppError> {
    let (last_id, prev_hash) = match queries::chain_end(tx).await? {
        Some(end) => (end.id, end.row_hash),
        None => (0, GENESIS.to_vec()),
    };
    let (provider_id, provider_name) = match entry.provider {
        Some((id, name)) => (Some(id), Some(name)),
        None => (None, None),
    };
    let mut row = Row {
        id: last_id + 1,
        at: Utc::now().trunc_subsecs(0),
        account_id: entry.account_id,
        account_name: entry.account_name.to_string(),
        role: entry.role.to_string(),
        provider_id,
        provider_name,
        care_page_id: entry.page_id,
        what: entry.look.as_db().to_string(),
        outcome: entry.outcome.as_db().to_string(),
        prev_hash,
        row_hash: Vec::new(),
    };
    row.row_hash = row.expected_hash();
    queries::insert(tx, &row).await?;
    Ok(())
}

/// Refusals one account may write as rows of their own per hour; past it,
/// each further refusal adds to the count of its newest row.
pub const REFUSED_ROWS_PER_ACCOUNT_HOUR: i64 = 30;

/// Writes one row on its own. A refusal is collapsed (see
/// [`collapse_refusal`]); one for a page that does not exist writes nothing.
pub async fn record(
    db: &Db,
    who: Who<'_>,
    page_id: i64,
    look: Look,
    outcome: Outcome,
) -> Result<(), AppError> {
    let mut tx = db.begin().await?;
    let collapsed = outcome == Outcome::Refused
        && collapse_refusal(&mut tx, who.account.id, page_id, look).await?;
    if !collapsed {
        record_in(&mut tx, who, page_id, look, outcome).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Whether a refusal needs no row of its own, counting it where it belongs:
/// nothing for a page that does not exist (there is nobody to tell); a
/// repeat of the account's refusal of the same look on the same page in the
/// same minute adds one to that row's count of repeats, and so does any
/// refusal past [`REFUSED_ROWS_PER_ACCOUNT_HOUR`] (to the account's newest
/// row). A burst thus writes a handful of rows, not one per request.
async fn collapse_refusal(
    tx: &mut db::Tx,
    account_id: i64,
    page_id: i64,
    look: Look,
) -> Result<bool, AppError> {
    if !queries::page_exists(tx, page_id).await? {
        return Ok(true);
    }
    let minute = |at: DateTime<Utc>| at.format("%Y-%m-%dT%H:%M").to_string();
    let this_minute = minute(Utc::now());
    let same = queries::last_refusal(tx, account_id, page_id, look.as_db()).await?;
    let repeated = same.filter(|row| minute(row.at) == this_minute);
    let newest = queries::newest_refusals(tx, account_id, REFUSED_ROWS_PER_ACCOUNT_HOUR).await?;
    let hour_ago = Utc::now() - chrono::Duration::hours(1);
    let in_the_hour = newest.iter().filter(|row| row.at > hour_ago).count() as i64;
    let counted_on = match repeated {
        Some(row) => Some(row.id),
        None if in_the_hour >= REFUSED_ROWS_PER_ACCOUNT_HOUR => newest.first().map(|row| row.id),
        None => None,
    };
    let Some(row_id) = counted_on else {
        return Ok(false);
    };
    queries::count_repeat(tx, row_id).await?;
    Ok(true)
}

/// Writes down a refused look and gives the answer every refusal gets:
/// "not found", as for a page that does not exist.
pub async fn refuse<T>(db: &Db, who: Who<'_>, page_id: i64, look: Look) -> Result<T, AppError> {
    record(db, who, page_id, look, Outcome::Refused).await?;
    Err(AppError::NotFound)
}

/// Where the chain breaks: the first row whose hash or link does not fit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainBreak {
    pub row_id: i64,
}

/// An intact chain: how many rows, and the newest row's hash (the "head").
/// Kept outside the server, a head proves later that no row before it was
/// cut off the end: see [`contains_head`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainHead {
    pub rows: u64,
    pub head: Vec<u8>,
}

/// Reads the whole log in order, a thousand rows at a time, and recomputes
/// every hash; the head when nothing was changed, removed or slipped in.
pub async fn check_chain(db: &Db) -> Result<Result<ChainHead, ChainBreak>, AppError> {
    let mut previous = GENESIS.to_vec();
    let mut last_id = 0;
    loop {
        let rows = queries::rows_after(db, last_id, 1000).await?;
        if rows.is_empty() {
            return Ok(Ok(ChainHead {
                rows: last_id as u64,
                head: previous,
            }));
        }
        for row in rows {
            let fits = row.id == last_id + 1
                && row.prev_hash == previous
                && row.row_hash == row.expected_hash();
            if !fits {
                return Ok(Err(ChainBreak { row_id: row.id }));
            }
            previous = row.row_hash;
            last_id = row.id;
        }
    }
}

/// Whether a head noted earlier is still a row of the log (with an intact
/// chain, everything up to it is then still there, unchanged).
pub async fn contains_head(db: &Db, head: &[u8]) -> Result<bool, AppError> {
    Ok(head == GENESIS || queries::has_row_hash(db, head).await?)
}
