//! The ward's screen: each expected bloc's standing in both periods, the files received from the
//! selected bloc, the paper check typed in a field, and the keys from the keymap, in both
//! languages.

#[path = "support/signing.rs"]
mod signing;
#[path = "support/ward_setup.rs"]
mod ward_setup;

use std::fs;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use thidua::i18n::Lang;
use thidua::model::Period;
use thidua::tui::ward::WardScreen;
use thidua::ward::Workspace;
use thidua::ward::workspace::{AUDIT_LOG, WARD_FILE};

use signing::{keys, resign, signed_at};
use ward_setup::{Ward, record, replacing, ward};

fn press(screen: &mut WardScreen, code: KeyCode) {
    screen.key(KeyEvent::new(code, KeyModifiers::NONE));
}

fn type_text(screen: &mut WardScreen, text: &str) {
    for c in text.chars() {
        press(screen, KeyCode::Char(c));
    }
}

fn shown(screen: &WardScreen, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| screen.draw(f)).unwrap();
    let buffer = terminal.backend().buffer().clone();
    (0..height)
        .map(|y| {
            (0..width)
                .map(|x| buffer[(x, y)].symbol().to_string())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Four blocs: khoi-1 final in two versions and checked on paper, khoi-2 a draft, khoi-3
/// signed by a stranger's key, khoi-4 nothing. The ward's seed is fixed, so that the groups
/// asked are the same on every run.
fn clerk() -> (Ward, [thidua::report::record::Record; 2]) {
    let w = ward(&["khoi-1", "khoi-2", "khoi-3", "khoi-4"]);
    let mut workspace = w.open();
    workspace.set_paper("khoi-1", true).unwrap();
    let file = w.dir.join(WARD_FILE);
    let text = fs::read_to_string(&file).unwrap();
    let seed = &workspace.ward.paper_seed;
    fs::write(&file, text.replace(seed.as_str(), "hat-giong-co-dinh")).unwrap();
    let first = record(&w.blocs[0], Period::MidYear, 1, false);
    w.drop("khoi-1-v1.ron", &first);
    let second = replacing(&first, "khoi-1-v1.ron");
    w.drop("khoi-1-v2.ron", &second);
    w.drop("khoi-2.ron", &record(&w.blocs[1], Period::MidYear, 1, true));
    let (stranger, stranger_public) = keys();
    resign(
        &w.dir.join("inbox/khoi-3.ron"),
        &record(&w.blocs[2], Period::MidYear, 1, false),
        &stranger,
        &stranger_public,
    );
    (w, [first, second])
}

#[test]
fn the_ward_screen_shows_each_bloc_and_its_files_in_both_languages() {
    let (w, _) = clerk();
    for lang in [Lang::Vi, Lang::En] {
        let mut screen = WardScreen::open(lang, w.open(), signed_at);
        insta::assert_snapshot!(format!("ward-{lang:?}"), shown(&screen, 80, 24));
        // The refused bloc's file, with why.
        press(&mut screen, KeyCode::Down);
        press(&mut screen, KeyCode::Down);
        insta::assert_snapshot!(format!("ward-refused-{lang:?}"), shown(&screen, 80, 24));
        press(&mut screen, KeyCode::Char('?'));
        insta::assert_snapshot!(format!("ward-help-{lang:?}"), shown(&screen, 80, 24));
    }
    // Larger, every standing at full width.
    let screen = WardScreen::open(Lang::Vi, w.open(), signed_at);
    let wide = shown(&screen, 120, 30);
    for said in [
        "chính thức, bản 2 · chờ giấy",
        "dự thảo, bản 1",
        "bị từ chối",
        "chưa nhận",
    ] {
        assert!(wide.contains(said), "{said:?} not on\n{wide}");
    }
}

#[test]
fn the_paper_check_is_typed_on_the_screen_and_logged() {
    let (w, [_, second]) = clerk();
    let mut screen = WardScreen::open(Lang::Vi, w.open(), signed_at);
    // A bloc with nothing due says so.
    press(&mut screen, KeyCode::Down);
    press(&mut screen, KeyCode::Char('p'));
    assert!(shown(&screen, 80, 24).contains("không có báo cáo chính thức nào chờ đối chiếu"));
    press(&mut screen, KeyCode::Up);
    press(&mut screen, KeyCode::Char('p'));
    insta::assert_snapshot!("ward-paper", shown(&screen, 80, 24));
    let workspace = Workspace::open(&w.dir).unwrap();
    let collected = thidua::ward::collect::collect(&workspace, signed_at()).unwrap();
    let due = collected.paper_due("khoi-1", Period::MidYear).unwrap();
    let groups = second.paper_groups();
    let [a, b] = due.asked;
    // Wrong: refused, still due, and the field closes.
    type_text(&mut screen, &format!("{} ffff", groups[a]));
    press(&mut screen, KeyCode::Enter);
    let after = shown(&screen, 80, 24);
    assert!(after.contains("không khớp với bản giấy"), "{after}");
    assert!(after.contains("chờ giấy"), "{after}");
    // Right, in capitals: confirmed, and khoi-1 stands final with no paper due.
    press(&mut screen, KeyCode::Char('p'));
    type_text(
        &mut screen,
        &format!("{} {}", groups[a].to_uppercase(), groups[b]),
    );
    press(&mut screen, KeyCode::Enter);
    let after = shown(&screen, 80, 24);
    assert!(
        after.contains("khớp với bản giấy: báo cáo được nhận"),
        "{after}"
    );
    assert!(!after.contains("chờ giấy"), "{after}");
    // Said again in English after the switch.
    press(&mut screen, KeyCode::Char('l'));
    assert!(shown(&screen, 80, 24).contains("matches the paper copy"));
    let log = fs::read_to_string(w.dir.join(AUDIT_LOG)).unwrap();
    assert_eq!(log.matches("paper-mismatch").count(), 1);
    assert_eq!(log.matches("paper-confirmed").count(), 1);
}

#[test]
fn checking_again_shows_what_arrived_since() {
    let (w, _) = clerk();
    let mut screen = WardScreen::open(Lang::En, w.open(), signed_at);
    assert!(shown(&screen, 80, 24).contains("missing"));
    w.drop(
        "khoi-4.ron",
        &record(&w.blocs[3], Period::MidYear, 1, false),
    );
    press(&mut screen, KeyCode::Char('r'));
    let after = shown(&screen, 80, 24);
    assert!(after.contains("Checked the inbox again."), "{after}");
    let row = after
        .lines()
        .find(|l| l.contains("Khối thi đua số 4"))
        .unwrap();
    assert!(row.contains("final, version 1"), "{row}");
}
