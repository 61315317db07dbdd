//! The password rules. Length is what makes a password strong, so the rule is
//! 12 to 128 characters; on top of that we refuse what an attacker tries first:
//! well-known passwords, a common word padded with digits, and the person's
//! own name or e-mail address.

use crate::i18n::t;

pub const MIN_LEN: usize = 12;
pub const MAX_LEN: usize = 128;

/// Words that people pad with digits and symbols ("Wachtwoord2024!").
const COMMON_WORDS: &[&str] = &[
    "wachtwoord",
    "password",
    "passwoord",
    "welkom",
    "welkom01",
    "qwerty",
    "qwertyuiop",
    "azerty",
    "asdfgh",
    "zxcvbn",
    "iloveyou",
    "ikhouvanjou",
    "letmein",
    "admin",
    "administrator",
    "geheim",
    "secret",
    "voetbal",
    "football",
    "zomer",
    "winter",
    "lente",
    "herfst",
    "kring",
    "caren",
    "zorg",
    "mantelzorg",
    "thuiszorg",
    "monkey",
    "dragon",
    "sunshine",
    "princess",
    "welcome",
    "trustno1",
    "abcdef",
    "abcdefghijkl",
    "hallo",
    "hello",
    "amsterdam",
    "rotterdam",
    "utrecht",
    "nederland",
    "holland",
    "ajax",
    "feyenoord",
    "liverpool",
    "superman",
    "batman",
    "starwars",
    "changeme",
    "default",
    "passw0rd",
    "p@ssw0rd",
    "p@ssword",
    "wachtw00rd",
];

/// Whole passwords seen in leaked lists that meet the length rule.
const COMMON_PASSWORDS: &[&str] = &[
    "123456789012",
    "1234567890123",
    "12345678901234",
    "123123123123",
    "111111111111",
    "000000000000",
    "qwertyuiopas",
    "qwerty123456",
    "1q2w3e4r5t6y",
    "1qaz2wsx3edc",
    "zaq12wsxcde3",
    "qazwsxedcrfv",
    "asdfghjkl123",
    "passwordpassword",
    "iloveyou1234",
    "abcdefgh1234",
    "abc123abc123",
    "letmein12345",
    "correcthorsebatterystaple",
    "wachtwoordwachtwoord",
    "welkomwelkom",
    "qwertyqwerty",
    "aaaaaaaaaaaa",
];

/// Why a password is refused, as the Dutch message to show.
pub fn check(password: &str, personal: &[&str]) -> Result<(), &'static str> {
    let length = password.chars().count();
    if length < MIN_LEN {
        return Err(t().err_password_short);
    }
    if length > MAX_LEN {
        return Err(t().err_password_long);
    }
    let lower = password.to_lowercase();
    if is_common(&lower) {
        return Err(t().err_password_common);
    }
    let contains_personal = personal
        .iter()
        .flat_map(|item| personal_parts(item))
        .any(|part| lower.contains(&part));
    if contains_personal {
        return Err(t().err_password_personal);
    }
    Ok(())
}

fn is_common(lower: &str) -> bool {
    if COMMON_PASSWORDS.contains(&lower) {
        return true;
    }
    let distinct: std::collections::HashSet<char> = lower.chars().collect();
    if distinct.len() <= 2 {
        return true;
    }
    if is_sequence(lower) {
        return true;
    }
    // A common word with only digits and symbols around it or repeated.
    let letters: String = lower.chars().filter(|c| c.is_alphabetic()).collect();
    let padding_only = lower
        .chars()
        .all(|c| c.is_alphanumeric() || c.is_ascii_punctuation());
    padding_only
        && !letters.is_empty()
        && COMMON_WORDS.iter().any(|word| {
            let word_letters: String = word.chars().filter(|c| c.is_alphabetic()).collect();
            !word_letters.is_empty()
                && (letters == word_letters || letters == word_letters.repeat(2))
        })
}

/// "123456789012", "abcdefghijkl" and their reverses.
fn is_sequence(lower: &str) -> bool {
    let bytes = lower.as_bytes();
    let step = |a: u8, b: u8| b as i16 - a as i16;
    let first = step(bytes[0], bytes[1]);
    // Digits wrap around: "...7890..." going up, "...2109..." going down.
    let wraps = |a: u8, b: u8| {
        (first == 1 && a == b'9' && b == b'0') || (first == -1 && a == b'0' && b == b'9')
    };
    (first == 1 || first == -1)
        && bytes
            .windows(2)
            .all(|w| step(w[0], w[1]) == first || wraps(w[0], w[1]))
}

/// The parts of a name or e-mail address that must not appear in a password:
/// each word of three letters or more, and the part of an e-mail before the @.
fn personal_parts(item: &str) -> Vec<String> {
    let lower = item.to_lowercase();
    let local = lower.split('@').next().unwrap_or("");
    let mut parts: Vec<String> = local
        .split(|c: char| !c.is_alphanumeric())
        .chain(lower.split(|c: char| !c.is_alphanumeric()))
        .filter(|part| part.chars().count() >= 3)
        .filter(|part| {
            !matches!(
                *part,
                "van" | "der" | "den" | "de" | "het" | "com" | "net" | "org"
            )
        })
        .map(str::to_string)
        .collect();
    if local.chars().count() >= 3 {
        parts.push(local.to_string());
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    const ANNA: &[&str] = &["Anna", "de Vries", "anna.devries@example.nl"];

    #[test]
    fn a_long_unusual_passphrase_is_accepted() {
        assert_eq!(check("paarse fiets op de dijk", ANNA), Ok(()));
        assert_eq!(check("Tulp#Regen^2031", ANNA), Ok(()));
    }

    #[test]
    fn length_bounds_are_12_and_128() {
        assert_eq!(check("Kort#wacht1", ANNA), Err(t().err_password_short));
        assert_eq!(check(&"ab#".repeat(4), ANNA), Ok(()));
        assert_eq!(check(&"x7#Q".repeat(32), ANNA), Ok(()));
        assert_eq!(check(&"x7#Qz".repeat(26), ANNA), Err(t().err_password_long));
    }

    #[test]
    fn length_counts_characters_not_bytes() {
        // Eleven two-byte characters are still too short.
        assert_eq!(check("éèêëéèêëéèê", ANNA), Err(t().err_password_short));
    }

    #[test]
    fn common_passwords_and_padded_common_words_are_refused() {
        for common in [
            "123456789012",
            "Wachtwoord2024!",
            "wachtwoord123",
            "Password1234",
            "qwertyuiopas",
            "aaaaaaaaaaaa",
            "abababababab",
            "abcdefghijkl",
            "210987654321",
            "welkomwelkom",
            "Feyenoord1908",
            "P@ssw0rd1234",
        ] {
            assert_eq!(
                check(common, ANNA),
                Err(t().err_password_common),
                "{common}"
            );
        }
    }

    #[test]
    fn the_persons_own_name_or_email_is_refused() {
        assert_eq!(
            check("Anna-houdt-van-tulpen", ANNA),
            Err(t().err_password_personal)
        );
        assert_eq!(
            check("ikbenvries1234!", ANNA),
            Err(t().err_password_personal)
        );
        assert_eq!(
            check("anna.devries#2026", ANNA),
            Err(t().err_password_personal)
        );
        // Short particles of a name ("de") do not make every password personal.
        assert_eq!(check("de boot vaart om negen", ANNA), Ok(()));
    }
}
