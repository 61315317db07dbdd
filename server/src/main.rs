//! `kring [--demo]`: reads `Leptos.toml` and the environment, opens the
//! database, and serves until Ctrl-C or SIGTERM.
//! `kring access-log check`: proves the dossier's access log unchanged.

use kring_server::{build_state, config, leptos_options, router, serve};
use std::path::Path;
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn")),
        )
        .init();
    if let Err(message) = run().await {
        eprintln!("kring: {message}");
        std::process::exit(1);
    }
}

async fn run() -> Result<(), String> {
    let mut settings = config::load(Path::new("Leptos.toml"), |key| std::env::var(key).ok())
        .map_err(|e| e.to_string())?;
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("access-log") {
        return check_access_log(&settings.database_url, args.get(1).map(String::as_str)).await;
    }
    if std::env::args().any(|arg| arg == "--demo") {
        settings.demo = true;
    }
    let demo = settings.demo;
    let options = leptos_options(&settings);
    let state = build_state(settings, options)
        .await
        .map_err(|e| e.to_string())?;
    if demo {
        let today = chrono::Utc::now().date_naive();
        let logins = kring_app::demo::seed(&state.db, today)
            .await
            .map_err(|e| e.to_string())?;
        print_demo_logins(&logins);
    }
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

/// `kring access-log check`: reads the whole access log and recomputes its
/// hash chain; says how many rows are intact, or the first row that is not.
async fn check_access_log(database_url: &str, command: Option<&str>) -> Result<(), String> {
    if command != Some("check") {
        return Err("gebruik: kring access-log check".into());
    }
    let db = kring_app::db::Db::connect(database_url)
        .await
        .map_err(|e| e.to_string())?;
    match kring_app::dossier::access_log::check_chain(&db).await {
        Ok(Ok(rows)) => {
            println!("Het toegangslog is ongeschonden: {rows} regels, de keten klopt.");
            Ok(())
        }
        Ok(Err(broken)) => Err(format!(
            "het toegangslog is veranderd: de keten breekt bij regel {}",
            broken.row_id
        )),
        Err(error) => Err(error.to_string()),
    }
}

fn print_demo_logins(logins: &[kring_app::demo::DemoLogin]) {
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
