//! Codes sent by text or call to a session that must prove something again
//! (its owner before an account change, anyone before the dossier opens).
//! One table, one row per session and purpose; a new code replaces the old
//! one with fresh tries. Only the hash is stored.

use super::{CODE_MINUTES, CODE_TRIES};
use crate::db;
use crate::db::{At, Db};
use crate::error::AppError;
use chrono::{Duration, Utc};

/// The codes of one purpose, e.g. `SessionCode("dossier")`.
#[derive(Debug, Clone, Copy)]
pub struct SessionCode(pub &'static str);

impl SessionCode {
    /// The hash of the code waiting for this session, while it is fresh and has tries left.
    pub async fn waiting(self, db: &Db, session: &[u8]) -> Result<Option<Vec<u8>>, AppError> {
        Ok(db::query_scalar(
            "SELECT code_hash FROM session_codes
             WHERE session_hash = $1 AND purpose = $2 AND expires_at > $3 AND wrong_attempts < $4",
        )
        .bind(session)
        .bind(self.0)
        .bind(At::now())
        .bind(CODE_TRIES)
        .fetch_optional(db.reader())
        .await?)
    }

    /// Seconds since the last code went out, if one did.
    pub async fn seconds_since_sent(
        self,
        db: &Db,
        session: &[u8],
    ) -> Result<Option<i64>, AppError> {
        let sent: Option<chrono::DateTime<Utc>> = db::query_scalar(
            "SELECT sent_at FROM session_codes WHERE session_hash = $1 AND purpose = $2",
        )
        .bind(session)
        .bind(self.0)
        .fetch_optional(db.reader())
        .await?;
        Ok(sent.map(|at| Utc::now().signed_duration_since(at).num_seconds()))
    }

    /// Stores a new code's hash, valid [`CODE_MINUTES`], replacing any earlier one.
    pub async fn store(self, db: &Db, session: &[u8], hash: &[u8]) -> Result<(), AppError> {
        db::query(
            "INSERT INTO session_codes (session_hash, purpose, code_hash, wrong_attempts, sent_at, expires_at)
             VALUES ($1, $2, $3, 0, $4, $5)
             ON CONFLICT (session_hash, purpose) DO UPDATE SET code_hash = excluded.code_hash,
                 wrong_attempts = 0, sent_at = excluded.sent_at, expires_at = excluded.expires_at",
        )
        .bind(session)
        .bind(self.0)
        .bind(hash)
        .bind(At::now())
        .bind(Utc::now() + Duration::minutes(CODE_MINUTES))
        .execute(db.writer())
        .await?;
        Ok(())
    }

    /// Takes one of the code's tries before it is checked and gives its
    /// hash, in one statement: parallel requests cannot take more than
    /// [`CODE_TRIES`]. `None` when no fresh code with tries left waits.
    pub async fn claim(self, db: &Db, session: &[u8]) -> Result<Option<Vec<u8>>, AppError> {
        Ok(db::query_scalar(
            "UPDATE session_codes SET wrong_attempts = wrong_attempts + 1
             WHERE session_hash = $1 AND purpose = $2 AND expires_at > $3 AND wrong_attempts < $4
             RETURNING code_hash",
        )
        .bind(session)
        .bind(self.0)
        .bind(At::now())
        .bind(CODE_TRIES)
        .fetch_optional(db.writer())
        .await?)
    }

    /// Uses the code up, inside the transaction that records what it proved.
    pub async fn use_up(self, tx: &mut db::Tx, session: &[u8]) -> Result<(), AppError> {
        db::query("DELETE FROM session_codes WHERE session_hash = $1 AND purpose = $2")
            .bind(session)
            .bind(self.0)
            .execute(&mut **tx)
            .await?;
        Ok(())
    }
}
