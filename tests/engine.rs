//! The engine on small, hand-checked blocs: every scale kind, caps, bands, vetoes, ranking
//! with ties and tie-breakers, and nominations.

mod common;

use rust_decimal::Decimal;
use thidua::model::{Covenant, Period, Sheet};
use thidua::score::{self, Nomination, Results};

use common::{SCHEME, bloc, covenant, enter, targets};

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn setup(units: usize) -> (Covenant, Sheet) {
    let c = covenant(SCHEME, &bloc(units, &targets(units)));
    let sheet = c.empty_sheet();
    (c, sheet)
}

/// Fills every mid-year item of a unit with the given texts in order 1,2,3a,3b,4,5,T1,T2,K1,DK1.
fn fill(c: &Covenant, s: &mut Sheet, unit: &str, values: [&str; 10]) {
    let codes = ["1", "2", "3a", "3b", "4", "5", "T1", "T2", "K1", "DK1"];
    for (code, v) in codes.iter().zip(values) {
        enter(c, s, unit, code, v);
    }
}

fn unit<'a>(c: &Covenant, r: &'a Results, id: &str) -> &'a score::UnitResult {
    &r.units[c.unit_index(id).unwrap()]
}

fn pts(c: &Covenant, r: &Results, id: &str, code: &str) -> Option<Decimal> {
    unit(c, r, id).points[c.layout.index_of(code).unwrap()]
}

#[test]
fn target_rule_worked_examples() {
    let (c, mut s) = setup(4);
    // Targets are 100 for everyone on criterion 4 (half at target, leader rule).
    for (u, a) in [("u1", "80"), ("u2", "100"), ("u3", "150"), ("u4", "120")] {
        enter(&c, &mut s, u, "4", a);
        enter(&c, &mut s, u, "5", a);
    }
    let r = score::compute(&c, Period::MidYear, &s).expect("the engine computes");
    // A = 80, T = 100, max 10: 0.5 × 10 × 80/100 = 4.
    assert_eq!(pts(&c, &r, "u1", "4"), Some(d("4")));
    // At the target: half the maximum.
    assert_eq!(pts(&c, &r, "u2", "4"), Some(d("5")));
    // The leader (50 % over) gets the maximum.
    assert_eq!(pts(&c, &r, "u3", "4"), Some(d("10")));
    // 20 % over against the leader's 50 %: 5 + 5 × 20/50 = 7.
    assert_eq!(pts(&c, &r, "u4", "4"), Some(d("7")));
    // Proportional: max × min(A/T, 1).
    assert_eq!(pts(&c, &r, "u1", "5"), Some(d("8")));
    assert_eq!(pts(&c, &r, "u3", "5"), Some(d("10")));
}

#[test]
fn units_without_a_target_score_against_the_best_of_them() {
    let extra = r#"targets: { "u1": {"4": 100, "5": 100}, "u2": {"5": 100}, "u3": {"5": 100} }"#;
    let c = covenant(SCHEME, &bloc(3, extra));
    let mut s = c.empty_sheet();
    enter(&c, &mut s, "u1", "4", "100");
    enter(&c, &mut s, "u2", "4", "60");
    enter(&c, &mut s, "u3", "4", "90");
    let r = score::compute(&c, Period::MidYear, &s).expect("the engine computes");
    assert_eq!(pts(&c, &r, "u1", "4"), Some(d("5")));
    // u3 is the best without a target: the maximum; u2: 10 × 60/90 = 6.666… → 6.67.
    assert_eq!(pts(&c, &r, "u3", "4"), Some(d("10")));
    assert_eq!(pts(&c, &r, "u2", "4"), Some(d("6.67")));
}

#[test]
fn every_scale_kind_caps_and_totals() {
    let (c, mut s) = setup(3);
    // 1: HTT 8; 2: met 10; 3a: 9.75; 3b: 3 late reports → 5 − 1.5 = 3.5;
    // sub-group I.3 = 13.25 capped at 12; group I = 8 + 10 + 12 = 30 (cap 30).
    // 4: at target 5; 5: 90 % → 9; II = 14. Bonus: 5 + min(4 × 2, 6) = 11 → cap 8.
    // Penalty: 1 × 3 = 3. Total = 30 + 14 + 8 − 3 = 49.
    fill(
        &c,
        &mut s,
        "u1",
        [
            "HTT", "đạt", "9,75", "3", "100", "90", "yes", "4", "1", "yes",
        ],
    );
    let r = score::compute(&c, Period::MidYear, &s).expect("the engine computes");
    let u = unit(&c, &r, "u1");
    assert_eq!(pts(&c, &r, "u1", "3b"), Some(d("3.5")));
    assert_eq!(u.groups[c.layout.group_index("I.3").unwrap()], d("12"));
    assert_eq!(u.groups[c.layout.group_index("I").unwrap()], d("30"));
    assert_eq!(u.groups[c.layout.group_index("II").unwrap()], d("14"));
    assert_eq!(pts(&c, &r, "u1", "T2"), Some(d("6")));
    assert_eq!(u.bonus, d("8"));
    assert_eq!(u.penalty, d("3"));
    assert_eq!(u.total, d("49"));
    assert_eq!(u.missing, 0);
    assert_eq!(r.needed, 30);
    assert_eq!(r.entered, 10);
    assert_eq!(r.missing.len(), 20);
    // 49 is below "Tốt" (50) and at least "Khá" (40).
    assert_eq!(c.scheme.bands[u.band.unwrap()].id, "kha");
}

#[test]
fn per_occurrence_never_goes_below_its_floor() {
    let (c, mut s) = setup(3);
    enter(&c, &mut s, "u1", "3b", "40");
    let r = score::compute(&c, Period::MidYear, &s).expect("the engine computes");
    assert_eq!(pts(&c, &r, "u1", "3b"), Some(d("0")));
}

#[test]
fn year_end_only_criteria_are_needed_only_at_year_end() {
    let (c, s) = setup(3);
    let mid = score::compute(&c, Period::MidYear, &s).expect("the engine computes");
    let end = score::compute(&c, Period::YearEnd, &s).expect("the engine computes");
    assert_eq!(mid.needed, 30);
    assert_eq!(end.needed, 33);
    assert_eq!(mid.missing.len(), 30);
    assert!(mid.awards.is_empty());
    assert_eq!(end.awards.len(), 2);
}

#[test]
fn band_conditions_and_veto_caps() {
    let (c, mut s) = setup(3);
    // u1: high total but penalties above half the bonus → not "Tốt".
    fill(
        &c,
        &mut s,
        "u1",
        [
            "HTXS", "yes", "10", "0", "150", "100", "yes", "0", "1", "yes",
        ],
    );
    // u2: the same without a penalty → "Tốt".
    fill(
        &c,
        &mut s,
        "u2",
        [
            "HTXS", "yes", "10", "0", "150", "100", "yes", "0", "0", "yes",
        ],
    );
    // u3: the same but a failed veto caps it at "Khá".
    fill(
        &c,
        &mut s,
        "u3",
        [
            "HTXS", "yes", "10", "0", "150", "100", "yes", "0", "0", "no",
        ],
    );
    let r = score::compute(&c, Period::MidYear, &s).expect("the engine computes");
    let band = |id| c.scheme.bands[unit(&c, &r, id).band.unwrap()].id.as_str();
    assert_eq!(unit(&c, &r, "u2").total, d("55"));
    assert_eq!(band("u2"), "tot");
    assert_eq!(band("u1"), "kha");
    assert_eq!(band("u3"), "kha");
    assert_eq!(unit(&c, &r, "u3").failed_vetoes.len(), 1);
    // Vetoes change no points.
    assert_eq!(unit(&c, &r, "u3").total, unit(&c, &r, "u2").total);
}

#[test]
fn exclusive_bounds_leave_the_bound_itself_below() {
    let (c, mut s) = setup(3);
    // Exactly 30: "Trung bình" needs more than 30.
    fill(
        &c,
        &mut s,
        "u1",
        ["HTXS", "yes", "10", "0", "0", "0", "no", "0", "0", "yes"],
    );
    let r = score::compute(&c, Period::MidYear, &s).expect("the engine computes");
    let u = unit(&c, &r, "u1");
    assert_eq!(u.total, d("30"));
    assert_eq!(c.scheme.bands[u.band.unwrap()].id, "kd");
}

#[test]
fn full_ties_share_a_rank_and_tie_breakers_order_the_rest() {
    let (c, mut s) = setup(4);
    // u1 and u2 identical; u3 equal total but more in group II; u4 lower.
    fill(
        &c,
        &mut s,
        "u1",
        ["HTXS", "yes", "10", "0", "100", "50", "no", "0", "0", "yes"],
    );
    fill(
        &c,
        &mut s,
        "u2",
        ["HTXS", "yes", "10", "0", "100", "50", "no", "0", "0", "yes"],
    );
    fill(
        &c,
        &mut s,
        "u3",
        ["HTXS", "yes", "0", "0", "100", "100", "no", "0", "0", "yes"],
    );
    fill(
        &c,
        &mut s,
        "u4",
        ["HT", "yes", "5", "0", "100", "50", "no", "0", "0", "yes"],
    );
    let r = score::compute(&c, Period::MidYear, &s).expect("the engine computes");
    let rank = |id| (unit(&c, &r, id).rank, unit(&c, &r, id).tied);
    assert_eq!(unit(&c, &r, "u1").total, unit(&c, &r, "u3").total);
    assert_eq!(rank("u3"), (1, false));
    assert_eq!(rank("u1"), (2, true));
    assert_eq!(rank("u2"), (2, true));
    assert_eq!(rank("u4"), (4, false));
    let ids: Vec<&str> = r
        .order
        .iter()
        .map(|&u| c.bloc.members[u].id.as_str())
        .collect();
    assert_eq!(ids, ["u3", "u1", "u2", "u4"]);
}

#[test]
fn nominations_quota_vote_and_tie_at_the_quota() {
    let (c, mut s) = setup(5);
    // u1, u2 tied on everything and "Tốt": the single flag cannot be given without a decision.
    for u in ["u1", "u2"] {
        fill(
            &c,
            &mut s,
            u,
            [
                "HTXS", "yes", "5", "0", "150", "100", "yes", "0", "0", "yes",
            ],
        );
    }
    fill(
        &c,
        &mut s,
        "u3",
        ["HTT", "yes", "5", "0", "150", "100", "yes", "0", "0", "yes"],
    );
    fill(
        &c,
        &mut s,
        "u4",
        ["HTT", "yes", "10", "0", "100", "100", "no", "0", "0", "no"],
    );
    fill(
        &c,
        &mut s,
        "u5",
        ["KHT", "no", "0", "10", "0", "0", "no", "0", "0", "yes"],
    );
    for u in ["u1", "u2", "u3", "u4", "u5"] {
        enter(&c, &mut s, u, "6", "5");
    }
    let r = score::compute(&c, Period::YearEnd, &s).expect("the engine computes");
    let status = |a: usize, id| r.awards[a].statuses[c.unit_index(id).unwrap()].clone();
    assert_eq!(r.awards[0].quota, 1);
    assert_eq!(status(0, "u1"), Nomination::TiedAtQuota);
    assert_eq!(status(0, "u2"), Nomination::TiedAtQuota);
    assert_eq!(status(0, "u3"), Nomination::BeyondQuota);
    // 40 % of 5 = 2 Bằng khen, by vote; u4 failed a veto; u5 is below "Khá".
    assert_eq!(r.awards[1].quota, 2);
    assert_eq!(status(1, "u1"), Nomination::AwaitingVote);
    assert_eq!(status(1, "u2"), Nomination::AwaitingVote);
    assert_eq!(status(1, "u3"), Nomination::BeyondQuota);
    assert!(matches!(status(1, "u4"), Nomination::Ineligible(_)));
    assert!(matches!(status(1, "u5"), Nomination::Ineligible(_)));
}

#[test]
fn a_unit_proposed_for_an_earlier_award_is_not_proposed_again() {
    let (c, mut s) = setup(3);
    fill(
        &c,
        &mut s,
        "u1",
        [
            "HTXS", "yes", "5", "0", "150", "100", "yes", "0", "0", "yes",
        ],
    );
    fill(
        &c,
        &mut s,
        "u2",
        ["HTT", "yes", "5", "0", "150", "100", "yes", "0", "0", "yes"],
    );
    fill(
        &c,
        &mut s,
        "u3",
        ["HT", "yes", "5", "0", "150", "100", "yes", "0", "0", "yes"],
    );
    let r = score::compute(&c, Period::YearEnd, &s).expect("the engine computes");
    let u1 = c.unit_index("u1").unwrap();
    assert_eq!(r.awards[0].statuses[u1], Nomination::Proposed);
    assert!(matches!(
        r.awards[1].statuses[u1],
        Nomination::Ineligible(_)
    ));
    // 40 % of 3 rounds down to 1.
    assert_eq!(r.awards[1].quota, 1);
    assert_eq!(
        r.awards[1].statuses[c.unit_index("u2").unwrap()],
        Nomination::AwaitingVote
    );
}

#[test]
fn decimals_stay_exact() {
    let (c, mut s) = setup(3);
    enter(&c, &mut s, "u1", "3a", "9.75");
    enter(&c, &mut s, "u1", "1", "HTXS");
    enter(&c, &mut s, "u1", "2", "yes");
    let r = score::compute(&c, Period::MidYear, &s).expect("the engine computes");
    assert_eq!(unit(&c, &r, "u1").total.to_string(), "29.75");
    assert_eq!(
        thidua::i18n::Lang::Vi.dec(unit(&c, &r, "u1").total),
        "29,75"
    );
}
