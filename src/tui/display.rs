//! How values, scales and points read on the screen, in the user's language.

use unicode_width::UnicodeWidthStr;

use crate::i18n::{Lang, Ui};
use crate::model::Value;
use crate::model::layout::{Item, Rule};
use crate::model::scheme::{AdjustmentScale, Scale};

/// A value as a grid cell shows it: a level's code, a number with the language's decimal
/// mark, a count, met / not met, yes / no.
pub fn value_text(lang: Lang, item: &Item, value: &Value) -> String {
    match value {
        Value::Level(code) => code.clone(),
        Value::Met(met) => {
            let once = matches!(
                item.rule,
                Rule::Adjustment {
                    scale: AdjustmentScale::Once(_),
                    ..
                }
            );
            lang.ui(match (once, met) {
                (true, true) => Ui::Yes,
                (true, false) => Ui::No,
                (false, true) => Ui::MetShort,
                (false, false) => Ui::NotMetShort,
            })
            .to_string()
        }
        Value::Points(p) | Value::Achieved(p) => lang.dec(*p),
        Value::Count(n) => n.to_string(),
    }
}

/// A value spelled out, for messages: a level's code and label.
pub fn value_long(lang: Lang, item: &Item, value: &Value) -> String {
    match (value, &item.rule) {
        (
            Value::Level(code),
            Rule::Criterion {
                scale: Scale::Levels(levels),
                ..
            },
        ) => match levels.iter().find(|l| &l.code == code) {
            Some(l) => format!("{} ({})", l.code, l.label),
            None => code.clone(),
        },
        _ => value_text(lang, item, value),
    }
}

/// The columns a grid cell of this item needs: its code, and the widest value it can show
/// (numbers are given room for five characters); with self-scores, room for both values
/// ("8,5≠9!").
pub fn column_width(lang: Lang, item: &Item, with_self_scores: bool) -> usize {
    let widest = widest_value(lang, item);
    // One more for the note mark; with self-scores, the "≠" and the missing-reason mark.
    let wanted = if with_self_scores {
        2 * widest + 2
    } else {
        widest + 1
    };
    item.label.width().max(wanted)
}

fn widest_value(lang: Lang, item: &Item) -> usize {
    match &item.rule {
        Rule::Criterion {
            scale: Scale::Levels(levels),
            ..
        } => levels.iter().map(|l| l.code.width()).max().unwrap_or(1),
        Rule::Criterion {
            scale: Scale::MetOrNot,
            ..
        }
        | Rule::Veto => lang
            .ui(Ui::MetShort)
            .width()
            .max(lang.ui(Ui::NotMetShort).width()),
        Rule::Adjustment {
            scale: AdjustmentScale::Once(_),
            ..
        } => lang.ui(Ui::Yes).width().max(lang.ui(Ui::No).width()),
        _ => 5,
    }
}

/// Cuts text to `width` terminal cells, ending with "…" when cut.
pub fn fit(text: &str, width: usize) -> String {
    use unicode_segmentation::UnicodeSegmentation;
    if text.width() <= width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for g in text.graphemes(true) {
        let w = g.width();
        if used + w + 1 > width {
            break;
        }
        out.push_str(g);
        used += w;
    }
    if width > 0 {
        out.push('…');
    }
    out
}
