//! `thidua check FILE...`: validates bloc and scheme files and prints every problem found.

use std::path::PathBuf;

use unicode_width::UnicodeWidthStr;

use crate::i18n::{Lang, Msg};
use crate::model::Layout;
use crate::store::load::{self, FileKind, Message, Problem};
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
                0
            }
            Err(e) => report_load_error(lang, &e),
        },
    }
}

/// The message of a problem in `lang`.
pub fn problem_message(lang: Lang, p: &Problem) -> String {
    let words = match &p.message {
        Message::Syntax(e) => lang.syntax(e),
        Message::Issue(k) => lang.issue(k),
        Message::SchemeNotFound { id, looked } => lang.msg(&Msg::SchemeNotFound {
            id: crate::model::text::clip(id),
            looked: looked.display().to_string(),
        }),
    };
    // A message quotes the file (a name, a field): never as long as a hostile file.
    crate::model::text::clip_to(&words, 5 * crate::model::text::QUOTE_CHARS)
}

/// `path:line:col: message`, then the offending line and a caret under the column. A long
/// line is shown as at most `text::QUOTE_CHARS` characters around the column, with "…" where
/// it was cut.
pub fn render_problem(lang: Lang, p: &Problem) -> String {
    let number = p.pos.line.to_string();
    let pad = " ".repeat(number.len());
    let chars: Vec<char> = p.line_text.chars().collect();
    let col = p.pos.col.saturating_sub(1).min(chars.len());
    let half = crate::model::text::QUOTE_CHARS / 2;
    let start = col.saturating_sub(half);
    let end = (start + 2 * half).min(chars.len());
    let cut = |from: usize, to: usize| -> String {
        chars[from..to]
            .iter()
            .collect::<String>()
            .replace('\t', " ")
    };
    let lead = if start > 0 { "…" } else { "" };
    let tail = if end < chars.len() { "…" } else { "" };
    let caret_at = lead.width() + cut(start, col).width();
    format!(
        "{}:{}:{}: {}\n{pad} |\n{number} | {lead}{}{tail}\n{pad} | {}^\n",
        p.file.display(),
        p.pos.line,
        p.pos.col,
        problem_message(lang, p),
        cut(start, end),
        " ".repeat(caret_at)
    )
}
