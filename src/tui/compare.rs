//! The comparison screen of a year-end session: the mid-year results read when the session
//! opens (or why they could not be). Its keys are the screen's (`navigation`); the view is
//! `view::compare`.

use std::cell::Cell;
use std::path::{Path, PathBuf};

use crate::model::{Covenant, Period};
use crate::score::{Results, compute};
use crate::store::records::{Records, StoreError};

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
