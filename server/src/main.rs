//! `kring [--demo]`: reads `Leptos.toml` and the environment, opens the
//! database, and serves until Ctrl-C or SIGTERM.
//! `kring access-log check`: proves the dossier's access log unchanged.
//! `kring organisation add NAAM --admin E-MAIL`: a new organisation and its admin.
//! `kring backup PAD`, `kring restore PAD`: copies of the database.

use kring_app::db::Backend;
use kring_server::{build_state, config, leptos_options, operator, router, serve};
use std::path::Path;
use tracing_subscriber::EnvFilter;

/// mimalloc instead of glibc's allocator: a page render makes thousands of
/// small allocations, which took 29 % of the server's time in glibc (perf,
/// week page under load; 14 % with mimalloc), and glibc kept the peak of a
/// burst of logins (Argon2 works in 19 MiB per hash) for good, where mimalloc
/// hands freed memory back to the system within seconds.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() {
    // The database, its WAL, backups and the outbox (codes, reset links)
    // hold medical data and secrets: whatever umask the operator's shell or
    // service manager passes on, nothing Kring creates is readable by
    // other users (files 0600, folders 0700).
    // SAFETY: umask only sets this process's file-creation mask; no thread
    // creates files yet.
    unsafe {
        libc::umask(0o077);
    }
    let settings = match config::load(Path::new("Leptos.toml"), |key| std::env::var(key).ok()) {
        Ok(settings) => settings,
        Err(error) => {
            eprintln!("kring: {error}");
            std::process::exit(1);
        }
    };
    start_logging(settings.json_logs);
    if let Err(message) = run(settings).await {
        eprintln!("kring: {message}");
        std::process::exit(1);
    }
}

/// Logs go to standard error (what Kring prints for the operator, such as
/// its address, to standard output), as text or one JSON object per line.
/// They name routes, row ids and error kinds; never what people wrote,
/// passwords, codes or tokens (see the integration test `logs`).
fn start_logging(json: bool) {
    let filter =
        EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn"));
    let logs = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    if json {
        logs.json().with_current_span(false).init();
    } else {
        logs.init();
    }
}

async fn run(mut settings: kring_app::settings::Settings) -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("access-log") {
        return check_access_log(&settings.database_url, &args[1..]).await;
    }
    if args.first().map(String::as_str) == Some("organisation") {
        return add_organisation(&settings, &args[1..]).await;
    }
    if args.first().map(String::as_str) == Some("backup") {
        println!("{}", operator::backup(&settings, &args[1..]).await?);
        return Ok(());
    }
    if args.first().map(String::as_str) == Some("restore") {
        println!("{}", operator::restore(&settings, &args[1..]).await?);
        return Ok(());
    }
    if args.first().map(String::as_str) == Some("migrate-to-postgres") {
        println!(
            "{}",
            operator::migrate_to_postgres(&settings, &args[1..]).await?
        );
        return Ok(());
    }
    if args.first().map(String::as_str) == Some("outbox") {
        return outbox_status(&settings.database_url, &args[1..]).await;
    }
    if std::env::args().any(|arg| arg == "--demo") {
        settings.demo = true;
    }
    let demo = settings.demo;
    // Held while serving an SQLite file: `kring restore` refuses to swap the
    // file meanwhile. (PostgreSQL is restored on its server, not by Kring.)
    let _serving = match Backend::of_url(&settings.database_url) {
        Backend::Postgres => None,
        Backend::Sqlite => {
            let database = kring_app::backup::database_file(&settings.database_url)
                .map_err(|e| e.to_string())?;
            let lock = kring_app::backup::DatabaseLock::serving(&database).map_err(|_| {
                format!(
                    "{} wordt net teruggezet (kring restore); start Kring daarna opnieuw",
                    database.display()
                )
            })?;
            Some(lock)
        }
    };
    let options = leptos_options(&settings);
    let state = build_state(settings, options)
        .await
        .map_err(|e| e.to_string())?;
    if demo {
        let today = chrono::Utc::now().date_naive();
        let demo = kring_app::demo::seed(&state.db, &state.key, today)
            .await
            .map_err(|e| e.to_string())?;
        print_demo_logins(&demo, &state.settings.public_url);
    }
    kring_app::outbox::worker::start(state.clone());
    kring_app::backup::daily::start(state.clone());
    kring_app::reminders::planner::start(state.clone());
    kring_app::wellbeing::reminders::start(state.clone());
    let listener = tokio::net::TcpListener::bind(state.settings.address)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", state.settings.address))?;
    println!("\nKring draait op {}\n", state.settings.public_url);
    if let Some(outbox) = state.mailer.outbox_folder() {
        println!("E-mails worden geschreven naar {}\n", outbox.display());
    }
    serve(listener, router(state), shutdown_signal())
        .await
        .map_err(|e| e.to_string())
}

/// `kring access-log check [HEAD]`: reads the whole access log and recomputes
/// its hash chain; prints the newest row's hash to keep elsewhere, and with a
/// head kept earlier, proves that nothing up to it was cut off.
async fn check_access_log(database_url: &str, args: &[String]) -> Result<(), String> {
    use data_encoding::HEXLOWER;
    use kring_app::dossier::access_log::{check_chain, contains_head};
    if args.first().map(String::as_str) != Some("check") {
        return Err("gebruik: kring access-log check [eerder bewaarde hash]".into());
    }
    let db = kring_app::db::Db::connect(database_url)
        .await
        .map_err(|e| e.to_string())?;
    let head = match check_chain(&db).await.map_err(|e| e.to_string())? {
        Ok(head) => head,
        Err(broken) => {
            return Err(format!(
                "het toegangslog is veranderd: de keten breekt bij regel {}",
                broken.row_id
            ))
        }
    };
    if let Some(earlier) = args.get(1) {
        let earlier = HEXLOWER
            .decode(earlier.trim().to_lowercase().as_bytes())
            .map_err(|_| "die hash is geen hexadecimale tekst".to_string())?;
        if !contains_head(&db, &earlier)
            .await
            .map_err(|e| e.to_string())?
        {
            return Err("de eerder bewaarde hash staat niet meer in het toegangslog: er zijn regels weggehaald".into());
        }
        println!("De eerder bewaarde hash staat er nog: niets daarvoor is weggehaald.");
    }
    println!(
        "Het toegangslog is ongeschonden: {} regels, de keten klopt.\nLaatste hash (bewaar deze buiten de server): {}",
        head.rows,
        HEXLOWER.encode(&head.head)
    );
    Ok(())
}

/// `kring outbox [opnieuw]`: what waits to be sent and what failed, for the
/// operator (also on `/healthz/outbox`); `opnieuw` queues the failed ones
/// again, after the mail server or gateway has been repaired.
async fn outbox_status(database_url: &str, args: &[String]) -> Result<(), String> {
    use kring_app::outbox::queries;
    let db = kring_app::db::Db::connect(database_url)
        .await
        .map_err(|e| e.to_string())?;
    let now = chrono::Utc::now();
    match args.first().map(String::as_str) {
        None => {}
        Some("opnieuw") => {
            let again = queries::retry_failed(&db, now)
                .await
                .map_err(|e| e.to_string())?;
            println!("{again} mislukte berichten staan weer klaar om te versturen.");
        }
        Some(_) => return Err("gebruik: kring outbox [opnieuw]".into()),
    }
    let counts = queries::counts(&db, now).await.map_err(|e| e.to_string())?;
    let oldest = counts.oldest_due.map_or_else(String::new, |at| {
        format!(
            " (het oudste sinds {})",
            kring_app::dates::written_moment(at)
        )
    });
    println!(
        "Wachtrij: {} wachtend, waarvan {} nu aan de beurt{oldest}; {} mislukt.",
        counts.waiting, counts.due, counts.failed
    );
    Ok(())
}

/// `kring organisation add NAAM --admin E-MAIL [--naam "Voornaam Achternaam"]`
async fn add_organisation(
    settings: &kring_app::settings::Settings,
    args: &[String],
) -> Result<(), String> {
    const USAGE: &str =
        "gebruik: kring organisation add \"Naam van de organisatie\" --admin e-mail [--naam \"Voornaam Achternaam\"]";
    let (Some("add"), Some(name)) = (args.first().map(String::as_str), args.get(1)) else {
        return Err(USAGE.into());
    };
    let option = |flag: &str| {
        args.iter()
            .position(|arg| arg == flag)
            .and_then(|at| args.get(at + 1))
            .map(String::as_str)
    };
    let admin = option("--admin").ok_or(USAGE)?;
    let db = kring_app::db::Db::connect(&settings.database_url)
        .await
        .map_err(|e| e.to_string())?;
    let added = kring_app::organisation::operator::add_organisation(
        &db,
        &settings.public_url,
        name,
        admin,
        option("--naam"),
    )
    .await?;
    println!(
        "Organisatie \"{name}\" is aangemaakt (nummer {}), met {admin} als beheerder.",
        added.provider_id
    );
    match added.password_link {
        Some(link) => println!(
            "Stuur de beheerder deze link om een wachtwoord te kiezen (48 uur geldig):\n  {link}"
        ),
        None => println!("De beheerder logt in met het bestaande wachtwoord en vindt de organisatie onder \"Organisatie\"."),
    }
    Ok(())
}

fn print_demo_logins(demo: &kring_app::demo::Demo, public_url: &str) {
    let logins = &demo.logins;
    if logins.is_empty() {
        println!("Demo: de database had al gegevens; er is niets toegevoegd.");
        return;
    }
    println!(
        "\nDemo-accounts (wachtwoord voor allemaal: {}):",
        kring_app::demo::DEMO_PASSWORD
    );
    for login in logins {
        println!("  {:<24} {}", login.email, login.who);
    }
    if let Some((code, client, born)) = &demo.activation_code {
        println!(
            "\nOngebruikte activatiecode van Thuiszorg De Linde: {code}\n  voor {client}, geboren {born}; de brief drukt Ineke af onder Organisatie → {client}."
        );
    }
    if let Some(token) = &demo.api_token {
        println!(
            "\nAPI-sleutel van Thuiszorg De Linde (alle scopes), zie {url}/api/v1/docs:\n  curl -H \"Authorization: Bearer {token}\" {url}/api/v1/clients",
            url = public_url.trim_end_matches('/')
        );
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut signal) =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            signal.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
    tracing::info!("shutting down");
}
