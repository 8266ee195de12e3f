//! What keeps a summary from being final: every cell scored and explained, at year-end the
//! leading unit, every award and the election decided, the results frozen and every required
//! section written; and those gaps in words.

use crate::i18n::{Lang, Msg};
use crate::model::{Covenant, Period};
use crate::score::{Nomination, Results};

use super::summary::SessionData;

/// Why a summary cannot be final yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Gap {
    /// (member index, item index) without a value.
    Missing(usize, usize),
    /// A score differing from the unit's self-score with no reason (member, item).
    Unexplained(usize, usize),
    /// Units tied at the edge of an award's quota (award index, member indices).
    TieAtQuota(usize, Vec<usize>),
    /// Units sharing first place at year-end: the leading unit is undecided.
    TieForLead(Vec<usize>),
    /// Candidates the members have not voted on yet (award index, member indices).
    AwaitingVote(usize, Vec<usize>),
    /// A tally entered for other candidates than the award's present ones (award index).
    StaleVote(usize),
    /// Equal votes across the edge of the quota (award index, member indices).
    TiedOnVotes(usize, Vec<usize>),
    /// The meeting has not frozen the results.
    NotFrozen,
    /// A required section of the report is not written (its heading).
    SectionEmpty(String),
    /// At year-end: next year's head and deputy are not elected yet.
    NoElection,
    /// At year-end: the meeting's attendance is not recorded, so there are no minutes to send
    /// upward with the nominations.
    NoAttendance,
    /// At year-end: an award voted on by ballot without its count record (award index).
    NoCountRecord(usize),
}

/// What must be settled before a final summary of `results`: every cell scored and explained,
/// at year-end the leading unit and every award decided, the election, the attendance and each
/// ballot's count record, the results frozen, and every required section of the report written.
pub fn gaps(covenant: &Covenant, results: &Results, data: &SessionData) -> Vec<Gap> {
    let mut gaps: Vec<Gap> = results
        .missing
        .iter()
        .map(|&(u, i)| Gap::Missing(u, i))
        .collect();
    gaps.extend(
        data.unexplained
            .iter()
            .map(|&(u, i)| Gap::Unexplained(u, i)),
    );
    if results.period == Period::YearEnd {
        let leaders: Vec<usize> = results
            .order
            .iter()
            .copied()
            .filter(|&u| results.units[u].rank == 1)
            .collect();
        if leaders.len() > 1 {
            gaps.push(Gap::TieForLead(leaders));
        }
        for award in &results.awards {
            let with = |wanted: fn(&Nomination) -> bool| -> Vec<usize> {
                results
                    .order
                    .iter()
                    .copied()
                    .filter(|&u| wanted(&award.statuses[u]))
                    .collect()
            };
            if award.vote.as_ref().is_some_and(|v| v.stale) {
                gaps.push(Gap::StaleVote(award.award));
            }
            let tied = with(|n| *n == Nomination::TiedAtQuota);
            if !tied.is_empty() {
                gaps.push(Gap::TieAtQuota(award.award, tied));
            }
            let waiting = with(|n| *n == Nomination::AwaitingVote);
            if !waiting.is_empty() {
                gaps.push(Gap::AwaitingVote(award.award, waiting));
            }
            let tied = with(|n| matches!(n, Nomination::TiedOnVotes { .. }));
            if !tied.is_empty() {
                gaps.push(Gap::TiedOnVotes(award.award, tied));
            }
        }
    }
    if results.period == Period::YearEnd && data.election.is_none() {
        gaps.push(Gap::NoElection);
    }
    // Nominations go upward with the year-end meeting's minutes and each ballot's count
    // record; a mid-year report goes without them.
    if results.period == Period::YearEnd {
        if data.attendance.is_none() {
            gaps.push(Gap::NoAttendance);
        }
        for (index, award) in covenant.scheme.awards.iter().enumerate() {
            let voted = data.votes.iter().any(|b| b.award == award.id);
            let counted = data.counts.iter().any(|c| c.award == award.id);
            if voted && !counted {
                gaps.push(Gap::NoCountRecord(index));
            }
        }
    }
    if data.frozen_at.is_none() {
        gaps.push(Gap::NotFrozen);
    }
    for spec in covenant.scheme.sections.of(results.period) {
        let written = data
            .sections
            .iter()
            .any(|s| s.id == spec.id && !s.text.trim().is_empty());
        if spec.required && !written {
            let title = data
                .sections
                .iter()
                .find(|s| s.id == spec.id)
                .map_or_else(|| spec.title.clone(), |s| s.title.clone());
            gaps.push(Gap::SectionEmpty(title));
        }
    }
    gaps
}

/// Missing cells listed one by one before the rest are counted.
const LISTED_GAPS: usize = 20;

/// The gaps in words, one a line.
pub fn gap_lines(lang: Lang, covenant: &Covenant, gaps: &[Gap]) -> Vec<String> {
    let short = |u: usize| covenant.bloc.members[u].short.clone();
    let mut lines = Vec::new();
    let mut missing = 0;
    for gap in gaps {
        match gap {
            Gap::Missing(u, i) => {
                missing += 1;
                if missing <= LISTED_GAPS {
                    lines.push(lang.msg(&Msg::GapMissing {
                        unit: short(*u),
                        item: covenant.layout.items[*i].label.clone(),
                    }));
                }
            }
            Gap::TieForLead(units) => lines.push(lang.msg(&Msg::GapTieForLead {
                units: units.iter().map(|&u| short(u)).collect(),
            })),
            Gap::Unexplained(u, i) => lines.push(lang.msg(&Msg::GapUnexplained {
                unit: short(*u),
                item: covenant.layout.items[*i].label.clone(),
            })),
            Gap::TieAtQuota(award, units) => lines.push(lang.msg(&Msg::GapTieAtQuota {
                award: covenant.scheme.awards[*award].title.clone(),
                units: units.iter().map(|&u| short(u)).collect(),
            })),
            Gap::AwaitingVote(award, units) => lines.push(lang.msg(&Msg::GapAwaitingVote {
                award: covenant.scheme.awards[*award].title.clone(),
                units: units.iter().map(|&u| short(u)).collect(),
            })),
            Gap::StaleVote(award) => lines.push(lang.msg(&Msg::GapStaleVote {
                award: covenant.scheme.awards[*award].title.clone(),
            })),
            Gap::TiedOnVotes(award, units) => lines.push(lang.msg(&Msg::GapTiedOnVotes {
                award: covenant.scheme.awards[*award].title.clone(),
                units: units.iter().map(|&u| short(u)).collect(),
            })),
            Gap::NotFrozen => lines.push(lang.msg(&Msg::GapNotFrozen)),
            Gap::NoElection => lines.push(lang.msg(&Msg::GapNoElection)),
            Gap::NoAttendance => lines.push(lang.msg(&Msg::GapNoAttendance)),
            Gap::NoCountRecord(award) => lines.push(lang.msg(&Msg::GapNoCountRecord {
                award: covenant.scheme.awards[*award].title.clone(),
            })),
            Gap::SectionEmpty(title) => lines.push(lang.msg(&Msg::GapSectionEmpty(title.clone()))),
        }
    }
    if missing > LISTED_GAPS {
        lines.push(lang.msg(&Msg::GapMore(missing - LISTED_GAPS)));
    }
    lines
}
