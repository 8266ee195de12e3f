//! Where each expected bloc stands, period by period, from what the inbox holds: each issue
//! replaces the one before it by its hash, so the newest final version is taken where the chain
//! is whole; two versions replacing the same one (a fork), a version whose predecessor never
//! arrived (a gap) and drafts alone are said as such.

use std::collections::HashSet;

use crate::model::Period;

use super::check::{Checked, Outcome, Received, Refusal};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Standing {
    Missing,
    /// Only drafts arrived; the newest is this version.
    Draft(u32),
    /// The newest version is final and its chain is whole.
    Final(u32),
    /// Two versions replace the same one, or share a number: the bloc must say which holds.
    Forked(u32),
    /// This version arrived, but not the one it replaces.
    Gap(u32),
    /// Nothing was accepted; the first refusal of a file signed for the bloc.
    Refused(Refusal),
}

/// The standing of `bloc` in `period`.
pub fn standing(checked: &[Checked], bloc: &str, period: Period) -> Standing {
    let received: Vec<&Received> = checked
        .iter()
        .filter_map(|c| match &c.outcome {
            Outcome::Record(r) if r.bloc == bloc && r.period == period => Some(r),
            _ => None,
        })
        .collect();
    if received.is_empty() {
        let refused = checked.iter().find_map(|c| match &c.outcome {
            Outcome::Refused {
                bloc: Some((b, p)),
                why,
            } if b == bloc && *p == period => Some(why.clone()),
            _ => None,
        });
        return refused.map_or(Standing::Missing, Standing::Refused);
    }
    // The same record dropped twice (renamed) counts once.
    let mut seen = HashSet::new();
    let received: Vec<&Received> = received
        .into_iter()
        .filter(|r| seen.insert(r.sha256.as_str()))
        .collect();
    let newest = received.iter().map(|r| r.version).max().unwrap_or(0);
    let mut replaced = HashSet::new();
    let mut versions = HashSet::new();
    for r in &received {
        if !replaced.insert(r.replaces.clone()) || !versions.insert(r.version) {
            return Standing::Forked(newest);
        }
    }
    // The chain from the newest back to the first version, each link by hash.
    let by_hash = |hash: &str| received.iter().find(|r| r.sha256 == hash);
    let Some(mut at) = received.iter().find(|r| r.version == newest) else {
        return Standing::Missing;
    };
    let top = *at;
    while let Some(previous) = &at.replaces {
        match by_hash(previous) {
            Some(p) => at = p,
            None => return Standing::Gap(top.version),
        }
    }
    if top.provisional {
        Standing::Draft(top.version)
    } else {
        Standing::Final(top.version)
    }
}
