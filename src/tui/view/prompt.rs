//! The small question boxes: a reason, freezing or reopening, taking self-scores.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Stylize;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use crate::i18n::{Msg, Ui};
use crate::tui::app::App;
use crate::tui::display::value_long;
use crate::tui::prompt::{AcceptScope, Ask, Prompt, accepted_cells};

pub fn draw(app: &App, prompt: &Prompt, frame: &mut Frame, area: Rect) {
    let lang = app.lang;
    let mut lines: Vec<Line> = Vec::new();
    let title = match &prompt.ask {
        Ask::Reason {
            unit,
            item,
            value,
            field,
        } => {
            let spec = &app.covenant.layout.items[*item];
            let own = app
                .records()
                .self_cell(*unit, *item)
                .value
                .map(|v| value_long(lang, spec, &v))
                .unwrap_or_default();
            lines.push(Line::from(lang.msg(&Msg::ReasonAsk {
                unit: app.unit_name(*unit),
                item: spec.code.clone(),
                entered: value_long(lang, spec, value),
                own,
            })));
            let evidence = app.records().self_cell(*unit, *item).note;
            if !evidence.is_empty() {
                lines.push(Line::from(format!("{}: {evidence}", lang.ui(Ui::Evidence))).italic());
            }
            lines.push(field_line(field.text()));
            Ui::ReasonTitle
        }
        Ask::Freeze => {
            lines.push(Line::from(lang.msg(&Msg::FreezeAsk {
                entered: app.results().entered,
                needed: app.results().needed,
                unexplained: app.records().unexplained().len(),
            })));
            lines.push(Line::from(lang.ui(Ui::FreezeConfirm)).italic());
            Ui::FreezeTitle
        }
        Ask::Reopen { field, signed } => {
            let at = app
                .records()
                .frozen()
                .map(|f| f.at.format("%H:%M %d/%m/%Y").to_string())
                .unwrap_or_default();
            lines.push(Line::from(lang.msg(&Msg::ReopenAsk { at })));
            if let Some(version) = signed {
                lines.push(
                    Line::from(lang.msg(&Msg::ReopenAfterSigned { version: *version }))
                        .yellow()
                        .bold(),
                );
            }
            lines.push(field_line(field.text()));
            Ui::ReopenTitle
        }
        Ask::Accept { choice } => {
            for (n, scope) in AcceptScope::ALL.iter().enumerate() {
                let cells = accepted_cells(
                    app.records(),
                    app.card_items(),
                    (app.unit, app.selected_item()),
                    *scope,
                )
                .len();
                let text = match scope {
                    AcceptScope::Cell => match app.selected_item() {
                        Some(i) => {
                            let spec = &app.covenant.layout.items[i];
                            lang.msg(&Msg::AcceptCell {
                                item: spec.code.clone(),
                                value: app
                                    .records()
                                    .self_cell(app.unit, i)
                                    .value
                                    .map(|v| value_long(lang, spec, &v))
                                    .unwrap_or_else(|| "—".into()),
                            })
                        }
                        None => lang.ui(Ui::AcceptNoCell).to_string(),
                    },
                    AcceptScope::Unit => lang.msg(&Msg::AcceptUnit {
                        unit: app.unit_name(app.unit),
                        cells,
                    }),
                    AcceptScope::All => lang.msg(&Msg::AcceptAll { cells }),
                };
                let line = Line::from(format!(" {} {text} ", n + 1));
                lines.push(if scope == choice {
                    line.reversed().bold()
                } else if cells == 0 {
                    line.dark_gray()
                } else {
                    line
                });
            }
            lines.push(Line::from(lang.ui(Ui::AcceptKeepsScores)).italic());
            Ui::AcceptTitle
        }
    };
    if let Some(error) = &prompt.error {
        lines.push(Line::from(error.text(app.lang)).red().bold());
    }
    let width = area.width.saturating_sub(4).min(84);
    let height = (wrapped_height(&lines, width.saturating_sub(2)) + 2).min(area.height);
    let popup = super::overlay(frame, area, width, height);
    let block = Block::bordered().title(Span::from(format!(" {} ", lang.ui(title))).bold());
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        popup,
    );
}

fn field_line(text: &str) -> Line<'static> {
    Line::from(vec![
        Span::from("> ").bold(),
        Span::from(text.to_string()),
        Span::from("▏"),
    ])
}

/// Rows the lines take once wrapped to `width` columns.
pub(super) fn wrapped_height(lines: &[Line], width: u16) -> u16 {
    let width = usize::from(width.max(1));
    lines
        .iter()
        .map(|l| l.width().max(1).div_ceil(width) as u16)
        .sum()
}
