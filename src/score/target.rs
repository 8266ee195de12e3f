//! The "against a target" rules. A unit's points can depend on the other units' results (the
//! leader over target, the best unit without a target), so the bloc-wide figures are gathered
//! once per computation. Units an item does not apply to take no part in them.

use rust_decimal::Decimal;

use crate::model::layout::Rule;
use crate::model::scheme::{Direction, Scale, TargetRule, Untargeted};
use crate::model::{Covenant, Period, Sheet, Value};

use super::{OutOfRange, add, mul, round_points, sub};

/// How a target criterion scores, with its defaults resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TargetScale {
    pub rule: TargetRule,
    pub better: Direction,
    pub untargeted: Untargeted,
}

impl TargetScale {
    pub fn of(scale: &Scale) -> Option<TargetScale> {
        match scale {
            Scale::Target { rule, better, .. } => Some(TargetScale {
                rule: *rule,
                better: *better,
                // Validation gives every unit a target where the scale has no rule for those
                // without one; scoring such a unit nothing is the safe reading all the same.
                untargeted: scale.untargeted().unwrap_or(Untargeted::Zero),
            }),
            _ => None,
        }
    }
}

/// The bloc-wide figures of one target criterion.
#[derive(Debug, Clone, Copy)]
struct Figures {
    scale: TargetScale,
    /// The leader's share beyond its target (over it, or under it where lower is better), as
    /// the fraction (|a − t|, t).
    leader: (Decimal, Decimal),
    /// The best achieved value among the units without a target.
    best_untargeted: Option<Decimal>,
}

/// Bloc-wide figures of each target criterion.
pub struct TargetContext {
    per_item: Vec<Option<Figures>>,
}

fn achieved(sheet: &Sheet, unit: usize, item: usize) -> Option<Decimal> {
    match sheet.get(unit, item) {
        Some(Value::Achieved(a)) => Some(*a),
        _ => None,
    }
}

/// The target a unit is measured against: a positive one, or 0 where lower is better ("no
/// cases"). None: the unit has no target.
fn target_of(covenant: &Covenant, unit: usize, item: usize, better: Direction) -> Option<Decimal> {
    covenant
        .target(unit, item)
        .filter(|t| !t.is_zero() || better == Direction::Lower)
}

impl TargetContext {
    /// Gathers the figures, or names the (unit, item) whose figures overflowed.
    pub fn new(
        covenant: &Covenant,
        period: Period,
        sheet: &Sheet,
    ) -> Result<TargetContext, (usize, usize)> {
        let layout = &covenant.layout;
        let of_item = |(i, item): (usize, &crate::model::layout::Item)| match &item.rule {
            Rule::Criterion { scale, .. } if item.is_scored_in(period) => {
                TargetScale::of(scale).map(|scale| figures(covenant, sheet, i, scale))
            }
            _ => None,
        };
        // Each criterion's figures are its own column's.
        let gathered: Vec<Option<Result<Figures, (usize, usize)>>> = if super::on_every_core(sheet)
        {
            use rayon::prelude::*;
            layout.items.par_iter().enumerate().map(of_item).collect()
        } else {
            layout.items.iter().enumerate().map(of_item).collect()
        };
        // The first overflow in item order, as a computation on one thread finds it.
        let per_item = gathered
            .into_iter()
            .map(Option::transpose)
            .collect::<Result<Vec<_>, _>>()?;
        Ok(TargetContext { per_item })
    }

    /// The points of `unit` on target criterion `item` for the achieved value `a`.
    pub fn points(
        &self,
        covenant: &Covenant,
        unit: usize,
        item: usize,
        a: Decimal,
        max: Decimal,
    ) -> Result<Option<Decimal>, OutOfRange> {
        let Some(f) = self.per_item.get(item).copied().flatten() else {
            return Ok(None);
        };
        let target = target_of(covenant, unit, item, f.scale.better);
        points_for(f.scale, a, target, f.leader, f.best_untargeted, max).map(Some)
    }
}

/// The bloc-wide figures of target criterion `i`, or the unit whose figures overflowed.
fn figures(
    covenant: &Covenant,
    sheet: &Sheet,
    i: usize,
    scale: TargetScale,
) -> Result<Figures, (usize, usize)> {
    // The leader's share beyond target, kept as the fraction (beyond, t) so that comparing
    // shares needs no division: x1/y1 > x2/y2 ⟺ x1·y2 > x2·y1.
    let mut leader = (Decimal::ZERO, Decimal::ONE);
    let mut best_untargeted: Option<Decimal> = None;
    let lower = scale.better == Direction::Lower;
    for u in 0..covenant.bloc.members.len() {
        if !covenant.applies(u, i) {
            continue;
        }
        let Some(a) = achieved(sheet, u, i) else {
            continue;
        };
        match target_of(covenant, u, i, scale.better) {
            // A target of 0 has no share under it to lead with.
            Some(t) if !t.is_zero() => {
                let further = (|| {
                    let beyond = if lower { sub(t, a)? } else { sub(a, t)? };
                    Ok::<_, OutOfRange>((beyond, mul(beyond, leader.1)? > mul(leader.0, t)?))
                })()
                .map_err(|_| (u, i))?;
                if further.1 {
                    leader = (further.0, t);
                }
            }
            Some(_) => {}
            None => {
                let better = |best: Decimal| if lower { a < best } else { a > best };
                if best_untargeted.is_none_or(better) {
                    best_untargeted = Some(a);
                }
            }
        }
    }
    Ok(Figures {
        scale,
        leader,
        best_untargeted,
    })
}

/// One unit's points on a target criterion with maximum `max`, given its achieved value `a`,
/// its target (if any), the leader's share beyond target as a fraction `(|a − t|, t)`, and the
/// best value without a target. Rounded once, at the end. Nothing is ever divided by a zero
/// target or a zero achieved value: those cases are given outright (`docs/formats.md`).
pub fn points_for(
    scale: TargetScale,
    a: Decimal,
    target: Option<Decimal>,
    leader: (Decimal, Decimal),
    best_untargeted: Option<Decimal>,
    max: Decimal,
) -> Result<Decimal, OutOfRange> {
    let lower = scale.better == Direction::Lower;
    let points = match (scale.rule, target) {
        (_, None) => match (scale.untargeted, best_untargeted) {
            (Untargeted::Zero, _) | (_, None) => Decimal::ZERO,
            // Fewer is better: the lowest value takes the maximum, others max × best / a.
            (Untargeted::AgainstBest, Some(_)) if lower && a.is_zero() => max,
            (Untargeted::AgainstBest, Some(best)) if lower => div_round(mul(max, best)?, a)?,
            (Untargeted::AgainstBest, Some(best)) if best.is_zero() => Decimal::ZERO,
            (Untargeted::AgainstBest, Some(best)) => div_round(mul(max, a)?, best)?,
        },
        (TargetRule::Proportional, Some(t)) => {
            let met = if lower { a <= t } else { a >= t };
            if met {
                max
            } else if lower {
                // Over a target of 0 ("no cases") nothing is earned; else max × t / a.
                if t.is_zero() {
                    Decimal::ZERO
                } else {
                    div_round(mul(max, t)?, a)?
                }
            } else {
                div_round(mul(max, a)?, t)?
            }
        }
        (TargetRule::HalfAtTarget, Some(t)) => {
            // Divided here only: a division is the dearest step of the whole computation.
            let half = max / Decimal::TWO;
            let (beyond_leader, base) = leader;
            let short = if lower { a > t } else { a < t };
            if short {
                if lower {
                    if t.is_zero() {
                        Decimal::ZERO
                    } else {
                        div_round(mul(half, t)?, a)?
                    }
                } else {
                    div_round(mul(half, a)?, t)?
                }
            } else if a == t || beyond_leader.is_zero() {
                // Rounded like every target figure: 12,99 at target is 6,50, not 6,495.
                round_points(half)
            } else {
                // half + half × (beyond / t) / (leader's beyond / base), as one fraction.
                let beyond = if lower { sub(t, a)? } else { sub(a, t)? };
                let den = mul(t, beyond_leader)?;
                let num = add(mul(half, den)?, mul(mul(half, beyond)?, base)?)?;
                div_round(num, den)?
            }
        }
    };
    Ok(points.min(max))
}

/// `num / den` rounded to `POINT_DECIMALS` places, half away from zero. Integer arithmetic
/// when the figures fit (they always do for real scores), exact decimals otherwise.
fn div_round(num: Decimal, den: Decimal) -> Result<Decimal, OutOfRange> {
    let fast = || {
        let scale = 10i128.checked_pow(super::POINT_DECIMALS)?;
        // num / den = (n / 10^ns) / (d / 10^ds) = n × 10^ds / (d × 10^ns)
        let n = num
            .mantissa()
            .checked_mul(10i128.checked_pow(den.scale())?)?
            .checked_mul(scale)?;
        let d = den
            .mantissa()
            .checked_mul(10i128.checked_pow(num.scale())?)?;
        if d == 0 {
            return None;
        }
        let (n, d) = if d < 0 { (-n, -d) } else { (n, d) };
        let q = (2 * n.abs() + d) / (2 * d);
        let q = if n < 0 { -q } else { q };
        Some(Decimal::from_i128_with_scale(q, super::POINT_DECIMALS).normalize())
    };
    match fast() {
        Some(q) => Ok(q),
        None => num.checked_div(den).map(round_points).ok_or(OutOfRange),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integer_division_rounds_like_decimal_division() {
        let cases = [
            ("20", "3"),
            ("200", "3"),
            ("1", "8"),
            ("5", "8"),
            ("-5", "8"),
            ("7.5", "0.3"),
            ("0.125", "1"),
        ];
        for (n, d) in cases {
            let (n, d): (Decimal, Decimal) = (n.parse().unwrap(), d.parse().unwrap());
            assert_eq!(div_round(n, d).unwrap(), round_points(n / d), "{n} / {d}");
        }
    }

    #[test]
    fn exactly_at_target_half_the_maximum_is_rounded_to_two_places() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        for (max, expected) in [
            ("12.99", "6.5"),
            ("10", "5"),
            ("0.25", "0.13"),
            ("7.77", "3.89"),
        ] {
            // At target, and above target with nobody over it (the leader's share is zero).
            for (achieved, over) in [("40", (d("0"), d("1"))), ("41", (d("0"), d("1")))] {
                let scale = TargetScale {
                    rule: TargetRule::HalfAtTarget,
                    better: Direction::Higher,
                    untargeted: Untargeted::AgainstBest,
                };
                let points =
                    points_for(scale, d(achieved), Some(d("40")), over, None, d(max)).unwrap();
                assert_eq!(points, d(expected), "max {max}, achieved {achieved}");
            }
        }
    }
}
