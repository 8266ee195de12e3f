//! The store under faults: a full disk, a flush that fails, a folder that cannot be written,
//! a journal cut off at any byte, a damaged snapshot, a lock left by a dead process. For each,
//! what the user is told (in both languages) and that no entry confirmed before the fault is
//! lost: the records are opened again and every cell compared with what `apply` had confirmed.
//!
//! The tests run as root in CI, where permissions do not stop a write. Each fault is made with
//! something that fails for root too: `/dev/full` (writes fail with ENOSPC), a pipe (writes
//! are taken, `fdatasync` fails with EINVAL), a file where a folder should be (ENOTDIR), a
//! folder where a file should be (EISDIR).

mod common;
#[path = "support/records.rs"]
mod records;

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::Path;

use thidua::i18n::{Lang, Msg};
use thidua::model::Period;
use thidua::store::{Origin, Records, StoreError};

use records::{
    assert_says, change, confirm_a_session, confirmed_session, journal, reopen_the_same, setup,
    state,
};

/// The journal write was refused, in both languages, naming the journal (and in English the
/// system's reason, when given).
fn assert_journal_write_refused(error: &StoreError, dir: &Path, reason: &[&str]) {
    let journal_path = dir.join("journal.jsonl").display().to_string();
    assert_says(
        &error.msg(Lang::Vi),
        &["không ghi được vào", &journal_path, "giá trị chưa được lưu"],
    );
    let mut words = vec![
        "cannot write to",
        journal_path.as_str(),
        "the value was not saved",
    ];
    words.extend(reason);
    assert_says(&error.msg(Lang::En), &words);
}

/// `/dev/full` opened for writing: every write fails with ENOSPC, as on a full disk.
fn full_disk() -> File {
    OpenOptions::new().append(true).open("/dev/full").unwrap()
}

#[test]
fn dev_full_fails_writes_with_enospc() {
    // The fault the next tests rely on, checked on this machine.
    let error = full_disk().write_all(b"x\n").unwrap_err();
    assert_eq!(error.raw_os_error(), Some(28), "{error}");
}

#[test]
fn a_full_disk_refuses_the_change_says_so_and_keeps_every_confirmed_entry() {
    let (c, tmp) = setup();
    let dir = tmp.path();
    let mut r = Records::open(dir, &c, Period::MidYear).unwrap();
    let confirmed = confirm_a_session(&c, &mut r);
    let on_disk = journal(dir);

    let real = r.swap_journal_file(full_disk());
    let error = r.apply(&[change(&c, "u3", "1", "KHT")]).unwrap_err();
    match &error {
        StoreError::Io { path, error } => {
            assert_eq!(path, &dir.join("journal.jsonl"));
            assert_eq!(error.raw_os_error(), Some(28), "{error}");
        }
        other => panic!("expected a write error, got {other:?}"),
    }
    assert_journal_write_refused(&error, dir, &["No space left on device"]);
    // A batch, a self-score, an event: each refused whole, nothing applied, nothing written.
    let mut batch = vec![change(&c, "u1", "3a", "1"), change(&c, "u2", "3a", "2")];
    batch.iter_mut().for_each(|b| b.origin = Origin::Import);
    assert!(matches!(r.apply(&batch), Err(StoreError::Io { .. })));
    let item2 = c.layout.index_of("2").unwrap();
    let met = change(&c, "u1", "2", "đ").new;
    assert!(matches!(
        r.replace_self_scores(0, &[(item2, met)], "u1.xlsx"),
        Err(StoreError::Io { .. })
    ));
    assert!(matches!(r.freeze(), Err(StoreError::Io { .. })));
    assert_eq!(state(&r), confirmed);
    assert_eq!(journal(dir), on_disk);

    // Room again: the next entry is saved after the last confirmed one, numbered on from it.
    r.swap_journal_file(real);
    r.apply(&[change(&c, "u3", "1", "KHT")]).unwrap();
    let after = state(&reopen_the_same(&c, dir, r));
    // Every cell confirmed before the fault is still what it was.
    let changed =
        c.unit_index("u3").unwrap() * c.layout.items.len() + c.layout.index_of("1").unwrap();
    for (n, (now, then)) in after.scores.iter().zip(&confirmed.scores).enumerate() {
        if n != changed {
            assert_eq!(now, then, "cell {n}");
        }
    }
}

/// The write end of a pipe as a `File`, and its read end: writes are taken, but flushing them
/// to disk (`fdatasync`) fails with EINVAL, as a disk that reports an error on the flush does.
fn unflushable() -> (File, std::io::PipeReader) {
    let (reader, writer) = std::io::pipe().unwrap();
    (File::from(std::os::fd::OwnedFd::from(writer)), reader)
}

#[test]
fn a_write_taken_but_not_flushed_is_refused_says_so_and_keeps_every_confirmed_entry() {
    use std::io::Read;
    let (c, tmp) = setup();
    let dir = tmp.path();
    let mut r = Records::open(dir, &c, Period::MidYear).unwrap();
    let confirmed = confirm_a_session(&c, &mut r);
    let on_disk = journal(dir);

    let (pipe, mut taken) = unflushable();
    let real = r.swap_journal_file(pipe);
    let error = r.apply(&[change(&c, "u3", "1", "KHT")]).unwrap_err();
    match &error {
        StoreError::Io { error, .. } => assert_eq!(error.raw_os_error(), Some(22), "{error}"),
        other => panic!("expected a flush error, got {other:?}"),
    }
    // The line was written: it is the flush that failed, and that is enough to refuse it.
    drop(r.swap_journal_file(real));
    let mut written = String::new();
    taken.read_to_string(&mut written).unwrap();
    assert!(written.contains("KHT"), "{written:?}");
    assert_journal_write_refused(&error, dir, &[]);
    // The refused value is not shown as entered, and the journal is as it was.
    assert_eq!(state(&r), confirmed);
    assert_eq!(journal(dir), on_disk);

    // The same entry again, now flushed: saved, and every earlier one is still there.
    r.apply(&[change(&c, "u3", "1", "KHT")]).unwrap();
    let r = reopen_the_same(&c, dir, r);
    let u3 = c.unit_index("u3").unwrap();
    let item = c.layout.index_of("1").unwrap();
    assert_eq!(r.cell(u3, item), change(&c, "u3", "1", "KHT").new);
}

#[test]
fn a_full_disk_when_the_records_are_closed_loses_nothing() {
    let (c, tmp) = setup();
    let dir = tmp.path();
    let confirmed = {
        let mut r = Records::open(dir, &c, Period::MidYear).unwrap();
        let confirmed = confirm_a_session(&c, &mut r);
        // The snapshot is written on closing; a folder in its place makes that write fail
        // (the written file cannot take the name), as a full disk would.
        std::fs::create_dir_all(dir.join("snapshot.json/in-the-way")).unwrap();
        let error = r.write_snapshot().unwrap_err();
        assert_says(
            &error.msg(Lang::Vi),
            &["không ghi được vào", "snapshot.json"],
        );
        assert_says(&error.msg(Lang::En), &["cannot write to", "snapshot.json"]);
        confirmed
    };
    // The failed write left no temporary file behind.
    std::fs::remove_dir_all(dir.join("snapshot.json")).unwrap();
    let mut left: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(left, ["journal.jsonl", "lock"]);
    let r = Records::open(dir, &c, Period::MidYear).unwrap();
    assert!(r.notices.is_empty(), "{:?}", r.notices);
    assert_eq!(state(&r), confirmed);
}

#[test]
fn a_folder_that_cannot_be_written_refuses_to_open_and_says_where() {
    // Root writes through any permission; what stands for a folder that cannot be written is
    // a path through a regular file: creating the session's folder fails with ENOTDIR.
    let (c, tmp) = setup();
    let data = tmp.path().join("records");
    std::fs::write(&data, b"not a folder").unwrap();
    let dir = data.join("b/2026/mid-year");
    let error = match Records::open(&dir, &c, Period::MidYear) {
        Err(e @ StoreError::Io { .. }) => e,
        other => panic!("expected a write error, got {:?}", other.map(|_| ())),
    };
    let shown = dir.display().to_string();
    assert_says(
        &error.msg(Lang::Vi),
        &["không ghi được vào", &shown, "chưa được lưu"],
    );
    assert_says(
        &error.msg(Lang::En),
        &["cannot write to", &shown, "Not a directory"],
    );
    assert_eq!(std::fs::read(&data).unwrap(), b"not a folder");
}

#[test]
fn records_whose_folder_holds_anything_but_plain_files_are_refused_and_kept() {
    // A folder where the lock should be: opening touches nothing beside it and names it.
    let (c, tmp) = setup();
    let dir = tmp.path();
    let confirmed = confirmed_session(&c, dir);
    let before = journal(dir);
    std::fs::remove_file(dir.join("lock")).unwrap();
    std::fs::create_dir(dir.join("lock")).unwrap();
    let error = match Records::open(dir, &c, Period::MidYear) {
        Err(e @ StoreError::NotPlainFile { .. }) => e,
        other => panic!("expected a refusal, got {:?}", other.map(|_| ())),
    };
    let lock = dir.join("lock").display().to_string();
    assert_says(&error.msg(Lang::Vi), &[&lock, "không phải là tệp thường"]);
    assert_says(&error.msg(Lang::En), &[&lock, "is not a plain file"]);
    assert_eq!(journal(dir), before);

    std::fs::remove_dir(dir.join("lock")).unwrap();
    let r = Records::open(dir, &c, Period::MidYear).unwrap();
    assert!(r.notices.is_empty(), "{:?}", r.notices);
    assert_eq!(state(&r), confirmed);
}

/// Lines of the journal with their byte ranges.
fn line_ends(bytes: &[u8]) -> Vec<usize> {
    bytes
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == b'\n')
        .map(|(n, _)| n + 1)
        .collect()
}

#[test]
fn a_journal_cut_anywhere_in_its_last_writes_keeps_every_whole_change_before_the_cut() {
    // A crash or power cut can end the journal anywhere in the last write. The session's last
    // two writes are an entry and a three-line import batch; the journal is cut throughout
    // them, from the start of the entry to the end of the file.
    let (c, tmp) = setup();
    let base = tmp.path().join("base");
    let (before_entry, before_batch, full) = {
        let mut r = Records::open(&base, &c, Period::MidYear).unwrap();
        let first = confirm_a_session(&c, &mut r);
        r.apply(&[change(&c, "u2", "3a", "9,25")]).unwrap();
        let second = state(&r);
        let mut batch = vec![
            change(&c, "u1", "5", "88"),
            change(&c, "u2", "5", "91,5"),
            change(&c, "u3", "5", "100"),
        ];
        batch.iter_mut().for_each(|b| b.origin = Origin::Import);
        r.apply(&batch).unwrap();
        (first, second, state(&r))
    };
    let bytes = journal(&base);
    let ends = line_ends(&bytes);
    let lines = ends.len();
    // The entry is line lines-3, the batch the last three lines.
    let entry_start = ends[lines - 5];
    let entry_end = ends[lines - 4];
    let first_batch_line = ends[lines - 3];
    // Each cut costs a few flushes to disk: every line's edges and a byte in every seven
    // between them keep this quick while cutting inside every field of every line.
    let cuts = (entry_start..=bytes.len()).filter(|cut| {
        cut % 7 == 0 || ends.iter().any(|end| cut.abs_diff(*end) <= 1) || *cut == entry_start
    });
    for cut in cuts {
        let dir = tmp.path().join(format!("cut-{cut}"));
        std::fs::create_dir(&dir).unwrap();
        // No snapshot: opening reads the whole journal, as after a crash before any snapshot.
        std::fs::write(dir.join("journal.jsonl"), &bytes[..cut]).unwrap();
        let r = Records::open(&dir, &c, Period::MidYear)
            .unwrap_or_else(|e| panic!("cut at {cut}: {}", e.msg(Lang::En)));
        let expected = if cut < entry_end {
            &before_entry
        } else if cut < bytes.len() {
            &before_batch
        } else {
            &full
        };
        assert_eq!(&state(&r), expected, "cut at {cut}");
        let on_a_line_end = ends.contains(&cut);
        let torn = r
            .notices
            .iter()
            .any(|n| matches!(n, Msg::JournalTorn { .. }));
        let undone = r
            .notices
            .iter()
            .any(|n| matches!(n, Msg::BatchUndone { .. }));
        assert_eq!(torn, !on_a_line_end, "cut at {cut}: {:?}", r.notices);
        assert_eq!(
            undone,
            cut >= first_batch_line && cut < bytes.len(),
            "cut at {cut}: {:?}",
            r.notices
        );
        // The journal now ends on the last whole change; what was cut off is kept beside it.
        let kept = journal(&dir);
        assert!(kept.is_empty() || kept.ends_with(b"\n"), "cut at {cut}");
        assert!(bytes.starts_with(&kept), "cut at {cut}");
        let aside: usize = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap())
            .filter(|e| e.file_name().to_string_lossy().starts_with("journal.torn-"))
            .map(|e| e.metadata().unwrap().len() as usize)
            .sum();
        assert_eq!(kept.len() + aside, cut, "cut at {cut}");
        drop(r);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

#[test]
fn zeros_left_by_a_power_cut_after_the_last_line_are_set_aside() {
    // A file system that had grown the file but not yet written its data leaves zeros.
    let (c, tmp) = setup();
    let dir = tmp.path();
    let confirmed = confirmed_session(&c, dir);
    let good = journal(dir);
    let lines = line_ends(&good).len();
    let mut f = OpenOptions::new()
        .append(true)
        .open(dir.join("journal.jsonl"))
        .unwrap();
    f.write_all(&[0u8; 300]).unwrap();
    drop(f);
    let mut r = Records::open(dir, &c, Period::MidYear).unwrap();
    assert_eq!(r.notices, [Msg::JournalTorn { line: lines + 1 }]);
    let line = (lines + 1).to_string();
    assert_says(
        &Lang::Vi.msg(&r.notices[0]),
        &[&line, "bị ghi dở", "mọi giá trị đã lưu trước đó vẫn còn"],
    );
    assert_says(
        &Lang::En.msg(&r.notices[0]),
        &[&line, "cut off", "every value saved before it is intact"],
    );
    assert_eq!(state(&r), confirmed);
    assert_eq!(journal(dir), good);
    r.apply(&[change(&c, "u3", "2", "đ")]).unwrap();
    reopen_the_same(&c, dir, r);
}

#[test]
fn a_snapshot_full_of_garbage_is_rebuilt_and_nothing_is_lost() {
    let (c, tmp) = setup();
    let base = tmp.path().join("base");
    let confirmed = confirmed_session(&c, &base);
    let journal_bytes = journal(&base);
    let real = std::fs::read(base.join("snapshot.json")).unwrap();
    let longer = String::from_utf8(real.clone()).unwrap().replacen(
        "\"journal_len\":",
        "\"journal_len\":9",
        1,
    );
    let garbage: Vec<u8> = (0..4096u32)
        .map(|n| (n.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    let cases: [(&str, Vec<u8>); 5] = [
        ("binary garbage", garbage),
        ("zeros", vec![0; real.len()]),
        ("cut in half", real[..real.len() / 2].to_vec()),
        ("JSON of another shape", b"[1, 2, 3]".to_vec()),
        ("longer than the journal", longer.into_bytes()),
    ];
    for (what, snapshot) in cases {
        let dir = tmp.path().join(what.replace(' ', "-"));
        std::fs::create_dir(&dir).unwrap();
        std::fs::write(dir.join("journal.jsonl"), &journal_bytes).unwrap();
        std::fs::write(dir.join("snapshot.json"), &snapshot).unwrap();
        {
            let r = Records::open(&dir, &c, Period::MidYear)
                .unwrap_or_else(|e| panic!("{what}: {}", e.msg(Lang::En)));
            assert_eq!(r.notices, [Msg::SnapshotRebuilt], "{what}");
            assert_says(
                &Lang::Vi.msg(&r.notices[0]),
                &["không khớp với nhật ký", "dựng lại từ nhật ký"],
            );
            assert_says(
                &Lang::En.msg(&r.notices[0]),
                &["did not match the journal", "rebuilt from the journal"],
            );
            assert_eq!(state(&r), confirmed, "{what}");
        }
        // Closing wrote a sound snapshot again.
        let r = Records::open(&dir, &c, Period::MidYear).unwrap();
        assert!(r.notices.is_empty(), "{what}: {:?}", r.notices);
        assert_eq!(state(&r), confirmed, "{what}");
        assert_eq!(journal(&dir), journal_bytes, "{what}");
    }
}

#[test]
fn a_lock_left_by_a_dead_process_does_not_block_and_is_taken_over() {
    let (c, tmp) = setup();
    let dir = tmp.path();
    let confirmed = confirmed_session(&c, dir);
    // A program killed while it held the records: its line stays in the file, but the
    // operating system's lock went with the process. The pid is above Linux's highest.
    let stale =
        "thidua, pid 4194305, may-cu, 2026-06-20 09:14:05+07:00 and more text than a fresh line";
    std::fs::write(dir.join("lock.holder"), stale).unwrap();
    let r = Records::open(dir, &c, Period::MidYear)
        .unwrap_or_else(|e| panic!("a stale lock blocked opening: {}", e.msg(Lang::En)));
    assert!(r.notices.is_empty(), "{:?}", r.notices);
    assert_eq!(state(&r), confirmed);
    let line = std::fs::read_to_string(dir.join("lock.holder")).unwrap();
    let me = format!("thidua, pid {}", std::process::id());
    assert!(line.starts_with(&me), "{line}");
    assert!(
        !line.contains("4194305") && !line.contains("more text"),
        "{line}"
    );

    // Now held by a live opener: a second one is refused and told who holds the records, not
    // the dead holder; refusing writes nothing.
    let before = journal(dir);
    let error = match Records::open(dir, &c, Period::MidYear) {
        Err(e @ StoreError::Locked { .. }) => e,
        other => panic!("expected a lock refusal, got {:?}", other.map(|_| ())),
    };
    let shown = dir.display().to_string();
    assert_says(
        &error.msg(Lang::Vi),
        &[
            &shown,
            "đang được mở ở nơi khác",
            &me,
            "hãy đóng phiên đó trước",
        ],
    );
    assert_says(
        &error.msg(Lang::En),
        &[
            &shown,
            "are open elsewhere",
            &me,
            "close that session first",
        ],
    );
    assert!(!error.msg(Lang::En).contains("4194305"));
    assert_eq!(journal(dir), before);
    assert_eq!(
        std::fs::read_to_string(dir.join("lock.holder")).unwrap(),
        line
    );
    drop(r);
}
