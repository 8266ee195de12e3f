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
use crate::model::scheme::{AdjustmentScale, BandCondition, Basis, Scale};
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
    /// Index into the period's bands (`Scheme::bands_of`); none where the period is not
    /// classified.
    pub band: Option<usize>,
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

#[inline]
pub(crate) fn add(a: Decimal, b: Decimal) -> Result<Decimal, OutOfRange> {
    a.checked_add(b).ok_or(OutOfRange)
}

#[inline]
pub(crate) fn sub(a: Decimal, b: Decimal) -> Result<Decimal, OutOfRange> {
    a.checked_sub(b).ok_or(OutOfRange)
}

#[inline]
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
    let targets = target_context(covenant, period, sheet)?;
    compute_with(covenant, period, sheet, ballots, &targets)
}

/// The size of sheet (units × items) from which a full computation runs on every core.
const PARALLEL_CELLS: usize = 10_000;

/// Whether `sheet` is large enough for its computation to run on every core: below, starting
/// the others would cost more than the work.
pub(crate) fn on_every_core(sheet: &Sheet) -> bool {
    sheet.units() * sheet.items() >= PARALLEL_CELLS
}

/// `compute_with_votes` with the bloc-wide figures of the target criteria already gathered
/// (`target_context`) for this sheet.
pub fn compute_with(
    covenant: &Covenant,
    period: Period,
    sheet: &Sheet,
    ballots: &[Ballot],
    targets: &TargetContext,
) -> Result<Results, Overflow> {
    let each = |unit| unit_result(covenant, period, sheet, targets, unit);
    // Each unit's figures depend on its own row and the bloc-wide target figures only.
    let computed: Vec<_> = if on_every_core(sheet) {
        use rayon::prelude::*;
        (0..sheet.units()).into_par_iter().map(each).collect()
    } else {
        (0..sheet.units()).map(each).collect()
    };
    let mut units = Vec::with_capacity(sheet.units());
    let mut missing = Vec::new();
    // In member order, so that an overflow is said at the first unit it happens in.
    for c in computed {
        let (result, unit_missing) = c?;
        units.push(result);
        missing.extend(unit_missing);
    }
    let needed = needed_cells(covenant, period, sheet.units());
    Ok(finish(covenant, period, units, missing, needed, ballots))
}

/// The results after the value of one cell of `unit` changed, from the `previous` results and
/// `targets` figures of the same sheet before the change. Only that unit's figures are computed
/// again, then the ranking and the nominations: the same results as `compute_with_votes`, in a
/// fraction of the time. A criterion scored against a target moves the bloc-wide figures every
/// unit's points depend on: then they are gathered again and everything is computed again.
pub fn recompute_cell(
    covenant: &Covenant,
    sheet: &Sheet,
    ballots: &[Ballot],
    previous: &Results,
    targets: &mut TargetContext,
    (unit, item): (usize, usize),
) -> Result<Results, Overflow> {
    let period = previous.period;
    let against_target = matches!(
        covenant.layout.items.get(item).map(|i| &i.rule),
        Some(Rule::Criterion {
            scale: Scale::Target { .. },
            ..
        })
    );
    if against_target || previous.units.len() != sheet.units() || unit >= sheet.units() {
        *targets = target_context(covenant, period, sheet)?;
        return compute_with(covenant, period, sheet, ballots, targets);
    }
    let (result, unit_missing) = unit_result(covenant, period, sheet, targets, unit)?;
    let mut units = previous.units.clone();
    units[unit] = result;
    // The missing cells stay in (unit, item) order, as a full computation lists them.
    let mut missing: Vec<(usize, usize)> = previous
        .missing
        .iter()
        .copied()
        .filter(|(u, _)| *u != unit)
        .collect();
    let at = missing.partition_point(|(u, _)| *u < unit);
    missing.splice(at..at, unit_missing);
    Ok(finish(
        covenant,
        period,
        units,
        missing,
        previous.needed,
        ballots,
    ))
}

/// The bloc-wide figures of the target criteria for `sheet`.
pub fn target_context(
    covenant: &Covenant,
    period: Period,
    sheet: &Sheet,
) -> Result<TargetContext, Overflow> {
    TargetContext::new(covenant, period, sheet).map_err(|(unit, item)| Overflow {
        unit,
        item: Some(item),
    })
}

/// Cells the period needs from every unit: the items scored in it that apply to the unit.
fn needed_cells(covenant: &Covenant, period: Period, units: usize) -> usize {
    (0..units).map(|u| covenant.needed_of(u, period)).sum()
}

/// One unit's figures, and its cells still to be entered.
fn unit_result(
    covenant: &Covenant,
    period: Period,
    sheet: &Sheet,
    targets: &TargetContext,
    unit: usize,
) -> Result<(UnitResult, Vec<(usize, usize)>), Overflow> {
    let layout = &covenant.layout;
    let row = sheet.row(unit);
    let mut points = vec![None; layout.items.len()];
    let mut failed_vetoes = Vec::new();
    let mut missing = Vec::new();
    for (i, item) in layout.items.iter().enumerate() {
        // An item that does not apply to the unit is neither scored nor missing.
        if !item.is_scored_in(period) || !covenant.applies(unit, i) {
            continue;
        }
        let Some(value) = &row[i] else {
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
    let totals = unit_totals(covenant, period, unit, points, failed_vetoes, missing.len())
        .map_err(|_| Overflow { unit, item: None })?;
    Ok((totals, missing))
}

/// The ranking and, at year-end, the nominations, over every unit's figures.
fn finish(
    covenant: &Covenant,
    period: Period,
    mut units: Vec<UnitResult>,
    missing: Vec<(usize, usize)>,
    needed: usize,
    ballots: &[Ballot],
) -> Results {
    let order = rank::rank(covenant, period, &mut units);
    let awards = if period == Period::YearEnd {
        nominate::nominate(covenant, &units, &order, ballots)
    } else {
        Vec::new()
    };
    Results {
        period,
        entered: needed - missing.len(),
        units,
        order,
        missing,
        needed,
        awards,
    }
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
    period: Period,
    unit: usize,
    points: Vec<Option<Decimal>>,
    failed_vetoes: Vec<usize>,
    missing: usize,
) -> Result<UnitResult, OutOfRange> {
    let layout = &covenant.layout;
    let mut groups = group_sums(covenant, &points)?;
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
    let band = band(
        covenant,
        period,
        unit,
        total,
        bonus,
        penalty,
        &failed_vetoes,
    )?;
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

/// Each group's sum of its criteria's points, before caps. The points have at most
/// `MAX_DECIMALS` places (the scale's figures, or a target's rounded points): they are added as
/// integers in units of 10⁻⁴, which is exact and a good deal faster than decimal addition, and
/// the sum keeps the places decimal addition gives it (the most of its terms'). Any other
/// figure takes decimal addition.
fn group_sums(covenant: &Covenant, points: &[Option<Decimal>]) -> Result<Vec<Decimal>, OutOfRange> {
    const PLACES: u32 = crate::model::limits::MAX_DECIMALS;
    const POWERS: [i128; PLACES as usize + 1] = [1, 10, 100, 1_000, 10_000];
    let layout = &covenant.layout;
    let mut sums = vec![(0i128, 0u32); layout.groups.len()];
    for (item, p) in layout.items.iter().zip(points) {
        if let (ItemKind::Criterion, Some(g), Some(p)) = (item.kind, item.group, p) {
            let places = p.scale();
            if places > PLACES {
                return decimal_group_sums(covenant, points);
            }
            let (sum, most) = &mut sums[g];
            // A mantissa has at most 96 bits: times 10⁴ it stays far inside an i128.
            let term = p.mantissa() * POWERS[(PLACES - places) as usize];
            *sum = sum.checked_add(term).ok_or(OutOfRange)?;
            *most = (*most).max(places);
        }
    }
    sums.into_iter()
        .map(|(sum, most)| {
            let units = sum / POWERS[(PLACES - most) as usize];
            Decimal::try_from_i128_with_scale(units, most).map_err(|_| OutOfRange)
        })
        .collect()
}

/// `group_sums` by decimal addition.
fn decimal_group_sums(
    covenant: &Covenant,
    points: &[Option<Decimal>],
) -> Result<Vec<Decimal>, OutOfRange> {
    let layout = &covenant.layout;
    let mut groups = vec![Decimal::ZERO; layout.groups.len()];
    for (item, p) in layout.items.iter().zip(points) {
        if let (ItemKind::Criterion, Some(g), Some(p)) = (item.kind, item.group, p) {
            groups[g] = add(groups[g], *p)?;
        }
    }
    Ok(groups)
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
        let code = &layout.groups[g].code;
        let cap = (list.group_caps.iter())
            .find(|(c, _)| crate::model::layout::key(c) == code)
            .map(|(_, cap)| cap);
        sum = add(sum, cap.map_or(value, |c| value.min(*c)))?;
    }
    Ok(list.cap.map_or(sum, |c| sum.min(c)))
}

fn band(
    covenant: &Covenant,
    period: Period,
    unit: usize,
    total: Decimal,
    bonus: Decimal,
    penalty: Decimal,
    failed_vetoes: &[usize],
) -> Result<Option<usize>, OutOfRange> {
    let bands = covenant.scheme.bands_of(period);
    // The total and the bound as compared: points, or (a share of the period's maximum, of
    // the criteria that apply to the unit) 100 × total against bound × maximum, so that no
    // division rounds anything.
    let (reached_value, scale) = match covenant.scheme.classification.of(period) {
        Basis::Points => (total, Decimal::ONE),
        Basis::ShareOfMaximum => (
            mul(total, Decimal::ONE_HUNDRED)?,
            covenant.unit_max(unit, period),
        ),
        Basis::Off => return Ok(None),
    };
    let mut reached = bands.len().saturating_sub(1);
    for (b, band) in bands.iter().enumerate() {
        let bound = match band.min {
            None => true,
            Some(m) => {
                let at = mul(m.points, scale)?;
                if m.inclusive {
                    reached_value >= at
                } else {
                    reached_value > at
                }
            }
        };
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
            let veto = (covenant.scheme.vetoes.iter())
                .find(|v| crate::model::layout::key(&v.code) == code)?;
            let cap = veto.band_cap.as_ref()?;
            bands.iter().position(|b| &b.id == cap)
        })
        .fold(reached, usize::max)
        .into())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn group_sums_added_as_integers_are_those_of_decimal_addition_to_the_place() {
        // The sample bloc, read as the store reads it (the engine knows no files).
        let options = ron::Options::default().with_default_extension(
            ron::extensions::Extensions::IMPLICIT_SOME
                | ron::extensions::Extensions::UNWRAP_VARIANT_NEWTYPES,
        );
        let bloc = options
            .from_str(include_str!("../../blocs/khoi-8.ron"))
            .expect("sample bloc");
        let scheme = options
            .from_str(include_str!("../../scoring/khoi-phuong-2026.ron"))
            .expect("sample scheme");
        let covenant = Covenant::new(bloc, scheme).expect("a valid covenant");
        let figures = ["10", "7.5", "0.25", "6.50", "0.0001", "2.1250", "0", "-1.5"];
        let points: Vec<Option<Decimal>> = (0..covenant.layout.items.len())
            .map(|i| (i % 9 != 8).then(|| figures[i % figures.len()].parse().unwrap()))
            .collect();
        let fast = group_sums(&covenant, &points).unwrap();
        let slow = decimal_group_sums(&covenant, &points).unwrap();
        let text = |sums: &[Decimal]| sums.iter().map(Decimal::to_string).collect::<Vec<_>>();
        assert_eq!(text(&fast), text(&slow));
        assert!(fast.iter().any(|s| s.scale() == 4), "{fast:?}");
        // A figure of more places than any scale writes is added as a decimal.
        let mut fine = points.clone();
        fine[0] = Some("0.123456".parse().unwrap());
        assert_eq!(
            text(&group_sums(&covenant, &fine).unwrap()),
            text(&decimal_group_sums(&covenant, &fine).unwrap())
        );
    }
}
