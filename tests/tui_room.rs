//! The grid as a room reads it: points instead of the entries as typed (`p`); a unit with cells
//! still to enter shows a partial total and no rank or band until it is complete (`t` ranks
//! the partial totals too); `m` goes to the next cell to enter; an input method's burst
//! ("đ" sent as d, Backspace, đ) leaves every kind of scored cell as it was, and Backspace
//! never clears while navigating. Snapshots in both languages at 80×24 and 160×45.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use thidua::i18n::Lang;
use thidua::model::Period;
use thidua::store::records::Records;
use thidua::tui::app::{App, Column, Mode};
use thidua::tui::view::grid::cell_text;

mod screen;

use screen::{FixedTime, Sample, press, select, snapshot_sizes};

const SIZES: &[(u16, u16)] = &[(80, 24), (160, 45)];

/// The text of a grid cell.
fn cell(app: &App, unit: &str, item: &str) -> String {
    let u = app.covenant.unit_index(unit).unwrap();
    let i = app.covenant.layout.index_of(item).unwrap();
    cell_text(app, u, Column::Item(i)).0
}

/// The sample bloc at mid-year with only the units `scored` entered.
fn partly_scored(scored: &[&str], lang: Lang) -> (App, tempfile::TempDir) {
    scored_where(lang, |unit, _| scored.contains(&unit))
}

/// The sample bloc at mid-year with the cells `keep` keeps entered.
fn scored_where(lang: Lang, keep: impl Fn(&str, &str) -> bool) -> (App, tempfile::TempDir) {
    let covenant = thidua::store::load_covenant(std::path::Path::new("blocs/khoi-8.ron"))
        .unwrap()
        .covenant;
    let dir = tempfile::tempdir().unwrap();
    let mut records = Records::open(dir.path(), &covenant, Period::MidYear).unwrap();
    let changes =
        screen::sample_changes(&covenant, Period::MidYear, |unit, item| !keep(unit, item));
    if !changes.is_empty() {
        records.apply(&changes).unwrap();
    }
    let app = App::new(
        lang,
        covenant,
        Period::MidYear,
        2026,
        Box::new(FixedTime(records)),
    )
    .unwrap();
    (app, dir)
}

#[test]
fn the_cells_show_points_or_the_entries_as_typed() {
    let mut s = Sample::new(Period::MidYear, Lang::Vi);
    let app = &mut s.app;
    // No violations (a count of 0) is worth the item's 3 points; "yes" is met.
    assert_eq!(cell(app, "thanh-dong", "I.2.2"), "0");
    assert_eq!(cell(app, "thanh-dong", "I.2.4"), "Đạt");
    press(app, KeyCode::Char('p'));
    assert!(app.show_points);
    assert_eq!(cell(app, "thanh-dong", "I.2.2"), "3");
    let points = cell(app, "thanh-dong", "I.2.4");
    assert!(
        points.parse::<f64>().is_ok() || points.contains(','),
        "{points}"
    );
    assert!(screen::screen(app, 80, 24).contains("Các ô hiện điểm"));
    press(app, KeyCode::Char('p'));
    assert_eq!(cell(app, "thanh-dong", "I.2.2"), "0");
}

#[test]
fn a_unit_not_fully_scored_has_a_partial_total_and_no_rank_until_asked() {
    for lang in [Lang::Vi, Lang::En] {
        let (mut app, _dir) = partly_scored(&["hai-duong", "tu-minh"], lang);
        let shown = screen::screen(&app, 160, 45);
        let row = |name: &str| {
            shown
                .lines()
                .find(|l| l.starts_with(name))
                .unwrap_or_else(|| panic!("{name} in {shown}"))
                .to_string()
        };
        let partial = match lang {
            Lang::Vi => "tạm",
            Lang::En => "partial",
        };
        // The two complete units are ranked between themselves; the others are not ranked.
        let thanh_dong = row("Thành Đông");
        assert!(thanh_dong.contains(partial), "{thanh_dong}");
        assert!(thanh_dong.trim_end().ends_with("–    –"), "{thanh_dong}");
        let hai_duong = row("Hải Dương");
        assert!(!hai_duong.contains(partial), "{hai_duong}");
        assert!(!hai_duong.contains('–'), "{hai_duong}");
        let tu_minh = row("Tứ Minh");
        assert!(!tu_minh.contains('–'), "{tu_minh}");
        snapshot_sizes("grid-partial", &app, SIZES);
        // `t`: every unit ranked on its total as it stands, still marked partial.
        press(&mut app, KeyCode::Char('t'));
        let shown = screen::screen(&app, 160, 45);
        let line = shown.lines().find(|l| l.starts_with("Thành Đông")).unwrap();
        assert!(line.contains(partial) && !line.contains('–'), "{line}");
        // The ranking says the same.
        press(&mut app, KeyCode::Char('t'));
        press(&mut app, KeyCode::F(4));
        snapshot_sizes("ranking-partial", &app, SIZES);
    }
}

#[test]
fn a_partial_total_above_a_complete_one_is_listed_after_it_unranked() {
    // Thành Đông leads the sample; one cell short, it waits below Hải Dương, which is ranked 1.
    let (mut app, _dir) = scored_where(Lang::En, |unit, item| {
        unit == "hai-duong" || (unit == "thanh-dong" && item != "I.2.4")
    });
    press(&mut app, KeyCode::F(4));
    let shown = screen::screen(&app, 160, 45);
    let rows: Vec<&str> = shown.lines().skip(3).take(2).collect();
    assert!(rows[0].starts_with("1    Hải Dương"), "{shown}");
    assert!(rows[1].starts_with("–    Thành Đông"), "{shown}");
    // Ranked on partial totals, Thành Đông leads.
    press(&mut app, KeyCode::Char('t'));
    let shown = screen::screen(&app, 160, 45);
    let first = shown.lines().nth(3).unwrap();
    assert!(first.starts_with("1    Thành Đông"), "{shown}");
    assert_eq!(app.covenant.bloc.members[app.unit].id, "thanh-dong");
}

#[test]
fn points_mode_snapshots() {
    for lang in [Lang::Vi, Lang::En] {
        let mut s = Sample::new(Period::YearEnd, lang);
        press(&mut s.app, KeyCode::Char('p'));
        snapshot_sizes("grid-points", &s.app, SIZES);
    }
}

#[test]
fn m_goes_down_the_column_to_the_next_cell_to_enter() {
    let (mut app, _dir) = partly_scored(&["hai-duong", "tu-minh"], Lang::Vi);
    select(&mut app, "thanh-dong", "I.1.2");
    press(&mut app, KeyCode::Char('m'));
    // Hải Dương is scored: the next cell down the column is Lê Thanh Nghị's.
    assert_eq!(app.covenant.bloc.members[app.unit].id, "le-thanh-nghi");
    assert_eq!(
        app.column,
        Column::Item(app.covenant.layout.index_of("I.1.2").unwrap())
    );
    // From the last unit, on to the next column's first missing cell.
    select(&mut app, "tu-minh", "I.1.2");
    press(&mut app, KeyCode::Char('m'));
    assert_eq!(app.covenant.bloc.members[app.unit].id, "thanh-dong");
    assert_ne!(
        app.column,
        Column::Item(app.covenant.layout.index_of("I.1.2").unwrap())
    );
    // No self-scores: no difference to explain, and the status line says so.
    press(&mut app, KeyCode::Char('!'));
    assert!(screen::screen(&app, 80, 24).contains("Không còn chênh lệch"));
}

/// What a Telex user's "đ" sends: d, Backspace, đ.
fn telex_burst(app: &mut App) {
    press(app, KeyCode::Char('d'));
    press(app, KeyCode::Backspace);
    app.key(KeyEvent::new(KeyCode::Char('đ'), KeyModifiers::NONE));
}

#[test]
fn an_input_method_burst_on_a_scored_cell_changes_nothing() {
    let mut s = Sample::new(Period::MidYear, Lang::Vi);
    let before = s.journal().len();
    // A count, a level and a met / not-met cell, each scored.
    for item in ["I.2.2", "I.1.4", "I.2.4"] {
        let app = &mut s.app;
        select(app, "thanh-dong", item);
        let i = app.covenant.layout.index_of(item).unwrap();
        let value = app.cell(0, i).value;
        assert!(value.is_some(), "{item} is scored in the sample");
        telex_burst(app);
        assert_eq!(app.cell(0, i).value, value, "{item}");
        // A list opened by the letter closes without storing.
        if matches!(app.mode, Mode::Edit(_)) {
            press(app, KeyCode::Esc);
        }
        assert_eq!(app.mode, Mode::Navigate, "{item}");
        assert_eq!(app.cell(0, i).value, value, "{item}");
        // Backspace alone, while navigating, clears nothing either.
        press(app, KeyCode::Backspace);
        assert_eq!(app.cell(0, i).value, value, "{item}");
    }
    assert_eq!(s.journal().len(), before);
}
