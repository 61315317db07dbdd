//! Domain values that can only be constructed valid. Each `parse` returns a
//! Dutch message naming the field, ready to show beside the form.

use crate::i18n::{fill, t};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

fn required(label: &str) -> String {
    fill(t().err_required, &[&label.to_lowercase()])
}

fn too_long(label: &str, max: usize) -> String {
    fill(t().err_too_long, &[label, &max.to_string()])
}

/// A lower-cased, trimmed e-mail address of a plausible shape.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmailAddress(String);

impl EmailAddress {
    pub const MAX_LEN: usize = 254;

    pub fn parse(raw: &str) -> Result<Self, String> {
        let value = raw.trim().to_lowercase();
        if value.is_empty() {
            return Err(required(t().email));
        }
        if value.chars().count() > Self::MAX_LEN {
            return Err(too_long(t().email, Self::MAX_LEN));
        }
        let Some((local, domain)) = value.split_once('@') else {
            return Err(t().err_email_format.into());
        };
        let domain_ok = domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..")
            && domain
                .chars()
                .all(|c| c.is_alphanumeric() || c == '.' || c == '-');
        let local_ok = !local.is_empty()
            && local.len() <= 64
            && !local.contains(char::is_whitespace)
            && !local.contains(['<', '>', '(', ')', ',', ';', ':', '"', '[', ']', '\\', '@']);
        if !domain_ok || !local_ok {
            return Err(t().err_email_format.into());
        }
        Ok(EmailAddress(value))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A first or last name: letters, spaces, hyphens, apostrophes and dots, as in
/// "Anne-Marie", "van der Berg" or "D'Souza".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonName(String);

impl PersonName {
    pub const MAX_LEN: usize = 80;

    pub fn parse(raw: &str, label: &str) -> Result<Self, String> {
        let value = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        if value.is_empty() {
            return Err(required(label));
        }
        if value.chars().count() > Self::MAX_LEN {
            return Err(too_long(label, Self::MAX_LEN));
        }
        let allowed = |c: char| c.is_alphabetic() || matches!(c, ' ' | '-' | '\'' | '’' | '.');
        if !value.chars().all(allowed) || !value.chars().any(char::is_alphabetic) {
            return Err(fill(t().err_name_format, &[label]));
        }
        Ok(PersonName(value))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A birth date in the past, at most 130 years ago. Accepts the browser's
/// ISO form (1941-03-14) and the Dutch written form (14-03-1941).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct BirthDate(NaiveDate);

impl BirthDate {
    pub fn parse(raw: &str, today: NaiveDate) -> Result<Self, String> {
        let value = raw.trim();
        if value.is_empty() {
            return Err(required(t().birth_date));
        }
        let date = NaiveDate::parse_from_str(value, "%Y-%m-%d")
            .or_else(|_| NaiveDate::parse_from_str(value, "%d-%m-%Y"))
            .map_err(|_| t().err_date_format.to_string())?;
        if date > today {
            return Err(t().err_date_future.into());
        }
        if today.year() - date.year() > 130 {
            return Err(t().err_date_too_old.into());
        }
        Ok(BirthDate(date))
    }

    pub fn date(&self) -> NaiveDate {
        self.0
    }
}

/// Long date in the interface language: "14 maart 1941".
pub fn dutch_date(date: NaiveDate) -> String {
    format!(
        "{} {}",
        crate::calendar::week::day_and_month(date),
        date.year()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
    }

    #[test]
    fn email_is_trimmed_and_lowercased() {
        let email = EmailAddress::parse("  Anna.DeVries@Example.NL ").unwrap();
        assert_eq!(email.as_str(), "anna.devries@example.nl");
    }

    #[test]
    fn malformed_emails_are_refused_in_dutch() {
        for bad in [
            "anna",
            "anna@",
            "@example.nl",
            "anna@example",
            "an na@example.nl",
            "a@b..nl",
            "a<b>@x.nl",
        ] {
            let err = EmailAddress::parse(bad).unwrap_err();
            assert!(err.contains("e-mailadres"), "{bad}: {err}");
        }
        assert_eq!(EmailAddress::parse("").unwrap_err(), "Vul e-mailadres in.");
        let long = format!("{}@example.nl", "a".repeat(300));
        assert!(EmailAddress::parse(&long).unwrap_err().contains("te lang"));
    }

    #[test]
    fn names_allow_dutch_forms_and_refuse_digits_and_markup() {
        assert_eq!(
            PersonName::parse("  van der   Berg ", "Achternaam")
                .unwrap()
                .as_str(),
            "van der Berg"
        );
        assert!(PersonName::parse("Anne-Marie", "Voornaam").is_ok());
        assert!(PersonName::parse("D'Souza", "Achternaam").is_ok());
        assert!(PersonName::parse("Zoë", "Voornaam").is_ok());
        assert_eq!(
            PersonName::parse("", "Voornaam").unwrap_err(),
            "Vul voornaam in."
        );
        assert!(PersonName::parse("Piet2", "Voornaam")
            .unwrap_err()
            .contains("cijfers"));
        assert!(PersonName::parse("<script>", "Voornaam").is_err());
        assert!(PersonName::parse("---", "Voornaam").is_err());
        assert!(PersonName::parse(&"a".repeat(81), "Voornaam")
            .unwrap_err()
            .contains("te lang"));
    }

    #[test]
    fn birth_dates_in_both_forms_and_never_in_the_future() {
        let iso = BirthDate::parse("1941-03-14", today()).unwrap();
        let dutch = BirthDate::parse("14-03-1941", today()).unwrap();
        assert_eq!(iso, dutch);
        assert!(BirthDate::parse("2026-11-23", today())
            .unwrap_err()
            .contains("toekomst"));
        assert!(BirthDate::parse("1941-02-30", today())
            .unwrap_err()
            .contains("geldige datum"));
        assert!(BirthDate::parse("1880-01-01", today())
            .unwrap_err()
            .contains("130"));
        assert!(BirthDate::parse("gisteren", today()).is_err());
    }

    #[test]
    fn dutch_long_date() {
        assert_eq!(
            dutch_date(NaiveDate::from_ymd_opt(1941, 3, 14).unwrap()),
            "14 maart 1941"
        );
    }
}
