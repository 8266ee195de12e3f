//! The city table: every expected bloc's results for one period, from the records the ward
//! accepted, side by side but never added up (each bloc has its own scale), with which blocs are
//! final, draft or missing, and per award the units proposed across blocs for the council.
//!
//! Pure: built from a [`Collected`]; the documents are laid out by [`document`] and [`xlsx`],
//! and written and signed by [`issue`].

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::model::{Covenant, Period};
use crate::report::document::words;
use crate::score::Nomination;

use super::collect::Collected;
use super::status::Standing;
use super::workspace::Workspace;

pub mod document;
pub mod issue;
pub mod xlsx;

#[derive(Debug, Clone, PartialEq)]
pub struct CityTable {
    pub ward: String,
    pub year: i32,
    pub period: Period,
    /// Every expected bloc, in the ward's order.
    pub blocs: Vec<BlocEntry>,
    /// Per award (by its title, as blocs share awards of the same name), the units proposed.
    pub awards: Vec<AwardProposals>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct BlocEntry {
    pub id: String,
    pub name: String,
    pub standing: Standing,
    /// A final report whose paper copy is still to be compared.
    pub paper_due: bool,
    /// The report the standing points to, when one does.
    pub report: Option<BlocReport>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct BlocReport {
    pub version: u32,
    pub provisional: bool,
    /// "12/BC-KTĐ", when the report is numbered.
    pub number: Option<String>,
    pub date: NaiveDate,
    pub signer: String,
    /// The record's SHA-256: what the table was made from.
    pub sha256: String,
    /// Whether the bloc classifies this period (a band column).
    pub classified: bool,
    /// Best first.
    pub units: Vec<UnitLine>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct UnitLine {
    pub rank: usize,
    pub tied: bool,
    pub unit: String,
    pub total: Decimal,
    /// The band's label, "—" where there is none.
    pub band: String,
    /// The veto conditions not met, by printed number.
    pub failed: Vec<String>,
    /// Each award the unit is considered for, and where it stands.
    pub nominations: Vec<NominationLine>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NominationLine {
    pub award: String,
    pub status: &'static str,
    pub proposed: bool,
    /// Not yet settled: awaiting the members' vote, or tied at the edge of the quota.
    pub pending: bool,
    /// Votes received and the base they count on, once the members voted.
    pub votes: Option<(u32, u32)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AwardProposals {
    pub title: String,
    pub units: Vec<Proposed>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Proposed {
    pub bloc: String,
    pub unit: String,
    pub rank: usize,
    pub total: Decimal,
    pub votes: Option<(u32, u32)>,
    /// From a report not yet final (a draft, or one whose paper copy is not compared).
    pub provisional: bool,
}

impl CityTable {
    /// Final only when every expected bloc's report is final and settled.
    pub fn is_final(&self) -> bool {
        !self.blocs.is_empty()
            && self
                .blocs
                .iter()
                .all(|b| matches!(b.standing, Standing::Final(_)) && !b.paper_due)
    }

    /// How many blocs are final, draft only, and missing or otherwise without a report.
    pub fn counts(&self) -> (usize, usize, usize) {
        let mut out = (0, 0, 0);
        for b in &self.blocs {
            match (&b.standing, b.paper_due) {
                (Standing::Final(_), false) => out.0 += 1,
                (_, _) if b.report.is_some() => out.1 += 1,
                _ => out.2 += 1,
            }
        }
        out
    }
}

/// The table of `period` from what the ward accepted.
pub fn table(w: &Workspace, collected: &Collected, period: Period) -> CityTable {
    let mut blocs = Vec::new();
    let mut awards: Vec<AwardProposals> = Vec::new();
    for expected in &w.ward.blocs {
        let standing = collected.standing(&expected.id, period);
        let paper_due = collected.paper_due(&expected.id, period).is_some();
        let current = collected.current(&expected.id, period);
        let name = match (&current, w.published(&expected.id)) {
            (Some((_, r)), _) => r.bloc.name.clone(),
            (None, Ok((bloc, _))) => bloc.name,
            (None, Err(_)) => expected.id.clone(),
        };
        let report = current.and_then(|(received, record)| {
            let provisional = record.provisional || paper_due;
            let covenant = Covenant::new(record.bloc.clone(), record.scheme.clone()).ok()?;
            let report = bloc_report(&covenant, &record, &received.sha256);
            // Best first, as the council reads them.
            for &u in &record.results.order {
                let unit = &record.results.units[u];
                for award in &record.results.awards {
                    let status = &award.statuses[u];
                    if !status.is_proposed() {
                        continue;
                    }
                    let title = &covenant.scheme.awards[award.award].title;
                    let at = match awards.iter().position(|a| &a.title == title) {
                        Some(at) => at,
                        None => {
                            awards.push(AwardProposals {
                                title: title.clone(),
                                units: Vec::new(),
                            });
                            awards.len() - 1
                        }
                    };
                    awards[at].units.push(Proposed {
                        bloc: name.clone(),
                        unit: covenant.bloc.members[u].name.clone(),
                        rank: unit.rank,
                        total: unit.total,
                        votes: votes_of(status, award),
                        provisional,
                    });
                }
            }
            Some(report)
        });
        blocs.push(BlocEntry {
            id: expected.id.clone(),
            name,
            standing,
            paper_due,
            report,
        });
    }
    CityTable {
        ward: w.ward.name.clone(),
        year: w.ward.year,
        period,
        blocs,
        awards,
    }
}

fn votes_of(
    status: &crate::score::Nomination,
    award: &crate::score::AwardResult,
) -> Option<(u32, u32)> {
    let base = award.vote.as_ref().map_or(0, |v| v.base);
    status.votes().map(|v| (v, base))
}

fn bloc_report(
    covenant: &Covenant,
    record: &crate::report::record::Record,
    sha256: &str,
) -> BlocReport {
    let results = &record.results;
    let scheme = &covenant.scheme;
    let units = results
        .order
        .iter()
        .map(|&u| {
            let unit = &results.units[u];
            UnitLine {
                rank: unit.rank,
                tied: unit.tied,
                unit: covenant.bloc.members[u].name.clone(),
                total: unit.total,
                band: scheme.band_label(record.period, unit.band).to_string(),
                failed: (unit.failed_vetoes.iter())
                    .map(|&i| covenant.layout.items[i].label.clone())
                    .collect(),
                nominations: (results.awards.iter())
                    .map(|award| NominationLine {
                        award: scheme.awards[award.award].title.clone(),
                        status: words::nomination(&award.statuses[u]),
                        proposed: award.statuses[u].is_proposed(),
                        pending: matches!(
                            award.statuses[u],
                            Nomination::AwaitingVote
                                | Nomination::TiedAtQuota
                                | Nomination::TiedOnVotes { .. }
                        ),
                        votes: votes_of(&award.statuses[u], award),
                    })
                    .collect(),
            }
        })
        .collect();
    BlocReport {
        version: record.version,
        provisional: record.provisional,
        number: record
            .number
            .as_ref()
            .map(|n| format!("{n}/{}", record.bloc.number_suffix)),
        date: record.date,
        signer: record.signer.name.clone(),
        sha256: sha256.to_string(),
        classified: scheme.classifies(record.period),
        units,
    }
}
