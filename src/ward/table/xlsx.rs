//! The city table as a workbook for the council's clerk: who reported, every unit of every bloc
//! in one filterable sheet (the bloc in a column of its own, never summed across blocs), and the
//! proposals per award. Figures are numbers; the same table always gives the same bytes.

use chrono::Datelike;
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, FormatBorder, Workbook, Worksheet};

use crate::model::Period;
use crate::report::document::{DRAFT, span, words};
use crate::report::xlsx::XlsxError;

use super::CityTable;
use super::document::{report_words, standing_words};

pub const RECEIVED_SHEET: &str = "Tiếp nhận";
pub const RESULTS_SHEET: &str = "Kết quả các khối";
pub const PROPOSALS_SHEET: &str = "Đề nghị khen thưởng";

/// Data starts below the title row and the header row.
pub const FIRST_DATA_ROW: u32 = 2;

/// The columns of the results sheet, in order.
pub const RESULTS_COLUMNS: [&str; 10] = [
    "Mã khối",
    "Khối thi đua",
    words::RANK,
    "Đồng hạng",
    words::UNIT,
    words::TOTAL,
    words::BAND,
    words::VETOES,
    "Đề nghị khen thưởng",
    "Báo cáo",
];

pub const PROPOSALS_COLUMNS: [&str; 9] = [
    "Danh hiệu",
    "STT",
    words::UNIT,
    "Khối thi đua",
    words::RANK,
    words::TOTAL,
    "Số phiếu",
    "Trên số",
    "Dự thảo",
];

pub fn workbook(table: &CityTable, date: chrono::NaiveDate) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let bad = || XlsxError(format!("ngày {date} nằm ngoài phạm vi của Excel"));
    let created = ExcelDateTime::from_ymd(
        u16::try_from(date.year()).map_err(|_| bad())?,
        u8::try_from(date.month()).map_err(|_| bad())?,
        u8::try_from(date.day()).map_err(|_| bad())?,
    )?;
    let title = title(table);
    let mut props = DocProperties::new()
        .set_title(title.clone())
        .set_author(table.ward.clone())
        .set_creation_datetime(&created);
    if !table.is_final() {
        props = props.set_status(DRAFT);
    }
    book.set_properties(&props);
    let bold = Format::new().set_bold();
    let header = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_border(FormatBorder::Thin)
        .set_background_color("#E7EEF7");
    let number = Format::new().set_num_format("0.00");

    let sheet = book.add_worksheet();
    sheet.set_name(RECEIVED_SHEET)?;
    sheet.write_string_with_format(0, 0, &title, &bold)?;
    let received = [
        "STT",
        "Mã khối",
        "Khối thi đua",
        "Tình trạng",
        "Phiên bản",
        "Báo cáo",
        "SHA-256 bản ghi",
    ];
    headers(sheet, &received, &header)?;
    for (i, b) in table.blocs.iter().enumerate() {
        let r = FIRST_DATA_ROW + i as u32;
        sheet.write_number(r, 0, (i + 1) as f64)?;
        sheet.write_string(r, 1, &b.id)?;
        sheet.write_string(r, 2, &b.name)?;
        sheet.write_string(r, 3, standing_words(b))?;
        if let Some(report) = &b.report {
            sheet.write_number(r, 4, f64::from(report.version))?;
            sheet.write_string(r, 5, report_words(b))?;
            sheet.write_string(r, 6, &report.sha256)?;
        }
    }
    finish(
        sheet,
        &received,
        table.blocs.len(),
        &[6.0, 14.0, 28.0, 36.0],
    )?;

    let sheet = book.add_worksheet();
    sheet.set_name(RESULTS_SHEET)?;
    sheet.write_string_with_format(0, 0, &title, &bold)?;
    headers(sheet, &RESULTS_COLUMNS, &header)?;
    let mut r = FIRST_DATA_ROW;
    for b in &table.blocs {
        let Some(report) = &b.report else {
            continue;
        };
        for u in &report.units {
            sheet.write_string(r, 0, &b.id)?;
            sheet.write_string(r, 1, &b.name)?;
            sheet.write_number(r, 2, u.rank as f64)?;
            if u.tied {
                sheet.write_string(r, 3, words::TIED)?;
            }
            sheet.write_string(r, 4, &u.unit)?;
            let total = u.total.to_f64().unwrap_or_default();
            sheet.write_number_with_format(r, 5, total, &number)?;
            if report.classified {
                sheet.write_string(r, 6, &u.band)?;
            }
            sheet.write_string(r, 7, u.failed.join(", "))?;
            let proposed: Vec<&str> = (u.nominations.iter())
                .filter(|n| n.proposed)
                .map(|n| n.award.as_str())
                .collect();
            sheet.write_string(r, 8, proposed.join("; "))?;
            sheet.write_string(r, 9, standing_words(b))?;
            r += 1;
        }
    }
    let rows = (r - FIRST_DATA_ROW) as usize;
    let widths = [14.0, 24.0, 7.0, 10.0, 30.0, 10.0, 11.0, 14.0, 44.0, 24.0];
    finish(sheet, &RESULTS_COLUMNS, rows, &widths)?;

    if table.period == Period::YearEnd {
        let sheet = book.add_worksheet();
        sheet.set_name(PROPOSALS_SHEET)?;
        sheet.write_string_with_format(0, 0, &title, &bold)?;
        headers(sheet, &PROPOSALS_COLUMNS, &header)?;
        let mut r = FIRST_DATA_ROW;
        for award in &table.awards {
            for (i, p) in award.units.iter().enumerate() {
                sheet.write_string(r, 0, &award.title)?;
                sheet.write_number(r, 1, (i + 1) as f64)?;
                sheet.write_string(r, 2, &p.unit)?;
                sheet.write_string(r, 3, &p.bloc)?;
                sheet.write_number(r, 4, p.rank as f64)?;
                let total = p.total.to_f64().unwrap_or_default();
                sheet.write_number_with_format(r, 5, total, &number)?;
                if let Some((votes, base)) = p.votes {
                    sheet.write_number(r, 6, f64::from(votes))?;
                    sheet.write_number(r, 7, f64::from(base))?;
                }
                if p.provisional {
                    sheet.write_string(r, 8, DRAFT)?;
                }
                r += 1;
            }
        }
        let rows = (r - FIRST_DATA_ROW) as usize;
        let widths = [40.0, 6.0, 30.0, 24.0, 7.0, 10.0, 9.0, 9.0, 10.0];
        finish(sheet, &PROPOSALS_COLUMNS, rows, &widths)?;
    }
    Ok(book.save_to_buffer()?)
}

/// "Tổng hợp kết quả thi đua năm 2026 – Hội đồng …".
pub fn title(table: &CityTable) -> String {
    let what = match table.period {
        Period::MidYear => "Sơ kết",
        Period::YearEnd => "Tổng kết",
    };
    let draft = if table.is_final() {
        String::new()
    } else {
        format!(" ({DRAFT})")
    };
    format!(
        "{what} thi đua {} các khối – {}{draft}",
        span(table.period, table.year),
        table.ward
    )
}

fn headers(sheet: &mut Worksheet, names: &[&str], format: &Format) -> Result<(), XlsxError> {
    for (c, name) in names.iter().enumerate() {
        sheet.write_string_with_format(1, c as u16, *name, format)?;
    }
    Ok(())
}

/// Widths, the filter over the header row, the headers frozen, and one page wide.
fn finish(
    sheet: &mut Worksheet,
    names: &[&str],
    rows: usize,
    widths: &[f64],
) -> Result<(), XlsxError> {
    for c in 0..names.len() {
        let width = widths.get(c).copied().unwrap_or(16.0);
        sheet.set_column_width(c as u16, width)?;
    }
    let last = (names.len() - 1) as u16;
    sheet.autofilter(1, 0, FIRST_DATA_ROW - 1 + rows.max(1) as u32, last)?;
    sheet.set_freeze_panes(FIRST_DATA_ROW, 0)?;
    sheet.set_landscape();
    sheet.set_paper_size(9);
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(1, 1)?;
    Ok(())
}
