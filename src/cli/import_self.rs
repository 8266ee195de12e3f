//! `thidua import-self BLOC --period P [--year Y] [--data DIR] FILE...`: stores units'
//! self-scores from filled forms (.xlsx), CSV or RON files, apart from the bloc's scores. A file
//! with any problem is refused whole, every problem listed; the other files are still stored.
//! A unit's newer file replaces its self-scores.

use std::path::{Path, PathBuf};

use crate::i18n::Lang;
use crate::selfscore::words::SelfScoreMsg;
use crate::selfscore::{Session, UnitScores, files};

use super::{SessionArgs, USAGE, load};
use super::{errln, outln};

pub fn run(lang: Lang, session: &SessionArgs, named: &[PathBuf]) -> u8 {
    // A folder stands for the self-score files in it.
    let mut files = Vec::new();
    for path in named {
        match files::files_named(path) {
            Ok(found) => files.extend(found),
            Err(m) => {
                errln!("{}", lang.msg(&m));
                return USAGE;
            }
        }
    }
    let (loaded, bloc_file) = match load(lang, session) {
        Ok(l) => l,
        Err(code) => return code,
    };
    let covenant = &loaded.covenant;
    let reading = Session {
        covenant,
        year: session.year.unwrap_or(covenant.bloc.year),
        period: session.period,
    };
    let mut code = 0;
    let mut refused = 0;
    let mut accepted: Vec<(&PathBuf, Vec<UnitScores>)> = Vec::new();
    for file in &files {
        match read_file(lang, &reading, file) {
            Ok(units) => accepted.push((file, units)),
            Err(failure) => {
                refused += 1;
                code = code.max(failure);
            }
        }
    }
    if !accepted.is_empty() {
        let mut opened = match super::session_to_change(lang, session, &bloc_file, covenant) {
            Ok(s) => s,
            Err(code) => return code,
        };
        for (file, units) in &accepted {
            let source = files::source_name(file);
            for unit in units {
                if let Err(e) = opened.import_self_scores(unit.unit, &unit.cells(), &source) {
                    errln!("{}: {}", file.display(), e.msg(lang));
                    return e.exit_code();
                }
                let msg = SelfScoreMsg::SelfImported {
                    unit: covenant.bloc.members[unit.unit].short.clone(),
                    scored: unit.scored(),
                    file: file.display().to_string(),
                };
                outln!("{}", msg.text(lang));
            }
        }
    }
    if refused > 0 && files.len() > 1 {
        let msg = SelfScoreMsg::SomeRefused {
            refused,
            files: files.len(),
        };
        errln!("{}", msg.text(lang));
    }
    code
}

/// Reads and checks one file, printing its problems; `Err` carries the exit code.
fn read_file(lang: Lang, session: &Session, file: &Path) -> Result<Vec<UnitScores>, u8> {
    files::read_file(session, file).map_err(|refusal| {
        let shown = file.display().to_string();
        let mut lines = refusal.lines(lang, &shown);
        let last = lines.pop().unwrap_or_default();
        super::print_problems(lang, lines.into_iter());
        errln!("{last}");
        refusal.exit_code()
    })
}
