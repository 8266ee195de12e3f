//! The entered values of one session: a dense table, one row per unit (in the bloc's member
//! order), one column per item (in layout order).

use super::value::Value;

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Sheet {
    units: usize,
    items: usize,
    cells: Vec<Option<Value>>,
}

impl Sheet {
    pub fn new(units: usize, items: usize) -> Sheet {
        Sheet {
            units,
            items,
            cells: vec![None; units * items],
        }
    }

    pub fn units(&self) -> usize {
        self.units
    }

    pub fn items(&self) -> usize {
        self.items
    }

    pub fn get(&self, unit: usize, item: usize) -> Option<&Value> {
        self.cells[unit * self.items + item].as_ref()
    }

    /// Sets a cell and returns its previous value.
    pub fn set(&mut self, unit: usize, item: usize, value: Option<Value>) -> Option<Value> {
        std::mem::replace(&mut self.cells[unit * self.items + item], value)
    }

    pub fn row(&self, unit: usize) -> &[Option<Value>] {
        &self.cells[unit * self.items..(unit + 1) * self.items]
    }
}
