//! Checks on a scheme and a bloc beyond what serde enforces: every problem, at its path.

use std::collections::HashSet;

use rust_decimal::Decimal;

use super::id::{self, IdError};
use super::layout::{ItemKind, Layout, key};
use super::limits::{self, FigureError};
use super::path::Path;
use super::period::Period;

mod bands;
mod bloc;
mod warnings;
use super::scheme::{AdjustmentScale, Award, Node, Quota, Scale, Scheme, TieBreaker};
pub use bloc::bloc;
pub use warnings::warnings;

/// One problem in a file, at `path`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    pub path: Path,
    pub kind: IssueKind,
}

/// What is wrong. The messages live in the i18n catalogs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IssueKind {
    Empty(&'static str),
    DuplicateCode(String),
    DuplicateMember(String),
    DuplicateShortName(String),
    NoCriteria,
    EmptyGroup(String),
    NoPeriods(String),
    NotPositive(Decimal),
    Negative(Decimal),
    NoLevels,
    DuplicateLevel(String),
    LevelAboveMax {
        points: Decimal,
        max: Decimal,
    },
    ZeroPerOccurrence,
    CeilingAboveMax {
        ceiling: Decimal,
        max: Decimal,
    },
    FloorAboveCeiling {
        floor: Decimal,
        ceiling: Decimal,
    },
    StartOutside {
        start: Decimal,
        floor: Decimal,
        ceiling: Decimal,
    },
    FreeAdjustmentWithoutCap,
    UnknownGroup(String),
    UnknownCriterion(String),
    UnknownBand(String),
    UnknownMember(String),
    NoBands,
    BandWithoutBound(String),
    /// An award that needs a band, where the year-end is not classified (its id).
    MinBandUnclassified(String),
    /// A band's bound read as a share of the period's maximum, above 100 %.
    BandShareAbove100(String),
    LastBandBound(String),
    BandsOutOfOrder {
        band: String,
        previous: String,
    },
    ShareOutOfRange(Decimal),
    VoteShareOutOfRange(Decimal),
    /// An id (of the bloc, a member, the scheme, an award) that is not a safe file name.
    BadId {
        id: String,
        problem: IdError,
    },
    /// A figure beyond what thidua supports (`limits`).
    FigureTooLarge {
        value: Decimal,
        limit: Decimal,
    },
    FigureTooPrecise(Decimal),
    TooManyMembers {
        count: usize,
        limit: usize,
    },
    TooManyItems {
        count: usize,
        limit: usize,
    },
    DuplicateBand(String),
    DuplicateAward(String),
    /// Two written sections of one period's report with the same id.
    DuplicateSection(String),
    QuotaZero,
    QuotaAboveMembers {
        award: String,
        quota: u32,
        members: usize,
    },
    QuotaRoundsToZero {
        award: String,
        percent: Decimal,
        members: usize,
    },
    PercentOutOfRange(Decimal),
    HeadNotMember(String),
    DeputyNotMember(String),
    DeputyIsHead(String),
    SchemeMismatch {
        bloc: String,
        scheme: String,
    },
    TargetNotTargetCriterion(String),
    TargetNotPositive(Decimal),
    MissingTarget {
        member: String,
        criterion: String,
    },
    TieBreakerNotCriterion(String),
    /// Two keys that differ only in upper and lower case: a reader cannot be sure which is meant.
    AmbiguousCode {
        code: String,
        other: String,
    },
    /// A code written as not applying that names a bonus, penalty or condition.
    NotApplicableNotCriterion(String),
    /// A target given for an item written as not applying to the unit.
    TargetOnNotApplicable {
        member: String,
        criterion: String,
    },
    /// A unit to which no criterion of a period applies.
    NothingApplies {
        member: String,
        period: Period,
    },
    /// A warning, not an error: a group's printed maximum is not what its children allow.
    StatedMaxDiffers {
        group: String,
        stated: Decimal,
        allowed: Decimal,
    },
}

pub(super) fn issue(path: Path, kind: IssueKind) -> Issue {
    Issue { path, kind }
}

/// Every problem of a scheme on its own.
pub fn scheme(scheme: &Scheme) -> Vec<Issue> {
    let mut v = SchemeCheck {
        issues: Vec::new(),
        codes: std::collections::HashMap::new(),
    };
    v.run(scheme);
    v.issues
}

struct SchemeCheck {
    issues: Vec<Issue>,
    /// Every key seen, in lower case, with the key as written.
    codes: std::collections::HashMap<String, String>,
}

impl SchemeCheck {
    fn push(&mut self, path: Path, kind: IssueKind) {
        self.issues.push(issue(path, kind));
    }

    fn id(&mut self, path: Path, text: &str) {
        if let Some(kind) = id_issue(text) {
            self.push(path, kind);
        }
    }

    /// A key: not empty, and told from every other key after trimming (the same key twice is
    /// a duplicate) and regardless of case (ambiguous).
    fn code(&mut self, path: Path, code: &str) {
        let key = key(code);
        if key.is_empty() {
            self.push(path, IssueKind::Empty("code"));
            return;
        }
        match self.codes.get(&key.to_lowercase()) {
            Some(seen) if seen == key => self.push(path, IssueKind::DuplicateCode(key.to_string())),
            Some(seen) => {
                let other = seen.clone();
                self.push(
                    path,
                    IssueKind::AmbiguousCode {
                        code: key.to_string(),
                        other,
                    },
                );
            }
            None => {
                self.codes.insert(key.to_lowercase(), key.to_string());
            }
        }
    }

    /// Checks a point figure against the limits; `false` when it is out of them.
    fn figure(&mut self, path: Path, value: Decimal) -> bool {
        figure_issue(value, limits::points)
            .map(|kind| self.push(path, kind))
            .is_none()
    }

    fn positive(&mut self, path: Path, value: Decimal) -> bool {
        if !self.figure(path.clone(), value) {
            return false;
        }
        if value <= Decimal::ZERO {
            self.push(path, IssueKind::NotPositive(value));
            false
        } else {
            true
        }
    }

    fn run(&mut self, s: &Scheme) {
        let root = Path::root();
        for (name, text) in [("id", &s.id), ("title", &s.title), ("version", &s.version)] {
            if text.trim().is_empty() {
                self.push(root.field(name), IssueKind::Empty(name));
            }
        }
        if !s.id.trim().is_empty() {
            self.id(root.field("id"), &s.id);
        }
        let items = Layout::new(s).items.len();
        if items > limits::MAX_ITEMS {
            self.push(
                root.field("groups"),
                IssueKind::TooManyItems {
                    count: items,
                    limit: limits::MAX_ITEMS,
                },
            );
        }
        let groups = root.field("groups");
        let mut criteria = 0;
        for (i, g) in s.groups.iter().enumerate() {
            criteria += self.group(groups.index(i), g);
        }
        if criteria == 0 {
            self.push(groups, IssueKind::NoCriteria);
        }
        let group_codes: HashSet<&str> = all_groups(s).map(|g| key(&g.code)).collect();
        for (field, adj) in [("bonus", &s.bonus), ("penalty", &s.penalty)] {
            let p = root.field(field);
            if let Some(cap) = adj.cap {
                self.positive(p.field("cap"), cap);
            }
            for (code, cap) in &adj.group_caps {
                let gp = p.field("group_caps").key(code);
                if !group_codes.contains(key(code)) {
                    self.push(gp.clone(), IssueKind::UnknownGroup(code.clone()));
                }
                self.positive(gp, *cap);
            }
            for (i, a) in adj.items.iter().enumerate() {
                let ip = p.field("items").index(i);
                self.code(ip.field("code"), &a.code);
                if a.periods.is_empty() {
                    self.push(ip.field("periods"), IssueKind::NoPeriods(a.code.clone()));
                }
                if let Some(cap) = a.cap {
                    self.positive(ip.field("cap"), cap);
                }
                if let Some(g) = &a.group
                    && !group_codes.contains(key(g))
                {
                    self.push(ip.field("group"), IssueKind::UnknownGroup(g.clone()));
                }
                let sp = ip.field("scale");
                match &a.scale {
                    AdjustmentScale::Once(points) | AdjustmentScale::PerOccurrence(points) => {
                        self.positive(sp, *points);
                    }
                    AdjustmentScale::Free { step } => {
                        if self.positive(sp.field("step"), *step) && a.cap.is_none() {
                            self.push(ip, IssueKind::FreeAdjustmentWithoutCap);
                        }
                    }
                }
            }
        }
        self.bands(root.field("bands"), &s.bands);
        let classification = root.field("classification");
        for (name, list) in [
            ("mid_year_bands", &s.classification.mid_year_bands),
            ("year_end_bands", &s.classification.year_end_bands),
        ] {
            if let Some(list) = list {
                self.bands(classification.field(name), list);
            }
        }
        self.shares(root.field("bands"), s);
        // A band named by a condition or an award must be one of every classified period's.
        let classified: Vec<Period> = [Period::MidYear, Period::YearEnd]
            .into_iter()
            .filter(|&p| s.classifies(p))
            .collect();
        let known = |id: &str, periods: &[Period]| {
            periods
                .iter()
                .all(|&p| s.bands_of(p).iter().any(|b| b.id == id))
        };
        let band_ids: HashSet<&str> = s
            .bands_of(Period::YearEnd)
            .iter()
            .map(|b| b.id.as_str())
            .collect();
        for (i, v) in s.vetoes.iter().enumerate() {
            let p = root.field("vetoes").index(i);
            self.code(p.field("code"), &v.code);
            if let Some(b) = &v.band_cap
                && !known(b, &classified)
            {
                self.push(p.field("band_cap"), IssueKind::UnknownBand(b.clone()));
            }
            if v.periods.is_empty() {
                self.push(p.field("periods"), IssueKind::NoPeriods(v.code.clone()));
            }
        }
        let layout = Layout::new(s);
        for (i, t) in s.tie_breakers.iter().enumerate() {
            let p = root.field("tie_breakers").index(i);
            match t {
                TieBreaker::GroupSubtotal(g) if !group_codes.contains(key(g)) => {
                    self.push(p, IssueKind::UnknownGroup(g.clone()))
                }
                TieBreaker::CriterionPoints(c) => match layout.item(c) {
                    None => self.push(p, IssueKind::UnknownCriterion(c.clone())),
                    Some(item) if item.kind != ItemKind::Criterion => {
                        self.push(p, IssueKind::TieBreakerNotCriterion(c.clone()))
                    }
                    Some(_) => {}
                },
                _ => {}
            }
        }
        let mut award_ids = HashSet::new();
        for (i, a) in s.awards.iter().enumerate() {
            let p = root.field("awards").index(i);
            if !award_ids.insert(a.id.as_str()) {
                self.push(p.field("id"), IssueKind::DuplicateAward(a.id.clone()));
            }
            if a.min_band.is_some() && !s.classifies(Period::YearEnd) {
                self.push(
                    p.field("min_band"),
                    IssueKind::MinBandUnclassified(a.id.clone()),
                );
            }
            self.award(p, a, &band_ids);
        }
        for (name, list) in [
            ("mid_year", &s.sections.mid_year),
            ("year_end", &s.sections.year_end),
        ] {
            let mut ids = HashSet::new();
            for (i, section) in list.iter().enumerate() {
                let p = root.field("sections").field(name).index(i);
                self.id(p.field("id"), &section.id);
                if !ids.insert(section.id.as_str()) {
                    self.push(
                        p.field("id"),
                        IssueKind::DuplicateSection(section.id.clone()),
                    );
                }
                if section.title.trim().is_empty() {
                    self.push(p.field("title"), IssueKind::Empty("title"));
                }
            }
        }
    }

    /// Checks a group and returns how many criteria it holds.
    fn group(&mut self, path: Path, g: &super::scheme::Group) -> usize {
        self.code(path.field("code"), &g.code);
        if let Some(cap) = g.cap {
            self.positive(path.field("cap"), cap);
        }
        if let Some(stated) = g.stated_max {
            self.positive(path.field("stated_max"), stated);
        }
        if g.items.is_empty() {
            self.push(path.field("items"), IssueKind::EmptyGroup(g.code.clone()));
        }
        let mut count = 0;
        for (i, node) in g.items.iter().enumerate() {
            let p = path.field("items").index(i);
            match node {
                Node::Group(child) => count += self.group(p, child),
                Node::Criterion(c) => {
                    count += 1;
                    self.code(p.field("code"), &c.code);
                    if c.title.trim().is_empty() {
                        self.push(p.field("title"), IssueKind::Empty("title"));
                    }
                    if c.periods.is_empty() {
                        self.push(p.field("periods"), IssueKind::NoPeriods(c.code.clone()));
                    }
                    if self.positive(p.field("max"), c.max) {
                        self.scale(p.field("scale"), &c.scale, c.max);
                    }
                }
            }
        }
        count
    }

    fn scale(&mut self, path: Path, scale: &Scale, max: Decimal) {
        match scale {
            Scale::Levels(levels) => {
                if levels.is_empty() {
                    self.push(path.clone(), IssueKind::NoLevels);
                }
                let mut seen = HashSet::new();
                for (i, l) in levels.iter().enumerate() {
                    let p = path.index(i);
                    if l.code.trim().is_empty() {
                        self.push(p.field("code"), IssueKind::Empty("code"));
                    } else if !seen.insert(l.code.to_lowercase()) {
                        self.push(p.field("code"), IssueKind::DuplicateLevel(l.code.clone()));
                    }
                    if !self.figure(p.field("points"), l.points) {
                    } else if l.points < Decimal::ZERO {
                        self.push(p.field("points"), IssueKind::Negative(l.points));
                    } else if l.points > max {
                        self.push(
                            p.field("points"),
                            IssueKind::LevelAboveMax {
                                points: l.points,
                                max,
                            },
                        );
                    }
                }
            }
            Scale::MetOrNot | Scale::Target { .. } => {}
            // A step need not divide the maximum, which is always allowed (`value::check`).
            Scale::Free { step } => {
                self.positive(path.field("step"), *step);
            }
            Scale::PerOccurrence {
                per,
                start,
                floor,
                ceiling,
            } => {
                let figures = [
                    ("per", Some(*per)),
                    ("start", *start),
                    ("floor", Some(*floor)),
                    ("ceiling", *ceiling),
                ];
                let mut within = true;
                for (field, value) in figures {
                    if let Some(value) = value {
                        within &= self.figure(path.field(field), value);
                    }
                }
                if !within {
                    return;
                }
                if per.is_zero() {
                    self.push(path.field("per"), IssueKind::ZeroPerOccurrence);
                }
                if *floor < Decimal::ZERO {
                    self.push(path.field("floor"), IssueKind::Negative(*floor));
                }
                let ceiling_value = ceiling.unwrap_or(max);
                if ceiling_value > max {
                    self.push(
                        path.field("ceiling"),
                        IssueKind::CeilingAboveMax {
                            ceiling: ceiling_value,
                            max,
                        },
                    );
                }
                if *floor > ceiling_value {
                    self.push(
                        path.field("floor"),
                        IssueKind::FloorAboveCeiling {
                            floor: *floor,
                            ceiling: ceiling_value,
                        },
                    );
                }
                if let Some(start) = start
                    && (*start < *floor || *start > ceiling_value)
                {
                    self.push(
                        path.field("start"),
                        IssueKind::StartOutside {
                            start: *start,
                            floor: *floor,
                            ceiling: ceiling_value,
                        },
                    );
                }
            }
        }
    }

    fn award(&mut self, p: Path, a: &Award, band_ids: &HashSet<&str>) {
        self.id(p.field("id"), &a.id);
        if let Some(min) = a.min_total {
            self.figure(p.field("min_total"), min);
        }
        if let Some(b) = &a.min_band
            && !band_ids.contains(b.as_str())
        {
            self.push(p.field("min_band"), IssueKind::UnknownBand(b.clone()));
        }
        match &a.quota {
            Quota::Count(0) => self.push(p.field("quota"), IssueKind::QuotaZero),
            Quota::Count(_) => {}
            Quota::Percent { percent, .. } => {
                if *percent <= Decimal::ZERO || *percent > Decimal::ONE_HUNDRED {
                    self.push(
                        p.field("quota").field("percent"),
                        IssueKind::PercentOutOfRange(*percent),
                    );
                }
            }
        }
        if let Some(vote) = &a.vote
            && (vote.share <= Decimal::ZERO || vote.share > Decimal::ONE)
        {
            self.push(
                p.field("vote").field("share"),
                IssueKind::VoteShareOutOfRange(vote.share),
            );
        }
    }
}

fn all_groups(s: &Scheme) -> impl Iterator<Item = &super::scheme::Group> {
    let mut stack: Vec<&super::scheme::Group> = s.groups.iter().collect();
    let mut out = Vec::new();
    while let Some(g) = stack.pop() {
        out.push(g);
        for n in &g.items {
            if let Node::Group(c) = n {
                stack.push(c);
            }
        }
    }
    out.into_iter()
}

/// The issue of an id that is not safe as a file name, if it is not.
pub fn id_issue(text: &str) -> Option<IssueKind> {
    id::check(text).err().map(|problem| IssueKind::BadId {
        id: text.to_string(),
        problem,
    })
}

/// The issue of a figure out of the supported limits, if it is.
pub(super) fn figure_issue(
    value: Decimal,
    limit: fn(Decimal) -> Result<(), FigureError>,
) -> Option<IssueKind> {
    limit(value).err().map(|e| match e {
        FigureError::TooLarge { limit } => IssueKind::FigureTooLarge { value, limit },
        FigureError::TooPrecise => IssueKind::FigureTooPrecise(value),
    })
}

/// How many units an award's quota allows in a bloc of `members` units.
pub fn quota_size(quota: &Quota, members: usize) -> usize {
    match quota {
        Quota::Count(n) => (*n as usize).min(members),
        Quota::Percent { percent, rounding } => {
            let exact = Decimal::from(members) * *percent / Decimal::ONE_HUNDRED;
            let rounded = match rounding {
                super::scheme::Rounding::Down => exact.floor(),
                super::scheme::Rounding::Up => exact.ceil(),
                super::scheme::Rounding::Nearest => exact.round_dp_with_strategy(
                    0,
                    rust_decimal::RoundingStrategy::MidpointAwayFromZero,
                ),
            };
            usize::try_from(rounded.mantissa() / 10i128.pow(rounded.scale()))
                .unwrap_or(0)
                .min(members)
        }
    }
}
