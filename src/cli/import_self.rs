//! `thidua import-self BLOC --period P [--year Y] [--data DIR] FILE...`: stores units'
//! self-scores from filled forms (.xlsx), CSV or RON files, apart from the bloc's scores. A file
//! with any problem is refused whole, every problem listed; the other files are still stored.
//! A unit's newer file replaces its self-scores.

use std::path::{Path, PathBuf};

use crate::i18n::Lang;
use crate::selfscore::words::SelfScoreMsg;
use crate::selfscore::{self, Format, Session, UnitScores};
use crate::store::Cell;
use crate::store::input::{self, Links};

use super::{Access, INVALID, SessionArgs, USAGE, load, open_records};
use super::{errln, outln};

pub fn run(lang: Lang, session: &SessionArgs, files: &[PathBuf]) -> u8 {
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
    for file in files {
        match read_file(lang, &reading, file) {
            Ok(units) => accepted.push((file, units)),
            Err(failure) => {
                refused += 1;
                code = code.max(failure);
            }
        }
    }
    if !accepted.is_empty() {
        let records = match open_records(
            lang,
            session,
            &bloc_file,
            covenant,
            Access::Change { key: None },
        ) {
            Ok(o) => o.records,
            Err(code) => return code,
        };
        let mut opened = match super::session_of(lang, records) {
            Ok(s) => s,
            Err(code) => return code,
        };
        for (file, units) in &accepted {
            let source = source_name(file);
            for unit in units {
                let cells: Vec<(usize, Cell)> = unit
                    .scores
                    .iter()
                    .map(|s| {
                        let cell = Cell {
                            value: s.value.clone(),
                            note: s.cell_note(),
                            ..Cell::default()
                        };
                        (s.item, cell)
                    })
                    .collect();
                if let Err(e) = opened.import_self_scores(unit.unit, &cells, &source) {
                    errln!("{}: {}", file.display(), e.msg(lang));
                    return e.exit_code();
                }
                let msg = SelfScoreMsg::SelfImported {
                    unit: covenant.bloc.members[unit.unit].short.clone(),
                    scored: unit.scores.iter().filter(|s| s.value.is_some()).count(),
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
    let shown = file.display().to_string();
    let Some(format) = Format::of_name(&shown) else {
        errln!("{}", SelfScoreMsg::UnsupportedFile(shown).text(lang));
        return Err(USAGE);
    };
    let bytes = input::read(file, format.max_bytes(), Links::Follow).map_err(|e| {
        errln!("{}", lang.msg(&e.message()));
        USAGE
    })?;
    selfscore::read(format, session, &bytes).map_err(|problems| {
        super::print_problems(lang, problems.iter().map(|p| p.render(lang, &shown)));
        errln!(
            "{}: {}",
            shown,
            SelfScoreMsg::FileRefused(problems.len()).text(lang)
        );
        INVALID
    })
}

/// The name the journal records as where the self-scores came from: the file's own name.
fn source_name(file: &Path) -> String {
    file.file_name().map_or_else(
        || file.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}
