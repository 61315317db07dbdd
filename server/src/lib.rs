//! The Kring server: wires settings, database, mail and routes together.
//! `main.rs` only reads the command line; tests build the same router.

mod api_status;
pub mod api_v1;
pub mod body_limit;
mod caching;
pub mod config;
mod csrf;
mod health;
mod keep_typed;
mod language;
mod login_first;
mod metrics;
pub mod operator;
mod page_policy;
mod static_files;
mod time_limit;

use axum::extract::DefaultBodyLimit;
use axum::http::{header, HeaderValue, StatusCode};
use axum::routing::get;
use axum::{middleware, Router};
use kring_app::db::{Backend, Db};
use kring_app::dossier;
use kring_app::mail::Mailer;
use kring_app::profile::photo;
use kring_app::settings::Settings;
use kring_app::sms::SmsSender;
use kring_app::state::AppState;
use kring_app::{shell, App};
use leptos::config::LeptosOptions;
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, AxumRouteListing, LeptosRoutes};
use std::sync::{Arc, OnceLock};
use tower_http::compression::predicate::{DefaultPredicate, NotForContentType, Predicate};
use tower_http::compression::CompressionLayer;
use tower_http::set_header::SetResponseHeaderLayer;

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("{0}")]
    Backup(#[from] kring_app::backup::BackupError),
    #[error("mail: {0}")]
    Mail(#[from] kring_app::mail::MailError),
    #[error("sms: {0}")]
    Sms(#[from] kring_app::sms::SmsError),
    #[error("the secret key in {0}: {1}")]
    Key(String, std::io::Error),
}

/// Opens the database (applying migrations), the mailer and the SMS sender.
pub async fn build_state(
    settings: Settings,
    leptos_options: LeptosOptions,
) -> Result<AppState, StartError> {
    let on_sqlite = Backend::of_url(&settings.database_url) == Backend::Sqlite;
    let db = match &settings.backup_dir {
        // PostgreSQL is copied by its server (pg_dump, snapshots), not here.
        Some(folder) if on_sqlite => {
            let (db, copy) =
                kring_app::backup::connect_keeping_copy(&settings.database_url, folder).await?;
            if let Some(copy) = copy {
                tracing::info!(file = %copy.path.display(), bytes = copy.bytes, "copied the database before migrating");
            }
            db
        }
        _ => Db::connect(&settings.database_url).await?,
    };
    let mailer = match &settings.smtp_url {
        Some(url) => Mailer::smtp(url, &settings.mail_from)?,
        None => Mailer::outbox(settings.outbox_dir.clone(), &settings.mail_from)?,
    };
    let sms = match &settings.sms_gateway_url {
        Some(url) => SmsSender::gateway(url)?,
        None => SmsSender::outbox(settings.outbox_dir.clone())?,
    };
    let key = kring_app::secret::ServerKey::load_or_create(&settings.secret_file)
        .map_err(|error| StartError::Key(settings.secret_file.display().to_string(), error))?;
    Ok(AppState {
        key,
        bundle_parts: kring_app::shell::assets::BundleParts::of_build(&leptos_options),
        leptos_options,
        settings: Arc::new(settings),
        db,
        mailer,
        sms,
        outbox: kring_app::outbox::Doorbell::default(),
    })
}

/// Leptos' list of Kring's pages, made once per process. Making it renders
/// the whole app with resource loading switched off, and that switch is one
/// flag for the entire process (leptos_server's `SuppressResourceLoad`,
/// upstream issue leptos-rs/leptos#4773): a page whose data began loading
/// meanwhile, on any thread, waited forever. A server makes its router once
/// before it serves, but tests build one per app while others serve.
fn route_list() -> Vec<AxumRouteListing> {
    static ROUTES: OnceLock<Vec<AxumRouteListing>> = OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

/// Every route of Kring: the pages, the server functions, static files, `/healthz`.
pub fn router(state: AppState) -> Router {
    let routes = route_list();
    let options = state.leptos_options.clone();
    Router::new()
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .route("/healthz/outbox", get(health::outbox))
        .route("/metrics", get(metrics::metrics))
        .route(
            kring_app::routes::served::MANIFEST,
            get(shell::offline::manifest),
        )
        .route(
            kring_app::routes::served::OFFLINE,
            get(shell::offline::offline_page),
        )
        .route("/agenda/{file}", get(calendar_feed))
        .route(
            kring_app::routes::served::UNSUBSCRIBE_ONE_CLICK,
            get(kring_app::unsubscribe::one_click).post(kring_app::unsubscribe::one_click),
        )
        .route(
            kring_app::routes::served::PHOTO,
            get(photo::serve)
                .post(photo::upload)
                .layer(DefaultBodyLimit::max(photo::UPLOAD_BODY_LIMIT)),
        )
        .route(
            kring_app::routes::served::STORY_PHOTOS,
            axum::routing::post(kring_app::life_story::photos::upload)
                .layer(DefaultBodyLimit::max(photo::UPLOAD_BODY_LIMIT)),
        )
        .route(
            kring_app::routes::served::STORY_PHOTO,
            get(kring_app::life_story::photos::serve),
        )
        .route(
            kring_app::routes::served::CARE_PLAN_PDF,
            get(dossier::downloads::care_plan_pdf),
        )
        .route(
            kring_app::routes::served::ACCESS_LOG_CSV,
            get(dossier::downloads::access_log_csv),
        )
        .route(
            kring_app::routes::served::EXPORT_EVERYTHING,
            get(kring_app::export::everything),
        )
        .route(
            kring_app::routes::served::EXPORT_OWN_WRITING,
            get(kring_app::export::own_writing),
        )
        .merge(api_v1::router())
        .merge(static_files::bundle(&state.leptos_options))
        .route(
            kring_app::routes::served::CLIENT_LETTER,
            axum::routing::post(kring_app::organisation::letter::client_letter),
        )
        .leptos_routes_with_context(
            &state,
            routes,
            || {
                use kring_app::accounts::{api::ViewerOfThisRequest, flash, session};
                provide_context(flash::TakenThisRequest::default());
                provide_context(session::AccountOfThisRequest::default());
                provide_context(ViewerOfThisRequest::default());
            },
            move || shell(options.clone()),
        )
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(shell))
        .layer(middleware::from_fn(api_status::real_error_status))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            keep_typed::keep_typed_on_error,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            csrf::reject_cross_site,
        ))
        .layer(middleware::from_fn(body_limit::limit_body))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            login_first::send_to_login,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            caching::no_store_for_personal_data,
        ))
        // Inside the language's layer: the 503 page speaks the reader's language.
        .layer(middleware::from_fn_with_state(
            time_limit::TimeLimit::of(&state),
            time_limit::answer_within,
        ))
        .layer(middleware::from_fn(language::choose))
        .layer(middleware::from_fn(page_policy::add))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ))
        // Same-origin requests keep their Referer: forms without JavaScript return there.
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("same-origin"),
        ))
        // Pages, answers and the style sheet and scripts of builds without
        // precompressed files: brotli at quality 4 or gzip, as the browser
        // accepts. Not the WASM bundle: a release brings its own brotli copy,
        // and a debug build's 20 MB took a second of CPU on every load.
        .layer(CompressionLayer::new().compress_when(
            DefaultPredicate::new().and(NotForContentType::const_new("application/wasm")),
        ))
        .layer(middleware::from_fn(metrics::count))
        .with_state(state)
}

/// `/agenda/<secret>.ics`: a member's private calendar feed. An unknown or
/// revoked secret, or one whose owner lost access, is simply not found.
async fn calendar_feed(
    axum::extract::State(state): axum::extract::State<AppState>,
    axum::extract::Path(file): axum::extract::Path<String>,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    let token = file.strip_suffix(".ics").unwrap_or(&file);
    let today = kring_app::dates::today();
    match kring_app::calendar::feed::render(&state, token, today).await {
        Ok(Some(body)) => (
            [
                (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
                (header::CACHE_CONTROL, "private, max-age=300"),
            ],
            body,
        )
            .into_response(),
        Ok(None) => (StatusCode::NOT_FOUND, kring_app::i18n::t().err_not_found).into_response(),
        Err(_) => (
            StatusCode::INTERNAL_SERVER_ERROR,
            kring_app::i18n::t().err_internal,
        )
            .into_response(),
    }
}

/// Serves until `shutdown` completes, then lets requests in flight finish.
pub async fn serve(
    listener: tokio::net::TcpListener,
    router: Router,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    use axum::serve::ListenerExt;
    // Answers go out at once: without TCP_NODELAY, the second small answer on a
    // kept-alive connection waits ~40 ms for the browser's delayed ACK (Nagle).
    let listener = listener.tap_io(|connection| {
        if let Err(error) = connection.set_nodelay(true) {
            tracing::warn!(%error, "TCP_NODELAY could not be set");
        }
    });
    axum::serve(
        listener,
        router.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await
}

/// Leptos' own options: output name and site folders come from cargo-leptos'
/// environment when it runs us, with our defaults otherwise.
pub fn leptos_options(settings: &Settings) -> LeptosOptions {
    let mut options = leptos::config::get_configuration(None)
        .map(|conf| conf.leptos_options)
        .unwrap_or_else(|_| LeptosOptions::builder().output_name("kring").build());
    if options.output_name.is_empty() {
        options.output_name = "kring".into();
    }
    // cargo-leptos tells the server's build whether it put hashes in the
    // bundle's file names; the binary remembers, so it links the right files
    // however it is started.
    if std::env::var_os("LEPTOS_HASH_FILES").is_none() {
        options.hash_files = option_env!("LEPTOS_HASH_FILES") == Some("true");
    }
    // Leptos reads the hashes from hash.txt beside the binary, and cannot render
    // a page without it; a binary that was not built by cargo-leptos (cargo
    // test, cargo run) links the plain names instead.
    if options.hash_files && !shell::assets::hash_file(&options).is_some_and(|file| file.exists()) {
        options.hash_files = false;
    }
    options.site_addr = settings.address;
    options
}
