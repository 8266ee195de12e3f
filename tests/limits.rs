//! The limits of `docs/formats.md` ("Sizes and limits"), driven at, just inside and just beyond
//! every bound: a scheme or bloc beyond them is refused by `check`; a value beyond them is
//! refused by the scoresheet import, the self-score reader, the journal and `verify`; and every
//! value within them computes, in the engine and in `verify`'s recomputation of a record built
//! in memory, without leaving exact arithmetic.

mod common;

use std::str::FromStr;

use chrono::{NaiveDate, TimeZone};
use proptest::prelude::*;
use rust_decimal::Decimal;
use thidua::cli::read_csv;
use thidua::i18n::Lang;
use thidua::model::limits::{MAX_ACHIEVED, MAX_COUNT, MAX_ITEMS, MAX_POINTS, MAX_UNITS};
use thidua::model::{Covenant, Period, Sheet};
use thidua::report::record::{FileHash, RECORD_FORMAT, Record, RecordEntry};
use thidua::report::verify::{self, Finding};
use thidua::score;
use thidua::selfscore::{self, Format, Session};
use thidua::store::Source;
use thidua::store::load::{parse_bloc, parse_scheme};

/// A scheme whose every figure sits at the limit of ±10^6: each kind of item that turns a
/// typed number into points, and enough filler criteria (`F<n>`) to reach `items` in all.
fn scheme_at_the_limits(items: usize) -> String {
    let fixed = 8;
    let filler: String = (0..items.saturating_sub(fixed))
        .map(|n| format!("Criterion(code: \"F{n}\", title: \"Thêm {n}\", max: 1000000, scale: Free(step: 0.0001)),\n"))
        .collect();
    format!(
        r#"Scheme(
    id: "t", title: "Thang điểm ở giới hạn", version: "1", effective: "2026-01-01",
    groups: [
        Group(code: "I", title: "Nhóm I", items: [
            Criterion(code: "free", title: "Tự do", max: 1000000, scale: Free(step: 0.0001)),
            Criterion(code: "count", title: "Số lần", max: 1000000,
                scale: PerOccurrence(per: 1000000, floor: 0, ceiling: 1000000)),
            Criterion(code: "down", title: "Trừ mỗi lần", max: 1000000,
                scale: PerOccurrence(per: -1000000, start: 1000000, floor: 0)),
            Criterion(code: "half", title: "Vượt chỉ tiêu", max: 1000000, scale: Target(rule: HalfAtTarget)),
            Criterion(code: "prop", title: "Tỉ lệ", max: 1000000, scale: Target(rule: Proportional)),
            {filler}
        ]),
    ],
    bonus: (items: [
        (code: "more", title: "Mỗi lần cộng", scale: PerOccurrence(1000000)),
        (code: "gift", title: "Cộng tự do", scale: Free(step: 0.0001), cap: 1000000),
    ]),
    penalty: (items: [(code: "less", title: "Mỗi lần trừ", scale: PerOccurrence(1000000))]),
    bands: [
        (id: "a", label: "Tốt", min: (points: 1000000)),
        (id: "b", label: "Khá", min: (points: -1000000)),
        (id: "c", label: "Không đạt"),
    ],
    awards: [(id: "co", title: "Cờ", quota: Count(1), min_total: 1000000)],
)"#
    )
}

/// A bloc of `units` members (`u1`…) with targets `target` on both target criteria, the
/// unit `u1` without a target on "half" so that the rule's "best without a target" is used.
fn bloc_with_targets(units: usize, target: &str) -> String {
    let rows: Vec<String> = (2..=units)
        .map(|u| format!("\"u{u}\": {{\"half\": {target}, \"prop\": {target}}}"))
        .collect();
    let first = format!("\"u1\": {{\"prop\": {target}}}");
    common::bloc(
        units,
        &format!("targets: {{ {first}, {} }}", rows.join(", ")),
    )
}

fn load(scheme: &str, bloc: &str) -> Result<Covenant, String> {
    let scheme = parse_scheme(&Source::from_text("scheme.ron", scheme))
        .map_err(|p| format!("scheme: {p:?}"))?;
    let bloc = parse_bloc(&Source::from_text("bloc.ron", bloc)).map_err(|p| format!("{p:?}"))?;
    Covenant::new(bloc, scheme).map_err(|issues| format!("{issues:?}"))
}

/// Where a value lies against its limit.
#[derive(Debug, Clone, Copy)]
enum Place {
    AtLimit,
    JustInside,
    Zero,
    JustBeyond,
    TooPrecise,
    /// 40 digits: more than `Decimal` can hold at all.
    Huge,
}

fn place() -> impl Strategy<Value = Place> {
    prop_oneof![
        3 => Just(Place::AtLimit),
        3 => Just(Place::JustInside),
        1 => Just(Place::Zero),
        1 => Just(Place::JustBeyond),
        1 => Just(Place::TooPrecise),
        1 => Just(Place::Huge),
    ]
}

impl Place {
    fn within(self) -> bool {
        matches!(self, Place::AtLimit | Place::JustInside | Place::Zero)
    }

    /// The text of a decimal at this place against `limit`.
    fn decimal(self, limit: Decimal) -> String {
        let step = Decimal::new(1, 4);
        match self {
            Place::AtLimit => limit.to_string(),
            Place::JustInside => (limit - step).to_string(),
            Place::Zero => "0".into(),
            Place::JustBeyond => (limit + step).to_string(),
            Place::TooPrecise => "1.00001".into(),
            Place::Huge => "9".repeat(40),
        }
    }

    /// The text of a count at this place against `MAX_COUNT`.
    fn count(self) -> String {
        match self {
            Place::AtLimit => MAX_COUNT.to_string(),
            Place::JustInside => (MAX_COUNT - 1).to_string(),
            Place::Zero => "0".into(),
            Place::JustBeyond => (MAX_COUNT + 1).to_string(),
            // A count has no decimals to be too precise with: the largest `u32`.
            Place::TooPrecise => u32::MAX.to_string(),
            Place::Huge => "9".repeat(40),
        }
    }
}

/// The typed text for `item` at `place`.
fn text_for(item: &str, place: Place) -> String {
    match item {
        "count" | "down" | "more" | "less" => place.count(),
        "half" | "prop" => place.decimal(MAX_ACHIEVED),
        _ => place.decimal(MAX_POINTS),
    }
}

const ITEMS: [&str; 8] = [
    "free", "count", "down", "half", "prop", "more", "gift", "less",
];

fn csv_of(rows: &[(usize, &str, String)]) -> Vec<u8> {
    let mut out = String::from("unit,criterion,value\n");
    for (unit, item, value) in rows {
        out.push_str(&format!("u{unit},{item},{value}\n"));
    }
    out.into_bytes()
}

/// A signed record's content as `summary` writes it, built in memory from a sheet.
fn record_of(covenant: &Covenant, sheet: &Sheet, results: score::Results) -> Record {
    let mut entries = Vec::new();
    for (u, member) in covenant.bloc.members.iter().enumerate() {
        for (i, item) in covenant.layout.items.iter().enumerate() {
            if let Some(value) = sheet.get(u, i) {
                entries.push(RecordEntry {
                    unit: member.id.clone(),
                    item: item.code.clone(),
                    value: value.clone(),
                    note: String::new(),
                    reason: String::new(),
                });
            }
        }
    }
    let hash = |file: &str| FileHash {
        file: file.into(),
        sha256: "0".repeat(64),
    };
    Record {
        format: RECORD_FORMAT,
        software: "thidua".into(),
        year: 2026,
        period: Period::MidYear,
        version: 1,
        replaces: None,
        provisional: true,
        number: None,
        date: NaiveDate::from_ymd_opt(2026, 7, 5).unwrap(),
        recipients: Vec::new(),
        signed_at: thidua::store::records::vietnam()
            .with_ymd_and_hms(2026, 7, 5, 10, 0, 0)
            .unwrap(),
        signer: covenant.bloc.signer.clone(),
        public_key: String::new(),
        bloc_source: hash("b.ron"),
        scheme_source: hash("t.ron"),
        bloc: covenant.bloc.clone(),
        scheme: covenant.scheme.clone(),
        frozen_at: None,
        entries,
        self_scores: Vec::new(),
        votes: Vec::new(),
        sections: Vec::new(),
        election: None,
        attendance: None,
        counts: Vec::new(),
        results,
        documents: Vec::new(),
    }
}

#[test]
fn a_scheme_and_bloc_at_every_limit_pass_check() {
    let covenant = load(
        &scheme_at_the_limits(MAX_ITEMS),
        &bloc_with_targets(MAX_UNITS, &MAX_ACHIEVED.to_string()),
    )
    .expect("at the limits is within them");
    assert_eq!(covenant.layout.items.len(), MAX_ITEMS);
    assert_eq!(covenant.bloc.members.len(), MAX_UNITS);
}

#[test]
fn the_largest_bloc_with_every_value_at_its_limit_computes() {
    // The widest sums: 200 units × 1,000 items, every cell at its largest value.
    let covenant = load(
        &scheme_at_the_limits(MAX_ITEMS),
        &bloc_with_targets(MAX_UNITS, "0.0001"),
    )
    .unwrap();
    let mut sheet = covenant.empty_sheet();
    for u in 0..MAX_UNITS {
        for (i, item) in covenant.layout.items.iter().enumerate() {
            let text = text_for(&item.code, Place::AtLimit);
            let value = thidua::model::value::parse(item, &text).expect("at the limit");
            sheet.set(u, i, Some(value));
        }
    }
    let results = score::compute(&covenant, Period::MidYear, &sheet).expect("no overflow");
    let bonus = Decimal::from(MAX_COUNT) * MAX_POINTS + MAX_POINTS;
    assert_eq!(results.units[0].bonus, bonus);
    let record = record_of(&covenant, &sheet, results.clone());
    let (_, recomputed) = verify::recompute(&record).expect("the record recomputes");
    assert_eq!(recomputed, results);
}

#[test]
fn figures_beyond_the_limits_are_refused_by_check_in_both_languages() {
    let base = scheme_at_the_limits(10);
    let beyond = "1000000.0001";
    // Each figure of the scheme in turn, pushed just beyond its limit.
    let edits = [
        (
            "max: 1000000, scale: Free",
            "max: 1000000.0001, scale: Free",
        ),
        ("per: 1000000,", &format!("per: {beyond},")),
        ("start: 1000000,", "start: 99999999999999999999,"),
        (
            "PerOccurrence(1000000)",
            &format!("PerOccurrence({beyond})"),
        ),
        ("cap: 1000000)", &format!("cap: {beyond})")),
        ("(points: 1000000)", &format!("(points: {beyond})")),
        ("(points: -1000000)", "(points: -1000000.0001)"),
        ("min_total: 1000000", &format!("min_total: {beyond}")),
        ("step: 0.0001)", "step: 0.00001)"),
    ];
    for (from, to) in edits {
        assert!(base.contains(from), "{from}");
        let scheme = base.replacen(from, to, 1);
        let problems = parse_scheme(&Source::from_text("t.ron", &scheme))
            .expect_err(&format!("{to} is refused"));
        let words: Vec<String> = [Lang::En, Lang::Vi]
            .iter()
            .flat_map(|&lang| {
                problems
                    .iter()
                    .map(move |p| thidua::cli::render_problem(lang, p))
            })
            .collect();
        let all = words.join("\n");
        assert!(
            all.contains("beyond the limit") || all.contains("more than 4 decimal places"),
            "{to}: {all}"
        );
        assert!(
            all.contains("vượt giới hạn") || all.contains("quá 4 chữ số thập phân"),
            "{to}: {all}"
        );
    }
    // A target beyond 10^10, and a bloc or scheme beyond the supported sizes.
    let scheme = scheme_at_the_limits(10);
    let refused = load(&scheme, &bloc_with_targets(3, "10000000000.0001")).unwrap_err();
    assert!(refused.contains("FigureTooLarge"), "{refused}");
    let refused = load(&scheme, &bloc_with_targets(MAX_UNITS + 1, "1")).unwrap_err();
    assert!(refused.contains("TooManyMembers"), "{refused}");
    let refused = load(
        &scheme_at_the_limits(MAX_ITEMS + 1),
        &bloc_with_targets(3, "1"),
    )
    .unwrap_err();
    assert!(refused.contains("TooManyItems"), "{refused}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Every item of every unit gets a value at, just inside or just beyond its limit. The
    /// scoresheet import and the self-score reader refuse exactly the rows beyond; the rest
    /// computes, and `verify` recomputes the same results from a record of them.
    #[test]
    fn values_at_inside_and_beyond_every_bound(
        places in prop::collection::vec(place(), 3 * ITEMS.len()),
        target in prop_oneof![
            Just(MAX_ACHIEVED.to_string()),
            Just("0.0001".to_string()),
            Just("1".to_string()),
        ],
    ) {
        let covenant = load(&scheme_at_the_limits(ITEMS.len()), &bloc_with_targets(3, &target))
            .unwrap();
        let rows: Vec<(usize, &str, String)> = places
            .iter()
            .enumerate()
            .map(|(n, place)| {
                let item = ITEMS[n % ITEMS.len()];
                (n / ITEMS.len() + 1, item, text_for(item, *place))
            })
            .collect();
        let beyond = places.iter().filter(|p| !p.within()).count();
        let bytes = csv_of(&rows);

        // The bloc's scoresheet.
        let imported = read_csv(&covenant, Period::MidYear, &bytes);
        // The units' self-score CSV (`unit,criterion,value`).
        let session = Session { covenant: &covenant, year: 2026, period: Period::MidYear };
        let self_scored = selfscore::read(Format::Csv, &session, &bytes);
        if beyond > 0 {
            let problems = imported.expect_err("a value beyond its limit refuses the file");
            prop_assert_eq!(problems.len(), beyond);
            for p in &problems {
                let words = Lang::En.msg(p);
                prop_assert!(
                    words.contains("beyond the limit") || words.contains("decimal places"),
                    "{}", words
                );
                prop_assert!(words.chars().count() < 300, "{}", words);
            }
            let problems = self_scored.expect_err("and the self-score file");
            prop_assert_eq!(problems.len(), beyond);
            return Ok(());
        }
        let changes = imported.expect("every value within its limit");
        prop_assert!(self_scored.is_ok());
        let mut sheet = covenant.empty_sheet();
        for c in &changes {
            sheet.set(c.unit, c.item, c.new.value.clone());
        }
        let results = score::compute(&covenant, Period::MidYear, &sheet)
            .expect("values within the limits never overflow");
        for unit in &results.units {
            prop_assert!(unit.total >= Decimal::ZERO);
        }
        let record = record_of(&covenant, &sheet, results.clone());
        let (_, recomputed) = verify::recompute(&record).expect("the record recomputes");
        prop_assert_eq!(recomputed, results);
    }

    /// A record whose entries hold values beyond the limits (written by hand, not by thidua)
    /// is refused by `verify` before anything is computed.
    #[test]
    fn verify_refuses_a_record_with_a_value_beyond_its_limit(
        item in prop::sample::select(ITEMS.to_vec()),
        place in prop_oneof![Just(Place::JustBeyond), Just(Place::TooPrecise), Just(Place::Huge)],
    ) {
        let covenant = load(&scheme_at_the_limits(ITEMS.len()), &bloc_with_targets(3, "1"))
            .unwrap();
        let sheet = covenant.empty_sheet();
        let results = score::compute(&covenant, Period::MidYear, &sheet).unwrap();
        let mut record = record_of(&covenant, &sheet, results);
        let text = text_for(item, place);
        let value = match item {
            "count" | "down" | "more" | "less" => match text.parse::<u32>() {
                Ok(n) => thidua::model::Value::Count(n),
                Err(_) => return Ok(()),
            },
            "half" | "prop" => match Decimal::from_str(&text) {
                Ok(d) => thidua::model::Value::Achieved(d),
                Err(_) => return Ok(()),
            },
            _ => match Decimal::from_str(&text) {
                Ok(d) => thidua::model::Value::Points(d),
                Err(_) => return Ok(()),
            },
        };
        record.entries.push(RecordEntry {
            unit: "u1".into(),
            item: item.into(),
            value,
            note: String::new(),
            reason: String::new(),
        });
        let refused = verify::recompute(&record).expect_err("refused");
        prop_assert!(matches!(refused, Finding::EntriesInvalid(_)), "{:?}", refused);
    }
}

#[test]
fn the_engine_reports_an_overflow_instead_of_panicking() {
    // A sheet is plain data: nothing stops a caller from putting a value on it that no reader
    // would accept. The engine's checked arithmetic then says which unit and item overflowed.
    let covenant = load(
        &scheme_at_the_limits(ITEMS.len()),
        &bloc_with_targets(3, &MAX_ACHIEVED.to_string()),
    )
    .unwrap();
    let half = covenant.layout.index_of("half").unwrap();
    let more = covenant.layout.index_of("more").unwrap();
    let mut sheet = covenant.empty_sheet();
    sheet.set(1, half, Some(thidua::model::Value::Achieved(Decimal::MAX)));
    let overflow = score::compute(&covenant, Period::MidYear, &sheet).unwrap_err();
    assert_eq!(overflow.unit, 1);
    assert_eq!(overflow.item, Some(half));
    let words = Lang::En.msg(&thidua::i18n::Msg::overflow(&covenant, &overflow));
    assert!(words.contains("u2, item half"), "{words}");

    let mut sheet = covenant.empty_sheet();
    sheet.set(2, more, Some(thidua::model::Value::Count(u32::MAX)));
    sheet.set(2, 0, Some(thidua::model::Value::Points(Decimal::MAX)));
    let overflow = score::compute(&covenant, Period::MidYear, &sheet).unwrap_err();
    assert_eq!((overflow.unit, overflow.item), (2, None));
    let words = Lang::Vi.msg(&thidua::i18n::Msg::overflow(&covenant, &overflow));
    assert!(words.contains("không tính được điểm của u3"), "{words}");
}
