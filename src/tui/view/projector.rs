//! The projector view drawn: the title and the banner, the unit and criterion being scored, then
//! one band of rows a unit with its rank and total in big digits when the wall has the room
//! (four rows a unit), in bold text when it has not. Colours come from the theme only, so that
//! a light wall is black on white and a dark one white on black.

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use tui_big_text::{BigText, PixelSize};
use unicode_width::UnicodeWidthStr;

use crate::i18n::Ui;
use crate::tui::app::App;
use crate::tui::display::fit;

use crate::tui::projector::{Board, BoardRow, Projector, Theme};

/// The rows a unit needs for big digits (the 8×8 font at half height or in quadrants).
const BIG_ROWS: u16 = 4;

/// The colours of a wall.
struct Palette {
    base: Style,
    dim: Style,
    draft: Style,
    frozen: Style,
    current: Style,
    partial: Style,
}

fn palette(theme: Theme) -> Palette {
    let (fg, bg, dim) = match theme {
        Theme::Dark => (Color::White, Color::Black, Color::Gray),
        Theme::Light => (Color::Black, Color::White, Color::DarkGray),
    };
    let base = Style::new().fg(fg).bg(bg);
    Palette {
        base,
        dim: base.fg(dim),
        draft: Style::new()
            .fg(Color::White)
            .bg(Color::Red)
            .add_modifier(Modifier::BOLD),
        frozen: Style::new()
            .fg(Color::White)
            .bg(Color::Blue)
            .add_modifier(Modifier::BOLD),
        current: base.add_modifier(Modifier::BOLD | Modifier::REVERSED),
        partial: base.fg(dim),
    }
}

pub fn draw(app: &App, projector: &Projector, frame: &mut Frame, area: Rect) {
    let lang = app.lang;
    let board = projector.held.clone().unwrap_or_else(|| app.board());
    let colours = palette(projector.theme);
    frame.render_widget(Block::new().style(colours.base), area);
    let [head, now, body, keys] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(area);

    // The title on the left, the banner on the right.
    let banner = format!(" {} ", board.banner);
    let banner_width = banner.width() as u16;
    let [title_area, banner_area] =
        Layout::horizontal([Constraint::Min(1), Constraint::Length(banner_width)]).areas(head);
    frame.render_widget(
        Paragraph::new(fit(&board.title, title_area.width as usize))
            .style(colours.base.add_modifier(Modifier::BOLD)),
        title_area,
    );
    let banner_style = if board.frozen {
        colours.frozen
    } else {
        colours.draft
    };
    frame.render_widget(Paragraph::new(banner).style(banner_style), banner_area);

    let now_text = match projector.held {
        Some(_) => format!("⏸ {}", lang.ui(Ui::WallPaused)),
        None => board.now.clone(),
    };
    frame.render_widget(
        Paragraph::new(fit(&now_text, now.width as usize)).style(colours.dim),
        now,
    );

    draw_rows(&board, &colours, frame, body);
    crate::tui::view::draw_hints(lang, app.context(), frame, keys);
}

fn draw_rows(board: &Board, colours: &Palette, frame: &mut Frame, area: Rect) {
    if board.rows.is_empty() {
        return;
    }
    let units = board.rows.len() as u16;
    // A blank row between units when there is room for it.
    let per_unit = (area.height / units).max(1);
    let big = per_unit >= BIG_ROWS;
    let height = if big { BIG_ROWS } else { 1 };
    // The rows spread over the wall: a blank row between units where there is room.
    let step = per_unit.min(BIG_ROWS + 1).max(height);
    let size = pixel_size(board, area.width);
    let (rank_width, total_width) = if big {
        let cell = char_width(size);
        let widest = |f: fn(&BoardRow) -> &String| {
            board.rows.iter().map(|r| f(r).width()).max().unwrap_or(1) as u16
        };
        (widest(|r| &r.rank) * cell, widest(|r| &r.total) * cell)
    } else {
        (4, 10)
    };
    for (n, row) in board.rows.iter().enumerate() {
        let y = area.y + n as u16 * step;
        if y + height > area.bottom() {
            break;
        }
        let line = Rect::new(area.x, y, area.width, height);
        let [rank_area, _, name_area, total_area] = Layout::horizontal([
            Constraint::Length(rank_width),
            Constraint::Length(2),
            Constraint::Min(10),
            Constraint::Length(total_width),
        ])
        .areas(line);
        let style = if row.partial {
            colours.partial
        } else {
            colours.base
        };
        if big {
            big_text(&row.rank, size, style, Alignment::Left, frame, rank_area);
            big_text(&row.total, size, style, Alignment::Right, frame, total_area);
        } else {
            let bold = style.add_modifier(Modifier::BOLD);
            frame.render_widget(Paragraph::new(row.rank.clone()).style(bold), rank_area);
            frame.render_widget(
                Paragraph::new(row.total.clone())
                    .style(bold)
                    .alignment(Alignment::Right),
                total_area,
            );
        }
        // The name in plain text, the band and what marks the total beside or below it.
        let name_style = if row.current {
            colours.current
        } else {
            style.add_modifier(Modifier::BOLD)
        };
        let mark = if row.current { "▶ " } else { "" };
        let detail = [row.band.as_str(), row.note.as_str()]
            .into_iter()
            .filter(|t| !t.is_empty())
            .collect::<Vec<_>>()
            .join(" · ");
        let mut lines = vec![Line::from(Span::styled(
            format!("{mark}{}", row.name),
            name_style,
        ))];
        if big {
            lines.insert(0, Line::from(""));
            lines.push(Line::from(Span::styled(detail, style)));
        } else {
            lines[0]
                .spans
                .push(Span::styled(format!("  {detail}"), style));
        }
        frame.render_widget(Paragraph::new(lines), name_area);
    }
}

/// Half-height glyphs (8 columns a character) where the widest rank and total fit with room
/// for the names; quadrants (4 columns) otherwise.
fn pixel_size(board: &Board, width: u16) -> PixelSize {
    let chars = |f: fn(&BoardRow) -> usize| board.rows.iter().map(f).max().unwrap_or(1) as u16;
    let digits = chars(|r| r.rank.width()) + chars(|r| r.total.width());
    if digits * 8 + 30 <= width {
        PixelSize::HalfHeight
    } else {
        PixelSize::Quadrant
    }
}

fn char_width(size: PixelSize) -> u16 {
    match size {
        PixelSize::HalfHeight => 8,
        _ => 4,
    }
}

fn big_text(
    text: &str,
    size: PixelSize,
    style: Style,
    alignment: Alignment,
    frame: &mut Frame,
    area: Rect,
) {
    let widget = BigText::builder()
        .pixel_size(size)
        .style(style)
        .alignment(alignment)
        .lines(vec![Line::from(text.to_string())])
        .build();
    frame.render_widget(widget, area);
}
