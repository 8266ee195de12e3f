//! The "against a target" rules. A unit's points can depend on the other units' results (the
//! leader over target, the best unit without a target), so the bloc-wide figures are gathered
//! once per computation.

use rust_decimal::Decimal;

use crate::model::layout::Rule;
use crate::model::scheme::{Scale, TargetRule};
use crate::model::{Covenant, Period, Sheet, Value};

use super::round_points;

/// Bloc-wide figures of each target criterion.
pub struct TargetContext {
    /// Per item: the rule, the highest share over target among units with a target (the
    /// leader's), and the best achieved value among units without one.
    per_item: Vec<Option<(TargetRule, Decimal, Decimal)>>,
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
                let mut leader_over = Decimal::ZERO;
                let mut best_untargeted = Decimal::ZERO;
                for (u, member) in covenant.bloc.members.iter().enumerate() {
                    let Some(a) = achieved(sheet, u, i) else {
                        continue;
                    };
                    match covenant.bloc.target(&member.id, &item.code) {
                        Some(t) if !t.is_zero() => {
                            leader_over = leader_over.max((a - t) / t);
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
        let member = &covenant.bloc.members[unit].id;
        let target = covenant
            .bloc
            .target(member, &covenant.layout.items[item].code)
            .filter(|t| !t.is_zero());
        Some(points_for(rule, a, target, leader_over, best, max))
    }
}

/// One unit's points on a target criterion with maximum `max`, given its achieved value `a`,
/// its target (if any), the leader's share over target and the best value without a target.
pub fn points_for(
    rule: TargetRule,
    a: Decimal,
    target: Option<Decimal>,
    leader_over: Decimal,
    best_untargeted: Decimal,
    max: Decimal,
) -> Decimal {
    let half = max / Decimal::TWO;
    let exact = match (rule, target) {
        (_, None) => {
            if best_untargeted.is_zero() {
                Decimal::ZERO
            } else {
                max * a / best_untargeted
            }
        }
        (TargetRule::Proportional, Some(t)) => max * (a / t).min(Decimal::ONE),
        (TargetRule::HalfAtTarget, Some(t)) => {
            if a < t {
                half * a / t
            } else if a == t || leader_over.is_zero() {
                half
            } else {
                half + half * ((a - t) / t) / leader_over
            }
        }
    };
    round_points(exact.min(max))
}
