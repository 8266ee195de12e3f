//! Undo and redo of the changes made to single cells, rebuilt from the journal's latest
//! entries when a session is resumed after a crash or a restart.

use crate::model::Covenant;
use crate::store::{Cell, Entry, Origin};

/// One change of a cell, for undo and redo.
#[derive(Debug, Clone)]
pub struct Step {
    pub unit: usize,
    pub item: usize,
    pub before: Cell,
    pub after: Cell,
}

#[derive(Debug, Default)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
}

impl History {
    /// The history the latest journal entries leave: each entry a step, each undo and redo
    /// moving one between the stacks.
    pub fn resumed<'a>(covenant: &Covenant, entries: impl Iterator<Item = &'a Entry>) -> History {
        let mut history = History::default();
        for e in entries {
            let (Some(unit), Some(item)) = (
                covenant.unit_index(&e.unit),
                covenant.layout.index_of(&e.item),
            ) else {
                continue;
            };
            let same = |s: &Step| s.unit == unit && s.item == item;
            match e.origin {
                Origin::Entry => history.done(Step {
                    unit,
                    item,
                    before: e.old.clone(),
                    after: e.new.clone(),
                }),
                Origin::Undo if history.undo.last().is_some_and(same) => {
                    let step = history.undo.pop().expect("checked");
                    history.redo.push(step);
                }
                Origin::Redo if history.redo.last().is_some_and(same) => {
                    let step = history.redo.pop().expect("checked");
                    history.undo.push(step);
                }
                // An import, or an undo the stacks do not explain: nothing earlier can be
                // redone past it.
                _ => history.redo.clear(),
            }
        }
        history
    }

    /// A new change: it can be undone, and nothing undone before it can be redone.
    pub fn done(&mut self, step: Step) {
        self.undo.push(step);
        self.redo.clear();
    }

    /// Any other change of the scores (an import, accepted self-scores): nothing undone
    /// before it can be redone past it.
    pub fn cut(&mut self) {
        self.redo.clear();
    }

    pub fn take_undo(&mut self) -> Option<Step> {
        self.undo.pop()
    }
    pub fn take_redo(&mut self) -> Option<Step> {
        self.redo.pop()
    }
    /// An undone step, which can now be redone.
    pub fn undone(&mut self, step: Step) {
        self.redo.push(step);
    }
    /// A redone step (or an undo that failed), which can be undone again.
    pub fn redone(&mut self, step: Step) {
        self.undo.push(step);
    }
}
