//! The meeting's minutes: the attendance and the count records are checked against the bloc,
//! the scheme and the members' tally before anything is written; once recorded, the minutes
//! are issued with the report as a PDF and a Word copy, named in the signed record, and
//! `verify` checks them.

use std::path::Path;

use thidua::model::minutes::{Attendance, BallotCount, Delegation, Minutes, MinutesError, Person};
use thidua::model::{Ballot, Period, Tally};
use thidua::report::record::Record;
use thidua::report::summary::{self, Request, SessionData};
use thidua::report::verify::{self, Finding};
use thidua::session::{Refusal, Session};
use thidua::store::{Loaded, Records, StoreError, load_covenant};

mod screen;
#[path = "support/signing.rs"]
mod signing;

use signing::{keys, resign, signed_at};

fn person(name: &str, post: &str) -> Person {
    Person {
        name: name.into(),
        post: post.into(),
    }
}

/// Every member present with one representative, bar those in `absent`.
fn attendance(loaded: &Loaded, absent: &[&str]) -> Attendance {
    Attendance {
        chair: person("Trần Quốc Huy", "Chủ tịch UBND phường Thành Đông"),
        secretary: person("Lê Thị Mai", "Công chức Văn phòng"),
        units: loaded
            .covenant
            .bloc
            .members
            .iter()
            .filter(|m| !absent.contains(&m.id.as_str()))
            .map(|m| Delegation {
                unit: m.id.clone(),
                people: vec![person(&format!("Đại biểu {}", m.short), "Chủ tịch")],
            })
            .collect(),
    }
}

fn count(award: &str, issued: u32, received: u32, valid: u32, invalid: u32) -> BallotCount {
    BallotCount {
        award: award.into(),
        committee: vec![person("Lý Văn Minh", ""), person("Trịnh Thị Nga", "")],
        issued,
        received,
        valid,
        invalid,
    }
}

/// The sample bloc's year-end, scored, frozen, its sections written, its flag voted and the
/// election held: everything a final report needs.
fn year_end(dir: &Path) -> (Loaded, Session) {
    let loaded = load_covenant(Path::new("blocs/khoi-8.ron")).expect("the sample bloc");
    let mut records = Records::open(dir, &loaded.covenant, Period::YearEnd).unwrap();
    records
        .apply(&screen::sample_changes(
            &loaded.covenant,
            Period::YearEnd,
            |_, _| false,
        ))
        .unwrap();
    let mut s = Session::new(Box::new(records)).unwrap();
    s.freeze().unwrap();
    for spec in loaded.covenant.scheme.sections.of(Period::YearEnd) {
        s.write_section(&spec.id, "Nội dung.").unwrap();
    }
    s.elect(thidua::synthetic::election(&loaded.covenant))
        .unwrap();
    for (award, unit, votes) in [
        ("co-thi-dua", "thanh-dong", 8),
        ("bang-khen-ttg", "hai-duong", 7),
    ] {
        s.vote(Ballot {
            award: award.into(),
            present: 8,
            tally: vec![Tally {
                unit: unit.into(),
                votes,
            }],
        })
        .unwrap();
    }
    (loaded, s)
}

#[test]
fn counts_that_do_not_agree_with_the_attendance_or_the_tally_are_refused_whole() {
    let tmp = tempfile::tempdir().unwrap();
    let (loaded, mut s) = year_end(tmp.path());
    let journal = || std::fs::read(tmp.path().join("journal.jsonl")).unwrap();
    let before = journal();
    let refused = |s: &mut Session, m: Minutes| match s.record_minutes(m) {
        Err(Refusal::Store(StoreError::Minutes(e))) => e,
        other => panic!("{other:?}"),
    };
    let all = attendance(&loaded, &[]);
    for (minutes, why) in [
        (
            Minutes {
                attendance: Some(Attendance {
                    units: vec![Delegation {
                        unit: "phuong-la".into(),
                        people: vec![],
                    }],
                    ..all.clone()
                }),
                counts: vec![],
            },
            MinutesError::UnknownUnit("phuong-la".into()),
        ),
        (
            Minutes {
                attendance: Some(Attendance {
                    chair: person("  ", ""),
                    ..all.clone()
                }),
                counts: vec![],
            },
            MinutesError::NoName,
        ),
        // A name left as the template wrote it.
        (
            Minutes {
                attendance: Some(Attendance {
                    secretary: person("Họ và tên", "Thư ký hội nghị"),
                    ..all.clone()
                }),
                counts: vec![],
            },
            MinutesError::NoName,
        ),
        // Valid and invalid ballots add up to more than were received.
        (
            Minutes {
                attendance: Some(all.clone()),
                counts: vec![count("co-thi-dua", 8, 8, 8, 1)],
            },
            MinutesError::BallotsDoNotAddUp,
        ),
        // One ballot per unit present: 7 present, 8 issued.
        (
            Minutes {
                attendance: Some(attendance(&loaded, &["tu-minh"])),
                counts: vec![count("co-thi-dua", 8, 8, 8, 0)],
            },
            MinutesError::IssuedNotPresent {
                issued: 8,
                present: 7,
            },
        ),
        // The tally gave Thành Đông 8 votes; only 6 ballots were valid.
        (
            Minutes {
                attendance: Some(all.clone()),
                counts: vec![count("co-thi-dua", 8, 8, 6, 2)],
            },
            MinutesError::VotesAboveValid {
                unit: "thanh-dong".into(),
                votes: 8,
                valid: 6,
            },
        ),
        // An award given without a vote has no count record.
        (
            Minutes {
                attendance: Some(all.clone()),
                counts: vec![count("bang-khen-ubnd", 8, 8, 8, 0)],
            },
            MinutesError::NotVoted("bang-khen-ubnd".into()),
        ),
    ] {
        assert_eq!(refused(&mut s, minutes), why);
        assert_eq!(journal(), before, "nothing written for {why:?}");
    }
    assert!(s.records().attendance().is_none());

    // A mid-year has no votes to count.
    let mid = tempfile::tempdir().unwrap();
    let records = Records::open(mid.path(), &loaded.covenant, Period::MidYear).unwrap();
    let mut m = Session::new(Box::new(records)).unwrap();
    assert!(matches!(
        m.record_minutes(Minutes {
            attendance: None,
            counts: vec![count("co-thi-dua", 8, 8, 8, 0)],
        }),
        Err(Refusal::VotesAtYearEndOnly)
    ));
}

#[test]
fn the_minutes_are_issued_with_the_report_and_checked_by_verify() {
    let tmp = tempfile::tempdir().unwrap();
    let (loaded, mut s) = year_end(tmp.path());
    s.record_minutes(Minutes {
        attendance: Some(attendance(&loaded, &[])),
        counts: vec![
            count("co-thi-dua", 8, 8, 8, 0),
            count("bang-khen-ttg", 8, 8, 7, 1),
        ],
    })
    .unwrap();
    let data = SessionData::of(s.records(), 2026);
    assert!(summary::gaps(&loaded.covenant, s.results(), &data).is_empty());
    let (secret, public) = keys();
    let out = tmp.path().join("summaries");
    let issued = summary::issue(
        &loaded,
        data,
        &Request {
            year: 2026,
            period: Period::YearEnd,
            number: Some("40".into()),
            date: chrono::NaiveDate::from_ymd_opt(2026, 12, 18).unwrap(),
            recipients: None,
            provisional: false,
            out_dir: out.clone(),
        },
        &secret,
        &public,
        signed_at(),
    )
    .expect("issued");
    // The report's four documents and the minutes' two, each with its signature.
    assert_eq!(issued.files.len(), 12);
    let stem = out.join("khoi-8-2026-year-end-v1");
    for ext in ["minutes.pdf", "minutes.docx"] {
        assert!(Path::new(&format!("{}.{ext}", stem.display())).is_file());
    }
    let report = verify::check_file(&issued.record, &public).unwrap();
    assert!(!report.failed(), "{report:?}");
    // The Word copy of the minutes: both ink signatures and the count record.
    let word = std::fs::read(format!("{}.minutes.docx", stem.display())).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(word)).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml)
        .unwrap();
    for expected in [
        "THƯ KÝ HỘI NGHỊ",
        "CHỦ TRÌ HỘI NGHỊ",
        "BIÊN BẢN KIỂM PHIẾU",
        "Lê Thị Mai",
    ] {
        assert!(xml.contains(expected), "{expected}");
    }
    let matched = report
        .findings
        .iter()
        .filter(|f| matches!(f, Finding::DocumentMatches(name) if name.contains(".minutes.")))
        .count();
    assert_eq!(matched, 2);

    // The minutes' text: who attended, the count record, the places to sign.
    let record = Record::from_ron(&std::fs::read_to_string(&issued.record).unwrap()).unwrap();
    let (covenant, results) = verify::recompute(&record).unwrap();
    let edition = thidua::report::document::Edition {
        year: 2026,
        period: Period::YearEnd,
        version: 1,
        number: record.number.clone(),
        date: record.date,
        provisional: false,
        public_key: record.public_key.clone(),
        replaces: None,
        pdf_name: "khoi-8-2026-year-end-v1.pdf".into(),
        sections: record.sections.clone(),
        recipients: record.recipients.clone(),
        election: record.election.clone(),
    };
    let doc = thidua::report::document::minutes::minutes(
        &covenant,
        &results,
        &edition,
        &thidua::report::document::minutes::MinutesData {
            attendance: record.attendance.as_ref().unwrap(),
            counts: &record.counts,
            ballots: &record.votes,
        },
        "khoi-8-2026-year-end-v1.minutes.pdf",
    );
    // Each counting committee signs in rows tall enough for ink, in the PDF and in Word.
    let json = serde_json::to_string(&doc).unwrap();
    assert_eq!(json.matches("\"sign_sheet\"").count(), record.counts.len());
    let members: usize = record.counts.iter().map(|c| c.committee.len()).sum();
    assert_eq!(xml.matches("w:hRule=\"atLeast\"").count(), members);
    let text: String = thidua::report::pdf::layout_text(&doc)
        .unwrap()
        .join("\n")
        .split_whitespace()
        .collect();
    for expected in [
        "BIÊNBẢN",
        "Chủtrì:TrầnQuốcHuy,ChủtịchUBNDphườngThànhĐông.",
        "Đạidiện8/8đơnvịthànhviên:",
        "+ỦybannhândânphườngTứMinh:ĐạibiểuTứMinh,Chủtịch.",
        "BIÊNBẢNKIỂMPHIẾU",
        "Sốphiếuphátra:8;sốphiếuthuvề:8;sốphiếuhợplệ:7;sốphiếukhônghợplệ:1.",
        "THƯKÝHỘINGHỊ",
        "CHỦTRÌHỘINGHỊ",
        "Tổkiểmphiếukýtên:",
    ] {
        assert!(text.contains(expected), "missing {expected} in {text}");
    }

    // A count record edited and signed again: the ballots no longer add up.
    let mut forged = record.clone();
    forged.counts[0].invalid = 3;
    resign(&issued.record, &forged, &secret, &public);
    let report = verify::check_file(&issued.record, &public).unwrap();
    assert!(
        report
            .findings
            .contains(&Finding::MinutesInvalid(MinutesError::BallotsDoNotAddUp)),
        "{report:?}"
    );
}

#[test]
fn an_attendance_too_large_for_a_journal_line_is_refused_and_the_journal_stays_readable() {
    use thidua::model::minutes::{MAX_PEOPLE, MAX_PERSON_CHARS};
    let tmp = tempfile::tempdir().unwrap();
    let loaded = signing::bloc(tmp.path(), 200, 5);
    let dir = tmp.path().join("records");
    std::fs::create_dir_all(&dir).unwrap();
    let records = Records::open(&dir, &loaded.covenant, Period::MidYear).unwrap();
    let mut s = Session::new(Box::new(records)).unwrap();
    // Every unit with as many people as allowed, each name and post as long as allowed.
    let long = "ệ".repeat(MAX_PERSON_CHARS);
    let big = Attendance {
        chair: person("Chủ trì", ""),
        secretary: person("Thư ký", ""),
        units: loaded
            .covenant
            .bloc
            .members
            .iter()
            .map(|m| Delegation {
                unit: m.id.clone(),
                people: vec![person(&long, &long); MAX_PEOPLE],
            })
            .collect(),
    };
    let refused = s
        .record_minutes(Minutes {
            attendance: Some(big),
            counts: vec![],
        })
        .expect_err("refused");
    assert!(
        matches!(refused, Refusal::Store(StoreError::LineTooLong { .. })),
        "{refused:?}"
    );
    assert!(
        refused
            .msg(thidua::i18n::Lang::Vi)
            .contains("Không có gì được ghi")
    );
    drop(s);
    let reopened = Records::open(&dir, &loaded.covenant, Period::MidYear).unwrap();
    assert!(reopened.attendance().is_none());
}
