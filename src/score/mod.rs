//! The engine: one pure function from a covenant, a period and the entered values to every
//! result the screen shows and the report prints.
//!
//! Arithmetic is exact (`rust_decimal`). The only divisions are in the target rules; their
//! points are rounded to two decimal places, half away from zero. Everything else is sums and
//! caps of the values as entered.

pub mod compare;
mod nominate;
mod rank;
mod target;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::model::layout::{ItemKind, Rule};
use crate::model::scheme::{AdjustmentScale, BandCondition, Scale};
use crate::model::{Ballot, Covenant, Period, Sheet, Value};

pub use nominate::{
    AwardResult, Ineligibility, Move, Nomination, VoteCount, candidates, votes_needed,
};
pub use target::TargetContext;

/// Decimal places of points computed by division.
pub const POINT_DECIMALS: u32 = 2;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Results {
    pub period: Period,
    /// One per member, in the bloc's member order.
    pub units: Vec<UnitResult>,
    /// Member indices, best first; tied units keep member order.
    pub order: Vec<usize>,
    /// Cells still to be entered, as (member index, item index).
    pub missing: Vec<(usize, usize)>,
    /// Cells the period needs, and how many of them hold a value.
    pub needed: usize,
    pub entered: usize,
    /// Nominations per award, at year-end only.
    pub awards: Vec<AwardResult>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnitResult {
    /// Points per layout item: a criterion's points, a bonus or penalty item's points after its
    /// own cap. `None` where nothing is entered, the item is not scored this period, or it is a
    /// veto condition.
    pub points: Vec<Option<Decimal>>,
    /// Subtotal per layout group, after the group's cap.
    pub groups: Vec<Decimal>,
    /// Sum of the top-level groups.
    pub criteria: Decimal,
    /// Bonus and penalty after every cap (both positive).
    pub bonus: Decimal,
    pub penalty: Decimal,
    /// `criteria + bonus − penalty`, never below zero.
    pub total: Decimal,
    /// Item indices of the veto conditions entered as not met.
    pub failed_vetoes: Vec<usize>,
    /// Index into the scheme's bands.
    pub band: usize,
    /// Competition rank: 1, 1, 3 when the first two are tied on everything.
    pub rank: usize,
    /// Shares its rank with another unit (an unresolved tie).
    pub tied: bool,
    /// Cells of this unit still to be entered.
    pub missing: usize,
}

/// A figure of one unit's computation left the range of exact arithmetic. The limits of
/// `model::limits`, checked on everything thidua reads, keep every figure far inside it; the
/// engine checks each operation all the same and says where, rather than stopping the program.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the figures of unit {unit} (item {item:?}) go beyond exact arithmetic")]
pub struct Overflow {
    /// Member index.
    pub unit: usize,
    /// Item index, when one item's points overflowed; `None` for a sum of the unit's points.
    pub item: Option<usize>,
}

/// An operation that left `Decimal`'s range, before it is placed at a unit and item.
#[derive(Debug, Clone, Copy)]
pub struct OutOfRange;

pub(crate) fn add(a: Decimal, b: Decimal) -> Result<Decimal, OutOfRange> {
    a.checked_add(b).ok_or(OutOfRange)
}

pub(crate) fn sub(a: Decimal, b: Decimal) -> Result<Decimal, OutOfRange> {
    a.checked_sub(b).ok_or(OutOfRange)
}

pub(crate) fn mul(a: Decimal, b: Decimal) -> Result<Decimal, OutOfRange> {
    a.checked_mul(b).ok_or(OutOfRange)
}

/// Computes every result of `period` from the entered values.
pub fn compute(covenant: &Covenant, period: Period, sheet: &Sheet) -> Result<Results, Overflow> {
    compute_with_votes(covenant, period, sheet, &[])
}

/// Computes every result of `period` from the entered values and, at year-end, the members'
/// votes on the awards (the latest tally per award counts).
pub fn compute_with_votes(
    covenant: &Covenant,
    period: Period,
    sheet: &Sheet,
    ballots: &[Ballot],
) -> Result<Results, Overflow> {
    let layout = &covenant.layout;
    let targets = TargetContext::new(covenant, period, sheet).map_err(|(unit, item)| Overflow {
        unit,
        item: Some(item),
    })?;
    let mut units = Vec::with_capacity(sheet.units());
    let mut missing = Vec::new();
    let mut needed = 0;
    for unit in 0..sheet.units() {
        let row = sheet.row(unit);
        let mut points = vec![None; layout.items.len()];
        let mut failed_vetoes = Vec::new();
        let mut unit_missing = 0;
        for (i, item) in layout.items.iter().enumerate() {
            if !item.is_scored_in(period) {
                continue;
            }
            needed += 1;
            let Some(value) = &row[i] else {
                unit_missing += 1;
                missing.push((unit, i));
                continue;
            };
            let at_item = |_| Overflow {
                unit,
                item: Some(i),
            };
            match &item.rule {
                Rule::Criterion { scale, max } => {
                    points[i] = criterion_points(scale, *max, value, |a| {
                        targets.points(covenant, unit, i, a, *max)
                    })
                    .map_err(at_item)?;
                }
                Rule::Adjustment { scale, cap } => {
                    points[i] = adjustment_points(scale, *cap, value).map_err(at_item)?;
                }
                Rule::Veto => {
                    if value == &Value::Met(false) {
                        failed_vetoes.push(i);
                    }
                }
            }
        }
        let totals = unit_totals(covenant, points, failed_vetoes, unit_missing)
            .map_err(|_| Overflow { unit, item: None })?;
        units.push(totals);
    }
    let order = rank::rank(covenant, &mut units);
    let awards = if period == Period::YearEnd {
        nominate::nominate(covenant, &units, &order, ballots)
    } else {
        Vec::new()
    };
    Ok(Results {
        period,
        entered: needed - missing.len(),
        units,
        order,
        missing,
        needed,
        awards,
    })
}

fn criterion_points(
    scale: &Scale,
    max: Decimal,
    value: &Value,
    target: impl FnOnce(Decimal) -> Result<Option<Decimal>, OutOfRange>,
) -> Result<Option<Decimal>, OutOfRange> {
    Ok(match (scale, value) {
        (Scale::Levels(levels), Value::Level(code)) => {
            levels.iter().find(|l| &l.code == code).map(|l| l.points)
        }
        (Scale::MetOrNot, Value::Met(met)) => Some(if *met { max } else { Decimal::ZERO }),
        (Scale::Free { .. }, Value::Points(p)) => Some(*p),
        (
            Scale::PerOccurrence {
                per,
                start,
                floor,
                ceiling,
            },
            Value::Count(n),
        ) => {
            let ceiling = ceiling.unwrap_or(max);
            let start = start.unwrap_or(if per.is_sign_negative() {
                ceiling
            } else {
                *floor
            });
            let raw = add(start, mul(*per, Decimal::from(*n))?)?;
            Some(raw.clamp(*floor, ceiling))
        }
        (Scale::Target { .. }, Value::Achieved(a)) => target(*a)?,
        _ => None,
    })
}

fn adjustment_points(
    scale: &AdjustmentScale,
    cap: Option<Decimal>,
    value: &Value,
) -> Result<Option<Decimal>, OutOfRange> {
    let raw = match (scale, value) {
        (AdjustmentScale::Once(p), Value::Met(yes)) => {
            if *yes {
                *p
            } else {
                Decimal::ZERO
            }
        }
        (AdjustmentScale::PerOccurrence(p), Value::Count(n)) => mul(*p, Decimal::from(*n))?,
        (AdjustmentScale::Free { .. }, Value::Points(p)) => *p,
        _ => return Ok(None),
    };
    Ok(Some(cap.map_or(raw, |c| raw.min(c))))
}

fn unit_totals(
    covenant: &Covenant,
    points: Vec<Option<Decimal>>,
    failed_vetoes: Vec<usize>,
    missing: usize,
) -> Result<UnitResult, OutOfRange> {
    let layout = &covenant.layout;
    let mut groups = vec![Decimal::ZERO; layout.groups.len()];
    for (item, p) in layout.items.iter().zip(&points) {
        if let (ItemKind::Criterion, Some(g), Some(p)) = (item.kind, item.group, p) {
            groups[g] = add(groups[g], *p)?;
        }
    }
    // Parents come before children, so walking backwards caps a child before it is added in.
    let mut criteria = Decimal::ZERO;
    for g in (0..groups.len()).rev() {
        if let Some(cap) = layout.groups[g].cap {
            groups[g] = groups[g].min(cap);
        }
        match layout.groups[g].parent {
            Some(parent) => {
                let child = groups[g];
                groups[parent] = add(groups[parent], child)?;
            }
            None => criteria = add(criteria, groups[g])?,
        }
    }
    let bonus = adjustment_total(covenant, &points, ItemKind::Bonus, &covenant.scheme.bonus)?;
    let penalty = adjustment_total(
        covenant,
        &points,
        ItemKind::Penalty,
        &covenant.scheme.penalty,
    )?;
    let total = sub(add(criteria, bonus)?, penalty)?.max(Decimal::ZERO);
    let band = band(covenant, total, bonus, penalty, &failed_vetoes)?;
    Ok(UnitResult {
        points,
        groups,
        criteria,
        bonus,
        penalty,
        total,
        failed_vetoes,
        band,
        rank: 0,
        tied: false,
        missing,
    })
}

fn adjustment_total(
    covenant: &Covenant,
    points: &[Option<Decimal>],
    kind: ItemKind,
    list: &crate::model::scheme::Adjustments,
) -> Result<Decimal, OutOfRange> {
    let layout = &covenant.layout;
    let mut ungrouped = Decimal::ZERO;
    let mut by_group: Vec<Decimal> = vec![Decimal::ZERO; layout.groups.len()];
    for (item, p) in layout.items.iter().zip(points) {
        if item.kind != kind {
            continue;
        }
        let Some(p) = p else { continue };
        match item.group {
            Some(g) => by_group[g] = add(by_group[g], *p)?,
            None => ungrouped = add(ungrouped, *p)?,
        }
    }
    let mut sum = ungrouped;
    for (g, value) in by_group.into_iter().enumerate() {
        let cap = list.group_caps.get(&layout.groups[g].code);
        sum = add(sum, cap.map_or(value, |c| value.min(*c)))?;
    }
    Ok(list.cap.map_or(sum, |c| sum.min(c)))
}

fn band(
    covenant: &Covenant,
    total: Decimal,
    bonus: Decimal,
    penalty: Decimal,
    failed_vetoes: &[usize],
) -> Result<usize, OutOfRange> {
    let bands = &covenant.scheme.bands;
    let mut reached = bands.len().saturating_sub(1);
    for (b, band) in bands.iter().enumerate() {
        let bound = band.min.is_none_or(|m| {
            if m.inclusive {
                total >= m.points
            } else {
                total > m.points
            }
        });
        let mut conditions = true;
        for c in &band.conditions {
            conditions &= match c {
                BandCondition::NoFailedVeto => failed_vetoes.is_empty(),
                BandCondition::PenaltyAtMostShareOfBonus(share) => penalty <= mul(bonus, *share)?,
            };
        }
        if bound && conditions {
            reached = b;
            break;
        }
    }
    // A failed veto can hold the unit down to a band; it never lifts it.
    let layout = &covenant.layout;
    Ok(failed_vetoes
        .iter()
        .filter_map(|&i| {
            let code = &layout.items[i].code;
            let veto = covenant.scheme.vetoes.iter().find(|v| &v.code == code)?;
            let cap = veto.band_cap.as_ref()?;
            bands.iter().position(|b| &b.id == cap)
        })
        .fold(reached, usize::max))
}

/// Rounds a computed point value to `POINT_DECIMALS` places, half away from zero.
pub fn round_points(value: Decimal) -> Decimal {
    value
        .round_dp_with_strategy(
            POINT_DECIMALS,
            rust_decimal::RoundingStrategy::MidpointAwayFromZero,
        )
        .normalize()
}
