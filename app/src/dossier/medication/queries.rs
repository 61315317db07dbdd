//! The medication list's rows (server only). Every query names the page.

use super::{MedicineForm, MAX_MEDICINES};
use crate::db;
use crate::db::{At, Db};
use crate::dossier::door::Inside;
use crate::error::{AppError, AppResult, Counted, Refusal};

/// A medicine as stored, with who changed it last and when.
#[derive(sqlx::FromRow)]
pub struct StoredMedicine {
    pub id: i64,
    pub name: String,
    pub strength: String,
    pub dose: String,
    pub times: String,
    pub with_food: String,
    pub prescribed_by: String,
    pub started_on: Option<chrono::NaiveDate>,
    pub stopped_on: Option<chrono::NaiveDate>,
    pub notes: String,
    pub changed_by_name: String,
    pub changed_at: chrono::DateTime<chrono::Utc>,
}

/// Every medicine of the page, by name.
pub async fn list(db: &Db, page_id: i64) -> AppResult<Vec<StoredMedicine>> {
    Ok(db::query_as(
        "SELECT id, name, strength, dose, times, with_food, prescribed_by, started_on, stopped_on,
                notes, changed_by_name, changed_at
         FROM medicines WHERE care_page_id = $1 ORDER BY lower(name), id",
    )
    .bind(page_id)
    .fetch_all(db.reader())
    .await?)
}

/// Binds a medicine's columns in the order both statements name them, and
/// who changed it now.
fn with_fields<'q>(
    statement: db::Statement<'q>,
    form: &'q MedicineForm,
    inside: &Inside,
) -> db::Statement<'q> {
    statement
        .bind(&form.name)
        .bind(&form.strength)
        .bind(&form.dose)
        .bind(&form.times)
        .bind(form.with_food.as_db())
        .bind(&form.prescribed_by)
        .bind(form.started_on.0)
        .bind(form.stopped_on.0)
        .bind(&form.notes)
        .bind(inside.account.id)
        .bind(inside.author_name())
        .bind(At::now())
}

pub async fn insert(
    tx: &mut db::Tx,
    page_id: i64,
    form: &MedicineForm,
    inside: &Inside,
) -> AppResult<()> {
    let count: i64 = db::query_scalar("SELECT COUNT(*) FROM medicines WHERE care_page_id = $1")
        .bind(page_id)
        .fetch_one(&mut *tx)
        .await?;
    if count >= MAX_MEDICINES {
        return Err(AppError::Refused(Refusal::TooMany {
            what: Counted::Medicines,
            max: MAX_MEDICINES,
        }));
    }
    let insert = db::query(
        "INSERT INTO medicines (name, strength, dose, times, with_food, prescribed_by,
             started_on, stopped_on, notes, changed_by, changed_by_name, changed_at, care_page_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
    );
    with_fields(insert, form, inside)
        .bind(page_id)
        .execute(&mut *tx)
        .await?;
    Ok(())
}

pub async fn update(
    tx: &mut db::Tx,
    page_id: i64,
    medicine_id: i64,
    form: &MedicineForm,
    inside: &Inside,
) -> AppResult<()> {
    let update = db::query(
        "UPDATE medicines SET name = $1, strength = $2, dose = $3, times = $4, with_food = $5,
             prescribed_by = $6, started_on = $7, stopped_on = $8, notes = $9,
             changed_by = $10, changed_by_name = $11, changed_at = $12
         WHERE care_page_id = $13 AND id = $14",
    );
    let changed = with_fields(update, form, inside)
        .bind(page_id)
        .bind(medicine_id)
        .execute(&mut *tx)
        .await?;
    if changed.rows_affected() == 0 {
        return Err(AppError::NotFound);
    }
    Ok(())
}
