//! The scheme flattened for scoring: every scored item (criterion, bonus, penalty, veto) gets an
//! index, every group an index, so that the engine and the store work on dense tables instead
//! of walking the tree.

use std::collections::HashMap;

use rust_decimal::Decimal;

use super::period::Period;
use super::scheme::{AdjustmentScale, Node, Scale, Scheme};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ItemKind {
    Criterion,
    Bonus,
    Penalty,
    Veto,
}

/// What a value for an item means and how it is scored.
#[derive(Debug, Clone, PartialEq)]
pub enum Rule {
    Criterion {
        scale: Scale,
        max: Decimal,
    },
    Adjustment {
        scale: AdjustmentScale,
        cap: Option<Decimal>,
    },
    Veto,
}

/// An item's or group's key as every reader compares it: the code without the spaces around
/// it, so that a scale's "2.2 " and a scoresheet's "2.2" are the same criterion.
pub fn key(code: &str) -> &str {
    code.trim()
}

/// The number printed for an item or group: its label, else its key.
fn printed(label: &Option<String>, code: &str) -> String {
    label
        .as_deref()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .unwrap_or(key(code))
        .to_string()
}

#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// The key (`key` of the scheme's code), used by files, the journal and records.
    pub code: String,
    /// The number screens and reports print: the scheme's label (or the key), preceded by its
    /// groups' numbers where the label alone repeats ("II.1").
    pub label: String,
    pub title: String,
    pub guidance: String,
    pub kind: ItemKind,
    pub rule: Rule,
    pub periods: Vec<Period>,
    /// The innermost group holding a criterion, or the group an adjustment is bound to.
    pub group: Option<usize>,
}

impl Item {
    pub fn is_scored_in(&self, period: Period) -> bool {
        self.periods.contains(&period)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct GroupInfo {
    pub code: String,
    /// The number as printed; need not be unique.
    pub label: String,
    pub title: String,
    pub cap: Option<Decimal>,
    /// The maximum the scale prints for the group, as information.
    pub stated_max: Option<Decimal>,
    pub parent: Option<usize>,
    pub depth: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    /// Criteria in tree order, then bonus items, penalty items and vetoes.
    pub items: Vec<Item>,
    /// Groups in tree order (a parent before its children).
    pub groups: Vec<GroupInfo>,
    by_code: HashMap<String, usize>,
}

impl Layout {
    pub fn new(scheme: &Scheme) -> Layout {
        let mut layout = Layout {
            items: Vec::new(),
            groups: Vec::new(),
            by_code: HashMap::new(),
        };
        for group in &scheme.groups {
            layout.add_group(group, None, 0);
        }
        let group_index = |code: &Option<String>, layout: &Layout| {
            code.as_ref().and_then(|c| layout.group_index(c))
        };
        for (kind, adjustments) in [
            (ItemKind::Bonus, &scheme.bonus),
            (ItemKind::Penalty, &scheme.penalty),
        ] {
            for a in &adjustments.items {
                let group = group_index(&a.group, &layout);
                layout.push(Item {
                    code: key(&a.code).to_string(),
                    label: printed(&a.label, &a.code),
                    title: a.title.clone(),
                    guidance: a.guidance.clone(),
                    kind,
                    rule: Rule::Adjustment {
                        scale: a.scale.clone(),
                        cap: a.cap,
                    },
                    periods: a.periods.clone(),
                    group,
                });
            }
        }
        for v in &scheme.vetoes {
            layout.push(Item {
                code: key(&v.code).to_string(),
                label: printed(&v.label, &v.code),
                title: v.title.clone(),
                guidance: v.guidance.clone(),
                kind: ItemKind::Veto,
                rule: Rule::Veto,
                periods: v.periods.clone(),
                group: None,
            });
        }
        layout.tell_apart();
        layout
    }

    /// Where printed numbers repeat ("1, 2, 3" under every group), every number is shown with
    /// its groups' numbers before it ("II.1", "II.3"), as a meeting says them; numbers printed
    /// once each are shown as they are.
    fn tell_apart(&mut self) {
        fn repeats<'a>(mut labels: impl Iterator<Item = &'a str>) -> bool {
            let mut seen = std::collections::HashSet::new();
            labels.any(|l| !seen.insert(l))
        }
        if repeats(self.groups.iter().map(|g| g.label.as_str())) {
            // Parents come before their children: a parent's name is settled first.
            for g in 0..self.groups.len() {
                if let Some(parent) = self.groups[g].parent {
                    let name = format!("{}.{}", self.groups[parent].label, self.groups[g].label);
                    self.groups[g].label = name;
                }
            }
        }
        let criteria = || {
            (self.items.iter())
                .filter(|i| i.kind == ItemKind::Criterion)
                .map(|i| i.label.as_str())
        };
        if repeats(criteria()) {
            for item in &mut self.items {
                if let (Some(g), ItemKind::Criterion) = (item.group, item.kind) {
                    item.label = format!("{}.{}", self.groups[g].label, item.label);
                }
            }
        }
    }

    fn add_group(&mut self, group: &super::scheme::Group, parent: Option<usize>, depth: usize) {
        let index = self.groups.len();
        self.groups.push(GroupInfo {
            code: key(&group.code).to_string(),
            label: printed(&group.label, &group.code),
            title: group.title.clone(),
            cap: group.cap,
            stated_max: group.stated_max,
            parent,
            depth,
        });
        for node in &group.items {
            match node {
                Node::Group(child) => self.add_group(child, Some(index), depth + 1),
                Node::Criterion(c) => self.push(Item {
                    code: key(&c.code).to_string(),
                    label: printed(&c.label, &c.code),
                    title: c.title.clone(),
                    guidance: c.guidance.clone(),
                    kind: ItemKind::Criterion,
                    rule: Rule::Criterion {
                        scale: c.scale.clone(),
                        max: c.max,
                    },
                    periods: c.periods.clone(),
                    group: Some(index),
                }),
            }
        }
    }

    fn push(&mut self, item: Item) {
        // The first item keeps a duplicated code; validation reports the duplicate.
        self.by_code
            .entry(item.code.clone())
            .or_insert(self.items.len());
        self.items.push(item);
    }

    /// The item whose key is `code`, compared as `key` does.
    pub fn index_of(&self, code: &str) -> Option<usize> {
        self.by_code.get(key(code)).copied()
    }

    pub fn item(&self, code: &str) -> Option<&Item> {
        self.index_of(code).map(|i| &self.items[i])
    }

    /// The criteria a code written as not applying stands for: the criterion itself, or every
    /// criterion within the group.
    pub fn items_under(&self, code: &str) -> Vec<usize> {
        if let Some(i) = self.index_of(code) {
            return vec![i];
        }
        let Some(g) = self.group_index(code) else {
            return Vec::new();
        };
        self.items
            .iter()
            .enumerate()
            .filter(|(_, item)| item.kind == ItemKind::Criterion)
            .filter(|(_, item)| item.group.is_some_and(|ig| self.group_within(ig, g)))
            .map(|(i, _)| i)
            .collect()
    }

    pub fn group_index(&self, code: &str) -> Option<usize> {
        let code = key(code);
        self.groups.iter().position(|g| g.code == code)
    }

    /// The top-level groups (nhóm I, II, III…), whose subtotals make the total.
    pub fn top_groups(&self) -> impl Iterator<Item = usize> + '_ {
        self.groups
            .iter()
            .enumerate()
            .filter(|(_, g)| g.parent.is_none())
            .map(|(i, _)| i)
    }

    /// The most a unit can reach from the criteria (bonus aside), in `period` or over all.
    pub fn max_total(&self, period: Option<Period>) -> Decimal {
        self.maxima(period, |_| true).1
    }

    /// The most each group, and the whole, can give from the criteria for which `applies`
    /// holds, in `period` or over all, after the groups' caps.
    pub fn maxima(
        &self,
        period: Option<Period>,
        applies: impl Fn(usize) -> bool,
    ) -> (Vec<Decimal>, Decimal) {
        let mut groups = vec![Decimal::ZERO; self.groups.len()];
        for (i, item) in self.items.iter().enumerate() {
            if let (Rule::Criterion { max, .. }, Some(g)) = (&item.rule, item.group)
                && period.is_none_or(|p| item.is_scored_in(p))
                && applies(i)
            {
                groups[g] += *max;
            }
        }
        let mut total = Decimal::ZERO;
        for g in (0..groups.len()).rev() {
            if let Some(cap) = self.groups[g].cap {
                groups[g] = groups[g].min(cap);
            }
            match self.groups[g].parent {
                Some(parent) => {
                    let child = groups[g];
                    groups[parent] += child;
                }
                None => total += groups[g],
            }
        }
        (groups, total)
    }

    pub fn criteria_count(&self) -> usize {
        self.items
            .iter()
            .filter(|i| i.kind == ItemKind::Criterion)
            .count()
    }

    /// Whether `group` is `ancestor` or lies below it.
    pub fn group_within(&self, mut group: usize, ancestor: usize) -> bool {
        loop {
            if group == ancestor {
                return true;
            }
            match self.groups[group].parent {
                Some(p) => group = p,
                None => return false,
            }
        }
    }
}
