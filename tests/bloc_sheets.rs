//! A bloc kept in a workbook (members, officers, targets as units × criteria, what does not
//! apply), read back as the same bloc and refused at the cell of every mistake; and a bloc set
//! up from spreadsheets alone, scored, and rolled over to the next year with last year's files
//! left as they were.

#[path = "support/xlsx_edit.rs"]
mod xlsx_edit;

mod common;

use std::path::Path;
use std::process::Output;

use thidua::model::{Bloc, Covenant, Period, Scheme};
use thidua::setup::{bloc_book, bloc_read};
use thidua::store::load::{parse_bloc, parse_scheme};
use thidua::store::{Source, load_covenant};

use common::{text, thidua_in};
use xlsx_edit::edit;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn sample() -> (Bloc, Scheme) {
    let covenant = load_covenant(&root().join("blocs/khoi-8.ron"))
        .unwrap()
        .covenant;
    (covenant.bloc, covenant.scheme)
}

fn read(bytes: &[u8], scheme: &Scheme) -> Result<Bloc, Vec<String>> {
    bloc_read::read(bytes, |_| Some(scheme.clone()))
        .map(|(bloc, _)| bloc)
        .map_err(|p| p.iter().map(|p| p.text(thidua::i18n::Lang::En)).collect())
}

#[test]
fn the_sample_bloc_comes_back_the_same_from_its_workbook() {
    let (bloc, scheme) = sample();
    let book = bloc_book::workbook(&bloc, &scheme).unwrap();
    assert_eq!(read(&book, &scheme).unwrap(), bloc);
}

/// The row of a unit in "Chỉ tiêu" (below two heading rows) and the column of a criterion.
fn target_cell(bloc: &Bloc, scheme: &Scheme, unit: &str, code: &str) -> (u32, u16) {
    let row = bloc.members.iter().position(|m| m.id == unit).unwrap() as u32 + 2;
    let criteria = bloc_book::target_criteria(scheme);
    let col = criteria.iter().position(|(c, _)| c == code).unwrap() as u16 + 2;
    (row, col)
}

#[test]
fn a_target_cell_may_say_the_criterion_does_not_apply() {
    let (bloc, scheme) = sample();
    let book = bloc_book::workbook(&bloc, &scheme).unwrap();
    let (row, col) = target_cell(&bloc, &scheme, "tan-hung", "II.4");
    let edited = edit(&book, &[("Chỉ tiêu", row, col, "KAD")]);
    let got = read(&edited, &scheme).unwrap();
    assert_eq!(got.not_applicable("tan-hung"), ["II.4".to_string()]);
    assert_eq!(got.target("tan-hung", "II.4"), None);
    let covenant = Covenant::new(got, scheme).unwrap();
    let u = covenant.unit_index("tan-hung").unwrap();
    let i = covenant.layout.index_of("II.4").unwrap();
    assert!(!covenant.applies(u, i));
}

#[test]
fn every_mistake_in_a_blocs_workbook_is_refused_at_its_cell() {
    let (bloc, scheme) = sample();
    let book = bloc_book::workbook(&bloc, &scheme).unwrap();
    let (row, col) = target_cell(&bloc, &scheme, "viet-hoa", "I.1.2");
    let cell = |row: u32, col: u16| thidua::store::workbook::a1(row, col);
    let edited = edit(
        &book,
        &[
            ("Chỉ tiêu", row, col, "chín mươi"),
            ("Thành viên", 3, 2, ""),
            ("Thông tin khối", 3, 1, "hai nghìn"),
        ],
    );
    let got = read(&edited, &scheme).unwrap_err();
    assert_eq!(
        got,
        [
            "'Thông tin khối'!B4: \"hai nghìn\" is not a whole number from 1".to_string(),
            "'Thành viên'!C4: \"Tên ngắn\" must be filled in".to_string(),
            format!(
                "'Chỉ tiêu'!{}: \"chín mươi\" is not a number",
                cell(row, col)
            ),
        ]
    );
    // Once the cells read, the bloc's checks are located at their cells too.
    let (row, col) = target_cell(&bloc, &scheme, "viet-hoa", "I.1.2");
    let edited = edit(
        &book,
        &[
            ("Chỉ tiêu", row, col, "0"),
            ("Thông tin khối", 8, 1, "phuong-khac"),
        ],
    );
    let got = read(&edited, &scheme).unwrap_err();
    assert_eq!(
        got,
        [
            "'Thông tin khối'!B9: the head \"phuong-khac\" is not a member".to_string(),
            format!(
                "'Chỉ tiêu'!{}: a covenant target must be above zero (found 0)",
                cell(row, col)
            ),
        ]
    );
}

/// Copies the sample's scheme into a fresh folder, as a newcomer would have nothing else.
fn folder() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

#[test]
fn a_bloc_set_up_from_spreadsheets_alone_is_scored_and_rolled_over_to_the_next_year() {
    let dir = folder();
    let at = dir.path();
    let ok = |out: Output| {
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}{}",
            text(&out.stdout),
            text(&out.stderr)
        );
        text(&out.stdout)
    };
    // The scheme, then a blank bloc for it.
    ok(thidua_in(at, &["template-scheme"]));
    ok(thidua_in(at, &["import-scheme", "thang-diem.xlsx"]));
    ok(thidua_in(
        at,
        &[
            "template-bloc",
            "--scheme",
            "khoi-phuong-2026",
            "--year",
            "2026",
        ],
    ));
    // The bloc filled in as the sample's, the way a clerk would type it.
    let (sample, scheme) = sample();
    let filled = bloc_book::workbook(&sample, &scheme).unwrap();
    std::fs::write(at.join("khoi-8.xlsx"), &filled).unwrap();
    let said = ok(thidua_in(at, &["import-bloc", "khoi-8.xlsx"]));
    assert!(
        said.contains("blocs/khoi-8.ron: năm 2026, 8 đơn vị"),
        "{said}"
    );
    let written = std::fs::read_to_string(at.join("blocs/khoi-8.ron")).unwrap();
    assert_eq!(
        parse_bloc(&Source::from_text("b.ron", &written)).unwrap(),
        sample
    );
    // Scored, with the year-end election recorded.
    let csv = root().join("tests/data/khoi-8-year-end.csv");
    ok(thidua_in(
        at,
        &[
            "import",
            "khoi-8",
            "--period",
            "year-end",
            csv.to_str().unwrap(),
        ],
    ));
    ok(thidua_in(
        at,
        &[
            "elect",
            "khoi-8",
            "--period",
            "year-end",
            "--head",
            "hai-duong",
            "--deputy",
            "le-thanh-nghi",
        ],
    ));
    let last_year = std::fs::read(at.join("blocs/khoi-8.ron")).unwrap();
    // The next year: the scheme copied under a new id, the members and the elected officers
    // carried over, the targets asked for.
    let said = ok(thidua_in(at, &["new-year", "khoi-8", "--year", "2027"]));
    assert!(said.contains("scoring/khoi-phuong-2027.ron"), "{said}");
    assert!(said.contains("Chỉ tiêu"), "{said}");
    let source = std::fs::read_to_string(at.join("scoring/khoi-phuong-2027.ron")).unwrap();
    let copy = parse_scheme(&Source::from_text("s.ron", &source)).unwrap();
    assert_eq!(copy.groups, scheme.groups);
    assert_eq!(copy.effective.to_string(), "2027-01-01");
    let book = std::fs::read(at.join("khoi-8-2027.xlsx")).unwrap();
    // A new head: its leader signs, and the clerk writes who that is.
    let blank = read(&book, &copy).unwrap_err();
    assert_eq!(
        blank,
        ["'Thông tin khối'!B11: \"Người ký\" must be filled in"],
        "{blank:#?}"
    );
    let signed = edit(
        &book,
        &[
            ("Thông tin khối", 10, 1, "Phạm Thị Hoa"),
            ("Thông tin khối", 11, 1, "Chủ tịch UBND phường Hải Dương"),
        ],
    );
    let no_targets = read(&signed, &copy).unwrap_err();
    assert!(
        no_targets.iter().all(|p| p.contains("no covenant target")),
        "{no_targets:#?}"
    );
    // The clerk types the new targets: this year's, ten more on every one.
    let mut changes: Vec<(String, u32, u16, String)> = sample
        .targets
        .iter()
        .flat_map(|(unit, targets)| {
            let (sample, scheme) = (&sample, &scheme);
            targets.iter().map(move |(code, value)| {
                let (row, col) = target_cell(sample, scheme, unit, code);
                let value = (value + rust_decimal::Decimal::TEN).to_string();
                ("Chỉ tiêu".to_string(), row, col, value)
            })
        })
        .collect();
    for (row, value) in [(10, "Phạm Thị Hoa"), (11, "Chủ tịch UBND phường Hải Dương")]
    {
        changes.push(("Thông tin khối".into(), row, 1, value.into()));
    }
    let changes: Vec<(&str, u32, u16, &str)> = changes
        .iter()
        .map(|(s, r, c, v)| (s.as_str(), *r, *c, v.as_str()))
        .collect();
    std::fs::write(at.join("khoi-8-2027.xlsx"), edit(&book, &changes)).unwrap();
    let said = ok(thidua_in(at, &["import-bloc", "khoi-8-2027.xlsx"]));
    assert!(said.contains("blocs/khoi-8-2027.ron: năm 2027"), "{said}");
    let next = load_covenant(&at.join("blocs/khoi-8-2027.ron"))
        .unwrap()
        .covenant
        .bloc;
    assert_eq!((next.id.as_str(), next.year), ("khoi-8", 2027));
    assert_eq!(
        (next.head.as_str(), next.deputy.as_deref()),
        ("hai-duong", Some("le-thanh-nghi"))
    );
    assert_eq!(next.members, sample.members);
    assert_eq!(next.signer.name, "Phạm Thị Hoa");
    assert_eq!(
        next.target("thanh-dong", "I.1.1"),
        sample
            .target("thanh-dong", "I.1.1")
            .map(|t| t + rust_decimal::Decimal::TEN)
    );
    // Last year's file is as it was, and both years are offered on the start screen, each
    // with its own covenant.
    assert_eq!(
        std::fs::read(at.join("blocs/khoi-8.ron")).unwrap(),
        last_year
    );
    let (choices, problems) = thidua::tui::start::discover(&at.join("blocs"), None);
    assert!(problems.is_empty());
    let offered: Vec<(String, i32, Period)> = choices
        .iter()
        .map(|c| {
            (
                c.bloc_file
                    .file_name()
                    .unwrap()
                    .to_string_lossy()
                    .into_owned(),
                c.year,
                c.period,
            )
        })
        .collect();
    assert_eq!(
        offered,
        [
            ("khoi-8-2027.ron".into(), 2027, Period::MidYear),
            ("khoi-8-2027.ron".into(), 2027, Period::YearEnd),
            ("khoi-8.ron".into(), 2026, Period::MidYear),
            ("khoi-8.ron".into(), 2026, Period::YearEnd),
        ]
    );
    // Last year's results still read.
    ok(thidua_in(
        at,
        &["results", "khoi-8", "--period", "year-end"],
    ));
}

#[test]
fn a_newcomer_without_a_bloc_is_shown_how_to_set_one_up_and_given_the_sample_workbook() {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use thidua::i18n::Lang;
    use thidua::tui::start::Start;
    let dir = folder();
    let blocs = dir.path().join("blocs");
    std::fs::create_dir(&blocs).unwrap();
    let (choices, problems) = thidua::tui::start::discover(&blocs, None);
    assert!(choices.is_empty() && problems.is_empty());
    for lang in [Lang::Vi, Lang::En] {
        let mut start = Start::new(lang, Vec::new(), Vec::new());
        start.folder = Some(dir.path().to_path_buf());
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
        terminal.draw(|f| start.draw(f)).unwrap();
        insta::assert_snapshot!(format!("newcomer-{lang:?}"), terminal.backend());
    }
    let mut start = Start::new(Lang::Vi, Vec::new(), Vec::new());
    start.folder = Some(dir.path().to_path_buf());
    start.key(KeyEvent::new(KeyCode::Char('n'), KeyModifiers::NONE));
    let book = std::fs::read(dir.path().join("thang-diem.xlsx")).unwrap();
    assert_eq!(
        thidua::setup::scheme_read::read(&book).unwrap().id,
        "khoi-phuong-2026"
    );
    // Pressed again, nothing is written over it.
    let before = std::fs::metadata(dir.path().join("thang-diem.xlsx"))
        .unwrap()
        .modified()
        .unwrap();
    start.key(KeyEvent::new(KeyCode::Char('n'), KeyModifiers::NONE));
    let said = start.notice.as_ref().unwrap().text(Lang::En);
    assert!(said.contains("exists already"), "{said}");
    let after = std::fs::metadata(dir.path().join("thang-diem.xlsx"))
        .unwrap()
        .modified()
        .unwrap();
    assert_eq!(before, after);
}
