//! The spreadsheet for the clerk who compiles many blocs: the ranked results, the points per
//! criterion and what the issue is, in Vietnamese like the report it goes with.
//!
//! Both tables start the same way (a title row, then two header rows: codes or column names,
//! then the titles under them), so data always starts on the fourth row whatever the bloc.
//! Numbers are real numbers; `Decimal` becomes `f64` only when written.

use std::collections::HashSet;

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet,
};
use unicode_width::UnicodeWidthStr;

use crate::model::layout::Rule;
use crate::model::{Covenant, Period};
use crate::score::Results;

use super::document::disputes::Dispute;
use super::document::{self, DRAFT, Edition, words};

mod about;

#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct XlsxError(pub String);

impl From<rust_xlsxwriter::XlsxError> for XlsxError {
    fn from(e: rust_xlsxwriter::XlsxError) -> XlsxError {
        XlsxError(e.to_string())
    }
}

/// Sheet names, in the order of the workbook.
pub const RESULTS_SHEET: &str = "Kết quả";
pub const POINTS_SHEET: &str = "Điểm";
pub const ABOUT_SHEET: &str = "Thông tin";
/// Present only when the members voted on an award.
pub const VOTES_SHEET: &str = "Biểu quyết";
/// Present only when a bloc score differs from a unit's self-score.
pub const DISPUTES_SHEET: &str = "Khác tự chấm";

/// Column names the document has no word for.
const TIE_COLUMN: &str = "Đồng hạng";
const MISSING_COLUMN: &str = "Chưa chấm";

/// Rows of every table sheet: the title, the two header rows, then the data.
const TITLE_ROW: u32 = 0;
const HEADER_ROW: u32 = 1;
const SUBHEADER_ROW: u32 = 2;
const FIRST_DATA_ROW: u32 = 3;

/// Titles under the codes are set smaller, in at most this many lines.
const TITLE_FONT: f64 = 9.0;
const TITLE_LINES: f64 = 8.0;

/// A4 in Excel's paper numbering.
const PAPER_A4: u8 = 9;

/// Writes the workbook to bytes. The same input always gives the same bytes.
pub fn workbook(
    covenant: &Covenant,
    results: &Results,
    edition: &Edition,
) -> Result<Vec<u8>, XlsxError> {
    workbook_with(covenant, results, edition, &[])
}

/// `workbook` with a sheet of the cells whose bloc score differs from the unit's self-score,
/// when there are any.
pub fn workbook_with(
    covenant: &Covenant,
    results: &Results,
    edition: &Edition,
    disputes: &[Dispute],
) -> Result<Vec<u8>, XlsxError> {
    let formats = Formats::new();
    let mut book = Workbook::new();
    book.set_properties(&properties(covenant, edition)?);

    let sheet = book.add_worksheet();
    sheet.set_name(RESULTS_SHEET)?;
    title_row(sheet, &formats, covenant, edition)?;
    write_table(sheet, &formats, &results_table(covenant, results)?, 4)?;

    let sheet = book.add_worksheet();
    sheet.set_name(POINTS_SHEET)?;
    title_row(sheet, &formats, covenant, edition)?;
    write_table(
        sheet,
        &formats,
        &points_table(covenant, results, edition)?,
        2,
    )?;

    if results.awards.iter().any(|a| a.vote.is_some()) {
        let sheet = book.add_worksheet();
        sheet.set_name(VOTES_SHEET)?;
        title_row(sheet, &formats, covenant, edition)?;
        write_table(sheet, &formats, &votes_table(covenant, results), 4)?;
    }

    if !disputes.is_empty() {
        let sheet = book.add_worksheet();
        sheet.set_name(DISPUTES_SHEET)?;
        title_row(sheet, &formats, covenant, edition)?;
        write_table(sheet, &formats, &disputes_table(disputes), 3)?;
    }

    let sheet = book.add_worksheet();
    sheet.set_name(ABOUT_SHEET)?;
    about::about_sheet(sheet, &formats, covenant, results, edition)?;

    Ok(book.save_to_buffer()?)
}

/// The document properties, dated by the edition rather than the clock so that the bytes do not
/// change from one write to the next.
fn properties(covenant: &Covenant, edition: &Edition) -> Result<DocProperties, XlsxError> {
    let created = excel_date(edition.date)?;
    let mut props = DocProperties::new()
        .set_title(format!(
            "Kết quả thi đua {} của {}",
            period_phrase(edition.period, edition.year),
            covenant.bloc.name
        ))
        .set_subject(covenant.bloc.name.clone())
        .set_author(covenant.bloc.name.clone())
        .set_company(covenant.bloc.parent_body.clone())
        .set_creation_datetime(&created);
    if edition.provisional {
        props = props.set_status(DRAFT);
    }
    Ok(props)
}

fn excel_date(date: NaiveDate) -> Result<ExcelDateTime, XlsxError> {
    let bad = || XlsxError(format!("ngày {date} nằm ngoài phạm vi của Excel"));
    let year = u16::try_from(date.year()).map_err(|_| bad())?;
    let month = u8::try_from(date.month()).map_err(|_| bad())?;
    let day = u8::try_from(date.day()).map_err(|_| bad())?;
    Ok(ExcelDateTime::from_ymd(year, month, day)?)
}

/// "Sơ kết 6 tháng đầu năm 2026", "Tổng kết năm 2026".
fn period_phrase(period: Period, year: i32) -> String {
    match period {
        Period::MidYear => format!("Sơ kết {}", document::span(period, year)),
        Period::YearEnd => format!("Tổng kết {}", document::span(period, year)),
    }
}

/// The members' votes: one row per candidate of each award voted on.
fn votes_table(covenant: &Covenant, results: &Results) -> Table {
    let columns = vec![
        Column::named("Danh hiệu", 14.0, 40.0),
        Column::named(unit_code_header(), 10.0, 24.0),
        Column::named(words::UNIT, 14.0, 40.0),
        Column::named("Có mặt", 8.0, 10.0),
        Column::named("Cần ít nhất", 10.0, 12.0),
        Column::named("Số phiếu", 9.0, 10.0),
        Column::named("Kết quả", 14.0, 40.0),
    ];
    let mut rows = Vec::new();
    for award in &results.awards {
        let Some(vote) = &award.vote else { continue };
        let title = &covenant.scheme.awards[award.award].title;
        for &u in &results.order {
            let status = &award.statuses[u];
            let Some(votes) = status.votes() else {
                continue;
            };
            let member = &covenant.bloc.members[u];
            rows.push(vec![
                Cell::text(title.clone()),
                Cell::text(member.id.clone()),
                Cell::text(member.name.clone()),
                Cell::count(vote.present as usize, Num::Count),
                vote.needed
                    .map_or(Cell::Empty, |n| Cell::count(n as usize, Num::Count)),
                Cell::count(votes as usize, Num::Count),
                Cell::text(words::nomination(status)),
            ]);
        }
    }
    Table { columns, rows }
}

/// The cells whose bloc score differs from the unit's self-score, with the reason.
fn disputes_table(disputes: &[Dispute]) -> Table {
    let columns = vec![
        Column::named(unit_code_header(), 10.0, 24.0),
        Column::named(words::UNIT, 14.0, 40.0),
        Column::named(words::CODE, 8.0, 14.0),
        Column::named("Đơn vị tự chấm", 12.0, 20.0),
        Column::named("Khối chấm", 12.0, 20.0),
        Column::named("Lý do", 20.0, 60.0),
    ];
    let rows = disputes
        .iter()
        .map(|d| {
            vec![
                Cell::text(d.unit_id.clone()),
                Cell::text(d.unit.clone()),
                Cell::text(d.item.clone()),
                Cell::text(d.own.clone()),
                Cell::text(d.bloc.clone()),
                Cell::text(d.reason.clone()),
            ]
        })
        .collect();
    Table { columns, rows }
}

/// "Mã đơn vị", from the document's words.
fn unit_code_header() -> String {
    format!("{} {}", words::CODE, words::UNIT.to_lowercase())
}

struct Formats {
    title: Format,
    draft: Format,
    header: Format,
    subheader: Format,
    key: Format,
    text: Format,
    rank: Format,
    points: Format,
    total: Format,
    count: Format,
    date: Format,
}

impl Formats {
    fn new() -> Formats {
        let header = Format::new()
            .set_bold()
            .set_text_wrap()
            .set_align(FormatAlign::Center)
            .set_align(FormatAlign::VerticalCenter)
            .set_border(FormatBorder::Thin)
            .set_background_color(Color::RGB(0x00DD_EBF7));
        Formats {
            title: Format::new().set_bold().set_font_size(14),
            draft: Format::new()
                .set_bold()
                .set_font_size(14)
                .set_font_color(Color::Red),
            subheader: Format::new()
                .set_font_size(TITLE_FONT)
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::Top)
                .set_border(FormatBorder::Thin)
                .set_background_color(Color::RGB(0x00DD_EBF7)),
            header,
            key: Format::new().set_bold(),
            text: Format::new(),
            rank: Format::new().set_align(FormatAlign::Center),
            points: Format::new(),
            total: Format::new().set_num_format("0.00"),
            count: Format::new(),
            date: Format::new()
                .set_num_format("dd/mm/yyyy")
                .set_align(FormatAlign::Left),
        }
    }

    fn number(&self, kind: Num) -> &Format {
        match kind {
            Num::Rank => &self.rank,
            Num::Points => &self.points,
            Num::Total => &self.total,
            Num::Count => &self.count,
        }
    }
}

#[derive(Debug, Clone, Copy)]
enum Num {
    Rank,
    /// As entered or computed: General, so 8 shows as 8 and 6.67 as 6.67.
    Points,
    /// Subtotals, bonus, penalty, total: always two decimals, as in the report.
    Total,
    Count,
}

enum Cell {
    Text(String),
    Number(f64, Num),
    Empty,
}

impl Cell {
    fn text(s: impl Into<String>) -> Cell {
        let s = s.into();
        if s.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(s)
        }
    }

    fn decimal(d: Decimal, kind: Num) -> Result<Cell, XlsxError> {
        d.to_f64()
            .map(|f| Cell::Number(f, kind))
            .ok_or_else(|| XlsxError(format!("số {d} không ghi được vào bảng tính")))
    }

    fn count(n: usize, kind: Num) -> Cell {
        // Ranks and counts are far below 2^53: exact as f64.
        Cell::Number(n as f64, kind)
    }

    /// Display width, to size the column.
    fn width(&self) -> usize {
        match self {
            Cell::Text(s) => s.width(),
            Cell::Number(f, Num::Total) => format!("{f:.2}").len(),
            Cell::Number(f, _) => f.to_string().len(),
            Cell::Empty => 0,
        }
    }
}

struct Column {
    /// Code or column name, in the first header row.
    header: String,
    /// The group or item title, in the second header row; without one, the header spans both.
    title: Option<String>,
    min_width: f64,
    max_width: f64,
}

impl Column {
    fn named(header: impl Into<String>, min_width: f64, max_width: f64) -> Column {
        Column {
            header: header.into(),
            title: None,
            min_width,
            max_width,
        }
    }

    fn titled(header: impl Into<String>, title: impl Into<String>, width: f64) -> Column {
        Column {
            header: header.into(),
            title: Some(title.into()),
            min_width: width,
            max_width: width,
        }
    }
}

struct Table {
    columns: Vec<Column>,
    rows: Vec<Vec<Cell>>,
}

fn title_row(
    sheet: &mut Worksheet,
    f: &Formats,
    covenant: &Covenant,
    edition: &Edition,
) -> Result<(), XlsxError> {
    let title = format!(
        "{} – {} – Phiên bản {}",
        covenant.bloc.name,
        period_phrase(edition.period, edition.year),
        edition.version
    );
    if edition.provisional {
        let sep = " – ";
        sheet.write_rich_string(
            TITLE_ROW,
            0,
            &[(&f.title, &title), (&f.title, sep), (&f.draft, DRAFT)],
        )?;
    } else {
        sheet.write_string_with_format(TITLE_ROW, 0, title, &f.title)?;
    }
    sheet.set_row_height(TITLE_ROW, 21)?;
    Ok(())
}

/// Best first: rank, tie mark, unit, top-level group subtotals, bonus, penalty, total, band,
/// failed conditions, cells still empty, and at year-end each award's nomination.
fn results_table(covenant: &Covenant, results: &Results) -> Result<Table, XlsxError> {
    let layout = &covenant.layout;
    let top: Vec<usize> = layout.top_groups().collect();
    let mut columns = vec![
        Column::named(words::RANK, 6.0, 6.0),
        Column::named(TIE_COLUMN, 10.0, 10.0),
        Column::named(unit_code_header(), 10.0, 24.0),
        Column::named(words::UNIT, 16.0, 48.0),
    ];
    columns.extend(
        top.iter()
            .map(|&g| Column::titled(&layout.groups[g].label, &layout.groups[g].title, 14.0)),
    );
    columns.push(Column::named(words::BONUS, 10.0, 10.0));
    columns.push(Column::named(words::PENALTY, 10.0, 10.0));
    columns.push(Column::named(words::TOTAL, 10.0, 10.0));
    columns.push(Column::named(words::BAND, 10.0, 24.0));
    columns.push(Column::named(words::VETOES, 12.0, 30.0));
    columns.push(Column::named(MISSING_COLUMN, 9.0, 9.0));
    // The award's title alone heads its column, the same in every bloc; the quota, which
    // depends on the bloc's size, is on the about sheet.
    for award in &results.awards {
        let spec = &covenant.scheme.awards[award.award];
        columns.push(Column::named(&spec.title, 16.0, 24.0));
    }
    let rows = results
        .order
        .iter()
        .map(|&u| {
            let unit = &results.units[u];
            let member = &covenant.bloc.members[u];
            let mut row = vec![
                Cell::count(unit.rank, Num::Rank),
                if unit.tied {
                    Cell::text(words::TIED)
                } else {
                    Cell::Empty
                },
                Cell::text(&member.id),
                Cell::text(&member.name),
            ];
            for &g in &top {
                row.push(Cell::decimal(unit.groups[g], Num::Total)?);
            }
            row.push(Cell::decimal(unit.bonus, Num::Total)?);
            row.push(Cell::decimal(unit.penalty, Num::Total)?);
            row.push(Cell::decimal(unit.total, Num::Total)?);
            row.push(Cell::text(
                covenant.scheme.band_label(results.period, unit.band),
            ));
            let vetoes: Vec<&str> = unit
                .failed_vetoes
                .iter()
                .map(|&i| layout.items[i].label.as_str())
                .collect();
            row.push(Cell::text(vetoes.join(", ")));
            row.push(Cell::count(unit.missing, Num::Count));
            for award in &results.awards {
                row.push(Cell::text(words::nomination(&award.statuses[u])));
            }
            Ok(row)
        })
        .collect::<Result<Vec<_>, XlsxError>>()?;
    Ok(Table { columns, rows })
}

/// Member order: each item scored in the period, then the subtotals and the total.
fn points_table(
    covenant: &Covenant,
    results: &Results,
    edition: &Edition,
) -> Result<Table, XlsxError> {
    let layout = &covenant.layout;
    let scored: Vec<usize> = (0..layout.items.len())
        .filter(|&i| layout.items[i].is_scored_in(edition.period))
        .collect();
    let top: Vec<usize> = layout.top_groups().collect();
    let missing: HashSet<(usize, usize)> = results.missing.iter().copied().collect();
    let mut columns = vec![
        Column::named(unit_code_header(), 10.0, 24.0),
        Column::named(words::UNIT, 16.0, 48.0),
    ];
    columns.extend(
        scored
            .iter()
            .map(|&i| Column::titled(&layout.items[i].label, &layout.items[i].title, 13.0)),
    );
    columns.extend(
        top.iter()
            .map(|&g| Column::titled(&layout.groups[g].label, &layout.groups[g].title, 14.0)),
    );
    columns.push(Column::named(words::BONUS, 10.0, 10.0));
    columns.push(Column::named(words::PENALTY, 10.0, 10.0));
    columns.push(Column::named(words::TOTAL, 10.0, 10.0));
    let rows = results
        .units
        .iter()
        .enumerate()
        .map(|(u, unit)| {
            let member = &covenant.bloc.members[u];
            let mut row = vec![Cell::text(&member.id), Cell::text(&member.name)];
            for &i in &scored {
                row.push(match (&layout.items[i].rule, unit.points[i]) {
                    (Rule::Veto, _) if missing.contains(&(u, i)) => Cell::Empty,
                    (Rule::Veto, _) if unit.failed_vetoes.contains(&i) => {
                        Cell::text(words::NOT_MET)
                    }
                    (Rule::Veto, _) => Cell::text(words::MET),
                    (_, Some(p)) => Cell::decimal(p, Num::Points)?,
                    (_, None) if !covenant.applies(u, i) => Cell::text(words::NOT_APPLICABLE),
                    (_, None) => Cell::Empty,
                });
            }
            for &g in &top {
                row.push(Cell::decimal(unit.groups[g], Num::Total)?);
            }
            row.push(Cell::decimal(unit.bonus, Num::Total)?);
            row.push(Cell::decimal(unit.penalty, Num::Total)?);
            row.push(Cell::decimal(unit.total, Num::Total)?);
            Ok(row)
        })
        .collect::<Result<Vec<_>, XlsxError>>()?;
    Ok(Table { columns, rows })
}

/// The two header rows, the data, widths, frozen panes, the filter and the print setup.
/// `frozen` columns (the unit's identity) stay in view when scrolling across.
fn write_table(
    sheet: &mut Worksheet,
    f: &Formats,
    table: &Table,
    frozen: u16,
) -> Result<(), XlsxError> {
    let last_col = col_num(table.columns.len().saturating_sub(1))?;
    let mut title_lines = 1.0_f64;
    for (c, column) in table.columns.iter().enumerate() {
        let c = col_num(c)?;
        let content = table
            .rows
            .iter()
            .filter_map(|r| r.get(usize::from(c)))
            .map(Cell::width)
            .max()
            .unwrap_or(0);
        let width = (content as f64 + 2.0).clamp(column.min_width, column.max_width);
        sheet.set_column_width(c, width)?;
        match &column.title {
            Some(title) => {
                sheet.write_string_with_format(HEADER_ROW, c, &column.header, &f.header)?;
                sheet.write_string_with_format(SUBHEADER_ROW, c, title, &f.subheader)?;
                let per_line = (width - 1.0).max(1.0) * 11.0 / TITLE_FONT;
                let lines = (title.width() as f64 / per_line).ceil();
                title_lines = title_lines.max(lines);
            }
            // A column without a title keeps its name over both header rows.
            None => {
                sheet.merge_range(HEADER_ROW, c, SUBHEADER_ROW, c, &column.header, &f.header)?;
            }
        }
    }
    // Long titles wrap; beyond a few lines they are cut rather than push the data off screen
    // (the full title is in the scheme and the report's annex).
    let line = TITLE_FONT * 4.0 / 3.0;
    sheet.set_row_height(SUBHEADER_ROW, line * title_lines.clamp(2.0, TITLE_LINES))?;
    let mut last_row = SUBHEADER_ROW;
    for (r, row) in table.rows.iter().enumerate() {
        let r =
            FIRST_DATA_ROW + u32::try_from(r).map_err(|_| XlsxError("quá nhiều dòng".into()))?;
        last_row = r;
        for (c, cell) in row.iter().enumerate() {
            let c = col_num(c)?;
            match cell {
                Cell::Text(s) => {
                    sheet.write_string_with_format(r, c, s, &f.text)?;
                }
                Cell::Number(n, kind) => {
                    sheet.write_number_with_format(r, c, *n, f.number(*kind))?;
                }
                Cell::Empty => {}
            }
        }
    }
    sheet.set_freeze_panes(FIRST_DATA_ROW, frozen)?;
    sheet.autofilter(SUBHEADER_ROW, 0, last_row, last_col)?;
    sheet
        .set_paper_size(PAPER_A4)
        .set_landscape()
        .set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(HEADER_ROW, SUBHEADER_ROW)?;
    Ok(())
}

fn col_num(c: usize) -> Result<u16, XlsxError> {
    u16::try_from(c).map_err(|_| XlsxError("quá nhiều cột".into()))
}
