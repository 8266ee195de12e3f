//! The editors of one cell: its value (a list of levels or met / not met, or a typed number)
//! and its note. Each holds its state and its keys; a value it takes goes to the session.

use crate::i18n::{Msg, Ui};
use crate::model::layout::Rule;
use crate::model::scheme::{AdjustmentScale, Scale};
use crate::model::{Value, value};
use crate::session::{Changed, Refusal};

use super::app::{App, Mode};
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
pub fn editor(app: &App, unit: usize, item: usize) -> Editor {
    let it = &app.covenant.layout.items[item];
    let current = app.cell(unit, item).value;
    let met_options = |yes: Ui, no: Ui| {
        vec![
            (Value::Met(true), app.lang.ui(yes).to_string()),
            (Value::Met(false), app.lang.ui(no).to_string()),
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
                        format!("{} · {} = {}", l.code, l.label, app.lang.dec(l.points)),
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
                .map(|v| display::value_text(app.lang, it, &v))
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
pub fn update(app: &mut App, mut editor: Editor, action: Action) {
    let chosen: Option<Result<Value, value::ValueError>> = match (&mut editor.kind, action) {
        (_, Action::Cancel) => return,
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
            Action::Met(met) => Some(Ok(Value::Met(met))),
            Action::Confirm => Some(Ok(options[*selected].0.clone())),
            _ => None,
        },
        (EditorKind::Number(field), action) => {
            if action == Action::Confirm {
                let item = &app.covenant.layout.items[editor.item];
                Some(value::parse(item, field.text()))
            } else {
                field.act(&action);
                None
            }
        }
    };
    match chosen {
        None => app.mode = Mode::Edit(editor),
        Some(Err(e)) => {
            editor.error = Some(Said::Value(e));
            app.mode = Mode::Edit(editor);
        }
        Some(Ok(v)) => {
            let (unit, item) = (editor.unit, editor.item);
            if app.session().needs_reason(unit, item, &v) {
                // A score that differs from the unit's own is written with its reason.
                super::prompt::ask_reason(app, unit, item, v);
                return;
            }
            if let Err(refused) = enter(app, unit, item, v, "") {
                editor.error = Some(refused.into());
                app.mode = Mode::Edit(editor);
            }
        }
    }
}

/// Enters a value through the session, says so and moves on.
pub fn enter(
    app: &mut App,
    unit: usize,
    item: usize,
    value: Value,
    reason: &str,
) -> Result<(), Refusal> {
    let shown = display::value_long(app.lang, &app.covenant.layout.items[item], &value);
    app.change(|s| s.enter(unit, item, value, reason))?;
    app.say(Msg::Stored {
        unit: app.unit_name(unit),
        item: app.item_code(item),
        value: shown,
    });
    app.advance();
    Ok(())
}

/// A key in the note editor.
pub fn update_note(app: &mut App, mut note: NoteEditor, action: Action) {
    match action {
        Action::Cancel => return,
        Action::NewLine => note.field.insert("\n"),
        Action::Confirm => {
            let text = note.field.text().to_string();
            match app.change(|s| s.note(note.unit, note.item, &text)) {
                Ok(Changed::Cell { unit, item, .. }) => {
                    app.say(Msg::NoteSaved {
                        unit: app.unit_name(unit),
                        item: app.item_code(item),
                    });
                    return;
                }
                Ok(_) => return,
                Err(e) => note.error = Some(e.into()),
            }
        }
        other => note.field.act(&other),
    }
    app.mode = Mode::Note(note);
}

/// Opens the note editor on a cell.
pub fn open_note(app: &mut App, unit: usize, item: usize) {
    let note = app.cell(unit, item).note;
    app.mode = Mode::Note(NoteEditor {
        unit,
        item,
        field: TextField::multiline(&note),
        error: None,
    });
}

/// Clears a cell's value, when it has one.
pub fn clear(app: &mut App, unit: usize, item: usize) {
    if app.cell(unit, item).value.is_none() {
        return;
    }
    match app.change(|s| s.clear(unit, item)) {
        Ok(_) => app.say(Msg::Cleared {
            unit: app.unit_name(unit),
            item: app.item_code(item),
        }),
        Err(e) => app.status = Some(Status::error(e)),
    }
}
