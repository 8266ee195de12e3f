//! `i`: units' self-scores imported from inside the screen, so that a late form does not mean
//! closing the meeting's screen. The head types (or completes with Tab) a file or a folder;
//! every file is read and checked whole, the good ones are taken through the session, and the
//! refused ones stay listed with their reasons.

use std::path::PathBuf;

use crate::i18n::Msg;
use crate::selfscore::files::{self, FileRefusal};
use crate::selfscore::{Format, Session as Reading};

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Stylize;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::dialog::Seen;
use super::dialog::{Ctx, Outcome};
use super::field::TextField;
use super::keymap::Action;
use super::path::{self, Completion};
use super::status::{Said, Status};
use crate::i18n::Ui;

#[derive(Debug, Clone, PartialEq)]
pub struct ImportSelf {
    pub field: TextField,
    /// The entries the last Tab found, when several fit.
    pub candidates: Vec<String>,
    /// Files refused by the last import, each with why.
    pub refused: Vec<(String, FileRefusal)>,
    /// What the last import said, or why it did nothing.
    pub said: Option<Said>,
    /// Where relative paths start: the folder the program was started in.
    pub base: PathBuf,
}

/// The dialog, empty, with relative paths starting from the current folder.
pub fn open() -> ImportSelf {
    ImportSelf {
        field: TextField::new(""),
        candidates: Vec::new(),
        refused: Vec::new(),
        said: None,
        base: std::env::current_dir().unwrap_or_default(),
    }
}

pub fn update(mut dialog: ImportSelf, action: Action, cx: &mut Ctx) -> Outcome<ImportSelf> {
    match action {
        Action::Cancel => return Outcome::Close,
        Action::Complete => {
            let Completion { text, candidates } =
                path::complete(dialog.field.text(), &dialog.base, |name| {
                    Format::of_name(name).is_some()
                });
            dialog.field = TextField::new(&text);
            dialog.candidates = candidates;
        }
        Action::Confirm => {
            if let Some(said) = import(cx, &mut dialog) {
                return Outcome::Done(said);
            }
        }
        other => {
            dialog.field.act(&other);
            dialog.candidates.clear();
        }
    }
    Outcome::Stay(dialog)
}

/// Reads the files the path names and takes the good ones; what the status line says when the
/// dialog is done (every file taken).
fn import(cx: &mut Ctx, dialog: &mut ImportSelf) -> Option<Status> {
    dialog.refused.clear();
    dialog.candidates.clear();
    let typed = dialog.field.text().trim().to_string();
    if typed.is_empty() {
        return None;
    }
    let target = path::resolve(&typed, &dialog.base);
    let named = match files::files_named(&target) {
        Ok(f) if f.is_empty() => {
            dialog.said = Some(Said::Msg(Msg::NoFormsIn(target.display().to_string())));
            return None;
        }
        Ok(f) => f,
        Err(m) => {
            dialog.said = Some(Said::Msg(m));
            return None;
        }
    };
    let mut read = Vec::new();
    {
        let reading = Reading {
            covenant: cx.covenant(),
            year: cx.year,
            period: cx.period(),
        };
        for file in &named {
            let shown = file.display().to_string();
            match files::read_file(&reading, file) {
                Ok(units) => read.push((file, units)),
                Err(refusal) => dialog.refused.push((shown, refusal)),
            }
        }
    }
    let mut units = 0;
    for (file, scores) in &read {
        let source = files::source_name(file);
        for unit in scores {
            let cells = unit.cells();
            match cx.change(|s| s.import_self_scores(unit.unit, &cells, &source)) {
                Ok(_) => units += 1,
                Err(refused) => {
                    // Frozen results, a full disk: nothing more is taken.
                    dialog.said = Some(refused.into());
                    return None;
                }
            }
        }
    }
    let said = Msg::SelfImportedOnScreen {
        units,
        files: read.len(),
        refused: dialog.refused.len(),
    };
    if dialog.refused.is_empty() {
        Some(Status::info(said))
    } else {
        dialog.said = Some(Said::Msg(said));
        None
    }
}

// The drawing.

/// Candidates and refusals shown at most; the rest is counted.
const MAX_LISTED: usize = 12;

pub fn draw(app: &Seen, dialog: &ImportSelf, frame: &mut Frame, area: Rect) {
    let lang = app.lang;
    let mut lines: Vec<Line> = vec![Line::from(lang.ui(Ui::ImportSelfAsk)).italic()];
    let (before, after) = dialog.field.text().split_at(dialog.field.cursor());
    lines.push(Line::from(vec![
        Span::from("> ").bold(),
        Span::from(before.to_string()),
        Span::from("▏"),
        Span::from(after.to_string()),
    ]));
    if !dialog.candidates.is_empty() {
        lines.push(Line::from(lang.ui(Ui::ImportSelfFits)).bold());
        for c in dialog.candidates.iter().take(MAX_LISTED) {
            lines.push(Line::from(format!("  {c}")));
        }
        more(&mut lines, dialog.candidates.len());
    }
    if let Some(said) = &dialog.said {
        let line = Line::from(said.text(lang)).bold();
        lines.push(if dialog.refused.is_empty() {
            line.red()
        } else {
            line.yellow()
        });
    }
    let refusals: Vec<String> = dialog
        .refused
        .iter()
        .flat_map(|(file, refusal)| refusal.lines(lang, file))
        .collect();
    for text in refusals.iter().take(MAX_LISTED) {
        lines.push(Line::from(format!("✗ {text}")).red());
    }
    more(&mut lines, refusals.len());
    let width = area.width.saturating_sub(4).min(96);
    let height =
        (crate::tui::widgets::wrapped_height(&lines, width.saturating_sub(2)) + 2).min(area.height);
    let popup = crate::tui::widgets::overlay(frame, area, width, height);
    let block =
        Block::bordered().title(Span::from(format!(" {} ", lang.ui(Ui::ImportSelfTitle))).bold());
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        popup,
    );
}

/// "…" and how many more, when a list was cut.
fn more(lines: &mut Vec<Line>, total: usize) {
    if total > MAX_LISTED {
        lines.push(Line::from(format!("  … (+{})", total - MAX_LISTED)).dark_gray());
    }
}
