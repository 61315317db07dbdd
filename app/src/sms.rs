//! Outgoing SMS, through one interface. By default every message is written
//! as a `.sms` text file to the outbox folder (next to the e-mails), so that a
//! newcomer and the tests can read the code; with a gateway address set, each
//! message is POSTed there as a form (`to`, `message`, and `channel`: `sms`,
//! or `voice` for a code read out by a phone call).

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};

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

/// Keeps file names unique when two messages leave in the same microsecond.
static SEQUENCE: AtomicU64 = AtomicU64::new(0);

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

    /// Sends `message` to `to`, a number in international form (+31612345678).
    pub async fn send(&self, to: &str, message: &str) -> Result<(), SmsError> {
        self.deliver(to, message, "sms").await
    }

    /// Calls `to` and reads `message` out (a landline cannot read a text):
    /// the same gateway with `channel=voice`, or a `.voice` file in the outbox.
    pub async fn call(&self, to: &str, message: &str) -> Result<(), SmsError> {
        self.deliver(to, message, "voice").await
    }

    async fn deliver(&self, to: &str, message: &str, channel: &str) -> Result<(), SmsError> {
        match self {
            SmsSender::Outbox { folder } => {
                let name = format!(
                    "{}-{}.{channel}",
                    chrono::Utc::now().format("%Y%m%dT%H%M%S%6f"),
                    SEQUENCE.fetch_add(1, Ordering::Relaxed)
                );
                let text = format!("To: {to}\n\n{message}\n");
                tokio::fs::write(folder.join(name), text).await?;
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
