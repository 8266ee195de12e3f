//! The snapshot: the cells and events of a session at one line of its journal, so that
//! opening a large session need not replay every line. The journal stays the only source of
//! truth: a snapshot is used only when it proves that it was taken from this journal at the
//! line it names, and that its own contents are as written; otherwise it is ignored, the
//! journal is replayed from its start and a new snapshot is written.
//!
//! The proof does not grow with the journal: the file starts with the SHA-256 of its body,
//! and the body names the covered line by its end (a byte offset), its sequence number and the
//! chain it carries (`journal`), which opening checks by reading that line and the one before.

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};
use std::path::Path;

use super::durable;
use super::journal::{self, Entry, Event, MAX_LINE_BYTES};
use super::paths::SNAPSHOT;
pub use super::snapshot_cell::SnapshotCell;
use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

/// The largest snapshot read: 256 MiB, far above the cells of the largest supported session.
const MAX_SNAPSHOT_BYTES: u64 = 256 << 20;

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Snapshot {
    /// Bytes of the journal the snapshot covers: the end of the covered line.
    pub journal_len: u64,
    /// Lines of the journal the snapshot covers, so that line numbers stay those of the file.
    pub journal_lines: usize,
    /// The sequence number of the covered line.
    pub seq: u64,
    /// The chain the covered line carries (empty for an empty journal).
    pub chain: String,
    /// The members' ids and the items' codes the cells below are numbered by, in the order of
    /// the covenant the snapshot was taken with: each is named once, not once per cell.
    pub units: Vec<String>,
    pub items: Vec<String>,
    /// The bloc's scores: (unit, item, cell), by their places in `units` and `items`.
    pub cells: Vec<SnapshotCell>,
    /// The units' self-scores.
    pub self_cells: Vec<SnapshotCell>,
    /// Every event the snapshot covers (few: freezes, reopenings, votes).
    pub events: Vec<Event>,
    /// The time of the last line the snapshot covers.
    pub last_saved: Option<DateTime<FixedOffset>>,
    /// The last entries it covers, so that a reopened session can undo them.
    pub recent: Vec<Entry>,
}

/// Writes the snapshot of the records in `dir`: its digest, a newline, its body.
pub fn write(dir: &Path, snapshot: &Snapshot) -> io::Result<()> {
    // Serialised in memory first: written straight to the file it would be one system call
    // per token.
    let body = serde_json::to_vec(snapshot).expect("the snapshot serialises");
    let mut bytes = Vec::with_capacity(body.len() + 65);
    bytes.extend_from_slice(super::sha256_hex(&body).as_bytes());
    bytes.push(b'\n');
    bytes.extend_from_slice(&body);
    durable::replace(&dir.join(SNAPSHOT), &bytes)
}

/// What reading the snapshot found.
pub enum Found {
    /// No snapshot: the journal is replayed from its start.
    None,
    /// A snapshot proved against the journal.
    Proved(Box<Snapshot>),
    /// A snapshot that does not prove itself: ignored, and the user is told.
    Ignored,
    /// A snapshot whole as written but of an earlier shape: ignored without a word, and
    /// written again in the present shape.
    Outdated,
}

/// Reads the snapshot in `dir` and proves it against `journal` (the open journal file).
pub fn read(dir: &Path, journal: &mut File) -> Found {
    let mut bytes = Vec::new();
    match File::open(dir.join(SNAPSHOT)) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Found::None,
        Err(_) => return Found::Ignored,
        Ok(file) => {
            // Sized once from the file's length: a large session's snapshot is megabytes, and
            // growing the buffer by doubling copies it and faults fresh pages in each time.
            let len = file
                .metadata()
                .map_or(0, |m| m.len())
                .min(MAX_SNAPSHOT_BYTES);
            bytes.reserve_exact(len as usize + 1);
            if file
                .take(MAX_SNAPSHOT_BYTES + 1)
                .read_to_end(&mut bytes)
                .is_err()
                || bytes.len() as u64 > MAX_SNAPSHOT_BYTES
            {
                return Found::Ignored;
            }
        }
    }
    match parse(&bytes) {
        Parsed::Whole(snapshot) if proves(&snapshot, journal).unwrap_or(false) => {
            Found::Proved(snapshot)
        }
        Parsed::Earlier => Found::Outdated,
        _ => Found::Ignored,
    }
}

enum Parsed {
    Whole(Box<Snapshot>),
    /// Its digest holds, but its body is not of this shape: written by an earlier thidua.
    Earlier,
    Broken,
}

/// The snapshot, if its body is the one its digest names.
fn parse(bytes: &[u8]) -> Parsed {
    let Some(newline) = bytes.iter().position(|&b| b == b'\n') else {
        return Parsed::Broken;
    };
    let (digest, body) = (&bytes[..newline], &bytes[newline + 1..]);
    if digest != super::sha256_hex(body).as_bytes() {
        return Parsed::Broken;
    }
    match serde_json::from_slice(body) {
        Ok(snapshot) => Parsed::Whole(Box::new(snapshot)),
        Err(_) => Parsed::Earlier,
    }
}

/// Whether the journal's line ending at `journal_len` is the one the snapshot names: it ends
/// there with a newline, carries the snapshot's chain and sequence number, and follows from
/// the line before it.
fn proves(snapshot: &Snapshot, journal: &mut File) -> io::Result<bool> {
    let end = snapshot.journal_len;
    if end == 0 {
        return Ok(snapshot.chain.is_empty() && snapshot.journal_lines == 0);
    }
    if journal.metadata()?.len() < end {
        return Ok(false);
    }
    // The covered line and the one before it, read backwards from the end.
    let mut window = 4096u64;
    loop {
        let start = end.saturating_sub(window);
        let mut tail = vec![0; (end - start) as usize];
        journal.seek(SeekFrom::Start(start))?;
        journal.read_exact(&mut tail)?;
        if tail.last() != Some(&b'\n') {
            return Ok(false);
        }
        let body = &tail[..tail.len() - 1];
        let covered_start = body.iter().rposition(|&b| b == b'\n').map(|i| i + 1);
        let previous_start =
            covered_start.and_then(|c| body[..c - 1].iter().rposition(|&b| b == b'\n'));
        let whole = match (covered_start, previous_start) {
            // Both lines inside the window, or they start the file.
            (Some(_), Some(_)) => true,
            (Some(_), None) | (None, _) => start == 0,
        };
        if !whole {
            if window > 2 * (MAX_LINE_BYTES as u64 + 1) {
                return Ok(false);
            }
            window *= 2;
            continue;
        }
        let covered_from = covered_start.unwrap_or(0);
        let covered = &body[covered_from..];
        let previous_chain = match covered_from {
            0 => String::new(),
            _ => {
                let previous_from = previous_start.map_or(0, |p| p + 1);
                let previous = &body[previous_from..covered_from - 1];
                match journal::read(previous, "").ok().and_then(|l| l.stored) {
                    Some(chain) => chain,
                    // A line written before chains: its running hash needs the whole journal.
                    None => return Ok(false),
                }
            }
        };
        let Ok(line) = journal::read(covered, &previous_chain) else {
            return Ok(false);
        };
        return Ok(line.follows()
            && line.stored.as_deref() == Some(snapshot.chain.as_str())
            && line.line.seq() == snapshot.seq);
    }
}
