//! Outgoing e-mail. By default every message is written as an `.eml` file to
//! the outbox folder, so that a newcomer and the tests can read it; with an
//! SMTP address set, it goes to that mail server instead.

use lettre::message::header::ContentType;
use lettre::message::{Mailbox, Message};
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

    pub async fn send(
        &self,
        to_name: &str,
        to_email: &str,
        subject: &str,
        body: &str,
    ) -> Result<(), MailError> {
        let from = match self {
            Mailer::Outbox { from, .. } | Mailer::Smtp { from, .. } => from.clone(),
        };
        let to = Mailbox::new(
            Some(to_name.to_string()),
            to_email
                .parse()
                .map_err(|_| MailError::Address(to_email.into()))?,
        );
        let message = Message::builder()
            .from(from)
            .to(to)
            .subject(subject)
            .header(ContentType::TEXT_PLAIN)
            // lettre picks the transfer encoding; long link lines make it
            // quoted-printable, which every mail program decodes.
            .body(body.to_string())
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

fn parse_mailbox(text: &str) -> Result<Mailbox, MailError> {
    text.parse().map_err(|_| MailError::Address(text.into()))
}
