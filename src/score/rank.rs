//! Ranking: band first, then total, then the bloc's tie-breakers in order. Units equal on all
//! of them share a rank and are flagged as tied; they are never silently ordered.

use std::cmp::Ordering;

use rust_decimal::Decimal;

use crate::model::Covenant;
use crate::model::scheme::TieBreaker;

use super::UnitResult;

/// Compares two units: `Less` when `a` ranks before `b`.
pub fn compare(covenant: &Covenant, a: &UnitResult, b: &UnitResult) -> Ordering {
    a.band
        .cmp(&b.band)
        .then_with(|| b.total.cmp(&a.total))
        .then_with(|| {
            for tb in &covenant.scheme.tie_breakers {
                let o = match tb {
                    TieBreaker::GroupSubtotal(code) => match covenant.layout.group_index(code) {
                        Some(g) => b.groups[g].cmp(&a.groups[g]),
                        None => Ordering::Equal,
                    },
                    TieBreaker::CriterionPoints(code) => match covenant.layout.index_of(code) {
                        Some(i) => {
                            let p = |u: &UnitResult| u.points[i].unwrap_or(Decimal::ZERO);
                            p(b).cmp(&p(a))
                        }
                        None => Ordering::Equal,
                    },
                    TieBreaker::FewerPenalty => a.penalty.cmp(&b.penalty),
                    TieBreaker::MoreBonus => b.bonus.cmp(&a.bonus),
                };
                if o != Ordering::Equal {
                    return o;
                }
            }
            Ordering::Equal
        })
}

/// Sets `rank` and `tied` on every unit and returns the member indices best first.
pub fn rank(covenant: &Covenant, units: &mut [UnitResult]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..units.len()).collect();
    // A stable sort keeps tied units in member order.
    order.sort_by(|&a, &b| compare(covenant, &units[a], &units[b]));
    let mut start = 0;
    while start < order.len() {
        let mut end = start + 1;
        while end < order.len()
            && compare(covenant, &units[order[start]], &units[order[end]]) == Ordering::Equal
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
