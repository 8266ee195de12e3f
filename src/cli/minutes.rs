//! `thidua minutes`: the meeting's attendance and its count records, for the minutes issued with
//! the report. With a file, records them; with `--template`, prints a file to fill in, with the
//! bloc's units and voted awards; with neither, says what is recorded.

use std::path::Path;

use crate::i18n::{Lang, Msg};
use crate::model::limits::MAX_RON_FILE_BYTES;
use crate::model::minutes::{Attendance, BallotCount, Delegation, Minutes, Person};
use crate::model::{Covenant, Period};
use crate::session::Session;
use crate::store::input::{self, Links};

use super::session::with_session_of;
use super::{Access, INVALID, SessionArgs, USAGE, load, refused};
use super::{errln, out, outln};

/// On the screen, the minutes are recorded in the sections' dialog.
const CHANGE: Access = Access::Change { key: Some("F6") };

pub fn run(lang: Lang, session: &SessionArgs, file: Option<&Path>, template: bool) -> u8 {
    if template {
        let (loaded, _) = match load(lang, session) {
            Ok(l) => l,
            Err(code) => return code,
        };
        out!("{}", example(&loaded.covenant, session.period));
        return 0;
    }
    let Some(file) = file else {
        return with_session_of(lang, session, Access::Read, |_, s| show(lang, s));
    };
    let bytes = match input::read(file, MAX_RON_FILE_BYTES, Links::Follow) {
        Ok(b) => b,
        Err(e) => {
            errln!("{}", lang.msg(&e.message()));
            return USAGE;
        }
    };
    let parsed = std::str::from_utf8(&bytes)
        .map_err(|e| e.to_string())
        .and_then(|text| {
            crate::store::load::ron_options()
                .from_str::<Minutes>(text)
                .map_err(|e| format!("{}: {e}", file.display()))
        });
    let minutes = match parsed {
        Ok(m) => m,
        Err(e) => {
            errln!(
                "{}",
                lang.msg(&Msg::MinutesUnreadable(crate::model::text::clip(&e)))
            );
            return INVALID;
        }
    };
    let (units, counts) = (
        minutes.attendance.as_ref().map_or(0, |a| a.units.len()),
        minutes.counts.len(),
    );
    with_session_of(lang, session, CHANGE, |_, s| {
        match s.record_minutes(minutes) {
            Ok(_) => {
                outln!("{}", lang.msg(&Msg::MinutesRecorded { units, counts }));
                0
            }
            Err(e) => refused(lang, &e),
        }
    })
}

/// What is recorded, as a file `thidua minutes` reads.
fn show(lang: Lang, s: &Session) -> u8 {
    let recorded = Minutes {
        attendance: s.records().attendance().cloned(),
        counts: s.records().counts(),
    };
    if recorded == Minutes::default() {
        outln!("{}", lang.msg(&Msg::NoMinutes));
    } else {
        out!("{}", to_ron(&recorded));
    }
    0
}

fn to_ron(minutes: &Minutes) -> String {
    let config = ron::ser::PrettyConfig::new()
        .struct_names(true)
        .indentor("    ".to_string())
        .extensions(ron::extensions::Extensions::IMPLICIT_SOME);
    // Plain data: serialising cannot fail.
    ron::ser::to_string_pretty(minutes, config).expect("minutes serialise") + "\n"
}

/// A file to fill in: every unit with a representative to name, and at year-end a count record
/// for each voted award.
fn example(covenant: &Covenant, period: Period) -> String {
    let someone = |post: &str| Person {
        name: crate::model::minutes::PLACEHOLDER.to_string(),
        post: post.to_string(),
    };
    let units = covenant
        .bloc
        .members
        .iter()
        .map(|m| Delegation {
            unit: m.id.clone(),
            people: vec![someone(&format!("Chức vụ, {}", m.name))],
        })
        .collect();
    let present = covenant.bloc.members.len() as u32;
    let counts = if period == Period::YearEnd {
        covenant
            .scheme
            .awards
            .iter()
            .filter(|a| a.vote.is_some())
            .map(|a| BallotCount {
                award: a.id.clone(),
                committee: vec![someone("Tổ trưởng"), someone("Thành viên")],
                issued: present,
                received: present,
                valid: present,
                invalid: 0,
            })
            .collect()
    } else {
        Vec::new()
    };
    let minutes = Minutes {
        attendance: Some(Attendance {
            chair: someone("Khối trưởng"),
            secretary: someone("Thư ký hội nghị"),
            units,
        }),
        counts,
    };
    format!(
        "// Thành phần dự họp và biên bản kiểm phiếu: sửa họ tên, chức vụ; bỏ đơn vị vắng mặt.\n\
         // Ghi bằng: thidua minutes {} --period {} TỆP.ron\n{}",
        covenant.bloc.id,
        period.slug(),
        to_ron(&minutes)
    )
}
