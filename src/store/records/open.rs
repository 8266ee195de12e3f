//! Opening a session's records: to write (the lock taken, what a crash left repaired) or to
//! read only; the snapshot taken when it proves itself, and the journal replayed after it.

use std::collections::VecDeque;
use std::fs::{File, OpenOptions};
use std::io::{BufReader, Read, Seek, SeekFrom};
use std::path::Path;

use crate::i18n::Msg;
use crate::model::{Covenant, Period};
use crate::model::{ballot, election, minutes, value};

use super::super::cells::Cells;
use super::super::durable::{self, Access};
use super::super::error::io;
use super::super::journal::{self, Cell, Entry, Event, EventKind, Layer, Line, now};
use super::super::lock::{self, Lock, NotTaken};
use super::super::paths::{JOURNAL, TORN_PREFIX};
use super::super::snapshot::{self, Found, Snapshot};
use super::{Frozen, RECENT, Records, SET_ASIDE_BYTES, StoreError};

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
            Found::Outdated => {
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
        // Each id and code named once: its place in this covenant, if it still has one.
        let units: Vec<Option<usize>> = (snapshot.units.iter())
            .map(|id| self.covenant.unit_index(id))
            .collect();
        let items: Vec<Option<usize>> = (snapshot.items.iter())
            .map(|code| self.covenant.layout.index_of(code))
            .collect();
        for (layer, cells) in [
            (Layer::Bloc, snapshot.cells),
            (Layer::SelfScore, snapshot.self_cells),
        ] {
            for snapshot::SnapshotCell(unit, item, cell) in cells {
                let u = units.get(unit as usize).copied().flatten();
                let i = items.get(item as usize).copied().flatten();
                if let (Some(u), Some(i)) = (u, i) {
                    self.put_at(layer, u, i, cell);
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

    pub(super) fn remember(&mut self, entry: Entry) {
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

    pub(super) fn replay_event(&mut self, event: Event) {
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
        if let EventKind::Election(e) = &event.event
            && let Err(error) = election::check(&self.covenant.bloc, e)
        {
            self.notices.push(Msg::ElectionSetAside(error));
            return;
        }
        if let EventKind::Attendance(a) = &event.event
            && let Err(error) = minutes::check_attendance(&self.covenant.bloc, a)
        {
            self.notices.push(Msg::MinutesSetAside(error));
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
            EventKind::Votes(_)
            | EventKind::Issued { .. }
            | EventKind::Section { .. }
            | EventKind::Election(_)
            | EventKind::Attendance(_)
            | EventKind::Count(_) => {}
        }
        self.events.push(event);
    }

    /// Puts a cell read back from disk by its unit id and item code; a cell of a unit or item
    /// the covenant no longer has is left out. A value that no longer fits its scale (a revised
    /// scale, or a value written by hand) stays in the journal but not in the sheet, and
    /// opening says so.
    fn put_named(&mut self, layer: Layer, unit: &str, item: &str, cell: Cell) {
        if let (Some(u), Some(i)) = (
            self.covenant.unit_index(unit),
            self.covenant.layout.index_of(item),
        ) {
            self.put_at(layer, u, i, cell);
        }
    }

    /// Puts a stored cell in place; a value its item's scale no longer takes is set aside.
    fn put_at(&mut self, layer: Layer, u: usize, i: usize, mut cell: Cell) {
        if let Some(v) = &cell.value
            && let Err(error) = value::check(&self.covenant.layout.items[i], v)
        {
            cell.value = None;
            let (count, first) = &mut self.set_aside;
            *count += 1;
            let unit = self.covenant.bloc.members[u].id.clone();
            first.get_or_insert((unit, self.covenant.layout.items[i].code.clone(), error));
        }
        self.layer_mut(layer).put(u, i, cell);
    }

    pub(super) fn layer_mut(&mut self, layer: Layer) -> &mut Cells {
        match layer {
            Layer::Bloc => &mut self.scores,
            Layer::SelfScore => &mut self.self_scores,
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
