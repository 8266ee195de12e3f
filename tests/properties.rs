//! Properties of the engine over random sheets of the shared test scheme.

mod common;

use proptest::prelude::*;
use rust_decimal::Decimal;
use thidua::model::layout::Rule;
use thidua::model::{Covenant, Period, Sheet, Value};
use thidua::score;

use common::{SCHEME, bloc, covenant, targets};

/// A value for each item, chosen from raw numbers so that it always fits the item's scale.
fn value_for(c: &Covenant, item: usize, raw: u32) -> Value {
    match c.layout.items[item].code.as_str() {
        "1" => Value::Level(["HTXS", "HTT", "HT", "KHT"][raw as usize % 4].into()),
        "2" | "T1" | "DK1" => Value::Met(raw.is_multiple_of(2)),
        "3a" => Value::Points(Decimal::new((raw % 41) as i64 * 25, 2)),
        "3b" => Value::Count(raw % 16),
        "4" | "5" => Value::Achieved(Decimal::new((raw % 3000) as i64, 1)),
        "6" => Value::Points(Decimal::from(raw % 11)),
        "T2" => Value::Count(raw % 6),
        "K1" => Value::Count(raw % 4),
        other => panic!("no generator for {other}"),
    }
}

fn sheet_from(c: &Covenant, raw: &[Vec<Option<u32>>]) -> Sheet {
    let mut s = c.empty_sheet();
    for (u, row) in raw.iter().enumerate() {
        for (i, r) in row.iter().enumerate() {
            s.set(u, i, r.map(|r| value_for(c, i, r)));
        }
    }
    s
}

fn raw_sheet(units: usize, items: usize) -> impl Strategy<Value = Vec<Vec<Option<u32>>>> {
    prop::collection::vec(
        prop::collection::vec(prop::option::weighted(0.9, 0u32..10_000), items),
        units,
    )
}

fn setup(units: usize) -> Covenant {
    covenant(SCHEME, &bloc(units, &targets(units)))
}

fn period() -> impl Strategy<Value = Period> {
    prop_oneof![Just(Period::MidYear), Just(Period::YearEnd)]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn no_total_exceeds_its_caps_and_no_criterion_leaves_its_range(
        raw in raw_sheet(6, 11), period in period()
    ) {
        let c = setup(6);
        let r = score::compute(&c, period, &sheet_from(&c, &raw)).expect("the engine computes");
        for unit in &r.units {
            for (g, info) in c.layout.groups.iter().enumerate() {
                if let Some(cap) = info.cap {
                    prop_assert!(unit.groups[g] <= cap);
                }
            }
            prop_assert!(unit.bonus <= c.scheme.bonus.cap.unwrap());
            prop_assert!(unit.penalty <= c.scheme.penalty.cap.unwrap());
            prop_assert!(unit.total >= Decimal::ZERO);
            prop_assert!(unit.total <= c.layout.max_total(Some(period)) + unit.bonus);
            for (item, p) in c.layout.items.iter().zip(&unit.points) {
                if let (Rule::Criterion { max, .. }, Some(p)) = (&item.rule, p) {
                    prop_assert!(*p >= Decimal::ZERO && p <= max, "{} = {}", item.code, p);
                }
            }
        }
    }

    #[test]
    fn reordering_members_changes_nobodys_result(
        raw in raw_sheet(5, 11), period in period(), rotate in 1usize..5
    ) {
        let c = setup(5);
        let r = score::compute(&c, period, &sheet_from(&c, &raw)).expect("the engine computes");
        let mut moved = c.bloc.clone();
        moved.members.rotate_left(rotate);
        let c2 = Covenant::new(moved, c.scheme.clone()).unwrap();
        let mut raw2 = raw.clone();
        raw2.rotate_left(rotate);
        let r2 = score::compute(&c2, period, &sheet_from(&c2, &raw2)).expect("the engine computes");
        for (u, m) in c.bloc.members.iter().enumerate() {
            let a = &r.units[u];
            let b = &r2.units[c2.unit_index(&m.id).unwrap()];
            prop_assert_eq!(&a.points, &b.points);
            prop_assert_eq!((a.total, a.band, a.rank, a.tied), (b.total, b.band, b.rank, b.tied));
        }
    }

    #[test]
    fn ranks_agree_with_band_then_total_and_ties_are_shown(
        raw in raw_sheet(7, 11), period in period()
    ) {
        let c = setup(7);
        let r = score::compute(&c, period, &sheet_from(&c, &raw)).expect("the engine computes");
        for (i, a) in r.units.iter().enumerate() {
            let sharing = r.units.iter().filter(|b| b.rank == a.rank).count();
            prop_assert_eq!(a.tied, sharing > 1);
            // Competition ranking: the rank is one more than the number of units ranked above.
            let above = r.units.iter().filter(|b| b.rank < a.rank).count();
            prop_assert_eq!(a.rank, above + 1);
            for (j, b) in r.units.iter().enumerate() {
                if i == j { continue; }
                if a.band < b.band || (a.band == b.band && a.total > b.total) {
                    prop_assert!(a.rank < b.rank);
                }
            }
        }
        let ranks: Vec<usize> = r.order.iter().map(|&u| r.units[u].rank).collect();
        prop_assert!(ranks.windows(2).all(|w| w[0] <= w[1]));
    }

    #[test]
    fn one_units_entry_changes_others_only_through_target_criteria(
        raw in raw_sheet(5, 11), period in period(), unit in 0usize..5, item in 0usize..11, new in 0u32..10_000
    ) {
        let c = setup(5);
        let before = score::compute(&c, period, &sheet_from(&c, &raw)).expect("the engine computes");
        let mut changed = raw.clone();
        changed[unit][item] = Some(new);
        let after = score::compute(&c, period, &sheet_from(&c, &changed)).expect("the engine computes");
        for u in (0..5).filter(|&u| u != unit) {
            for (i, spec) in c.layout.items.iter().enumerate() {
                let is_target = matches!(&spec.rule, Rule::Criterion { scale: thidua::model::scheme::Scale::Target { .. }, .. });
                if !is_target {
                    prop_assert_eq!(before.units[u].points[i], after.units[u].points[i]);
                } else if i != item {
                    // A target criterion moves only when its own entries move.
                    prop_assert_eq!(before.units[u].points[i], after.units[u].points[i]);
                }
            }
        }
    }
}

/// The shared scheme with its two target criteria counting what should be few (cases,
/// complaints), and a covenant where criterion 3a and the whole group II do not apply to u2,
/// and criterion 1 does not apply to u4.
fn real_scale(units: usize) -> Covenant {
    let scheme = SCHEME
        .replace("rule: HalfAtTarget)", "rule: HalfAtTarget, better: Lower)")
        .replace("rule: Proportional)", "rule: Proportional, better: Lower)");
    let rows: Vec<String> = (1..=units)
        .filter(|&i| i != 2)
        .map(|i| format!("\"u{i}\": {{\"4\": {}, \"5\": {}}}", i * 7 % 20, i * 3 % 10))
        .collect();
    let extra = format!(
        r#"targets: {{ {} }}, not_applicable: {{ "u2": ["3a", "II"], "u4": ["1"] }}"#,
        rows.join(", ")
    );
    covenant(&scheme, &bloc(units, &extra))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn items_that_do_not_apply_give_no_points_are_never_missing_and_leave_the_maximum(
        raw in raw_sheet(5, 11), period in period()
    ) {
        let c = real_scale(5);
        let r = score::compute(&c, period, &sheet_from(&c, &raw)).expect("the engine computes");
        let mut needed = 0;
        for (u, unit) in r.units.iter().enumerate() {
            for (i, item) in c.layout.items.iter().enumerate() {
                if !c.applies(u, i) {
                    prop_assert_eq!(unit.points[i], None);
                    prop_assert!(!r.missing.contains(&(u, i)));
                } else if item.is_scored_in(period) {
                    needed += 1;
                }
            }
            prop_assert!(unit.criteria <= c.unit_max(u, period));
            prop_assert_eq!(unit.missing, r.missing.iter().filter(|(m, _)| *m == u).count());
        }
        prop_assert_eq!(r.needed, needed);
        prop_assert_eq!(r.entered + r.missing.len(), r.needed);
    }

    #[test]
    fn where_fewer_is_better_fewer_never_scores_less(
        raw in raw_sheet(5, 11), period in period(), unit in 0usize..5, item in 3usize..5,
        fewer in 0u32..3000
    ) {
        let c = real_scale(5);
        let item = c.layout.index_of(["4", "5"][item - 3]).unwrap();
        prop_assume!(c.applies(unit, item) && c.layout.items[item].is_scored_in(period));
        let sheet = sheet_from(&c, &raw);
        let Some(Value::Achieved(a)) = sheet.get(unit, item).cloned() else {
            return Ok(());
        };
        let lower = Decimal::new(fewer as i64, 1).min(a);
        let mut changed = sheet.clone();
        changed.set(unit, item, Some(Value::Achieved(lower)));
        let before = score::compute(&c, period, &sheet).expect("the engine computes");
        let after = score::compute(&c, period, &changed).expect("the engine computes");
        let (p0, p1) = (before.units[unit].points[item], after.units[unit].points[item]);
        prop_assert!(p1 >= p0, "{a} → {p0:?}, {lower} → {p1:?}");
        let max = match &c.layout.items[item].rule { Rule::Criterion { max, .. } => *max, _ => unreachable!() };
        prop_assert!(p1.is_some_and(|p| p >= Decimal::ZERO && p <= max));
    }
}
