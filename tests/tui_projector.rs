//! The projector view (`w`): a leaderboard in big digits with the banner and the cell being
//! scored; entries typed underneath show on it and move it; Space holds it while the room
//! discusses; `c` switches between a dark and a light wall; units not fully scored have no rank
//! on it; Esc or `w` leaves. Snapshots in both languages at 80×24 and 160×45.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;
use ratatui::style::Color;

use thidua::i18n::Lang;
use thidua::model::Period;
use thidua::tui::app::{App, Mode};
use thidua::tui::keymap::Context;
use thidua::tui::view;

mod screen;

use screen::{Sample, press, screen, select, snapshot_sizes, type_text};

const SIZES: &[(u16, u16)] = &[(80, 24), (160, 45)];

/// The rows of the leaderboard at 80×24 (one text line a unit), blank ones left out.
fn wall_rows(app: &App) -> Vec<String> {
    screen(app, 80, 24)
        .lines()
        .skip(2)
        .take(20)
        .filter(|l| !l.trim().is_empty())
        .map(str::to_string)
        .collect()
}

#[test]
fn the_wall_shows_the_ranking_in_big_digits_with_the_draft_banner() {
    for lang in [Lang::Vi, Lang::En] {
        let mut s = Sample::new(Period::MidYear, lang);
        let app = &mut s.app;
        press(app, KeyCode::Char('w'));
        assert_eq!(app.context(), Context::Projector);
        assert!(app.show_points, "the room reads points");
        let wall = screen(app, 160, 45);
        let banner = match lang {
            Lang::Vi => "DỰ THẢO",
            Lang::En => "DRAFT",
        };
        assert!(wall.lines().next().unwrap().ends_with(banner), "{wall}");
        // Big digits are drawn with block characters; names stay plain text.
        assert!(wall.contains('█'), "{wall}");
        assert!(wall.contains("▶ Thành Đông"), "{wall}");
        snapshot_sizes("wall", app, SIZES);
        // Esc leaves it; `w` brings it back.
        press(app, KeyCode::Esc);
        assert!(app.projector.is_none());
        press(app, KeyCode::Char('w'));
        assert!(app.projector.is_some());
    }
}

#[test]
fn an_entry_typed_under_the_wall_shows_on_it_and_moves_it_unless_paused() {
    let mut s = Sample::new(Period::MidYear, Lang::Vi);
    let app = &mut s.app;
    press(app, KeyCode::Char('w'));
    let before = wall_rows(app);
    assert!(before[0].starts_with("1     ▶ Thành Đông"), "{before:?}");
    // Space holds the wall while Tạm dừng; a lower score for the leader changes nothing there.
    press(app, KeyCode::Char(' '));
    select(app, "thanh-dong", "I.1.2");
    type_text(app, "1");
    assert!(screen(app, 80, 24).contains("Đang tạm dừng"));
    press(app, KeyCode::Enter);
    assert_eq!(app.mode, Mode::Navigate);
    let held = wall_rows(app);
    assert_eq!(held, before);
    // Following again: Thành Đông is no longer first.
    press(app, KeyCode::Char(' '));
    let after = wall_rows(app);
    assert_ne!(after, before);
    assert!(!after[0].contains("Thành Đông"), "{after:?}");
    // The entry being typed is on the line of the cell being scored.
    select(app, "hai-duong", "I.1.2");
    type_text(app, "97");
    let wall = screen(app, 80, 24);
    assert!(wall.contains("Hải Dương · I.1.2 → 97▏"), "{wall}");
    press(app, KeyCode::Esc);
    // Freezing: the banner says when.
    press(app, KeyCode::F(8));
    press(app, KeyCode::Enter);
    let wall = screen(app, 80, 24);
    assert!(
        wall.lines().next().unwrap().contains("ĐÃ CHỐT lúc"),
        "{wall}"
    );
}

#[test]
fn units_not_fully_scored_have_no_rank_on_the_wall() {
    let covenant = thidua::store::load_covenant(std::path::Path::new("blocs/khoi-8.ron"))
        .unwrap()
        .covenant;
    let dir = tempfile::tempdir().unwrap();
    let records =
        thidua::store::records::Records::open(dir.path(), &covenant, Period::YearEnd).unwrap();
    let mut app = App::new(
        Lang::Vi,
        covenant,
        Period::YearEnd,
        2026,
        Box::new(screen::FixedTime(records)),
    )
    .unwrap();
    press(&mut app, KeyCode::Char('w'));
    for row in wall_rows(&app) {
        assert!(row.starts_with('–'), "{row}");
        assert!(row.contains("tạm"), "{row}");
    }
}

/// The background of the wall's first unit row.
fn wall_background(app: &App) -> Color {
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal.draw(|f| view::draw(app, f)).unwrap();
    terminal.backend().buffer()[(40, 2)].bg
}

#[test]
fn the_wall_is_dark_or_light() {
    let mut s = Sample::new(Period::YearEnd, Lang::En);
    let app = &mut s.app;
    press(app, KeyCode::Char('w'));
    assert_eq!(wall_background(app), Color::Black);
    press(app, KeyCode::Char('c'));
    assert_eq!(wall_background(app), Color::White);
    snapshot_sizes("wall-light", app, SIZES);
}
