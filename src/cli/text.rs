//! `thidua text`: the report's written sections from the command line. Without a section, lists
//! the period's sections and what is written; with one, prints it, or writes it from a plain
//! text file.

use std::path::Path;

use crate::i18n::{Lang, Msg};
use crate::model::limits::MAX_SECTION_CHARS;
use crate::model::text::clip_to;
use crate::session::{Changed, Session};
use crate::store::input::{self, Links};

use super::session::with_session_of;
use super::table::{Align, Table};
use super::{Access, INVALID, SessionArgs, USAGE, refused};
use super::{errln, out, outln};

/// The sections are F6 on the scoring screen.
const F6: Access = Access::Change { key: Some("F6") };

/// The largest text file read: four bytes for each character a section may hold, and room for
/// line ends.
const MAX_TEXT_FILE_BYTES: u64 = (MAX_SECTION_CHARS as u64) * 4 + (64 << 10);

pub fn run(lang: Lang, session: &SessionArgs, section: Option<&str>, file: Option<&Path>) -> u8 {
    match (section, file) {
        (None, None) => with_session_of(lang, session, Access::Read, |year, s| list(lang, s, year)),
        (Some(id), None) => with_session_of(lang, session, Access::Read, |_, s| {
            if s.covenant().scheme.sections.find(s.period(), id).is_none() {
                errln!("{}", lang.msg(&Msg::UnknownSection(clip_to(id, 60))));
                return INVALID;
            }
            let text = s.section(id);
            if !text.is_empty() {
                outln!("{text}");
            }
            0
        }),
        (None, Some(_)) => {
            errln!("{}", lang.msg(&Msg::TextNeedsSection));
            USAGE
        }
        (Some(id), Some(file)) => {
            let text = match read_text(lang, file) {
                Ok(t) => t,
                Err(code) => return code,
            };
            with_session_of(lang, session, F6, |year, s| {
                match s.write_section(id, &text) {
                    Ok(Changed::SectionWritten { .. }) | Ok(_) => {
                        let title = s
                            .covenant()
                            .scheme
                            .sections
                            .find(s.period(), id)
                            .map(|(_, spec)| spec.title_in(year))
                            .unwrap_or_default();
                        outln!(
                            "{}",
                            lang.msg(&Msg::SectionWritten {
                                title,
                                chars: s.section(id).chars().count(),
                            })
                        );
                        0
                    }
                    Err(e) => refused(lang, &e),
                }
            })
        }
    }
}

/// The period's sections: id, heading, whether required, and the start of what is written.
fn list(lang: Lang, s: &Session, year: i32) -> u8 {
    let specs = s.covenant().scheme.sections.of(s.period());
    let required = lang.msg(&Msg::SectionRequired);
    let rows = specs
        .iter()
        .map(|spec| {
            let text = s.section(&spec.id);
            let shown = match text.lines().next() {
                Some(first) => format!("{} ({})", clip_to(first, 40), text.chars().count()),
                None => "—".to_string(),
            };
            vec![
                spec.id.clone(),
                spec.title_in(year),
                if spec.required {
                    required.clone()
                } else {
                    String::new()
                },
                shown,
            ]
        })
        .collect();
    let table = Table {
        head: lang
            .msg(&Msg::SectionsHead)
            .split('|')
            .map(str::to_string)
            .collect(),
        align: vec![Align::Left; 4],
        rows,
    };
    out!("{}", table.render());
    0
}

/// A plain text file, within the size a section can have: UTF-8, or UTF-16 with its byte-order
/// mark as older Windows editors save "Unicode".
fn read_text(lang: Lang, file: &Path) -> Result<String, u8> {
    let bytes = input::read(file, MAX_TEXT_FILE_BYTES, Links::Follow).map_err(|e| {
        errln!("{}", lang.msg(&e.message()));
        USAGE
    })?;
    let utf16 = |bytes: &[u8], unit: fn([u8; 2]) -> u16| {
        let units: Vec<u16> = bytes.chunks_exact(2).map(|c| unit([c[0], c[1]])).collect();
        bytes
            .len()
            .is_multiple_of(2)
            .then(|| String::from_utf16(&units).ok())
            .flatten()
    };
    let decoded = match bytes.as_slice() {
        [0xFF, 0xFE, rest @ ..] => utf16(rest, u16::from_le_bytes),
        [0xFE, 0xFF, rest @ ..] => utf16(rest, u16::from_be_bytes),
        _ => String::from_utf8(bytes).ok(),
    };
    decoded.ok_or_else(|| {
        errln!(
            "{}",
            lang.msg(&Msg::TextNotUtf8 {
                path: file.display().to_string()
            })
        );
        INVALID
    })
}
