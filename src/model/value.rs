//! Entered values and the check that a value fits its item's scale. The editor, the CSV
//! importer and the journal all go through `parse` or `check`, so a value refused in one place
//! is refused in all of them.

use std::str::FromStr;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::layout::{Item, Rule};
use super::limits::{self, FigureError};
use super::scheme::{AdjustmentScale, Scale};
use super::text::clip;

/// A value as entered for one unit and one item.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Value {
    /// A level's code, for a `Levels` scale.
    Level(String),
    /// Met / not met, a once-only adjustment, a veto condition passed.
    Met(bool),
    /// A free score.
    Points(Decimal),
    /// A number of occurrences.
    Count(u32),
    /// The achieved value of a target criterion.
    Achieved(Decimal),
}

/// Why a value does not fit its item.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ValueError {
    #[error("not a number: {0}")]
    NotANumber(String),
    #[error("not a whole count: {0}")]
    NotACount(String),
    #[error("{value} is outside {min}..{max}")]
    OutOfRange {
        value: Decimal,
        min: Decimal,
        max: Decimal,
    },
    #[error("{value} is not a multiple of {step}")]
    OffStep { value: Decimal, step: Decimal },
    #[error("unknown level {given}")]
    UnknownLevel { given: String, known: Vec<String> },
    #[error("expected yes or no: {0}")]
    NotYesNo(String),
    #[error("negative achieved value {0}")]
    Negative(Decimal),
    #[error("a value of the wrong kind for this item")]
    WrongKind,
    #[error("empty value")]
    Empty,
    /// Beyond the largest figure thidua supports (`limits`).
    #[error("{value} is beyond the limit of {limit}")]
    TooLarge { value: String, limit: Decimal },
    /// More decimal places than thidua keeps (`limits::MAX_DECIMALS`).
    #[error("{0} has more than 4 decimal places")]
    TooPrecise(String),
}

/// Reads a decimal written with a dot or a Vietnamese decimal comma.
pub fn parse_decimal(text: &str) -> Option<Decimal> {
    let t = text.trim().replace(',', ".");
    if t.is_empty() || t.contains(['e', 'E']) {
        return None;
    }
    Decimal::from_str(&t).ok().map(|d| d.normalize())
}

/// Reads a decimal as `parse_decimal` does, telling a number too long for exact arithmetic
/// (28 digits and more) from text that is no number at all.
fn read_decimal(text: &str, limit: Decimal) -> Result<Decimal, ValueError> {
    if let Some(d) = parse_decimal(text) {
        return Ok(d);
    }
    let t = text.trim();
    let digits = t.strip_prefix(['-', '+']).unwrap_or(t);
    let numeric = !digits.is_empty()
        && digits
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
        && digits.chars().filter(|c| matches!(c, '.' | ',')).count() <= 1
        && digits.chars().any(|c| c.is_ascii_digit());
    if numeric {
        Err(ValueError::TooLarge {
            value: clip(t),
            limit,
        })
    } else {
        Err(ValueError::NotANumber(clip(t)))
    }
}

fn parse_yes_no(text: &str) -> Option<bool> {
    match text.trim().to_lowercase().as_str() {
        "1" | "y" | "yes" | "true" | "đạt" | "đ" | "có" | "c" | "x" | "met" | "pass" => {
            Some(true)
        }
        "0" | "n" | "no" | "false" | "không đạt" | "không" | "k" | "kđ" | "not met" | "fail" => {
            Some(false)
        }
        _ => None,
    }
}

/// Reads the text a user typed or a file holds as a value for `item`, and checks it.
pub fn parse(item: &Item, text: &str) -> Result<Value, ValueError> {
    let t = text.trim();
    if t.is_empty() {
        return Err(ValueError::Empty);
    }
    let value = match &item.rule {
        Rule::Criterion { scale, .. } => match scale {
            Scale::Levels(levels) => {
                let lower = t.to_lowercase();
                let by_number = t
                    .parse::<usize>()
                    .ok()
                    .and_then(|n| n.checked_sub(1))
                    .and_then(|n| levels.get(n));
                let level = levels
                    .iter()
                    .find(|l| l.code.to_lowercase() == lower || l.label.to_lowercase() == lower)
                    .or(by_number);
                match level {
                    Some(l) => Value::Level(l.code.clone()),
                    None => {
                        return Err(ValueError::UnknownLevel {
                            given: t.to_string(),
                            known: levels.iter().map(|l| l.code.clone()).collect(),
                        });
                    }
                }
            }
            Scale::MetOrNot => {
                Value::Met(parse_yes_no(t).ok_or_else(|| ValueError::NotYesNo(t.to_string()))?)
            }
            Scale::Free { .. } => Value::Points(read_decimal(t, limits::MAX_POINTS)?),
            Scale::PerOccurrence { .. } => Value::Count(parse_count(t)?),
            Scale::Target { .. } => Value::Achieved(read_decimal(t, limits::MAX_ACHIEVED)?),
        },
        Rule::Adjustment { scale, .. } => match scale {
            AdjustmentScale::Once(_) => {
                Value::Met(parse_yes_no(t).ok_or_else(|| ValueError::NotYesNo(t.to_string()))?)
            }
            AdjustmentScale::PerOccurrence(_) => Value::Count(parse_count(t)?),
            AdjustmentScale::Free { .. } => Value::Points(read_decimal(t, limits::MAX_POINTS)?),
        },
        Rule::Veto => {
            Value::Met(parse_yes_no(t).ok_or_else(|| ValueError::NotYesNo(t.to_string()))?)
        }
    };
    check(item, &value)?;
    Ok(value)
}

fn parse_count(text: &str) -> Result<u32, ValueError> {
    let t = text.trim();
    if !t.is_empty() && t.chars().all(|c| c.is_ascii_digit()) {
        // All digits: a count, unless it is too large to be one.
        return match t.parse::<u32>() {
            Ok(n) => Ok(n),
            Err(_) => Err(ValueError::TooLarge {
                value: clip(t),
                limit: Decimal::from(limits::MAX_COUNT),
            }),
        };
    }
    Err(ValueError::NotACount(clip(t)))
}

/// Checks a figure with one of the `limits` checks, in the words of a value error.
fn within(value: Decimal, limit: fn(Decimal) -> Result<(), FigureError>) -> Result<(), ValueError> {
    limit(value).map_err(|e| match e {
        FigureError::TooLarge { limit } => ValueError::TooLarge {
            value: value.to_string(),
            limit,
        },
        FigureError::TooPrecise => ValueError::TooPrecise(value.normalize().to_string()),
    })
}

fn check_count(n: u32) -> Result<(), ValueError> {
    if n > limits::MAX_COUNT {
        return Err(ValueError::TooLarge {
            value: n.to_string(),
            limit: Decimal::from(limits::MAX_COUNT),
        });
    }
    Ok(())
}

fn check_free(value: Decimal, step: Decimal, max: Decimal) -> Result<(), ValueError> {
    within(value, limits::points)?;
    if value < Decimal::ZERO || value > max {
        return Err(ValueError::OutOfRange {
            value,
            min: Decimal::ZERO,
            max,
        });
    }
    // The maximum itself is always allowed: a step need not divide it (9.98 on a step of
    // 0.25 takes 0 … 9.75 and 9.98).
    if !step.is_zero() && !(value % step).is_zero() && value != max {
        return Err(ValueError::OffStep { value, step });
    }
    Ok(())
}

/// Checks that a value (from a file or the journal) fits `item`'s scale.
pub fn check(item: &Item, value: &Value) -> Result<(), ValueError> {
    match (&item.rule, value) {
        (Rule::Criterion { scale, max }, value) => match (scale, value) {
            (Scale::Levels(levels), Value::Level(code)) => {
                if levels.iter().any(|l| &l.code == code) {
                    Ok(())
                } else {
                    Err(ValueError::UnknownLevel {
                        given: code.clone(),
                        known: levels.iter().map(|l| l.code.clone()).collect(),
                    })
                }
            }
            (Scale::MetOrNot, Value::Met(_)) => Ok(()),
            (Scale::Free { step }, Value::Points(p)) => check_free(*p, *step, *max),
            (Scale::PerOccurrence { .. }, Value::Count(n)) => check_count(*n),
            (Scale::Target { .. }, Value::Achieved(a)) => {
                if *a < Decimal::ZERO {
                    Err(ValueError::Negative(*a))
                } else {
                    within(*a, limits::achieved)
                }
            }
            _ => Err(ValueError::WrongKind),
        },
        (Rule::Adjustment { scale, cap }, value) => match (scale, value) {
            (AdjustmentScale::Once(_), Value::Met(_)) => Ok(()),
            (AdjustmentScale::PerOccurrence(_), Value::Count(n)) => check_count(*n),
            (AdjustmentScale::Free { step }, Value::Points(p)) => {
                check_free(*p, *step, cap.unwrap_or(limits::MAX_POINTS))
            }
            _ => Err(ValueError::WrongKind),
        },
        (Rule::Veto, Value::Met(_)) => Ok(()),
        (Rule::Veto, _) => Err(ValueError::WrongKind),
    }
}

impl Value {
    /// The value as files and the CSV importer write it (a dot for decimals).
    pub fn to_text(&self) -> String {
        match self {
            Value::Level(code) => code.clone(),
            Value::Met(true) => "yes".into(),
            Value::Met(false) => "no".into(),
            Value::Points(p) | Value::Achieved(p) => p.normalize().to_string(),
            Value::Count(n) => n.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_free_score_takes_its_steps_and_the_maximum_the_step_does_not_divide() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        let (step, max) = (d("0.25"), d("9.98"));
        for ok in ["0", "0.25", "9.5", "9.75", "9.98"] {
            assert_eq!(check_free(d(ok), step, max), Ok(()), "{ok}");
        }
        for off in ["9.8", "9.9", "0.1"] {
            assert!(
                matches!(
                    check_free(d(off), step, max),
                    Err(ValueError::OffStep { .. })
                ),
                "{off}"
            );
        }
        assert!(matches!(
            check_free(d("10"), step, max),
            Err(ValueError::OutOfRange { .. })
        ));
    }
}
