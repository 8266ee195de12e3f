//! The records of one session (bloc, year, period): an append-only journal that is also the
//! audit trail, a snapshot that only speeds up opening, and a lock so that one process at a
//! time writes them.
//!
//! The journal holds two layers of cells, the bloc's scores and the units' own self-scores,
//! and the session's events: freezing the results, reopening them with a reason, and the
//! members' votes at year-end.
//!
//! Every accepted change is written to the journal and flushed to disk (`sync_data`) before
//! it returns; only then does it enter the in-memory state.

mod open;
mod write;

use std::collections::VecDeque;
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};

use crate::i18n::Msg;
use crate::model::limits::MAX_NOTE_CHARS;
use crate::model::value::{self, ValueError};
use crate::model::{Ballot, Covenant, Period, Sheet};

use super::cells::Cells;
pub use super::error::StoreError;
use super::error::io;
use super::journal;
pub use super::journal::{Cell, Entry, Event, EventKind, Layer, Line, Origin, now, vietnam};
use super::lock::Lock;
use super::paths::JOURNAL;
pub use super::paths::session_dir;

/// When and by whom the results were frozen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Frozen {
    pub at: DateTime<FixedOffset>,
    pub by: String,
}

/// A requested change of one cell.
#[derive(Debug, Clone)]
pub struct Change {
    pub unit: usize,
    pub item: usize,
    pub new: Cell,
    pub origin: Origin,
}

/// The open records of one session.
pub struct Records {
    dir: PathBuf,
    covenant: Covenant,
    period: Period,
    /// Where changes are appended; `None` for records opened to read only from a folder
    /// without a journal yet.
    journal: Option<File>,
    journal_len: u64,
    journal_lines: usize,
    /// The chain of the last line of the journal (empty for an empty journal).
    chain: String,
    /// Held while the records may be written; `None` when they were opened to read only.
    lock: Option<Lock>,
    scores: Cells,
    self_scores: Cells,
    /// Whether any self-score is held: the screen asks on every frame.
    any_self_score: bool,
    frozen: Option<Frozen>,
    events: Vec<Event>,
    seq: u64,
    entries_since_snapshot: u64,
    /// The last `RECENT` entries, oldest first.
    recent: VecDeque<Entry>,
    last_saved: Option<DateTime<FixedOffset>>,
    /// Values read back from the journal or snapshot that no longer fit their item's scale:
    /// how many, and the first one's unit, item and why.
    set_aside: (usize, Option<(String, String, ValueError)>),
    /// What opening found and repaired, for the user.
    pub notices: Vec<Msg>,
}

const SNAPSHOT_EVERY: u64 = 1000;

/// The most bytes of a torn tail set aside: the torn line and the start of what follows it
/// (blank, or zeros a crash left).
const SET_ASIDE_BYTES: u64 = 2 * journal::MAX_LINE_BYTES as u64 + 2;

/// How many of the latest entries the records keep at hand (for undo after reopening).
pub const RECENT: usize = 500;

impl Records {
    /// The bloc's scores.
    pub fn sheet(&self) -> &Sheet {
        &self.scores.sheet
    }

    /// The units' self-scores.
    pub fn self_sheet(&self) -> &Sheet {
        &self.self_scores.sheet
    }

    pub fn covenant(&self) -> &Covenant {
        &self.covenant
    }

    pub fn period(&self) -> Period {
        self.period
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn last_saved(&self) -> Option<DateTime<FixedOffset>> {
        self.last_saved
    }

    /// The bloc's score of a cell.
    pub fn cell(&self, unit: usize, item: usize) -> Cell {
        self.scores.get(unit, item)
    }

    /// The unit's self-score of a cell; its note is the evidence.
    pub fn self_cell(&self, unit: usize, item: usize) -> Cell {
        self.self_scores.get(unit, item)
    }

    /// Whether any unit has sent self-scores.
    pub fn has_self_scores(&self) -> bool {
        self.any_self_score
    }

    /// When the results were frozen, while they are.
    pub fn frozen(&self) -> Option<&Frozen> {
        self.frozen.as_ref()
    }

    /// The session's events, oldest first.
    pub fn events(&self) -> &[Event] {
        &self.events
    }

    /// The final version of the report issued since the results were last reopened, if any:
    /// it locks the session (the meeting's order, `session`).
    pub fn signed_final(&self) -> Option<u32> {
        let mut signed = None;
        for e in &self.events {
            match &e.event {
                EventKind::Issued {
                    version,
                    provisional: false,
                    ..
                } => signed = Some(*version),
                EventKind::Reopen { .. } => signed = None,
                _ => {}
            }
        }
        signed
    }

    /// Records that a version of the report was issued.
    pub fn record_issued(
        &mut self,
        version: u32,
        provisional: bool,
        record: String,
        sha256: String,
    ) -> Result<Event, StoreError> {
        self.record_event(EventKind::Issued {
            version,
            provisional,
            record,
            sha256,
        })
    }

    /// The latest tally of each award voted on, in the order they were entered.
    pub fn ballots(&self) -> Vec<Ballot> {
        let mut latest: Vec<Ballot> = Vec::new();
        for e in &self.events {
            if let EventKind::Votes(b) = &e.event {
                latest.retain(|l| l.award != b.award);
                latest.push(b.clone());
            }
        }
        latest
    }

    /// Who attended the meeting, as last recorded.
    pub fn attendance(&self) -> Option<&crate::model::minutes::Attendance> {
        self.events.iter().rev().find_map(|e| match &e.event {
            EventKind::Attendance(a) => Some(a),
            _ => None,
        })
    }

    /// The count record of each award, the latest of each, in the scheme's order of awards.
    pub fn counts(&self) -> Vec<crate::model::minutes::BallotCount> {
        self.covenant
            .scheme
            .awards
            .iter()
            .filter_map(|award| {
                self.events.iter().rev().find_map(|e| match &e.event {
                    EventKind::Count(c) if c.award == award.id => Some(c.clone()),
                    _ => None,
                })
            })
            .collect()
    }

    /// Next year's head and deputy, as last elected.
    pub fn election(&self) -> Option<&crate::model::election::Election> {
        self.events.iter().rev().find_map(|e| match &e.event {
            EventKind::Election(election) => Some(election),
            _ => None,
        })
    }

    /// The latest text of the written section `id` (empty when never written).
    pub fn section(&self, id: &str) -> &str {
        self.events
            .iter()
            .rev()
            .find_map(|e| match &e.event {
                EventKind::Section { id: written, text } if written == id => Some(text.as_str()),
                _ => None,
            })
            .unwrap_or("")
    }

    /// Checks a change without storing it: the cell exists, is scored this period, and its
    /// value fits the scale. Whether the meeting's order allows it is the session's to say.
    pub fn check(&self, change: &Change) -> Result<(), StoreError> {
        self.check_cell(change.unit, change.item, &change.new)?;
        Ok(())
    }

    /// Checks that a cell exists, is scored this period and its value fits the scale; returns
    /// the unit's id and the item's code.
    fn check_cell(
        &self,
        unit: usize,
        item: usize,
        cell: &Cell,
    ) -> Result<(&str, &str), StoreError> {
        let covenant = &self.covenant;
        let member = covenant
            .bloc
            .members
            .get(unit)
            .ok_or_else(|| StoreError::UnknownUnit(unit.to_string()))?;
        let spec = covenant
            .layout
            .items
            .get(item)
            .ok_or_else(|| StoreError::UnknownItem(item.to_string()))?;
        if !spec.is_scored_in(self.period) {
            return Err(StoreError::NotThisPeriod {
                item: spec.code.clone(),
            });
        }
        if let Some(v) = &cell.value {
            value::check(spec, v).map_err(|error| StoreError::Refused {
                unit: member.id.clone(),
                item: spec.code.clone(),
                error,
            })?;
        }
        let longest = cell.note.chars().count().max(cell.reason.chars().count());
        if longest > MAX_NOTE_CHARS {
            return Err(StoreError::TextTooLong {
                unit: member.id.clone(),
                item: spec.code.clone(),
                chars: longest,
            });
        }
        Ok((&member.id, &spec.code))
    }

    /// Cells whose bloc score differs from the self-score with no reason given, as
    /// (unit, item): entered before the self-scores arrived, or imported.
    pub fn unexplained(&self) -> Vec<(usize, usize)> {
        let sheet = &self.scores.sheet;
        let mut out = Vec::new();
        for u in 0..sheet.units() {
            for i in 0..sheet.items() {
                let cell = self.cell(u, i);
                if cell.reason.trim().is_empty() && differs(&cell, &self.self_cell(u, i)) {
                    out.push((u, i));
                }
            }
        }
        out
    }

    /// Every line of the journal, oldest first (the audit trail).
    pub fn history(&self) -> Result<Vec<Line>, StoreError> {
        let path = self.dir.join(JOURNAL);
        let file = match File::open(&path) {
            Ok(file) => file,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(error) => return Err(io(&path)(error)),
        };
        // The lines these records were read from: not what another program may be appending.
        let mut reader = BufReader::new(file.take(self.journal_len));
        let mut out = Vec::new();
        let mut buf = Vec::new();
        let mut line = 0;
        loop {
            let n = journal::read_line(&mut reader, &mut buf).map_err(io(&path))?;
            if n == 0 {
                break;
            }
            line += 1;
            let text = buf.strip_suffix(b"\n").unwrap_or(&buf);
            if text.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let parsed = if n > journal::MAX_LINE_BYTES {
                Err(format!("longer than {} bytes", journal::MAX_LINE_BYTES))
            } else {
                journal::read(text, "").map_err(|e| e.to_string())
            };
            match parsed {
                Ok(read) => out.push(read.line),
                Err(error) => {
                    return Err(StoreError::Corrupt {
                        line,
                        error: crate::model::text::clip(&error),
                    });
                }
            }
        }
        Ok(out)
    }

    /// The changes of one cell, oldest first: the bloc's scores and the unit's self-scores.
    pub fn cell_history(&self, unit: usize, item: usize) -> Result<Vec<Entry>, StoreError> {
        let unit = &self.covenant.bloc.members[unit].id;
        let item = &self.covenant.layout.items[item].code;
        Ok(self
            .history()?
            .into_iter()
            .filter_map(|l| match l {
                Line::Change(e) if &e.unit == unit && &e.item == item => Some(e),
                _ => None,
            })
            .collect())
    }
}

/// Whether a bloc score differs from a self-score, both given.
pub fn differs(score: &Cell, self_score: &Cell) -> bool {
    matches!((&score.value, &self_score.value), (Some(a), Some(b)) if a != b)
}

impl Drop for Records {
    fn drop(&mut self) {
        if self.entries_since_snapshot > 0 && self.lock.is_some() {
            let _ = self.write_snapshot();
        }
    }
}
