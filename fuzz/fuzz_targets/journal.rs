//! Journal replay: any bytes as `journal.jsonl`, or as `snapshot.json` beside a sample
//! journal, open to records or give a clear error.
#![no_main]

use libfuzzer_sys::fuzz_target;
use thidua::model::Period;
use thidua::store::Records;
use thidua_fuzz::covenant;

/// A short journal of the sample bloc, each line chained to the ones before, for the snapshot
/// to be checked against.
const JOURNAL: &[u8] = include_bytes!("../corpus/journal/mid-year-chained.jsonl");

fuzz_target!(|data: &[u8]| {
    let covenant = covenant();
    let dir = tempfile::tempdir().expect("a temporary folder");
    let session = dir.path().join("s");
    std::fs::create_dir(&session).unwrap();

    std::fs::write(session.join("journal.jsonl"), data).unwrap();
    if let Ok(records) = Records::open(&session, covenant, Period::MidYear) {
        let _ = records.history();
    }

    std::fs::write(session.join("journal.jsonl"), JOURNAL).unwrap();
    std::fs::write(session.join("snapshot.json"), data).unwrap();
    if let Ok(records) = Records::open(&session, covenant, Period::MidYear) {
        let _ = records.ballots();
        let _ = records.unexplained();
    }
});
