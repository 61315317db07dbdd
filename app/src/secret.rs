//! The server's own secret key (server only), kept in a file outside the
//! database (`secret_file`, `data/kring.key` by default, readable by Kring's
//! user only), made on the first start.
//!
//! Some codes have few enough possibilities that a plain hash is no secret:
//! an activation code is ten digits, 10^10 values, stored beside the
//! client's birth date, so a copied database would give every live code in
//! minutes. Such codes are stored as an HMAC-SHA256 under this key: without
//! the key file, the database alone reveals nothing. Long random tokens
//! (sessions, API tokens, links) keep their plain SHA-256.
//!
//! Several Kring processes on one database must share the same file. A
//! backup of the database is useless for live codes without it; restoring
//! on a new machine without the key only means that letters with codes must
//! be printed again.

use hmac::{Hmac, Mac};
use sha2::Sha256;
use std::io::Write;
use std::path::Path;
use std::sync::Arc;

/// Bytes of key.
const KEY_BYTES: usize = 32;

#[derive(Clone)]
pub struct ServerKey(Arc<[u8; KEY_BYTES]>);

impl std::fmt::Debug for ServerKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ServerKey(…)")
    }
}

impl ServerKey {
    /// Reads the key from `path`, or makes one there (0600, never replacing
    /// a file another process made at the same moment).
    pub fn load_or_create(path: &Path) -> std::io::Result<ServerKey> {
        match std::fs::read_to_string(path) {
            Ok(text) => ServerKey::from_hex(text.trim()).ok_or_else(|| {
                std::io::Error::new(
                    std::io::ErrorKind::InvalidData,
                    format!(
                        "{} holds no key of {KEY_BYTES} bytes in hex",
                        path.display()
                    ),
                )
            }),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                if let Some(folder) = path.parent().filter(|f| !f.as_os_str().is_empty()) {
                    std::fs::create_dir_all(folder)?;
                }
                let key: [u8; KEY_BYTES] = rand::random();
                let mut options = std::fs::OpenOptions::new();
                options.write(true).create_new(true);
                #[cfg(unix)]
                std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
                match options.open(path) {
                    Ok(mut file) => {
                        file.write_all(data_encoding::HEXLOWER.encode(&key).as_bytes())?;
                        file.sync_all()?;
                        Ok(ServerKey(Arc::new(key)))
                    }
                    // Another process was first: use its key.
                    Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {
                        ServerKey::load_or_create(path)
                    }
                    Err(error) => Err(error),
                }
            }
            Err(error) => Err(error),
        }
    }

    fn from_hex(text: &str) -> Option<ServerKey> {
        let bytes = data_encoding::HEXLOWER_PERMISSIVE
            .decode(text.as_bytes())
            .ok()?;
        let key: [u8; KEY_BYTES] = bytes.try_into().ok()?;
        Some(ServerKey(Arc::new(key)))
    }

    /// A key of its own, for tests and benchmarks that keep no file.
    pub fn random() -> ServerKey {
        ServerKey(Arc::new(rand::random()))
    }

    /// HMAC-SHA256 of `value` for `purpose` ("activation-code"): the same
    /// value hashes differently for another purpose.
    pub fn keyed_hash(&self, purpose: &str, value: &str) -> Vec<u8> {
        let mut mac =
            Hmac::<Sha256>::new_from_slice(&self.0[..]).expect("HMAC takes a key of any length");
        mac.update(purpose.as_bytes());
        mac.update(&[0x1f]);
        mac.update(value.as_bytes());
        mac.finalize().into_bytes().to_vec()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_is_made_once_kept_private_and_read_back() {
        let dir = std::env::temp_dir().join(format!("kring-key-{}", rand::random::<u64>()));
        let path = dir.join("kring.key");
        let made = ServerKey::load_or_create(&path).unwrap();
        let read = ServerKey::load_or_create(&path).unwrap();
        assert_eq!(
            made.keyed_hash("activation-code", "1234567890"),
            read.keyed_hash("activation-code", "1234567890")
        );
        assert_ne!(
            made.keyed_hash("activation-code", "1234567890"),
            made.keyed_hash("other", "1234567890")
        );
        assert_ne!(
            made.keyed_hash("activation-code", "1234567890"),
            ServerKey::random().keyed_hash("activation-code", "1234567890")
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
        }
        std::fs::write(&path, "not a key").unwrap();
        assert!(ServerKey::load_or_create(&path).is_err());
        std::fs::remove_dir_all(dir).unwrap();
    }
}
