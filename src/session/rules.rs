//! The meeting's order (`domain.md`, "The meeting's order"), as the checks every change passes
//! before it is written: scores are entered while the results are open; freezing locks them;
//! votes are taken at year-end on frozen or open results; the meeting's words are written while
//! scores are open or frozen; a signed final version locks everything until the results are
//! reopened with a reason.

use crate::model::Period;
use crate::store::records::differs;
use crate::store::{Change, Origin, Records};

use super::Refusal;

/// Scores, notes and self-scores may change: the results are neither frozen nor signed.
pub fn scores_open(records: &Records) -> Result<(), Refusal> {
    if let Some(version) = records.signed_final() {
        return Err(Refusal::SignedFinal { version });
    }
    if let Some(frozen) = records.frozen() {
        return Err(Refusal::Frozen { at: frozen.at });
    }
    Ok(())
}

/// A value entered or imported that differs from the unit's self-score carries a reason. A
/// note added to a cell, an undo, or an accepted self-score needs none.
pub fn reason_given(records: &Records, change: &Change) -> Result<(), Refusal> {
    let new_value = change.new.value != records.cell(change.unit, change.item).value;
    let asked = matches!(change.origin, Origin::Entry | Origin::Import) && new_value;
    if asked
        && change.new.reason.trim().is_empty()
        && differs(&change.new, &records.self_cell(change.unit, change.item))
    {
        let covenant = records.covenant();
        return Err(Refusal::ReasonRequired {
            unit: covenant.bloc.members[change.unit].id.clone(),
            item: covenant.layout.items[change.item].code.clone(),
        });
    }
    Ok(())
}

/// A value goes only where the item applies to the unit; an item written as not applying
/// ("không áp dụng") takes none, though a value left there from before may be cleared.
pub fn applies(records: &Records, change: &Change) -> Result<(), Refusal> {
    let covenant = records.covenant();
    if change.new.value.is_some() && !covenant.applies(change.unit, change.item) {
        return Err(Refusal::NotApplicable {
            unit: covenant.bloc.members[change.unit].short.clone(),
            item: covenant.layout.items[change.item].label.clone(),
        });
    }
    Ok(())
}

/// Whether the value `new` for a cell would need a reason (the screen asks for it first).
pub fn needs_reason(
    records: &Records,
    unit: usize,
    item: usize,
    new: &crate::model::Value,
) -> bool {
    records
        .self_cell(unit, item)
        .value
        .is_some_and(|own| own != *new)
}

pub fn may_freeze(records: &Records) -> Result<(), Refusal> {
    if records.frozen().is_some() {
        return Err(Refusal::AlreadyFrozen);
    }
    Ok(())
}

pub fn may_reopen(records: &Records, reason: &str) -> Result<(), Refusal> {
    if records.frozen().is_none() && records.signed_final().is_none() {
        return Err(Refusal::NotFrozen);
    }
    if reason.trim().is_empty() {
        return Err(Refusal::ReopenWithoutReason);
    }
    Ok(())
}

/// The meeting's own words (the report's written sections, the attendance, the minutes, the
/// election) are written while the scores are open or frozen: freezing locks scores, not words.
/// A signed final version locks them.
pub fn words_open(records: &Records) -> Result<(), Refusal> {
    if let Some(version) = records.signed_final() {
        return Err(Refusal::SignedFinal { version });
    }
    Ok(())
}

/// Next year's head and deputy are elected at the year-end meeting, one of its words.
pub fn may_elect(records: &Records) -> Result<(), Refusal> {
    if records.period() != Period::YearEnd {
        return Err(Refusal::ElectionAtYearEndOnly);
    }
    words_open(records)
}

/// The minutes are the meeting's words; count records are of the year-end's votes.
pub fn may_record_minutes(records: &Records, counts: bool) -> Result<(), Refusal> {
    if counts && records.period() != Period::YearEnd {
        return Err(Refusal::VotesAtYearEndOnly);
    }
    words_open(records)
}

/// Votes are taken at year-end, after the scores are agreed; a signed final version locks them.
pub fn may_vote(records: &Records) -> Result<(), Refusal> {
    if records.period() != Period::YearEnd {
        return Err(Refusal::VotesAtYearEndOnly);
    }
    if let Some(version) = records.signed_final() {
        return Err(Refusal::SignedFinal { version });
    }
    Ok(())
}
