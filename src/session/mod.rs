//! The rules of a session, in one place, for the screen, the command line and the room alike.
//!
//! A session's results are the engine's one pure function of its entries and the members'
//! recorded votes: everything that shows results (the screen, `thidua results`, the summary,
//! the comparison of periods) gets them here, so that none can disagree with another.

use crate::model::Ballot;
use crate::score::{self, Overflow, Results};
use crate::store::{Event, Records, StoreError};

/// The results of the bloc's scores and the votes recorded in `records`.
pub fn results(records: &Records) -> Result<Results, Overflow> {
    score::compute_with_votes(
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
    score::compute_with_votes(
        records.covenant(),
        records.period(),
        records.self_sheet(),
        &[],
    )
    .map(Some)
}

/// Records the members' vote on an award. The meeting's order (`domain.md`): votes are taken
/// on frozen results, but a signed final version locks them with everything else, until the
/// results are reopened with a reason.
pub fn vote(records: &mut Records, ballot: Ballot) -> Result<Event, StoreError> {
    if let Some(version) = records.signed_final() {
        return Err(StoreError::SignedFinal { version });
    }
    records.record_votes(ballot)
}

/// Records that `version` of the report was issued with its signed record at `record`, so that
/// a final version locks the session.
pub fn record_issued(
    records: &mut Records,
    version: u32,
    provisional: bool,
    record: &std::path::Path,
) -> Result<Event, StoreError> {
    let name = record
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let sha256 = std::fs::read(record)
        .map(|b| crate::store::sha256_hex(&b))
        .unwrap_or_default();
    records.record_issued(version, provisional, name, sha256)
}
