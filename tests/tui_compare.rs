//! The comparison screen of a year-end session (F5): the mid-year read from its own records,
//! the table and chart against the engine, the keys, a mid-year that is missing, held by
//! another copy or never scored; snapshots at 80×24 and 120×40 in both languages.

use std::path::Path;

use ratatui::crossterm::event::KeyCode;
use tempfile::TempDir;

use thidua::i18n::Lang;
use thidua::model::{Covenant, Period};
use thidua::score::compare::compare;
use thidua::store::load_covenant;
use thidua::store::records::{Records, session_dir};
use thidua::tui::app::{App, Screen};
use thidua::tui::compare::{Compare, MidYear};

mod screen;

use screen::{FixedTime, press, screen};

fn khoi_8() -> Covenant {
    load_covenant(Path::new("blocs/khoi-8.ron"))
        .expect("sample bloc")
        .covenant
}

/// Writes a sample scoresheet's rows into the session `dir`, leaving out the rows `skip`
/// refuses.
fn import(
    covenant: &Covenant,
    period: Period,
    dir: &Path,
    skip: impl Fn(&str, &str) -> bool,
) -> Records {
    let mut records = Records::open(dir, covenant, period).unwrap();
    let changes = screen::sample_changes(covenant, period, skip);
    if !changes.is_empty() {
        records.apply(&changes).unwrap();
    }
    records
}

struct Year {
    app: App,
    data: TempDir,
}

impl Year {
    fn mid_year_dir(&self) -> std::path::PathBuf {
        session_dir(self.data.path(), "khoi-8", 2026, Period::MidYear)
            .expect("a safe session folder")
    }
}

/// A year-end session with the sample year-end scores, its mid-year as `mid_year` leaves it
/// in the data folder, read as the program reads it when the session opens.
fn year_end(lang: Lang, mid_year: impl FnOnce(&Covenant, &Path)) -> Year {
    let covenant = khoi_8();
    let data = tempfile::tempdir().unwrap();
    let mid_dir =
        session_dir(data.path(), "khoi-8", 2026, Period::MidYear).expect("a safe session folder");
    mid_year(&covenant, &mid_dir);
    let end_dir =
        session_dir(data.path(), "khoi-8", 2026, Period::YearEnd).expect("a safe session folder");
    let records = import(&covenant, Period::YearEnd, &end_dir, |_, _| false);
    let mut app = App::new(
        lang,
        covenant.clone(),
        Period::YearEnd,
        2026,
        Box::new(FixedTime(records)),
    )
    .expect("the session opens");
    app.compare = Compare::read(&covenant, &mid_dir);
    Year { app, data }
}

fn sample_mid_year(c: &Covenant, dir: &Path) {
    drop(import(c, Period::MidYear, dir, |_, _| false));
}

fn squeeze(line: &str) -> String {
    line.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn line_of(shown: &str, unit: &str) -> String {
    shown
        .lines()
        .find(|l| l.starts_with(unit))
        .map(squeeze)
        .unwrap_or_else(|| panic!("{unit} not on the screen:\n{shown}"))
}

#[test]
fn f5_shows_both_periods_as_the_engine_computes_them() {
    let mut y = year_end(Lang::Vi, sample_mid_year);
    let app = &mut y.app;
    assert!(matches!(app.compare.mid_year, MidYear::Loaded(_)));
    press(app, KeyCode::F(5));
    assert_eq!(app.screen, Screen::Compare);
    let MidYear::Loaded(mid) = &app.compare.mid_year else {
        unreachable!()
    };
    let cmp = compare(&app.covenant, mid, app.results());
    let shown = screen(app, 120, 40);
    for row in &cmp.rows {
        let name = &app.covenant.bloc.members[row.unit].short;
        let line = line_of(&shown, name);
        let (m, e) = (
            row.mid_year.as_ref().unwrap(),
            row.year_end.as_ref().unwrap(),
        );
        let change = row.change.unwrap();
        // Each total beside its share of the period's maximum (85 at mid-year, 100 at year-end).
        let share =
            |s: &thidua::score::compare::Standing| format!("· {}%", Lang::Vi.dec(s.share.round()));
        let expected = format!(
            "{name} {} {} {} {} {} {} {} {} {} {}",
            Lang::Vi.dec2(m.total),
            share(m),
            app.covenant.scheme.band_label(Period::MidYear, m.band),
            m.rank,
            Lang::Vi.dec2(e.total),
            share(e),
            app.covenant.scheme.band_label(Period::YearEnd, e.band),
            e.rank,
            thidua::i18n::compare::signed(Lang::Vi, change.total),
            thidua::i18n::compare::places(change.places),
        );
        assert_eq!(line, expected);
    }
    // The sample: Tân Hưng moves up past Nam Đồng.
    assert_eq!(
        line_of(&shown, "Tân Hưng"),
        "Tân Hưng 59,99 · 71% Khá 7 76,68 · 77% Khá 6 +16,69 ↑1"
    );
    assert!(
        shown.contains("Sơ kết 6 tháng (tối đa 85)") && shown.contains("Tổng kết năm (tối đa 100)"),
        "the chart's legend names both periods and their scale:\n{shown}"
    );
    assert!(shown.contains("F5 So sánh hai kỳ"), "{shown}");
}

#[test]
fn the_keys_move_in_the_year_end_order_and_open_the_card() {
    let mut y = year_end(Lang::Vi, sample_mid_year);
    let app = &mut y.app;
    press(app, KeyCode::F(5));
    assert_eq!(app.unit, app.results().order[0]);
    press(app, KeyCode::Down);
    press(app, KeyCode::Down);
    assert_eq!(app.unit, app.results().order[2]);
    press(app, KeyCode::Up);
    assert_eq!(app.unit, app.results().order[1]);
    press(app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Card);
    assert_eq!(app.unit, app.results().order[1]);
    press(app, KeyCode::F(5));
    press(app, KeyCode::F(4));
    assert_eq!(app.screen, Screen::Ranking);
    assert_eq!(app.ranking_row, 1, "the ranking keeps the unit chosen");
    // The help of the screen lists its key.
    press(app, KeyCode::F(5));
    press(app, KeyCode::Char('?'));
    let shown = screen(app, 120, 40);
    assert!(shown.contains("Phím tắt · So sánh hai kỳ"), "{shown}");
    assert!(
        shown
            .lines()
            .any(|l| l.contains("│ F5 ") && l.contains("so sánh hai kỳ")),
        "{shown}"
    );
}

#[test]
fn at_mid_year_the_key_says_there_is_no_earlier_period() {
    let covenant = khoi_8();
    let dir = tempfile::tempdir().unwrap();
    for lang in [Lang::Vi, Lang::En] {
        let records = Records::open(
            &dir.path().join(format!("{lang:?}")),
            &covenant,
            Period::MidYear,
        )
        .unwrap();
        let mut app = App::new(
            lang,
            covenant.clone(),
            Period::MidYear,
            2026,
            Box::new(FixedTime(records)),
        )
        .expect("the session opens");
        press(&mut app, KeyCode::F(5));
        assert_eq!(app.screen, Screen::Grid);
        let shown = screen(&app, 80, 24);
        let expected = match lang {
            Lang::Vi => {
                "Sơ kết 6 tháng là kỳ đầu năm, chưa có kỳ trước để so sánh (có ở tổng kết năm)"
            }
            Lang::En => "the first of the year: no earlier period to compare with",
        };
        assert!(shown.contains(expected), "{shown}");
        assert!(!shown.contains(" F5 "), "no tab at mid-year:\n{shown}");
    }
}

#[test]
fn opening_a_year_end_session_reads_its_mid_year() {
    let covenant = khoi_8();
    let data = tempfile::tempdir().unwrap();
    let dir = |p| session_dir(data.path(), "khoi-8", 2026, p).expect("a safe session folder");
    drop(import(
        &covenant,
        Period::MidYear,
        &dir(Period::MidYear),
        |_, _| false,
    ));
    let target = |period| thidua::tui::SessionTarget {
        bloc_file: "blocs/khoi-8.ron".into(),
        period,
        year: Some(2026),
        data: Some(data.path().to_path_buf()),
    };
    let (app, _) = thidua::tui::open_session(Lang::Vi, &target(Period::YearEnd)).unwrap();
    let MidYear::Loaded(mid) = &app.compare.mid_year else {
        panic!("{:?}", app.compare.mid_year)
    };
    assert_eq!((mid.period, mid.entered), (Period::MidYear, 336));
    // Read and let go: the mid-year session opens while the year-end one is open.
    let (mid_app, _) = thidua::tui::open_session(Lang::Vi, &target(Period::MidYear)).unwrap();
    assert!(matches!(mid_app.compare.mid_year, MidYear::NotRead));
    drop(mid_app);
    drop(app);
    // Another bloc year without a mid-year: said, and its folder not made.
    let mut other = target(Period::YearEnd);
    other.year = Some(2027);
    let (app, _) = thidua::tui::open_session(Lang::Vi, &other).unwrap();
    assert!(matches!(app.compare.mid_year, MidYear::Missing(_)));
    assert!(
        !session_dir(data.path(), "khoi-8", 2027, Period::MidYear)
            .expect("a safe session folder")
            .exists()
    );
}

#[test]
fn a_missing_mid_year_is_said_and_not_created() {
    let mut y = year_end(Lang::Vi, |_, _| {});
    press(&mut y.app, KeyCode::F(5));
    assert_eq!(y.app.screen, Screen::Compare);
    let shown = screen(&y.app, 80, 24);
    assert!(
        shown.contains("Chưa có phiên sơ kết 6 tháng năm 2026"),
        "{shown}"
    );
    assert!(!y.mid_year_dir().exists());
}

#[test]
fn a_mid_year_held_by_another_copy_is_read_as_it_stands() {
    // Another copy has the mid-year open: reading it takes no lock, so the year-end screen
    // compares with it all the same.
    let covenant = khoi_8();
    let holder: std::cell::RefCell<Option<Records>> = Default::default();
    let mut y = year_end(Lang::En, |c, dir| {
        sample_mid_year(c, dir);
        *holder.borrow_mut() = Some(Records::open(dir, &covenant, Period::MidYear).unwrap());
    });
    assert!(matches!(y.app.compare.mid_year, MidYear::Loaded(_)));
    press(&mut y.app, KeyCode::F(5));
    let shown = screen(&y.app, 80, 24);
    assert!(shown.contains("+16.69"), "{shown}");
    drop(holder);
}

#[test]
fn a_mid_year_never_scored_says_so_and_shows_no_zeros() {
    let y = year_end(Lang::Vi, |c, dir| {
        drop(Records::open(dir, c, Period::MidYear).unwrap())
    });
    let mut app = y.app;
    press(&mut app, KeyCode::F(5));
    for (w, h) in [(80, 24), (120, 40)] {
        let shown = screen(&app, w, h);
        assert!(
            shown.contains("Sơ kết 6 tháng năm 2026 chưa chấm điểm nào"),
            "{shown}"
        );
        for m in &app.covenant.bloc.members {
            let line = line_of(&shown, &m.short);
            assert!(line.contains("Chưa chấm"), "{line}");
            assert!(!line.contains("0,00"), "{line}");
        }
    }
}

// Snapshots.

fn snapshot(name: &str, app: &App) {
    let lang = match app.lang {
        Lang::Vi => "vi",
        Lang::En => "en",
    };
    for (w, h) in [(80, 24), (120, 40)] {
        insta::assert_snapshot!(format!("{name}-{lang}-{w}x{h}"), screen(app, w, h));
    }
}

#[test]
fn snapshots_of_the_comparison_screen() {
    for lang in [Lang::Vi, Lang::En] {
        let mut y = year_end(lang, sample_mid_year);
        press(&mut y.app, KeyCode::F(5));
        for _ in 0..5 {
            press(&mut y.app, KeyCode::Down);
        }
        snapshot("compare", &y.app);
    }
    // Nam Đồng not scored at mid-year, and Thành Đông's I.1.4 left to enter.
    let mut y = year_end(Lang::Vi, |c, dir| {
        drop(import(c, Period::MidYear, dir, |unit, item| {
            unit == "nam-dong" || (unit == "thanh-dong" && item == "I.1.4")
        }))
    });
    press(&mut y.app, KeyCode::F(5));
    snapshot("compare-partial", &y.app);
    let shown = screen(&y.app, 80, 24);
    assert!(line_of(&shown, "Nam Đồng").contains("Chưa chấm"), "{shown}");
    assert!(line_of(&shown, "Thành Đông").contains('*'), "{shown}");
    assert!(shown.contains("* chưa chấm đủ các mục của kỳ"), "{shown}");
}

#[test]
fn a_bloc_taller_than_the_window_keeps_the_chosen_unit_in_sight() {
    use thidua::store::Source;
    use thidua::store::load::{parse_bloc, parse_scheme};
    use thidua::synthetic;
    let scheme = parse_scheme(&Source::from_text("gen.ron", &synthetic::scheme_ron(20))).unwrap();
    let bloc = parse_bloc(&Source::from_text("b.ron", &synthetic::bloc_ron(11, 20))).unwrap();
    let covenant = Covenant::new(bloc, scheme).unwrap();
    let sheet = synthetic::full_sheet(&covenant);
    let data = tempfile::tempdir().unwrap();
    let dir = |p| session_dir(data.path(), "gen", 2026, p).expect("a safe session folder");
    for period in Period::ALL {
        let mut records = Records::open(&dir(period), &covenant, period).unwrap();
        records
            .apply(&synthetic::entries(&covenant, &sheet, period))
            .unwrap();
    }
    let records = Records::open(&dir(Period::YearEnd), &covenant, Period::YearEnd).unwrap();
    let mut app = App::new(
        Lang::Vi,
        covenant.clone(),
        Period::YearEnd,
        2026,
        Box::new(FixedTime(records)),
    )
    .expect("the session opens");
    app.compare = Compare::read(&covenant, &dir(Period::MidYear));
    press(&mut app, KeyCode::F(5));
    let shown_with = |app: &App, w, h, unit: usize| {
        let name = format!("{} ", app.covenant.bloc.members[unit].short);
        screen(app, w, h)
            .lines()
            .filter(|l| l.starts_with(&name))
            .count()
    };
    // Everyone in the table and in the chart when there is room.
    for u in 0..11 {
        assert_eq!(shown_with(&app, 120, 40, u), 2, "unit {u}");
    }
    // At 80×24 the chart shows what fits, always with the chosen unit.
    for _ in 0..10 {
        press(&mut app, KeyCode::Down);
    }
    let last = *app.results().order.last().unwrap();
    assert_eq!(app.unit, last);
    assert_eq!(
        shown_with(&app, 80, 24, last),
        2,
        "{}",
        screen(&app, 80, 24)
    );
    let first = app.results().order[0];
    assert_eq!(
        shown_with(&app, 80, 24, first),
        1,
        "{}",
        screen(&app, 80, 24)
    );
    // A larger window shows them all again.
    for u in 0..11 {
        assert_eq!(shown_with(&app, 120, 40, u), 2, "unit {u}");
    }
    for _ in 0..10 {
        press(&mut app, KeyCode::Up);
    }
    assert_eq!(
        shown_with(&app, 80, 24, first),
        2,
        "{}",
        screen(&app, 80, 24)
    );
}
