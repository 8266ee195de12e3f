//! Self-scores imported from inside the scoring screen (`i`): a late form does not mean closing
//! the meeting's screen. The path is typed and completed with Tab; a folder brings every form
//! in it; a refused file stays listed with its reasons while the good ones are taken; frozen
//! results refuse the import as they refuse `thidua import-self`.

use std::path::Path;

use ratatui::crossterm::event::KeyCode;

use thidua::i18n::Lang;
use thidua::model::{Period, Value};
use thidua::store::load_covenant;
use thidua::store::records::Records;
use thidua::tui::app::{App, Mode, Status};

mod screen;

use screen::{press, screen, type_text};

fn open(lang: Lang, dir: &Path) -> App {
    let covenant = load_covenant(Path::new("blocs/khoi-8.ron"))
        .unwrap()
        .covenant;
    let records = Records::open(dir, &covenant, Period::MidYear).unwrap();
    App::new(lang, covenant, Period::MidYear, 2026, Box::new(records)).unwrap()
}

fn own(app: &App, unit: &str, item: &str) -> Option<Value> {
    let u = app.covenant.unit_index(unit).unwrap();
    let i = app.covenant.layout.index_of(item).unwrap();
    app.records().self_cell(u, i).value
}

fn dialog_text(app: &App) -> String {
    match &app.mode {
        Mode::ImportSelf(d) => d.field.text().to_string(),
        other => panic!("the dialog is not open: {other:?}"),
    }
}

#[test]
fn a_folder_of_forms_is_imported_from_the_screen_and_a_refused_one_stays_listed() {
    let records = tempfile::tempdir().unwrap();
    let inbox = tempfile::tempdir().unwrap();
    let forms = inbox.path().join("phieu-tu-cham");
    std::fs::create_dir(&forms).unwrap();
    std::fs::write(
        forms.join("thanh-dong.csv"),
        "unit,criterion,value\nthanh-dong,I.4,2.5\n",
    )
    .unwrap();
    std::fs::write(
        forms.join("hong.csv"),
        "unit,criterion,value\nkhong-co,I.4,2\n",
    )
    .unwrap();
    std::fs::write(forms.join("ghi-chu.txt"), "không phải phiếu").unwrap();
    let mut app = open(Lang::Vi, records.path());
    press(&mut app, KeyCode::Char('i'));
    let sep = std::path::MAIN_SEPARATOR;
    // Tab completes the only folder that fits, then lists the two forms in it (not the .txt).
    type_text(&mut app, &format!("{}{sep}phi", inbox.path().display()));
    press(&mut app, KeyCode::Tab);
    assert_eq!(dialog_text(&app), format!("{}{sep}", forms.display()));
    press(&mut app, KeyCode::Tab);
    let Mode::ImportSelf(dialog) = &app.mode else {
        unreachable!()
    };
    assert_eq!(dialog.candidates, ["hong.csv", "thanh-dong.csv"]);
    let shown = screen(&app, 100, 30);
    assert!(shown.contains("thanh-dong.csv"), "{shown}");
    // Enter takes the good form and keeps the dialog open on the refused one.
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        own(&app, "thanh-dong", "I.4"),
        Some(Value::Points("2.5".parse().unwrap()))
    );
    let Mode::ImportSelf(dialog) = &app.mode else {
        panic!("the dialog closed although a form was refused")
    };
    assert_eq!(dialog.refused.len(), 1);
    assert!(dialog.refused[0].0.ends_with("hong.csv"));
    let shown = screen(&app, 100, 30);
    assert!(
        shown.contains("Đã nhận điểm tự chấm của 1 đơn vị từ 1 tệp."),
        "{shown}"
    );
    assert!(shown.contains("hong.csv"), "{shown}");
    assert!(shown.contains("khong-co"), "{shown}");
    // The same words in English once the language is switched.
    app.lang = Lang::En;
    let shown = screen(&app, 100, 30);
    assert!(
        shown.contains("Took the self-scores of 1 unit from 1 file. 1 refused"),
        "{shown}"
    );
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.mode, Mode::Navigate);
}

#[test]
fn one_form_closes_the_dialog_and_frozen_results_refuse_the_import() {
    let records = tempfile::tempdir().unwrap();
    let inbox = tempfile::tempdir().unwrap();
    let form = inbox.path().join("hai-duong.csv");
    std::fs::write(&form, "unit,criterion,value\nhai-duong,I.4,3\n").unwrap();
    let mut app = open(Lang::En, records.path());
    press(&mut app, KeyCode::Char('i'));
    type_text(&mut app, &form.display().to_string());
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.mode, Mode::Navigate);
    assert_eq!(
        app.status_text().as_deref(),
        Some("Took the self-scores of 1 unit from 1 file.")
    );
    assert_eq!(
        own(&app, "hai-duong", "I.4"),
        Some(Value::Points("3".parse().unwrap()))
    );
    // A path that names nothing says so, and the dialog stays.
    press(&mut app, KeyCode::Char('i'));
    type_text(
        &mut app,
        &inbox.path().join("nothing.csv").display().to_string(),
    );
    press(&mut app, KeyCode::Enter);
    assert!(matches!(app.mode, Mode::ImportSelf(_)));
    assert!(screen(&app, 80, 24).contains("nothing.csv"));
    press(&mut app, KeyCode::Esc);
    // Frozen: the key is refused before anything is asked.
    app.change(|s| s.freeze()).unwrap();
    press(&mut app, KeyCode::Char('i'));
    assert_eq!(app.mode, Mode::Navigate);
    assert!(matches!(app.status, Some(Status::Error(_))));
    assert!(
        app.status_text().unwrap().contains("frozen"),
        "{:?}",
        app.status_text()
    );
}

/// Ctrl-C quits from a field or a dialog as from the grid: the keymap says so in every context.
#[test]
fn ctrl_c_quits_from_any_dialog_or_field() {
    use ratatui::crossterm::event::{KeyEvent, KeyModifiers};
    let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    for opening in [
        KeyCode::Char('i'),
        KeyCode::Enter,
        KeyCode::Char('j'),
        KeyCode::F(8),
    ] {
        let records = tempfile::tempdir().unwrap();
        let mut app = open(Lang::Vi, records.path());
        press(&mut app, opening);
        assert_ne!(app.mode, Mode::Navigate, "{opening:?} opens something");
        app.key(ctrl_c);
        assert!(app.quit, "Ctrl-C after {opening:?}");
    }
}
