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

use std::collections::{HashMap, VecDeque};
use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, Utc};
use serde::{Deserialize, Serialize};

use crate::i18n::Msg;
use crate::model::ballot::{self, BallotError};
use crate::model::value::{self, ValueError};
use crate::model::{Ballot, Covenant, Period, Sheet, Value};

/// The state of one cell: its value, the note attached to it (for a self-score: the evidence)
/// and, for the bloc's score, the reason it differs from the unit's self-score.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Cell {
    #[serde(default)]
    pub value: Option<Value>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reason: String,
}

/// Why a change was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Origin {
    Entry,
    Import,
    Undo,
    Redo,
    /// The unit's self-score taken as the bloc's score.
    Accept,
}

/// Whose score a cell holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Layer {
    /// The score the bloc agrees at the meeting: the one that counts.
    #[default]
    Bloc,
    /// The unit's own score, sent before the meeting.
    SelfScore,
}

impl Layer {
    fn is_bloc(&self) -> bool {
        *self == Layer::Bloc
    }
}

/// One line of the journal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub seq: u64,
    /// Vietnam time (+07:00).
    pub at: DateTime<FixedOffset>,
    pub unit: String,
    pub item: String,
    pub old: Cell,
    pub new: Cell,
    pub origin: Origin,
    /// The operating-system user who made the change.
    #[serde(default)]
    pub by: String,
    /// For a change written together with others (an import): how many entries the batch
    /// holds. A batch counts only when all of it is in the journal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub batch: Option<u32>,
    #[serde(default, skip_serializing_if = "Layer::is_bloc")]
    pub layer: Layer,
    /// The file the change was read from, for an import.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source: String,
}

/// A journal line that is not a cell's change: something that happened to the session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub seq: u64,
    pub at: DateTime<FixedOffset>,
    #[serde(default)]
    pub by: String,
    pub event: EventKind,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EventKind {
    /// The meeting agreed the results ("Chốt kết quả"): no score changes until reopened.
    Freeze,
    /// The results were opened again for changes.
    Reopen { reason: String },
    /// The members' vote on an award; a later tally for the same award replaces it.
    Votes(Ballot),
}

/// One line of the journal.
#[derive(Debug, Clone, PartialEq)]
pub enum Line {
    Change(Entry),
    Event(Event),
}

impl Line {
    pub fn seq(&self) -> u64 {
        match self {
            Line::Change(e) => e.seq,
            Line::Event(e) => e.seq,
        }
    }

    pub fn at(&self) -> DateTime<FixedOffset> {
        match self {
            Line::Change(e) => e.at,
            Line::Event(e) => e.at,
        }
    }

    /// Reads a line: a change, else an event; a line that is neither reports why it is not a
    /// change (the kind of line almost every line is).
    fn parse(bytes: &[u8]) -> Result<Line, serde_json::Error> {
        match serde_json::from_slice::<Entry>(bytes) {
            Ok(entry) => Ok(Line::Change(entry)),
            Err(error) => serde_json::from_slice::<Event>(bytes)
                .map(Line::Event)
                .map_err(|_| error),
        }
    }
}

/// When and by whom the results were frozen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Frozen {
    pub at: DateTime<FixedOffset>,
    pub by: String,
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("locked by {holder}")]
    Locked { path: PathBuf, holder: String },
    #[error("{path}: {error}")]
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
    #[error("journal line {line}: {error}")]
    Corrupt { line: usize, error: String },
    #[error("unknown unit {0}")]
    UnknownUnit(String),
    #[error("unknown item {0}")]
    UnknownItem(String),
    #[error("{item} is not scored in this period")]
    NotThisPeriod { item: String },
    #[error("{unit} / {item}: {error}")]
    Refused {
        unit: String,
        item: String,
        error: ValueError,
    },
    #[error("frozen since {at}")]
    Frozen { at: DateTime<FixedOffset> },
    #[error("already frozen")]
    AlreadyFrozen,
    #[error("not frozen")]
    NotFrozen,
    #[error("{unit} / {item}: differs from the self-score without a reason")]
    ReasonRequired { unit: String, item: String },
    #[error("reopening needs a reason")]
    ReopenWithoutReason,
    #[error("votes are taken at year-end only")]
    VotesAtYearEndOnly,
    #[error("{0}")]
    Ballot(BallotError),
}

impl StoreError {
    /// The message for the user.
    pub fn msg(&self, lang: crate::i18n::Lang) -> String {
        match self {
            StoreError::Locked { path, holder } => lang.msg(&Msg::Locked {
                path: path.display().to_string(),
                holder: holder.clone(),
            }),
            StoreError::Io { path, error } => lang.msg(&Msg::WriteFailed {
                path: path.display().to_string(),
                error: error.to_string(),
            }),
            StoreError::Corrupt { line, error } => lang.msg(&Msg::JournalCorrupt {
                line: *line,
                error: error.clone(),
            }),
            StoreError::UnknownUnit(u) => lang.msg(&Msg::CsvUnknownUnit(u.clone())),
            StoreError::UnknownItem(i) => lang.msg(&Msg::CsvUnknownItem(i.clone())),
            StoreError::NotThisPeriod { item } => lang.msg(&Msg::CsvNotThisPeriod(item.clone())),
            StoreError::Refused { unit, item, error } => lang.msg(&Msg::StoreRefused {
                unit: unit.clone(),
                item: item.clone(),
                problem: lang.value_error(error),
            }),
            StoreError::Frozen { at } => lang.msg(&Msg::SessionFrozen {
                at: at.format("%d/%m/%Y %H:%M").to_string(),
            }),
            StoreError::AlreadyFrozen => lang.msg(&Msg::AlreadyFrozen),
            StoreError::NotFrozen => lang.msg(&Msg::NotFrozen),
            StoreError::ReasonRequired { unit, item } => lang.msg(&Msg::ReasonRequired {
                unit: unit.clone(),
                item: item.clone(),
            }),
            StoreError::ReopenWithoutReason => lang.msg(&Msg::ReopenWithoutReason),
            StoreError::VotesAtYearEndOnly => lang.msg(&Msg::VotesAtYearEndOnly),
            StoreError::Ballot(error) => lang.msg(&Msg::BallotRefused(error.clone())),
        }
    }
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> StoreError + '_ {
    move |error| StoreError::Io {
        path: path.to_path_buf(),
        error,
    }
}

/// Vietnam's offset; the journal's times are written in it.
pub fn vietnam() -> FixedOffset {
    FixedOffset::east_opt(7 * 3600).expect("a valid offset")
}

pub fn now() -> DateTime<FixedOffset> {
    Utc::now().with_timezone(&vietnam())
}

/// `<data>/<bloc>/<year>/<period>`.
pub fn session_dir(data: &Path, bloc: &str, year: i32, period: Period) -> PathBuf {
    data.join(bloc).join(year.to_string()).join(period.slug())
}

#[derive(Debug, Serialize, Deserialize)]
struct Snapshot {
    /// Bytes of the journal the snapshot covers.
    journal_len: u64,
    /// Lines of the journal the snapshot covers, so that line numbers stay those of the file.
    journal_lines: usize,
    seq: u64,
    cells: Vec<(String, String, Cell)>,
    /// The units' self-scores.
    #[serde(default)]
    self_cells: Vec<(String, String, Cell)>,
    /// Every event the snapshot covers (few: freezes, reopenings, votes).
    #[serde(default)]
    events: Vec<Event>,
    /// The time of the last entry the snapshot covers.
    #[serde(default)]
    last_saved: Option<DateTime<FixedOffset>>,
    /// The last entries it covers, so that a reopened session can undo them.
    #[serde(default)]
    recent: Vec<Entry>,
}

/// A requested change of one cell.
#[derive(Debug, Clone)]
pub struct Change {
    pub unit: usize,
    pub item: usize,
    pub new: Cell,
    pub origin: Origin,
}

/// One layer of cells: the values in a dense sheet for the engine, the rest of each cell
/// beside them.
struct Cells {
    sheet: Sheet,
    notes: HashMap<(usize, usize), (String, String)>,
}

impl Cells {
    fn new(covenant: &Covenant) -> Cells {
        Cells {
            sheet: covenant.empty_sheet(),
            notes: HashMap::new(),
        }
    }

    fn get(&self, unit: usize, item: usize) -> Cell {
        let (note, reason) = self.notes.get(&(unit, item)).cloned().unwrap_or_default();
        Cell {
            value: self.sheet.get(unit, item).cloned(),
            note,
            reason,
        }
    }

    fn put(&mut self, unit: usize, item: usize, cell: Cell) {
        self.sheet.set(unit, item, cell.value);
        if cell.note.is_empty() && cell.reason.is_empty() {
            self.notes.remove(&(unit, item));
        } else {
            self.notes.insert((unit, item), (cell.note, cell.reason));
        }
    }

    fn any(&self) -> bool {
        (0..self.sheet.units()).any(|u| self.sheet.row(u).iter().any(Option::is_some))
    }

    /// Every non-empty cell by unit id and item code, for the snapshot.
    fn listed(&self, covenant: &Covenant) -> Vec<(String, String, Cell)> {
        let mut out = Vec::new();
        for (u, m) in covenant.bloc.members.iter().enumerate() {
            for (i, item) in covenant.layout.items.iter().enumerate() {
                let cell = self.get(u, i);
                if cell != Cell::default() {
                    out.push((m.id.clone(), item.code.clone(), cell));
                }
            }
        }
        out
    }
}

/// The open records of one session.
pub struct Records {
    dir: PathBuf,
    covenant: Covenant,
    period: Period,
    journal: File,
    journal_len: u64,
    journal_lines: usize,
    _lock: File,
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
    /// What opening found and repaired, for the user.
    pub notices: Vec<Msg>,
}

const SNAPSHOT_EVERY: u64 = 1000;

/// How many of the latest entries the records keep at hand (for undo after reopening).
pub const RECENT: usize = 500;

/// The operating-system user, written with every line.
fn user() -> String {
    std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .unwrap_or_default()
}

impl Records {
    /// Opens (creating if needed) and locks the records in `dir`, replaying the journal.
    pub fn open(dir: &Path, covenant: &Covenant, period: Period) -> Result<Records, StoreError> {
        std::fs::create_dir_all(dir).map_err(io(dir))?;
        let lock = lock(dir)?;
        let journal_path = dir.join("journal.jsonl");
        let mut journal = OpenOptions::new()
            .create(true)
            .read(true)
            .append(true)
            .open(&journal_path)
            .map_err(io(&journal_path))?;
        let mut records = Records {
            dir: dir.to_path_buf(),
            covenant: covenant.clone(),
            period,
            journal_len: 0,
            journal_lines: 0,
            _lock: lock,
            scores: Cells::new(covenant),
            self_scores: Cells::new(covenant),
            any_self_score: false,
            frozen: None,
            events: Vec::new(),
            seq: 0,
            entries_since_snapshot: 0,
            recent: VecDeque::new(),
            last_saved: None,
            notices: Vec::new(),
            journal: journal.try_clone().map_err(io(&journal_path))?,
        };
        let start = records.load_snapshot();
        records.replay(&mut journal, start)?;
        records.any_self_score = records.self_scores.any();
        Ok(records)
    }

    fn load_snapshot(&mut self) -> u64 {
        let path = self.dir.join("snapshot.json");
        let Ok(text) = std::fs::read(&path) else {
            return 0;
        };
        let journal_len = self.journal.metadata().map(|m| m.len()).unwrap_or(0);
        let snapshot: Snapshot = match serde_json::from_slice(&text) {
            Ok(s) => s,
            Err(_) => {
                self.notices.push(Msg::SnapshotRebuilt);
                return 0;
            }
        };
        if snapshot.journal_len > journal_len {
            self.notices.push(Msg::SnapshotRebuilt);
            return 0;
        }
        for (layer, cells) in [
            (Layer::Bloc, &snapshot.cells),
            (Layer::SelfScore, &snapshot.self_cells),
        ] {
            for (unit, item, cell) in cells {
                if let (Some(u), Some(i)) = (
                    self.covenant.unit_index(unit),
                    self.covenant.layout.index_of(item),
                ) {
                    self.put_checked(layer, u, i, cell.clone());
                }
            }
        }
        for event in snapshot.events {
            self.replay_event(event);
        }
        self.seq = snapshot.seq;
        self.last_saved = snapshot.last_saved;
        self.recent = snapshot.recent.into();
        self.journal_lines = snapshot.journal_lines;
        snapshot.journal_len
    }

    fn replay(&mut self, journal: &mut File, start: u64) -> Result<(), StoreError> {
        let path = self.dir.join("journal.jsonl");
        journal.seek(SeekFrom::Start(start)).map_err(io(&path))?;
        let mut reader = BufReader::new(journal);
        let mut offset = start;
        let mut line_no = self.journal_lines;
        let mut buf = Vec::new();
        // Entries of a batch (an import) count only once the whole batch is read.
        let mut batch: Vec<Entry> = Vec::new();
        let mut batch_start = (offset, line_no);
        let torn_line = loop {
            buf.clear();
            let n = reader.read_until(b'\n', &mut buf).map_err(io(&path))?;
            if n == 0 {
                break None;
            }
            line_no += 1;
            let complete = buf.last() == Some(&b'\n');
            match Line::parse(&buf) {
                Ok(line) if complete => {
                    offset += n as u64;
                    match line {
                        Line::Change(entry) if entry.batch.is_some() => {
                            let size = entry.batch.unwrap_or(0);
                            if batch.is_empty() {
                                batch_start = (offset - n as u64, line_no - 1);
                            }
                            batch.push(entry);
                            if batch.len() >= size as usize {
                                for e in std::mem::take(&mut batch) {
                                    self.replay_entry(&e);
                                }
                            }
                        }
                        _ if !batch.is_empty() => {
                            return Err(StoreError::Corrupt {
                                line: line_no,
                                error: "a batch of entries is interrupted".into(),
                            });
                        }
                        Line::Change(entry) => self.replay_entry(&entry),
                        Line::Event(event) => {
                            self.seq = self.seq.max(event.seq);
                            self.last_saved = Some(event.at);
                            self.entries_since_snapshot += 1;
                            self.replay_event(event);
                        }
                    }
                }
                result => {
                    // Only the last line can be torn by a crash; damage further up is not
                    // something to skip silently.
                    let mut rest = Vec::new();
                    reader.read_to_end(&mut rest).map_err(io(&path))?;
                    if rest.iter().all(u8::is_ascii_whitespace) {
                        break Some(line_no);
                    }
                    let error = match result {
                        Err(e) => e.to_string(),
                        Ok(_) => "incomplete line".into(),
                    };
                    return Err(StoreError::Corrupt {
                        line: line_no,
                        error,
                    });
                }
            }
        };
        // What a crash left unfinished (a torn line, a batch not fully written) is set aside
        // and cut off, so the journal ends on the last whole change.
        let (keep, kept_lines) = if batch.is_empty() {
            (offset, line_no - usize::from(torn_line.is_some()))
        } else {
            batch_start
        };
        if let Some(line) = torn_line {
            self.notices.push(Msg::JournalTorn { line });
        }
        if !batch.is_empty() {
            self.notices.push(Msg::BatchUndone {
                line: batch_start.1 + 1,
                written: batch.len(),
                size: batch[0].batch.unwrap_or(0) as usize,
            });
        }
        if torn_line.is_some() || !batch.is_empty() {
            self.set_aside_tail(keep)?;
        }
        self.journal_len = keep;
        self.journal_lines = kept_lines;
        Ok(())
    }

    /// Keeps the journal's bytes from `keep` on beside it, for the record, and cuts them off the
    /// journal, so that the next entry starts on a clean line.
    fn set_aside_tail(&mut self, keep: u64) -> Result<(), StoreError> {
        let path = self.dir.join("journal.jsonl");
        let mut tail = Vec::new();
        let mut file = File::open(&path).map_err(io(&path))?;
        file.seek(SeekFrom::Start(keep)).map_err(io(&path))?;
        file.read_to_end(&mut tail).map_err(io(&path))?;
        let aside = self
            .dir
            .join(format!("journal.torn-{}", now().format("%Y%m%dT%H%M%S")));
        std::fs::write(&aside, tail).map_err(io(&aside))?;
        self.journal.set_len(keep).map_err(io(&path))?;
        self.journal.sync_data().map_err(io(&path))?;
        Ok(())
    }

    fn remember(&mut self, entry: Entry) {
        if self.recent.len() == RECENT {
            self.recent.pop_front();
        }
        self.recent.push_back(entry);
    }

    /// The latest entries (at most `RECENT`), oldest first.
    pub fn recent(&self) -> impl Iterator<Item = &Entry> {
        self.recent.iter()
    }

    fn replay_entry(&mut self, entry: &Entry) {
        self.seq = self.seq.max(entry.seq);
        self.last_saved = Some(entry.at);
        if entry.layer == Layer::Bloc {
            self.remember(entry.clone());
        }
        let (Some(u), Some(i)) = (
            self.covenant.unit_index(&entry.unit),
            self.covenant.layout.index_of(&entry.item),
        ) else {
            return;
        };
        self.put_checked(entry.layer, u, i, entry.new.clone());
        self.entries_since_snapshot += 1;
    }

    fn replay_event(&mut self, event: Event) {
        match &event.event {
            EventKind::Freeze => {
                self.frozen = Some(Frozen {
                    at: event.at,
                    by: event.by.clone(),
                })
            }
            EventKind::Reopen { .. } => self.frozen = None,
            EventKind::Votes(_) => {}
        }
        self.events.push(event);
    }

    /// Puts a cell read back from disk. A value that no longer fits a revised scale stays in
    /// the journal but not in the sheet.
    fn put_checked(&mut self, layer: Layer, unit: usize, item: usize, mut cell: Cell) {
        if let Some(v) = &cell.value
            && value::check(&self.covenant.layout.items[item], v).is_err()
        {
            cell.value = None;
        }
        self.layer_mut(layer).put(unit, item, cell);
    }

    fn layer_mut(&mut self, layer: Layer) -> &mut Cells {
        match layer {
            Layer::Bloc => &mut self.scores,
            Layer::SelfScore => &mut self.self_scores,
        }
    }

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

    /// Checks a change without storing it.
    pub fn check(&self, change: &Change) -> Result<(), StoreError> {
        if let Some(frozen) = &self.frozen {
            return Err(StoreError::Frozen { at: frozen.at });
        }
        let (unit, item) = self.check_cell(change.unit, change.item, &change.new)?;
        // A reason is asked when a value is entered; a note added to a cell, an undo or an
        // accepted self-score needs none.
        let needs_reason = matches!(change.origin, Origin::Entry | Origin::Import)
            && change.new.value != self.cell(change.unit, change.item).value;
        if needs_reason
            && change.new.reason.trim().is_empty()
            && differs(&change.new, &self.self_cell(change.unit, change.item))
        {
            return Err(StoreError::ReasonRequired {
                unit: unit.to_string(),
                item: item.to_string(),
            });
        }
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
        if let Some(frozen) = &self.frozen {
            return Err(StoreError::Frozen { at: frozen.at });
        }
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
            serde_json::to_writer(&mut text, &entry).expect("entries serialise");
            text.push(b'\n');
            entries.push(entry);
        }
        self.append(&text, entries.len())?;
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
    /// half-written so the journal ends on a whole line.
    fn append(&mut self, text: &[u8], lines: usize) -> Result<(), StoreError> {
        let written = self
            .journal
            .write_all(text)
            .and_then(|()| self.journal.sync_data());
        if let Err(error) = written {
            let _ = self.journal.set_len(self.journal_len);
            return Err(StoreError::Io {
                path: self.dir.join("journal.jsonl"),
                error,
            });
        }
        self.journal_len += text.len() as u64;
        self.journal_lines += lines;
        Ok(())
    }

    /// Puts `file` in the journal's place for the writes that follow and returns the file it
    /// replaces. Only the fault tests use it: a handle on `/dev/full` fails every write with
    /// ENOSPC, as a full disk does, which nothing else can arrange for a process running as
    /// root. The journal's path, and so every message, stays that of the real journal.
    #[doc(hidden)]
    pub fn swap_journal_file(&mut self, file: File) -> File {
        std::mem::replace(&mut self.journal, file)
    }

    fn after_write(&mut self, lines: usize) {
        self.entries_since_snapshot += lines as u64;
        if self.entries_since_snapshot >= SNAPSHOT_EVERY {
            // The snapshot only speeds up opening; failing to write it loses nothing.
            let _ = self.write_snapshot();
        }
    }

    fn record_event(&mut self, kind: EventKind) -> Result<Event, StoreError> {
        let event = Event {
            seq: self.seq + 1,
            at: now(),
            by: user(),
            event: kind,
        };
        let mut text = serde_json::to_vec(&event).expect("events serialise");
        text.push(b'\n');
        self.append(&text, 1)?;
        self.seq = event.seq;
        self.last_saved = Some(event.at);
        self.replay_event(event.clone());
        self.after_write(1);
        Ok(event)
    }

    /// Freezes the results ("Chốt kết quả"): no score changes until they are reopened.
    pub fn freeze(&mut self) -> Result<Event, StoreError> {
        if self.frozen.is_some() {
            return Err(StoreError::AlreadyFrozen);
        }
        self.record_event(EventKind::Freeze)
    }

    /// Opens frozen results for changes again; the reason is recorded.
    pub fn reopen(&mut self, reason: &str) -> Result<Event, StoreError> {
        if self.frozen.is_none() {
            return Err(StoreError::NotFrozen);
        }
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(StoreError::ReopenWithoutReason);
        }
        self.record_event(EventKind::Reopen {
            reason: reason.to_string(),
        })
    }

    /// Records the members' vote on an award (year-end only). Votes may be taken on frozen
    /// results: the vote comes after the scores are agreed.
    pub fn record_votes(&mut self, ballot: Ballot) -> Result<Event, StoreError> {
        if self.period != Period::YearEnd {
            return Err(StoreError::VotesAtYearEndOnly);
        }
        ballot::check(&self.covenant, &ballot).map_err(StoreError::Ballot)?;
        self.record_event(EventKind::Votes(ballot))
    }

    /// Writes the snapshot atomically: temp file, fsync, rename, directory fsync.
    pub fn write_snapshot(&mut self) -> Result<(), StoreError> {
        let snapshot = Snapshot {
            journal_len: self.journal_len,
            journal_lines: self.journal_lines,
            seq: self.seq,
            cells: self.scores.listed(&self.covenant),
            self_cells: self.self_scores.listed(&self.covenant),
            events: self.events.clone(),
            last_saved: self.last_saved,
            recent: self.recent.iter().cloned().collect(),
        };
        let path = self.dir.join("snapshot.json");
        let tmp = self.dir.join("snapshot.json.tmp");
        // Serialised in memory first: written straight to the file it would be one system
        // call per token.
        let bytes = serde_json::to_vec(&snapshot).expect("the snapshot serialises");
        let mut file = File::create(&tmp).map_err(io(&tmp))?;
        file.write_all(&bytes).map_err(io(&tmp))?;
        file.sync_all().map_err(io(&tmp))?;
        std::fs::rename(&tmp, &path).map_err(io(&path))?;
        File::open(&self.dir)
            .and_then(|d| d.sync_all())
            .map_err(io(&self.dir))?;
        self.entries_since_snapshot = 0;
        Ok(())
    }

    /// Every line of the journal, oldest first (the audit trail).
    pub fn history(&self) -> Result<Vec<Line>, StoreError> {
        let path = self.dir.join("journal.jsonl");
        let file = File::open(&path).map_err(io(&path))?;
        let mut out = Vec::new();
        for (n, line) in BufReader::new(file).lines().enumerate() {
            let line = line.map_err(io(&path))?;
            if line.trim().is_empty() {
                continue;
            }
            let line = Line::parse(line.as_bytes()).map_err(|e| StoreError::Corrupt {
                line: n + 1,
                error: e.to_string(),
            })?;
            out.push(line);
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
        if self.entries_since_snapshot > 0 {
            let _ = self.write_snapshot();
        }
    }
}

/// Takes the session's lock, or says who holds it.
fn lock(dir: &Path) -> Result<File, StoreError> {
    let path = dir.join("lock");
    let mut file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .read(true)
        .write(true)
        .open(&path)
        .map_err(io(&path))?;
    match file.try_lock() {
        Ok(()) => {
            let host = std::fs::read_to_string("/etc/hostname")
                .map(|h| h.trim().to_string())
                .unwrap_or_default();
            let holder = format!(
                "thidua, pid {}{}{}, {}",
                std::process::id(),
                if host.is_empty() { "" } else { ", " },
                host,
                now().format("%Y-%m-%d %H:%M:%S%:z")
            );
            file.set_len(0).map_err(io(&path))?;
            file.write_all(holder.as_bytes()).map_err(io(&path))?;
            Ok(file)
        }
        Err(std::fs::TryLockError::WouldBlock) => {
            // The holder writes its name just after taking the lock: give it a moment.
            let mut holder = String::new();
            for _ in 0..10 {
                holder.clear();
                let _ = file.seek(SeekFrom::Start(0));
                let _ = file.read_to_string(&mut holder);
                if !holder.trim().is_empty() {
                    break;
                }
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            Err(StoreError::Locked {
                path: dir.to_path_buf(),
                holder: holder.trim().to_string(),
            })
        }
        Err(std::fs::TryLockError::Error(error)) => Err(StoreError::Io { path, error }),
    }
}
