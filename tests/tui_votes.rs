//! The vote dialog (F7): refused at mid-year; at year-end a tally typed into it is recorded
//! and the results follow (a later award's candidates with them); a tally that cannot be true
//! is refused in the user's language with nothing recorded; an award with nothing to vote on;
//! a long list of candidates scrolls; snapshots at 80×24 and 120×40 in both languages.

use std::path::Path;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::Modifier;

use thidua::i18n::Lang;
use thidua::model::{Ballot, Covenant, Period, Tally};
use thidua::score::Nomination;
use thidua::store::load_covenant;
use thidua::store::records::Records;
use thidua::synthetic;
use thidua::tui::app::{App, Mode, Status};
use thidua::tui::keymap::{self, Action, Context};
use thidua::tui::view;
use thidua::tui::votes::VoteForm;

mod screen;

use screen::{FixedTime, Sample, press, screen, snapshot, type_text};

/// The sample bloc with the period's sample scoresheet imported.
fn session(period: Period, lang: Lang) -> Sample {
    Sample::new(period, lang)
}

/// The reversed text inside the dialog at 80×24: the selected field.
fn selected_field(app: &App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal.draw(|f| view::draw(app, f)).unwrap();
    let buffer = terminal.backend().buffer();
    let mut out = String::new();
    for y in 3..22 {
        if buffer[(1, y)].symbol() == "└" {
            break;
        }
        for x in 2..79 {
            let cell = &buffer[(x, y)];
            if cell.modifier.contains(Modifier::REVERSED) {
                out.push_str(cell.symbol());
            }
        }
    }
    out
}

fn form(app: &App) -> &VoteForm {
    match &app.mode {
        Mode::Votes(form) => form,
        other => panic!("the vote dialog is not open: {other:?}"),
    }
}

fn status_of(app: &App, award: usize, unit: &str) -> Nomination {
    app.results().awards[award].statuses[app.covenant.unit_index(unit).unwrap()].clone()
}

fn ballot(award: &str, present: u32, votes: &[(&str, u32)]) -> Ballot {
    Ballot {
        award: award.into(),
        present,
        tally: votes
            .iter()
            .map(|(unit, votes)| Tally {
                unit: (*unit).into(),
                votes: *votes,
            })
            .collect(),
    }
}

fn status_text(app: &App) -> String {
    app.status_text().unwrap_or_default()
}

/// The vote dialog's error line, as the screen words it.
fn error_of(app: &App) -> Option<String> {
    form(app).error.as_ref().map(|e| e.text(app.lang))
}

#[test]
fn at_mid_year_f7_says_votes_are_taken_at_year_end() {
    let mut s = session(Period::MidYear, Lang::Vi);
    press(&mut s.app, KeyCode::F(7));
    assert_eq!(s.app.mode, Mode::Navigate);
    assert!(matches!(s.app.status, Some(Status::Info(_))));
    assert_eq!(
        status_text(&s.app),
        "chỉ biểu quyết đề nghị khen thưởng ở kỳ tổng kết năm"
    );
    assert!(screen(&s.app, 80, 24).contains("chỉ biểu quyết đề nghị khen thưởng"));
}

#[test]
fn a_tally_typed_in_the_dialog_is_recorded_and_the_next_award_follows() {
    let mut s = session(Period::YearEnd, Lang::Vi);
    let app = &mut s.app;
    press(app, KeyCode::F(7));
    // On the flag, Thành Đông's field selected; members present default to all eight.
    assert_eq!(
        (form(app).award, form(app).field, form(app).present.as_str()),
        (0, 1, "8")
    );
    let shown = screen(app, 80, 24);
    assert!(shown.contains("Biểu quyết đề nghị khen thưởng"), "{shown}");
    assert!(
        shown.contains("Số thành viên có mặt: [  8]  cần ít nhất 5/8 phiếu"),
        "{shown}"
    );

    assert_eq!(selected_field(app), "[   ]");
    type_text(app, "6");
    assert_eq!(selected_field(app), "[  6]");
    press(app, KeyCode::Enter);
    assert_eq!(
        app.records().ballots(),
        [ballot("co-thi-dua", 8, &[("thanh-dong", 6)])]
    );
    assert_eq!(
        status_of(app, 0, "thanh-dong"),
        Nomination::Elected { votes: 6 }
    );
    assert_eq!(
        status_text(app),
        "Đã ghi kết quả biểu quyết Cờ thi đua của Ủy ban nhân dân thành phố."
    );
    // The dialog stays open on the award, with the outcome.
    assert_eq!(form(app).award, 0);
    let shown = screen(app, 80, 24);
    assert!(
        shown.contains("đạt tỷ lệ phiếu, đề nghị (6 phiếu)"),
        "{shown}"
    );
    assert!(
        shown.contains("Đã ghi: 8 thành viên có mặt; cần ít nhất 5/8 phiếu"),
        "{shown}"
    );
    assert!(
        shown.contains("Đã ghi kết quả biểu quyết Cờ thi đua"),
        "{shown}"
    );

    // Bằng khen of the Prime Minister: more than half of all eight members, whoever is
    // present. Seven present, three votes: not enough.
    press(app, KeyCode::PageDown);
    assert_eq!((form(app).award, form(app).field), (1, 1));
    press(app, KeyCode::Up);
    assert_eq!(selected_field(app), "[  8]");
    // A digit typed on a field just selected replaces what it held.
    type_text(app, "7");
    assert_eq!(selected_field(app), "[  7]");
    press(app, KeyCode::Tab);
    assert_eq!(selected_field(app), "[   ]");
    type_text(app, "3");
    press(app, KeyCode::Enter);
    assert_eq!(
        app.records().ballots()[1],
        ballot("bang-khen-ttg", 7, &[("hai-duong", 3)])
    );
    assert_eq!(
        status_of(app, 1, "hai-duong"),
        Nomination::NotElected { votes: 3 }
    );
    let shown = screen(app, 80, 24);
    assert!(shown.contains("không đạt tỷ lệ phiếu (3 phiếu)"), "{shown}");
    assert!(
        shown.contains("Đã ghi: 7 thành viên có mặt; cần ít nhất 5/8 phiếu"),
        "{shown}"
    );

    // The flag voted again: Thành Đông falls short, so it is now the candidate for the next
    // award and the vote recorded there no longer counts.
    press(app, KeyCode::Left);
    assert_eq!((form(app).award, form(app).field), (0, 1));
    type_text(app, "2");
    press(app, KeyCode::Enter);
    assert_eq!(
        status_of(app, 0, "thanh-dong"),
        Nomination::NotElected { votes: 2 }
    );
    assert!(app.results().awards[1].vote.as_ref().unwrap().stale);
    assert_eq!(status_of(app, 1, "thanh-dong"), Nomination::AwaitingVote);
    press(app, KeyCode::Right);
    let shown = screen(app, 80, 24);
    assert!(shown.contains("cần biểu quyết lại"), "{shown}");
    assert!(shown.contains("Thành Đông"), "{shown}");
    assert!(!shown.contains("Hải Dương  105"), "{shown}");
    // Its field is empty: the earlier votes were for another unit.
    press(app, KeyCode::Enter);
    assert_eq!(
        error_of(app).as_deref(),
        Some("chưa nhập số phiếu của Thành Đông")
    );
    type_text(app, "5");
    press(app, KeyCode::Enter);
    assert_eq!(
        status_of(app, 1, "thanh-dong"),
        Nomination::Elected { votes: 5 }
    );
    assert_eq!(app.records().ballots().len(), 2, "a later tally replaces");

    // Hải Dương, no longer in the running for it, moves on to the last award.
    assert_eq!(status_of(app, 2, "hai-duong"), Nomination::Proposed);

    // Esc closes; the ranking shows the outcome through the nominations.
    press(app, KeyCode::Esc);
    assert_eq!(app.mode, Mode::Navigate);
    press(app, KeyCode::F(4));
    let shown = screen(app, 120, 40);
    assert!(
        shown.contains("không đạt tỷ lệ phiếu (2 phiếu): Cờ thi đ"),
        "{shown}"
    );
    assert!(shown.contains("đề nghị: Bằng khen của Chủ tịch"), "{shown}");
}

#[test]
fn reopened_the_dialog_shows_the_tallies_in_force() {
    let mut s = session(Period::YearEnd, Lang::En);
    let app = &mut s.app;
    press(app, KeyCode::F(7));
    press(app, KeyCode::Up);
    type_text(app, "6");
    press(app, KeyCode::Down);
    type_text(app, "4");
    press(app, KeyCode::Enter);
    press(app, KeyCode::Esc);
    press(app, KeyCode::F(7));
    // The flag is decided: the dialog opens on the next award awaiting a vote, with the
    // meeting's attendance as last counted, and the flag's votes are there to see.
    assert_eq!((form(app).award, form(app).present.as_str()), (1, "6"));
    press(app, KeyCode::Left);
    let shown = screen(app, 120, 40);
    assert!(
        shown.contains("[  4]  elected, proposed (4 votes)"),
        "{shown}"
    );
    assert!(
        shown.contains("Recorded: 6 members present; at least 4 of 6 votes needed"),
        "{shown}"
    );
}

#[test]
fn a_tally_that_cannot_be_true_is_refused_and_nothing_is_recorded() {
    let mut s = session(Period::YearEnd, Lang::Vi);
    let app = &mut s.app;
    press(app, KeyCode::F(7));
    let refused = |app: &mut App, expected: &str, field: usize| {
        press(app, KeyCode::Enter);
        assert_eq!(error_of(app).as_deref(), Some(expected));
        assert_eq!(form(app).field, field, "the field at fault is selected");
        assert!(app.records().ballots().is_empty());
        assert!(screen(app, 120, 40).contains(expected));
    };
    // No votes typed for the candidate.
    refused(app, "chưa nhập số phiếu của Thành Đông", 1);
    // More votes than members present; letters are not taken.
    type_text(app, "9x");
    assert_eq!(form(app).votes.values().next().unwrap(), "9");
    refused(
        app,
        "không ghi được kết quả biểu quyết: Thành Đông được 9 phiếu, nhiều hơn 8 thành viên có mặt",
        1,
    );
    // The refused count is replaced by the next one typed.
    type_text(app, "5");
    assert_eq!(form(app).votes.values().next().unwrap(), "5");
    // Nobody present, then more present than the bloc has members, then nothing.
    press(app, KeyCode::BackTab);
    type_text(app, "0");
    refused(
        app,
        "không ghi được kết quả biểu quyết: số thành viên có mặt là 0, phải từ 1 đến 8 (số thành viên của khối)",
        0,
    );
    type_text(app, "12");
    refused(
        app,
        "không ghi được kết quả biểu quyết: số thành viên có mặt là 12, phải từ 1 đến 8 (số thành viên của khối)",
        0,
    );
    press(app, KeyCode::Backspace);
    press(app, KeyCode::Backspace);
    refused(app, "chưa nhập số thành viên có mặt", 0);
    // Fixed, it is recorded and the message goes.
    type_text(app, "7");
    press(app, KeyCode::Enter);
    assert_eq!(form(app).error, None);
    assert_eq!(
        app.records().ballots(),
        [ballot("co-thi-dua", 7, &[("thanh-dong", 5)])]
    );
}

#[test]
fn refusals_speak_english_too() {
    let mut s = session(Period::YearEnd, Lang::En);
    let app = &mut s.app;
    press(app, KeyCode::F(7));
    press(app, KeyCode::Enter);
    assert_eq!(
        error_of(app).as_deref(),
        Some("enter the votes of Thành Đông")
    );
    type_text(app, "9");
    press(app, KeyCode::Enter);
    assert_eq!(
        error_of(app).as_deref(),
        Some("the vote was not recorded: Thành Đông has 9 votes, more than the 8 members present")
    );
    assert!(app.records().ballots().is_empty());
}

#[test]
fn an_award_with_nothing_to_vote_on_says_so() {
    let mut s = session(Period::YearEnd, Lang::Vi);
    let app = &mut s.app;
    press(app, KeyCode::F(7));
    press(app, KeyCode::Right);
    press(app, KeyCode::Right);
    press(app, KeyCode::Right);
    assert_eq!((form(app).award, form(app).field), (2, 0));
    let shown = screen(app, 80, 24);
    assert!(
        shown.contains("Không có đơn vị nào cần biểu quyết cho danh hiệu này."),
        "{shown}"
    );
    // The units proposed without a vote are listed, with no field to type in.
    assert!(shown.contains("Tứ Minh"), "{shown}");
    assert!(!shown.contains("Số thành viên có mặt:"), "{shown}");
    type_text(app, "3");
    press(app, KeyCode::Enter);
    assert_eq!(
        error_of(app).as_deref(),
        Some(
            "Bằng khen của Chủ tịch Ủy ban nhân dân thành phố: hiện không có đơn vị nào cần biểu quyết"
        )
    );
    assert!(app.records().ballots().is_empty());
}

#[test]
fn the_dialog_keys_are_in_the_keymap() {
    let bindings = keymap::bindings(Context::Votes);
    for action in [
        Action::Confirm,
        Action::Cancel,
        Action::Backspace,
        Action::NextColumn,
        Action::PrevColumn,
        Action::PageUp,
        Action::PageDown,
    ] {
        assert!(bindings.iter().any(|b| b.does(&action)), "{action:?}");
    }
    // Every character typed in the dialog goes to the field.
    let digit = KeyEvent::new(KeyCode::Char('7'), KeyModifiers::NONE);
    assert_eq!(
        keymap::resolve(Context::Votes, &digit),
        Some(Action::Input("7".into()))
    );
}

/// A generated bloc of sixty wards whose Bằng khen goes to half of them by vote.
fn sixty_wards(root: &Path) -> (Covenant, Records) {
    let bloc = synthetic::write_files(root, 60, 10).unwrap();
    let scheme = root.join("scoring/gen.ron");
    let text = std::fs::read_to_string(&scheme).unwrap().replace(
        "quota: Percent(percent: 10, rounding: Up))",
        "quota: Percent(percent: 50, rounding: Up), vote: (share: 0.5, inclusive: false, of: Present))",
    );
    std::fs::write(&scheme, text).unwrap();
    let covenant = load_covenant(&bloc).expect("generated bloc").covenant;
    let mut records = Records::open(&root.join("records"), &covenant, Period::YearEnd).unwrap();
    let sheet = synthetic::full_sheet(&covenant);
    records
        .apply(&synthetic::entries(&covenant, &sheet, Period::YearEnd))
        .unwrap();
    (covenant, records)
}

#[test]
fn a_long_list_of_candidates_scrolls_to_the_selected_field() {
    let root = tempfile::tempdir().unwrap();
    let (covenant, records) = sixty_wards(root.path());
    let mut app = App::new(
        Lang::Vi,
        covenant,
        Period::YearEnd,
        2026,
        Box::new(FixedTime(records)),
    )
    .expect("the session opens");
    press(&mut app, KeyCode::F(7));
    press(&mut app, KeyCode::Right);
    let candidates = thidua::tui::votes::ballot_units(app.results(), 1);
    assert!(candidates.len() >= 29, "{}", candidates.len());
    let name = |app: &App, u: usize| app.covenant.bloc.members[u].short.clone();
    let last = *candidates.last().unwrap();
    assert!(!screen(&app, 80, 24).contains(&format!("{}  ", name(&app, last))));
    for n in 0..candidates.len() {
        type_text(&mut app, &(n % 10).to_string());
        press(&mut app, KeyCode::Down);
    }
    let shown = screen(&app, 80, 24);
    assert!(shown.contains(&name(&app, last)), "{shown}");
    assert!(shown.contains(&format!("/{}", candidates.len())), "{shown}");
    insta::assert_snapshot!("votes-sixty-vi-80x24", shown);
    press(&mut app, KeyCode::Enter);
    let ballots = app.records().ballots();
    assert_eq!(ballots.len(), 1);
    assert_eq!(ballots[0].present, 60);
    assert_eq!(ballots[0].tally.len(), candidates.len());
    assert!(!app.results().awards[1].vote.as_ref().unwrap().stale);
}

#[test]
fn snapshots_of_the_dialog() {
    for lang in [Lang::Vi, Lang::En] {
        let mut s = session(Period::YearEnd, lang);
        let app = &mut s.app;
        press(app, KeyCode::F(7));
        snapshot("votes-open", app);
        type_text(app, "9");
        press(app, KeyCode::Enter);
        snapshot("votes-refused", app);
        press(app, KeyCode::Backspace);
        type_text(app, "6");
        press(app, KeyCode::Enter);
        snapshot("votes-recorded", app);
    }
}
