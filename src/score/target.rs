//! The "against a target" rules. A unit's points can depend on the other units' results (the
//! leader over target, the best unit without a target), so the bloc-wide figures are gathered
//! once per computation.

use rust_decimal::Decimal;

use crate::model::layout::Rule;
use crate::model::scheme::{Scale, TargetRule};
use crate::model::{Covenant, Period, Sheet, Value};

use super::round_points;

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
    pub fn new(covenant: &Covenant, period: Period, sheet: &Sheet) -> TargetContext {
        let layout = &covenant.layout;
        let per_item = layout
            .items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                let Rule::Criterion {
                    scale: Scale::Target { rule },
                    ..
                } = &item.rule
                else {
                    return None;
                };
                if !item.is_scored_in(period) {
                    return None;
                }
                // The leader's share over target, kept as the fraction (a − t, t) so that
                // comparing shares needs no division: x1/y1 > x2/y2 ⟺ x1·y2 > x2·y1.
                let mut leader_over = (Decimal::ZERO, Decimal::ONE);
                let mut best_untargeted = Decimal::ZERO;
                for u in 0..covenant.bloc.members.len() {
                    let Some(a) = achieved(sheet, u, i) else {
                        continue;
                    };
                    match covenant.target(u, i) {
                        Some(t) if !t.is_zero() => {
                            if (a - t) * leader_over.1 > leader_over.0 * t {
                                leader_over = (a - t, t);
                            }
                        }
                        _ => best_untargeted = best_untargeted.max(a),
                    }
                }
                Some((*rule, leader_over, best_untargeted))
            })
            .collect();
        TargetContext { per_item }
    }

    /// The points of `unit` on target criterion `item` for the achieved value `a`.
    pub fn points(
        &self,
        covenant: &Covenant,
        unit: usize,
        item: usize,
        a: Decimal,
        max: Decimal,
    ) -> Option<Decimal> {
        let (rule, leader_over, best) = self.per_item.get(item).copied().flatten()?;
        let target = covenant.target(unit, item).filter(|t| !t.is_zero());
        Some(points_for(rule, a, target, leader_over, best, max))
    }
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
) -> Decimal {
    let half = max / Decimal::TWO;
    let points = match (rule, target) {
        (_, None) => {
            if best_untargeted.is_zero() {
                Decimal::ZERO
            } else {
                div_round(max * a, best_untargeted)
            }
        }
        (TargetRule::Proportional, Some(t)) => {
            if a >= t {
                max
            } else {
                div_round(max * a, t)
            }
        }
        (TargetRule::HalfAtTarget, Some(t)) => {
            let (over, base) = leader_over;
            if a < t {
                div_round(half * a, t)
            } else if a == t || over.is_zero() {
                half
            } else {
                // half + half × ((a − t) / t) / (over / base), as one fraction.
                let den = t * over;
                div_round(half * den + half * (a - t) * base, den)
            }
        }
    };
    points.min(max)
}

/// `num / den` rounded to `POINT_DECIMALS` places, half away from zero. Integer arithmetic
/// when the figures fit (they always do for real scores), exact decimals otherwise.
fn div_round(num: Decimal, den: Decimal) -> Decimal {
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
    fast().unwrap_or_else(|| round_points(num / den))
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
            assert_eq!(div_round(n, d), round_points(n / d), "{n} / {d}");
        }
    }
}
