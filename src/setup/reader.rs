//! Reading a set-up workbook: each sheet found by its name and each column by its heading, every
//! value read with the cell it came from, and every problem kept with its sheet and cell. The
//! scheme's and the bloc's readers build on it.

use std::collections::HashMap;
use std::io::Cursor;

use calamine::{Reader as _, Xlsx};
use rust_decimal::Decimal;

use crate::model::path::{Path, Seg};
use crate::model::period::Period;
use crate::model::value::parse_decimal;
use crate::selfscore::Place;
use crate::store::workbook::{Bounds, Content, SheetCells, WorkbookError};

use super::shape::{self, Choice, SheetShape};
use super::words::SetupMsg;

/// One problem of the workbook.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub place: Place,
    pub what: SetupMsg,
}

impl Problem {
    /// `'Tiêu chí'!C14: reason`, or the reason alone for the whole file.
    pub fn text(&self, lang: crate::i18n::Lang) -> String {
        match &self.place {
            Place::File => self.what.text(lang),
            place => format!("{}: {}", place.text(lang), self.what.text(lang)),
        }
    }
}

/// A sheet read: its cells and where each heading is.
pub(crate) struct Sheet {
    pub shape: &'static SheetShape,
    pub cells: SheetCells,
    /// The column of each of the shape's headings, where found.
    pub columns: Vec<Option<u16>>,
}

/// A workbook being read.
pub(crate) struct Reader {
    pub bounds: Bounds,
    pub sheets: HashMap<&'static str, Sheet>,
    pub problems: Vec<Problem>,
    /// The row each part of the result was read from, by its path.
    rows: HashMap<Path, (&'static str, u32)>,
    /// The cell a value was read from, by its path, where it is known exactly.
    cells: HashMap<Path, Place>,
}

/// A row of a sheet, for reading its cells.
#[derive(Clone, Copy)]
pub(crate) struct At {
    pub sheet: &'static str,
    pub row: u32,
}

/// Opens a workbook within `bounds`, or the one problem of the whole file.
pub(crate) fn open(bytes: &[u8], bounds: Bounds) -> Result<Xlsx<Cursor<&[u8]>>, Vec<Problem>> {
    crate::store::workbook::open(bytes, bounds).map_err(|e: WorkbookError| {
        vec![Problem {
            place: Place::File,
            what: SetupMsg::Workbook(e),
        }]
    })
}

impl Reader {
    pub fn new(bounds: Bounds) -> Reader {
        Reader {
            bounds,
            sheets: HashMap::new(),
            problems: Vec::new(),
            rows: HashMap::new(),
            cells: HashMap::new(),
        }
    }

    /// Reads the sheet of `shape`, if the workbook has it; one that is `required` and missing is
    /// a problem. A sheet that cannot be read at all stops the reading.
    pub fn load(
        &mut self,
        book: &mut Xlsx<Cursor<&[u8]>>,
        shape: &'static SheetShape,
        required: bool,
    ) -> Result<(), Vec<Problem>> {
        if !book.sheet_names().iter().any(|n| n == shape.name) {
            if required {
                self.problems.push(Problem {
                    place: Place::File,
                    what: SetupMsg::MissingSheet(shape.name),
                });
            }
            return Ok(());
        }
        let cells = SheetCells::read(book, shape.name, self.bounds).map_err(|e| {
            let place = match e {
                WorkbookError::Beyond { row, col } => Place::Cell {
                    sheet: shape.name.to_string(),
                    row,
                    col,
                },
                _ => Place::Sheet(shape.name.to_string()),
            };
            vec![Problem {
                place,
                what: SetupMsg::Workbook(e),
            }]
        })?;
        let headings: Vec<String> = (0..self.bounds.cols)
            .map(|c| match cells.content(0, c) {
                Content::Text(t) => t.to_lowercase(),
                _ => String::new(),
            })
            .collect();
        let columns = shape
            .columns
            .iter()
            .map(|col| {
                let heading = col.heading.to_lowercase();
                headings
                    .iter()
                    .position(|h| *h == heading)
                    .map(|c| c as u16)
            })
            .collect();
        self.sheets.insert(
            shape.name,
            Sheet {
                shape,
                cells,
                columns,
            },
        );
        Ok(())
    }

    pub fn problem(&mut self, place: Place, what: SetupMsg) {
        self.problems.push(Problem { place, what });
    }

    /// The rows below the headings that hold something, of `shape`'s sheet.
    pub fn rows(&self, shape: &SheetShape) -> Vec<At> {
        let Some(sheet) = self.sheets.get(shape.name) else {
            return Vec::new();
        };
        (1..=sheet.cells.last_row)
            .filter(|&row| {
                (0..self.bounds.cols).any(|c| sheet.cells.content(row, c) != Content::Empty)
            })
            .map(|row| At {
                sheet: shape.name,
                row,
            })
            .collect()
    }

    pub fn cell_place(&self, at: At, column: u16) -> Place {
        let col = self.sheets[at.sheet].columns[usize::from(column)].unwrap_or(column);
        Place::Cell {
            sheet: at.sheet.to_string(),
            row: at.row,
            col,
        }
    }

    /// The text of a cell of the shape's `column`; empty where the column is missing.
    pub fn text(&mut self, at: At, column: u16) -> String {
        let sheet = &self.sheets[at.sheet];
        let Some(col) = sheet.columns[usize::from(column)] else {
            return String::new();
        };
        match sheet.cells.content(at.row, col) {
            Content::Empty => String::new(),
            Content::Text(s) | Content::Number(s) | Content::Date(s) => s,
            Content::Formula(f) => {
                self.problem(self.cell_place(at, column), SetupMsg::Formula(f));
                String::new()
            }
            Content::Error(e) => {
                self.problem(self.cell_place(at, column), SetupMsg::CellError(e));
                String::new()
            }
        }
    }

    /// A cell that must hold text.
    pub fn required(&mut self, at: At, column: u16) -> String {
        let text = self.text(at, column);
        if text.is_empty() {
            let sheet = &self.sheets[at.sheet];
            let heading = sheet.shape.columns[usize::from(column)].heading;
            let what = if sheet.columns[usize::from(column)].is_none() {
                SetupMsg::MissingColumn(heading)
            } else {
                SetupMsg::Empty(heading)
            };
            self.problem(self.cell_place(at, column), what);
        }
        text
    }

    /// The value of a row of an information sheet (its label in column A, its value in B),
    /// which must be given.
    pub fn required_row(&mut self, at: At, label: &'static str) -> String {
        let text = self.text(at, 1);
        if text.is_empty() {
            self.problem(self.cell_place(at, 1), SetupMsg::EmptyRow(label));
        }
        text
    }

    pub fn decimal(&mut self, at: At, column: u16) -> Option<Decimal> {
        let text = self.text(at, column);
        if text.is_empty() {
            return None;
        }
        let value = parse_decimal(&text);
        if value.is_none() {
            self.problem(self.cell_place(at, column), SetupMsg::NotANumber(text));
        }
        value
    }

    pub fn required_decimal(&mut self, at: At, column: u16) -> Decimal {
        if self.text(at, column).is_empty() {
            self.required(at, column);
            return Decimal::ZERO;
        }
        self.decimal(at, column).unwrap_or_default()
    }

    pub fn whole(&mut self, at: At, column: u16) -> Option<u32> {
        let value = self.decimal(at, column)?;
        match u32::try_from(value.normalize().mantissa()) {
            Ok(n) if value.normalize().scale() == 0 && n >= 1 => Some(n),
            _ => {
                let text = value.to_string();
                self.problem(self.cell_place(at, column), SetupMsg::NotAWholeNumber(text));
                None
            }
        }
    }

    /// The index of the choice a cell names, `None` where it is empty.
    pub fn choice(&mut self, at: At, column: u16, choices: &'static [Choice]) -> Option<usize> {
        let text = self.text(at, column);
        if text.is_empty() {
            return None;
        }
        let found = shape::chosen(choices, &text);
        if found.is_none() {
            let words = choices.iter().map(|c| c.word).collect();
            let what = SetupMsg::UnknownChoice { given: text, words };
            self.problem(self.cell_place(at, column), what);
        }
        found
    }

    pub fn yes(&mut self, at: At, column: u16) -> Option<bool> {
        self.choice(at, column, shape::YES_NO).map(|c| c == 0)
    }

    pub fn periods(&mut self, at: At, column: u16) -> Vec<Period> {
        match self.choice(at, column, shape::PERIODS) {
            Some(1) => vec![Period::YearEnd],
            Some(2) => vec![Period::MidYear],
            _ => Period::both(),
        }
    }

    pub fn remember(&mut self, path: Path, at: At) {
        self.rows.insert(path, (at.sheet, at.row));
    }

    /// Remembers the very cell a value at `path` was read from.
    pub fn remember_cell(&mut self, path: Path, place: Place) {
        self.cells.insert(path, place);
    }

    /// The cell a problem at `path` comes from: the cell remembered for the longest part of the
    /// path, or the row of the longest part read from a row, in the column of the field that
    /// follows it (`column_of`).
    pub fn place_of(
        &self,
        path: &Path,
        column_of: fn(&SheetShape, &[Seg]) -> Option<u16>,
        otherwise: &str,
    ) -> Place {
        let mut prefix = path.clone();
        loop {
            if let Some(place) = self.cells.get(&prefix) {
                return place.clone();
            }
            if let Some(&(sheet, row)) = self.rows.get(&prefix) {
                let rest = &path.0[prefix.0.len()..];
                let col = self.sheets.get(sheet).and_then(|s| {
                    let column = column_of(s.shape, rest)?;
                    s.columns[usize::from(column)]
                });
                return match col {
                    Some(col) => Place::Cell {
                        sheet: sheet.to_string(),
                        row,
                        col,
                    },
                    None => Place::Sheet(sheet.to_string()),
                };
            }
            match prefix.parent() {
                Some(p) => prefix = p,
                None => return Place::Sheet(otherwise.to_string()),
            }
        }
    }
}
