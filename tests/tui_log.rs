//! A cell's history (h) and the session's change log (j) on the scoring screen: newest first,
//! old → new as the grid shows values, the unit and criterion filters, the export to CSV and
//! its failures, a journal that cannot be read; snapshots in both languages and two sizes.
//!
//! The journal is prepared with `Records` (a self-score, an import, freezing and reopening),
//! then values, a note and an undo are entered through the keys. Times and the user come from
//! the clock and the environment: they are rewritten in the journal before the log is opened.

use std::path::{Path, PathBuf};

use ratatui::crossterm::event::KeyCode;
use tempfile::TempDir;

use thidua::i18n::Lang;
use thidua::model::{Covenant, Period, value};
use thidua::store::load_covenant;
use thidua::store::records::{Cell, Change, Entry, Line, Origin, Records, StoreError};
use thidua::tui::app::{App, Column, Ledger, Mode, Section, Status};
use thidua::tui::history::LogView;

mod screen;

use screen::{press, screen, select, snapshot, type_text};

/// The records as the program has them; the time of the last save is fixed for snapshots.
struct TestLedger {
    records: Records,
}

impl Ledger for TestLedger {
    fn records(&self) -> &Records {
        &self.records
    }
    fn records_mut(&mut self) -> &mut Records {
        &mut self.records
    }
    fn apply(&mut self, changes: &[Change]) -> Result<Vec<Entry>, StoreError> {
        self.records.apply(changes)
    }
    fn last_saved(&self) -> Option<chrono::DateTime<chrono::FixedOffset>> {
        self.records
            .last_saved()
            .map(|_| chrono::DateTime::parse_from_rfc3339("2026-07-03T10:00:00+07:00").unwrap())
    }
}

struct Session {
    app: App,
    /// Holds `data/khoi-8/2026/mid-year` (the records) and `exports/`.
    root: TempDir,
}

impl Session {
    fn records_dir(&self) -> PathBuf {
        self.root.path().join("data/khoi-8/2026/mid-year")
    }

    fn journal_path(&self) -> PathBuf {
        self.records_dir().join("journal.jsonl")
    }

    /// Every line's time and user made fixed: a minute apart from 07:00 on 3 July 2026, by
    /// "thuky".
    fn fix_times(&self) {
        let text = std::fs::read_to_string(self.journal_path()).unwrap();
        let start = chrono::DateTime::parse_from_rfc3339("2026-07-03T07:00:00+07:00").unwrap();
        let mut out = String::new();
        for (n, line) in text.lines().enumerate() {
            let mut v: serde_json::Value = serde_json::from_str(line).unwrap();
            let at = start + chrono::Duration::minutes(n as i64);
            v["at"] = serde_json::Value::String(at.to_rfc3339());
            v["by"] = serde_json::Value::String("thuky".into());
            out.push_str(&v.to_string());
            out.push('\n');
        }
        std::fs::write(self.journal_path(), out).unwrap();
    }

    fn history(&self) -> Vec<Line> {
        self.app.records().history().unwrap()
    }
}

const LONG_REASON: &str = "Khối thống nhất nâng mức vì phường có bằng khen của Ủy ban nhân dân \
                           thành phố về công khai tài chính năm 2025";

fn covenant() -> Covenant {
    load_covenant(Path::new("blocs/khoi-8.ron"))
        .expect("sample bloc")
        .covenant
}

/// The sample mid-year: Thành Đông's self-score on I.1.4, the sample scoresheet imported
/// (Thành Đông's I.1.4 raised above its self-score with a reason), the results frozen and
/// reopened; then through the keys Hải Dương's I.1.4 set to HTT, a note on it, HT, and the
/// last entry undone.
fn session(lang: Lang) -> Session {
    let covenant = covenant();
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("data/khoi-8/2026/mid-year");
    let mut records = Records::open(&dir, &covenant, Period::MidYear).unwrap();
    let td = covenant.unit_index("thanh-dong").unwrap();
    let i114 = covenant.layout.index_of("I.1.4").unwrap();
    records
        .replace_self_scores(
            td,
            &[(
                i114,
                Cell {
                    value: Some(value::parse(&covenant.layout.items[i114], "HTT").unwrap()),
                    note: "Báo cáo số 12/BC-UBND".into(),
                    ..Cell::default()
                },
            )],
            "thanh-dong-tu-cham.xlsx",
        )
        .unwrap();
    let mut changes = screen::sample_changes(&covenant, Period::MidYear, |_, _| false);
    for c in &mut changes {
        c.new.note.clear();
        if (c.unit, c.item) == (td, i114) {
            c.new.reason = LONG_REASON.to_string();
        }
    }
    records.apply(&changes).unwrap();
    records.freeze().unwrap();
    records
        .reopen("Sửa điểm I.1.4 của Hải Dương theo biên bản")
        .unwrap();
    let mut app = App::new(
        lang,
        covenant,
        Period::MidYear,
        2026,
        Box::new(TestLedger { records }),
    )
    .expect("the session opens");
    app.records_dir = dir;
    let mut s = Session { app, root };
    let app = &mut s.app;
    select(app, "hai-duong", "I.1.4");
    press(app, KeyCode::Char('2'));
    select(app, "hai-duong", "I.1.4");
    press(app, KeyCode::Char('n'));
    type_text(app, "Theo biên bản kiểm tra ngày 30/6");
    press(app, KeyCode::Enter);
    press(app, KeyCode::Char('3'));
    select(app, "hai-duong", "I.1.4");
    press(app, KeyCode::Char('u'));
    assert!(app.status.is_some(), "the undo is said");
    s.fix_times();
    s
}

fn log_view(app: &App) -> &LogView {
    match &app.mode {
        Mode::Log(view) => view,
        other => panic!("not in the log: {other:?}"),
    }
}

/// The lines the open view shows, newest first.
fn shown(app: &App) -> Vec<Line> {
    log_view(app)
        .shown(&app.covenant)
        .into_iter()
        .cloned()
        .collect()
}

fn change(line: &Line) -> &Entry {
    match line {
        Line::Change(e) => e,
        Line::Event(e) => panic!("an event: {e:?}"),
    }
}

/// Where `needle` first appears on the screen, as (row, column); panics if it does not.
fn find(screen: &str, needle: &str) -> (usize, usize) {
    screen
        .lines()
        .enumerate()
        .find_map(|(row, line)| line.find(needle).map(|col| (row, col)))
        .unwrap_or_else(|| panic!("{needle:?} is not on the screen:\n{screen}"))
}

#[test]
fn a_cells_history_lists_its_changes_newest_first_with_old_and_new() {
    let mut s = session(Lang::Vi);
    let app = &mut s.app;
    select(app, "hai-duong", "I.1.4");
    press(app, KeyCode::Char('h'));
    assert!(log_view(app).is_cell());
    let lines = shown(app);
    let steps: Vec<(Origin, Option<String>, Option<String>, String)> = lines
        .iter()
        .map(|l| {
            let e = change(l);
            assert_eq!((e.unit.as_str(), e.item.as_str()), ("hai-duong", "I.1.4"));
            let level = |c: &Cell| c.value.as_ref().map(|v| v.to_text());
            (e.origin, level(&e.old), level(&e.new), e.new.note.clone())
        })
        .collect();
    let note = "Theo biên bản kiểm tra ngày 30/6".to_string();
    assert_eq!(
        steps,
        vec![
            (
                Origin::Undo,
                Some("HT".into()),
                Some("HTT".into()),
                note.clone()
            ),
            (
                Origin::Entry,
                Some("HTT".into()),
                Some("HT".into()),
                note.clone()
            ),
            (Origin::Entry, Some("HTT".into()), Some("HTT".into()), note),
            (
                Origin::Entry,
                Some("HTXS".into()),
                Some("HTT".into()),
                String::new()
            ),
            (Origin::Import, None, Some("HTXS".into()), String::new()),
        ]
    );
    // On the screen, in that order, the levels spelled out as the editor lists them.
    let shown = screen(app, 120, 40);
    assert!(shown.contains("Lịch sử ô · Hải Dương · I.1.4"), "{shown}");
    let rows: Vec<usize> = [
        "hoàn tác",
        "chấm điểm",
        "sửa ghi chú",
        "chấm điểm",
        "nhập từ tệp",
    ]
    .iter()
    .scan(0, |from, what| {
        let rest: String = shown.lines().skip(*from).collect::<Vec<_>>().join("\n");
        let (row, _) = find(&rest, what);
        *from += row + 1;
        Some(*from - 1)
    })
    .collect();
    let line = |n: usize| shown.lines().nth(rows[n]).unwrap();
    assert!(
        line(0).contains("HT (Hoàn thành nhiệm vụ) → HTT (Hoàn thành tốt nhiệm vụ)"),
        "{shown}"
    );
    assert!(line(1).contains("HTT (Hoàn thành tốt nhiệm vụ) → HT (Hoàn thành nhiệm vụ)"));
    assert!(line(2).contains("HTT (Hoàn thành tốt nhiệm vụ)") && !line(2).contains('→'));
    assert!(line(4).contains("— → HTXS"));
    assert!(line(0).contains("03/07/2026 ") && line(0).contains("thuky"));
    // The note is said where it changed, below its line.
    let below_note = shown.lines().nth(rows[2] + 1).unwrap();
    assert!(
        below_note.contains("Ghi chú: Theo biên bản kiểm tra ngày 30/6"),
        "{shown}"
    );
    press(app, KeyCode::Esc);
    assert_eq!(app.mode, Mode::Navigate);
}

#[test]
fn a_self_scored_cell_shows_the_self_score_its_file_and_the_reason() {
    let mut s = session(Lang::En);
    let app = &mut s.app;
    // From the unit card too.
    press(app, KeyCode::F(3));
    select(app, "thanh-dong", "I.1.4");
    press(app, KeyCode::Char('h'));
    let lines = shown(app);
    assert_eq!(lines.len(), 2);
    assert_eq!(change(&lines[1]).source, "thanh-dong-tu-cham.xlsx");
    let shown = screen(app, 80, 24);
    assert!(
        shown.contains("Cell history · Thành Đông · I.1.4"),
        "{shown}"
    );
    let (self_row, _) = find(&shown, "self-score ");
    let (import_row, _) = find(&shown, "imported");
    assert!(import_row < self_row, "newest first:\n{shown}");
    assert!(shown.contains("Source file: thanh-dong-tu-cham.xlsx"));
    assert!(shown.contains("Note: Báo cáo số 12/BC-UBND"));
    // The long reason is wrapped in the overlay, whole.
    let (row, _) = find(&shown, "Reason: Khối thống nhất nâng mức");
    let next = shown.lines().nth(row + 1).unwrap();
    assert!(next.contains("công khai tài chính năm 2025"), "{shown}");
    // In the log, one row: cut with "…".
    press(app, KeyCode::Char('u'));
    let shown = screen(app, 80, 24);
    let (row, _) = find(&shown, "Reason: Khối thống nhất nâng mức");
    let reason = shown.lines().nth(row).unwrap();
    assert!(reason.contains("của …"), "{shown}");
    assert!(!shown.contains("năm 2025"), "{shown}");
}

#[test]
fn a_subtotal_or_a_cell_never_changed_says_so() {
    let mut s = session(Lang::Vi);
    let app = &mut s.app;
    app.column = Column::Sum(Section::Bonus);
    press(app, KeyCode::Char('h'));
    assert_eq!(app.mode, Mode::Navigate);
    match &app.status {
        Some(Status::Info(text)) => {
            assert!(
                text.text(Lang::Vi)
                    .contains("Ô tổng không có lịch sử riêng")
            )
        }
        other => panic!("{other:?}"),
    }
    // A cell of a session where nothing was entered yet.
    let root = tempfile::tempdir().unwrap();
    let covenant = covenant();
    let records = Records::open(root.path(), &covenant, Period::MidYear).unwrap();
    let mut app = App::new(
        Lang::Vi,
        covenant,
        Period::MidYear,
        2026,
        Box::new(TestLedger { records }),
    )
    .expect("the session opens");
    let app = &mut app;
    select(app, "tu-minh", "I.1.4");
    press(app, KeyCode::Char('h'));
    assert!(shown(app).is_empty());
    assert!(screen(app, 80, 24).contains("Ô này chưa có thay đổi nào."));
}

#[test]
fn the_log_shows_everything_and_the_filters_narrow_it() {
    let mut s = session(Lang::Vi);
    let all = s.history();
    let app = &mut s.app;
    select(app, "hai-duong", "I.1.4");
    press(app, KeyCode::Char('j'));
    let lines = shown(app);
    assert_eq!(lines.len(), all.len());
    assert!(
        lines.windows(2).all(|w| w[0].seq() > w[1].seq()),
        "newest first"
    );
    let shown_text = screen(app, 120, 40);
    assert!(shown_text.contains("mở lại kết quả"), "{shown_text}");
    assert!(shown_text.contains("Lý do: Sửa điểm I.1.4 của Hải Dương theo biên bản"));
    assert!(shown_text.contains("chốt kết quả"));
    // Only the selected unit: its changes, no events.
    press(app, KeyCode::Char('u'));
    let lines = shown(app);
    let of_unit = all
        .iter()
        .filter(|l| matches!(l, Line::Change(e) if e.unit == "hai-duong"))
        .count();
    assert_eq!(lines.len(), of_unit);
    assert!(lines.iter().all(|l| change(l).unit == "hai-duong"));
    let text = screen(app, 80, 24);
    assert!(
        text.contains("Nhật ký thay đổi · Chỉ đơn vị Hải Dương"),
        "{text}"
    );
    assert!(!text.contains("mở lại kết quả"));
    // And the selected criterion: the cell's history.
    press(app, KeyCode::Char('c'));
    assert_eq!(shown(app).len(), 5);
    assert!(screen(app, 80, 24).contains("Lịch sử ô · Hải Dương · I.1.4"));
    // The criterion alone: every unit's I.1.4.
    press(app, KeyCode::Char('u'));
    let lines = shown(app);
    assert!(lines.iter().all(|l| change(l).item == "I.1.4"));
    let units: std::collections::BTreeSet<_> =
        lines.iter().map(|l| change(l).unit.clone()).collect();
    assert_eq!(units.len(), 8);
    assert!(screen(app, 80, 24).contains("Nhật ký thay đổi · Chỉ tiêu chí I.1.4"));
    // Both off: everything again.
    press(app, KeyCode::Char('c'));
    assert_eq!(shown(app).len(), all.len());
}

#[test]
fn a_log_opened_on_a_subtotal_cannot_narrow_to_a_criterion() {
    let mut s = session(Lang::En);
    let app = &mut s.app;
    app.column = Column::Sum(Section::Bonus);
    press(app, KeyCode::Char('j'));
    press(app, KeyCode::Char('c'));
    let view = log_view(app);
    assert!(!view.only_item);
    assert!(screen(app, 80, 24).contains("No criterion selected"));
}

#[test]
fn the_log_scrolls_within_its_lines() {
    let mut s = session(Lang::Vi);
    let total = s.history().len();
    let app = &mut s.app;
    press(app, KeyCode::Char('j'));
    let first = screen(app, 80, 24);
    assert!(first.contains("Dòng 1–"), "{first}");
    let page = log_view(app).page.get();
    assert!(page > 3, "a page holds several lines: {page}");
    press(app, KeyCode::Down);
    screen(app, 80, 24);
    assert_eq!(log_view(app).top.get(), 1);
    press(app, KeyCode::PageDown);
    screen(app, 80, 24);
    assert_eq!(log_view(app).top.get(), 1 + page);
    press(app, KeyCode::PageUp);
    press(app, KeyCode::Up);
    screen(app, 80, 24);
    assert_eq!(log_view(app).top.get(), 0);
    // The end: the oldest line, Thành Đông's self-score, is the last in view.
    press(app, KeyCode::End);
    let last = screen(app, 80, 24);
    let top = log_view(app).top.get();
    let in_view = log_view(app).page.get();
    assert_eq!(top + in_view, total, "{last}");
    assert!(
        last.contains(&format!("–{total} / {total}")),
        "the position says the end:\n{last}"
    );
    assert!(last.contains("thanh-dong-tu-cham.xlsx"), "{last}");
    // Past the end, nothing moves.
    press(app, KeyCode::Down);
    press(app, KeyCode::PageDown);
    screen(app, 80, 24);
    assert_eq!(log_view(app).top.get(), top);
    press(app, KeyCode::Home);
    screen(app, 80, 24);
    assert_eq!(log_view(app).top.get(), 0);
}

#[test]
fn a_vote_is_in_the_log_with_its_tally() {
    let covenant = covenant();
    let root = tempfile::tempdir().unwrap();
    let mut records = Records::open(root.path(), &covenant, Period::YearEnd).unwrap();
    let mut changes = Vec::new();
    for row in csv::Reader::from_path("tests/data/khoi-8-year-end.csv")
        .unwrap()
        .records()
    {
        let row = row.unwrap();
        let unit = covenant.unit_index(&row[0]).unwrap();
        let item = covenant.layout.index_of(&row[1]).unwrap();
        let value = value::parse(&covenant.layout.items[item], &row[2]).unwrap();
        changes.push(Change {
            unit,
            item,
            new: Cell {
                value: Some(value),
                ..Cell::default()
            },
            origin: Origin::Import,
        });
    }
    records.apply(&changes).unwrap();
    // The flag's one candidate, as `thidua vote` lists it.
    records
        .record_votes(thidua::model::Ballot {
            award: "co-thi-dua".into(),
            present: 8,
            tally: vec![thidua::model::Tally {
                unit: "thanh-dong".into(),
                votes: 7,
            }],
        })
        .unwrap();
    let mut app = App::new(
        Lang::Vi,
        covenant,
        Period::YearEnd,
        2026,
        Box::new(TestLedger { records }),
    )
    .expect("the session opens");
    press(&mut app, KeyCode::Char('j'));
    assert!(matches!(shown(&app)[0], Line::Event(_)));
    let text = screen(&app, 120, 40);
    let (row, _) = find(&text, "biểu quyết");
    let tally = text.lines().nth(row + 1).unwrap();
    assert!(
        tally.contains("Cờ thi đua của Ủy ban nhân dân thành phố: 8 có mặt; thanh-dong 7"),
        "{text}"
    );
    // A filter hides it: it concerns no cell.
    press(&mut app, KeyCode::Char('u'));
    assert!(shown(&app).iter().all(|l| matches!(l, Line::Change(_))));
}

/// The rows of an exported file, header first, without the byte-order mark.
fn read_csv(path: &Path) -> Vec<Vec<String>> {
    let bytes = std::fs::read(path).unwrap();
    assert!(
        bytes.starts_with(b"\xef\xbb\xbf"),
        "a byte-order mark for Excel"
    );
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(&bytes[3..])
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

#[test]
fn the_export_writes_what_is_shown_beside_the_data_folder() {
    let mut s = session(Lang::Vi);
    let all = s.history();
    let exports = s.root.path().join("exports");
    let app = &mut s.app;
    select(app, "hai-duong", "I.1.4");
    press(app, KeyCode::Char('j'));
    press(app, KeyCode::Char('x'));
    let whole = exports.join("khoi-8-2026-mid-year-nhat-ky.csv");
    let rows = read_csv(&whole);
    assert_eq!(
        rows[0],
        [
            "STT",
            "Thời gian",
            "Người ghi",
            "Nội dung",
            "Đơn vị",
            "Tiêu chí",
            "Cũ",
            "Mới",
            "Lý do",
            "Ghi chú",
            "Tệp nguồn"
        ]
    );
    assert_eq!(rows.len(), all.len() + 1);
    assert!(
        rows.iter()
            .any(|r| r[3] == "mở lại kết quả"
                && r[8] == "Sửa điểm I.1.4 của Hải Dương theo biên bản")
    );
    let text = screen(app, 120, 40);
    assert!(
        text.contains(&format!("Đã ghi {} dòng nhật ký vào", all.len())),
        "{text}"
    );
    assert!(text.contains("nhat-ky.csv"), "{text}");
    // Narrowed to the unit: only its changes, in a file of its own.
    press(app, KeyCode::Char('u'));
    press(app, KeyCode::Char('x'));
    let unit = exports.join("khoi-8-2026-mid-year-nhat-ky-hai-duong.csv");
    let rows = read_csv(&unit);
    assert_eq!(rows.len(), shown(app).len() + 1);
    assert!(rows[1..].iter().all(|r| r[4] == "hai-duong"));
    assert!(
        rows[1..]
            .iter()
            .any(|r| r[3] == "hoàn tác" && r[6] == "HT" && r[7] == "HTT")
    );
    assert_eq!(
        read_csv(&whole).len(),
        all.len() + 1,
        "the whole log is kept"
    );
    // Closed, the status line still says where the file is.
    press(app, KeyCode::Esc);
    match &app.status {
        Some(Status::Info(said)) => {
            let text = said.text(app.lang);
            let full = std::path::absolute(&unit).unwrap();
            assert!(text.contains(&full.display().to_string()), "{text}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn an_export_that_cannot_be_written_says_why_and_nothing_else_breaks() {
    for (lang, says) in [
        (Lang::Vi, "Không xuất được nhật ký ra"),
        (Lang::En, "Could not export the log to"),
    ] {
        let mut s = session(lang);
        // A file where the exports folder would go: no folder can be made there (a read-only
        // folder would not stop the tests when they run as root).
        std::fs::write(s.root.path().join("exports"), "").unwrap();
        let app = &mut s.app;
        press(app, KeyCode::Char('j'));
        press(app, KeyCode::Char('x'));
        match &log_view(app).message {
            Some(Status::Error(said)) => {
                let text = said.text(lang);
                assert!(text.contains(says), "{text}");
                let why = match lang {
                    Lang::Vi => "đã có một tệp hoặc thư mục trùng tên",
                    Lang::En => "a file or folder of the same name is in the way",
                };
                assert!(text.contains(why), "{text}");
            }
            other => panic!("{other:?}"),
        }
        let text = screen(app, 80, 24);
        assert!(text.contains(says), "{text}");
        // The view still scrolls and closes; the session still takes values.
        press(app, KeyCode::Down);
        press(app, KeyCode::Esc);
        assert_eq!(app.mode, Mode::Navigate);
        assert_eq!(app.status, None, "no word of an export that did not happen");
        select(app, "tu-minh", "I.1.4");
        press(app, KeyCode::Char('1'));
        let u = app.covenant.unit_index("tu-minh").unwrap();
        let i = app.covenant.layout.index_of("I.1.4").unwrap();
        assert_eq!(app.cell(u, i).value.unwrap().to_text(), "HTXS");
    }
}

#[test]
fn a_journal_that_cannot_be_read_is_shown_not_panicked_on() {
    let mut s = session(Lang::Vi);
    let mut text = std::fs::read_to_string(s.journal_path()).unwrap();
    let bad = text.lines().count() + 1;
    text.push_str("{ not json\n");
    std::fs::write(s.journal_path(), text).unwrap();
    let app = &mut s.app;
    press(app, KeyCode::Char('j'));
    assert!(shown(app).is_empty());
    let text = screen(app, 80, 24);
    assert!(text.contains(&format!("dòng {bad}")), "{text}");
    press(app, KeyCode::Char('x'));
    assert!(matches!(log_view(app).message, Some(Status::Error(_))));
    assert!(!s.root.path().join("exports").exists());
    press(&mut s.app, KeyCode::Esc);
    assert_eq!(s.app.mode, Mode::Navigate);
}

#[test]
fn the_logs_keys_are_listed_in_it_and_below_it() {
    let mut s = session(Lang::Vi);
    let app = &mut s.app;
    press(app, KeyCode::Char('j'));
    let text = screen(app, 80, 24);
    let hints = text.lines().nth(23).unwrap();
    for hint in [
        "u  chỉ đơn vị này",
        "c  chỉ tiêu chí này",
        "x  xuất CSV",
        "Esc  đóng",
    ] {
        assert!(hints.contains(hint), "{hints}");
    }
    press(app, KeyCode::Char('?'));
    let text = screen(app, 80, 24);
    for key in [
        "PgUp",
        "PgDn",
        "Home",
        "End",
        "về dòng mới nhất",
        "xuất CSV",
    ] {
        assert!(text.contains(key), "{text}");
    }
    press(app, KeyCode::Char('?'));
    assert!(screen(app, 80, 24).contains("Dòng 1–"));
}

// Snapshots: both overlays at 80×24 and 120×40 in both languages.

#[test]
fn snapshots_of_the_history_and_the_log() {
    for lang in [Lang::Vi, Lang::En] {
        let mut s = session(lang);
        let app = &mut s.app;
        select(app, "hai-duong", "I.1.4");
        press(app, KeyCode::Char('h'));
        snapshot("history", app);
        press(app, KeyCode::Esc);
        select(app, "thanh-dong", "I.1.4");
        press(app, KeyCode::Char('h'));
        snapshot("history-self-score", app);
        press(app, KeyCode::Esc);
        press(app, KeyCode::Char('j'));
        snapshot("log", app);
        press(app, KeyCode::Char('c'));
        snapshot("log-criterion", app);
    }
}
