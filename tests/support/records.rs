//! Records of a session for the store's tests: one of every kind of line confirmed, the state
//! they hold, and reopening them to check nothing changed.
#![allow(dead_code)]

use std::path::Path;

use thidua::model::{Covenant, Period, value};
use thidua::store::{Cell, Change, Origin, Records};

use super::common::{SCHEME, bloc, covenant, targets};

pub fn setup() -> (Covenant, tempfile::TempDir) {
    (
        covenant(SCHEME, &bloc(3, &targets(3))),
        tempfile::tempdir().unwrap(),
    )
}

pub fn change(c: &Covenant, unit: &str, item: &str, text: &str) -> Change {
    let i = c.layout.index_of(item).unwrap();
    Change {
        unit: c.unit_index(unit).unwrap(),
        item: i,
        new: Cell {
            value: Some(value::parse(&c.layout.items[i], text).unwrap()),
            ..Cell::default()
        },
        origin: Origin::Entry,
    }
}

/// Everything a session holds: both layers of every cell, whether the results are frozen,
/// and the events.
#[derive(Debug, PartialEq)]
pub struct State {
    pub scores: Vec<Cell>,
    pub self_scores: Vec<Cell>,
    pub frozen: bool,
    pub events: usize,
}

pub fn state(r: &Records) -> State {
    let c = r.covenant();
    let cells = |get: &dyn Fn(usize, usize) -> Cell| {
        (0..c.bloc.members.len())
            .flat_map(|u| (0..c.layout.items.len()).map(move |i| (u, i)))
            .map(|(u, i)| get(u, i))
            .collect::<Vec<_>>()
    };
    State {
        scores: cells(&|u, i| r.cell(u, i)),
        self_scores: cells(&|u, i| r.self_cell(u, i)),
        frozen: r.frozen().is_some(),
        events: r.events().len(),
    }
}

/// Confirms a session of every kind of line: entries with a note, an import batch, a unit's
/// self-scores, a freeze and a reopening, then more entries. Returns what was confirmed.
pub fn confirm_a_session(c: &Covenant, r: &mut Records) -> State {
    let item = |code| c.layout.index_of(code).unwrap();
    r.replace_self_scores(
        1,
        &[(
            item("1"),
            Cell {
                value: Some(value::parse(&c.layout.items[item("1")], "HTXS").unwrap()),
                note: "Biên bản số 12".into(),
                ..Cell::default()
            },
        )],
        "u2.xlsx",
    )
    .unwrap();
    r.apply(&[change(c, "u1", "1", "HTT")]).unwrap();
    let mut noted = change(c, "u3", "3a", "7,5");
    noted.new.note = "Có minh chứng".into();
    r.apply(&[noted]).unwrap();
    let mut batch = vec![
        change(c, "u1", "2", "đ"),
        change(c, "u2", "2", "k"),
        change(c, "u3", "3b", "2"),
    ];
    batch.iter_mut().for_each(|b| b.origin = Origin::Import);
    r.apply(&batch).unwrap();
    r.freeze().unwrap();
    r.reopen("Bổ sung minh chứng").unwrap();
    let mut explained = change(c, "u2", "1", "HT");
    explained.new.reason = "Thiếu báo cáo quý II".into();
    r.apply(&[explained]).unwrap();
    r.apply(&[change(c, "u1", "4", "104,5")]).unwrap();
    state(r)
}

/// Opens the records in `dir`, confirms a session of every kind of line and closes them.
pub fn confirmed_session(c: &Covenant, dir: &Path) -> State {
    let mut r = Records::open(dir, c, Period::MidYear).unwrap();
    confirm_a_session(c, &mut r)
}

pub fn journal(dir: &Path) -> Vec<u8> {
    std::fs::read(dir.join("journal.jsonl")).unwrap()
}

pub fn assert_says(msg: &str, words: &[&str]) {
    for w in words {
        assert!(msg.contains(w), "{w:?} missing from: {msg}");
    }
}

/// Closes `r`, opens the records again, and checks that they open cleanly with exactly what
/// `r` held and their lines numbered without a gap. Returns the reopened records.
pub fn reopen_the_same(c: &Covenant, dir: &Path, r: Records) -> Records {
    let before = state(&r);
    drop(r);
    let r = Records::open(dir, c, Period::MidYear).unwrap();
    assert!(r.notices.is_empty(), "{:?}", r.notices);
    assert_eq!(state(&r), before);
    let seqs: Vec<u64> = r.history().unwrap().iter().map(|l| l.seq()).collect();
    assert_eq!(seqs, (1..=seqs.len() as u64).collect::<Vec<_>>());
    r
}
