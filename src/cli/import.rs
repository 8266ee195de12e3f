//! `thidua import BLOC --period P FILE.csv`: rows `unit,criterion,value[,note[,reason]]`, the
//! reason being why the bloc's score differs from the unit's self-score. Every row is checked
//! first; one bad row refuses the whole file, with every bad row listed.

use std::collections::HashMap;
use std::path::Path;

use crate::i18n::{Lang, Msg};
use crate::model::limits::{MAX_CSV_BYTES, MAX_CSV_ROWS, MAX_NOTE_CHARS};
use crate::model::scheme::{AdjustmentScale, Scale};
use crate::model::text::clip;
use crate::model::{Covenant, Item, Period, Rule, text, value};
use crate::session::Changed;
use crate::store::input::{self, Links};
use crate::store::{Cell, Change, Origin};

use super::{INVALID, SessionArgs, USAGE, load};
use super::{errln, outln};

pub fn run(lang: Lang, session: &SessionArgs, file: &Path) -> u8 {
    let (loaded, bloc_file) = match load(lang, session) {
        Ok(l) => l,
        Err(code) => return code,
    };
    let covenant = &loaded.covenant;
    let bytes = match input::read(file, MAX_CSV_BYTES, Links::Follow) {
        Ok(b) => b,
        Err(e) => {
            errln!("{}", lang.msg(&e.message()));
            return USAGE;
        }
    };
    let changes = match read_csv(covenant, session.period, &bytes) {
        Ok(c) => c,
        Err(errors) => {
            let shown = file.display().to_string();
            super::print_problems(
                lang,
                errors.iter().map(|e| format!("{shown}: {}", lang.msg(e))),
            );
            errln!("{}", lang.msg(&Msg::ImportRefused(errors.len())));
            return INVALID;
        }
    };
    let mut opened = match super::session_to_change(lang, session, &bloc_file, covenant) {
        Ok(s) => s,
        Err(code) => return code,
    };
    match opened.import(changes) {
        Ok(changed) => {
            let rows = match changed {
                Changed::Imported { entries } => entries,
                _ => 0,
            };
            outln!(
                "{}",
                lang.msg(&Msg::Imported {
                    rows,
                    path: opened.records().dir().display().to_string(),
                })
            );
            0
        }
        Err(e) => super::refused(lang, &e),
    }
}

/// Reads and checks every row; returns the changes, or every problem found.
pub fn read_csv(
    covenant: &Covenant,
    period: Period,
    bytes: &[u8],
) -> Result<Vec<Change>, Vec<Msg>> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut errors = Vec::new();
    let mut changes = Vec::new();
    let mut seen: HashMap<(usize, usize), usize> = HashMap::new();
    let by_short: HashMap<String, usize> = covenant
        .bloc
        .members
        .iter()
        .enumerate()
        .map(|(i, m)| (m.short.to_lowercase(), i))
        .collect();
    for (n, record) in reader.records().enumerate() {
        let line = n + 1;
        if line > MAX_CSV_ROWS {
            errors.push(Msg::CsvTooManyRows(MAX_CSV_ROWS));
            break;
        }
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                errors.push(Msg::CsvRow {
                    line,
                    problem: Box::new(Msg::CsvSyntax(e.to_string())),
                });
                continue;
            }
        };
        let fields: Vec<String> = record
            .iter()
            .map(|f| text::nfc(f.trim()).into_owned())
            .collect();
        if line == 1 {
            let head: Vec<String> = fields.iter().map(|f| f.to_lowercase()).collect();
            let ok = head.len() >= 3
                && matches!(head[0].as_str(), "unit" | "đơn vị")
                && matches!(head[1].as_str(), "criterion" | "tiêu chí")
                && matches!(head[2].as_str(), "value" | "giá trị");
            if !ok {
                errors.push(Msg::CsvBadHeader);
                break;
            }
            continue;
        }
        if fields.iter().all(String::is_empty) {
            continue;
        }
        if !(3..=5).contains(&fields.len()) {
            errors.push(Msg::CsvRow {
                line,
                problem: Box::new(Msg::CsvColumns(fields.len())),
            });
            continue;
        }
        let result = read_row(covenant, period, &by_short, &fields).and_then(|change| {
            match seen.insert((change.unit, change.item), line) {
                Some(first) => Err(Msg::CsvDuplicate {
                    unit: clip(&fields[0]),
                    item: clip(&fields[1]),
                    first,
                }),
                None => Ok(change),
            }
        });
        match result {
            Ok(c) => changes.push(c),
            Err(m) => errors.push(Msg::CsvRow {
                line,
                problem: Box::new(m),
            }),
        }
    }
    if errors.is_empty() {
        Ok(changes)
    } else {
        Err(errors)
    }
}

/// One data row `unit,criterion,value[,note[,reason]]` as a change, checked as the editor
/// checks it.
fn read_row(
    covenant: &Covenant,
    period: Period,
    by_short: &HashMap<String, usize>,
    fields: &[String],
) -> Result<Change, Msg> {
    let unit = covenant
        .unit_index(&fields[0])
        .or_else(|| by_short.get(&fields[0].to_lowercase()).copied())
        .ok_or_else(|| Msg::CsvUnknownUnit(clip(&fields[0])))?;
    let item = covenant
        .layout
        .index_of(&fields[1])
        .ok_or_else(|| Msg::CsvUnknownItem(clip(&fields[1])))?;
    let spec = &covenant.layout.items[item];
    if !spec.is_scored_in(period) {
        return Err(Msg::CsvNotThisPeriod(clip(&fields[1])));
    }
    // `unit,item,2,5`: a decimal comma without quotes splits the value in two.
    if takes_decimals(spec)
        && let Some(note) = fields.get(3)
        && !note.is_empty()
        && note.chars().all(|c| c.is_ascii_digit())
        && fields[2].chars().all(|c| c.is_ascii_digit())
    {
        return Err(Msg::CsvDecimalComma {
            value: format!("{},{}", fields[2], clip(note)),
        });
    }
    let value = value::parse(spec, &fields[2]).map_err(|error| Msg::BadValue {
        unit: clip(&fields[0]),
        item: clip(&fields[1]),
        error,
    })?;
    for text in fields.iter().skip(3) {
        let chars = text.chars().count();
        if chars > MAX_NOTE_CHARS {
            return Err(Msg::TextTooLong {
                unit: clip(&fields[0]),
                item: clip(&fields[1]),
                chars,
                limit: MAX_NOTE_CHARS,
            });
        }
    }
    Ok(Change {
        unit,
        item,
        new: Cell {
            value: Some(value),
            note: fields.get(3).cloned().unwrap_or_default(),
            reason: fields.get(4).cloned().unwrap_or_default(),
        },
        origin: Origin::Import,
    })
}

/// Whether an item's value is a decimal (a free score or an achieved value).
fn takes_decimals(item: &Item) -> bool {
    matches!(
        &item.rule,
        Rule::Criterion {
            scale: Scale::Free { .. } | Scale::Target { .. },
            ..
        } | Rule::Adjustment {
            scale: AdjustmentScale::Free { .. },
            ..
        }
    )
}
