//! thidua: scoring, ranking and signed reports for Vietnamese emulation blocs.
#![forbid(unsafe_code)]

pub mod cli;
pub mod exit;
pub mod i18n;
pub mod model;
pub mod report;
pub mod score;
pub mod selfscore;
pub mod session;
pub mod store;
pub mod synthetic;
pub mod tui;
