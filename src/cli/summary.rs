//! `thidua summary BLOC --period P`: signs the session's PDF, spreadsheet and record as the
//! next version in the summaries folder.

use std::path::Path;

use crate::i18n::{Lang, Msg};
use crate::model::Covenant;
use crate::model::numbering;
use crate::report::summary::{self, Gap, Request, SessionData, SummaryError, gap_lines};
use crate::store::records::now;

use super::{Access, INVALID, OpenRecords, SessionArgs, USAGE, keygen, load, open_records};
use super::{errln, outln};

pub struct Options<'a> {
    pub out: Option<&'a Path>,
    pub key: Option<&'a Path>,
    pub password_file: Option<&'a Path>,
    pub number: Option<String>,
    pub date: Option<&'a str>,
    /// The recipients, when not the bloc file's.
    pub to: Vec<String>,
    pub provisional: bool,
}

pub fn run(lang: Lang, session: &SessionArgs, options: &Options) -> u8 {
    let date = match super::output::document_date(lang, options.date) {
        Ok(d) => d,
        Err(code) => return code,
    };
    let (loaded, bloc_file) = match load(lang, session) {
        Ok(l) => l,
        Err(code) => return code,
    };
    // The number and recipients are checked before anything is opened or asked.
    let suffix = &loaded.covenant.bloc.number_suffix;
    let number = match options
        .number
        .as_deref()
        .map(|n| numbering::number(n, suffix))
    {
        None => None,
        Some(Ok(n)) => n,
        Some(Err(e)) => {
            errln!("{}", lang.msg(&Msg::Detail(e)));
            return USAGE;
        }
    };
    let recipients = if options.to.is_empty() {
        None
    } else {
        match numbering::recipients(&options.to) {
            Ok(r) => Some(r),
            Err(e) => {
                errln!("{}", lang.msg(&Msg::Detail(e)));
                return USAGE;
            }
        }
    };
    let covenant = &loaded.covenant;
    let OpenRecords {
        year,
        data,
        records,
    } = match open_records(
        lang,
        session,
        &bloc_file,
        covenant,
        Access::Change { key: Some("F9") },
    ) {
        Ok(o) => o,
        Err(code) => return code,
    };
    let mut opened = match super::session_of(lang, records) {
        Ok(s) => s,
        Err(code) => return code,
    };
    // Refused before the passphrase is asked for, not after.
    let session_data = SessionData::of(opened.records(), year);
    let results = opened.results().clone();
    let gaps = summary::gaps(covenant, &results, &session_data);
    if !gaps.is_empty() && !options.provisional {
        print_gaps(lang, covenant, &gaps);
        return INVALID;
    }
    let (key_path, passphrase) =
        match keygen::key_and_passphrase(lang, options.key, options.password_file) {
            Ok(pair) => pair,
            Err(code) => return code,
        };
    let request = Request {
        year,
        period: session.period,
        number,
        date,
        provisional: options.provisional,
        recipients,
        out_dir: options
            .out
            .map_or_else(|| summaries_dir(&data), Path::to_path_buf),
    };
    // The key is unlocked (scrypt) on a thread of its own while the documents are laid out.
    match summary::issue_unlocking(
        &loaded,
        session_data,
        &request,
        &key_path,
        passphrase,
        now(),
    ) {
        Ok(issued) => {
            // A final version locks the session until it is reopened (the meeting's order).
            if let Err(e) = opened.record_issued(issued.version, issued.provisional, &issued.record)
            {
                errln!("{}", e.msg(lang));
            }
            for s in &issued.set_aside {
                errln!(
                    "{}",
                    lang.msg(&Msg::VersionSetAside {
                        version: s.version,
                        folder: s.folder.display().to_string(),
                    })
                );
            }
            outln!(
                "{}",
                lang.msg(&Msg::SummaryWritten {
                    version: issued.version,
                    provisional: issued.provisional,
                })
            );
            for f in &issued.files {
                outln!("  {}", f.display());
            }
            if let Some(old) = &issued.replaces {
                outln!("{}", lang.msg(&Msg::SummaryReplaces(old.file.clone())));
            }
            0
        }
        Err(SummaryError::Incomplete(gaps)) => {
            print_gaps(lang, covenant, &gaps);
            INVALID
        }
        Err(SummaryError::Key(e)) => keygen::fail(lang, &e),
        Err(e) => {
            errln!("{}", lang.msg(&e.msg()));
            if e.is_io() { USAGE } else { INVALID }
        }
    }
}

pub use crate::store::paths::summaries_dir;

fn print_gaps(lang: Lang, covenant: &Covenant, gaps: &[Gap]) {
    errln!(
        "{}",
        lang.msg(&Msg::SummaryIncomplete { count: gaps.len() })
    );
    for line in gap_lines(lang, covenant, gaps) {
        errln!("{line}");
    }
}
