//! The state of an open scoring session and the one function that changes it.
//!
//! Keys become `Action`s through the keymap; `App::update` applies an action; the views only
//! read the state. Every stored change goes through the ledger (the session's journal) before
//! the state shows it.

use std::cell::Cell as Shared;
use std::collections::BTreeSet;

use chrono::{DateTime, FixedOffset};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::i18n::{Lang, Msg, Ui};
use crate::model::layout::{ItemKind, Rule};
use crate::model::scheme::{AdjustmentScale, Scale};
use crate::model::{Covenant, Period, Sheet, Value, value};
use crate::score::{Overflow, Results};
use crate::store::records::{Cell, Change, Entry, Origin, Records, StoreError};

use super::display;
use super::field::TextField;
use super::keymap::{self, Action, Context};

/// Where the session's changes are stored. The records on disk in the program; tests can put
/// a ledger in front of them that fails like a full disk.
pub trait Ledger {
    /// The records behind the ledger, for reading and for the session's events.
    fn records(&self) -> &Records;
    fn records_mut(&mut self) -> &mut Records;

    fn sheet(&self) -> &Sheet {
        self.records().sheet()
    }
    fn cell(&self, unit: usize, item: usize) -> Cell {
        self.records().cell(unit, item)
    }
    fn apply(&mut self, changes: &[Change]) -> Result<Vec<Entry>, StoreError> {
        self.records_mut().apply(changes)
    }
    fn last_saved(&self) -> Option<DateTime<FixedOffset>> {
        self.records().last_saved()
    }
}

impl Ledger for Records {
    fn records(&self) -> &Records {
        self
    }
    fn records_mut(&mut self) -> &mut Records {
        self
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Grid,
    Card,
    Ranking,
    Compare,
}

/// A part of the grid that folds into one column: a top-level group of criteria, or the
/// bonus, penalty and veto items.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Section {
    Group(usize),
    Bonus,
    Penalty,
    Vetoes,
}

/// A scrolling column of the grid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Item(usize),
    /// The section's subtotal (a group's points, the bonus, the penalty, failed conditions).
    Sum(Section),
}

#[derive(Debug, Clone, PartialEq)]
pub enum EditorKind {
    /// Levels, or met / not met: each option's value and how the list shows it.
    Choice {
        options: Vec<(Value, String)>,
        selected: usize,
        met_keys: bool,
    },
    Number(TextField),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Editor {
    pub unit: usize,
    pub item: usize,
    pub kind: EditorKind,
    /// Why the last value was refused (or could not be stored), shown beside it.
    pub error: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NoteEditor {
    pub unit: usize,
    pub item: usize,
    pub field: TextField,
    pub error: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Mode {
    Navigate,
    Edit(Editor),
    Note(NoteEditor),
    Help(TextField),
    Sign(super::sign::SignDialog),
    /// The members' vote on the awards (year-end).
    Votes(super::votes::VoteForm),
    /// A cell's history or the session's change log.
    Log(super::history::LogView),
    /// A question: a reason, freezing, taking self-scores.
    Prompt(super::prompt::Prompt),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Status {
    Info(String),
    Error(String),
}

/// One change made in this sitting, for undo and redo.
#[derive(Debug, Clone)]
struct Step {
    unit: usize,
    item: usize,
    before: Cell,
    after: Cell,
}

/// Scroll offsets the views keep so that the selection stays in sight; they belong to the
/// drawing, not to the session, hence shared cells.
#[derive(Debug, Default)]
pub struct Scroll {
    pub grid_top: Shared<usize>,
    pub grid_left: Shared<usize>,
    pub card_top: Shared<usize>,
    pub ranking_top: Shared<usize>,
    /// Rows of units the grid showed last time (for Page Up / Page Down).
    pub page: Shared<usize>,
    /// Where the grid's cells were drawn, for mouse clicks: (x range, column) and (y, unit).
    pub hit_columns: std::cell::RefCell<Vec<(u16, u16, Column)>>,
    pub hit_rows: std::cell::RefCell<Vec<(u16, usize)>>,
    /// The window was too small to show the screen when it was last drawn: keys then do
    /// nothing they could do blind.
    pub too_small: Shared<bool>,
}

pub struct App {
    pub lang: Lang,
    pub covenant: Covenant,
    pub period: Period,
    pub year: i32,
    ledger: Box<dyn Ledger>,
    pub results: Results,
    /// The results the units' self-scores alone would give, when there are self-scores (they
    /// change only by an import, which waits for this session's lock).
    pub self_results: Option<Results>,
    pub screen: Screen,
    pub mode: Mode,
    /// The selected unit (member index) in the grid and the card.
    pub unit: usize,
    /// The selected grid column.
    pub column: Column,
    /// The selected position in the ranking (index into `results.order`).
    pub ranking_row: usize,
    pub folded: BTreeSet<Section>,
    columns: Vec<Column>,
    /// Items scored in this period, in layout order (the card's rows).
    card_items: Vec<usize>,
    undo: Vec<Step>,
    redo: Vec<Step>,
    pub status: Option<Status>,
    /// The last write failed; the header says so until a write succeeds.
    pub save_failed: bool,
    pub quit: bool,
    /// The user asked for the start screen.
    pub to_sessions: bool,
    pub scroll: Scroll,
    /// Where the session's records and its bloc file are (for messages and the start screen).
    pub records_dir: std::path::PathBuf,
    pub blocs_dir: std::path::PathBuf,
    /// What the signing dialog needs; absent where the session has no files behind it.
    pub signing: Option<super::sign::Signing>,
    /// The mid-year beside a year-end session.
    pub compare: super::compare::Compare,
}

impl App {
    pub fn new(
        lang: Lang,
        covenant: Covenant,
        period: Period,
        year: i32,
        ledger: Box<dyn Ledger>,
    ) -> Result<App, Overflow> {
        let results = crate::session::results(ledger.records())?;
        let self_results = crate::session::self_results(ledger.records())?;
        let card_items: Vec<usize> = (0..covenant.layout.items.len())
            .filter(|i| covenant.layout.items[*i].is_scored_in(period))
            .collect();
        let mut app = App {
            lang,
            covenant,
            period,
            year,
            ledger,
            results,
            self_results,
            screen: Screen::Grid,
            mode: Mode::Navigate,
            unit: 0,
            column: Column::Sum(Section::Bonus),
            ranking_row: 0,
            folded: BTreeSet::new(),
            columns: Vec::new(),
            card_items,
            undo: Vec::new(),
            redo: Vec::new(),
            status: None,
            save_failed: false,
            quit: false,
            to_sessions: false,
            scroll: Scroll::default(),
            records_dir: Default::default(),
            blocs_dir: Default::default(),
            signing: None,
            compare: Default::default(),
        };
        app.columns = app.build_columns();
        app.column = app.columns.first().copied().unwrap_or(app.column);
        Ok(app)
    }

    /// Rebuilds undo and redo from the session's latest journal entries, so that a session
    /// resumed after a crash or a restart can still undo what was entered before.
    pub fn resume_history(&mut self, entries: &[Entry]) {
        for e in entries {
            let (Some(unit), Some(item)) = (
                self.covenant.unit_index(&e.unit),
                self.covenant.layout.index_of(&e.item),
            ) else {
                continue;
            };
            let same = |s: &Step| s.unit == unit && s.item == item;
            match e.origin {
                Origin::Entry => {
                    self.undo.push(Step {
                        unit,
                        item,
                        before: e.old.clone(),
                        after: e.new.clone(),
                    });
                    self.redo.clear();
                }
                Origin::Undo if self.undo.last().is_some_and(same) => {
                    let step = self.undo.pop().expect("checked");
                    self.redo.push(step);
                }
                Origin::Redo if self.redo.last().is_some_and(same) => {
                    let step = self.redo.pop().expect("checked");
                    self.undo.push(step);
                }
                // An import, or an undo the stacks do not explain: nothing earlier can be
                // redone past it.
                _ => self.redo.clear(),
            }
        }
    }

    pub fn last_saved(&self) -> Option<DateTime<FixedOffset>> {
        self.ledger.last_saved()
    }

    /// The session's records, read-only.
    pub fn records(&self) -> &Records {
        self.ledger.records()
    }

    /// Computes the results again from the scores and votes as stored. Should the engine
    /// overflow, the results shown stay those before the change and the message says why.
    fn refresh_results(&mut self) -> Result<(), String> {
        match crate::session::results(self.ledger.records()) {
            Ok(results) => {
                self.results = results;
                Ok(())
            }
            Err(o) => Err(self.lang.msg(&Msg::overflow(&self.covenant, &o))),
        }
    }

    pub fn cell(&self, unit: usize, item: usize) -> Cell {
        self.ledger.cell(unit, item)
    }

    pub fn columns(&self) -> &[Column] {
        &self.columns
    }

    pub fn card_items(&self) -> &[usize] {
        &self.card_items
    }

    /// The section an item's column belongs to.
    pub fn section_of(&self, item: usize) -> Section {
        let layout = &self.covenant.layout;
        let it = &layout.items[item];
        match it.kind {
            ItemKind::Bonus => Section::Bonus,
            ItemKind::Penalty => Section::Penalty,
            ItemKind::Veto => Section::Vetoes,
            ItemKind::Criterion => {
                let mut g = it.group.expect("a criterion is in a group");
                while let Some(p) = layout.groups[g].parent {
                    g = p;
                }
                Section::Group(g)
            }
        }
    }

    fn build_columns(&self) -> Vec<Column> {
        let layout = &self.covenant.layout;
        let mut sections: Vec<Section> = layout.top_groups().map(Section::Group).collect();
        sections.extend([Section::Bonus, Section::Penalty, Section::Vetoes]);
        let mut columns = Vec::new();
        for section in sections {
            let items: Vec<usize> = self
                .card_items
                .iter()
                .copied()
                .filter(|i| self.section_of(*i) == section)
                .collect();
            if items.is_empty() {
                continue;
            }
            if !self.folded.contains(&section) {
                columns.extend(items.into_iter().map(Column::Item));
            }
            columns.push(Column::Sum(section));
        }
        columns
    }

    /// The item selected in the grid or the card, if the selection is on an item.
    pub fn selected_item(&self) -> Option<usize> {
        match self.column {
            Column::Item(i) => Some(i),
            Column::Sum(_) => None,
        }
    }

    pub fn context(&self) -> Context {
        match &self.mode {
            Mode::Edit(Editor {
                kind: EditorKind::Choice { .. },
                ..
            }) => Context::Choice,
            Mode::Edit(_) => Context::Number,
            Mode::Note(_) => Context::Note,
            Mode::Help(_) => Context::Help,
            Mode::Sign(_) => Context::Sign,
            Mode::Votes(_) => Context::Votes,
            Mode::Log(_) => Context::Log,
            Mode::Prompt(p) if p.has_field() => Context::Reason,
            Mode::Prompt(_) => Context::Ask,
            Mode::Navigate => match self.screen {
                Screen::Grid => Context::Grid,
                Screen::Card => Context::Card,
                Screen::Ranking => Context::Ranking,
                Screen::Compare => Context::Compare,
            },
        }
    }

    /// A key press: looked up in the keymap of the current context and applied.
    pub fn key(&mut self, key: KeyEvent) {
        // Only presses: terminals that report releases (Windows) would double every key.
        if key.kind != KeyEventKind::Press {
            return;
        }
        if key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL) {
            self.quit = true;
            return;
        }
        let met_keys = matches!(
            &self.mode,
            Mode::Edit(Editor {
                kind: EditorKind::Choice { met_keys: true, .. },
                ..
            })
        );
        if let Some(action) = keymap::resolve(self.context(), &key, met_keys) {
            if self.scroll.too_small.get() && !Self::allowed_blind(&self.mode, &action) {
                return;
            }
            self.update(action);
        }
    }

    /// What a key may do while the window is too small to show the screen: quit, open or
    /// close the help, and close what is open without saving. Nothing that changes a score.
    fn allowed_blind(mode: &Mode, action: &Action) -> bool {
        matches!(mode, Mode::Help(_))
            || matches!(action, Action::Quit | Action::Help | Action::Cancel)
    }

    /// A mouse click (with `--mouse`) selects the grid cell under it.
    pub fn click(&mut self, x: u16, y: u16) {
        if self.scroll.too_small.get() || self.mode != Mode::Navigate || self.screen != Screen::Grid
        {
            return;
        }
        let column = self
            .scroll
            .hit_columns
            .borrow()
            .iter()
            .find(|(from, to, _)| (*from..*to).contains(&x))
            .map(|(_, _, c)| *c);
        let unit = self
            .scroll
            .hit_rows
            .borrow()
            .iter()
            .find(|(row, _)| *row == y)
            .map(|(_, u)| *u);
        if let (Some(c), Some(u)) = (column, unit) {
            self.column = c;
            self.unit = u;
        }
    }

    /// Pasted text goes to the open text field, if any.
    pub fn paste(&mut self, text: &str) {
        if self.scroll.too_small.get() {
            return;
        }
        if matches!(
            self.context(),
            Context::Number | Context::Note | Context::Help | Context::Sign | Context::Reason
        ) {
            self.update(Action::Input(text.to_string()));
        }
    }

    pub fn update(&mut self, action: Action) {
        match std::mem::replace(&mut self.mode, Mode::Navigate) {
            Mode::Navigate => self.navigate(action),
            Mode::Edit(editor) => self.edit(editor, action),
            Mode::Note(note) => self.note(note, action),
            Mode::Help(filter) => self.help(filter, action),
            Mode::Sign(dialog) => super::sign::update(self, dialog, action),
            Mode::Votes(form) => super::votes::update(self, form, action),
            Mode::Log(view) => super::history::update(self, view, action),
            Mode::Prompt(prompt) => super::prompt::update(self, prompt, action),
        }
    }

    fn navigate(&mut self, action: Action) {
        // A message stays until the next key; it is about the last thing done.
        if action != Action::Help {
            self.status = None;
        }
        match action {
            Action::ShowGrid => self.show(Screen::Grid),
            Action::ShowCard => {
                if self.screen == Screen::Ranking {
                    self.unit = self.results.order[self.ranking_row];
                }
                self.show(Screen::Card)
            }
            Action::ShowRanking => self.show(Screen::Ranking),
            Action::ShowCompare => super::compare::show(self),
            Action::ToggleLang => self.lang = self.lang.other(),
            Action::Help => self.mode = Mode::Help(TextField::new("")),
            Action::Sessions => self.to_sessions = true,
            Action::Sign => super::sign::open(self),
            Action::Votes => super::votes::open(self),
            Action::Log => super::history::open_log(self),
            Action::CellHistory => super::history::open_cell(self),
            Action::Freeze => super::prompt::freeze_or_reopen(self),
            Action::Accept => {
                if !self.refuse_if_frozen() {
                    super::prompt::accept(self)
                }
            }
            Action::Quit => self.quit = true,
            Action::Undo => self.undo(),
            Action::Redo => self.redo(),
            other => match self.screen {
                Screen::Grid => self.grid(other),
                Screen::Card => self.card(other),
                Screen::Ranking => self.ranking(other),
                Screen::Compare => super::compare::navigate(self, other),
            },
        }
    }

    fn show(&mut self, screen: Screen) {
        if screen == Screen::Card && self.selected_item().is_none() {
            // The card has no subtotal rows: land on the section's first item.
            if let Column::Sum(section) = self.column
                && let Some(i) = self
                    .card_items
                    .iter()
                    .find(|i| self.section_of(**i) == section)
            {
                self.column = Column::Item(*i);
            }
        }
        if screen == Screen::Grid {
            self.column = self.visible(self.column);
        }
        if screen == Screen::Ranking {
            self.ranking_row = self
                .results
                .order
                .iter()
                .position(|u| *u == self.unit)
                .unwrap_or(0);
        }
        self.screen = screen;
    }

    /// The grid column showing `column`: the item, or its section's subtotal when folded.
    fn visible(&self, column: Column) -> Column {
        match column {
            Column::Item(i) if self.folded.contains(&self.section_of(i)) => {
                Column::Sum(self.section_of(i))
            }
            other => other,
        }
    }

    fn units(&self) -> usize {
        self.covenant.bloc.members.len()
    }

    fn grid(&mut self, action: Action) {
        let at = self
            .columns
            .iter()
            .position(|c| *c == self.column)
            .unwrap_or(0);
        let last = self.columns.len().saturating_sub(1);
        let page = self.scroll.page.get().max(1);
        match action {
            Action::Up => self.unit = self.unit.saturating_sub(1),
            Action::Down => self.unit = (self.unit + 1).min(self.units() - 1),
            Action::PageUp => self.unit = self.unit.saturating_sub(page),
            Action::PageDown => self.unit = (self.unit + page).min(self.units() - 1),
            Action::Left | Action::PrevColumn => self.column = self.columns[at.saturating_sub(1)],
            Action::Right | Action::NextColumn => self.column = self.columns[(at + 1).min(last)],
            Action::Home => self.column = self.columns[0],
            Action::End => self.column = self.columns[last],
            Action::Fold => self.fold(),
            Action::Edit if self.selected_item().is_none() => self.fold(),
            other => self.cell_action(other),
        }
    }

    fn fold(&mut self) {
        let section = match self.column {
            Column::Item(i) => self.section_of(i),
            Column::Sum(s) => s,
        };
        if !self.folded.remove(&section) {
            self.folded.insert(section);
        }
        self.columns = self.build_columns();
        self.column = Column::Sum(section);
    }

    fn card(&mut self, action: Action) {
        let at = self
            .selected_item()
            .and_then(|i| self.card_items.iter().position(|c| *c == i))
            .unwrap_or(0);
        let last = self.card_items.len().saturating_sub(1);
        let page = self.scroll.page.get().max(1);
        let row = match action {
            Action::Up => at.saturating_sub(1),
            Action::Down | Action::NextColumn => (at + 1).min(last),
            Action::PrevColumn => at.saturating_sub(1),
            Action::PageUp => at.saturating_sub(page),
            Action::PageDown => (at + page).min(last),
            Action::Home => 0,
            Action::End => last,
            Action::Left | Action::PrevUnit => {
                self.unit = self.unit.checked_sub(1).unwrap_or(self.units() - 1);
                at
            }
            Action::Right | Action::NextUnit => {
                self.unit = (self.unit + 1) % self.units();
                at
            }
            other => {
                self.column = Column::Item(self.card_items[at]);
                return self.cell_action(other);
            }
        };
        self.column = Column::Item(self.card_items[row]);
    }

    fn ranking(&mut self, action: Action) {
        let last = self.results.order.len().saturating_sub(1);
        match action {
            Action::Up => self.ranking_row = self.ranking_row.saturating_sub(1),
            Action::Down => self.ranking_row = (self.ranking_row + 1).min(last),
            Action::Home => self.ranking_row = 0,
            Action::End => self.ranking_row = last,
            _ => {}
        }
        self.unit = self.results.order[self.ranking_row];
    }

    /// Actions on the selected cell, shared by the grid and the card.
    fn cell_action(&mut self, action: Action) {
        let Some(item) = self.selected_item() else {
            return;
        };
        let unit = self.unit;
        let changes_cell = matches!(
            action,
            Action::Edit | Action::EditWith(_) | Action::Clear | Action::Note
        );
        if changes_cell && self.refuse_if_frozen() {
            return;
        }
        match action {
            Action::Edit => self.mode = Mode::Edit(self.editor(unit, item)),
            Action::EditWith(c) => {
                let mut editor = self.editor(unit, item);
                let first = match &mut editor.kind {
                    EditorKind::Choice { .. } => c
                        .to_digit(10)
                        .map(|d| Action::Pick(d as usize))
                        .unwrap_or(Action::Cancel),
                    EditorKind::Number(field) => {
                        // Typing over a cell replaces its value, as in a spreadsheet.
                        field.clear();
                        Action::Input(c.to_string())
                    }
                };
                self.edit(editor, first);
            }
            Action::Clear => {
                let old = self.ledger.cell(unit, item);
                if old.value.is_some() {
                    let new = Cell { value: None, ..old };
                    match self.store(unit, item, new, Origin::Entry) {
                        Ok(()) => self.say(Msg::Cleared {
                            unit: self.unit_name(unit),
                            item: self.item_code(item),
                        }),
                        Err(e) => self.status = Some(Status::Error(e)),
                    }
                }
            }
            Action::Note => {
                let note = self.ledger.cell(unit, item).note;
                self.mode = Mode::Note(NoteEditor {
                    unit,
                    item,
                    field: TextField::multiline(&note),
                    error: None,
                });
            }
            _ => {}
        }
    }

    /// The editor that fits the item's scale, holding the cell's current value.
    pub fn editor(&self, unit: usize, item: usize) -> Editor {
        let it = &self.covenant.layout.items[item];
        let current = self.ledger.cell(unit, item).value;
        let met_options = |yes: Ui, no: Ui| {
            vec![
                (Value::Met(true), self.lang.ui(yes).to_string()),
                (Value::Met(false), self.lang.ui(no).to_string()),
            ]
        };
        let choice = match &it.rule {
            Rule::Criterion {
                scale: Scale::Levels(levels),
                ..
            } => Some((
                levels
                    .iter()
                    .map(|l| {
                        (
                            Value::Level(l.code.clone()),
                            format!("{} · {} = {}", l.code, l.label, self.lang.dec(l.points)),
                        )
                    })
                    .collect(),
                false,
            )),
            Rule::Criterion {
                scale: Scale::MetOrNot,
                ..
            }
            | Rule::Veto => Some((met_options(Ui::MetShort, Ui::NotMetShort), true)),
            Rule::Adjustment {
                scale: AdjustmentScale::Once(_),
                ..
            } => Some((met_options(Ui::Yes, Ui::No), true)),
            _ => None,
        };
        let kind = match choice {
            Some((options, met_keys)) => {
                let selected = current
                    .as_ref()
                    .and_then(|v| options.iter().position(|(o, _)| o == v))
                    .unwrap_or(0);
                EditorKind::Choice {
                    options,
                    selected,
                    met_keys,
                }
            }
            None => EditorKind::Number(TextField::new(
                &current
                    .map(|v| display::value_text(self.lang, it, &v))
                    .unwrap_or_default(),
            )),
        };
        Editor {
            unit,
            item,
            kind,
            error: None,
        }
    }

    fn edit(&mut self, mut editor: Editor, action: Action) {
        let chosen: Option<Result<Value, value::ValueError>> = match (&mut editor.kind, action) {
            (_, Action::Cancel) => return,
            (
                EditorKind::Choice {
                    options, selected, ..
                },
                action,
            ) => match action {
                Action::Up => {
                    *selected = selected.saturating_sub(1);
                    None
                }
                Action::Down => {
                    *selected = (*selected + 1).min(options.len() - 1);
                    None
                }
                Action::Pick(n) if n >= 1 && n <= options.len() => {
                    *selected = n - 1;
                    Some(Ok(options[n - 1].0.clone()))
                }
                Action::Met(met) => Some(Ok(Value::Met(met))),
                Action::Confirm => Some(Ok(options[*selected].0.clone())),
                _ => None,
            },
            (EditorKind::Number(field), action) => match action {
                Action::Input(text) => {
                    field.insert(&text);
                    None
                }
                Action::Backspace => {
                    field.backspace();
                    None
                }
                Action::Delete => {
                    field.delete();
                    None
                }
                Action::Left => {
                    field.left();
                    None
                }
                Action::Right => {
                    field.right();
                    None
                }
                Action::Home => {
                    field.home();
                    None
                }
                Action::End => {
                    field.end();
                    None
                }
                Action::Confirm => {
                    let item = &self.covenant.layout.items[editor.item];
                    Some(value::parse(item, field.text()))
                }
                _ => None,
            },
        };
        match chosen {
            None => self.mode = Mode::Edit(editor),
            Some(Err(e)) => {
                editor.error = Some(self.lang.value_error(&e));
                self.mode = Mode::Edit(editor);
            }
            Some(Ok(v)) => {
                let (unit, item) = (editor.unit, editor.item);
                let own = self.records().self_cell(unit, item).value;
                if own.as_ref().is_some_and(|own| *own != v) {
                    // A score that differs from the unit's own is written with its reason.
                    super::prompt::ask_reason(self, unit, item, v);
                    return;
                }
                let new = Cell {
                    value: Some(v),
                    // Where the score is the unit's own, an earlier reason no longer applies.
                    reason: String::new(),
                    ..self.ledger.cell(unit, item)
                };
                if let Err(e) = self.enter(unit, item, new) {
                    editor.error = Some(e);
                    self.mode = Mode::Edit(editor);
                }
            }
        }
    }

    /// Stores an entered value, says so and moves on; the message on refusal.
    pub fn enter(&mut self, unit: usize, item: usize, new: Cell) -> Result<(), String> {
        let shown = new
            .value
            .as_ref()
            .map(|v| display::value_long(self.lang, &self.covenant.layout.items[item], v))
            .unwrap_or_default();
        self.store(unit, item, new, Origin::Entry)?;
        self.say(Msg::Stored {
            unit: self.unit_name(unit),
            item: self.item_code(item),
            value: shown,
        });
        self.advance();
        Ok(())
    }

    /// Runs a change of the session's state (freezing, a vote) on the records, then recomputes
    /// the results; the message on refusal.
    pub fn with_records<T>(
        &mut self,
        change: impl FnOnce(&mut Records) -> Result<T, StoreError>,
    ) -> Result<T, String> {
        let done = change(self.ledger.records_mut());
        self.after_write(done)
    }

    /// Stores several cells as one batch (taking self-scores).
    pub fn apply_batch(&mut self, changes: &[Change]) -> Result<(), String> {
        let done = self.ledger.apply(changes).map(|_| ());
        self.after_write(done)
    }

    fn after_write<T>(&mut self, done: Result<T, StoreError>) -> Result<T, String> {
        match done {
            Ok(v) => {
                self.save_failed = false;
                self.refresh_results()?;
                Ok(v)
            }
            Err(e) => {
                self.save_failed = matches!(e, StoreError::Io { .. });
                Err(e.msg(self.lang))
            }
        }
    }

    /// Whether the results are frozen; if so the status line says how to change them.
    fn refuse_if_frozen(&mut self) -> bool {
        match self.records().frozen() {
            Some(f) => {
                self.status = Some(Status::Error(self.lang.msg(&Msg::SessionFrozen {
                    at: f.at.format("%d/%m/%Y %H:%M").to_string(),
                })));
                true
            }
            None => false,
        }
    }

    /// After an entry: the next unit in the grid, the next criterion on the card.
    fn advance(&mut self) {
        match self.screen {
            Screen::Grid => self.unit = (self.unit + 1).min(self.units() - 1),
            Screen::Card => self.card(Action::Down),
            Screen::Ranking | Screen::Compare => {}
        }
    }

    fn note(&mut self, mut note: NoteEditor, action: Action) {
        match action {
            Action::Cancel => return,
            Action::Input(text) => note.field.insert(&text),
            Action::NewLine => note.field.insert("\n"),
            Action::Backspace => note.field.backspace(),
            Action::Delete => note.field.delete(),
            Action::Left => note.field.left(),
            Action::Right => note.field.right(),
            Action::Home => note.field.home(),
            Action::End => note.field.end(),
            Action::Confirm => {
                let old = self.ledger.cell(note.unit, note.item);
                let new = Cell {
                    note: note.field.text().trim().to_string(),
                    ..old
                };
                match self.store(note.unit, note.item, new, Origin::Entry) {
                    Ok(()) => {
                        self.say(Msg::NoteSaved {
                            unit: self.unit_name(note.unit),
                            item: self.item_code(note.item),
                        });
                        return;
                    }
                    Err(e) => note.error = Some(e),
                }
            }
            _ => {}
        }
        self.mode = Mode::Note(note);
    }

    fn help(&mut self, mut filter: TextField, action: Action) {
        match action {
            Action::Cancel | Action::Help => return,
            Action::Input(text) => filter.insert(&text),
            Action::Backspace => filter.backspace(),
            _ => {}
        }
        self.mode = Mode::Help(filter);
    }

    /// Writes one cell through the ledger; on success the results are recomputed and the step
    /// can be undone. On failure nothing changes and the message says why.
    fn store(&mut self, unit: usize, item: usize, new: Cell, origin: Origin) -> Result<(), String> {
        let before = self.ledger.cell(unit, item);
        if before == new {
            return Ok(());
        }
        let change = Change {
            unit,
            item,
            new: new.clone(),
            origin,
        };
        match self.ledger.apply(&[change]) {
            Ok(_) => {
                self.save_failed = false;
                if origin == Origin::Entry {
                    self.undo.push(Step {
                        unit,
                        item,
                        before,
                        after: new,
                    });
                    self.redo.clear();
                }
                self.refresh_results()
            }
            Err(e) => {
                self.save_failed = matches!(e, StoreError::Io { .. });
                Err(e.msg(self.lang))
            }
        }
    }

    /// Records that a version of the report was issued: a final one locks the session until
    /// the results are reopened.
    pub fn record_issued(
        &mut self,
        version: u32,
        provisional: bool,
        record: &std::path::Path,
    ) -> Result<(), String> {
        crate::session::record_issued(self.ledger.records_mut(), version, provisional, record)
            .map(|_| ())
            .map_err(|e| e.msg(self.lang))
    }

    /// Records the members' vote on an award through the ledger; on success the results are
    /// recomputed (a later award's candidates can change). On failure the message says why.
    pub fn record_votes(&mut self, ballot: crate::model::Ballot) -> Result<(), String> {
        match crate::session::vote(self.ledger.records_mut(), ballot) {
            Ok(_) => {
                self.save_failed = false;
                self.refresh_results()
            }
            Err(e) => {
                self.save_failed = matches!(e, StoreError::Io { .. });
                Err(e.msg(self.lang))
            }
        }
    }

    fn undo(&mut self) {
        let Some(step) = self.undo.pop() else {
            self.status = Some(Status::Info(self.lang.ui(Ui::NothingToUndo).into()));
            return;
        };
        match self.store(step.unit, step.item, step.before.clone(), Origin::Undo) {
            Ok(()) => {
                self.select(step.unit, step.item);
                self.say(Msg::Undone {
                    unit: self.unit_name(step.unit),
                    item: self.item_code(step.item),
                });
                self.redo.push(step);
            }
            Err(e) => {
                self.undo.push(step);
                self.status = Some(Status::Error(e));
            }
        }
    }

    fn redo(&mut self) {
        let Some(step) = self.redo.pop() else {
            self.status = Some(Status::Info(self.lang.ui(Ui::NothingToRedo).into()));
            return;
        };
        match self.store(step.unit, step.item, step.after.clone(), Origin::Redo) {
            Ok(()) => {
                self.select(step.unit, step.item);
                self.say(Msg::Redone {
                    unit: self.unit_name(step.unit),
                    item: self.item_code(step.item),
                });
                self.undo.push(step);
            }
            Err(e) => {
                self.redo.push(step);
                self.status = Some(Status::Error(e));
            }
        }
    }

    /// Puts the selection on a cell, so an undone change is in sight.
    fn select(&mut self, unit: usize, item: usize) {
        self.unit = unit;
        self.column = self.visible(Column::Item(item));
        if self.screen == Screen::Card {
            self.column = Column::Item(item);
        }
    }

    fn say(&mut self, m: Msg) {
        self.status = Some(Status::Info(self.lang.msg(&m)));
    }

    pub fn unit_name(&self, unit: usize) -> String {
        self.covenant.bloc.members[unit].short.clone()
    }

    fn item_code(&self, item: usize) -> String {
        self.covenant.layout.items[item].code.clone()
    }
}
