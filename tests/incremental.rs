//! The session computes again only the unit whose cell changed (`score::recompute_cell`); the
//! results must be those of a full computation, whatever the sequence of changes, so that the
//! screen never shows what the report would not. Items that do not apply to some units, with
//! values left in them all the same, change nothing of that.

use proptest::prelude::*;

use thidua::model::layout::{ItemKind, Rule};
use thidua::model::scheme::Scale;
use thidua::model::{Covenant, Period, Sheet, Value, value};
use thidua::score::{compute_with_votes, recompute_cell, target_context};
use thidua::store::load_covenant;
use thidua::synthetic;

const UNITS: usize = 8;
const CRITERIA: usize = 25;

/// Texts tried as a value: the first few that fit an item are its choices.
const TEXTS: &[&str] = &[
    "A", "B", "C", "D", "yes", "no", "0", "1", "2", "3", "0.5", "1.25", "9.75", "12.5", "100",
];

/// The synthetic covenant; `not_applicable`: with the first two criteria without a target
/// written as not applying to the second and fifth units.
fn covenant(not_applicable: bool) -> (Covenant, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let bloc = synthetic::write_files(dir.path(), UNITS, CRITERIA).unwrap();
    let covenant = load_covenant(&bloc).unwrap().covenant;
    if !not_applicable {
        return (covenant, dir);
    }
    let untargeted: Vec<String> = (covenant.layout.items.iter())
        .filter(|i| i.kind == ItemKind::Criterion)
        .filter(|i| {
            !matches!(
                &i.rule,
                Rule::Criterion {
                    scale: Scale::Target { .. },
                    ..
                }
            )
        })
        .take(2)
        .map(|i| i.code.clone())
        .collect();
    let mut bloc = covenant.bloc.clone();
    for u in [1, 4] {
        let id = bloc.members[u].id.clone();
        bloc.not_applicable.insert(id, untargeted.clone());
    }
    (Covenant::new(bloc, covenant.scheme).unwrap(), dir)
}

/// The `k`-th value that fits item `item`, or none (a cleared cell) for `k` = 0.
fn value_for(covenant: &Covenant, item: usize, k: usize) -> Option<Value> {
    let spec = &covenant.layout.items[item];
    let fitting: Vec<Value> = TEXTS
        .iter()
        .filter_map(|t| value::parse(spec, t).ok())
        .collect();
    if k == 0 || fitting.is_empty() {
        None
    } else {
        Some(fitting[k % fitting.len()].clone())
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn one_unit_computed_again_gives_the_full_results(
        period in prop_oneof![Just(Period::MidYear), Just(Period::YearEnd)],
        full in any::<bool>(),
        not_applicable in any::<bool>(),
        changes in prop::collection::vec((0..UNITS, 0..200usize, 0..6usize), 1..40),
    ) {
        let (covenant, _dir) = covenant(not_applicable);
        let scored: Vec<usize> = (0..covenant.layout.items.len())
            .filter(|i| covenant.layout.items[*i].is_scored_in(period))
            .collect();
        let mut sheet: Sheet = if full {
            synthetic::full_sheet(&covenant)
        } else {
            covenant.empty_sheet()
        };
        let mut results = compute_with_votes(&covenant, period, &sheet, &[]).unwrap();
        let mut targets = target_context(&covenant, period, &sheet).unwrap();
        for (unit, pick, k) in changes {
            let item = scored[pick % scored.len()];
            sheet.set(unit, item, value_for(&covenant, item, k));
            let fast =
                recompute_cell(&covenant, &sheet, &[], &results, &mut targets, (unit, item))
                    .unwrap();
            let slow = compute_with_votes(&covenant, period, &sheet, &[]).unwrap();
            prop_assert_eq!(&fast, &slow);
            results = fast;
        }
    }
}
