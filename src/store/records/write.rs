//! Changing a session's records: every change written to the journal and flushed before it
//! counts, then applied; the session's events; the snapshot.

use std::collections::HashMap;
use std::fs::File;
use std::io::Write;

use crate::model::Ballot;
use crate::model::ballot;
use crate::model::election::{self, Election};
use crate::model::limits::MAX_JOURNAL_LINES;
use crate::model::minutes::{self, Attendance, BallotCount};
use crate::model::sections;

use super::super::cells::Cells;
use super::super::error::io;
use super::super::journal::{self, Cell, Entry, Event, EventKind, Layer, Origin, now, user};
use super::super::paths::{JOURNAL, SNAPSHOT};
use super::super::snapshot::{self, Snapshot};
use super::{Change, Records, SNAPSHOT_EVERY, StoreError};

impl Records {
    /// Stores changes of the bloc's scores durably: all are checked, then written to the
    /// journal in one write and flushed, and only then applied. Several changes form a batch
    /// that a crash cannot cut in half: on reopening, a batch not wholly written is undone.
    /// Returns the entries written. On any error nothing is applied and the journal is left as
    /// it was.
    pub fn apply(&mut self, changes: &[Change]) -> Result<Vec<Entry>, StoreError> {
        for c in changes {
            self.check(c)?;
        }
        let cells: Vec<(usize, usize, Cell, Origin)> = changes
            .iter()
            .map(|c| (c.unit, c.item, c.new.clone(), c.origin))
            .collect();
        self.write_cells(Layer::Bloc, &cells, "")
    }

    /// Replaces unit `unit`'s self-scores with `cells` (item index → value and evidence);
    /// items of the period not in `cells` become empty. Recorded with the file it came from.
    /// Returns the entries written: none when nothing changed.
    pub fn replace_self_scores(
        &mut self,
        unit: usize,
        cells: &[(usize, Cell)],
        source: &str,
    ) -> Result<Vec<Entry>, StoreError> {
        for (item, cell) in cells {
            self.check_cell(unit, *item, cell)?;
        }
        let mut wanted: Vec<Cell> = vec![Cell::default(); self.covenant.layout.items.len()];
        for (item, cell) in cells {
            wanted[*item] = Cell {
                reason: String::new(),
                ..cell.clone()
            };
        }
        let changes: Vec<(usize, usize, Cell, Origin)> = wanted
            .into_iter()
            .enumerate()
            .filter(|(i, cell)| {
                self.covenant.layout.items[*i].is_scored_in(self.period)
                    && *cell != self.self_cell(unit, *i)
            })
            .map(|(i, cell)| (unit, i, cell, Origin::Import))
            .collect();
        let written = self.write_cells(Layer::SelfScore, &changes, source)?;
        self.any_self_score = self.self_scores.any();
        Ok(written)
    }

    fn write_cells(
        &mut self,
        layer: Layer,
        changes: &[(usize, usize, Cell, Origin)],
        source: &str,
    ) -> Result<Vec<Entry>, StoreError> {
        if changes.is_empty() {
            return Ok(Vec::new());
        }
        let at = now();
        let by = user();
        let mut entries = Vec::with_capacity(changes.len());
        let mut text = Vec::new();
        let mut seq = self.seq;
        let mut chain = self.chain.clone();
        // Cells changed twice in one batch: the second change's "old" is the first's "new".
        let mut pending: HashMap<(usize, usize), Cell> = HashMap::new();
        for (unit, item, new, origin) in changes {
            seq += 1;
            let old = pending
                .get(&(*unit, *item))
                .cloned()
                .unwrap_or_else(|| self.layer(layer).get(*unit, *item));
            pending.insert((*unit, *item), new.clone());
            let entry = Entry {
                seq,
                at,
                unit: self.covenant.bloc.members[*unit].id.clone(),
                item: self.covenant.layout.items[*item].code.clone(),
                old,
                new: new.clone(),
                origin: *origin,
                by: by.clone(),
                batch: (changes.len() > 1).then_some(changes.len() as u32),
                layer,
                source: source.to_string(),
            };
            let (line, after) = journal::encode(&entry, &chain);
            text.extend_from_slice(&line);
            chain = after;
            entries.push(entry);
        }
        self.append(&text, entries.len(), chain)?;
        self.seq = seq;
        for (unit, item, new, _) in changes {
            self.layer_mut(layer).put(*unit, *item, new.clone());
        }
        if layer == Layer::Bloc {
            for e in &entries {
                self.remember(e.clone());
            }
        }
        self.last_saved = Some(at);
        self.after_write(entries.len());
        Ok(entries)
    }

    fn layer(&self, layer: Layer) -> &Cells {
        match layer {
            Layer::Bloc => &self.scores,
            Layer::SelfScore => &self.self_scores,
        }
    }

    /// Writes whole lines to the journal and flushes them; on failure cuts back anything
    /// half-written so the journal ends on a whole line. `chain` is the last line's.
    fn append(&mut self, text: &[u8], lines: usize, chain: String) -> Result<(), StoreError> {
        if self.journal_lines + lines > MAX_JOURNAL_LINES {
            return Err(StoreError::JournalFull);
        }
        let journal_len = self.journal_len;
        let journal = self.writable()?;
        let written = journal.write_all(text).and_then(|()| journal.sync_data());
        if let Err(error) = written {
            let _ = journal.set_len(journal_len);
            return Err(StoreError::Io {
                path: self.dir.join(JOURNAL),
                error,
            });
        }
        self.journal_len += text.len() as u64;
        self.journal_lines += lines;
        self.chain = chain;
        Ok(())
    }

    /// The journal to append to, or the refusal of records opened to read only.
    pub(super) fn writable(&mut self) -> Result<&mut File, StoreError> {
        match (&self.lock, &mut self.journal) {
            (Some(_), Some(journal)) => Ok(journal),
            _ => Err(StoreError::ReadOnly),
        }
    }

    /// Puts `file` in the journal's place for the writes that follow and returns the file it
    /// replaces. Only the fault tests use it: a handle on `/dev/full` fails every write with
    /// ENOSPC, as a full disk does, which nothing else can arrange for a process running as
    /// root. The journal's path, and so every message, stays that of the real journal.
    #[doc(hidden)]
    pub fn swap_journal_file(&mut self, file: File) -> File {
        self.journal.replace(file).expect("records opened to write")
    }

    fn after_write(&mut self, lines: usize) {
        self.entries_since_snapshot += lines as u64;
        if self.entries_since_snapshot >= SNAPSHOT_EVERY {
            // The snapshot only speeds up opening; failing to write it loses nothing.
            let _ = self.write_snapshot();
        }
    }

    pub(super) fn record_event(&mut self, kind: EventKind) -> Result<Event, StoreError> {
        let event = Event {
            seq: self.seq + 1,
            at: now(),
            by: user(),
            event: kind,
        };
        let (text, chain) = journal::encode(&event, &self.chain);
        // A line longer than the journal is read back with would make it unreadable: refused
        // before it is written (a very long attendance of a large bloc could reach it).
        if text.len() > journal::MAX_LINE_BYTES {
            return Err(StoreError::LineTooLong {
                bytes: text.len(),
                limit: journal::MAX_LINE_BYTES,
            });
        }
        self.append(&text, 1, chain)?;
        self.seq = event.seq;
        self.last_saved = Some(event.at);
        self.replay_event(event.clone());
        self.after_write(1);
        Ok(event)
    }

    /// Records that the results are frozen ("Chốt kết quả"). When a change is allowed is the
    /// session's to say (`session::rules`).
    pub fn freeze(&mut self) -> Result<Event, StoreError> {
        self.record_event(EventKind::Freeze)
    }

    /// Records that the results were opened again, and why.
    pub fn reopen(&mut self, reason: &str) -> Result<Event, StoreError> {
        self.record_event(EventKind::Reopen {
            reason: reason.trim().to_string(),
        })
    }

    /// Records the members' vote on an award, once the ballot fits the bloc and the scheme.
    pub fn record_votes(&mut self, ballot: Ballot) -> Result<Event, StoreError> {
        ballot::check(&self.covenant, &ballot).map_err(StoreError::Ballot)?;
        self.record_event(EventKind::Votes(ballot))
    }

    /// Records the election of next year's head and deputy, once it names two members and its
    /// vote is possible.
    pub fn record_election(&mut self, election: Election) -> Result<Event, StoreError> {
        election::check(&self.covenant.bloc, &election).map_err(StoreError::Election)?;
        self.record_event(EventKind::Election(election))
    }

    /// Records who attended the meeting, once every unit is a member and every person named.
    pub fn record_attendance(&mut self, a: Attendance) -> Result<Event, StoreError> {
        minutes::check_attendance(&self.covenant.bloc, &a).map_err(StoreError::Minutes)?;
        self.record_event(EventKind::Attendance(a))
    }

    /// Records an award's count record, once it agrees with the scheme, the attendance and the
    /// award's tally.
    pub fn record_count(&mut self, count: BallotCount) -> Result<Event, StoreError> {
        let ballot = self.ballots().into_iter().find(|b| b.award == count.award);
        minutes::check_count(&self.covenant, &count, self.attendance(), ballot.as_ref())
            .map_err(StoreError::Minutes)?;
        self.record_event(EventKind::Count(count))
    }

    /// Records a written section of the report, once it is one of the period's sections and its
    /// text can be kept (`sections::clean`). The same text again is not written.
    pub fn write_section(&mut self, id: &str, text: &str) -> Result<Option<Event>, StoreError> {
        if self
            .covenant
            .scheme
            .sections
            .find(self.period, id)
            .is_none()
        {
            return Err(StoreError::UnknownSection(crate::model::text::clip(id)));
        }
        let text = sections::clean(text).map_err(|error| StoreError::SectionText {
            id: id.to_string(),
            error,
        })?;
        if self.section(id) == text {
            return Ok(None);
        }
        self.record_event(EventKind::Section {
            id: id.to_string(),
            text,
        })
        .map(Some)
    }

    /// Writes the snapshot (`store::durable`), naming the journal line it covers.
    pub fn write_snapshot(&mut self) -> Result<(), StoreError> {
        if self.lock.is_none() {
            return Err(StoreError::ReadOnly);
        }
        let snapshot = Snapshot {
            journal_len: self.journal_len,
            journal_lines: self.journal_lines,
            seq: self.seq,
            chain: self.chain.clone(),
            units: (self.covenant.bloc.members.iter())
                .map(|m| m.id.clone())
                .collect(),
            items: (self.covenant.layout.items.iter())
                .map(|i| i.code.clone())
                .collect(),
            cells: self.scores.listed(),
            self_cells: self.self_scores.listed(),
            events: self.events.clone(),
            last_saved: self.last_saved,
            recent: self.recent.iter().cloned().collect(),
        };
        snapshot::write(&self.dir, &snapshot).map_err(io(&self.dir.join(SNAPSHOT)))?;
        self.entries_since_snapshot = 0;
        Ok(())
    }
}
