//! Why the session refused a change, and the words for it.

use chrono::{DateTime, FixedOffset};

use crate::i18n::{Lang, Msg, Ui};
use crate::store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum Refusal {
    /// The results are frozen: scores wait for a reopening with a reason.
    #[error("frozen since {at}")]
    Frozen { at: DateTime<FixedOffset> },
    /// A final version of the report is signed: nothing changes until the results are reopened.
    #[error("version {version} is signed")]
    SignedFinal { version: u32 },
    #[error("already frozen")]
    AlreadyFrozen,
    #[error("not frozen")]
    NotFrozen,
    #[error("reopening needs a reason")]
    ReopenWithoutReason,
    /// A score that differs from the unit's own self-score is written with its reason.
    #[error("{unit} / {item}: differs from the self-score without a reason")]
    ReasonRequired { unit: String, item: String },
    #[error("votes are taken at year-end only")]
    VotesAtYearEndOnly,
    #[error("the election is held at year-end only")]
    ElectionAtYearEndOnly,
    #[error("nothing to undo")]
    NothingToUndo,
    #[error("nothing to redo")]
    NothingToRedo,
    /// The units have sent no self-scores to accept, or none is left to take.
    #[error("no self-score to accept")]
    NothingToAccept,
    /// A value for an item the covenant writes as not applying to the unit.
    #[error("{item} does not apply to {unit}")]
    NotApplicable { unit: String, item: String },
    /// The store could not take the change: a value off the scale, a full disk, a lock.
    #[error("{0}")]
    Store(#[from] StoreError),
}

impl Refusal {
    /// The message for the user.
    pub fn msg(&self, lang: Lang) -> String {
        match self {
            Refusal::Frozen { at } => lang.msg(&Msg::SessionFrozen {
                at: at.format("%d/%m/%Y %H:%M").to_string(),
            }),
            Refusal::SignedFinal { version } => lang.msg(&Msg::SignedFinal { version: *version }),
            Refusal::AlreadyFrozen => lang.msg(&Msg::AlreadyFrozen),
            Refusal::NotFrozen => lang.msg(&Msg::NotFrozen),
            Refusal::ReopenWithoutReason => lang.msg(&Msg::ReopenWithoutReason),
            Refusal::ReasonRequired { unit, item } => lang.msg(&Msg::ReasonRequired {
                unit: unit.clone(),
                item: item.clone(),
            }),
            Refusal::VotesAtYearEndOnly => lang.msg(&Msg::VotesAtYearEndOnly),
            Refusal::ElectionAtYearEndOnly => lang.msg(&Msg::ElectionAtYearEndOnly),
            Refusal::NothingToUndo => lang.ui(Ui::NothingToUndo).to_string(),
            Refusal::NothingToRedo => lang.ui(Ui::NothingToRedo).to_string(),
            Refusal::NothingToAccept => lang.msg(&Msg::NothingToAccept),
            Refusal::NotApplicable { unit, item } => lang.msg(&Msg::NotApplicable {
                unit: unit.clone(),
                item: item.clone(),
            }),
            Refusal::Store(e) => e.msg(lang),
        }
    }

    /// Whether the disk failed (the screen's header then says the last write failed).
    pub fn is_io(&self) -> bool {
        matches!(self, Refusal::Store(StoreError::Io { .. }))
    }

    /// The exit code of a command refused this way: 2 when a file or the disk failed, else 1.
    pub fn exit_code(&self) -> u8 {
        if self.is_io() {
            crate::exit::USAGE
        } else {
            crate::exit::INVALID
        }
    }
}
