//! `thidua results BLOC --period P`: the engine's results as a table, CSV or RON.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::i18n::{Label, Lang};
use crate::model::{Covenant, Period};
use crate::score::{Ineligibility, Nomination, Results};

use super::out;
use super::table::{Align, Table};
use super::{Access, OpenRecords, SessionArgs, computed, load, open_records};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Table,
    Csv,
    Ron,
}

pub fn run(lang: Lang, session: &SessionArgs, format: Format) -> u8 {
    let (loaded, bloc_file) = match load(lang, session) {
        Ok(l) => l,
        Err(code) => return code,
    };
    let covenant = &loaded.covenant;
    let OpenRecords { year, records, .. } =
        match open_records(lang, session, &bloc_file, covenant, Access::Read) {
            Ok(o) => o,
            Err(code) => return code,
        };
    let results = match computed(lang, covenant, crate::session::results(&records)) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let out = match format {
        Format::Table => table(lang, covenant, year, &results),
        Format::Csv => csv(covenant, &results),
        Format::Ron => {
            ron::ser::to_string_pretty(
                &export(covenant, year, &results),
                ron::ser::PrettyConfig::default(),
            )
            .expect("results serialise")
                + "\n"
        }
    };
    out!("{out}");
    0
}

fn period_label(lang: Lang, period: Period) -> &'static str {
    match period {
        Period::MidYear => lang.label(Label::MidYear),
        Period::YearEnd => lang.label(Label::YearEnd),
    }
}

fn rank_text(lang: Lang, rank: usize, tied: bool) -> String {
    if tied {
        format!("{rank} ({})", lang.label(Label::Tied))
    } else {
        rank.to_string()
    }
}

pub fn table(lang: Lang, c: &Covenant, year: i32, r: &Results) -> String {
    let top: Vec<usize> = c.layout.top_groups().collect();
    let mut head = vec![
        lang.label(Label::Rank).to_string(),
        lang.label(Label::Unit).to_string(),
    ];
    head.extend(top.iter().map(|&g| c.layout.groups[g].label.clone()));
    for l in [
        Label::Bonus,
        Label::Penalty,
        Label::Total,
        Label::Band,
        Label::Vetoes,
        Label::Missing,
    ] {
        head.push(lang.label(l).to_string());
    }
    let mut align = vec![Align::Right, Align::Left];
    align.extend(top.iter().map(|_| Align::Right));
    align.extend([
        Align::Right,
        Align::Right,
        Align::Right,
        Align::Left,
        Align::Left,
        Align::Right,
    ]);
    let rows = r
        .order
        .iter()
        .map(|&u| {
            let unit = &r.units[u];
            let mut row = vec![
                rank_text(lang, unit.rank, unit.tied),
                c.bloc.members[u].short.clone(),
            ];
            row.extend(top.iter().map(|&g| lang.dec2(unit.groups[g])));
            row.push(lang.dec2(unit.bonus));
            row.push(lang.dec2(unit.penalty));
            row.push(lang.dec2(unit.total));
            row.push(c.scheme.band_label(r.period, unit.band).to_string());
            row.push(
                unit.failed_vetoes
                    .iter()
                    .map(|&i| c.layout.items[i].label.clone())
                    .collect::<Vec<_>>()
                    .join(", "),
            );
            row.push(if unit.missing > 0 {
                unit.missing.to_string()
            } else {
                String::new()
            });
            row
        })
        .collect();
    let mut out = format!(
        "{} · {} {year} · {}: {}/{}\n\n",
        c.bloc.name,
        period_label(lang, r.period),
        lang.label(Label::Entered),
        r.entered,
        r.needed
    );
    out.push_str(&Table { head, align, rows }.render());
    if !r.awards.is_empty() {
        out.push_str(&format!("\n{}\n", lang.label(Label::Nominations)));
        for a in &r.awards {
            let award = &c.scheme.awards[a.award];
            out.push_str(&format!(
                "- {} ({}: {}):",
                award.title,
                lang.label(Label::Quota),
                a.quota
            ));
            let mut any = false;
            for &u in &r.order {
                let note = lang.move_note(c, a, u);
                let label = match (lang.nomination(&a.statuses[u]), note) {
                    (Some(label), Some(note)) => format!("{label}, {note}"),
                    (Some(label), None) => label,
                    (None, Some(note)) => note,
                    (None, None) => continue,
                };
                any = true;
                out.push_str(&format!(" {} ({label});", c.bloc.members[u].short));
            }
            if !any {
                out.push_str(" —");
            }
            out.push('\n');
        }
    }
    out
}

fn csv(c: &Covenant, r: &Results) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let top: Vec<usize> = c.layout.top_groups().collect();
    let mut head = vec![
        "rank".to_string(),
        "tied".into(),
        "unit".into(),
        "short".into(),
    ];
    head.extend(top.iter().map(|&g| c.layout.groups[g].code.clone()));
    head.extend(
        [
            "bonus",
            "penalty",
            "total",
            "band",
            "failed_vetoes",
            "missing",
        ]
        .map(String::from),
    );
    w.write_record(&head).expect("in memory");
    for &u in &r.order {
        let unit = &r.units[u];
        let m = &c.bloc.members[u];
        let mut row = vec![
            unit.rank.to_string(),
            unit.tied.to_string(),
            m.id.clone(),
            m.short.clone(),
        ];
        row.extend(top.iter().map(|&g| unit.groups[g].to_string()));
        row.push(unit.bonus.to_string());
        row.push(unit.penalty.to_string());
        row.push(unit.total.to_string());
        row.push(c.scheme.band_id(r.period, unit.band).to_string());
        row.push(
            unit.failed_vetoes
                .iter()
                .map(|&i| c.layout.items[i].code.clone())
                .collect::<Vec<_>>()
                .join(" "),
        );
        row.push(unit.missing.to_string());
        w.write_record(&row).expect("in memory");
    }
    String::from_utf8(w.into_inner().expect("in memory")).expect("utf-8 in, utf-8 out")
}

/// The results with ids and codes in place of indices, for files read by people and programs.
#[derive(Debug, Serialize)]
pub struct Export {
    pub bloc: String,
    pub scheme: String,
    pub scheme_version: String,
    pub year: i32,
    pub period: Period,
    pub entered: usize,
    pub needed: usize,
    pub units: Vec<UnitExport>,
    pub awards: Vec<AwardExport>,
    pub missing: Vec<(String, String)>,
}

#[derive(Debug, Serialize)]
pub struct UnitExport {
    pub rank: usize,
    pub tied: bool,
    pub unit: String,
    pub groups: BTreeMap<String, Decimal>,
    pub points: BTreeMap<String, Decimal>,
    pub bonus: Decimal,
    pub penalty: Decimal,
    pub total: Decimal,
    pub band: String,
    pub failed_vetoes: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct AwardExport {
    pub award: String,
    pub quota: usize,
    pub nominations: BTreeMap<String, NominationExport>,
}

/// A nomination with veto codes and award ids in place of positions.
#[derive(Debug, Serialize)]
pub enum NominationExport {
    Proposed,
    AwaitingVote,
    TiedAtQuota,
    Elected { votes: u32 },
    NotElected { votes: u32 },
    OutvotedAtQuota { votes: u32 },
    TiedOnVotes { votes: u32 },
    BeyondQuota,
    Ineligible(Vec<IneligibilityExport>),
}

#[derive(Debug, Serialize)]
pub enum IneligibilityExport {
    BandBelow,
    TotalBelow,
    Vetoed(Vec<String>),
    ProposedForEarlier(String),
}

fn nomination_export(c: &Covenant, n: &Nomination) -> NominationExport {
    match n {
        Nomination::Proposed => NominationExport::Proposed,
        Nomination::AwaitingVote => NominationExport::AwaitingVote,
        Nomination::TiedAtQuota => NominationExport::TiedAtQuota,
        Nomination::Elected { votes } => NominationExport::Elected { votes: *votes },
        Nomination::NotElected { votes } => NominationExport::NotElected { votes: *votes },
        Nomination::OutvotedAtQuota { votes } => {
            NominationExport::OutvotedAtQuota { votes: *votes }
        }
        Nomination::TiedOnVotes { votes } => NominationExport::TiedOnVotes { votes: *votes },
        Nomination::BeyondQuota => NominationExport::BeyondQuota,
        Nomination::Ineligible(why) => NominationExport::Ineligible(
            why.iter()
                .map(|w| match w {
                    Ineligibility::BandBelow => IneligibilityExport::BandBelow,
                    Ineligibility::TotalBelow => IneligibilityExport::TotalBelow,
                    Ineligibility::Vetoed(items) => IneligibilityExport::Vetoed(
                        items
                            .iter()
                            .map(|&i| c.layout.items[i].code.clone())
                            .collect(),
                    ),
                    Ineligibility::ProposedForEarlier(a) => {
                        IneligibilityExport::ProposedForEarlier(c.scheme.awards[*a].id.clone())
                    }
                })
                .collect(),
        ),
    }
}

pub fn export(c: &Covenant, year: i32, r: &Results) -> Export {
    let code = |i: usize| c.layout.items[i].code.clone();
    let id = |u: usize| c.bloc.members[u].id.clone();
    Export {
        bloc: c.bloc.id.clone(),
        scheme: c.scheme.id.clone(),
        scheme_version: c.scheme.version.clone(),
        year,
        period: r.period,
        entered: r.entered,
        needed: r.needed,
        units: r
            .order
            .iter()
            .map(|&u| {
                let unit = &r.units[u];
                UnitExport {
                    rank: unit.rank,
                    tied: unit.tied,
                    unit: id(u),
                    groups: c
                        .layout
                        .groups
                        .iter()
                        .zip(&unit.groups)
                        .map(|(g, v)| (g.code.clone(), *v))
                        .collect(),
                    points: unit
                        .points
                        .iter()
                        .enumerate()
                        .filter_map(|(i, p)| p.map(|p| (code(i), p)))
                        .collect(),
                    bonus: unit.bonus,
                    penalty: unit.penalty,
                    total: unit.total,
                    band: c.scheme.band_id(r.period, unit.band).to_string(),
                    failed_vetoes: unit.failed_vetoes.iter().map(|&i| code(i)).collect(),
                }
            })
            .collect(),
        awards: r
            .awards
            .iter()
            .map(|a| AwardExport {
                award: c.scheme.awards[a.award].id.clone(),
                quota: a.quota,
                nominations: a
                    .statuses
                    .iter()
                    .enumerate()
                    .map(|(u, s)| (id(u), nomination_export(c, s)))
                    .collect(),
            })
            .collect(),
        missing: r.missing.iter().map(|&(u, i)| (id(u), code(i))).collect(),
    }
}
