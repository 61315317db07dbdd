//! Authenticator-app codes (TOTP, RFC 6238 with HMAC-SHA1, 30-second steps,
//! six digits, as every authenticator app reads them), the secret in
//! base32 for typing it in, and the `otpauth://` address drawn as a QR code
//! in SVG on the server: nothing is loaded from elsewhere.

use hmac::{Hmac, Mac};
use sha1::Sha1;

/// Seconds per code.
pub const STEP_SECONDS: i64 = 30;
/// Steps either side of now that still count: a phone's clock a little off.
pub const SKEW_STEPS: i64 = 1;
/// Bytes of a new secret (160 bits, as RFC 4226 recommends).
pub const SECRET_BYTES: usize = 20;

/// The step a moment (Unix seconds) falls in.
pub fn step_at(unix_seconds: i64) -> i64 {
    unix_seconds.div_euclid(STEP_SECONDS)
}

/// The six-digit code of `step` (RFC 4226 HOTP with the step as counter).
pub fn code_at(secret: &[u8], step: i64) -> String {
    let mut mac = Hmac::<Sha1>::new_from_slice(secret).expect("HMAC takes a key of any length");
    mac.update(&step.to_be_bytes());
    let digest = mac.finalize().into_bytes();
    let offset = usize::from(digest[19] & 0x0f);
    let binary = u32::from_be_bytes([
        digest[offset] & 0x7f,
        digest[offset + 1],
        digest[offset + 2],
        digest[offset + 3],
    ]);
    format!("{:06}", binary % 1_000_000)
}

/// The step whose code `code` is, within the skew around `now_step`, and
/// only if it is later than `last_used`: a code that was used once (or an
/// older one) never opens anything again.
pub fn matching_step(
    secret: &[u8],
    code: &str,
    now_step: i64,
    last_used: Option<i64>,
) -> Option<i64> {
    (now_step - SKEW_STEPS..=now_step + SKEW_STEPS)
        .filter(|step| last_used.is_none_or(|used| *step > used))
        .find(|step| constant_time_eq(code_at(secret, *step).as_bytes(), code.as_bytes()))
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The secret as people type it into an app: base32 in groups of four.
pub fn secret_for_typing(secret: &[u8]) -> String {
    let encoded = data_encoding::BASE32_NOPAD.encode(secret);
    encoded
        .as_bytes()
        .chunks(4)
        .map(|chunk| String::from_utf8_lossy(chunk).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The address an authenticator app reads from the QR code.
pub fn otpauth_uri(secret: &[u8], account_email: &str) -> String {
    let label: String = format!("Kring:{account_email}")
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b':' | b'@' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect();
    format!(
        "otpauth://totp/{label}?secret={}&issuer=Kring&algorithm=SHA1&digits=6&period={STEP_SECONDS}",
        data_encoding::BASE32_NOPAD.encode(secret)
    )
}

/// `text` as a QR code in SVG, black on white, sized by the page's CSS.
pub fn qr_svg(text: &str) -> Option<String> {
    let code = qrcode::QrCode::new(text.as_bytes()).ok()?;
    Some(
        code.render::<qrcode::render::svg::Color>()
            .min_dimensions(200, 200)
            .quiet_zone(true)
            .build(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238 appendix B, SHA-1, with the last six of its eight digits.
    #[test]
    fn the_rfc_6238_test_vectors() {
        let secret = b"12345678901234567890";
        for (time, eight_digits) in [
            (59, "94287082"),
            (1111111109, "07081804"),
            (1111111111, "14050471"),
            (1234567890, "89005924"),
            (2000000000, "69279037"),
            (20000000000, "65353130"),
        ] {
            assert_eq!(
                code_at(secret, step_at(time)),
                eight_digits[2..],
                "at {time}"
            );
        }
    }

    #[test]
    fn a_code_counts_once_and_only_near_now() {
        let secret = b"12345678901234567890";
        let now = step_at(1_800_000_000);
        let code = code_at(secret, now);
        assert_eq!(matching_step(secret, &code, now, None), Some(now));
        assert_eq!(matching_step(secret, &code, now, Some(now)), None, "used");
        let previous = code_at(secret, now - 1);
        assert_eq!(matching_step(secret, &previous, now, None), Some(now - 1));
        let stale = code_at(secret, now - 2);
        assert_eq!(matching_step(secret, &stale, now, None), None, "too old");
        assert_eq!(matching_step(secret, "12345", now, None), None);
    }

    #[test]
    fn the_secret_reads_in_groups_and_the_address_names_kring() {
        let secret = b"12345678901234567890";
        assert_eq!(
            secret_for_typing(secret),
            "GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ"
        );
        let uri = otpauth_uri(secret, "anna de vries@example.nl");
        assert!(uri.starts_with(
            "otpauth://totp/Kring:anna%20de%20vries@example.nl?secret=GEZDGNBVGY3TQOJQ"
        ));
        let svg = qr_svg(&uri).unwrap();
        assert!(svg.contains("<svg") && !svg.contains("<script"));
    }
}
