//! A scheme kept in a workbook: written by `template-scheme`, read back by `import-scheme` as
//! the same scheme (for the sample and for a scheme using every kind), an office's table with
//! its numbers repeated under every group, and every mistake refused at its sheet and cell.

mod common;

use std::path::Path;

use rust_xlsxwriter::Workbook;
use thidua::model::Scheme;
use thidua::setup::scheme_read::{self, Problem};
use thidua::setup::shape;
use thidua::setup::{ron_text, scheme_book};
use thidua::store::Source;
use thidua::store::load::parse_scheme;

use common::{text, thidua_in};

fn scheme(ron: &str) -> Scheme {
    parse_scheme(&Source::from_text("s.ron", ron)).unwrap_or_else(|p| panic!("{p:#?}"))
}

const SAMPLE: &str = include_str!("../scoring/khoi-phuong-2026.ron");

/// A scheme using every kind the workbook can hold: each scale (levels, met, free, per
/// occurrence with every field, both target rules, fewer is better, each rule for units without
/// a target), printed labels and a printed maximum, every adjustment kind with caps by group on
/// both sides, a veto capping the band, the bands of each period with both conditions, every
/// tie-breaker, awards by count and by share with a vote of each base, and written sections.
const EVERY_KIND: &str = r#"Scheme(
    id: "moi-loai", title: "Thang điểm đủ loại", version: "3", effective: "2027-01-15",
    legal_basis: "Căn cứ thử",
    groups: [
        Group(code: "A", label: "I", title: "Nhóm A", cap: 40, stated_max: 45, items: [
            Criterion(code: "A.1", label: "1", title: "Mức", max: 10, guidance: "Chấm theo mức",
                scale: Levels([(code: "T", label: "Tốt", points: 10), (code: "K", label: "Khá = ổn", points: 7.5)])),
            Criterion(code: "A.2", label: "2", title: "Đạt", max: 5, scale: MetOrNot, periods: [YearEnd]),
            Group(code: "A.3", label: "3", title: "Nhóm con", items: [
                Criterion(code: "A.3.a", label: "a", title: "Tự do", max: 9.98, scale: Free(step: 0.25), periods: [MidYear]),
                Criterion(code: "A.3.b", label: "b", title: "Số lần", max: 6,
                    scale: PerOccurrence(per: -0.5, start: 5, floor: 1, ceiling: 5.5)),
            ]),
        ]),
        Group(code: "B", label: "II", title: "Nhóm B", items: [
            Criterion(code: "B.1", label: "1", title: "Thu", max: 10, scale: Target(rule: HalfAtTarget)),
            Criterion(code: "B.2", label: "2", title: "Vụ việc", max: 10,
                scale: Target(rule: Proportional, better: Lower, untargeted: Zero)),
            Criterion(code: "B.3", label: "3", title: "Hồ sơ", max: 4,
                scale: Target(rule: Proportional, untargeted: AgainstBest)),
        ]),
    ],
    bonus: (cap: 8, group_caps: {"A": 3, "B": 4}, items: [
        (code: "T1", label: "1", title: "Cờ", scale: Once(2), group: "A"),
        (code: "T2", title: "Sáng kiến", scale: PerOccurrence(0.5), cap: 2, periods: [YearEnd]),
        (code: "T3", title: "Khác", scale: Free(step: 0.5), cap: 3, group: "B", guidance: "Tùy"),
    ]),
    penalty: (cap: 6, group_caps: {"A": 2}, items: [
        (code: "K1", title: "Vi phạm", scale: PerOccurrence(1), group: "A"),
    ]),
    vetoes: [(code: "DK1", label: "ĐK", title: "Không vi phạm", band_cap: "kha", guidance: "g")],
    bands: [
        (id: "tot", label: "Tốt", min: (points: 80), conditions: [NoFailedVeto, PenaltyAtMostShareOfBonus(0.5)]),
        (id: "kha", label: "Khá", min: (points: 60, inclusive: false)),
        (id: "kd", label: "Không đạt"),
    ],
    classification: (
        mid_year: ShareOfMaximum, year_end: Points,
        mid_year_bands: [(id: "tot", label: "Tốt", min: (points: 90)), (id: "kha", label: "Khá", min: (points: 70)), (id: "kd", label: "Còn lại")],
    ),
    rank_by: ShareOfApplicable,
    tie_breakers: [GroupSubtotal("B"), CriterionPoints("A.1"), FewerPenalty, MoreBonus],
    awards: [
        (id: "co", title: "Cờ thi đua", quota: Count(1), min_band: "tot", min_total: 85,
         vote: (share: 0.5, inclusive: false, of: AllMembers)),
        (id: "bk", title: "Bằng khen", quota: Percent(percent: 25, rounding: Nearest),
         exclude_vetoed: false, vote: (share: 0.6, of: Present)),
    ],
    sections: (
        mid_year: [(id: "ket-qua", title: "Kết quả {year}", guidance: "Viết ngắn", required: true)],
        year_end: [(id: "huong", title: "Phương hướng {next_year}")],
    ),
)"#;

#[test]
fn the_sample_scheme_and_one_of_every_kind_come_back_the_same_from_their_workbook() {
    for ron in [SAMPLE, EVERY_KIND] {
        let original = scheme(ron);
        let book = scheme_book::workbook(&original).expect("the workbook is written");
        let read = scheme_read::read(&book).unwrap_or_else(|p| panic!("{p:#?}"));
        assert_eq!(read, original);
        // And through the RON text `import-scheme` writes.
        let date = chrono::NaiveDate::from_ymd_opt(2026, 12, 6).unwrap();
        let text = ron_text::scheme_text(&read, "x.xlsx", date);
        assert_eq!(scheme(&text), original, "{text}");
    }
}

/// A workbook of the given sheets, each with its shape's headings and the rows given.
fn workbook(sheets: &[(&shape::SheetShape, &[&[&str]])]) -> Vec<u8> {
    let mut book = Workbook::new();
    for (shape, rows) in sheets {
        let sheet = book.add_worksheet();
        sheet.set_name(shape.name).unwrap();
        for (c, column) in shape.columns.iter().enumerate() {
            sheet.write_string(0, c as u16, column.heading).unwrap();
        }
        for (r, row) in rows.iter().enumerate() {
            for (c, value) in row.iter().enumerate() {
                if !value.is_empty() {
                    sheet.write_string(r as u32 + 1, c as u16, *value).unwrap();
                }
            }
        }
    }
    book.save_to_buffer().unwrap()
}

const INFO: &[&[&str]] = &[
    &["Mã thang điểm", "cum-cong-an-2027"],
    &["Tên thang điểm", "Thang điểm cụm công an"],
    &["Phiên bản", "1"],
    &["Ngày hiệu lực", "15/01/2027"],
];
const BANDS: &[&[&str]] = &[&["", "tot", "Tốt", "80"], &["", "kd", "Không đạt"]];

/// Cấp, STT, Mã, Nội dung, Điểm tối đa, Trần nhóm, Cách chấm, Các mức, Bước, Mỗi lần, Sàn,
/// Trần, Bắt đầu, Quy tắc chỉ tiêu, Chiều, Đơn vị không giao chỉ tiêu, Kỳ chấm.
const OFFICE_TABLE: &[&[&str]] = &[
    &["1", "I", "", "Xây dựng lực lượng", "40", "", "Nhóm"],
    &[
        "2",
        "1",
        "",
        "Chính trị",
        "20",
        "",
        "Chấm trực tiếp",
        "",
        "0.5",
    ],
    &["2", "2", "", "Kỷ luật", "20", "", "Đạt/Không đạt"],
    &["1", "II", "", "Công tác chuyên môn", "700", "", "Nhóm"],
    &[
        "2",
        "1",
        "",
        "Tuần tra",
        "10",
        "",
        "Chấm trực tiếp",
        "",
        "1",
    ],
    &[
        "2",
        "2",
        "",
        "Số vụ phạm pháp hình sự",
        "10",
        "",
        "Theo chỉ tiêu",
        "",
        "",
        "",
        "",
        "",
        "",
        "Tỷ lệ",
        "Càng ít càng tốt",
    ],
    &[
        "2",
        "3",
        "",
        "Khu công nghiệp",
        "20",
        "",
        "Mức",
        "T: Tốt = 20\nK: Khá = 15",
    ],
];

#[test]
fn an_offices_table_numbered_under_every_group_gets_keys_from_its_paths() {
    let book = workbook(&[
        (&shape::INFO, INFO),
        (&shape::CRITERIA, OFFICE_TABLE),
        (&shape::BANDS, BANDS),
    ]);
    let s = scheme_read::read(&book).unwrap_or_else(|p| panic!("{p:#?}"));
    let layout = thidua::model::Layout::new(&s);
    let keys: Vec<(&str, &str)> = layout
        .items
        .iter()
        .map(|i| (i.code.as_str(), i.label.as_str()))
        .collect();
    // The keys made from the paths; the numbers as printed kept in the scheme, and shown with
    // their group's number since they repeat.
    assert_eq!(
        keys,
        [
            ("I.1", "I.1"),
            ("I.2", "I.2"),
            ("II.1", "II.1"),
            ("II.2", "II.2"),
            ("II.3", "II.3")
        ]
    );
    let thidua::model::scheme::Node::Criterion(first) = &s.groups[0].items[0] else {
        panic!("a criterion")
    };
    assert_eq!(first.label.as_deref(), Some("1"));
    assert_eq!(layout.groups[1].stated_max, Some("700".parse().unwrap()));
    let warnings = thidua::model::validate::warnings(&s);
    assert_eq!(
        warnings.len(),
        1,
        "the printed 700 against 40: {warnings:?}"
    );
}

fn problems(book: &[u8]) -> Vec<String> {
    let problems: Vec<Problem> = scheme_read::read(book).expect_err("the workbook is refused");
    problems
        .iter()
        .map(|p| p.text(thidua::i18n::Lang::En))
        .collect()
}

#[test]
fn every_mistake_is_refused_at_its_sheet_and_cell() {
    let criteria: &[&[&str]] = &[
        &["1", "I", "I", "Nhóm một", "", "", "Nhóm"],
        &[
            "2",
            "1",
            "I.1",
            "Chính trị",
            "mười",
            "",
            "Chấm trực tiếp",
            "",
            "0.5",
        ],
        &["2", "2", "I.2", "Kỷ luật", "10", "", "Điểm"],
        &["2", "3", "I.3", "Mức", "10", "", "Mức", "T - Tốt - 10"],
        &["1", "4", "I.4", "Ngoài nhóm", "10", "", "Đạt/Không đạt"],
        &["3", "5", "I.5", "Sâu quá", "10", "", "Đạt/Không đạt"],
        &[
            "2",
            "6",
            "I.6",
            "Bước 0",
            "10",
            "",
            "Chấm trực tiếp",
            "",
            "0",
        ],
    ];
    let got = problems(&workbook(&[
        (&shape::INFO, INFO),
        (&shape::CRITERIA, criteria),
        (&shape::BANDS, BANDS),
    ]));
    let expected = [
        "'Tiêu chí'!E3: \"mười\" is not a number",
        "'Tiêu chí'!G4: \"Điểm\" is not in the list",
        "'Tiêu chí'!H5: the level \"T - Tốt - 10\" is not written",
        "'Tiêu chí'!A6: a criterion must lie within a group",
        "'Tiêu chí'!A7: level 3 right below level 2",
    ];
    for e in expected {
        assert!(
            got.iter().any(|g| g.starts_with(e)),
            "missing {e} in {got:#?}"
        );
    }
    assert_eq!(got.len(), expected.len(), "{got:#?}");
    // Once the cells read, the scheme's own checks are located at their cells too.
    let fixed: Vec<&[&str]> = vec![
        &["1", "I", "I", "Nhóm một", "", "", "Nhóm"],
        &[
            "2",
            "1",
            "I.1",
            "Chính trị",
            "10",
            "",
            "Chấm trực tiếp",
            "",
            "0.5",
        ],
        &[
            "2",
            "6",
            "I.6",
            "Bước 0",
            "10",
            "",
            "Chấm trực tiếp",
            "",
            "0",
        ],
        &["2", "7", "I.7", "Mức cao", "10", "", "Mức", "T: Tốt = 12"],
    ];
    let got = problems(&workbook(&[
        (&shape::INFO, INFO),
        (&shape::CRITERIA, &fixed),
        (&shape::BANDS, BANDS),
    ]));
    assert_eq!(
        got,
        [
            "'Tiêu chí'!I4: must be above zero (found 0)",
            "'Tiêu chí'!H5: the level's points (12) exceed the criterion's maximum (10)",
        ]
    );
}

#[test]
fn a_missing_sheet_or_row_a_bad_date_and_a_broken_file_are_named() {
    let info: &[&[&str]] = &[
        &["Mã thang điểm", "x"],
        &["Tên thang điểm", "X"],
        &["Phiên bản", "1"],
        &["Ngày hiệu lực", "31/02/2027"],
    ];
    let got = problems(&workbook(&[(&shape::INFO, info)]));
    assert!(
        got.contains(&"the sheet \"Tiêu chí\" is missing".to_string()),
        "{got:#?}"
    );
    assert!(
        got.iter()
            .any(|g| g.starts_with("'Thông tin'!B5: \"31/02/2027\" is not a date")),
        "{got:#?}"
    );
    let got = problems(&workbook(&[
        (&shape::INFO, &INFO[..2]),
        (&shape::CRITERIA, OFFICE_TABLE),
    ]));
    assert!(
        got.iter()
            .any(|g| g.contains("the row \"Phiên bản\" is missing")),
        "{got:#?}"
    );
    // A cell far below anything a scheme can hold is refused before the sheet is read further.
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name(shape::INFO.name).unwrap();
    sheet.write_string(9_000, 0, "x").unwrap();
    let got = problems(&book.save_to_buffer().unwrap());
    assert_eq!(got.len(), 1);
    assert!(got[0].starts_with("'Thông tin'!A9001: "), "{got:#?}");
    // A package of many parts, as a hostile file could be, is refused before it is read.
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..300 {
        zip.start_file(
            format!("part{i}.xml"),
            zip::write::SimpleFileOptions::default(),
        )
        .unwrap();
    }
    let got = problems(&zip.finish().unwrap().into_inner());
    assert_eq!(got.len(), 1);
    assert!(got[0].contains("300"), "{got:#?}");
    let got = problems(b"not a zip at all");
    assert_eq!(got.len(), 1);
    assert!(
        got[0].starts_with("not a readable Excel (.xlsx) file"),
        "{got:#?}"
    );
}

#[test]
fn a_scheme_imported_from_its_workbook_scores_the_sample_bloc_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = thidua_in(dir.path(), &["template-scheme"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    // Never over a file already there.
    let again = thidua_in(dir.path(), &["template-scheme"]);
    assert_eq!(again.status.code(), Some(1));
    let out = thidua_in(dir.path(), &["import-scheme", "thang-diem.xlsx"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("36 tiêu chí trong 5 nhóm"),
        "{}",
        text(&out.stdout)
    );
    let written = std::fs::read_to_string(dir.path().join("scoring/khoi-phuong-2026.ron")).unwrap();
    assert_eq!(scheme(&written), scheme(SAMPLE));
    // Imported again: the same scheme, nothing to write.
    let out = thidua_in(dir.path(), &["import-scheme", "thang-diem.xlsx"]);
    assert_eq!(out.status.code(), Some(0));
    // The sample bloc scored with the imported scheme gives the results of the hand-written one.
    std::fs::create_dir(dir.path().join("blocs")).unwrap();
    std::fs::copy(
        root.join("blocs/khoi-8.ron"),
        dir.path().join("blocs/khoi-8.ron"),
    )
    .unwrap();
    let csv = root.join("tests/data/khoi-8-year-end.csv");
    let results = |cwd: &Path, data: &Path| {
        let data = data.to_str().unwrap();
        let common = ["khoi-8", "--period", "year-end", "--data", data];
        let out = thidua_in(
            cwd,
            &[&["import"][..], &common, &[csv.to_str().unwrap()]].concat(),
        );
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        let out = thidua_in(
            cwd,
            &[&["results"][..], &common, &["--format", "ron"]].concat(),
        );
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        text(&out.stdout)
    };
    let mine = results(dir.path(), &dir.path().join("data"));
    let theirs = results(root, &dir.path().join("data-sample"));
    assert_eq!(mine, theirs);
    assert!(mine.contains("rank: 1"));
}

#[test]
fn a_different_scheme_of_the_same_id_is_never_written_over() {
    let dir = tempfile::tempdir().unwrap();
    let book = workbook(&[
        (&shape::INFO, INFO),
        (&shape::CRITERIA, OFFICE_TABLE),
        (&shape::BANDS, BANDS),
    ]);
    std::fs::write(dir.path().join("cum.xlsx"), book).unwrap();
    std::fs::create_dir(dir.path().join("scoring")).unwrap();
    let existing = dir.path().join("scoring/cum-cong-an-2027.ron");
    std::fs::write(&existing, "// in use\n").unwrap();
    let out = thidua_in(dir.path(), &["--lang", "en", "import-scheme", "cum.xlsx"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("exists with a different scheme"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(std::fs::read_to_string(&existing).unwrap(), "// in use\n");
    // A bloc with scores on it keeps it as it is, even when asked to replace it.
    std::fs::create_dir(dir.path().join("blocs")).unwrap();
    let bloc = std::fs::read_to_string(root().join("blocs/khoi-8.ron"))
        .unwrap()
        .replace(
            "scheme: \"khoi-phuong-2026\"",
            "scheme: \"cum-cong-an-2027\"",
        );
    std::fs::write(dir.path().join("blocs/khoi-8.ron"), bloc).unwrap();
    std::fs::create_dir_all(dir.path().join("records/khoi-8/2026")).unwrap();
    let replace = ["--lang", "en", "import-scheme", "cum.xlsx", "--replace"];
    let out = thidua_in(dir.path(), &replace);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("bloc \"khoi-8\" has scores under it"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(std::fs::read_to_string(&existing).unwrap(), "// in use\n");
    // Without scores on it, it is replaced.
    std::fs::remove_dir_all(dir.path().join("records")).unwrap();
    let out = thidua_in(dir.path(), &replace);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let written = std::fs::read_to_string(&existing).unwrap();
    assert_eq!(scheme(&written).id, "cum-cong-an-2027");
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}
