//! What a dialog sees of the screen and what it gives back. A dialog (a cell's editor, a
//! question, the votes, the log, signing, importing self-scores) holds its own state and keys;
//! it changes the session only through `Ctx::change`, and returns an `Outcome` for `App` to
//! apply: `App` alone keeps the screen, the selection, the mode and the status line.

use std::path::{Path, PathBuf};

use crate::i18n::{Lang, Msg};
use crate::model::{Covenant, Period, Value};
use crate::session::{Changed, Refusal, Session};
use crate::store::Loaded;
use crate::store::records::{Cell, Records};

use super::status::Status;

/// What signing needs beyond the session: the source files' hashes, the key, the folder.
#[derive(Debug, Clone)]
pub struct Signing {
    pub loaded: Loaded,
    pub key: Option<PathBuf>,
    pub out_dir: PathBuf,
}

/// The screen as a dialog sees it, with the session to change.
pub struct Ctx<'a> {
    pub lang: Lang,
    pub session: &'a mut Session,
    pub year: i32,
    /// The selected unit, and item when the selection is on one.
    pub unit: usize,
    pub item: Option<usize>,
    /// Items scored in this period, in layout order.
    pub card_items: &'a [usize],
    /// Where the session's records are, for exports beside them.
    pub records_dir: &'a Path,
    pub signing: Option<&'a Signing>,
    /// The last write failed (the header says so until one succeeds).
    pub save_failed: &'a mut bool,
}

impl Ctx<'_> {
    pub fn covenant(&self) -> &Covenant {
        self.session.covenant()
    }

    pub fn period(&self) -> Period {
        self.session.period()
    }

    pub fn records(&self) -> &Records {
        self.session.records()
    }

    pub fn cell(&self, unit: usize, item: usize) -> Cell {
        self.session.cell(unit, item)
    }

    pub fn unit_name(&self, unit: usize) -> String {
        self.covenant().bloc.members[unit].short.clone()
    }

    pub fn item_label(&self, item: usize) -> String {
        self.covenant().layout.items[item].label.clone()
    }

    /// Runs one of the session's operations; a write that succeeds clears the header's
    /// warning of a failed one.
    pub fn change(
        &mut self,
        operation: impl FnOnce(&mut Session) -> Result<Changed, Refusal>,
    ) -> Result<Changed, Refusal> {
        let done = operation(self.session);
        *self.save_failed = match &done {
            Ok(_) => false,
            Err(refused) => refused.is_io(),
        };
        done
    }

    /// Enters a value through the session; what the status line then says.
    pub fn enter(
        &mut self,
        unit: usize,
        item: usize,
        value: Value,
        reason: &str,
    ) -> Result<Status, Refusal> {
        let shown =
            super::display::value_long(self.lang, &self.covenant().layout.items[item], &value);
        self.change(|s| s.enter(unit, item, value, reason))?;
        Ok(Status::info(Msg::Stored {
            unit: self.unit_name(unit),
            item: self.item_label(item),
            value: shown,
        }))
    }
}

/// The screen as a dialog's drawing reads it: the same names as `App`'s, read-only.
pub struct Seen<'a> {
    pub lang: Lang,
    pub covenant: &'a Covenant,
    pub session: &'a Session,
    pub period: Period,
    pub year: i32,
    pub unit: usize,
    pub item: Option<usize>,
    pub card_items: &'a [usize],
    pub signing: Option<&'a Signing>,
}

impl Seen<'_> {
    pub fn results(&self) -> &crate::score::Results {
        self.session.results()
    }

    pub fn records(&self) -> &Records {
        self.session.records()
    }

    pub fn unit_name(&self, unit: usize) -> String {
        self.covenant.bloc.members[unit].short.clone()
    }

    pub fn selected_item(&self) -> Option<usize> {
        self.item
    }

    pub fn card_items(&self) -> &[usize] {
        self.card_items
    }
}

/// What a key in a dialog came to.
#[derive(Debug)]
pub enum Outcome<T> {
    /// The dialog stays open, in this state.
    Stay(T),
    /// The dialog stays open, and the status line says this.
    Say(T, Status),
    /// The dialog closes.
    Close,
    /// The dialog closes, and the status line says this.
    Done(Status),
    /// A value was entered: the dialog closes, the status line says so, and the selection
    /// moves on to the next cell.
    Entered(Status),
    /// The value differs from the unit's self-score: the question of its reason opens.
    AskReason {
        unit: usize,
        item: usize,
        value: Value,
    },
}
