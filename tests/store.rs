//! The score store: durable entries, replay, torn lines, damaged snapshots, the lock, and
//! refusals that write nothing.

mod common;
#[path = "support/records.rs"]
mod records;

use std::fs::OpenOptions;
use std::io::Write;

use thidua::model::{Period, Value};
use thidua::store::{Cell, Change, Entry, Line, Origin, Records, StoreError};

use records::{change, setup};

fn journal_len(dir: &std::path::Path) -> u64 {
    std::fs::metadata(dir.join("journal.jsonl")).unwrap().len()
}

#[test]
fn entries_survive_reopening_and_keep_their_history() {
    let (c, tmp) = setup();
    {
        let mut r = Records::open(tmp.path(), &c, Period::MidYear).unwrap();
        r.apply(&[change(&c, "u1", "1", "HTT")]).unwrap();
        r.apply(&[change(&c, "u1", "1", "HTXS")]).unwrap();
        let mut noted = change(&c, "u2", "3a", "7,5");
        noted.new.note = "Có minh chứng".into();
        r.apply(&[noted]).unwrap();
        assert!(r.last_saved().is_some());
    }
    let r = Records::open(tmp.path(), &c, Period::MidYear).unwrap();
    assert!(r.notices.is_empty());
    let i1 = c.layout.index_of("1").unwrap();
    assert_eq!(r.cell(0, i1).value, Some(Value::Level("HTXS".into())));
    assert_eq!(
        r.cell(1, c.layout.index_of("3a").unwrap()).note,
        "Có minh chứng"
    );
    let history: Vec<Entry> = r
        .history()
        .unwrap()
        .into_iter()
        .map(|line| match line {
            Line::Change(e) => e,
            Line::Event(e) => panic!("no event was recorded: {e:?}"),
        })
        .collect();
    assert_eq!(history.len(), 3);
    assert_eq!(history[1].old.value, Some(Value::Level("HTT".into())));
    assert_eq!(history[1].new.value, Some(Value::Level("HTXS".into())));
    assert_eq!(history[1].at.offset().local_minus_utc(), 7 * 3600);
    assert_eq!(history[2].seq, 3);
}

#[test]
fn a_torn_last_line_is_reported_skipped_and_set_aside() {
    let (c, tmp) = setup();
    {
        let mut r = Records::open(tmp.path(), &c, Period::MidYear).unwrap();
        r.apply(&[change(&c, "u1", "1", "HTT")]).unwrap();
    }
    let good = journal_len(tmp.path());
    // A crash in the middle of a write leaves half a line.
    let mut f = OpenOptions::new()
        .append(true)
        .open(tmp.path().join("journal.jsonl"))
        .unwrap();
    f.write_all(br#"{"seq":2,"at":"2026-07-05T09:00:00+07:00","unit":"u1","ite"#)
        .unwrap();
    drop(f);
    let mut r = Records::open(tmp.path(), &c, Period::MidYear).unwrap();
    assert!(matches!(
        r.notices[..],
        [thidua::i18n::Msg::JournalTorn { line: 2 }]
    ));
    assert_eq!(journal_len(tmp.path()), good);
    assert_eq!(
        r.cell(0, c.layout.index_of("1").unwrap()).value,
        Some(Value::Level("HTT".into()))
    );
    // The next entry starts on a clean line and the journal opens cleanly afterwards.
    r.apply(&[change(&c, "u2", "1", "HT")]).unwrap();
    drop(r);
    let r = Records::open(tmp.path(), &c, Period::MidYear).unwrap();
    assert!(r.notices.is_empty());
    assert_eq!(r.history().unwrap().len(), 2);
    let aside = std::fs::read_dir(tmp.path())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with("journal.torn-")
        })
        .count();
    assert_eq!(aside, 1);
}

#[test]
fn damage_inside_the_journal_refuses_to_open() {
    let (c, tmp) = setup();
    {
        let mut r = Records::open(tmp.path(), &c, Period::MidYear).unwrap();
        r.apply(&[change(&c, "u1", "1", "HTT")]).unwrap();
        r.apply(&[change(&c, "u1", "2", "yes")]).unwrap();
    }
    // The snapshot would let opening skip the damaged part; without it the journal is read whole.
    std::fs::remove_file(tmp.path().join("snapshot.json")).unwrap();
    let path = tmp.path().join("journal.jsonl");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replacen("\"seq\":1", "\"seq\":#", 1)).unwrap();
    match Records::open(tmp.path(), &c, Period::MidYear) {
        Err(StoreError::Corrupt { line: 1, .. }) => {}
        other => panic!("expected a corrupt journal, got {:?}", other.map(|_| ())),
    }
}

#[test]
fn a_damaged_snapshot_is_rebuilt_from_the_journal() {
    let (c, tmp) = setup();
    {
        let mut r = Records::open(tmp.path(), &c, Period::MidYear).unwrap();
        r.apply(&[change(&c, "u3", "3a", "2.25")]).unwrap();
    }
    assert!(tmp.path().join("snapshot.json").exists());
    std::fs::write(
        tmp.path().join("snapshot.json"),
        b"{\"journal_len\": 12, \"se",
    )
    .unwrap();
    let r = Records::open(tmp.path(), &c, Period::MidYear).unwrap();
    assert_eq!(r.notices, [thidua::i18n::Msg::SnapshotRebuilt]);
    let i = c.layout.index_of("3a").unwrap();
    assert_eq!(
        r.cell(2, i).value,
        Some(Value::Points("2.25".parse().unwrap()))
    );
}

#[test]
fn the_snapshot_and_the_journal_agree_after_many_entries() {
    let (c, tmp) = setup();
    let steps = ["0", "0.25", "0.5", "0.75", "1"];
    {
        let mut r = Records::open(tmp.path(), &c, Period::MidYear).unwrap();
        for n in 0..1203 {
            r.apply(&[change(&c, ["u1", "u2", "u3"][n % 3], "3a", steps[n % 5])])
                .unwrap();
        }
    }
    let with_snapshot = Records::open(tmp.path(), &c, Period::MidYear)
        .unwrap()
        .sheet()
        .clone();
    std::fs::remove_file(tmp.path().join("snapshot.json")).unwrap();
    let from_journal = Records::open(tmp.path(), &c, Period::MidYear)
        .unwrap()
        .sheet()
        .clone();
    assert_eq!(with_snapshot, from_journal);
    assert_eq!(
        from_journal.get(2, c.layout.index_of("3a").unwrap()),
        Some(&Value::Points("0.5".parse().unwrap()))
    );
}

#[test]
fn a_second_opener_is_refused_and_told_who_holds_the_records() {
    let (c, tmp) = setup();
    let _first = Records::open(tmp.path(), &c, Period::MidYear).unwrap();
    match Records::open(tmp.path(), &c, Period::MidYear) {
        Err(e @ StoreError::Locked { .. }) => {
            let msg = e.msg(thidua::i18n::Lang::Vi);
            assert!(
                msg.contains(&format!("pid {}", std::process::id())),
                "{msg}"
            );
            assert!(msg.contains("đang được mở"), "{msg}");
        }
        other => panic!("expected a lock refusal, got {:?}", other.map(|_| ())),
    }
}

#[test]
fn refused_values_write_nothing() {
    let (c, tmp) = setup();
    let mut r = Records::open(tmp.path(), &c, Period::MidYear).unwrap();
    r.apply(&[change(&c, "u1", "1", "HT")]).unwrap();
    let before = journal_len(tmp.path());
    let item = |code| c.layout.index_of(code).unwrap();
    let bad = [
        (item("3a"), Value::Points("10.5".parse().unwrap())), // above the maximum
        (item("3a"), Value::Points("1.3".parse().unwrap())),  // off the 0.25 step
        (item("1"), Value::Level("XUAT-SAC".into())),         // not a level
        (item("2"), Value::Count(3)),                         // the wrong kind
        (item("6"), Value::Points("5".parse().unwrap())),     // a year-end criterion
    ];
    for (i, v) in bad {
        let good = change(&c, "u2", "1", "HTT");
        let batch = [
            good,
            Change {
                unit: 0,
                item: i,
                new: Cell {
                    value: Some(v.clone()),
                    ..Cell::default()
                },
                origin: Origin::Entry,
            },
        ];
        assert!(r.apply(&batch).is_err(), "{v:?} was accepted");
        assert_eq!(journal_len(tmp.path()), before);
    }
    // The good change in each refused batch was not applied either.
    assert_eq!(r.cell(1, item("1")).value, None);
    assert_eq!(r.cell(0, item("1")).value, Some(Value::Level("HT".into())));
}

#[test]
fn an_import_cut_off_by_a_crash_is_undone_whole() {
    let (c, tmp) = setup();
    {
        let mut r = Records::open(tmp.path(), &c, Period::MidYear).unwrap();
        r.apply(&[change(&c, "u1", "1", "HT")]).unwrap();
        let mut batch: Vec<Change> = ["u1", "u2", "u3"]
            .iter()
            .map(|u| change(&c, u, "2", "yes"))
            .collect();
        batch.iter_mut().for_each(|ch| ch.origin = Origin::Import);
        r.apply(&batch).unwrap();
    }
    std::fs::remove_file(tmp.path().join("snapshot.json")).unwrap();
    // A crash after the first two lines of the three-line batch reached the disk.
    let path = tmp.path().join("journal.jsonl");
    let text = std::fs::read_to_string(&path).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4);
    std::fs::write(&path, format!("{}\n{}\n{}\n", lines[0], lines[1], lines[2])).unwrap();
    let r = Records::open(tmp.path(), &c, Period::MidYear).unwrap();
    assert_eq!(
        r.notices,
        [thidua::i18n::Msg::BatchUndone {
            line: 2,
            written: 2,
            size: 3
        }]
    );
    let i2 = c.layout.index_of("2").unwrap();
    assert!((0..3).all(|u| r.cell(u, i2).value.is_none()));
    assert_eq!(
        r.cell(0, c.layout.index_of("1").unwrap()).value,
        Some(Value::Level("HT".into()))
    );
    assert_eq!(journal_len(tmp.path()), lines[0].len() as u64 + 1);
}

#[test]
fn the_latest_entries_are_kept_across_a_snapshot_for_undo() {
    use thidua::store::records::RECENT;
    let covenant = thidua::store::load_covenant(std::path::Path::new("blocs/khoi-8.ron"))
        .unwrap()
        .covenant;
    let dir = tempfile::tempdir().unwrap();
    let item = covenant.layout.index_of("I.2.2").unwrap();
    {
        let mut records =
            Records::open(dir.path(), &covenant, thidua::model::Period::MidYear).unwrap();
        for n in 0..(RECENT as u32 + 100) {
            let change = Change {
                unit: 0,
                item,
                new: Cell {
                    value: Some(thidua::model::Value::Count(n)),
                    ..Cell::default()
                },
                origin: Origin::Entry,
            };
            records.apply(&[change]).unwrap();
        }
    }
    assert!(dir.path().join("snapshot.json").exists());
    let records = Records::open(dir.path(), &covenant, thidua::model::Period::MidYear).unwrap();
    let recent: Vec<_> = records.recent().collect();
    assert_eq!(recent.len(), RECENT);
    assert_eq!(recent.last().unwrap().seq, RECENT as u64 + 100);
    assert_eq!(recent[0].seq, 101);
    assert!(records.last_saved().is_some());
}
