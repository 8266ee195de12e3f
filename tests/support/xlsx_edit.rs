//! Editing a workbook as a person would in a spreadsheet program: every sheet read back and
//! written again, with some cells changed.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use rust_xlsxwriter::Workbook;

/// The workbook `bytes` with each `(sheet, row, col, text)` written over (rows and columns
/// from 0); a text that reads as a number is written as one, as a spreadsheet program does.
pub fn edit(bytes: &[u8], changes: &[(&str, u32, u16, &str)]) -> Vec<u8> {
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).expect("a workbook");
    let mut out = Workbook::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).expect("a sheet");
        let sheet = out.add_worksheet();
        sheet.set_name(&name).unwrap();
        for (row, col, data) in range.used_cells() {
            let (row, col) = (row as u32, col as u16);
            match data {
                Data::String(s) => sheet.write_string(row, col, s).map(|_| ()),
                Data::Float(f) => sheet.write_number(row, col, *f).map(|_| ()),
                Data::Int(i) => sheet.write_number(row, col, *i as f64).map(|_| ()),
                Data::Bool(b) => sheet.write_boolean(row, col, *b).map(|_| ()),
                _ => Ok(()),
            }
            .unwrap();
        }
        for (_, row, col, text) in changes.iter().filter(|c| c.0 == name) {
            if text.is_empty() {
                sheet.clear_cell(*row, *col);
                continue;
            }
            match text.parse::<f64>() {
                Ok(f) => sheet.write_number(*row, *col, f).map(|_| ()),
                Err(_) => sheet.write_string(*row, *col, *text).map(|_| ()),
            }
            .unwrap();
        }
    }
    out.save_to_buffer().unwrap()
}
