//! The help overlay: every key of the screen it was opened on, from the keymap, filtered by
//! what the user types.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Position, Rect};
use ratatui::style::Stylize;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

use crate::i18n::Ui;
use crate::tui::app::{App, Screen};
use crate::tui::field::TextField;
use crate::tui::keymap::{self, Context};

/// The lines of the help for a context: keys and description, those matching `filter`.
pub fn entries(lang: crate::i18n::Lang, context: Context, filter: &str) -> Vec<(String, String)> {
    let filter = filter.to_lowercase();
    keymap::bindings(context)
        .into_iter()
        .map(|b| (keymap::keys_label(b, lang), lang.ui(b.describe).to_string()))
        .filter(|(k, d)| {
            filter.is_empty()
                || k.to_lowercase().contains(&filter)
                || d.to_lowercase().contains(&filter)
        })
        .collect()
}

pub fn draw(app: &App, filter: &TextField, frame: &mut Frame, area: Rect) {
    let lang = app.lang;
    let (context, screen) = match app.screen {
        Screen::Grid => (Context::Grid, Ui::ScreenGrid),
        Screen::Card => (Context::Card, Ui::ScreenCard),
        Screen::Ranking => (Context::Ranking, Ui::ScreenRanking),
    };
    let [popup] = Layout::horizontal([Constraint::Percentage(80)])
        .flex(Flex::Center)
        .areas(area);
    let [popup] = Layout::vertical([Constraint::Percentage(80)])
        .flex(Flex::Center)
        .areas(popup);
    frame.render_widget(Clear, popup);
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
    let rows = entries(lang, context, filter.text());
    let key_width = rows.iter().map(|(k, _)| k.width()).max().unwrap_or(4) + 2;
    let mut lines = vec![Line::from(vec![
        Span::from(format!("{}: ", lang.ui(Ui::HelpFilter))).bold(),
        Span::from(filter.text().to_string()),
    ])];
    if rows.is_empty() {
        lines.push(Line::from(lang.ui(Ui::NoMatchingKeys)).italic());
    }
    for (k, d) in rows {
        let pad = key_width.saturating_sub(k.width());
        lines.push(Line::from(vec![
            Span::from(format!(" {k}{}", " ".repeat(pad))).bold(),
            Span::from(d),
        ]));
    }
    let label = format!("{}: ", lang.ui(Ui::HelpFilter)).width();
    frame.render_widget(Paragraph::new(lines), inner);
    frame.set_cursor_position(Position::new(
        inner.x + (label + filter.cursor_position().1) as u16,
        inner.y,
    ));
}
