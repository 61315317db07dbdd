//! Berichten: threads on a care page. A family thread (green open lock) is
//! for every member and never a provider; a provider thread (orange closed
//! lock) is for one linked organisation, the trusted group and the admin.
//! Who may read a thread is the policy's `may_use_thread`.

pub mod api;
#[cfg(feature = "ssr")]
mod notify;
#[cfg(feature = "ssr")]
pub use notify::queue_new_message;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod queries;
pub mod text;
mod thread_page;

pub use thread_page::ThreadPage;

use crate::policy::ThreadAudience;
use serde::{Deserialize, Serialize};

pub const MAX_SUBJECT: usize = 120;
pub const MAX_BODY: usize = 5000;
/// Threads one page may hold.
pub const MAX_THREADS_PER_PAGE: i64 = 2_000;
/// Messages written on one page per minute, by everyone together: a family
/// never comes near it, a script that floods the page and its mail does.
#[cfg(feature = "ssr")]
pub const MESSAGES_PER_PAGE: crate::limits::Limit =
    crate::limits::Limit::new("messages_page", 30, 1);
/// How often an open thread or list asks for news.
pub const POLL_SECONDS: u32 = 5;

/// The threads of a page that the reader may see, newest activity first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThreadList {
    pub page_id: i64,
    pub person_name: String,
    pub threads: Vec<ThreadSummary>,
    /// Organisations the reader may choose to share a new thread with: empty
    /// for helpers, for staff, and when no provider is linked.
    pub providers: Vec<ProviderChoice>,
    /// Staff start provider threads for their own organisation only.
    pub is_staff: bool,
    /// Whether the reader gets an e-mail about new messages; `None` for staff.
    pub mail_on_new: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThreadSummary {
    pub id: i64,
    pub subject: String,
    pub audience: ThreadAudience,
    /// The organisation of a provider thread.
    pub shared_with: Option<String>,
    pub last_author: String,
    /// The start of the last message, on one line.
    pub last_excerpt: String,
    pub last_at: String,
    pub unread: i64,
}

/// "Delen met" when starting a thread: the family only (the default), or a
/// linked organisation as well. The form sends "familie" or the
/// organisation's id.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ShareWith {
    #[default]
    Family,
    Provider(i64),
}

impl ShareWith {
    const FAMILY: &'static str = "familie";

    pub fn value(self) -> String {
        match self {
            ShareWith::Family => Self::FAMILY.to_string(),
            ShareWith::Provider(id) => id.to_string(),
        }
    }
}

impl Serialize for ShareWith {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.value())
    }
}

impl<'de> Deserialize<'de> for ShareWith {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = String::deserialize(deserializer)?;
        match value.trim() {
            "" | ShareWith::FAMILY => Ok(ShareWith::Family),
            id => id
                .parse()
                .map(ShareWith::Provider)
                .map_err(|_| serde::de::Error::custom("not a share choice")),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProviderChoice {
    pub id: i64,
    pub name: String,
}

/// One thread with its messages, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThreadView {
    pub page_id: i64,
    pub id: i64,
    pub subject: String,
    pub audience: ThreadAudience,
    pub shared_with: Option<String>,
    pub messages: Vec<MessageView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageView {
    pub id: i64,
    /// Empty when the author's account was deleted.
    pub author: String,
    /// The organisation, when the author wrote as its staff.
    pub organisation: Option<String>,
    /// Plain text as written; never interpreted as HTML.
    pub body: String,
    pub at: String,
    pub mine: bool,
}

/// The first characters of a message, on one line, for the thread list.
pub fn excerpt(body: &str, max_chars: usize) -> String {
    let flat = body.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max_chars {
        return flat;
    }
    let cut: String = flat.chars().take(max_chars).collect();
    format!("{}…", cut.trim_end())
}

#[cfg(test)]
mod tests {
    use super::excerpt;

    #[test]
    fn excerpts_are_one_line_and_short() {
        assert_eq!(excerpt("Hallo\n\nallemaal", 40), "Hallo allemaal");
        assert_eq!(excerpt("één twee drie vier", 8), "één twee…");
    }
}
