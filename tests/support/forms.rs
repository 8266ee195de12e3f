//! Self-score forms for the tests: the template read with calamine, and filled in the way a
//! unit's spreadsheet program saves it (every cell of the form copied into a new workbook,
//! the answers written in).
#![allow(dead_code)]

use std::collections::HashMap;
use std::io::Cursor;
use std::path::Path;
use std::str::FromStr;

use calamine::{Data, Range, Reader, Xlsx};
use rust_decimal::Decimal;
use rust_xlsxwriter::{Workbook, Worksheet};

use thidua::model::{Covenant, Period};
use thidua::selfscore::template::{
    ANSWER_COL, CODE_COL, EVIDENCE_COL, FIRST_ITEM_ROW, NOTE_COL, workbook,
};
use thidua::store::load_covenant;

pub fn sample() -> Covenant {
    load_covenant(Path::new("blocs/khoi-8.ron"))
        .expect("sample bloc")
        .covenant
}

pub fn dec(text: &str) -> Decimal {
    Decimal::from_str(text).expect("a decimal")
}

/// The template of `unit` in Vietnamese.
pub fn template(covenant: &Covenant, year: i32, period: Period, unit: &str) -> Vec<u8> {
    let unit = covenant.unit_index(unit).expect("a member");
    workbook(covenant, year, period, unit, thidua::i18n::Lang::Vi).expect("the form")
}

/// The first sheet's name and cells.
pub fn open(bytes: &[u8]) -> (String, Range<Data>) {
    let mut book = Xlsx::new(Cursor::new(bytes)).expect("an xlsx file");
    let name = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&name).expect("the sheet");
    (name, range)
}

/// A cell's text as calamine reads it ("" when empty).
pub fn cell(range: &Range<Data>, row: u32, col: u16) -> String {
    match range.get_value((row, u32::from(col))) {
        None | Some(Data::Empty) => String::new(),
        Some(Data::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}

/// The code in column A of every row below the headings, with its row.
pub fn coded_rows(range: &Range<Data>) -> Vec<(String, u32)> {
    let last = range.end().expect("cells").0;
    (FIRST_ITEM_ROW..=last)
        .map(|row| (cell(range, row, CODE_COL), row))
        .filter(|(code, _)| !code.is_empty())
        .collect()
}

/// What a unit types in an answer cell.
#[derive(Debug, Clone)]
pub enum Answer {
    Text(&'static str),
    Number(f64),
    Blank,
}

/// One filled row: the item's code, the answer, the evidence and the note.
pub type Filled = (&'static str, Answer, &'static str, &'static str);

/// The form filled with `answers`.
pub fn fill(form: &[u8], answers: &[Filled]) -> Vec<u8> {
    fill_with(form, answers, |_, _| {})
}

/// The form filled with `answers`, then changed by `change` (given the workbook and the row of
/// each code) before it is saved.
pub fn fill_with(
    form: &[u8],
    answers: &[Filled],
    change: impl FnOnce(&mut Workbook, &HashMap<String, u32>),
) -> Vec<u8> {
    let (name, range) = open(form);
    let rows: HashMap<String, u32> = coded_rows(&range).into_iter().collect();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name(&name).unwrap();
    let (top, left) = range.start().expect("cells");
    for (r, c, data) in range.used_cells() {
        let (row, col) = (top + r as u32, (left as usize + c) as u16);
        copy(sheet, row, col, data);
    }
    for (code, answer, evidence, note) in answers {
        let row = *rows
            .get(*code)
            .unwrap_or_else(|| panic!("no row {code} in the form"));
        match answer {
            Answer::Text(t) => {
                sheet.write_string(row, ANSWER_COL, *t).unwrap();
            }
            Answer::Number(n) => {
                sheet.write_number(row, ANSWER_COL, *n).unwrap();
            }
            Answer::Blank => {}
        }
        if !evidence.is_empty() {
            sheet.write_string(row, EVIDENCE_COL, *evidence).unwrap();
        }
        if !note.is_empty() {
            sheet.write_string(row, NOTE_COL, *note).unwrap();
        }
    }
    change(&mut book, &rows);
    book.save_to_buffer().unwrap()
}

fn copy(sheet: &mut Worksheet, row: u32, col: u16, data: &Data) {
    match data {
        Data::String(s) => {
            sheet.write_string(row, col, s).unwrap();
        }
        Data::Float(f) => {
            sheet.write_number(row, col, *f).unwrap();
        }
        Data::Int(n) => {
            sheet.write_number(row, col, *n as f64).unwrap();
        }
        Data::Bool(b) => {
            sheet.write_boolean(row, col, *b).unwrap();
        }
        Data::Empty => {}
        other => panic!("the form has no such cell: {other:?}"),
    }
}
