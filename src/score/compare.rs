//! The year in view: each unit's mid-year standing beside its year-end one, and the change.
//!
//! Pure: it reads two sets of results already computed. A unit with nothing entered in a
//! period has no standing there (`None`), so that it never reads as a unit scored 0.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::model::{Covenant, Period};

use super::Results;

/// A unit's place in one period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Standing {
    pub total: Decimal,
    /// The total as a percentage of the most the period's criteria can give, to one decimal:
    /// a mid-year of 85 points and a year of 100 compare only this way.
    pub share: Decimal,
    /// Index into the period's bands (`Scheme::bands_of`); none where the period is not
    /// classified.
    pub band: Option<usize>,
    pub rank: usize,
    pub tied: bool,
    /// Cells of this unit still to be entered in that period; 0 when complete.
    pub missing: usize,
}

impl Standing {
    pub fn complete(&self) -> bool {
        self.missing == 0
    }
}

/// From the mid-year to the year-end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    /// Year-end total minus mid-year total.
    pub total: Decimal,
    /// Places gained: 2 for a unit that went from 3rd to 1st, −1 for one that fell a place.
    pub places: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Row {
    /// Member index.
    pub unit: usize,
    pub mid_year: Option<Standing>,
    pub year_end: Option<Standing>,
    /// Only where the unit stands in both periods.
    pub change: Option<Change>,
}

/// One review over the whole bloc: entered of needed cells, and the most a unit can reach
/// from the criteria (the periods can differ: some items are scored at year-end only).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Review {
    pub entered: usize,
    pub needed: usize,
    pub max: Decimal,
}

impl Review {
    /// Nothing entered at all: the period was never scored.
    pub fn empty(&self) -> bool {
        self.entered == 0
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    /// One per member, in the year-end ranking order.
    pub rows: Vec<Row>,
    pub mid_year: Review,
    pub year_end: Review,
}

/// Sets the mid-year results beside the year-end results of the same covenant.
pub fn compare(covenant: &Covenant, mid_year: &Results, year_end: &Results) -> Comparison {
    debug_assert_eq!(mid_year.period, Period::MidYear);
    debug_assert_eq!(year_end.period, Period::YearEnd);
    let mid = |u| standing(covenant, mid_year, u);
    let end = |u| standing(covenant, year_end, u);
    let rows = year_end
        .order
        .iter()
        .map(|&unit| {
            let (mid_year, year_end) = (mid(unit), end(unit));
            let change = match (&mid_year, &year_end) {
                (Some(m), Some(e)) => Some(Change {
                    total: e.total - m.total,
                    places: m.rank as i64 - e.rank as i64,
                }),
                _ => None,
            };
            Row {
                unit,
                mid_year,
                year_end,
                change,
            }
        })
        .collect();
    Comparison {
        rows,
        mid_year: review(covenant, mid_year),
        year_end: review(covenant, year_end),
    }
}

fn review(covenant: &Covenant, r: &Results) -> Review {
    Review {
        entered: r.entered,
        needed: r.needed,
        max: covenant.layout.max_total(Some(r.period)),
    }
}

/// The unit's standing, or `None` when not one of its cells of the period holds a value.
fn standing(covenant: &Covenant, r: &Results, unit: usize) -> Option<Standing> {
    let u = r.units.get(unit)?;
    if u.missing >= covenant.needed_of(unit, r.period) {
        return None;
    }
    // The share of what applies to the unit: an item it has not got is not held against it.
    let max = covenant.unit_max(unit, r.period);
    let share = if max > Decimal::ZERO {
        (u.total * Decimal::ONE_HUNDRED / max)
            .round_dp_with_strategy(1, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
    } else {
        Decimal::ZERO
    };
    Some(Standing {
        total: u.total,
        share,
        band: u.band,
        rank: u.rank,
        tied: u.tied,
        missing: u.missing,
    })
}
