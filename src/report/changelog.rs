//! The session's change log as rows: every change of a score or self-score and every event
//! (freezing, reopening, votes), filtered by unit and criterion, for the screen and for CSV.

use crate::i18n::{Label, Lang};
use crate::model::{Ballot, Covenant};
use crate::store::records::{Cell, EventKind, Layer, Line, Origin};

/// Which lines to keep: a unit's id and an item's code, each optional. An event concerns no
/// cell and is kept only when neither is given.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub unit: Option<String>,
    pub item: Option<String>,
}

impl Filter {
    fn keeps(&self, line: &Line) -> bool {
        match line {
            Line::Change(e) => {
                self.unit.as_ref().is_none_or(|u| *u == e.unit)
                    && self.item.as_ref().is_none_or(|i| *i == e.item)
            }
            Line::Event(_) => self.unit.is_none() && self.item.is_none(),
        }
    }
}

/// One line of the log in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub seq: u64,
    /// `2026-07-05 09:30:12`, Vietnam time.
    pub at: String,
    pub by: String,
    /// What happened: an entry, an import, a self-score, an undo, freezing…
    pub what: String,
    pub unit: String,
    pub item: String,
    pub old: String,
    pub new: String,
    pub reason: String,
    pub note: String,
    /// The file a change came from.
    pub source: String,
}

/// The rows of `lines` the filter keeps, oldest first.
pub fn rows(lang: Lang, covenant: &Covenant, lines: &[Line], filter: &Filter) -> Vec<Row> {
    lines
        .iter()
        .filter(|l| filter.keeps(l))
        .map(|l| row(lang, covenant, l))
        .collect()
}

fn row(lang: Lang, covenant: &Covenant, line: &Line) -> Row {
    let at = line.at().format("%Y-%m-%d %H:%M:%S").to_string();
    match line {
        Line::Change(e) => Row {
            seq: e.seq,
            at,
            by: e.by.clone(),
            what: lang
                .label(match (e.layer, e.origin) {
                    (Layer::SelfScore, _) => Label::LogSelfScore,
                    (_, Origin::Entry) => Label::LogEntry,
                    (_, Origin::Import) => Label::LogImport,
                    (_, Origin::Undo) => Label::LogUndo,
                    (_, Origin::Redo) => Label::LogRedo,
                    (_, Origin::Accept) => Label::LogAccept,
                })
                .to_string(),
            unit: e.unit.clone(),
            item: e.item.clone(),
            old: value_text(&e.old),
            new: value_text(&e.new),
            reason: e.new.reason.clone(),
            note: e.new.note.clone(),
            source: e.source.clone(),
        },
        Line::Event(e) => {
            let mut item = String::new();
            let (what, reason, new) = match &e.event {
                EventKind::Attendance(a) => (
                    Label::LogAttendance,
                    String::new(),
                    format!("{} / {}", a.units.len(), a.chair.name),
                ),
                EventKind::Count(c) => {
                    item = c.award.clone();
                    (
                        Label::LogCount,
                        String::new(),
                        format!("{}/{}/{}+{}", c.issued, c.received, c.valid, c.invalid),
                    )
                }
                EventKind::Election(e) => (
                    Label::LogElection,
                    String::new(),
                    format!(
                        "{} / {}{}",
                        e.head,
                        e.deputy,
                        e.vote
                            .map(|v| format!(" ({}, {} / {})", v.present, v.head, v.deputy))
                            .unwrap_or_default()
                    ),
                ),
                EventKind::Section { id, text } => {
                    item = id.clone();
                    let first = text.lines().next().unwrap_or("");
                    (
                        Label::LogSection,
                        String::new(),
                        crate::model::text::clip_to(first, 60),
                    )
                }
                EventKind::Freeze => (Label::LogFreeze, String::new(), String::new()),
                EventKind::Reopen { reason } => (Label::LogReopen, reason.clone(), String::new()),
                EventKind::Votes(ballot) => (
                    Label::LogVotes,
                    String::new(),
                    tally_text(lang, covenant, ballot),
                ),
                EventKind::Issued {
                    version,
                    provisional,
                    record,
                    ..
                } => (
                    if *provisional {
                        Label::LogIssuedDraft
                    } else {
                        Label::LogIssued
                    },
                    String::new(),
                    format!("v{version} · {record}"),
                ),
            };
            Row {
                seq: e.seq,
                at,
                by: e.by.clone(),
                what: lang.label(what).to_string(),
                unit: String::new(),
                item,
                old: String::new(),
                new,
                reason,
                note: String::new(),
                source: String::new(),
            }
        }
    }
}

fn value_text(cell: &Cell) -> String {
    cell.value.as_ref().map(|v| v.to_text()).unwrap_or_default()
}

/// "Cờ thi đua: 7 có mặt; P1 5, P2 2".
fn tally_text(lang: Lang, covenant: &Covenant, ballot: &Ballot) -> String {
    let award = covenant
        .scheme
        .awards
        .iter()
        .find(|a| a.id == ballot.award)
        .map_or(ballot.award.as_str(), |a| a.title.as_str());
    let votes: Vec<String> = ballot
        .tally
        .iter()
        .map(|t| format!("{} {}", t.unit, t.votes))
        .collect();
    format!(
        "{award}: {} {}; {}",
        ballot.present,
        lang.label(Label::Present),
        votes.join(", ")
    )
}

/// The rows as CSV with a header in the user's language, UTF-8 with a byte-order mark so that
/// Excel opens the Vietnamese text correctly.
pub fn to_csv(lang: Lang, rows: &[Row]) -> Vec<u8> {
    let mut out = b"\xef\xbb\xbf".to_vec();
    {
        let mut writer = csv::Writer::from_writer(&mut out);
        let head = [
            Label::LogSeq,
            Label::LogTime,
            Label::LogBy,
            Label::LogWhat,
            Label::Unit,
            Label::LogItem,
            Label::LogOld,
            Label::LogNew,
            Label::LogReason,
            Label::LogNote,
            Label::LogSource,
        ];
        writer
            .write_record(head.iter().map(|l| lang.label(*l)))
            .expect("writing to memory");
        for r in rows {
            writer
                .write_record([
                    r.seq.to_string().as_str(),
                    &r.at,
                    &r.by,
                    &r.what,
                    &r.unit,
                    &r.item,
                    &r.old,
                    &r.new,
                    &r.reason,
                    &r.note,
                    &r.source,
                ])
                .expect("writing to memory");
        }
        writer.flush().expect("writing to memory");
    }
    out
}
