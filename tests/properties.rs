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
