//! Outgoing e-mail. By default every message is written as an `.eml` file to
//! the outbox folder, so that a newcomer and the tests can read it; with an
//! SMTP address set, it goes to that mail server instead.

use lettre::message::header::{HeaderName, HeaderValue};
use lettre::message::{Mailbox, Message, SinglePart};
use lettre::transport::smtp::AsyncSmtpTransport;
use lettre::{AsyncFileTransport, AsyncTransport, Tokio1Executor};
use std::path::PathBuf;

#[derive(Clone)]
pub enum Mailer {
    Outbox {
        transport: AsyncFileTransport<Tokio1Executor>,
        folder: PathBuf,
        from: Mailbox,
    },
    Smtp {
        transport: AsyncSmtpTransport<Tokio1Executor>,
        from: Mailbox,
    },
}

#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("invalid address: {0}")]
    Address(String),
    #[error("could not send: {0}")]
    Send(String),
}

impl Mailer {
    pub fn outbox(folder: PathBuf, from: &str) -> Result<Mailer, MailError> {
        std::fs::create_dir_all(&folder).map_err(|e| MailError::Send(e.to_string()))?;
        Ok(Mailer::Outbox {
            transport: AsyncFileTransport::new(&folder),
            folder,
            from: parse_mailbox(from)?,
        })
    }

    /// `smtp://host:port`, without TLS: meant for a relay on the same host or network.
    pub fn smtp(url: &str, from: &str) -> Result<Mailer, MailError> {
        let rest = url
            .strip_prefix("smtp://")
            .ok_or_else(|| MailError::Address(url.into()))?;
        let (host, port) = match rest.trim_end_matches('/').rsplit_once(':') {
            Some((host, port)) => (
                host,
                port.parse().map_err(|_| MailError::Address(url.into()))?,
            ),
            None => (rest.trim_end_matches('/'), 25),
        };
        let transport = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host)
            .port(port)
            .build();
        Ok(Mailer::Smtp {
            transport,
            from: parse_mailbox(from)?,
        })
    }

    /// Sends a plain-text mail. `to_name` is the person's name, or empty
    /// when it is not known (an invitation): never the address itself, which
    /// spam filters count against a mail.
    pub async fn send(
        &self,
        to_name: &str,
        to_email: &str,
        subject: &str,
        body: &str,
    ) -> Result<(), MailError> {
        self.deliver(to_name, to_email, subject, body, None).await
    }

    /// A notification the person may turn off: with `List-Unsubscribe`
    /// (RFC 2369) and its one-click form (RFC 8058) pointing at `unsubscribe`.
    pub async fn send_notification(
        &self,
        to_name: &str,
        to_email: &str,
        subject: &str,
        body: &str,
        unsubscribe: &str,
    ) -> Result<(), MailError> {
        self.deliver(to_name, to_email, subject, body, Some(unsubscribe))
            .await
    }

    async fn deliver(
        &self,
        to_name: &str,
        to_email: &str,
        subject: &str,
        body: &str,
        unsubscribe: Option<&str>,
    ) -> Result<(), MailError> {
        let from = match self {
            Mailer::Outbox { from, .. } | Mailer::Smtp { from, .. } => from.clone(),
        };
        let name = (!to_name.trim().is_empty() && to_name != to_email).then(|| to_name.to_string());
        let to = Mailbox::new(
            name,
            to_email
                .parse()
                .map_err(|_| MailError::Address(to_email.into()))?,
        );
        let mut message = Message::builder()
            .message_id(Some(message_id(&from)))
            .from(from)
            .to(to)
            .subject(subject);
        if let Some(url) = unsubscribe {
            let header = |name: &'static str, value: String| {
                HeaderValue::new(HeaderName::new_from_ascii_str(name), value)
            };
            message = message
                .raw_header(header("List-Unsubscribe", format!("<{url}>")))
                .raw_header(header(
                    "List-Unsubscribe-Post",
                    "List-Unsubscribe=One-Click".into(),
                ));
        }
        // A MIME part gives the mail its MIME-Version; lettre picks the
        // transfer encoding (long link lines make it quoted-printable).
        let message = message
            .singlepart(SinglePart::plain(body.to_string()))
            .map_err(|e| MailError::Send(e.to_string()))?;
        match self {
            Mailer::Outbox { transport, .. } => transport
                .send(message)
                .await
                .map(|_| ())
                .map_err(|e| MailError::Send(e.to_string())),
            Mailer::Smtp { transport, .. } => transport
                .send(message)
                .await
                .map(|_| ())
                .map_err(|e| MailError::Send(e.to_string())),
        }
    }

    /// The outbox folder, when messages are written there.
    pub fn outbox_folder(&self) -> Option<&PathBuf> {
        match self {
            Mailer::Outbox { folder, .. } => Some(folder),
            Mailer::Smtp { .. } => None,
        }
    }
}

/// A unique `Message-ID` in the sender's own domain (RFC 5322 3.6.4): the
/// machine's host name, lettre's default, means nothing to a receiver.
fn message_id(from: &Mailbox) -> String {
    let random: [u8; 16] = rand::random();
    let unique: String = random.iter().map(|byte| format!("{byte:02x}")).collect();
    format!("<{unique}@{}>", from.email.domain())
}

fn parse_mailbox(text: &str) -> Result<Mailbox, MailError> {
    text.parse().map_err(|_| MailError::Address(text.into()))
}
