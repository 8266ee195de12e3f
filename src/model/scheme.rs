//! The scoring scheme a bloc scores with: the criteria tree, its scales, bonus and penalty items,
//! veto conditions, classification bands, tie-breakers and awards. Plain data, read from
//! `scoring/<id>.ron`; `validate` checks what serde cannot.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::period::Period;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scheme {
    pub id: String,
    pub title: String,
    pub version: String,
    /// The date the scale takes effect, `YYYY-MM-DD`.
    pub effective: chrono::NaiveDate,
    #[serde(default)]
    pub legal_basis: String,
    pub groups: Vec<Group>,
    #[serde(default)]
    pub bonus: Adjustments,
    #[serde(default)]
    pub penalty: Adjustments,
    #[serde(default)]
    pub vetoes: Vec<Veto>,
    pub bands: Vec<Band>,
    /// How each period's totals meet the bands' bounds.
    #[serde(default)]
    pub classification: Classification,
    #[serde(default)]
    pub tie_breakers: Vec<TieBreaker>,
    #[serde(default)]
    pub awards: Vec<Award>,
    /// The written sections of each period's report; the program's default sets when left out.
    #[serde(default)]
    pub sections: super::sections::Sections,
    /// What the units are ranked by: their points, or their share of the maximum of the items
    /// that apply to them (where some items do not apply to every unit).
    #[serde(default, skip_serializing_if = "RankBy::is_points")]
    pub rank_by: RankBy,
}

/// What a unit's place is decided by, after its band.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum RankBy {
    #[default]
    Points,
    /// The total as a share of the most the unit's applicable criteria can give in the period.
    ShareOfApplicable,
}

impl RankBy {
    fn is_points(&self) -> bool {
        *self == RankBy::Points
    }
}

/// A node of the criteria tree: a group (nhóm tiêu chí) or a criterion (tiêu chí).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Node {
    Group(Group),
    Criterion(Criterion),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Group {
    /// The key: unique in the scheme, used by scoresheets, the journal and records.
    pub code: String,
    /// The number as printed ("1", "a", "-"), which need not be unique; the key when left out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    pub title: String,
    /// The group's subtotal never exceeds this.
    #[serde(default)]
    pub cap: Option<Decimal>,
    /// The maximum the scale prints for the group ("700 điểm"), kept as information: it caps
    /// nothing, and `check` warns where the children allow something else.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stated_max: Option<Decimal>,
    pub items: Vec<Node>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Criterion {
    /// The key: unique in the scheme, used by scoresheets, the journal and records.
    pub code: String,
    /// The number as printed, which need not be unique; the key when left out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    pub title: String,
    #[serde(default)]
    pub guidance: String,
    pub max: Decimal,
    pub scale: Scale,
    /// The periods the criterion is scored in; both when left out.
    #[serde(default = "Period::both")]
    pub periods: Vec<Period>,
}

/// How a criterion turns an entered value into points.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Scale {
    /// Named levels (định tính), each worth fixed points.
    Levels(Vec<Level>),
    /// Met / not met (đạt / không đạt): the maximum or zero.
    MetOrNot,
    /// A free score from zero to the maximum, on a step such as 0.25.
    Free { step: Decimal },
    /// Points per occurrence (chấm thẳng): `start + count × per`, kept within floor and ceiling.
    PerOccurrence {
        per: Decimal,
        #[serde(default)]
        start: Option<Decimal>,
        #[serde(default)]
        floor: Decimal,
        #[serde(default)]
        ceiling: Option<Decimal>,
    },
    /// Achieved value against the unit's covenant target (định lượng).
    Target {
        rule: TargetRule,
        /// Whether fewer is better (cases, accidents, complaints).
        #[serde(default, skip_serializing_if = "Direction::is_higher")]
        better: Direction,
        /// How a unit with no target is scored; by default `AgainstBest` under `HalfAtTarget`,
        /// and under `Proportional` every unit needs a target.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        untargeted: Option<Untargeted>,
    },
}

/// Which way an achieved value is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Direction {
    #[default]
    Higher,
    Lower,
}

impl Direction {
    fn is_higher(&self) -> bool {
        *self == Direction::Higher
    }
}

/// How a unit without a covenant target is scored on a target criterion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Untargeted {
    /// Against the best achieved value among the units without a target.
    AgainstBest,
    /// No points.
    Zero,
}

/// The rules are written for higher-is-better; `docs/formats.md` gives both directions, with
/// a target of 0 and an achieved 0 worked through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum TargetRule {
    /// `max × min(A / T, 1)`.
    Proportional,
    /// Half the maximum at the target, the maximum for the unit furthest over it.
    HalfAtTarget,
}

impl Scale {
    /// How a unit without a target is scored here; `None` where it needs one.
    pub fn untargeted(&self) -> Option<Untargeted> {
        match self {
            Scale::Target {
                rule, untargeted, ..
            } => untargeted.or(match rule {
                TargetRule::HalfAtTarget => Some(Untargeted::AgainstBest),
                TargetRule::Proportional => None,
            }),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Level {
    /// Short code shown in the grid and typed in files, e.g. "HTXS".
    pub code: String,
    pub label: String,
    pub points: Decimal,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Adjustments {
    /// Cap on the sum of all items.
    #[serde(default)]
    pub cap: Option<Decimal>,
    /// Caps on the sum of the items bound to a group (by the item's `group`), by group code.
    #[serde(default)]
    pub group_caps: BTreeMap<String, Decimal>,
    #[serde(default)]
    pub items: Vec<Adjustment>,
}

/// A bonus or penalty item. Points are positive; penalties are subtracted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Adjustment {
    pub code: String,
    /// The number as printed; the key when left out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    pub title: String,
    #[serde(default)]
    pub guidance: String,
    pub scale: AdjustmentScale,
    /// Cap on this item.
    #[serde(default)]
    pub cap: Option<Decimal>,
    /// The group this item belongs to, for the `group_caps` of its list.
    #[serde(default)]
    pub group: Option<String>,
    #[serde(default = "Period::both")]
    pub periods: Vec<Period>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum AdjustmentScale {
    /// Yes or no: the points once, or nothing.
    Once(Decimal),
    /// A count of occurrences, each worth the points.
    PerOccurrence(Decimal),
    /// Free points on a step, up to the item's cap.
    Free { step: Decimal },
}

/// A yes/no requirement (điều kiện bắt buộc). Failing it blocks every nomination and may cap
/// the band; it never changes the points.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Veto {
    pub code: String,
    /// The number as printed; the key when left out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    pub title: String,
    #[serde(default)]
    pub guidance: String,
    /// A unit failing it is classified no higher than this band.
    #[serde(default)]
    pub band_cap: Option<String>,
    #[serde(default = "Period::both")]
    pub periods: Vec<Period>,
}

/// A classification band (xếp loại). Bands are listed best first; a unit takes the first band
/// whose bound and conditions it meets. The last band has no bound.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Band {
    pub id: String,
    pub label: String,
    #[serde(default)]
    pub min: Option<Bound>,
    #[serde(default)]
    pub conditions: Vec<BandCondition>,
}

/// How the totals of each period are classified. A mid-year review scores fewer criteria than
/// the year-end (the 85 points of the sample's first half against its 100): its bands are
/// fairly read as shares of what the period can give, or given for the period, or not applied.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Classification {
    #[serde(default)]
    pub mid_year: Basis,
    #[serde(default)]
    pub year_end: Basis,
    /// Bands of the mid-year alone, in place of the scheme's `bands`.
    #[serde(default)]
    pub mid_year_bands: Option<Vec<Band>>,
    /// Bands of the year-end alone, in place of the scheme's `bands`.
    #[serde(default)]
    pub year_end_bands: Option<Vec<Band>>,
}

impl Classification {
    pub fn of(&self, period: Period) -> Basis {
        match period {
            Period::MidYear => self.mid_year,
            Period::YearEnd => self.year_end,
        }
    }

    /// The bands given for `period` alone, if any.
    pub fn bands_for(&self, period: Period) -> Option<&[Band]> {
        match period {
            Period::MidYear => self.mid_year_bands.as_deref(),
            Period::YearEnd => self.year_end_bands.as_deref(),
        }
    }
}

impl Scheme {
    /// The bands a unit of `period` is classified in: the period's own, else the scheme's.
    pub fn bands_of(&self, period: Period) -> &[Band] {
        self.classification.bands_for(period).unwrap_or(&self.bands)
    }

    /// Whether `period`'s totals are classified at all.
    pub fn classifies(&self, period: Period) -> bool {
        self.classification.of(period) != Basis::Off
    }

    /// A unit's band in `period` as printed: its label, or "—" where the period is not
    /// classified.
    pub fn band_label(&self, period: Period, band: Option<usize>) -> &str {
        band.and_then(|b| self.bands_of(period).get(b))
            .map_or("—", |b| b.label.as_str())
    }

    /// A unit's band in `period` by id, for files; empty where the period is not classified.
    pub fn band_id(&self, period: Period, band: Option<usize>) -> &str {
        band.and_then(|b| self.bands_of(period).get(b))
            .map_or("", |b| b.id.as_str())
    }
}

/// What a band's `min.points` is compared with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Basis {
    /// The unit's total, in points.
    #[default]
    Points,
    /// The unit's total as a percentage of the most the period's criteria can give
    /// (`min: (points: 95)` is "at least 95 % of the period's maximum").
    ShareOfMaximum,
    /// The period is not classified: no band is given or printed.
    Off,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bound {
    pub points: Decimal,
    /// `true`: total ≥ points; `false`: total > points.
    #[serde(default = "yes")]
    pub inclusive: bool,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum BandCondition {
    /// No veto condition failed.
    NoFailedVeto,
    /// Penalty points at most this share (0..1) of the bonus points.
    PenaltyAtMostShareOfBonus(Decimal),
}

/// Order applied after band and total, first to last.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum TieBreaker {
    /// Higher subtotal of the named group wins.
    GroupSubtotal(String),
    /// Higher points on the named criterion win.
    CriterionPoints(String),
    FewerPenalty,
    MoreBonus,
}

/// An award the bloc proposes units for, at year-end, in order of precedence: a unit proposed
/// for an earlier award is not proposed for a later one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Award {
    pub id: String,
    pub title: String,
    pub quota: Quota,
    #[serde(default)]
    pub min_band: Option<String>,
    #[serde(default)]
    pub min_total: Option<Decimal>,
    /// A failed veto condition excludes the unit.
    #[serde(default = "yes")]
    pub exclude_vetoed: bool,
    /// When set, the members vote and this threshold decides.
    #[serde(default)]
    pub vote: Option<VoteRule>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Quota {
    Count(u32),
    /// A percentage of the members, rounded as stated.
    Percent {
        percent: Decimal,
        rounding: Rounding,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Rounding {
    Down,
    Up,
    Nearest,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VoteRule {
    /// Share (0..1] of the voters that a candidate needs.
    pub share: Decimal,
    /// `true`: at least the share; `false`: more than the share.
    #[serde(default = "yes")]
    pub inclusive: bool,
    pub of: VoteBase,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum VoteBase {
    /// Members present at the meeting.
    Present,
    /// All members of the bloc.
    AllMembers,
}
