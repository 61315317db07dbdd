//! The activation code on an organisation's letter: ten digits, read as
//! people type them (with spaces, dashes or dots), shown in groups of four,
//! four and two, and stored only as a keyed hash.

/// How many digits a code has: 10^10 values, with at most a handful of tries
/// per account per hour (see `links::CODE_TRIES`).
pub const DIGITS: usize = 10;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActivationCode(String);

impl ActivationCode {
    /// A fresh code from the operating system's random source.
    #[cfg(feature = "ssr")]
    pub fn generate() -> ActivationCode {
        use rand::Rng;
        let mut rng = rand::rngs::OsRng;
        ActivationCode(
            (0..DIGITS)
                .map(|_| char::from(b'0' + rng.gen_range(0..10u8)))
                .collect(),
        )
    }

    /// The code as typed: spaces, dashes and dots between the digits are
    /// ignored; anything else, or another number of digits, is not a code.
    pub fn parse(typed: &str) -> Option<ActivationCode> {
        if typed.len() > 40 {
            return None;
        }
        let digits: String = typed
            .chars()
            .filter(|c| !matches!(c, ' ' | '-' | '.' | '\u{a0}'))
            .collect();
        (digits.len() == DIGITS && digits.chars().all(|c| c.is_ascii_digit()))
            .then_some(ActivationCode(digits))
    }

    /// "1234 5678 90", as the letter prints it and people read it out.
    pub fn grouped(&self) -> String {
        format!("{} {} {}", &self.0[..4], &self.0[4..8], &self.0[8..])
    }

    /// What the database keeps: an HMAC of the digits under the server's
    /// key (`secret`), so a copied database reveals no code.
    #[cfg(feature = "ssr")]
    pub fn hash(&self, key: &crate::secret::ServerKey) -> Vec<u8> {
        key.keyed_hash("activation-code", &self.0)
    }

    /// How codes issued before the keyed hash were stored (plain SHA-256):
    /// still accepted until they expire, never written any more.
    #[cfg(feature = "ssr")]
    pub fn legacy_hash(&self) -> Vec<u8> {
        crate::accounts::session::hash_token(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_is_read_as_people_type_it() {
        let code = ActivationCode::parse("1234 5678 90").unwrap();
        assert_eq!(code.grouped(), "1234 5678 90");
        assert_eq!(ActivationCode::parse("1234-5678-90"), Some(code.clone()));
        assert_eq!(ActivationCode::parse(" 1234567890 "), Some(code));
        for wrong in [
            "",
            "123456789",
            "12345678901",
            "12345abcde",
            "１２３４５６７８９０",
        ] {
            assert_eq!(ActivationCode::parse(wrong), None, "{wrong}");
        }
        assert_eq!(ActivationCode::parse(&"1 ".repeat(30)), None);
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn fresh_codes_are_ten_digits_and_differ() {
        let codes: std::collections::HashSet<String> = (0..50)
            .map(|_| ActivationCode::generate().grouped())
            .collect();
        assert_eq!(codes.len(), 50);
        for code in &codes {
            assert_eq!(
                ActivationCode::parse(code).map(|c| c.grouped()).as_ref(),
                Some(code)
            );
        }
    }
}
