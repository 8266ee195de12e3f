//! Nominations per award at year-end: who is eligible, who falls within the quota, who waits
//! for the members' vote, and where a tie at the edge of the quota must be settled first.

use serde::{Deserialize, Serialize};

use crate::model::Covenant;
use crate::model::validate::quota_size;

use super::UnitResult;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AwardResult {
    /// Index into the scheme's awards.
    pub award: usize,
    /// How many units the quota allows in this bloc.
    pub quota: usize,
    /// One per member, in member order.
    pub statuses: Vec<Nomination>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Nomination {
    /// Within the quota; proposed.
    Proposed,
    /// Within the quota; the members' vote decides.
    AwaitingVote,
    /// Tied with others at the edge of the quota: the bloc must settle it.
    TiedAtQuota,
    /// Eligible, but the quota is filled by units ranked higher.
    BeyondQuota,
    Ineligible(Vec<Ineligibility>),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Ineligibility {
    BandBelow,
    TotalBelow,
    /// Item indices of the failed veto conditions.
    Vetoed(Vec<usize>),
    /// Already proposed for an earlier award (index).
    ProposedForEarlier(usize),
}

pub fn nominate(covenant: &Covenant, units: &[UnitResult], order: &[usize]) -> Vec<AwardResult> {
    let scheme = &covenant.scheme;
    let mut taken: Vec<Option<usize>> = vec![None; units.len()];
    let mut results = Vec::with_capacity(scheme.awards.len());
    for (a, award) in scheme.awards.iter().enumerate() {
        let quota = quota_size(&award.quota, units.len());
        let min_band = award
            .min_band
            .as_ref()
            .and_then(|id| scheme.bands.iter().position(|b| &b.id == id));
        let mut statuses: Vec<Nomination> = Vec::with_capacity(units.len());
        for (u, unit) in units.iter().enumerate() {
            let mut why = Vec::new();
            if let Some(earlier) = taken[u] {
                why.push(Ineligibility::ProposedForEarlier(earlier));
            }
            if min_band.is_some_and(|b| unit.band > b) {
                why.push(Ineligibility::BandBelow);
            }
            if award.min_total.is_some_and(|t| unit.total < t) {
                why.push(Ineligibility::TotalBelow);
            }
            if award.exclude_vetoed && !unit.failed_vetoes.is_empty() {
                why.push(Ineligibility::Vetoed(unit.failed_vetoes.clone()));
            }
            statuses.push(if why.is_empty() {
                Nomination::BeyondQuota
            } else {
                Nomination::Ineligible(why)
            });
        }
        let eligible: Vec<usize> = order
            .iter()
            .copied()
            .filter(|&u| statuses[u] == Nomination::BeyondQuota)
            .collect();
        let within = if award.vote.is_some() {
            Nomination::AwaitingVote
        } else {
            Nomination::Proposed
        };
        // The rank of the last place in the quota; units sharing it across the edge are tied.
        let edge_rank = eligible.get(quota.wrapping_sub(1)).map(|&u| units[u].rank);
        let crosses_edge = quota > 0
            && eligible
                .get(quota)
                .is_some_and(|&u| Some(units[u].rank) == edge_rank);
        for (place, &u) in eligible.iter().enumerate() {
            if crosses_edge && Some(units[u].rank) == edge_rank {
                statuses[u] = Nomination::TiedAtQuota;
            } else if place < quota {
                statuses[u] = within.clone();
                taken[u] = Some(a);
            }
        }
        results.push(AwardResult {
            award: a,
            quota,
            statuses,
        });
    }
    results
}
