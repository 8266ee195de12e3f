//! Helpers shared by the screen tests: keys pressed, the drawn screen as text, and the sample
//! scoresheets as the changes an import makes.
#![allow(dead_code)]

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use thidua::model::{Covenant, Period, value};
use thidua::store::records::{Cell, Change, Origin};
use thidua::tui::app::{App, Column};
use thidua::tui::view;

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
