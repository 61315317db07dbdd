//! Counted limits on what costs money, reaches strangers or fills the
//! database: mails and text messages per address, login attempts per account.
//! The check and the count are one SQL statement on the single writer, so a
//! burst of parallel requests cannot slip past the limit.

pub mod queries;

use crate::db::Db;
use crate::error::{AppError, AppResult};
use chrono::{Duration, Utc};

/// How many events of one kind one subject may cause in a window.
#[derive(Debug, Clone, Copy)]
pub struct Limit {
    pub kind: &'static str,
    pub max: i64,
    pub window_minutes: i64,
}

impl Limit {
    pub const fn new(kind: &'static str, max: i64, window_minutes: i64) -> Limit {
        Limit {
            kind,
            max,
            window_minutes,
        }
    }

    pub fn since(self) -> chrono::DateTime<Utc> {
        Utc::now() - Duration::minutes(self.window_minutes)
    }

    /// Counts one event for `subject` if it is still under the limit; `false`
    /// when the limit is reached (nothing counted then).
    pub async fn try_take(self, db: &Db, subject: &str) -> AppResult<bool> {
        queries::take_if_under(db, self.kind, subject, Utc::now(), self.since(), self.max).await
    }

    /// [`Limit::try_take`], refusing with `message` at the limit.
    pub async fn take(self, db: &Db, subject: &str, message: &str) -> AppResult<()> {
        if self.try_take(db, subject).await? {
            Ok(())
        } else {
            Err(AppError::limited(message))
        }
    }

    /// How many events `subject` has in the window now.
    pub async fn count(self, db: &Db, subject: &str) -> AppResult<i64> {
        queries::count(db, self.kind, subject, self.since()).await
    }

    /// Forgets the events of `subject` (a successful login clears its attempts).
    pub async fn clear(self, db: &Db, subject: &str) -> AppResult<()> {
        queries::clear(db, self.kind, subject).await
    }
}

/// E-mails with a link or code to one address, whatever the reason
/// (registration, reset, invitation, new address), per hour.
pub const MAILS_TO_ADDRESS: Limit = Limit::new("mail_to", 5, 60);
/// Such e-mails asked for from one client address, per hour: high, because a
/// care home's Wi-Fi or a mobile carrier puts many people behind one address.
pub const MAILS_FROM_CLIENT: Limit = Limit::new("mail_client", 100, 60);
/// Such e-mails one logged-in account causes (invitations, a new address), per day.
pub const MAILS_FOR_ACCOUNT: Limit = Limit::new("mail_account", 30, 24 * 60);
/// Codes to confirm a number that is not yet the account's own, per
/// requesting account and number, per hour.
pub const SMS_TO_CONFIRM: Limit = Limit::new("sms_confirm", 5, 60);
/// Such codes to one number from every account together, per hour: keeps a
/// stranger's phone from being flooded. Codes to the owner's own confirmed
/// number (logins, the dossier) are never counted here, so others cannot
/// spend them.
pub const SMS_CONFIRM_TO_NUMBER: Limit = Limit::new("sms_confirm_to", 10, 60);
/// Text messages one account asks for, per day.
pub const SMS_FOR_ACCOUNT: Limit = Limit::new("sms_account", 10, 24 * 60);
/// Confirmation codes asked for from one client address, per hour.
pub const SMS_FROM_CLIENT: Limit = Limit::new("sms_client", 20, 60);

/// Counts one mail to `address` from this request's client, or refuses in
/// Dutch. Keyed on the address typed, never on whether it has an account, so
/// the answer tells nothing about accounts.
pub async fn take_mail(db: &Db, address: &str) -> AppResult<()> {
    let client = crate::client::client_address();
    let text = crate::i18n::t();
    MAILS_FROM_CLIENT
        .take(db, &client, text.err_too_many_from_here)
        .await?;
    MAILS_TO_ADDRESS
        .take(db, &address.to_lowercase(), text.err_too_many_mails)
        .await
}

/// [`take_mail`] for a mail a logged-in account causes: counted for the account too.
pub async fn take_mail_for(db: &Db, account_id: i64, address: &str) -> AppResult<()> {
    let text = crate::i18n::t();
    MAILS_FOR_ACCOUNT
        .take(db, &account_id.to_string(), text.err_too_many_mails_account)
        .await?;
    take_mail(db, address).await
}

/// Counts one text message (or call) to the account's own confirmed number
/// (a login code, a dossier code, a notice), or refuses in Dutch. Only the
/// account's own requests count: a person's codes are never blocked by what
/// others asked.
pub async fn take_sms_to_own(db: &Db, account_id: i64) -> AppResult<()> {
    SMS_FOR_ACCOUNT
        .take(
            db,
            &account_id.to_string(),
            crate::i18n::t().err_too_many_sms,
        )
        .await
}

/// Counts one code to confirm `number`, not yet the account's own: per
/// client address, per account, per account and number, and per number over
/// every account.
pub async fn take_sms_to_confirm(db: &Db, account_id: i64, number: &str) -> AppResult<()> {
    let client = crate::client::client_address();
    let text = crate::i18n::t();
    SMS_FROM_CLIENT
        .take(db, &client, text.err_too_many_from_here)
        .await?;
    SMS_CONFIRM_TO_NUMBER
        .take(db, number, text.err_too_many_sms)
        .await?;
    SMS_TO_CONFIRM
        .take(db, &format!("{account_id} {number}"), text.err_too_many_sms)
        .await?;
    take_sms_to_own(db, account_id).await
}

/// Events older than a day count for no limit; they go now and then.
pub async fn purge_old(db: &Db) -> AppResult<()> {
    queries::delete_before(db, Utc::now() - Duration::days(1)).await
}
