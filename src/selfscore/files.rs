//! Self-score files as the user names them: one file, or a folder of them (what arrived by
//! e-mail or on a USB stick). Each file is read and checked whole; the command line and the
//! screen both read them here.

use std::path::{Path, PathBuf};

use crate::i18n::{Lang, Msg};
use crate::store::Cell;
use crate::store::input::{self, Links};

use super::words::SelfScoreMsg;
use super::{Format, Problem, Session, UnitScores, read};

/// At most this many files are taken from one folder.
pub const MAX_FOLDER_FILES: usize = 500;

/// Why a file's self-scores were not taken.
#[derive(Debug, Clone, PartialEq)]
pub enum FileRefusal {
    /// Not .xlsx, .csv or .ron.
    Unsupported,
    /// Absent, not a plain file, too large, unreadable.
    Unreadable(Msg),
    /// Read, with every problem found.
    Problems(Vec<Problem>),
}

impl FileRefusal {
    /// The refusal's lines, each naming the file, in the user's language.
    pub fn lines(&self, lang: Lang, file: &str) -> Vec<String> {
        match self {
            FileRefusal::Unsupported => {
                vec![SelfScoreMsg::UnsupportedFile(file.to_string()).text(lang)]
            }
            FileRefusal::Unreadable(m) => vec![lang.msg(m)],
            FileRefusal::Problems(problems) => {
                let mut lines: Vec<String> =
                    problems.iter().map(|p| p.render(lang, file)).collect();
                lines.push(format!(
                    "{file}: {}",
                    SelfScoreMsg::FileRefused(problems.len()).text(lang)
                ));
                lines
            }
        }
    }

    /// The exit code of a command refused this way: 2 for a file not read, 1 for its content.
    pub fn exit_code(&self) -> u8 {
        match self {
            FileRefusal::Problems(_) => crate::exit::INVALID,
            _ => crate::exit::USAGE,
        }
    }
}

/// Reads and checks one file.
pub fn read_file(session: &Session, file: &Path) -> Result<Vec<UnitScores>, FileRefusal> {
    let name = file.display().to_string();
    let format = Format::of_name(&name).ok_or(FileRefusal::Unsupported)?;
    let bytes = input::read(file, format.max_bytes(), Links::Follow)
        .map_err(|e| FileRefusal::Unreadable(e.message()))?;
    read(format, session, &bytes).map_err(FileRefusal::Problems)
}

/// The files a path names: the file itself, or the self-score files directly in a folder
/// (sorted by name, links and other kinds of entry left out), at most `MAX_FOLDER_FILES`.
pub fn files_named(path: &Path) -> Result<Vec<PathBuf>, Msg> {
    if !path.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let entries = std::fs::read_dir(path).map_err(|e| Msg::CannotRead {
        path: path.display().to_string(),
        error: e.to_string(),
    })?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.path())
        .filter(|p| Format::of_name(&p.display().to_string()).is_some())
        .take(MAX_FOLDER_FILES)
        .collect();
    files.sort();
    Ok(files)
}

/// The name the journal records as where the self-scores came from: the file's own name.
pub fn source_name(file: &Path) -> String {
    file.file_name().map_or_else(
        || file.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

impl UnitScores {
    /// The cells these self-scores fill: item index, value and evidence.
    pub fn cells(&self) -> Vec<(usize, Cell)> {
        self.scores
            .iter()
            .map(|s| {
                let cell = Cell {
                    value: s.value.clone(),
                    note: s.cell_note(),
                    ..Cell::default()
                };
                (s.item, cell)
            })
            .collect()
    }

    /// How many items the unit scored.
    pub fn scored(&self) -> usize {
        self.scores.iter().filter(|s| s.value.is_some()).count()
    }
}
