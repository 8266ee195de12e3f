//! The journal's lines: each change of a cell and each event of a session, one JSON object a
//! line, and the running hash that chains every line to the lines before it.
//!
//! Each line written carries, as its last field, `"chain"`: the SHA-256 (hex) of the previous
//! line's chain followed by this line's own text without the field. A line edited by hand no
//! longer follows from the lines before it; a snapshot names the chain of the last line it
//! covers, which proves it was taken from this journal at that line without reading the lines
//! before. Lines written before the chain existed have no field: their running hash is that of
//! the whole line, and the next chained line follows from it.

use std::io::{self, BufRead, Read};

use chrono::{DateTime, FixedOffset, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::model::Value;
use crate::model::ballot::Ballot;

/// The longest journal line thidua reads: 1 MiB. A line holds one cell's change with its
/// texts (at most `limits::MAX_NOTE_CHARS` each) or an event, far below it.
pub const MAX_LINE_BYTES: usize = 1 << 20;

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
    /// Next year's head and deputy, elected at the year-end meeting; a later election replaces
    /// it.
    Election(crate::model::election::Election),
    /// Who attended the meeting, for its minutes; a later one replaces it.
    Attendance(crate::model::minutes::Attendance),
    /// The count record of one award's secret ballot; a later one for the award replaces it.
    Count(crate::model::minutes::BallotCount),
    /// A written section of the report (`model::sections`), whole: the latest version of a
    /// section is the one that counts.
    Section { id: String, text: String },
    /// A version of the session's report was issued: its record, by name and SHA-256. A final
    /// version locks the session until it is reopened.
    Issued {
        version: u32,
        provisional: bool,
        record: String,
        sha256: String,
    },
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

/// Vietnam's offset; the journal's times are written in it.
pub fn vietnam() -> FixedOffset {
    FixedOffset::east_opt(7 * 3600).expect("a valid offset")
}

pub fn now() -> DateTime<FixedOffset> {
    Utc::now().with_timezone(&vietnam())
}

/// The operating-system user, written with every line (empty if the system does not say).
pub fn user() -> String {
    whoami::username().unwrap_or_default()
}

/// How the chain field ends a line: `,"chain":"` 64 hex digits `"}`.
const CHAIN_OPEN: &[u8] = b",\"chain\":\"";
const CHAIN_LEN: usize = 64;
const CHAIN_FIELD: usize = CHAIN_OPEN.len() + CHAIN_LEN + 2;

/// The running hash after a line whose text without its chain field is `head` + `}`, following
/// the running hash `previous`.
fn chain_after(previous: &str, head: &[u8], close: &[u8]) -> String {
    let mut hasher = Sha256::new();
    hasher.update(previous.as_bytes());
    hasher.update(head);
    hasher.update(close);
    super::hex(&hasher.finalize())
}

/// A line of the journal as read: its text without the newline, parsed, and how it stands in
/// the chain.
pub struct ReadLine {
    pub line: Line,
    /// The chain the line carries; `None` for a line written before chains.
    pub stored: Option<String>,
    /// The running hash the line should carry after `previous`.
    pub expected: String,
}

impl ReadLine {
    /// Whether the line follows from the lines before it (always, for a line without a chain).
    pub fn follows(&self) -> bool {
        self.stored.as_ref().is_none_or(|s| *s == self.expected)
    }

    /// The running hash after this line: the one it carries, so that a line altered by hand is
    /// found once and the lines after it are checked against what they were written after.
    pub fn chain(&self) -> &str {
        self.stored.as_deref().unwrap_or(&self.expected)
    }
}

/// Splits a line's text (without its newline) into the part before its chain field and the
/// chain it carries.
fn split_chain(text: &[u8]) -> Option<(&[u8], &str)> {
    let at = text.len().checked_sub(CHAIN_FIELD)?;
    let field = &text[at..];
    if !field.starts_with(CHAIN_OPEN) || !field.ends_with(b"\"}") {
        return None;
    }
    let hex = std::str::from_utf8(&field[CHAIN_OPEN.len()..CHAIN_OPEN.len() + CHAIN_LEN]).ok()?;
    hex.bytes()
        .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        .then_some((&text[..at], hex))
}

/// Parses a line's text (without its newline) read after the running hash `previous`.
pub fn read(text: &[u8], previous: &str) -> Result<ReadLine, serde_json::Error> {
    let line = Line::parse(text)?;
    let (stored, expected) = match split_chain(text) {
        Some((head, stored)) => (Some(stored.to_string()), chain_after(previous, head, b"}")),
        None => (None, chain_after(previous, text, b"")),
    };
    Ok(ReadLine {
        line,
        stored,
        expected,
    })
}

/// The text of a journal line for `value` (an entry or an event) written after the running
/// hash `previous`, with its newline, and the chain it carries.
pub fn encode(value: &impl Serialize, previous: &str) -> (Vec<u8>, String) {
    let mut text = serde_json::to_vec(value).expect("journal lines serialise");
    debug_assert_eq!(text.last(), Some(&b'}'));
    text.pop();
    let chain = chain_after(previous, &text, b"}");
    text.extend_from_slice(CHAIN_OPEN);
    text.extend_from_slice(chain.as_bytes());
    text.extend_from_slice(b"\"}\n");
    (text, chain)
}

/// Reads the next line into `buf` (newline included), at most `MAX_LINE_BYTES` + 1 bytes of
/// it: a longer line is left unfinished in `buf` for the caller to refuse, without ever
/// holding it whole. Returns the bytes read, 0 at the end.
pub fn read_line(reader: &mut impl BufRead, buf: &mut Vec<u8>) -> io::Result<usize> {
    buf.clear();
    let mut limited = reader.take(MAX_LINE_BYTES as u64 + 1);
    let n = limited.read_until(b'\n', buf)?;
    if n > MAX_LINE_BYTES {
        // Skip the rest of the overlong line, so that the caller can tell where it ends.
        let mut rest = 0;
        loop {
            let available = reader.fill_buf()?;
            if available.is_empty() {
                break;
            }
            let (used, done) = match available.iter().position(|&b| b == b'\n') {
                Some(i) => (i + 1, true),
                None => (available.len(), false),
            };
            reader.consume(used);
            rest += used;
            if done {
                break;
            }
        }
        return Ok(n + rest);
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(seq: u64) -> Event {
        Event {
            seq,
            at: vietnam().with_ymd_and_hms(2026, 7, 5, 10, 0, 0).unwrap(),
            by: "huy".into(),
            event: EventKind::Freeze,
        }
    }

    use chrono::TimeZone;

    #[test]
    fn each_line_follows_from_the_one_before() {
        let (first, chain1) = encode(&event(1), "");
        let (second, chain2) = encode(&event(2), &chain1);
        let read1 = read(&first[..first.len() - 1], "").unwrap();
        assert!(read1.follows());
        assert_eq!(read1.chain(), chain1);
        let read2 = read(&second[..second.len() - 1], &chain1).unwrap();
        assert!(read2.follows());
        assert_eq!(read2.chain(), chain2);
        // The same line after another history does not follow.
        assert!(
            !read(&second[..second.len() - 1], &chain2)
                .unwrap()
                .follows()
        );
    }

    #[test]
    fn a_line_changed_by_hand_no_longer_follows_and_the_next_still_does() {
        let (first, chain1) = encode(&event(1), "");
        let (second, _) = encode(&event(2), &chain1);
        let text = String::from_utf8(first).unwrap().replace("huy", "lan");
        let altered = read(text.trim_end().as_bytes(), "").unwrap();
        assert!(!altered.follows());
        let next = read(&second[..second.len() - 1], altered.chain()).unwrap();
        assert!(
            next.follows(),
            "checked against the chain it was written after"
        );
    }

    #[test]
    fn a_line_without_a_chain_is_hashed_whole() {
        let text = serde_json::to_vec(&event(1)).unwrap();
        let read1 = read(&text, "").unwrap();
        assert_eq!(read1.stored, None);
        assert!(read1.follows());
        let (second, _) = encode(&event(2), read1.chain());
        assert!(
            read(&second[..second.len() - 1], read1.chain())
                .unwrap()
                .follows()
        );
    }

    #[test]
    fn an_overlong_line_is_never_held_whole() {
        let mut bytes = vec![b'x'; MAX_LINE_BYTES * 3];
        bytes.push(b'\n');
        bytes.extend_from_slice(b"next\n");
        let mut reader = io::BufReader::new(&bytes[..]);
        let mut buf = Vec::new();
        let n = read_line(&mut reader, &mut buf).unwrap();
        assert_eq!(n, MAX_LINE_BYTES * 3 + 1);
        assert_eq!(buf.len(), MAX_LINE_BYTES + 1);
        read_line(&mut reader, &mut buf).unwrap();
        assert_eq!(buf, b"next\n");
    }
}
