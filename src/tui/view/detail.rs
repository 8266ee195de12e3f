//! The pane under the grid and the card: what the selected cell is and how it is scored, or
//! the editor of the cell.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Modifier, Style, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use crate::i18n::Ui;
use crate::i18n::scale_lines;
use crate::model::layout::{ItemKind, Rule};
use crate::model::scheme::Scale;
use crate::tui::app::{App, Column, Mode, Section};
use crate::tui::display::value_text;
use crate::tui::editor::{Editor, EditorKind, NoteEditor};

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    match &app.mode {
        Mode::Edit(editor) => draw_editor(app, editor, frame, area),
        Mode::Note(note) => draw_note(app, note, frame, area),
        _ => draw_detail(app, frame, area),
    }
}

fn pane(title: String) -> Block<'static> {
    Block::new()
        .borders(Borders::TOP)
        .title(Span::from(title).bold())
}

fn draw_detail(app: &App, frame: &mut Frame, area: Rect) {
    let lang = app.lang;
    let unit = app.unit;
    let member = &app.covenant.bloc.members[unit];
    let mut lines: Vec<Line> = Vec::new();
    let title = match app.column {
        Column::Item(i) => {
            let item = &app.covenant.layout.items[i];
            lines.push(Line::from(item.title.clone()).bold());
            // The unit's own score and the reason for a difference come first: at the meeting
            // they are what is discussed, and a small window must not hide them.
            let cell = app.cell(unit, i);
            let own = app.records().self_cell(unit, i);
            if let Some(v) = &own.value {
                let mut spans = vec![Span::from(format!(
                    "{}: {}",
                    lang.ui(Ui::SelfScore),
                    value_text(lang, item, v)
                ))];
                if !own.note.is_empty() {
                    spans.push(Span::from(format!(
                        " · {}: {}",
                        lang.ui(Ui::Evidence),
                        own.note.replace('\n', " / ")
                    )));
                }
                lines.push(Line::from(spans));
                if cell.value.as_ref().is_some_and(|b| b != v) {
                    lines.push(if cell.reason.trim().is_empty() {
                        Line::from(format!(
                            "{}: {}",
                            lang.ui(Ui::Reason),
                            lang.ui(Ui::NoReason)
                        ))
                        .red()
                        .bold()
                    } else {
                        Line::from(format!("{}: {}", lang.ui(Ui::Reason), cell.reason)).yellow()
                    });
                }
            }
            if !app.covenant.applies(unit, i) {
                lines.push(Line::from(lang.ui(Ui::NotApplicable)).dark_gray().bold());
            }
            if !item.guidance.is_empty() {
                lines.push(Line::from(item.guidance.clone()).italic());
            }
            lines.extend(scale_lines(lang, item).into_iter().map(Line::from));
            if let Rule::Criterion {
                scale: Scale::Target { .. },
                ..
            } = item.rule
            {
                let achieved = match app.cell(unit, i).value {
                    Some(v) => value_text(lang, item, &v),
                    None => "—".into(),
                };
                lines.push(Line::from(match app.covenant.target(unit, i) {
                    Some(t) => format!(
                        "{}: {} · {}: {achieved}",
                        lang.ui(Ui::Target),
                        lang.dec(t),
                        lang.ui(Ui::Achieved)
                    ),
                    None => format!(
                        "{} · {}: {achieved}",
                        lang.ui(Ui::NoTarget),
                        lang.ui(Ui::Achieved)
                    ),
                }));
            }
            let cell = app.cell(unit, i);
            let points = app.results().units[unit].points[i];
            let mut result = vec![Span::from(format!("{}: ", lang.ui(Ui::Points)))];
            let value = cell
                .value
                .as_ref()
                .map(|v| value_text(lang, item, v))
                .unwrap_or_else(|| "—".into());
            let points_text = match (item.kind, points) {
                (ItemKind::Veto, _) | (_, None) => value,
                (ItemKind::Criterion, Some(p)) => {
                    let max = match &item.rule {
                        Rule::Criterion { max, .. } => *max,
                        _ => p,
                    };
                    format!("{value} → {} / {}", lang.dec(p), lang.dec(max))
                }
                (ItemKind::Penalty, Some(p)) => format!("{value} → −{}", lang.dec(p)),
                (ItemKind::Bonus, Some(p)) => format!("{value} → +{}", lang.dec(p)),
            };
            result.push(Span::from(points_text).bold());
            lines.push(Line::from(result));
            if !cell.note.is_empty() {
                lines.push(Line::from(format!("{}: {}", lang.ui(Ui::Note), cell.note)));
            }
            format!("{} · {}", item.label, member.name)
        }
        Column::Sum(section) => {
            let r = &app.results().units[unit];
            let (name, value) = match section {
                Section::Group(g) => {
                    let group = &app.covenant.layout.groups[g];
                    let cap = group
                        .cap
                        .map(|c| format!(" / {}", lang.dec(c)))
                        .unwrap_or_default();
                    // The scale's printed maximum, as information: it caps nothing.
                    let stated = group
                        .stated_max
                        .map(|s| format!(" ({} {})", lang.ui(Ui::StatedMax), lang.dec(s)))
                        .unwrap_or_default();
                    let cap = format!("{cap}{stated}");
                    (
                        format!("{} {}", group.label, group.title),
                        format!("{}{cap}", lang.dec(r.groups[g])),
                    )
                }
                Section::Bonus => (lang.ui(Ui::BonusItems).to_string(), lang.dec(r.bonus)),
                Section::Penalty => (lang.ui(Ui::PenaltyItems).to_string(), lang.dec(r.penalty)),
                Section::Vetoes => (
                    lang.ui(Ui::VetoItems).to_string(),
                    r.failed_vetoes
                        .iter()
                        .map(|i| app.covenant.layout.items[*i].label.clone())
                        .collect::<Vec<_>>()
                        .join(", "),
                ),
            };
            lines.push(Line::from(name).bold());
            lines.push(Line::from(vec![
                Span::from(format!("{}: ", lang.ui(Ui::Points))),
                Span::from(value).bold(),
            ]));
            if app.folded.contains(&section) {
                lines.push(Line::from(format!("({})", lang.ui(Ui::Folded))).dark_gray());
            }
            member.name.clone()
        }
    };
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(pane(title)),
        area,
    );
}

fn editor_title(app: &App, unit: usize, item: usize, what: Ui) -> String {
    format!(
        "{} · {} · {}",
        app.lang.ui(what),
        app.covenant.layout.items[item].label,
        app.covenant.bloc.members[unit].name
    )
}

fn draw_editor(app: &App, editor: &Editor, frame: &mut Frame, area: Rect) {
    let lang = app.lang;
    let item = &app.covenant.layout.items[editor.item];
    let block = pane(editor_title(app, editor.unit, editor.item, Ui::EditValue));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let mut lines: Vec<Line> = vec![Line::from(item.title.clone()).bold()];
    let error = editor
        .error
        .as_ref()
        .map(|e| Span::from(format!("  ✗ {}", e.text(lang))).red().bold());
    match &editor.kind {
        EditorKind::Choice {
            options, selected, ..
        } => {
            for (n, (_, label)) in options.iter().enumerate() {
                let text = format!(" {} {label} ", n + 1);
                lines.push(if n == *selected {
                    Line::from(Span::from(text).reversed().bold())
                } else {
                    Line::from(text)
                });
            }
            if let Some(e) = error {
                lines.push(Line::from(e));
            }
        }
        EditorKind::Number(field) => {
            let mut input = vec![
                Span::from("> "),
                Span::from(field.text().to_string()).bold(),
            ];
            input.extend(error);
            let row = inner.y + lines.len() as u16;
            lines.push(Line::from(input));
            lines.extend(scale_lines(lang, item).into_iter().map(Line::from));
            let (_, col) = field.cursor_position();
            if row < inner.bottom() {
                frame.set_cursor_position(Position::new(
                    (inner.x + 2 + col as u16).min(inner.right().saturating_sub(1)),
                    row,
                ));
            }
        }
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}

fn draw_note(app: &App, note: &NoteEditor, frame: &mut Frame, area: Rect) {
    let block = pane(editor_title(app, note.unit, note.item, Ui::EditNote));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let mut lines: Vec<Line> = note
        .field
        .text()
        .split('\n')
        .map(|l| Line::from(l.to_string()))
        .collect();
    if let Some(e) = &note.error {
        lines.push(Line::from(
            Span::from(format!("✗ {}", e.text(app.lang))).red().bold(),
        ));
    }
    let (row, col) = note.field.cursor_position();
    frame.render_widget(
        Paragraph::new(lines).style(Style::new().add_modifier(Modifier::empty())),
        inner,
    );
    let y = inner.y + row as u16;
    if y < inner.bottom() {
        frame.set_cursor_position(Position::new(
            (inner.x + col as u16).min(inner.right().saturating_sub(1)),
            y,
        ));
    }
}
