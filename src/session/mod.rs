//! The rules of a session, in one place, for the screen, the command line and the room alike.
//!
//! A [`Session`] holds the records, the undo history and the results, with one operation for
//! each change a person makes. Each operation checks the meeting's order ([`rules`]), writes
//! through the [`Ledger`], recomputes the results and announces the change on the [`feed`].
//!
//! A session's results are the engine's one pure function of its entries and the members'
//! recorded votes ([`results_of`]): everything that shows results (the screen, `thidua
//! results`, the summary, `verify`'s recomputation of a record) gets them here, so that none
//! can disagree with another.

pub mod feed;
pub mod history;
mod ledger;
mod operations;
mod refusal;
pub mod rules;

use chrono::{DateTime, FixedOffset};

pub use feed::Announcement;
pub use ledger::Ledger;
pub use refusal::Refusal;

use crate::model::{Ballot, Covenant, Period, Sheet};
use crate::score::{self, Overflow, Results};
use crate::store::{Cell, Records};

use history::History;

/// The results of `sheet` and the votes `ballots` for a bloc's period.
pub fn results_of(
    covenant: &Covenant,
    period: Period,
    sheet: &Sheet,
    ballots: &[Ballot],
) -> Result<Results, Overflow> {
    score::compute_with_votes(covenant, period, sheet, ballots)
}

/// The results of the bloc's scores and the votes recorded in `records`.
pub fn results(records: &Records) -> Result<Results, Overflow> {
    results_of(
        records.covenant(),
        records.period(),
        records.sheet(),
        &records.ballots(),
    )
}

/// The results of the units' own self-scores, when any unit has sent them. Votes are the
/// bloc's: they take no part in what the units scored themselves.
pub fn self_results(records: &Records) -> Result<Option<Results>, Overflow> {
    if !records.has_self_scores() {
        return Ok(None);
    }
    results_of(
        records.covenant(),
        records.period(),
        records.self_sheet(),
        &[],
    )
    .map(Some)
}

/// What a change did, as the session announces it.
#[derive(Debug, Clone, PartialEq)]
pub enum Changed {
    /// One cell's value, note or reason.
    Cell {
        unit: usize,
        item: usize,
        how: CellChange,
    },
    /// Cells took the units' self-scores.
    Accepted {
        cells: usize,
    },
    /// Scores read from a file.
    Imported {
        entries: usize,
    },
    /// A unit's self-scores replaced by those of a file.
    SelfScoresImported {
        unit: usize,
        entries: usize,
    },
    Frozen {
        at: DateTime<FixedOffset>,
    },
    Reopened,
    Voted {
        award: String,
    },
    /// Next year's head and deputy.
    Elected,
    /// The minutes' attendance or count records.
    Minutes,
    /// A written section of the report, by id.
    SectionWritten {
        id: String,
    },
    Issued {
        version: u32,
        provisional: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellChange {
    Entered,
    Cleared,
    Noted,
    Undone,
    Redone,
}

/// An open session: its records behind a ledger, the undo history of this sitting and the
/// latest results.
pub struct Session {
    ledger: Box<dyn Ledger>,
    history: History,
    results: Results,
    self_results: Option<Results>,
    /// The bloc-wide figures of the target criteria behind `results`, kept so that a change of
    /// any other criterion computes only its unit again.
    targets: score::TargetContext,
    /// The last recomputation overflowed: the results are those before that change.
    overflow: Option<Overflow>,
    feed: feed::Feed,
}

impl Session {
    /// Opens a session on its records, resuming the undo history from the journal's latest
    /// entries.
    pub fn new(ledger: Box<dyn Ledger>) -> Result<Session, Overflow> {
        let records = ledger.records();
        let targets = score::target_context(records.covenant(), records.period(), records.sheet())?;
        let results = score::compute_with(
            records.covenant(),
            records.period(),
            records.sheet(),
            &records.ballots(),
            &targets,
        )?;
        let self_results = self_results(records)?;
        let history = History::resumed(records.covenant(), records.recent());
        Ok(Session {
            ledger,
            history,
            results,
            self_results,
            targets,
            overflow: None,
            feed: Default::default(),
        })
    }

    pub fn records(&self) -> &Records {
        self.ledger.records()
    }

    pub fn covenant(&self) -> &Covenant {
        self.records().covenant()
    }

    pub fn period(&self) -> Period {
        self.records().period()
    }

    pub fn results(&self) -> &Results {
        &self.results
    }

    /// The results of the units' self-scores alone, when there are any.
    pub fn self_results(&self) -> Option<&Results> {
        self.self_results.as_ref()
    }

    /// Why the results shown are those before the last change, if they are.
    pub fn overflow(&self) -> Option<&Overflow> {
        self.overflow.as_ref()
    }

    pub fn cell(&self, unit: usize, item: usize) -> Cell {
        self.ledger.cell(unit, item)
    }

    pub fn last_saved(&self) -> Option<DateTime<FixedOffset>> {
        self.ledger.last_saved()
    }

    /// A view that follows the session: each accepted change arrives with its results.
    pub fn follow(&mut self) -> std::sync::mpsc::Receiver<Announcement> {
        self.feed.follow()
    }

    /// Next year's head and deputy, as last elected.
    pub fn election(&self) -> Option<&crate::model::election::Election> {
        self.records().election()
    }

    /// The latest text of the report's written section `id`.
    pub fn section(&self, id: &str) -> &str {
        self.records().section(id)
    }

    /// Whether entering `value` in a cell needs a reason: it differs from the unit's own.
    pub fn needs_reason(&self, unit: usize, item: usize, value: &crate::model::Value) -> bool {
        rules::needs_reason(self.records(), unit, item, value)
    }
}
