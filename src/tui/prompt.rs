//! The small questions the meeting answers on the screen: why a score differs from the unit's
//! self-score, whether to freeze the results (and why to reopen them), and which cells take the
//! units' self-scores.

use crate::i18n::Msg;
use crate::model::Value;
use crate::session::Changed;
use crate::store::records::differs;

use super::app::{App, Mode};
use super::field::TextField;
use super::keymap::Action;
use super::status::{Said, Status};

#[derive(Debug, Clone, PartialEq)]
pub struct Prompt {
    pub ask: Ask,
    pub error: Option<Said>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Ask {
    /// The value entered differs from the self-score: why.
    Reason {
        unit: usize,
        item: usize,
        value: Value,
        field: TextField,
    },
    /// Freeze the results now?
    Freeze,
    /// Why reopen the frozen results; the version already signed, if any.
    Reopen {
        field: TextField,
        signed: Option<u32>,
    },
    /// Which cells take the self-score: the selected cell, the unit's unscored cells, or every
    /// unscored cell.
    Accept { choice: AcceptScope },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AcceptScope {
    Cell,
    Unit,
    All,
}

impl AcceptScope {
    pub const ALL: [AcceptScope; 3] = [AcceptScope::Cell, AcceptScope::Unit, AcceptScope::All];
}

impl Prompt {
    /// Whether the prompt takes typed text.
    pub fn has_field(&self) -> bool {
        matches!(self.ask, Ask::Reason { .. } | Ask::Reopen { .. })
    }
}

fn open(app: &mut App, ask: Ask) {
    app.mode = Mode::Prompt(Prompt { ask, error: None });
}

/// Asks why a value differs from the self-score, the cell's earlier reason filled in.
pub fn ask_reason(app: &mut App, unit: usize, item: usize, value: Value) {
    let earlier = app.cell(unit, item).reason;
    open(
        app,
        Ask::Reason {
            unit,
            item,
            value,
            field: TextField::new(&earlier),
        },
    );
}

/// F8: freeze the results, or reopen frozen ones.
pub fn freeze_or_reopen(app: &mut App) {
    if app.records().frozen().is_some() {
        let signed = app.signing.as_ref().and_then(|s| {
            crate::report::issue::next_version(
                &s.out_dir,
                &app.covenant.bloc.id,
                app.year,
                app.period,
            )
            .ok()
            .and_then(|(next, _)| (next > 1).then_some(next - 1))
        });
        open(
            app,
            Ask::Reopen {
                field: TextField::new(""),
                signed,
            },
        );
    } else {
        open(app, Ask::Freeze);
    }
}

/// `a`: take the self-scores, once there are some.
pub fn accept(app: &mut App) {
    if !app.records().has_self_scores() {
        app.say(Msg::NoSelfScores);
        return;
    }
    open(
        app,
        Ask::Accept {
            choice: AcceptScope::Cell,
        },
    );
}

/// The cells a scope would fill, with the self-score each takes.
pub fn accepted_cells(app: &App, scope: AcceptScope) -> Vec<(usize, usize)> {
    let records = app.records();
    let units = app.covenant.bloc.members.len();
    let wanted = |u: usize, i: usize| {
        records.self_cell(u, i).value.is_some() && records.cell(u, i).value.is_none()
    };
    match scope {
        AcceptScope::Cell => match app.selected_item() {
            Some(i)
                if records.self_cell(app.unit, i).value.is_some()
                    && (records.cell(app.unit, i).value.is_none()
                        || differs(
                            &records.cell(app.unit, i),
                            &records.self_cell(app.unit, i),
                        )) =>
            {
                vec![(app.unit, i)]
            }
            _ => Vec::new(),
        },
        AcceptScope::Unit => app
            .card_items()
            .iter()
            .filter(|&&i| wanted(app.unit, i))
            .map(|&i| (app.unit, i))
            .collect(),
        AcceptScope::All => (0..units)
            .flat_map(|u| app.card_items().iter().map(move |&i| (u, i)))
            .filter(|&(u, i)| wanted(u, i))
            .collect(),
    }
}

pub fn update(app: &mut App, mut prompt: Prompt, action: Action) {
    if action == Action::Cancel {
        return;
    }
    let typed = match &mut prompt.ask {
        Ask::Reason { field, .. } | Ask::Reopen { field, .. } => Some(field),
        _ => None,
    };
    if let Some(field) = typed {
        field.act(&action);
    }
    if let Ask::Accept { choice } = &mut prompt.ask {
        let at = AcceptScope::ALL
            .iter()
            .position(|s| s == choice)
            .unwrap_or(0);
        match action {
            Action::Up => *choice = AcceptScope::ALL[at.saturating_sub(1)],
            Action::Down => *choice = AcceptScope::ALL[(at + 1).min(2)],
            Action::Pick(n) if (1..=3).contains(&n) => {
                *choice = AcceptScope::ALL[n - 1];
                return confirm(app, prompt);
            }
            _ => {}
        }
    }
    if action == Action::Confirm {
        return confirm(app, prompt);
    }
    app.mode = Mode::Prompt(prompt);
}

fn confirm(app: &mut App, mut prompt: Prompt) {
    let done = match &prompt.ask {
        Ask::Reason {
            unit,
            item,
            value,
            field,
        } => super::editor::enter(app, *unit, *item, value.clone(), field.text()),
        Ask::Freeze => app.change(|s| s.freeze()).map(|changed| {
            if let Changed::Frozen { at } = changed {
                app.say(Msg::FrozenOnScreen {
                    at: at.format("%H:%M %d/%m/%Y").to_string(),
                });
            }
        }),
        Ask::Reopen { field, signed } => {
            let signed = *signed;
            app.change(|s| s.reopen(field.text())).map(|_| {
                let mut said = vec![Msg::ReopenedDone];
                said.extend(signed.map(|version| Msg::ReopenAfterSigned { version }));
                app.status = Some(Status::Info(Said::Msgs(said)));
            })
        }
        Ask::Accept { choice } => {
            let cells = accepted_cells(app, *choice);
            app.change(|s| s.accept(&cells)).map(|changed| {
                if let Changed::Accepted { cells } = changed {
                    app.say(Msg::Accepted { cells });
                }
            })
        }
    };
    if let Err(refused) = done {
        prompt.error = Some(refused.into());
        app.mode = Mode::Prompt(prompt);
    }
}
