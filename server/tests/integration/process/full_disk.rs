//! A disk that fills up under the real server: writes are refused whole with
//! a clear Dutch message, what was saved stays readable and sound, and the
//! server writes again by itself once space is freed. The database lives on
//! a small tmpfs mounted for the test; where mounting is not allowed (not
//! root), the test says so and stops, and `operations::a_full_disk_…`
//! still covers the same path with SQLite's own size limit.

use super::{Server, Visitor};
use crate::common::ADMIN;
use kring_app::db;
use kring_app::messages::api::StartThread;
use kring_app::messages::ShareWith;
use reqwest::StatusCode;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A size-limited file system, unmounted when dropped.
struct SmallDisk(PathBuf);

impl SmallDisk {
    fn mount(at: &Path, size: &str) -> Option<SmallDisk> {
        std::fs::create_dir_all(at).ok()?;
        let mounted = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(at)
            .output()
            .ok()?;
        mounted
            .status
            .success()
            .then(|| SmallDisk(at.to_path_buf()))
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

/// Fills the disk with one file, until the file system says it is full.
fn fill(disk: &Path) -> PathBuf {
    let filler = disk.join("vol.bin");
    let mut file = std::fs::File::create(&filler).unwrap();
    let block = vec![0u8; 16 * 1024];
    while file.write_all(&block).is_ok() {}
    let _ = file.sync_all();
    filler
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_disk_refuses_writes_in_dutch_and_the_server_recovers_when_space_is_back() {
    let dir = tempfile::tempdir().unwrap();
    let Some(disk) = SmallDisk::mount(&dir.path().join("schijf"), "8m") else {
        eprintln!("full disk: no tmpfs could be mounted here (not root?); covered by operations::a_full_disk_refuses_writes_clearly_damages_nothing_and_passes");
        return;
    };
    let database = disk.0.join("kring.db");
    let url = format!("sqlite://{}", database.display());
    let mut server = Server::start(dir.path(), &[("KRING_DATABASE_URL", &url)]).await;
    let (_, page_id) = super::ids_in(&database, ADMIN).await;
    let admin = Visitor::log_in(&server, ADMIN).await;
    let send = |body: String| {
        let admin = admin.clone();
        async move {
            admin
                .send(StartThread {
                    page_id,
                    subject: "Volle schijf".into(),
                    body,
                    share_with: ShareWith::Family,
                })
                .await
                .unwrap()
        }
    };
    assert_eq!(
        send("voor het vollopen".into()).await.status(),
        StatusCode::OK
    );

    let filler = fill(&disk.0);
    let long = "Een lang bericht over de week. ".repeat(60);
    let mut refusal = None;
    for n in 0..200 {
        let answer = send(format!("{n}: {long}")).await;
        if answer.status() != StatusCode::OK {
            refusal = Some((answer.status(), answer.text().await.unwrap()));
            break;
        }
    }
    let (status, text) = refusal.expect("the disk filled up");
    assert_eq!(status, StatusCode::INSUFFICIENT_STORAGE, "{text}");
    // The browser shows the error's words: in Dutch, what happened and that
    // nothing saved before is lost.
    let error: kring_app::error::AppError = serde_json::from_str(&text).unwrap();
    assert_eq!(error, kring_app::error::AppError::StorageFull);
    assert!(error
        .to_string()
        .starts_with("De opslag van de server is vol, daarom is dit niet bewaard."));
    // Reading goes on while the disk is full.
    let week = admin
        .get(&format!("/zorgpagina/{page_id}/kalender"))
        .await
        .unwrap();
    assert_eq!(week.status(), StatusCode::OK);

    // Space again: the same process writes, without a restart.
    std::fs::remove_file(&filler).unwrap();
    assert_eq!(
        send("er is weer ruimte".into()).await.status(),
        StatusCode::OK
    );
    server.stop();
    let mut db = super::open(&database).await;
    let verdict: String = db::query_scalar("PRAGMA integrity_check")
        .fetch_one(&mut db)
        .await
        .unwrap();
    assert_eq!(verdict, "ok");
    for body in ["voor het vollopen", "er is weer ruimte"] {
        let found: i64 = db::query_scalar("SELECT COUNT(*) FROM messages WHERE body = $1")
            .bind(body)
            .fetch_one(&mut db)
            .await
            .unwrap();
        assert_eq!(found, 1, "{body}");
    }
    drop(db);
    drop(server);
    drop(disk);
}
