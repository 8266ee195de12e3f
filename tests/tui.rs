//! The scoring screen through its update function and on ratatui's `TestBackend`: key
//! sequences for every scale kind, refusals, undo and redo, input-method bursts and pastes,
//! a disk that refuses writes; and snapshots of every screen in both languages and two sizes.

use std::path::Path;

use chrono::{DateTime, FixedOffset, TimeZone};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tempfile::TempDir;

use thidua::i18n::Lang;
use thidua::model::{Period, Sheet, Value, value};
use thidua::store::load_covenant;
use thidua::store::records::{Cell, Change, Entry, Records, StoreError};
use thidua::tui::app::{App, Column, Ledger, Mode, Screen, Section, Status};
use thidua::tui::keymap::Action;

mod screen;

use screen::{press, screen, select, snapshot, type_text};

/// The records, with the time of the last save fixed so that snapshots do not change, and a
/// switch that makes every write fail as a full disk would.
struct TestLedger {
    records: Records,
    disk_full: bool,
}

impl Ledger for TestLedger {
    fn records(&self) -> &Records {
        &self.records
    }
    fn records_mut(&mut self) -> &mut Records {
        &mut self.records
    }
    fn apply(&mut self, changes: &[Change]) -> Result<Vec<Entry>, StoreError> {
        if self.disk_full {
            return Err(StoreError::Io {
                path: self.records.dir().join("journal.jsonl"),
                error: std::io::Error::from_raw_os_error(28),
            });
        }
        self.records.apply(changes)
    }
    fn last_saved(&self) -> Option<DateTime<FixedOffset>> {
        self.records.last_saved().map(|_| {
            FixedOffset::east_opt(7 * 3600)
                .unwrap()
                .with_ymd_and_hms(2026, 6, 20, 9, 30, 0)
                .unwrap()
        })
    }
}

struct Session {
    app: App,
    dir: TempDir,
}

impl Session {
    fn journal(&self) -> Vec<serde_json::Value> {
        screen::journal(self.dir.path())
    }
}

/// The sample bloc, with the sample scoresheet of the period imported if `scores`.
fn session(period: Period, lang: Lang, scores: bool) -> Session {
    session_with(period, lang, scores, false)
}

fn session_with(period: Period, lang: Lang, scores: bool, disk_full: bool) -> Session {
    let covenant = load_covenant(Path::new("blocs/khoi-8.ron"))
        .expect("sample bloc")
        .covenant;
    let dir = tempfile::tempdir().unwrap();
    let mut records = Records::open(dir.path(), &covenant, period).unwrap();
    if scores {
        let changes = screen::sample_changes(&covenant, period, |_, _| false);
        records.apply(&changes).unwrap();
    }
    let ledger = TestLedger { records, disk_full };
    let app = App::new(lang, covenant, period, 2026, Box::new(ledger)).expect("the session opens");
    Session { app, dir }
}

fn ctrl(app: &mut App, c: char) {
    app.key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
}

fn value_of(app: &App, unit: &str, item: &str) -> Option<Value> {
    let u = app.covenant.unit_index(unit).unwrap();
    let i = app.covenant.layout.index_of(item).unwrap();
    app.cell(u, i).value
}

#[test]
fn every_scale_kind_is_entered_with_the_keys_that_fit_it() {
    let mut s = session(Period::YearEnd, Lang::Vi, false);
    let app = &mut s.app;
    // A level: its number picks and stores it at once.
    select(app, "thanh-dong", "I.1.4");
    press(app, KeyCode::Char('2'));
    assert_eq!(
        value_of(app, "thanh-dong", "I.1.4"),
        Some(Value::Level("HTT".into()))
    );
    assert_eq!(
        app.covenant.bloc.members[app.unit].id, "hai-duong",
        "moves to the next unit"
    );
    // A level chosen with the arrows.
    press(app, KeyCode::Enter);
    press(app, KeyCode::Down);
    press(app, KeyCode::Down);
    press(app, KeyCode::Enter);
    assert_eq!(
        value_of(app, "hai-duong", "I.1.4"),
        Some(Value::Level("HT".into()))
    );
    // Met / not met: a letter chooses, Enter stores; on the grid the letter opens the editor.
    select(app, "thanh-dong", "I.2.4");
    press(app, KeyCode::Char('k'));
    assert_eq!(value_of(app, "thanh-dong", "I.2.4"), None);
    press(app, KeyCode::Enter);
    assert_eq!(
        value_of(app, "thanh-dong", "I.2.4"),
        Some(Value::Met(false))
    );
    select(app, "thanh-dong", "I.2.4");
    press(app, KeyCode::Enter);
    press(app, KeyCode::Char('đ'));
    assert_eq!(
        value_of(app, "thanh-dong", "I.2.4"),
        Some(Value::Met(false))
    );
    press(app, KeyCode::Enter);
    assert_eq!(value_of(app, "thanh-dong", "I.2.4"), Some(Value::Met(true)));
    // A free score with a decimal comma.
    select(app, "thanh-dong", "I.2.3");
    type_text(app, "2,5");
    press(app, KeyCode::Enter);
    assert_eq!(
        value_of(app, "thanh-dong", "I.2.3"),
        Some(Value::Points("2.5".parse().unwrap()))
    );
    // A count.
    select(app, "thanh-dong", "I.2.2");
    type_text(app, "2");
    press(app, KeyCode::Enter);
    assert_eq!(value_of(app, "thanh-dong", "I.2.2"), Some(Value::Count(2)));
    // An achieved value with a dot.
    select(app, "thanh-dong", "I.1.1");
    type_text(app, "203.6");
    press(app, KeyCode::Enter);
    assert_eq!(
        value_of(app, "thanh-dong", "I.1.1"),
        Some(Value::Achieved("203.6".parse().unwrap()))
    );
    // A bonus once (yes / no), a penalty count, a veto condition.
    select(app, "thanh-dong", "T1");
    press(app, KeyCode::Char('y'));
    press(app, KeyCode::Enter);
    assert_eq!(value_of(app, "thanh-dong", "T1"), Some(Value::Met(true)));
    select(app, "thanh-dong", "TR2");
    type_text(app, "1");
    press(app, KeyCode::Enter);
    assert_eq!(value_of(app, "thanh-dong", "TR2"), Some(Value::Count(1)));
    select(app, "thanh-dong", "DK1");
    press(app, KeyCode::Enter);
    press(app, KeyCode::Char('n'));
    press(app, KeyCode::Enter);
    assert_eq!(value_of(app, "thanh-dong", "DK1"), Some(Value::Met(false)));
    // Every entry is a journal line, and the screen's results are the engine's.
    assert_eq!(s.journal().len(), 10);
    let fresh = thidua::score::compute(&s.app.covenant, Period::YearEnd, &sheet_of(&s.app))
        .expect("the engine computes");
    assert_eq!(*s.app.results(), fresh);
    let u = s.app.covenant.unit_index("thanh-dong").unwrap();
    assert_eq!(s.app.results().units[u].failed_vetoes.len(), 1);
    assert_eq!(s.app.results().units[u].bonus, "2".parse().unwrap());
    assert_eq!(s.app.results().units[u].penalty, "2".parse().unwrap());
}

fn sheet_of(app: &App) -> Sheet {
    let mut sheet = app.covenant.empty_sheet();
    for u in 0..app.covenant.bloc.members.len() {
        for i in 0..app.covenant.layout.items.len() {
            sheet.set(u, i, app.cell(u, i).value);
        }
    }
    sheet
}

#[test]
fn a_refused_value_keeps_the_editor_open_with_the_reason_and_stores_nothing() {
    let mut s = session(Period::MidYear, Lang::Vi, false);
    let app = &mut s.app;
    select(app, "thanh-dong", "I.2.3"); // free, 0..4 on a step of 0.5
    for (text, reason) in [
        ("7", "7 nằm ngoài khoảng 0..3"),
        ("1,3", "bước"),
        ("abc", "abc"),
    ] {
        type_text(app, text);
        press(app, KeyCode::Enter);
        let Mode::Edit(editor) = &app.mode else {
            panic!("the editor closed on {text}");
        };
        let error = editor.error.clone().unwrap().text(app.lang);
        assert!(error.contains(reason), "{text}: {error}");
        let shown = screen(app, 80, 24);
        assert!(
            shown.contains(&format!("✗ {error}")) || shown.contains("✗"),
            "{shown}"
        );
        // Clear the field for the next try.
        for _ in 0..text.chars().count() {
            press(app, KeyCode::Backspace);
        }
    }
    assert_eq!(value_of(app, "thanh-dong", "I.2.3"), None);
    press(app, KeyCode::Esc);
    assert_eq!(app.mode, Mode::Navigate);
    assert!(s.journal().is_empty());
}

#[test]
fn undo_and_redo_are_new_journal_entries() {
    let mut s = session(Period::MidYear, Lang::En, false);
    let app = &mut s.app;
    select(app, "thanh-dong", "I.1.4");
    press(app, KeyCode::Char('1'));
    select(app, "thanh-dong", "I.1.4");
    press(app, KeyCode::Char('3'));
    ctrl(app, 'z');
    assert_eq!(
        value_of(app, "thanh-dong", "I.1.4"),
        Some(Value::Level("HTXS".into()))
    );
    press(app, KeyCode::Char('u'));
    assert_eq!(value_of(app, "thanh-dong", "I.1.4"), None);
    ctrl(app, 'y');
    assert_eq!(
        value_of(app, "thanh-dong", "I.1.4"),
        Some(Value::Level("HTXS".into()))
    );
    ctrl(app, 'r');
    assert_eq!(
        value_of(app, "thanh-dong", "I.1.4"),
        Some(Value::Level("HT".into()))
    );
    ctrl(app, 'r');
    assert!(screen(app, 80, 24).contains("nothing to redo"));
    // Backspace does nothing while navigating; Delete asks, Esc keeps the value, Enter clears,
    // and clearing is undone like any change.
    select(app, "thanh-dong", "I.1.4");
    press(app, KeyCode::Backspace);
    press(app, KeyCode::Delete);
    press(app, KeyCode::Esc);
    assert_eq!(
        value_of(app, "thanh-dong", "I.1.4"),
        Some(Value::Level("HT".into()))
    );
    press(app, KeyCode::Delete);
    assert!(screen(app, 80, 24).contains("Ctrl-Z"));
    press(app, KeyCode::Enter);
    assert_eq!(value_of(app, "thanh-dong", "I.1.4"), None);
    ctrl(app, 'z');
    assert_eq!(
        value_of(app, "thanh-dong", "I.1.4"),
        Some(Value::Level("HT".into()))
    );
    let origins: Vec<String> = s
        .journal()
        .iter()
        .map(|e| e["origin"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        origins,
        [
            "entry", "entry", "undo", "undo", "redo", "redo", "entry", "undo"
        ]
    );
}

#[test]
fn notes_take_input_method_bursts_and_pasted_combining_text() {
    let mut s = session(Period::MidYear, Lang::Vi, false);
    let app = &mut s.app;
    select(app, "thanh-dong", "I.2.1");
    press(app, KeyCode::Char('n'));
    // Telex: "Tieen" becomes "Tiên" by a backspace and the new letter, in one burst.
    type_text(app, "Tiee");
    press(app, KeyCode::Backspace);
    press(app, KeyCode::Backspace);
    app.key(KeyEvent::new(KeyCode::Char('ê'), KeyModifiers::NONE));
    type_text(app, "n ");
    // A paste with combining marks (decomposed "Đạt") and a line break.
    app.paste("Đa\u{323}t\r\nxong");
    app.key(KeyEvent::new(KeyCode::Enter, KeyModifiers::ALT));
    type_text(app, "3");
    press(app, KeyCode::Enter);
    assert_eq!(app.mode, Mode::Navigate);
    let u = app.covenant.unit_index("thanh-dong").unwrap();
    let i = app.covenant.layout.index_of("I.2.1").unwrap();
    assert_eq!(app.cell(u, i).note, "Tiên Đạt\nxong\n3");
    let journal = s.journal();
    assert_eq!(journal[0]["new"]["note"], "Tiên Đạt\nxong\n3");
    // The grid marks the note.
    assert!(screen(&s.app, 80, 24).contains("·*"));
}

#[test]
fn a_disk_that_refuses_the_write_keeps_the_value_in_the_editor() {
    let mut s = session_with(Period::MidYear, Lang::Vi, false, true);
    let app = &mut s.app;
    select(app, "thanh-dong", "I.2.3");
    type_text(app, "2,5");
    press(app, KeyCode::Enter);
    let Mode::Edit(editor) = &app.mode else {
        panic!("the editor closed although nothing was stored");
    };
    let error = editor.error.clone().unwrap().text(app.lang);
    assert!(error.contains("không ghi được"), "{error}");
    assert!(app.save_failed);
    assert_eq!(value_of(app, "thanh-dong", "I.2.3"), None);
    let shown = screen(app, 80, 24);
    assert!(shown.contains("CHƯA LƯU ĐƯỢC"), "{shown}");
    assert!(shown.contains("> 2,5"), "{shown}");
    assert!(s.journal().is_empty());
}

#[test]
fn groups_fold_into_their_subtotal_and_unfold() {
    let mut s = session(Period::MidYear, Lang::Vi, true);
    let app = &mut s.app;
    let before = app.columns().len();
    select(app, "thanh-dong", "I.1.4");
    press(app, KeyCode::Char(' '));
    let group = app.covenant.layout.group_index("I").unwrap();
    assert_eq!(app.column, Column::Sum(Section::Group(group)));
    assert!(app.columns().len() < before);
    assert!(!app.columns().contains(&Column::Item(
        app.covenant.layout.index_of("I.1.4").unwrap()
    )));
    press(app, KeyCode::Enter);
    assert_eq!(app.columns().len(), before);
}

#[test]
fn the_help_lists_the_screens_keys_and_filters_them() {
    let mut s = session(Period::MidYear, Lang::En, false);
    let app = &mut s.app;
    press(app, KeyCode::F(1));
    let all = screen(app, 120, 40);
    for key in [
        "Ctrl-Z / u",
        "undo",
        "Enter",
        "note",
        "F3",
        "unit card",
        "quit",
    ] {
        assert!(all.contains(key), "{key} missing:\n{all}");
    }
    type_text(app, "undo");
    let filtered = screen(app, 120, 40);
    assert!(filtered.contains("Ctrl-Z / u"));
    assert!(!filtered.contains("unit card"), "{filtered}");
    press(app, KeyCode::Esc);
    assert_eq!(app.mode, Mode::Navigate);
}

#[test]
fn the_language_switches_at_run_time() {
    let mut s = session(Period::MidYear, Lang::Vi, false);
    assert!(screen(&s.app, 80, 24).contains("Sơ kết 6 tháng"));
    press(&mut s.app, KeyCode::Char('l'));
    let en = screen(&s.app, 80, 24);
    assert!(en.contains("Mid-year review"), "{en}");
    assert!(en.contains("entered 0/336"), "{en}");
}

#[test]
fn the_screen_shows_what_the_engine_computes() {
    let s = session(Period::YearEnd, Lang::Vi, true);
    let app = &s.app;
    let shown = screen(app, 160, 45);
    for (u, r) in app.results().units.iter().enumerate() {
        let name = &app.covenant.bloc.members[u].short;
        let line = shown
            .lines()
            .find(|l| l.starts_with(name.as_str()))
            .unwrap_or_else(|| panic!("{name} not in the grid"));
        assert!(line.contains(&Lang::Vi.dec2(r.total)), "{line}");
        assert!(
            line.contains(app.covenant.scheme.band_label(app.period, r.band)),
            "{line}"
        );
    }
}

#[test]
fn the_ranking_and_the_card_follow_the_selection() {
    let mut s = session(Period::YearEnd, Lang::Vi, true);
    let app = &mut s.app;
    app.update(Action::ShowRanking);
    assert_eq!(app.screen, Screen::Ranking);
    press(app, KeyCode::Down);
    let second = app.results().order[1];
    press(app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Card);
    assert_eq!(app.unit, second);
    press(app, KeyCode::Char(']'));
    assert_eq!(app.unit, (second + 1) % app.covenant.bloc.members.len());
}

#[test]
fn below_80_by_24_the_screen_says_it_is_too_small() {
    let s = session(Period::MidYear, Lang::Vi, false);
    let shown = screen(&s.app, 79, 24);
    assert!(shown.contains("Cửa sổ quá nhỏ (79×24)"), "{shown}");
}

// Snapshots: every screen at 80×24 and 120×40 in both languages.

#[test]
fn keys_typed_in_a_window_too_small_change_nothing() {
    let mut s = session(Period::MidYear, Lang::Vi, false);
    let app = &mut s.app;
    select(app, "thanh-dong", "I.1.4");
    // Drawn at 60×20: the screen only says it is too small.
    assert!(screen(app, 60, 20).contains("nhỏ"));
    let before = s.journal().len();
    let app = &mut s.app;
    for key in [
        KeyCode::Char('2'),
        KeyCode::Enter,
        KeyCode::Char('1'),
        KeyCode::Delete,
        KeyCode::Char('n'),
        KeyCode::Char('a'),
        KeyCode::F(8),
        KeyCode::Enter,
    ] {
        press(app, key);
    }
    app.paste("3");
    ctrl(app, 'z');
    assert_eq!(value_of(app, "thanh-dong", "I.1.4"), None);
    assert_eq!(app.mode, thidua::tui::app::Mode::Navigate);
    assert_eq!(s.journal().len(), before, "nothing written blind");
    // Help opens and closes; quitting works.
    let app = &mut s.app;
    press(app, KeyCode::Char('?'));
    assert!(matches!(app.mode, thidua::tui::app::Mode::Help(_)));
    press(app, KeyCode::Esc);
    assert_eq!(app.mode, thidua::tui::app::Mode::Navigate);
    // Back at 80×24 the same key enters the level.
    screen(app, 80, 24);
    press(app, KeyCode::Char('2'));
    assert_eq!(
        value_of(app, "thanh-dong", "I.1.4"),
        Some(Value::Level("HTT".into()))
    );
    press(app, KeyCode::Char('q'));
    assert!(app.quit);
}

#[test]
fn snapshots_of_every_screen() {
    for lang in [Lang::Vi, Lang::En] {
        let mut s = session(Period::YearEnd, lang, true);
        let app = &mut s.app;
        select(app, "hai-duong", "I.1.4");
        snapshot("grid", app);
        press(app, KeyCode::Enter);
        snapshot("grid-level-editor", app);
        press(app, KeyCode::Esc);
        select(app, "hai-duong", "I.2.3");
        type_text(app, "9");
        press(app, KeyCode::Enter);
        snapshot("grid-refused", app);
        press(app, KeyCode::Esc);
        press(app, KeyCode::Char('n'));
        type_text(app, "Theo biên bản kiểm tra");
        snapshot("grid-note", app);
        press(app, KeyCode::Esc);
        press(app, KeyCode::F(3));
        snapshot("card", app);
        press(app, KeyCode::F(4));
        snapshot("ranking", app);
        press(app, KeyCode::Char('?'));
        snapshot("help-ranking", app);
        press(app, KeyCode::Esc);
        press(app, KeyCode::F(2));
        press(app, KeyCode::F(1));
        snapshot("help-grid", app);
        insta::assert_snapshot!(format!("too-small-{lang:?}"), screen(app, 79, 23));
    }
    let mid = session(Period::MidYear, Lang::Vi, false);
    snapshot("grid-empty-mid-year", &mid.app);
}

#[test]
fn a_bloc_that_does_not_load_is_named_on_the_start_screen_in_either_language() {
    use thidua::tui::start::{Start, discover};
    let root = tempfile::tempdir().unwrap();
    let blocs = root.path().join("blocs");
    std::fs::create_dir_all(&blocs).unwrap();
    std::fs::create_dir_all(root.path().join("scoring")).unwrap();
    std::fs::copy("blocs/khoi-8.ron", blocs.join("khoi-8.ron")).unwrap();
    for scheme in std::fs::read_dir("scoring").unwrap() {
        let scheme = scheme.unwrap().path();
        std::fs::copy(
            &scheme,
            root.path()
                .join("scoring")
                .join(scheme.file_name().unwrap()),
        )
        .unwrap();
    }
    std::fs::write(blocs.join("hong.ron"), "Bloc(id: \"hong\",").unwrap();
    let (choices, problems) = discover(&blocs, Some(root.path()));
    assert_eq!(problems.len(), 1);
    assert!(!choices.is_empty(), "the good bloc is still offered");
    let mut start = Start::new(Lang::Vi, choices, problems);
    let drawn = |start: &Start| {
        let mut terminal = Terminal::new(TestBackend::new(100, 24)).unwrap();
        terminal.draw(|f| start.draw(f)).unwrap();
        format!("{:?}", terminal.backend())
    };
    let vi = drawn(&start);
    start.key(KeyEvent::new(KeyCode::Char('l'), KeyModifiers::NONE));
    assert_eq!(start.lang, Lang::En);
    let en = drawn(&start);
    for shown in [&vi, &en] {
        assert!(shown.contains("hong.ron"), "{shown}");
    }
    let problem_row = |shown: &str| {
        shown
            .lines()
            .find(|l| l.contains("hong.ron"))
            .unwrap()
            .to_string()
    };
    assert_ne!(
        problem_row(&vi),
        problem_row(&en),
        "l words the problem again"
    );
}

#[test]
fn snapshots_of_the_start_screen() {
    use thidua::tui::start::{Choice, Start};
    let choice = |year, period, modified| Choice {
        bloc_file: "blocs/khoi-8.ron".into(),
        bloc_name: "Khối thi đua số 8".into(),
        year,
        period,
        modified,
    };
    // 2026-06-20 02:30 UTC, 09:30 in Vietnam.
    let written = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_781_922_600);
    for lang in [Lang::Vi, Lang::En] {
        let mut start = Start::new(
            lang,
            vec![
                choice(2026, Period::MidYear, Some(written)),
                choice(2026, Period::YearEnd, None),
            ],
            vec![thidua::tui::status::Said::Plain(
                "blocs/hong.ron:3:5: thiếu dấu phẩy".into(),
            )],
        );
        start.selected = 1;
        for (w, h) in [(80, 24), (120, 40)] {
            let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
            terminal.draw(|f| start.draw(f)).unwrap();
            insta::assert_snapshot!(format!("start-{lang:?}-{w}x{h}"), terminal.backend());
        }
        start.key(KeyEvent::new(KeyCode::Up, KeyModifiers::NONE));
        start.key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
        assert_eq!(start.open.as_ref().map(|c| c.period), Some(Period::MidYear));
    }
}

#[test]
fn a_resumed_session_can_still_undo_what_was_entered_before() {
    let covenant = load_covenant(Path::new("blocs/khoi-8.ron"))
        .unwrap()
        .covenant;
    let dir = tempfile::tempdir().unwrap();
    let open = || {
        let records = Records::open(dir.path(), &covenant, Period::MidYear).unwrap();
        App::new(
            Lang::Vi,
            covenant.clone(),
            Period::MidYear,
            2026,
            Box::new(records),
        )
        .expect("the session opens")
    };
    let mut app = open();
    assert!(app.last_saved().is_none());
    select(&mut app, "thanh-dong", "I.1.4");
    press(&mut app, KeyCode::Char('1'));
    select(&mut app, "thanh-dong", "I.1.4");
    press(&mut app, KeyCode::Char('2'));
    ctrl(&mut app, 'z');
    drop(app);
    let mut app = open();
    assert!(
        app.last_saved().is_some(),
        "the header shows when the records were last saved"
    );
    assert_eq!(
        value_of(&app, "thanh-dong", "I.1.4"),
        Some(Value::Level("HTXS".into()))
    );
    ctrl(&mut app, 'y');
    assert_eq!(
        value_of(&app, "thanh-dong", "I.1.4"),
        Some(Value::Level("HTT".into()))
    );
    ctrl(&mut app, 'z');
    ctrl(&mut app, 'z');
    assert_eq!(value_of(&app, "thanh-dong", "I.1.4"), None);
}

#[test]
fn a_click_selects_the_cell_under_it() {
    let mut s = session(Period::MidYear, Lang::Vi, false);
    let shown = screen(&s.app, 80, 24);
    // Row of the fourth unit, column of I.1.4, as drawn.
    let line = shown
        .lines()
        .position(|l| l.starts_with("Việt Hòa"))
        .unwrap() as u16;
    let header = shown.lines().find(|l| l.contains("I.1.4")).unwrap();
    let x = header[..header.find("I.1.4").unwrap()].chars().count() as u16;
    s.app.click(x + 1, line);
    assert_eq!(s.app.covenant.bloc.members[s.app.unit].id, "viet-hoa");
    let i = s.app.covenant.layout.index_of("I.1.4").unwrap();
    assert_eq!(s.app.column, Column::Item(i));
}

/// Lets the signing worker finish, as the screen's loop does between keys.
fn wait_for_worker(app: &mut App) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
    while app.busy() {
        assert!(
            std::time::Instant::now() < deadline,
            "the worker never answered"
        );
        std::thread::sleep(std::time::Duration::from_millis(10));
        app.tick();
    }
}

/// Signing needs the sample's files and an encrypted key; the dialog's paths are masked in
/// snapshots, since they lie in a temporary folder.
fn with_signing(app: &mut App, root: &Path, key: Option<&Path>) {
    let loaded = load_covenant(Path::new("blocs/khoi-8.ron")).unwrap();
    app.signing = Some(thidua::tui::sign::Signing {
        loaded,
        key: key.map(Path::to_path_buf),
        out_dir: root.join("summaries"),
    });
}

/// A key encrypted with "mật khẩu" made in `root`, and signing set up with it.
fn with_key(app: &mut App, root: &Path) {
    let key = root.join("thidua.key");
    let passphrase = thidua::report::keys::Passphrase::new("mật khẩu".into()).unwrap();
    thidua::report::keys::generate(&key, &passphrase).unwrap();
    with_signing(app, root, Some(&key));
}

/// Snapshots with the temporary folder written as `[tmp]`, the dialog's right border kept in
/// its column.
fn masked_snapshot(name: &str, app: &App, root: &Path) {
    let root = root.display().to_string();
    for (w, h) in [(80, 24), (120, 40)] {
        let lang = match app.lang {
            Lang::Vi => "vi",
            Lang::En => "en",
        };
        let masked: String = screen(app, w, h)
            .lines()
            .map(|line| {
                let short = line.replace(&root, "[tmp]");
                let lost = line.chars().count() - short.chars().count();
                match short.rfind('│') {
                    Some(at) if lost > 0 && at > short.find('│').unwrap_or(at) => {
                        format!("{}{}{}", &short[..at], " ".repeat(lost), &short[at..])
                    }
                    _ => short,
                }
            })
            .map(|l| l + "\n")
            .collect();
        insta::assert_snapshot!(format!("{name}-{lang}-{w}x{h}"), masked);
    }
}

/// Writes each of the period's sections in the screen: F6, each chosen in turn, a line typed,
/// Esc to save it and go back to the list, Esc to close.
fn write_every_section(app: &mut App) {
    let count = app.covenant.scheme.sections.of(app.period).len();
    press(app, KeyCode::F(6));
    for n in 0..count {
        press(app, KeyCode::Enter);
        type_text(app, &format!("Nội dung mục thứ {}.", n + 1));
        press(app, KeyCode::Esc);
        press(app, KeyCode::Down);
    }
    press(app, KeyCode::Esc);
    assert_eq!(app.mode, Mode::Navigate);
}

#[test]
fn sections_are_written_in_a_wrapping_editor_that_takes_input_method_bursts() {
    for lang in [Lang::Vi, Lang::En] {
        let mut s = session(Period::MidYear, lang, true);
        let app = &mut s.app;
        press(app, KeyCode::F(6));
        assert!(matches!(app.mode, Mode::Writing(_)));
        snapshot("writing-list", app);
        press(app, KeyCode::Down);
        press(app, KeyCode::Enter);
        // Telex sends "đ" as d, Backspace, đ; the editor keeps what a careful typist typed.
        app.paste("Mo\u{302}\u{323}t so\u{302}\u{301} ");
        type_text(app, "d");
        press(app, KeyCode::Backspace);
        app.key(KeyEvent::new(KeyCode::Char('đ'), KeyModifiers::NONE));
        type_text(
            app,
            "ơn vị chưa hoàn thành chỉ tiêu thu ngân sách; công tác cải cách hành chính \
             còn chậm, hồ sơ trễ hạn còn nhiều.",
        );
        press(app, KeyCode::Enter);
        press(app, KeyCode::Enter);
        app.paste("- Nguyên nhân: cán bộ thay đổi;\r\n- thiếu kinh phí.");
        snapshot("writing-editor", app);
        // Up moves by the rows on screen, not by the lines of the text: three rows up from the
        // last line is inside the wrapped first paragraph.
        for _ in 0..3 {
            press(app, KeyCode::Up);
        }
        type_text(app, "⟨");
        ctrl(app, 's');
        let text = app.session().section("ton-tai-han-che").to_string();
        assert!(text.starts_with("Một số đơn vị chưa hoàn thành"), "{text}");
        assert!(
            text.ends_with("\n\n- Nguyên nhân: cán bộ thay đổi;\n- thiếu kinh phí."),
            "{text}"
        );
        let first = text.lines().next().unwrap();
        assert!(first.contains('⟨'), "{text}");
        assert!(matches!(&app.mode, Mode::Writing(w) if w.draft.is_some()));
        // Esc with nothing new leaves the editor, then the list; nothing more is written.
        let lines = s.journal().len();
        let app = &mut s.app;
        press(app, KeyCode::Esc);
        assert!(matches!(&app.mode, Mode::Writing(w) if w.draft.is_none()));
        press(app, KeyCode::Esc);
        assert_eq!(app.mode, Mode::Navigate);
        assert_eq!(s.journal().len(), lines);
        let last = s.journal().last().cloned().unwrap();
        assert_eq!(last["event"]["section"]["id"], "ton-tai-han-che");
    }
}

#[test]
fn next_years_head_and_deputy_are_chosen_in_the_sections_dialog_at_year_end() {
    for lang in [Lang::Vi, Lang::En] {
        let mut s = session(Period::YearEnd, lang, true);
        let app = &mut s.app;
        press(app, KeyCode::F(6));
        for _ in 0..3 {
            press(app, KeyCode::Down);
        }
        press(app, KeyCode::Enter);
        assert_eq!(app.context(), thidua::tui::keymap::Context::WritingElection);
        // Rotation: this year's deputy is offered as next year's head, the next member as
        // deputy; ← goes back through the members, round from the first to the last.
        press(app, KeyCode::Tab);
        for _ in 0..3 {
            press(app, KeyCode::Left);
        }
        press(app, KeyCode::Tab);
        type_text(app, "8");
        press(app, KeyCode::Tab);
        type_text(app, "8");
        press(app, KeyCode::Enter);
        // Two figures of three: refused, the form stays with what was typed.
        assert!(app.session().election().is_none());
        snapshot("writing-election", app);
        press(app, KeyCode::Tab);
        type_text(app, "x");
        press(app, KeyCode::Enter);
        assert!(app.session().election().is_none());
        press(app, KeyCode::Backspace);
        type_text(app, "7");
        press(app, KeyCode::Enter);
        let e = app.session().election().cloned().expect("recorded");
        assert_eq!(
            (e.head.as_str(), e.deputy.as_str()),
            ("hai-duong", "tu-minh")
        );
        let vote = e.vote.unwrap();
        assert_eq!((vote.present, vote.head, vote.deputy), (8, 8, 7));
        // Back in the list, which shows who was elected.
        assert!(matches!(&app.mode, Mode::Writing(w) if w.election.is_none()));
        assert!(screen(app, 80, 24).contains("Hải Dương / Tứ Minh"));
    }
}

#[test]
fn the_summary_is_signed_from_the_screen_with_a_masked_passphrase() {
    let mut s = session(Period::MidYear, Lang::Vi, true);
    let root = tempfile::tempdir().unwrap();
    let app = &mut s.app;
    with_key(app, root.path());
    // The meeting freezes the results first (F8, Enter): a final summary needs it.
    press(app, KeyCode::F(8));
    press(app, KeyCode::Enter);
    assert!(app.records().frozen().is_some());
    // The report's sections are written in the screen (F6): a final summary needs them.
    write_every_section(app);

    press(app, KeyCode::Char('s'));
    assert!(matches!(app.mode, Mode::Sign(_)));
    let shown = screen(app, 100, 30);
    assert!(
        shown.contains("Sẽ lập và ký báo cáo phiên bản 1"),
        "{shown}"
    );
    for (unit, total) in [("Thành Đông", "84,11"), ("Thạch Khôi", "51,07")] {
        assert!(shown.contains(unit) && shown.contains(total), "{shown}");
    }
    masked_snapshot("sign-confirm", app, root.path());

    // The number, date and recipients: today's date and the bloc's recipients to start with.
    press(app, KeyCode::Enter);
    assert_eq!(app.context(), thidua::tui::keymap::Context::SignDetails);
    type_text(app, "15/");
    press(app, KeyCode::Enter);
    let shown = screen(app, 100, 30);
    assert!(shown.contains("số văn bản \"15/\" không hợp lệ"), "{shown}");
    press(app, KeyCode::Backspace);
    press(app, KeyCode::Tab);
    for _ in 0..10 {
        press(app, KeyCode::Backspace);
    }
    type_text(app, "05/7/2026");
    press(app, KeyCode::Tab);
    ctrl(app, 'j');
    type_text(app, "- Thường trực Đảng ủy phường;");
    masked_snapshot("sign-details", app, root.path());
    press(app, KeyCode::Enter);
    type_text(app, "sai");
    let shown = screen(app, 100, 30);
    assert!(shown.contains("•••") && !shown.contains("sai"), "{shown}");
    press(app, KeyCode::Enter);
    // The worker runs; the screen says so and keys wait.
    assert!(app.busy());
    let shown = screen(app, 100, 30);
    assert!(
        shown.contains("Đang mở khóa và lập báo cáo phiên bản 1"),
        "{shown}"
    );
    press(app, KeyCode::Esc);
    assert!(
        matches!(app.mode, Mode::Sign(_)),
        "Esc does not drop a running issue"
    );
    wait_for_worker(app);
    let shown = screen(app, 100, 30);
    assert!(shown.contains("sai mật khẩu"), "{shown}");
    assert!(
        std::fs::read_dir(root.path().join("summaries")).map_or(true, |mut d| d.next().is_none()),
        "nothing issued on a wrong passphrase"
    );

    type_text(app, "mật khẩu");
    masked_snapshot("sign-passphrase", app, root.path());
    press(app, KeyCode::Enter);
    wait_for_worker(app);
    let shown = screen(app, 100, 30);
    assert!(shown.contains("Đã ký báo cáo, phiên bản 1"), "{shown}");
    masked_snapshot("sign-done", app, root.path());
    let public = thidua::report::keys::load_public_key(&root.path().join("thidua.pub")).unwrap();
    let record = root.path().join("summaries/khoi-8-2026-mid-year-v1.ron");
    let report = thidua::report::verify::check_file(&record, &public).unwrap();
    assert!(!report.failed(), "{report:?}");
    let signed =
        thidua::report::record::Record::from_ron(&std::fs::read_to_string(&record).unwrap())
            .unwrap();
    assert_eq!(signed.number.as_deref(), Some("15"));
    assert_eq!(
        signed.date,
        chrono::NaiveDate::from_ymd_opt(2026, 7, 5).unwrap()
    );
    assert_eq!(
        signed.recipients.last().map(String::as_str),
        Some("Thường trực Đảng ủy phường")
    );
    assert_eq!(
        signed.recipients.len(),
        app.covenant.bloc.recipients.len() + 1
    );
    press(app, KeyCode::Enter);
    assert_eq!(app.mode, Mode::Navigate);
}

#[test]
fn the_documents_details_are_asked_in_english_too() {
    let mut s = session(Period::MidYear, Lang::En, true);
    let root = tempfile::tempdir().unwrap();
    let app = &mut s.app;
    with_key(app, root.path());
    press(app, KeyCode::Char('s'));
    press(app, KeyCode::Enter);
    assert_eq!(app.context(), thidua::tui::keymap::Context::SignDetails);
    // A date that does not exist is refused before the passphrase, at its field.
    press(app, KeyCode::Tab);
    for _ in 0..10 {
        press(app, KeyCode::Backspace);
    }
    type_text(app, "31/02/2026");
    press(app, KeyCode::Enter);
    let shown = screen(app, 100, 30);
    assert!(
        shown.contains("date \"31/02/2026\" is not valid"),
        "{shown}"
    );
    assert_eq!(app.context(), thidua::tui::keymap::Context::SignDetails);
    masked_snapshot("sign-details", app, root.path());
}

#[test]
fn an_unfinished_session_signs_a_draft_and_a_missing_key_is_named() {
    let mut s = session(Period::YearEnd, Lang::En, false);
    let root = tempfile::tempdir().unwrap();
    let app = &mut s.app;
    with_signing(app, root.path(), Some(&root.path().join("none.key")));
    press(app, KeyCode::F(9));
    let shown = screen(app, 100, 30);
    assert!(
        shown.contains("Will write and sign a DRAFT, version 1"),
        "{shown}"
    );
    assert!(shown.contains("Thành Đông: I.1.1 not scored"), "{shown}");
    masked_snapshot("sign-draft", app, root.path());
    press(app, KeyCode::Enter);
    let shown = screen(app, 100, 30);
    assert!(shown.contains("no signing key at"), "{shown}");
    press(app, KeyCode::Esc);
    assert_eq!(app.mode, Mode::Navigate);
}

/// Self-scores for P. Thành Đông as a unit would send them.
fn with_self_scores(app: &mut App, scores: &[(&str, &str, &str)]) {
    let covenant = app.covenant.clone();
    let unit = covenant.unit_index("thanh-dong").unwrap();
    let cells: Vec<(usize, Cell)> = scores
        .iter()
        .map(|(item, text, evidence)| {
            let i = covenant.layout.index_of(item).unwrap();
            let value = value::parse(&covenant.layout.items[i], text).unwrap();
            (
                i,
                Cell {
                    value: Some(value),
                    note: (*evidence).into(),
                    ..Cell::default()
                },
            )
        })
        .collect();
    app.change(|s| s.import_self_scores(unit, &cells, "thanh-dong.xlsx"))
        .unwrap();
}

#[test]
fn a_score_differing_from_the_self_score_asks_for_its_reason() {
    let mut s = session(Period::MidYear, Lang::Vi, false);
    let app = &mut s.app;
    with_self_scores(
        app,
        &[
            ("I.1.4", "HTXS", "Báo cáo số 12/BC-UBND"),
            ("I.2.4", "yes", ""),
        ],
    );
    select(app, "thanh-dong", "I.1.4");
    // The self-score waits in brackets until the bloc scores the cell.
    let shown = screen(app, 120, 30);
    assert!(shown.contains("(HTXS)"), "{shown}");
    assert!(
        shown.contains("Tự chấm: HTXS · Minh chứng: Báo cáo số 12/BC-UBND"),
        "{shown}"
    );

    // Entering another level opens the reason box; Enter on an empty reason is refused.
    press(app, KeyCode::Enter);
    press(app, KeyCode::Char('2'));
    assert!(matches!(app.mode, Mode::Prompt(_)));
    assert_eq!(value_of(app, "thanh-dong", "I.1.4"), None);
    press(app, KeyCode::Enter);
    let shown = screen(app, 100, 30);
    assert!(shown.contains("cần ghi lý do"), "{shown}");
    assert_eq!(value_of(app, "thanh-dong", "I.1.4"), None);
    insta::assert_snapshot!("reason-vi-100x30", shown);
    type_text(app, "Chưa đủ minh chứng HTXS");
    press(app, KeyCode::Enter);
    assert_eq!(app.mode, Mode::Navigate);
    assert_eq!(
        value_of(app, "thanh-dong", "I.1.4"),
        Some(Value::Level("HTT".into()))
    );
    let u = app.covenant.unit_index("thanh-dong").unwrap();
    let i = app.covenant.layout.index_of("I.1.4").unwrap();
    assert_eq!(app.cell(u, i).reason, "Chưa đủ minh chứng HTXS");
    select(app, "thanh-dong", "I.1.4");
    let shown = screen(app, 120, 30);
    assert!(shown.contains("HTT≠HTXS"), "{shown}");
    assert!(shown.contains("Lý do: Chưa đủ minh chứng HTXS"), "{shown}");

    // The same value as the unit's own needs no reason.
    select(app, "thanh-dong", "I.2.4");
    press(app, KeyCode::Enter);
    press(app, KeyCode::Char('1'));
    assert_eq!(app.mode, Mode::Navigate);
    assert_eq!(value_of(app, "thanh-dong", "I.2.4"), Some(Value::Met(true)));
    let journal = s.journal();
    assert_eq!(
        journal.last().unwrap()["new"]["value"],
        serde_json::json!({ "Met": true })
    );
}

#[test]
fn self_scores_are_taken_for_a_cell_a_unit_or_every_unscored_cell() {
    let mut s = session(Period::MidYear, Lang::En, false);
    let app = &mut s.app;
    press(app, KeyCode::Char('a'));
    assert!(matches!(app.status, Some(Status::Info(_))));
    assert!(app.status_text().unwrap().contains("press i"));
    with_self_scores(
        app,
        &[
            ("I.1.4", "HTXS", ""),
            ("I.2.4", "yes", ""),
            ("I.3", "HTT", ""),
        ],
    );
    select(app, "thanh-dong", "I.1.4");
    press(app, KeyCode::Char('a'));
    assert!(matches!(app.mode, Mode::Prompt(_)));
    let shown = screen(app, 100, 30);
    assert!(shown.contains("The selected cell (I.1.4)"), "{shown}");
    assert!(shown.contains("(3 cells)"), "{shown}");
    insta::assert_snapshot!("accept-en-100x30", shown);
    // 1: the selected cell only.
    press(app, KeyCode::Char('1'));
    assert_eq!(
        value_of(app, "thanh-dong", "I.1.4"),
        Some(Value::Level("HTXS".into()))
    );
    assert_eq!(value_of(app, "thanh-dong", "I.2.4"), None);
    // The bloc scores I.3 otherwise (with its reason); taking the unit's cells leaves it.
    select(app, "thanh-dong", "I.3");
    press(app, KeyCode::Enter);
    press(app, KeyCode::Char('3'));
    type_text(app, "Late reports");
    press(app, KeyCode::Enter);
    // Entering moved the selection to the next unit: back to Thành Đông.
    select(app, "thanh-dong", "I.3");
    press(app, KeyCode::Char('a'));
    press(app, KeyCode::Char('2'));
    assert_eq!(value_of(app, "thanh-dong", "I.2.4"), Some(Value::Met(true)));
    assert_eq!(
        value_of(app, "thanh-dong", "I.3"),
        Some(Value::Level("HT".into()))
    );
    assert!(matches!(app.status, Some(Status::Info(_))));
    assert!(app.status_text().unwrap().contains("for 1 cell."));
    let origins: Vec<String> = s
        .journal()
        .iter()
        .filter_map(|e| e["origin"].as_str().map(str::to_string))
        .collect();
    assert_eq!(
        origins,
        ["import", "import", "import", "accept", "entry", "accept"]
    );
}

#[test]
fn frozen_results_refuse_edits_until_reopened_with_a_reason() {
    let mut s = session(Period::MidYear, Lang::Vi, true);
    let app = &mut s.app;
    press(app, KeyCode::F(8));
    let shown = screen(app, 80, 24);
    assert!(shown.contains("Chốt kết quả"), "{shown}");
    insta::assert_snapshot!("freeze-vi-80x24", shown);
    press(app, KeyCode::Enter);
    assert!(app.records().frozen().is_some());
    assert!(screen(app, 80, 24).contains("ĐÃ CHỐT"));

    // Typing over a cell, clearing it, a note: each refused with the way out.
    select(app, "thanh-dong", "I.3");
    let before = value_of(app, "thanh-dong", "I.3");
    press(app, KeyCode::Char('5'));
    assert_eq!(app.mode, Mode::Navigate);
    assert!(matches!(app.status, Some(Status::Error(_))));
    assert!(app.status_text().unwrap().contains("mở lại"));
    press(app, KeyCode::Delete);
    press(app, KeyCode::Char('n'));
    assert_eq!(app.mode, Mode::Navigate);
    assert_eq!(value_of(app, "thanh-dong", "I.3"), before);

    // Reopening needs a reason; an empty one is refused in the box.
    press(app, KeyCode::F(8));
    press(app, KeyCode::Enter);
    assert!(screen(app, 80, 24).contains("cần ghi lý do"));
    type_text(app, "Bổ sung minh chứng");
    // The time of freezing comes from the clock.
    let shown = screen(app, 80, 24);
    let at = app.records().frozen().unwrap().at;
    let shown = shown.replace(&at.format("%H:%M %d/%m/%Y").to_string(), "HH:MM DD/MM/YYYY");
    insta::assert_snapshot!("reopen-vi-80x24", shown);
    press(app, KeyCode::Enter);
    assert!(app.records().frozen().is_none());
    press(app, KeyCode::Char('n'));
    assert!(matches!(app.mode, Mode::Note(_)));
    let events: Vec<serde_json::Value> = s
        .journal()
        .into_iter()
        .filter(|e| e.get("event").is_some())
        .map(|e| e["event"].clone())
        .collect();
    assert_eq!(
        events,
        [
            serde_json::json!("freeze"),
            serde_json::json!({ "reopen": { "reason": "Bổ sung minh chứng" } })
        ]
    );
}

#[test]
fn the_ranking_shows_self_scored_totals_beside_the_blocs() {
    let covenant = load_covenant(Path::new("blocs/khoi-8.ron"))
        .unwrap()
        .covenant;
    let dir = tempfile::tempdir().unwrap();
    let mut records = Records::open(dir.path(), &covenant, Period::MidYear).unwrap();
    let i = covenant.layout.index_of("I.1.4").unwrap();
    let own = Cell {
        value: Some(Value::Level("HTXS".into())),
        ..Cell::default()
    };
    records
        .replace_self_scores(0, &[(i, own)], "thanh-dong.xlsx")
        .unwrap();
    let ledger = TestLedger {
        records,
        disk_full: false,
    };
    let mut app = App::new(Lang::En, covenant, Period::MidYear, 2026, Box::new(ledger))
        .expect("the session opens");
    press(&mut app, KeyCode::F(4));
    let shown = screen(&app, 100, 24);
    let row = |name: &str| {
        shown
            .lines()
            .find(|l| l.contains(name))
            .unwrap()
            .to_string()
    };
    assert!(shown.contains("Self-score"), "{shown}");
    // HTXS on I.1.4 is worth 4 points; a unit that sent nothing has no total, not zero.
    assert!(row("Thành Đông").contains("4.00"), "{shown}");
    assert!(row("Hải Dương").contains("—"), "{shown}");
}

#[test]
fn the_start_screen_offers_the_session_last_written_else_the_review_that_is_due() {
    use thidua::tui::start::{Choice, default_choice};
    let choice = |period, modified| Choice {
        bloc_file: "blocs/khoi-8.ron".into(),
        bloc_name: "Khối thi đua số 8".into(),
        year: 2026,
        period,
        modified,
    };
    let july = chrono::NaiveDate::from_ymd_opt(2026, 7, 5).unwrap();
    let december = chrono::NaiveDate::from_ymd_opt(2026, 12, 18).unwrap();
    let march = chrono::NaiveDate::from_ymd_opt(2027, 3, 1).unwrap();
    let none = [choice(Period::MidYear, None), choice(Period::YearEnd, None)];
    assert_eq!(default_choice(&none, july), 0);
    assert_eq!(default_choice(&none, december), 1);
    assert_eq!(default_choice(&none, march), 1);
    // A session written to wins whatever the date: the latest one.
    let earlier = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1);
    let later = earlier + std::time::Duration::from_secs(60);
    let written = [
        choice(Period::MidYear, Some(later)),
        choice(Period::YearEnd, Some(earlier)),
    ];
    assert_eq!(default_choice(&written, december), 0);
}
