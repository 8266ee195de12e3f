//! The written sections' list and editor, drawn over the screen.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::{Style, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use crate::i18n::{Lang, Msg, Ui};
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
    if let Some(draft) = &dialog.draft {
        draw_editor(app, draft, frame, popup);
    } else if let Some(form) = &dialog.election {
        draw_election(app, form, frame, popup);
    } else if let Some(form) = &dialog.minutes {
        super::minutes_draw::draw(app, form, frame, popup);
    } else {
        draw_list(app, dialog, frame, popup);
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
        let chosen = n == dialog.selected;
        let title = format!("{}. {}", n + 1, spec.title_in(app.year));
        lines.push(entry(lang, &title, chosen, state, spec.required));
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
        let title = format!(
            "{}. {} {}",
            specs.len() + 1,
            lang.ui(Ui::ElectionEntry),
            app.year + 1
        );
        let state = match app.session.election() {
            Some(e) => Span::from(format!(
                "{} / {}",
                short(app, &e.head),
                short(app, &e.deputy)
            ))
            .green(),
            None => Span::from(lang.ui(Ui::ElectionNone)).yellow(),
        };
        lines.push(entry(lang, &title, chosen, state, true));
    }
    // The minutes: issued with the report once the attendance is recorded.
    let listed = super::entries(app.covenant, app.period);
    let chosen = dialog.selected == listed.len() - 1;
    let title = format!("{}. {}", listed.len(), lang.ui(Ui::MinutesEntry));
    let (state, explained) = match app.records().attendance() {
        Some(a) => (
            Span::from(lang.msg(&Msg::MinutesUnits(a.units.len()))).green(),
            Line::from(lang.msg(&Msg::MinutesReady {
                units: a.units.len(),
                counts: app.records().counts().len(),
            })),
        ),
        None => (
            Span::from(lang.ui(Ui::MinutesNotRecorded)).yellow(),
            Line::from(lang.msg(&Msg::MinutesNotYet)),
        ),
    };
    // A final year-end report needs them: the nominations go upward with them.
    let required = app.period == crate::model::Period::YearEnd;
    lines.push(entry(lang, &title, chosen, state, required));
    if chosen {
        lines.push(explained.italic());
    }
    let block =
        Block::bordered().title(Span::from(format!(" {} ", lang.ui(Ui::WritingTitle))).bold());
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        area,
    );
}

/// A line of the list: the entry's number and title (reversed when chosen), its state, and
/// whether a final report needs it.
fn entry(
    lang: Lang,
    title: &str,
    chosen: bool,
    state: Span<'static>,
    required: bool,
) -> Line<'static> {
    let mark = if chosen { "▸ " } else { "  " };
    let mut title = Span::from(format!("{mark}{title}"));
    if chosen {
        title = title.bold().reversed();
    }
    let required = if required {
        format!(" · {}", lang.ui(Ui::WritingRequired))
    } else {
        String::new()
    };
    Line::from(vec![
        title,
        Span::from("  "),
        state,
        Span::from(required).dark_gray(),
    ])
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
