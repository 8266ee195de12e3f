//! `thidua results --period year-end --compare mid-year` on the sample bloc: the table, CSV and
//! RON against each period's own results, and the refusals.

use std::path::Path;
use std::process::{Command, Output};

use thidua::model::Period;
use thidua::store::load_covenant;
use thidua::store::records::Records;

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

fn import(data: &Path, period: &str, file: &str) {
    let out = thidua(&[
        "import",
        "khoi-8",
        "--period",
        period,
        "--data",
        data.to_str().unwrap(),
        file,
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
}

/// Both sample periods imported into a fresh data folder.
fn both_periods() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    import(tmp.path(), "mid-year", "tests/data/khoi-8-mid-year.csv");
    import(tmp.path(), "year-end", "tests/data/khoi-8-year-end.csv");
    tmp
}

fn results(data: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["results", "khoi-8", "--data", data.to_str().unwrap()];
    args.extend(extra);
    thidua(&args)
}

/// unit id → (total, rank) from a period's own `results --format csv`.
fn standings(data: &Path, period: &str) -> Vec<(String, String, String)> {
    let csv = text(&results(data, &["--period", period, "--format", "csv"]).stdout);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let head = reader.headers().unwrap().clone();
    let at = |name: &str| head.iter().position(|h| h == name).unwrap();
    let (unit, total, rank) = (at("unit"), at("total"), at("rank"));
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            (
                r[unit].to_string(),
                r[total].to_string(),
                r[rank].to_string(),
            )
        })
        .collect()
}

#[test]
fn the_comparison_agrees_with_each_periods_own_results() {
    let tmp = both_periods();
    let mid = standings(tmp.path(), "mid-year");
    let end = standings(tmp.path(), "year-end");
    let out = results(
        tmp.path(),
        &[
            "--period",
            "year-end",
            "--compare",
            "mid-year",
            "--format",
            "csv",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let csv = text(&out.stdout);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let head = reader.headers().unwrap().clone();
    assert_eq!(
        head.iter().collect::<Vec<_>>(),
        [
            "unit",
            "short",
            "mid_year_total",
            "mid_year_share",
            "mid_year_band",
            "mid_year_rank",
            "mid_year_tied",
            "mid_year_missing",
            "year_end_total",
            "year_end_share",
            "year_end_band",
            "year_end_rank",
            "year_end_tied",
            "year_end_missing",
            "change_total",
            "change_places",
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    // In the year-end order, as the year-end results list them.
    let units: Vec<&str> = rows.iter().map(|r| &r[0]).collect();
    let end_units: Vec<&str> = end.iter().map(|(u, _, _)| u.as_str()).collect();
    assert_eq!(units, end_units);
    let mut moved = 0;
    for r in &rows {
        let (_, mid_total, mid_rank) = mid.iter().find(|(u, _, _)| u == &r[0]).unwrap();
        let (_, end_total, end_rank) = end.iter().find(|(u, _, _)| u == &r[0]).unwrap();
        assert_eq!((&r[2], &r[5]), (mid_total.as_str(), mid_rank.as_str()));
        assert_eq!((&r[8], &r[11]), (end_total.as_str(), end_rank.as_str()));
        let d = |s: &str| s.parse::<rust_decimal::Decimal>().unwrap();
        // The share of each period's maximum: 85 points at mid-year, 100 at year-end.
        let share = |total: &str, max: i64| {
            (d(total) * rust_decimal::Decimal::ONE_HUNDRED / rust_decimal::Decimal::from(max))
                .round_dp_with_strategy(1, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
        };
        assert_eq!(d(&r[3]), share(&r[2], 85), "{r:?}");
        assert_eq!(d(&r[9]), share(&r[8], 100), "{r:?}");
        assert_eq!(d(&r[14]), d(end_total) - d(mid_total), "{r:?}");
        let places: i64 = r[15].parse().unwrap();
        let rank = |s: &str| s.parse::<i64>().unwrap();
        assert_eq!(places, rank(mid_rank) - rank(end_rank), "{r:?}");
        moved += usize::from(places != 0);
        assert_eq!(
            (&r[7], &r[13]),
            ("0", "0"),
            "both sample periods are complete"
        );
    }
    assert!(moved >= 2, "the sample has units that change places: {csv}");
}

#[test]
fn the_table_shows_both_periods_and_the_change_with_a_decimal_comma() {
    let tmp = both_periods();
    let out = results(
        tmp.path(),
        &["--period", "year-end", "--compare", "mid-year"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let table = text(&out.stdout);
    assert!(
        table.starts_with(
            "Khối thi đua số 8 · Tổng kết năm 2026 so với Sơ kết 6 tháng · Đã chấm: sơ kết 336/336, tổng kết 400/400"
        ),
        "{table}"
    );
    assert!(table.contains("Sơ kết 6 tháng (tối đa 85)"), "{table}");
    assert!(table.contains("Tổng kết năm (tối đa 100)"), "{table}");
    assert!(table.contains("Thay đổi"), "{table}");
    let line = |unit: &str| {
        table
            .lines()
            .find(|l| l.starts_with(unit))
            .unwrap_or_else(|| panic!("{unit}: {table}"))
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    // Tân Hưng moves up a place, Nam Đồng down one, Thành Đông stays first.
    assert_eq!(
        line("Tân Hưng"),
        "Tân Hưng 59,99 (70,6 %) Khá 7 76,68 (76,7 %) Khá 6 +16,69 ↑1"
    );
    assert_eq!(
        line("Nam Đồng"),
        "Nam Đồng 60,89 (71,6 %) Khá 6 75,42 (75,4 %) Khá 7 +14,53 ↓1"
    );
    assert_eq!(
        line("Thành Đông"),
        "Thành Đông 84,11 (99 %) Xuất sắc 1 106,05 (106,1 %) Xuất sắc 1 +21,94 ="
    );
    let en = text(
        &results(
            tmp.path(),
            &[
                "--period",
                "year-end",
                "--compare",
                "so-ket",
                "--lang",
                "en",
            ],
        )
        .stdout,
    );
    assert!(
        en.contains("Year-end review 2026 against the mid-year review"),
        "{en}"
    );
    assert!(en.contains("+16.69"), "{en}");
}

#[test]
fn ron_carries_ids_standings_and_signed_changes() {
    let tmp = both_periods();
    let out = results(
        tmp.path(),
        &[
            "--period",
            "year-end",
            "--compare",
            "mid-year",
            "--format",
            "ron",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let ron = text(&out.stdout);
    assert!(ron.contains("bloc: \"khoi-8\""), "{ron}");
    assert!(ron.contains("unit: \"nam-dong\""), "{ron}");
    assert!(ron.contains("places: -1"), "{ron}");
    assert!(ron.contains("max: \"85\""), "{ron}");
}

#[test]
fn a_missing_mid_year_session_is_refused_and_not_created() {
    let tmp = tempfile::tempdir().unwrap();
    import(tmp.path(), "year-end", "tests/data/khoi-8-year-end.csv");
    let out = results(
        tmp.path(),
        &["--period", "year-end", "--compare", "mid-year"],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(
        err.contains("chưa có phiên sơ kết 6 tháng năm 2026"),
        "{err}"
    );
    assert!(out.stdout.is_empty());
    assert!(!tmp.path().join("khoi-8/2026/mid-year").exists());
    let en = results(
        tmp.path(),
        &[
            "--period",
            "year-end",
            "--compare",
            "mid-year",
            "--lang",
            "en",
        ],
    );
    assert!(
        text(&en.stderr).contains("there is no mid-year session for 2026"),
        "{}",
        text(&en.stderr)
    );
}

#[test]
fn only_the_year_end_compares_with_the_mid_year() {
    let tmp = both_periods();
    for period in ["mid-year", "so-ket"] {
        let out = results(tmp.path(), &["--period", period, "--compare", "mid-year"]);
        assert_eq!(out.status.code(), Some(2));
        let err = text(&out.stderr);
        assert!(
            err.contains("--compare chỉ dùng để so sánh tổng kết năm"),
            "{err}"
        );
        assert!(out.stdout.is_empty());
    }
    let out = results(
        tmp.path(),
        &[
            "--period",
            "year-end",
            "--compare",
            "year-end",
            "--lang",
            "en",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("--compare only compares the year-end review"),
        "{}",
        text(&out.stderr)
    );
    let out = results(tmp.path(), &["--period", "year-end", "--compare", "quy-3"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("kỳ \"quy-3\" không hợp lệ"));
}

#[test]
fn an_empty_mid_year_is_compared_and_says_so() {
    let tmp = tempfile::tempdir().unwrap();
    import(tmp.path(), "year-end", "tests/data/khoi-8-year-end.csv");
    std::fs::create_dir_all(tmp.path().join("khoi-8/2026/mid-year")).unwrap();
    let out = results(
        tmp.path(),
        &["--period", "year-end", "--compare", "mid-year"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let err = text(&out.stderr);
    assert!(
        err.contains("sơ kết 6 tháng năm 2026 chưa chấm điểm nào"),
        "{err}"
    );
    let table = text(&out.stdout);
    assert!(table.contains("sơ kết 0/336"), "{table}");
    let rows: Vec<&str> = table.lines().skip(5).filter(|l| !l.is_empty()).collect();
    assert_eq!(rows.len(), 8, "{table}");
    for row in rows {
        assert!(row.contains("Chưa chấm"), "{row}");
        assert!(
            row.trim_end().ends_with('—'),
            "no change without a mid-year: {row}"
        );
        assert!(
            !row.contains(" 0,00"),
            "never a zero for a unit not scored: {row}"
        );
    }
    let csv = text(
        &results(
            tmp.path(),
            &[
                "--period",
                "year-end",
                "--compare",
                "mid-year",
                "--format",
                "csv",
            ],
        )
        .stdout,
    );
    let first = csv.lines().nth(1).unwrap();
    assert!(
        first.starts_with("thanh-dong,Thành Đông,,,,,,,106.05,106.1,"),
        "{csv}"
    );
    assert!(first.ends_with(",,"), "{csv}");
}

#[test]
fn a_unit_missing_from_the_mid_year_reads_as_not_scored() {
    let tmp = tempfile::tempdir().unwrap();
    // The mid-year without Nam Đồng, and with one of Thành Đông's cells left out.
    let sample = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/khoi-8-mid-year.csv"),
    )
    .unwrap();
    let mut lines = sample.lines();
    let mut partial = format!("{}\n", lines.next().unwrap());
    let mut skipped = false;
    for l in lines {
        if l.starts_with("nam-dong,") {
            continue;
        }
        if !skipped && l.starts_with("thanh-dong,") {
            skipped = true;
            continue;
        }
        partial.push_str(l);
        partial.push('\n');
    }
    let file = tmp.path().join("partial.csv");
    std::fs::write(&file, partial).unwrap();
    let data = tmp.path().join("data");
    import(&data, "mid-year", file.to_str().unwrap());
    import(&data, "year-end", "tests/data/khoi-8-year-end.csv");
    let out = results(&data, &["--period", "year-end", "--compare", "mid-year"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let table = text(&out.stdout);
    let line = |unit: &str| table.lines().find(|l| l.starts_with(unit)).unwrap();
    let nam_dong = line("Nam Đồng");
    assert!(nam_dong.contains("Chưa chấm"), "{table}");
    assert!(nam_dong.contains("75,42"), "{table}");
    assert!(
        line("Thành Đông").contains('*'),
        "incomplete is marked: {table}"
    );
    assert!(table.contains("* chưa chấm đủ các mục của kỳ"), "{table}");
    assert!(!line("Tân Hưng").contains('*'), "{table}");
}

#[test]
fn a_mid_year_held_by_another_copy_is_read_as_it_stands_and_said() {
    // The screen has the mid-year open: reading it takes no lock, so the comparison runs and
    // names the holder, with the same figures as when nothing holds it.
    let tmp = both_periods();
    let covenant = load_covenant(Path::new("blocs/khoi-8.ron"))
        .unwrap()
        .covenant;
    let held = Records::open(
        &tmp.path().join("khoi-8/2026/mid-year"),
        &covenant,
        Period::MidYear,
    )
    .unwrap();
    let args = ["--period", "year-end", "--compare", "mid-year"];
    let while_held = results(tmp.path(), &args);
    assert_eq!(
        while_held.status.code(),
        Some(0),
        "{}",
        text(&while_held.stderr)
    );
    let err = text(&while_held.stderr);
    assert!(err.contains("phiên đang mở ở nơi khác"), "{err}");
    assert!(
        err.contains(&format!("pid {}", std::process::id())),
        "{err}"
    );
    drop(held);
    let free = results(tmp.path(), &args);
    assert_eq!(free.status.code(), Some(0), "{}", text(&free.stderr));
    assert!(!text(&free.stderr).contains("nơi khác"));
    assert_eq!(text(&while_held.stdout), text(&free.stdout));
}
