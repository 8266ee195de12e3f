//! What the tests of the ward share: generated blocs under several ids on one scheme, the
//! records of their complete sessions (no documents laid out), and a ward expecting them with
//! every head's key trusted.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use thidua::model::Period;
use thidua::report::record::{FileHash, Record, sha256_hex};
use thidua::report::summary::{self, Issue, Request};
use thidua::store::{Loaded, load_covenant};
use thidua::ward::workspace::{Workspace, init};

use super::signing::{keys, resign, signed_at};

/// Generated blocs `ids` (4 units × 10 criteria, the same scheme) under `root`, loaded.
pub fn blocs(root: &Path, ids: &[&str]) -> Vec<Loaded> {
    thidua::synthetic::write_files(root, 4, 10).unwrap();
    let text = fs::read_to_string(root.join("blocs/gen.ron")).unwrap();
    ids.iter()
        .enumerate()
        .map(|(n, id)| {
            let file = root.join(format!("blocs/{id}.ron"));
            let named = text
                .replacen("id: \"gen\"", &format!("id: \"{id}\""), 1)
                .replacen(
                    "Khối thi đua sinh tự động",
                    &format!("Khối thi đua số {}", n + 1),
                    1,
                );
            fs::write(&file, named).unwrap();
            load_covenant(&file).unwrap()
        })
        .collect()
}

/// The record of `loaded`'s complete session of `period`, as version `version`.
pub fn record(loaded: &Loaded, period: Period, version: u32, provisional: bool) -> Record {
    let data = thidua::synthetic::session_data(&loaded.covenant, period, 2026, signed_at());
    let mut sheet = loaded.covenant.empty_sheet();
    for e in &data.entries {
        let u = loaded.covenant.unit_index(&e.unit).unwrap();
        let i = loaded.covenant.layout.index_of(&e.item).unwrap();
        sheet.set(u, i, Some(e.value.clone()));
    }
    let results =
        thidua::session::results_of(&loaded.covenant, period, &sheet, &data.votes).unwrap();
    let request = Request {
        year: 2026,
        period,
        number: Some(version.to_string()),
        date: NaiveDate::from_ymd_opt(2026, 12, 10 + version).unwrap(),
        recipients: None,
        provisional,
        out_dir: PathBuf::new(),
    };
    summary::bare_record(
        loaded,
        data,
        Issue {
            request: &request,
            version,
            replaces: None,
            // Never asked by the ward, which verifies with its own keyring; fixed so that the
            // record, and so the paper groups asked of it, are the same on every run.
            public_key: "RWRsaWtlIGEga2V5IGJ1dCBub3QgcmVhbGx5IG9uZQ".to_string(),
            recipients: Vec::new(),
            signed_at: signed_at(),
        },
        results,
    )
}

pub fn replacing(previous: &Record, name: &str) -> Record {
    Record {
        version: previous.version + 1,
        replaces: Some(FileHash {
            file: name.to_string(),
            sha256: sha256_hex(previous.to_ron().as_bytes()),
        }),
        ..previous.clone()
    }
}

pub struct Ward {
    pub root: tempfile::TempDir,
    pub dir: PathBuf,
    pub blocs: Vec<Loaded>,
    pub secret: minisign::SecretKey,
    pub public: minisign::PublicKey,
}

/// A ward expecting blocs `ids`, every head signing with the same trusted key.
pub fn ward(ids: &[&str]) -> Ward {
    let root = tempfile::tempdir().unwrap();
    let blocs = blocs(root.path(), ids);
    let dir = root.path().join("ward");
    init(
        &dir,
        "Hội đồng Thi đua - Khen thưởng phường Thành Đông",
        2026,
    )
    .unwrap();
    let mut w = Workspace::open(&dir).unwrap();
    let (secret, public) = keys();
    for id in ids {
        w.expect(&root.path().join(format!("blocs/{id}.ron")))
            .unwrap();
        w.trust(
            id,
            &thidua::report::keys::public_key_line(&public),
            signed_at(),
        )
        .unwrap();
    }
    Ward {
        root,
        dir,
        blocs,
        secret,
        public,
    }
}

impl Ward {
    pub fn drop(&self, name: &str, record: &Record) {
        resign(
            &self.dir.join("inbox").join(name),
            record,
            &self.secret,
            &self.public,
        );
    }

    pub fn open(&self) -> Workspace {
        Workspace::open(&self.dir).unwrap()
    }
}
