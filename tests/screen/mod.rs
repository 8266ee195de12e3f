//! Helpers shared by the screen tests: keys pressed, the drawn screen as text, and the sample
//! scoresheets as the changes an import makes.
#![allow(dead_code)]

use chrono::{DateTime, FixedOffset, TimeZone};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use thidua::i18n::Lang;
use thidua::model::{Covenant, Period, value};
use thidua::store::records::{Cell, Change, Origin, Records};
use thidua::tui::app::{App, Column, Ledger};
use thidua::tui::view;

/// The records with the time of the last save fixed, so that snapshots do not change.
pub struct FixedTime(pub Records);

impl Ledger for FixedTime {
    fn records(&self) -> &Records {
        &self.0
    }
    fn records_mut(&mut self) -> &mut Records {
        &mut self.0
    }
    fn last_saved(&self) -> Option<DateTime<FixedOffset>> {
        self.0.last_saved().map(|_| {
            FixedOffset::east_opt(7 * 3600)
                .unwrap()
                .with_ymd_and_hms(2026, 12, 18, 9, 30, 0)
                .unwrap()
        })
    }
}

/// The scoring screen on the sample bloc with the period's sample scoresheet imported, and the
/// folder of its records.
pub struct Sample {
    pub app: App,
    pub dir: tempfile::TempDir,
}

impl Sample {
    pub fn new(period: Period, lang: Lang) -> Sample {
        let covenant = thidua::store::load_covenant(std::path::Path::new("blocs/khoi-8.ron"))
            .expect("sample bloc")
            .covenant;
        let dir = tempfile::tempdir().unwrap();
        let mut records = Records::open(dir.path(), &covenant, period).unwrap();
        records
            .apply(&sample_changes(&covenant, period, |_, _| false))
            .unwrap();
        let app = App::new(lang, covenant, period, 2026, Box::new(FixedTime(records)))
            .expect("the session opens");
        Sample { app, dir }
    }

    pub fn journal(&self) -> Vec<serde_json::Value> {
        journal(self.dir.path())
    }
}

/// The journal's events in the session folder `dir` as JSON, oldest first.
pub fn journal(dir: &std::path::Path) -> Vec<serde_json::Value> {
    std::fs::read_to_string(dir.join("journal.jsonl"))
        .unwrap_or_default()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// The screen at 80×24 and 120×40 as insta snapshots named `{name}-{lang}-{size}`, under the
/// calling test file's name as if it had taken them itself.
pub fn snapshot(name: &str, app: &App) {
    snapshot_sizes(name, app, &[(80, 24), (120, 40)]);
}

/// The screen at each of `sizes`, as `snapshot` takes it.
pub fn snapshot_sizes(name: &str, app: &App, sizes: &[(u16, u16)]) {
    let file = module_path!().split("::").next().unwrap_or_default();
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.set_snapshot_path("../snapshots");
    settings.bind(|| {
        for &(w, h) in sizes {
            let lang = match app.lang {
                Lang::Vi => "vi",
                Lang::En => "en",
            };
            insta::assert_snapshot!(format!("{file}__{name}-{lang}-{w}x{h}"), screen(app, w, h));
        }
    });
}

/// Ctrl and a letter.
pub fn ctrl(app: &mut App, c: char) {
    app.key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
}

pub fn press(app: &mut App, code: KeyCode) {
    app.key(KeyEvent::new(code, KeyModifiers::NONE));
}

pub fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

/// Puts the selection on a unit and an item, as arrows would.
pub fn select(app: &mut App, unit: &str, item: &str) {
    app.unit = app.covenant.unit_index(unit).unwrap();
    let i = app.covenant.layout.index_of(item).unwrap();
    app.column = Column::Item(i);
}

/// The screen drawn at `width` × `height`, one line of text a row, trailing spaces cut.
pub fn screen(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| view::draw(app, f)).unwrap();
    let buffer = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..height {
        let mut line = String::new();
        for x in 0..width {
            line.push_str(buffer[(x, y)].symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// The sample scoresheet of the period (`tests/data/khoi-8-*.csv`) as import changes, the
/// rows `skip` names left out.
pub fn sample_changes(
    covenant: &Covenant,
    period: Period,
    skip: impl Fn(&str, &str) -> bool,
) -> Vec<Change> {
    let file = match period {
        Period::MidYear => "tests/data/khoi-8-mid-year.csv",
        Period::YearEnd => "tests/data/khoi-8-year-end.csv",
    };
    let mut changes = Vec::new();
    for row in csv::Reader::from_path(file).unwrap().records() {
        let row = row.unwrap();
        if skip(&row[0], &row[1]) {
            continue;
        }
        let unit = covenant.unit_index(&row[0]).unwrap();
        let item = covenant.layout.index_of(&row[1]).unwrap();
        let value = value::parse(&covenant.layout.items[item], &row[2]).unwrap();
        changes.push(Change {
            unit,
            item,
            new: Cell {
                value: Some(value),
                note: row.get(3).unwrap_or("").to_string(),
                ..Cell::default()
            },
            origin: Origin::Import,
        });
    }
    changes
}
