//! The records of one session (bloc, year, period): an append-only journal that is also the
//! audit trail, a snapshot that only speeds up opening, and a lock so that one process at a
//! time writes them.
//!
//! Every accepted change is written to the journal and flushed to disk (`sync_data`) before
//! `apply` returns; only then does it enter the in-memory sheet.

use std::collections::{HashMap, VecDeque};
use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, Utc};
use serde::{Deserialize, Serialize};

use crate::i18n::Msg;
use crate::model::value::{self, ValueError};
use crate::model::{Covenant, Period, Sheet, Value};

/// The state of one cell: its value and the note attached to it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Cell {
    #[serde(default)]
    pub value: Option<Value>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// Why a change was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Origin {
    Entry,
    Import,
    Undo,
    Redo,
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

/// The open records of one session.
pub struct Records {
    dir: PathBuf,
    covenant: Covenant,
    period: Period,
    journal: File,
    journal_len: u64,
    journal_lines: usize,
    _lock: File,
    sheet: Sheet,
    notes: HashMap<(usize, usize), String>,
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
            sheet: covenant.empty_sheet(),
            notes: HashMap::new(),
            seq: 0,
            entries_since_snapshot: 0,
            recent: VecDeque::new(),
            last_saved: None,
            notices: Vec::new(),
            journal: journal.try_clone().map_err(io(&journal_path))?,
        };
        let start = records.load_snapshot();
        records.replay(&mut journal, start)?;
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
        for (unit, item, cell) in &snapshot.cells {
            if let (Some(u), Some(i)) = (
                self.covenant.unit_index(unit),
                self.covenant.layout.index_of(item),
            ) {
                self.put_checked(u, i, cell.clone());
            }
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
            match serde_json::from_slice::<Entry>(&buf) {
                Ok(entry) if complete => {
                    offset += n as u64;
                    match entry.batch {
                        Some(size) => {
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
                        None if !batch.is_empty() => {
                            return Err(StoreError::Corrupt {
                                line: line_no,
                                error: "a batch of entries is interrupted".into(),
                            });
                        }
                        None => self.replay_entry(&entry),
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
        self.remember(entry.clone());
        let (Some(u), Some(i)) = (
            self.covenant.unit_index(&entry.unit),
            self.covenant.layout.index_of(&entry.item),
        ) else {
            return;
        };
        self.put_checked(u, i, entry.new.clone());
        self.entries_since_snapshot += 1;
    }

    /// Puts a cell read back from disk. A value that no longer fits a revised scale stays in
    /// the journal but not in the sheet.
    fn put_checked(&mut self, unit: usize, item: usize, mut cell: Cell) {
        if let Some(v) = &cell.value
            && value::check(&self.covenant.layout.items[item], v).is_err()
        {
            cell.value = None;
        }
        self.put(unit, item, cell);
    }

    fn put(&mut self, unit: usize, item: usize, cell: Cell) {
        self.sheet.set(unit, item, cell.value);
        if cell.note.is_empty() {
            self.notes.remove(&(unit, item));
        } else {
            self.notes.insert((unit, item), cell.note);
        }
    }

    pub fn sheet(&self) -> &Sheet {
        &self.sheet
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

    pub fn cell(&self, unit: usize, item: usize) -> Cell {
        Cell {
            value: self.sheet.get(unit, item).cloned(),
            note: self.notes.get(&(unit, item)).cloned().unwrap_or_default(),
        }
    }

    /// Checks a change without storing it.
    pub fn check(&self, change: &Change) -> Result<(), StoreError> {
        let covenant = &self.covenant;
        let unit = covenant
            .bloc
            .members
            .get(change.unit)
            .ok_or_else(|| StoreError::UnknownUnit(change.unit.to_string()))?;
        let item = covenant
            .layout
            .items
            .get(change.item)
            .ok_or_else(|| StoreError::UnknownItem(change.item.to_string()))?;
        if !item.is_scored_in(self.period) {
            return Err(StoreError::NotThisPeriod {
                item: item.code.clone(),
            });
        }
        if let Some(v) = &change.new.value {
            value::check(item, v).map_err(|error| StoreError::Refused {
                unit: unit.id.clone(),
                item: item.code.clone(),
                error,
            })?;
        }
        Ok(())
    }

    /// Stores changes durably: all are checked, then written to the journal in one write and
    /// flushed, and only then applied. Several changes form a batch that a crash cannot cut in
    /// half: on reopening, a batch not wholly written is undone. Returns the entries written. On any error nothing is
    /// applied and the journal is left as it was.
    pub fn apply(&mut self, changes: &[Change]) -> Result<Vec<Entry>, StoreError> {
        for c in changes {
            self.check(c)?;
        }
        let at = now();
        let by = std::env::var("USER")
            .or_else(|_| std::env::var("USERNAME"))
            .unwrap_or_default();
        let mut entries = Vec::with_capacity(changes.len());
        let mut text = Vec::new();
        let mut seq = self.seq;
        // Cells changed twice in one batch: the second change's "old" is the first's "new".
        let mut pending: HashMap<(usize, usize), Cell> = HashMap::new();
        for c in changes {
            seq += 1;
            let old = pending
                .get(&(c.unit, c.item))
                .cloned()
                .unwrap_or_else(|| self.cell(c.unit, c.item));
            pending.insert((c.unit, c.item), c.new.clone());
            let entry = Entry {
                seq,
                at,
                unit: self.covenant.bloc.members[c.unit].id.clone(),
                item: self.covenant.layout.items[c.item].code.clone(),
                old,
                new: c.new.clone(),
                origin: c.origin,
                by: by.clone(),
                batch: (changes.len() > 1).then_some(changes.len() as u32),
            };
            serde_json::to_writer(&mut text, &entry).expect("entries serialise");
            text.push(b'\n');
            entries.push(entry);
        }
        let path = self.dir.join("journal.jsonl");
        let written = self
            .journal
            .write_all(&text)
            .and_then(|()| self.journal.sync_data());
        if let Err(error) = written {
            // Cut back anything half-written so the journal ends on a whole line.
            let _ = self.journal.set_len(self.journal_len);
            return Err(StoreError::Io { path, error });
        }
        self.journal_len += text.len() as u64;
        self.journal_lines += entries.len();
        self.seq = seq;
        for c in changes {
            self.put(c.unit, c.item, c.new.clone());
        }
        for e in &entries {
            self.remember(e.clone());
        }
        self.last_saved = Some(at);
        self.entries_since_snapshot += entries.len() as u64;
        if self.entries_since_snapshot >= SNAPSHOT_EVERY {
            // The snapshot only speeds up opening; failing to write it loses nothing.
            let _ = self.write_snapshot();
        }
        Ok(entries)
    }

    /// Writes the snapshot atomically: temp file, fsync, rename, directory fsync.
    pub fn write_snapshot(&mut self) -> Result<(), StoreError> {
        let mut cells = Vec::new();
        for (u, m) in self.covenant.bloc.members.iter().enumerate() {
            for (i, item) in self.covenant.layout.items.iter().enumerate() {
                let cell = self.cell(u, i);
                if cell != Cell::default() {
                    cells.push((m.id.clone(), item.code.clone(), cell));
                }
            }
        }
        let snapshot = Snapshot {
            journal_len: self.journal_len,
            journal_lines: self.journal_lines,
            seq: self.seq,
            cells,
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

    /// Every entry of the journal, oldest first (the audit trail).
    pub fn history(&self) -> Result<Vec<Entry>, StoreError> {
        let path = self.dir.join("journal.jsonl");
        let file = File::open(&path).map_err(io(&path))?;
        let mut out = Vec::new();
        for (n, line) in BufReader::new(file).lines().enumerate() {
            let line = line.map_err(io(&path))?;
            if line.trim().is_empty() {
                continue;
            }
            let entry = serde_json::from_str(&line).map_err(|e| StoreError::Corrupt {
                line: n + 1,
                error: e.to_string(),
            })?;
            out.push(entry);
        }
        Ok(out)
    }
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
