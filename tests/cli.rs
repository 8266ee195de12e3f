//! The command line on the sample bloc: check, import and results, and refusals.

use std::path::Path;
use std::process::{Command, Output};

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

#[test]
fn the_sample_files_are_valid() {
    let out = thidua(&[
        "check",
        "blocs/khoi-8.ron",
        "examples/blocs/khoi-truong-thcs.ron",
        "scoring/khoi-phuong-2026.ron",
        "examples/scoring/khoi-truong-hoc-2026.ron",
    ]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}{}", text(&out.stderr));
    assert!(
        stdout.contains("blocs/khoi-8.ron: hợp lệ: khối thi đua, 8 đơn vị"),
        "{stdout}"
    );
    assert!(stdout.contains("tối đa 100 điểm"), "{stdout}");
    let en = text(&thidua(&["check", "--lang", "en", "scoring/khoi-phuong-2026.ron"]).stdout);
    assert!(en.contains("valid: scoring scheme"), "{en}");
}

#[test]
fn a_missing_file_is_an_io_error() {
    let out = thidua(&["check", "blocs/khong-co.ron"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("không đọc được blocs/khong-co.ron"));
}

fn import(data: &Path, period: &str, file: &str) -> Output {
    thidua(&[
        "import",
        "khoi-8",
        "--period",
        period,
        "--data",
        data.to_str().unwrap(),
        file,
    ])
}

#[test]
fn importing_the_mid_year_scoresheet_gives_complete_ranked_results() {
    let tmp = tempfile::tempdir().unwrap();
    let out = import(tmp.path(), "mid-year", "tests/data/khoi-8-mid-year.csv");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).starts_with("đã nhập 336 giá trị"),
        "{}",
        text(&out.stdout)
    );
    assert!(
        tmp.path()
            .join("khoi-8/2026/mid-year/journal.jsonl")
            .is_file()
    );

    // Importing the same file again changes nothing.
    let again = import(tmp.path(), "so-ket", "tests/data/khoi-8-mid-year.csv");
    assert!(
        text(&again.stdout).starts_with("đã nhập 0 giá trị"),
        "{}",
        text(&again.stdout)
    );

    let data = tmp.path().to_str().unwrap();
    let table =
        text(&thidua(&["results", "khoi-8", "--period", "mid-year", "--data", data]).stdout);
    assert!(table.contains("Đã chấm: 336/336"), "{table}");
    assert!(table.contains("Thành Đông"), "{table}");
    // Vietnamese decimals use a comma.
    assert!(table.lines().nth(4).unwrap().contains(','), "{table}");

    let csv = text(
        &thidua(&[
            "results", "khoi-8", "--period", "mid-year", "--data", data, "--format", "csv",
        ])
        .stdout,
    );
    let rows: Vec<&str> = csv.lines().collect();
    assert_eq!(rows.len(), 9, "{csv}");
    assert!(rows[0].starts_with("rank,tied,unit,short,I,II"));
    let totals: Vec<f64> = rows[1..]
        .iter()
        .map(|r| {
            r.split(',')
                .nth(r.split(',').count() - 4)
                .unwrap()
                .parse()
                .unwrap()
        })
        .collect();
    assert!(totals.windows(2).all(|w| w[0] >= w[1]), "{csv}");

    let ron = text(
        &thidua(&[
            "results", "khoi-8", "--period", "mid-year", "--data", data, "--format", "ron",
        ])
        .stdout,
    );
    assert!(ron.contains("bloc: \"khoi-8\""), "{ron}");
    assert!(ron.contains("missing: []"), "{ron}");
}

#[test]
fn one_bad_row_refuses_the_whole_file_and_lists_every_bad_row() {
    let tmp = tempfile::tempdir().unwrap();
    let csv = tmp.path().join("bad.csv");
    std::fs::write(
        &csv,
        "unit,criterion,value,note\n\
         thanh-dong,I.1.4,HTXS,\n\
         khong-co,I.1.4,HTXS,\n\
         thanh-dong,Z.9,1,\n\
         thanh-dong,I.1.4,HTT,\n",
    )
    .unwrap();
    let data = tmp.path().join("data");
    let out = thidua(&[
        "import",
        "khoi-8",
        "--period",
        "mid-year",
        "--data",
        data.to_str().unwrap(),
        "--lang",
        "en",
        csv.to_str().unwrap(),
    ]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("line 3: no unit \"khong-co\" in the bloc"),
        "{err}"
    );
    assert!(
        err.contains("line 4: no criterion or item \"Z.9\""),
        "{err}"
    );
    assert!(
        err.contains("line 5: \"thanh-dong\" / \"I.1.4\" already given on line 2"),
        "{err}"
    );
    assert!(
        err.contains("file refused: 3 rows have problems; nothing was stored"),
        "{err}"
    );
    assert!(!data.exists(), "nothing may be written for a refused file");
}

/// The criterion code of the sample mid-year row of Thành Đông with a level of `HT…`.
fn sample_level_criterion() -> String {
    let sample = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/khoi-8-mid-year.csv"),
    )
    .unwrap();
    let row = sample
        .lines()
        .find(|l| l.starts_with("thanh-dong,") && l.contains(",HT"))
        .unwrap();
    row.split(',').nth(1).unwrap().to_string()
}

/// Imports a scoresheet with the given rows into a fresh data folder.
fn import_rows(rows: &str) -> Output {
    let tmp = tempfile::tempdir().unwrap();
    let csv = tmp.path().join("rows.csv");
    std::fs::write(&csv, format!("unit,criterion,value\n{rows}")).unwrap();
    import(&tmp.path().join("d"), "mid-year", csv.to_str().unwrap())
}

#[test]
fn out_of_scale_values_are_refused_with_the_reason() {
    let code = sample_level_criterion();
    let out = import_rows(&format!("thanh-dong,{code},XUATSAC\n"));
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    let expected = format!("dòng 2: thanh-dong / {code}: không có mức \"XUATSAC\"");
    assert!(err.contains(&expected), "{err}");
}

#[test]
fn names_typed_with_combining_diacritics_match_precomposed_ones() {
    // "Thành Đông" with the grave accent as a combining mark (U+0300).
    let code = sample_level_criterion();
    let out = import_rows(&format!("Tha\u{300}nh \u{110}ông,{code},HT\n"));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).starts_with("đã nhập 1 giá trị"));
}

#[test]
fn unknown_periods_are_usage_errors() {
    let out = thidua(&["results", "khoi-8", "--period", "quy-3"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("kỳ \"quy-3\" không hợp lệ"));
}

#[test]
fn the_scoring_screen_asks_for_a_terminal_instead_of_drawing_into_a_pipe() {
    for args in [&[][..], &["score", "khoi-8", "--period", "mid-year"][..]] {
        let out = thidua(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = text(&out.stderr);
        assert!(stderr.contains("cần một cửa sổ dòng lệnh"), "{stderr}");
    }
    let out = thidua(&["score", "khong-co", "--period", "mid-year"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("không tìm thấy khối \"khong-co\""));
}
