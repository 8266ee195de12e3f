//! Why the store refused or could not do something, and its words for the user.

use std::path::{Path, PathBuf};

use crate::i18n::Msg;
use crate::model::ballot::BallotError;
use crate::model::limits::{MAX_JOURNAL_LINES, MAX_NOTE_CHARS};
use crate::model::sections::TextError as SectionTextError;
use crate::model::value::ValueError;

use super::paths::UnsafeName;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("locked by {holder}")]
    Locked { path: PathBuf, holder: String },
    #[error("{path}: {error}")]
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
    #[error("journal line {line}: {error}")]
    Corrupt { line: usize, error: String },
    #[error("unknown unit {0}")]
    UnknownUnit(String),
    #[error("unknown item {0}")]
    UnknownItem(String),
    #[error("{item} is not scored in this period")]
    NotThisPeriod { item: String },
    #[error("{unit} / {item}: {error}")]
    Refused {
        unit: String,
        item: String,
        error: ValueError,
    },
    #[error("{0}")]
    Ballot(BallotError),
    /// The records folder holds something other than plain files (a link, a folder, a pipe).
    #[error("{path} is not a plain file")]
    NotPlainFile { path: PathBuf },
    /// The bloc's id cannot name a folder.
    #[error("{0}")]
    UnsafeName(UnsafeName),
    /// A note, reason or evidence longer than `limits::MAX_NOTE_CHARS`.
    #[error("{unit} / {item}: a text of {chars} characters")]
    TextTooLong {
        unit: String,
        item: String,
        chars: usize,
    },
    /// An attendance or a count record that cannot be true.
    #[error("{0}")]
    Minutes(crate::model::minutes::MinutesError),
    /// An election that cannot be true.
    #[error("{0}")]
    Election(crate::model::election::ElectionError),
    /// A section the period's report does not have.
    #[error("no section {0}")]
    UnknownSection(String),
    /// A section's text that cannot be kept.
    #[error("section {id}: {error:?}")]
    SectionText { id: String, error: SectionTextError },
    /// An event whose journal line would be longer than the journal is read back with.
    #[error("a journal line of {bytes} bytes")]
    LineTooLong { bytes: usize, limit: usize },
    /// The records were opened to read only.
    #[error("opened to read only")]
    ReadOnly,
    /// The journal holds `limits::MAX_JOURNAL_LINES` lines: no more can be added.
    #[error("the journal is full")]
    JournalFull,
}

impl StoreError {
    /// The message for the user.
    pub fn msg(&self, lang: crate::i18n::Lang) -> String {
        match self {
            StoreError::Locked { path, holder } => lang.msg(&Msg::Locked {
                path: path.display().to_string(),
                holder: holder.clone(),
            }),
            StoreError::Io { path, error } => lang.msg(&Msg::WriteFailed {
                path: path.display().to_string(),
                error: error.to_string(),
            }),
            StoreError::Corrupt { line, error } => lang.msg(&Msg::JournalCorrupt {
                line: *line,
                error: error.clone(),
            }),
            StoreError::UnknownUnit(u) => lang.msg(&Msg::CsvUnknownUnit(u.clone())),
            StoreError::UnknownItem(i) => lang.msg(&Msg::CsvUnknownItem(i.clone())),
            StoreError::NotThisPeriod { item } => lang.msg(&Msg::CsvNotThisPeriod(item.clone())),
            StoreError::Refused { unit, item, error } => lang.msg(&Msg::StoreRefused {
                unit: unit.clone(),
                item: item.clone(),
                problem: lang.value_error(error),
            }),
            StoreError::Ballot(error) => lang.msg(&Msg::BallotRefused(error.clone())),
            StoreError::NotPlainFile { path } => lang.msg(&Msg::NotPlainFile {
                path: path.display().to_string(),
            }),
            StoreError::UnsafeName(UnsafeName(name)) => lang.msg(&Msg::UnsafeName(name.clone())),
            StoreError::TextTooLong { unit, item, chars } => lang.msg(&Msg::TextTooLong {
                unit: unit.clone(),
                item: item.clone(),
                chars: *chars,
                limit: MAX_NOTE_CHARS,
            }),
            StoreError::Minutes(error) => lang.msg(&Msg::MinutesRefused(error.clone())),
            StoreError::Election(error) => lang.msg(&Msg::ElectionRefused(error.clone())),
            StoreError::UnknownSection(id) => lang.msg(&Msg::UnknownSection(id.clone())),
            StoreError::SectionText { id, error } => lang.msg(&Msg::SectionText {
                id: id.clone(),
                error: error.clone(),
            }),
            StoreError::LineTooLong { bytes, limit } => lang.msg(&Msg::LineTooLong {
                bytes: *bytes,
                limit: *limit,
            }),
            StoreError::ReadOnly => lang.msg(&Msg::ReadOnly),
            StoreError::JournalFull => lang.msg(&Msg::JournalFull {
                limit: MAX_JOURNAL_LINES,
            }),
        }
    }
}

/// Wraps an I/O error with the path it happened at.
pub(crate) fn io(path: &Path) -> impl FnOnce(std::io::Error) -> StoreError + '_ {
    move |error| StoreError::Io {
        path: path.to_path_buf(),
        error,
    }
}
