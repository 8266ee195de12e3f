//! Where a session's changes are stored: the records on disk in the program. Tests can put a
//! ledger in front of them that fails like a full disk.

use chrono::{DateTime, FixedOffset};

use crate::model::Sheet;
use crate::store::{Cell, Change, Entry, Records, StoreError};

pub trait Ledger {
    /// The records behind the ledger, for reading and for the session's events.
    fn records(&self) -> &Records;
    fn records_mut(&mut self) -> &mut Records;

    fn sheet(&self) -> &Sheet {
        self.records().sheet()
    }
    fn cell(&self, unit: usize, item: usize) -> Cell {
        self.records().cell(unit, item)
    }
    fn apply(&mut self, changes: &[Change]) -> Result<Vec<Entry>, StoreError> {
        self.records_mut().apply(changes)
    }
    fn last_saved(&self) -> Option<DateTime<FixedOffset>> {
        self.records().last_saved()
    }
}

impl Ledger for Records {
    fn records(&self) -> &Records {
        self
    }
    fn records_mut(&mut self) -> &mut Records {
        self
    }
}
