//! A cell's history (h) and the session's change log (j), filtered by unit and criterion and
//! exported to CSV.
//!
//! Both keys open one view: a cell's history is the change log narrowed to the selected unit
//! and criterion, and either filter can be lifted or set again from there.

pub mod draw;

use std::cell::Cell as Shared;
use std::io;
use std::path::{Path, PathBuf};

use crate::i18n::{Lang, Msg, Ui};
use crate::model::Covenant;
use crate::report::changelog::{self, Filter};
use crate::store::records::{Line, StoreError};

use super::dialog::{Ctx, Outcome};
use super::keymap::Action;
use super::status::{Said, Status};

#[derive(Debug, Clone, PartialEq)]
pub struct LogView {
    /// The unit and the item selected when the view opened (no item on a subtotal): what the
    /// filters narrow to.
    pub unit: usize,
    pub item: Option<usize>,
    pub only_unit: bool,
    pub only_item: bool,
    /// The journal as read when the view opened, oldest first, or why it could not be read.
    /// Nothing is written while the view is open, so it stays current.
    pub lines: Result<Vec<Line>, Said>,
    /// The first line in view, counted from the newest; the drawing keeps it in range.
    pub top: Shared<usize>,
    /// How many lines the last frame showed, for Page Up / Page Down.
    pub page: Shared<usize>,
    /// The keys of the view, shown in place of the lines.
    pub keys: bool,
    /// What the last export did, or why the criterion filter cannot apply.
    pub message: Option<Status>,
}

impl LogView {
    fn new(cx: &Ctx, item: Option<usize>, narrowed: bool) -> LogView {
        LogView {
            unit: cx.unit,
            item,
            only_unit: narrowed,
            only_item: narrowed,
            lines: read(cx),
            top: Shared::new(0),
            page: Shared::new(1),
            keys: false,
            message: None,
        }
    }

    /// The unit's id and the item's code of the filters that are on.
    pub fn filter(&self, covenant: &Covenant) -> Filter {
        Filter {
            unit: self
                .only_unit
                .then(|| covenant.bloc.members[self.unit].id.clone()),
            item: self
                .item
                .filter(|_| self.only_item)
                .map(|i| covenant.layout.items[i].code.clone()),
        }
    }

    /// Narrowed to one unit and one criterion: a cell's history.
    pub fn is_cell(&self) -> bool {
        self.only_unit && self.only_item && self.item.is_some()
    }

    /// The lines the filters keep, newest first; as `changelog::rows` keeps them, so that the
    /// export holds what the screen shows.
    pub fn shown(&self, covenant: &Covenant) -> Vec<&Line> {
        let filter = self.filter(covenant);
        let Ok(lines) = &self.lines else {
            return Vec::new();
        };
        lines
            .iter()
            .rev()
            .filter(|l| match l {
                Line::Change(e) => {
                    filter.unit.as_ref().is_none_or(|u| *u == e.unit)
                        && filter.item.as_ref().is_none_or(|i| *i == e.item)
                }
                Line::Event(_) => filter.unit.is_none() && filter.item.is_none(),
            })
            .collect()
    }
}

/// `h`: the selected cell's history; on a subtotal, the status line says there is none.
pub fn open_cell(cx: &Ctx) -> Result<LogView, Status> {
    match cx.item {
        Some(item) => Ok(LogView::new(cx, Some(item), true)),
        None => Err(Status::info(Ui::HistoryOnSubtotal)),
    }
}

/// `j`: the session's change log, unfiltered.
pub fn open_log(cx: &Ctx) -> LogView {
    LogView::new(cx, cx.item, false)
}

pub fn update(mut view: LogView, action: Action, cx: &mut Ctx) -> Outcome<LogView> {
    let last = view.shown(cx.covenant()).len().saturating_sub(1);
    let top = view.top.get();
    let page = view.page.get().max(1);
    match action {
        Action::Cancel => {
            // A finished export stays said below the screen once the view is closed.
            return match view.message {
                Some(Status::Info(done)) => Outcome::Done(Status::Info(done)),
                _ => Outcome::Close,
            };
        }
        Action::Help => view.keys = !view.keys,
        Action::Up => view.top.set(top.saturating_sub(1)),
        Action::Down => view.top.set((top + 1).min(last)),
        Action::PageUp => view.top.set(top.saturating_sub(page)),
        Action::PageDown => view.top.set((top + page).min(last)),
        Action::Home => view.top.set(0),
        Action::End => view.top.set(last),
        Action::OnlyUnit => {
            view.only_unit = !view.only_unit;
            view.top.set(0);
            view.message = None;
        }
        Action::OnlyItem if view.item.is_none() => {
            view.message = Some(Status::error(Ui::LogNoItem));
        }
        Action::OnlyItem => {
            view.only_item = !view.only_item;
            view.top.set(0);
            view.message = None;
        }
        Action::Export => view.message = Some(export(cx, &view)),
        _ => {}
    }
    Outcome::Stay(view)
}

/// The journal, or why it cannot be read, in words.
fn read(cx: &Ctx) -> Result<Vec<Line>, Said> {
    cx.records().history().map_err(|e| match e {
        // Reading, not writing: the store's own message would speak of a value not saved.
        StoreError::Io { path, error } => Said::Msg(Msg::CannotRead {
            path: path.display().to_string(),
            error: error.to_string(),
        }),
        other => other.into(),
    })
}

/// `<data>/../exports`: beside the data folder, as the signed summaries are. The session's
/// records are in `<data>/<bloc>/<year>/<period>`.
pub fn export_dir(cx: &Ctx) -> PathBuf {
    let records = if cx.records_dir.as_os_str().is_empty() {
        cx.records().dir()
    } else {
        cx.records_dir
    };
    let nonempty = |p: &&Path| !p.as_os_str().is_empty();
    let data = records
        .ancestors()
        .nth(3)
        .filter(nonempty)
        .unwrap_or(Path::new("."));
    data.parent()
        .filter(nonempty)
        .unwrap_or(Path::new("."))
        .join("exports")
}

/// `khoi-8-2026-mid-year-nhat-ky.csv`, with the filters' unit and criterion added so that a
/// narrowed export does not replace the whole log.
pub fn export_name(cx: &Ctx, view: &LogView) -> String {
    let filter = view.filter(cx.covenant());
    let mut name = format!(
        "{}-{}-{}-nhat-ky",
        cx.covenant().bloc.id,
        cx.year,
        cx.period().slug()
    );
    for part in [filter.unit, filter.item].into_iter().flatten() {
        name.push('-');
        name.extend(part.chars().map(|c| {
            if c.is_alphanumeric() || "._-".contains(c) {
                c
            } else {
                '-'
            }
        }));
    }
    name + ".csv"
}

/// Writes what the view shows (oldest first, as the command line's `thidua log` does) and says
/// where, or why not.
fn export(cx: &Ctx, view: &LogView) -> Status {
    let lang = cx.lang;
    let lines = match &view.lines {
        Ok(lines) => lines,
        Err(e) => return Status::Error(e.clone()),
    };
    let rows = changelog::rows(lang, cx.covenant(), lines, &view.filter(cx.covenant()));
    let dir = export_dir(cx);
    let path = dir.join(export_name(cx, view));
    // The full path: the user has to find the file.
    let named = std::path::absolute(&path)
        .unwrap_or_else(|_| path.clone())
        .display()
        .to_string();
    match write(&dir, &path, &changelog::to_csv(lang, &rows)) {
        Ok(()) => Status::info(Msg::LogExported {
            rows: rows.len(),
            path: named,
        }),
        Err(e) => Status::error(Msg::LogExportFailed {
            path: named,
            error: io_words(lang, &e),
        }),
    }
}

fn write(dir: &Path, path: &Path, bytes: &[u8]) -> io::Result<()> {
    std::fs::create_dir_all(dir)?;
    // A write that fails half-way leaves an earlier export whole.
    crate::store::durable::replace(path, bytes)
}

/// The usual causes in the user's language; others as the system words them.
fn io_words(lang: Lang, error: &io::Error) -> String {
    use io::ErrorKind as K;
    let words = match error.kind() {
        K::ReadOnlyFilesystem => Ui::IoReadOnly,
        K::PermissionDenied => Ui::IoDenied,
        K::StorageFull | K::QuotaExceeded => Ui::IoDiskFull,
        K::AlreadyExists | K::NotADirectory | K::IsADirectory => Ui::IoInTheWay,
        _ => return error.to_string(),
    };
    lang.ui(words).to_string()
}
