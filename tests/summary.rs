//! Issuing signed summaries and checking them: signatures checked by the independent
//! `minisign-verify` crate, versions that never overwrite, refusals of incomplete sessions,
//! and tampered records caught by the signature or by the recomputation.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use minisign::{PublicKey, SecretKey};
use thidua::model::{Period, Value};
use thidua::report::record::{Record, RecordEntry, sha256_hex};
use thidua::report::sign::TrustedComment;
use thidua::report::summary::{self, Gap, Request, SessionData, SummaryError};
use thidua::report::verify::{self, Finding};
use thidua::store::Loaded;
use thidua::synthetic;

#[path = "support/signing.rs"]
mod signing;

use signing::{bloc, keys, resign, signed_at};

fn full_entries(loaded: &Loaded) -> Vec<RecordEntry> {
    let sheet = synthetic::full_sheet(&loaded.covenant);
    summary::entries(&loaded.covenant, |u, i| thidua::store::records::Cell {
        value: sheet.get(u, i).cloned(),
        note: if (u, i) == (0, 0) {
            "Theo biên bản họp ngày 2/7".to_string()
        } else {
            String::new()
        },
        ..Default::default()
    })
}

fn request(out: &Path, period: Period, provisional: bool) -> Request {
    Request {
        year: 2026,
        period,
        number: Some("12".into()),
        date: NaiveDate::from_ymd_opt(2026, 7, 5).unwrap(),
        provisional,
        recipients: None,
        out_dir: out.to_path_buf(),
    }
}

/// Issues the entries' summary into `out`, signed with `keys`, at a fixed time.
fn issue(
    loaded: &Loaded,
    entries: Vec<RecordEntry>,
    out: &Path,
    period: Period,
    provisional: bool,
    (secret, public): (&SecretKey, &PublicKey),
) -> Result<summary::Issued, SummaryError> {
    // A frozen session: the gaps left are those of the entries.
    let data = SessionData {
        entries,
        frozen_at: Some(signed_at()),
        sections: thidua::synthetic::sections(&loaded.covenant, period, 2026),
        election: (period == Period::YearEnd).then(|| synthetic::election(&loaded.covenant)),
        ..SessionData::default()
    };
    summary::issue(
        loaded,
        data,
        &request(out, period, provisional),
        secret,
        public,
        signed_at(),
    )
}

/// Checks `file` with `file.minisig` by the independent verifier; the trusted comment.
fn independent_check(public: &PublicKey, file: &Path) -> Result<String, minisign_verify::Error> {
    let key = minisign_verify::PublicKey::from_base64(&public.to_base64())?;
    let signature = fs::read_to_string(format!("{}.minisig", file.display())).unwrap();
    let signature = minisign_verify::Signature::decode(&signature)?;
    key.verify(&fs::read(file).unwrap(), &signature, false)?;
    Ok(signature.trusted_comment().to_string())
}

fn documents(issued: &summary::Issued) -> Vec<PathBuf> {
    issued
        .files
        .iter()
        .filter(|f| f.extension().is_some_and(|e| e != "minisig"))
        .cloned()
        .collect()
}

#[test]
fn a_summary_is_four_documents_each_signed_with_what_it_is() {
    let root = tempfile::tempdir().unwrap();
    let loaded = bloc(root.path(), 8, 30);
    let (secret, public) = keys();
    let out = root.path().join("summaries");
    let issued = issue(
        &loaded,
        full_entries(&loaded),
        &out,
        Period::MidYear,
        false,
        (&secret, &public),
    )
    .expect("issued");
    assert_eq!(issued.version, 1);
    let names: Vec<String> = issued
        .files
        .iter()
        .map(|f| f.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    let stem = format!("{}-2026-mid-year-v1", loaded.covenant.bloc.id);
    for ext in ["pdf", "xlsx", "docx", "ron"] {
        assert!(names.contains(&format!("{stem}.{ext}")), "{names:?}");
        assert!(
            names.contains(&format!("{stem}.{ext}.minisig")),
            "{names:?}"
        );
    }
    for doc in documents(&issued) {
        let comment = independent_check(&public, &doc).expect("the signature holds");
        let parsed = TrustedComment::parse(&comment).expect("a thidua comment");
        assert_eq!(parsed.bloc, loaded.covenant.bloc.id);
        assert_eq!(
            (parsed.year, parsed.period, parsed.version),
            (2026, Period::MidYear, 1)
        );
        assert!(!parsed.provisional);
        assert_eq!(parsed.file, doc.file_name().unwrap().to_string_lossy());
        assert_eq!(parsed.sha256, sha256_hex(&fs::read(&doc).unwrap()));
        let report = verify::check_file(&doc, &public).unwrap();
        assert!(!report.failed(), "{report:?}");
    }
    assert!(
        fs::read(out.join(format!("{stem}.pdf")))
            .unwrap()
            .starts_with(b"%PDF-")
    );
    assert!(
        fs::read(out.join(format!("{stem}.xlsx")))
            .unwrap()
            .starts_with(b"PK")
    );

    // The record holds everything needed to recompute, and names the other two by hash.
    let record_path = out.join(format!("{stem}.ron"));
    let record = Record::from_ron(&fs::read_to_string(&record_path).unwrap()).unwrap();
    assert_eq!(record.entries.len(), 8 * loaded.covenant.layout.items.len());
    assert_eq!(record.entries[0].note, "Theo biên bản họp ngày 2/7");
    assert_eq!(record.bloc, loaded.covenant.bloc);
    assert_eq!(record.scheme, loaded.covenant.scheme);
    assert_eq!(record.public_key, public.to_base64());
    assert_eq!(record.signed_at, signed_at());
    assert_eq!(record.replaces, None);
    for (doc, ext) in record.documents.iter().zip(["pdf", "xlsx"]) {
        assert_eq!(doc.file, format!("{stem}.{ext}"));
        assert_eq!(
            doc.sha256,
            sha256_hex(&fs::read(out.join(&doc.file)).unwrap())
        );
    }
    let report = verify::check_file(&record_path, &public).unwrap();
    assert!(
        report.findings.iter().any(|f| matches!(
            f,
            Finding::Recomputed { units: 8, entries } if *entries == record.entries.len()
        )),
        "{report:?}"
    );
    assert_eq!(
        report
            .findings
            .iter()
            .filter(|f| matches!(f, Finding::DocumentMatches(_)))
            .count(),
        3,
        "the PDF, the spreadsheet and the Word copy"
    );
}

#[test]
fn one_changed_byte_in_any_signed_file_fails_the_check() {
    let root = tempfile::tempdir().unwrap();
    let loaded = bloc(root.path(), 6, 20);
    let (secret, public) = keys();
    let out = root.path().join("summaries");
    let issued = issue(
        &loaded,
        full_entries(&loaded),
        &out,
        Period::MidYear,
        false,
        (&secret, &public),
    )
    .unwrap();
    for doc in documents(&issued) {
        let original = fs::read(&doc).unwrap();
        for at in [0, original.len() / 2, original.len() - 1] {
            let mut changed = original.clone();
            changed[at] ^= 0x01;
            fs::write(&doc, &changed).unwrap();
            assert!(
                independent_check(&public, &doc).is_err(),
                "{} byte {at}",
                doc.display()
            );
            let report = verify::check_file(&doc, &public).unwrap();
            assert!(report.failed(), "{} byte {at}", doc.display());
            assert!(report.findings.contains(&Finding::SignatureInvalid));
        }
        fs::write(&doc, &original).unwrap();
        assert!(!verify::check_file(&doc, &public).unwrap().failed());
    }
    // A PDF swapped for another, with its own valid signature, is not the one the record names.
    let pdf = documents(&issued)
        .into_iter()
        .find(|d| d.extension().unwrap() == "pdf")
        .unwrap();
    let record = documents(&issued)
        .into_iter()
        .find(|d| d.extension().unwrap() == "ron")
        .unwrap();
    let mut other = fs::read(&pdf).unwrap();
    other.extend_from_slice(b"\n% another\n");
    fs::write(&pdf, other).unwrap();
    let report = verify::check_file(&record, &public).unwrap();
    assert!(report.failed());
    assert!(
        report
            .findings
            .iter()
            .any(|f| matches!(f, Finding::DocumentDiffers(_))),
        "{report:?}"
    );
}

#[test]
fn signing_again_writes_version_two_beside_version_one() {
    let root = tempfile::tempdir().unwrap();
    let loaded = bloc(root.path(), 5, 12);
    let (secret, public) = keys();
    let out = root.path().join("summaries");
    let mut entries = full_entries(&loaded);
    let first = issue(
        &loaded,
        entries.clone(),
        &out,
        Period::MidYear,
        false,
        (&secret, &public),
    )
    .unwrap();
    let before: Vec<(PathBuf, Vec<u8>)> = first
        .files
        .iter()
        .map(|f| (f.clone(), fs::read(f).unwrap()))
        .collect();
    // A correction after signing: one value changes.
    entries[3].value = match &entries[3].value {
        Value::Met(m) => Value::Met(!m),
        Value::Count(n) => Value::Count(n + 1),
        other => other.clone(),
    };
    let second = issue(
        &loaded,
        entries,
        &out,
        Period::MidYear,
        false,
        (&secret, &public),
    )
    .unwrap();
    assert_eq!(second.version, 2);
    for (path, bytes) in &before {
        assert_eq!(
            &fs::read(path).unwrap(),
            bytes,
            "{} changed",
            path.display()
        );
    }
    let replaced = second.replaces.expect("version 2 names version 1");
    assert_eq!(
        replaced.file,
        first.record.file_name().unwrap().to_string_lossy()
    );
    assert_eq!(
        replaced.sha256,
        sha256_hex(&fs::read(&first.record).unwrap())
    );
    let report = verify::check_file(&second.record, &public).unwrap();
    assert!(!report.failed(), "{report:?}");
    assert!(
        report
            .findings
            .iter()
            .any(|f| matches!(f, Finding::ReplacesMatches(_)))
    );
    // A version whose writing was cut short was never issued: its number is taken again, and
    // its files are moved aside when the next version is written.
    let partial = out.join(format!("{}-2026-mid-year-v3.pdf", loaded.covenant.bloc.id));
    fs::write(&partial, b"partial").unwrap();
    let (next, previous) =
        thidua::report::issue::next_version(&out, &loaded.covenant.bloc.id, 2026, Period::MidYear)
            .unwrap();
    assert_eq!(next, 3);
    assert_eq!(previous.as_deref(), Some(second.record.as_path()));
    let third = issue(
        &loaded,
        full_entries(&loaded),
        &out,
        Period::MidYear,
        false,
        (&secret, &public),
    )
    .unwrap();
    assert_eq!(third.version, 3);
    assert_eq!(third.set_aside.len(), 1);
    let moved = third.set_aside[0].folder.join(partial.file_name().unwrap());
    assert_eq!(fs::read(moved).unwrap(), b"partial");
    assert!(
        third.set_aside[0]
            .folder
            .starts_with(out.join("not-issued"))
    );
    assert_ne!(fs::read(&partial).unwrap(), b"partial");
}

#[test]
fn an_incomplete_session_is_refused_unless_provisional() {
    let root = tempfile::tempdir().unwrap();
    let loaded = bloc(root.path(), 4, 10);
    let (secret, public) = keys();
    let out = root.path().join("summaries");
    let mut entries = full_entries(&loaded);
    let dropped = entries.remove(5);
    let refused = issue(
        &loaded,
        entries.clone(),
        &out,
        Period::MidYear,
        false,
        (&secret, &public),
    );
    let Err(SummaryError::Incomplete(gaps)) = refused else {
        panic!("not refused: {refused:?}");
    };
    let unit = loaded.covenant.unit_index(&dropped.unit).unwrap();
    let item = loaded.covenant.layout.index_of(&dropped.item).unwrap();
    assert_eq!(gaps, vec![Gap::Missing(unit, item)]);
    assert!(!out.exists() || fs::read_dir(&out).unwrap().next().is_none());

    let draft = issue(
        &loaded,
        entries,
        &out,
        Period::MidYear,
        true,
        (&secret, &public),
    )
    .expect("a draft is issued");
    for doc in documents(&draft) {
        let comment = independent_check(&public, &doc).unwrap();
        assert!(comment.contains("status=provisional"), "{comment}");
        assert!(comment.contains("DỰ THẢO"), "{comment}");
    }
    let record = Record::from_ron(&fs::read_to_string(&draft.record).unwrap()).unwrap();
    assert!(record.provisional);
    assert!(!verify::check_file(&draft.record, &public).unwrap().failed());
}

#[test]
fn a_tie_for_first_place_at_year_end_is_a_gap() {
    let root = tempfile::tempdir().unwrap();
    let loaded = bloc(root.path(), 3, 8);
    // Every unit the same values as the first, and each exactly its own target: all tied on
    // everything.
    let sheet = synthetic::full_sheet(&loaded.covenant);
    let covenant = &loaded.covenant;
    let entries = summary::entries(covenant, |u, i| thidua::store::records::Cell {
        value: sheet.get(0, i).map(|v| match v {
            Value::Achieved(_) => Value::Achieved(covenant.target(u, i).expect("a target")),
            other => other.clone(),
        }),
        ..Default::default()
    });
    let (secret, public) = keys();
    let out = root.path().join("summaries");
    let refused = issue(
        &loaded,
        entries,
        &out,
        Period::YearEnd,
        false,
        (&secret, &public),
    );
    let Err(SummaryError::Incomplete(gaps)) = refused else {
        panic!("not refused: {refused:?}");
    };
    assert!(gaps.contains(&Gap::TieForLead(vec![0, 1, 2])), "{gaps:?}");
}

/// Issues a summary and returns the record's path and parsed record.
fn issued_record(root: &Path, secret: &SecretKey, public: &PublicKey) -> (PathBuf, Record) {
    let loaded = bloc(root, 5, 12);
    let out = root.join("summaries");
    let issued = issue(
        &loaded,
        full_entries(&loaded),
        &out,
        Period::YearEnd,
        true,
        (secret, public),
    )
    .unwrap();
    let record = Record::from_ron(&fs::read_to_string(&issued.record).unwrap()).unwrap();
    (issued.record, record)
}

#[test]
fn a_total_edited_and_signed_by_another_key_fails_against_the_heads_key() {
    let root = tempfile::tempdir().unwrap();
    let (secret, public) = keys();
    let (path, mut record) = issued_record(root.path(), &secret, &public);
    record.results.units[2].total += rust_decimal::Decimal::ONE;
    let (other_secret, other_public) = keys();
    resign(&path, &record, &other_secret, &other_public);

    let report = verify::check_file(&path, &public).unwrap();
    assert!(report.failed());
    assert!(
        report
            .findings
            .iter()
            .any(|f| matches!(f, Finding::OtherKey(_))),
        "{report:?}"
    );
    // Even checked with the key that did sign it, the edited total is not what the entries give.
    let report = verify::check_file(&path, &other_public).unwrap();
    assert!(report.failed());
    let differences = report.findings.iter().find_map(|f| match f {
        Finding::ResultsDiffer(d) => Some(d),
        _ => None,
    });
    let differences = differences.expect("the recomputation differs");
    assert!(
        differences
            .iter()
            .any(|d| d.what == verify::DiffKind::Total && d.unit == record.bloc.members[2].short),
        "{differences:?}"
    );
    assert!(report.findings.contains(&Finding::RecordKeyDiffers));
}

#[test]
fn an_entry_edited_with_the_results_left_fails_the_recomputation() {
    let root = tempfile::tempdir().unwrap();
    let (secret, public) = keys();
    let (path, mut record) = issued_record(root.path(), &secret, &public);
    let entry = record
        .entries
        .iter_mut()
        .find(|e| matches!(e.value, Value::Count(_)))
        .expect("a count entry");
    let Value::Count(n) = entry.value else {
        unreachable!()
    };
    entry.value = Value::Count(n + 3);
    resign(&path, &record, &secret, &public);

    let report = verify::check_file(&path, &public).unwrap();
    assert!(report.failed());
    assert!(
        report
            .findings
            .iter()
            .any(|f| matches!(f, Finding::ResultsDiffer(_))),
        "{report:?}"
    );
    assert!(
        report
            .findings
            .iter()
            .any(|f| matches!(f, Finding::Signed(_))),
        "the signature itself holds: {report:?}"
    );
}

/// The screen unlocks the key on a thread of its own while the documents are laid out with the
/// `.pub` beside the key. Whatever lies beside it (the right key, another key's, nothing), the
/// issue is signed by the key unlocked, and a wrong passphrase issues nothing.
#[test]
fn a_key_unlocked_while_the_layout_runs_signs_whatever_lies_beside_it() {
    use thidua::report::keys::{self, Passphrase};
    let tmp = tempfile::tempdir().unwrap();
    let loaded = bloc(tmp.path(), 5, 12);
    let pass = || Passphrase::new("mật khẩu khối".into()).unwrap();
    let key = tmp.path().join("khoi.key");
    keys::generate(&key, &pass()).unwrap();
    let public = keys::load_public_key(&key.with_extension("pub")).unwrap();
    let other = tmp.path().join("other/khac.key");
    std::fs::create_dir_all(other.parent().unwrap()).unwrap();
    keys::generate(&other, &pass()).unwrap();
    let data = || SessionData {
        entries: full_entries(&loaded),
        frozen_at: Some(signed_at()),
        sections: thidua::synthetic::sections(&loaded.covenant, Period::MidYear, 2026),
        ..SessionData::default()
    };
    let out = tmp.path().join("out");
    let issue = |pass: Passphrase| {
        summary::issue_unlocking(
            &loaded,
            data(),
            &request(&out, Period::MidYear, false),
            &key,
            pass,
            signed_at(),
        )
    };
    let wrong = issue(Passphrase::new("sai".into()).unwrap()).unwrap_err();
    assert!(matches!(wrong, SummaryError::Key(_)), "{wrong:?}");
    let signed = std::fs::read_dir(&out).map_or(0, |d| {
        d.filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "minisig"))
        })
        .count()
    });
    assert_eq!(signed, 0, "nothing signed on a wrong passphrase");
    // The right .pub beside the key; then another key's; then none.
    let first = issue(pass()).unwrap();
    std::fs::copy(other.with_extension("pub"), key.with_extension("pub")).unwrap();
    let second = issue(pass()).unwrap();
    std::fs::remove_file(key.with_extension("pub")).unwrap();
    let third = issue(pass()).unwrap();
    assert_eq!([first.version, second.version, third.version], [1, 2, 3]);
    for issued in [first, second, third] {
        for file in issued
            .files
            .iter()
            .filter(|f| f.extension().is_some_and(|x| x != "minisig"))
        {
            independent_check(&public, file).unwrap();
        }
        let report = verify::check_file(&issued.record, &public).unwrap();
        assert!(!report.failed(), "{report:?}");
    }
}

#[test]
fn the_written_sections_are_in_the_record_and_an_edited_one_fails_the_check() {
    let root = tempfile::tempdir().unwrap();
    let (secret, public) = keys();
    let loaded = bloc(root.path(), 4, 12);
    let issued = issue(
        &loaded,
        full_entries(&loaded),
        &root.path().join("summaries"),
        Period::MidYear,
        false,
        (&secret, &public),
    )
    .unwrap();
    let path = issued.record;
    let text = fs::read_to_string(&path).unwrap();
    let record = Record::from_ron(&text).unwrap();
    assert_eq!(
        record.sections,
        synthetic::sections(&loaded.covenant, Period::MidYear, 2026)
    );
    assert!(!verify::check_file(&path, &public).unwrap().failed());

    // One word of a section changed in the file: the signature no longer holds.
    let edited = text.replacen("Nội dung mục Tồn tại", "Nội dung mục Tồn tai", 1);
    assert!(edited != text, "the section's words are in the record");
    fs::write(&path, &edited).unwrap();
    let report = verify::check_file(&path, &public).unwrap();
    assert!(
        report.findings.contains(&Finding::SignatureInvalid),
        "{report:?}"
    );

    // Signed again after emptying a required section and renaming another: a final version
    // without the section, or under another heading than its scheme's, fails.
    let mut tampered = record.clone();
    tampered.sections[0].text.clear();
    tampered.sections[2].title = "Phương hướng".into();
    resign(&path, &tampered, &secret, &public);
    let report = verify::check_file(&path, &public).unwrap();
    assert!(report.failed());
    let problems = report.findings.iter().find_map(|f| match f {
        Finding::SectionsInvalid(p) => Some(p.clone()),
        _ => None,
    });
    use thidua::report::record::SectionProblem;
    assert_eq!(
        problems.expect("the sections are checked"),
        vec![
            SectionProblem::TitleDiffers("phuong-huong".into()),
            SectionProblem::Empty("Kết quả nổi bật".into()),
        ]
    );
}
