//! The annex's list of disputes: every cell where the bloc's score differs from the unit's own
//! self-score, with both values and the reason the meeting gave, so that a ward reading the
//! report sees what was changed and why, not only the record.

use crate::model::Covenant;
use crate::report::record::RecordEntry;

use super::words::{self, value_words};
use super::{Block, Row, Table, column, heading, paragraph};

/// A cell where the bloc's score differs from the unit's self-score.
#[derive(Debug, Clone, PartialEq)]
pub struct Dispute {
    pub unit_id: String,
    /// The unit's short name.
    pub unit: String,
    pub item: String,
    /// Both values as the record writes them.
    pub own: String,
    pub bloc: String,
    /// The reason the meeting gave, or "(chưa ghi lý do)".
    pub reason: String,
}

/// Every cell, in the order of the bloc's entries, whose bloc score differs from the unit's own.
pub fn list(
    covenant: &Covenant,
    entries: &[RecordEntry],
    self_scores: &[RecordEntry],
) -> Vec<Dispute> {
    entries
        .iter()
        .filter_map(|bloc| {
            let own = self_scores
                .iter()
                .find(|s| s.unit == bloc.unit && s.item == bloc.item)?;
            if own.value == bloc.value {
                return None;
            }
            let unit = covenant
                .unit_index(&bloc.unit)
                .map_or(bloc.unit.clone(), |u| {
                    covenant.bloc.members[u].short.clone()
                });
            let reason = if bloc.reason.trim().is_empty() {
                "(chưa ghi lý do)".to_string()
            } else {
                bloc.reason.trim().to_string()
            };
            Some(Dispute {
                unit_id: bloc.unit.clone(),
                unit,
                item: bloc.item.clone(),
                own: value_words(&own.value),
                bloc: value_words(&bloc.value),
                reason,
            })
        })
        .collect()
}

/// The annex's section, after its `numbered` sections; nothing when no score differs.
pub fn disputes(
    covenant: &Covenant,
    entries: &[RecordEntry],
    self_scores: &[RecordEntry],
    numbered: usize,
) -> Vec<Block> {
    let rows: Vec<Row> = list(covenant, entries, self_scores)
        .into_iter()
        .map(|d| Row {
            cells: vec![d.unit, d.item, d.own, d.bloc, d.reason],
            strong: false,
        })
        .collect();
    if rows.is_empty() {
        return Vec::new();
    }
    vec![
        heading(format!(
            "{}. Điểm Khối chấm khác điểm đơn vị tự chấm",
            numbered + 1
        )),
        paragraph(format!(
            "Có {} nội dung Khối chấm khác điểm đơn vị tự chấm; lý do do Hội nghị Khối thống nhất.",
            rows.len()
        )),
        Block::Table(Table {
            columns: vec![
                column(words::UNIT, "left", false),
                column(words::CODE, "left", false),
                column("Đơn vị tự chấm", "left", false),
                column("Khối chấm", "left", false),
                column("Lý do", "left", true),
            ],
            rows,
        }),
    ]
}
