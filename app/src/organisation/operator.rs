//! What the installation's operator does from the command line:
//! `kring organisation add "Thuiszorg De Linde" --admin e-mail [--naam "…"]`
//! makes an organisation and its first admin, as a self-hosted service would.

use crate::accounts::session::{create_link, LinkPurpose};
use crate::db::{now_text, Db};
use crate::fields::{EmailAddress, PersonName};

/// The longest organisation name accepted.
pub const MAX_NAME_LEN: usize = 100;

/// What was made: the organisation, and for an admin who has no password
/// yet, the link (valid 48 hours) where they choose one.
#[derive(Debug)]
pub struct Added {
    pub provider_id: i64,
    pub password_link: Option<String>,
}

/// Adds the organisation with `admin_email` as its admin. An existing
/// account becomes its admin (unless it works for another organisation);
/// otherwise an account is made, named `admin_name` or after the address.
pub async fn add_organisation(
    db: &Db,
    public_url: &str,
    name: &str,
    admin_email: &str,
    admin_name: Option<&str>,
) -> Result<Added, String> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > MAX_NAME_LEN {
        return Err(format!(
            "de naam van de organisatie moet 1 tot {MAX_NAME_LEN} tekens hebben"
        ));
    }
    let email = EmailAddress::parse(admin_email).map_err(|message| message.to_string())?;
    let (first_name, last_name) = names(admin_name, email.as_str())?;
    let failed = |error: sqlx::Error| format!("de database: {error}");
    let mut tx = db.begin().await.map_err(|e| e.to_string())?;
    let taken: Option<i64> = sqlx::query_scalar("SELECT id FROM providers WHERE name = ?")
        .bind(name)
        .fetch_optional(&mut *tx)
        .await
        .map_err(failed)?;
    if taken.is_some() {
        return Err(format!("er is al een organisatie die \"{name}\" heet"));
    }
    let provider_id: i64 =
        sqlx::query_scalar("INSERT INTO providers (name, created_at) VALUES (?, ?) RETURNING id")
            .bind(name)
            .bind(now_text())
            .fetch_one(&mut *tx)
            .await
            .map_err(failed)?;
    let existing: Option<(i64, Option<i64>, bool)> = sqlx::query_as(
        "SELECT id, provider_id, password_hash IS NOT NULL FROM accounts WHERE email = ?",
    )
    .bind(email.as_str())
    .fetch_optional(&mut *tx)
    .await
    .map_err(failed)?;
    let (account_id, has_password) = match existing {
        Some((_, Some(_), _)) => {
            return Err(format!(
                "{} werkt al voor een andere organisatie; kies een ander adres",
                email.as_str()
            ))
        }
        Some((id, None, has_password)) => (id, has_password),
        None => {
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO accounts (email, first_name, last_name, created_at) VALUES (?, ?, ?, ?) RETURNING id",
            )
            .bind(email.as_str())
            .bind(&first_name)
            .bind(&last_name)
            .bind(now_text())
            .fetch_one(&mut *tx)
            .await
            .map_err(failed)?;
            (id, false)
        }
    };
    sqlx::query("UPDATE accounts SET provider_id = ?, staff_role = 'admin' WHERE id = ?")
        .bind(provider_id)
        .bind(account_id)
        .execute(&mut *tx)
        .await
        .map_err(failed)?;
    tx.commit().await.map_err(|e| e.to_string())?;
    let password_link = match has_password {
        true => None,
        false => {
            let link = create_link(db, account_id, LinkPurpose::Confirm)
                .await
                .map_err(|e| e.to_string())?;
            let url = crate::accounts::registration::link_url(
                public_url,
                LinkPurpose::Confirm,
                &link.token,
            );
            // Printed for the operator to pass on: that is its delivery.
            link.hand_over(db, None).await.map_err(|e| e.to_string())?;
            Some(url)
        }
    };
    Ok(Added {
        provider_id,
        password_link,
    })
}

/// "Ineke de Boer" → ("Ineke", "de Boer"); without a name, the address's
/// first part, which the admin can change in Mijn gegevens.
fn names(given: Option<&str>, email: &str) -> Result<(String, String), String> {
    let given = given
        .map(str::to_string)
        .unwrap_or_else(|| email.split('@').next().unwrap_or(email).to_string());
    let mut words = given.split_whitespace();
    let first = words.next().unwrap_or("").to_string();
    let last = words.collect::<Vec<_>>().join(" ");
    let text = crate::i18n::t();
    let first = PersonName::parse(&first, text.first_name).map_err(|m| m.to_string())?;
    if last.chars().count() > PersonName::MAX_LEN {
        return Err(text.last_name.to_string());
    }
    Ok((first.as_str().to_string(), last))
}
