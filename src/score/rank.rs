//! Ranking: band first, then total, then the bloc's tie-breakers in order. Units equal on all
//! of them share a rank and are flagged as tied; they are never silently ordered.

use std::cmp::Ordering;

use rust_decimal::Decimal;

use crate::model::Covenant;
use crate::model::scheme::TieBreaker;

use super::UnitResult;

/// A tie-breaker with its code resolved to an index.
enum Key {
    Group(usize),
    Criterion(usize),
    FewerPenalty,
    MoreBonus,
}

fn keys(covenant: &Covenant) -> Vec<Key> {
    covenant
        .scheme
        .tie_breakers
        .iter()
        .filter_map(|tb| match tb {
            TieBreaker::GroupSubtotal(code) => covenant.layout.group_index(code).map(Key::Group),
            TieBreaker::CriterionPoints(code) => covenant.layout.index_of(code).map(Key::Criterion),
            TieBreaker::FewerPenalty => Some(Key::FewerPenalty),
            TieBreaker::MoreBonus => Some(Key::MoreBonus),
        })
        .collect()
}

/// `Less` when `a` ranks before `b`.
fn compare(keys: &[Key], a: &UnitResult, b: &UnitResult) -> Ordering {
    a.band
        .cmp(&b.band)
        .then_with(|| b.total.cmp(&a.total))
        .then_with(|| {
            keys.iter()
                .map(|k| match k {
                    Key::Group(g) => b.groups[*g].cmp(&a.groups[*g]),
                    Key::Criterion(i) => {
                        let p = |u: &UnitResult| u.points[*i].unwrap_or(Decimal::ZERO);
                        p(b).cmp(&p(a))
                    }
                    Key::FewerPenalty => a.penalty.cmp(&b.penalty),
                    Key::MoreBonus => b.bonus.cmp(&a.bonus),
                })
                .find(|o| o.is_ne())
                .unwrap_or(Ordering::Equal)
        })
}

/// Sets `rank` and `tied` on every unit and returns the member indices best first.
pub fn rank(covenant: &Covenant, units: &mut [UnitResult]) -> Vec<usize> {
    let keys = keys(covenant);
    let mut order: Vec<usize> = (0..units.len()).collect();
    // A stable sort keeps tied units in member order.
    order.sort_by(|&a, &b| compare(&keys, &units[a], &units[b]));
    let mut start = 0;
    while start < order.len() {
        let mut end = start + 1;
        while end < order.len()
            && compare(&keys, &units[order[start]], &units[order[end]]) == Ordering::Equal
        {
            end += 1;
        }
        for &u in &order[start..end] {
            units[u].rank = start + 1;
            units[u].tied = end - start > 1;
        }
        start = end;
    }
    order
}
