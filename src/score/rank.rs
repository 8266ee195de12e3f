//! Ranking: band first, then total, then the bloc's tie-breakers in order. Units equal on all
//! of them share a rank and are flagged as tied; they are never silently ordered.

use std::cmp::Ordering;

use rust_decimal::Decimal;

use crate::model::scheme::{RankBy, TieBreaker};
use crate::model::{Covenant, Period};

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

/// The figure a unit's place is decided by after its band: its total, or its total over the
/// maximum of what applies to it, compared as `b_total × a_max` against `a_total × b_max` so
/// that no division rounds anything.
struct Measure {
    by_share: bool,
    maxima: Vec<Decimal>,
}

impl Measure {
    fn new(covenant: &Covenant, period: Period, units: usize) -> Measure {
        let by_share = covenant.scheme.rank_by == RankBy::ShareOfApplicable;
        let maxima = if by_share {
            (0..units).map(|u| covenant.unit_max(u, period)).collect()
        } else {
            Vec::new()
        };
        Measure { by_share, maxima }
    }

    /// `Less` when unit `a` stands higher than unit `b`.
    fn compare(&self, (a, ra): (usize, &UnitResult), (b, rb): (usize, &UnitResult)) -> Ordering {
        if !self.by_share {
            return rb.total.cmp(&ra.total);
        }
        let (ma, mb) = (self.maxima[a], self.maxima[b]);
        match (rb.total.checked_mul(ma), ra.total.checked_mul(mb)) {
            (Some(x), Some(y)) => x.cmp(&y),
            // Beyond exact arithmetic (never with real figures): the rounded shares.
            _ => share(rb.total, mb).cmp(&share(ra.total, ma)),
        }
    }
}

fn share(total: Decimal, max: Decimal) -> Decimal {
    if max.is_zero() {
        Decimal::ZERO
    } else {
        total / max
    }
}

/// `Less` when unit `a` ranks before unit `b`.
fn compare(
    keys: &[Key],
    measure: &Measure,
    units: &[UnitResult],
    ia: usize,
    ib: usize,
) -> Ordering {
    let (a, b) = (&units[ia], &units[ib]);
    a.band
        .cmp(&b.band)
        .then_with(|| measure.compare((ia, a), (ib, b)))
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
pub fn rank(covenant: &Covenant, period: Period, units: &mut [UnitResult]) -> Vec<usize> {
    let keys = keys(covenant);
    let measure = Measure::new(covenant, period, units.len());
    let mut order: Vec<usize> = (0..units.len()).collect();
    // A stable sort keeps tied units in member order.
    order.sort_by(|&a, &b| compare(&keys, &measure, units, a, b));
    let mut start = 0;
    while start < order.len() {
        let mut end = start + 1;
        while end < order.len()
            && compare(&keys, &measure, units, order[start], order[end]) == Ordering::Equal
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
