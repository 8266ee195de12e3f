//! `thidua ward …`: the receiving office's commands. `init DIR` makes its folder; `add BLOC`
//! expects a bloc and keeps the bloc and scheme files published for it; `trust BLOC KEY` trusts
//! a bloc head's key; `check` checks the inbox, logs every file, and shows where each bloc
//! stands.

use std::path::{Path, PathBuf};

use crate::i18n::Lang;
use crate::model::Period;
use crate::ward::audit::{self, AuditLine};
use crate::ward::check::{self, Outcome};
use crate::ward::workspace::{ACCEPTED, AUDIT_LOG, WardError, Workspace, init};
use crate::ward::{status, words};

use super::{INVALID, USAGE, errln, outln, report_load_error};

#[derive(Debug, clap::Subcommand)]
pub enum WardCommand {
    /// Lập thư mục tiếp nhận của phường / make the ward's folder
    Init {
        dir: PathBuf,
        /// Tên cơ quan tiếp nhận / the receiving office's name
        #[arg(long)]
        name: String,
        /// Năm tiếp nhận báo cáo / the year whose reports are received
        #[arg(long)]
        year: i32,
    },
    /// Thêm khối phải báo cáo, kèm tệp khối và thang điểm đã ban hành / expect a bloc
    Add {
        /// Tệp khối (blocs/<mã>.ron) / the bloc's file
        bloc: PathBuf,
        #[arg(long, default_value = ".")]
        dir: PathBuf,
    },
    /// Tin cậy khóa công khai của khối trưởng / trust a bloc head's public key
    Trust {
        bloc: String,
        /// Khóa (RW…) hoặc tệp .pub / the key (RW…) or its .pub file
        key: String,
        #[arg(long, default_value = ".")]
        dir: PathBuf,
    },
    /// Kiểm tra hộp thư đến và xem tình trạng từng khối / check the inbox, see each bloc
    Check {
        #[arg(long, default_value = ".")]
        dir: PathBuf,
    },
}

pub fn run(lang: Lang, command: &WardCommand) -> u8 {
    let done = match command {
        WardCommand::Init { dir, name, year } => init(dir, name, *year).map(|_| {
            outln!(
                "{}",
                said(
                    lang,
                    "đã lập thư mục tiếp nhận",
                    "made the ward folder",
                    dir
                )
            );
            0
        }),
        WardCommand::Add { bloc, dir } => Workspace::open(dir).and_then(|mut w| {
            let id = w.expect(bloc)?;
            outln!(
                "{}",
                said(lang, "đã thêm khối", "expects the bloc", Path::new(&id))
            );
            Ok(0)
        }),
        WardCommand::Trust { bloc, key, dir } => Workspace::open(dir).and_then(|mut w| {
            let text = match std::fs::read_to_string(key) {
                Ok(file) => crate::report::keys::load_public_key(Path::new(key))
                    .map(|k| crate::report::keys::public_key_line(&k))
                    .unwrap_or(file),
                Err(_) => key.clone(),
            };
            let added = w.trust(bloc, &text, crate::store::records::now())?;
            let (vi, en) = if added {
                ("đã tin cậy khóa cho khối", "trusts the key for bloc")
            } else {
                (
                    "khóa đã được tin cậy cho khối",
                    "already trusts the key for bloc",
                )
            };
            outln!("{}", said(lang, vi, en, Path::new(bloc)));
            Ok(0)
        }),
        WardCommand::Check { dir } => Workspace::open(dir).and_then(|w| check_inbox(lang, &w)),
    };
    done.unwrap_or_else(|e| {
        match e {
            WardError::Load(e) => return report_load_error(lang, &e),
            other => errln!("{}", words::ward_error(lang, &other)),
        }
        USAGE
    })
}

fn said(lang: Lang, vi: &str, en: &str, what: &Path) -> String {
    let words = if lang == Lang::Vi { vi } else { en };
    format!("{words} {}", what.display())
}

/// Checks the inbox, logs each file's outcome once, and prints it with each bloc's standing.
fn check_inbox(lang: Lang, w: &Workspace) -> Result<u8, WardError> {
    let io = |error| WardError::Io {
        path: w.inbox(),
        error,
    };
    let (files, unread) = check::read_inbox(&w.inbox()).map_err(io)?;
    // What was accepted before stays accepted, whatever became of the inbox since.
    let kept = match w.accepted().is_dir() {
        true => (check::read_inbox(&w.accepted()).map_err(io)?.0.into_iter())
            .map(|f| check::Dropped {
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
    let log = w.dir.join(AUDIT_LOG);
    let logged = audit::logged(&log).map_err(|error| WardError::Io {
        path: log.clone(),
        error,
    })?;
    let now = crate::store::records::now();
    let mut refused = 0;
    for c in &checked {
        let (verdict, words) = match &c.outcome {
            Outcome::Signature(_) => continue,
            Outcome::Refused { .. } => {
                refused += 1;
                ("refused", words::outcome(Lang::En, &c.outcome))
            }
            _ => ("accepted", words::outcome(Lang::En, &c.outcome)),
        };
        let mark = if verdict == "refused" { "✗" } else { "✓" };
        outln!("{mark} {}: {}", c.name, words::outcome(lang, &c.outcome));
        let key = (c.sha256.clone(), verdict.to_string(), words.clone());
        if !logged.contains(&key) {
            let line = AuditLine {
                at: now,
                file: c.name.clone(),
                sha256: c.sha256.clone(),
                verdict: verdict.into(),
                reason: words,
            };
            audit::append(&log, &line).map_err(|error| WardError::Io {
                path: log.clone(),
                error,
            })?;
        }
    }
    outln!();
    for expected in &w.ward.blocs {
        let standing: Vec<String> = Period::ALL
            .iter()
            .map(|&p| {
                let s = status::standing(&checked, &expected.id, p);
                format!(
                    "{}: {}",
                    words::period_heading(lang, p),
                    words::standing(lang, &s)
                )
            })
            .collect();
        outln!("{}  {}", expected.id, standing.join(" · "));
    }
    Ok(if refused > 0 { INVALID } else { 0 })
}
