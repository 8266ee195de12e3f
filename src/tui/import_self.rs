//! `i`: units' self-scores imported from inside the screen, so that a late form does not mean
//! closing the meeting's screen. The head types (or completes with Tab) a file or a folder;
//! every file is read and checked whole, the good ones are taken through the session, and the
//! refused ones stay listed with their reasons.

use std::path::PathBuf;

use crate::i18n::Msg;
use crate::selfscore::files::{self, FileRefusal};
use crate::selfscore::{Format, Session as Reading};

use super::app::{App, Mode};
use super::field::TextField;
use super::keymap::Action;
use super::path::{self, Completion};
use super::status::Said;

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

/// Opens the dialog, unless the meeting's order refuses self-scores now.
pub fn open(app: &mut App) {
    let base = std::env::current_dir().unwrap_or_default();
    app.mode = Mode::ImportSelf(ImportSelf {
        field: TextField::new(""),
        candidates: Vec::new(),
        refused: Vec::new(),
        said: None,
        base,
    });
}

pub fn update(app: &mut App, mut dialog: ImportSelf, action: Action) {
    match action {
        Action::Cancel => return,
        Action::Complete => {
            let Completion { text, candidates } =
                path::complete(dialog.field.text(), &dialog.base, |name| {
                    Format::of_name(name).is_some()
                });
            dialog.field = TextField::new(&text);
            dialog.candidates = candidates;
        }
        Action::Confirm => {
            if import(app, &mut dialog) {
                return;
            }
        }
        other => {
            dialog.field.act(&other);
            dialog.candidates.clear();
        }
    }
    app.mode = Mode::ImportSelf(dialog);
}

/// Reads the files the path names and takes the good ones; whether the dialog is done (every
/// file taken).
fn import(app: &mut App, dialog: &mut ImportSelf) -> bool {
    dialog.refused.clear();
    dialog.candidates.clear();
    let typed = dialog.field.text().trim().to_string();
    if typed.is_empty() {
        return false;
    }
    let target = path::resolve(&typed, &dialog.base);
    let named = match files::files_named(&target) {
        Ok(f) if f.is_empty() => {
            dialog.said = Some(Said::Msg(Msg::NoFormsIn(target.display().to_string())));
            return false;
        }
        Ok(f) => f,
        Err(m) => {
            dialog.said = Some(Said::Msg(m));
            return false;
        }
    };
    let reading = Reading {
        covenant: &app.covenant,
        year: app.year,
        period: app.period,
    };
    let mut read = Vec::new();
    for file in &named {
        let shown = file.display().to_string();
        match files::read_file(&reading, file) {
            Ok(units) => read.push((file, units)),
            Err(refusal) => dialog.refused.push((shown, refusal)),
        }
    }
    let mut units = 0;
    for (file, scores) in &read {
        let source = files::source_name(file);
        for unit in scores {
            let cells = unit.cells();
            match app.change(|s| s.import_self_scores(unit.unit, &cells, &source)) {
                Ok(_) => units += 1,
                Err(refused) => {
                    // Frozen results, a full disk: nothing more is taken.
                    dialog.said = Some(refused.into());
                    return false;
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
        app.say(said);
        true
    } else {
        dialog.said = Some(Said::Msg(said));
        false
    }
}
