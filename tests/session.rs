//! The session's records beyond single scores: the units' self-scores, the reason a bloc score
//! differs from one, freezing and reopening, and the members' votes, each kept across reopening
//! (from the journal alone and from a snapshot).

mod common;

use thidua::model::{Ballot, Covenant, Period, Tally, Value, value};
use thidua::session::{Refusal, Session};
use thidua::store::{Cell, Change, EventKind, Layer, Line, Origin, Records, StoreError};

use common::{SCHEME, bloc, covenant, targets};

fn setup() -> (Covenant, tempfile::TempDir) {
    (
        covenant(SCHEME, &bloc(3, &targets(3))),
        tempfile::tempdir().unwrap(),
    )
}

fn cell(c: &Covenant, item: &str, text: &str) -> Cell {
    let i = c.layout.index_of(item).unwrap();
    Cell {
        value: Some(value::parse(&c.layout.items[i], text).unwrap()),
        ..Cell::default()
    }
}

fn change(c: &Covenant, unit: &str, item: &str, text: &str, reason: &str) -> Change {
    Change {
        unit: c.unit_index(unit).unwrap(),
        item: c.layout.index_of(item).unwrap(),
        new: Cell {
            reason: reason.into(),
            ..cell(c, item, text)
        },
        origin: Origin::Entry,
    }
}

fn self_scores(c: &Covenant, scores: &[(&str, &str, &str)]) -> Vec<(usize, Cell)> {
    scores
        .iter()
        .map(|(item, text, evidence)| {
            (
                c.layout.index_of(item).unwrap(),
                Cell {
                    note: (*evidence).into(),
                    ..cell(c, item, text)
                },
            )
        })
        .collect()
}

/// A session on the records in `dir`, as the screen and the commands open one.
fn session(dir: &std::path::Path, c: &Covenant, period: Period) -> Session {
    Session::new(Box::new(Records::open(dir, c, period).unwrap())).unwrap()
}

fn journal(dir: &std::path::Path) -> Vec<u8> {
    std::fs::read(dir.join("journal.jsonl")).unwrap_or_default()
}

/// Checks the records as reopened twice: from a snapshot, and from the journal alone.
fn reopened(c: &Covenant, dir: &std::path::Path, period: Period, check: impl Fn(&Records)) {
    {
        let mut r = Records::open(dir, c, period).unwrap();
        r.write_snapshot().unwrap();
    }
    let from_snapshot = Records::open(dir, c, period).unwrap();
    assert!(
        from_snapshot.notices.is_empty(),
        "{:?}",
        from_snapshot.notices
    );
    check(&from_snapshot);
    drop(from_snapshot);
    std::fs::remove_file(dir.join("snapshot.json")).unwrap();
    let from_journal = Records::open(dir, c, period).unwrap();
    assert!(
        from_journal.notices.is_empty(),
        "{:?}",
        from_journal.notices
    );
    check(&from_journal);
}

#[test]
fn self_scores_are_a_layer_apart_and_a_newer_file_replaces_them() {
    let (c, tmp) = setup();
    let i1 = c.layout.index_of("1").unwrap();
    let i2 = c.layout.index_of("2").unwrap();
    {
        let mut r = Records::open(tmp.path(), &c, Period::MidYear).unwrap();
        let written = r
            .replace_self_scores(
                0,
                &self_scores(&c, &[("1", "HTXS", "BC số 12"), ("2", "yes", "")]),
                "p1-v1.xlsx",
            )
            .unwrap();
        assert_eq!(written.len(), 2);
        assert!(
            written
                .iter()
                .all(|e| e.layer == Layer::SelfScore && e.source == "p1-v1.xlsx")
        );
        // The bloc's scores are untouched.
        assert_eq!(r.cell(0, i1), Cell::default());
        assert!(r.sheet().row(0).iter().all(Option::is_none));
        assert_eq!(r.self_cell(0, i1).value, Some(Value::Level("HTXS".into())));
        assert_eq!(r.self_cell(0, i1).note, "BC số 12");
        // The newer file leaves criterion 2 blank and lowers criterion 1.
        let written = r
            .replace_self_scores(0, &self_scores(&c, &[("1", "HTT", "")]), "p1-v2.xlsx")
            .unwrap();
        assert_eq!(written.len(), 2);
        assert_eq!(written[0].old.value, Some(Value::Level("HTXS".into())));
        // The same file again changes nothing and writes nothing.
        let before = journal(tmp.path());
        let again = r
            .replace_self_scores(0, &self_scores(&c, &[("1", "HTT", "")]), "p1-v2.xlsx")
            .unwrap();
        assert!(again.is_empty());
        assert_eq!(journal(tmp.path()), before);
    }
    reopened(&c, tmp.path(), Period::MidYear, |r| {
        assert_eq!(r.self_cell(0, i1).value, Some(Value::Level("HTT".into())));
        assert_eq!(r.self_cell(0, i2), Cell::default());
        assert!(r.has_self_scores());
        assert!(r.sheet().row(0).iter().all(Option::is_none));
        // Self-scores are not the bloc's changes to undo.
        assert_eq!(r.recent().count(), 0);
    });
}

#[test]
fn a_bad_self_score_refuses_the_whole_file() {
    let (c, tmp) = setup();
    let mut r = Records::open(tmp.path(), &c, Period::MidYear).unwrap();
    let mut cells = self_scores(&c, &[("1", "HTXS", "")]);
    // Criterion 6 is scored at year-end only.
    cells.push((c.layout.index_of("6").unwrap(), cell(&c, "6", "5")));
    let refused = r.replace_self_scores(1, &cells, "p2.xlsx").unwrap_err();
    assert!(matches!(refused, StoreError::NotThisPeriod { ref item } if item == "6"));
    assert!(!r.has_self_scores());
    assert!(journal(tmp.path()).is_empty());
}

#[test]
fn a_score_that_differs_from_the_self_score_needs_a_reason() {
    let (c, tmp) = setup();
    let i1 = c.layout.index_of("1").unwrap();
    let i3a = c.layout.index_of("3a").unwrap();
    {
        let mut s = session(tmp.path(), &c, Period::MidYear);
        s.import_self_scores(
            0,
            &self_scores(&c, &[("1", "HTXS", ""), ("3a", "8", "")]),
            "p1.csv",
        )
        .unwrap();
        let before = journal(tmp.path());
        let refused = s
            .import(vec![change(&c, "u1", "1", "HTT", "")])
            .unwrap_err();
        assert!(
            matches!(refused, Refusal::ReasonRequired { ref unit, ref item } if unit == "u1" && item == "1")
        );
        assert_eq!(journal(tmp.path()), before, "nothing written");
        assert_eq!(s.cell(0, i1), Cell::default());
        // A blank reason is no reason, entered or imported.
        assert!(s.import(vec![change(&c, "u1", "1", "HTT", "  ")]).is_err());
        let htt = cell(&c, "1", "HTT").value.unwrap();
        assert!(matches!(
            s.enter(0, i1, htt.clone(), " "),
            Err(Refusal::ReasonRequired { .. })
        ));
        s.enter(0, i1, htt, "Chưa có văn bản chứng minh HTXS")
            .unwrap();
        // The same value as the self-score needs no reason; nor does accepting it.
        s.enter(0, i3a, cell(&c, "3a", "8").value.unwrap(), "")
            .unwrap();
        s.clear(0, i3a).unwrap();
        s.accept(&[(0, i3a)]).unwrap();
        // A unit without self-scores is scored freely.
        s.import(vec![change(&c, "u2", "1", "HT", "")]).unwrap();
        assert!(s.records().unexplained().is_empty());
    }
    reopened(&c, tmp.path(), Period::MidYear, |r| {
        assert_eq!(r.cell(0, i1).reason, "Chưa có văn bản chứng minh HTXS");
        assert_eq!(
            r.cell(0, i3a).value,
            Some(Value::Points("8".parse().unwrap()))
        );
        let history = r.cell_history(0, i1).unwrap();
        assert_eq!(history.len(), 2);
        assert_eq!(history[0].layer, Layer::SelfScore);
        assert_eq!(history[0].source, "p1.csv");
        assert_eq!(history[1].layer, Layer::Bloc);
        assert_eq!(history[1].new.reason, "Chưa có văn bản chứng minh HTXS");
    });
}

#[test]
fn scores_entered_before_the_self_scores_arrived_are_listed_unexplained() {
    let (c, tmp) = setup();
    let mut r = Records::open(tmp.path(), &c, Period::MidYear).unwrap();
    r.apply(&[change(&c, "u1", "1", "HTT", "")]).unwrap();
    r.replace_self_scores(0, &self_scores(&c, &[("1", "HTXS", "")]), "p1.csv")
        .unwrap();
    let i1 = c.layout.index_of("1").unwrap();
    assert_eq!(r.unexplained(), vec![(0, i1)]);
    // A note added to the cell is not a new value: no reason asked.
    r.apply(&[Change {
        new: Cell {
            note: "Xem lại".into(),
            ..r.cell(0, i1)
        },
        ..change(&c, "u1", "1", "HTT", "")
    }])
    .unwrap();
    // Giving the reason clears it.
    r.apply(&[Change {
        new: Cell {
            reason: "Khối thống nhất HTT".into(),
            ..r.cell(0, i1)
        },
        ..change(&c, "u1", "1", "HTT", "")
    }])
    .unwrap();
    assert!(r.unexplained().is_empty());
}

#[test]
fn frozen_results_refuse_changes_until_reopened_with_a_reason() {
    let (c, tmp) = setup();
    let i1 = c.layout.index_of("1").unwrap();
    let htxs = || cell(&c, "1", "HTXS").value.unwrap();
    {
        let mut s = session(tmp.path(), &c, Period::MidYear);
        s.enter(0, i1, cell(&c, "1", "HTT").value.unwrap(), "")
            .unwrap();
        assert!(s.records().frozen().is_none());
        s.freeze().unwrap();
        assert!(matches!(s.freeze(), Err(Refusal::AlreadyFrozen)));
    }
    {
        let mut s = session(tmp.path(), &c, Period::MidYear);
        assert!(s.records().frozen().is_some(), "frozen across reopening");
        let before = journal(tmp.path());
        let refused = s.enter(0, i1, htxs(), "").unwrap_err();
        assert!(matches!(refused, Refusal::Frozen { .. }));
        assert!(matches!(s.clear(0, i1), Err(Refusal::Frozen { .. })));
        assert!(matches!(s.note(0, i1, "x"), Err(Refusal::Frozen { .. })));
        assert!(matches!(
            s.import(vec![change(&c, "u1", "1", "HTXS", "")]),
            Err(Refusal::Frozen { .. })
        ));
        let refused = s
            .import_self_scores(1, &self_scores(&c, &[("1", "HTT", "")]), "late.xlsx")
            .unwrap_err();
        assert!(matches!(refused, Refusal::Frozen { .. }));
        assert!(matches!(s.reopen("   "), Err(Refusal::ReopenWithoutReason)));
        assert_eq!(journal(tmp.path()), before, "nothing written");
        s.reopen("Phường 2 bổ sung minh chứng").unwrap();
        assert!(matches!(s.reopen("lại"), Err(Refusal::NotFrozen)));
        s.enter(0, i1, htxs(), "").unwrap();
    }
    reopened(&c, tmp.path(), Period::MidYear, |r| {
        assert!(r.frozen().is_none());
        let kinds: Vec<EventKind> = r.events().iter().map(|e| e.event.clone()).collect();
        assert_eq!(
            kinds,
            [
                EventKind::Freeze,
                EventKind::Reopen {
                    reason: "Phường 2 bổ sung minh chứng".into()
                }
            ]
        );
        let lines = r.history().unwrap();
        assert_eq!(lines.len(), 4);
        assert!(matches!(&lines[1], Line::Event(e) if e.event == EventKind::Freeze));
        assert_eq!(
            lines.iter().map(Line::seq).collect::<Vec<_>>(),
            [1, 2, 3, 4]
        );
        assert_eq!(
            r.cell(0, c.layout.index_of("1").unwrap()).value,
            Some(Value::Level("HTXS".into()))
        );
    });
}

#[test]
fn votes_are_kept_per_award_latest_first_and_only_at_year_end() {
    let (c, tmp) = setup();
    let ballot = |present, votes| Ballot {
        award: "bk".into(),
        present,
        tally: vec![Tally {
            unit: "u1".into(),
            votes,
        }],
    };
    // Each session in a folder of its own, as `records/<bloc>/<year>/<period>` are.
    let end = tmp.path().join("year-end");
    {
        let mut mid = session(&tmp.path().join("mid"), &c, Period::MidYear);
        assert!(matches!(
            mid.vote(ballot(3, 2)),
            Err(Refusal::VotesAtYearEndOnly)
        ));
        let mut s = session(&end, &c, Period::YearEnd);
        s.freeze().unwrap();
        // The vote follows the frozen scores.
        s.vote(ballot(3, 2)).unwrap();
        assert!(matches!(
            s.vote(ballot(3, 4)),
            Err(Refusal::Store(StoreError::Ballot(_)))
        ));
        s.vote(ballot(3, 3)).unwrap();
        assert_eq!(s.records().ballots(), vec![ballot(3, 3)]);
    }
    reopened(&c, &end, Period::YearEnd, |r| {
        assert_eq!(r.ballots(), vec![ballot(3, 3)]);
        assert!(r.frozen().is_some());
    });
}

#[test]
fn each_accepted_change_is_announced_with_its_results_and_a_refusal_is_not() {
    let (c, tmp) = setup();
    let i1 = c.layout.index_of("1").unwrap();
    let mut s = session(tmp.path(), &c, Period::MidYear);
    let feed = s.follow();
    let before = s.results().units[0].total;
    s.enter(0, i1, cell(&c, "1", "HTXS").value.unwrap(), "")
        .unwrap();
    let heard = feed.try_recv().expect("the entry is announced");
    assert_eq!(
        heard.changed,
        thidua::session::Changed::Cell {
            unit: 0,
            item: i1,
            how: thidua::session::CellChange::Entered
        }
    );
    assert_eq!(heard.results, *s.results());
    assert!(heard.results.units[0].total > before);
    s.freeze().unwrap();
    assert!(matches!(
        feed.try_recv().unwrap().changed,
        thidua::session::Changed::Frozen { .. }
    ));
    assert!(s.clear(0, i1).is_err());
    assert!(
        feed.try_recv().is_err(),
        "a refused change is not announced"
    );
    // A follower that has gone away is forgotten; the session goes on.
    drop(feed);
    s.reopen("Sửa lại").unwrap();
    s.undo().unwrap();
    assert_eq!(s.cell(0, i1).value, None);
}

#[test]
fn sections_are_written_while_frozen_locked_by_a_signed_final_and_kept_in_the_journal() {
    let (c, tmp) = setup();
    let record = tmp.path().join("khoi-2026-mid-year-v1.ron");
    std::fs::write(&record, "Record()").unwrap();
    {
        let mut s = session(tmp.path(), &c, Period::MidYear);
        s.write_section("ket-qua-noi-bat", "Bản đầu.").unwrap();
        s.freeze().unwrap();
        // Freezing locks scores, not the meeting's words: written as typed, kept in NFC.
        s.write_section(
            "ket-qua-noi-bat",
            "Các đơn vị  \r\nđã hoa\u{300}n thành.\r\n\r\n- Phường 1\r\n",
        )
        .unwrap();
        assert_eq!(
            s.section("ket-qua-noi-bat"),
            "Các đơn vị\nđã hoàn thành.\n\n- Phường 1"
        );
        // A section the period does not have, or a text with a control character, is refused
        // and nothing is written.
        let before = journal(tmp.path());
        assert!(matches!(
            s.write_section("phuong-huong-nam-sau", "x"),
            Err(Refusal::Store(StoreError::UnknownSection(_)))
        ));
        assert!(matches!(
            s.write_section("phuong-huong", "a\u{1b}[2J"),
            Err(Refusal::Store(StoreError::SectionText { .. }))
        ));
        assert_eq!(journal(tmp.path()), before);
        // A signed final version locks them until the results are reopened.
        s.record_issued(1, false, &record).unwrap();
        let signed = journal(tmp.path());
        assert!(matches!(
            s.write_section("phuong-huong", "Muộn."),
            Err(Refusal::SignedFinal { version: 1 })
        ));
        assert_eq!(journal(tmp.path()), signed);
        s.reopen("Bổ sung phương hướng").unwrap();
        s.write_section("phuong-huong", "Tiếp tục.").unwrap();
    }
    reopened(&c, tmp.path(), Period::MidYear, |r| {
        assert_eq!(
            r.section("ket-qua-noi-bat"),
            "Các đơn vị\nđã hoàn thành.\n\n- Phường 1"
        );
        assert_eq!(r.section("phuong-huong"), "Tiếp tục.");
        assert_eq!(r.section("ton-tai-han-che"), "");
        // Each version is a line of the journal: the history holds both of the first section.
        let versions = r
            .events()
            .iter()
            .filter(
                |e| matches!(&e.event, EventKind::Section { id, .. } if id == "ket-qua-noi-bat"),
            )
            .count();
        assert_eq!(versions, 2);
    });
}

#[test]
fn next_years_head_and_deputy_are_elected_at_year_end_with_a_possible_vote() {
    use thidua::model::election::{Election, ElectionError, ElectionVote};
    let (c, tmp) = setup();
    let elect = |head: &str, deputy: &str, vote: Option<ElectionVote>| Election {
        head: head.into(),
        deputy: deputy.into(),
        vote,
    };
    {
        let mid = tempfile::tempdir().unwrap();
        let mut s = session(mid.path(), &c, Period::MidYear);
        assert!(matches!(
            s.elect(elect("u2", "u3", None)),
            Err(Refusal::ElectionAtYearEndOnly)
        ));
    }
    let mut s = session(tmp.path(), &c, Period::YearEnd);
    for (bad, why) in [
        (
            elect("u9", "u3", None),
            ElectionError::UnknownUnit("u9".into()),
        ),
        (elect("u2", "u2", None), ElectionError::SameUnit),
        (
            elect(
                "u2",
                "u3",
                Some(ElectionVote {
                    present: 3,
                    head: 4,
                    deputy: 1,
                }),
            ),
            ElectionError::MoreVotesThanPresent {
                votes: 4,
                present: 3,
            },
        ),
    ] {
        match s.elect(bad) {
            Err(Refusal::Store(StoreError::Election(e))) => assert_eq!(e, why),
            other => panic!("{other:?}"),
        }
    }
    assert!(s.election().is_none());
    // Recorded while frozen, as the meeting's words are; a later election replaces it.
    s.freeze().unwrap();
    s.elect(elect("u2", "u3", None)).unwrap();
    let vote = ElectionVote {
        present: 3,
        head: 3,
        deputy: 2,
    };
    s.elect(elect("u3", "u1", Some(vote))).unwrap();
    drop(s);
    reopened(&c, tmp.path(), Period::YearEnd, |r| {
        assert_eq!(r.election(), Some(&elect("u3", "u1", Some(vote))));
    });
}
