//! The written sections' list and editor, drawn over the screen.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::{Style, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use crate::i18n::{Msg, Ui};
use crate::model::limits::MAX_SECTION_CHARS;
use crate::tui::dialog::Seen;
use crate::tui::widgets::{overlay, wrapped_height};
use crate::tui::wrap;

use super::election::{ElectionForm, Field};
use super::{Draft, Writing};
use crate::tui::field::TextField;

pub fn draw(app: &Seen, dialog: &Writing, frame: &mut Frame, area: Rect) {
    let width = area.width.saturating_sub(4).min(100);
    let height = area.height.saturating_sub(2);
    let popup = overlay(frame, area, width, height);
    match (&dialog.draft, &dialog.election) {
        (Some(draft), _) => draw_editor(app, draft, frame, popup),
        (None, Some(form)) => draw_election(app, form, frame, popup),
        (None, None) => draw_list(app, dialog, frame, popup),
    }
}

fn draw_list(app: &Seen, dialog: &Writing, frame: &mut Frame, area: Rect) {
    let lang = app.lang;
    let specs = app.covenant.scheme.sections.of(app.period);
    let mut lines = vec![
        Line::from(lang.ui(Ui::WritingIntro)).italic(),
        Line::from(""),
    ];
    for (n, spec) in specs.iter().enumerate() {
        let text = app.session.section(&spec.id);
        let chars = text.chars().count();
        let state = if chars == 0 {
            Span::from(lang.ui(Ui::WritingEmpty)).yellow()
        } else {
            Span::from(lang.msg(&Msg::WritingChars(chars))).green()
        };
        let required = if spec.required {
            format!(" · {}", lang.ui(Ui::WritingRequired))
        } else {
            String::new()
        };
        let chosen = n == dialog.selected;
        let mark = if chosen { "▸ " } else { "  " };
        let mut title = Span::from(format!("{mark}{}. {}", n + 1, spec.title_in(app.year)));
        if chosen {
            title = title.bold().reversed();
        }
        lines.push(Line::from(vec![
            title,
            Span::from("  "),
            state,
            Span::from(required).dark_gray(),
        ]));
        if chosen {
            if !spec.guidance.is_empty() {
                lines.push(Line::from(format!("     {}", spec.guidance)).italic());
            }
            if let Some(first) = text.lines().find(|l| !l.trim().is_empty()) {
                lines.push(Line::from(format!("     “{}”", clip(first, 70))).dark_gray());
            }
        }
    }
    if app.period == crate::model::Period::YearEnd {
        let chosen = dialog.selected == specs.len();
        let mark = if chosen { "▸ " } else { "  " };
        let mut title = Span::from(format!(
            "{mark}{}. {} {}",
            specs.len() + 1,
            lang.ui(Ui::ElectionEntry),
            app.year + 1
        ));
        if chosen {
            title = title.bold().reversed();
        }
        let state = match app.session.election() {
            Some(e) => Span::from(format!(
                "{} / {}",
                short(app, &e.head),
                short(app, &e.deputy)
            ))
            .green(),
            None => Span::from(lang.ui(Ui::ElectionNone)).yellow(),
        };
        lines.push(Line::from(vec![
            title,
            Span::from("  "),
            state,
            Span::from(format!(" · {}", lang.ui(Ui::WritingRequired))).dark_gray(),
        ]));
    }
    // The minutes' attendance is recorded from a file (`thidua minutes`): said here, so that the
    // head knows whether minutes will be issued with the report.
    lines.push(Line::from(""));
    lines.push(match app.records().attendance() {
        Some(a) => Line::from(lang.msg(&Msg::MinutesReady {
            units: a.units.len(),
            counts: app.records().counts().len(),
        }))
        .green(),
        None => Line::from(lang.msg(&Msg::MinutesNotYet)).dark_gray(),
    });
    let block =
        Block::bordered().title(Span::from(format!(" {} ", lang.ui(Ui::WritingTitle))).bold());
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        area,
    );
}

fn draw_editor(app: &Seen, draft: &Draft, frame: &mut Frame, area: Rect) {
    let lang = app.lang;
    let spec = app
        .covenant
        .scheme
        .sections
        .find(app.period, &draft.id)
        .map(|(_, s)| s);
    let title = spec.map(|s| s.title_in(app.year)).unwrap_or_default();
    let block = Block::bordered().title(Span::from(format!(" {title} ")).bold());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let guidance = Line::from(spec.map(|s| s.guidance.clone()).unwrap_or_default())
        .italic()
        .dark_gray();
    // The guidance wraps over at most two rows; the text takes the rest.
    let guide_rows = wrapped_height(std::slice::from_ref(&guidance), inner.width).min(2);
    let [guide, text_area, foot] = Layout::vertical([
        Constraint::Length(guide_rows),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(inner);
    frame.render_widget(Paragraph::new(guidance).wrap(Wrap { trim: true }), guide);

    let text = draft.field.text();
    let width = text_area.width.max(1) as usize;
    let rows = wrap::rows(text, width);
    let (row, column) = wrap::locate(text, &rows, draft.field.cursor());
    let height = text_area.height.max(1) as usize;
    let top = crate::tui::widgets::keep_in_sight(&draft.top, row, height);
    draft.width.set(width);
    draft.height.set(height);
    let shown: Vec<Line> = rows
        .iter()
        .skip(top)
        .take(height)
        .map(|r| Line::from(text[r.start..r.end].to_string()))
        .collect();
    frame.render_widget(Paragraph::new(shown), text_area);
    if row >= top && row < top + height {
        frame.set_cursor_position(Position::new(
            text_area.x + (column as u16).min(text_area.width.saturating_sub(1)),
            text_area.y + (row - top) as u16,
        ));
    }

    let chars = text.chars().count();
    let foot_line = match &draft.error {
        Some(error) => Line::from(format!("✗ {}", error.text(lang))).red().bold(),
        None => {
            let state = if text == draft.saved {
                Span::from(lang.ui(Ui::WritingSaved)).green()
            } else {
                Span::from(lang.ui(Ui::WritingUnsaved)).yellow()
            };
            let count = Span::from(format!(
                "  {}",
                lang.msg(&Msg::WritingCount {
                    chars,
                    limit: MAX_SECTION_CHARS
                })
            ))
            .style(if chars > MAX_SECTION_CHARS {
                Style::new().red().bold()
            } else {
                Style::new().dark_gray()
            });
            Line::from(vec![state, count])
        }
    };
    frame.render_widget(Paragraph::new(foot_line), foot);
}

fn short(app: &Seen, id: &str) -> String {
    app.covenant
        .bloc
        .members
        .iter()
        .find(|m| m.id == id)
        .map_or_else(|| id.to_string(), |m| m.short.clone())
}

/// The election's form: the two units with ‹ › to change them, and the vote's figures.
fn draw_election(app: &Seen, form: &ElectionForm, frame: &mut Frame, area: Rect) {
    let lang = app.lang;
    let members = &app.covenant.bloc.members;
    let mark = |f: Field| if form.focus == f { "▸ " } else { "  " };
    let unit = |f: Field, label: Ui, index: usize| {
        let name = members.get(index).map_or("", |m| m.name.as_str());
        let value = if form.focus == f {
            Span::from(format!("‹ {name} ›")).bold().reversed()
        } else {
            Span::from(name.to_string())
        };
        Line::from(vec![
            Span::from(mark(f)),
            Span::from(lang.ui(label)).bold(),
            value,
        ])
    };
    let figure = |f: Field, label: Ui, field: &TextField| {
        let text = if form.focus == f {
            let (before, after) = field.text().split_at(field.cursor());
            format!("[{before}▏{after}]")
        } else {
            format!("[{}]", field.text())
        };
        Line::from(vec![
            Span::from(mark(f)),
            Span::from(lang.ui(label)).bold(),
            Span::from(text),
        ])
    };
    let mut lines = vec![
        Line::from(""),
        unit(Field::Head, Ui::ElectionHead, form.head),
        unit(Field::Deputy, Ui::ElectionDeputy, form.deputy),
        Line::from(""),
        Line::from(lang.ui(Ui::ElectionNoVote)).italic().dark_gray(),
        figure(Field::Present, Ui::ElectionPresent, &form.present),
        figure(Field::HeadVotes, Ui::ElectionHeadVotes, &form.head_votes),
        figure(
            Field::DeputyVotes,
            Ui::ElectionDeputyVotes,
            &form.deputy_votes,
        ),
    ];
    if let Some(error) = &form.error {
        lines.push(Line::from(""));
        lines.push(Line::from(format!("✗ {}", error.text(lang))).red().bold());
    }
    let title = format!(" {} {} ", lang.ui(Ui::ElectionEntry), app.year + 1);
    frame.render_widget(
        Paragraph::new(lines)
            .block(Block::bordered().title(Span::from(title).bold()))
            .wrap(Wrap { trim: false }),
        area,
    );
}

fn clip(text: &str, max: usize) -> String {
    crate::model::text::clip_to(text, max)
}
