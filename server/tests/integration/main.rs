//! Kring's integration tests: the real router on a random port, each test with
//! its own fresh SQLite database and outbox (see `common`).
//!
//! One test binary on purpose: every file under `tests/` that cargo finds on
//! its own becomes a separate executable linking the whole server, which costs
//! a link step and a few hundred megabytes of disk each. Modules keep the
//! domains apart just as well.

mod common;

mod access_matrix;
mod access_table;
mod account_settings;
mod accounts;
mod calendar;
mod care_pages;
mod charts;
mod connections;
mod dossier;
mod export;
mod languages;
mod legal;
mod life_story;
mod medication;
mod messages;
mod migrations;
mod moving;
mod notes;
mod notices;
mod operations;
mod organisation;
mod outbox;
mod overview;
mod postgres;
mod printed;
mod process;
mod profile;
mod reconfirm;
mod routes;
mod security;
mod security_headers;
mod smtp;
mod stalls;
mod static_files;
mod two_factor;
mod unsubscribe;
mod wellbeing;
