//! Reads self-scores from CSV: a header `unit,criterion,value[,evidence[,note]]` (or in
//! Vietnamese `đơn vị,tiêu chí,giá trị[,minh chứng[,ghi chú]]`), then one row per unit and item.
//! One file can hold several units. A row with a blank value and no evidence or note is skipped,
//! as a blank cell of the form is.

use std::collections::{BTreeMap, HashMap};

use crate::selfscore::words::SelfScoreMsg as M;

use super::{Place, Problem, Score, Session, UnitScores, clean, parse_answer, scored_item};

const UNIT: [&str; 2] = ["unit", "đơn vị"];
const ITEM: [&str; 2] = ["criterion", "tiêu chí"];
const VALUE: [&str; 2] = ["value", "giá trị"];
const EVIDENCE: [&str; 2] = ["evidence", "minh chứng"];
const NOTE: [&str; 2] = ["note", "ghi chú"];

/// Reads every unit's self-scores, or every problem found.
pub fn read(session: &Session, bytes: &[u8]) -> Result<Vec<UnitScores>, Vec<Problem>> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(vec![Problem::new(Place::File, M::EmptyFile)]);
    }
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut problems = Vec::new();
    let mut units: BTreeMap<usize, Vec<Score>> = BTreeMap::new();
    let mut first_seen: HashMap<(usize, usize), usize> = HashMap::new();
    let mut columns = 0;
    for (n, record) in reader.records().enumerate() {
        let line = n + 1;
        if line > crate::model::limits::MAX_CSV_ROWS {
            problems.push(Problem::new(
                Place::Line(line),
                M::TooManyRows(crate::model::limits::MAX_CSV_ROWS),
            ));
            break;
        }
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let reason = match e.kind() {
                    ::csv::ErrorKind::Utf8 { .. } => M::NotUtf8,
                    _ => M::CsvSyntax(e.to_string()),
                };
                problems.push(Problem::new(Place::Line(line), reason));
                continue;
            }
        };
        let fields: Vec<String> = record.iter().map(clean).collect();
        if line == 1 {
            match header_columns(&fields) {
                Some(n) => columns = n,
                None => {
                    problems.push(Problem::new(Place::Line(line), M::CsvBadHeader));
                    break;
                }
            }
            continue;
        }
        if fields.iter().all(String::is_empty) {
            continue;
        }
        if fields.len() < 3 || fields.len() > columns {
            problems.push(Problem::new(
                Place::Line(line),
                M::CsvColumns {
                    expected: columns,
                    found: fields.len(),
                },
            ));
            continue;
        }
        let field = |i: usize| fields.get(i).cloned().unwrap_or_default();
        let (unit_name, code, answer) = (field(0), field(1), field(2));
        let (evidence, note) = (field(3), field(4));
        if answer.is_empty() && evidence.is_empty() && note.is_empty() {
            continue;
        }
        let row = read_row(session, &unit_name, &code, &answer).and_then(|(unit, item, value)| {
            match first_seen.insert((unit, item), line) {
                Some(first) => Err(M::DuplicateUnitItem {
                    unit: unit_name.clone(),
                    item: code.clone(),
                    first: Place::Line(first),
                }),
                None => Ok((unit, item, value)),
            }
        });
        match row {
            Ok((unit, item, value)) => units.entry(unit).or_default().push(Score {
                item,
                value,
                evidence,
                note,
            }),
            Err(reason) => problems.push(Problem::new(Place::Line(line), reason)),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(units
        .into_iter()
        .map(|(unit, mut scores)| {
            scores.sort_by_key(|s| s.item);
            UnitScores { unit, scores }
        })
        .collect())
}

/// How many columns the header names, if it is one this reader knows.
fn header_columns(fields: &[String]) -> Option<usize> {
    let head: Vec<String> = fields.iter().map(|f| f.to_lowercase()).collect();
    let named = |i: usize, names: &[&str]| head.get(i).is_some_and(|h| names.contains(&h.as_str()));
    if !(named(0, &UNIT) && named(1, &ITEM) && named(2, &VALUE)) {
        return None;
    }
    match head.len() {
        3 => Some(3),
        4 if named(3, &EVIDENCE) => Some(4),
        5 if named(3, &EVIDENCE) && named(4, &NOTE) => Some(5),
        _ => None,
    }
}

type Row = (usize, usize, Option<crate::model::Value>);

/// One data row's unit, item and value, checked as the editor checks it.
fn read_row(session: &Session, unit: &str, code: &str, answer: &str) -> Result<Row, M> {
    let unit = super::unit_named(session.covenant, unit)
        .ok_or_else(|| M::UnknownUnit(unit.to_string()))?;
    let item = scored_item(session, code)?;
    if answer.is_empty() {
        return Ok((unit, item, None));
    }
    let value = parse_answer(&session.covenant.layout.items[item], answer).map_err(|error| {
        M::BadValue {
            item: code.to_string(),
            error,
        }
    })?;
    Ok((unit, item, Some(value)))
}
