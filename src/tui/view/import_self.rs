//! The box asking which self-score files to import: the path with its cursor, the entries Tab
//! found, and what the last import took or refused.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Stylize;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use crate::i18n::Ui;
use crate::tui::app::App;
use crate::tui::import_self::ImportSelf;

/// Candidates and refusals shown at most; the rest is counted.
const MAX_LISTED: usize = 12;

pub fn draw(app: &App, dialog: &ImportSelf, frame: &mut Frame, area: Rect) {
    let lang = app.lang;
    let mut lines: Vec<Line> = vec![Line::from(lang.ui(Ui::ImportSelfAsk)).italic()];
    let (before, after) = dialog.field.text().split_at(dialog.field.cursor());
    lines.push(Line::from(vec![
        Span::from("> ").bold(),
        Span::from(before.to_string()),
        Span::from("▏"),
        Span::from(after.to_string()),
    ]));
    if !dialog.candidates.is_empty() {
        lines.push(Line::from(lang.ui(Ui::ImportSelfFits)).bold());
        for c in dialog.candidates.iter().take(MAX_LISTED) {
            lines.push(Line::from(format!("  {c}")));
        }
        more(&mut lines, dialog.candidates.len());
    }
    if let Some(said) = &dialog.said {
        let line = Line::from(said.text(lang)).bold();
        lines.push(if dialog.refused.is_empty() {
            line.red()
        } else {
            line.yellow()
        });
    }
    let refusals: Vec<String> = dialog
        .refused
        .iter()
        .flat_map(|(file, refusal)| refusal.lines(lang, file))
        .collect();
    for text in refusals.iter().take(MAX_LISTED) {
        lines.push(Line::from(format!("✗ {text}")).red());
    }
    more(&mut lines, refusals.len());
    let width = area.width.saturating_sub(4).min(96);
    let height =
        (super::prompt::wrapped_height(&lines, width.saturating_sub(2)) + 2).min(area.height);
    let popup = super::overlay(frame, area, width, height);
    let block =
        Block::bordered().title(Span::from(format!(" {} ", lang.ui(Ui::ImportSelfTitle))).bold());
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        popup,
    );
}

/// "…" and how many more, when a list was cut.
fn more(lines: &mut Vec<Line>, total: usize) {
    if total > MAX_LISTED {
        lines.push(Line::from(format!("  … (+{})", total - MAX_LISTED)).dark_gray());
    }
}
