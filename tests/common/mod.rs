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
