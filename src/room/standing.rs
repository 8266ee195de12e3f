//! How a unit's total, rank and band read on the screen while the scoring runs. A unit with
//! cells still to enter has a partial total ("tạm") and no rank or band, until it is complete or
//! the head asks to rank partial totals; complete units are ranked among themselves. This is
//! how the room sees the results; the results and the reports are unchanged.

use rust_decimal::Decimal;

use crate::i18n::{Lang, Ui};
use crate::model::scheme::RankBy;
use crate::model::{Covenant, Period};
use crate::score::Results;

/// A unit's figures as the screen shows them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    /// "84,11", or "45,20 tạm" while cells are missing.
    pub total: String,
    /// "1", "2=" (tied), or "–" while the unit is not ranked.
    pub rank: String,
    /// The band's label, or "–" while the unit is not ranked ("" where the period has none).
    pub band: String,
    pub partial: bool,
}

/// Every unit's place: its rank among the units ranked, and whether it shares it; `None` for a
/// partial unit unless `rank_partial`.
pub fn places(results: &Results, rank_partial: bool) -> Vec<Option<(usize, bool)>> {
    let mut places = vec![None; results.units.len()];
    if rank_partial {
        for (u, r) in results.units.iter().enumerate() {
            places[u] = Some((r.rank, r.tied));
        }
        return places;
    }
    // `order` is by rank: the complete units keep that order, numbered among themselves.
    let ranked: Vec<usize> = results
        .order
        .iter()
        .copied()
        .filter(|&u| results.units[u].missing == 0)
        .collect();
    let mut previous: Option<(usize, usize)> = None; // (engine rank, shown rank)
    for (position, &u) in ranked.iter().enumerate() {
        let rank = results.units[u].rank;
        let shown = match previous {
            Some((engine, shown)) if engine == rank => shown,
            _ => position + 1,
        };
        previous = Some((rank, shown));
        let shares = ranked
            .iter()
            .filter(|&&other| results.units[other].rank == rank)
            .count()
            > 1;
        places[u] = Some((shown, shares));
    }
    places
}

/// The units in the ranking's order: those ranked first, then the partial ones, each in the
/// results' order.
pub fn order(results: &Results, rank_partial: bool) -> Vec<usize> {
    let ranked = |u: &usize| rank_partial || results.units[*u].missing == 0;
    let (mut first, rest): (Vec<usize>, Vec<usize>) =
        results.order.iter().copied().partition(ranked);
    first.extend(rest);
    first
}

/// The figures of `unit` as the screen shows them, its place from `places`.
pub fn shown(
    lang: Lang,
    covenant: &Covenant,
    period: Period,
    results: &Results,
    unit: usize,
    place: Option<(usize, bool)>,
) -> Shown {
    let r = &results.units[unit];
    let partial = r.missing > 0;
    let mut total = lang.dec2(r.total);
    // Where units are ranked by their share of what applies to each, the share is what the
    // room compares: "69,00 · 86,3 %".
    let max = covenant.unit_max(unit, period);
    if covenant.scheme.rank_by == RankBy::ShareOfApplicable && !max.is_zero() {
        let share = (r.total * Decimal::ONE_HUNDRED / max)
            .round_dp_with_strategy(1, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
        total = format!("{total} · {} %", lang.dec(share));
    }
    if partial {
        total = format!("{total} {}", lang.ui(Ui::PartialTotal));
    }
    let (rank, band) = match place {
        Some((rank, tied)) => (
            format!("{rank}{}", if tied { "=" } else { "" }),
            covenant.scheme.band_label(period, r.band).to_string(),
        ),
        None => (NOT_RANKED.to_string(), NOT_RANKED.to_string()),
    };
    Shown {
        total,
        rank,
        band,
        partial,
    }
}

/// What stands for a rank or band not given yet.
pub const NOT_RANKED: &str = "–";
