//! One operation for each change a person makes. Each checks the meeting's order, writes
//! through the ledger, recomputes the results and announces what changed; a refusal leaves
//! the records, the history and the results as they were.

use std::path::Path;

use crate::model::{Ballot, Value};
use crate::score;
use crate::store::{Cell, Change, Entry, Origin};

use super::history::Step;
use super::{CellChange, Changed, Refusal, Session, rules};

impl Session {
    /// Enters a value in a cell. Where it differs from the unit's self-score, `reason` says
    /// why; where it is the unit's own, an earlier reason no longer applies.
    pub fn enter(
        &mut self,
        unit: usize,
        item: usize,
        value: Value,
        reason: &str,
    ) -> Result<Changed, Refusal> {
        let reason = if self.needs_reason(unit, item, &value) {
            reason.trim().to_string()
        } else {
            String::new()
        };
        let new = Cell {
            value: Some(value),
            reason,
            ..self.cell(unit, item)
        };
        self.change_cell(unit, item, new, CellChange::Entered)
    }

    /// Clears a cell's value; its note stays.
    pub fn clear(&mut self, unit: usize, item: usize) -> Result<Changed, Refusal> {
        let new = Cell {
            value: None,
            ..self.cell(unit, item)
        };
        self.change_cell(unit, item, new, CellChange::Cleared)
    }

    /// Writes a cell's note (trimmed; empty removes it).
    pub fn note(&mut self, unit: usize, item: usize, text: &str) -> Result<Changed, Refusal> {
        let new = Cell {
            note: text.trim().to_string(),
            ..self.cell(unit, item)
        };
        self.change_cell(unit, item, new, CellChange::Noted)
    }

    /// Undoes the latest change of a cell made in this sitting (or before a restart).
    pub fn undo(&mut self) -> Result<Changed, Refusal> {
        self.replay(false)
    }

    pub fn redo(&mut self) -> Result<Changed, Refusal> {
        self.replay(true)
    }

    /// Writes a step back (undo) or again (redo); on refusal the step stays where it was.
    fn replay(&mut self, redo: bool) -> Result<Changed, Refusal> {
        let (step, origin, how) = if redo {
            let step = self.history.take_redo().ok_or(Refusal::NothingToRedo)?;
            (step, Origin::Redo, CellChange::Redone)
        } else {
            let step = self.history.take_undo().ok_or(Refusal::NothingToUndo)?;
            (step, Origin::Undo, CellChange::Undone)
        };
        let cell = if redo { &step.after } else { &step.before };
        let written = self.write_cell(step.unit, step.item, cell.clone(), origin);
        let changed = cell_changed(&step, how);
        // Done, the step goes to the other stack; refused, back to its own.
        if written.is_ok() == redo {
            self.history.redone(step);
        } else {
            self.history.undone(step);
        }
        written.map(|()| self.announce(changed))
    }

    /// Takes the units' self-scores into the given cells, as one batch.
    pub fn accept(&mut self, cells: &[(usize, usize)]) -> Result<Changed, Refusal> {
        let changes: Vec<Change> = cells
            .iter()
            .map(|&(unit, item)| Change {
                unit,
                item,
                new: Cell {
                    value: self.records().self_cell(unit, item).value,
                    reason: String::new(),
                    ..self.cell(unit, item)
                },
                origin: Origin::Accept,
            })
            .filter(|c| c.new != self.cell(c.unit, c.item))
            // A self-score for an item that does not apply to the unit is not taken.
            .filter(|c| self.covenant().applies(c.unit, c.item))
            .collect();
        if changes.is_empty() {
            return Err(Refusal::NothingToAccept);
        }
        self.write(&changes)?;
        self.history.cut();
        Ok(self.announce(Changed::Accepted {
            cells: changes.len(),
        }))
    }

    /// Imports scores read from a file, as one batch; cells that would not change are left.
    pub fn import(&mut self, changes: Vec<Change>) -> Result<Changed, Refusal> {
        let changes: Vec<Change> = changes
            .into_iter()
            .filter(|c| self.cell(c.unit, c.item) != c.new)
            .map(|c| Change {
                origin: Origin::Import,
                ..c
            })
            .collect();
        let entries = self.write(&changes)?.len();
        self.history.cut();
        Ok(self.announce(Changed::Imported { entries }))
    }

    /// Replaces a unit's self-scores by those of the file `source`.
    pub fn import_self_scores(
        &mut self,
        unit: usize,
        cells: &[(usize, Cell)],
        source: &str,
    ) -> Result<Changed, Refusal> {
        rules::scores_open(self.records())?;
        let entries = self
            .ledger
            .records_mut()
            .replace_self_scores(unit, cells, source)?
            .len();
        // The bloc's results do not depend on the units' own scores; their own results do.
        self.self_results = match super::self_results(self.records()) {
            Ok(r) => r,
            Err(o) => {
                self.overflow = Some(o);
                self.self_results.take()
            }
        };
        Ok(self.announce(Changed::SelfScoresImported { unit, entries }))
    }

    /// Freezes the results ("Chốt kết quả"): no score changes until they are reopened.
    pub fn freeze(&mut self) -> Result<Changed, Refusal> {
        rules::may_freeze(self.records())?;
        let event = self.ledger.records_mut().freeze()?;
        // Freezing changes what may change next, not the results.
        Ok(self.announce(Changed::Frozen { at: event.at }))
    }

    /// Opens frozen (or signed) results again; the reason is recorded.
    pub fn reopen(&mut self, reason: &str) -> Result<Changed, Refusal> {
        rules::may_reopen(self.records(), reason)?;
        self.ledger.records_mut().reopen(reason.trim())?;
        Ok(self.announce(Changed::Reopened))
    }

    /// Records the members' vote on an award.
    pub fn vote(&mut self, ballot: Ballot) -> Result<Changed, Refusal> {
        rules::may_vote(self.records())?;
        let award = ballot.award.clone();
        self.ledger.records_mut().record_votes(ballot)?;
        self.recompute(None);
        Ok(self.announce(Changed::Voted { award }))
    }

    /// Records the minutes' attendance and count records, each checked before any is written.
    /// Count records are of the year-end's votes.
    pub fn record_minutes(
        &mut self,
        minutes: crate::model::minutes::Minutes,
    ) -> Result<Changed, Refusal> {
        rules::may_record_minutes(self.records(), !minutes.counts.is_empty())?;
        let covenant = self.covenant();
        let attendance = minutes.attendance.as_ref().or(self.records().attendance());
        if let Some(a) = &minutes.attendance {
            crate::model::minutes::check_attendance(&covenant.bloc, a)
                .map_err(crate::store::StoreError::Minutes)?;
        }
        let ballots = self.records().ballots();
        for count in &minutes.counts {
            let ballot = ballots.iter().find(|b| b.award == count.award);
            crate::model::minutes::check_count(covenant, count, attendance, ballot)
                .map_err(crate::store::StoreError::Minutes)?;
        }
        if let Some(a) = minutes.attendance {
            self.ledger.records_mut().record_attendance(a)?;
        }
        for count in minutes.counts {
            self.ledger.records_mut().record_count(count)?;
        }
        Ok(self.announce(Changed::Minutes))
    }

    /// Records next year's head and deputy, elected at the year-end meeting.
    pub fn elect(
        &mut self,
        election: crate::model::election::Election,
    ) -> Result<Changed, Refusal> {
        rules::may_elect(self.records())?;
        self.ledger.records_mut().record_election(election)?;
        Ok(self.announce(Changed::Elected))
    }

    /// Writes a section of the report whole. Writing the same text again changes nothing and
    /// is no refusal.
    pub fn write_section(&mut self, id: &str, text: &str) -> Result<Changed, Refusal> {
        rules::words_open(self.records())?;
        self.ledger.records_mut().write_section(id, text)?;
        Ok(self.announce(Changed::SectionWritten { id: id.to_string() }))
    }

    /// Records that `version` of the report was issued with its signed record at `record`; a
    /// final version locks the session until the results are reopened.
    pub fn record_issued(
        &mut self,
        version: u32,
        provisional: bool,
        record: &Path,
    ) -> Result<Changed, Refusal> {
        let name = record
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let sha256 = std::fs::read(record)
            .map(|b| crate::store::sha256_hex(&b))
            .unwrap_or_default();
        self.ledger
            .records_mut()
            .record_issued(version, provisional, name, sha256)?;
        Ok(self.announce(Changed::Issued {
            version,
            provisional,
        }))
    }

    fn change_cell(
        &mut self,
        unit: usize,
        item: usize,
        new: Cell,
        how: CellChange,
    ) -> Result<Changed, Refusal> {
        let before = self.cell(unit, item);
        self.write_cell(unit, item, new.clone(), Origin::Entry)?;
        let step = Step {
            unit,
            item,
            before,
            after: new,
        };
        if step.before != step.after {
            self.history.done(step);
        }
        Ok(self.announce(Changed::Cell { unit, item, how }))
    }

    /// Writes one cell, unless it would not change.
    fn write_cell(
        &mut self,
        unit: usize,
        item: usize,
        new: Cell,
        origin: Origin,
    ) -> Result<(), Refusal> {
        if self.cell(unit, item) == new {
            return Ok(());
        }
        self.write(&[Change {
            unit,
            item,
            new,
            origin,
        }])
        .map(|_| ())
    }

    /// The one path by which scores reach the ledger: the meeting's order checked for every
    /// change, then all written as one batch.
    fn write(&mut self, changes: &[Change]) -> Result<Vec<Entry>, Refusal> {
        if changes.is_empty() {
            return Ok(Vec::new());
        }
        rules::scores_open(self.records())?;
        for change in changes {
            rules::applies(self.records(), change)?;
            rules::reason_given(self.records(), change)?;
        }
        let before: Vec<_> = changes
            .iter()
            .map(|c| self.cell(c.unit, c.item).value)
            .collect();
        let entries = self.ledger.apply(changes)?;
        let mut moved = changes
            .iter()
            .zip(before)
            .filter(|(c, before)| c.new.value != *before)
            .map(|(c, _)| (c.unit, c.item));
        // A note or a reason leaves the results as they were; one value changed needs only its
        // unit computed again.
        match (moved.next(), moved.next()) {
            (None, _) => {}
            (Some(cell), None) => self.recompute(Some(cell)),
            (Some(_), Some(_)) => self.recompute(None),
        }
        Ok(entries)
    }

    /// After a write that can move the results: computed again, from the last results when
    /// only one cell's value changed. Should the engine overflow, the results stay those
    /// before the change and `overflow` says why.
    fn recompute(&mut self, changed: Option<(usize, usize)>) {
        let records = self.ledger.records();
        let (covenant, period, sheet) = (records.covenant(), records.period(), records.sheet());
        let computed = match changed {
            Some(cell) if self.overflow.is_none() => score::recompute_cell(
                covenant,
                sheet,
                &records.ballots(),
                &self.results,
                &mut self.targets,
                cell,
            ),
            _ => score::target_context(covenant, period, sheet).and_then(|targets| {
                self.targets = targets;
                score::compute_with(covenant, period, sheet, &records.ballots(), &self.targets)
            }),
        };
        match computed {
            Ok(results) => {
                self.results = results;
                self.overflow = None;
            }
            Err(o) => self.overflow = Some(o),
        }
    }

    fn announce(&mut self, changed: Changed) -> Changed {
        self.feed.announce(&changed, &self.results);
        changed
    }
}

fn cell_changed(step: &Step, how: CellChange) -> Changed {
    Changed::Cell {
        unit: step.unit,
        item: step.item,
        how,
    }
}
