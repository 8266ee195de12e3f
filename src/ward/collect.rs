//! One pass over what the ward holds: the inbox and the copies kept in `accepted/`, checked
//! together, the accepted ones kept, and every outcome logged once. The terminal, the screen and
//! the city table all start from it, so that they never disagree about a bloc.

use chrono::{DateTime, FixedOffset};

use crate::model::Period;
use crate::report::record::Record;

use super::audit::{self, AuditLine};
use super::check::{self, Checked, Dropped, Outcome, Received};
use super::status::{self, Standing};
use super::workspace::{ACCEPTED, AUDIT_LOG, WardError, Workspace};

/// Every file the ward holds and what was decided about it.
pub struct Collected {
    pub files: Vec<Dropped>,
    pub checked: Vec<Checked>,
    /// The records whose paper copy the clerk has confirmed, by hash.
    pub confirmed: std::collections::HashSet<String>,
    /// The blocs checked on paper, and the ward's seed choosing the groups asked.
    paper: Vec<String>,
    seed: String,
}

/// A final report whose paper copy is still to be compared, and the groups to ask for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaperDue {
    pub record: Received,
    pub asked: [usize; 2],
}

/// Checks the inbox with what was accepted before, keeps what is accepted now, and appends each
/// outcome not logged yet to the audit log.
pub fn collect(w: &Workspace, now: DateTime<FixedOffset>) -> Result<Collected, WardError> {
    let io = |error| WardError::Io {
        path: w.inbox(),
        error,
    };
    let (files, unread) = check::read_inbox(&w.inbox()).map_err(io)?;
    // What was accepted before stays accepted, whatever became of the inbox since.
    // A kept copy is named by its hash: one the inbox holds already is not read again.
    let held: std::collections::HashSet<&str> = files.iter().map(|f| f.sha256.as_str()).collect();
    let known = |name: &str| name.split('.').next().is_some_and(|sha| held.contains(sha));
    let kept = match w.accepted().is_dir() {
        true => (check::read_except(&w.accepted(), known)
            .map_err(io)?
            .0
            .into_iter())
        .map(|f| Dropped {
            name: format!("{ACCEPTED}/{}", f.name),
            ..f
        })
        .collect(),
        false => Vec::new(),
    };
    let files = check::merge(files, kept);
    let mut checked = check::check(w, &files);
    w.keep(&check::to_keep(&checked, &files))?;
    checked.extend(unread);
    log(w, &checked, now)?;
    Ok(Collected {
        files,
        checked,
        confirmed: super::paper::confirmed(w)?,
        paper: (w.ward.blocs.iter())
            .filter(|b| b.paper)
            .map(|b| b.id.clone())
            .collect(),
        seed: w.ward.paper_seed.clone(),
    })
}

/// "accepted" or "refused", and the reason in English (the log is read by whoever audits it,
/// whatever the clerk's language); `None` for a signature, which is logged with its file.
pub fn verdict(outcome: &Outcome) -> Option<(&'static str, String)> {
    let words = super::words::outcome(crate::i18n::Lang::En, outcome);
    match outcome {
        Outcome::Signature(_) | Outcome::Archive => None,
        Outcome::Refused { .. } => Some(("refused", words)),
        _ => Some(("accepted", words)),
    }
}

fn log(w: &Workspace, checked: &[Checked], now: DateTime<FixedOffset>) -> Result<(), WardError> {
    let path = w.dir.join(AUDIT_LOG);
    let io = |error| WardError::Io {
        path: path.clone(),
        error,
    };
    let logged = audit::logged(&path).map_err(io)?;
    for c in checked {
        let Some((verdict, reason)) = verdict(&c.outcome) else {
            continue;
        };
        let key = (c.sha256.clone(), verdict.to_string(), reason.clone());
        if !logged.contains(&key) {
            let line = AuditLine {
                at: now,
                file: c.name.clone(),
                sha256: c.sha256.clone(),
                verdict: verdict.into(),
                reason,
            };
            audit::append(&path, &line).map_err(io)?;
        }
    }
    Ok(())
}

impl Collected {
    pub fn standing(&self, bloc: &str, period: Period) -> Standing {
        status::standing(&self.checked, bloc, period)
    }

    /// The final report of `bloc` in `period` still to be compared with its paper copy.
    pub fn paper_due(&self, bloc: &str, period: Period) -> Option<PaperDue> {
        if !self.paper.iter().any(|b| b == bloc) {
            return None;
        }
        let Standing::Final(_) = self.standing(bloc, period) else {
            return None;
        };
        let (record, _) = self.current(bloc, period)?;
        if self.confirmed.contains(&record.sha256) {
            return None;
        }
        let asked = super::paper::asked(&self.seed, &record.sha256);
        Some(PaperDue { record, asked })
    }

    /// The accepted record of `bloc` that its standing in `period` points to: the newest
    /// version, unless two versions fork.
    pub fn current(&self, bloc: &str, period: Period) -> Option<(Received, Record)> {
        let version = match self.standing(bloc, period) {
            Standing::Final(v) | Standing::Draft(v) | Standing::Gap(v) => v,
            _ => return None,
        };
        let received = self.checked.iter().find_map(|c| match &c.outcome {
            Outcome::Record(r) if r.bloc == bloc && r.period == period && r.version == version => {
                Some(r.clone())
            }
            _ => None,
        })?;
        let file = self.files.iter().find(|f| f.sha256 == received.sha256)?;
        let record = Record::from_ron(std::str::from_utf8(&file.bytes).ok()?).ok()?;
        Some((received, record))
    }
}
