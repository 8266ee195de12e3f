//! Checking what arrived in the inbox. Nothing a file says about itself is trusted: a file's
//! signature is paired with it by the hash the signature's comment names (attachments arrive
//! renamed, "…(1).ron"), verified against the ward's keyring (never against the key a record
//! carries), and a record is then read, held against the bloc and scheme the ward published
//! (by content: a bloc file legitimately changes its signer), and its results computed again.

use std::collections::HashMap;
use std::path::Path;

use crate::model::Period;
use crate::report::record::{Record, sha256_hex};
use crate::report::sign::{self, SignatureFailure, TrustedComment};
use crate::store::input::{self, InputError, Links};

use super::workspace::Workspace;

/// The largest file read from the inbox: well above the largest record and report thidua
/// writes for a supported bloc.
pub const MAX_FILE_BYTES: u64 = 64 << 20;
/// The most files the inbox is read for, in folders at most this deep.
pub const MAX_FILES: usize = 20_000;
const MAX_DEPTH: usize = 4;

/// A file in the inbox, by its path within it.
#[derive(Debug, Clone)]
pub struct Dropped {
    pub name: String,
    pub bytes: Vec<u8>,
    pub sha256: String,
    /// A zip: whether it unpacked within the limits. Signed workbooks and Word copies are zips
    /// too, so what a zip is (a document or an archive) is decided once the signatures are read.
    pub archive: Option<bool>,
    /// The hash of the zip this file was unpacked from.
    pub inside: Option<String>,
}

impl Dropped {
    fn new(name: String, bytes: Vec<u8>) -> Dropped {
        Dropped {
            name,
            sha256: sha256_hex(&bytes),
            bytes,
            archive: None,
            inside: None,
        }
    }
}

/// Why a file is refused. It stays in the inbox as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    NoSignature,
    /// Not a plain file (a link, a device), or larger than anything thidua writes.
    NotRead,
    UnknownBloc(String),
    /// No key is trusted for the bloc yet.
    NoKey(String),
    /// Signed, but by a key the ward does not trust for the bloc.
    UntrustedKey(String),
    /// Signed with a key the ward retired (a new head) before the record says it was signed.
    RetiredKey(chrono::NaiveDate),
    /// The file changed after it was signed.
    Tampered,
    /// A record that does not read, or says other than its signature.
    NotARecord,
    OtherYear(i32),
    /// The record's scheme is not the one the ward published for the bloc.
    SchemeDiffers,
    /// Its members, targets or what does not apply are not the published bloc's.
    CovenantDiffers,
    /// Its results are not what its entries give.
    ResultsDiffer,
    /// A signed document that no accepted record names.
    NoRecord,
    /// A zip that does not open, or would unpack past the limits.
    BadArchive,
}

/// A record accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Received {
    pub name: String,
    pub sha256: String,
    pub bloc: String,
    pub period: Period,
    pub version: u32,
    pub provisional: bool,
    /// The hash of the record it replaces.
    pub replaces: Option<String>,
    /// The hashes of the documents it names.
    pub documents: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Record(Received),
    /// A document an accepted record names (by the record's name).
    Document(String),
    /// A signature, checked with the file it signs (by that file's hash, as it claims).
    Signature(String),
    /// A zip no signature names, whose files were read and checked each on its own.
    Archive,
    Refused {
        /// The bloc and period the file's signature names, where it names them.
        bloc: Option<(String, Period)>,
        why: Refusal,
    },
}

#[derive(Debug, Clone)]
pub struct Checked {
    pub name: String,
    pub sha256: String,
    pub outcome: Outcome,
}

/// Reads every file of the inbox (not following links), or says which could not be read.
pub fn read_inbox(dir: &Path) -> std::io::Result<(Vec<Dropped>, Vec<Checked>)> {
    read_except(dir, |_| false)
}

/// [`read_inbox`], leaving out the files whose name `known` says are held already (a kept copy
/// named by the hash of a file the inbox holds: read once, not twice).
pub fn read_except(
    dir: &Path,
    known: impl Fn(&str) -> bool,
) -> std::io::Result<(Vec<Dropped>, Vec<Checked>)> {
    let mut files = Vec::new();
    let mut unread = Vec::new();
    let mut stack = vec![(dir.to_path_buf(), 0usize)];
    while let Some((folder, depth)) = stack.pop() {
        let mut entries: Vec<_> = std::fs::read_dir(&folder)?
            .filter_map(Result::ok)
            .map(|e| e.path())
            .collect();
        entries.sort();
        for path in entries {
            let name = path
                .strip_prefix(dir)
                .unwrap_or(&path)
                .to_string_lossy()
                .replace('\\', "/");
            let meta = std::fs::symlink_metadata(&path)?;
            if meta.is_dir() && depth < MAX_DEPTH {
                stack.push((path, depth + 1));
                continue;
            }
            if known(&name) {
                continue;
            }
            if files.len() + unread.len() >= MAX_FILES {
                return Ok((files, unread));
            }
            match input::read(&path, MAX_FILE_BYTES, Links::Refuse) {
                // Attachments often come zipped: their files are read from it, in memory, and
                // set aside if the zip turns out to be a signed document itself.
                Ok(bytes) if bytes.starts_with(b"PK\x03\x04") => {
                    let mut zip = Dropped::new(name, bytes);
                    let inner = unzip(&zip.name, &zip.bytes);
                    zip.archive = Some(inner.is_some());
                    for mut f in inner.unwrap_or_default() {
                        f.inside = Some(zip.sha256.clone());
                        files.push(f);
                    }
                    files.push(zip);
                }
                Ok(bytes) => files.push(Dropped::new(name, bytes)),
                Err(InputError::Io { error, .. }) => return Err(error),
                Err(_) => unread.push(Checked {
                    name,
                    sha256: String::new(),
                    outcome: Outcome::Refused {
                        bloc: None,
                        why: Refusal::NotRead,
                    },
                }),
            }
        }
    }
    Ok((files, unread))
}

/// The most files a zip is read for, and the most bytes they may inflate to, all together,
/// counted on the bytes actually inflated (a zip's headers can claim any size).
pub const MAX_ZIP_FILES: usize = 1_000;
pub const MAX_ZIP_INFLATED: u64 = 256 << 20;

/// The files of a zip, each named `zip/inner`, or `None` when it does not open or would pass
/// the limits. A zip within a zip is read as a file like any other (and refused unsigned).
fn unzip(name: &str, bytes: &[u8]) -> Option<Vec<Dropped>> {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).ok()?;
    if zip.len() > MAX_ZIP_FILES {
        return None;
    }
    let mut files = Vec::new();
    let mut inflated = 0u64;
    for i in 0..zip.len() {
        let entry = zip.by_index(i).ok()?;
        if entry.is_dir() {
            continue;
        }
        let inner = entry.name().ok()?.replace('\\', "/");
        let left = (MAX_ZIP_INFLATED - inflated).min(MAX_FILE_BYTES);
        let mut content = Vec::new();
        entry.take(left + 1).read_to_end(&mut content).ok()?;
        inflated += content.len() as u64;
        if content.len() as u64 > left {
            return None;
        }
        files.push(Dropped::new(format!("{name}/{inner}"), content));
    }
    Some(files)
}

/// A signature file's text, and what its trusted comment claims (not yet verified).
struct Signature<'a> {
    text: &'a str,
    claims: TrustedComment,
}

fn as_signature(bytes: &[u8]) -> Option<Signature<'_>> {
    let text = std::str::from_utf8(bytes).ok()?;
    let sig = minisign::SignatureBox::from_string(text).ok()?;
    let claims = TrustedComment::parse(&sig.trusted_comment().ok()?)?;
    Some(Signature { text, claims })
}

/// Checks every file of the inbox.
pub fn check(workspace: &Workspace, files: &[Dropped]) -> Vec<Checked> {
    let signatures: Vec<Option<Signature>> = files.iter().map(|f| as_signature(&f.bytes)).collect();
    let mut by_hash: HashMap<&str, Vec<&Signature>> = HashMap::new();
    for s in signatures.iter().flatten() {
        by_hash.entry(s.claims.sha256.as_str()).or_default().push(s);
    }
    // A zip a signature names is a document (a workbook, a Word copy): its parts are not files
    // of their own. Any other zip is an archive, read for the files in it.
    let signed = |sha: &str| by_hash.contains_key(sha);
    // Each file is checked on its own, on every core: a province's hundreds of records.
    use rayon::prelude::*;
    let mut out: Vec<Checked> = files
        .par_iter()
        .zip(&signatures)
        .filter(|(file, _)| !file.inside.as_deref().is_some_and(signed))
        .map(|(file, signature)| Checked {
            name: file.name.clone(),
            sha256: file.sha256.clone(),
            outcome: match (signature, file.archive) {
                (Some(s), _) => Outcome::Signature(s.claims.sha256.clone()),
                (None, Some(unpacked)) if !signed(&file.sha256) => match unpacked {
                    true => Outcome::Archive,
                    false => Outcome::Refused {
                        bloc: None,
                        why: Refusal::BadArchive,
                    },
                },
                (None, _) => check_file(workspace, file, by_hash.get(file.sha256.as_str())),
            },
        })
        .collect();
    // A document stands with an accepted record that names it.
    let named: HashMap<String, String> = out
        .iter()
        .filter_map(|c| match &c.outcome {
            Outcome::Record(r) => Some(r),
            _ => None,
        })
        .flat_map(|r| r.documents.iter().map(|d| (d.clone(), r.name.clone())))
        .collect();
    for c in &mut out {
        if let Outcome::Document(_) = &c.outcome {
            c.outcome = match named.get(&c.sha256) {
                Some(record) => Outcome::Document(record.clone()),
                None => Outcome::Refused {
                    bloc: None,
                    why: Refusal::NoRecord,
                },
            };
        }
    }
    out
}

/// A file that is not a signature, with the signatures that claim to sign it.
fn check_file(workspace: &Workspace, file: &Dropped, claims: Option<&Vec<&Signature>>) -> Outcome {
    let Some(signature) = claims.and_then(|c| c.first()) else {
        return Outcome::Refused {
            bloc: None,
            why: Refusal::NoSignature,
        };
    };
    let named = (signature.claims.bloc.clone(), signature.claims.period);
    let refused = |why| Outcome::Refused {
        bloc: Some(named.clone()),
        why,
    };
    let bloc = signature.claims.bloc.as_str();
    if !workspace.ward.blocs.iter().any(|b| b.id == bloc) {
        return refused(Refusal::UnknownBloc(bloc.to_string()));
    }
    let keys = workspace
        .keyring
        .blocs
        .get(bloc)
        .cloned()
        .unwrap_or_default();
    if keys.is_empty() {
        return refused(Refusal::NoKey(bloc.to_string()));
    }
    // Verified with each of the bloc's trusted keys; the record's own key is never asked.
    let mut failure = Refusal::UntrustedKey(bloc.to_string());
    let mut comment = None;
    let mut retired = None;
    for key in &keys {
        let Ok(public) = crate::report::keys::parse_public_key(&key.key) else {
            continue;
        };
        match sign::verify(&public, &file.bytes, signature.text) {
            Ok(line) => {
                comment = TrustedComment::parse(&line);
                retired = key.retired;
                break;
            }
            Err(SignatureFailure::Invalid) => failure = Refusal::Tampered,
            Err(_) => {}
        }
    }
    let Some(comment) = comment else {
        return refused(failure);
    };
    if comment.sha256 != file.sha256 {
        return refused(Refusal::Tampered);
    }
    if !comment.file.ends_with(".ron") {
        return Outcome::Document(String::new());
    }
    match check_record(workspace, file, &comment, retired) {
        Ok(received) => Outcome::Record(received),
        Err(why) => refused(why),
    }
}

/// A record whose signature holds: what it says, held against its signature, the ward's year,
/// the published bloc and scheme, and the results its entries give.
fn check_record(
    workspace: &Workspace,
    file: &Dropped,
    comment: &TrustedComment,
    retired: Option<chrono::DateTime<chrono::FixedOffset>>,
) -> Result<Received, Refusal> {
    let record = std::str::from_utf8(&file.bytes)
        .ok()
        .and_then(|t| Record::from_ron(t).ok())
        .ok_or(Refusal::NotARecord)?;
    let says = (&record.bloc.id, record.year, record.period, record.version);
    if says != (&comment.bloc, comment.year, comment.period, comment.version)
        || record.provisional != comment.provisional
        || record.format == 0
        || record.format > crate::report::record::RECORD_FORMAT
    {
        return Err(Refusal::NotARecord);
    }
    if record.year != workspace.ward.year {
        return Err(Refusal::OtherYear(record.year));
    }
    if let Some(retired) = retired.filter(|&r| record.signed_at >= r) {
        return Err(Refusal::RetiredKey(retired.date_naive()));
    }
    let (bloc, scheme) = workspace
        .published(&record.bloc.id)
        .map_err(|_| Refusal::UnknownBloc(record.bloc.id.clone()))?;
    if record.scheme != scheme {
        return Err(Refusal::SchemeDiffers);
    }
    // Compared by content, not by file: the signer and the report details may change.
    let same = record.bloc.members == bloc.members
        && record.bloc.targets == bloc.targets
        && record.bloc.not_applicable == bloc.not_applicable
        && record.bloc.scheme == bloc.scheme;
    if !same {
        return Err(Refusal::CovenantDiffers);
    }
    let (recomputed, results) =
        crate::report::verify::recompute(&record).map_err(|_| Refusal::ResultsDiffer)?;
    if !crate::report::verify::differences(&recomputed, &record.results, &results).is_empty() {
        return Err(Refusal::ResultsDiffer);
    }
    Ok(Received {
        name: file.name.clone(),
        sha256: file.sha256.clone(),
        bloc: record.bloc.id.clone(),
        period: record.period,
        version: record.version,
        provisional: record.provisional,
        replaces: record.replaces.as_ref().map(|r| r.sha256.clone()),
        documents: record.documents.iter().map(|d| d.sha256.clone()).collect(),
    })
}

/// The files a check accepted (records, their documents, and the signatures of both), to keep
/// in `accepted/` so that what was accepted stays so whatever later happens to the inbox.
pub fn to_keep<'a>(checked: &[Checked], files: &'a [Dropped]) -> Vec<&'a Dropped> {
    let accepted: std::collections::HashSet<&str> = checked
        .iter()
        .filter(|c| matches!(c.outcome, Outcome::Record(_) | Outcome::Document(_)))
        .map(|c| c.sha256.as_str())
        .collect();
    let signs: HashMap<&str, &str> = checked
        .iter()
        .filter_map(|c| match &c.outcome {
            Outcome::Signature(of) => Some((c.sha256.as_str(), of.as_str())),
            _ => None,
        })
        .collect();
    files
        .iter()
        .filter(|f| {
            let sha = f.sha256.as_str();
            accepted.contains(sha) || signs.get(sha).is_some_and(|of| accepted.contains(of))
        })
        .collect()
}

/// The files of the inbox and of `accepted/` together, each content once (the inbox's name
/// first, as the clerk knows it).
pub fn merge(inbox: Vec<Dropped>, kept: Vec<Dropped>) -> Vec<Dropped> {
    let mut seen: std::collections::HashSet<String> =
        inbox.iter().map(|f| f.sha256.clone()).collect();
    let mut all = inbox;
    all.extend(kept.into_iter().filter(|f| seen.insert(f.sha256.clone())));
    all
}
