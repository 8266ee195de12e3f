//! Drawing: every screen is a function of the state. Nothing here changes the session; the
//! only things written back are scroll offsets, so that the selection stays in sight.

mod card;
mod compare;
mod detail;
pub mod grid;
mod help;
mod projector;
mod ranking;

use ratatui::Frame;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::i18n::{Label, Lang, Msg, Ui};
use crate::model::Period;

use super::app::{App, Mode, Screen, Status};
use super::keymap::{self, Context};

/// The smallest terminal the screens are laid out for.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

pub fn draw(app: &App, frame: &mut Frame) {
    let area = frame.area();
    let small = too_small(app.lang, frame);
    app.scroll.too_small.set(small);
    if small {
        return;
    }
    // The wall while the head moves and enters; a dialog brings the screen back.
    if let Some(projector) = &app.projector
        && matches!(app.mode, Mode::Navigate | Mode::Edit(_))
    {
        projector::draw(app, projector, frame, area);
        return;
    }
    let [header, tabs, body, status, hints] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    draw_header(app, frame, header);
    draw_tabs(app, frame, tabs);
    match app.screen {
        Screen::Grid => grid::draw(app, frame, body),
        Screen::Card => card::draw(app, frame, body),
        Screen::Ranking => ranking::draw(app, frame, body),
        Screen::Compare => compare::draw(app, frame, body),
    }
    draw_status(app, frame, status);
    draw_hints(app.lang, app.context(), frame, hints);
    if let Mode::Help(filter) = &app.mode {
        help::draw(app, filter, frame, area);
    }
    if let Mode::Sign(dialog) = &app.mode {
        crate::tui::sign::draw(&app.seen(), dialog, frame, area);
    }
    if let Mode::Votes(form) = &app.mode {
        crate::tui::votes::draw::draw(&app.seen(), form, frame, area);
    }
    if let Mode::Log(view) = &app.mode {
        crate::tui::history::draw::draw(&app.seen(), view, frame, area);
    }
    if let Mode::Prompt(p) = &app.mode {
        crate::tui::prompt::draw(&app.seen(), p, frame, area);
    }
    if let Mode::Writing(dialog) = &app.mode {
        crate::tui::writing::draw::draw(&app.seen(), dialog, frame, area);
    }
    if let (Mode::RoomInfo, Some(room)) = (&app.mode, &app.room) {
        crate::tui::room_info::draw(app.lang, room, frame, area);
    }
    if let Mode::ImportSelf(dialog) = &app.mode {
        crate::tui::import_self::draw(&app.seen(), dialog, frame, area);
    }
}

/// Draws the "too small" message when the terminal is below 80×24; true if it did.
pub fn too_small(lang: Lang, frame: &mut Frame) -> bool {
    let area = frame.area();
    if area.width >= MIN_WIDTH && area.height >= MIN_HEIGHT {
        return false;
    }
    let text = lang.msg(&Msg::TooSmall {
        width: area.width,
        height: area.height,
    });
    frame.render_widget(
        Paragraph::new(text)
            .wrap(Wrap { trim: true })
            .style(Style::new().add_modifier(Modifier::BOLD)),
        area,
    );
    true
}

pub fn period_label(lang: Lang, period: Period) -> &'static str {
    lang.label(match period {
        Period::MidYear => Label::MidYear,
        Period::YearEnd => Label::YearEnd,
    })
}

fn draw_header(app: &App, frame: &mut Frame, area: Rect) {
    let lang = app.lang;
    let saved = if app.save_failed {
        Span::from(lang.ui(Ui::SaveFailed)).red().bold().reversed()
    } else {
        match app.last_saved() {
            Some(t) => {
                Span::from(lang.msg(&Msg::SavedAt(t.format("%H:%M:%S").to_string()))).green()
            }
            None => Span::from(lang.ui(Ui::NotSavedYet)).dark_gray(),
        }
    };
    let progress = lang.msg(&Msg::Progress {
        entered: app.results().entered,
        needed: app.results().needed,
    });
    let mut spans = vec![
        Span::from(app.covenant.bloc.name.clone()).bold(),
        Span::from(" · "),
        Span::from(format!("{} {}", period_label(lang, app.period), app.year)).bold(),
        Span::from(" · "),
        Span::from(progress),
        Span::from(" · "),
    ];
    // Frozen results are not being entered: the badge takes the place of the time saved.
    if app.records().frozen().is_some() && !app.save_failed {
        spans.push(
            Span::from(format!(" {} ", lang.ui(Ui::Frozen)))
                .reversed()
                .bold(),
        );
    } else {
        spans.push(saved);
    }
    let line = Line::from(spans);
    frame.render_widget(Paragraph::new(line), area);
}

fn draw_tabs(app: &App, frame: &mut Frame, area: Rect) {
    let lang = app.lang;
    let mut spans = Vec::new();
    let mut tabs = vec![
        ("F2", Screen::Grid, Ui::ScreenGrid),
        ("F3", Screen::Card, Ui::ScreenCard),
        ("F4", Screen::Ranking, Ui::ScreenRanking),
    ];
    // The mid-year has no earlier period to set beside it.
    if app.period == Period::YearEnd {
        tabs.push((
            "F5",
            Screen::Compare,
            Ui::Compare(crate::i18n::compare::CompareText::Screen),
        ));
    }
    for (key, screen, name) in tabs {
        let text = format!(" {key} {} ", lang.ui(name));
        spans.push(if app.screen == screen {
            Span::from(text).reversed().bold()
        } else {
            Span::from(text)
        });
        spans.push(Span::from(" "));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn draw_status(app: &App, frame: &mut Frame, area: Rect) {
    let line = match &app.status {
        Some(Status::Info(t)) => Line::from(t.text(app.lang)).green(),
        Some(Status::Error(t)) => Line::from(t.text(app.lang)).red().bold(),
        None => Line::default(),
    };
    frame.render_widget(Paragraph::new(line), area);
}

/// Whether the met / not-met keys apply (they do not in a level editor).
/// The keys that matter now, from the keymap, as many as fit.
pub fn draw_hints(lang: Lang, context: Context, frame: &mut Frame, area: Rect) {
    let mut spans = Vec::new();
    let mut used = 0usize;
    for b in keymap::bindings(context) {
        if !b.hint {
            continue;
        }
        // The hint bar names one key per action; the help lists them all.
        let keys = if b.keys.iter().all(|k| {
            matches!(
                k,
                keymap::Key::Code(KeyCode::Up | KeyCode::Down | KeyCode::Left | KeyCode::Right)
            )
        }) {
            keymap::keys_label(b, lang)
        } else {
            keymap::key_name(&b.keys[0], lang)
        };
        let text = lang.ui(b.describe);
        let width = unicode_width::UnicodeWidthStr::width(format!(" {keys} {text} ").as_str()) + 1;
        if used + width > area.width as usize {
            break;
        }
        used += width;
        spans.push(Span::from(format!(" {keys} ")).reversed());
        spans.push(Span::from(format!(" {text} ")));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
