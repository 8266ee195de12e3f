//! thidua: scoring, ranking and signed reports for Vietnamese emulation blocs.
//!
//! # Layers
//!
//! Lowest first. A module uses only the modules on its own level or below it, never one above;
//! `tests/layers.rs` reads the source and fails when one does.
//!
//! 1. [`exit`], [`model`]: the bloc, its scheme, values and ids; the process's exit codes.
//! 2. [`score`]: the engine, one pure function from entries and votes to results.
//! 3. [`i18n`]: the catalogs, Vietnamese and English, of the words every layer above uses.
//! 4. [`store`]: the data folder: journal, snapshot, lock, records opened to read or to change.
//! 5. [`session`]: the rules of a meeting, applied once for the screen and the command line.
//! 6. [`report`], [`selfscore`], [`setup`]: the documents that leave the meeting, the forms that
//!    come in, and the bloc set up from spreadsheets.
//! 7. [`room`], [`ward`]: what the room sees (totals, ranks and bands while the scoring runs,
//!    and the read-only live page served to the members' phones), and the receiving office's
//!    checks of the reports that reach it.
//! 8. [`synthetic`]: generated blocs for benchmarks and trials.
//! 9. [`tui`]: the screen.
//! 10. [`cli`]: the commands, one of which opens the screen.
#![forbid(unsafe_code)]

pub mod cli;
pub mod exit;
pub mod i18n;
pub mod model;
pub mod report;
pub mod room;
pub mod score;
pub mod selfscore;
pub mod session;
pub mod setup;
pub mod store;
pub mod synthetic;
pub mod tui;
pub mod ward;
