//! Outgoing SMS, through one interface. By default every message is written
//! as a `.sms` text file to the outbox folder (next to the e-mails), so that a
//! newcomer and the tests can read the code; with a gateway address set, each
//! message is POSTed there as a form (`to`, `message`, and `channel`: `sms`,
//! or `voice` for a code read out by a phone call).

use std::path::PathBuf;

#[derive(Clone)]
pub enum SmsSender {
    Outbox {
        folder: PathBuf,
    },
    Gateway {
        url: String,
        client: reqwest::Client,
    },
}

#[derive(Debug, thiserror::Error)]
pub enum SmsError {
    #[error("could not write the SMS: {0}")]
    Write(#[from] std::io::Error),
    #[error("the SMS gateway refused: {0}")]
    Gateway(String),
}

impl SmsSender {
    pub fn outbox(folder: PathBuf) -> Result<SmsSender, SmsError> {
        std::fs::create_dir_all(&folder)?;
        Ok(SmsSender::Outbox { folder })
    }

    /// An HTTP gateway. Plain `http://` only (no TLS in this build): meant
    /// for a relay on the same host or network, like the SMTP setting.
    pub fn gateway(url: &str) -> Result<SmsSender, SmsError> {
        if !url.starts_with("http://") {
            return Err(SmsError::Gateway(format!(
                "{url}: only http:// is supported"
            )));
        }
        let client = reqwest::Client::builder()
            .timeout(std::time::Duration::from_secs(10))
            .build()
            .map_err(|e| SmsError::Gateway(e.to_string()))?;
        Ok(SmsSender::Gateway {
            url: url.to_string(),
            client,
        })
    }

    /// Sends `message` to `to`, a number in international form
    /// (+31612345678); with `voice`, a call reads it out (a landline cannot
    /// read a text): the gateway's `channel=voice`, or a `.voice` file.
    /// Only the outbox worker calls this (see `outbox`); `file_stem` names
    /// the outbox file, the same for every try of one message.
    pub async fn deliver(
        &self,
        file_stem: &str,
        to: &str,
        message: &str,
        voice: bool,
    ) -> Result<(), SmsError> {
        let channel = if voice { "voice" } else { "sms" };
        match self {
            SmsSender::Outbox { folder } => {
                let text = format!("To: {to}\n\n{message}\n");
                let part = folder.join(format!("{file_stem}.{channel}.part"));
                tokio::fs::write(&part, text).await?;
                tokio::fs::rename(&part, folder.join(format!("{file_stem}.{channel}"))).await?;
                Ok(())
            }
            SmsSender::Gateway { url, client } => {
                let response = client
                    .post(url)
                    .form(&[("to", to), ("message", message), ("channel", channel)])
                    .send()
                    .await
                    .map_err(|e| SmsError::Gateway(e.to_string()))?;
                if response.status().is_success() {
                    Ok(())
                } else {
                    Err(SmsError::Gateway(response.status().to_string()))
                }
            }
        }
    }
}

/// The countries a code by text or call may go to, as the operator allows
/// them (`allowed_phone_countries`): calling codes, so that nobody can make
/// Kring text or call expensive numbers abroad (toll fraud).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhoneCountries(Vec<(&'static str, &'static str)>);

/// Countries an operator may name, with their calling codes.
const CALLING_CODES: [(&str, &str); 18] = [
    ("NL", "31"),
    ("BE", "32"),
    ("DE", "49"),
    ("FR", "33"),
    ("LU", "352"),
    ("GB", "44"),
    ("IE", "353"),
    ("ES", "34"),
    ("PT", "351"),
    ("IT", "39"),
    ("AT", "43"),
    ("CH", "41"),
    ("DK", "45"),
    ("SE", "46"),
    ("NO", "47"),
    ("FI", "358"),
    ("PL", "48"),
    ("CW", "5999"),
];

impl PhoneCountries {
    /// "NL, BE, DE" → those countries; `Err` names an unknown one.
    pub fn parse(text: &str) -> Result<PhoneCountries, String> {
        let mut allowed = Vec::new();
        for code in text.split(',').map(str::trim).filter(|c| !c.is_empty()) {
            let upper = code.to_ascii_uppercase();
            let found = CALLING_CODES
                .iter()
                .find(|(country, _)| *country == upper)
                .ok_or_else(|| code.to_string())?;
            allowed.push(*found);
        }
        Ok(PhoneCountries(allowed))
    }

    /// Whether a number in international form ("+31612345678") may get codes.
    pub fn allows(&self, number: &str) -> bool {
        let digits = number.trim_start_matches('+');
        number.starts_with('+')
            && self
                .0
                .iter()
                .any(|(_, calling)| digits.starts_with(calling))
    }

    /// "+31, +32 of +49", for the message that refuses another number.
    pub fn listed(&self) -> String {
        let codes: Vec<String> = self.0.iter().map(|(_, c)| format!("+{c}")).collect();
        codes.join(", ")
    }

    /// Refuses a number outside the allowed countries, in the interface language.
    pub fn check(&self, number: &str) -> Result<(), String> {
        if self.allows(number) {
            Ok(())
        } else {
            Err(crate::i18n::fill(
                crate::i18n::t().err_phone_country,
                &[("codes", &self.listed())],
            ))
        }
    }
}

impl Default for PhoneCountries {
    /// The Netherlands and its neighbours.
    fn default() -> Self {
        PhoneCountries::parse("NL, BE, DE").expect("known countries")
    }
}

#[cfg(test)]
mod country_tests {
    use super::PhoneCountries;

    #[test]
    fn codes_go_only_to_the_allowed_countries() {
        let allowed = PhoneCountries::default();
        assert!(allowed.allows("+31612345678"));
        assert!(allowed.allows("+3227001234"));
        assert!(allowed.allows("+4930123456"));
        // Premium and far-away numbers are the toll fraud this stops.
        for number in [
            "+882123456789",
            "+25212345678",
            "+4420712345",
            "31612345678",
            "",
        ] {
            assert!(!allowed.allows(number), "{number}");
        }
        let wider = PhoneCountries::parse("nl, gb").unwrap();
        assert!(wider.allows("+4420712345"));
        assert!(!wider.allows("+4930123456"));
        assert_eq!(PhoneCountries::parse("NL, XX"), Err("XX".to_string()));
        assert_eq!(allowed.listed(), "+31, +32, +49");
    }
}
