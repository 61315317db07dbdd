//! `kring backup PATH` and `kring restore PATH`: the operator's copies of the
//! database (see `kring_app::backup` and docs/operations.md); and
//! `kring migrate-to-postgres URL`, moving an installation (docs/scale.md).

use kring_app::backup::{self, queries, BackupError};
use kring_app::db::Backend;
use kring_app::settings::Settings;
use sqlx::sqlite::{SqliteConnectOptions, SqlitePool};
use std::path::Path;

/// Copies the database, while a server may be running on it, to `args[0]`;
/// the answer names the checked copy. The database is only read: a copy
/// taken after installing a newer Kring, before starting it, is of the
/// database as the older version left it (it is not migrated first).
pub async fn backup(settings: &Settings, args: &[String]) -> Result<String, String> {
    if Backend::of_url(&settings.database_url) == Backend::Postgres {
        return postgres_backup(settings).await;
    }
    let [destination] = args else {
        return Err("gebruik: kring backup PAD (bijvoorbeeld data/backups/handmatig.db)".into());
    };
    let file = backup::database_file(&settings.database_url).map_err(|e| e.to_string())?;
    if !file.is_file() {
        return Err(format!("er is geen database op {}", file.display()));
    }
    let reading = SqliteConnectOptions::new().filename(&file).read_only(true);
    let pool = SqlitePool::connect_with(reading)
        .await
        .map_err(|e| e.to_string())?;
    let started = chrono::Utc::now();
    let copied = backup::copy_to(&pool, Path::new(destination)).await;
    let up_to_date =
        backup::migrations_waiting(&pool, &kring_app::db::migrator()).await == Some(false);
    pool.close().await;
    let copy = copied.map_err(|e| e.to_string())?;
    let name = copy.path.display().to_string();
    // The copy is noted for /metrics only in a database of this version;
    // an older one is left exactly as it was.
    if up_to_date {
        let db = kring_app::db::Db::connect(&settings.database_url)
            .await
            .map_err(|e| e.to_string())?;
        queries::record(&db, queries::Kind::Manual, started, &name, copy.bytes)
            .await
            .map_err(|e| e.to_string())?;
    }
    Ok(format!(
        "Kopie gemaakt en gecontroleerd: {name} ({} bytes).",
        copy.bytes
    ))
}

/// On PostgreSQL the copies are the server's: checks that it answers and
/// says how to copy it.
async fn postgres_backup(settings: &Settings) -> Result<String, String> {
    let db = kring_app::db::Db::connect(&settings.database_url)
        .await
        .map_err(|e| format!("PostgreSQL antwoordt niet: {e}"))?;
    kring_app::db::queries::readiness(&db, std::time::Duration::from_secs(10))
        .await
        .map_err(|e| format!("PostgreSQL antwoordt, maar: {e}"))?;
    db.close().await;
    Ok(
        "Kring draait op PostgreSQL, en die antwoordt. Maak kopieën met pg_dump \
        (pg_dump --format=custom) of met de snapshots van uw aanbieder; \
        kring restore geldt alleen voor SQLite."
            .into(),
    )
}

/// Puts the copy `args[0]` in the database's place; refuses while a server
/// runs on it. The database as it was is kept aside.
pub async fn restore(settings: &Settings, args: &[String]) -> Result<String, String> {
    let [from] = args else {
        return Err(
            "gebruik: kring restore PAD (een kopie van kring backup of uit data/backups)".into(),
        );
    };
    if Backend::of_url(&settings.database_url) == Backend::Postgres {
        return Err("Kring draait op PostgreSQL: zet een kopie terug met pg_restore.".into());
    }
    let database = backup::database_file(&settings.database_url).map_err(|e| e.to_string())?;
    let restored = backup::restore(&database, Path::new(from), chrono::Utc::now())
        .await
        .map_err(|error| match error {
            BackupError::ServerRunning(_) => format!("{error}. Er is niets veranderd."),
            other => format!("{other}. Er is niets veranderd."),
        })?;
    let aside = match restored.kept_aside {
        Some(path) => format!(
            " De database van voor het terugzetten staat in {}.",
            path.display()
        ),
        None => String::new(),
    };
    Ok(format!(
        "{from} is teruggezet als {}.{aside} Start Kring weer om verder te gaan.",
        database.display()
    ))
}

/// `kring migrate-to-postgres URL`: copies this SQLite installation into
/// the empty PostgreSQL database at `args[0]` and checks the copy (see
/// `kring_app::moving`). Prints each table as it is checked.
pub async fn migrate_to_postgres(settings: &Settings, args: &[String]) -> Result<String, String> {
    use data_encoding::HEXLOWER;
    let [target] = args else {
        return Err(
            "gebruik: kring migrate-to-postgres postgres://gebruiker:wachtwoord@server/kring \
            (met Kring gestopt; KRING_DATABASE_URL wijst naar de SQLite-database)"
                .into(),
        );
    };
    println!("Verhuizen naar PostgreSQL; elke tabel wordt na het kopiëren gecontroleerd:");
    let moved = kring_app::moving::to_postgres(&settings.database_url, target, |table| {
        println!(
            "  {:<24} {:>10} rijen  controlesom {}",
            table.name,
            table.rows,
            &HEXLOWER.encode(&table.checksum)[..16]
        );
    })
    .await
    .map_err(|error| error.to_string())?;
    let rows: u64 = moved.tables.iter().map(|table| table.rows).sum();
    Ok(format!(
        "Verhuisd en gecontroleerd in {:.1} s: {} tabellen, {rows} rijen; het toegangslog ({} regels) \
        eindigt aan beide kanten bij {}.\nZet KRING_DATABASE_URL op het PostgreSQL-adres en start Kring. \
        De SQLite-database is niet veranderd.",
        moved.seconds,
        moved.tables.len(),
        moved.access_log.rows,
        HEXLOWER.encode(&moved.access_log.head)
    ))
}
