//! The clerk's spreadsheet read back with calamine: sheet names, ranks and totals in order,
//! points per criterion equal to the engine's, Vietnamese text intact, the draft mark, award
//! columns at year-end, identical bytes for the same input, and a large generated bloc.

mod common;

use std::io::Cursor;
use std::path::Path;

use calamine::{Data, Range, Reader, Xlsx};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use thidua::model::layout::Rule;
use thidua::model::{Covenant, Period, Sheet, value};
use thidua::report::document::Edition;
use thidua::report::xlsx::{ABOUT_SHEET, POINTS_SHEET, RESULTS_SHEET, workbook};
use thidua::score::{self, Nomination, Results};
use thidua::store::Source;
use thidua::store::load::{parse_bloc, parse_scheme};
use thidua::store::load_covenant;
use thidua::synthetic;

/// Rows of the table sheets: the title, two header rows, then the data.
const HEADER_ROW: u32 = 1;
const SUBHEADER_ROW: u32 = 2;
const FIRST_DATA_ROW: u32 = 3;

fn sample() -> Covenant {
    load_covenant(Path::new("blocs/khoi-8.ron"))
        .expect("sample bloc")
        .covenant
}

/// The sample scoresheet of the period.
fn sample_sheet(covenant: &Covenant, period: Period) -> Sheet {
    let file = match period {
        Period::MidYear => "tests/data/khoi-8-mid-year.csv",
        Period::YearEnd => "tests/data/khoi-8-year-end.csv",
    };
    let mut sheet = covenant.empty_sheet();
    for row in csv::Reader::from_path(file).unwrap().records() {
        let row = row.unwrap();
        let unit = covenant.unit_index(&row[0]).unwrap();
        let item = covenant.layout.index_of(&row[1]).unwrap();
        let value = value::parse(&covenant.layout.items[item], &row[2]).unwrap();
        sheet.set(unit, item, Some(value));
    }
    sheet
}

fn edition(period: Period, provisional: bool) -> Edition {
    Edition {
        year: 2026,
        period,
        version: 2,
        number: Some("12".into()),
        date: NaiveDate::from_ymd_opt(2026, 7, 5).unwrap(),
        provisional,
        public_key: "RWQf6LRCGA9i53mlYecO4IzT51TGPpvWucNSCh1CBM0QTaLn73Y7GFO3".into(),
        replaces: None,
        pdf_name: "bao-cao.pdf".into(),
        sections: Vec::new(),
        recipients: Vec::new(),
        election: None,
    }
}

struct Book {
    results: Range<Data>,
    points: Range<Data>,
    about: Range<Data>,
    names: Vec<String>,
}

fn read(bytes: &[u8]) -> Book {
    let mut xlsx: Xlsx<_> = Xlsx::new(Cursor::new(bytes.to_vec())).expect("a readable workbook");
    let names = xlsx.sheet_names();
    Book {
        results: xlsx.worksheet_range(RESULTS_SHEET).unwrap(),
        points: xlsx.worksheet_range(POINTS_SHEET).unwrap(),
        about: xlsx.worksheet_range(ABOUT_SHEET).unwrap(),
        names,
    }
}

fn cell(range: &Range<Data>, row: u32, col: usize) -> Data {
    range
        .get_value((row, col as u32))
        .cloned()
        .unwrap_or(Data::Empty)
}

fn text(range: &Range<Data>, row: u32, col: usize) -> String {
    match cell(range, row, col) {
        Data::String(s) => s,
        Data::Empty => String::new(),
        other => panic!("text expected at ({row}, {col}), found {other:?}"),
    }
}

fn number(range: &Range<Data>, row: u32, col: usize) -> f64 {
    match cell(range, row, col) {
        Data::Float(f) => f,
        Data::Int(i) => i as f64,
        other => panic!("number expected at ({row}, {col}), found {other:?}"),
    }
}

fn f(d: Decimal) -> f64 {
    d.to_f64().unwrap()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

/// The column whose first header row reads `header`.
fn column(range: &Range<Data>, header: &str) -> usize {
    let width = range.end().map_or(0, |(_, c)| c as usize + 1);
    (0..width)
        .find(|&c| text(range, HEADER_ROW, c) == header)
        .unwrap_or_else(|| panic!("no column {header:?}"))
}

fn compute(covenant: &Covenant, period: Period, sheet: &Sheet) -> (Results, Vec<u8>) {
    let results = score::compute(covenant, period, sheet).expect("the engine computes");
    let bytes = workbook(covenant, &results, &edition(period, false)).expect("workbook");
    (results, bytes)
}

/// Every check of the results sheet against the engine: one row per unit, best first.
fn check_results(covenant: &Covenant, results: &Results, book: &Book) {
    let sheet = &book.results;
    let (rank, tie, id, name) = (
        column(sheet, "Hạng"),
        column(sheet, "Đồng hạng"),
        column(sheet, "Mã đơn vị"),
        column(sheet, "Đơn vị"),
    );
    let (bonus, penalty, total, band, missing) = (
        column(sheet, "Điểm thưởng"),
        column(sheet, "Điểm trừ"),
        column(sheet, "Tổng điểm"),
        column(sheet, "Xếp loại"),
        column(sheet, "Chưa chấm"),
    );
    let vetoes = column(sheet, "Điều kiện không đạt");
    for (k, &u) in results.order.iter().enumerate() {
        let r = FIRST_DATA_ROW + k as u32;
        let unit = &results.units[u];
        let member = &covenant.bloc.members[u];
        assert_eq!(number(sheet, r, rank), unit.rank as f64, "rank of row {r}");
        assert_eq!(
            text(sheet, r, tie),
            if unit.tied { "đồng hạng" } else { "" },
            "tie mark of row {r}"
        );
        assert_eq!(text(sheet, r, id), member.id);
        assert_eq!(text(sheet, r, name), member.name);
        assert!(
            close(number(sheet, r, total), f(unit.total)),
            "total of {}",
            member.id
        );
        assert!(close(number(sheet, r, bonus), f(unit.bonus)));
        assert!(close(number(sheet, r, penalty), f(unit.penalty)));
        for g in covenant.layout.top_groups() {
            let c = column(sheet, &covenant.layout.groups[g].code);
            assert!(close(number(sheet, r, c), f(unit.groups[g])));
        }
        assert_eq!(
            text(sheet, r, band),
            covenant.scheme.band_label(results.period, unit.band)
        );
        assert_eq!(number(sheet, r, missing), unit.missing as f64);
        let codes: Vec<&str> = unit
            .failed_vetoes
            .iter()
            .map(|&i| covenant.layout.items[i].code.as_str())
            .collect();
        assert_eq!(text(sheet, r, vetoes), codes.join(", "));
    }
    let after = FIRST_DATA_ROW + results.order.len() as u32;
    assert_eq!(
        cell(sheet, after, id),
        Data::Empty,
        "no row after the last unit"
    );
}

/// Every cell of the points sheet against the engine's points, in member order.
fn check_points(covenant: &Covenant, results: &Results, book: &Book) {
    let sheet = &book.points;
    let layout = &covenant.layout;
    let missing: std::collections::HashSet<_> = results.missing.iter().copied().collect();
    let mut checked = 0;
    for (i, item) in layout.items.iter().enumerate() {
        if !item.is_scored_in(results.period) {
            continue;
        }
        let c = column(sheet, &item.code);
        assert_eq!(
            text(sheet, SUBHEADER_ROW, c),
            item.title,
            "title of {}",
            item.code
        );
        for (u, unit) in results.units.iter().enumerate() {
            let r = FIRST_DATA_ROW + u as u32;
            assert_eq!(text(sheet, r, 0), covenant.bloc.members[u].id);
            let got = cell(sheet, r, c);
            match (&item.rule, unit.points[i]) {
                (Rule::Veto, _) => {
                    let want = if missing.contains(&(u, i)) {
                        Data::Empty
                    } else if unit.failed_vetoes.contains(&i) {
                        Data::String("Không đạt".into())
                    } else {
                        Data::String("Đạt".into())
                    };
                    assert_eq!(got, want, "veto {} of unit {u}", item.code);
                }
                (_, Some(p)) => match got {
                    Data::Float(x) => assert!(close(x, f(p)), "{} of unit {u}", item.code),
                    Data::Int(x) => assert!(close(x as f64, f(p))),
                    other => panic!("{} of unit {u}: {other:?}, want {p}", item.code),
                },
                (_, None) => assert_eq!(got, Data::Empty, "{} of unit {u}", item.code),
            }
            checked += 1;
        }
    }
    assert!(checked > 0);
    let total = column(sheet, "Tổng điểm");
    for (u, unit) in results.units.iter().enumerate() {
        let r = FIRST_DATA_ROW + u as u32;
        assert!(close(number(sheet, r, total), f(unit.total)));
    }
    // Items not scored in the period have no column.
    for item in layout
        .items
        .iter()
        .filter(|i| !i.is_scored_in(results.period))
    {
        let width = sheet.end().map_or(0, |(_, c)| c as usize + 1);
        assert!((0..width).all(|c| text(sheet, HEADER_ROW, c) != item.code));
    }
}

#[test]
fn the_sample_mid_year_session_reads_back_as_the_engine_computed_it() {
    let covenant = sample();
    let sheet = sample_sheet(&covenant, Period::MidYear);
    let (results, bytes) = compute(&covenant, Period::MidYear, &sheet);
    let book = read(&bytes);
    assert_eq!(book.names, [RESULTS_SHEET, POINTS_SHEET, ABOUT_SHEET]);
    assert_eq!(book.names, ["Kết quả", "Điểm", "Thông tin"]);
    check_results(&covenant, &results, &book);
    check_points(&covenant, &results, &book);
    let title = text(&book.results, 0, 0);
    assert!(title.starts_with(&covenant.bloc.name), "{title}");
    assert!(title.contains("Sơ kết 6 tháng đầu năm 2026"), "{title}");
    assert!(title.contains("Phiên bản 2"), "{title}");
    assert!(!title.contains("DỰ THẢO"), "{title}");
    // No award columns at mid-year.
    let width = book.results.end().unwrap().1 as usize + 1;
    assert_eq!(text(&book.results, HEADER_ROW, width - 1), "Chưa chấm");
    // Group titles under their codes.
    for g in covenant.layout.top_groups() {
        let group = &covenant.layout.groups[g];
        let c = column(&book.results, &group.code);
        assert_eq!(text(&book.results, SUBHEADER_ROW, c), group.title);
    }
}

#[test]
fn vietnamese_text_reads_back_intact() {
    let covenant = sample();
    let sheet = sample_sheet(&covenant, Period::MidYear);
    let (_, bytes) = compute(&covenant, Period::MidYear, &sheet);
    let book = read(&bytes);
    let names: Vec<String> = (0..covenant.bloc.members.len())
        .map(|u| text(&book.points, FIRST_DATA_ROW + u as u32, 1))
        .collect();
    let want: Vec<&str> = covenant
        .bloc
        .members
        .iter()
        .map(|m| m.name.as_str())
        .collect();
    assert_eq!(names, want);
    assert!(
        names
            .iter()
            .any(|n| n.contains("Ủy ban") || n.contains("phường"))
    );
    assert!(text(&book.results, 0, 0).contains("Khối thi đua"));
    assert_eq!(text(&book.points, HEADER_ROW, 0), "Mã đơn vị");
    assert_eq!(text(&book.points, HEADER_ROW, 1), "Đơn vị");
}

#[test]
fn the_about_sheet_says_which_issue_this_is() {
    let covenant = sample();
    let sheet = sample_sheet(&covenant, Period::MidYear);
    let (results, bytes) = compute(&covenant, Period::MidYear, &sheet);
    let about = read(&bytes).about;
    let rows = about.end().unwrap().0 + 1;
    let value = |key: &str| -> Data {
        let r = (0..rows)
            .find(|&r| text(&about, r, 0) == key)
            .unwrap_or_else(|| panic!("no row {key:?}"));
        cell(&about, r, 1)
    };
    assert_eq!(value("Mã khối"), Data::String(covenant.bloc.id.clone()));
    assert_eq!(value("Tên khối"), Data::String(covenant.bloc.name.clone()));
    assert_eq!(value("Năm"), Data::Float(2026.0));
    assert_eq!(value("Kỳ"), Data::String("Sơ kết 6 tháng đầu năm".into()));
    assert_eq!(value("Phiên bản"), Data::Float(2.0));
    assert_eq!(
        value("Số văn bản"),
        Data::String(format!("12/{}", covenant.bloc.number_suffix))
    );
    match value("Ngày") {
        Data::DateTime(d) => {
            // Excel counts days from 1899-12-30.
            let epoch = NaiveDate::from_ymd_opt(1899, 12, 30).unwrap();
            let want = NaiveDate::from_ymd_opt(2026, 7, 5).unwrap() - epoch;
            assert_eq!(d.as_f64(), want.num_days() as f64);
        }
        other => panic!("date expected, found {other:?}"),
    }
    assert_eq!(value("Dự thảo"), Data::String("Không".into()));
    assert_eq!(
        value("Số nội dung cần chấm"),
        Data::Float(results.needed as f64)
    );
    assert_eq!(
        value("Mã thang điểm"),
        Data::String(covenant.scheme.id.clone())
    );
    assert_eq!(
        value("Thang điểm"),
        Data::String(covenant.scheme.title.clone())
    );
    assert_eq!(
        value("Phiên bản thang điểm"),
        Data::String(covenant.scheme.version.clone())
    );
    assert_eq!(
        value("Khóa công khai"),
        Data::String(edition(Period::MidYear, false).public_key)
    );
}

#[test]
fn a_provisional_edition_says_du_thao() {
    let covenant = sample();
    let mut sheet = sample_sheet(&covenant, Period::MidYear);
    // One cell short of complete: a draft.
    let first = (0..covenant.layout.items.len())
        .find(|&i| covenant.layout.items[i].is_scored_in(Period::MidYear))
        .unwrap();
    sheet.set(0, first, None);
    let results = score::compute(&covenant, Period::MidYear, &sheet).expect("the engine computes");
    let bytes = workbook(&covenant, &results, &edition(Period::MidYear, true)).unwrap();
    let book = read(&bytes);
    for range in [&book.results, &book.points] {
        assert!(
            text(range, 0, 0).contains("DỰ THẢO"),
            "{}",
            text(range, 0, 0)
        );
    }
    check_results(&covenant, &results, &book);
    check_points(&covenant, &results, &book);
    let rows = book.about.end().unwrap().0 + 1;
    let draft = (0..rows)
        .find(|&r| text(&book.about, r, 0) == "Dự thảo")
        .unwrap();
    assert_eq!(text(&book.about, draft, 1), "Có");
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    let covenant = sample();
    let sheet = sample_sheet(&covenant, Period::YearEnd);
    let results = score::compute(&covenant, Period::YearEnd, &sheet).expect("the engine computes");
    let e = edition(Period::YearEnd, false);
    let first = workbook(&covenant, &results, &e).unwrap();
    let second = workbook(&covenant, &results, &e).unwrap();
    assert!(first == second, "two writes differ");
    let mut later = e.clone();
    later.version = 3;
    assert_ne!(first, workbook(&covenant, &results, &later).unwrap());
}

#[test]
fn a_year_end_session_has_a_column_per_award() {
    let covenant = sample();
    let sheet = sample_sheet(&covenant, Period::YearEnd);
    let (results, bytes) = compute(&covenant, Period::YearEnd, &sheet);
    assert!(!results.awards.is_empty(), "the sample scheme has awards");
    let book = read(&bytes);
    check_results(&covenant, &results, &book);
    check_points(&covenant, &results, &book);
    assert!(text(&book.results, 0, 0).contains("Tổng kết năm 2026"));
    let sheet = &book.results;
    let about_rows = book.about.end().unwrap().0 + 1;
    for award in &results.awards {
        let title = &covenant.scheme.awards[award.award].title;
        let c = column(sheet, title);
        // The quota depends on the bloc's size: it is on the about sheet, not in the header.
        let key = format!("Số lượng tối đa: {title}");
        let r = (0..about_rows)
            .find(|&r| text(&book.about, r, 0) == key)
            .unwrap_or_else(|| panic!("no row {key:?}"));
        assert_eq!(number(&book.about, r, 1), award.quota as f64);
        for (k, &u) in results.order.iter().enumerate() {
            let want = match &award.statuses[u] {
                Nomination::Proposed => "Đề nghị",
                Nomination::AwaitingVote => "Chờ biểu quyết",
                Nomination::TiedAtQuota => "Bằng điểm tại giới hạn",
                Nomination::Elected { .. } => "Đạt tỷ lệ phiếu, đề nghị",
                Nomination::NotElected { .. } => "Không đạt tỷ lệ phiếu",
                Nomination::OutvotedAtQuota { .. } => "Ít phiếu hơn, đã đủ chỉ tiêu",
                Nomination::TiedOnVotes { .. } => "Bằng phiếu, bỏ phiếu lại",
                Nomination::BeyondQuota => "Ngoài số lượng",
                Nomination::Ineligible(_) => "Không đủ điều kiện",
            };
            assert_eq!(text(sheet, FIRST_DATA_ROW + k as u32, c), want);
        }
    }
}

#[test]
fn an_empty_session_shows_ties_empty_cells_and_what_is_missing() {
    let covenant = common::covenant(common::SCHEME, &common::bloc(3, &common::targets(3)));
    let mut sheet = covenant.empty_sheet();
    // One unit with a failed condition, the others with nothing entered at all.
    common::enter(&covenant, &mut sheet, "u2", "DK1", "không");
    common::enter(&covenant, &mut sheet, "u2", "3a", "7,25");
    let (results, bytes) = compute(&covenant, Period::MidYear, &sheet);
    assert!(results.units.iter().any(|u| u.tied));
    let book = read(&bytes);
    check_results(&covenant, &results, &book);
    check_points(&covenant, &results, &book);
    let vetoes = column(&book.results, "Điều kiện không đạt");
    let u2 = results.order.iter().position(|&u| u == 1).unwrap();
    assert_eq!(
        text(&book.results, FIRST_DATA_ROW + u2 as u32, vetoes),
        "DK1"
    );
    let c = column(&book.points, "3a");
    assert_eq!(number(&book.points, FIRST_DATA_ROW + 1, c), 7.25);
    assert_eq!(cell(&book.points, FIRST_DATA_ROW, c), Data::Empty);
}

#[test]
fn a_generated_bloc_of_sixty_units_works() {
    let criteria = 40;
    let scheme = parse_scheme(&Source::from_text(
        "gen.ron",
        &synthetic::scheme_ron(criteria),
    ))
    .unwrap();
    let bloc = parse_bloc(&Source::from_text(
        "bloc.ron",
        &synthetic::bloc_ron(60, criteria),
    ))
    .unwrap();
    let covenant = Covenant::new(bloc, scheme).unwrap();
    let sheet = synthetic::full_sheet(&covenant);
    for period in Period::ALL {
        let (results, bytes) = compute(&covenant, period, &sheet);
        let book = read(&bytes);
        assert_eq!(book.results.end().unwrap().0, FIRST_DATA_ROW + 59);
        check_results(&covenant, &results, &book);
        check_points(&covenant, &results, &book);
    }
}

/// A sheet lists the cells whose bloc score differs from the unit's self-score, beside the
/// PDF's annex; a workbook without any has no such sheet.
#[test]
fn a_sheet_lists_the_scores_that_differ_from_the_self_scores() {
    use thidua::report::document::disputes::Dispute;
    use thidua::report::xlsx::{DISPUTES_SHEET, workbook_with};
    let covenant = sample();
    let (results, plain) = compute(&covenant, Period::MidYear, &covenant.empty_sheet());
    assert!(!read(&plain).names.iter().any(|n| n == DISPUTES_SHEET));
    let disputes = [Dispute {
        unit_id: "thanh-dong".into(),
        unit: "Thành Đông".into(),
        item: "I.1.4".into(),
        own: "HTXS".into(),
        bloc: "HTT".into(),
        reason: "Chưa có văn bản chứng minh HTXS".into(),
    }];
    let bytes = workbook_with(
        &covenant,
        &results,
        &edition(Period::MidYear, false),
        &disputes,
    )
    .unwrap();
    let mut xlsx: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).unwrap();
    let sheet = xlsx
        .worksheet_range(DISPUTES_SHEET)
        .expect("the disputes sheet");
    let row: Vec<String> = (0..6).map(|c| text(&sheet, FIRST_DATA_ROW, c)).collect();
    assert_eq!(
        row,
        [
            "thanh-dong",
            "Thành Đông",
            "I.1.4",
            "HTXS",
            "HTT",
            "Chưa có văn bản chứng minh HTXS"
        ]
    );
}
