//! The grid: one row per unit, one column per item, the unit frozen on the left and the
//! totals frozen on the right; the detail pane (or the editor) below.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use unicode_width::UnicodeWidthStr;

use crate::i18n::{Label, Ui};
use crate::room::standing::{self, Shown, places};
use crate::tui::app::{App, Column, Section};
use crate::tui::display::{column_width, fit, value_text};

use super::detail;

/// Lines kept for the detail pane below the grid.
const DETAIL_MIN: u16 = 8;

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let units = app.covenant.bloc.members.len() as u16;
    let grid_height = (units + 1)
        .min(area.height.saturating_sub(DETAIL_MIN))
        .max(3);
    let [grid, detail_area] =
        Layout::vertical([Constraint::Length(grid_height), Constraint::Min(0)]).areas(area);
    draw_grid(app, frame, grid);
    detail::draw(app, frame, detail_area);
}

/// A frozen column on the right: its header and the width its values need.
struct Frozen {
    header: String,
    width: usize,
}

fn frozen_right(app: &App) -> Vec<Frozen> {
    let lang = app.lang;
    let band_width = app
        .covenant
        .scheme
        .bands
        .iter()
        .map(|b| b.label.width())
        .max()
        .unwrap_or(4);
    // Totals can pass 100 (bonus points) and generated blocs go higher still; a partial one
    // carries its mark.
    let places = places(app.results(), app.rank_partial);
    let total_width = (0..app.results().units.len())
        .map(|u| shown_of(app, u, &places).total.width())
        .max()
        .unwrap_or(6)
        .max(6);
    [
        (lang.label(Label::Bonus), 5),
        (lang.label(Label::Penalty), 5),
        (lang.label(Label::Total), total_width),
        (lang.label(Label::Rank), 3),
        (lang.label(Label::Band), band_width),
    ]
    .into_iter()
    .map(|(h, w)| Frozen {
        header: h.to_string(),
        width: w.max(h.width()),
    })
    .collect()
}

pub fn column_header(app: &App, column: Column) -> String {
    match column {
        Column::Item(i) => app.covenant.layout.items[i].label.clone(),
        Column::Sum(Section::Group(g)) => format!("Σ{}", app.covenant.layout.groups[g].label),
        Column::Sum(Section::Bonus) => "Σ+".into(),
        Column::Sum(Section::Penalty) => "Σ−".into(),
        Column::Sum(Section::Vetoes) => format!("Σ{}", app.lang.ui(Ui::VetoShort)),
    }
}

fn width_of(app: &App, column: Column) -> usize {
    match column {
        Column::Item(i) => column_width(
            app.lang,
            &app.covenant.layout.items[i],
            app.records().has_self_scores(),
        ),
        Column::Sum(_) => column_header(app, column).width().max(5),
    }
}

/// How a cell stands beside the unit's self-score.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Look {
    Plain,
    /// Still to be entered (the self-score, if any, shown in brackets).
    Missing,
    /// Differs from the self-score, with a reason.
    Differs,
    /// Differs from the self-score with no reason yet.
    Unexplained,
    /// The item does not apply to the unit: nothing to enter.
    NotApplicable,
}

impl Look {
    pub fn style(self) -> Style {
        match self {
            Look::Plain => Style::new(),
            Look::Missing => Style::new().fg(Color::DarkGray),
            Look::NotApplicable => Style::new()
                .fg(Color::DarkGray)
                .add_modifier(Modifier::ITALIC),
            Look::Differs => Style::new().fg(Color::Yellow),
            Look::Unexplained => Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
        }
    }
}

/// What a grid cell shows: the bloc's score, and beside it the unit's self-score where they
/// differ ("8≠9", "!" while no reason is given), or the self-score in brackets while the bloc
/// has not scored the cell; "*" marks a note.
pub fn cell_text(app: &App, unit: usize, column: Column) -> (String, Look) {
    let lang = app.lang;
    let result = &app.results().units[unit];
    match column {
        Column::Item(i) if !app.covenant.applies(unit, i) => (
            lang.ui(Ui::NotApplicableShort).to_string(),
            Look::NotApplicable,
        ),
        Column::Item(i) => {
            let cell = app.cell(unit, i);
            let own = app.records().self_cell(unit, i).value;
            let item = &app.covenant.layout.items[i];
            let mark = if cell.note.is_empty() { "" } else { "*" };
            // Points, where the item has them: a count of 0 violations reads as its 3 points.
            if app.show_points
                && cell.value.is_some()
                && let Some(points) = result.points[i]
            {
                let differs = own.as_ref().is_some_and(|o| cell.value.as_ref() != Some(o));
                let look = match (differs, cell.reason.trim().is_empty()) {
                    (false, _) => Look::Plain,
                    (true, true) => Look::Unexplained,
                    (true, false) => Look::Differs,
                };
                let why = if look == Look::Unexplained { "!" } else { "" };
                return (format!("{}{why}{mark}", lang.dec(points)), look);
            }
            match (&cell.value, own) {
                (Some(v), Some(o)) if *v != o => {
                    let (why, look) = if cell.reason.trim().is_empty() {
                        ("!", Look::Unexplained)
                    } else {
                        ("", Look::Differs)
                    };
                    (
                        format!(
                            "{}≠{}{why}{mark}",
                            value_text(lang, item, v),
                            value_text(lang, item, &o)
                        ),
                        look,
                    )
                }
                (Some(v), _) => (format!("{}{mark}", value_text(lang, item, v)), Look::Plain),
                (None, Some(o)) => (
                    format!("({}){mark}", value_text(lang, item, &o)),
                    Look::Missing,
                ),
                (None, None) => (format!("·{mark}"), Look::Missing),
            }
        }
        Column::Sum(Section::Group(g)) => (lang.dec(result.groups[g]), Look::Plain),
        Column::Sum(Section::Bonus) => (lang.dec(result.bonus), Look::Plain),
        Column::Sum(Section::Penalty) => (lang.dec(result.penalty), Look::Plain),
        Column::Sum(Section::Vetoes) => (result.failed_vetoes.len().to_string(), Look::Plain),
    }
}

/// A unit's total, rank and band as the room sees them.
fn shown_of(app: &App, unit: usize, places: &[Option<(usize, bool)>]) -> Shown {
    standing::shown(
        app.lang,
        &app.covenant,
        app.period,
        app.results(),
        unit,
        places[unit],
    )
}

fn unit_label(app: &App, unit: usize) -> String {
    let bloc = &app.covenant.bloc;
    let member = &bloc.members[unit];
    let mark = if bloc.head == member.id {
        " ★"
    } else if bloc.deputy.as_deref() == Some(member.id.as_str()) {
        " ☆"
    } else {
        ""
    };
    format!("{}{mark}", member.short)
}

fn draw_grid(app: &App, frame: &mut Frame, area: Rect) {
    let lang = app.lang;
    let buf = frame.buffer_mut();
    let units = app.covenant.bloc.members.len();
    let left_width = (0..units)
        .map(|u| unit_label(app, u).width())
        .max()
        .unwrap_or(4)
        .max(lang.label(Label::Unit).width())
        + 1;
    let frozen = frozen_right(app);
    let right_width: usize = frozen.iter().map(|f| f.width + 1).sum();
    let middle = (area.width as usize).saturating_sub(left_width + right_width);

    // Horizontal scroll: keep the selected column in sight, moving as little as possible.
    let columns = app.columns();
    let selected = columns.iter().position(|c| *c == app.column).unwrap_or(0);
    let mut left = app.scroll.grid_left.get().min(selected);
    while left < selected
        && columns[left..=selected]
            .iter()
            .map(|c| width_of(app, *c) + 1)
            .sum::<usize>()
            > middle
    {
        left += 1;
    }
    app.scroll.grid_left.set(left);

    // Vertical scroll.
    let rows = (area.height as usize).saturating_sub(1).max(1);
    app.scroll.page.set(rows);
    let top = crate::tui::widgets::keep_in_sight(&app.scroll.grid_top, app.unit, rows);

    let header_style = Style::new().add_modifier(Modifier::BOLD);
    let sum_style = Style::new().fg(Color::Cyan);
    let y0 = area.y;
    let x0 = area.x;
    buf.set_stringn(x0, y0, lang.label(Label::Unit), left_width, header_style);

    // Scrolling columns.
    let mut hits = Vec::new();
    let mut x = x0 + left_width as u16;
    let end = x0 + (left_width + middle) as u16;
    for &column in &columns[left..] {
        let w = width_of(app, column);
        if x as usize + w > end as usize {
            break;
        }
        let mut style = if matches!(column, Column::Sum(_)) {
            header_style.patch(sum_style)
        } else {
            header_style
        };
        if column == app.column {
            style = style.add_modifier(Modifier::REVERSED);
        }
        buf.set_stringn(x, y0, column_header(app, column), w, style);
        hits.push((x, x + w as u16, column));
        for (row, unit) in (top..units).take(rows).enumerate() {
            let y = y0 + 1 + row as u16;
            let (text, look) = cell_text(app, unit, column);
            let mut style = if matches!(column, Column::Sum(_)) {
                sum_style
            } else {
                look.style()
            };
            if unit == app.unit && column == app.column {
                style = style.add_modifier(Modifier::REVERSED | Modifier::BOLD);
            }
            buf.set_stringn(x, y, fit(&text, w), w, style);
        }
        x += w as u16 + 1;
    }
    *app.scroll.hit_columns.borrow_mut() = hits;

    // Frozen columns on the right.
    let places = places(app.results(), app.rank_partial);
    let mut x = x0 + (area.width as usize - right_width) as u16 + 1;
    for (n, f) in frozen.iter().enumerate() {
        buf.set_stringn(x, y0, &f.header, f.width, header_style);
        for (row, unit) in (top..units).take(rows).enumerate() {
            let r = &app.results().units[unit];
            let shown = shown_of(app, unit, &places);
            let text = match n {
                0 => lang.dec(r.bonus),
                1 => lang.dec(r.penalty),
                2 => shown.total,
                3 => shown.rank,
                _ => shown.band,
            };
            let style = match n {
                2 if shown.partial => Style::new().fg(Color::DarkGray),
                2 => Style::new().add_modifier(Modifier::BOLD),
                _ => Style::new(),
            };
            buf.set_stringn(x, y0 + 1 + row as u16, fit(&text, f.width), f.width, style);
        }
        x += f.width as u16 + 1;
    }

    // Units, frozen on the left (drawn last so a long name never hides under a cell).
    let mut hit_rows = Vec::new();
    for (row, unit) in (top..units).take(rows).enumerate() {
        let y = y0 + 1 + row as u16;
        let style = if unit == app.unit {
            Style::new().add_modifier(Modifier::BOLD | Modifier::REVERSED)
        } else {
            Style::new()
        };
        buf.set_stringn(x0, y, " ".repeat(left_width), left_width, Style::new());
        buf.set_stringn(
            x0,
            y,
            fit(&unit_label(app, unit), left_width - 1),
            left_width - 1,
            style,
        );
        hit_rows.push((y, unit));
    }
    *app.scroll.hit_rows.borrow_mut() = hit_rows;
}
