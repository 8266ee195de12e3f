//! Summary verification: any text as a record is refused or recomputed; any bytes as a signed
//! `.ron` with its `.minisig` are checked against a fixed public key.
#![no_main]

use libfuzzer_sys::fuzz_target;
use thidua::report::keys::parse_public_key;
use thidua::report::record::Record;
use thidua::report::verify;

/// The key that signed the seed record (`fuzz/corpus/verify/`).
const PUBLIC_KEY: &str = "RWRLjMZFwsYgptmsV3E/RpoodCFzCh0BL50gIRm1gjV2/jukwjbsR1Gq";
/// Splits an input into the record and its signature.
const SEPARATOR: &[u8] = b"\n--minisig--\n";

fuzz_target!(|data: &[u8]| {
    let (record, signature) = match data.windows(SEPARATOR.len()).position(|w| w == SEPARATOR) {
        Some(at) => (&data[..at], Some(&data[at + SEPARATOR.len()..])),
        None => (data, None),
    };
    if let Ok(text) = std::str::from_utf8(record)
        && let Ok(record) = Record::from_ron(text)
        && let Ok((covenant, computed)) = verify::recompute(&record)
    {
        let _ = verify::differences(&covenant, &record.results, &computed);
    }
    let key = parse_public_key(PUBLIC_KEY).expect("a valid key");
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("khoi-8-2026-mid-year-v1.ron");
    std::fs::write(&path, record).unwrap();
    if let Some(signature) = signature {
        std::fs::write(
            dir.path().join("khoi-8-2026-mid-year-v1.ron.minisig"),
            signature,
        )
        .unwrap();
    }
    let _ = verify::check_file(&path, &key);
});
