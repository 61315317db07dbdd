//! Domain values that can only be constructed valid. Each `parse` returns a
//! Dutch message naming the field, ready to show beside the form.

use crate::i18n::{fill, t};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// "Vul … in": the message of a required field left empty.
pub fn required(label: &str) -> String {
    fill(t().err_required, &[("field", &label.to_lowercase())])
}

fn too_long(label: &str, max: usize) -> String {
    fill(
        t().err_too_long,
        &[("field", label), ("max", &max.to_string())],
    )
}

/// What is wrong with a text a person wrote, however it came in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextProblem {
    Empty,
    TooLong,
    /// A control character other than a line break or a tab: it could hide
    /// text on a screen, in a terminal or in a CSV, and no keyboard makes one.
    ControlCharacter,
}

/// The one set of rules for text people write, by a form or through the
/// REST API: trimmed, line breaks kept (as `\n`), at most `max` characters,
/// no control characters but line breaks and tabs; empty refused when `required`.
pub fn checked_text(raw: &str, max: usize, required: bool) -> Result<String, TextProblem> {
    // Trailing space and blank lines at either end are not kept.
    let value = raw.trim().replace("\r\n", "\n");
    if value.is_empty() && required {
        return Err(TextProblem::Empty);
    }
    if value.chars().count() > max {
        return Err(TextProblem::TooLong);
    }
    if value
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        return Err(TextProblem::ControlCharacter);
    }
    Ok(value)
}

/// Text a person wrote (a message, a note, a chapter of a life story), by
/// [`checked_text`]'s rules, with the message in the interface language.
pub fn written_text(raw: &str, label: &str, max: usize, required: bool) -> Result<String, String> {
    checked_text(raw, max, required).map_err(|problem| match problem {
        TextProblem::Empty => self::required(label),
        TextProblem::TooLong => too_long(label, max),
        TextProblem::ControlCharacter => fill(t().err_invisible_characters, &[("field", label)]),
    })
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
        // A name before the @ outside ASCII needs SMTPUTF8 of every server on
        // the way, which few offer; a domain outside ASCII is mailed in its
        // ASCII form (`mail::ascii_domain`).
        if !local.is_ascii() {
            return Err(t().err_email_local_ascii.into());
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
            return Err(fill(t().err_name_format, &[("field", label)]));
        }
        Ok(PersonName(value))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The first and last year Kring accepts in any date. Anything outside is a
/// typo or an attack, and refusing it keeps every date calculation far from
/// the limits where chrono's arithmetic would overflow.
pub const FIRST_YEAR: i32 = 1900;
pub const LAST_YEAR: i32 = 2200;

pub fn date_in_range(date: NaiveDate) -> bool {
    (FIRST_YEAR..=LAST_YEAR).contains(&date.year())
}

/// A date between [`FIRST_YEAR`] and [`LAST_YEAR`], or why not. (Reading the
/// typed text into a date is the boundary's work: `form_value::optional_date`.)
pub fn in_range(date: NaiveDate) -> Result<NaiveDate, String> {
    if !date_in_range(date) {
        return Err(fill(
            t().err_date_range,
            &[
                ("from", &FIRST_YEAR.to_string()),
                ("to", &LAST_YEAR.to_string()),
            ],
        ));
    }
    Ok(date)
}

/// A birth date in the past, at most 130 years ago.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct BirthDate(NaiveDate);

impl BirthDate {
    /// A date as the form's date field delivered it (none when left empty).
    pub fn check(date: Option<NaiveDate>, today: NaiveDate) -> Result<Self, String> {
        let date = date.ok_or_else(|| required(t().birth_date))?;
        // Its own bounds (not in the future, at most 130 years back) are narrower
        // than the general range and say more.
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

/// A phone number as people write it: digits with spaces, hyphens, brackets
/// and a leading "+". Empty is allowed (the field is optional).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhoneNumber(String);

impl PhoneNumber {
    pub const MAX_LEN: usize = 20;

    pub fn parse(raw: &str) -> Result<Self, String> {
        let value = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        if value.chars().count() > Self::MAX_LEN {
            return Err(too_long(t().phone, Self::MAX_LEN));
        }
        let digits = value.chars().filter(char::is_ascii_digit).count();
        let shape_ok = value.chars().enumerate().all(|(i, c)| {
            c.is_ascii_digit() || matches!(c, ' ' | '-' | '(' | ')') || (c == '+' && i == 0)
        });
        if !value.is_empty() && (!shape_ok || digits < 6) {
            return Err(t().err_phone_format.into());
        }
        Ok(PhoneNumber(value))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A stored mobile number as people write it: "+31612345678" reads
/// "06 12 34 56 78"; a number from abroad keeps its international form.
pub fn readable_mobile(international: &str) -> String {
    match international.strip_prefix("+316") {
        Some(rest) if rest.len() == 8 && rest.chars().all(|c| c.is_ascii_digit()) => {
            format!(
                "06 {} {} {} {}",
                &rest[0..2],
                &rest[2..4],
                &rest[4..6],
                &rest[6..8]
            )
        }
        _ => international.to_string(),
    }
}

/// A mobile number for SMS, kept in international form: "06-12345678",
/// "+31 6 1234 5678" and "0031612345678" all become "+31612345678".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MobileNumber(String);

impl MobileNumber {
    pub const MAX_LEN: usize = 20;

    pub fn parse(raw: &str) -> Result<Self, String> {
        let value = raw.trim();
        if value.is_empty() {
            return Err(required(t().mobile));
        }
        if value.chars().count() > Self::MAX_LEN {
            return Err(too_long(t().mobile, Self::MAX_LEN));
        }
        if !value
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '+' | '(' | ')'))
        {
            return Err(t().err_mobile_format.into());
        }
        let digits: String = value.chars().filter(char::is_ascii_digit).collect();
        let international = if value.starts_with('+') {
            digits
        } else if let Some(rest) = digits.strip_prefix("00") {
            rest.to_string()
        } else if let Some(rest) = digits.strip_prefix('0') {
            format!("31{rest}")
        } else {
            return Err(t().err_mobile_format.into());
        };
        // "+31 (0)6 …": the trunk zero does not belong in the international form.
        let international = match international.strip_prefix("310") {
            Some(rest) => format!("31{rest}"),
            None => international,
        };
        // Dutch mobile numbers are +31 6 and eight digits; others E.164 (8–15 digits).
        let valid = match international.strip_prefix("31") {
            Some(national) => national.len() == 9 && national.starts_with('6'),
            None => (8..=15).contains(&international.len()),
        };
        if !valid {
            return Err(t().err_mobile_format.into());
        }
        Ok(MobileNumber(format!("+{international}")))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A postal address: up to four lines, as it would go on an envelope.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostalAddress(String);

impl PostalAddress {
    pub const MAX_LEN: usize = 200;

    pub fn parse(raw: &str) -> Result<Self, String> {
        let lines: Vec<String> = raw
            .lines()
            .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|line| !line.is_empty())
            .collect();
        let value = lines.join("\n");
        if value.chars().count() > Self::MAX_LEN || lines.len() > 4 {
            return Err(too_long(t().address, Self::MAX_LEN));
        }
        if value.chars().any(|c| c.is_control() && c != '\n') {
            return Err(t().err_bad_request.into());
        }
        Ok(PostalAddress(value))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_dutch_mobile_number_reads_in_pairs() {
        assert_eq!(readable_mobile("+31612345678"), "06 12 34 56 78");
        assert_eq!(readable_mobile("+447700900123"), "+447700900123");
    }

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
    fn a_name_before_the_at_outside_ascii_is_refused_saying_why_a_domain_is_not() {
        for bad in ["anné@kring.test", "jöran@exämple.test"] {
            let err = EmailAddress::parse(bad).unwrap_err();
            assert!(err.contains("vóór de @"), "{bad}: {err}");
        }
        assert_eq!(
            EmailAddress::parse("jan@Exämple.test").unwrap().as_str(),
            "jan@exämple.test"
        );
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
        use crate::form_value::{optional_date::parse, Malformed};
        let birth = |typed: &str| BirthDate::check(parse(typed), today());
        let iso = birth("1941-03-14").unwrap();
        let dutch = birth("14-03-1941").unwrap();
        assert_eq!(iso, dutch);
        assert!(birth("2026-11-23").unwrap_err().contains("toekomst"));
        // Text that is no date never reaches the check: the boundary names it.
        assert_eq!(parse("1941-02-30"), None);
        assert_eq!(parse("gisteren"), None);
        assert!(Malformed::Date.sentence(t()).contains("geldige datum"));
        assert!(birth("1880-01-01").unwrap_err().contains("130"));
        assert!(birth("").unwrap_err().contains("geboortedatum"));
    }

    #[test]
    fn mobile_numbers_become_international() {
        for written in [
            "06-12345678",
            "06 1234 5678",
            "+31 6 12345678",
            "+31 (0)6 12345678",
            "0031612345678",
        ] {
            assert_eq!(
                MobileNumber::parse(written).unwrap().as_str(),
                "+31612345678",
                "{written}"
            );
        }
        assert_eq!(
            MobileNumber::parse("+32 470 12 34 56").unwrap().as_str(),
            "+32470123456"
        );
        assert!(MobileNumber::parse("020-1234567")
            .unwrap_err()
            .contains("mobiel"));
        assert!(MobileNumber::parse("06-1234").is_err());
        assert!(MobileNumber::parse("12345678").is_err());
        assert!(MobileNumber::parse("06-1234567a").is_err());
        assert_eq!(
            MobileNumber::parse(" ").unwrap_err(),
            "Vul mobiel nummer in."
        );
    }

    #[test]
    fn phone_numbers_keep_their_written_form() {
        assert_eq!(
            PhoneNumber::parse(" 020 -  123 4567 ").unwrap().as_str(),
            "020 - 123 4567"
        );
        assert_eq!(PhoneNumber::parse("").unwrap().as_str(), "");
        assert!(PhoneNumber::parse("+31 (0)20 1234567").is_ok());
        assert!(PhoneNumber::parse("bel maar").is_err());
        assert!(PhoneNumber::parse("12+34567").is_err());
        assert!(PhoneNumber::parse(&"1".repeat(21))
            .unwrap_err()
            .contains("te lang"));
    }

    #[test]
    fn addresses_keep_lines_and_drop_blank_ones() {
        let address = PostalAddress::parse("Lindelaan 12\r\n\r\n  1234 AB   Utrecht ").unwrap();
        assert_eq!(address.as_str(), "Lindelaan 12\n1234 AB Utrecht");
        assert!(PostalAddress::parse(&"a".repeat(201)).is_err());
        assert!(PostalAddress::parse("a\nb\nc\nd\ne").is_err());
    }
}
