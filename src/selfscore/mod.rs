//! Member units' self-scores (tự chấm), sent before the meeting: the form a unit fills in
//! (`template`) and the readers of what comes back, as the filled form (`xlsx`), a CSV sheet
//! (`csv`) or a RON file (`ron`).
//!
//! The readers work on bytes, never on files. Each checks every value against its item's scale
//! exactly as the editor does (`model::value::parse`) and returns either every unit's scores or
//! every problem of the file, each with its place: a file with any problem is refused whole.

pub mod csv;
pub mod files;
pub mod ron;
pub mod template;
pub mod words;
pub mod xlsx;

use crate::i18n::Lang;
use crate::model::layout::{Item, Rule};
use crate::model::scheme::Scale;
use crate::model::value::{self, ValueError};
use crate::model::{Covenant, Period, Value};
use crate::selfscore::words::SelfScoreMsg;

/// The session the self-scores are for: the bloc and scheme, the year and the review.
#[derive(Debug, Clone, Copy)]
pub struct Session<'a> {
    pub covenant: &'a Covenant,
    pub year: i32,
    pub period: Period,
}

/// One item a unit scored itself on.
#[derive(Debug, Clone, PartialEq)]
pub struct Score {
    /// The item's index in the layout.
    pub item: usize,
    /// `None` only when the unit gave evidence or a note but left the score blank.
    pub value: Option<Value>,
    /// References to the documents that back the score.
    pub evidence: String,
    pub note: String,
}

impl Score {
    /// What the records keep beside the value: the evidence, then the note on its own line.
    pub fn cell_note(&self) -> String {
        match (self.evidence.is_empty(), self.note.is_empty()) {
            (_, true) => self.evidence.clone(),
            (true, false) => self.note.clone(),
            (false, false) => format!("{}\n{}", self.evidence, self.note),
        }
    }
}

/// The self-scores of one unit; items it did not score are absent.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitScores {
    /// The unit's index among the bloc's members.
    pub unit: usize,
    /// In layout order.
    pub scores: Vec<Score>,
}

/// Where in a file a problem lies.
#[derive(Debug, Clone, PartialEq)]
pub enum Place {
    /// The file as a whole.
    File,
    Sheet(String),
    /// A cell, 0-based row and column.
    Cell {
        sheet: String,
        row: u32,
        col: u16,
    },
    /// A block of cells, 0-based corners.
    Range {
        sheet: String,
        first: (u32, u16),
        last: (u32, u16),
    },
    /// A line of a CSV file, 1-based.
    Line(usize),
    /// A position in a RON file, 1-based line and column.
    LineCol {
        line: usize,
        col: usize,
    },
}

impl Place {
    /// `Sheet1!F14`, `'Tự chấm'!F14:G15`, `dòng 12`, `12:5`; empty for the whole file.
    pub fn text(&self, lang: Lang) -> String {
        match self {
            Place::File => String::new(),
            Place::Sheet(name) => sheet_ref(name),
            Place::Cell { sheet, row, col } => format!("{}!{}", sheet_ref(sheet), a1(*row, *col)),
            Place::Range { sheet, first, last } => format!(
                "{}!{}:{}",
                sheet_ref(sheet),
                a1(first.0, first.1),
                a1(last.0, last.1)
            ),
            Place::Line(line) => SelfScoreMsg::LineNumber(*line).text(lang),
            Place::LineCol { line, col } => format!("{line}:{col}"),
        }
    }
}

pub use crate::store::workbook::a1;

/// A sheet name as Excel writes it in a reference: quoted when it is not a plain word.
fn sheet_ref(name: &str) -> String {
    let plain = !name.is_empty()
        && !name.starts_with(|c: char| c.is_ascii_digit())
        && name.chars().all(|c| c.is_alphanumeric() || c == '_');
    if plain {
        name.to_string()
    } else {
        format!("'{}'", name.replace('\'', "''"))
    }
}

/// One problem of a file: where, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub place: Place,
    pub reason: SelfScoreMsg,
}

impl Problem {
    pub fn new(place: Place, reason: SelfScoreMsg) -> Problem {
        Problem { place, reason }
    }

    /// The problem as the command line prints it after the file name: `file: Sheet1!F14:
    /// reason`, `file: dòng 12: reason`, `file:12:5: reason` (as `check` prints RON problems).
    pub fn render(&self, lang: Lang, file: &str) -> String {
        let reason = self.reason.text(lang);
        match &self.place {
            Place::File => format!("{file}: {reason}"),
            Place::LineCol { line, col } => format!("{file}:{line}:{col}: {reason}"),
            place => format!("{file}: {}: {reason}", place.text(lang)),
        }
    }
}

/// The kinds of file a unit can send.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Xlsx,
    Csv,
    Ron,
}

impl Format {
    /// The format a file name's extension names.
    pub fn of_name(name: &str) -> Option<Format> {
        let ext = name.rsplit_once('.')?.1.to_lowercase();
        match ext.as_str() {
            "xlsx" => Some(Format::Xlsx),
            "csv" => Some(Format::Csv),
            "ron" => Some(Format::Ron),
            _ => None,
        }
    }

    /// The largest file of this format read.
    pub fn max_bytes(self) -> u64 {
        match self {
            Format::Xlsx => xlsx::MAX_FORM_BYTES as u64,
            Format::Csv => crate::model::limits::MAX_CSV_BYTES,
            Format::Ron => crate::model::limits::MAX_RON_FILE_BYTES,
        }
    }
}

/// Reads the self-scores a file holds: every unit's, or every problem found.
pub fn read(
    format: Format,
    session: &Session,
    bytes: &[u8],
) -> Result<Vec<UnitScores>, Vec<Problem>> {
    match format {
        Format::Xlsx => xlsx::read(session, bytes),
        Format::Csv => csv::read(session, bytes),
        Format::Ron => ron::read(session, bytes),
    }
}

/// A level as the form's drop-down list offers it: "HTXS – Hoàn thành xuất sắc nhiệm vụ".
pub fn level_choice(code: &str, label: &str) -> String {
    format!("{code} – {label}")
}

/// Reads an answer as the editor would, also taking a level as the form's list writes it.
pub fn parse_answer(item: &Item, answer: &str) -> Result<Value, ValueError> {
    if let Rule::Criterion {
        scale: Scale::Levels(levels),
        ..
    } = &item.rule
        && let Some(level) = levels
            .iter()
            .find(|l| level_choice(&l.code, &l.label) == answer.trim())
    {
        return Ok(Value::Level(level.code.clone()));
    }
    value::parse(item, answer)
}

/// The item a code names, if it is scored in the session's period.
/// The item a self-score names, scored in the session's period. (One that does not apply to
/// the unit is read like any other and never taken: accepting leaves it out.)
fn scored_item(session: &Session, code: &str) -> Result<usize, SelfScoreMsg> {
    let layout = &session.covenant.layout;
    let item = layout
        .index_of(code)
        .ok_or_else(|| SelfScoreMsg::UnknownItem(code.to_string()))?;
    if layout.items[item].is_scored_in(session.period) {
        Ok(item)
    } else {
        Err(SelfScoreMsg::NotThisPeriod {
            item: code.to_string(),
            period: session.period,
        })
    }
}

/// The member a unit id (or its short name, as the CSV importer allows) names.
fn unit_named(covenant: &Covenant, name: &str) -> Option<usize> {
    covenant.unit_index(name).or_else(|| {
        let lower = name.to_lowercase();
        covenant
            .bloc
            .members
            .iter()
            .position(|m| m.short.to_lowercase() == lower)
    })
}

use crate::store::workbook::{clean, number_text};
