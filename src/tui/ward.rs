//! The ward's screen: every bloc the ward expects and where its reports stand, the files received
//! from the selected bloc with what was decided about each, and the paper check of a final
//! report typed from its paper copy. The check itself is `ward::collect`, as on the terminal.

use chrono::{DateTime, FixedOffset};
use ratatui::Frame;
use ratatui::crossterm::event::{KeyEvent, KeyEventKind};
use ratatui::layout::{Constraint, Layout, Position};
use ratatui::style::{Color, Modifier, Style, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Row, Table, Wrap};

use unicode_width::UnicodeWidthStr;

use crate::i18n::ward::WardText;
use crate::i18n::{Lang, Ui};
use crate::model::Period;
use crate::ward::collect::{Collected, PaperDue, collect};
use crate::ward::{Outcome, Standing, Workspace, paper, words};

use super::field::TextField;
use super::keymap::{self, Action, Context};
use super::view;

/// The paper check being typed: the report and the two groups asked.
struct PaperField {
    due: PaperDue,
    field: TextField,
}

pub struct WardScreen {
    pub lang: Lang,
    workspace: Workspace,
    /// Each expected bloc's name, from the bloc file the ward published (its id if unreadable).
    names: Vec<String>,
    /// What the last check found; none when it could not be made (the notice says why).
    collected: Option<Collected>,
    pub selected: usize,
    pub quit: bool,
    paper: Option<PaperField>,
    help: Option<TextField>,
    /// What the last action did.
    notice: Option<Notice>,
    /// The clock the audit log is written with (fixed in tests).
    clock: fn() -> DateTime<FixedOffset>,
}

/// What the last action did, said in the screen's language when drawn.
enum Notice {
    Rechecked,
    NothingDue,
    /// The paper check: matched or not.
    Paper(bool),
    /// The folder could not be read or written: in Vietnamese and in English.
    Failed([String; 2]),
}

impl Notice {
    fn failed(e: &crate::ward::WardError) -> Notice {
        Notice::Failed([Lang::Vi, Lang::En].map(|l| words::ward_error(l, e)))
    }

    fn line(&self, lang: Lang) -> Line<'static> {
        match self {
            Notice::Rechecked => Line::from(t(lang, WardText::Rechecked)).green(),
            Notice::NothingDue => Line::from(t(lang, WardText::NothingDue)).red(),
            Notice::Paper(true) => Line::from(words::paper_result(lang, true)).green(),
            Notice::Paper(false) => Line::from(words::paper_result(lang, false)).red(),
            Notice::Failed([vi, en]) => {
                Line::from(if lang == Lang::Vi { vi } else { en }.clone()).red()
            }
        }
    }
}

fn t(lang: Lang, text: WardText) -> &'static str {
    lang.ui(Ui::Ward(text))
}

impl WardScreen {
    /// Opens the screen on `workspace`, checking the inbox at once.
    pub fn open(lang: Lang, workspace: Workspace, clock: fn() -> DateTime<FixedOffset>) -> Self {
        let names = (workspace.ward.blocs.iter())
            .map(|b| match workspace.published(&b.id) {
                Ok((bloc, _)) => bloc.name,
                Err(_) => b.id.clone(),
            })
            .collect();
        let mut screen = WardScreen {
            lang,
            names,
            workspace,
            collected: None,
            selected: 0,
            quit: false,
            paper: None,
            help: None,
            notice: None,
            clock,
        };
        screen.recheck();
        screen.notice = None;
        screen
    }

    fn recheck(&mut self) {
        match collect(&self.workspace, (self.clock)()) {
            Ok(c) => {
                self.collected = Some(c);
                self.notice = Some(Notice::Rechecked);
            }
            Err(e) => {
                self.collected = None;
                self.notice = Some(Notice::failed(&e));
            }
        }
    }

    fn context(&self) -> Context {
        match (&self.paper, &self.help) {
            (Some(_), _) => Context::WardPaper,
            (_, Some(_)) => Context::Help,
            _ => Context::Ward,
        }
    }

    pub fn key(&mut self, key: KeyEvent) {
        if key.kind != KeyEventKind::Press {
            return;
        }
        let Some(action) = keymap::resolve(self.context(), &key) else {
            return;
        };
        if let Some(filter) = &mut self.help {
            match action {
                Action::Cancel => self.help = None,
                Action::Quit => self.quit = true,
                other => filter.act(&other),
            }
            return;
        }
        if let Some(paper) = &mut self.paper {
            match action {
                Action::Confirm => self.settle_paper(),
                Action::Cancel => self.paper = None,
                Action::Quit => self.quit = true,
                other => paper.field.act(&other),
            }
            return;
        }
        let blocs = self.workspace.ward.blocs.len();
        match action {
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Down => self.selected = (self.selected + 1).min(blocs.saturating_sub(1)),
            Action::Recheck => self.recheck(),
            Action::PaperCheck => self.open_paper(),
            Action::ToggleLang => self.lang = self.lang.other(),
            Action::Help => self.help = Some(TextField::new("")),
            Action::Quit => self.quit = true,
            _ => {}
        }
    }

    fn selected_bloc(&self) -> Option<&str> {
        (self.workspace.ward.blocs.get(self.selected)).map(|b| b.id.as_str())
    }

    fn open_paper(&mut self) {
        let (Some(bloc), Some(collected)) = (self.selected_bloc(), &self.collected) else {
            return;
        };
        let due = Period::ALL
            .iter()
            .find_map(|&p| collected.paper_due(bloc, p));
        match due {
            Some(due) => {
                self.notice = None;
                self.paper = Some(PaperField {
                    due,
                    field: TextField::new(""),
                })
            }
            None => self.notice = Some(Notice::NothingDue),
        }
    }

    fn settle_paper(&mut self) {
        let (Some(paper), Some(collected)) = (self.paper.take(), &self.collected) else {
            return;
        };
        let due = &paper.due;
        let typed: Vec<&str> = paper.field.text().split_whitespace().collect();
        let record = collected.current(&due.record.bloc, due.record.period);
        let matched = match (&record, typed.as_slice()) {
            (Some((_, r)), [a, b]) => paper::matches(r, due.asked, [a, b]),
            _ => false,
        };
        let logged = paper::log(
            &self.workspace,
            &due.record.name,
            &due.record.sha256,
            matched,
            due.asked,
            (self.clock)(),
        );
        self.recheck();
        if !matches!(self.notice, Some(Notice::Failed(_))) {
            self.notice = Some(match logged {
                Ok(()) => Notice::Paper(matched),
                Err(e) => Notice::failed(&e),
            });
        }
    }

    pub fn draw(&self, frame: &mut Frame) {
        if view::too_small(self.lang, frame) {
            return;
        }
        let lang = self.lang;
        let [title, table, files, notice, hints] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Fill(3),
            Constraint::Fill(2),
            Constraint::Length(2),
            Constraint::Length(1),
        ])
        .areas(frame.area());
        let ward = &self.workspace.ward;
        frame.render_widget(
            Paragraph::new(Line::from(vec![
                Span::from(format!("{} {}", t(lang, WardText::Title), ward.year)).bold(),
                Span::from(format!(" · {}", ward.name)),
            ])),
            title,
        );
        self.draw_table(frame, table);
        self.draw_files(frame, files);
        let line = match &self.notice {
            Some(notice) => notice.line(lang),
            None => Line::from(t(lang, WardText::TableHint)).italic(),
        };
        frame.render_widget(Paragraph::new(line).wrap(Wrap { trim: true }), notice);
        view::draw_hints(lang, self.context(), frame, hints);
        if let Some(paper) = &self.paper {
            self.draw_paper(frame, paper);
        }
        if let Some(filter) = &self.help {
            self.draw_help(frame, filter);
        }
    }

    fn draw_table(&self, frame: &mut Frame, area: ratatui::layout::Rect) {
        let lang = self.lang;
        let header = Row::new(
            std::iter::once(t(lang, WardText::Bloc).to_string())
                .chain(Period::ALL.iter().map(|&p| words::period_heading(lang, p))),
        )
        .bold();
        let rows = self
            .workspace
            .ward
            .blocs
            .iter()
            .zip(&self.names)
            .map(|(b, name)| {
                let cells = Period::ALL.iter().map(|&p| match &self.collected {
                    Some(c) => {
                        let standing = c.standing(&b.id, p);
                        let mut text = words::standing_short(lang, &standing);
                        if c.paper_due(&b.id, p).is_some() {
                            text.push_str(words::paper_mark(lang));
                        }
                        Span::styled(text, standing_style(&standing))
                    }
                    None => Span::from("?"),
                });
                Row::new(std::iter::once(Span::from(name.clone())).chain(cells))
            });
        let rows: Vec<Row> = rows.collect();
        let visible = area.height.saturating_sub(1) as usize;
        let top = (self.selected + 1).saturating_sub(visible);
        let rows = rows.into_iter().enumerate().skip(top).map(|(n, r)| {
            if n == self.selected {
                r.style(Style::new().add_modifier(Modifier::REVERSED))
            } else {
                r
            }
        });
        let name_width = self.names.iter().map(|n| n.width()).max().unwrap_or(8);
        let widths = [
            Constraint::Length((name_width as u16 + 1).min(area.width / 3)),
            Constraint::Fill(1),
            Constraint::Fill(1),
        ];
        frame.render_widget(Table::new(rows, widths).header(header), area);
    }

    fn draw_files(&self, frame: &mut Frame, area: ratatui::layout::Rect) {
        let lang = self.lang;
        let (Some(bloc), Some(collected)) = (self.selected_bloc(), &self.collected) else {
            return;
        };
        let name = self.names.get(self.selected).map_or(bloc, String::as_str);
        let block = Block::bordered().title(format!(" {} · {name} ", t(lang, WardText::Files)));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let lines: Vec<Line> = files_of(collected, bloc)
            .into_iter()
            .map(|(name, outcome)| {
                let text = format!("{name}: {}", words::outcome(lang, outcome));
                match outcome {
                    Outcome::Refused { .. } => Line::from(format!("✗ {text}")).red(),
                    _ => Line::from(format!("✓ {text}")),
                }
            })
            .collect();
        let lines = if lines.is_empty() {
            vec![Line::from(t(lang, WardText::NoFiles)).italic()]
        } else {
            lines
        };
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), inner);
    }

    fn draw_paper(&self, frame: &mut Frame, paper: &PaperField) {
        let lang = self.lang;
        let area = frame.area();
        let width = area.width.saturating_sub(8).min(72);
        let popup = super::widgets::overlay(frame, area, width, 7);
        let block = Block::bordered().title(format!(" {} ", t(lang, WardText::PaperTitle)).bold());
        let inner = block.inner(popup);
        frame.render_widget(block, popup);
        let [ask, field] =
            Layout::vertical([Constraint::Min(0), Constraint::Length(1)]).areas(inner);
        frame.render_widget(
            Paragraph::new(words::paper_ask(lang, &paper.due)).wrap(Wrap { trim: true }),
            ask,
        );
        frame.render_widget(Paragraph::new(format!("> {}", paper.field.text())), field);
        let (_, column) = paper.field.cursor_position();
        frame.set_cursor_position(Position::new(field.x + 2 + column as u16, field.y));
    }

    fn draw_help(&self, frame: &mut Frame, filter: &TextField) {
        let lang = self.lang;
        let rows = super::widgets::entries(lang, Context::Ward, filter.text());
        let area = frame.area();
        let width = area.width.saturating_sub(4).min(70);
        let height = (rows.len() as u16 + 3).min(area.height.saturating_sub(2));
        let popup = super::widgets::overlay(frame, area, width, height);
        let title = format!(
            " {} · {} ",
            lang.ui(Ui::HelpTitle),
            t(lang, WardText::Screen)
        );
        let block = Block::bordered().title(Span::from(title).bold());
        let inner = block.inner(popup);
        frame.render_widget(block, popup);
        let key_width = rows
            .iter()
            .map(|(k, _)| k.chars().count())
            .max()
            .unwrap_or(4)
            + 2;
        let lines: Vec<Line> = std::iter::once(Line::from(vec![
            Span::from(format!("{}: ", lang.ui(Ui::HelpFilter))).bold(),
            Span::from(filter.text().to_string()),
        ]))
        .chain(rows.iter().map(|(k, d)| {
            Line::from(vec![
                Span::from(format!("{k:<key_width$}")).bold(),
                Span::from(d.clone()),
            ])
        }))
        .collect();
        frame.render_widget(Paragraph::new(lines), inner);
    }
}

fn standing_style(s: &Standing) -> Style {
    let color = match s {
        Standing::Final(_) => Color::Green,
        Standing::Draft(_) => Color::Yellow,
        Standing::Missing => Color::DarkGray,
        Standing::Refused(_) => Color::Red,
        Standing::Forked(_) | Standing::Gap(_) => Color::Magenta,
    };
    Style::new().fg(color)
}

/// The files of `bloc`: its records, their documents, and the files refused naming it.
fn files_of<'a>(collected: &'a Collected, bloc: &str) -> Vec<(&'a str, &'a Outcome)> {
    let records: Vec<&str> = (collected.checked.iter())
        .filter_map(|c| match &c.outcome {
            Outcome::Record(r) if r.bloc == bloc => Some(r.name.as_str()),
            _ => None,
        })
        .collect();
    (collected.checked.iter())
        .filter(|c| match &c.outcome {
            Outcome::Record(r) => r.bloc == bloc,
            Outcome::Document(record) => records.contains(&record.as_str()),
            Outcome::Refused {
                bloc: Some((b, _)), ..
            } => b == bloc,
            _ => false,
        })
        .map(|c| (c.name.as_str(), &c.outcome))
        .collect()
}
