//! `thidua import-scheme`: reads a scheme's workbook (`scheme_book`'s shape, or an office's own
//! table laid out the same way) into a scheme, and checks it with the scheme's own checks. Every
//! problem is given at its sheet and cell (`'Tiêu chí'!C14`), the checks' problems included:
//! each value read remembers the cell it came from.
//!
//! Offices number their items "1, 2, 3" under every group. Where the code column repeats or is
//! left blank, every criterion's key is made from the printed numbers along its path (`I.2.b`)
//! and the numbers are kept as the printed labels.

use std::collections::HashMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::model::path::{Path, Seg};
use crate::model::scheme::{Basis, Classification, RankBy, Scheme};
use crate::model::{limits, validate};
use crate::selfscore::Place;
use crate::store::workbook::Bounds;

pub use super::reader::Problem;
use super::reader::{At, Reader};
use super::shape::{self, SheetShape};
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

/// Reads the scheme of a workbook, or every problem found.
pub fn read(bytes: &[u8]) -> Result<Scheme, Vec<Problem>> {
    let mut book = super::reader::open(bytes, BOUNDS)?;
    let mut reader = Reader::new(BOUNDS);
    for shape in shape::SHEETS {
        // The criteria and the information are needed; every other part may be left out.
        let required = shape.name == shape::INFO.name || shape.name == shape::CRITERIA.name;
        reader.load(&mut book, shape, required)?;
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
                place: reader.place_of(&i.path, column_of, shape::CRITERIA.name),
                what: SetupMsg::Issue(i.kind),
            })
            .collect())
    }
}

impl Reader {
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
        let row = |book: &mut Reader, label: &'static str| -> Option<At> {
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
        let id = self.required_row(id_at, ID);
        self.remember(Path::root().field("id"), id_at);
        let title_at = row(self, TITLE)?;
        self.remember(Path::root().field("title"), title_at);
        let title = self.required_row(title_at, TITLE);
        let version_at = row(self, VERSION)?;
        self.remember(Path::root().field("version"), version_at);
        let version = self.required_row(version_at, VERSION);
        let effective_at = row(self, EFFECTIVE)?;
        let text = self.required_row(effective_at, EFFECTIVE);
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
        let basis = |book: &mut Reader, label: &str| {
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
        let cap = |book: &mut Reader, label: &str, path: Path| {
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
    // A problem of the row as a whole (a tie-breaker naming no criterion): its code's cell.
    let Some(first) = first else {
        return Some(if name == shape::AWARDS.name { 0 } else { 1 });
    };
    order.iter().position(|f| *f == first).map(|c| c as u16)
}

mod parts;
mod tree;
