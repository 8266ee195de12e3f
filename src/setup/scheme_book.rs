//! `thidua template-scheme`: a scheme as the workbook offices already keep their scales in, one
//! sheet for each part (information, criteria, bonus, penalty, caps by group, conditions,
//! bands, tie-breakers, awards, written sections), with drop-downs for every choice and
//! validation for every figure. Written from a scheme, it reads back (`scheme_read`) as the same
//! scheme.

use rust_xlsxwriter::{DocProperties, Workbook, XlsxError};

use crate::model::Period;
use crate::model::scheme::{
    Adjustment, AdjustmentScale, Band, BandCondition, Basis, Direction, Node, Quota, RankBy,
    Rounding, Scale, Scheme, TargetRule, TieBreaker, Untargeted, VoteBase,
};

use super::shape::{self, SheetShape};
use super::writer::{Out, n, opt, t, word, write_sheet};

/// The workbook of `scheme`.
pub fn workbook(scheme: &Scheme) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    book.set_properties(&DocProperties::new().set_title(&scheme.title));
    let sheets: [(&SheetShape, Vec<Vec<Out>>); 10] = [
        (&shape::INFO, info_rows(scheme)),
        (&shape::CRITERIA, criteria_rows(scheme)),
        (&shape::BONUS, adjustment_rows(&scheme.bonus.items)),
        (&shape::PENALTY, adjustment_rows(&scheme.penalty.items)),
        (&shape::GROUP_CAPS, group_cap_rows(scheme)),
        (&shape::VETOES, veto_rows(scheme)),
        (&shape::BANDS, band_rows(scheme)),
        (&shape::TIES, tie_rows(scheme)),
        (&shape::AWARDS, award_rows(scheme)),
        (&shape::SECTIONS, section_rows(scheme)),
    ];
    for (shape, rows) in sheets {
        let sheet = book.add_worksheet();
        write_sheet(sheet, shape, &rows)?;
    }
    book.save_to_buffer()
}

fn periods(periods: &[Period]) -> Out {
    let has = |p| periods.contains(&p);
    word(
        shape::PERIODS,
        match (has(Period::MidYear), has(Period::YearEnd)) {
            (true, true) | (false, false) => 0,
            (false, true) => 1,
            (true, false) => 2,
        },
    )
}

fn basis(b: Basis) -> Out {
    word(
        shape::BASES,
        match b {
            Basis::Points => 0,
            Basis::ShareOfMaximum => 1,
            Basis::Off => 2,
        },
    )
}

fn info_rows(s: &Scheme) -> Vec<Vec<Out>> {
    let c = &s.classification;
    let values = [
        t(&s.id),
        t(&s.title),
        t(&s.version),
        t(s.effective.format("%d/%m/%Y").to_string()),
        t(&s.legal_basis),
        basis(c.mid_year),
        basis(c.year_end),
        word(
            shape::RANK_BY,
            usize::from(s.rank_by == RankBy::ShareOfApplicable),
        ),
        opt(s.bonus.cap),
        opt(s.penalty.cap),
    ];
    shape::info::ALL
        .iter()
        .zip(values)
        .map(|(label, value)| vec![t(*label), value])
        .collect()
}

fn criteria_rows(s: &Scheme) -> Vec<Vec<Out>> {
    let mut rows = Vec::new();
    for g in &s.groups {
        group_rows(g, 1, &mut rows);
    }
    rows
}

fn group_rows(g: &crate::model::scheme::Group, level: u32, rows: &mut Vec<Vec<Out>>) {
    let mut row = vec![Out::Empty; shape::CRITERIA.columns.len()];
    row[usize::from(shape::criteria::LEVEL)] = n(level.into());
    row[usize::from(shape::criteria::LABEL)] = t(g.label.clone().unwrap_or_default());
    row[usize::from(shape::criteria::CODE)] = t(&g.code);
    row[usize::from(shape::criteria::TITLE)] = t(&g.title);
    row[usize::from(shape::criteria::MAX)] = opt(g.stated_max);
    row[usize::from(shape::criteria::CAP)] = opt(g.cap);
    row[usize::from(shape::criteria::SCALE)] = word(shape::SCALES, 0);
    rows.push(row);
    for node in &g.items {
        match node {
            Node::Group(child) => group_rows(child, level + 1, rows),
            Node::Criterion(c) => rows.push(criterion_row(c, level + 1)),
        }
    }
}

fn criterion_row(c: &crate::model::scheme::Criterion, level: u32) -> Vec<Out> {
    use shape::criteria as col;
    let mut row = vec![Out::Empty; shape::CRITERIA.columns.len()];
    let mut set = |column: u16, out: Out| row[usize::from(column)] = out;
    set(col::LEVEL, n(level.into()));
    set(col::LABEL, t(c.label.clone().unwrap_or_default()));
    set(col::CODE, t(&c.code));
    set(col::TITLE, t(&c.title));
    set(col::MAX, n(c.max));
    set(col::PERIODS, periods(&c.periods));
    set(col::GUIDANCE, t(&c.guidance));
    match &c.scale {
        Scale::Levels(levels) => {
            set(col::SCALE, word(shape::SCALES, 1));
            let lines: Vec<String> = levels
                .iter()
                .map(|l| format!("{}: {} = {}", l.code, l.label, l.points))
                .collect();
            set(col::LEVELS, t(lines.join("\n")));
        }
        Scale::MetOrNot => set(col::SCALE, word(shape::SCALES, 2)),
        Scale::Free { step } => {
            set(col::SCALE, word(shape::SCALES, 3));
            set(col::STEP, n(*step));
        }
        Scale::PerOccurrence {
            per,
            start,
            floor,
            ceiling,
        } => {
            set(col::SCALE, word(shape::SCALES, 4));
            set(col::PER, n(*per));
            set(col::FLOOR, n(*floor));
            set(col::CEILING, opt(*ceiling));
            set(col::START, opt(*start));
        }
        Scale::Target {
            rule,
            better,
            untargeted,
        } => {
            set(col::SCALE, word(shape::SCALES, 5));
            let rule = usize::from(*rule == TargetRule::HalfAtTarget);
            set(col::RULE, word(shape::RULES, rule));
            set(
                col::BETTER,
                word(shape::DIRECTIONS, usize::from(*better == Direction::Lower)),
            );
            if let Some(u) = untargeted {
                set(
                    col::UNTARGETED,
                    word(shape::UNTARGETED, usize::from(*u == Untargeted::Zero)),
                );
            }
        }
    }
    row
}

fn adjustment_rows(items: &[Adjustment]) -> Vec<Vec<Out>> {
    use shape::adjustment as col;
    items
        .iter()
        .map(|a| {
            let mut row = vec![Out::Empty; shape::BONUS.columns.len()];
            let mut set = |column: u16, out: Out| row[usize::from(column)] = out;
            set(col::LABEL, t(a.label.clone().unwrap_or_default()));
            set(col::CODE, t(&a.code));
            set(col::TITLE, t(&a.title));
            match &a.scale {
                AdjustmentScale::Once(p) => {
                    set(col::KIND, word(shape::ADJUSTMENTS, 0));
                    set(col::POINTS, n(*p));
                }
                AdjustmentScale::PerOccurrence(p) => {
                    set(col::KIND, word(shape::ADJUSTMENTS, 1));
                    set(col::POINTS, n(*p));
                }
                AdjustmentScale::Free { step } => {
                    set(col::KIND, word(shape::ADJUSTMENTS, 2));
                    set(col::STEP, n(*step));
                }
            }
            set(col::CAP, opt(a.cap));
            set(col::GROUP, t(a.group.clone().unwrap_or_default()));
            set(col::PERIODS, periods(&a.periods));
            set(col::GUIDANCE, t(&a.guidance));
            row
        })
        .collect()
}

fn group_cap_rows(s: &Scheme) -> Vec<Vec<Out>> {
    [(0, &s.bonus), (1, &s.penalty)]
        .into_iter()
        .flat_map(|(side, list)| {
            list.group_caps
                .iter()
                .map(move |(g, cap)| vec![word(shape::SIDES, side), t(g), n(*cap)])
        })
        .collect()
}

fn veto_rows(s: &Scheme) -> Vec<Vec<Out>> {
    s.vetoes
        .iter()
        .map(|v| {
            vec![
                t(v.label.clone().unwrap_or_default()),
                t(&v.code),
                t(&v.title),
                t(v.band_cap.clone().unwrap_or_default()),
                periods(&v.periods),
                t(&v.guidance),
            ]
        })
        .collect()
}

fn band_rows(s: &Scheme) -> Vec<Vec<Out>> {
    let c = &s.classification;
    let lists: [(usize, Option<&Vec<Band>>); 3] = [
        (0, Some(&s.bands)),
        (1, c.mid_year_bands.as_ref()),
        (2, c.year_end_bands.as_ref()),
    ];
    let mut rows = Vec::new();
    for (list, bands) in lists {
        for b in bands.into_iter().flatten() {
            let no_veto = b.conditions.contains(&BandCondition::NoFailedVeto);
            let share = b.conditions.iter().find_map(|c| match c {
                BandCondition::PenaltyAtMostShareOfBonus(s) => Some(*s),
                _ => None,
            });
            rows.push(vec![
                word(shape::BAND_LISTS, list),
                t(&b.id),
                t(&b.label),
                opt(b.min.map(|m| m.points)),
                match b.min {
                    Some(m) => word(shape::YES_NO, usize::from(!m.inclusive)),
                    None => Out::Empty,
                },
                if no_veto {
                    word(shape::YES_NO, 0)
                } else {
                    Out::Empty
                },
                opt(share),
            ]);
        }
    }
    rows
}

fn tie_rows(s: &Scheme) -> Vec<Vec<Out>> {
    s.tie_breakers
        .iter()
        .map(|tb| match tb {
            TieBreaker::GroupSubtotal(g) => vec![word(shape::TIE_BREAKERS, 0), t(g)],
            TieBreaker::CriterionPoints(c) => vec![word(shape::TIE_BREAKERS, 1), t(c)],
            TieBreaker::FewerPenalty => vec![word(shape::TIE_BREAKERS, 2), Out::Empty],
            TieBreaker::MoreBonus => vec![word(shape::TIE_BREAKERS, 3), Out::Empty],
        })
        .collect()
}

fn award_rows(s: &Scheme) -> Vec<Vec<Out>> {
    s.awards
        .iter()
        .map(|a| {
            let (size, kind, rounding) = match &a.quota {
                Quota::Count(c) => (n((*c).into()), word(shape::QUOTA_KINDS, 0), Out::Empty),
                Quota::Percent { percent, rounding } => (
                    n(*percent),
                    word(shape::QUOTA_KINDS, 1),
                    word(
                        shape::ROUNDINGS,
                        match rounding {
                            Rounding::Down => 0,
                            Rounding::Up => 1,
                            Rounding::Nearest => 2,
                        },
                    ),
                ),
            };
            let vote = a.vote.as_ref();
            vec![
                t(&a.id),
                t(&a.title),
                size,
                kind,
                rounding,
                t(a.min_band.clone().unwrap_or_default()),
                opt(a.min_total),
                word(shape::YES_NO, usize::from(!a.exclude_vetoed)),
                opt(vote.map(|v| v.share)),
                vote.map_or(Out::Empty, |v| {
                    word(shape::YES_NO, usize::from(!v.inclusive))
                }),
                vote.map_or(Out::Empty, |v| {
                    word(shape::VOTE_BASES, usize::from(v.of == VoteBase::AllMembers))
                }),
            ]
        })
        .collect()
}

fn section_rows(s: &Scheme) -> Vec<Vec<Out>> {
    [(0, &s.sections.mid_year), (1, &s.sections.year_end)]
        .into_iter()
        .flat_map(|(period, list)| {
            list.iter().map(move |sec| {
                vec![
                    word(shape::SECTION_PERIODS, period),
                    t(&sec.id),
                    t(&sec.title),
                    t(&sec.guidance),
                    word(shape::YES_NO, usize::from(!sec.required)),
                ]
            })
        })
        .collect()
}
