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
use std::io::{BufReader, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};

use crate::i18n::Msg;
use crate::model::ballot::{self, BallotError};
use crate::model::limits::{MAX_JOURNAL_LINES, MAX_NOTE_CHARS};
use crate::model::value::{self, ValueError};
use crate::model::{Ballot, Covenant, Period, Sheet};

use super::durable::{self, Access};
use super::journal::{self, user};
pub use super::journal::{Cell, Entry, Event, EventKind, Layer, Line, Origin, now, vietnam};
use super::lock::{self, Lock, NotTaken};
pub use super::paths::session_dir;
use super::paths::{JOURNAL, SNAPSHOT, TORN_PREFIX, UnsafeName};
use super::snapshot::{self, Found, Snapshot};

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
    /// The records folder holds something other than plain files (a link, a folder, a pipe).
    #[error("{path} is not a plain file")]
    NotPlainFile { path: PathBuf },
    /// The bloc's id cannot name a folder.
    #[error("{0}")]
    UnsafeName(UnsafeName),
    /// A note, reason or evidence longer than `limits::MAX_NOTE_CHARS`.
    #[error("{unit} / {item}: a text of {chars} characters")]
    TextTooLong {
        unit: String,
        item: String,
        chars: usize,
    },
    /// The records were opened to read only.
    #[error("opened to read only")]
    ReadOnly,
    /// A final version of the report is signed: nothing changes until the results are reopened.
    #[error("version {version} is signed")]
    SignedFinal { version: u32 },
    /// The journal holds `limits::MAX_JOURNAL_LINES` lines: no more can be added.
    #[error("the journal is full")]
    JournalFull,
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
            StoreError::NotPlainFile { path } => lang.msg(&Msg::NotPlainFile {
                path: path.display().to_string(),
            }),
            StoreError::UnsafeName(UnsafeName(name)) => lang.msg(&Msg::UnsafeName(name.clone())),
            StoreError::TextTooLong { unit, item, chars } => lang.msg(&Msg::TextTooLong {
                unit: unit.clone(),
                item: item.clone(),
                chars: *chars,
                limit: MAX_NOTE_CHARS,
            }),
            StoreError::ReadOnly => lang.msg(&Msg::ReadOnly),
            StoreError::SignedFinal { version } => {
                lang.msg(&Msg::SignedFinal { version: *version })
            }
            StoreError::JournalFull => lang.msg(&Msg::JournalFull {
                limit: MAX_JOURNAL_LINES,
            }),
        }
    }
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> StoreError + '_ {
    move |error| StoreError::Io {
        path: path.to_path_buf(),
        error,
    }
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
    /// Opens (creating if needed) and locks the records in `dir`, replaying the journal.
    pub fn open(dir: &Path, covenant: &Covenant, period: Period) -> Result<Records, StoreError> {
        std::fs::create_dir_all(dir).map_err(io(dir))?;
        only_plain_files(dir)?;
        let lock = lock::take(dir).map_err(|e| match e {
            NotTaken::Held(holder) => StoreError::Locked {
                path: dir.to_path_buf(),
                holder,
            },
            NotTaken::Io { path, error } => StoreError::Io { path, error },
        })?;
        // What a killed program was writing (a snapshot) is no copy of anything: gone.
        durable::remove_temporaries(dir).map_err(io(dir))?;
        let journal_path = dir.join(JOURNAL);
        let journal = OpenOptions::new()
            .create(true)
            .read(true)
            .append(true)
            .open(&journal_path)
            .map_err(io(&journal_path))?;
        Records::load(dir, covenant, period, journal, Some(lock))
    }

    /// Opens the records in `dir` to read only: without the lock, so while another program
    /// (the scoring screen) has them open, and from a folder that cannot be written. Nothing is
    /// written, repaired or set aside: a line still being written, or a batch not yet whole, is
    /// left out, as the holder will finish it. Opening says when the session is open elsewhere.
    /// A folder that does not exist holds an empty session.
    pub fn open_to_read(
        dir: &Path,
        covenant: &Covenant,
        period: Period,
    ) -> Result<Records, StoreError> {
        let journal_path = dir.join(JOURNAL);
        let journal = match File::open(&journal_path) {
            Ok(file) => {
                only_plain_files(dir)?;
                Some(file)
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(error) => return Err(io(&journal_path)(error)),
        };
        let held_by = lock::holder(dir);
        let mut records = match journal {
            Some(journal) => Records::load(dir, covenant, period, journal, None)?,
            None => Records::empty(dir, covenant, period, None, None),
        };
        if let Some(holder) = held_by {
            records.notices.insert(0, Msg::OpenElsewhere { holder });
        }
        Ok(records)
    }

    /// Records with nothing in them yet, over `journal`.
    fn empty(
        dir: &Path,
        covenant: &Covenant,
        period: Period,
        journal: Option<File>,
        lock: Option<Lock>,
    ) -> Records {
        Records {
            dir: dir.to_path_buf(),
            covenant: covenant.clone(),
            period,
            journal_len: 0,
            journal_lines: 0,
            chain: String::new(),
            lock,
            scores: Cells::new(covenant),
            self_scores: Cells::new(covenant),
            any_self_score: false,
            frozen: None,
            events: Vec::new(),
            seq: 0,
            entries_since_snapshot: 0,
            recent: VecDeque::new(),
            last_saved: None,
            set_aside: (0, None),
            notices: Vec::new(),
            journal,
        }
    }

    /// Reads the snapshot (if it proves itself) and replays the journal after it.
    fn load(
        dir: &Path,
        covenant: &Covenant,
        period: Period,
        mut journal: File,
        lock: Option<Lock>,
    ) -> Result<Records, StoreError> {
        let journal_path = dir.join(JOURNAL);
        let appender = journal.try_clone().map_err(io(&journal_path))?;
        let mut records = Records::empty(dir, covenant, period, Some(appender), lock);
        let start = match snapshot::read(dir, &mut journal) {
            Found::None => 0,
            Found::Proved(snapshot) => records.take_snapshot(*snapshot),
            Found::Ignored => {
                records.notices.push(Msg::SnapshotRebuilt);
                // Written anew from the journal when the records close.
                records.entries_since_snapshot = 1;
                0
            }
        };
        records.replay(&mut journal, start)?;
        records.any_self_score = records.self_scores.any();
        if let (count, Some((unit, item, error))) = std::mem::take(&mut records.set_aside) {
            records.notices.push(Msg::ValuesSetAside {
                count,
                unit,
                item,
                error,
            });
        }
        Ok(records)
    }

    /// Takes the state a proved snapshot holds; returns where the journal's replay starts.
    fn take_snapshot(&mut self, snapshot: Snapshot) -> u64 {
        for (layer, cells) in [
            (Layer::Bloc, &snapshot.cells),
            (Layer::SelfScore, &snapshot.self_cells),
        ] {
            for (unit, item, cell) in cells {
                self.put_named(layer, unit, item, cell.clone());
            }
        }
        for event in snapshot.events {
            self.replay_event(event);
        }
        self.seq = snapshot.seq;
        self.last_saved = snapshot.last_saved;
        self.recent = snapshot.recent.into();
        self.journal_lines = snapshot.journal_lines;
        self.chain = snapshot.chain;
        snapshot.journal_len
    }

    fn replay(&mut self, journal: &mut File, start: u64) -> Result<(), StoreError> {
        let path = self.dir.join(JOURNAL);
        journal.seek(SeekFrom::Start(start)).map_err(io(&path))?;
        let mut reader = BufReader::new(journal);
        let mut offset = start;
        let mut line_no = self.journal_lines;
        let mut buf = Vec::new();
        // Entries of a batch (an import) count only once the whole batch is read.
        let mut batch: Vec<Entry> = Vec::new();
        let mut batch_start = (offset, line_no, self.chain.clone());
        // Once a line carries a chain, every later line must.
        let mut chained = !self.chain.is_empty();
        let mut altered: Option<usize> = None;
        let torn_line = loop {
            let n = journal::read_line(&mut reader, &mut buf).map_err(io(&path))?;
            if n == 0 {
                break None;
            }
            line_no += 1;
            let complete = n <= journal::MAX_LINE_BYTES && buf.last() == Some(&b'\n');
            let text = buf.strip_suffix(b"\n").unwrap_or(&buf);
            let read = if n > journal::MAX_LINE_BYTES {
                Err(format!("longer than {} bytes", journal::MAX_LINE_BYTES))
            } else {
                journal::read(text, &self.chain).map_err(|e| e.to_string())
            };
            match read {
                Ok(read) if complete => {
                    offset += n as u64;
                    if (!read.follows() || (chained && read.stored.is_none())) && altered.is_none()
                    {
                        altered = Some(line_no);
                    }
                    chained |= read.stored.is_some();
                    self.chain = read.chain().to_string();
                    match read.line {
                        Line::Change(entry) if entry.batch.is_some() => {
                            let size = entry.batch.unwrap_or(0);
                            if batch.is_empty() {
                                batch_start = (offset - n as u64, line_no - 1, self.chain.clone());
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
                    if rest_is_blank(&mut reader).map_err(io(&path))? {
                        break Some(line_no);
                    }
                    let error = match result {
                        Err(e) => e,
                        Ok(_) => "incomplete line".into(),
                    };
                    return Err(StoreError::Corrupt {
                        line: line_no,
                        error: crate::model::text::clip(&error),
                    });
                }
            }
        };
        // What a crash left unfinished (a torn line, a batch not fully written) is set aside
        // and cut off, so the journal ends on the last whole change.
        let (keep, kept_lines) = if batch.is_empty() {
            (offset, line_no - usize::from(torn_line.is_some()))
        } else {
            self.chain = batch_start.2.clone();
            (batch_start.0, batch_start.1)
        };
        if let Some(line) = altered {
            self.notices.push(Msg::JournalAltered { line });
        }
        if let Some(line) = torn_line.filter(|_| self.lock.is_some()) {
            self.notices.push(Msg::JournalTorn { line });
        }
        if !batch.is_empty() && self.lock.is_some() {
            self.notices.push(Msg::BatchUndone {
                line: batch_start.1 + 1,
                written: batch.len(),
                size: batch[0].batch.unwrap_or(0) as usize,
            });
        }
        // Opened to read only, nothing is cut: the program holding the records may still be
        // writing those lines.
        if (torn_line.is_some() || !batch.is_empty()) && self.lock.is_some() {
            self.set_aside_tail(keep)?;
        }
        self.journal_len = keep;
        self.journal_lines = kept_lines;
        Ok(())
    }

    /// Keeps the journal's bytes from `keep` on beside it, for the record, and cuts them off the
    /// journal, so that the next entry starts on a clean line. Two repairs never share a name.
    fn set_aside_tail(&mut self, keep: u64) -> Result<(), StoreError> {
        let path = self.dir.join(JOURNAL);
        let mut tail = Vec::new();
        let mut file = File::open(&path).map_err(io(&path))?;
        file.seek(SeekFrom::Start(keep)).map_err(io(&path))?;
        // What follows a torn line is blank (checked): its first bytes are all there is to keep.
        file.take(SET_ASIDE_BYTES)
            .read_to_end(&mut tail)
            .map_err(io(&path))?;
        let stamp = now().format("%Y%m%dT%H%M%S").to_string();
        let mut attempt = 1;
        loop {
            let name = match attempt {
                1 => format!("{TORN_PREFIX}{stamp}"),
                n => format!("{TORN_PREFIX}{stamp}-{n}"),
            };
            let aside = self.dir.join(name);
            match durable::create_new(&aside, &tail, Access::Shared) {
                Ok(()) => break,
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && attempt < 1000 => {
                    attempt += 1;
                }
                Err(e) => return Err(io(&aside)(e)),
            }
        }
        let journal = self.writable()?;
        journal.set_len(keep).map_err(io(&path))?;
        journal.sync_data().map_err(io(&path))?;
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
        self.put_named(entry.layer, &entry.unit, &entry.item, entry.new.clone());
        self.entries_since_snapshot += 1;
    }

    fn replay_event(&mut self, event: Event) {
        // A tally that cannot be true (written by hand) is not counted.
        if let EventKind::Votes(b) = &event.event
            && let Err(error) = ballot::check(&self.covenant, b)
        {
            self.notices.push(Msg::VoteSetAside {
                award: crate::model::text::clip(&b.award),
                error,
            });
            return;
        }
        match &event.event {
            EventKind::Freeze => {
                self.frozen = Some(Frozen {
                    at: event.at,
                    by: event.by.clone(),
                })
            }
            EventKind::Reopen { .. } => self.frozen = None,
            EventKind::Votes(_) | EventKind::Issued { .. } => {}
        }
        self.events.push(event);
    }

    /// Puts a cell read back from disk by its unit id and item code; a cell of a unit or item
    /// the covenant no longer has is left out. A value that no longer fits its scale (a revised
    /// scale, or a value written by hand) stays in the journal but not in the sheet, and
    /// opening says so.
    fn put_named(&mut self, layer: Layer, unit: &str, item: &str, mut cell: Cell) {
        let (Some(u), Some(i)) = (
            self.covenant.unit_index(unit),
            self.covenant.layout.index_of(item),
        ) else {
            return;
        };
        if let Some(v) = &cell.value
            && let Err(error) = value::check(&self.covenant.layout.items[i], v)
        {
            cell.value = None;
            let (count, first) = &mut self.set_aside;
            *count += 1;
            first.get_or_insert((unit.to_string(), item.to_string(), error));
        }
        self.layer_mut(layer).put(u, i, cell);
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
    fn writable(&mut self) -> Result<&mut File, StoreError> {
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

    fn record_event(&mut self, kind: EventKind) -> Result<Event, StoreError> {
        let event = Event {
            seq: self.seq + 1,
            at: now(),
            by: user(),
            event: kind,
        };
        let (text, chain) = journal::encode(&event, &self.chain);
        self.append(&text, 1, chain)?;
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
            cells: self.scores.listed(&self.covenant),
            self_cells: self.self_scores.listed(&self.covenant),
            events: self.events.clone(),
            last_saved: self.last_saved,
            recent: self.recent.iter().cloned().collect(),
        };
        snapshot::write(&self.dir, &snapshot).map_err(io(&self.dir.join(SNAPSHOT)))?;
        self.entries_since_snapshot = 0;
        Ok(())
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

/// Refuses a records folder that holds anything but plain files (a link planted at the
/// journal's name, a folder, a pipe), naming it: thidua opens nothing beside it.
fn only_plain_files(dir: &Path) -> Result<(), StoreError> {
    for entry in std::fs::read_dir(dir).map_err(io(dir))? {
        let entry = entry.map_err(io(dir))?;
        let kind = entry.file_type().map_err(io(&entry.path()))?;
        if !kind.is_file() {
            return Err(StoreError::NotPlainFile { path: entry.path() });
        }
    }
    Ok(())
}

/// Whether the rest of the journal is blank (spaces, newlines, or the zeros a crash can leave),
/// read without holding it.
fn rest_is_blank(reader: &mut impl std::io::BufRead) -> std::io::Result<bool> {
    loop {
        let available = reader.fill_buf()?;
        if available.is_empty() {
            return Ok(true);
        }
        if !available.iter().all(|&b| b.is_ascii_whitespace() || b == 0) {
            return Ok(false);
        }
        let n = available.len();
        reader.consume(n);
    }
}
