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
