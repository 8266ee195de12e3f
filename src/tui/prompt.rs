//! The small questions the meeting answers on the screen: why a score differs from the unit's
//! self-score, whether to freeze the results (and why to reopen them), and which cells take the
//! units' self-scores.

use crate::i18n::Msg;
use crate::model::Value;
use crate::session::Changed;
use crate::store::records::{Records, differs};

use super::dialog::{Ctx, Outcome};
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

fn prompt(ask: Ask) -> Prompt {
    Prompt { ask, error: None }
}

/// Asks why a value differs from the self-score, the cell's earlier reason filled in.
pub fn reason(cx: &Ctx, unit: usize, item: usize, value: Value) -> Prompt {
    let earlier = cx.cell(unit, item).reason;
    prompt(Ask::Reason {
        unit,
        item,
        value,
        field: TextField::new(&earlier),
    })
}

/// F8: freeze the results, or reopen frozen ones.
pub fn freeze_or_reopen(cx: &Ctx) -> Prompt {
    if cx.records().frozen().is_none() {
        return prompt(Ask::Freeze);
    }
    let signed = cx.signing.and_then(|s| {
        crate::report::issue::next_version(&s.out_dir, &cx.covenant().bloc.id, cx.year, cx.period())
            .ok()
            .and_then(|(next, _)| (next > 1).then_some(next - 1))
    });
    prompt(Ask::Reopen {
        field: TextField::new(""),
        signed,
    })
}

/// `a`: take the self-scores, once there are some.
pub fn accept(cx: &Ctx) -> Result<Prompt, Status> {
    if !cx.records().has_self_scores() {
        return Err(Status::info(Msg::NoSelfScores));
    }
    Ok(prompt(Ask::Accept {
        choice: AcceptScope::Cell,
    }))
}

/// The cells a scope would fill, with the self-score each takes: on the selected cell of
/// `unit`, that unit's unscored cells, or every unscored cell.
pub fn accepted_cells(
    records: &Records,
    card_items: &[usize],
    (unit, item): (usize, Option<usize>),
    scope: AcceptScope,
) -> Vec<(usize, usize)> {
    let units = records.covenant().bloc.members.len();
    let wanted = |u: usize, i: usize| {
        records.self_cell(u, i).value.is_some() && records.cell(u, i).value.is_none()
    };
    match scope {
        AcceptScope::Cell => match item {
            Some(i)
                if records.self_cell(unit, i).value.is_some()
                    && (records.cell(unit, i).value.is_none()
                        || differs(&records.cell(unit, i), &records.self_cell(unit, i))) =>
            {
                vec![(unit, i)]
            }
            _ => Vec::new(),
        },
        AcceptScope::Unit => card_items
            .iter()
            .filter(|&&i| wanted(unit, i))
            .map(|&i| (unit, i))
            .collect(),
        AcceptScope::All => (0..units)
            .flat_map(|u| card_items.iter().map(move |&i| (u, i)))
            .filter(|&(u, i)| wanted(u, i))
            .collect(),
    }
}

pub fn update(mut prompt: Prompt, action: Action, cx: &mut Ctx) -> Outcome<Prompt> {
    if action == Action::Cancel {
        return Outcome::Close;
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
                return confirm(prompt, cx);
            }
            _ => {}
        }
    }
    if action == Action::Confirm {
        return confirm(prompt, cx);
    }
    Outcome::Stay(prompt)
}

fn confirm(mut prompt: Prompt, cx: &mut Ctx) -> Outcome<Prompt> {
    let done = match &prompt.ask {
        Ask::Reason {
            unit,
            item,
            value,
            field,
        } => {
            let entered = cx.enter(*unit, *item, value.clone(), field.text());
            return match entered {
                Ok(said) => Outcome::Entered(said),
                Err(refused) => {
                    prompt.error = Some(refused.into());
                    Outcome::Stay(prompt)
                }
            };
        }
        Ask::Freeze => cx.change(|s| s.freeze()).map(|changed| match changed {
            Changed::Frozen { at } => Status::info(Msg::FrozenOnScreen {
                at: at.format("%H:%M %d/%m/%Y").to_string(),
            }),
            _ => Status::info(Msg::ReopenedDone),
        }),
        Ask::Reopen { field, signed } => {
            let signed = *signed;
            cx.change(|s| s.reopen(field.text())).map(|_| {
                let mut said = vec![Msg::ReopenedDone];
                said.extend(signed.map(|version| Msg::ReopenAfterSigned { version }));
                Status::Info(Said::Msgs(said))
            })
        }
        Ask::Accept { choice } => {
            let cells = accepted_cells(cx.records(), cx.card_items, (cx.unit, cx.item), *choice);
            cx.change(|s| s.accept(&cells))
                .map(|changed| match changed {
                    Changed::Accepted { cells } => Status::info(Msg::Accepted { cells }),
                    _ => Status::info(Msg::Accepted { cells: 0 }),
                })
        }
    };
    match done {
        Ok(said) => Outcome::Done(said),
        Err(refused) => {
            prompt.error = Some(refused.into());
            Outcome::Stay(prompt)
        }
    }
}
