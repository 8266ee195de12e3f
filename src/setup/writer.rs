//! Writing a set-up workbook: each sheet with its headings, drop-downs and checks from its
//! shape, and room below the rows written for more.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{
    Color, DataValidation, DataValidationErrorStyle, DataValidationRule, Format, FormatAlign,
    FormatBorder, Worksheet, XlsxError,
};

use super::shape::{self, Choice, Number, SheetShape};

/// The rows offered for filling below what a sheet holds, with its drop-downs and checks.
const SPARE_ROWS: u32 = 200;

/// A cell as written.
#[derive(Debug, Clone, PartialEq)]
pub enum Out {
    Empty,
    Text(String),
    Number(Decimal),
}

pub fn t(s: impl Into<String>) -> Out {
    let s = s.into();
    if s.is_empty() {
        Out::Empty
    } else {
        Out::Text(s)
    }
}

pub fn n(d: Decimal) -> Out {
    Out::Number(d)
}

pub fn opt(d: Option<Decimal>) -> Out {
    d.map_or(Out::Empty, Out::Number)
}

pub fn word(choices: &[Choice], index: usize) -> Out {
    Out::Text(choices[index].word.to_string())
}

pub fn write_sheet(
    sheet: &mut Worksheet,
    shape: &SheetShape,
    rows: &[Vec<Out>],
) -> Result<(), XlsxError> {
    sheet.set_name(shape.name)?;
    let heading = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_background_color(Color::RGB(0xDDE6F0))
        .set_border(FormatBorder::Thin);
    let body = Format::new()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_border(FormatBorder::Thin)
        .set_border_color(Color::RGB(0xBBBBBB));
    for (c, column) in shape.columns.iter().enumerate() {
        let c = c as u16;
        sheet.set_column_width(c, column.width)?;
        sheet.write_string_with_format(0, c, column.heading, &heading)?;
        let last = rows.len() as u32 + SPARE_ROWS;
        if let Some(validation) = validation(column)? {
            sheet.add_data_validation(1, c, last, c, &validation)?;
        }
    }
    sheet.set_row_height(0, 32)?;
    sheet.set_freeze_panes(1, 0)?;
    // Printed, the sheet keeps its columns together: A4 landscape, one page wide, the
    // headings on every page.
    sheet.set_landscape();
    sheet.set_paper_size(9);
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(0, 0)?;
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        // Tall enough for its wrapped texts: not every program sizes a row to them on opening.
        let texts: Vec<(&str, f64)> = (row.iter().zip(shape.columns))
            .filter_map(|(cell, column)| match cell {
                Out::Text(s) => Some((s.as_str(), column.width)),
                _ => None,
            })
            .collect();
        let height = crate::selfscore::template::row_height(&texts);
        if height > 15.0 {
            sheet.set_row_height(r, height)?;
        }
        for (c, cell) in row.iter().enumerate() {
            let c = c as u16;
            match cell {
                Out::Empty => sheet.write_blank(r, c, &body)?,
                Out::Text(s) => sheet.write_string_with_format(r, c, s, &body)?,
                // Every figure of a scheme is within `limits`: f64 holds it exactly enough to
                // read back as the same decimal.
                Out::Number(d) => {
                    sheet.write_number_with_format(r, c, d.to_f64().unwrap_or(0.0), &body)?
                }
            };
        }
    }
    Ok(())
}

/// The drop-down or the figure check of a column.
fn validation(column: &shape::Column) -> Result<Option<DataValidation>, XlsxError> {
    let v = if !column.choices.is_empty() {
        let words: Vec<&str> = column.choices.iter().map(|c| c.word).collect();
        DataValidation::new().allow_list_strings(&words)?
    } else {
        match column.number {
            Number::No => return Ok(None),
            Number::Decimal => DataValidation::new()
                .allow_decimal_number(DataValidationRule::GreaterThanOrEqualTo(-1e10)),
            Number::Whole => {
                DataValidation::new().allow_whole_number(DataValidationRule::Between(1, 1000))
            }
        }
    };
    // Excel takes at most 32 characters of title.
    let title: String = column.heading.chars().take(32).collect();
    Ok(Some(
        v.set_error_title(&title)?
            .set_error_style(DataValidationErrorStyle::Stop),
    ))
}
