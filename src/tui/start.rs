//! The start screen: the blocs in `blocs/`, each with its years and both periods, the sessions
//! that already have records marked. Choosing one opens it.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use chrono::{DateTime, Datelike};
use ratatui::Frame;
use ratatui::crossterm::event::{KeyEvent, KeyEventKind};
use ratatui::layout::{Constraint, Layout};
use ratatui::style::{Modifier, Style, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::i18n::{Lang, Msg, Ui};
use crate::model::Period;
use crate::store::load_covenant;
use crate::store::records::{session_dir, vietnam};

use super::keymap::{self, Action, Context};
use super::status::Said;
use super::view;

/// A session the user can open.
#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    pub bloc_file: PathBuf,
    pub bloc_name: String,
    pub year: i32,
    pub period: Period,
    /// When the session's journal was last written, if it has one.
    pub modified: Option<SystemTime>,
}

pub struct Start {
    pub lang: Lang,
    pub choices: Vec<Choice>,
    pub selected: usize,
    /// Bloc files that could not be loaded, with the first problem; and a refusal to open.
    pub problems: Vec<Said>,
    pub quit: bool,
    /// The user chose a session.
    pub open: Option<Choice>,
    /// The folder holding `blocs/`, where the sample scheme's workbook is written for a first
    /// bloc; none where nothing is to be written.
    pub folder: Option<PathBuf>,
    /// What the last action did.
    pub notice: Option<Box<Said>>,
}

/// The bloc files of a folder, sorted by name.
pub fn bloc_files(blocs: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(blocs)
        .map(|d| {
            d.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "ron"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

/// Every session of the blocs in `blocs`, and the problems of the files that do not load.
/// A bloc kept over several years has a file per covenant year (`blocs/<id>.ron`,
/// `blocs/<id>-<year>.ron`) sharing its id and records: each year's sessions are offered with
/// the covenant of that year, or of the latest year before it.
pub fn discover(blocs: &Path, data: Option<&Path>) -> (Vec<Choice>, Vec<Said>) {
    let mut choices = Vec::new();
    let mut problems = Vec::new();
    let mut loaded = Vec::new();
    for file in bloc_files(blocs) {
        match load_covenant(&file) {
            Ok(l) => loaded.push((file, l.covenant.bloc)),
            Err(e) => problems.push(Said::Load {
                file: file.clone(),
                error: std::rc::Rc::new(e),
                first_line_only: true,
            }),
        }
    }
    for (file, bloc) in &loaded {
        let covenant_years: Vec<i32> = (loaded.iter())
            .filter(|(_, other)| other.id == bloc.id)
            .map(|(_, other)| other.year)
            .collect();
        // The covenant a session of `year` is scored with: the latest not after it.
        let owns = |year: i32| {
            let covenant = (covenant_years.iter().copied())
                .filter(|&y| y <= year)
                .max()
                .or_else(|| covenant_years.iter().copied().min());
            covenant == Some(bloc.year)
        };
        let data = crate::store::paths::data_dir(file, data);
        let mut years = vec![bloc.year];
        if let Ok(dir) = std::fs::read_dir(data.join(&bloc.id)) {
            years.extend(dir.filter_map(|e| e.ok()?.file_name().to_str()?.parse::<i32>().ok()));
        }
        years.retain(|&y| y == bloc.year || owns(y));
        years.sort_unstable();
        years.dedup();
        for year in years.into_iter().rev() {
            for period in Period::ALL {
                let Ok(dir) = session_dir(&data, &bloc.id, year, period) else {
                    continue;
                };
                let journal = dir.join(crate::store::paths::JOURNAL);
                let modified = std::fs::metadata(&journal)
                    .ok()
                    .filter(|m| m.len() > 0)
                    .and_then(|m| m.modified().ok());
                choices.push(Choice {
                    bloc_file: file.clone(),
                    bloc_name: bloc.name.clone(),
                    year,
                    period,
                    modified,
                });
            }
        }
    }
    (choices, problems)
}

/// The session to offer first: the one written most recently; else the covenant year's
/// review that is due (mid-year from April to September, year-end otherwise).
pub fn default_choice(choices: &[Choice], today: chrono::NaiveDate) -> usize {
    if let Some((n, _)) = choices
        .iter()
        .enumerate()
        .filter_map(|(n, c)| c.modified.map(|m| (n, m)))
        .max_by_key(|(_, m)| *m)
    {
        return n;
    }
    let due = if (4..=9).contains(&today.month()) {
        Period::MidYear
    } else {
        Period::YearEnd
    };
    choices.iter().position(|c| c.period == due).unwrap_or(0)
}

impl Start {
    pub fn new(lang: Lang, choices: Vec<Choice>, problems: Vec<Said>) -> Start {
        let today = crate::store::records::now().date_naive();
        Start {
            lang,
            selected: default_choice(&choices, today),
            choices,
            problems,
            quit: false,
            open: None,
            folder: None,
            notice: None,
        }
    }

    pub fn key(&mut self, key: KeyEvent) {
        if key.kind != KeyEventKind::Press {
            return;
        }
        match keymap::resolve(Context::Start, &key) {
            Some(Action::Up) => self.selected = self.selected.saturating_sub(1),
            Some(Action::Down) => {
                self.selected = (self.selected + 1).min(self.choices.len().saturating_sub(1))
            }
            Some(Action::Confirm) => self.open = self.choices.get(self.selected).cloned(),
            Some(Action::ToggleLang) => self.lang = self.lang.other(),
            Some(Action::NewSchemeBook) => self.write_sample(),
            Some(Action::Quit) => self.quit = true,
            _ => {}
        }
    }

    /// Writes the sample scheme's workbook beside `blocs/`, never over a file.
    fn write_sample(&mut self) {
        let Some(folder) = &self.folder else { return };
        let path = folder.join("thang-diem.xlsx");
        let shown = path.display().to_string();
        let written = crate::setup::sample_workbook()
            .map_err(std::io::Error::other)
            .and_then(|bytes| {
                let access = crate::store::durable::Access::Shared;
                crate::store::durable::create_new(&path, &bytes, access)
            });
        self.notice = Some(Box::new(Said::Msg(match written {
            Ok(()) => Msg::SchemeBookWritten(shown),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Msg::FileExists(shown),
            Err(e) => Msg::WriteFailed {
                path: shown,
                error: e.to_string(),
            },
        })));
    }

    pub fn draw(&self, frame: &mut Frame) {
        if view::too_small(self.lang, frame) {
            return;
        }
        let lang = self.lang;
        let [title, list, problems, hints] = Layout::vertical([
            Constraint::Length(2),
            Constraint::Min(0),
            Constraint::Length(self.problems.len().min(6) as u16),
            Constraint::Length(1),
        ])
        .areas(frame.area());
        frame.render_widget(
            Paragraph::new(Line::from(lang.ui(Ui::StartTitle)).bold()),
            title,
        );
        let rows = list.height as usize;
        let top = (self.selected + 1).saturating_sub(rows);
        let lines: Vec<Line> = self
            .choices
            .iter()
            .enumerate()
            .skip(top)
            .take(rows)
            .map(|(n, c)| {
                let state = match c.modified {
                    Some(m) => {
                        let at: DateTime<chrono::Utc> = m.into();
                        format!(
                            "● {} {}",
                            lang.ui(Ui::HasRecords),
                            at.with_timezone(&vietnam()).format("%d/%m/%Y %H:%M")
                        )
                    }
                    None => format!("○ {}", lang.ui(Ui::NoRecords)),
                };
                let text = format!(
                    " {} · {} {} · {state} ",
                    c.bloc_name,
                    view::period_label(lang, c.period),
                    c.year
                );
                if n == self.selected {
                    Line::from(Span::styled(
                        text,
                        Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
                    ))
                } else {
                    Line::from(text)
                }
            })
            .collect();
        if self.choices.is_empty() {
            let help = lang.ui(Ui::NewcomerHelp).lines().map(Line::from);
            let notice = self.notice.iter().map(|n| Line::from(n.text(lang)).green());
            let lines: Vec<Line> = help
                .chain(std::iter::once(Line::default()))
                .chain(notice)
                .collect();
            frame.render_widget(
                Paragraph::new(lines).wrap(ratatui::widgets::Wrap { trim: false }),
                list,
            );
        } else {
            frame.render_widget(Paragraph::new(lines), list);
        }
        let problem_lines: Vec<Line> = self
            .problems
            .iter()
            .map(|p| Line::from(p.text(lang)).red())
            .collect();
        frame.render_widget(Paragraph::new(problem_lines), problems);
        view::draw_hints(lang, Context::Start, frame, hints);
    }
}
