//! The "against a target" rules. A unit's points can depend on the other units' results (the
//! leader over target, the best unit without a target), so the bloc-wide figures are gathered
//! once per computation.

use rust_decimal::Decimal;

use crate::model::layout::Rule;
use crate::model::scheme::{Scale, TargetRule};
use crate::model::{Covenant, Period, Sheet, Value};

use super::{OutOfRange, add, mul, round_points, sub};

/// A target criterion's rule, the leader's share over target as the fraction (a − t, t), and
/// the best achieved value among units without a target.
type TargetFigures = (TargetRule, (Decimal, Decimal), Decimal);

/// Bloc-wide figures of each target criterion.
pub struct TargetContext {
    /// Per item: the rule, the highest share over target among units with a target (the
    /// leader's), and the best achieved value among units without one.
    per_item: Vec<Option<TargetFigures>>,
}

fn achieved(sheet: &Sheet, unit: usize, item: usize) -> Option<Decimal> {
    match sheet.get(unit, item) {
        Some(Value::Achieved(a)) => Some(*a),
        _ => None,
    }
}

impl TargetContext {
    /// Gathers the figures, or names the (unit, item) whose figures overflowed.
    pub fn new(
        covenant: &Covenant,
        period: Period,
        sheet: &Sheet,
    ) -> Result<TargetContext, (usize, usize)> {
        let layout = &covenant.layout;
        let mut per_item = Vec::with_capacity(layout.items.len());
        for (i, item) in layout.items.iter().enumerate() {
            let figures = match &item.rule {
                Rule::Criterion {
                    scale: Scale::Target { rule },
                    ..
                } if item.is_scored_in(period) => Some(figures(covenant, sheet, i, *rule)?),
                _ => None,
            };
            per_item.push(figures);
        }
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
        let Some((rule, leader_over, best)) = self.per_item.get(item).copied().flatten() else {
            return Ok(None);
        };
        let target = covenant.target(unit, item).filter(|t| !t.is_zero());
        points_for(rule, a, target, leader_over, best, max).map(Some)
    }
}

/// The bloc-wide figures of target criterion `i`, or the unit whose figures overflowed.
fn figures(
    covenant: &Covenant,
    sheet: &Sheet,
    i: usize,
    rule: TargetRule,
) -> Result<TargetFigures, (usize, usize)> {
    // The leader's share over target, kept as the fraction (a − t, t) so that comparing
    // shares needs no division: x1/y1 > x2/y2 ⟺ x1·y2 > x2·y1.
    let mut leader_over = (Decimal::ZERO, Decimal::ONE);
    let mut best_untargeted = Decimal::ZERO;
    for u in 0..covenant.bloc.members.len() {
        let Some(a) = achieved(sheet, u, i) else {
            continue;
        };
        match covenant.target(u, i) {
            Some(t) if !t.is_zero() => {
                let further = (|| {
                    let over = sub(a, t)?;
                    Ok::<_, OutOfRange>((over, mul(over, leader_over.1)? > mul(leader_over.0, t)?))
                })()
                .map_err(|_| (u, i))?;
                if further.1 {
                    leader_over = (further.0, t);
                }
            }
            _ => best_untargeted = best_untargeted.max(a),
        }
    }
    Ok((rule, leader_over, best_untargeted))
}

/// One unit's points on a target criterion with maximum `max`, given its achieved value `a`,
/// its target (if any), the leader's share over target as a fraction `(a − t, t)`, and the best
/// value without a target. Rounded once, at the end.
pub fn points_for(
    rule: TargetRule,
    a: Decimal,
    target: Option<Decimal>,
    leader_over: (Decimal, Decimal),
    best_untargeted: Decimal,
    max: Decimal,
) -> Result<Decimal, OutOfRange> {
    let half = max / Decimal::TWO;
    let points = match (rule, target) {
        (_, None) => {
            if best_untargeted.is_zero() {
                Decimal::ZERO
            } else {
                div_round(mul(max, a)?, best_untargeted)?
            }
        }
        (TargetRule::Proportional, Some(t)) => {
            if a >= t {
                max
            } else {
                div_round(mul(max, a)?, t)?
            }
        }
        (TargetRule::HalfAtTarget, Some(t)) => {
            let (over, base) = leader_over;
            if a < t {
                div_round(mul(half, a)?, t)?
            } else if a == t || over.is_zero() {
                // Rounded like every target figure: 12,99 at target is 6,50, not 6,495.
                round_points(half)
            } else {
                // half + half × ((a − t) / t) / (over / base), as one fraction.
                let den = mul(t, over)?;
                let num = add(mul(half, den)?, mul(mul(half, sub(a, t)?)?, base)?)?;
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
                let points = points_for(
                    TargetRule::HalfAtTarget,
                    d(achieved),
                    Some(d("40")),
                    over,
                    Decimal::ZERO,
                    d(max),
                )
                .unwrap();
                assert_eq!(points, d(expected), "max {max}, achieved {achieved}");
            }
        }
    }
}
