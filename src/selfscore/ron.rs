//! Reads one unit's self-scores from RON, with the extensions the bloc and scheme files use:
//!
//! ```ron
//! SelfScores(
//!     bloc: "khoi-8",
//!     year: 2026,
//!     period: MidYear,              // or YearEnd
//!     scheme: "khoi-phuong-2026",   // optional; checked when given
//!     version: "2026.1",            // optional; checked when given
//!     unit: "thanh-dong",
//!     scores: [
//!         (item: "I.1.4", value: "HTXS", evidence: "Báo cáo số 12/BC-UBND"),
//!         (item: "I.4", value: 2.75),
//!         (item: "V.2", value: 1, note: "Báo cáo quý I gửi chậm"),
//!         (item: "DK1", value: "đạt"),
//!     ],
//! )
//! ```
//!
//! A value is text or a number, read as the editor reads it; `evidence` and `note` may be left
//! out, and so may `value` when the unit only gives evidence. Problems are located `line:col`.

use std::collections::HashMap;
use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};

use crate::model::{Path, Period, text};
use crate::selfscore::words::SelfScoreMsg as M;
use crate::store::load::ron_options;
use crate::store::span::SpanMap;

use super::{Place, Problem, Score, Session, UnitScores, number_text, parse_answer, scored_item};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SelfScores {
    bloc: String,
    year: i32,
    period: Period,
    #[serde(default)]
    scheme: Option<String>,
    #[serde(default)]
    version: Option<String>,
    unit: String,
    #[serde(default)]
    scores: Vec<Entry>,
}

#[derive(Debug, Deserialize)]
#[serde(rename = "Score", deny_unknown_fields)]
struct Entry {
    item: String,
    #[serde(default)]
    value: Option<Answer>,
    #[serde(default)]
    evidence: String,
    #[serde(default)]
    note: String,
}

/// A value as written: text, a number (kept in its shortest exact text) or true / false.
#[derive(Debug)]
struct Answer(String);

impl<'de> Deserialize<'de> for Answer {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Answer, D::Error> {
        struct AnswerVisitor;
        impl Visitor<'_> for AnswerVisitor {
            type Value = Answer;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a value: text or a number")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Answer, E> {
                Ok(Answer(v.to_string()))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Answer, E> {
                Ok(Answer(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Answer, E> {
                Ok(Answer(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Answer, E> {
                Ok(Answer(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Answer, E> {
                Ok(Answer(number_text(v)))
            }
        }
        deserializer.deserialize_any(AnswerVisitor)
    }
}

/// Reads the unit's self-scores, or every problem found.
pub fn read(session: &Session, bytes: &[u8]) -> Result<Vec<UnitScores>, Vec<Problem>> {
    let raw =
        std::str::from_utf8(bytes).map_err(|_| vec![Problem::new(Place::File, M::NotUtf8)])?;
    let raw = raw.strip_prefix('\u{feff}').unwrap_or(raw);
    if raw.trim().is_empty() {
        return Err(vec![Problem::new(Place::File, M::EmptyFile)]);
    }
    let source = text::nfc(raw);
    let file: SelfScores = ron_options().from_str(&source).map_err(|e| {
        vec![Problem::new(
            Place::LineCol {
                line: e.span.start.line,
                col: e.span.start.col,
            },
            M::RonSyntax(e.code),
        )]
    })?;
    let spans = SpanMap::new(&source);
    let at = |path: Path| {
        let pos = spans.locate(&path);
        Place::LineCol {
            line: pos.line,
            col: pos.col,
        }
    };
    let root = Path::root();
    let covenant = session.covenant;
    let mut problems = Vec::new();
    if file.bloc != covenant.bloc.id {
        problems.push(Problem::new(
            at(root.field("bloc")),
            M::WrongBloc {
                found: file.bloc.clone(),
                expected: covenant.bloc.id.clone(),
            },
        ));
    }
    if file.year != session.year {
        problems.push(Problem::new(
            at(root.field("year")),
            M::WrongYear {
                found: file.year,
                expected: session.year,
            },
        ));
    }
    if file.period != session.period {
        problems.push(Problem::new(
            at(root.field("period")),
            M::WrongPeriod {
                found: file.period,
                expected: session.period,
            },
        ));
    }
    let scheme = file.scheme.clone().unwrap_or(covenant.scheme.id.clone());
    let version = file
        .version
        .clone()
        .unwrap_or(covenant.scheme.version.clone());
    if scheme != covenant.scheme.id || version != covenant.scheme.version {
        let field = if scheme != covenant.scheme.id {
            "scheme"
        } else {
            "version"
        };
        problems.push(Problem::new(
            at(root.field(field)),
            M::WrongScheme {
                found: scheme,
                found_version: version,
                expected: covenant.scheme.id.clone(),
                expected_version: covenant.scheme.version.clone(),
            },
        ));
    }
    let unit = covenant.unit_index(&file.unit);
    if unit.is_none() {
        problems.push(Problem::new(
            at(root.field("unit")),
            M::UnknownUnit(file.unit.clone()),
        ));
    }
    // The items mean something only in the bloc's own scheme.
    let (Some(unit), true) = (unit, problems.is_empty()) else {
        return Err(problems);
    };

    let mut scores = Vec::new();
    let mut first_seen: HashMap<usize, Place> = HashMap::new();
    for (n, entry) in file.scores.iter().enumerate() {
        let path = root.field("scores").index(n);
        let code = entry.item.trim();
        let item = match scored_item(session, code) {
            Ok(item) => item,
            Err(reason) => {
                problems.push(Problem::new(at(path.field("item")), reason));
                continue;
            }
        };
        if let Some(first) = first_seen.get(&item) {
            problems.push(Problem::new(
                at(path.field("item")),
                M::DuplicateItem {
                    item: code.to_string(),
                    first: first.clone(),
                },
            ));
            continue;
        }
        first_seen.insert(item, at(path.field("item")));
        let answer = entry.value.as_ref().map(|a| a.0.trim()).unwrap_or("");
        let value = if answer.is_empty() {
            None
        } else {
            match parse_answer(&covenant.layout.items[item], answer) {
                Ok(v) => Some(v),
                Err(error) => {
                    problems.push(Problem::new(
                        at(path.field("value")),
                        M::BadValue {
                            item: code.to_string(),
                            error,
                        },
                    ));
                    continue;
                }
            }
        };
        let evidence = entry.evidence.trim().to_string();
        let note = entry.note.trim().to_string();
        if value.is_none() && evidence.is_empty() && note.is_empty() {
            continue;
        }
        scores.push(Score {
            item,
            value,
            evidence,
            note,
        });
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    scores.sort_by_key(|s| s.item);
    Ok(vec![UnitScores { unit, scores }])
}
