//! Reads a filled self-score form (see `template`). The header must name the session's bloc,
//! year, review and scheme version and one of its units; the item rows are read only once the
//! header fits, since their codes mean nothing in another scheme. Merged cells, formulas, extra
//! sheets and values the scale refuses are reported at their cell.

use std::collections::HashMap;

use calamine::Reader;

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
use crate::store::workbook::{self, Bounds, Content, SheetCells, WorkbookError};

use super::{Place, Problem, Score, Session, UnitScores, parse_answer, scored_item};

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

/// How much of a form is read at most.
const BOUNDS: Bounds = Bounds {
    bytes: MAX_FORM_BYTES,
    inflated: MAX_INFLATED_BYTES,
    parts: MAX_PARTS,
    rows: MAX_FORM_ROWS,
    cols: MAX_FORM_COLS,
};

/// The words of a workbook that could not be read.
fn unreadable(e: WorkbookError) -> M {
    match e {
        WorkbookError::Empty => M::EmptyFile,
        WorkbookError::TooLarge { bytes, limit } => M::FormTooLarge { bytes, limit },
        WorkbookError::NotXlsx(e) => M::NotXlsx(e),
        WorkbookError::TooManyParts { parts, limit } => M::TooManyParts { parts, limit },
        WorkbookError::InflatesTooFar { limit } => M::InflatesTooFar { limit },
        WorkbookError::Beyond { .. } => M::CellBeyondForm,
    }
}

/// Reads the one unit's self-scores of a filled form, or every problem found.
pub fn read(session: &Session, bytes: &[u8]) -> Result<Vec<UnitScores>, Vec<Problem>> {
    let mut book = workbook::open(bytes, BOUNDS)
        .map_err(|e| vec![Problem::new(Place::File, unreadable(e))])?;
    let names = book.sheet_names();
    let Some(name) = names.first().cloned() else {
        return Err(vec![Problem::new(Place::File, M::NotAForm)]);
    };
    let cells = match SheetCells::read(&mut book, &name, BOUNDS) {
        Ok(cells) => cells,
        Err(WorkbookError::Beyond { row, col }) => {
            return Err(vec![Problem::new(
                Place::Cell {
                    sheet: name.clone(),
                    row,
                    col,
                },
                M::CellBeyondForm,
            )]);
        }
        Err(e) => return Err(vec![Problem::new(Place::Sheet(name), unreadable(e))]),
    };
    let unreadable = |e: calamine::XlsxError| {
        vec![Problem::new(
            Place::Sheet(name.clone()),
            M::NotXlsx(e.to_string()),
        )]
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

struct Form<'a> {
    session: &'a Session<'a>,
    sheet: String,
    cells: SheetCells,
    problems: Vec<Problem>,
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
        match self.cells.content(row, col) {
            Content::Formula(formula) => {
                self.problem(row, col, M::Formula(formula));
                Content::Empty
            }
            content => content,
        }
    }

    /// A cell read as plain text (codes, header keys, evidence, notes).
    fn text(&mut self, row: u32, col: u16) -> String {
        match self.content(row, col) {
            Content::Text(s) | Content::Number(s) | Content::Date(s) => s,
            Content::Empty | Content::Formula(_) => String::new(),
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
                Content::Empty | Content::Formula(_) => None,
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
