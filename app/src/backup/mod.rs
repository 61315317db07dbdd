//! Copies of the database (server only): taken while the server runs,
//! checked before they count, made every day and before every migration, and
//! put back by `kring restore`.
//!
//! A copy is made with `VACUUM INTO` on a reading connection: SQLite writes
//! one consistent snapshot (the moment the copy began) while writers carry
//! on, and the copy is a plain database file without a WAL beside it.

pub mod daily;
pub mod queries;

use sqlx::sqlite::{SqliteConnectOptions, SqlitePool};
use sqlx::ConnectOptions;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// A checked copy in its place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Copy {
    pub path: PathBuf,
    pub bytes: u64,
}

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("{0} bestaat al; kies een andere naam")]
    Exists(PathBuf),
    #[error("{0} is geen gave Kring-database: {1}")]
    Damaged(PathBuf, String),
    #[error("er draait een Kring-server op {0}; stop die eerst")]
    ServerRunning(PathBuf),
}

/// The database file a `sqlite://` address names.
pub fn database_file(url: &str) -> Result<PathBuf, BackupError> {
    Ok(SqliteConnectOptions::from_str(url)?
        .get_filename()
        .to_path_buf())
}

/// Copies the database `pool` reads into `destination`, which must not
/// exist yet. The copy is written beside it under a temporary name,
/// checked, flushed to the disk, and only then given its name: a file with
/// the name is always a whole, sound copy.
pub async fn copy_to(pool: &SqlitePool, destination: &Path) -> Result<Copy, BackupError> {
    if destination.exists() {
        return Err(BackupError::Exists(destination.to_path_buf()));
    }
    if let Some(folder) = destination.parent().filter(|f| !f.as_os_str().is_empty()) {
        std::fs::create_dir_all(folder)?;
    }
    let partial = with_suffix(destination, ".deels");
    // Left by a copy that was interrupted; VACUUM INTO refuses to overwrite.
    let _ = std::fs::remove_file(&partial);
    let written = queries::vacuum_into(pool, &partial).await;
    if let Err(error) = written {
        let _ = std::fs::remove_file(&partial);
        return Err(error.into());
    }
    if let Err(error) = check(&partial).await {
        let _ = std::fs::remove_file(&partial);
        return Err(error);
    }
    File::open(&partial)?.sync_all()?;
    std::fs::rename(&partial, destination)?;
    sync_folder(destination);
    Ok(Copy {
        path: destination.to_path_buf(),
        bytes: std::fs::metadata(destination)?.len(),
    })
}

/// `PRAGMA integrity_check` on the file, and that it is a Kring database
/// (it has the table of applied migrations).
pub async fn check(path: &Path) -> Result<(), BackupError> {
    if !path.is_file() {
        return Err(BackupError::Damaged(
            path.to_path_buf(),
            "het bestand bestaat niet".into(),
        ));
    }
    let damaged = |why: String| BackupError::Damaged(path.to_path_buf(), why);
    let mut connection = SqliteConnectOptions::new()
        .filename(path)
        .read_only(true)
        .connect()
        .await
        .map_err(|e| damaged(e.to_string()))?;
    let verdict = queries::integrity_check(&mut connection)
        .await
        .map_err(|e| damaged(e.to_string()))?;
    if verdict != ["ok"] {
        return Err(damaged(verdict.join("; ")));
    }
    let migrations = queries::applied_migrations(&mut connection)
        .await
        .map_or(0, |applied| applied.len());
    if migrations == 0 {
        return Err(damaged("er staan geen Kring-gegevens in".into()));
    }
    Ok(())
}

/// Held by every server process on a database (shared), and by `kring
/// restore` (alone): a restore never swaps the file under a running server,
/// and a server cannot start halfway through a restore. The operating system
/// lets go when the process ends, however it ends.
#[derive(Debug)]
pub struct DatabaseLock {
    _file: File,
}

impl DatabaseLock {
    /// For a server: any number of servers may hold it together.
    pub fn serving(database: &Path) -> Result<DatabaseLock, BackupError> {
        let file = lock_file(database)?;
        match file.try_lock_shared() {
            Ok(()) => Ok(DatabaseLock { _file: file }),
            Err(_) => Err(BackupError::ServerRunning(database.to_path_buf())),
        }
    }

    /// For a restore: only when no server holds it.
    pub fn alone(database: &Path) -> Result<DatabaseLock, BackupError> {
        let file = lock_file(database)?;
        match file.try_lock() {
            Ok(()) => Ok(DatabaseLock { _file: file }),
            Err(_) => Err(BackupError::ServerRunning(database.to_path_buf())),
        }
    }
}

fn lock_file(database: &Path) -> std::io::Result<File> {
    if let Some(folder) = database.parent().filter(|f| !f.as_os_str().is_empty()) {
        std::fs::create_dir_all(folder)?;
    }
    std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(with_suffix(database, ".lock"))
}

/// What a restore did.
#[derive(Debug)]
pub struct Restored {
    /// Where the database as it was before the restore now is (with its
    /// WAL beside it, if it had one), or none when there was no database.
    pub kept_aside: Option<PathBuf>,
}

/// Puts the copy `from` in the place of `database`. Refuses while a server
/// runs on it and when the copy is not sound; the current file (and its
/// WAL) is kept aside under a dated name, never deleted.
pub async fn restore(
    database: &Path,
    from: &Path,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Restored, BackupError> {
    let _alone = DatabaseLock::alone(database)?;
    check(from).await?;
    let kept_aside = if database.exists() {
        let aside = with_suffix(database, &format!(".voor-herstel-{}", file_stamp(now)));
        for suffix in ["-wal", "-shm"] {
            let companion = with_suffix(database, suffix);
            if companion.exists() {
                std::fs::rename(&companion, with_suffix(&aside, suffix))?;
            }
        }
        std::fs::rename(database, &aside)?;
        Some(aside)
    } else {
        None
    };
    let partial = with_suffix(database, ".deels");
    std::fs::copy(from, &partial)?;
    File::open(&partial)?.sync_all()?;
    std::fs::rename(&partial, database)?;
    sync_folder(database);
    Ok(Restored { kept_aside })
}

/// Opens the database as [`crate::db::Db::connect`] does, but first copies
/// it into `backups` when migrations are about to change it (see
/// [`before_migrations`]), and notes the copy for `/metrics`.
pub async fn connect_keeping_copy(
    url: &str,
    backups: &Path,
) -> Result<(crate::db::Db, Option<Copy>), BackupError> {
    let unmigrated = crate::db::Unmigrated::open(url).await?;
    let started = chrono::Utc::now();
    let copy = before_migrations(
        unmigrated.writer(),
        &crate::db::migrator(),
        backups,
        started,
    )
    .await?;
    let db = unmigrated.migrate().await?;
    if let Some(copy) = &copy {
        let name = copy.path.file_name().unwrap_or_default().to_string_lossy();
        queries::record(&db, queries::Kind::Migration, started, &name, copy.bytes)
            .await
            .map_err(|_| sqlx::Error::Protocol("could not record the copy".into()))?;
    }
    Ok((db, copy))
}

/// The copy made before migrations change the database, when any are
/// waiting and the database already holds data: an upgrade that goes wrong
/// can be undone with `kring restore`.
pub async fn before_migrations(
    pool: &SqlitePool,
    migrator: &sqlx::migrate::Migrator,
    folder: &Path,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Option<Copy>, BackupError> {
    // A new database (no migrations yet) has nothing to keep.
    if migrations_waiting(pool, migrator).await != Some(true) {
        return Ok(None);
    }
    let name = format!("voor-migratie-{}.db", file_stamp(now));
    copy_to(pool, &folder.join(name)).await.map(Some)
}

/// Whether `migrator` would change the database `pool` reads: `None` for a
/// database without any migration applied (new, or not Kring's).
pub async fn migrations_waiting(
    pool: &SqlitePool,
    migrator: &sqlx::migrate::Migrator,
) -> Option<bool> {
    let applied = queries::applied_migrations(pool).await.ok()?;
    if applied.is_empty() {
        return None;
    }
    Some(
        migrator
            .iter()
            .filter(|migration| !migration.migration_type.is_down_migration())
            .any(|migration| !applied.contains(&migration.version)),
    )
}

/// Removes the oldest daily copies (`kring-*.db`) in `folder` beyond `keep`.
/// Copies made by hand or before a migration are the operator's to remove.
pub fn prune(folder: &Path, keep: usize) -> std::io::Result<Vec<PathBuf>> {
    let mut daily: Vec<PathBuf> = std::fs::read_dir(folder)?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| is_daily_copy(path))
        .collect();
    // The names carry the time, so their order is their age.
    daily.sort();
    let surplus = daily.len().saturating_sub(keep);
    let removed: Vec<PathBuf> = daily.into_iter().take(surplus).collect();
    for path in &removed {
        std::fs::remove_file(path)?;
    }
    Ok(removed)
}

/// The name of the daily copy made at `now`.
pub fn daily_name(now: chrono::DateTime<chrono::Utc>) -> String {
    format!("kring-{}.db", file_stamp(now))
}

fn is_daily_copy(path: &Path) -> bool {
    path.file_name()
        .and_then(|name| name.to_str())
        .is_some_and(|name| name.starts_with("kring-") && name.ends_with(".db"))
}

/// `20261204-031500`: UTC, sortable, valid in every file system.
fn file_stamp(at: chrono::DateTime<chrono::Utc>) -> String {
    at.format("%Y%m%d-%H%M%S").to_string()
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Makes a rename survive a power cut: the folder's entry is on the disk.
fn sync_folder(file: &Path) {
    if let Some(folder) = file.parent().filter(|f| !f.as_os_str().is_empty()) {
        if let Ok(folder) = File::open(folder) {
            let _ = folder.sync_all();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn daily_copies_sort_by_age_and_others_are_not_pruned() {
        let dir = std::env::temp_dir().join(format!("kring-prune-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let start = chrono::DateTime::parse_from_rfc3339("2026-12-01T03:00:00Z")
            .unwrap()
            .to_utc();
        for day in 0..5 {
            let name = daily_name(start + chrono::Duration::days(day));
            std::fs::write(dir.join(name), b"x").unwrap();
        }
        std::fs::write(dir.join("voor-migratie-20261101-030000.db"), b"x").unwrap();
        std::fs::write(dir.join("kring-20261130-030000.db.deels"), b"x").unwrap();
        let removed = prune(&dir, 3).unwrap();
        let names: Vec<_> = removed
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(
            names,
            ["kring-20261201-030000.db", "kring-20261202-030000.db"]
        );
        let mut left: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(
            left,
            [
                "kring-20261130-030000.db.deels",
                "kring-20261203-030000.db",
                "kring-20261204-030000.db",
                "kring-20261205-030000.db",
                "voor-migratie-20261101-030000.db"
            ]
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
