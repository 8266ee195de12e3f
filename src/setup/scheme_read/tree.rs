//! The criteria tree from "Tiêu chí": one row per group or criterion, its level in the tree
//! ("Cấp") placing it under the nearest group above it.

use std::collections::HashMap;

use rust_decimal::Decimal;

use super::{At, Path, Reader};
use crate::model::scheme::{
    Criterion, Direction, Group, Level, Node, Scale, TargetRule, Untargeted,
};
use crate::model::value::parse_decimal;
use crate::selfscore::Place;
use crate::setup::shape::{self, criteria as col};
use crate::setup::words::SetupMsg;

/// A group being read, with the path and key its children are placed under.
struct Open {
    group: Group,
    path: Path,
    key: String,
}

impl Reader {
    pub(crate) fn groups(&mut self) -> Vec<Group> {
        let rows = self.rows(&shape::CRITERIA);
        // Keys are the code column's when every row has its own; else they are made from the
        // printed numbers along each path.
        let codes: Vec<String> = rows.iter().map(|&at| self.text(at, col::CODE)).collect();
        let mut seen = std::collections::HashSet::new();
        let derive = codes
            .iter()
            .any(|c| c.is_empty() || !seen.insert(c.to_lowercase()));
        let mut top: Vec<Group> = Vec::new();
        let mut stack: Vec<Open> = Vec::new();
        let mut keys: HashMap<String, Place> = HashMap::new();
        // The level of the row placed last, for saying where a level skips.
        let mut above = 0;
        for (&at, code) in rows.iter().zip(codes) {
            let Some(kind) = self.choice(at, col::SCALE, shape::SCALES) else {
                self.required(at, col::SCALE);
                continue;
            };
            let is_group = kind == 0;
            let deepest = stack.len() as u32 + 1;
            let level = match self.whole(at, col::LEVEL) {
                Some(level) if level > deepest => {
                    let what = SetupMsg::LevelSkips { level, above };
                    self.problem(self.cell_place(at, col::LEVEL), what);
                    continue;
                }
                Some(level) => level,
                // Left blank: a group opens at the top, a criterion goes in the open group.
                None if is_group => 1,
                None => deepest,
            };
            if !is_group && level == 1 {
                self.problem(self.cell_place(at, col::LEVEL), SetupMsg::OutsideGroup);
                continue;
            }
            while stack.len() as u32 >= level {
                close(&mut stack, &mut top);
            }
            above = level;
            let printed = self.text(at, col::LABEL);
            let siblings = match stack.last() {
                Some(open) => open.group.items.len(),
                None => top.len(),
            };
            let (key, label) = if derive {
                let own = [&printed, &code]
                    .into_iter()
                    .find(|s| !s.is_empty())
                    .cloned()
                    .unwrap_or_else(|| (siblings + 1).to_string());
                let key = match stack.last() {
                    Some(open) => format!("{}.{own}", open.key),
                    None => own.clone(),
                };
                let label = [printed, code].into_iter().find(|s| !s.is_empty());
                (key, label)
            } else {
                (code, (!printed.is_empty()).then_some(printed))
            };
            let place = self.cell_place(at, if derive { col::LABEL } else { col::CODE });
            if let Some(first) = keys.get(&crate::model::layout::key(&key).to_lowercase()) {
                let first = first.text(crate::i18n::Lang::Vi);
                self.problem(place, SetupMsg::RepeatedKey { key, first });
                continue;
            }
            keys.insert(key.to_lowercase(), place);
            let path = match stack.last() {
                Some(open) => open.path.field("items").index(siblings),
                None => Path::root().field("groups").index(siblings),
            };
            self.remember(path.clone(), at);
            let title = self.required(at, col::TITLE);
            if is_group {
                let group = Group {
                    code: key.clone(),
                    label,
                    title,
                    cap: self.decimal(at, col::CAP),
                    stated_max: self.decimal(at, col::MAX),
                    items: Vec::new(),
                };
                stack.push(Open { group, path, key });
                continue;
            }
            let criterion = Criterion {
                code: key,
                label,
                title,
                guidance: self.text(at, col::GUIDANCE),
                max: self.required_decimal(at, col::MAX),
                scale: self.scale(at, kind),
                periods: self.periods(at, col::PERIODS),
            };
            if let Some(open) = stack.last_mut() {
                open.group.items.push(Node::Criterion(criterion));
            }
        }
        while !stack.is_empty() {
            close(&mut stack, &mut top);
        }
        top
    }

    /// The scale of a criterion row of kind `kind` (the index in `shape::SCALES`).
    fn scale(&mut self, at: At, kind: usize) -> Scale {
        match kind {
            1 => Scale::Levels(self.levels(at)),
            2 => Scale::MetOrNot,
            3 => Scale::Free {
                step: self.required_decimal(at, col::STEP),
            },
            4 => Scale::PerOccurrence {
                per: self.required_decimal(at, col::PER),
                start: self.decimal(at, col::START),
                floor: self.decimal(at, col::FLOOR).unwrap_or_default(),
                ceiling: self.decimal(at, col::CEILING),
            },
            _ => Scale::Target {
                rule: match self.choice(at, col::RULE, shape::RULES) {
                    Some(1) => TargetRule::HalfAtTarget,
                    Some(_) => TargetRule::Proportional,
                    None => {
                        self.required(at, col::RULE);
                        TargetRule::Proportional
                    }
                },
                better: match self.choice(at, col::BETTER, shape::DIRECTIONS) {
                    Some(1) => Direction::Lower,
                    _ => Direction::Higher,
                },
                untargeted: self
                    .choice(at, col::UNTARGETED, shape::UNTARGETED)
                    .map(|u| {
                        if u == 1 {
                            Untargeted::Zero
                        } else {
                            Untargeted::AgainstBest
                        }
                    }),
            },
        }
    }

    /// The levels of a `Levels` row, one per line (or separated by ";"): `code: name = points`.
    fn levels(&mut self, at: At) -> Vec<Level> {
        let text = self.required(at, col::LEVELS);
        let mut levels = Vec::new();
        for line in text
            .split(['\n', ';'])
            .map(str::trim)
            .filter(|l| !l.is_empty())
        {
            let parsed = line.split_once(':').and_then(|(code, rest)| {
                let (label, points) = rest.rsplit_once('=')?;
                let points: Decimal = parse_decimal(points)?;
                let (code, label) = (code.trim(), label.trim());
                (!code.is_empty()).then(|| Level {
                    code: code.to_string(),
                    label: label.to_string(),
                    points,
                })
            });
            match parsed {
                Some(level) => levels.push(level),
                None => {
                    let what = SetupMsg::BadLevel(line.to_string());
                    self.problem(self.cell_place(at, col::LEVELS), what);
                }
            }
        }
        levels
    }
}

/// Closes the innermost open group, placing it in its parent or at the top.
fn close(stack: &mut Vec<Open>, top: &mut Vec<Group>) {
    let Some(done) = stack.pop() else { return };
    match stack.last_mut() {
        Some(parent) => parent.group.items.push(Node::Group(done.group)),
        None => top.push(done.group),
    }
}
