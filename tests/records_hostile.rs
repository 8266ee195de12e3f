//! A session's records handled by someone careless or hostile: a snapshot edited or pointing
//! inside a line, a journal line changed by hand, values no scale allows, links planted in the
//! records' folder, two repairs in one second. The journal stays the only source of truth: each
//! case is said on opening, in both languages, and nothing confirmed is lost or changed behind
//! the journal's back.

mod common;
#[path = "support/records.rs"]
mod records;

use std::path::Path;

use thidua::i18n::{Lang, Msg};
use thidua::model::Period;
use thidua::store::{Records, StoreError, sha256_hex};

use records::{
    assert_says, change, confirm_a_session, confirmed_session, journal, reopen_the_same, setup,
    state,
};

/// The snapshot's body (after its digest line), as JSON.
fn snapshot_body(dir: &Path) -> serde_json::Value {
    let bytes = std::fs::read(dir.join("snapshot.json")).unwrap();
    let newline = bytes.iter().position(|&b| b == b'\n').unwrap();
    serde_json::from_slice(&bytes[newline + 1..]).unwrap()
}

/// Writes a snapshot body with a digest that matches it: a forger who knows the format.
fn write_snapshot_body(dir: &Path, body: &serde_json::Value) {
    let body = serde_json::to_vec(body).unwrap();
    let mut bytes = sha256_hex(&body).into_bytes();
    bytes.push(b'\n');
    bytes.extend_from_slice(&body);
    std::fs::write(dir.join("snapshot.json"), bytes).unwrap();
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_snapshot_pointing_inside_a_line_is_ignored_and_nothing_is_cut() {
    let (c, tmp) = setup();
    let dir = tmp.path();
    let confirmed = confirmed_session(&c, dir);
    let good = journal(dir);
    // Every offset inside the last two lines, the digest made to match each time.
    let last_two = good[..good.len() - 1]
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == b'\n')
        .map(|(i, _)| i)
        .rev()
        .nth(1)
        .unwrap();
    let mut body = snapshot_body(dir);
    for len in (last_two + 2..good.len()).step_by(17) {
        body["journal_len"] = serde_json::json!(len);
        write_snapshot_body(dir, &body);
        let r = Records::open(dir, &c, Period::MidYear).unwrap();
        assert_eq!(r.notices, [Msg::SnapshotRebuilt], "at byte {len}");
        assert_eq!(state(&r), confirmed, "at byte {len}");
        drop(r);
        assert_eq!(journal(dir), good, "at byte {len}: nothing was cut");
        assert!(!names(dir).iter().any(|n| n.starts_with("journal.torn")));
    }
    // The next entry starts on a line of its own, and everything reopens cleanly.
    let mut r = Records::open(dir, &c, Period::MidYear).unwrap();
    r.apply(&[change(&c, "u3", "2", "đ")]).unwrap();
    reopen_the_same(&c, dir, r);
}

#[test]
fn a_cell_edited_in_the_snapshot_never_changes_the_results() {
    let (c, tmp) = setup();
    let mine = tmp.path().join("mine");
    let dir = mine.as_path();
    let confirmed = confirmed_session(&c, dir);
    let original = std::fs::read(dir.join("snapshot.json")).unwrap();
    // "HTT" of u1 (the first unit) on item 1 (the first item) made "HTXS", by hand.
    let text = String::from_utf8(original.clone()).unwrap();
    assert!(text.contains(r#"[0,0,"L","HTT"]"#), "{text}");
    let edited = text.replacen(r#"[0,0,"L","HTT"]"#, r#"[0,0,"L","HTXS"]"#, 1);
    std::fs::write(dir.join("snapshot.json"), edited).unwrap();
    let r = Records::open(dir, &c, Period::MidYear).unwrap();
    assert_eq!(r.notices, [Msg::SnapshotRebuilt]);
    assert_says(
        &Lang::Vi.msg(&r.notices[0]),
        &[
            "snapshot.json",
            "không khớp với nhật ký",
            "dựng lại từ nhật ký",
        ],
    );
    assert_says(
        &Lang::En.msg(&r.notices[0]),
        &["snapshot.json", "did not match the journal"],
    );
    assert_eq!(state(&r), confirmed);
    drop(r);
    // Rebuilt from the journal on closing: the edit is gone.
    let rebuilt = String::from_utf8(std::fs::read(dir.join("snapshot.json")).unwrap()).unwrap();
    assert!(rebuilt.contains(r#"[0,0,"L","HTT"]"#));

    // A snapshot taken from another session, digest and all, does not prove itself here.
    let other = tmp.path().join("other");
    {
        let mut r = Records::open(&other, &c, Period::MidYear).unwrap();
        r.apply(&[change(&c, "u1", "1", "HTXS")]).unwrap();
    }
    std::fs::copy(other.join("snapshot.json"), dir.join("snapshot.json")).unwrap();
    let r = Records::open(dir, &c, Period::MidYear).unwrap();
    assert_eq!(r.notices, [Msg::SnapshotRebuilt]);
    assert_eq!(state(&r), confirmed);
}

#[test]
fn a_journal_line_changed_by_hand_is_named_on_opening() {
    let (c, tmp) = setup();
    let dir = tmp.path();
    {
        let mut r = Records::open(dir, &c, Period::MidYear).unwrap();
        confirm_a_session(&c, &mut r);
    }
    // The first entry of u1 on item 1 ("HTT") rewritten as "HTXS"; the snapshot removed so that
    // opening reads every line.
    let text = String::from_utf8(journal(dir)).unwrap();
    let line = text
        .lines()
        .position(|l| l.contains(r#""new":{"value":{"Level":"HTT"}"#))
        .unwrap()
        + 1;
    let altered = text.replacen(
        r#""new":{"value":{"Level":"HTT"}"#,
        r#""new":{"value":{"Level":"HTXS"}"#,
        1,
    );
    std::fs::write(dir.join("journal.jsonl"), &altered).unwrap();
    std::fs::remove_file(dir.join("snapshot.json")).unwrap();
    let r = Records::open(dir, &c, Period::MidYear).unwrap();
    assert_eq!(r.notices, [Msg::JournalAltered { line }]);
    assert_says(
        &Lang::Vi.msg(&r.notices[0]),
        &[&format!("dòng {line}"), "bị sửa ngoài thidua"],
    );
    assert_says(
        &Lang::En.msg(&r.notices[0]),
        &[&format!("line {line}"), "changed outside thidua"],
    );
    // The journal is what it is: the line is read as written, and nothing was cut.
    drop(r);
    assert_eq!(journal(dir), altered.as_bytes());
}

#[test]
fn values_no_scale_allows_are_not_counted_and_opening_says_so() {
    let (c, tmp) = setup();
    let dir = tmp.path();
    let confirmed = {
        let mut r = Records::open(dir, &c, Period::MidYear).unwrap();
        r.apply(&[change(&c, "u1", "3b", "2")]).unwrap();
        state(&r)
    };
    // A count of 4,294,967,295 and an achieved value of 10^27, written by hand.
    let mut text = String::from_utf8(journal(dir)).unwrap();
    text.push_str(r#"{"seq":2,"at":"2026-07-05T10:00:00+07:00","unit":"u2","item":"3b","old":{"value":null},"new":{"value":{"Count":4294967295}},"origin":"entry"}"#);
    text.push('\n');
    text.push_str(r#"{"seq":3,"at":"2026-07-05T10:00:01+07:00","unit":"u3","item":"4","old":{"value":null},"new":{"value":{"Achieved":"1000000000000000000000000000"}},"origin":"entry"}"#);
    text.push('\n');
    std::fs::write(dir.join("journal.jsonl"), &text).unwrap();
    std::fs::remove_file(dir.join("snapshot.json")).unwrap();
    let r = Records::open(dir, &c, Period::MidYear).unwrap();
    let set_aside = r
        .notices
        .iter()
        .find(|m| matches!(m, Msg::ValuesSetAside { count: 2, .. }))
        .unwrap_or_else(|| panic!("{:?}", r.notices));
    assert_says(
        &Lang::En.msg(set_aside),
        &[
            "2 values",
            "u2 / 3b",
            "beyond the limit",
            "stay in the journal",
        ],
    );
    assert_says(
        &Lang::Vi.msg(set_aside),
        &["2 giá trị", "u2 / 3b", "vượt giới hạn"],
    );
    assert_eq!(state(&r), confirmed, "neither value counts");
    // The engine computes what is left.
    thidua::score::compute(&c, Period::MidYear, r.sheet()).unwrap();
}

#[cfg(unix)]
#[test]
fn links_planted_in_the_records_folder_are_refused_and_never_followed() {
    let (c, tmp) = setup();
    let victim = tmp.path().join("victim.txt");
    for planted in [
        "lock",
        "lock.holder",
        "journal.jsonl",
        "snapshot.json",
        ".snapshot.json.x.tmp",
    ] {
        let dir = tmp.path().join(format!("records-{planted}"));
        std::fs::create_dir(&dir).unwrap();
        std::fs::write(&victim, b"precious").unwrap();
        std::os::unix::fs::symlink(&victim, dir.join(planted)).unwrap();
        let error = match Records::open(&dir, &c, Period::MidYear) {
            Err(e @ StoreError::NotPlainFile { .. }) => e,
            other => panic!("{planted}: expected a refusal, got {:?}", other.map(|_| ())),
        };
        let shown = dir.join(planted).display().to_string();
        assert_says(&error.msg(Lang::En), &[&shown, "is not a plain file"]);
        assert_says(&error.msg(Lang::Vi), &[&shown, "không phải là tệp thường"]);
        assert_eq!(std::fs::read(&victim).unwrap(), b"precious", "{planted}");
        assert_eq!(
            names(&dir),
            [planted],
            "{planted}: nothing written beside it"
        );
    }
}

#[test]
fn two_repairs_in_one_second_keep_both_torn_tails() {
    let (c, tmp) = setup();
    let dir = tmp.path();
    {
        let mut r = Records::open(dir, &c, Period::MidYear).unwrap();
        r.apply(&[change(&c, "u1", "1", "HTT")]).unwrap();
    }
    std::fs::remove_file(dir.join("snapshot.json")).unwrap();
    let good = journal(dir);
    for torn in [&b"{\"seq\":2,\"at\":\"2026"[..], b"{\"seq\":2,\"unit\":\"u"] {
        let mut bytes = good.clone();
        bytes.extend_from_slice(torn);
        std::fs::write(dir.join("journal.jsonl"), &bytes).unwrap();
        let r = Records::open(dir, &c, Period::MidYear).unwrap();
        assert!(matches!(r.notices[..], [Msg::JournalTorn { line: 2 }]));
        drop(r);
        std::fs::remove_file(dir.join("snapshot.json")).ok();
    }
    let torn: Vec<Vec<u8>> = names(dir)
        .iter()
        .filter(|n| n.starts_with("journal.torn-"))
        .map(|n| std::fs::read(dir.join(n)).unwrap())
        .collect();
    assert_eq!(torn.len(), 2, "{:?}", names(dir));
    assert!(torn.contains(&b"{\"seq\":2,\"at\":\"2026".to_vec()));
    assert!(torn.contains(&b"{\"seq\":2,\"unit\":\"u".to_vec()));
    assert_eq!(journal(dir), good);
}

#[test]
fn notes_beyond_the_limit_are_refused_whole() {
    let (c, tmp) = setup();
    let mut r = Records::open(tmp.path(), &c, Period::MidYear).unwrap();
    let mut long = change(&c, "u1", "1", "HTT");
    long.new.note = "x".repeat(10_001);
    let error = r.apply(&[long]).unwrap_err();
    assert_says(
        &error.msg(Lang::En),
        &["u1 / 1", "10001 characters", "10000"],
    );
    assert_says(&error.msg(Lang::Vi), &["u1 / 1", "10001 ký tự"]);
    assert_eq!(r.history().unwrap().len(), 0);
    let mut fits = change(&c, "u1", "1", "HTT");
    fits.new.note = "x".repeat(10_000);
    r.apply(&[fits]).unwrap();
}

#[test]
fn a_snapshot_a_kill_left_half_written_is_removed_on_opening() {
    let (c, tmp) = setup();
    let dir = tmp.path();
    let confirmed = confirmed_session(&c, dir);
    let temporary = dir.join(".snapshot.json.Ab3x9Q.tmp");
    std::fs::write(&temporary, b"{\"journal_len\":").unwrap();
    let r = Records::open(dir, &c, Period::MidYear).unwrap();
    assert!(r.notices.is_empty(), "{:?}", r.notices);
    assert_eq!(state(&r), confirmed);
    assert!(!temporary.exists());
}

/// A snapshot cell `[u, i, kind, text, note?, reason?]` as the journal's object, the shape
/// earlier snapshots held it in.
fn earlier_cell(cell: &serde_json::Value) -> serde_json::Value {
    let text = cell[3].as_str().unwrap();
    let value = match cell[2].as_str().unwrap() {
        "L" => serde_json::json!({ "Level": text }),
        "M" => serde_json::json!({ "Met": text == "1" }),
        "P" => serde_json::json!({ "Points": text }),
        "C" => serde_json::json!({ "Count": text.parse::<u32>().unwrap() }),
        "A" => serde_json::json!({ "Achieved": text }),
        _ => serde_json::Value::Null,
    };
    let mut object = serde_json::json!({ "value": value });
    for (n, field) in [(4, "note"), (5, "reason")] {
        if let Some(t) = cell
            .get(n)
            .and_then(|t| t.as_str())
            .filter(|t| !t.is_empty())
        {
            object[field] = serde_json::json!(t);
        }
    }
    object
}

#[test]
fn a_snapshot_of_the_earlier_shape_is_rebuilt_quietly_and_cells_find_their_unit_by_id() {
    let (c, tmp) = setup();
    let dir = tmp.path();
    let confirmed = confirmed_session(&c, dir);
    let present = snapshot_body(dir);
    let units = present["units"].as_array().unwrap().clone();
    let items = present["items"].as_array().unwrap().clone();
    // The earlier shape, as an earlier thidua wrote it: each cell named by its unit's id and
    // its item's code, with no lists of them.
    let mut earlier = present.clone();
    for layer in ["cells", "self_cells"] {
        let cells: Vec<serde_json::Value> = (earlier[layer].as_array().unwrap().iter())
            .map(|cell| {
                let u = cell[0].as_u64().unwrap() as usize;
                let i = cell[1].as_u64().unwrap() as usize;
                serde_json::json!([units[u], items[i], earlier_cell(cell)])
            })
            .collect();
        earlier[layer] = serde_json::Value::Array(cells);
    }
    let object = earlier.as_object_mut().unwrap();
    object.remove("units");
    object.remove("items");
    write_snapshot_body(dir, &earlier);
    let r = Records::open(dir, &c, Period::MidYear).unwrap();
    assert_eq!(r.notices, [], "an earlier shape is no tampering to warn of");
    assert_eq!(state(&r), confirmed);
    drop(r);
    assert_eq!(
        snapshot_body(dir),
        present,
        "written again in the present shape"
    );

    // Units listed in another order (a bloc file whose members were reordered): every cell is
    // put at its unit by id, not by its place.
    let mut reordered = present.clone();
    let n = units.len() as u64;
    reordered["units"] = serde_json::Value::Array(units.iter().rev().cloned().collect());
    for layer in ["cells", "self_cells"] {
        for cell in reordered[layer].as_array_mut().unwrap() {
            cell[0] = serde_json::json!(n - 1 - cell[0].as_u64().unwrap());
        }
    }
    write_snapshot_body(dir, &reordered);
    let r = Records::open(dir, &c, Period::MidYear).unwrap();
    assert_eq!(r.notices, []);
    assert_eq!(state(&r), confirmed);
}
