//! Everything Kring writes holds medical data or secrets (the database and
//! its WAL, backups, codes and reset links in the outbox): readable by the
//! account Kring runs as only, whatever umask it was started with (the
//! harness starts it with 022, a common default).

use super::Server;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::time::{Duration, Instant};

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .permissions()
        .mode()
        & 0o777
}

/// Every file and folder under `folder` (and itself) is closed to others.
fn closed_to_others(folder: &Path) -> Vec<String> {
    let mut open = Vec::new();
    let mut todo = vec![folder.to_path_buf()];
    while let Some(path) = todo.pop() {
        if mode(&path) & 0o077 != 0 {
            open.push(format!("{} {:o}", path.display(), mode(&path)));
        }
        if path.is_dir() {
            for entry in std::fs::read_dir(&path).unwrap() {
                todo.push(entry.unwrap().path());
            }
        }
    }
    open
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_file_kring_writes_is_its_own_whatever_the_umask() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("data");
    std::fs::create_dir(&folder).unwrap();
    // Made by the operator with their umask: Kring's own files inside must
    // still be closed.
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o700)).unwrap();
    let mut server = Server::start(&folder, &[("KRING_BACKUP_DIR", "backups")]).await;
    // A reset link goes to the outbox as a file.
    let asked = reqwest::Client::new()
        .post(format!("{}/api/forgot_password", server.address))
        .form(&[("email", crate::common::ADMIN)])
        .send()
        .await
        .unwrap();
    assert!(asked.status().is_success());
    let deadline = Instant::now() + Duration::from_secs(30);
    let written = |sub: &str| {
        std::fs::read_dir(folder.join(sub))
            .map(|entries| entries.count())
            .unwrap_or(0)
    };
    while (written("outbox") == 0 || written("backups") == 0) && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(written("outbox") > 0, "a mail in the outbox");
    assert!(written("backups") > 0, "the daily copy");
    assert!(folder.join("kring.db-wal").exists());
    // The operator's own copy, made beside the running server.
    let copy = std::process::Command::new(env!("CARGO_BIN_EXE_kring"))
        .args(["backup", "handmatig/kopie.db"])
        .current_dir(&folder)
        .env("KRING_DATABASE_URL", "sqlite://kring.db")
        .env("KRING_BACKUP_DIR", "")
        .output()
        .unwrap();
    assert!(copy.status.success(), "{copy:?}");
    assert!(folder.join("handmatig/kopie.db").exists());
    // Everything but the logs the harness itself opened.
    let open: Vec<String> = closed_to_others(&folder)
        .into_iter()
        .filter(|line| !line.contains("stdout.txt") && !line.contains("stderr.txt"))
        .collect();
    server.stop();
    assert!(open.is_empty(), "open to others: {open:#?}");
}
