//! A cell as the snapshot writes it: one flat JSON array, `[unit, item, "P", "7.5"]`, with the
//! note and the reason after where there are any. A large session's snapshot holds a hundred
//! thousand cells, and reading them is most of opening it: a flat array of numbers and short
//! strings reads several times faster than the journal's objects within objects.
//!
//! The kinds: `L` a level's code, `M` met (`1`) or not (`0`), `P` points, `C` a count, `A` an
//! achieved value, `-` no value.

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::de::{self, SeqAccess, Visitor};
use serde::ser::SerializeSeq;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::model::Value;

use super::journal::Cell;

/// A cell at (unit, item), by their places in the snapshot's lists.
#[derive(Debug, Clone, PartialEq)]
pub struct SnapshotCell(pub u32, pub u32, pub Cell);

impl Serialize for SnapshotCell {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let SnapshotCell(unit, item, cell) = self;
        let (kind, text) = match &cell.value {
            None => ("-", String::new()),
            Some(Value::Level(code)) => ("L", code.clone()),
            Some(Value::Met(met)) => ("M", if *met { "1" } else { "0" }.to_string()),
            Some(Value::Points(p)) => ("P", p.to_string()),
            Some(Value::Count(n)) => ("C", n.to_string()),
            Some(Value::Achieved(a)) => ("A", a.to_string()),
        };
        let extra = match (cell.note.is_empty(), cell.reason.is_empty()) {
            (true, true) => 0,
            (_, true) => 1,
            _ => 2,
        };
        let mut seq = serializer.serialize_seq(Some(4 + extra))?;
        seq.serialize_element(unit)?;
        seq.serialize_element(item)?;
        seq.serialize_element(kind)?;
        seq.serialize_element(&text)?;
        if extra >= 1 {
            seq.serialize_element(&cell.note)?;
        }
        if extra == 2 {
            seq.serialize_element(&cell.reason)?;
        }
        seq.end()
    }
}

impl<'de> Deserialize<'de> for SnapshotCell {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_seq(CellVisitor)
    }
}

struct CellVisitor;

impl<'de> Visitor<'de> for CellVisitor {
    type Value = SnapshotCell;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("[unit, item, kind, value, note?, reason?]")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<SnapshotCell, A::Error> {
        let missing = |n| de::Error::invalid_length(n, &"at least 4 elements");
        let unit: u32 = seq.next_element()?.ok_or_else(|| missing(0))?;
        let item: u32 = seq.next_element()?.ok_or_else(|| missing(1))?;
        // Borrowed from the snapshot's bytes where the text has no escapes.
        let kind: std::borrow::Cow<'de, str> = seq.next_element()?.ok_or_else(|| missing(2))?;
        let text: std::borrow::Cow<'de, str> = seq.next_element()?.ok_or_else(|| missing(3))?;
        let note: String = seq.next_element()?.unwrap_or_default();
        let reason: String = seq.next_element()?.unwrap_or_default();
        if seq.next_element::<de::IgnoredAny>()?.is_some() {
            return Err(de::Error::invalid_length(7, &"at most 6 elements"));
        }
        let decimal = |t: &str| Decimal::from_str(t).map_err(de::Error::custom);
        let value = match &*kind {
            "-" => None,
            "L" => Some(Value::Level(text.into_owned())),
            "M" => Some(Value::Met(match &*text {
                "1" => true,
                "0" => false,
                other => return Err(de::Error::custom(format!("met is 1 or 0, not {other}"))),
            })),
            "P" => Some(Value::Points(decimal(&text)?)),
            "C" => Some(Value::Count(text.parse().map_err(de::Error::custom)?)),
            "A" => Some(Value::Achieved(decimal(&text)?)),
            other => return Err(de::Error::custom(format!("no kind of value {other}"))),
        };
        Ok(SnapshotCell(
            unit,
            item,
            Cell {
                value,
                note,
                reason,
            },
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_of_cell_reads_back_as_written() {
        let cells = [
            Cell::default(),
            Cell {
                value: Some(Value::Level("HTT".into())),
                note: "Có \"minh chứng\"".into(),
                reason: String::new(),
            },
            Cell {
                value: Some(Value::Met(false)),
                note: String::new(),
                reason: "Thiếu báo cáo".into(),
            },
            Cell {
                value: Some(Value::Points(Decimal::new(-75, 1))),
                ..Cell::default()
            },
            Cell {
                value: Some(Value::Count(4_000_000_000)),
                ..Cell::default()
            },
            Cell {
                value: Some(Value::Achieved(Decimal::new(10450, 2))),
                ..Cell::default()
            },
        ];
        for (n, cell) in cells.into_iter().enumerate() {
            let written = SnapshotCell(n as u32, 7, cell);
            let json = serde_json::to_string(&written).unwrap();
            let read: SnapshotCell = serde_json::from_str(&json).unwrap();
            assert_eq!(read, written, "{json}");
        }
        assert_eq!(
            serde_json::to_string(&SnapshotCell(
                1,
                2,
                Cell {
                    value: Some(Value::Points(Decimal::new(75, 1))),
                    ..Cell::default()
                }
            ))
            .unwrap(),
            r#"[1,2,"P","7.5"]"#
        );
    }

    #[test]
    fn a_cell_of_no_known_shape_is_refused() {
        for bad in [
            r#"[1,2,"P"]"#,
            r#"[1,2,"X","7"]"#,
            r#"[1,2,"M","yes"]"#,
            r#"[1,2,"P","seven"]"#,
            r#"[1,2,"C","-1"]"#,
            r#"[1,2,"P","7","","",""]"#,
            r#"[-1,2,"P","7"]"#,
        ] {
            assert!(serde_json::from_str::<SnapshotCell>(bad).is_err(), "{bad}");
        }
    }
}
