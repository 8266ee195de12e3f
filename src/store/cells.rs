//! One layer of a session's cells (the bloc's scores, or the units' self-scores): the values
//! in a dense sheet for the engine, each cell's note and reason beside them.

use std::collections::HashMap;

use crate::model::{Covenant, Sheet};

use super::journal::Cell;

/// One layer of cells: the values in a dense sheet for the engine, the rest of each cell
/// beside them.
pub(crate) struct Cells {
    pub(crate) sheet: Sheet,
    notes: HashMap<(usize, usize), (String, String)>,
}

impl Cells {
    pub(crate) fn new(covenant: &Covenant) -> Cells {
        Cells {
            sheet: covenant.empty_sheet(),
            notes: HashMap::new(),
        }
    }

    pub(crate) fn get(&self, unit: usize, item: usize) -> Cell {
        let (note, reason) = self.notes.get(&(unit, item)).cloned().unwrap_or_default();
        Cell {
            value: self.sheet.get(unit, item).cloned(),
            note,
            reason,
        }
    }

    pub(crate) fn put(&mut self, unit: usize, item: usize, cell: Cell) {
        self.sheet.set(unit, item, cell.value);
        if cell.note.is_empty() && cell.reason.is_empty() {
            // Most cells have no note: no hashing where there is nothing to remove.
            if !self.notes.is_empty() {
                self.notes.remove(&(unit, item));
            }
        } else {
            self.notes.insert((unit, item), (cell.note, cell.reason));
        }
    }

    pub(crate) fn any(&self) -> bool {
        (0..self.sheet.units()).any(|u| self.sheet.row(u).iter().any(Option::is_some))
    }

    /// Every non-empty cell by unit and item index, for the snapshot.
    pub(crate) fn listed(&self) -> Vec<super::snapshot::SnapshotCell> {
        let mut out = Vec::new();
        for u in 0..self.sheet.units() {
            for i in 0..self.sheet.items() {
                let cell = self.get(u, i);
                if cell != Cell::default() {
                    out.push(super::snapshot::SnapshotCell(u as u32, i as u32, cell));
                }
            }
        }
        out
    }
}
