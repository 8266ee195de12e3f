//! `thidua check FILE...`: validates bloc and scheme files and prints every problem found.

use std::path::PathBuf;

use crate::i18n::{Lang, Msg};
use crate::model::Layout;
use crate::store::load::{self, FileKind};
use crate::store::{LoadError, load_covenant};

use super::outln;
use super::report_load_error;

pub fn run(lang: Lang, files: &[PathBuf]) -> u8 {
    let mut worst = 0;
    for path in files {
        let code = check_one(lang, path);
        worst = worst.max(code);
    }
    worst
}

fn check_one(lang: Lang, path: &std::path::Path) -> u8 {
    let source = match load::read_source(path) {
        Ok(s) => s,
        Err(e) => return report_load_error(lang, &e),
    };
    let shown = path.display();
    match source.kind() {
        FileKind::Scheme => match load::parse_scheme(&source) {
            Ok(scheme) => {
                let layout = Layout::new(&scheme);
                outln!(
                    "{shown}: {}",
                    lang.msg(&Msg::CheckedScheme {
                        criteria: layout.criteria_count(),
                        groups: layout.top_groups().count(),
                        max: layout.max_total(None),
                    })
                );
                print_warnings(lang, &load::warnings(&source, &scheme));
                0
            }
            Err(problems) => report_load_error(lang, &LoadError::Problems(problems)),
        },
        FileKind::Bloc => match load_covenant(path) {
            Ok(loaded) => {
                let c = &loaded.covenant;
                outln!(
                    "{shown}: {}",
                    lang.msg(&Msg::CheckedBloc {
                        units: c.bloc.members.len(),
                        scheme: c.scheme.id.clone(),
                        criteria: c.layout.criteria_count(),
                    })
                );
                print_warnings(lang, &load::warnings(&loaded.scheme_source, &c.scheme));
                0
            }
            Err(e) => report_load_error(lang, &e),
        },
    }
}

/// Warnings go to standard error and leave the exit code at 0: the file loads.
fn print_warnings(lang: Lang, warnings: &[crate::store::load::Problem]) {
    super::print_problems(lang, warnings.iter().map(|w| load::render_warning(lang, w)));
}
