//! The ward's audit log: one JSON line for each file checked and what was decided, appended and
//! flushed to the disk before the check goes on. It is never rewritten: a line cut short by a
//! crash stays, and the next line starts on a line of its own.

use std::collections::HashSet;
use std::fs::OpenOptions;
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::Path;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditLine {
    pub at: DateTime<FixedOffset>,
    /// The file's path within the inbox.
    pub file: String,
    pub sha256: String,
    /// "accepted" or "refused".
    pub verdict: String,
    /// Why, for a refusal; what, for an acceptance ("khoi-8 2026 year-end v2 final").
    pub reason: String,
}

/// The (hash, verdict, reason) of every whole line logged so far, so that a file checked again
/// with the same outcome is not logged twice.
pub fn logged(path: &Path) -> std::io::Result<HashSet<(String, String, String)>> {
    let text = match std::fs::read(path) {
        Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(HashSet::new()),
        Err(e) => return Err(e),
    };
    Ok(text
        .lines()
        .filter_map(|l| serde_json::from_str::<AuditLine>(l).ok())
        .map(|l| (l.sha256, l.verdict, l.reason))
        .collect())
}

/// Appends `line` to the log at `path` and flushes it to the disk.
pub fn append(path: &Path, line: &AuditLine) -> std::io::Result<()> {
    let mut file = OpenOptions::new()
        .create(true)
        .append(true)
        .read(true)
        .open(path)?;
    let mut text = serde_json::to_string(line).map_err(std::io::Error::other)?;
    text.push('\n');
    // A line cut short by a crash is left as it is; the new one starts on its own line.
    let len = file.metadata()?.len();
    if len > 0 {
        let mut last = [0u8; 1];
        file.seek(SeekFrom::Start(len - 1))?;
        file.read_exact(&mut last)?;
        if last[0] != b'\n' {
            text.insert(0, '\n');
        }
    }
    file.write_all(text.as_bytes())?;
    file.sync_all()
}
