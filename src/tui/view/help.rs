//! The help overlay: every key of the screen it was opened on, from the keymap, filtered by
//! what the user types.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::Stylize;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use unicode_width::UnicodeWidthStr;

use crate::i18n::Ui;
use crate::i18n::compare::CompareText;
use crate::tui::app::{App, Screen};
use crate::tui::field::TextField;
use crate::tui::keymap::Context;

pub fn draw(app: &App, filter: &TextField, frame: &mut Frame, area: Rect) {
    let lang = app.lang;
    let (context, screen) = match app.screen {
        Screen::Grid => (Context::Grid, Ui::ScreenGrid),
        Screen::Card => (Context::Card, Ui::ScreenCard),
        Screen::Ranking => (Context::Ranking, Ui::ScreenRanking),
        Screen::Compare => (Context::Compare, Ui::Compare(CompareText::Screen)),
    };
    let rows = crate::tui::widgets::entries(lang, context, filter.text());
    // Tall enough for every key in one column if the terminal allows, else two columns.
    let width = area.width.saturating_sub(4).min(100);
    let height = (rows.len() as u16 + 3).min(area.height.saturating_sub(2));
    let popup = crate::tui::widgets::overlay(frame, area, width, height);
    let block = Block::bordered().title(
        Span::from(format!(
            " {} · {} ",
            lang.ui(Ui::HelpTitle),
            lang.ui(screen)
        ))
        .bold(),
    );
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let [filter_area, list] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(inner);
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::from(format!("{}: ", lang.ui(Ui::HelpFilter))).bold(),
            Span::from(filter.text().to_string()),
        ])),
        filter_area,
    );
    if rows.is_empty() {
        frame.render_widget(
            Paragraph::new(Line::from(lang.ui(Ui::NoMatchingKeys)).italic()),
            list,
        );
    }
    let per_column = (list.height as usize).max(1);
    let columns = rows.len().div_ceil(per_column).max(1);
    let areas = Layout::horizontal(vec![Constraint::Fill(1); columns]).split(list);
    for (chunk, column_area) in rows.chunks(per_column).zip(areas.iter()) {
        let key_width = chunk.iter().map(|(k, _)| k.width()).max().unwrap_or(4) + 2;
        let lines: Vec<Line> = chunk
            .iter()
            .map(|(k, d)| {
                let pad = key_width.saturating_sub(k.width());
                Line::from(vec![
                    Span::from(format!(" {k}{}", " ".repeat(pad))).bold(),
                    Span::from(d.clone()),
                ])
            })
            .collect();
        frame.render_widget(Paragraph::new(lines), *column_area);
    }
    let label = format!("{}: ", lang.ui(Ui::HelpFilter)).width();
    frame.set_cursor_position(Position::new(
        inner.x + (label + filter.cursor_position().1) as u16,
        inner.y,
    ));
}
