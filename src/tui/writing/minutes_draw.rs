//! The minutes' form drawn over the screen: one row a person under the chair, the secretary
//! and each member unit, then each count record's committee and ballots; the rows scroll, the
//! state and any refusal stay on the last line.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::Stylize;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::i18n::{Msg, Ui};
use crate::tui::dialog::Seen;
use crate::tui::field::TextField;
use crate::tui::widgets::keep_in_sight;

use super::minutes::{MinutesForm, Part};

/// The label column: a unit's short name, "Chair", "Secretary".
const LABEL: usize = 18;
/// A ballot figure's box.
const FIGURE: usize = 4;

pub fn draw(app: &Seen, form: &MinutesForm, frame: &mut Frame, area: Rect) {
    let lang = app.lang;
    let title = format!(" {} ", lang.ui(Ui::MinutesEntry));
    let block = Block::bordered().title(Span::from(title).bold());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let foot_lines = foot_lines(app, form);
    // The refusal and what Esc does next stay in sight, however long the message.
    let foot_height = crate::tui::widgets::wrapped_height(&foot_lines, inner.width).clamp(1, 4);
    let [body, foot] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(foot_height)]).areas(inner);
    let width = body.width as usize;
    let rest = width.saturating_sub(LABEL + 2);
    let name_width = rest * 2 / 5;
    let post_width = rest.saturating_sub(name_width + 1);

    let members = &app.covenant.bloc.members;
    let mut lines: Vec<Line> = vec![
        Line::from(fit_text(lang.ui(Ui::MinutesIntro), width))
            .italic()
            .dark_gray(),
        Line::from(vec![
            Span::from(lang.ui(Ui::MinutesAttendance)).bold(),
            Span::from(format!(
                "  {}",
                lang.msg(&Msg::MinutesPresent {
                    present: form.present(),
                    members: members.len(),
                })
            ))
            .dark_gray(),
        ]),
        Line::from(format!(
            "{}  {} {}",
            pad("", LABEL),
            pad(lang.ui(Ui::MinutesName), name_width),
            pad(lang.ui(Ui::MinutesPost), post_width)
        ))
        .dark_gray(),
    ];
    // Where the focused field starts on its line, to place the cursor.
    let mut cursor: Option<(usize, usize)> = None;
    for (at, row) in form.rows.iter().enumerate() {
        let first_of_part = at == 0 || form.rows[at - 1].part != row.part;
        if let Part::Committee(n) = row.part
            && first_of_part
        {
            let award = app
                .covenant
                .scheme
                .awards
                .iter()
                .find(|a| a.id == form.awards[n])
                .map_or_else(String::new, |a| a.title.clone());
            lines.push(Line::from(""));
            lines.push(Line::from(lang.msg(&Msg::MinutesCountTitle { award })).bold());
        }
        let focused = |field: usize| at == form.row && field == form.field;
        let mut spans = Vec::new();
        let mut column = 0;
        let mut field_span = |spans: &mut Vec<Span<'static>>,
                              column: &mut usize,
                              field: &TextField,
                              index: usize,
                              width: usize| {
            let (shown, before) = fit_field(field, width, focused(index));
            if focused(index) {
                cursor = Some((lines.len(), *column + before));
                spans.push(Span::from(shown).reversed());
            } else if field.text().is_empty() {
                spans.push(Span::from(pad("·", width)).dark_gray());
            } else {
                spans.push(Span::from(shown));
            }
            *column += width;
        };
        match row.part {
            Part::Ballots(_) => {
                let labels = [
                    Ui::MinutesIssued,
                    Ui::MinutesReceived,
                    Ui::MinutesValid,
                    Ui::MinutesInvalid,
                ];
                // Narrower than a person's row, so that the four figures fit in 80 columns.
                let lead = format!("{}: ", lang.ui(Ui::MinutesBallots));
                column += lead.width();
                spans.push(Span::from(lead).bold());
                for (index, (label, field)) in labels.iter().zip(&row.fields).enumerate() {
                    let label = format!("{} ", lang.ui(*label));
                    column += label.width();
                    spans.push(Span::from(label));
                    field_span(&mut spans, &mut column, field, index, FIGURE);
                    spans.push(Span::from("  "));
                    column += 2;
                }
            }
            part => {
                let label = if first_of_part {
                    match part {
                        Part::Chair => lang.ui(Ui::MinutesChair).to_string(),
                        Part::Secretary => lang.ui(Ui::MinutesSecretary).to_string(),
                        Part::Unit(u) => members[u].short.clone(),
                        _ => lang.ui(Ui::MinutesCommitteeHead).to_string(),
                    }
                } else if matches!(part, Part::Committee(_)) {
                    lang.ui(Ui::MinutesCommitteeMember).to_string()
                } else {
                    String::new()
                };
                let present = match part {
                    Part::Unit(u) => form
                        .rows
                        .iter()
                        .any(|r| r.part == Part::Unit(u) && !r.fields[0].text().trim().is_empty()),
                    _ => true,
                };
                let label = Span::from(pad(&label, LABEL + 2));
                spans.push(if present { label } else { label.dark_gray() });
                column += LABEL + 2;
                field_span(&mut spans, &mut column, &row.fields[0], 0, name_width);
                spans.push(Span::from(" "));
                column += 1;
                field_span(&mut spans, &mut column, &row.fields[1], 1, post_width);
            }
        }
        lines.push(Line::from(spans));
    }

    let height = body.height.max(1) as usize;
    let focus_line = cursor.map_or(0, |(line, _)| line);
    let top = keep_in_sight(&form.top, focus_line, height);
    let shown: Vec<Line> = lines.into_iter().skip(top).take(height).collect();
    frame.render_widget(Paragraph::new(shown), body);
    if let Some((line, column)) = cursor
        && line >= top
        && line < top + height
    {
        frame.set_cursor_position(Position::new(
            body.x + (column as u16).min(body.width.saturating_sub(1)),
            body.y + (line - top) as u16,
        ));
    }

    frame.render_widget(
        Paragraph::new(foot_lines).wrap(ratatui::widgets::Wrap { trim: true }),
        foot,
    );
}

/// The form's state, or why it was not recorded and what Esc does now.
fn foot_lines(app: &Seen, form: &MinutesForm) -> Vec<Line<'static>> {
    let lang = app.lang;
    match &form.error {
        Some(error) => {
            let mut lines = vec![Line::from(format!("✗ {}", error.text(lang))).red().bold()];
            if form.warned {
                lines.push(Line::from(lang.ui(Ui::MinutesLeaveUnsaved)).yellow());
            }
            lines
        }
        None if form.changed(app.covenant) => {
            vec![Line::from(lang.ui(Ui::WritingUnsaved)).yellow()]
        }
        None => vec![Line::from(lang.ui(Ui::WritingSaved)).green()],
    }
}

/// The text in `width` columns, clipped with "…" when longer, padded with spaces.
fn pad(text: &str, width: usize) -> String {
    let mut shown = fit_text(text, width);
    let used = shown.width();
    shown.extend(std::iter::repeat_n(' ', width.saturating_sub(used)));
    shown
}

fn fit_text(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let mut shown = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        used += w;
        shown.push(c);
    }
    shown.push('…');
    shown
}

/// A field in `width` columns; when focused and longer, the part ending at the cursor, so that
/// what is being typed is always in sight. Returns the text and the cursor's column.
fn fit_field(field: &TextField, width: usize, focused: bool) -> (String, usize) {
    let text = field.text();
    if !focused {
        return (pad(text, width), 0);
    }
    let before = &text[..field.cursor()];
    if before.width() < width {
        return (pad(text, width), before.width());
    }
    // Keep the last columns before the cursor, after a "…".
    let mut kept: Vec<char> = Vec::new();
    let mut used = 0;
    for c in before.chars().rev() {
        let w = c.width().unwrap_or(0);
        if used + w + 2 > width {
            break;
        }
        used += w;
        kept.push(c);
    }
    let shown: String = std::iter::once('…').chain(kept.into_iter().rev()).collect();
    let column = shown.width();
    (pad(&shown, width), column)
}
