//! Reads a filled self-score form (see `template`). The header must name the session's bloc,
//! year, review and scheme version and one of its units; the item rows are read only once the
//! header fits, since their codes mean nothing in another scheme. Merged cells, formulas, extra
//! sheets and values the scale refuses are reported at their cell.

use std::collections::HashMap;
use std::io::{self, Cursor, Read};

use calamine::{Data, ExcelDateTime, Reader, Xlsx};

use crate::model::Period;
use crate::model::layout::{Item, Rule};
use crate::model::limits::MAX_ITEMS;
use crate::model::scheme::{AdjustmentScale, Scale};
use crate::model::value::ValueError;
use crate::selfscore::words::SelfScoreMsg as M;

use super::template::{
    ANSWER_COL, BLOC_ROW, CODE_COL, EVIDENCE_COL, FIRST_ITEM_ROW, KEY_COL, NOTE_COL, PERIOD_ROW,
    SCHEME_ROW, UNIT_ROW, VERSION_ROW, YEAR_ROW,
};
use super::{
    Place, Problem, Score, Session, UnitScores, clean, number_text, parse_answer, scored_item,
};

/// The largest form file read: 8 MiB. The form of the largest scheme (1,000 items, their
/// titles and guidance) is well under 1 MiB.
pub const MAX_FORM_BYTES: usize = 8 << 20;
/// The most bytes the parts of a form may inflate to, all together: 32 MiB, counted as they
/// are inflated (a zip's headers can claim any size).
pub const MAX_INFLATED_BYTES: u64 = 32 << 20;
/// The most parts (files inside the zip) a form may hold; a form has about a dozen.
const MAX_PARTS: usize = 256;
/// The rows a form can hold: the header, a row for each item and each group of the largest
/// scheme, and room to spare. A cell below them is refused before the sheet is read further.
pub const MAX_FORM_ROWS: u32 = FIRST_ITEM_ROW + 2 * MAX_ITEMS as u32 + 100;
/// The columns a form can hold (A…Z): its own end at the note column, and room to spare.
pub const MAX_FORM_COLS: u16 = 26;

/// Reads the one unit's self-scores of a filled form, or every problem found.
pub fn read(session: &Session, bytes: &[u8]) -> Result<Vec<UnitScores>, Vec<Problem>> {
    if bytes.is_empty() {
        return Err(vec![Problem::new(Place::File, M::EmptyFile)]);
    }
    if bytes.len() > MAX_FORM_BYTES {
        return Err(vec![Problem::new(
            Place::File,
            M::FormTooLarge {
                bytes: bytes.len() as u64,
                limit: MAX_FORM_BYTES as u64,
            },
        )]);
    }
    check_package(bytes).map_err(|reason| vec![Problem::new(Place::File, reason)])?;
    let mut book = Xlsx::new(Cursor::new(bytes))
        .map_err(|e| vec![Problem::new(Place::File, M::NotXlsx(e.to_string()))])?;
    let names = book.sheet_names();
    let Some(name) = names.first().cloned() else {
        return Err(vec![Problem::new(Place::File, M::NotAForm)]);
    };
    let unreadable = |e: calamine::XlsxError| {
        vec![Problem::new(
            Place::Sheet(name.clone()),
            M::NotXlsx(e.to_string()),
        )]
    };
    let cells = match SheetCells::read(&mut book, &name) {
        Ok(cells) => cells,
        Err(Unreadable::Xlsx(e)) => return Err(unreadable(e)),
        Err(Unreadable::Beyond { row, col }) => {
            return Err(vec![Problem::new(
                Place::Cell {
                    sheet: name.clone(),
                    row,
                    col: col16(col),
                },
                M::CellBeyondForm,
            )]);
        }
    };
    let merged = book.merge_cells_by_sheet_name(&name).map_err(unreadable)?;

    let mut form = Form {
        session,
        sheet: name.clone(),
        cells,
        problems: Vec::new(),
    };
    for extra in names.iter().skip(1) {
        form.problems.push(Problem::new(
            Place::Sheet(extra.clone()),
            M::ExtraSheet(extra.clone()),
        ));
    }
    for region in merged {
        let first = (region.start.0, col16(region.start.1));
        let last = (region.end.0, col16(region.end.1));
        form.problems.push(Problem::new(
            Place::Range {
                sheet: name.clone(),
                first,
                last,
            },
            M::MergedCells,
        ));
    }
    let unit = form.header();
    let scores = match unit {
        Some(unit) => form.items().map(|scores| UnitScores { unit, scores }),
        None => None,
    };
    match scores {
        Some(scores) if form.problems.is_empty() => Ok(vec![scores]),
        _ => Err(form.problems),
    }
}

fn col16(col: u32) -> u16 {
    u16::try_from(col).unwrap_or(u16::MAX)
}

/// Checks the zip package before anything reads it: a bounded number of parts, none that
/// inflates past what is left of `MAX_INFLATED_BYTES`, counted on the bytes actually inflated.
fn check_package(bytes: &[u8]) -> Result<(), M> {
    let mut zip =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| M::NotXlsx(e.to_string()))?;
    if zip.len() > MAX_PARTS {
        return Err(M::TooManyParts {
            parts: zip.len(),
            limit: MAX_PARTS,
        });
    }
    let mut inflated = 0u64;
    for i in 0..zip.len() {
        let part = zip.by_index(i).map_err(|e| M::NotXlsx(e.to_string()))?;
        let left = MAX_INFLATED_BYTES - inflated;
        let n = io::copy(&mut part.take(left + 1), &mut io::sink())
            .map_err(|e| M::NotXlsx(e.to_string()))?;
        inflated += n;
        if inflated > MAX_INFLATED_BYTES {
            return Err(M::InflatesTooFar {
                limit: MAX_INFLATED_BYTES,
            });
        }
    }
    Ok(())
}

/// Why a sheet could not be read.
enum Unreadable {
    Xlsx(calamine::XlsxError),
    /// A cell beyond the rows and columns a form can hold.
    Beyond {
        row: u32,
        col: u32,
    },
}

/// A sheet's cells as streamed from the file: only those that hold something, each with its
/// formula if it has one. Never larger than the form's own rows and columns.
struct SheetCells {
    values: HashMap<(u32, u32), Data>,
    formulas: HashMap<(u32, u32), String>,
    last_row: u32,
}

impl SheetCells {
    fn read(book: &mut Xlsx<Cursor<&[u8]>>, name: &str) -> Result<SheetCells, Unreadable> {
        let mut reader = book
            .worksheet_cells_reader(name)
            .map_err(Unreadable::Xlsx)?;
        let mut cells = SheetCells {
            values: HashMap::new(),
            formulas: HashMap::new(),
            last_row: 0,
        };
        while let Some(cell) = reader.next_cell_with_formula().map_err(Unreadable::Xlsx)? {
            let (row, col) = cell.pos;
            let value = Data::from(cell.value);
            let formula = cell.formula.filter(|f| !f.is_empty());
            if value == Data::Empty && formula.is_none() {
                continue;
            }
            if row >= MAX_FORM_ROWS || col >= u32::from(MAX_FORM_COLS) {
                return Err(Unreadable::Beyond { row, col });
            }
            cells.last_row = cells.last_row.max(row);
            cells.values.insert((row, col), value);
            if let Some(f) = formula {
                cells.formulas.insert((row, col), f);
            }
        }
        Ok(cells)
    }
}

struct Form<'a> {
    session: &'a Session<'a>,
    sheet: String,
    cells: SheetCells,
    problems: Vec<Problem>,
}

/// A cell's content as text, or why it has none a reader can use.
enum Content {
    Empty,
    Text(String),
    /// A number, in its shortest exact text.
    Number(String),
    /// A date or time, as text: Excel turns "30/6" typed in a cell into one.
    Date(String),
    Error(String),
}

impl Form<'_> {
    fn place(&self, row: u32, col: u16) -> Place {
        Place::Cell {
            sheet: self.sheet.clone(),
            row,
            col,
        }
    }

    fn problem(&mut self, row: u32, col: u16, reason: M) {
        let place = self.place(row, col);
        self.problems.push(Problem::new(place, reason));
    }

    /// The content of a cell, reporting a formula in it: the value a formula last showed is
    /// not what the unit wrote, so it is refused rather than read.
    fn content(&mut self, row: u32, col: u16) -> Content {
        if let Some(formula) = self.cells.formulas.get(&(row, u32::from(col))) {
            let formula = formula.clone();
            self.problem(row, col, M::Formula(formula));
            return Content::Empty;
        }
        match self.cells.values.get(&(row, u32::from(col))) {
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

    /// A cell read as plain text (codes, header keys, evidence, notes).
    fn text(&mut self, row: u32, col: u16) -> String {
        match self.content(row, col) {
            Content::Text(s) | Content::Number(s) | Content::Date(s) => s,
            Content::Empty => String::new(),
            Content::Error(e) => {
                self.problem(row, col, M::CellError(e));
                String::new()
            }
        }
    }

    /// Checks the header against the session; the unit, when it fits.
    fn header(&mut self) -> Option<usize> {
        let session = self.session;
        let covenant = session.covenant;
        let bloc = self.text(BLOC_ROW, KEY_COL);
        let unit = self.text(UNIT_ROW, KEY_COL);
        if bloc.is_empty() && unit.is_empty() {
            self.problem(BLOC_ROW, KEY_COL, M::NotAForm);
            return None;
        }
        let before = self.problems.len();
        if bloc != covenant.bloc.id {
            self.problem(
                BLOC_ROW,
                KEY_COL,
                M::WrongBloc {
                    found: bloc,
                    expected: covenant.bloc.id.clone(),
                },
            );
        }
        let year = self.text(YEAR_ROW, KEY_COL);
        match year.parse::<i32>() {
            Ok(y) if y == session.year => {}
            Ok(y) => self.problem(
                YEAR_ROW,
                KEY_COL,
                M::WrongYear {
                    found: y,
                    expected: session.year,
                },
            ),
            Err(_) => self.problem(YEAR_ROW, KEY_COL, M::BadYear(year)),
        }
        let period = self.text(PERIOD_ROW, KEY_COL);
        match Period::parse(&period) {
            Some(p) if p == session.period => {}
            Some(p) => self.problem(
                PERIOD_ROW,
                KEY_COL,
                M::WrongPeriod {
                    found: p,
                    expected: session.period,
                },
            ),
            None => self.problem(PERIOD_ROW, KEY_COL, M::BadPeriod(period)),
        }
        let scheme = self.text(SCHEME_ROW, KEY_COL);
        let version = self.text(VERSION_ROW, KEY_COL);
        if scheme != covenant.scheme.id || version != covenant.scheme.version {
            let row = if scheme != covenant.scheme.id {
                SCHEME_ROW
            } else {
                VERSION_ROW
            };
            self.problem(
                row,
                KEY_COL,
                M::WrongScheme {
                    found: scheme,
                    found_version: version,
                    expected: covenant.scheme.id.clone(),
                    expected_version: covenant.scheme.version.clone(),
                },
            );
        }
        let unit = match covenant.unit_index(&unit) {
            Some(u) => Some(u),
            None if unit.is_empty() => {
                self.problem(UNIT_ROW, KEY_COL, M::NoUnit);
                None
            }
            None => {
                self.problem(UNIT_ROW, KEY_COL, M::UnknownUnit(unit));
                None
            }
        };
        if self.problems.len() > before {
            None
        } else {
            unit
        }
    }

    /// The answered items, or `None` when a row has a problem.
    fn items(&mut self) -> Option<Vec<Score>> {
        let before = self.problems.len();
        let last_row = self.cells.last_row;
        let mut scores = Vec::new();
        // The first row of each item and whether it was filled: a second row for the same
        // item is refused when either holds something, since one of them would be lost.
        let mut first_seen: HashMap<usize, (u32, bool)> = HashMap::new();
        for row in FIRST_ITEM_ROW..=last_row {
            let code = self.text(row, CODE_COL);
            let answer = self.content(row, ANSWER_COL);
            let evidence = self.text(row, EVIDENCE_COL);
            let note = self.text(row, NOTE_COL);
            let filled =
                !matches!(answer, Content::Empty) || !evidence.is_empty() || !note.is_empty();
            if !filled {
                if let Some(item) = self.session.covenant.layout.index_of(&code) {
                    match first_seen.get(&item) {
                        Some(&(first, true)) => {
                            let first = self.place(first, CODE_COL);
                            self.problem(row, CODE_COL, M::DuplicateItem { item: code, first });
                        }
                        Some(_) => {}
                        None => {
                            first_seen.insert(item, (row, false));
                        }
                    }
                }
                continue;
            }
            if code.is_empty() {
                self.problem(row, CODE_COL, M::NoItemOnRow);
                continue;
            }
            let item = match scored_item(self.session, &code) {
                Ok(item) => item,
                Err(reason) => {
                    let is_group = self.session.covenant.layout.group_index(&code).is_some();
                    let reason = if is_group { M::GroupRow(code) } else { reason };
                    self.problem(row, CODE_COL, reason);
                    continue;
                }
            };
            if let Some(&(first, _)) = first_seen.get(&item) {
                let first = self.place(first, CODE_COL);
                self.problem(row, CODE_COL, M::DuplicateItem { item: code, first });
                continue;
            }
            first_seen.insert(item, (row, true));
            let spec = &self.session.covenant.layout.items[item];
            let value = match answer {
                Content::Empty => None,
                Content::Text(t) => match parse_answer(spec, &t) {
                    Ok(v) => Some(v),
                    Err(ValueError::NotANumber(_) | ValueError::NotACount(_))
                        if wants_number(spec) =>
                    {
                        self.problem(
                            row,
                            ANSWER_COL,
                            M::TextNotNumber {
                                item: code,
                                text: t,
                            },
                        );
                        continue;
                    }
                    Err(error) => {
                        self.problem(row, ANSWER_COL, M::BadValue { item: code, error });
                        continue;
                    }
                },
                Content::Number(n) => match parse_answer(spec, &n) {
                    Ok(v) => Some(v),
                    Err(error) => {
                        self.problem(row, ANSWER_COL, M::BadValue { item: code, error });
                        continue;
                    }
                },
                Content::Date(_) => {
                    self.problem(row, ANSWER_COL, M::DateNotValue { item: code });
                    continue;
                }
                Content::Error(e) => {
                    self.problem(row, ANSWER_COL, M::CellError(e));
                    continue;
                }
            };
            scores.push(Score {
                item,
                value,
                evidence,
                note,
            });
        }
        if self.problems.len() > before {
            return None;
        }
        scores.sort_by_key(|s| s.item);
        Some(scores)
    }
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

/// Whether the item's answer is a number (points, a count, an achieved value).
fn wants_number(item: &Item) -> bool {
    match &item.rule {
        Rule::Criterion { scale, .. } => matches!(
            scale,
            Scale::Free { .. } | Scale::PerOccurrence { .. } | Scale::Target { .. }
        ),
        Rule::Adjustment { scale, .. } => !matches!(scale, AdjustmentScale::Once(_)),
        Rule::Veto => false,
    }
}

#[cfg(test)]
mod tests {
    use super::super::a1;

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
