//! Units' self-scores: the form written for a unit (header, one row per item of the review,
//! protection, a validation fitting each scale), filled in and read back exactly for every kind
//! of scale, and the CSV and RON readers.

mod common;
#[path = "support/forms.rs"]
mod forms;
#[path = "support/xlsx_parts.rs"]
mod xlsx_parts;

use std::collections::HashMap;
use std::io::Cursor;

use calamine::{Reader, Xlsx};

use thidua::i18n::Lang;
use thidua::model::{ItemKind, Period, Value};
use thidua::selfscore::template::{
    ANSWER_COL, BLOC_ROW, CODE_COL, EVIDENCE_COL, FIRST_ITEM_ROW, HEADING_ROW, KEY_COL, NAME_COL,
    NOTE_COL, PERIOD_ROW, SCHEME_ROW, UNIT_ROW, VERSION_ROW, YEAR_ROW, file_name, workbook,
};
use thidua::selfscore::{Format, Score, Session, UnitScores, read};

use forms::{Answer, cell, coded_rows, dec, fill, open, sample, template};

fn session(covenant: &thidua::model::Covenant, period: Period) -> Session<'_> {
    Session {
        covenant,
        year: 2026,
        period,
    }
}

/// The one unit's scores, by item code, with their evidence and note.
fn by_code(
    covenant: &thidua::model::Covenant,
    units: &[UnitScores],
) -> HashMap<String, (Option<Value>, String, String)> {
    assert_eq!(units.len(), 1, "{units:?}");
    units[0]
        .scores
        .iter()
        .map(|s: &Score| {
            (
                covenant.layout.items[s.item].code.clone(),
                (s.value.clone(), s.evidence.clone(), s.note.clone()),
            )
        })
        .collect()
}

fn level(code: &str) -> Option<Value> {
    Some(Value::Level(code.into()))
}

fn points(text: &str) -> Option<Value> {
    Some(Value::Points(dec(text)))
}

fn achieved(text: &str) -> Option<Value> {
    Some(Value::Achieved(dec(text)))
}

#[test]
fn a_filled_mid_year_form_reads_back_exactly_for_every_kind_of_scale() {
    let c = sample();
    let form = template(&c, 2026, Period::MidYear, "viet-hoa");
    let filled = fill(
        &form,
        &[
            // Levels: as the list offers them, by code, by number.
            (
                "I.1.4",
                Answer::Text("HTT – Hoàn thành tốt nhiệm vụ"),
                "Báo cáo số 45/BC-UBND ngày 30/6/2026",
                "",
            ),
            ("I.2.1", Answer::Text("KHA"), "", ""),
            ("I.3", Answer::Number(1.0), "", ""),
            // Met / not met.
            ("I.2.4", Answer::Text("Đạt"), "Biên bản kiểm tra số 7", ""),
            (
                "II.8",
                Answer::Text("Không đạt"),
                "",
                "Còn 2 vụ việc chưa xử lý",
            ),
            // Free scores on a step, typed as numbers or as text with a decimal comma.
            ("I.4", Answer::Number(2.75), "", ""),
            ("I.2.3", Answer::Text("1,5"), "", ""),
            ("V.5", Answer::Number(0.25), "", ""),
            // Occurrences.
            ("I.2.2", Answer::Number(2.0), "", ""),
            ("V.2", Answer::Number(0.0), "", ""),
            // Achieved values against a target.
            ("I.1.2", Answer::Number(87.35), "", ""),
            ("II.3", Answer::Number(96.35), "Số liệu BHXH ngày 30/6", ""),
            // Bonus: per occurrence and free points.
            ("T2", Answer::Number(1.0), "Quyết định 12/QĐ-UBND", ""),
            ("T6", Answer::Number(1.5), "", ""),
            // Penalty: per occurrence, once, free points.
            ("TR1", Answer::Number(1.0), "", ""),
            ("TR4", Answer::Text("Không"), "", ""),
            ("TR5", Answer::Number(0.25), "", ""),
            // Vetoes.
            ("DK1", Answer::Text("Đạt"), "", ""),
            ("DK3", Answer::Text("không đạt"), "", ""),
            // Evidence without a score is kept; a blank answer alone means not self-scored.
            ("II.2", Answer::Blank, "Kế hoạch số 3/KH-UBND", ""),
        ],
    );
    let units = read(Format::Xlsx, &session(&c, Period::MidYear), &filled)
        .unwrap_or_else(|p| panic!("{p:#?}"));
    assert_eq!(units[0].unit, c.unit_index("viet-hoa").unwrap());
    let got = by_code(&c, &units);
    let expected: Vec<(&str, Option<Value>, &str, &str)> = vec![
        (
            "I.1.4",
            level("HTT"),
            "Báo cáo số 45/BC-UBND ngày 30/6/2026",
            "",
        ),
        ("I.2.1", level("KHA"), "", ""),
        ("I.3", level("HTXS"), "", ""),
        (
            "I.2.4",
            Some(Value::Met(true)),
            "Biên bản kiểm tra số 7",
            "",
        ),
        (
            "II.8",
            Some(Value::Met(false)),
            "",
            "Còn 2 vụ việc chưa xử lý",
        ),
        ("I.4", points("2.75"), "", ""),
        ("I.2.3", points("1.5"), "", ""),
        ("V.5", points("0.25"), "", ""),
        ("I.2.2", Some(Value::Count(2)), "", ""),
        ("V.2", Some(Value::Count(0)), "", ""),
        ("I.1.2", achieved("87.35"), "", ""),
        ("II.3", achieved("96.35"), "Số liệu BHXH ngày 30/6", ""),
        ("T2", Some(Value::Count(1)), "Quyết định 12/QĐ-UBND", ""),
        ("T6", points("1.5"), "", ""),
        ("TR1", Some(Value::Count(1)), "", ""),
        ("TR4", Some(Value::Met(false)), "", ""),
        ("TR5", points("0.25"), "", ""),
        ("DK1", Some(Value::Met(true)), "", ""),
        ("DK3", Some(Value::Met(false)), "", ""),
        ("II.2", None, "Kế hoạch số 3/KH-UBND", ""),
    ];
    assert_eq!(got.len(), expected.len(), "{got:#?}");
    for (code, value, evidence, note) in expected {
        assert_eq!(
            got.get(code),
            Some(&(value, evidence.to_string(), note.to_string())),
            "{code}"
        );
    }
    // Scores come in layout order.
    let order: Vec<usize> = units[0].scores.iter().map(|s| s.item).collect();
    let mut sorted = order.clone();
    sorted.sort();
    assert_eq!(order, sorted);
}

#[test]
fn a_filled_year_end_form_reads_once_only_bonus_and_year_end_items() {
    let c = sample();
    let form = template(&c, 2026, Period::YearEnd, "tan-hung");
    let filled = fill(
        &form,
        &[
            (
                "T1",
                Answer::Text("Có"),
                "Quyết toán thu ngân sách 2026",
                "",
            ),
            ("T4", Answer::Text("Không"), "", ""),
            ("I.1.1", Answer::Number(57.25), "", ""),
            ("I.1.3", Answer::Number(5.0), "", ""),
            ("II.6", Answer::Text("Đạt"), "", ""),
            ("III.1.6", Answer::Text("Không đạt"), "", ""),
            ("DK2", Answer::Text("Đạt"), "", ""),
        ],
    );
    let units = read(Format::Xlsx, &session(&c, Period::YearEnd), &filled)
        .unwrap_or_else(|p| panic!("{p:#?}"));
    let got = by_code(&c, &units);
    assert_eq!(got.len(), 7);
    assert_eq!(
        got["T1"],
        (
            Some(Value::Met(true)),
            "Quyết toán thu ngân sách 2026".into(),
            String::new()
        )
    );
    assert_eq!(got["T4"].0, Some(Value::Met(false)));
    assert_eq!(got["I.1.1"].0, achieved("57.25"));
    assert_eq!(got["I.1.3"].0, achieved("5"));
    assert_eq!(got["II.6"].0, Some(Value::Met(true)));
    assert_eq!(got["III.1.6"].0, Some(Value::Met(false)));
    assert_eq!(got["DK2"].0, Some(Value::Met(true)));
}

#[test]
fn the_english_form_offers_english_choices_that_read_back() {
    let c = sample();
    let unit = c.unit_index("nam-dong").unwrap();
    let form = workbook(&c, 2026, Period::MidYear, unit, Lang::En).unwrap();
    let (name, range) = open(&form);
    assert_eq!(name, "Self-score");
    assert_eq!(cell(&range, 0, 0), "EMULATION SELF-SCORE FORM");
    let filled = fill(
        &form,
        &[
            ("I.2.4", Answer::Text("Met"), "", ""),
            ("II.8", Answer::Text("Not met"), "", ""),
            ("TR4", Answer::Text("Yes"), "", ""),
            ("DK1", Answer::Text("No"), "", ""),
        ],
    );
    let units = read(Format::Xlsx, &session(&c, Period::MidYear), &filled).unwrap();
    let got = by_code(&c, &units);
    assert_eq!(got["I.2.4"].0, Some(Value::Met(true)));
    assert_eq!(got["II.8"].0, Some(Value::Met(false)));
    assert_eq!(got["TR4"].0, Some(Value::Met(true)));
    assert_eq!(got["DK1"].0, Some(Value::Met(false)));
}

#[test]
fn numbers_from_a_spreadsheet_keep_their_exact_decimals() {
    let c = common::covenant(common::SCHEME, &common::bloc(5, &common::targets(5)));
    let form = template(&c, 2026, Period::YearEnd, "u2");
    let filled = fill(
        &form,
        &[
            ("3a", Answer::Number(8.25), "", ""),
            ("4", Answer::Number(100.1), "", ""),
            ("5", Answer::Number(0.3), "", ""),
            ("6", Answer::Number(7.0), "", ""),
            ("T1", Answer::Text("có"), "", ""),
            ("T2", Answer::Number(2.0), "", ""),
            ("K1", Answer::Number(1.0), "", ""),
        ],
    );
    let units = read(Format::Xlsx, &session(&c, Period::YearEnd), &filled)
        .unwrap_or_else(|p| panic!("{p:#?}"));
    let got = by_code(&c, &units);
    assert_eq!(got["3a"].0, points("8.25"));
    assert_eq!(got["4"].0, achieved("100.1"));
    assert_eq!(got["5"].0, achieved("0.3"));
    assert_eq!(got["6"].0, points("7"));
    assert_eq!(got["T1"].0, Some(Value::Met(true)));
    assert_eq!(got["T2"].0, Some(Value::Count(2)));
    assert_eq!(got["K1"].0, Some(Value::Count(1)));
}

#[test]
fn an_untouched_form_means_nothing_self_scored() {
    let c = sample();
    let form = template(&c, 2026, Period::MidYear, "thanh-dong");
    let units = read(Format::Xlsx, &session(&c, Period::MidYear), &form).unwrap();
    assert_eq!(units.len(), 1);
    assert_eq!(units[0].unit, 0);
    assert!(units[0].scores.is_empty());
}

#[test]
fn the_header_names_the_bloc_year_period_unit_and_scheme() {
    let c = sample();
    let form = template(&c, 2026, Period::YearEnd, "le-thanh-nghi");
    let (name, range) = open(&form);
    assert_eq!(name, "Tự chấm");
    assert_eq!(cell(&range, 0, 0), "PHIẾU TỰ CHẤM ĐIỂM THI ĐUA");
    let header = [
        (BLOC_ROW, "Khối", "khoi-8", "Khối thi đua số 8"),
        (YEAR_ROW, "Năm", "2026", ""),
        (PERIOD_ROW, "Kỳ", "year-end", "Tổng kết năm"),
        (
            UNIT_ROW,
            "Đơn vị",
            "le-thanh-nghi",
            "Ủy ban nhân dân phường Lê Thanh Nghị",
        ),
        (
            SCHEME_ROW,
            "Thang điểm",
            "khoi-phuong-2026",
            "Tiêu chí, thang điểm thi đua Khối các phường năm 2026",
        ),
        (VERSION_ROW, "Phiên bản", "2026.1", ""),
    ];
    for (row, label, key, words) in header {
        assert_eq!(cell(&range, row, 0), label);
        assert_eq!(cell(&range, row, KEY_COL), key, "{label}");
        assert_eq!(cell(&range, row, NAME_COL), words, "{label}");
    }
    let headings: Vec<String> = (0..=NOTE_COL)
        .map(|col| cell(&range, HEADING_ROW, col))
        .collect();
    assert_eq!(
        headings,
        [
            "Mã",
            "Tiêu chí",
            "Hướng dẫn chấm",
            "Thang điểm",
            "Điểm tối đa",
            "Tự chấm",
            "Minh chứng (số, ngày văn bản)",
            "Ghi chú"
        ]
    );
}

#[test]
fn the_form_has_one_row_per_item_of_the_period_under_its_group() {
    let c = sample();
    for period in Period::ALL {
        let form = template(&c, 2026, period, "tu-minh");
        let (_, range) = open(&form);
        let rows = coded_rows(&range);
        let items: Vec<&str> = rows
            .iter()
            .map(|(code, _)| code.as_str())
            .filter(|code| c.layout.index_of(code).is_some())
            .collect();
        let expected: Vec<&str> = c
            .layout
            .items
            .iter()
            .filter(|i| i.is_scored_in(period))
            .map(|i| i.code.as_str())
            .collect();
        assert_eq!(items, expected, "{period:?}");
        // Every other coded row is a group heading, placed before the items it holds.
        let position: HashMap<&str, usize> = rows
            .iter()
            .enumerate()
            .map(|(n, (code, _))| (code.as_str(), n))
            .collect();
        for (code, _) in &rows {
            if let Some(i) = c.layout.index_of(code) {
                let item = &c.layout.items[i];
                if let Some(g) = item.group.filter(|_| item.kind == ItemKind::Criterion) {
                    assert!(position[c.layout.groups[g].code.as_str()] < position[code.as_str()]);
                }
            } else {
                assert!(c.layout.group_index(code).is_some(), "{code}");
            }
        }
        // Each item row shows its title, and its maximum.
        for (code, row) in &rows {
            if let Some(item) = c.layout.item(code) {
                assert_eq!(cell(&range, *row, 1), item.title);
            }
        }
    }
    let (_, range) = open(&template(&c, 2026, Period::MidYear, "tu-minh"));
    let rows: HashMap<String, u32> = coded_rows(&range).into_iter().collect();
    assert!(!rows.contains_key("I.1.1"), "a year-end criterion");
    assert!(!rows.contains_key("T1"), "a year-end bonus");
    assert_eq!(cell(&range, rows["I.4"], 4), "3");
    assert_eq!(cell(&range, rows["TR4"], 4), "3");
    assert_eq!(cell(&range, rows["DK1"], 4), "");
    // The unit's own target is on its row.
    assert!(cell(&range, rows["II.3"], 3).contains("Chỉ tiêu được giao: 95"));
    // Bonus, penalty and veto items each come under a heading.
    let sections: Vec<String> = (FIRST_ITEM_ROW..=range.end().unwrap().0)
        .filter(|&r| cell(&range, r, CODE_COL).is_empty())
        .map(|r| cell(&range, r, 1))
        .collect();
    assert_eq!(sections, ["Điểm thưởng", "Điểm trừ", "Điều kiện bắt buộc"]);
}

#[test]
fn the_sheet_is_protected_with_only_the_answer_evidence_and_note_cells_open() {
    let c = sample();
    let form = template(&c, 2026, Period::MidYear, "hai-duong");
    let sheet = xlsx_parts::part_text(&form, "xl/worksheets/sheet1.xml");
    let protection = sheet
        .split("<sheetProtection ")
        .nth(1)
        .and_then(|rest| rest.split("/>").next())
        .expect("a protected sheet");
    assert!(protection.contains("sheet=\"1\""), "{protection}");
    assert!(!protection.contains("password"), "no password to lose");

    let mut book = Xlsx::new(Cursor::new(&form[..])).unwrap();
    let name = book.sheet_names()[0].clone();
    let styles = book.worksheet_style(&name).unwrap();
    let locked = |row: u32, col: u16| {
        styles
            .get((row, u32::from(col)))
            .and_then(|s| s.protection.as_ref())
            .is_none_or(|p| p.locked)
    };
    let (_, range) = open(&form);
    let rows = coded_rows(&range);
    for (code, row) in &rows {
        let is_item = c.layout.index_of(code).is_some();
        for col in 0..=NOTE_COL {
            let open_cell = is_item && (ANSWER_COL..=NOTE_COL).contains(&col);
            assert_eq!(!locked(*row, col), open_cell, "{code} column {col}");
        }
    }
    for row in BLOC_ROW..=VERSION_ROW {
        assert!(locked(row, KEY_COL));
    }
}

/// The validations of a sheet: cell → (type, first formula), from the sheet's XML.
fn validations(form: &[u8]) -> HashMap<String, (String, String)> {
    let sheet = xlsx_parts::part_text(form, "xl/worksheets/sheet1.xml");
    let attr = |element: &str, name: &str| {
        format!(" {element}")
            .split(&format!(" {name}=\""))
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .unwrap_or("")
            .to_string()
    };
    sheet
        .split("<dataValidation ")
        .skip(1)
        .map(|element| {
            let formula = element
                .split("<formula1>")
                .nth(1)
                .and_then(|rest| rest.split("</formula1>").next())
                .unwrap_or("")
                .replace("&gt;", ">")
                .replace("&lt;", "<")
                .replace("&quot;", "\"");
            (attr(element, "sqref"), (attr(element, "type"), formula))
        })
        .collect()
}

#[test]
fn each_answer_cell_takes_only_what_its_scale_accepts() {
    let c = sample();
    let form = template(&c, 2026, Period::MidYear, "thach-khoi");
    let (_, range) = open(&form);
    let rows: HashMap<String, u32> = coded_rows(&range).into_iter().collect();
    let found = validations(&form);
    let at = |code: &str| {
        let cell = format!("F{}", rows[code] + 1);
        found
            .get(&cell)
            .cloned()
            .unwrap_or_else(|| panic!("no validation on {cell} ({code})"))
    };
    let list = |items: &str| ("list".to_string(), format!("\"{items}\""));
    assert_eq!(
        at("I.1.4"),
        list(
            "HTXS – Hoàn thành xuất sắc nhiệm vụ,HTT – Hoàn thành tốt nhiệm vụ,\
             HT – Hoàn thành nhiệm vụ,KHT – Không hoàn thành nhiệm vụ"
        )
    );
    assert_eq!(
        at("I.2.1"),
        list("TOT – Tốt,KHA – Khá,TB – Trung bình,YEU – Yếu")
    );
    assert_eq!(at("I.2.4"), list("Đạt,Không đạt"));
    assert_eq!(at("DK1"), list("Đạt,Không đạt"));
    assert_eq!(at("TR4"), list("Có,Không"));
    let f = |code: &str| format!("F{}", rows[code] + 1);
    assert_eq!(
        at("I.4"),
        (
            "custom".to_string(),
            format!(
                "AND(ISNUMBER({0}),{0}>=0,{0}<=3,MOD(ROUND({0}/0.25,9),1)=0)",
                f("I.4")
            )
        )
    );
    assert_eq!(
        at("TR5"),
        (
            "custom".to_string(),
            format!(
                "AND(ISNUMBER({0}),{0}>=0,{0}<=2,MOD(ROUND({0}/0.25,9),1)=0)",
                f("TR5")
            )
        )
    );
    for code in ["I.2.2", "V.2", "T2", "TR1"] {
        assert_eq!(at(code), ("whole".to_string(), "0".to_string()), "{code}");
    }
    for code in ["I.1.2", "II.3", "III.1.4"] {
        assert_eq!(at(code), ("decimal".to_string(), "0".to_string()), "{code}");
    }
    // One validation per item row, none elsewhere.
    let items = rows
        .keys()
        .filter(|code| c.layout.index_of(code).is_some())
        .count();
    assert_eq!(found.len(), items);
    assert!(found.keys().all(|cell| cell.starts_with('F')));
    let sheet = xlsx_parts::part_text(&form, "xl/worksheets/sheet1.xml");
    assert!(sheet.contains("error=\"Hãy nhập số điểm từ 0 đến 3, bước 0,25.\""));
    assert!(sheet.contains(&format!("sqref=\"{}\"", f("I.4"))));
}

#[test]
fn form_file_names_name_the_bloc_year_period_and_unit() {
    assert_eq!(
        file_name("khoi-8", 2026, Period::MidYear, "thanh-dong"),
        "khoi-8-2026-mid-year-tu-cham-thanh-dong.xlsx"
    );
    assert_eq!(
        file_name("khoi-8", 2027, Period::YearEnd, "../p 1/x"),
        "khoi-8-2027-year-end-tu-cham-p-1-x.xlsx"
    );
}

#[test]
fn a_csv_sheet_of_several_units_reads_with_vietnamese_headers() {
    let c = sample();
    let csv = "\u{feff}đơn vị,tiêu chí,giá trị,minh chứng,ghi chú\n\
               thanh-dong,I.1.4,HTXS,Báo cáo 12/BC-UBND,\n\
               Hải Dương,I.4,\"2,75\",,\n\
               thanh-dong,V.2,1,,Báo cáo quý I gửi chậm\n\
               hai-duong,DK1,đạt,,\n\
               thanh-dong,I.2.3,,Kế hoạch 3/KH-UBND,\n\
               thanh-dong,II.2,,,\n";
    let units = read(Format::Csv, &session(&c, Period::MidYear), csv.as_bytes())
        .unwrap_or_else(|p| panic!("{p:#?}"));
    assert_eq!(units.len(), 2);
    assert_eq!(units[0].unit, 0);
    assert_eq!(units[1].unit, 1);
    let first: Vec<(String, Option<Value>, String, String)> = units[0]
        .scores
        .iter()
        .map(|s| {
            (
                c.layout.items[s.item].code.clone(),
                s.value.clone(),
                s.evidence.clone(),
                s.note.clone(),
            )
        })
        .collect();
    assert_eq!(
        first,
        vec![
            (
                "I.1.4".to_string(),
                level("HTXS"),
                "Báo cáo 12/BC-UBND".to_string(),
                String::new()
            ),
            (
                "I.2.3".to_string(),
                None,
                "Kế hoạch 3/KH-UBND".to_string(),
                String::new()
            ),
            (
                "V.2".to_string(),
                Some(Value::Count(1)),
                String::new(),
                "Báo cáo quý I gửi chậm".to_string()
            ),
        ]
    );
    assert_eq!(units[1].scores.len(), 2);
    assert_eq!(units[1].scores[0].value, points("2.75"));
    assert_eq!(units[1].scores[1].value, Some(Value::Met(true)));

    let english = "unit,criterion,value\nviet-hoa,I.3,HT – Hoàn thành nhiệm vụ\n";
    let units = read(
        Format::Csv,
        &session(&c, Period::MidYear),
        english.as_bytes(),
    )
    .unwrap();
    assert_eq!(units[0].scores[0].value, level("HT"));
}

#[test]
fn a_ron_file_reads_text_numbers_and_evidence() {
    let c = sample();
    let ron = r#"// Tự chấm 6 tháng đầu năm 2026
SelfScores(
    bloc: "khoi-8",
    year: 2026,
    period: MidYear,
    scheme: "khoi-phuong-2026",
    version: "2026.1",
    unit: "nam-dong",
    scores: [
        (item: "I.1.4", value: "HTXS", evidence: "Báo cáo số 12/BC-UBND"),
        (item: "I.4", value: 2.75),
        (item: "II.3", value: 96.35),
        (item: "V.2", value: 1, note: "Báo cáo quý I gửi chậm"),
        (item: "DK1", value: "đạt"),
        (item: "TR4", value: false),
        (item: "II.2", evidence: "Kế hoạch số 3/KH-UBND"),
    ],
)
"#;
    let units = read(Format::Ron, &session(&c, Period::MidYear), ron.as_bytes())
        .unwrap_or_else(|p| panic!("{p:#?}"));
    assert_eq!(units[0].unit, c.unit_index("nam-dong").unwrap());
    let got = by_code(&c, &units);
    assert_eq!(
        got["I.1.4"],
        (level("HTXS"), "Báo cáo số 12/BC-UBND".into(), String::new())
    );
    assert_eq!(got["I.4"].0, points("2.75"));
    assert_eq!(got["II.3"].0, achieved("96.35"));
    assert_eq!(
        got["V.2"],
        (
            Some(Value::Count(1)),
            String::new(),
            "Báo cáo quý I gửi chậm".into()
        )
    );
    assert_eq!(got["DK1"].0, Some(Value::Met(true)));
    assert_eq!(got["TR4"].0, Some(Value::Met(false)));
    assert_eq!(got["II.2"].0, None);
    assert_eq!(got.len(), 7);

    // Scheme and version may be left out.
    let short = r#"SelfScores(bloc: "khoi-8", year: 2026, period: MidYear, unit: "nam-dong",
        scores: [(item: "I.3", value: "HTT")])"#;
    let units = read(Format::Ron, &session(&c, Period::MidYear), short.as_bytes()).unwrap();
    assert_eq!(units[0].scores[0].value, level("HTT"));
}

#[test]
fn the_formats_are_told_by_the_file_name() {
    assert_eq!(Format::of_name("a/b/tu-cham.XLSX"), Some(Format::Xlsx));
    assert_eq!(Format::of_name("tu-cham.csv"), Some(Format::Csv));
    assert_eq!(Format::of_name("tu-cham.ron"), Some(Format::Ron));
    assert_eq!(Format::of_name("tu-cham.xls"), None);
    assert_eq!(Format::of_name("tu-cham"), None);
}

#[test]
fn levels_too_long_for_an_excel_list_are_offered_by_code() {
    let long = "Hoàn thành xuất sắc nhiệm vụ được giao, vượt các chỉ tiêu của giao ước thi đua";
    let scheme = format!(
        r#"Scheme(
    id: "t", title: "Thang điểm thử", version: "1", effective: "2026-01-01",
    groups: [Group(code: "I", title: "Nhóm I", items: [
        Criterion(code: "1", title: "Nhãn có dấu phẩy", max: 10,
            scale: Levels([(code: "A", label: "{long}", points: 10),
                           (code: "B", label: "Hoàn thành tốt", points: 5)])),
        Criterion(code: "2", title: "Nhãn dài", max: 10,
            scale: Levels([(code: "X1", label: "{0}", points: 10),
                           (code: "X2", label: "{0}", points: 8),
                           (code: "X3", label: "{0}", points: 6),
                           (code: "X4", label: "{0}", points: 0)])),
    ])],
    bands: [(id: "kd", label: "Không đạt")],
)"#,
        "Hoàn thành nhiệm vụ với chất lượng và hiệu quả cao trong năm"
    );
    let c = common::covenant(&scheme, &common::bloc(3, ""));
    let form = template(&c, 2026, Period::MidYear, "u1");
    let (_, range) = open(&form);
    let rows: HashMap<String, u32> = coded_rows(&range).into_iter().collect();
    let found = validations(&form);
    let at = |code: &str| found[&format!("F{}", rows[code] + 1)].clone();
    assert_eq!(at("1"), ("list".to_string(), "\"A,B\"".to_string()));
    assert_eq!(at("2"), ("list".to_string(), "\"X1,X2,X3,X4\"".to_string()));
    let filled = fill(
        &form,
        &[
            ("1", Answer::Text("B"), "", ""),
            ("2", Answer::Text("X3"), "", ""),
        ],
    );
    let units = read(Format::Xlsx, &session(&c, Period::MidYear), &filled).unwrap();
    let got = by_code(&c, &units);
    assert_eq!(got["1"].0, level("B"));
    assert_eq!(got["2"].0, level("X3"));
}

#[test]
fn a_date_typed_as_evidence_is_kept_as_the_date_written() {
    let c = sample();
    let form = template(&c, 2026, Period::MidYear, "viet-hoa");
    let filled = forms::fill_with(
        &form,
        &[("I.4", Answer::Number(2.5), "", "")],
        |book, rows| {
            let sheet = book.worksheet_from_index(0).unwrap();
            let date = rust_xlsxwriter::ExcelDateTime::from_ymd(2026, 6, 30).unwrap();
            let format = rust_xlsxwriter::Format::new().set_num_format("d/m/yyyy");
            sheet
                .write_datetime_with_format(rows["I.4"], EVIDENCE_COL, &date, &format)
                .unwrap();
        },
    );
    let units = read(Format::Xlsx, &session(&c, Period::MidYear), &filled).unwrap();
    assert_eq!(
        by_code(&c, &units)["I.4"],
        (points("2.5"), "30/06/2026".to_string(), String::new())
    );
}
