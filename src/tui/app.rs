//! The state of an open scoring session and the one function that changes it.
//!
//! Keys become `Action`s through the keymap; `App::update` applies an action; the views only
//! read the state. Every change of the scores, the votes or the session's state is one of the
//! session's operations (`crate::session`), which applies the meeting's rules.

use std::cell::Cell as Shared;
use std::collections::BTreeSet;

use chrono::{DateTime, FixedOffset};
use ratatui::crossterm::event::{KeyEvent, KeyEventKind};

use crate::i18n::{Lang, Msg};
use crate::model::{Covenant, Period};
use crate::score::{Overflow, Results};
use crate::session::{Changed, Refusal, Session, rules};
use crate::store::records::{Cell, Records};

use super::dialog::{Ctx, Outcome, Seen, Signing};
use super::editor::{self, Editor, EditorKind, NoteEditor};
use super::field::TextField;
use super::keymap::{self, Action, Context};

pub use super::status::{Said, Status};

pub use crate::session::Ledger;

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
    /// The path of self-score files to import.
    ImportSelf(super::import_self::ImportSelf),
    /// The report's written sections, listed or one being written.
    Writing(super::writing::Writing),
    /// The live page's address and the code to scan.
    RoomInfo,
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

/// Where `m` and `!` take the selection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Jump {
    Missing,
    Unexplained,
}

pub struct App {
    pub lang: Lang,
    pub covenant: Covenant,
    pub period: Period,
    pub year: i32,
    /// The session: its records, undo history and results, and the rules of every change.
    session: Session,
    pub screen: Screen,
    pub mode: Mode,
    /// The selected unit (member index) in the grid and the card.
    pub unit: usize,
    /// The selected grid column.
    pub column: Column,
    /// The selected position in the ranking (index into `ranking_order()`).
    pub ranking_row: usize,
    pub folded: BTreeSet<Section>,
    pub(super) columns: Vec<Column>,
    /// Items scored in this period, in layout order (the card's rows).
    pub(super) card_items: Vec<usize>,
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
    pub signing: Option<Signing>,
    /// The mid-year beside a year-end session.
    pub compare: super::compare::Compare,
    /// The grid's cells show points rather than the entries as typed (`p`).
    pub show_points: bool,
    /// Units with cells still to enter are ranked on their partial totals too (`t`).
    pub rank_partial: bool,
    /// The projector view, while it is on (`w`).
    pub projector: Option<super::projector::Projector>,
    /// The live page for the members' phones, while it is served (`r`); closing the session
    /// stops it.
    pub room: Option<crate::room::Room>,
    /// Where to serve it (`--room-addr`); the laptop's LAN address when not given.
    pub room_addr: Option<std::net::SocketAddr>,
    /// The session's changes, followed while the page is served.
    pub(super) room_feed: Option<std::sync::mpsc::Receiver<crate::session::Announcement>>,
    /// What besides the session the page was last sent for (see `publish_room`).
    pub(super) room_published: Option<RoomState>,
}

/// What the page follows besides the session's changes: the selection, the language, how
/// partial units rank.
pub(super) type RoomState = (usize, Option<usize>, Lang, bool);

impl App {
    pub fn new(
        lang: Lang,
        covenant: Covenant,
        period: Period,
        year: i32,
        ledger: Box<dyn Ledger>,
    ) -> Result<App, Overflow> {
        let session = Session::new(ledger)?;
        let card_items: Vec<usize> = (0..covenant.layout.items.len())
            .filter(|i| covenant.layout.items[*i].is_scored_in(period))
            .collect();
        let mut app = App {
            lang,
            covenant,
            period,
            year,
            session,
            screen: Screen::Grid,
            mode: Mode::Navigate,
            unit: 0,
            column: Column::Sum(Section::Bonus),
            ranking_row: 0,
            folded: BTreeSet::new(),
            columns: Vec::new(),
            card_items,
            status: None,
            save_failed: false,
            quit: false,
            to_sessions: false,
            scroll: Scroll::default(),
            records_dir: Default::default(),
            blocs_dir: Default::default(),
            signing: None,
            compare: Default::default(),
            show_points: false,
            rank_partial: false,
            projector: None,
            room: None,
            room_addr: None,
            room_feed: None,
            room_published: None,
        };
        app.columns = app.build_columns();
        app.column = app.columns.first().copied().unwrap_or(app.column);
        Ok(app)
    }

    pub fn last_saved(&self) -> Option<DateTime<FixedOffset>> {
        self.session.last_saved()
    }

    /// The session's records, read-only.
    pub fn records(&self) -> &Records {
        self.session.records()
    }

    pub fn session(&self) -> &Session {
        &self.session
    }

    /// The latest results of the scores and votes.
    pub fn results(&self) -> &Results {
        self.session.results()
    }

    /// A view that follows the session's accepted changes (the live page).
    pub(super) fn follow_session(
        &mut self,
    ) -> std::sync::mpsc::Receiver<crate::session::Announcement> {
        self.session.follow()
    }

    /// The units as the ranking lists them: ranked units first (`standing::order`).
    pub fn ranking_order(&self) -> Vec<usize> {
        crate::room::standing::order(self.results(), self.rank_partial)
    }

    /// The results the units' self-scores alone would give, when there are self-scores.
    pub fn self_results(&self) -> Option<&Results> {
        self.session.self_results()
    }

    pub fn cell(&self, unit: usize, item: usize) -> Cell {
        self.session.cell(unit, item)
    }

    pub fn columns(&self) -> &[Column] {
        &self.columns
    }

    pub fn card_items(&self) -> &[usize] {
        &self.card_items
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
                kind: EditorKind::Choice { met_keys, .. },
                ..
            }) => {
                if *met_keys {
                    Context::Met
                } else {
                    Context::Choice
                }
            }
            Mode::Edit(_) => Context::Number,
            Mode::Note(_) => Context::Note,
            Mode::Help(_) => Context::Help,
            Mode::Sign(d) if matches!(d.stage, super::sign::Stage::Details(_)) => {
                Context::SignDetails
            }
            Mode::Sign(_) => Context::Sign,
            Mode::ImportSelf(_) => Context::ImportSelf,
            Mode::Writing(w) if w.draft.is_some() => Context::WritingEdit,
            Mode::Writing(w) if w.election.is_some() => Context::WritingElection,
            Mode::Writing(w) if w.minutes.is_some() => Context::WritingMinutes,
            Mode::Writing(_) => Context::Writing,
            Mode::Votes(_) => Context::Votes,
            Mode::Log(_) => Context::Log,
            Mode::Prompt(p) if p.has_field() => Context::Reason,
            Mode::Prompt(_) => Context::Ask,
            Mode::RoomInfo => Context::RoomInfo,
            Mode::Navigate if self.projector.is_some() => Context::Projector,
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
        if let Some(action) = keymap::resolve(self.context(), &key) {
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

    /// Pasted text goes to the open text field, if any.
    pub fn paste(&mut self, text: &str) {
        if self.scroll.too_small.get() {
            return;
        }
        if matches!(
            self.context(),
            Context::Number
                | Context::Note
                | Context::Help
                | Context::Sign
                | Context::SignDetails
                | Context::Reason
                | Context::ImportSelf
                | Context::WritingEdit
                | Context::WritingMinutes
        ) {
            self.update(Action::Input(text.to_string()));
        }
    }

    pub fn update(&mut self, action: Action) {
        // Quitting is the screen's, whatever is open: every entry is already saved.
        if action == Action::Quit {
            self.quit = true;
            return;
        }
        match std::mem::replace(&mut self.mode, Mode::Navigate) {
            Mode::Navigate => self.navigate(action),
            Mode::RoomInfo => match action {
                Action::Cancel => {}
                Action::StopRoom => {
                    self.room = None;
                    self.room_feed = None;
                    self.say(crate::i18n::Ui::RoomStopped);
                }
                _ => self.mode = Mode::RoomInfo,
            },
            Mode::Edit(editor) => {
                let outcome = editor::update(editor, action, &mut self.ctx());
                self.apply(outcome, Mode::Edit);
            }
            Mode::Note(note) => {
                let outcome = editor::update_note(note, action, &mut self.ctx());
                self.apply(outcome, Mode::Note);
            }
            Mode::Help(filter) => self.help(filter, action),
            Mode::Sign(dialog) => {
                let outcome = super::sign::update(dialog, action, &mut self.ctx());
                self.apply(outcome, Mode::Sign);
            }
            Mode::Votes(form) => {
                // A message is about the last thing done; the next key clears it.
                self.status = None;
                let outcome = super::votes::update(form, action, &mut self.ctx());
                self.apply(outcome, Mode::Votes);
            }
            Mode::Log(view) => {
                let outcome = super::history::update(view, action, &mut self.ctx());
                self.apply(outcome, Mode::Log);
            }
            Mode::Prompt(prompt) => {
                let outcome = super::prompt::update(prompt, action, &mut self.ctx());
                self.apply(outcome, Mode::Prompt);
            }
            Mode::Writing(dialog) => {
                let outcome = super::writing::update(dialog, action, &mut self.ctx());
                self.apply(outcome, Mode::Writing);
            }
            Mode::ImportSelf(dialog) => {
                let outcome = super::import_self::update(dialog, action, &mut self.ctx());
                self.apply(outcome, Mode::ImportSelf);
            }
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
                    self.unit = self.ranking_order()[self.ranking_row];
                }
                self.show(Screen::Card)
            }
            Action::ShowRanking => self.show(Screen::Ranking),
            Action::ShowCompare => self.show_compare(),
            Action::ToggleLang => self.lang = self.lang.other(),
            Action::Help => self.mode = Mode::Help(TextField::new("")),
            Action::Sessions => self.to_sessions = true,
            Action::Sign => {
                if let Some(dialog) = super::sign::open(&self.ctx()) {
                    self.mode = Mode::Sign(dialog);
                }
            }
            Action::Votes => match super::votes::open(&self.ctx()) {
                Ok(form) => self.mode = Mode::Votes(form),
                Err(said) => self.status = Some(said),
            },
            Action::Writing => match super::writing::open(&self.ctx()) {
                Ok(dialog) => self.mode = Mode::Writing(dialog),
                Err(said) => self.status = Some(said),
            },
            Action::Log => self.mode = Mode::Log(super::history::open_log(&self.ctx())),
            Action::CellHistory => match super::history::open_cell(&self.ctx()) {
                Ok(view) => self.mode = Mode::Log(view),
                Err(said) => self.status = Some(said),
            },
            Action::Freeze => {
                self.mode = Mode::Prompt(super::prompt::freeze_or_reopen(&self.ctx()))
            }
            Action::Accept => match rules::scores_open(self.records()) {
                Ok(()) => match super::prompt::accept(&self.ctx()) {
                    Ok(prompt) => self.mode = Mode::Prompt(prompt),
                    Err(said) => self.status = Some(said),
                },
                Err(refused) => self.status = Some(Status::error(refused)),
            },
            Action::ImportSelf => match rules::scores_open(self.records()) {
                Ok(()) => self.mode = Mode::ImportSelf(super::import_self::open()),
                Err(refused) => self.status = Some(Status::error(refused)),
            },
            Action::Quit => self.quit = true,
            Action::TogglePoints
            | Action::RankPartial
            | Action::Room
            | Action::Projector
            | Action::Pause
            | Action::WallTheme => self.room_key(action),
            Action::NextMissing => self.jump(Jump::Missing),
            Action::NextUnexplained => self.jump(Jump::Unexplained),
            Action::Undo => self.undo_or_redo(false),
            Action::Redo => self.undo_or_redo(true),
            other => match self.screen {
                Screen::Grid => self.grid(other),
                Screen::Card => self.card(other),
                Screen::Ranking => self.ranking(other),
                Screen::Compare => self.compare_keys(other),
            },
        }
    }

    /// The screen as a dialog's drawing reads it.
    pub fn seen(&self) -> Seen<'_> {
        Seen {
            lang: self.lang,
            covenant: &self.covenant,
            session: &self.session,
            period: self.period,
            year: self.year,
            unit: self.unit,
            item: self.selected_item(),
            card_items: &self.card_items,
            signing: self.signing.as_ref(),
        }
    }

    /// The screen as a dialog sees it.
    pub fn ctx(&mut self) -> Ctx<'_> {
        let item = self.selected_item();
        Ctx {
            lang: self.lang,
            session: &mut self.session,
            year: self.year,
            unit: self.unit,
            item,
            card_items: &self.card_items,
            records_dir: &self.records_dir,
            signing: self.signing.as_ref(),
            save_failed: &mut self.save_failed,
        }
    }

    /// Applies what a key in a dialog came to: the dialog stays (as `mode` of its state) or
    /// closes, the status line says something, the selection moves on after an entry, or the
    /// question of a reason opens.
    pub fn apply<T>(&mut self, outcome: Outcome<T>, mode: impl FnOnce(T) -> Mode) {
        match outcome {
            Outcome::Stay(state) => self.mode = mode(state),
            Outcome::Say(state, said) => {
                self.mode = mode(state);
                self.status = Some(said);
            }
            Outcome::Close => self.mode = Mode::Navigate,
            Outcome::Done(said) => {
                self.mode = Mode::Navigate;
                self.status = Some(said);
            }
            Outcome::Entered(said) => {
                self.mode = Mode::Navigate;
                self.status = Some(said);
                self.advance();
            }
            Outcome::AskReason { unit, item, value } => {
                self.mode = Mode::Prompt(super::prompt::reason(&self.ctx(), unit, item, value));
            }
        }
        if let Some(o) = self.session.overflow() {
            self.status = Some(Status::error(Msg::overflow(&self.covenant, o)));
        }
    }

    /// Runs one of the session's operations. A write that succeeds clears the header's
    /// warning of a failed one; should the engine overflow, the status line says so.
    pub fn change(
        &mut self,
        operation: impl FnOnce(&mut Session) -> Result<Changed, Refusal>,
    ) -> Result<Changed, Refusal> {
        let done = self.ctx().change(operation);
        if let (Ok(_), Some(o)) = (&done, self.session.overflow()) {
            self.status = Some(Status::error(Msg::overflow(&self.covenant, o)));
        }
        done
    }

    fn undo_or_redo(&mut self, redo: bool) {
        let done = self.change(|s| if redo { s.redo() } else { s.undo() });
        match done {
            Ok(Changed::Cell { unit, item, .. }) => {
                self.select(unit, item);
                let (unit, item) = (self.unit_name(unit), self.item_label(item));
                self.say(if redo {
                    Msg::Redone { unit, item }
                } else {
                    Msg::Undone { unit, item }
                });
            }
            Ok(_) => {}
            Err(refused @ (Refusal::NothingToUndo | Refusal::NothingToRedo)) => {
                self.status = Some(Status::info(refused))
            }
            Err(refused) => self.status = Some(Status::error(refused)),
        }
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

    pub fn say(&mut self, m: impl Into<super::status::Said>) {
        self.status = Some(Status::info(m));
    }

    /// A worker is running (signing): the screen keeps drawing and looks for its answer.
    pub fn busy(&self) -> bool {
        matches!(
            &self.mode,
            Mode::Sign(super::sign::SignDialog {
                stage: super::sign::Stage::Working(_),
                ..
            })
        )
    }

    /// Time passing while a worker runs.
    pub fn tick(&mut self) {
        if self.busy() {
            self.update(Action::Tick);
        }
    }

    /// The status line in the screen's language.
    pub fn status_text(&self) -> Option<String> {
        self.status.as_ref().map(|s| s.text(self.lang))
    }

    pub fn unit_name(&self, unit: usize) -> String {
        self.covenant.bloc.members[unit].short.clone()
    }

    pub fn item_label(&self, item: usize) -> String {
        self.covenant.layout.items[item].label.clone()
    }
}
