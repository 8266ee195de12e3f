//! The meeting's steps from the command line: `freeze`, `reopen`, `vote` and `log`.

use std::path::Path;

use crate::i18n::{Label, Lang, Msg};
use crate::model::{Ballot, Tally};
use crate::model::{Covenant, Period};
use crate::report::changelog::{self, Filter};
use crate::score::{Results, candidates};
use crate::session::{Changed, Session};

use super::table::{Align, Table};
use super::{
    Access, INVALID, OpenRecords, SessionArgs, USAGE, load, open_records, refused, summaries_dir,
};

/// Freezing and reopening are F8 on the scoring screen.
const F8: Access = Access::Change { key: Some("F8") };
use super::{errln, out, outln};

/// `thidua freeze`: the meeting agrees the results.
pub fn freeze(lang: Lang, session: &SessionArgs) -> u8 {
    with_session(lang, session, F8, |_, s| match s.freeze() {
        Ok(Changed::Frozen { at }) => {
            outln!(
                "{}",
                lang.msg(&Msg::FrozenDone {
                    at: at.format("%d/%m/%Y %H:%M").to_string(),
                })
            );
            0
        }
        Ok(_) => 0,
        Err(e) => refused(lang, &e),
    })
}

/// `thidua reopen --reason R`: opens frozen results again, warning when a summary of them was
/// signed already.
pub fn reopen(lang: Lang, session: &SessionArgs, reason: &str) -> u8 {
    with_session(lang, session, F8, |open, s| match s.reopen(reason) {
        Ok(_) => {
            outln!("{}", lang.msg(&Msg::ReopenedDone));
            if let Some(version) = signed_version(open, s.covenant(), s.period()) {
                outln!("{}", lang.msg(&Msg::ReopenAfterSigned { version }));
            }
            0
        }
        Err(e) => refused(lang, &e),
    })
}

/// The latest version of this session's summary already issued, if any.
fn signed_version(open: &Opened, covenant: &Covenant, period: Period) -> Option<u32> {
    crate::report::issue::next_version(
        &summaries_dir(&open.data),
        &covenant.bloc.id,
        open.year,
        period,
    )
    .ok()
    .and_then(|(next, _)| (next > 1).then_some(next - 1))
}

/// `thidua vote [--award A --present N UNIT=VOTES...]`: without a tally, lists each award's
/// candidates and threshold; with one, records it.
pub fn vote(
    lang: Lang,
    session: &SessionArgs,
    award: Option<&str>,
    present: Option<u32>,
    tally: &[String],
) -> u8 {
    with_session(lang, session, Access::Change { key: Some("F7") }, |_, s| {
        let results = s.results().clone();
        let covenant = s.covenant().clone();
        let Some(award) = award else {
            out!("{}", candidates_text(lang, &covenant, &results));
            return 0;
        };
        let Some(index) = covenant.scheme.awards.iter().position(|a| a.id == award) else {
            errln!(
                "{}",
                lang.msg(&Msg::BallotRefused(
                    crate::model::ballot::BallotError::UnknownAward(award.to_string())
                ))
            );
            return INVALID;
        };
        let (Some(present), false) = (present, tally.is_empty()) else {
            errln!("{}", lang.msg(&Msg::VoteUsage));
            return USAGE;
        };
        let mut lines = Vec::new();
        for text in tally {
            let parsed = text
                .split_once('=')
                .and_then(|(unit, votes)| Some((unit.trim(), votes.trim().parse::<u32>().ok()?)));
            let Some((unit, votes)) = parsed else {
                errln!("{}", lang.msg(&Msg::BadTally(text.clone())));
                return USAGE;
            };
            let id = covenant
                .unit_index(unit)
                .or_else(|| {
                    covenant
                        .bloc
                        .members
                        .iter()
                        .position(|m| m.short.eq_ignore_ascii_case(unit))
                })
                .map_or(unit.to_string(), |u| covenant.bloc.members[u].id.clone());
            lines.push(Tally { unit: id, votes });
        }
        // The tally is taken on the candidates as they stand; any other list is refused.
        let award_result = results.awards.iter().find(|a| a.award == index);
        let expected: Vec<usize> = award_result.map(candidates).unwrap_or_default();
        let mut given: Vec<Option<usize>> =
            lines.iter().map(|t| covenant.unit_index(&t.unit)).collect();
        given.sort_unstable();
        let expected_some: Vec<Option<usize>> = expected.iter().map(|&u| Some(u)).collect();
        if expected.is_empty() || given != expected_some {
            errln!(
                "{}",
                lang.msg(&Msg::TallyCandidates {
                    award: covenant.scheme.awards[index].title.clone(),
                    expected: expected
                        .iter()
                        .map(|&u| covenant.bloc.members[u].id.clone())
                        .collect(),
                })
            );
            return INVALID;
        }
        let ballot = Ballot {
            award: award.to_string(),
            present,
            tally: lines,
        };
        match s.vote(ballot) {
            Ok(_) => {
                if let Some(o) = s.overflow() {
                    errln!("{}", lang.msg(&Msg::overflow(&covenant, o)));
                    return INVALID;
                }
                let results = s.results();
                outln!(
                    "{}",
                    lang.msg(&Msg::VotesRecorded {
                        award: covenant.scheme.awards[index].title.clone()
                    })
                );
                out!("{}", outcome_text(lang, &covenant, results, index));
                0
            }
            Err(e) => refused(lang, &e),
        }
    })
}

/// Each award with its quota, threshold and candidates, as the meeting votes on them.
fn candidates_text(lang: Lang, covenant: &Covenant, results: &Results) -> String {
    if results.awards.is_empty() {
        return lang.msg(&Msg::VotesAtYearEndOnly) + "\n";
    }
    let mut out = String::new();
    for a in &results.awards {
        out.push_str(&award_head(lang, covenant, a.award, a.quota));
        let in_running = a.statuses.iter().any(|s| lang.nomination(s).is_some());
        if !in_running {
            out.push_str(&format!("  {}\n", lang.label(Label::NoCandidate)));
        }
        for &u in &results.order {
            if let Some(status) = lang.nomination(&a.statuses[u]) {
                let m = &covenant.bloc.members[u];
                out.push_str(&format!("  {} ({}): {status}\n", m.id, m.short));
            }
        }
    }
    out
}

fn award_head(lang: Lang, covenant: &Covenant, award: usize, quota: usize) -> String {
    let spec = &covenant.scheme.awards[award];
    let rule = spec.vote.as_ref().map_or_else(
        || lang.label(Label::NoThreshold).to_string(),
        |r| lang.vote_rule(r),
    );
    format!(
        "{} [{}] ({}: {quota}; {rule})\n",
        spec.title,
        spec.id,
        lang.label(Label::Quota)
    )
}

fn outcome_text(lang: Lang, covenant: &Covenant, results: &Results, award: usize) -> String {
    let Some(a) = results.awards.iter().find(|a| a.award == award) else {
        return String::new();
    };
    let mut out = award_head(lang, covenant, award, a.quota);
    if let Some(vote) = &a.vote {
        out.push_str(&format!(
            "  {}\n",
            lang.msg(&Msg::VoteCounted {
                present: vote.present,
                base: vote.base,
                needed: vote.needed,
                stale: vote.stale,
            })
        ));
    }
    for &u in &results.order {
        if let Some(status) = lang.nomination(&a.statuses[u]) {
            let m = &covenant.bloc.members[u];
            out.push_str(&format!("  {} ({}): {status}\n", m.id, m.short));
        }
    }
    out
}

/// `thidua log [--unit U] [--item I] [--csv FILE]`: the change log, filtered, as a table or
/// exported to CSV (`-` for standard output).
pub fn log(
    lang: Lang,
    session: &SessionArgs,
    unit: Option<&str>,
    item: Option<&str>,
    csv: Option<&Path>,
) -> u8 {
    with_records(lang, session, Access::Read, |open| {
        let covenant = open.records.covenant();
        let unit = match unit {
            None => None,
            Some(u) => match covenant.unit_index(u).or_else(|| {
                covenant
                    .bloc
                    .members
                    .iter()
                    .position(|m| m.short.eq_ignore_ascii_case(u))
            }) {
                Some(i) => Some(covenant.bloc.members[i].id.clone()),
                None => {
                    errln!("{}", lang.msg(&Msg::CsvUnknownUnit(u.to_string())));
                    return USAGE;
                }
            },
        };
        if let Some(i) = item
            && covenant.layout.index_of(i).is_none()
        {
            errln!("{}", lang.msg(&Msg::CsvUnknownItem(i.to_string())));
            return USAGE;
        }
        let filter = Filter {
            unit,
            item: item.map(str::to_string),
        };
        let lines = match open.records.history() {
            Ok(l) => l,
            Err(e) => {
                errln!("{}", e.msg(lang));
                return super::store_code(&e);
            }
        };
        let rows = changelog::rows(lang, covenant, &lines, &filter);
        match csv {
            Some(path) => {
                let bytes = changelog::to_csv(lang, &rows);
                let written = if path == Path::new("-") {
                    use std::io::Write;
                    std::io::stdout().write_all(&bytes)
                } else {
                    crate::store::durable::replace(path, &bytes)
                };
                match written {
                    Ok(()) => {
                        if path != Path::new("-") {
                            errln!(
                                "{}",
                                lang.msg(&Msg::LogExported {
                                    rows: rows.len(),
                                    path: path.display().to_string(),
                                })
                            );
                        }
                        0
                    }
                    Err(e) => {
                        errln!(
                            "{}",
                            lang.msg(&Msg::WriteFailed {
                                path: path.display().to_string(),
                                error: e.to_string(),
                            })
                        );
                        USAGE
                    }
                }
            }
            None => {
                let head = [
                    Label::LogSeq,
                    Label::LogTime,
                    Label::LogWhat,
                    Label::Unit,
                    Label::LogItem,
                    Label::LogOld,
                    Label::LogNew,
                    Label::LogReason,
                ]
                .iter()
                .map(|l| lang.label(*l).to_string())
                .collect();
                let mut align = vec![Align::Left; 8];
                align[0] = Align::Right;
                let table = Table {
                    head,
                    align,
                    rows: rows
                        .iter()
                        .map(|r| {
                            vec![
                                r.seq.to_string(),
                                r.at.clone(),
                                r.what.clone(),
                                r.unit.clone(),
                                r.item.clone(),
                                r.old.clone(),
                                r.new.clone(),
                                r.reason.clone(),
                            ]
                        })
                        .collect(),
                };
                out!("{}", table.render());
                0
            }
        }
    })
}

fn with_records(
    lang: Lang,
    session: &SessionArgs,
    access: Access,
    run: impl FnOnce(OpenRecords) -> u8,
) -> u8 {
    let (loaded, bloc_file) = match load(lang, session) {
        Ok(l) => l,
        Err(code) => return code,
    };
    match open_records(lang, session, &bloc_file, &loaded.covenant, access) {
        Ok(open) => run(open),
        Err(code) => code,
    }
}

/// Where the session's records lie, for what a change says after it is made.
struct Opened {
    year: i32,
    data: std::path::PathBuf,
}

/// Runs `run` on the session with its year, opened with `access`.
pub(super) fn with_session_of(
    lang: Lang,
    session: &SessionArgs,
    access: Access,
    run: impl FnOnce(i32, &mut Session) -> u8,
) -> u8 {
    with_session(lang, session, access, |open, s| run(open.year, s))
}

/// Runs a change on the session through its rules.
fn with_session(
    lang: Lang,
    session: &SessionArgs,
    access: Access,
    run: impl FnOnce(&Opened, &mut Session) -> u8,
) -> u8 {
    with_records(lang, session, access, |open| {
        let opened = Opened {
            year: open.year,
            data: open.data,
        };
        match super::session_of(lang, open.records) {
            Ok(mut s) => run(&opened, &mut s),
            Err(code) => code,
        }
    })
}
