//! Issuing a summary: the PDF, the spreadsheet, the Word copy and the record of one session,
//! each signed, as the next version in the output folder. A signed file is never overwritten.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, NaiveDate};
use minisign::{PublicKey, SecretKey};

use crate::i18n::Msg;
use crate::model::election::Election;
use crate::model::minutes::{Attendance, BallotCount};
use crate::model::{Ballot, Covenant, Period};
use crate::store::durable::{self, Access};
use crate::store::load::Loaded;
use crate::store::paths;
use crate::store::records::{Cell, Records};

use super::document::{self, Edition};
use super::keys::{KeyError, Passphrase};
use super::record::{FileHash, RECORD_FORMAT, Record, RecordEntry, WrittenSection, sha256_hex};
use super::sign::{self, TrustedComment};
use super::{docx, issue, pdf, xlsx};

pub use super::gaps::{Gap, gap_lines, gaps};

/// What the head asks for.
#[derive(Debug, Clone)]
pub struct Request {
    pub year: i32,
    pub period: Period,
    pub number: Option<String>,
    pub date: NaiveDate,
    /// "Kính gửi": the bloc's recipients when `None`.
    pub recipients: Option<Vec<String>>,
    pub provisional: bool,
    pub out_dir: PathBuf,
}

/// What a session holds for its summary, read from its records.
#[derive(Debug, Clone, Default)]
pub struct SessionData {
    /// The bloc's scores with their notes and reasons.
    pub entries: Vec<RecordEntry>,
    /// The units' self-scores with their evidence.
    pub self_scores: Vec<RecordEntry>,
    pub votes: Vec<Ballot>,
    pub frozen_at: Option<DateTime<FixedOffset>>,
    /// Scores that differ from the self-score with no reason given, as (unit, item).
    pub unexplained: Vec<(usize, usize)>,
    /// Every written section of the period, in the scheme's order, empty ones included.
    pub sections: Vec<WrittenSection>,
    /// Next year's head and deputy, elected at the year-end meeting.
    pub election: Option<Election>,
    /// Who attended, for the minutes: the minutes are issued with the report once it is known.
    pub attendance: Option<Attendance>,
    /// The count record of each award's secret ballot.
    pub counts: Vec<BallotCount>,
}

impl SessionData {
    /// The data of the session `records` of `year` (the year heads the written sections).
    pub fn of(records: &Records, year: i32) -> SessionData {
        let covenant = records.covenant();
        SessionData {
            entries: entries(covenant, |u, i| records.cell(u, i)),
            self_scores: entries(covenant, |u, i| records.self_cell(u, i)),
            votes: records.ballots(),
            frozen_at: records.frozen().map(|f| f.at),
            unexplained: records.unexplained(),
            sections: written_sections(records, year),
            election: records.election().cloned(),
            attendance: records.attendance().cloned(),
            counts: records.counts(),
        }
    }
}

/// The period's written sections with their latest texts, headed for the session's year.
fn written_sections(records: &Records, year: i32) -> Vec<WrittenSection> {
    records
        .covenant()
        .scheme
        .sections
        .of(records.period())
        .iter()
        .map(|spec| WrittenSection {
            id: spec.id.clone(),
            title: spec.title_in(year),
            text: records.section(&spec.id).to_string(),
        })
        .collect()
}

#[derive(Debug, thiserror::Error)]
pub enum SummaryError {
    #[error("incomplete")]
    Incomplete(Vec<Gap>),
    /// A file could not be written: the version was not issued, and the files it had written
    /// were moved into `set_aside`.
    #[error("{path}: {error}")]
    Write {
        path: PathBuf,
        error: io::Error,
        set_aside: Option<PathBuf>,
    },
    #[error("{0}")]
    Pdf(#[from] pdf::PdfError),
    #[error("{0}")]
    Xlsx(#[from] xlsx::XlsxError),
    #[error("{0}")]
    Docx(#[from] docx::DocxError),
    #[error("{0}")]
    Sign(#[from] sign::SignError),
    /// The engine could not compute the results (`score::Overflow`), in words.
    #[error("the figures go beyond exact arithmetic")]
    Overflow(Msg),
    /// The key could not be unlocked (a wrong passphrase, a damaged file).
    #[error("the key")]
    Key(KeyError),
    /// The key unlocked is not the public key the documents were laid out with.
    #[error("the secret key is not the public key's")]
    KeyMismatch,
}

impl SummaryError {
    /// What to tell the user (an incomplete session is told by its gaps instead).
    pub fn msg(&self) -> Msg {
        match self {
            SummaryError::Write {
                path,
                error,
                set_aside,
            } => Msg::SummaryWriteFailed {
                path: path.display().to_string(),
                error: error.to_string(),
                set_aside: set_aside.as_ref().map(|p| p.display().to_string()),
            },
            SummaryError::Overflow(message) => message.clone(),
            SummaryError::Key(e) => e.msg(),
            other => Msg::SummaryFailed(other.to_string()),
        }
    }

    pub fn is_io(&self) -> bool {
        matches!(self, SummaryError::Write { .. })
    }
}

/// The files of one issue, in the order written.
#[derive(Debug, Clone)]
pub struct Issued {
    pub version: u32,
    pub provisional: bool,
    pub files: Vec<PathBuf>,
    pub record: PathBuf,
    pub replaces: Option<FileHash>,
    /// Versions found not issued and moved aside before this one was written.
    pub set_aside: Vec<issue::SetAside>,
}

/// Every entered cell of a layer, with its note and reason, in member then item order.
pub fn entries(covenant: &Covenant, cell: impl Fn(usize, usize) -> Cell) -> Vec<RecordEntry> {
    let mut out = Vec::new();
    for (u, member) in covenant.bloc.members.iter().enumerate() {
        for (i, item) in covenant.layout.items.iter().enumerate() {
            let c = cell(u, i);
            if let Some(value) = c.value {
                out.push(RecordEntry {
                    unit: member.id.clone(),
                    item: item.code.clone(),
                    value,
                    note: c.note,
                    reason: c.reason,
                });
            }
        }
    }
    out
}

/// The minutes' files are named `<stem>.minutes.pdf` and `.docx`: of the same version, and
/// told apart from the report by the word before the extension.
pub const MINUTES: &str = "minutes";

/// Writes a file of a version: a new file, whole, never replacing one (`store::durable`).
pub type WriteNew<'a> = &'a mut dyn FnMut(&Path, &[u8]) -> io::Result<()>;

/// Writes and signs the three documents of the session `data` of `loaded`.
pub fn issue(
    loaded: &Loaded,
    data: SessionData,
    request: &Request,
    secret: &SecretKey,
    public: &PublicKey,
    signed_at: DateTime<FixedOffset>,
) -> Result<Issued, SummaryError> {
    issue_with(
        loaded,
        data,
        request,
        public,
        Signer::Ready(secret),
        signed_at,
        &mut |path, bytes| durable::create_new(path, bytes, Access::Shared),
    )
}

/// The key that signs an issue: unlocked already, or being unlocked while the documents are
/// laid out.
pub enum Signer<'a> {
    Ready(&'a SecretKey),
    /// Called when the first signature is due.
    Later(Box<dyn FnOnce() -> Result<SecretKey, KeyError> + 'a>),
}

/// `issue` with the key at `key_path` unlocked on a thread of its own while the documents are
/// laid out (scrypt and the layout each take their time). The public key to lay them out with
/// is the `.pub` file beside the key; where there is none, or it is another key's, the key is
/// unlocked first and the documents laid out after.
pub fn issue_unlocking(
    loaded: &Loaded,
    data: SessionData,
    request: &Request,
    key_path: &Path,
    passphrase: Passphrase,
    signed_at: DateTime<FixedOffset>,
) -> Result<Issued, SummaryError> {
    let write: WriteNew = &mut |path, bytes| durable::create_new(path, bytes, Access::Shared);
    if let Ok(public) = super::keys::load_public_key(&key_path.with_extension("pub")) {
        let pass = passphrase.clone();
        let key = key_path.to_path_buf();
        let unlocking = std::thread::spawn(move || super::keys::load_secret_key(&key, &pass));
        let signer = Signer::Later(Box::new(move || {
            unlocking
                .join()
                .unwrap_or_else(|_| Err(KeyError::NotSecretKey(key_path.to_path_buf())))
        }));
        match issue_with(
            loaded,
            data.clone(),
            request,
            &public,
            signer,
            signed_at,
            write,
        ) {
            Err(SummaryError::KeyMismatch) => {}
            done => return done,
        }
    }
    let secret = super::keys::load_secret_key(key_path, &passphrase).map_err(SummaryError::Key)?;
    let public = super::keys::public_key_of(&secret).map_err(SummaryError::Key)?;
    issue_with(
        loaded,
        data,
        request,
        &public,
        Signer::Ready(&secret),
        signed_at,
        write,
    )
}

/// `issue`, each file written by `write` (a test's can fail as a full disk would).
pub fn issue_with(
    loaded: &Loaded,
    data: SessionData,
    request: &Request,
    public: &PublicKey,
    signer: Signer,
    signed_at: DateTime<FixedOffset>,
    write: WriteNew,
) -> Result<Issued, SummaryError> {
    let covenant = &loaded.covenant;
    let mut sheet = covenant.empty_sheet();
    for e in &data.entries {
        if let (Some(u), Some(i)) = (
            covenant.unit_index(&e.unit),
            covenant.layout.index_of(&e.item),
        ) {
            sheet.set(u, i, Some(e.value.clone()));
        }
    }
    let results = crate::session::results_of(covenant, request.period, &sheet, &data.votes)
        .map_err(|o| SummaryError::Overflow(Msg::overflow(covenant, &o)))?;
    let gaps = gaps(covenant, &results, &data);
    if !gaps.is_empty() && !request.provisional {
        return Err(SummaryError::Incomplete(gaps));
    }
    let bloc = &covenant.bloc;
    let write_error = |path: &Path| {
        let path = path.to_path_buf();
        move |error| SummaryError::Write {
            path,
            error,
            set_aside: None,
        }
    };
    // Versions that were never issued (a crash, a full disk) are moved aside first; the new
    // version takes their number and replaces the last one issued.
    let set_aside =
        issue::set_aside_unissued(&request.out_dir, &bloc.id, request.year, request.period)
            .map_err(write_error(&request.out_dir))?;
    let (version, previous) =
        issue::next_version(&request.out_dir, &bloc.id, request.year, request.period)
            .map_err(write_error(&request.out_dir))?;
    let (replaces, replaced) = match previous {
        Some(path) => {
            let bytes = fs::read(&path).map_err(write_error(&path))?;
            // The version replaced, as its own signed record numbers and dates it.
            let replaced = std::str::from_utf8(&bytes)
                .ok()
                .and_then(|text| Record::from_ron(text).ok())
                .map(|r| document::Replaced {
                    version: r.version,
                    number: r.number,
                    date: r.date,
                });
            let hash = FileHash {
                file: file_name(&path),
                sha256: sha256_hex(&bytes),
            };
            (Some(hash), replaced)
        }
        None => (None, None),
    };
    let stem =
        paths::summary_stem(&bloc.id, request.year, request.period, version).map_err(|e| {
            write_error(&request.out_dir)(io::Error::new(io::ErrorKind::InvalidInput, e))
        })?;
    let public_key = super::keys::public_key_line(public);
    let recipients = request
        .recipients
        .clone()
        .unwrap_or_else(|| bloc.recipients.clone());
    let edition = Edition {
        year: request.year,
        period: request.period,
        version,
        number: request.number.clone(),
        date: request.date,
        provisional: request.provisional,
        public_key: public_key.clone(),
        replaces: replaced,
        pdf_name: format!("{stem}.pdf"),
        sections: data.sections.clone(),
        recipients: recipients.clone(),
        election: data.election.clone(),
    };
    let mut doc = document::document(covenant, &results, &edition);
    let numbered = doc
        .annex
        .body
        .iter()
        .filter(|b| matches!(b, document::Block::Heading { .. }))
        .count();
    doc.annex.body.extend(document::disputes::disputes(
        covenant,
        &data.entries,
        &data.self_scores,
        numbered,
    ));
    let mut record = bare_record(
        loaded,
        data,
        Issue {
            request,
            version,
            replaces: replaces.clone(),
            public_key,
            recipients,
            signed_at,
        },
        results,
    );
    // The paper copy carries the record's digest, for the ward to compare with what it received.
    doc.verification
        .push(document::paper_line(&record.paper_groups()));
    // The workbook and the Word copy are made beside the PDF, whose layout is the longest work.
    let (pdf_bytes, beside) = std::thread::scope(|scope| {
        let beside = scope.spawn(|| -> Result<_, SummaryError> {
            let disputes = document::disputes::list(covenant, &record.entries, &record.self_scores);
            let xlsx = xlsx::workbook_with(covenant, &record.results, &edition, &disputes)?;
            let docx = docx::render(&doc, &edition.pdf_name, &signed_at.to_rfc3339())?;
            Ok((xlsx, docx))
        });
        let pdf = pdf::render(&doc);
        let beside = beside
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (pdf, beside)
    });
    let pdf_bytes = pdf_bytes?;
    let (xlsx_bytes, docx_bytes) = beside?;
    // The minutes, once the meeting's attendance is recorded: PDF and Word, issued and signed
    // with the report.
    let minutes = match &record.attendance {
        Some(attendance) => {
            let name = format!("{stem}.{MINUTES}.pdf");
            let minutes = document::minutes::minutes(
                covenant,
                &record.results,
                &edition,
                &document::minutes::MinutesData {
                    attendance,
                    counts: &record.counts,
                    ballots: &record.votes,
                },
                &name,
            );
            let pdf = pdf::render(&minutes)?;
            let word = docx::render(&minutes, &name, &signed_at.to_rfc3339())?;
            vec![
                (format!("{MINUTES}.pdf"), pdf),
                (format!("{MINUTES}.docx"), word),
            ]
        }
        None => Vec::new(),
    };
    record.documents = vec![
        FileHash {
            file: format!("{stem}.pdf"),
            sha256: sha256_hex(&pdf_bytes),
        },
        FileHash {
            file: format!("{stem}.xlsx"),
            sha256: sha256_hex(&xlsx_bytes),
        },
        FileHash {
            file: format!("{stem}.docx"),
            sha256: sha256_hex(&docx_bytes),
        },
    ]
    .into_iter()
    .chain(minutes.iter().map(|(ext, bytes)| FileHash {
        file: format!("{stem}.{ext}"),
        sha256: sha256_hex(bytes),
    }))
    .collect();
    let record_bytes = record.to_ron().into_bytes();
    // The key, once the documents are laid out: it must be the one they name.
    let unlocked;
    let secret = match signer {
        Signer::Ready(secret) => secret,
        Signer::Later(unlock) => {
            unlocked = unlock().map_err(SummaryError::Key)?;
            &unlocked
        }
    };
    if super::keys::public_key_of(secret).map_err(SummaryError::Key)? != *public {
        return Err(SummaryError::KeyMismatch);
    }
    // Made only now that the key is unlocked: a refused passphrase leaves nothing behind.
    fs::create_dir_all(&request.out_dir).map_err(write_error(&request.out_dir))?;
    let mut files = Vec::new();
    // The record last, its signature the very last file: a version counts as issued once that
    // signature is there.
    let documents = [
        ("pdf".to_string(), &pdf_bytes),
        ("xlsx".to_string(), &xlsx_bytes),
        ("docx".to_string(), &docx_bytes),
    ]
    .into_iter()
    .chain(minutes.iter().map(|(ext, bytes)| (ext.clone(), bytes)))
    .chain([("ron".to_string(), &record_bytes)]);
    for (ext, bytes) in documents {
        let name = format!("{stem}.{ext}");
        let comment = TrustedComment {
            bloc: bloc.id.clone(),
            year: request.year,
            period: request.period,
            version,
            provisional: request.provisional,
            file: name.clone(),
            sha256: sha256_hex(bytes),
        };
        let signature = sign::sign(secret, public, bytes, &comment)?;
        let path = request.out_dir.join(&name);
        let sig_path = request.out_dir.join(format!("{name}.minisig"));
        for (path, bytes) in [(path, &bytes[..]), (sig_path, signature.as_bytes())] {
            if let Err(error) = write(&path, bytes) {
                // Not issued: what this version wrote so far goes aside at once.
                let moved = if files.is_empty() {
                    None
                } else {
                    issue::set_aside(&request.out_dir, version, &stem, &files)
                        .ok()
                        .map(|s| s.folder)
                };
                return Err(SummaryError::Write {
                    path,
                    error,
                    set_aside: moved,
                });
            }
            files.push(path);
        }
    }
    Ok(Issued {
        version,
        provisional: request.provisional,
        record: request.out_dir.join(format!("{stem}.ron")),
        files,
        replaces,
        set_aside,
    })
}

/// What numbers and signs one issue, besides the session's data.
pub struct Issue<'a> {
    pub request: &'a Request,
    pub version: u32,
    pub replaces: Option<FileHash>,
    /// The signer's public key, base64.
    pub public_key: String,
    pub recipients: Vec<String>,
    pub signed_at: DateTime<FixedOffset>,
}

/// The record of an issue before its documents are named: what the paper digest is of.
pub fn bare_record(
    loaded: &Loaded,
    data: SessionData,
    issue: Issue,
    results: crate::score::Results,
) -> Record {
    let covenant = &loaded.covenant;
    let request = issue.request;
    Record {
        format: RECORD_FORMAT,
        software: format!("thidua {}", env!("CARGO_PKG_VERSION")),
        year: request.year,
        period: request.period,
        version: issue.version,
        replaces: issue.replaces,
        provisional: request.provisional,
        number: request.number.clone(),
        date: request.date,
        recipients: issue.recipients,
        signed_at: issue.signed_at,
        signer: covenant.bloc.signer.clone(),
        public_key: issue.public_key,
        bloc_source: source_hash(&loaded.bloc_source.path, loaded.bloc_source.text.as_bytes()),
        scheme_source: source_hash(
            &loaded.scheme_source.path,
            loaded.scheme_source.text.as_bytes(),
        ),
        bloc: covenant.bloc.clone(),
        scheme: covenant.scheme.clone(),
        frozen_at: data.frozen_at,
        entries: data.entries,
        self_scores: data.self_scores,
        votes: data.votes,
        sections: data.sections,
        election: data.election,
        attendance: data.attendance,
        counts: data.counts,
        results,
        documents: Vec::new(),
    }
}

fn source_hash(path: &Path, bytes: &[u8]) -> FileHash {
    FileHash {
        file: file_name(path),
        sha256: sha256_hex(bytes),
    }
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}
