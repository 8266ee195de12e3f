//! Self-score files that must be refused, each with its specific message and place: a broken
//! form (merged cells, formulas, text in a number cell, an extra sheet, a date), a form for
//! another bloc, year, period, scheme version or unknown unit, values the scale refuses, items
//! unknown, of the other period or repeated, and broken CSV and RON files.

mod common;
#[path = "support/forms.rs"]
mod forms;

use rust_xlsxwriter::{ExcelDateTime, Format as CellFormat};

use thidua::i18n::Lang;
use thidua::model::{Covenant, Period};
use thidua::selfscore::template::{
    ANSWER_COL, BLOC_ROW, CODE_COL, EVIDENCE_COL, KEY_COL, NOTE_COL, UNIT_ROW, VERSION_ROW,
};
use thidua::selfscore::{Format, Session, read};

use forms::{Answer, Filled, fill, fill_with, open, sample, template};

fn session(covenant: &Covenant) -> Session<'_> {
    Session {
        covenant,
        year: 2026,
        period: Period::MidYear,
    }
}

/// Every problem of a refused file as `place: reason`, in Vietnamese.
fn refusal(covenant: &Covenant, format: Format, bytes: &[u8]) -> Vec<String> {
    match read(format, &session(covenant), bytes) {
        Ok(units) => panic!("accepted: {units:#?}"),
        Err(problems) => problems.iter().map(|p| p.render(Lang::Vi, "tệp")).collect(),
    }
}

/// The mid-year form of Việt Hòa.
fn form(c: &Covenant) -> Vec<u8> {
    template(c, 2026, Period::MidYear, "viet-hoa")
}

/// The row (1-based, as Excel shows it) of an item in the form.
fn row_of(c: &Covenant, code: &str) -> u32 {
    let (_, range) = open(&form(c));
    forms::coded_rows(&range)
        .into_iter()
        .find(|(c, _)| c == code)
        .map(|(_, r)| r + 1)
        .unwrap_or_else(|| panic!("no row {code}"))
}

fn refused_form(answers: &[Filled]) -> Vec<String> {
    let c = sample();
    refusal(&c, Format::Xlsx, &fill(&form(&c), answers))
}

#[test]
fn merged_cells_are_refused_at_their_range() {
    let c = sample();
    let row = row_of(&c, "I.4") - 1;
    let filled = fill_with(&form(&c), &[], |book, _| {
        let sheet = book.worksheet_from_index(0).unwrap();
        sheet
            .merge_range(
                row,
                EVIDENCE_COL,
                row,
                NOTE_COL,
                "BC 12",
                &CellFormat::new(),
            )
            .unwrap();
    });
    assert_eq!(
        refusal(&c, Format::Xlsx, &filled),
        [format!(
            "tệp: 'Tự chấm'!G{0}:H{0}: có ô gộp, hãy bỏ gộp ô",
            row + 1
        )]
    );
}

#[test]
fn a_formula_in_an_answer_cell_is_refused() {
    let c = sample();
    let row = row_of(&c, "I.4");
    let filled = fill_with(&form(&c), &[], |book, rows| {
        let sheet = book.worksheet_from_index(0).unwrap();
        sheet
            .write_formula(rows["I.4"], ANSWER_COL, "=1+1.75")
            .unwrap();
    });
    assert_eq!(
        refusal(&c, Format::Xlsx, &filled),
        [format!(
            "tệp: 'Tự chấm'!F{row}: có công thức =1+1.75, hãy nhập giá trị"
        )]
    );
}

#[test]
fn text_in_a_number_cell_is_refused() {
    let c = sample();
    let row = row_of(&c, "I.4");
    assert_eq!(
        refused_form(&[("I.4", Answer::Text("hai điểm"), "", "")]),
        [format!(
            "tệp: 'Tự chấm'!F{row}: mục I.4 cần nhập số, ô đang có chữ \"hai điểm\""
        )]
    );
    let row = row_of(&c, "V.2");
    assert_eq!(
        refused_form(&[("V.2", Answer::Text("một lần"), "", "")]),
        [format!(
            "tệp: 'Tự chấm'!F{row}: mục V.2 cần nhập số, ô đang có chữ \"một lần\""
        )]
    );
}

#[test]
fn a_date_in_an_answer_cell_is_refused() {
    let c = sample();
    let row = row_of(&c, "I.4");
    let filled = fill_with(&form(&c), &[], |book, rows| {
        let sheet = book.worksheet_from_index(0).unwrap();
        let date = ExcelDateTime::from_ymd(2026, 2, 1).unwrap();
        let format = CellFormat::new().set_num_format("dd/mm/yyyy");
        sheet
            .write_datetime_with_format(rows["I.4"], ANSWER_COL, &date, &format)
            .unwrap();
    });
    assert_eq!(
        refusal(&c, Format::Xlsx, &filled),
        [format!(
            "tệp: 'Tự chấm'!F{row}: mục I.4: ô đang là ngày tháng, hãy nhập số hoặc chọn giá trị"
        )]
    );
}

#[test]
fn an_extra_sheet_is_refused() {
    let c = sample();
    let filled = fill_with(
        &form(&c),
        &[("I.4", Answer::Number(2.5), "", "")],
        |book, _| {
            let sheet = book.add_worksheet();
            sheet.set_name("Ghi chú thêm").unwrap();
            sheet.write_string(0, 0, "Bảng số liệu").unwrap();
        },
    );
    assert_eq!(
        refusal(&c, Format::Xlsx, &filled),
        [
            "tệp: 'Ghi chú thêm': có trang thừa \"Ghi chú thêm\": phiếu tự chấm chỉ có một trang, hãy xóa trang này"
        ]
    );
}

#[test]
fn values_the_scale_refuses_are_refused_at_their_cell() {
    let c = sample();
    let (free, level, met, target) = (
        row_of(&c, "I.4"),
        row_of(&c, "I.1.4"),
        row_of(&c, "I.2.4"),
        row_of(&c, "II.3"),
    );
    assert_eq!(
        refused_form(&[
            ("I.4", Answer::Number(3.5), "", ""),
            ("I.1.4", Answer::Text("Giỏi"), "", ""),
            ("I.2.4", Answer::Text("gần đạt"), "", ""),
            ("II.3", Answer::Number(-2.0), "", ""),
        ]),
        [
            format!(
                "tệp: 'Tự chấm'!F{level}: mục I.1.4: không có mức \"Giỏi\"; các mức: HTXS, HTT, HT, KHT"
            ),
            format!("tệp: 'Tự chấm'!F{met}: mục I.2.4: \"gần đạt\": cần đạt/không đạt (có/không)"),
            format!("tệp: 'Tự chấm'!F{free}: mục I.4: 3,5 nằm ngoài khoảng 0..3"),
            format!("tệp: 'Tự chấm'!F{target}: mục II.3: giá trị đạt được không được âm (-2)"),
        ]
    );
}

#[test]
fn a_score_off_the_step_is_refused() {
    let c = sample();
    let row = row_of(&c, "I.4");
    assert_eq!(
        refused_form(&[("I.4", Answer::Number(2.3), "", "")]),
        [format!(
            "tệp: 'Tự chấm'!F{row}: mục I.4: 2,3 không đúng bước điểm 0,25"
        )]
    );
    let row = row_of(&c, "V.2");
    assert_eq!(
        refused_form(&[("V.2", Answer::Number(1.5), "", "")]),
        [format!(
            "tệp: 'Tự chấm'!F{row}: mục V.2: \"1.5\" không phải số lần (số nguyên không âm)"
        )]
    );
}

/// The form with rows added below its last one: (code, answer) each.
fn with_rows(c: &Covenant, added: &[(&'static str, f64)]) -> Vec<u8> {
    let (_, range) = open(&form(c));
    let last = range.end().unwrap().0;
    let added = added.to_vec();
    fill_with(&form(c), &[], move |book, _| {
        let sheet = book.worksheet_from_index(0).unwrap();
        for (n, (code, answer)) in (1u32..).zip(added) {
            sheet.write_string(last + n, CODE_COL, code).unwrap();
            sheet.write_number(last + n, ANSWER_COL, answer).unwrap();
        }
    })
}

#[test]
fn unknown_repeated_and_other_period_items_are_refused() {
    let c = sample();
    let (_, range) = open(&form(&c));
    let last = range.end().unwrap().0 + 1;
    let first_i4 = row_of(&c, "I.4");
    let filled = with_rows(&c, &[("IX.9", 1.0), ("I.1.1", 190.0), ("I.4", 2.5)]);
    assert_eq!(
        refusal(&c, Format::Xlsx, &filled),
        [
            format!(
                "tệp: 'Tự chấm'!A{}: không có tiêu chí hay mục \"IX.9\" trong thang điểm",
                last + 1
            ),
            format!(
                "tệp: 'Tự chấm'!A{}: mục I.1.1 không được chấm trong kỳ sơ kết 6 tháng",
                last + 2
            ),
            format!(
                "tệp: 'Tự chấm'!A{}: mục I.4 bị lặp, đã có ở 'Tự chấm'!A{first_i4}",
                last + 3
            ),
        ]
    );
}

#[test]
fn an_answer_on_a_group_heading_or_a_row_without_code_is_refused() {
    let c = sample();
    let group = row_of(&c, "I.2");
    let filled = fill_with(&form(&c), &[], |book, rows| {
        let sheet = book.worksheet_from_index(0).unwrap();
        sheet.write_number(rows["I.2"], ANSWER_COL, 3.0).unwrap();
        sheet.write_string(200, ANSWER_COL, "HTXS").unwrap();
    });
    assert_eq!(
        refusal(&c, Format::Xlsx, &filled),
        [
            format!(
                "tệp: 'Tự chấm'!A{group}: dòng I.2 là tên nhóm tiêu chí, không tự chấm ở dòng này"
            ),
            "tệp: 'Tự chấm'!A201: dòng không có mã tiêu chí nhưng có nội dung tự chấm".into(),
        ]
    );
}

#[test]
fn a_form_for_another_bloc_unit_or_scheme_version_is_refused() {
    let c = sample();
    let filled = fill_with(
        &form(&c),
        &[("I.4", Answer::Number(2.5), "", "")],
        |book, _| {
            let sheet = book.worksheet_from_index(0).unwrap();
            sheet.write_string(BLOC_ROW, KEY_COL, "khoi-9").unwrap();
            sheet.write_string(UNIT_ROW, KEY_COL, "phuong-x").unwrap();
            sheet.write_string(VERSION_ROW, KEY_COL, "2025.3").unwrap();
        },
    );
    assert_eq!(
        refusal(&c, Format::Xlsx, &filled),
        [
            "tệp: 'Tự chấm'!B2: Tệp dành cho khối khoi-9, không phải khoi-8",
            "tệp: 'Tự chấm'!B7: Tệp theo thang điểm khoi-phuong-2026 phiên bản 2025.3, không phải \
             khoi-phuong-2026 phiên bản 2026.1: hãy lập lại phiếu từ thang điểm hiện hành",
            "tệp: 'Tự chấm'!B5: không có đơn vị \"phuong-x\" trong khối",
        ]
    );
}

#[test]
fn a_form_for_another_year_or_period_is_refused() {
    let c = sample();
    let last_year = template(&c, 2025, Period::MidYear, "viet-hoa");
    assert_eq!(
        refusal(&c, Format::Xlsx, &last_year),
        ["tệp: 'Tự chấm'!B3: Tệp dành cho năm 2025, không phải 2026"]
    );
    let year_end = template(&c, 2026, Period::YearEnd, "viet-hoa");
    assert_eq!(
        refusal(&c, Format::Xlsx, &year_end),
        ["tệp: 'Tự chấm'!B4: Tệp dành cho kỳ tổng kết năm, không phải sơ kết 6 tháng"]
    );
    let english = match read(Format::Xlsx, &session(&c), &year_end) {
        Err(p) => p[0].render(Lang::En, "f.xlsx"),
        Ok(_) => panic!("accepted"),
    };
    assert_eq!(
        english,
        "f.xlsx: 'Tự chấm'!B4: The file is for the year-end review, not the mid-year review"
    );
}

#[test]
fn every_problem_of_a_file_is_listed_together() {
    let c = sample();
    let (count, free, level) = (row_of(&c, "I.2.2"), row_of(&c, "I.4"), row_of(&c, "I.3"));
    let filled = fill_with(
        &form(&c),
        &[
            ("I.4", Answer::Number(2.3), "", ""),
            ("I.2.2", Answer::Text("hai"), "", ""),
            ("I.3", Answer::Text("KHT"), "", ""),
        ],
        |book, rows| {
            let sheet = book.worksheet_from_index(0).unwrap();
            sheet
                .merge_range(
                    rows["I.3"],
                    EVIDENCE_COL,
                    rows["I.3"],
                    NOTE_COL,
                    "",
                    &CellFormat::new(),
                )
                .unwrap();
            book.add_worksheet();
        },
    );
    assert_eq!(
        refusal(&c, Format::Xlsx, &filled),
        [
            "tệp: Sheet2: có trang thừa \"Sheet2\": phiếu tự chấm chỉ có một trang, hãy xóa trang này"
                .to_string(),
            format!("tệp: 'Tự chấm'!G{level}:H{level}: có ô gộp, hãy bỏ gộp ô"),
            format!("tệp: 'Tự chấm'!F{count}: mục I.2.2 cần nhập số, ô đang có chữ \"hai\""),
            format!("tệp: 'Tự chấm'!F{free}: mục I.4: 2,3 không đúng bước điểm 0,25"),
        ]
    );
}

#[test]
fn what_is_not_a_form_is_refused() {
    let c = sample();
    assert_eq!(refusal(&c, Format::Xlsx, b""), ["tệp: tệp rỗng"]);
    let not_zip = refusal(&c, Format::Xlsx, b"unit,criterion,value\n");
    assert_eq!(not_zip.len(), 1);
    assert!(
        not_zip[0].starts_with("tệp: không phải tệp Excel (.xlsx) đọc được: "),
        "{not_zip:?}"
    );
    let mut book = rust_xlsxwriter::Workbook::new();
    book.add_worksheet()
        .write_string(0, 0, "Bảng điểm")
        .unwrap();
    let other = book.save_to_buffer().unwrap();
    assert_eq!(
        refusal(&c, Format::Xlsx, &other),
        ["tệp: Sheet1!B2: không phải phiếu tự chấm: phần đầu phiếu không ghi khối và đơn vị"]
    );
}

#[test]
fn broken_csv_files_are_refused_line_by_line() {
    let c = sample();
    assert_eq!(
        refusal(&c, Format::Csv, b"don vi,ma,diem\nthanh-dong,I.4,2\n"),
        [
            "tệp: dòng 1: dòng tiêu đề phải là: unit,criterion,value[,evidence[,note]] (đơn vị,tiêu chí,giá trị[,minh chứng[,ghi chú]])"
        ]
    );
    assert_eq!(refusal(&c, Format::Csv, b" \n"), ["tệp: tệp rỗng"]);
    let csv = "unit,criterion,value,evidence\n\
               thanh-dong,I.4,2.5\n\
               phuong-x,I.4,2\n\
               thanh-dong,IX.9,1\n\
               thanh-dong,I.1.1,190\n\
               thanh-dong,I.4,2.75\n\
               thanh-dong,I.2.3,1.25\n\
               thanh-dong,I.3,HTT,BC 1,thừa\n";
    assert_eq!(
        refusal(&c, Format::Csv, csv.as_bytes()),
        [
            "tệp: dòng 3: không có đơn vị \"phuong-x\" trong khối",
            "tệp: dòng 4: không có tiêu chí hay mục \"IX.9\" trong thang điểm",
            "tệp: dòng 5: mục I.1.1 không được chấm trong kỳ sơ kết 6 tháng",
            "tệp: dòng 6: \"thanh-dong\" / \"I.4\" bị lặp, đã có ở dòng 2",
            "tệp: dòng 7: mục I.2.3: 1,25 không đúng bước điểm 0,5",
            "tệp: dòng 8: cần từ 3 đến 4 cột như dòng tiêu đề, có 5",
        ]
    );
}

#[test]
fn broken_ron_files_are_refused_at_line_and_column() {
    let c = sample();
    let syntax = "SelfScores(\n    bloc: \"khoi-8\",\n    year: 2026\n    period: MidYear,\n)\n";
    assert_eq!(
        refusal(&c, Format::Ron, syntax.as_bytes()),
        ["tệp:4:5: thiếu dấu phẩy"]
    );
    let wrong = r#"SelfScores(
    bloc: "khoi-9",
    year: 2025,
    period: YearEnd,
    unit: "thanh-dong",
)"#;
    assert_eq!(
        refusal(&c, Format::Ron, wrong.as_bytes()),
        [
            "tệp:2:11: Tệp dành cho khối khoi-9, không phải khoi-8",
            "tệp:3:11: Tệp dành cho năm 2025, không phải 2026",
            "tệp:4:13: Tệp dành cho kỳ tổng kết năm, không phải sơ kết 6 tháng",
        ]
    );
    let items = r#"SelfScores(
    bloc: "khoi-8", year: 2026, period: MidYear, unit: "thanh-dong",
    scores: [
        (item: "I.4", value: 2.3),
        (item: "IX.9", value: 1),
        (item: "I.1.1", value: 190),
        (item: "I.3", value: "HTT"),
        (item: "I.3", value: "HT"),
    ],
)"#;
    assert_eq!(
        refusal(&c, Format::Ron, items.as_bytes()),
        [
            "tệp:4:30: mục I.4: 2,3 không đúng bước điểm 0,25",
            "tệp:5:16: không có tiêu chí hay mục \"IX.9\" trong thang điểm",
            "tệp:6:16: mục I.1.1 không được chấm trong kỳ sơ kết 6 tháng",
            "tệp:8:16: mục I.3 bị lặp, đã có ở 7:16",
        ]
    );
    let version = r#"SelfScores(bloc: "khoi-8", year: 2026, period: MidYear,
    version: "2025.3", unit: "thanh-dong")"#;
    assert_eq!(
        refusal(&c, Format::Ron, version.as_bytes()),
        [
            "tệp:2:14: Tệp theo thang điểm khoi-phuong-2026 phiên bản 2025.3, không phải khoi-phuong-2026 phiên bản 2026.1: hãy lập lại phiếu từ thang điểm hiện hành"
        ]
    );
    assert_eq!(refusal(&c, Format::Ron, b"\n\n"), ["tệp: tệp rỗng"]);
}
