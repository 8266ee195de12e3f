//! Helpers shared by the integration tests: small schemes and blocs built from RON text.
#![allow(dead_code)]

use thidua::model::{Covenant, Sheet, Value, value};
use thidua::store::Source;
use thidua::store::load::{parse_bloc, parse_scheme};

/// Builds a covenant from scheme and bloc RON text, panicking with the problems if invalid.
pub fn covenant(scheme: &str, bloc: &str) -> Covenant {
    let scheme = parse_scheme(&Source::from_text("scheme.ron", scheme))
        .unwrap_or_else(|p| panic!("scheme: {p:#?}"));
    let bloc =
        parse_bloc(&Source::from_text("bloc.ron", bloc)).unwrap_or_else(|p| panic!("bloc: {p:#?}"));
    Covenant::new(bloc, scheme).unwrap_or_else(|i| panic!("covenant: {i:#?}"))
}

/// A bloc of `units` members u1..uN using scheme "t", with extra RON fields appended.
pub fn bloc(units: usize, extra: &str) -> String {
    let members: Vec<String> = (1..=units)
        .map(|i| format!("(id: \"u{i}\", name: \"Phường số {i}\", short: \"P{i}\")"))
        .collect();
    format!(
        "Bloc(id: \"b\", name: \"Khối thi đua số 1\", year: 2026, parent_body: \"UBND THÀNH PHỐ\",
          place: \"Thành Đông\", number_suffix: \"BC-KTĐ\", scheme: \"t\",
          members: [{}], head: \"u1\", signer: (name: \"Nguyễn Văn A\", post: \"Chủ tịch\"), {extra})",
        members.join(", ")
    )
}

/// Sets a cell from text as the user would type it, panicking if the value is refused.
pub fn enter(c: &Covenant, sheet: &mut Sheet, unit: &str, item: &str, text: &str) {
    let u = c.unit_index(unit).expect("unit");
    let i = c.layout.index_of(item).expect("item");
    let v: Value =
        value::parse(&c.layout.items[i], text).unwrap_or_else(|e| panic!("{item}={text}: {e}"));
    sheet.set(u, i, Some(v));
}

/// A scheme with every scale kind, nested caps, bonus and penalty caps, a veto, four bands,
/// tie-breakers and two awards.
pub const SCHEME: &str = r#"Scheme(
    id: "t", title: "Thang điểm thử", version: "1", effective: "2026-01-01",
    groups: [
        Group(code: "I", title: "Nhóm I", cap: 30, items: [
            Criterion(code: "1", title: "Mức", max: 10,
                scale: Levels([(code: "HTXS", label: "Hoàn thành xuất sắc", points: 10),
                               (code: "HTT", label: "Hoàn thành tốt", points: 8),
                               (code: "HT", label: "Hoàn thành", points: 6),
                               (code: "KHT", label: "Không hoàn thành", points: 0)])),
            Criterion(code: "2", title: "Đạt", max: 10, scale: MetOrNot),
            Group(code: "I.3", title: "Nhóm con", cap: 12, items: [
                Criterion(code: "3a", title: "Tự do", max: 10, scale: Free(step: 0.25)),
                Criterion(code: "3b", title: "Trễ hạn", max: 5, scale: PerOccurrence(per: -0.5, floor: 0)),
            ]),
        ]),
        Group(code: "II", title: "Nhóm II", items: [
            Criterion(code: "4", title: "Thu ngân sách", max: 10, scale: Target(rule: HalfAtTarget)),
            Criterion(code: "5", title: "Tỉ lệ hồ sơ", max: 10, scale: Target(rule: Proportional)),
            Criterion(code: "6", title: "Cuối năm", max: 10, scale: Free(step: 1), periods: [YearEnd]),
        ]),
    ],
    bonus: (cap: 8, items: [
        (code: "T1", title: "Cờ thi đua", scale: Once(5)),
        (code: "T2", title: "Sáng kiến", scale: PerOccurrence(2), cap: 6),
    ]),
    penalty: (cap: 5, items: [
        (code: "K1", title: "Vi phạm", scale: PerOccurrence(3)),
    ]),
    vetoes: [(code: "DK1", title: "Không vi phạm nghiêm trọng", band_cap: "kha")],
    bands: [
        (id: "tot", label: "Tốt", min: (points: 50), conditions: [PenaltyAtMostShareOfBonus(0.5)]),
        (id: "kha", label: "Khá", min: (points: 40)),
        (id: "tb", label: "Trung bình", min: (points: 30, inclusive: false)),
        (id: "kd", label: "Không đạt"),
    ],
    tie_breakers: [GroupSubtotal("II"), FewerPenalty],
    awards: [
        (id: "co", title: "Cờ thi đua", quota: Count(1), min_band: "tot"),
        (id: "bk", title: "Bằng khen", quota: Percent(percent: 40, rounding: Down), min_band: "kha",
         vote: (share: 0.5, inclusive: false, of: Present)),
    ],
)"#;

/// Targets of 100 on criteria 4 and 5 for units u1..uN.
pub fn targets(units: usize) -> String {
    let rows: Vec<String> = (1..=units)
        .map(|i| format!("\"u{i}\": {{\"4\": 100, \"5\": 100}}"))
        .collect();
    format!("targets: {{ {} }}", rows.join(", "))
}

/// A session's data as a final summary needs it besides the scores: frozen (or not), with the
/// given unexplained cells, and every written section of `period` written.
pub fn session_data(
    c: &Covenant,
    period: thidua::model::Period,
    frozen: bool,
    unexplained: &[(usize, usize)],
) -> thidua::report::summary::SessionData {
    thidua::report::summary::SessionData {
        frozen_at: frozen.then(thidua::store::records::now),
        unexplained: unexplained.to_vec(),
        sections: thidua::synthetic::sections(c, period, 2026),
        election: (period == thidua::model::Period::YearEnd)
            .then(|| thidua::synthetic::election(c)),
        attendance: (period == thidua::model::Period::YearEnd)
            .then(|| thidua::synthetic::attendance(c)),
        ..Default::default()
    }
}

/// Runs the thidua binary in `dir` with `args`.
pub fn thidua_in(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_thidua"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the thidua binary runs")
}

/// A program's output as text.
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}
