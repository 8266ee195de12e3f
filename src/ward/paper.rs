//! The paper check: a bloc's printed report carries its record's digest in groups of four hex
//! digits. For a bloc the ward checks on paper, a record counts once the clerk has typed two of
//! those groups from the paper copy, chosen from the ward's own random seed and the record's
//! hash, so that neither the bloc nor anyone else knows in advance which two are asked.
//!
//! The confirmations are lines of the audit log ("paper-confirmed"), which is never rewritten.

use std::collections::HashSet;

use chrono::{DateTime, FixedOffset};

use crate::report::record::Record;
use crate::store::sha256_hex;

use super::audit::{self, AuditLine};
use super::workspace::{AUDIT_LOG, WardError, Workspace};

pub const CONFIRMED: &str = "paper-confirmed";
pub const MISMATCH: &str = "paper-mismatch";

/// How many groups a digest has (64 hex digits in fours).
const GROUPS: usize = 16;

/// The two groups (0-based, in order) asked of the record `record_sha256`.
pub fn asked(seed: &str, record_sha256: &str) -> [usize; 2] {
    let mixed = sha256_hex(format!("{seed}:{record_sha256}").as_bytes());
    let byte = |i: usize| usize::from_str_radix(&mixed[2 * i..2 * i + 2], 16).unwrap_or(i);
    let first = byte(0) % GROUPS;
    // The second is any other group: 1 to 15 places on.
    let second = (first + 1 + byte(1) % (GROUPS - 1)) % GROUPS;
    let mut two = [first, second];
    two.sort_unstable();
    two
}

/// Whether `typed` are the asked groups of `record`'s digest (case, spaces and dashes aside).
pub fn matches(record: &Record, asked: [usize; 2], typed: [&str; 2]) -> bool {
    let groups = record.paper_groups();
    let clean = |t: &str| -> String {
        t.chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .flat_map(char::to_lowercase)
            .collect()
    };
    asked
        .iter()
        .zip(typed)
        .all(|(&i, t)| groups.get(i).is_some_and(|g| *g == clean(t)))
}

/// The records (by hash) whose paper copy the clerk has confirmed.
pub fn confirmed(w: &Workspace) -> Result<HashSet<String>, WardError> {
    let path = w.dir.join(AUDIT_LOG);
    let logged = audit::logged(&path).map_err(|error| WardError::Io { path, error })?;
    Ok(logged
        .into_iter()
        .filter(|(_, verdict, _)| verdict == CONFIRMED)
        .map(|(sha, _, _)| sha)
        .collect())
}

/// Logs what the clerk typed for the record `name` (`sha256`): confirmed or not.
pub fn log(
    w: &Workspace,
    name: &str,
    sha256: &str,
    matched: bool,
    asked: [usize; 2],
    at: DateTime<FixedOffset>,
) -> Result<(), WardError> {
    let path = w.dir.join(AUDIT_LOG);
    let line = AuditLine {
        at,
        file: name.to_string(),
        sha256: sha256.to_string(),
        verdict: if matched { CONFIRMED } else { MISMATCH }.to_string(),
        reason: format!("groups {} and {}", asked[0] + 1, asked[1] + 1),
    };
    audit::append(&path, &line).map_err(|error| WardError::Io { path, error })
}
