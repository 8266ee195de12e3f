//! `r`: the live page's address and a code to scan, over the screen, with what to do when the
//! phones cannot reach it. Esc closes it (the page goes on); `x` stops the page.

use qrcode::QrCode;
use qrcode::render::unicode::Dense1x2;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Style, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use crate::i18n::{Lang, Ui};
use crate::room::Room;

pub fn draw(lang: Lang, room: &Room, frame: &mut Frame, area: Rect) {
    let code = qr_lines(&room.url);
    let code_width = code.iter().map(|l| l.chars().count()).max().unwrap_or(0) as u16;
    // Dark modules on a light ground, whatever the terminal's colours, so that phones read it.
    let ink = Style::new().fg(Color::Black).bg(Color::White);
    let code: Vec<Line> = code
        .into_iter()
        .map(|l| Line::from(Span::styled(l, ink)))
        .collect();
    let mut words = vec![
        Line::from(lang.ui(Ui::RoomHow)),
        Line::from(""),
        Line::from(lang.ui(Ui::RoomNetwork)).italic(),
    ];
    // No private network was found (or 127.0.0.1 was asked for): only this laptop can open it.
    if room.addr.ip().is_loopback() {
        words.insert(0, Line::from(""));
        words.insert(0, Line::from(lang.ui(Ui::RoomLoopback)).yellow().bold());
    }
    // The words beside the code, so that both fit on 80×24.
    let width = area.width.saturating_sub(2).min(110);
    let words_width = width.saturating_sub(code_width + 4).max(20);
    let words_height = crate::tui::widgets::wrapped_height(&words, words_width);
    let height = (3 + (code.len() as u16).max(words_height)).min(area.height);
    let popup = crate::tui::widgets::overlay(frame, area, width, height);
    let block = Block::bordered().title(Span::from(format!(" {} ", lang.ui(Ui::RoomTitle))).bold());
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let [url, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(inner);
    frame.render_widget(Paragraph::new(Span::from(room.url.clone()).bold()), url);
    let [code_area, _, words_area] = Layout::horizontal([
        Constraint::Length(code_width),
        Constraint::Length(1),
        Constraint::Min(10),
    ])
    .areas(body);
    frame.render_widget(Paragraph::new(code), code_area);
    frame.render_widget(Paragraph::new(words).wrap(Wrap { trim: true }), words_area);
}

/// The address as a QR code, two modules a character cell, with its quiet zone.
fn qr_lines(url: &str) -> Vec<String> {
    match QrCode::new(url.as_bytes()) {
        Ok(code) => code
            .render::<Dense1x2>()
            .dark_color(Dense1x2::Dark)
            .light_color(Dense1x2::Light)
            .quiet_zone(true)
            .build()
            .lines()
            .map(str::to_string)
            .collect(),
        Err(_) => Vec::new(),
    }
}
