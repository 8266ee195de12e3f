//! The minutes' form in the sections' dialog (F6): the attendance typed in, with a second
//! representative added under a unit and an input method's burst in a name; at year-end a
//! count record whose ballots do not match the units present, refused with the cursor on its
//! figures and nothing recorded; a person with a post and no name refused at its row; Esc
//! twice leaves an unsaved form; the form opens again with what is recorded; snapshots at
//! 80×24 and 120×40 in both languages.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use thidua::i18n::Lang;
use thidua::model::Period;
use thidua::tui::app::{App, Mode};
use thidua::tui::keymap::Context;
use thidua::tui::writing::minutes::Part;

mod screen;

use screen::{Sample, ctrl, press, screen, snapshot, type_text};

/// F6, then the list's last entry: the minutes.
fn open_minutes(app: &mut App) {
    press(app, KeyCode::F(6));
    for _ in 0..10 {
        press(app, KeyCode::Down);
    }
    press(app, KeyCode::Enter);
    assert_eq!(app.context(), Context::WritingMinutes);
}

/// The open form's focused row.
fn focused(app: &App) -> (Part, usize) {
    match &app.mode {
        Mode::Writing(w) => {
            let form = w.minutes.as_ref().expect("the minutes' form is open");
            (form.rows[form.row].part, form.field)
        }
        other => panic!("not in the sections' dialog: {other:?}"),
    }
}

/// The chair, the secretary, two representatives of the first unit and one of the second.
fn type_attendance(app: &mut App) {
    type_text(app, "Nguyễn Văn An");
    press(app, KeyCode::Tab);
    type_text(app, "Chủ tịch UBND phường Thành Đông");
    press(app, KeyCode::Enter);
    // Telex sends "Đ" as D, Backspace, Đ.
    type_text(app, "Trần Thị Bích D");
    press(app, KeyCode::Backspace);
    app.key(KeyEvent::new(KeyCode::Char('Đ'), KeyModifiers::SHIFT));
    type_text(app, "ào");
    press(app, KeyCode::Tab);
    type_text(app, "Chuyên viên Văn phòng");
    press(app, KeyCode::Tab);
    type_text(app, "Lê Văn Cường");
    press(app, KeyCode::Tab);
    type_text(app, "Phó Chủ tịch UBND phường");
    // A second representative of the same unit, on a row of its own.
    ctrl(app, 'j');
    type_text(app, "Phạm Thị Dung");
    press(app, KeyCode::Tab);
    type_text(app, "Công chức Văn hóa - Xã hội");
    press(app, KeyCode::Down);
    press(app, KeyCode::BackTab);
    type_text(app, "Hoàng Minh Đức");
}

#[test]
fn the_attendance_is_typed_in_the_sections_dialog_and_recorded_at_once() {
    for lang in [Lang::Vi, Lang::En] {
        let mut s = Sample::new(Period::MidYear, lang);
        let app = &mut s.app;
        open_minutes(app);
        type_attendance(app);
        assert!(app.session().records().attendance().is_none());
        snapshot("minutes-typed", app);
        ctrl(app, 's');
        let a = app
            .session()
            .records()
            .attendance()
            .cloned()
            .expect("recorded");
        assert_eq!(a.chair.name, "Nguyễn Văn An");
        assert_eq!(a.secretary.name, "Trần Thị Bích Đào");
        let units: Vec<(&str, Vec<&str>)> = a
            .units
            .iter()
            .map(|d| {
                let names = d.people.iter().map(|p| p.name.as_str()).collect();
                (d.unit.as_str(), names)
            })
            .collect();
        assert_eq!(
            units,
            [
                ("thanh-dong", vec!["Lê Văn Cường", "Phạm Thị Dung"]),
                ("hai-duong", vec!["Hoàng Minh Đức"]),
            ]
        );
        // One event in the journal; at mid-year there is no count record to fill.
        let events = s.journal();
        let last = &events.last().unwrap()["event"];
        assert_eq!(last["attendance"]["units"][1]["unit"], "hai-duong");
        let app = &mut s.app;
        assert!(!screen(app, 80, 24).contains("Phát ra"));
        // Esc closes the saved form; the list says the minutes will be issued.
        press(app, KeyCode::Esc);
        let list = screen(app, 80, 24);
        assert!(
            list.contains("2 đơn vị dự họp") || list.contains("2 units present"),
            "{list}"
        );
        // The form opens again with what is recorded.
        press(app, KeyCode::Enter);
        snapshot("minutes-recorded", app);
        let shown = screen(app, 120, 40);
        assert!(shown.contains("Phạm Thị Dung"), "{shown}");
        assert!(shown.contains("2/8") || shown.contains("2 of 8"), "{shown}");
    }
}

#[test]
fn a_count_record_that_does_not_match_the_units_present_is_refused_at_its_figures() {
    for lang in [Lang::Vi, Lang::En] {
        let mut s = Sample::new(Period::YearEnd, lang);
        let app = &mut s.app;
        open_minutes(app);
        type_attendance(app);
        // Down to the counting committee, past the rest of the units.
        while focused(app).0 != Part::Committee(0) {
            press(app, KeyCode::Down);
        }
        press(app, KeyCode::Home);
        while focused(app).1 != 0 {
            press(app, KeyCode::BackTab);
        }
        type_text(app, "Vũ Thị Hoa");
        press(app, KeyCode::Tab);
        type_text(app, "Tổ trưởng tổ kiểm phiếu");
        press(app, KeyCode::Tab);
        type_text(app, "Đỗ Văn Khánh");
        for _ in 0..4 {
            press(app, KeyCode::Tab);
        }
        assert_eq!(focused(app), (Part::Ballots(0), 0));
        // A letter in a figure is not taken.
        for figure in ["8", "8", "7", "1"] {
            type_text(app, &format!("x{figure}"));
            press(app, KeyCode::Tab);
        }
        let lines = s.journal().len();
        let app = &mut s.app;
        ctrl(app, 's');
        // Eight ballots for the two units present: nothing recorded, the cursor on the figures.
        assert_eq!(s.journal().len(), lines);
        let app = &mut s.app;
        assert!(app.session().records().attendance().is_none());
        assert_eq!(focused(app), (Part::Ballots(0), 0));
        snapshot("minutes-count-refused", app);
        for figure in ["2", "2", "2", "0"] {
            press(app, KeyCode::End);
            press(app, KeyCode::Backspace);
            type_text(app, figure);
            press(app, KeyCode::Tab);
        }
        ctrl(app, 's');
        let counts = app.session().records().counts();
        assert_eq!(counts.len(), 1, "{:?}", app.mode);
        let c = &counts[0];
        assert_eq!((c.issued, c.received, c.valid, c.invalid), (2, 2, 2, 0));
        assert_eq!(c.committee[0].name, "Vũ Thị Hoa");
        assert_eq!(c.committee.len(), 2);
        assert!(app.session().records().attendance().is_some());
    }
}

#[test]
fn a_post_without_a_name_is_refused_at_its_row_and_esc_twice_leaves_it_unsaved() {
    let mut s = Sample::new(Period::MidYear, Lang::Vi);
    let app = &mut s.app;
    open_minutes(app);
    type_text(app, "Nguyễn Văn An");
    for _ in 0..3 {
        press(app, KeyCode::Tab);
    }
    type_text(app, "Thư ký");
    press(app, KeyCode::Tab);
    type_text(app, "Lê Văn Cường");
    // The secretary's row has a post and no name.
    press(app, KeyCode::Esc);
    assert_eq!(focused(app), (Part::Secretary, 0));
    let shown = screen(app, 80, 24);
    assert!(shown.contains("chưa ghi họ tên"), "{shown}");
    assert!(shown.contains("Esc lần nữa"), "{shown}");
    assert!(app.session().records().attendance().is_none());
    // Esc again leaves without saving; the list is back and nothing is recorded.
    press(app, KeyCode::Esc);
    assert!(matches!(&app.mode, Mode::Writing(w) if w.minutes.is_none()));
    assert!(app.session().records().attendance().is_none());
    // Opened again: empty, as nothing was recorded.
    press(app, KeyCode::Enter);
    assert!(!screen(app, 80, 24).contains("Nguyễn Văn An"));
}
