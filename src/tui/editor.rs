//! The editors of one cell: its value (a list of levels or met / not met, or a typed number)
//! and its note. Each holds its state and its keys; a value it takes goes to the session.

use crate::i18n::{Msg, Ui};
use crate::model::layout::Rule;
use crate::model::scheme::{AdjustmentScale, Scale};
use crate::model::{Value, value};
use crate::session::Changed;

use super::dialog::{Ctx, Outcome};
use super::display;
use super::field::TextField;
use super::keymap::Action;
use super::status::{Said, Status};

#[derive(Debug, Clone, PartialEq)]
pub enum EditorKind {
    /// Levels, or met / not met: each option's value and how the list shows it.
    Choice {
        options: Vec<(Value, String)>,
        selected: usize,
        met_keys: bool,
    },
    Number(TextField),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Editor {
    pub unit: usize,
    pub item: usize,
    pub kind: EditorKind,
    /// Why the last value was refused (or could not be stored), shown beside it.
    pub error: Option<Said>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NoteEditor {
    pub unit: usize,
    pub item: usize,
    pub field: TextField,
    pub error: Option<Said>,
}

/// The editor that fits the item's scale, holding the cell's current value.
pub fn editor(cx: &Ctx, unit: usize, item: usize) -> Editor {
    let it = &cx.covenant().layout.items[item];
    let current = cx.cell(unit, item).value;
    let met_options = |yes: Ui, no: Ui| {
        vec![
            (Value::Met(true), cx.lang.ui(yes).to_string()),
            (Value::Met(false), cx.lang.ui(no).to_string()),
        ]
    };
    let choice = match &it.rule {
        Rule::Criterion {
            scale: Scale::Levels(levels),
            ..
        } => Some((
            levels
                .iter()
                .map(|l| {
                    (
                        Value::Level(l.code.clone()),
                        format!("{} · {} = {}", l.code, l.label, cx.lang.dec(l.points)),
                    )
                })
                .collect(),
            false,
        )),
        Rule::Criterion {
            scale: Scale::MetOrNot,
            ..
        }
        | Rule::Veto => Some((met_options(Ui::MetShort, Ui::NotMetShort), true)),
        Rule::Adjustment {
            scale: AdjustmentScale::Once(_),
            ..
        } => Some((met_options(Ui::Yes, Ui::No), true)),
        _ => None,
    };
    let kind = match choice {
        Some((options, met_keys)) => {
            let selected = current
                .as_ref()
                .and_then(|v| options.iter().position(|(o, _)| o == v))
                .unwrap_or(0);
            EditorKind::Choice {
                options,
                selected,
                met_keys,
            }
        }
        None => EditorKind::Number(TextField::new(
            &current
                .map(|v| display::value_text(cx.lang, it, &v))
                .unwrap_or_default(),
        )),
    };
    Editor {
        unit,
        item,
        kind,
        error: None,
    }
}

/// A key in the value editor.
pub fn update(mut editor: Editor, action: Action, cx: &mut Ctx) -> Outcome<Editor> {
    let chosen: Option<Result<Value, value::ValueError>> = match (&mut editor.kind, action) {
        (_, Action::Cancel) => return Outcome::Close,
        (
            EditorKind::Choice {
                options, selected, ..
            },
            action,
        ) => match action {
            Action::Up => {
                *selected = selected.saturating_sub(1);
                None
            }
            Action::Down => {
                *selected = (*selected + 1).min(options.len() - 1);
                None
            }
            Action::Pick(n) if n >= 1 && n <= options.len() => {
                *selected = n - 1;
                Some(Ok(options[n - 1].0.clone()))
            }
            // A letter chooses; Enter stores. An input method sends "đ" as d, Backspace, đ:
            // the burst must not store a value on its first letter.
            Action::Met(met) => {
                let wanted = Value::Met(met);
                if let Some(at) = options.iter().position(|(o, _)| *o == wanted) {
                    *selected = at;
                }
                None
            }
            Action::Confirm => Some(Ok(options[*selected].0.clone())),
            _ => None,
        },
        (EditorKind::Number(field), action) => {
            if action == Action::Confirm {
                let item = &cx.covenant().layout.items[editor.item];
                Some(value::parse(item, field.text()))
            } else {
                field.act(&action);
                None
            }
        }
    };
    match chosen {
        None => Outcome::Stay(editor),
        Some(Err(e)) => {
            editor.error = Some(Said::Value(e));
            Outcome::Stay(editor)
        }
        Some(Ok(value)) => {
            let (unit, item) = (editor.unit, editor.item);
            if cx.session.needs_reason(unit, item, &value) {
                // A score that differs from the unit's own is written with its reason.
                return Outcome::AskReason { unit, item, value };
            }
            match cx.enter(unit, item, value, "") {
                Ok(said) => Outcome::Entered(said),
                Err(refused) => {
                    editor.error = Some(refused.into());
                    Outcome::Stay(editor)
                }
            }
        }
    }
}

/// A key in the note editor.
pub fn update_note(mut note: NoteEditor, action: Action, cx: &mut Ctx) -> Outcome<NoteEditor> {
    match action {
        Action::Cancel => return Outcome::Close,
        Action::NewLine => note.field.insert("\n"),
        Action::Confirm => {
            let text = note.field.text().to_string();
            match cx.change(|s| s.note(note.unit, note.item, &text)) {
                Ok(Changed::Cell { unit, item, .. }) => {
                    return Outcome::Done(Status::info(Msg::NoteSaved {
                        unit: cx.unit_name(unit),
                        item: cx.item_label(item),
                    }));
                }
                Ok(_) => return Outcome::Close,
                Err(e) => note.error = Some(e.into()),
            }
        }
        other => note.field.act(&other),
    }
    Outcome::Stay(note)
}

/// The note editor on a cell.
pub fn note_editor(cx: &Ctx, unit: usize, item: usize) -> NoteEditor {
    NoteEditor {
        unit,
        item,
        field: TextField::multiline(&cx.cell(unit, item).note),
        error: None,
    }
}
