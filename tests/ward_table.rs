//! The ward's city table and paper check: the table holds each bloc's accepted report in a
//! section of its own, says which blocs are final, draft or missing, gathers the proposals per
//! award, and is signed with the ward's key; its numbers read back from its workbook equal the
//! records'. A bloc checked on paper counts only once two groups of its digest are typed right.

#[path = "support/signing.rs"]
mod signing;
#[path = "support/ward_setup.rs"]
mod ward_setup;

use std::fs;

use calamine::{Data, Reader, Xlsx};
use chrono::NaiveDate;
use rust_decimal::prelude::ToPrimitive;
use thidua::model::Period;
use thidua::report::record::{FileHash, Record, sha256_hex};
use thidua::report::summary;
use thidua::ward::collect::collect;
use thidua::ward::table::issue::{self as table_issue, Request as TableRequest};
use thidua::ward::table::{self, xlsx as table_xlsx};
use thidua::ward::workspace::AUDIT_LOG;
use thidua::ward::{Standing, paper};

use signing::{keys, resign, signed_at};
use ward_setup::{record, replacing, ward};

fn number(cell: Option<&Data>) -> f64 {
    match cell {
        Some(Data::Float(f)) => *f,
        Some(Data::Int(i)) => *i as f64,
        other => panic!("not a number: {other:?}"),
    }
}

fn text(cell: Option<&Data>) -> String {
    match cell {
        Some(Data::String(s)) => s.clone(),
        Some(Data::Empty) | None => String::new(),
        other => panic!("not text: {other:?}"),
    }
}

#[test]
fn the_city_table_has_a_section_per_bloc_and_its_workbook_reads_back_as_the_records() {
    let w = ward(&["khoi-1", "khoi-2", "khoi-3", "khoi-4"]);
    // khoi-1: two final versions, the second replacing the first.
    let first = record(&w.blocs[0], Period::YearEnd, 1, false);
    w.drop("khoi-1-v1.ron", &first);
    let second = replacing(&first, "khoi-1-v1.ron");
    w.drop("khoi-1-v2.ron", &second);
    // Saved from the mail as "… (1)": found by the hash the signature names, not by name.
    let inbox = w.dir.join("inbox");
    fs::rename(inbox.join("khoi-1-v2.ron"), inbox.join("khoi-1-v2 (1).ron")).unwrap();
    // khoi-2: a draft only.
    let draft = record(&w.blocs[1], Period::YearEnd, 1, true);
    w.drop("khoi-2.ron", &draft);
    // khoi-3: signed by a key the ward does not trust.
    let (stranger, stranger_public) = keys();
    let forged = record(&w.blocs[2], Period::YearEnd, 1, false);
    resign(
        &w.dir.join("inbox/khoi-3.ron"),
        &forged,
        &stranger,
        &stranger_public,
    );
    // khoi-4 sends nothing.

    let workspace = w.open();
    let collected = collect(&workspace, signed_at()).unwrap();
    let city = table::table(&workspace, &collected, Period::YearEnd);
    let standings: Vec<&Standing> = city.blocs.iter().map(|b| &b.standing).collect();
    let outcomes: Vec<_> = collected
        .checked
        .iter()
        .map(|c| (&c.name, &c.outcome))
        .collect();
    assert!(
        matches!(standings[0], Standing::Final(2)),
        "{standings:?} {outcomes:?}"
    );
    assert!(matches!(standings[1], Standing::Draft(1)), "{standings:?}");
    assert!(
        matches!(standings[2], Standing::Refused(_)),
        "{standings:?}"
    );
    assert!(matches!(standings[3], Standing::Missing), "{standings:?}");
    assert!(
        !city.is_final(),
        "a table with a draft and a missing bloc is a draft"
    );
    assert_eq!(city.counts(), (1, 1, 2));
    // The proposals gather every proposed unit of the reports used, by award.
    let proposed: usize = [&second, &draft]
        .iter()
        .map(|r| {
            r.results
                .awards
                .iter()
                .flat_map(|a| &a.statuses)
                .filter(|s| s.is_proposed())
                .count()
        })
        .sum();
    assert!(proposed > 0, "the generated blocs propose units");
    assert_eq!(
        city.awards.iter().map(|a| a.units.len()).sum::<usize>(),
        proposed
    );

    let (ward_secret, ward_public) = keys();
    let files = table_issue::issue(
        &w.dir,
        &city,
        TableRequest {
            date: NaiveDate::from_ymd_opt(2026, 12, 20).unwrap(),
            place: "Thành Đông".into(),
            signer: None,
        },
        &ward_secret,
        &ward_public,
    )
    .unwrap();
    assert_eq!(files.len(), 6, "PDF, workbook and Word copy, each signed");
    for pair in files.chunks(2) {
        let bytes = fs::read(&pair[0]).unwrap();
        let signature = fs::read_to_string(&pair[1]).unwrap();
        let comment = thidua::report::sign::verify(&ward_public, &bytes, &signature).unwrap();
        assert!(comment.contains("status=provisional"), "{comment}");
    }
    let xlsx = files.iter().find(|f| f.extension().unwrap() == "xlsx");
    let mut book: Xlsx<_> = calamine::open_workbook(xlsx.unwrap()).unwrap();

    // Who reported: every expected bloc, in order, with the record the table was made from.
    let received = book.worksheet_range(table_xlsx::RECEIVED_SHEET).unwrap();
    let row = |r: u32| table_xlsx::FIRST_DATA_ROW + r;
    assert_eq!(text(received.get_value((row(0), 1))), "khoi-1");
    assert_eq!(number(received.get_value((row(0), 4))), 2.0);
    let second_hash = sha256_hex(second.to_ron().as_bytes());
    assert_eq!(text(received.get_value((row(0), 6))), second_hash);
    assert!(text(received.get_value((row(1), 3))).contains("dự thảo"));
    assert!(text(received.get_value((row(2), 3))).contains("từ chối"));
    assert_eq!(text(received.get_value((row(3), 3))), "Chưa nhận");

    // Every unit of the two reports used, best first, with the record's rank and total.
    let results = book.worksheet_range(table_xlsx::RESULTS_SHEET).unwrap();
    let mut r = table_xlsx::FIRST_DATA_ROW;
    for (id, rec) in [("khoi-1", &second), ("khoi-2", &draft)] {
        for &u in &rec.results.order {
            let unit = &rec.results.units[u];
            assert_eq!(text(results.get_value((r, 0))), id);
            assert_eq!(number(results.get_value((r, 2))), unit.rank as f64);
            assert_eq!(text(results.get_value((r, 4))), rec.bloc.members[u].name);
            let total = unit.total.round_dp(2).to_f64().unwrap();
            assert_eq!(number(results.get_value((r, 5))), total);
            r += 1;
        }
    }
    assert_eq!(
        text(results.get_value((r, 0))),
        "",
        "no rows from the refused or missing blocs"
    );

    // The proposals: each award's units with their bloc's rank and the votes counted.
    let proposals = book.worksheet_range(table_xlsx::PROPOSALS_SHEET).unwrap();
    let rows = (proposals.height() as u32).saturating_sub(table_xlsx::FIRST_DATA_ROW);
    assert_eq!(rows as usize, proposed);
    let first_row = table_xlsx::FIRST_DATA_ROW;
    let unit_name = text(proposals.get_value((first_row, 2)));
    let unit = second
        .bloc
        .members
        .iter()
        .position(|m| m.name == unit_name)
        .expect("the first proposal is khoi-1's");
    let award = &second.results.awards[0];
    let votes = award.statuses[unit].votes().map(f64::from);
    if let Some(votes) = votes {
        assert_eq!(number(proposals.get_value((first_row, 6))), votes);
    }
    assert_eq!(
        number(proposals.get_value((first_row, 4))),
        second.results.units[unit].rank as f64
    );

    // Within an award and a bloc, best first.
    let mut previous: Option<(String, String, f64)> = None;
    for r in first_row..first_row + rows {
        let key = (
            text(proposals.get_value((r, 0))),
            text(proposals.get_value((r, 3))),
        );
        let rank = number(proposals.get_value((r, 4)));
        if let Some((award, bloc, before)) = &previous
            && (award, bloc) == (&key.0, &key.1)
        {
            assert!(rank >= *before, "row {r}: rank {rank} after {before}");
        }
        previous = Some((key.0, key.1, rank));
    }

    // A second table is the next version; the first stays as it was.
    let again = table_issue::issue(
        &w.dir,
        &city,
        TableRequest {
            date: NaiveDate::from_ymd_opt(2026, 12, 21).unwrap(),
            place: String::new(),
            signer: None,
        },
        &ward_secret,
        &ward_public,
    )
    .unwrap();
    assert!(again[0].to_string_lossy().contains("-v2."), "{again:?}");
    assert!(files[0].exists());
}

#[test]
fn the_table_words_each_bloc_and_award_in_its_pages() {
    let w = ward(&["khoi-1", "khoi-2"]);
    let a = record(&w.blocs[0], Period::YearEnd, 1, false);
    w.drop("a.ron", &a);
    let b = record(&w.blocs[1], Period::YearEnd, 1, false);
    w.drop("b.ron", &b);
    let workspace = w.open();
    let collected = collect(&workspace, signed_at()).unwrap();
    let city = table::table(&workspace, &collected, Period::YearEnd);
    assert!(city.is_final(), "{:?}", city.blocs);
    let edition = table::document::TableEdition {
        date: NaiveDate::from_ymd_opt(2026, 12, 20).unwrap(),
        place: "Thành Đông".into(),
        signer: Some(thidua::model::Signer {
            name: "Lê Thị Hoa".into(),
            post: "Chủ tịch".into(),
        }),
        public_key: "RWTEST".into(),
        pdf_name: "tong-hop-2026-year-end-v1.pdf".into(),
    };
    let doc = table::document::document(&city, &edition);
    assert_eq!(doc.draft, "", "every bloc final: not a draft");
    let lines = thidua::report::pdf::layout_text(&doc).unwrap().join("\n");
    for expected in [
        "Thành Đông, ngày 20 tháng 12 năm 2026",
        "I. TÌNH HÌNH TIẾP NHẬN BÁO CÁO",
        "1. Khối thi đua số 1",
        "2. Khối thi đua số 2",
        "III. ĐỀ NGHỊ KHEN THƯỞNG",
        "Lê Thị Hoa",
    ] {
        let squeezed = lines.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            squeezed.contains(expected) || lines.contains(expected),
            "{expected:?} not in the pages:\n{lines}"
        );
    }
    // Each bloc's own units, never a bloc's total summed with another's.
    assert_eq!(
        city.blocs
            .iter()
            .filter_map(|b| b.report.as_ref())
            .map(|r| r.units.len())
            .collect::<Vec<_>>(),
        vec![4, 4]
    );
}

#[test]
fn a_bloc_checked_on_paper_counts_once_two_groups_of_its_digest_are_typed_right() {
    let w = ward(&["khoi-1"]);
    let mut workspace = w.open();
    workspace.set_paper("khoi-1", true).unwrap();
    let rec = record(&w.blocs[0], Period::MidYear, 1, false);
    w.drop("bao-cao.ron", &rec);
    let collected = collect(&workspace, signed_at()).unwrap();
    let due = collected
        .paper_due("khoi-1", Period::MidYear)
        .expect("a final report awaits its paper check");
    let city = table::table(&workspace, &collected, Period::MidYear);
    assert!(!city.is_final(), "not final before the paper check");
    assert!(city.blocs[0].paper_due);

    // The digest printed is of the record without its documents, and reads back the same.
    let groups = rec.paper_groups();
    assert_eq!(groups.len(), 16);
    assert!(groups.iter().all(|g| g.len() == 4));
    let mut with_documents = rec.clone();
    with_documents.documents.push(FileHash {
        file: "x.pdf".into(),
        sha256: "00".repeat(32),
    });
    assert_eq!(with_documents.paper_groups(), groups);
    let read_back = Record::from_ron(&rec.to_ron()).unwrap();
    assert_eq!(read_back.paper_groups(), groups);

    // Two different groups, the same for the same record and seed.
    let [a, b] = due.asked;
    assert!(a < b && b < 16);
    assert_eq!(
        paper::asked(&workspace.ward.paper_seed, &due.record.sha256),
        due.asked
    );
    // Wrong groups: logged as a mismatch, still due.
    let wrong = if groups[a] == "0000" { "1111" } else { "0000" };
    assert!(!paper::matches(&rec, due.asked, [wrong, &groups[b]]));
    paper::log(
        &workspace,
        "bao-cao.ron",
        &due.record.sha256,
        false,
        due.asked,
        signed_at(),
    )
    .unwrap();
    let collected = collect(&workspace, signed_at()).unwrap();
    assert!(collected.paper_due("khoi-1", Period::MidYear).is_some());
    // Right, typed in capitals with a stray space: confirmed, and the table is final.
    let upper = format!(" {} ", groups[a].to_uppercase());
    assert!(paper::matches(&rec, due.asked, [&upper, &groups[b]]));
    paper::log(
        &workspace,
        "bao-cao.ron",
        &due.record.sha256,
        true,
        due.asked,
        signed_at(),
    )
    .unwrap();
    let collected = collect(&workspace, signed_at()).unwrap();
    assert_eq!(collected.paper_due("khoi-1", Period::MidYear), None);
    assert!(table::table(&workspace, &collected, Period::MidYear).is_final());
    let log = fs::read_to_string(w.dir.join(AUDIT_LOG)).unwrap();
    assert!(log.contains(paper::MISMATCH) && log.contains(paper::CONFIRMED));

    // The CLI: asked with no groups due, it says so in the user's language.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_thidua"))
        .args([
            "ward", "confirm", "khoi-1", "--period", "year-end", "aaaa", "bbbb",
        ])
        .arg("--dir")
        .arg(&w.dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("không có báo cáo chính thức nào chờ đối chiếu"),
        "{said}"
    );
}

#[test]
fn the_printed_report_carries_the_digest_of_its_record() {
    let root = tempfile::tempdir().unwrap();
    let loaded = signing::bloc(root.path(), 3, 10);
    let (secret, public) = keys();
    let request = signing::mid_year_request(root.path().join("summaries"));
    let data = signing::mid_year_data(&loaded);
    let issued = summary::issue(&loaded, data, &request, &secret, &public, signed_at()).unwrap();
    let record = Record::from_ron(&fs::read_to_string(&issued.record).unwrap()).unwrap();
    // The Word copy is laid out from the same document as the PDF, and its text is plain XML.
    let word = issued
        .files
        .iter()
        .find(|f| f.extension().unwrap() == "docx")
        .unwrap();
    let mut zip = zip::ZipArchive::new(fs::File::open(word).unwrap()).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml)
        .unwrap();
    let groups = record.paper_groups().join(" ");
    assert!(xml.contains(&groups), "the digest {groups} is not printed");
    // The record names its documents, yet its digest is of the record without them.
    assert!(!record.documents.is_empty());
}

#[test]
fn ward_table_on_the_command_line_signs_with_the_wards_key_and_refuses_another_year() {
    let w = ward(&["khoi-1"]);
    w.drop("a.ron", &record(&w.blocs[0], Period::MidYear, 1, false));
    let thidua = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_thidua"))
            .args(args)
            .arg("--dir")
            .arg(&w.dir)
            .output()
            .unwrap()
    };
    let out = thidua(&["ward", "table", "--period", "mid-year", "--year", "2025"]);
    assert_eq!(out.status.code(), Some(2));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("nhận báo cáo năm 2026, không phải năm 2025"),
        "{said}"
    );
    assert!(!w.dir.join("tables").exists(), "nothing written");

    let key = w.root.path().join("phuong.key");
    let passphrase = thidua::report::keys::Passphrase::new("mat khau phuong".into()).unwrap();
    thidua::report::keys::generate(&key, &passphrase).unwrap();
    let pass = w.root.path().join("pass");
    fs::write(&pass, "mat khau phuong\n").unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&pass, fs::Permissions::from_mode(0o600)).unwrap();
    }
    let key_arg = key.to_string_lossy().into_owned();
    let pass_arg = pass.to_string_lossy().into_owned();
    let out = thidua(&[
        "--lang",
        "en",
        "ward",
        "table",
        "--period",
        "mid-year",
        "--date",
        "2026-07-20",
        "--key",
        &key_arg,
        "--password-file",
        &pass_arg,
    ]);
    let said = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{said}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        said.contains("wrote and signed the final city table (1 bloc)"),
        "{said}"
    );
    let ward_public = thidua::report::keys::load_public_key(&key.with_extension("pub")).unwrap();
    let pdf = w.dir.join("tables/tong-hop-2026-mid-year-v1.pdf");
    let signature = fs::read_to_string(pdf.with_extension("pdf.minisig")).unwrap();
    let comment =
        thidua::report::sign::verify(&ward_public, &fs::read(&pdf).unwrap(), &signature).unwrap();
    assert!(
        comment.contains("bloc=ward year=2026 period=mid-year version=1"),
        "{comment}"
    );
    assert!(comment.contains("status=final"), "{comment}");
}
