//! Checks on a bloc against the scheme it names: its ids, its members and their targets.

use std::collections::HashSet;

use rust_decimal::Decimal;

use super::super::bloc::Bloc;
use super::super::layout::{ItemKind, Layout, Rule};
use super::super::limits;
use super::super::path::Path;
use super::super::period::Period;
use super::super::scheme::{Direction, Quota, Scale, Scheme};
use super::{Issue, IssueKind, figure_issue, id_issue, issue, quota_size};

/// Every problem of a bloc checked against the scheme it names.
pub fn bloc(bloc: &Bloc, scheme: &Scheme) -> Vec<Issue> {
    let mut issues = Vec::new();
    let root = Path::root();
    let mut push = |path: Path, kind| issues.push(issue(path, kind));
    for (name, text) in [
        ("id", &bloc.id),
        ("name", &bloc.name),
        ("parent_body", &bloc.parent_body),
        ("place", &bloc.place),
    ] {
        if text.trim().is_empty() {
            push(root.field(name), IssueKind::Empty(name));
        }
    }
    if !bloc.id.trim().is_empty()
        && let Some(kind) = id_issue(&bloc.id)
    {
        push(root.field("id"), kind);
    }
    if let Some(kind) = id_issue(&bloc.scheme) {
        push(root.field("scheme"), kind);
    } else if bloc.scheme != scheme.id {
        push(
            root.field("scheme"),
            IssueKind::SchemeMismatch {
                bloc: bloc.scheme.clone(),
                scheme: scheme.id.clone(),
            },
        );
    }
    if bloc.members.is_empty() {
        push(root.field("members"), IssueKind::Empty("members"));
    }
    if bloc.members.len() > limits::MAX_UNITS {
        push(
            root.field("members"),
            IssueKind::TooManyMembers {
                count: bloc.members.len(),
                limit: limits::MAX_UNITS,
            },
        );
    }
    let mut ids = HashSet::new();
    let mut shorts = HashSet::new();
    for (i, m) in bloc.members.iter().enumerate() {
        let p = root.field("members").index(i);
        if m.id.trim().is_empty() {
            push(p.field("id"), IssueKind::Empty("id"));
        } else if let Some(kind) = id_issue(&m.id) {
            push(p.field("id"), kind);
        } else if !ids.insert(m.id.as_str()) {
            push(p.field("id"), IssueKind::DuplicateMember(m.id.clone()));
        }
        if m.short.trim().is_empty() {
            push(p.field("short"), IssueKind::Empty("short"));
        } else if !shorts.insert(m.short.to_lowercase()) {
            push(
                p.field("short"),
                IssueKind::DuplicateShortName(m.short.clone()),
            );
        }
    }
    if !ids.contains(bloc.head.as_str()) {
        push(
            root.field("head"),
            IssueKind::HeadNotMember(bloc.head.clone()),
        );
    }
    if let Some(d) = &bloc.deputy {
        if !ids.contains(d.as_str()) {
            push(root.field("deputy"), IssueKind::DeputyNotMember(d.clone()));
        } else if d == &bloc.head {
            push(root.field("deputy"), IssueKind::DeputyIsHead(d.clone()));
        }
    }
    if bloc.signer.name.trim().is_empty() {
        push(root.field("signer").field("name"), IssueKind::Empty("name"));
    }
    let layout = Layout::new(scheme);
    let not_applicable = not_applicable(bloc, &layout, &ids, &mut push);
    let targets = root.field("targets");
    // Every (member, criterion) given a target, whatever its value: a bloc of 200 units has
    // tens of thousands, looked up again for the targets missing.
    let mut targeted: HashSet<(&str, usize)> = HashSet::new();
    for (member, by_code) in &bloc.targets {
        let mp = targets.key(member);
        if !ids.contains(member.as_str()) {
            push(mp.clone(), IssueKind::UnknownMember(member.clone()));
        }
        for (code, value) in by_code {
            // The path is made only for a problem: most targets have none.
            let cp = || mp.key(code);
            let Some(index) = layout.index_of(code) else {
                push(cp(), IssueKind::UnknownCriterion(code.clone()));
                continue;
            };
            targeted.insert((member.as_str(), index));
            let Rule::Criterion {
                scale: Scale::Target { better, .. },
                ..
            } = &layout.items[index].rule
            else {
                push(cp(), IssueKind::TargetNotTargetCriterion(code.clone()));
                continue;
            };
            if let Some(kind) = figure_issue(*value, limits::achieved) {
                push(cp(), kind);
            } else if *better == Direction::Lower && *value < Decimal::ZERO {
                // Fewer is better: a target of 0 ("no cases") is the common case.
                push(cp(), IssueKind::Negative(*value));
            } else if *better == Direction::Higher && *value <= Decimal::ZERO {
                push(cp(), IssueKind::TargetNotPositive(*value));
            } else if not_applicable.contains(&(member.as_str(), index)) {
                push(
                    cp(),
                    IssueKind::TargetOnNotApplicable {
                        member: member.clone(),
                        criterion: code.clone(),
                    },
                );
            }
        }
    }
    for (index, item) in layout.items.iter().enumerate() {
        let Rule::Criterion { scale, .. } = &item.rule else {
            continue;
        };
        if !matches!(scale, Scale::Target { .. }) || scale.untargeted().is_some() {
            continue;
        }
        for m in &bloc.members {
            let key = (m.id.as_str(), index);
            if targeted.contains(&key) || not_applicable.contains(&key) {
                continue;
            }
            let p = if bloc.targets.contains_key(&m.id) {
                targets.key(&m.id)
            } else {
                targets.clone()
            };
            push(
                p,
                IssueKind::MissingTarget {
                    member: m.id.clone(),
                    criterion: item.code.clone(),
                },
            );
        }
    }
    let members = bloc.members.len();
    for a in &scheme.awards {
        let p = root.field("members");
        match &a.quota {
            Quota::Count(n) if *n as usize > members && members > 0 => push(
                p,
                IssueKind::QuotaAboveMembers {
                    award: a.id.clone(),
                    quota: *n,
                    members,
                },
            ),
            Quota::Percent { percent, .. } if members > 0 && quota_size(&a.quota, members) == 0 => {
                push(
                    p,
                    IssueKind::QuotaRoundsToZero {
                        award: a.id.clone(),
                        percent: *percent,
                        members,
                    },
                )
            }
            _ => {}
        }
    }
    issues
}

/// Checks what the bloc writes as not applying, and returns every (member, criterion) it
/// covers.
fn not_applicable<'b>(
    bloc: &'b Bloc,
    layout: &Layout,
    ids: &HashSet<&str>,
    push: &mut impl FnMut(Path, IssueKind),
) -> HashSet<(&'b str, usize)> {
    let root = Path::root().field("not_applicable");
    let mut covered = HashSet::new();
    for (member, codes) in &bloc.not_applicable {
        let mp = root.key(member);
        if !ids.contains(member.as_str()) {
            push(mp.clone(), IssueKind::UnknownMember(member.clone()));
        }
        for (i, code) in codes.iter().enumerate() {
            let items = layout.items_under(code);
            if let Some(&item) = items.first()
                && layout.items[item].kind != ItemKind::Criterion
            {
                push(
                    mp.index(i),
                    IssueKind::NotApplicableNotCriterion(code.clone()),
                );
            } else if items.is_empty() && layout.group_index(code).is_none() {
                push(mp.index(i), IssueKind::UnknownCriterion(code.clone()));
            }
            covered.extend(items.into_iter().map(|item| (member.as_str(), item)));
        }
        for period in [Period::MidYear, Period::YearEnd] {
            let applies = |i: usize| !covered.contains(&(member.as_str(), i));
            let any = (layout.items.iter().enumerate()).any(|(i, item)| {
                item.kind == ItemKind::Criterion && item.is_scored_in(period) && applies(i)
            });
            let scored = (layout.items.iter())
                .any(|item| item.kind == ItemKind::Criterion && item.is_scored_in(period));
            if scored && !any {
                push(
                    mp.clone(),
                    IssueKind::NothingApplies {
                        member: member.clone(),
                        period,
                    },
                );
            }
        }
    }
    covered
}
