//! `thidua import-scheme`: reads a scheme's workbook (`scheme_book`'s shape, or an office's own
//! table laid out the same way) into a scheme, and checks it with the scheme's own checks. Every
//! problem is given at its sheet and cell (`'Tiêu chí'!C14`), the checks' problems included:
//! each value read remembers the cell it came from.
//!
//! Offices number their items "1, 2, 3" under every group. Where the code column repeats or is
//! left blank, every criterion's key is made from the printed numbers along its path (`I.2.b`)
//! and the numbers are kept as the printed labels.

use std::collections::HashMap;
use std::io::Cursor;

use calamine::{Reader, Xlsx};
use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::model::path::{Path, Seg};
use crate::model::period::Period;
use crate::model::scheme::{Basis, Classification, RankBy, Scheme};
use crate::model::value::parse_decimal;
use crate::model::{limits, validate};
use crate::selfscore::Place;
use crate::store::workbook::{self, Bounds, Content, SheetCells, WorkbookError};

use super::shape::{self, Choice, SheetShape};
use super::words::SetupMsg;

/// How much of a scheme's workbook is read at most: a scheme of the largest size, with its
/// titles and guidance, is well under a megabyte.
pub const BOUNDS: Bounds = Bounds {
    bytes: 8 << 20,
    inflated: 48 << 20,
    parts: 256,
    rows: limits::MAX_ITEMS as u32 * 2 + 100,
    cols: 40,
};

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

/// Reads the scheme of a workbook, or every problem found.
pub fn read(bytes: &[u8]) -> Result<Scheme, Vec<Problem>> {
    let file = |e: WorkbookError| {
        vec![Problem {
            place: Place::File,
            what: SetupMsg::Workbook(e),
        }]
    };
    let mut book = workbook::open(bytes, BOUNDS).map_err(file)?;
    let mut reader = Book::default();
    for shape in shape::SHEETS {
        reader.load(&mut book, shape)?;
    }
    let scheme = reader.scheme();
    if !reader.problems.is_empty() {
        return Err(reader.problems);
    }
    let Some(scheme) = scheme else {
        return Err(reader.problems);
    };
    let issues = validate::scheme(&scheme);
    if issues.is_empty() {
        Ok(scheme)
    } else {
        Err(issues
            .into_iter()
            .map(|i| Problem {
                place: reader.place_of(&i.path),
                what: SetupMsg::Issue(i.kind),
            })
            .collect())
    }
}

/// A sheet read: its cells and where each heading is.
struct Sheet {
    shape: &'static SheetShape,
    cells: SheetCells,
    /// The column of each of the shape's headings, where found.
    columns: Vec<Option<u16>>,
}

#[derive(Default)]
struct Book {
    sheets: HashMap<&'static str, Sheet>,
    problems: Vec<Problem>,
    /// The row each part of the scheme was read from, by its path in the scheme.
    rows: HashMap<Path, (&'static str, u32)>,
}

/// A row of a sheet, for reading its cells.
#[derive(Clone, Copy)]
struct At {
    sheet: &'static str,
    row: u32,
}

impl Book {
    fn load(
        &mut self,
        book: &mut Xlsx<Cursor<&[u8]>>,
        shape: &'static SheetShape,
    ) -> Result<(), Vec<Problem>> {
        if !book.sheet_names().iter().any(|n| n == shape.name) {
            // The criteria and the information are needed; every other part may be left out.
            if shape.name == shape::INFO.name || shape.name == shape::CRITERIA.name {
                self.problems.push(Problem {
                    place: Place::File,
                    what: SetupMsg::MissingSheet(shape.name),
                });
            }
            return Ok(());
        }
        let cells = SheetCells::read(book, shape.name, BOUNDS).map_err(|e| {
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
        let headings: Vec<String> = (0..BOUNDS.cols)
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

    fn problem(&mut self, place: Place, what: SetupMsg) {
        self.problems.push(Problem { place, what });
    }

    /// The rows below the headings that hold something, of `shape`'s sheet.
    fn rows(&self, shape: &SheetShape) -> Vec<At> {
        let Some(sheet) = self.sheets.get(shape.name) else {
            return Vec::new();
        };
        (1..=sheet.cells.last_row)
            .filter(|&row| (0..BOUNDS.cols).any(|c| sheet.cells.content(row, c) != Content::Empty))
            .map(|row| At {
                sheet: shape.name,
                row,
            })
            .collect()
    }

    fn cell_place(&self, at: At, column: u16) -> Place {
        let col = self.sheets[at.sheet].columns[usize::from(column)].unwrap_or(column);
        Place::Cell {
            sheet: at.sheet.to_string(),
            row: at.row,
            col,
        }
    }

    /// The text of a cell of the shape's `column`; empty where the column is missing.
    fn text(&mut self, at: At, column: u16) -> String {
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
    fn required(&mut self, at: At, column: u16) -> String {
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

    fn decimal(&mut self, at: At, column: u16) -> Option<Decimal> {
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

    fn required_decimal(&mut self, at: At, column: u16) -> Decimal {
        if self.text(at, column).is_empty() {
            self.required(at, column);
            return Decimal::ZERO;
        }
        self.decimal(at, column).unwrap_or_default()
    }

    fn whole(&mut self, at: At, column: u16) -> Option<u32> {
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
    fn choice(&mut self, at: At, column: u16, choices: &'static [Choice]) -> Option<usize> {
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

    fn yes(&mut self, at: At, column: u16) -> Option<bool> {
        self.choice(at, column, shape::YES_NO).map(|c| c == 0)
    }

    fn periods(&mut self, at: At, column: u16) -> Vec<Period> {
        match self.choice(at, column, shape::PERIODS) {
            Some(1) => vec![Period::YearEnd],
            Some(2) => vec![Period::MidYear],
            _ => Period::both(),
        }
    }

    fn remember(&mut self, path: Path, at: At) {
        self.rows.insert(path, (at.sheet, at.row));
    }

    /// The cell a problem of the scheme at `path` comes from: the row of the longest part of
    /// the path that was read from a row, in the column of the field that follows it.
    fn place_of(&self, path: &Path) -> Place {
        let mut prefix = path.clone();
        loop {
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
                None => return Place::Sheet(shape::CRITERIA.name.to_string()),
            }
        }
    }

    /// The scheme, with what could be read; `None` where a part needed for it is missing.
    fn scheme(&mut self) -> Option<Scheme> {
        let info = self.info()?;
        let groups = self.groups();
        let bonus = self.adjustments(&shape::BONUS, "bonus", 0, info.bonus_cap);
        let penalty = self.adjustments(&shape::PENALTY, "penalty", 1, info.penalty_cap);
        let vetoes = self.vetoes();
        let (bands, mid_year_bands, year_end_bands) = self.bands();
        let tie_breakers = self.ties();
        let awards = self.awards();
        let sections = self.sections();
        Some(Scheme {
            id: info.id,
            title: info.title,
            version: info.version,
            effective: info.effective,
            legal_basis: info.legal_basis,
            groups,
            bonus,
            penalty,
            vetoes,
            bands,
            classification: Classification {
                mid_year: info.mid_year,
                year_end: info.year_end,
                mid_year_bands,
                year_end_bands,
            },
            tie_breakers,
            awards,
            sections,
            rank_by: info.rank_by,
        })
    }

    fn info(&mut self) -> Option<Info> {
        if !self.sheets.contains_key(shape::INFO.name) {
            return None;
        }
        // Each row by its label in column A.
        let mut by_label: HashMap<String, At> = HashMap::new();
        for at in self.rows(&shape::INFO) {
            let label = self.text(at, 0).to_lowercase();
            by_label.entry(label).or_insert(at);
        }
        let row = |book: &mut Book, label: &'static str| -> Option<At> {
            let at = by_label.get(&label.to_lowercase()).copied();
            if at.is_none() {
                book.problem(
                    Place::Sheet(shape::INFO.name.to_string()),
                    SetupMsg::MissingInfo(label),
                );
            }
            at
        };
        use shape::info::*;
        let id_at = row(self, ID)?;
        let id = self.required(id_at, 1);
        self.remember(Path::root().field("id"), id_at);
        let title_at = row(self, TITLE)?;
        self.remember(Path::root().field("title"), title_at);
        let title = self.required(title_at, 1);
        let version_at = row(self, VERSION)?;
        self.remember(Path::root().field("version"), version_at);
        let version = self.required(version_at, 1);
        let effective_at = row(self, EFFECTIVE)?;
        let text = self.required(effective_at, 1);
        let effective = read_date(&text).or_else(|| {
            if !text.is_empty() {
                self.problem(self.cell_place(effective_at, 1), SetupMsg::BadDate(text));
            }
            None
        })?;
        let optional = |label: &str| by_label.get(&label.to_lowercase()).copied();
        let legal_basis = match optional(LEGAL_BASIS) {
            Some(at) => self.text(at, 1),
            None => String::new(),
        };
        let basis = |book: &mut Book, label: &str| {
            let at = optional(label)?;
            book.choice(at, 1, shape::BASES)
        };
        let as_basis = |c: Option<usize>| match c {
            Some(1) => Basis::ShareOfMaximum,
            Some(2) => Basis::Off,
            _ => Basis::Points,
        };
        let mid_year = as_basis(basis(self, MID_YEAR_BASIS));
        let year_end = as_basis(basis(self, YEAR_END_BASIS));
        let rank_by = match optional(RANK_BY).and_then(|at| self.choice(at, 1, shape::RANK_BY)) {
            Some(1) => RankBy::ShareOfApplicable,
            _ => RankBy::Points,
        };
        let cap = |book: &mut Book, label: &str, path: Path| {
            let at = optional(label)?;
            book.remember(path, at);
            book.decimal(at, 1)
        };
        let bonus_cap = cap(self, BONUS_CAP, Path::root().field("bonus").field("cap"));
        let penalty_cap = cap(
            self,
            PENALTY_CAP,
            Path::root().field("penalty").field("cap"),
        );
        Some(Info {
            id,
            title,
            version,
            effective,
            legal_basis,
            mid_year,
            year_end,
            rank_by,
            bonus_cap,
            penalty_cap,
        })
    }
}

struct Info {
    id: String,
    title: String,
    version: String,
    effective: NaiveDate,
    legal_basis: String,
    mid_year: Basis,
    year_end: Basis,
    rank_by: RankBy,
    bonus_cap: Option<Decimal>,
    penalty_cap: Option<Decimal>,
}

/// A date as offices write it (`01/01/2026`) or as RON does (`2026-01-01`).
fn read_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    let text = text.split_whitespace().next().unwrap_or(text);
    NaiveDate::parse_from_str(text, "%d/%m/%Y")
        .or_else(|_| NaiveDate::parse_from_str(text, "%Y-%m-%d"))
        .ok()
}

/// The shape's column a problem at `rest` (the path below a row's own) lies in.
fn column_of(sheet: &SheetShape, rest: &[Seg]) -> Option<u16> {
    let field = |i: usize| match rest.get(i) {
        Some(Seg::Field(f)) => Some(*f),
        _ => None,
    };
    let first = field(0);
    let name = sheet.name;
    if name == shape::CRITERIA.name {
        use shape::criteria::*;
        return Some(match first {
            None | Some("items") => TITLE,
            Some("code") => CODE,
            Some("label") => LABEL,
            Some("title") => TITLE,
            Some("max") | Some("stated_max") => MAX,
            Some("cap") => CAP,
            Some("guidance") => GUIDANCE,
            Some("periods") => PERIODS,
            Some("scale") => match field(1) {
                Some("step") => STEP,
                Some("per") => PER,
                Some("floor") => FLOOR,
                Some("ceiling") => CEILING,
                Some("start") => START,
                None if rest.len() > 1 => LEVELS,
                _ => SCALE,
            },
            Some(_) => TITLE,
        });
    }
    if name == shape::BONUS.name || name == shape::PENALTY.name {
        use shape::adjustment::*;
        return Some(match first {
            Some("code") => CODE,
            Some("label") => LABEL,
            Some("cap") => CAP,
            Some("group") => GROUP,
            Some("periods") => PERIODS,
            Some("scale") if field(1) == Some("step") => STEP,
            Some("scale") => POINTS,
            _ => TITLE,
        });
    }
    // The other sheets: the column of the field by its order in the shape.
    let order: &[&str] = match name {
        n if n == shape::INFO.name => &["", "id"],
        n if n == shape::GROUP_CAPS.name => &["", "", "cap"],
        n if n == shape::VETOES.name => &["label", "code", "title", "band_cap", "periods"],
        n if n == shape::BANDS.name => &["", "id", "label", "min", "", "", "conditions"],
        n if n == shape::AWARDS.name => &[
            "id",
            "title",
            "quota",
            "",
            "",
            "min_band",
            "min_total",
            "",
            "vote",
        ],
        n if n == shape::SECTIONS.name => &["", "id", "title"],
        _ => &[],
    };
    if name == shape::INFO.name || name == shape::GROUP_CAPS.name && first.is_none() {
        return Some(if name == shape::INFO.name { 1 } else { 2 });
    }
    let first = first?;
    order.iter().position(|f| *f == first).map(|c| c as u16)
}

mod parts;
mod tree;
