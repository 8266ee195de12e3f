//! Reading a spreadsheet someone else made: a unit's self-score form, a scheme or a bloc filled
//! in by an office. The package is checked before anything reads it (a bounded number of parts,
//! none inflating past a limit, counted on the bytes actually inflated), and a sheet's cells are
//! streamed, each kept with its formula, refusing a cell beyond the rows and columns the
//! document can hold. Nothing here trusts what the file says about its own size.

use std::collections::HashMap;
use std::io::{self, Cursor, Read};

use calamine::{Data, ExcelDateTime, Reader, Xlsx};

use crate::model::text;

/// How much of a workbook is read at most.
#[derive(Debug, Clone, Copy)]
pub struct Bounds {
    /// The largest file read.
    pub bytes: usize,
    /// The most bytes the parts may inflate to, all together.
    pub inflated: u64,
    /// The most parts (files inside the zip).
    pub parts: usize,
    /// The rows and columns a sheet may use.
    pub rows: u32,
    pub cols: u16,
}

/// Why a workbook, or one of its sheets, could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WorkbookError {
    Empty,
    TooLarge {
        bytes: u64,
        limit: u64,
    },
    NotXlsx(String),
    TooManyParts {
        parts: usize,
        limit: usize,
    },
    InflatesTooFar {
        limit: u64,
    },
    /// A cell beyond the rows and columns the document can hold.
    Beyond {
        row: u32,
        col: u16,
    },
}

/// Opens a workbook after checking its size and its package.
pub fn open(bytes: &[u8], bounds: Bounds) -> Result<Xlsx<Cursor<&[u8]>>, WorkbookError> {
    if bytes.is_empty() {
        return Err(WorkbookError::Empty);
    }
    if bytes.len() > bounds.bytes {
        return Err(WorkbookError::TooLarge {
            bytes: bytes.len() as u64,
            limit: bounds.bytes as u64,
        });
    }
    check_package(bytes, bounds)?;
    Xlsx::new(Cursor::new(bytes)).map_err(|e| WorkbookError::NotXlsx(e.to_string()))
}

/// Checks the zip package before anything reads it: a bounded number of parts, none that
/// inflates past what is left of the limit, counted on the bytes actually inflated (a zip's
/// headers can claim any size).
fn check_package(bytes: &[u8], bounds: Bounds) -> Result<(), WorkbookError> {
    let not_xlsx = |e: &dyn std::fmt::Display| WorkbookError::NotXlsx(e.to_string());
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| not_xlsx(&e))?;
    if zip.len() > bounds.parts {
        return Err(WorkbookError::TooManyParts {
            parts: zip.len(),
            limit: bounds.parts,
        });
    }
    let mut inflated = 0u64;
    for i in 0..zip.len() {
        let part = zip.by_index(i).map_err(|e| not_xlsx(&e))?;
        let left = bounds.inflated - inflated;
        let n = io::copy(&mut part.take(left + 1), &mut io::sink()).map_err(|e| not_xlsx(&e))?;
        inflated += n;
        if inflated > bounds.inflated {
            return Err(WorkbookError::InflatesTooFar {
                limit: bounds.inflated,
            });
        }
    }
    Ok(())
}

/// A sheet's cells as streamed from the file: only those that hold something, each with its
/// formula if it has one.
pub struct SheetCells {
    values: HashMap<(u32, u32), Data>,
    formulas: HashMap<(u32, u32), String>,
    /// The last row holding something.
    pub last_row: u32,
}

/// A cell's content as text, or why it has none a reader can use.
#[derive(Debug, Clone, PartialEq)]
pub enum Content {
    Empty,
    Text(String),
    /// A number, in its shortest exact text.
    Number(String),
    /// A date or time, as text: Excel turns "30/6" typed in a cell into one.
    Date(String),
    /// An error value (`#DIV/0!`).
    Error(String),
    /// A formula: the value it last showed is not what the person wrote, so it is not read.
    Formula(String),
}

impl SheetCells {
    /// Streams the cells of sheet `name`, or the first cell beyond `bounds`.
    pub fn read(
        book: &mut Xlsx<Cursor<&[u8]>>,
        name: &str,
        bounds: Bounds,
    ) -> Result<SheetCells, WorkbookError> {
        let unreadable = |e: calamine::XlsxError| WorkbookError::NotXlsx(e.to_string());
        let mut reader = book.worksheet_cells_reader(name).map_err(unreadable)?;
        let mut cells = SheetCells {
            values: HashMap::new(),
            formulas: HashMap::new(),
            last_row: 0,
        };
        while let Some(cell) = reader.next_cell_with_formula().map_err(unreadable)? {
            let (row, col) = cell.pos;
            let value = Data::from(cell.value);
            let formula = cell.formula.filter(|f| !f.is_empty());
            if value == Data::Empty && formula.is_none() {
                continue;
            }
            if row >= bounds.rows || col >= u32::from(bounds.cols) {
                let col = u16::try_from(col).unwrap_or(u16::MAX);
                return Err(WorkbookError::Beyond { row, col });
            }
            cells.last_row = cells.last_row.max(row);
            cells.values.insert((row, col), value);
            if let Some(f) = formula {
                cells.formulas.insert((row, col), f);
            }
        }
        Ok(cells)
    }

    /// Whether the sheet holds nothing at all.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// The content of a cell; a formula is reported as such, never read for its value.
    pub fn content(&self, row: u32, col: u16) -> Content {
        if let Some(formula) = self.formulas.get(&(row, u32::from(col))) {
            return Content::Formula(formula.clone());
        }
        match self.values.get(&(row, u32::from(col))) {
            None | Some(Data::Empty) => Content::Empty,
            Some(Data::String(s)) => {
                let s = clean(s);
                if s.is_empty() {
                    Content::Empty
                } else {
                    Content::Text(s)
                }
            }
            Some(Data::Float(f)) => Content::Number(number_text(*f)),
            Some(Data::Int(n)) => Content::Number(n.to_string()),
            Some(Data::Bool(b)) => Content::Text(if *b { "TRUE" } else { "FALSE" }.into()),
            Some(Data::DateTime(d)) => Content::Date(date_text(d)),
            Some(Data::DateTimeIso(s) | Data::DurationIso(s)) => Content::Date(s.clone()),
            Some(Data::Error(e)) => Content::Error(e.to_string()),
        }
    }
}

/// Text from a cell, in NFC and without the spaces around it.
pub fn clean(raw: &str) -> String {
    text::nfc(raw.trim()).into_owned()
}

/// The shortest text that reads back as the same `f64`, so 8.25 from a spreadsheet stays 8.25.
pub fn number_text(f: f64) -> String {
    format!("{f}")
}

/// A date as Vietnamese documents write it, `30/06/2026`, with the time when it has one.
fn date_text(d: &ExcelDateTime) -> String {
    if d.is_duration() {
        return number_text(d.as_f64());
    }
    let (year, month, day, hour, minute, _, _) = d.to_ymd_hms_milli();
    if hour == 0 && minute == 0 {
        format!("{day:02}/{month:02}/{year}")
    } else {
        format!("{day:02}/{month:02}/{year} {hour:02}:{minute:02}")
    }
}

/// A cell's address in A1 style: row and column from 0.
pub fn a1(row: u32, col: u16) -> String {
    let mut letters = Vec::new();
    let mut n = u32::from(col) + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect::<String>() + &(row + 1).to_string()
}

#[cfg(test)]
mod tests {
    use super::a1;

    #[test]
    fn addresses_are_in_a1_style() {
        assert_eq!(a1(0, 0), "A1");
        assert_eq!(a1(13, 5), "F14");
        assert_eq!(a1(0, 25), "Z1");
        assert_eq!(a1(0, 26), "AA1");
        assert_eq!(a1(9, 701), "ZZ10");
        assert_eq!(a1(0, 702), "AAA1");
    }
}
