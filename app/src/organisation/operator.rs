//! What the installation's operator does from the command line:
//! `kring organisation add "Thuiszorg De Linde" --admin e-mail [--naam "…"]`
//! makes an organisation and its first admin, as a self-hosted service would.

use super::operator_queries::{add_with_admin, Admin, NotAdded};
use crate::accounts::session::{create_link, LinkPurpose};
use crate::db::Db;
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
    let admin = Admin {
        email: email.as_str(),
        first_name: &first_name,
        last_name: &last_name,
    };
    let made = match add_with_admin(db, name, &admin, chrono::Utc::now()).await {
        Ok(made) => made,
        Err(NotAdded::NameTaken) => {
            return Err(format!("er is al een organisatie die \"{name}\" heet"))
        }
        Err(NotAdded::WorksElsewhere) => {
            return Err(format!(
                "{} werkt al voor een andere organisatie; kies een ander adres",
                email.as_str()
            ))
        }
        Err(NotAdded::Database(error)) => return Err(format!("de database: {error}")),
    };
    let (provider_id, account_id) = (made.provider_id, made.account_id);
    let password_link = match made.has_password {
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
