//! The mid-year beside the year-end: changes of total and rank, ties, and units with nothing
//! entered in one of the periods.

mod common;

use rust_decimal::Decimal;
use thidua::model::{Covenant, Period};
use thidua::score::compare::{Comparison, Review, Row, compare};
use thidua::score::{self, Results};

use common::{bloc, covenant, enter};

/// Two criteria of 10 free points (the second at year-end only) and two bands; no
/// tie-breakers, so that equal totals stay tied.
const SCHEME: &str = r#"Scheme(
    id: "t", title: "Thang điểm thử", version: "1", effective: "2026-01-01",
    groups: [
        Group(code: "I", title: "Nhóm I", items: [
            Criterion(code: "1", title: "Cả năm", max: 10, scale: Free(step: 0.25)),
            Criterion(code: "2", title: "Cuối năm", max: 10, scale: Free(step: 0.25),
                periods: [YearEnd]),
        ]),
    ],
    bands: [
        (id: "tot", label: "Tốt", min: (points: 8)),
        (id: "kd", label: "Không đạt"),
    ],
)"#;

fn bloc4() -> Covenant {
    covenant(SCHEME, &bloc(4, ""))
}

/// Results of `period` from (unit, criterion, points) entries.
fn results(c: &Covenant, period: Period, entries: &[(&str, &str, &str)]) -> Results {
    let mut sheet = c.empty_sheet();
    for &(unit, code, points) in entries {
        enter(c, &mut sheet, unit, code, points);
    }
    score::compute(c, period, &sheet).expect("the engine computes")
}

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn row<'a>(c: &Covenant, cmp: &'a Comparison, id: &str) -> &'a Row {
    let unit = c.unit_index(id).unwrap();
    cmp.rows
        .iter()
        .find(|r| r.unit == unit)
        .expect("a row per unit")
}

#[test]
fn totals_and_places_change_up_down_and_not_at_all() {
    let c = bloc4();
    let mid = results(
        &c,
        Period::MidYear,
        &[
            ("u1", "1", "9"),
            ("u2", "1", "7,5"),
            ("u3", "1", "6"),
            ("u4", "1", "5"),
        ],
    );
    let end = results(
        &c,
        Period::YearEnd,
        &[
            ("u1", "1", "9"),
            ("u1", "2", "6"),
            ("u2", "1", "6"),
            ("u2", "2", "6,5"),
            ("u3", "1", "10"),
            ("u3", "2", "10"),
            ("u4", "1", "2"),
            ("u4", "2", "1"),
        ],
    );
    let cmp = compare(&c, &mid, &end);
    // The year-end order: u3 20, u1 15, u2 12.5, u4 3.
    let order: Vec<&str> = cmp
        .rows
        .iter()
        .map(|r| c.bloc.members[r.unit].id.as_str())
        .collect();
    assert_eq!(order, ["u3", "u1", "u2", "u4"]);

    let u3 = row(&c, &cmp, "u3").change.unwrap();
    assert_eq!((u3.total, u3.places), (d("14"), 2), "3rd to 1st");
    let u1 = row(&c, &cmp, "u1").change.unwrap();
    assert_eq!((u1.total, u1.places), (d("6"), -1), "1st to 2nd");
    let u2 = row(&c, &cmp, "u2").change.unwrap();
    assert_eq!((u2.total, u2.places), (d("5"), -1), "2nd to 3rd");
    let u4 = row(&c, &cmp, "u4").change.unwrap();
    assert_eq!(
        (u4.total, u4.places),
        (d("-2"), 0),
        "fewer points, same place"
    );

    let m = row(&c, &cmp, "u2").mid_year.clone().unwrap();
    assert_eq!(
        (m.total, m.rank, m.tied, m.band),
        (d("7.5"), 2, false, Some(1))
    );
    assert!(m.complete());
    let e = row(&c, &cmp, "u2").year_end.clone().unwrap();
    assert_eq!((e.total, e.rank, e.band), (d("12.5"), 3, Some(0)));
}

#[test]
fn a_change_of_a_quarter_point_is_exact_and_signed() {
    let c = bloc4();
    let mid = results(
        &c,
        Period::MidYear,
        &[("u1", "1", "8,75"), ("u2", "1", "9")],
    );
    let end = results(
        &c,
        Period::YearEnd,
        &[("u1", "1", "8,5"), ("u1", "2", "0,5"), ("u2", "1", "8,75")],
    );
    let cmp = compare(&c, &mid, &end);
    assert_eq!(
        row(&c, &cmp, "u1").change.unwrap().total.to_string(),
        "0.25"
    );
    assert_eq!(
        row(&c, &cmp, "u2").change.unwrap().total.to_string(),
        "-0.25"
    );
}

#[test]
fn tied_units_keep_their_shared_rank_and_flag() {
    let c = bloc4();
    let mid = results(
        &c,
        Period::MidYear,
        &[
            ("u1", "1", "9"),
            ("u2", "1", "9"),
            ("u3", "1", "6"),
            ("u4", "1", "5"),
        ],
    );
    let end = results(
        &c,
        Period::YearEnd,
        &[
            ("u1", "1", "9"),
            ("u1", "2", "9"),
            ("u2", "1", "10"),
            ("u2", "2", "10"),
            ("u3", "1", "10"),
            ("u3", "2", "10"),
            ("u4", "1", "1"),
            ("u4", "2", "1"),
        ],
    );
    let cmp = compare(&c, &mid, &end);
    let (u1, u2, u3) = (
        row(&c, &cmp, "u1"),
        row(&c, &cmp, "u2"),
        row(&c, &cmp, "u3"),
    );
    let m = u1.mid_year.as_ref().unwrap();
    assert_eq!(
        (m.rank, m.tied),
        (1, true),
        "u1 and u2 share the mid-year lead"
    );
    let e = u3.year_end.as_ref().unwrap();
    assert_eq!(
        (e.rank, e.tied),
        (1, true),
        "u2 and u3 share the year-end lead"
    );
    assert_eq!(u2.change.unwrap().places, 0, "1= to 1=");
    assert_eq!(u3.change.unwrap().places, 2, "3rd to 1=");
    assert_eq!(u1.change.unwrap().places, -2, "1= to 3rd");
    assert!(!u1.year_end.as_ref().unwrap().tied);
    // Tied units keep member order in the rows.
    assert_eq!(cmp.rows[0].unit, c.unit_index("u2").unwrap());
    assert_eq!(cmp.rows[1].unit, c.unit_index("u3").unwrap());
}

#[test]
fn a_unit_with_nothing_entered_has_no_standing_rather_than_zero_points() {
    let c = bloc4();
    // u4 was not scored at mid-year and u3 not yet at year-end; u2's 0 at mid-year is a score.
    let mid = results(
        &c,
        Period::MidYear,
        &[("u1", "1", "9"), ("u2", "1", "0"), ("u3", "1", "6")],
    );
    let end = results(
        &c,
        Period::YearEnd,
        &[
            ("u1", "1", "9"),
            ("u1", "2", "9"),
            ("u2", "1", "5"),
            ("u4", "1", "8"),
            ("u4", "2", "8"),
        ],
    );
    let cmp = compare(&c, &mid, &end);
    let u4 = row(&c, &cmp, "u4");
    assert_eq!(u4.mid_year, None);
    assert_eq!(u4.year_end.as_ref().unwrap().total, d("16"));
    assert_eq!(u4.change, None);
    let u3 = row(&c, &cmp, "u3");
    assert_eq!(u3.year_end, None);
    assert_eq!(u3.mid_year.as_ref().unwrap().total, d("6"));
    assert_eq!(u3.change, None);
    let u2 = row(&c, &cmp, "u2");
    let m = u2.mid_year.as_ref().unwrap();
    assert_eq!(m.total, Decimal::ZERO);
    assert!(m.complete());
    let e = u2.year_end.as_ref().unwrap();
    assert_eq!(
        e.missing, 1,
        "one of its two year-end cells is still to enter"
    );
    assert!(!e.complete());
    assert_eq!(u2.change.unwrap().total, d("5"));
    assert_eq!(
        cmp.mid_year,
        Review {
            entered: 3,
            needed: 4,
            max: d("10")
        }
    );
    assert_eq!(
        cmp.year_end,
        Review {
            entered: 5,
            needed: 8,
            max: d("20")
        }
    );
}

#[test]
fn a_mid_year_never_scored_leaves_every_unit_without_a_mid_year_standing() {
    let c = bloc4();
    let mid = results(&c, Period::MidYear, &[]);
    let end = results(&c, Period::YearEnd, &[("u1", "1", "9"), ("u2", "1", "3")]);
    let cmp = compare(&c, &mid, &end);
    assert!(cmp.mid_year.empty());
    assert!(!cmp.year_end.empty());
    assert_eq!(cmp.rows.len(), 4);
    assert!(
        cmp.rows
            .iter()
            .all(|r| r.mid_year.is_none() && r.change.is_none())
    );
    assert_eq!(
        cmp.rows[0].year_end.as_ref().map(|s| (s.rank, s.missing)),
        Some((1, 1))
    );
}
