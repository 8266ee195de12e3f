//! The comparison screen of a year-end session: the mid-year results read when the session
//! opens (or why they could not be), and the screen's keys. The view is `view::compare`.

use std::cell::Cell;
use std::path::{Path, PathBuf};

use crate::i18n::compare::CompareMsg;
use crate::model::{Covenant, Period};
use crate::score::{Results, compute};
use crate::store::records::{Records, StoreError};

use super::app::{App, Said, Screen, Status};
use super::keymap::Action;

/// What the year-end session knows of its mid-year.
#[derive(Debug, Default)]
pub enum MidYear {
    /// Not looked for: a mid-year session, or a screen built without files.
    #[default]
    NotRead,
    /// No mid-year session folder for the year.
    Missing(PathBuf),
    /// Held by another copy of the program, or damaged.
    Unavailable(StoreError),
    /// Read, but its figures could not be computed.
    Uncomputable(crate::score::Overflow),
    Loaded(Results),
}

#[derive(Debug, Default)]
pub struct Compare {
    pub mid_year: MidYear,
    /// The mid-year session's folder, to read it again when it could not be read.
    pub dir: Option<PathBuf>,
    /// First unit shown in the table and in the chart, kept by the view.
    pub table_top: Cell<usize>,
    pub chart_top: Cell<usize>,
}

impl Compare {
    /// Reads the mid-year session in `dir`.
    pub fn read(covenant: &Covenant, dir: &Path) -> Compare {
        Compare {
            mid_year: load(covenant, dir),
            dir: Some(dir.to_path_buf()),
            ..Compare::default()
        }
    }
}

/// The mid-year results of the session in `dir`. Its records are opened (taking their lock
/// for that moment), read and let go at once: the year-end session never writes to them.
pub fn load(covenant: &Covenant, dir: &Path) -> MidYear {
    // Opening records creates their folder: look first, so that none is left behind.
    if !dir.is_dir() {
        return MidYear::Missing(dir.to_path_buf());
    }
    match Records::open_to_read(dir, covenant, Period::MidYear) {
        Ok(records) => match compute(covenant, Period::MidYear, records.sheet()) {
            Ok(results) => MidYear::Loaded(results),
            Err(o) => MidYear::Uncomputable(o),
        },
        Err(e) => MidYear::Unavailable(e),
    }
}

/// The screen's key: the comparison at year-end; at mid-year, why there is none.
pub fn show(app: &mut App) {
    if app.period != Period::YearEnd {
        app.status = Some(Status::Info(Said::Compare(CompareMsg::NoEarlierPeriod)));
        return;
    }
    // Another copy may have let the mid-year go since the session opened.
    if matches!(app.compare.mid_year, MidYear::Unavailable(_))
        && let Some(dir) = app.compare.dir.clone()
    {
        app.compare.mid_year = load(&app.covenant, &dir);
    }
    app.screen = Screen::Compare;
}

/// Moving through the units in the year-end order; Enter (the card) is the keymap's.
pub fn navigate(app: &mut App, action: Action) {
    let order = &app.results().order;
    let at = order.iter().position(|u| *u == app.unit).unwrap_or(0);
    let last = order.len().saturating_sub(1);
    let to = match action {
        Action::Up => at.saturating_sub(1),
        Action::Down => (at + 1).min(last),
        Action::Home => 0,
        Action::End => last,
        _ => return,
    };
    app.unit = order[to];
}
