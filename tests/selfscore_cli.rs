//! The self-score commands on the sample bloc: `template` writes one form per unit and never
//! overwrites one; `import-self` stores the self-scores of good files apart from the bloc's
//! scores, refuses a file with any problem whole, and a unit's newer file replaces its scores.

#[path = "support/forms.rs"]
mod forms;

use std::path::Path;
use std::process::{Command, Output};

use thidua::model::{Covenant, Period, Value};
use thidua::selfscore::{Format, Session, read};
use thidua::store::records::{Layer, Line, session_dir};
use thidua::store::{Cell, Records};

use forms::{Answer, dec, fill, fill_with, sample};

fn thidua(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_thidua"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the binary runs")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn template(out: &Path, more: &[&str]) -> Output {
    let mut args = vec!["template", "khoi-8", "--out", out.to_str().unwrap()];
    args.extend_from_slice(more);
    thidua(&args)
}

#[test]
fn template_writes_a_form_per_unit_and_never_overwrites_one() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("phieu");
    let run = template(&out, &["--period", "so-ket", "--all"]);
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    let c = forms::sample();
    for member in &c.bloc.members {
        let name = format!("khoi-8-2026-mid-year-tu-cham-{}.xlsx", member.id);
        let path = out.join(&name);
        assert!(
            text(&run.stdout).contains(&format!("đã ghi phiếu tự chấm {}", path.display())),
            "{}",
            text(&run.stdout)
        );
        // Each form is the unit's own, for this session.
        let bytes = std::fs::read(&path).unwrap();
        let session = Session {
            covenant: &c,
            year: 2026,
            period: Period::MidYear,
        };
        let units = read(Format::Xlsx, &session, &bytes).unwrap();
        assert_eq!(units[0].unit, c.unit_index(&member.id).unwrap());
    }
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), 8);

    // A unit's form already there refuses the whole run, leaving the file as it was.
    let kept = out.join("khoi-8-2026-mid-year-tu-cham-tu-minh.xlsx");
    std::fs::write(&kept, b"filled in by Tu Minh").unwrap();
    let again = template(&out, &["--period", "mid-year", "--all"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(
        text(&again.stderr).contains(&format!(
            "tệp {} đã có, không ghi đè; hãy xóa tệp đó hoặc chọn thư mục khác (--out)",
            kept.display()
        )),
        "{}",
        text(&again.stderr)
    );
    assert_eq!(std::fs::read(&kept).unwrap(), b"filled in by Tu Minh");

    // One unit, another year and review, in English.
    let one = template(
        &out,
        &[
            "--period", "tong-ket", "--year", "2027", "--unit", "viet-hoa", "--lang", "en",
        ],
    );
    assert_eq!(one.status.code(), Some(0), "{}", text(&one.stderr));
    let path = out.join("khoi-8-2027-year-end-tu-cham-viet-hoa.xlsx");
    assert_eq!(
        text(&one.stdout).trim(),
        format!("wrote the self-score form {}", path.display())
    );
    let (name, _) = forms::open(&std::fs::read(&path).unwrap());
    assert_eq!(name, "Self-score");
}

#[test]
fn template_refuses_an_unknown_unit_or_no_unit() {
    let tmp = tempfile::tempdir().unwrap();
    let unknown = template(tmp.path(), &["--period", "so-ket", "--unit", "phuong-x"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(
        text(&unknown.stderr)
            .contains("không có đơn vị \"phuong-x\" trong khối; các đơn vị: thanh-dong, hai-duong"),
        "{}",
        text(&unknown.stderr)
    );
    let neither = template(tmp.path(), &["--period", "so-ket"]);
    assert_eq!(neither.status.code(), Some(2));
    let both = template(
        tmp.path(),
        &["--period", "so-ket", "--all", "--unit", "viet-hoa"],
    );
    assert_eq!(both.status.code(), Some(2));
    assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 0);
}

fn import_self(data: &Path, files: &[&Path]) -> Output {
    let mut args = vec![
        "import-self",
        "khoi-8",
        "--period",
        "so-ket",
        "--data",
        data.to_str().unwrap(),
    ];
    args.extend(files.iter().map(|f| f.to_str().unwrap()));
    thidua(&args)
}

fn records(data: &Path, c: &Covenant) -> Records {
    let dir = session_dir(data, "khoi-8", 2026, Period::MidYear).expect("a safe session folder");
    Records::open(&dir, c, Period::MidYear).unwrap()
}

/// The self-score changes of the journal: (unit, item, value, source).
fn self_score_lines(r: &Records) -> Vec<(String, String, Option<Value>, String)> {
    r.history()
        .unwrap()
        .into_iter()
        .filter_map(|line| match line {
            Line::Change(e) if e.layer == Layer::SelfScore => {
                Some((e.unit, e.item, e.new.value, e.source))
            }
            _ => None,
        })
        .collect()
}

fn item(c: &Covenant, code: &str) -> usize {
    c.layout.index_of(code).unwrap()
}

#[test]
fn import_self_stores_self_scores_apart_and_a_newer_file_replaces_them() {
    let tmp = tempfile::tempdir().unwrap();
    let c = sample();
    let unit = c.unit_index("viet-hoa").unwrap();
    let form = forms::template(&c, 2026, Period::MidYear, "viet-hoa");
    let first = tmp
        .path()
        .join("khoi-8-2026-mid-year-tu-cham-viet-hoa.xlsx");
    std::fs::write(
        &first,
        fill(
            &form,
            &[
                (
                    "I.1.4",
                    Answer::Text("HTT – Hoàn thành tốt nhiệm vụ"),
                    "Báo cáo 45/BC-UBND",
                    "",
                ),
                (
                    "I.4",
                    Answer::Number(2.75),
                    "",
                    "Đã trừ 0,25 do chậm báo cáo",
                ),
                ("DK1", Answer::Text("Đạt"), "", ""),
            ],
        ),
    )
    .unwrap();
    let run = import_self(tmp.path(), &[&first]);
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    assert_eq!(
        text(&run.stdout).trim(),
        format!(
            "đã nhập tự chấm của Việt Hòa: 3 mục (từ {})",
            first.display()
        )
    );
    {
        let r = records(tmp.path(), &c);
        assert_eq!(
            r.self_cell(unit, item(&c, "I.1.4")),
            Cell {
                value: Some(Value::Level("HTT".into())),
                note: "Báo cáo 45/BC-UBND".into(),
                ..Cell::default()
            }
        );
        assert_eq!(
            r.self_cell(unit, item(&c, "I.4")),
            Cell {
                value: Some(Value::Points(dec("2.75"))),
                note: "Đã trừ 0,25 do chậm báo cáo".into(),
                ..Cell::default()
            }
        );
        // The bloc's own scores are untouched.
        assert_eq!(r.cell(unit, item(&c, "I.1.4")), Cell::default());
        let lines = self_score_lines(&r);
        assert_eq!(lines.len(), 3);
        assert!(lines.iter().all(|(u, _, _, source)| u == "viet-hoa"
            && source == "khoi-8-2026-mid-year-tu-cham-viet-hoa.xlsx"));
    }

    // The unit sends a corrected file: its self-scores are replaced, and the change recorded.
    let second = tmp.path().join("viet-hoa-sua.xlsx");
    std::fs::write(
        &second,
        fill(
            &form,
            &[
                ("I.1.4", Answer::Text("HT"), "Báo cáo 45/BC-UBND", ""),
                ("I.3", Answer::Text("KHT"), "", ""),
                ("DK1", Answer::Text("Đạt"), "", ""),
            ],
        ),
    )
    .unwrap();
    let run = import_self(tmp.path(), &[&second]);
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    let r = records(tmp.path(), &c);
    assert_eq!(
        r.self_cell(unit, item(&c, "I.1.4")).value,
        Some(Value::Level("HT".into()))
    );
    assert_eq!(r.self_cell(unit, item(&c, "I.4")), Cell::default());
    assert_eq!(
        r.self_cell(unit, item(&c, "I.3")).value,
        Some(Value::Level("KHT".into()))
    );
    assert_eq!(
        r.self_cell(unit, item(&c, "DK1")).value,
        Some(Value::Met(true))
    );
    let newer: Vec<(String, Option<Value>)> = self_score_lines(&r)
        .into_iter()
        .filter(|(_, _, _, source)| source == "viet-hoa-sua.xlsx")
        .map(|(_, item, value, _)| (item, value))
        .collect();
    assert_eq!(
        newer,
        [
            ("I.1.4".to_string(), Some(Value::Level("HT".into()))),
            ("I.3".to_string(), Some(Value::Level("KHT".into()))),
            ("I.4".to_string(), None),
        ]
    );
}

#[test]
fn a_refused_file_stores_nothing_and_lists_every_problem() {
    let tmp = tempfile::tempdir().unwrap();
    let c = sample();
    let form = forms::template(&c, 2026, Period::MidYear, "nam-dong");
    let (_, range) = forms::open(&form);
    let rows: std::collections::HashMap<String, u32> =
        forms::coded_rows(&range).into_iter().collect();
    let bad = tmp.path().join("nam-dong.xlsx");
    std::fs::write(
        &bad,
        fill_with(
            &form,
            &[
                ("I.1.4", Answer::Text("HTXS"), "", ""),
                ("V.2", Answer::Text("hai"), "", ""),
            ],
            |book, rows| {
                let sheet = book.worksheet_from_index(0).unwrap();
                sheet
                    .write_formula(
                        rows["I.4"],
                        thidua::selfscore::template::ANSWER_COL,
                        "=1+1.75",
                    )
                    .unwrap();
            },
        ),
    )
    .unwrap();
    let run = import_self(tmp.path(), &[&bad]);
    assert_eq!(run.status.code(), Some(1));
    let stderr = text(&run.stderr);
    let shown = bad.display();
    assert_eq!(
        stderr.lines().collect::<Vec<_>>(),
        [
            format!(
                "{shown}: 'Tự chấm'!F{}: có công thức =1+1.75, hãy nhập giá trị",
                rows["I.4"] + 1
            ),
            format!(
                "{shown}: 'Tự chấm'!F{}: mục V.2 cần nhập số, ô đang có chữ \"hai\"",
                rows["V.2"] + 1
            ),
            format!("{shown}: không nhập tệp này: 2 lỗi, chưa lưu giá trị nào của tệp"),
        ]
    );
    assert!(text(&run.stdout).is_empty());
    assert!(!tmp.path().join("khoi-8").exists(), "no records opened");

    let english = thidua(&[
        "--lang",
        "en",
        "import-self",
        "khoi-8",
        "--period",
        "mid-year",
        "--data",
        tmp.path().to_str().unwrap(),
        bad.to_str().unwrap(),
    ]);
    assert!(
        text(&english.stderr).contains(&format!(
            "{shown}: file not imported: 2 problems, nothing of it stored"
        )),
        "{}",
        text(&english.stderr)
    );
}

#[test]
fn good_files_are_stored_beside_a_refused_one() {
    let tmp = tempfile::tempdir().unwrap();
    let c = sample();
    let csv = tmp.path().join("tu-cham.csv");
    std::fs::write(
        &csv,
        "đơn vị,tiêu chí,giá trị,minh chứng\n\
         thanh-dong,I.4,2.5,BC 1\n\
         hai-duong,I.4,3,\n\
         hai-duong,DK3,không đạt,Vụ cháy ngày 3/5\n",
    )
    .unwrap();
    let ron = tmp.path().join("tan-hung.ron");
    std::fs::write(
        &ron,
        r#"SelfScores(bloc: "khoi-8", year: 2026, period: MidYear, unit: "tan-hung",
            scores: [(item: "II.3", value: 94.75, evidence: "Số liệu BHXH")])"#,
    )
    .unwrap();
    let other_bloc = tmp.path().join("khoi-9.ron");
    std::fs::write(
        &other_bloc,
        r#"SelfScores(bloc: "khoi-9", year: 2026, period: MidYear, unit: "tan-hung")"#,
    )
    .unwrap();
    let run = import_self(tmp.path(), &[&csv, &other_bloc, &ron]);
    assert_eq!(run.status.code(), Some(1));
    let stderr = text(&run.stderr);
    assert!(
        stderr.contains(&format!(
            "{}:1:18: Tệp dành cho khối khoi-9, không phải khoi-8",
            other_bloc.display()
        )),
        "{stderr}"
    );
    assert!(stderr.ends_with("1 trong 3 tệp bị từ chối\n"), "{stderr}");
    let stdout = text(&run.stdout);
    assert_eq!(
        stdout.lines().collect::<Vec<_>>(),
        [
            format!(
                "đã nhập tự chấm của Thành Đông: 1 mục (từ {})",
                csv.display()
            ),
            format!(
                "đã nhập tự chấm của Hải Dương: 2 mục (từ {})",
                csv.display()
            ),
            format!("đã nhập tự chấm của Tân Hưng: 1 mục (từ {})", ron.display()),
        ]
    );
    let r = records(tmp.path(), &c);
    let hai_duong = c.unit_index("hai-duong").unwrap();
    assert_eq!(
        r.self_cell(hai_duong, item(&c, "DK3")),
        Cell {
            value: Some(Value::Met(false)),
            note: "Vụ cháy ngày 3/5".into(),
            ..Cell::default()
        }
    );
    let tan_hung = c.unit_index("tan-hung").unwrap();
    assert_eq!(
        r.self_cell(tan_hung, item(&c, "II.3")).value,
        Some(Value::Achieved(dec("94.75")))
    );
    assert!(r.sheet().row(hai_duong).iter().all(Option::is_none));
}

#[test]
fn import_self_is_refused_once_the_results_are_frozen() {
    let tmp = tempfile::tempdir().unwrap();
    let c = sample();
    records(tmp.path(), &c).freeze().unwrap();
    let csv = tmp.path().join("tre.csv");
    std::fs::write(&csv, "unit,criterion,value\nthanh-dong,I.4,2.5\n").unwrap();
    let run = import_self(tmp.path(), &[&csv]);
    assert_eq!(run.status.code(), Some(1));
    assert!(
        text(&run.stderr).contains("kết quả đã chốt lúc"),
        "{}",
        text(&run.stderr)
    );
    let r = records(tmp.path(), &c);
    assert!(!r.has_self_scores());
}

#[test]
fn import_self_refuses_a_file_it_cannot_read() {
    let tmp = tempfile::tempdir().unwrap();
    let xls = tmp.path().join("tu-cham.xls");
    std::fs::write(&xls, b"old format").unwrap();
    let run = import_self(tmp.path(), &[&xls]);
    assert_eq!(run.status.code(), Some(2));
    assert!(
        text(&run.stderr).contains("cần tệp .xlsx, .csv hoặc .ron"),
        "{}",
        text(&run.stderr)
    );
    let missing = tmp.path().join("khong-co.csv");
    let run = import_self(tmp.path(), &[&missing]);
    assert_eq!(run.status.code(), Some(2));
    assert!(text(&run.stderr).contains("không đọc được"));
}
