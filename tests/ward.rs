//! The ward's side: a report is accepted only when its signature holds with a key the ward
//! trusts for the bloc and it was made with the bloc and scheme the ward published; versions
//! are followed by the hashes they replace; refused files stay in the inbox as they were, and
//! the audit log only grows.

#[path = "support/signing.rs"]
mod signing;

use std::fs;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use thidua::model::Period;
use thidua::report::record::{FileHash, Record, sha256_hex};
use thidua::report::summary;
use thidua::store::Loaded;
use thidua::ward::check::{self, Outcome, Refusal};
use thidua::ward::status::{Standing, standing};
use thidua::ward::workspace::{AUDIT_LOG, Workspace, init};

use signing::{keys, resign, signed_at};

struct Setup {
    _root: tempfile::TempDir,
    ward: PathBuf,
    loaded: Loaded,
    /// The issued version 1 record and its signature's text.
    record: Record,
    secret: minisign::SecretKey,
    public: minisign::PublicKey,
}

/// A generated bloc, a final mid-year report of it issued and signed, and a ward expecting the
/// bloc; the head's key trusted when `trusted`.
fn setup(trusted: bool) -> Setup {
    let root = tempfile::tempdir().unwrap();
    let loaded = signing::bloc(root.path(), 3, 10);
    let (secret, public) = keys();
    let data = signing::mid_year_data(&loaded);
    let request = signing::mid_year_request(root.path().join("summaries"));
    let issued = summary::issue(&loaded, data, &request, &secret, &public, signed_at()).unwrap();
    let record = Record::from_ron(&fs::read_to_string(&issued.record).unwrap()).unwrap();
    let ward = root.path().join("ward");
    init(&ward, "UBND phường", 2026).unwrap();
    let mut w = Workspace::open(&ward).unwrap();
    let bloc_file = root
        .path()
        .join("blocs")
        .join(format!("{}.ron", loaded.covenant.bloc.id));
    w.expect(&bloc_file).unwrap();
    if trusted {
        let key = thidua::report::keys::public_key_line(&public);
        w.trust(&loaded.covenant.bloc.id, &key, signed_at())
            .unwrap();
    }
    Setup {
        _root: root,
        ward,
        loaded,
        record,
        secret,
        public,
    }
}

impl Setup {
    fn inbox(&self) -> PathBuf {
        self.ward.join("inbox")
    }

    /// `record` signed with the head's key into the inbox as `name`.
    fn drop(&self, name: &str, record: &Record) -> PathBuf {
        let path = self.inbox().join(name);
        resign(&path, record, &self.secret, &self.public);
        path
    }

    fn check(&self) -> Vec<check::Checked> {
        let w = Workspace::open(&self.ward).unwrap();
        let (files, unread) = check::read_inbox(&self.inbox()).unwrap();
        let mut checked = check::check(&w, &files);
        checked.extend(unread);
        checked
    }

    fn outcome(&self, name: &str) -> Outcome {
        self.check()
            .into_iter()
            .find(|c| c.name == name)
            .unwrap_or_else(|| panic!("{name} checked"))
            .outcome
    }

    fn standing(&self) -> Standing {
        standing(
            &self.check(),
            &self.loaded.covenant.bloc.id,
            Period::MidYear,
        )
    }

    fn bloc(&self) -> String {
        self.loaded.covenant.bloc.id.clone()
    }

    /// `thidua ward check` on the ward folder, in English: its exit code and what it says.
    fn run_check(&self) -> (Option<i32>, String) {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_thidua"))
            .args(["--lang", "en", "ward", "check", "--dir"])
            .arg(&self.ward)
            .output()
            .unwrap();
        let said = String::from_utf8_lossy(&out.stdout).into_owned();
        (out.status.code(), said)
    }
}

fn refused(why: Refusal) -> impl Fn(&Outcome) -> bool {
    move |o| matches!(o, Outcome::Refused { why: w, .. } if *w == why)
}

/// The record as the next version, replacing `previous` (written as `name`).
fn next(previous: &Record, name: &str, date: u32) -> Record {
    let bytes = previous.to_ron();
    Record {
        version: previous.version + 1,
        replaces: Some(FileHash {
            file: name.to_string(),
            sha256: sha256_hex(bytes.as_bytes()),
        }),
        date: NaiveDate::from_ymd_opt(2026, 7, date).unwrap(),
        ..previous.clone()
    }
}

#[test]
fn a_report_is_accepted_only_with_a_key_the_ward_trusts() {
    let s = setup(false);
    s.drop("bao-cao.ron", &s.record);
    let bloc = s.bloc();
    assert!(refused(Refusal::NoKey(bloc.clone()))(
        &s.outcome("bao-cao.ron")
    ));
    // Another key trusted for the bloc: the report's own key is never asked.
    let mut w = Workspace::open(&s.ward).unwrap();
    let (_, other) = keys();
    let other = thidua::report::keys::public_key_line(&other);
    w.trust(&bloc, &other, signed_at()).unwrap();
    assert!(refused(Refusal::UntrustedKey(bloc.clone()))(
        &s.outcome("bao-cao.ron")
    ));
    // The head's key: accepted, and the mid-year stands final.
    let head = thidua::report::keys::public_key_line(&s.public);
    assert!(w.trust(&bloc, &head, signed_at()).unwrap());
    assert!(!w.trust(&bloc, &head, signed_at()).unwrap(), "trusted once");
    assert!(matches!(s.outcome("bao-cao.ron"), Outcome::Record(_)));
    assert_eq!(s.standing(), Standing::Final(1));
}

#[test]
fn a_report_on_another_scheme_or_covenant_or_year_is_refused_though_rightly_signed() {
    let s = setup(true);
    let mut scheme = s.record.clone();
    scheme.scheme.groups[0].title.push_str(" (sửa)");
    s.drop("a.ron", &scheme);
    assert!(refused(Refusal::SchemeDiffers)(&s.outcome("a.ron")));
    let mut targets = s.record.clone();
    targets.bloc.members[0].name.push_str(" mới");
    s.drop("b.ron", &targets);
    assert!(refused(Refusal::CovenantDiffers)(&s.outcome("b.ron")));
    let other_year = Record {
        year: 2025,
        ..s.record.clone()
    };
    s.drop("c.ron", &other_year);
    assert!(refused(Refusal::OtherYear(2025))(&s.outcome("c.ron")));
    // A signer changed in the bloc file is no reason to refuse: compared by content.
    let mut signer = s.record.clone();
    signer.bloc.signer.name = "Người ký mới".into();
    s.drop("d.ron", &signer);
    assert!(matches!(s.outcome("d.ron"), Outcome::Record(_)));
}

#[test]
fn a_tampered_report_is_refused_and_left_in_the_inbox_as_it_came() {
    let s = setup(true);
    let path = s.drop("bao-cao.ron", &s.record);
    let text = fs::read_to_string(&path)
        .unwrap()
        .replacen("version: 1", "version: 1 ", 1);
    fs::write(&path, &text).unwrap();
    let outcome = s.outcome("bao-cao.ron");
    // The signature's hash no longer names the file: it is not paired, hence unsigned.
    assert!(refused(Refusal::NoSignature)(&outcome), "{outcome:?}");
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
    // Results altered and signed again by someone without the key: refused too.
    let mut forged = s.record.clone();
    forged.results.units[0].total += rust_decimal::Decimal::ONE;
    let (thief, thief_pub) = keys();
    let forged_path = s.inbox().join("forged.ron");
    resign(&forged_path, &forged, &thief, &thief_pub);
    assert!(refused(Refusal::UntrustedKey(s.bloc()))(
        &s.outcome("forged.ron")
    ));
    // And with the key: the results do not follow from the entries.
    s.drop("forged-by-head.ron", &forged);
    assert!(refused(Refusal::ResultsDiffer)(
        &s.outcome("forged-by-head.ron")
    ));
}

#[test]
fn versions_are_followed_by_hash_and_forks_gaps_and_drafts_are_said() {
    let s = setup(true);
    // Renamed as an e-mail attachment is, after it was signed.
    let v1 = s.drop("v1.ron", &s.record);
    fs::rename(&v1, s.inbox().join("bao-cao (1).ron")).unwrap();
    let signature = s.inbox().join("v1.ron.minisig");
    fs::rename(&signature, s.inbox().join("chu-ky (1).minisig")).unwrap();
    let v2 = next(&s.record, "v1.ron", 20);
    s.drop("v2.ron", &v2);
    assert_eq!(s.standing(), Standing::Final(2));
    // Another version 2 replacing the same version 1: a fork.
    let other = next(&s.record, "v1.ron", 21);
    s.drop("v2-khac.ron", &other);
    assert_eq!(s.standing(), Standing::Forked(2));
    fs::remove_file(s.inbox().join("v2-khac.ron")).unwrap();
    fs::remove_file(s.inbox().join("v2-khac.ron.minisig")).unwrap();
    // Version 1 gone: version 2 replaces one not received.
    fs::remove_file(s.inbox().join("bao-cao (1).ron")).unwrap();
    assert_eq!(s.standing(), Standing::Gap(2));
    // A draft alone.
    let s = setup(true);
    let draft = Record {
        provisional: true,
        ..s.record.clone()
    };
    s.drop("du-thao.ron", &draft);
    assert_eq!(s.standing(), Standing::Draft(1));
    assert_eq!(
        standing(&s.check(), &s.bloc(), Period::YearEnd),
        Standing::Missing
    );
}

#[test]
fn the_audit_log_only_grows_and_survives_a_line_cut_short() {
    let s = setup(false);
    s.drop("bao-cao.ron", &s.record);
    let run = || s.run_check();
    let (code, said) = run();
    assert_eq!(code, Some(1), "{said}");
    assert!(said.contains("no key trusted"), "{said}");
    let log = s.ward.join(AUDIT_LOG);
    let first = fs::read_to_string(&log).unwrap();
    assert_eq!(first.lines().count(), 1, "{first}");
    // The same outcome again is not logged twice.
    run();
    assert_eq!(fs::read_to_string(&log).unwrap(), first);
    // A crash cut the last line short; the next line starts on its own, and nothing before it
    // changes.
    let torn = format!("{first}{{\"at\":\"2026-");
    fs::write(&log, &torn).unwrap();
    let mut w = Workspace::open(&s.ward).unwrap();
    let key = thidua::report::keys::public_key_line(&s.public);
    w.trust(&s.bloc(), &key, signed_at()).unwrap();
    let (code, said) = run();
    assert_eq!(code, Some(0), "{said}");
    let after = fs::read_to_string(&log).unwrap();
    assert!(after.starts_with(&torn));
    let last = after.lines().last().unwrap();
    let line: thidua::ward::audit::AuditLine = serde_json::from_str(last).unwrap();
    assert_eq!(line.verdict, "accepted");
    assert_eq!(line.file, "bao-cao.ron");
}

#[test]
fn a_ward_folder_is_made_once_and_an_unknown_bloc_is_refused() {
    let s = setup(true);
    assert!(init(&s.ward, "again", 2026).is_err());
    let mut unknown = s.record.clone();
    unknown.bloc.id = "khoi-khac".into();
    let path: &Path = &s.drop("khac.ron", &unknown);
    assert!(refused(Refusal::UnknownBloc("khoi-khac".into()))(
        &s.outcome("khac.ron")
    ));
    assert!(path.exists());
}

#[test]
fn what_was_accepted_stays_accepted_when_the_inbox_is_cleared() {
    let s = setup(true);
    s.drop("bao-cao.ron", &s.record);
    let run = || {
        let (code, said) = s.run_check();
        assert_eq!(code, Some(0), "{said}");
        said
    };
    assert!(run().contains("Mid-year: final, version 1"));
    for entry in fs::read_dir(s.inbox()).unwrap() {
        fs::remove_file(entry.unwrap().path()).unwrap();
    }
    let said = run();
    assert!(said.contains("Mid-year: final, version 1"), "{said}");
    assert!(said.contains("✓ accepted/"), "{said}");
    // Kept under their hashes: the record and its signature.
    let kept = fs::read_dir(s.ward.join("accepted")).unwrap().count();
    assert_eq!(kept, 2);
}

#[test]
fn a_zipped_report_is_read_from_its_zip_and_a_zip_past_the_limits_is_not() {
    use std::io::Write;
    let s = setup(true);
    // Signed, then zipped up and sent.
    let path = s.drop("bao-cao.ron", &s.record);
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    for file in [
        path.clone(),
        PathBuf::from(format!("{}.minisig", path.display())),
    ] {
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        zip.start_file(format!("gui-phuong/{name}"), options)
            .unwrap();
        zip.write_all(&fs::read(&file).unwrap()).unwrap();
        fs::remove_file(&file).unwrap();
    }
    fs::write(
        s.inbox().join("dinh-kem.zip"),
        zip.finish().unwrap().into_inner(),
    )
    .unwrap();
    let checked = s.check();
    let inner = checked
        .iter()
        .find(|c| c.name == "dinh-kem.zip/gui-phuong/bao-cao.ron")
        .expect("the record read from the zip");
    assert!(
        matches!(inner.outcome, Outcome::Record(_)),
        "{:?}",
        inner.outcome
    );
    assert_eq!(s.standing(), Standing::Final(1));
    // More files than any report's zip holds: not read.
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..=check::MAX_ZIP_FILES {
        zip.start_file(format!("f{i}"), options).unwrap();
    }
    fs::write(
        s.inbox().join("nhieu.zip"),
        zip.finish().unwrap().into_inner(),
    )
    .unwrap();
    assert!(refused(Refusal::BadArchive)(&s.outcome("nhieu.zip")));
}

#[test]
fn a_wrong_trust_or_folder_is_said_in_the_users_language_and_changes_nothing() {
    let s = setup(false);
    let ring = fs::read_to_string(s.ward.join("keyring.ron")).unwrap();
    let run = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_thidua"))
            .args(args)
            .arg("--dir")
            .arg(&s.ward)
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (code, said) = run(&["ward", "trust", "khong-co", "RWabc"]);
    assert_eq!(code, Some(2));
    assert!(
        said.contains("khối \"khong-co\" chưa có trong danh sách"),
        "{said}"
    );
    let (code, said) = run(&["--lang", "en", "ward", "trust", &s.bloc(), "not a key"]);
    assert_eq!(code, Some(2));
    assert!(
        said.contains("\"not a key\" is not a minisign public key"),
        "{said}"
    );
    assert_eq!(
        fs::read_to_string(s.ward.join("keyring.ron")).unwrap(),
        ring
    );
}

#[test]
fn a_signed_workbook_or_word_copy_is_a_document_though_it_is_a_zip() {
    let s = setup(true);
    // Everything the head issued, as sent: the PDF, the workbook, the Word copy, the record.
    let issued = s._root.path().join("summaries");
    for entry in fs::read_dir(&issued).unwrap() {
        let path = entry.unwrap().path();
        fs::copy(&path, s.inbox().join(path.file_name().unwrap())).unwrap();
    }
    let checked = s.check();
    for c in &checked {
        assert!(
            !matches!(c.outcome, Outcome::Refused { .. }),
            "{}: {:?}",
            c.name,
            c.outcome
        );
        assert!(
            !c.name.contains(".xlsx/") && !c.name.contains(".docx/"),
            "{}",
            c.name
        );
    }
    for ext in ["xlsx", "docx", "pdf"] {
        let document = checked
            .iter()
            .find(|c| c.name.ends_with(&format!(".{ext}")))
            .unwrap_or_else(|| panic!("the {ext} checked"));
        assert!(
            matches!(document.outcome, Outcome::Document(_)),
            "{ext}: {:?}",
            document.outcome
        );
    }
    // An unsigned zip of them is an archive: its files are checked each on its own.
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    for entry in fs::read_dir(&issued).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        zip.start_file(name, options).unwrap();
        std::io::Write::write_all(&mut zip, &fs::read(&path).unwrap()).unwrap();
    }
    for entry in fs::read_dir(s.inbox()).unwrap() {
        fs::remove_file(entry.unwrap().path()).unwrap();
    }
    fs::write(
        s.inbox().join("bao-cao.zip"),
        zip.finish().unwrap().into_inner(),
    )
    .unwrap();
    let checked = s.check();
    let workbook = checked
        .iter()
        .find(|c| c.name.starts_with("bao-cao.zip/") && c.name.ends_with(".xlsx"))
        .expect("the workbook read from the zip");
    assert!(matches!(workbook.outcome, Outcome::Document(_)));
    assert!(
        checked
            .iter()
            .any(|c| c.name == "bao-cao.zip" && c.outcome == Outcome::Archive)
    );
    assert_eq!(s.standing(), Standing::Final(1));
}

#[test]
fn a_new_heads_key_retires_the_old_one_for_what_it_signs_after() {
    let s = setup(true);
    let bloc = s.bloc();
    s.drop("bao-cao.ron", &s.record);
    // The head changes on 1 August; the ward trusts the new head's key in place of the old.
    let (_, new_head) = keys();
    let mut w = Workspace::open(&s.ward).unwrap();
    let august = signed_at() + chrono::Duration::days(27);
    let new_key = thidua::report::keys::public_key_line(&new_head);
    assert!(w.trust_with(&bloc, &new_key, august, true).unwrap());
    let ring = &Workspace::open(&s.ward).unwrap().keyring.blocs[&bloc];
    assert_eq!(ring.len(), 2, "the old key is kept, with its history");
    assert_eq!(ring[0].retired, Some(august));
    assert_eq!(ring[1].retired, None);
    // What the old head signed before stays good.
    assert!(matches!(s.outcome("bao-cao.ron"), Outcome::Record(_)));
    // What the old key signs after is refused, with the day the key was replaced.
    let late = Record {
        signed_at: august + chrono::Duration::days(1),
        ..next(&s.record, "bao-cao.ron", 20)
    };
    s.drop("muon.ron", &late);
    assert!(refused(Refusal::RetiredKey(august.date_naive()))(
        &s.outcome("muon.ron")
    ));
    let (code, said) = s.run_check();
    assert_eq!(code, Some(1));
    assert!(
        said.contains("signed with the former head's key after the ward replaced it on 01/08/2026"),
        "{said}"
    );
}
