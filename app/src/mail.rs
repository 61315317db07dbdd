//! Outgoing e-mail, as the outbox worker hands it over (nothing else sends
//! mail: see `outbox`). By default every message is written as an `.eml`
//! file to the outbox folder, so that a newcomer and the tests can read it;
//! with an SMTP address set, it goes to that mail server instead.

use lettre::message::header::{HeaderName, HeaderValue};
use lettre::message::{Mailbox, Message, SinglePart};
use lettre::transport::smtp::AsyncSmtpTransport;
use lettre::{AsyncTransport, Tokio1Executor};
use std::path::PathBuf;

#[derive(Clone)]
pub enum Mailer {
    Outbox {
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

/// One mail as queued.
pub struct Letter<'a> {
    /// Random and fixed per queued mail: its `Message-ID`, so a mail sent
    /// twice after a crash is recognisably one.
    pub key: &'a str,
    /// The outbox file's name (without `.eml`).
    pub file_stem: &'a str,
    /// The person's name, or empty when it is not known (an invitation):
    /// never the address itself, which spam filters count against a mail.
    pub to_name: &'a str,
    pub to: &'a str,
    pub subject: &'a str,
    pub body: &'a str,
    /// A notification's one-click address: `List-Unsubscribe` (RFC 2369)
    /// and `List-Unsubscribe-Post` (RFC 8058).
    pub unsubscribe: Option<&'a str>,
}

impl Mailer {
    pub fn outbox(folder: PathBuf, from: &str) -> Result<Mailer, MailError> {
        std::fs::create_dir_all(&folder).map_err(|e| MailError::Send(e.to_string()))?;
        Ok(Mailer::Outbox {
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
        // Shorter than lettre's minute: the outbox's claim lasts two.
        let transport = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host)
            .port(port)
            .timeout(Some(std::time::Duration::from_secs(30)))
            .build();
        Ok(Mailer::Smtp {
            transport,
            from: parse_mailbox(from)?,
        })
    }

    /// Sends one plain-text mail.
    pub async fn deliver(&self, letter: &Letter<'_>) -> Result<(), MailError> {
        let from = match self {
            Mailer::Outbox { from, .. } | Mailer::Smtp { from, .. } => from.clone(),
        };
        let name = (!letter.to_name.trim().is_empty() && letter.to_name != letter.to)
            .then(|| letter.to_name.to_string());
        let to = Mailbox::new(
            name,
            ascii_domain(letter.to)
                .and_then(|address| address.parse().ok())
                .ok_or_else(|| MailError::Address(letter.to.into()))?,
        );
        let mut message = Message::builder()
            .message_id(Some(message_id(letter.key, &from)))
            .from(from)
            .to(to)
            .subject(letter.subject);
        if let Some(url) = letter.unsubscribe {
            let name = "List-Unsubscribe";
            let value = format!("<{url}>");
            let folded = fold_angle_bracketed(name, &value).ok_or_else(|| {
                MailError::Send("an unsubscribe address that is not plain ASCII".into())
            })?;
            message = message
                .raw_header(HeaderValue::dangerous_new_pre_encoded(
                    HeaderName::new_from_ascii_str(name),
                    value,
                    folded,
                ))
                .raw_header(HeaderValue::new(
                    HeaderName::new_from_ascii_str("List-Unsubscribe-Post"),
                    "List-Unsubscribe=One-Click".into(),
                ));
        }
        // A MIME part gives the mail its MIME-Version; lettre picks the
        // transfer encoding (long link lines make it quoted-printable).
        let message = message
            .singlepart(SinglePart::plain(letter.body.to_string()))
            .map_err(|e| MailError::Send(e.to_string()))?;
        match self {
            Mailer::Outbox { folder, .. } => {
                // Written whole, then renamed: a reader never sees half a mail.
                let part = folder.join(format!("{}.eml.part", letter.file_stem));
                let done = folder.join(format!("{}.eml", letter.file_stem));
                let write = async {
                    tokio::fs::write(&part, message.formatted()).await?;
                    tokio::fs::rename(&part, &done).await
                };
                write.await.map_err(|e| MailError::Send(e.to_string()))
            }
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

/// `address` with its domain in ASCII (IDNA, "exämple.nl" becomes
/// "xn--exmple-cua.nl"), as every mail server takes it; `None` when the
/// name before the @ is not ASCII (`EmailAddress` refuses those) or the
/// domain cannot be written in ASCII.
fn ascii_domain(address: &str) -> Option<String> {
    let (local, domain) = address.rsplit_once('@')?;
    if !local.is_ascii() {
        return None;
    }
    let domain = idna::domain_to_ascii(domain).ok()?;
    Some(format!("{local}@{domain}"))
}

/// The longest header line a mail should have (RFC 5322 2.1.1), line end not counted.
const HEADER_LINE: usize = 78;

/// A header value of angle-bracketed addresses, folded so that no line is
/// longer than [`HEADER_LINE`]: the address itself is broken where needed,
/// which RFC 2369 (section 2) allows for these headers, as readers ignore
/// whitespace inside the brackets. `None` for anything but printable ASCII
/// (nothing may end the header early).
fn fold_angle_bracketed(name: &str, value: &str) -> Option<String> {
    if !value.bytes().all(|b| b.is_ascii_graphic()) {
        return None;
    }
    // The first line also holds "Name: ".
    let mut room = HEADER_LINE.saturating_sub(name.len() + 2).max(1);
    let mut folded = String::with_capacity(value.len() + 8);
    let mut rest = value;
    while rest.len() > room {
        let (line, after) = rest.split_at(room);
        folded.push_str(line);
        folded.push_str("\r\n ");
        rest = after;
        // A continuation line starts with its one space.
        room = HEADER_LINE - 1;
    }
    folded.push_str(rest);
    Some(folded)
}

/// The mail's `Message-ID` in the sender's own domain (RFC 5322 3.6.4): the
/// machine's host name, lettre's default, means nothing to a receiver.
fn message_id(key: &str, from: &Mailbox) -> String {
    format!("<{key}@{}>", from.email.domain())
}

fn parse_mailbox(text: &str) -> Result<Mailbox, MailError> {
    text.parse().map_err(|_| MailError::Address(text.into()))
}

#[cfg(test)]
mod tests {
    use super::{ascii_domain, fold_angle_bracketed, HEADER_LINE};

    #[test]
    fn a_domain_outside_ascii_is_mailed_in_its_ascii_form() {
        assert_eq!(
            ascii_domain("jan@exämple.test").as_deref(),
            Some("jan@xn--exmple-cua.test")
        );
        assert_eq!(
            ascii_domain("jan@kring.test").as_deref(),
            Some("jan@kring.test")
        );
        assert_eq!(ascii_domain("anné@kring.test"), None);
    }

    #[test]
    fn a_long_unsubscribe_address_is_folded_and_unfolds_to_itself() {
        let value = format!(
            "<https://kring.thuiszorg-voorbeeld.nl/afmelden/een-klik?code={}>",
            "x".repeat(60)
        );
        let folded = fold_angle_bracketed("List-Unsubscribe", &value).unwrap();
        let header = format!("List-Unsubscribe: {folded}");
        for line in header.split("\r\n") {
            assert!(line.len() <= HEADER_LINE, "{} octets: {line}", line.len());
        }
        // Unfolding removes each line break; the space it leaves inside the
        // brackets is ignored by readers (RFC 2369).
        assert_eq!(
            header.replace("\r\n ", ""),
            format!("List-Unsubscribe: {value}")
        );
        assert_eq!(
            fold_angle_bracketed("List-Unsubscribe", "<https://k.nl/a>").unwrap(),
            "<https://k.nl/a>"
        );
    }

    #[test]
    fn nothing_that_could_end_the_header_gets_through() {
        assert_eq!(
            fold_angle_bracketed("List-Unsubscribe", "<https://k.nl/a\r\nBcc: x>"),
            None
        );
        assert_eq!(
            fold_angle_bracketed("List-Unsubscribe", "<https://k.nl/é>"),
            None
        );
    }
}
