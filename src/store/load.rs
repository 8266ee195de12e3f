//! Loading bloc and scheme files: NFC text, RON with the project's extensions, validation,
//! and every problem located as `file:line:col`.

use std::path::{Path as FsPath, PathBuf};

use unicode_width::UnicodeWidthStr;

use crate::i18n::{Lang, Msg};
use crate::model::limits::MAX_RON_FILE_BYTES;
use crate::model::validate::{self, Issue, IssueKind};
use crate::model::{Bloc, Covenant, Scheme, text};

use super::span::{Pos, SpanMap};

/// A file read into memory, its text in NFC.
#[derive(Debug, Clone)]
pub struct Source {
    pub path: PathBuf,
    pub text: String,
}

/// One problem in one file.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub file: PathBuf,
    pub pos: Pos,
    /// The offending line, for showing with a caret.
    pub line_text: String,
    pub message: Message,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    Syntax(ron::Error),
    Issue(IssueKind),
    SchemeNotFound { id: String, looked: PathBuf },
}

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{path}: {error}")]
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
    /// Not a plain file, or larger than a bloc or scheme can be.
    #[error("{0}")]
    Input(super::input::InputError),
    #[error("{} problems", .0.len())]
    Problems(Vec<Problem>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Scheme,
    Bloc,
}

pub fn ron_options() -> ron::Options {
    ron::Options::default().with_default_extension(
        ron::extensions::Extensions::IMPLICIT_SOME
            | ron::extensions::Extensions::UNWRAP_VARIANT_NEWTYPES,
    )
}

/// How thidua writes RON: with the names of the structures, the same extensions as the files it
/// reads, and `indent` for each level.
pub fn ron_pretty(indent: &str) -> ron::ser::PrettyConfig {
    ron::ser::PrettyConfig::new()
        .struct_names(true)
        .indentor(indent.to_string())
        .extensions(
            ron::extensions::Extensions::IMPLICIT_SOME
                | ron::extensions::Extensions::UNWRAP_VARIANT_NEWTYPES,
        )
}

pub fn read_source(path: &FsPath) -> Result<Source, LoadError> {
    use super::input::{self, InputError, Links};
    let bytes = input::read(path, MAX_RON_FILE_BYTES, Links::Follow).map_err(|e| match e {
        InputError::Io { path, error } => LoadError::Io { path, error },
        InputError::Absent { path } => LoadError::Io {
            path,
            error: std::io::ErrorKind::NotFound.into(),
        },
        other => LoadError::Input(other),
    })?;
    let raw = String::from_utf8(bytes).map_err(|e| LoadError::Io {
        path: path.to_path_buf(),
        error: std::io::Error::new(std::io::ErrorKind::InvalidData, e.utf8_error()),
    })?;
    let raw = raw.strip_prefix('\u{feff}').unwrap_or(&raw);
    Ok(Source {
        path: path.to_path_buf(),
        text: text::nfc(raw).into_owned(),
    })
}

impl Source {
    pub fn from_text(path: impl Into<PathBuf>, raw: &str) -> Source {
        Source {
            path: path.into(),
            text: text::nfc(raw).into_owned(),
        }
    }

    fn problem(&self, pos: Pos, message: Message) -> Problem {
        let line_text = self
            .text
            .lines()
            .nth(pos.line.saturating_sub(1))
            .unwrap_or("")
            .to_string();
        Problem {
            file: self.path.clone(),
            pos,
            line_text,
            message,
        }
    }

    fn syntax(&self, e: ron::error::SpannedError) -> Problem {
        let pos = Pos {
            line: e.span.start.line,
            col: e.span.start.col,
        };
        self.problem(pos, Message::Syntax(e.code))
    }

    fn issues(&self, issues: Vec<Issue>) -> Vec<Problem> {
        let spans = SpanMap::new(&self.text);
        issues
            .into_iter()
            .map(|i| self.problem(spans.locate(&i.path), Message::Issue(i.kind)))
            .collect()
    }

    /// What the file holds: the first identifier of the text (`Scheme(` or `Bloc(`), else the
    /// folder it lies in (`scoring/` or `blocs/`).
    pub fn kind(&self) -> FileKind {
        let body = self
            .text
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty() && !l.starts_with("//") && !l.starts_with("#!"))
            .unwrap_or("");
        if body.starts_with("Scheme") {
            return FileKind::Scheme;
        }
        if body.starts_with("Bloc") {
            return FileKind::Bloc;
        }
        let in_scoring = self
            .path
            .parent()
            .and_then(|p| p.file_name())
            .is_some_and(|n| n == "scoring");
        if in_scoring {
            FileKind::Scheme
        } else {
            FileKind::Bloc
        }
    }
}

/// Parses and validates a scheme on its own.
pub fn parse_scheme(src: &Source) -> Result<Scheme, Vec<Problem>> {
    let scheme: Scheme = ron_options()
        .from_str(&src.text)
        .map_err(|e| vec![src.syntax(e)])?;
    let issues = validate::scheme(&scheme);
    if issues.is_empty() {
        Ok(scheme)
    } else {
        Err(src.issues(issues))
    }
}

/// What `check` warns about in a scheme that loads, located in its file.
pub fn warnings(src: &Source, scheme: &Scheme) -> Vec<Problem> {
    src.issues(validate::warnings(scheme))
}

/// A warning as `render_problem` shows a problem, its message marked as a warning.
pub fn render_warning(lang: Lang, p: &Problem) -> String {
    let head = format!("{}:{}:{}: ", p.file.display(), p.pos.line, p.pos.col);
    render_problem(lang, p).replacen(
        &head,
        &format!("{head}{}: ", lang.ui(crate::i18n::Ui::Warning)),
        1,
    )
}

/// Parses a bloc (its checks against the scheme come in `load_covenant`).
pub fn parse_bloc(src: &Source) -> Result<Bloc, Vec<Problem>> {
    ron_options()
        .from_str(&src.text)
        .map_err(|e| vec![src.syntax(e)])
}

/// The loaded, validated pair, with the two sources (kept for reports and records).
#[derive(Debug, Clone)]
pub struct Loaded {
    pub covenant: Covenant,
    pub bloc_source: Source,
    pub scheme_source: Source,
}

/// Loads a bloc file and the scheme it names, reporting the problems of both files.
pub fn load_covenant(bloc_path: &FsPath) -> Result<Loaded, LoadError> {
    let bloc_source = read_source(bloc_path)?;
    let bloc = parse_bloc(&bloc_source).map_err(LoadError::Problems)?;
    // The scheme id becomes a file name: refuse one that would lead out of `scoring/`.
    let looked = match super::paths::scheme_file(bloc_path, &bloc.scheme) {
        Ok(path) => path,
        Err(_) => {
            let kind = validate::id_issue(&bloc.scheme).unwrap_or(IssueKind::Empty("scheme"));
            let spans = SpanMap::new(&bloc_source.text);
            let pos = spans.locate(&crate::model::Path::root().field("scheme"));
            return Err(LoadError::Problems(vec![
                bloc_source.problem(pos, Message::Issue(kind)),
            ]));
        }
    };
    let scheme_source = match read_source(&looked) {
        Ok(s) => s,
        Err(LoadError::Io { error, .. }) if error.kind() == std::io::ErrorKind::NotFound => {
            let spans = SpanMap::new(&bloc_source.text);
            let pos = spans.locate(&crate::model::Path::root().field("scheme"));
            return Err(LoadError::Problems(vec![bloc_source.problem(
                pos,
                Message::SchemeNotFound {
                    id: bloc.scheme.clone(),
                    looked,
                },
            )]));
        }
        Err(e) => return Err(e),
    };
    let scheme = parse_scheme(&scheme_source).map_err(LoadError::Problems)?;
    let issues = validate::bloc(&bloc, &scheme);
    if !issues.is_empty() {
        return Err(LoadError::Problems(bloc_source.issues(issues)));
    }
    // Both checked above, each at its place in its file.
    let covenant = Covenant::checked(bloc, scheme);
    Ok(Loaded {
        covenant,
        bloc_source,
        scheme_source,
    })
}

/// The message of a problem in `lang`.
pub fn problem_message(lang: Lang, p: &Problem) -> String {
    let words = match &p.message {
        Message::Syntax(e) => lang.syntax(e),
        Message::Issue(k) => lang.issue(k),
        Message::SchemeNotFound { id, looked } => lang.msg(&Msg::SchemeNotFound {
            id: crate::model::text::clip(id),
            looked: looked.display().to_string(),
        }),
    };
    // A message quotes the file (a name, a field): never as long as a hostile file.
    crate::model::text::clip_to(&words, 5 * crate::model::text::QUOTE_CHARS)
}

/// `path:line:col: message`, then the offending line and a caret under the column. A long
/// line is shown as at most `text::QUOTE_CHARS` characters around the column, with "…" where
/// it was cut.
pub fn render_problem(lang: Lang, p: &Problem) -> String {
    let number = p.pos.line.to_string();
    let pad = " ".repeat(number.len());
    let chars: Vec<char> = p.line_text.chars().collect();
    let col = p.pos.col.saturating_sub(1).min(chars.len());
    let half = crate::model::text::QUOTE_CHARS / 2;
    let start = col.saturating_sub(half);
    let end = (start + 2 * half).min(chars.len());
    let cut = |from: usize, to: usize| -> String {
        chars[from..to]
            .iter()
            .collect::<String>()
            .replace('\t', " ")
    };
    let lead = if start > 0 { "…" } else { "" };
    let tail = if end < chars.len() { "…" } else { "" };
    let caret_at = lead.width() + cut(start, col).width();
    format!(
        "{}:{}:{}: {}\n{pad} |\n{number} | {lead}{}{tail}\n{pad} | {}^\n",
        p.file.display(),
        p.pos.line,
        p.pos.col,
        problem_message(lang, p),
        cut(start, end),
        " ".repeat(caret_at)
    )
}

/// Why a bloc did not load, in words: every problem in full, or (`first_line_only`) the first
/// problem's first line, for a list of files.
pub fn load_error_text(
    lang: Lang,
    file: &std::path::Path,
    e: &LoadError,
    first_line_only: bool,
) -> String {
    match e {
        LoadError::Io { path, error } => lang.msg(&Msg::CannotRead {
            path: path.display().to_string(),
            error: error.to_string(),
        }),
        LoadError::Input(e) => lang.msg(&e.message()),
        LoadError::Problems(problems) if first_line_only => problems
            .first()
            .and_then(|p| render_problem(lang, p).lines().next().map(String::from))
            .unwrap_or_else(|| file.display().to_string()),
        LoadError::Problems(problems) => problems
            .iter()
            .map(|p| render_problem(lang, p))
            .collect::<String>(),
    }
}
