//! Loading files: NFC normalisation, byte-order marks, and located syntax errors.

use thidua::model::{Covenant, Layout};
use thidua::store::Source;
use thidua::store::load::{Message, parse_bloc, parse_scheme};

const SCHEME: &str = include_str!("../scoring/khoi-phuong-2026.ron");
const BLOC: &str = include_str!("../blocs/khoi-8.ron");

#[test]
fn combining_diacritics_are_read_as_precomposed_text() {
    // The same bloc with every name decomposed (NFD), as some editors and keyboards write it.
    use unicode_normalization::UnicodeNormalization;
    let decomposed: String = BLOC.nfd().collect();
    assert_ne!(decomposed, BLOC);
    let bloc = parse_bloc(&Source::from_text("blocs/khoi-8.ron", &decomposed)).unwrap();
    let original = parse_bloc(&Source::from_text("blocs/khoi-8.ron", BLOC)).unwrap();
    assert_eq!(bloc, original);
    assert!(bloc.members.iter().any(|m| m.short == "Thành Đông"));
}

#[test]
fn a_byte_order_mark_is_ignored() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("s.ron");
    std::fs::write(&path, format!("\u{feff}{SCHEME}")).unwrap();
    let source = thidua::store::load::read_source(&path).unwrap();
    assert!(parse_scheme(&source).is_ok());
}

#[test]
fn a_syntax_error_is_located_at_its_line_and_column() {
    // Drop the comma after the first `id: "…"` field.
    let broken = SCHEME.replacen("\"khoi-phuong-2026\",", "\"khoi-phuong-2026\"", 1);
    let line = broken
        .lines()
        .position(|l| l.contains("\"khoi-phuong-2026\""))
        .unwrap()
        + 2;
    let problems = parse_scheme(&Source::from_text("scoring/x.ron", &broken)).unwrap_err();
    assert_eq!(problems.len(), 1);
    assert!(
        matches!(
            problems[0].message,
            Message::Syntax(ron::Error::ExpectedComma | ron::Error::ExpectedStructLikeEnd)
        ),
        "{:?}",
        problems[0].message
    );
    assert_eq!(problems[0].pos.line, line);
    assert_eq!(problems[0].line_text, broken.lines().nth(line - 1).unwrap());
}

#[test]
fn the_sample_scheme_totals_one_hundred() {
    let scheme = parse_scheme(&Source::from_text("s.ron", SCHEME)).unwrap();
    let layout = Layout::new(&scheme);
    assert_eq!(layout.max_total(None), rust_decimal::Decimal::ONE_HUNDRED);
    let bloc = parse_bloc(&Source::from_text("b.ron", BLOC)).unwrap();
    assert!(Covenant::new(bloc, scheme).is_ok());
}
