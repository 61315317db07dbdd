//! Argon2id hashing with bounded memory and CPU (server only).
//!
//! One hash needs 19 MiB of working memory and tens of milliseconds of CPU.
//! Left alone, a burst of logins for made-up addresses runs hundreds at once
//! and the allocator keeps their memory afterwards. So hashing runs in a fixed
//! number of slots (a few per core), each with a block buffer that is reused
//! while a burst lasts and given back when the last hash of it is done (the
//! server's allocator, mimalloc, then returns it to the system); a request that
//! finds every slot taken waits a few seconds and then gets "probeer het zo
//! opnieuw" instead of more memory.

use crate::error::{AppError, AppResult};
use argon2::password_hash::{rand_core::OsRng, Output, PasswordHash, SaltString};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::Duration;
use tokio::sync::Semaphore;

/// Hashes that may run at once, per core.
pub const SLOTS_PER_CORE: usize = 2;
/// How long a request waits for a free slot before it is told to try again.
pub const WAIT_FOR_SLOT: Duration = Duration::from_secs(5);

struct Slots {
    permits: Semaphore,
    /// Block buffers of earlier hashes, at most one per slot.
    buffers: Mutex<Vec<Vec<Block>>>,
    /// Hashes running or waiting for a slot.
    wanted: AtomicUsize,
}

/// Counts a hash as wanted until dropped; the last one out frees the buffers.
struct Wanted(&'static Slots);

impl Drop for Wanted {
    fn drop(&mut self) {
        if self.0.wanted.fetch_sub(1, Ordering::AcqRel) == 1 {
            if let Ok(mut buffers) = self.0.buffers.lock() {
                buffers.clear();
            }
        }
    }
}

fn slots() -> &'static Slots {
    static SLOTS: OnceLock<Slots> = OnceLock::new();
    SLOTS.get_or_init(|| {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        Slots {
            permits: Semaphore::new(cores * SLOTS_PER_CORE),
            buffers: Mutex::new(Vec::new()),
            wanted: AtomicUsize::new(0),
        }
    })
}

/// Runs `work` in a hashing slot, off the async runtime, with a reused buffer.
async fn in_slot<T: Send + 'static>(
    work: impl FnOnce(&mut Vec<Block>) -> AppResult<T> + Send + 'static,
) -> AppResult<T> {
    let slots = slots();
    slots.wanted.fetch_add(1, Ordering::AcqRel);
    let _wanted = Wanted(slots);
    let _permit = tokio::time::timeout(WAIT_FOR_SLOT, slots.permits.acquire())
        .await
        .map_err(|_| AppError::Busy)?
        .map_err(|_| AppError::Internal)?;
    let mut buffer = slots
        .buffers
        .lock()
        .ok()
        .and_then(|mut buffers| buffers.pop())
        .unwrap_or_default();
    let (result, buffer) = tokio::task::spawn_blocking(move || {
        let result = work(&mut buffer);
        (result, buffer)
    })
    .await
    .map_err(|_| AppError::Internal)?;
    if let Ok(mut buffers) = slots.buffers.lock() {
        buffers.push(buffer);
    }
    result
}

/// Argon2id of `password` with `salt` and `params` into `out`, in `buffer`.
fn argon2_into(
    params: Params,
    password: &[u8],
    salt: &[u8],
    out: &mut [u8],
    buffer: &mut Vec<Block>,
) -> AppResult<()> {
    buffer.resize(params.block_count(), Block::default());
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
        .hash_password_into_with_memory(password, salt, out, &mut buffer[..])
        .map_err(|_| AppError::Internal)
}

/// A new PHC string (`$argon2id$v=19$m=…`) for `password`.
pub async fn hash(password: String) -> AppResult<String> {
    in_slot(move |buffer| {
        let salt = SaltString::generate(&mut OsRng);
        let params = Params::default();
        let mut salt_bytes = [0u8; 64];
        let salt_bytes = salt
            .decode_b64(&mut salt_bytes)
            .map_err(|_| AppError::Internal)?;
        let mut out = [0u8; Params::DEFAULT_OUTPUT_LEN];
        argon2_into(
            params.clone(),
            password.as_bytes(),
            salt_bytes,
            &mut out,
            buffer,
        )?;
        let phc = PasswordHash {
            algorithm: argon2::ARGON2ID_IDENT,
            version: Some(Version::V0x13.into()),
            params: (&params).try_into().map_err(|_| AppError::Internal)?,
            salt: Some(salt.as_salt()),
            hash: Some(Output::new(&out).map_err(|_| AppError::Internal)?),
        };
        Ok(phc.to_string())
    })
    .await
}

/// Checks a password against a stored hash. Without a stored hash it still
/// does the work of one check, so timing does not tell whether an account exists.
pub async fn verify(password: String, stored: Option<String>) -> AppResult<bool> {
    let started = std::time::Instant::now();
    let result = verify_in_slot(password, stored).await;
    let took = started.elapsed().as_micros().min(u128::from(u32::MAX)) as u64;
    // A running average (7/8 old, 1/8 new) of what a check takes here.
    let before = RECENT_CHECK_MICROS.load(Ordering::Relaxed);
    let average = if before == 0 {
        took
    } else {
        (before * 7 + took) / 8
    };
    RECENT_CHECK_MICROS.store(average, Ordering::Relaxed);
    result
}

/// How long a password check took lately, in microseconds (0: none yet).
static RECENT_CHECK_MICROS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// Waits about as long as a password check takes here, without doing one:
/// an answer that needs no check (past an address's attempts, for an
/// account without a second factor) is not told apart by its timing, and
/// costs no Argon2 work.
pub async fn pause_like_a_check() {
    let micros = match RECENT_CHECK_MICROS.load(Ordering::Relaxed) {
        0 => 50_000,
        measured => measured.min(2_000_000),
    };
    tokio::time::sleep(Duration::from_micros(micros)).await;
}

async fn verify_in_slot(password: String, stored: Option<String>) -> AppResult<bool> {
    let known = stored.is_some();
    let stored = stored.unwrap_or_else(|| dummy_hash().to_string());
    in_slot(move |buffer| {
        let parsed = PasswordHash::new(&stored).map_err(|_| AppError::Internal)?;
        let params = Params::try_from(&parsed).map_err(|_| AppError::Internal)?;
        let (Some(salt), Some(expected)) = (parsed.salt, parsed.hash) else {
            return Err(AppError::Internal);
        };
        let mut salt_bytes = [0u8; 64];
        let salt_bytes = salt
            .decode_b64(&mut salt_bytes)
            .map_err(|_| AppError::Internal)?;
        let mut out = vec![0u8; expected.len()];
        argon2_into(params, password.as_bytes(), salt_bytes, &mut out, buffer)?;
        // Output's equality is constant-time.
        let matches = Output::new(&out).is_ok_and(|actual| actual == expected);
        Ok(matches && known)
    })
    .await
}

/// A hash of a password nobody has, made once with the same parameters.
fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| {
        use argon2::PasswordHasher;
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(b"no account has this password", &salt)
            .expect("hashing a constant cannot fail")
            .to_string()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use argon2::PasswordVerifier;

    #[tokio::test]
    async fn a_hash_verifies_with_its_password_only() {
        let stored = hash("de boot vaart om negen".into()).await.unwrap();
        assert!(stored.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert!(
            verify("de boot vaart om negen".into(), Some(stored.clone()))
                .await
                .unwrap()
        );
        assert!(
            !verify("de boot vaart om tien".into(), Some(stored.clone()))
                .await
                .unwrap()
        );
        // The standard verifier agrees, so stored hashes stay portable.
        let parsed = PasswordHash::new(&stored).unwrap();
        assert!(Argon2::default()
            .verify_password(b"de boot vaart om negen", &parsed)
            .is_ok());
    }

    #[tokio::test]
    async fn hashes_made_by_the_standard_hasher_verify() {
        use argon2::PasswordHasher;
        let salt = SaltString::generate(&mut OsRng);
        let stored = Argon2::default()
            .hash_password(b"een ouder wachtwoord", &salt)
            .unwrap()
            .to_string();
        assert!(verify("een ouder wachtwoord".into(), Some(stored))
            .await
            .unwrap());
    }

    #[tokio::test]
    async fn no_stored_hash_never_matches() {
        assert!(!verify("no account has this password".into(), None)
            .await
            .unwrap());
    }
}
