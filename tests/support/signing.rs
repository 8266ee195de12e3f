//! What the tests of signed summaries share: a key pair, a fixed signing time, a generated
//! bloc loaded as the program loads it, and a record signed anew (as someone holding the key
//! could forge one).
#![allow(dead_code)]

use std::fs;
use std::path::Path;

use chrono::TimeZone;
use minisign::{KeyPair, PublicKey, SecretKey};
use thidua::report::record::{Record, sha256_hex};
use thidua::report::sign::{self, TrustedComment};
use thidua::store::{Loaded, load_covenant};
use thidua::synthetic;

pub fn keys() -> (SecretKey, PublicKey) {
    let pair = KeyPair::generate_unencrypted_keypair().expect("a key pair");
    (pair.sk, pair.pk)
}

pub fn signed_at() -> chrono::DateTime<chrono::FixedOffset> {
    thidua::store::records::vietnam()
        .with_ymd_and_hms(2026, 7, 5, 9, 30, 0)
        .unwrap()
}

/// A generated bloc of `units` × `criteria` written under `root`, loaded as the program does.
pub fn bloc(root: &Path, units: usize, criteria: usize) -> Loaded {
    let file = synthetic::write_files(root, units, criteria).expect("files written");
    load_covenant(&file).expect("a valid bloc")
}

/// Writes `record` as `path` with a fresh signature by `secret`.
pub fn resign(path: &Path, record: &Record, secret: &SecretKey, public: &PublicKey) {
    let bytes = record.to_ron().into_bytes();
    let comment = TrustedComment {
        bloc: record.bloc.id.clone(),
        year: record.year,
        period: record.period,
        version: record.version,
        provisional: record.provisional,
        file: path.file_name().unwrap().to_string_lossy().into_owned(),
        sha256: sha256_hex(&bytes),
    };
    let signature = sign::sign(secret, public, &bytes, &comment).unwrap();
    fs::write(path, bytes).unwrap();
    fs::write(format!("{}.minisig", path.display()), signature).unwrap();
}

/// A complete mid-year session of the generated bloc, frozen, with its sections written: what
/// a final report needs.
pub fn mid_year_data(loaded: &Loaded) -> thidua::report::summary::SessionData {
    let sheet = synthetic::full_sheet(&loaded.covenant);
    thidua::report::summary::SessionData {
        entries: thidua::report::summary::entries(&loaded.covenant, |u, i| thidua::store::Cell {
            value: sheet.get(u, i).cloned(),
            ..Default::default()
        }),
        frozen_at: Some(signed_at()),
        sections: synthetic::sections(&loaded.covenant, thidua::model::Period::MidYear, 2026),
        ..Default::default()
    }
}

/// The request for a final mid-year summary of 2026, dated 5 July, written into `out`.
pub fn mid_year_request(out: std::path::PathBuf) -> thidua::report::summary::Request {
    thidua::report::summary::Request {
        year: 2026,
        period: thidua::model::Period::MidYear,
        number: None,
        date: chrono::NaiveDate::from_ymd_opt(2026, 7, 5).unwrap(),
        recipients: None,
        provisional: false,
        out_dir: out,
    }
}
