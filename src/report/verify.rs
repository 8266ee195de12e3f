//! Checking issued summaries: each file's signature and trusted comment, and for a record the
//! recomputation of its results from its own entries and scheme, and the hashes of the PDF and
//! spreadsheet it names.

use std::io;
use std::path::{Path, PathBuf};

use minisign::PublicKey;

use crate::model::Covenant;
use crate::score::Results;
use crate::store::input::{self, InputError, Links};

use super::record::{RECORD_FORMAT, Record, RecordProblem, SectionProblem, sha256_hex};
use super::sign::{self, SignatureFailure, TrustedComment};

/// One finding about one file. `is_failure` says which ones fail the check.
#[derive(Debug, Clone, PartialEq)]
pub enum Finding {
    /// The signature holds; what its trusted comment says.
    Signed(TrustedComment),
    /// The signature holds but its comment was not written by thidua.
    ForeignComment(String),
    NoSignature(PathBuf),
    SignatureUnreadable(PathBuf),
    /// Signed with another key (its id).
    OtherKey(String),
    /// The file (or its comment) changed after signing.
    SignatureInvalid,
    /// The comment names another file.
    NameDiffers {
        signed: String,
    },
    /// The comment's SHA-256 is not the file's.
    HashDiffers,
    RecordUnreadable(String),
    RecordFormat(u32),
    /// The record says another bloc, year, period or version than its signature.
    RecordDiffersFromComment,
    /// The record's embedded key is not the key it was checked with.
    RecordKeyDiffers,
    /// The embedded bloc and scheme do not make a valid covenant.
    CovenantInvalid(usize),
    EntriesInvalid(Vec<RecordProblem>),
    /// A tally of the members' vote in the record is impossible (an unknown award or unit,
    /// more votes than members present).
    VotesInvalid(crate::model::ballot::BallotError),
    /// The record's written sections are not those of its scheme, or a final version lacks a
    /// required one.
    SectionsInvalid(Vec<SectionProblem>),
    /// The election in the record names units that are not members, or an impossible vote.
    ElectionInvalid(crate::model::election::ElectionError),
    /// A final year-end record without next year's head and deputy.
    ElectionMissing,
    /// The record's attendance or a count record cannot be true.
    MinutesInvalid(crate::model::minutes::MinutesError),
    /// The entries cannot be computed (`score::Overflow`), in words.
    CannotCompute(crate::i18n::Msg),
    /// The results recomputed from the entries equal the stored ones.
    Recomputed {
        units: usize,
        entries: usize,
    },
    /// The stored results differ from the recomputation.
    ResultsDiffer(Vec<Difference>),
    /// A document the record names is beside it with the same hash.
    DocumentMatches(String),
    DocumentDiffers(String),
    /// A document the record names is not beside it: not checked.
    DocumentAbsent(String),
    /// The replaced version is beside it with the hash the record names.
    ReplacesMatches(String),
    ReplacesDiffers(String),
    /// The record names a document by something other than a bare file name.
    DocumentNameUnsafe(String),
    /// A file beside the record that is not a plain file (a link, a pipe, a device, a folder):
    /// not read.
    NotPlainFile(String),
    /// A file larger than any thidua writes: not read.
    TooLarge(String),
    /// The record's signature does not hold: the documents it names were not looked at.
    DocumentsNotChecked,
    /// A document whose version's record is signed and names it with its hash: issued.
    Issued(String),
    /// A document with no signed record of its version naming it: written, never issued.
    NotIssued(String),
}

impl Finding {
    pub fn is_failure(&self) -> bool {
        !matches!(
            self,
            Finding::Signed(_)
                | Finding::Recomputed { .. }
                | Finding::DocumentMatches(_)
                | Finding::DocumentAbsent(_)
                | Finding::ReplacesMatches(_)
                | Finding::Issued(_)
        )
    }
}

/// A stored result that the recomputation does not give.
#[derive(Debug, Clone, PartialEq)]
pub struct Difference {
    /// The unit's short name, or empty for the session as a whole.
    pub unit: String,
    pub what: DiffKind,
    pub stored: String,
    pub computed: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiffKind {
    Total,
    Band,
    Rank,
    Subtotals,
    Points,
    Nominations,
    Counts,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FileReport {
    pub file: PathBuf,
    pub findings: Vec<Finding>,
}

impl FileReport {
    pub fn failed(&self) -> bool {
        self.findings.iter().any(Finding::is_failure)
    }
}

/// The largest file `verify` reads: 256 MiB, far above the documents and record of the
/// largest supported session (200 units, 1,000 items).
pub const MAX_FILE_BYTES: u64 = 256 << 20;
/// The largest signature read: a minisign signature with its comment is a few hundred bytes.
const MAX_SIGNATURE_BYTES: u64 = 64 << 10;

/// A file beside the record, named by the record: a bare file name, a plain file (never a
/// link), within the size limit.
fn read_beside(dir: &Path, name: &str) -> Result<Vec<u8>, Finding> {
    let path = crate::store::paths::child(dir, name)
        .map_err(|_| Finding::DocumentNameUnsafe(clip(name)))?;
    input::read(&path, MAX_FILE_BYTES, Links::Refuse).map_err(|e| match e {
        InputError::NotPlain { .. } => Finding::NotPlainFile(name.to_string()),
        InputError::TooLarge { .. } => Finding::TooLarge(name.to_string()),
        InputError::Absent { .. } | InputError::Io { .. } => {
            Finding::DocumentAbsent(name.to_string())
        }
    })
}

fn clip(text: &str) -> String {
    crate::model::text::clip(text)
}

/// Checks one signed file (the document or its `.minisig`).
pub fn check_file(path: &Path, key: &PublicKey) -> io::Result<FileReport> {
    let path = match path.to_str().and_then(|p| p.strip_suffix(".minisig")) {
        Some(doc) => PathBuf::from(doc),
        None => path.to_path_buf(),
    };
    let bytes = input::read(&path, MAX_FILE_BYTES, Links::Follow).map_err(|e| match e {
        InputError::Io { error, .. } => error,
        InputError::Absent { .. } => io::Error::new(io::ErrorKind::NotFound, e.to_string()),
        other => io::Error::new(io::ErrorKind::InvalidInput, other.to_string()),
    })?;
    let mut findings = Vec::new();
    let sig_path = PathBuf::from(format!("{}.minisig", path.display()));
    let signature = match input::read(&sig_path, MAX_SIGNATURE_BYTES, Links::Refuse) {
        Ok(bytes) => Some(String::from_utf8_lossy(&bytes).into_owned()),
        Err(InputError::Absent { .. }) => {
            findings.push(Finding::NoSignature(sig_path.clone()));
            None
        }
        Err(InputError::NotPlain { .. } | InputError::TooLarge { .. }) => {
            findings.push(Finding::SignatureUnreadable(sig_path.clone()));
            None
        }
        Err(InputError::Io { error, .. }) => return Err(error),
    };
    let comment = match signature {
        None => None,
        Some(signature) => match sign::verify(key, &bytes, &signature) {
            Ok(comment) => Some(comment),
            Err(SignatureFailure::Unreadable) => {
                findings.push(Finding::SignatureUnreadable(sig_path));
                None
            }
            Err(SignatureFailure::OtherKey(id)) => {
                findings.push(Finding::OtherKey(id));
                None
            }
            Err(SignatureFailure::Invalid) => {
                findings.push(Finding::SignatureInvalid);
                None
            }
        },
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let comment = comment.and_then(|line| match TrustedComment::parse(&line) {
        Some(c) => Some(c),
        None => {
            findings.push(Finding::ForeignComment(line));
            None
        }
    });
    if let Some(c) = &comment {
        findings.push(Finding::Signed(c.clone()));
        if c.file != name {
            findings.push(Finding::NameDiffers {
                signed: c.file.clone(),
            });
        }
        if c.sha256 != sha256_hex(&bytes) {
            findings.push(Finding::HashDiffers);
        }
    }
    let holds = comment.is_some() && !findings.iter().any(Finding::is_failure);
    if name.ends_with(".ron") {
        check_record(&path, &bytes, comment.as_ref(), holds, key, &mut findings);
    } else if holds {
        findings.push(issued(&path, &name, &bytes, key));
    }
    Ok(FileReport {
        file: path,
        findings,
    })
}

/// Whether the document `name` was issued: the record of its version lies beside it, its
/// signature holds with `key`, and it names the document with the document's hash.
fn issued(path: &Path, name: &str, bytes: &[u8], key: &PublicKey) -> Finding {
    let dir = path.parent().unwrap_or(Path::new("."));
    let Some((stem, _)) = name.split_once('.') else {
        return Finding::NotIssued(name.to_string());
    };
    let record_name = format!("{stem}.ron");
    let not_issued = || Finding::NotIssued(record_name.clone());
    let Ok(record_bytes) = read_beside(dir, &record_name) else {
        return not_issued();
    };
    let Ok(signature) = read_beside(dir, &format!("{record_name}.minisig")) else {
        return not_issued();
    };
    let signature = String::from_utf8_lossy(&signature);
    if sign::verify(key, &record_bytes, &signature).is_err() {
        return not_issued();
    }
    let record = std::str::from_utf8(&record_bytes)
        .ok()
        .and_then(|t| Record::from_ron(t).ok());
    let hash = sha256_hex(bytes);
    match record {
        Some(r)
            if r.documents
                .iter()
                .any(|d| d.file == name && d.sha256 == hash) =>
        {
            Finding::Issued(record_name)
        }
        _ => not_issued(),
    }
}

fn check_record(
    path: &Path,
    bytes: &[u8],
    comment: Option<&TrustedComment>,
    signature_holds: bool,
    key: &PublicKey,
    findings: &mut Vec<Finding>,
) {
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            findings.push(Finding::RecordUnreadable(e.to_string()));
            return;
        }
    };
    let record = match Record::from_ron(text) {
        Ok(r) => r,
        Err(e) => {
            findings.push(Finding::RecordUnreadable(e.to_string()));
            return;
        }
    };
    if record.format == 0 || record.format > RECORD_FORMAT {
        findings.push(Finding::RecordFormat(record.format));
        return;
    }
    if let Some(c) = comment
        && (c.bloc != record.bloc.id
            || c.year != record.year
            || c.period != record.period
            || c.version != record.version
            || c.provisional != record.provisional)
    {
        findings.push(Finding::RecordDiffersFromComment);
    }
    if record.public_key != super::keys::public_key_line(key) {
        findings.push(Finding::RecordKeyDiffers);
    }
    match recompute(&record) {
        Ok((covenant, computed)) => {
            let differences = differences(&covenant, &record.results, &computed);
            if differences.is_empty() {
                findings.push(Finding::Recomputed {
                    units: covenant.bloc.members.len(),
                    entries: record.entries.len(),
                });
            } else {
                findings.push(Finding::ResultsDiffer(differences));
            }
        }
        Err(f) => findings.push(f),
    }
    let problems = record.section_problems();
    if !problems.is_empty() {
        findings.push(Finding::SectionsInvalid(problems));
    }
    if let Err(error) = minutes_hold(&record) {
        findings.push(Finding::MinutesInvalid(error));
    }
    match &record.election {
        Some(e) => {
            if let Err(error) = crate::model::election::check(&record.bloc, e) {
                findings.push(Finding::ElectionInvalid(error));
            }
        }
        // Records before format 4 had no place for it.
        None if record.format >= 4
            && record.period == crate::model::Period::YearEnd
            && !record.provisional =>
        {
            findings.push(Finding::ElectionMissing)
        }
        None => {}
    }
    // Nothing a record names is opened before its signature is known to hold.
    if !signature_holds {
        findings.push(Finding::DocumentsNotChecked);
        return;
    }
    let dir = path.parent().unwrap_or(Path::new("."));
    for doc in &record.documents {
        findings.push(match read_beside(dir, &doc.file) {
            Ok(b) if sha256_hex(&b) == doc.sha256 => Finding::DocumentMatches(doc.file.clone()),
            Ok(_) => Finding::DocumentDiffers(doc.file.clone()),
            Err(finding) => finding,
        });
    }
    if let Some(old) = &record.replaces {
        match read_beside(dir, &old.file) {
            Ok(b) if sha256_hex(&b) == old.sha256 => {
                findings.push(Finding::ReplacesMatches(old.file.clone()))
            }
            Ok(_) => findings.push(Finding::ReplacesDiffers(old.file.clone())),
            Err(Finding::DocumentAbsent(_)) => {}
            Err(finding) => findings.push(finding),
        }
    }
}

/// The record's attendance and count records, checked as when they were recorded.
fn minutes_hold(record: &Record) -> Result<(), crate::model::minutes::MinutesError> {
    use crate::model::minutes;
    let Ok(covenant) = Covenant::new(record.bloc.clone(), record.scheme.clone()) else {
        // An invalid covenant is its own finding.
        return Ok(());
    };
    if let Some(a) = &record.attendance {
        minutes::check_attendance(&record.bloc, a)?;
    }
    for count in &record.counts {
        let ballot = record.votes.iter().find(|b| b.award == count.award);
        minutes::check_count(&covenant, count, record.attendance.as_ref(), ballot)?;
    }
    Ok(())
}

/// The covenant of a record and the results its entries give.
pub fn recompute(record: &Record) -> Result<(Covenant, Results), Finding> {
    let covenant = Covenant::new(record.bloc.clone(), record.scheme.clone())
        .map_err(|issues| Finding::CovenantInvalid(issues.len()))?;
    let sheet = record.sheet(&covenant).map_err(Finding::EntriesInvalid)?;
    for ballot in &record.votes {
        crate::model::ballot::check(&covenant, ballot).map_err(Finding::VotesInvalid)?;
    }
    let mut results =
        crate::session::results_of(&covenant, record.period, &sheet, &record.votes)
            .map_err(|o| Finding::CannotCompute(crate::i18n::Msg::overflow(&covenant, &o)))?;
    // A record of an earlier format signed its results before the cascade was explained.
    if record.format < 3 {
        for award in &mut results.awards {
            award.moves.clear();
        }
    }
    Ok((covenant, results))
}

/// Every way `stored` differs from `computed`, unit by unit, in words the reader can check.
pub fn differences(covenant: &Covenant, stored: &Results, computed: &Results) -> Vec<Difference> {
    use super::document::{dec2, rank_text};
    let mut out = Vec::new();
    let whole = |what, stored: String, computed: String| Difference {
        unit: String::new(),
        what,
        stored,
        computed,
    };
    if stored.units.len() != computed.units.len() {
        out.push(whole(
            DiffKind::Counts,
            stored.units.len().to_string(),
            computed.units.len().to_string(),
        ));
        return out;
    }
    if (stored.entered, stored.needed) != (computed.entered, computed.needed) {
        out.push(whole(
            DiffKind::Counts,
            format!("{}/{}", stored.entered, stored.needed),
            format!("{}/{}", computed.entered, computed.needed),
        ));
    }
    let band = |b: Option<usize>| match b {
        None => "—".to_string(),
        Some(i) => covenant
            .scheme
            .bands_of(computed.period)
            .get(i)
            .map_or_else(|| i.to_string(), |band| band.label.clone()),
    };
    for (u, (s, c)) in stored.units.iter().zip(&computed.units).enumerate() {
        let unit = covenant.bloc.members[u].short.clone();
        let mut push = |what, stored: String, computed: String| {
            out.push(Difference {
                unit: unit.clone(),
                what,
                stored,
                computed,
            })
        };
        if s.total != c.total {
            push(DiffKind::Total, dec2(s.total), dec2(c.total));
        }
        if s.band != c.band {
            push(DiffKind::Band, band(s.band), band(c.band));
        }
        if (s.rank, s.tied) != (c.rank, c.tied) {
            push(
                DiffKind::Rank,
                rank_text(s.rank, s.tied),
                rank_text(c.rank, c.tied),
            );
        }
        if (&s.groups, s.criteria, s.bonus, s.penalty)
            != (&c.groups, c.criteria, c.bonus, c.penalty)
        {
            push(DiffKind::Subtotals, String::new(), String::new());
        }
        if (&s.points, &s.failed_vetoes, s.missing) != (&c.points, &c.failed_vetoes, c.missing) {
            push(DiffKind::Points, String::new(), String::new());
        }
    }
    if stored.order != computed.order {
        out.push(whole(DiffKind::Rank, String::new(), String::new()));
    }
    if stored.awards != computed.awards {
        out.push(whole(DiffKind::Nominations, String::new(), String::new()));
    }
    if out.is_empty() && stored != computed {
        out.push(whole(DiffKind::Counts, String::new(), String::new()));
    }
    out
}
