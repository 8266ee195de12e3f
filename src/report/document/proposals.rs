//! The proposals of a year-end report: the leading units and each award's nominees, with the
//! members' vote on those put to it.

use rust_decimal::Decimal;

use crate::model::Covenant;
use crate::score::{Nomination, Results};

use super::words::{self, dec2, join_vi};
use super::{Block, Edition, Row, Table, column, paragraph};

pub(super) fn proposals(covenant: &Covenant, results: &Results, edition: &Edition) -> Vec<Block> {
    let bloc = &covenant.bloc;
    let mut blocks = Vec::new();
    let leaders: Vec<usize> = results
        .order
        .iter()
        .copied()
        .filter(|&u| results.units[u].rank == 1)
        .collect();
    match leaders.as_slice() {
        [one] => blocks.push(paragraph(format!(
            "Đề nghị {} là đơn vị dẫn đầu {} năm {}.",
            bloc.members[*one].name, bloc.name, edition.year
        ))),
        [] => {}
        many => {
            let names: Vec<&str> = many
                .iter()
                .map(|&u| bloc.members[u].short.as_str())
                .collect();
            blocks.push(paragraph(format!(
                "Các đơn vị {} đồng hạng nhất; Khối cần thống nhất đơn vị dẫn đầu.",
                join_vi(&names)
            )));
        }
    }
    for award in &results.awards {
        let spec = &covenant.scheme.awards[award.award];
        let pick = |wanted: &Nomination| -> Vec<&str> {
            results
                .order
                .iter()
                .filter(|&&u| &award.statuses[u] == wanted)
                .map(|&u| bloc.members[u].short.as_str())
                .collect()
        };
        let proposed = pick(&Nomination::Proposed);
        let voting = pick(&Nomination::AwaitingVote);
        let tied = pick(&Nomination::TiedAtQuota);
        let with_votes = |wanted: fn(&Nomination) -> bool| -> Vec<String> {
            results
                .order
                .iter()
                .filter(|&&u| wanted(&award.statuses[u]))
                .map(|&u| {
                    let votes = award.statuses[u].votes().unwrap_or_default();
                    // On the base the award's rule uses: those present, or every member.
                    let base = award.vote.as_ref().map_or(0, |v| v.base);
                    format!("{} ({votes}/{base} phiếu)", bloc.members[u].short)
                })
                .collect()
        };
        let elected = with_votes(|n| matches!(n, Nomination::Elected { .. }));
        let not_elected = with_votes(|n| matches!(n, Nomination::NotElected { .. }));
        let outvoted = with_votes(|n| matches!(n, Nomination::OutvotedAtQuota { .. }));
        let tied_votes = with_votes(|n| matches!(n, Nomination::TiedOnVotes { .. }));
        let counted = award.vote.as_ref().filter(|v| !v.stale);
        let mut text = match counted {
            Some(vote) => format!(
                "{} (tối đa {} đơn vị; biểu quyết: {} thành viên có mặt{}): ",
                spec.title,
                award.quota,
                vote.present,
                match (&spec.vote, vote.needed) {
                    (Some(rule), Some(needed)) => format!(
                        ", yêu cầu {}, tức ít nhất {needed}/{} phiếu",
                        crate::i18n::Lang::Vi.vote_rule(rule),
                        vote.base
                    ),
                    _ => String::new(),
                }
            ),
            None => format!("{} (tối đa {} đơn vị): ", spec.title, award.quota),
        };
        let mut parts = Vec::new();
        if !proposed.is_empty() {
            parts.push(format!("đề nghị {}", join_vi(&proposed)));
        }
        let refs = |names: &[String]| -> String {
            join_vi(&names.iter().map(String::as_str).collect::<Vec<_>>())
        };
        if !elected.is_empty() {
            parts.push(format!("đề nghị {}", refs(&elected)));
        }
        if !not_elected.is_empty() {
            parts.push(format!("không đạt tỷ lệ phiếu: {}", refs(&not_elected)));
        }
        if !outvoted.is_empty() {
            parts.push(format!("ít phiếu hơn, đã đủ số lượng: {}", refs(&outvoted)));
        }
        if !tied_votes.is_empty() {
            parts.push(format!(
                "bằng phiếu tại giới hạn số lượng, cần biểu quyết lại: {}",
                refs(&tied_votes)
            ));
        }
        if !voting.is_empty() {
            parts.push(format!(
                "đơn vị đủ điều kiện, trình các thành viên Khối biểu quyết: {}",
                join_vi(&voting)
            ));
        }
        if !tied.is_empty() {
            parts.push(format!(
                "các đơn vị {} bằng điểm tại giới hạn số lượng, Khối cần xem xét",
                join_vi(&tied)
            ));
        }
        if parts.is_empty() {
            parts.push("không có đơn vị đủ điều kiện".to_string());
        }
        // Why the places differ from the ranking alone: an earlier award's vote.
        for m in &award.moves {
            parts.push(match m {
                crate::score::Move::CameDown { unit, from } => format!(
                    "{} không đạt biểu quyết {} nên được xét danh hiệu này",
                    bloc.members[*unit].short, covenant.scheme.awards[*from].title
                ),
                crate::score::Move::Displaced { unit, by } => format!(
                    "{} vì thế ngoài chỉ tiêu (do {} chuyển xuống)",
                    bloc.members[*unit].short,
                    join_vi(
                        &by.iter()
                            .map(|&u| bloc.members[u].short.as_str())
                            .collect::<Vec<_>>()
                    )
                ),
            });
        }
        text.push_str(&parts.join("; "));
        text.push('.');
        blocks.push(Block::Item { text });
        if let Some(vote) = counted {
            blocks.push(Block::Table(vote_table(covenant, results, award, vote)));
        }
    }
    blocks
}

/// One award's vote: each candidate's votes, share of those voting and outcome.
fn vote_table(
    covenant: &Covenant,
    results: &Results,
    award: &crate::score::AwardResult,
    vote: &crate::score::VoteCount,
) -> Table {
    let columns = vec![
        column(words::UNIT, "left", true),
        column("Số phiếu", "right", false),
        column("Tỷ lệ", "right", false),
        column("Kết quả", "left", false),
    ];
    let rows = results
        .order
        .iter()
        .filter_map(|&u| {
            let status = &award.statuses[u];
            let votes = status.votes()?;
            // The share on the base the award's rule uses: 4 of 8 members is 50 % for a rule on
            // all members, however many were present.
            let share = if vote.base == 0 {
                Decimal::ZERO
            } else {
                Decimal::from(votes) * Decimal::ONE_HUNDRED / Decimal::from(vote.base)
            };
            let outcome = match status {
                Nomination::Elected { .. } => "Đề nghị",
                Nomination::NotElected { .. } => "Không đạt tỷ lệ phiếu",
                Nomination::OutvotedAtQuota { .. } => "Ít phiếu hơn, đủ số lượng",
                _ => "Bằng phiếu, biểu quyết lại",
            };
            Some(Row {
                cells: vec![
                    covenant.bloc.members[u].short.clone(),
                    format!("{votes}/{}", vote.base),
                    format!("{}%", dec2(crate::score::round_points(share))),
                    outcome.to_string(),
                ],
                strong: false,
            })
        })
        .collect();
    Table { columns, rows }
}
