//! Nominations per award at year-end: who is eligible, who falls within the quota, who waits
//! for the members' vote, where a tie at the edge of the quota must be settled first, and what
//! the members' vote decided.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::model::Ballot;
use crate::model::Covenant;
use crate::model::Period;
use crate::model::scheme::{VoteBase, VoteRule};
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
    /// The members' vote, once a tally for this award's candidates is entered.
    #[serde(default)]
    pub vote: Option<VoteCount>,
    /// Why the places of this award are not what the ranking alone gives: units that came down
    /// from an earlier award after its vote, and the units they displaced.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub moves: Vec<Move>,
}

/// A place of an award taken or lost because of an earlier award's vote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Move {
    /// `unit` did not win the vote for the earlier award `from` and was considered for this one.
    CameDown { unit: usize, from: usize },
    /// `unit` would have had a place of this award had the units `by` not come down to it.
    Displaced { unit: usize, by: Vec<usize> },
}

/// How a recorded vote was counted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VoteCount {
    pub present: u32,
    /// Whom the threshold is a share of: those present, or every member.
    pub base: u32,
    /// The fewest votes that pass the threshold; `None` when the award has no threshold and the
    /// vote only settles a tie.
    pub needed: Option<u32>,
    /// The tally was entered for another list of candidates (the scores changed since, or an
    /// earlier award's vote moved a unit): it no longer counts and the members vote again.
    pub stale: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Nomination {
    /// Within the quota; proposed.
    Proposed,
    /// Within the quota; the members' vote decides.
    AwaitingVote,
    /// Tied with others at the edge of the quota: the bloc must settle it.
    TiedAtQuota,
    /// Reached the threshold and a place in the quota by the members' vote; proposed.
    Elected {
        votes: u32,
    },
    /// Below the vote's threshold; not proposed.
    NotElected {
        votes: u32,
    },
    /// Reached the threshold, but candidates with more votes filled the quota.
    OutvotedAtQuota {
        votes: u32,
    },
    /// As many votes as another candidate across the edge of the quota: vote again.
    TiedOnVotes {
        votes: u32,
    },
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

impl Nomination {
    /// Proposed to the council: within the quota without a vote, or elected.
    pub fn is_proposed(&self) -> bool {
        matches!(self, Nomination::Proposed | Nomination::Elected { .. })
    }

    /// The votes received, once counted.
    pub fn votes(&self) -> Option<u32> {
        match self {
            Nomination::Elected { votes }
            | Nomination::NotElected { votes }
            | Nomination::OutvotedAtQuota { votes }
            | Nomination::TiedOnVotes { votes } => Some(*votes),
            _ => None,
        }
    }
}

/// The candidates a vote on award result `award` is taken on: units within the quota awaiting
/// the vote, units tied at its edge, and, once a tally counts, the units it decided (so that
/// the members can vote again).
pub fn candidates(award: &AwardResult) -> Vec<usize> {
    (0..award.statuses.len())
        .filter(|&u| {
            matches!(
                award.statuses[u],
                Nomination::AwaitingVote | Nomination::TiedAtQuota
            ) || award.statuses[u].votes().is_some()
        })
        .collect()
}

/// The fewest votes that reach `rule`'s threshold.
pub fn votes_needed(rule: &VoteRule, present: u32, members: usize) -> u32 {
    let base = match rule.of {
        VoteBase::Present => Decimal::from(present),
        VoteBase::AllMembers => Decimal::from(members as u64),
    };
    let exact = base * rule.share;
    let needed = if rule.inclusive {
        exact.ceil()
    } else {
        exact.floor() + Decimal::ONE
    };
    u32::try_from(needed.mantissa() / 10i128.pow(needed.scale())).unwrap_or(u32::MAX)
}

pub fn nominate(
    covenant: &Covenant,
    units: &[UnitResult],
    order: &[usize],
    ballots: &[Ballot],
) -> Vec<AwardResult> {
    let scheme = &covenant.scheme;
    let mut taken: Vec<Option<usize>> = vec![None; units.len()];
    // The earlier award whose vote a unit did not win, while it is in the running for later ones.
    let mut came_down: Vec<Option<usize>> = vec![None; units.len()];
    let mut results = Vec::with_capacity(scheme.awards.len());
    for (a, award) in scheme.awards.iter().enumerate() {
        let quota = quota_size(&award.quota, units.len());
        let min_band = award.min_band.as_ref().and_then(|id| {
            scheme
                .bands_of(Period::YearEnd)
                .iter()
                .position(|b| &b.id == id)
        });
        let mut statuses: Vec<Nomination> = Vec::with_capacity(units.len());
        for (u, unit) in units.iter().enumerate() {
            let mut why = Vec::new();
            if let Some(earlier) = taken[u] {
                why.push(Ineligibility::ProposedForEarlier(earlier));
            }
            if min_band.is_some_and(|b| unit.band.is_none_or(|own| own > b)) {
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
        let moves = cascade(&statuses, &eligible, quota, &came_down);
        let mut result = AwardResult {
            award: a,
            quota,
            statuses,
            vote: None,
            moves,
        };
        if let Some(ballot) = ballots.iter().rev().find(|b| b.award == award.id) {
            count_votes(covenant, &mut result, ballot, order);
            for (u, status) in result.statuses.iter().enumerate() {
                match status {
                    Nomination::Elected { .. } => {
                        taken[u] = Some(a);
                        came_down[u] = None;
                    }
                    Nomination::NotElected { .. } | Nomination::OutvotedAtQuota { .. } => {
                        taken[u] = None;
                        came_down[u] = Some(a);
                    }
                    _ => {}
                }
            }
        }
        results.push(result);
    }
    results
}

/// The moves of an award: the units within its quota that came down from an earlier award's
/// vote, and the units that the ranking alone would have put within the quota and that they
/// pushed out.
fn cascade(
    statuses: &[Nomination],
    eligible: &[usize],
    quota: usize,
    came_down: &[Option<usize>],
) -> Vec<Move> {
    let within = |s: &Nomination| {
        matches!(
            s,
            Nomination::Proposed | Nomination::AwaitingVote | Nomination::TiedAtQuota
        )
    };
    let arrived: Vec<usize> = eligible
        .iter()
        .copied()
        .filter(|&u| came_down[u].is_some() && within(&statuses[u]))
        .collect();
    if arrived.is_empty() {
        return Vec::new();
    }
    let mut moves: Vec<Move> = arrived
        .iter()
        .map(|&u| Move::CameDown {
            unit: u,
            from: came_down[u].expect("filtered"),
        })
        .collect();
    // Without the units that came down, the first `quota` of the others would be within.
    let would_be: Vec<usize> = eligible
        .iter()
        .copied()
        .filter(|&u| came_down[u].is_none())
        .take(quota)
        .collect();
    for u in would_be {
        if !within(&statuses[u]) {
            moves.push(Move::Displaced {
                unit: u,
                by: arrived.clone(),
            });
        }
    }
    moves
}

/// Applies a tally to the award's candidates: the threshold first, then the places left in
/// the quota go to the most votes; equal votes across the edge are a tie the members settle.
fn count_votes(covenant: &Covenant, result: &mut AwardResult, ballot: &Ballot, order: &[usize]) {
    let award = &covenant.scheme.awards[result.award];
    let members = covenant.bloc.members.len();
    let base = match award.vote.as_ref().map(|r| r.of) {
        Some(VoteBase::AllMembers) => members as u32,
        _ => ballot.present,
    };
    let needed = award
        .vote
        .as_ref()
        .map(|rule| votes_needed(rule, ballot.present, members));
    let candidates = candidates(result);
    let mut voted: Vec<usize> = ballot
        .tally
        .iter()
        .filter_map(|t| covenant.unit_index(&t.unit))
        .collect();
    voted.sort_unstable();
    let stale = candidates.is_empty() || voted != candidates;
    result.vote = Some(VoteCount {
        present: ballot.present,
        base,
        needed,
        stale,
    });
    if stale {
        return;
    }
    let votes = |u: usize| {
        ballot
            .votes_of(&covenant.bloc.members[u].id)
            .unwrap_or_default()
    };
    let places = result.quota
        - result
            .statuses
            .iter()
            .filter(|s| **s == Nomination::Proposed)
            .count();
    // Those reaching the threshold, most votes first; equal votes keep the ranking's order.
    let mut passing: Vec<usize> = order
        .iter()
        .copied()
        .filter(|u| candidates.contains(u) && needed.is_none_or(|n| votes(*u) >= n))
        .collect();
    passing.sort_by_key(|&u| std::cmp::Reverse(votes(u)));
    let edge = passing.get(places.wrapping_sub(1)).map(|&u| votes(u));
    let crosses_edge = places > 0 && passing.get(places).is_some_and(|&u| Some(votes(u)) == edge);
    for &u in &candidates {
        let v = votes(u);
        let place = passing.iter().position(|&p| p == u);
        result.statuses[u] = match place {
            None => Nomination::NotElected { votes: v },
            Some(_) if crosses_edge && Some(v) == edge => Nomination::TiedOnVotes { votes: v },
            Some(p) if p < places => Nomination::Elected { votes: v },
            Some(_) => Nomination::OutvotedAtQuota { votes: v },
        };
    }
}
