//! Scales as ward and province offices write them: printed numbers that repeat, keys with a
//! stray space, a group's printed maximum that caps nothing, items that do not apply to some
//! units, and quantitative items where fewer is better. Worked examples, each checked by hand.

mod common;

use rust_decimal::Decimal;
use thidua::model::validate::{self, IssueKind};
use thidua::model::{Covenant, Layout, Period};
use thidua::score::{self, Results};
use thidua::store::Source;
use thidua::store::load::{Message, parse_bloc, parse_scheme};

use common::{bloc, covenant, enter};

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

/// A police commune-cluster's scale, as printed: every group numbers its items from 1, one key
/// carries a trailing space, group II is printed "700 điểm" though its items give 40, item II.3
/// does not apply to every ward, and II.2 counts cases where fewer is better.
const SCALE: &str = r#"Scheme(
    id: "t", title: "Thang điểm cụm", version: "1", effective: "2026-01-01",
    groups: [
        Group(code: "I", title: "Xây dựng lực lượng", items: [
            Criterion(code: "I.1", label: "1", title: "Chính trị", max: 10, scale: Free(step: 0.5)),
            Criterion(code: "I.2 ", label: "2", title: "Kỷ luật", max: 10, scale: MetOrNot),
        ]),
        Group(code: "II", title: "Công tác chuyên môn", stated_max: 700, items: [
            Criterion(code: "II.1", label: "1", title: "Tuần tra", max: 10, scale: Free(step: 1)),
            Criterion(code: "II.2", label: "2", title: "Số vụ phạm pháp hình sự", max: 10,
                scale: Target(rule: Proportional, better: Lower)),
            Criterion(code: "II.3", label: "3", title: "Khu công nghiệp", max: 20, scale: Free(step: 1)),
        ]),
    ],
    bands: [
        (id: "xs", label: "Xuất sắc", min: (points: 90)),
        (id: "t", label: "Tốt", min: (points: 70)),
        (id: "k", label: "Không xếp loại"),
    ],
    classification: (mid_year: ShareOfMaximum, year_end: ShareOfMaximum),
    rank_by: ShareOfApplicable,
)"#;

/// Three wards; the second has no industrial zone. Targets: cases at most 0, 4 and 2.
fn cluster() -> Covenant {
    covenant(
        SCALE,
        &bloc(
            3,
            r#"targets: { "u1": {"II.2": 0}, "u2": {"II.2": 4}, "u3": {"II.2 ": 2} },
               not_applicable: { "u2": ["II.3"] }"#,
        ),
    )
}

fn points(c: &Covenant, r: &Results, unit: &str, code: &str) -> Option<Decimal> {
    r.units[c.unit_index(unit).unwrap()].points[c.layout.index_of(code).unwrap()]
}

fn fill(c: &Covenant, sheet: &mut thidua::model::Sheet, unit: &str, values: &[(&str, &str)]) {
    for (code, text) in values {
        enter(c, sheet, unit, code, text);
    }
}

#[test]
fn printed_numbers_repeat_while_keys_stay_unique_and_spaces_around_a_key_are_ignored() {
    let c = cluster();
    // Printed "1, 2" under I and "1, 2, 3" under II: shown with their group's number.
    let labels: Vec<&str> = c.layout.items.iter().map(|i| i.label.as_str()).collect();
    assert_eq!(labels, ["I.1", "I.2", "II.1", "II.2", "II.3"]);
    let printed = |g: usize, i: usize| match &c.scheme.groups[g].items[i] {
        thidua::model::scheme::Node::Criterion(c) => c.label.clone(),
        _ => None,
    };
    assert_eq!(
        (printed(0, 0), printed(1, 2)),
        (Some("1".into()), Some("3".into()))
    );
    let keys: Vec<&str> = c.layout.items.iter().map(|i| i.code.as_str()).collect();
    assert_eq!(keys, ["I.1", "I.2", "II.1", "II.2", "II.3"]);
    // A scoresheet may write the key with or without the scale's stray space.
    assert_eq!(c.layout.index_of("I.2"), c.layout.index_of(" I.2 "));
    assert!(c.layout.index_of("I.2").is_some());
    // The target written against "II.2 " is the target of II.2.
    let ii2 = c.layout.index_of("II.2").unwrap();
    assert_eq!(c.target(2, ii2), Some(d("2")));
}

/// The problems a scheme is refused with, as issue kinds.
fn refusals(scheme: &str) -> Vec<IssueKind> {
    let problems = parse_scheme(&Source::from_text("s.ron", scheme)).unwrap_err();
    (problems.into_iter())
        .filter_map(|p| match p.message {
            Message::Issue(kind) => Some(kind),
            _ => None,
        })
        .collect()
}

#[test]
fn keys_that_differ_only_in_case_or_spaces_are_refused() {
    let scheme = SCALE.replace(r#"code: "II.1", "#, r#"code: "i.1", "#);
    assert_eq!(
        refusals(&scheme),
        [IssueKind::AmbiguousCode {
            code: "i.1".into(),
            other: "I.1".into()
        }]
    );
    let scheme = SCALE.replace(r#"code: "II.1", "#, r#"code: " I.1", "#);
    assert_eq!(refusals(&scheme), [IssueKind::DuplicateCode("I.1".into())]);
}

#[test]
fn a_groups_printed_maximum_caps_nothing_and_check_warns_about_it() {
    let c = cluster();
    // II is printed 700 but gives 40; the whole scale gives 60.
    assert_eq!(c.layout.max_total(None), d("60"));
    let warnings = validate::warnings(&c.scheme);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_eq!(
        warnings[0].kind,
        IssueKind::StatedMaxDiffers {
            group: "II".into(),
            stated: d("700"),
            allowed: d("40"),
        }
    );
    assert_eq!(warnings[0].path.to_string(), "groups[1].stated_max");
}

#[test]
fn an_item_that_does_not_apply_is_neither_scored_nor_missing_and_leaves_the_maximum() {
    let c = cluster();
    assert_eq!(c.unit_max(0, Period::YearEnd), d("60"));
    assert_eq!(c.unit_max(1, Period::YearEnd), d("40"));
    let r = score::compute(&c, Period::YearEnd, &c.empty_sheet()).unwrap();
    // 5 cells for u1 and u3, 4 for u2.
    assert_eq!(r.needed, 14);
    assert_eq!(r.units[1].missing, 4);
    let (c, r) = scored_cluster();
    assert_eq!(r.missing, vec![]);
    assert_eq!(r.entered, 14);
    assert_eq!(points(&c, &r, "u2", "II.3"), None);
    // u1: 9 + 10 + 9 + 10 (no cases against a target of none) + 18 = 56 of 60: 93,3 %.
    // u2: 9 + 10 + 8 + 10 (3 cases, target 4) = 37 of 40: 92,5 %.
    // u3: 10 + 10 + 10 + 10 × 2/3 = 6,67 + 20 = 56,67 of 60: 94,4 %.
    let total = |u: usize| r.units[u].total;
    assert_eq!(
        (total(0), total(1), total(2)),
        (d("56"), d("37"), d("56.67"))
    );
    // Ranked by share of what applies: u3, u1, u2, though u2 has the fewest points.
    assert_eq!(r.order, vec![2, 0, 1]);
    // All three reach 90 % of their own maximum: Xuất sắc.
    assert!(r.units.iter().all(|u| u.band == Some(0)));
}

#[test]
fn a_value_stored_for_an_item_that_does_not_apply_counts_for_nothing() {
    let c = cluster();
    let mut s = c.empty_sheet();
    fill(&c, &mut s, "u2", &[("II.3", "20")]);
    let r = score::compute(&c, Period::YearEnd, &s).unwrap();
    assert_eq!(points(&c, &r, "u2", "II.3"), None);
    assert_eq!(r.units[1].total, Decimal::ZERO);
    assert_eq!(r.entered, 0);
}

#[test]
fn a_group_written_as_not_applying_covers_its_criteria() {
    let c = covenant(
        SCALE,
        &bloc(
            2,
            r#"targets: { "u1": {"II.2": 1} }, not_applicable: { "u2": ["II"] }"#,
        ),
    );
    let r = score::compute(&c, Period::YearEnd, &c.empty_sheet()).unwrap();
    assert_eq!(r.units[1].missing, 2);
    assert_eq!(c.unit_max(1, Period::YearEnd), d("20"));
}

#[test]
fn mistakes_in_what_does_not_apply_are_refused() {
    let problems = |extra: &str| {
        let scheme = parse_scheme(&Source::from_text("s.ron", SCALE)).unwrap();
        let bloc = parse_bloc(&Source::from_text("b.ron", &bloc(2, extra))).unwrap();
        Covenant::new(bloc, scheme).unwrap_err()
    };
    let kinds =
        |extra: &str| -> Vec<IssueKind> { problems(extra).into_iter().map(|i| i.kind).collect() };
    let targets = r#"targets: { "u1": {"II.2": 1}, "u2": {"II.2": 1} }"#;
    assert!(
        kinds(&format!(
            r#"{targets}, not_applicable: {{ "u9": ["II.3"] }}"#
        ))
        .contains(&IssueKind::UnknownMember("u9".into()))
    );
    assert!(
        kinds(&format!(
            r#"{targets}, not_applicable: {{ "u1": ["II.9"] }}"#
        ))
        .contains(&IssueKind::UnknownCriterion("II.9".into()))
    );
    assert!(
        kinds(&format!(
            r#"{targets}, not_applicable: {{ "u1": ["II.2"] }}"#
        ))
        .contains(&IssueKind::TargetOnNotApplicable {
            member: "u1".into(),
            criterion: "II.2".into()
        })
    );
    assert!(
        kinds(r#"targets: { "u1": {"II.2": 1} }, not_applicable: { "u2": ["I", "II"] }"#).contains(
            &IssueKind::NothingApplies {
                member: "u2".into(),
                period: Period::MidYear
            }
        )
    );
    // Where an item does not apply, no target is needed for it.
    let c = covenant(
        SCALE,
        &bloc(
            2,
            r#"targets: { "u1": {"II.2": 1} }, not_applicable: { "u2": ["II.2"] }"#,
        ),
    );
    assert!(!c.applies(1, c.layout.index_of("II.2").unwrap()));
}

/// The fewer-is-better rules on one criterion of maximum 10, for the targets and values given.
fn lower_points(rule: &str, untargeted: &str, cases: &[(Option<&str>, &str)]) -> Vec<Decimal> {
    let scheme = format!(
        r#"Scheme(id: "t", title: "T", version: "1", effective: "2026-01-01",
            groups: [Group(code: "A", title: "A", items: [
                Criterion(code: "1", title: "Số vụ", max: 10,
                    scale: Target(rule: {rule}, better: Lower{untargeted}))])],
            bands: [(id: "k", label: "K")])"#
    );
    let targets: Vec<String> = (cases.iter().enumerate())
        .filter_map(|(u, (t, _))| t.map(|t| format!("\"u{}\": {{\"1\": {t}}}", u + 1)))
        .collect();
    let c = covenant(
        &scheme,
        &bloc(
            cases.len(),
            &format!("targets: {{ {} }}", targets.join(", ")),
        ),
    );
    let mut s = c.empty_sheet();
    for (u, (_, a)) in cases.iter().enumerate() {
        enter(&c, &mut s, &format!("u{}", u + 1), "1", a);
    }
    let r = score::compute(&c, Period::YearEnd, &s).unwrap();
    r.units.iter().map(|u| u.points[0].unwrap()).collect()
}

#[test]
fn fewer_is_better_in_proportion_with_a_target_of_zero_worked_through() {
    let got = lower_points(
        "Proportional",
        "",
        &[
            (Some("0"), "0"), // no cases against "no cases": the maximum
            (Some("0"), "2"), // any case against "no cases": nothing
            (Some("4"), "2"), // under the target: the maximum
            (Some("4"), "4"), // at the target: the maximum
            (Some("4"), "8"), // twice the target: 10 × 4/8 = 5
            (Some("3"), "7"), // 10 × 3/7 = 4,2857… → 4,29
        ],
    );
    assert_eq!(got, ["10", "0", "10", "10", "5", "4.29"].map(d));
}

#[test]
fn fewer_is_better_half_at_target_worked_through() {
    let got = lower_points(
        "HalfAtTarget",
        "",
        &[
            (Some("10"), "10"), // at the target: half
            (Some("10"), "5"),  // 50 % under: the leader, the maximum
            (Some("10"), "8"),  // 20 % under against the leader's 50 %: 5 + 5 × 20/50 = 7
            (Some("10"), "20"), // twice the target: 5 × 10/20 = 2,5
            (Some("0"), "0"),   // "no cases" kept: at the target, half
            (Some("0"), "3"),   // "no cases" missed: nothing
        ],
    );
    assert_eq!(got, ["5", "10", "7", "2.5", "5", "0"].map(d));
}

#[test]
fn units_without_a_target_score_as_the_scale_says() {
    // Against the best (the fewest cases) among those without a target: 10 × best / a.
    let got = lower_points(
        "Proportional",
        ", untargeted: AgainstBest",
        &[(None, "2"), (None, "5"), (None, "0"), (Some("1"), "1")],
    );
    assert_eq!(got, ["0", "0", "10", "10"].map(d));
    let got = lower_points(
        "Proportional",
        ", untargeted: AgainstBest",
        &[(None, "2"), (None, "5"), (Some("1"), "1")],
    );
    assert_eq!(got, ["10", "4", "10"].map(d));
    let got = lower_points(
        "HalfAtTarget",
        ", untargeted: Zero",
        &[(None, "0"), (Some("2"), "2")],
    );
    assert_eq!(got, ["0", "5"].map(d));
}

#[test]
fn a_proportional_item_needs_every_target_unless_the_scale_says_otherwise() {
    let scheme = |untargeted: &str| {
        format!(
            r#"Scheme(id: "t", title: "T", version: "1", effective: "2026-01-01",
            groups: [Group(code: "A", title: "A", items: [
                Criterion(code: "1", title: "Thu", max: 10,
                    scale: Target(rule: Proportional{untargeted}))])],
            bands: [(id: "k", label: "K")])"#
        )
    };
    let load = |text: &str| {
        let s = parse_scheme(&Source::from_text("s.ron", text)).unwrap();
        let b = parse_bloc(&Source::from_text(
            "b.ron",
            &bloc(2, r#"targets: {"u1": {"1": 50}}"#),
        ))
        .unwrap();
        Covenant::new(b, s)
    };
    let refused = load(&scheme("")).unwrap_err();
    assert!(matches!(refused[0].kind, IssueKind::MissingTarget { .. }));
    let c = load(&scheme(", untargeted: AgainstBest")).expect("the bloc loads");
    let mut s = c.empty_sheet();
    enter(&c, &mut s, "u1", "1", "25");
    enter(&c, &mut s, "u2", "1", "30");
    let r = score::compute(&c, Period::YearEnd, &s).unwrap();
    // u1: 10 × 25/50 = 5; u2 is the only unit without a target: the best, the maximum.
    assert_eq!(
        (r.units[0].points[0], r.units[1].points[0]),
        (Some(d("5")), Some(d("10")))
    );
    let c = load(&scheme(", untargeted: Zero")).expect("the bloc loads");
    let r = score::compute(&c, Period::YearEnd, &s).unwrap();
    assert_eq!(r.units[1].points[0], Some(Decimal::ZERO));
}

#[test]
fn a_target_of_zero_is_refused_only_where_more_is_better() {
    let higher = SCALE.replace("better: Lower", "better: Higher");
    let scheme = parse_scheme(&Source::from_text("s.ron", &higher)).unwrap();
    let b = bloc(
        3,
        r#"targets: { "u1": {"II.2": 0}, "u2": {"II.2": 4}, "u3": {"II.2": 2} }"#,
    );
    let b = parse_bloc(&Source::from_text("b.ron", &b)).unwrap();
    let refused = Covenant::new(b, scheme).unwrap_err();
    assert_eq!(refused.len(), 1);
    assert_eq!(refused[0].kind, IssueKind::TargetNotPositive(Decimal::ZERO));
    // The printed maximum of the sample scheme: the layout keeps it as information only.
    let layout = Layout::new(&parse_scheme(&Source::from_text("s.ron", SCALE)).unwrap());
    assert_eq!(layout.groups[1].stated_max, Some(d("700")));
}

#[test]
fn check_warns_about_a_printed_maximum_and_still_accepts_the_scale() {
    let dir = tempfile::tempdir().unwrap();
    let scoring = dir.path().join("scoring");
    std::fs::create_dir(&scoring).unwrap();
    std::fs::write(scoring.join("t.ron"), SCALE).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_thidua"))
        .args(["check", "--lang", "en"])
        .arg(scoring.join("t.ron"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(
            "t.ron:8:69: warning: group \"II\" is printed as 700 points, but its criteria allow 40"
        ),
        "{stderr}"
    );
}

/// The cluster scored in full, as in the worked example above.
fn scored_cluster() -> (Covenant, Results) {
    let c = cluster();
    let mut s = c.empty_sheet();
    fill(
        &c,
        &mut s,
        "u1",
        &[("I.1", "9"), ("I.2", "đạt"), ("II.1", "9")],
    );
    fill(&c, &mut s, "u1", &[("II.2", "0"), ("II.3", "18")]);
    fill(
        &c,
        &mut s,
        "u2",
        &[("I.1", "9"), ("I.2", "đạt"), ("II.1", "8")],
    );
    fill(&c, &mut s, "u2", &[("II.2", "3")]);
    fill(
        &c,
        &mut s,
        "u3",
        &[("I.1", "10"), ("I.2", "đạt"), ("II.1", "10")],
    );
    fill(&c, &mut s, "u3", &[("II.2", "3"), ("II.3", "20")]);
    let r = score::compute(&c, Period::YearEnd, &s).unwrap();
    (c, r)
}

#[test]
fn the_room_sees_each_units_share_where_units_are_ranked_by_it() {
    let (c, r) = scored_cluster();
    let shown = |u: usize| {
        let place = Some((r.units[u].rank, r.units[u].tied));
        thidua::room::standing::shown(thidua::i18n::Lang::Vi, &c, Period::YearEnd, &r, u, place)
            .total
    };
    assert_eq!(shown(1), "37,00 · 92,5 %");
    assert_eq!(shown(2), "56,67 · 94,5 %");
}

#[test]
fn the_report_says_what_does_not_apply_the_printed_maximum_and_how_units_are_ranked() {
    let (c, r) = scored_cluster();
    let edition = thidua::report::document::Edition {
        year: 2026,
        period: Period::YearEnd,
        version: 1,
        number: None,
        date: chrono::NaiveDate::from_ymd_opt(2026, 12, 20).unwrap(),
        provisional: true,
        public_key: "RWQf6LRCGA9i53mlYecO4IzT51TGPpvWucNSCh1CBM0QTaLn73Y7GFO3".into(),
        replaces: None,
        pdf_name: "b-2026-year-end-v1.pdf".into(),
        sections: Vec::new(),
        recipients: Vec::new(),
        election: None,
    };
    let document = thidua::report::document::document(&c, &r, &edition);
    let text = serde_json::to_string(&document).unwrap();
    for said in [
        "KAD: không áp dụng với đơn vị",
        "nhóm II: thang điểm ghi 700 điểm, các tiêu chí cho tối đa 40 điểm",
        "Thứ hạng được xếp theo tỷ lệ tổng điểm đạt được",
        "tính trên các nội dung áp dụng với từng đơn vị",
        "\"II.3\"",
    ] {
        assert!(text.contains(said), "{said} in {text}");
    }
}

#[test]
fn a_units_self_score_form_has_no_row_for_what_does_not_apply_to_it() {
    use calamine::Reader;
    let c = cluster();
    let codes = |unit: usize| -> Vec<String> {
        let bytes = thidua::selfscore::template::workbook(
            &c,
            2026,
            Period::YearEnd,
            unit,
            thidua::i18n::Lang::Vi,
        )
        .unwrap();
        let mut book: calamine::Xlsx<_> = calamine::Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
        let name = book.sheet_names()[0].clone();
        let range = book.worksheet_range(&name).unwrap();
        let col = thidua::selfscore::template::CODE_COL as usize;
        range
            .rows()
            .filter_map(|r| r.get(col).map(|d| d.to_string()))
            .collect()
    };
    assert!(codes(0).contains(&"II.3".to_string()));
    assert!(!codes(1).contains(&"II.3".to_string()));
    assert!(codes(1).contains(&"II.2".to_string()));
}

#[test]
fn a_scoresheet_names_a_key_written_with_a_stray_space_as_check_does() {
    let dir = tempfile::tempdir().unwrap();
    for sub in ["scoring", "blocs"] {
        std::fs::create_dir(dir.path().join(sub)).unwrap();
    }
    std::fs::write(dir.path().join("scoring/t.ron"), SCALE).unwrap();
    let bloc = bloc(
        3,
        r#"targets: { "u1": {"II.2": 0}, "u2": {"II.2": 4}, "u3": {"II.2 ": 2} }"#,
    );
    std::fs::write(dir.path().join("blocs/b.ron"), bloc).unwrap();
    // "I.2 " in the scale; the sheet writes it without the space, and with spaces around.
    std::fs::write(
        dir.path().join("s.csv"),
        "unit,criterion,value\nu1,I.2,đạt\nu2, I.2 ,không đạt\n",
    )
    .unwrap();
    let check = common::thidua_in(dir.path(), &["check", "blocs/b.ron"]);
    assert_eq!(
        check.status.code(),
        Some(0),
        "{}",
        common::text(&check.stderr)
    );
    let args = ["import", "b", "--period", "year-end", "s.csv"];
    let out = common::thidua_in(dir.path(), &args);
    assert_eq!(out.status.code(), Some(0), "{}", common::text(&out.stderr));
    let said = common::text(&out.stdout);
    assert!(said.starts_with("đã nhập 2 giá trị"), "{said}");
}
