//! Worked examples of the rules a session applies, each computed by hand in its comment and
//! checked against the engine: totals clamped at zero, tie-breakers deciding a rank, quotas in
//! percent rounded up and to the nearest, an award's minimum total and a veto that does not
//! exclude, and every gap that keeps a summary from being final.

mod common;

use rust_decimal::Decimal;
use thidua::model::{Ballot, Covenant, Period, Tally};
use thidua::report::summary::{self, Gap};
use thidua::score::{self, Ineligibility, Nomination, Results};

use common::{bloc, covenant, enter, session_data};

/// A scheme of four criteria in two groups, a bonus and a penalty item, a veto, two bands and
/// `extra` (tie-breakers and awards).
fn scheme(extra: &str) -> String {
    format!(
        r#"Scheme(
    id: "t", title: "Thang điểm", version: "1", effective: "2026-01-01",
    groups: [
        Group(code: "A", title: "Nhóm A", items: [
            Criterion(code: "a1", title: "Tiêu chí a1", max: 10, scale: Free(step: 0.5)),
            Criterion(code: "a2", title: "Tiêu chí a2", max: 10, scale: Free(step: 0.5)),
        ]),
        Group(code: "B", title: "Nhóm B", items: [
            Criterion(code: "b1", title: "Tiêu chí b1", max: 10, scale: Free(step: 0.5)),
        ]),
    ],
    bonus: (items: [(code: "T1", title: "Thưởng", scale: Free(step: 0.5), cap: 5)]),
    penalty: (items: [(code: "K1", title: "Trừ", scale: Free(step: 0.5), cap: 100)]),
    vetoes: [(code: "DK1", title: "Không vi phạm")],
    bands: [(id: "tot", label: "Tốt", min: (points: 20)), (id: "khac", label: "Khác")],
    {extra}
)"#
    )
}

/// Results of `units` units at year-end, each unit's row `a1 a2 b1 T1 K1 DK1`.
fn results(c: &Covenant, rows: &[[&str; 6]], ballots: &[Ballot]) -> Results {
    let mut sheet = c.empty_sheet();
    for (u, row) in rows.iter().enumerate() {
        let unit = format!("u{}", u + 1);
        for (item, text) in ["a1", "a2", "b1", "T1", "K1", "DK1"].iter().zip(row) {
            enter(c, &mut sheet, &unit, item, text);
        }
    }
    score::compute_with_votes(c, Period::YearEnd, &sheet, ballots).expect("the engine computes")
}

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

#[test]
fn a_total_never_goes_below_zero() {
    // u1: 2 points, 7 of penalty: 2 − 7 = −5, shown as 0. u2: 3 − 1 = 2.
    let c = covenant(&scheme(""), &bloc(2, ""));
    let r = results(
        &c,
        &[
            ["1", "1", "0", "0", "7", "yes"],
            ["1", "1", "1", "0", "1", "yes"],
        ],
        &[],
    );
    assert_eq!(r.units[0].total, d("0"));
    assert_eq!(r.units[0].penalty, d("7"));
    assert_eq!(r.units[1].total, d("2"));
    assert_eq!((r.units[1].rank, r.units[0].rank), (1, 2));
}

#[test]
fn each_tie_breaker_decides_a_rank() {
    // Three units on 25 points each, all "Tốt":
    //   u1: a1 10, a2 5, b1 10, no bonus, no penalty;
    //   u2: a1 5, a2 10, b1 10, no bonus, no penalty;
    //   u3: a1 10, a2 10, b1 5 + bonus 2 − penalty 2.
    let rows = [
        ["10", "5", "10", "0", "0", "yes"],
        ["5", "10", "10", "0", "0", "yes"],
        ["10", "10", "5", "2", "2", "yes"],
    ];
    let order = |tie_breakers: &str| {
        let c = covenant(
            &scheme(&format!("tie_breakers: [{tie_breakers}],")),
            &bloc(3, ""),
        );
        let r = results(&c, &rows, &[]);
        for u in &r.units {
            assert_eq!(u.total, d("25"));
        }
        (
            r.order.clone(),
            r.units.iter().map(|u| (u.rank, u.tied)).collect::<Vec<_>>(),
        )
    };
    // Criterion a1: u1 and u3 have 10, u2 5. u1 and u3 stay tied.
    assert_eq!(
        order(r#"CriterionPoints("a1")"#),
        (vec![0, 2, 1], vec![(1, true), (3, false), (1, true)])
    );
    // Then fewer penalty: u1 (0) before u3 (2).
    assert_eq!(
        order(r#"CriterionPoints("a1"), FewerPenalty"#),
        (vec![0, 2, 1], vec![(1, false), (3, false), (2, false)])
    );
    // More bonus alone: u3 (2) first; u1 and u2 (0) share second.
    assert_eq!(
        order("MoreBonus"),
        (vec![2, 0, 1], vec![(2, true), (2, true), (1, false)])
    );
    // Fewer penalty alone: u1 and u2 (0) share first, u3 (2) third.
    assert_eq!(
        order("FewerPenalty"),
        (vec![0, 1, 2], vec![(1, true), (1, true), (3, false)])
    );
}

/// Five units with 25, 24, 23, 22, 21 points, all "Tốt", and `awards`.
fn five_ranked(awards: &str) -> (Covenant, Results) {
    let c = covenant(&scheme(&format!("awards: [{awards}],")), &bloc(5, ""));
    let rows: Vec<[&str; 6]> = ["10", "9", "8", "7", "6"]
        .iter()
        .map(|a1| [*a1, "10", "5", "0", "0", "yes"])
        .collect();
    let r = results(&c, &rows, &[]);
    (c, r)
}

#[test]
fn percentage_quotas_round_up_and_to_the_nearest() {
    // 30 % of 5 units is 1.5: up gives 2, to the nearest (half away from zero) 2, down 1.
    // 50 % of 5 is 2.5: nearest gives 3.
    for (percent, rounding, quota) in [
        ("30", "Up", 2),
        ("30", "Nearest", 2),
        ("30", "Down", 1),
        ("50", "Nearest", 3),
        ("20", "Nearest", 1),
    ] {
        let (_, r) = five_ranked(&format!(
            r#"(id: "bk", title: "Bằng khen", quota: Percent(percent: {percent}, rounding: {rounding}))"#
        ));
        let award = &r.awards[0];
        assert_eq!(award.quota, quota, "{percent} % {rounding}");
        let proposed: Vec<usize> = (0..5)
            .filter(|&u| award.statuses[u].is_proposed())
            .collect();
        assert_eq!(
            proposed,
            (0..quota).collect::<Vec<_>>(),
            "{percent} % {rounding}"
        );
    }
}

#[test]
fn a_minimum_total_and_a_veto_that_does_not_exclude() {
    // Minimum 23.5: u3 (23) and below are ineligible however large the quota.
    let (_, r) = five_ranked(r#"(id: "bk", title: "Bằng khen", quota: Count(5), min_total: 23.5)"#);
    let award = &r.awards[0];
    assert!(award.statuses[0].is_proposed() && award.statuses[1].is_proposed());
    for u in 2..5 {
        assert_eq!(
            award.statuses[u],
            Nomination::Ineligible(vec![Ineligibility::TotalBelow]),
            "u{}",
            u + 1
        );
    }
    // The leader fails the veto: excluded by default, still proposed with exclude_vetoed: false.
    let c = covenant(
        &scheme(
            r#"awards: [
                (id: "co", title: "Cờ", quota: Count(1)),
                (id: "gk", title: "Giấy khen", quota: Count(1), exclude_vetoed: false),
            ],"#,
        ),
        &bloc(2, ""),
    );
    let r = results(
        &c,
        &[
            ["10", "10", "10", "0", "0", "no"],
            ["5", "5", "10", "0", "0", "yes"],
        ],
        &[],
    );
    let dk1 = c.layout.index_of("DK1").unwrap();
    assert_eq!(
        r.awards[0].statuses[0],
        Nomination::Ineligible(vec![Ineligibility::Vetoed(vec![dk1])])
    );
    assert!(r.awards[0].statuses[1].is_proposed(), "the flag goes to u2");
    assert!(
        r.awards[1].statuses[0].is_proposed(),
        "u1, not excluded by its veto, takes the second award"
    );
}

#[test]
fn every_gap_keeps_a_summary_from_being_final() {
    let awards = r#"awards: [(id: "bk", title: "Bằng khen", quota: Count(1),
        vote: (share: 0.5, inclusive: false, of: Present))],"#;
    let c = covenant(&scheme(awards), &bloc(3, ""));
    let tied = [
        ["10", "10", "5", "0", "0", "yes"],
        ["10", "10", "5", "0", "0", "yes"],
        ["1", "1", "1", "0", "0", "yes"],
    ];
    // u1 and u2 tie for the lead and at the edge of the quota of one.
    let r = results(&c, &tied, &[]);
    let gaps = summary::gaps(&c, &r, &session_data(&c, Period::YearEnd, true, &[(2, 0)]));
    assert!(gaps.contains(&Gap::TieForLead(vec![0, 1])), "{gaps:?}");
    assert!(gaps.contains(&Gap::TieAtQuota(0, vec![0, 1])), "{gaps:?}");
    assert!(gaps.contains(&Gap::Unexplained(2, 0)), "{gaps:?}");

    // u1 leads alone; the vote gives u1 and u2 two votes each of 3 present: both pass the
    // threshold (more than 1.5), equal across the edge of one place: vote again.
    let lead = [
        ["10", "10", "6", "0", "0", "yes"],
        ["10", "10", "5", "0", "0", "yes"],
        ["1", "1", "1", "0", "0", "yes"],
    ];
    let r = results(&c, &lead, &[]);
    assert!(matches!(r.awards[0].statuses[0], Nomination::AwaitingVote));
    let ballot = |units: &[(&str, u32)]| Ballot {
        award: "bk".into(),
        present: 3,
        tally: units
            .iter()
            .map(|(u, v)| Tally {
                unit: u.to_string(),
                votes: *v,
            })
            .collect(),
    };
    // A tally taken on other candidates than those in the running is stale.
    let stale = results(&c, &lead, &[ballot(&[("u2", 3)])]);
    assert!(
        summary::gaps(&c, &stale, &session_data(&c, Period::YearEnd, true, &[]))
            .contains(&Gap::StaleVote(0))
    );
    // The candidate reaches the threshold: nothing is missing, and the summary can be final
    // once frozen.
    let voted = results(&c, &lead, &[ballot(&[("u1", 2)])]);
    assert_eq!(
        voted.awards[0].statuses[0],
        Nomination::Elected { votes: 2 }
    );
    assert!(summary::gaps(&c, &voted, &session_data(&c, Period::YearEnd, true, &[])).is_empty());
    // At year-end the minutes go upward with the nominations: the attendance, and each
    // ballot's count record.
    let mut data = session_data(&c, Period::YearEnd, true, &[]);
    data.votes = vec![ballot(&[("u1", 2)])];
    data.attendance = None;
    assert_eq!(
        summary::gaps(&c, &voted, &data),
        vec![Gap::NoAttendance, Gap::NoCountRecord(0)]
    );
    data.counts = data.votes.iter().map(thidua::synthetic::count).collect();
    data.attendance = Some(thidua::synthetic::attendance(&c));
    assert!(summary::gaps(&c, &voted, &data).is_empty());
    assert_eq!(
        summary::gaps(&c, &voted, &session_data(&c, Period::YearEnd, false, &[])),
        vec![Gap::NotFrozen]
    );
    // Equal votes across the edge, where the quota's edge itself was a tie.
    let r = results(&c, &tied, &[ballot(&[("u1", 2), ("u2", 2)])]);
    assert!(
        summary::gaps(&c, &r, &session_data(&c, Period::YearEnd, true, &[]))
            .contains(&Gap::TiedOnVotes(0, vec![0, 1])),
        "{:?}",
        summary::gaps(&c, &r, &session_data(&c, Period::YearEnd, true, &[]))
    );
}

/// Criteria a1 (10) and b1 (20) in both periods, a2 (10) at year-end only: the mid-year can
/// give 30 points, the year-end 40. Bands at 80 and 50, read per `classification`.
fn shares_scheme(classification: &str) -> String {
    format!(
        r#"Scheme(
    id: "t", title: "Thang điểm", version: "1", effective: "2026-01-01",
    groups: [
        Group(code: "A", title: "Nhóm A", items: [
            Criterion(code: "a1", title: "a1", max: 10, scale: Free(step: 0.5)),
            Criterion(code: "a2", title: "a2", max: 10, scale: Free(step: 0.5), periods: [YearEnd]),
        ]),
        Group(code: "B", title: "Nhóm B", items: [
            Criterion(code: "b1", title: "b1", max: 20, scale: Free(step: 0.5)),
        ]),
    ],
    bands: [
        (id: "tot", label: "Tốt", min: (points: 80)),
        (id: "kha", label: "Khá", min: (points: 50)),
        (id: "khac", label: "Khác"),
    ],
    classification: {classification},
)"#
    )
}

fn bands_of(c: &Covenant, period: Period, rows: &[&[(&str, &str)]]) -> Vec<String> {
    let mut sheet = c.empty_sheet();
    for (u, row) in rows.iter().enumerate() {
        for (item, text) in row.iter() {
            enter(c, &mut sheet, &format!("u{}", u + 1), item, text);
        }
    }
    let r = score::compute(c, period, &sheet).expect("the engine computes");
    r.units
        .iter()
        .map(|u| c.scheme.band_id(r.period, u.band).to_string())
        .collect()
}

#[test]
fn a_period_classified_by_the_share_of_its_own_maximum() {
    let c = covenant(
        &shares_scheme("(mid_year: ShareOfMaximum, year_end: Points)"),
        &bloc(3, ""),
    );
    // Mid-year, out of 30: u1 9 + 15 = 24, 80 % exactly (the bound is inclusive): tot.
    // u2 5 + 10 = 15, 50 %: kha. u3 4,5 + 10 = 14,5, 48,3 %: khac.
    let mid: &[&[(&str, &str)]] = &[
        &[("a1", "9"), ("b1", "15")],
        &[("a1", "5"), ("b1", "10")],
        &[("a1", "4.5"), ("b1", "10")],
    ];
    assert_eq!(bands_of(&c, Period::MidYear, mid), ["tot", "kha", "khac"]);
    // Year-end in points: 9 + 8 + 15 = 32 points is below 50 points: khac, whatever its share.
    let end: &[&[(&str, &str)]] = &[&[("a1", "9"), ("a2", "8"), ("b1", "15")], &[], &[]];
    assert_eq!(bands_of(&c, Period::YearEnd, end)[0], "khac");
    // The same year-end by shares, out of 40: 32 is 80 %: tot; 31,5 is 78,75 %: kha.
    let c = covenant(
        &shares_scheme("(mid_year: ShareOfMaximum, year_end: ShareOfMaximum)"),
        &bloc(3, ""),
    );
    let end: &[&[(&str, &str)]] = &[
        &[("a1", "9"), ("a2", "8"), ("b1", "15")],
        &[("a1", "9"), ("a2", "8"), ("b1", "14.5")],
        &[],
    ];
    assert_eq!(bands_of(&c, Period::YearEnd, end)[..2], ["tot", "kha"]);
}

#[test]
fn a_share_above_a_hundred_percent_is_refused_at_its_place() {
    let text = shares_scheme("(mid_year: ShareOfMaximum)").replace("points: 80", "points: 120");
    let problems =
        thidua::store::load::parse_scheme(&thidua::store::Source::from_text("scheme.ron", &text))
            .expect_err("refused");
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].pos.line, 13);
    let shown = thidua::store::load::render_problem(thidua::i18n::Lang::En, &problems[0]);
    assert!(
        shown.contains("band \"tot\" has a bound above 100"),
        "{shown}"
    );
}

#[test]
fn a_period_with_bands_of_its_own_or_none() {
    // The mid-year classified on its own points: at least 25 of its 30 is Tốt, 15 Khá.
    let own = shares_scheme(
        r#"(mid_year: Points, year_end: Points, mid_year_bands: [
            (id: "tot", label: "Tốt", min: (points: 25)),
            (id: "kha", label: "Khá", min: (points: 15)),
            (id: "khac", label: "Khác"),
        ])"#,
    );
    let c = covenant(&own, &bloc(3, ""));
    let mid: &[&[(&str, &str)]] = &[
        &[("a1", "9"), ("b1", "16")],
        &[("a1", "5"), ("b1", "10")],
        &[("a1", "4.5"), ("b1", "10")],
    ];
    assert_eq!(bands_of(&c, Period::MidYear, mid), ["tot", "kha", "khac"]);
    // The year-end keeps the scheme's bands: 25 points is below 50.
    let end: &[&[(&str, &str)]] = &[&[("a1", "9"), ("b1", "16")], &[], &[]];
    assert_eq!(bands_of(&c, Period::YearEnd, end)[0], "khac");

    // A mid-year not classified: no band in the results, none in the report's table or words.
    let off = covenant(&shares_scheme("(mid_year: Off)"), &bloc(3, ""));
    assert_eq!(bands_of(&off, Period::MidYear, mid), ["", "", ""]);
    let mut sheet = off.empty_sheet();
    for (u, row) in mid.iter().enumerate() {
        for (item, text) in row.iter() {
            enter(&off, &mut sheet, &format!("u{}", u + 1), item, text);
        }
    }
    let r = score::compute(&off, Period::MidYear, &sheet).unwrap();
    assert!(r.units.iter().all(|u| u.band.is_none()));
    let table = thidua::report::document::results_table(&off, &r);
    assert!(!table.columns.iter().any(|c| c.title == "Xếp loại"));
    assert_eq!(off.scheme.band_label(Period::MidYear, None), "—");

    // An award that asks for a band cannot go with a year-end that is not classified, and a
    // condition's cap must be a band of every classified period.
    let refused = |text: &str| {
        thidua::store::load::parse_scheme(&thidua::store::Source::from_text("scheme.ron", text))
            .expect_err("refused")
            .iter()
            .map(|p| thidua::store::load::render_problem(thidua::i18n::Lang::En, p))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let award = shares_scheme("(year_end: Off)").replace(
        "    classification:",
        "    awards: [(id: \"co\", title: \"Cờ\", quota: Count(1), min_band: \"tot\")],\n    classification:",
    );
    assert!(refused(&award).contains("the year-end is not classified"));
    let cap = own.replace(
        "    classification:",
        "    vetoes: [(code: \"v\", title: \"Không vi phạm\", band_cap: \"kha\")],\n    classification:",
    );
    let cap = cap.replace(r#"(id: "kha", label: "Khá", min: (points: 15)),"#, "");
    assert!(refused(&cap).contains("\"kha\""), "{}", refused(&cap));
}
