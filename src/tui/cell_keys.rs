//! Keys on the selected cell, shared by the grid and the card: its editor (opened by Enter, a
//! digit or a letter), clearing it once confirmed, its note.

use crate::session::rules;

use super::app::{App, Mode};
use super::editor::{self, EditorKind};
use super::keymap::Action;
use super::status::Status;

impl App {
    /// Actions on the selected cell, shared by the grid and the card.
    pub(super) fn cell_action(&mut self, action: Action) {
        let Some(item) = self.selected_item() else {
            return;
        };
        let unit = self.unit;
        let changes_cell = matches!(
            action,
            Action::Edit | Action::EditWith(_) | Action::Clear | Action::Note
        );
        // Refused before an editor opens: the status line says how to change frozen results.
        if changes_cell && let Err(refused) = rules::scores_open(self.records()) {
            self.status = Some(Status::error(refused));
            return;
        }
        // An item that does not apply to the unit opens no editor; a value left there from
        // before can still be cleared, and a note written.
        let enters = matches!(action, Action::Edit | Action::EditWith(_));
        if enters && !self.covenant.applies(unit, item) {
            let refused = crate::session::Refusal::NotApplicable {
                unit: self.unit_name(unit),
                item: self.item_label(item),
            };
            self.status = Some(Status::error(refused));
            return;
        }
        match action {
            Action::Edit => self.mode = Mode::Edit(editor::editor(&self.ctx(), unit, item)),
            Action::EditWith(c) => {
                let mut editor = editor::editor(&self.ctx(), unit, item);
                let first = match &mut editor.kind {
                    // A digit picks that level at once; a letter only opens the list (with
                    // met or not met chosen for their keys), so that an input method's
                    // burst never stores a value.
                    EditorKind::Choice { met_keys, .. } => match c.to_digit(10) {
                        Some(d) => Action::Pick(d as usize),
                        None if *met_keys => super::keymap::met_key(c).unwrap_or(Action::Tick),
                        None => Action::Tick,
                    },
                    // Typing over a cell replaces its value, as in a spreadsheet.
                    EditorKind::Number(field) if c.is_ascii_digit() => {
                        field.clear();
                        Action::Input(c.to_string())
                    }
                    EditorKind::Number(_) => return,
                };
                let outcome = editor::update(editor, first, &mut self.ctx());
                self.apply(outcome, Mode::Edit);
            }
            // Clearing asks first: a stray key never loses a score.
            Action::Clear if self.cell(unit, item).value.is_some() => {
                self.mode = Mode::Prompt(super::prompt::clear(unit, item))
            }
            Action::Note => self.mode = Mode::Note(editor::note_editor(&self.ctx(), unit, item)),
            _ => {}
        }
    }
}
