//! A scale in words, for the screen's detail pane and the units' self-score forms.

use rust_decimal::Decimal;

use crate::model::layout::{Item, ItemKind, Rule};
use crate::model::scheme::{AdjustmentScale, Direction, Scale, TargetRule, Untargeted};

use super::{Lang, Ui};

/// The scale of an item in one or more lines.
pub fn scale_lines(lang: Lang, item: &Item) -> Vec<String> {
    let d = |x: &Decimal| lang.dec(*x);
    match &item.rule {
        Rule::Criterion { scale, max } => match scale {
            Scale::Levels(levels) => {
                let mut lines = vec![format!(
                    "{} ({} {}):",
                    lang.ui(Ui::ScaleLevels),
                    lang.ui(Ui::Max),
                    d(max)
                )];
                lines.extend(levels.iter().enumerate().map(|(n, l)| {
                    format!("  {} · {} {} = {}", n + 1, l.code, l.label, d(&l.points))
                }));
                lines
            }
            Scale::MetOrNot => vec![format!(
                "{}: {} = {}, {} = 0",
                lang.ui(Ui::ScaleMetOrNot),
                lang.ui(Ui::MetShort),
                d(max),
                lang.ui(Ui::NotMetShort)
            )],
            Scale::Free { step } => vec![format!(
                "{}: 0 – {}, {} {}",
                lang.ui(Ui::ScaleFree),
                d(max),
                lang.ui(Ui::Step),
                d(step)
            )],
            Scale::PerOccurrence {
                per,
                start,
                floor,
                ceiling,
            } => {
                let ceiling = ceiling.unwrap_or(*max);
                let start = start.unwrap_or(if per.is_sign_negative() {
                    ceiling
                } else {
                    *floor
                });
                let parts = [
                    format!(
                        "{}: {} {}",
                        lang.ui(Ui::ScalePerOccurrence),
                        lang.ui(Ui::PerTime),
                        signed(lang, *per)
                    ),
                    format!("{} {}", lang.ui(Ui::StartsAt), d(&start)),
                    format!("{} {}", lang.ui(Ui::Floor), d(floor)),
                    format!("{} {}", lang.ui(Ui::Ceiling), d(&ceiling.min(*max))),
                ];
                vec![parts.join(", ")]
            }
            Scale::Target {
                rule,
                better,
                untargeted,
            } => {
                let mut rule = lang
                    .ui(match rule {
                        TargetRule::Proportional => Ui::RuleProportional,
                        TargetRule::HalfAtTarget => Ui::RuleHalfAtTarget,
                    })
                    .to_string();
                if *better == Direction::Lower {
                    rule = format!("{rule} ({})", lang.ui(Ui::LowerIsBetter));
                }
                let mut lines = vec![format!(
                    "{}: {rule}, {} {}",
                    lang.ui(Ui::ScaleTarget),
                    lang.ui(Ui::Max),
                    d(max)
                )];
                // Said where the scheme states it; the rule's default goes without saying.
                match untargeted {
                    Some(Untargeted::Zero) => lines.push(lang.ui(Ui::UntargetedZero).into()),
                    Some(Untargeted::AgainstBest) => {
                        lines.push(lang.ui(Ui::UntargetedAgainstBest).into())
                    }
                    None => {}
                }
                lines
            }
        },
        Rule::Adjustment { scale, cap } => {
            let kind = lang.ui(if item.kind == ItemKind::Bonus {
                Ui::BonusItems
            } else {
                Ui::PenaltyItems
            });
            let mut line = match scale {
                AdjustmentScale::Once(p) => {
                    format!("{kind}: {} {}", lang.ui(Ui::Once), signed(lang, *p))
                }
                AdjustmentScale::PerOccurrence(p) => {
                    format!("{kind}: {} {}", lang.ui(Ui::PerTime), signed(lang, *p))
                }
                AdjustmentScale::Free { step } => {
                    format!("{kind}: {} {}", lang.ui(Ui::Step), d(step))
                }
            };
            if let Some(cap) = cap {
                line.push_str(&format!(", {} {}", lang.ui(Ui::Cap), d(cap)));
            }
            vec![line]
        }
        Rule::Veto => vec![format!(
            "{}: {}",
            lang.ui(Ui::ScaleMetOrNot),
            lang.ui(Ui::VetoMeaning)
        )],
    }
}

/// A signed figure: "+2" or "−0,5" (a true minus sign).
fn signed(lang: Lang, d: Decimal) -> String {
    if d.is_sign_negative() {
        format!("−{}", lang.dec(-d))
    } else {
        format!("+{}", lang.dec(d))
    }
}
