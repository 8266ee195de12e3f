//! Issuing is all or nothing, and `verify` reads only what a signed record may name.
//!
//! A write that fails at any of a version's eight files leaves no file of that version among the
//! summaries, says so, and the next issue takes the same number; `verify` calls a document
//! whose version has no signed record "not issued". A record naming `../../etc/passwd`, a pipe
//! or a link to `/dev/zero` gets a refusal, never a read, and nothing it names is opened
//! before its signature holds.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use minisign::{PublicKey, SecretKey};
use thidua::i18n::Lang;
use thidua::model::Period;
use thidua::report::issue::NOT_ISSUED;
use thidua::report::record::Record;
use thidua::report::summary::{self, Request, SessionData, SummaryError};
use thidua::report::verify::{self, Finding};
use thidua::store::Loaded;

#[path = "support/signing.rs"]
mod signing;

use signing::{bloc, keys, resign, signed_at};

/// A bloc small enough for many issues in one test.
fn small_bloc(root: &Path) -> Loaded {
    bloc(root, 3, 10)
}

fn data(loaded: &Loaded) -> SessionData {
    signing::mid_year_data(loaded)
}

fn request(out: &Path) -> Request {
    Request {
        year: 2026,
        period: Period::MidYear,
        number: None,
        date: NaiveDate::from_ymd_opt(2026, 7, 5).unwrap(),
        provisional: false,
        recipients: None,
        out_dir: out.to_path_buf(),
    }
}

/// Issues with a write that fails, as a full disk does, at the `fail_at`-th file (from 0).
fn issue_failing_at(
    loaded: &Loaded,
    out: &Path,
    keys: (&SecretKey, &PublicKey),
    fail_at: Option<usize>,
) -> Result<summary::Issued, SummaryError> {
    let mut n = 0;
    summary::issue_with(
        loaded,
        data(loaded),
        &request(out),
        keys.1,
        summary::Signer::Ready(keys.0),
        signed_at(),
        &mut |path, bytes| {
            let this = n;
            n += 1;
            if Some(this) == fail_at {
                return Err(io::Error::from_raw_os_error(28));
            }
            thidua::store::durable::create_new(path, bytes, thidua::store::durable::Access::Shared)
        },
    )
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != NOT_ISSUED)
        .collect();
    names.sort();
    names
}

#[test]
fn a_failure_at_any_file_issues_nothing_and_the_next_issue_takes_the_number() {
    let root = tempfile::tempdir().unwrap();
    let loaded = small_bloc(root.path());
    let (secret, public) = keys();
    let out = root.path().join("summaries");
    let first = issue_failing_at(&loaded, &out, (&secret, &public), None).unwrap();
    assert_eq!(first.files.len(), 8);
    let issued = files_in(&out);
    for fail_at in 0..8 {
        let error = issue_failing_at(&loaded, &out, (&secret, &public), Some(fail_at))
            .expect_err("the write fails");
        let SummaryError::Write {
            path, set_aside, ..
        } = &error
        else {
            panic!("{error:?}");
        };
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let expected = [
            ".pdf",
            ".pdf.minisig",
            ".xlsx",
            ".xlsx.minisig",
            ".docx",
            ".docx.minisig",
            ".ron",
            ".ron.minisig",
        ];
        assert!(name.ends_with(expected[fail_at]), "{fail_at}: {name}");
        assert!(name.contains("-v2."), "{name}");
        // Nothing of version 2 is left among the summaries.
        assert_eq!(files_in(&out), issued, "failing at file {fail_at}");
        assert_eq!(set_aside.is_some(), fail_at > 0);
        let words = Lang::En.msg(&error.msg());
        assert!(words.contains("was not issued"), "{words}");
        if let Some(folder) = set_aside {
            assert!(folder.starts_with(out.join(NOT_ISSUED)));
            assert!(words.contains(&folder.display().to_string()), "{words}");
            // What was written and moved aside does not pass for an issued document.
            for moved in fs::read_dir(folder).unwrap() {
                let moved = moved.unwrap().path();
                if moved.extension().is_some_and(|e| e == "minisig") {
                    continue;
                }
                let report = verify::check_file(&moved, &public).unwrap();
                assert!(report.failed(), "{} passed: {report:?}", moved.display());
            }
        }
        let vi = Lang::Vi.msg(&error.msg());
        assert!(vi.contains("chưa được phát hành"), "{vi}");
    }
    // The next issue is version 2, replacing version 1.
    let second = issue_failing_at(&loaded, &out, (&secret, &public), None).unwrap();
    assert_eq!(second.version, 2);
    assert_eq!(
        second.replaces.unwrap().file,
        first.record.file_name().unwrap().to_string_lossy()
    );
    for file in &second.files {
        let report = verify::check_file(file, &public).unwrap();
        assert!(!report.failed(), "{}: {report:?}", file.display());
    }
}

#[test]
fn a_crash_before_the_record_is_signed_leaves_documents_that_verify_calls_not_issued() {
    let root = tempfile::tempdir().unwrap();
    let loaded = small_bloc(root.path());
    let (secret, public) = keys();
    let out = root.path().join("summaries");
    let issued = issue_failing_at(&loaded, &out, (&secret, &public), None).unwrap();
    // As a SIGKILL after the record was written would leave it: no signature of the record.
    let record_sig = issued.record.with_extension("ron.minisig");
    fs::remove_file(&record_sig).unwrap();
    let pdf = issued.record.with_extension("pdf");
    let report = verify::check_file(&pdf, &public).unwrap();
    assert!(
        report
            .findings
            .iter()
            .any(|f| matches!(f, Finding::NotIssued(_))),
        "{report:?}"
    );
    let words: String = report
        .findings
        .iter()
        .map(|f| thidua::report::findings::finding(Lang::En, f))
        .collect::<Vec<_>>()
        .join("\n");
    assert!(words.contains("NOT ISSUED"), "{words}");
    // The record itself has no signature: it fails too.
    assert!(
        verify::check_file(&issued.record, &public)
            .unwrap()
            .failed()
    );
    // A kill while the spreadsheet was being written also leaves its temporary file.
    let stem = issued
        .record
        .file_stem()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    let temporary = out.join(format!(".{stem}.xlsx.Ab3x9Q.tmp"));
    fs::write(&temporary, b"half a spreadsheet").unwrap();
    // The next issue moves version 1 aside, its temporary file with it, and issues version 1
    // again.
    let again = issue_failing_at(&loaded, &out, (&secret, &public), None).unwrap();
    assert!(!temporary.exists());
    assert!(
        again.set_aside[0]
            .folder
            .join(temporary.file_name().unwrap())
            .exists()
    );
    assert_eq!(again.version, 1);
    assert_eq!(again.set_aside.len(), 1);
    assert_eq!(again.set_aside[0].version, 1);
    assert!(again.replaces.is_none());
    let report = verify::check_file(&pdf, &public).unwrap();
    assert!(
        report
            .findings
            .iter()
            .any(|f| matches!(f, Finding::Issued(_))),
        "{report:?}"
    );
}

/// Writes `record` (after `edit`) signed with `secret`, as a hostile colleague with the key
/// could, beside the real documents.
fn forge(
    issued_record: &Path,
    keys: (&SecretKey, &PublicKey),
    edit: impl Fn(&mut Record),
) -> PathBuf {
    let text = fs::read_to_string(issued_record).unwrap();
    let mut record = Record::from_ron(&text).unwrap();
    edit(&mut record);
    let path = issued_record.with_file_name("forged.ron");
    resign(&path, &record, keys.0, keys.1);
    path
}

#[cfg(unix)]
#[test]
fn verify_reads_only_plain_files_beside_the_record_named_by_a_bare_name() {
    let root = tempfile::tempdir().unwrap();
    let loaded = small_bloc(root.path());
    let (secret, public) = keys();
    let out = root.path().join("summaries");
    let issued = issue_failing_at(&loaded, &out, (&secret, &public), None).unwrap();
    type Expected = fn(&Finding) -> bool;
    let cases: [(&str, Expected); 5] = [
        ("../../../../../../etc/passwd", |f| {
            matches!(f, Finding::DocumentNameUnsafe(_))
        }),
        ("/etc/passwd", |f| {
            matches!(f, Finding::DocumentNameUnsafe(_))
        }),
        ("pipe", |f| matches!(f, Finding::NotPlainFile(_))),
        ("zero", |f| matches!(f, Finding::NotPlainFile(_))),
        ("sparse", |f| matches!(f, Finding::TooLarge(_))),
    ];
    // A pipe no one writes to (reading it would wait forever), a link to /dev/zero (reading
    // it never ends), and a file larger than any thidua writes.
    let status = std::process::Command::new("mkfifo")
        .arg(out.join("pipe"))
        .status()
        .unwrap();
    assert!(status.success());
    std::os::unix::fs::symlink("/dev/zero", out.join("zero")).unwrap();
    fs::File::create(out.join("sparse"))
        .unwrap()
        .set_len(verify::MAX_FILE_BYTES + 1)
        .unwrap();
    for (name, expected) in cases {
        let forged = forge(&issued.record, (&secret, &public), |r| {
            r.documents[0].file = name.to_string();
        });
        let report = verify::check_file(&forged, &public).unwrap();
        assert!(report.findings.iter().any(expected), "{name}: {report:?}");
        assert!(report.failed(), "{name}");
        let words: String = report
            .findings
            .iter()
            .map(|f| thidua::report::findings::finding(Lang::Vi, f))
            .collect();
        assert!(!words.contains("root:"), "{name}: read {words}");
    }
    // A record whose signature does not hold: nothing it names is opened.
    let forged = forge(&issued.record, (&secret, &public), |r| {
        r.documents[0].file = "pipe".into();
    });
    let mut bytes = fs::read(&forged).unwrap();
    bytes.extend_from_slice(b"\n");
    fs::write(&forged, bytes).unwrap();
    let report = verify::check_file(&forged, &public).unwrap();
    assert!(
        report
            .findings
            .iter()
            .any(|f| matches!(f, Finding::DocumentsNotChecked)),
        "{report:?}"
    );
    // The file on the command line may be a link the user made, but not a pipe.
    let error = verify::check_file(&out.join("pipe"), &public).unwrap_err();
    assert!(error.to_string().contains("not a plain file"), "{error}");
}
