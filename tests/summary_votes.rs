//! The year-end summary carries the members' votes: in the report's text and table, in the
//! spreadsheet, and in the signed record, from which `verify` recomputes the same outcome.

use std::path::Path;

mod common;

use chrono::{NaiveDate, TimeZone};
use minisign::KeyPair;

use thidua::model::{Ballot, Period, Tally, value};
use thidua::report::document::{self, Block, Edition};
use thidua::report::record::{Record, RecordEntry};
use thidua::report::summary::{self, Request, SessionData};
use thidua::report::{pdf, verify};
use thidua::score::{self, Nomination, Results, candidates};
use thidua::store::load_covenant;

fn year_end_entries(covenant: &thidua::model::Covenant) -> Vec<RecordEntry> {
    let mut reader = csv::Reader::from_path("tests/data/khoi-8-year-end.csv").unwrap();
    reader
        .records()
        .map(|row| {
            let row = row.unwrap();
            let item = covenant.layout.index_of(&row[1]).unwrap();
            RecordEntry {
                unit: row[0].to_string(),
                item: row[1].to_string(),
                value: value::parse(&covenant.layout.items[item], &row[2]).unwrap(),
                note: String::new(),
                reason: String::new(),
            }
        })
        .collect()
}

/// Votes each award in turn, as the meeting does: the first candidate gets every vote of the
/// 8 present, the others one each.
fn vote_everything(
    covenant: &thidua::model::Covenant,
    sheet: &thidua::model::Sheet,
) -> (Vec<Ballot>, Results) {
    let mut ballots: Vec<Ballot> = Vec::new();
    for a in 0..covenant.scheme.awards.len() {
        let results = score::compute_with_votes(covenant, Period::YearEnd, sheet, &ballots)
            .expect("the engine computes");
        let running = candidates(&results.awards[a]);
        if running.is_empty() {
            continue;
        }
        ballots.push(Ballot {
            award: covenant.scheme.awards[a].id.clone(),
            present: 8,
            tally: running
                .iter()
                .enumerate()
                .map(|(n, &u)| Tally {
                    unit: covenant.bloc.members[u].id.clone(),
                    votes: if n == 0 { 8 } else { 1 },
                })
                .collect(),
        });
    }
    let results = score::compute_with_votes(covenant, Period::YearEnd, sheet, &ballots)
        .expect("the engine computes");
    (ballots, results)
}

#[test]
fn the_year_end_summary_states_the_votes_and_verify_recomputes_them() {
    let loaded = load_covenant(Path::new("blocs/khoi-8.ron")).unwrap();
    let covenant = &loaded.covenant;
    let entries = year_end_entries(covenant);
    let mut sheet = covenant.empty_sheet();
    for e in &entries {
        sheet.set(
            covenant.unit_index(&e.unit).unwrap(),
            covenant.layout.index_of(&e.item).unwrap(),
            Some(e.value.clone()),
        );
    }
    let (ballots, results) = vote_everything(covenant, &sheet);
    assert!(!ballots.is_empty(), "the sample has awards voted on");
    let flag = &results.awards[0];
    let elected: Vec<usize> = (0..8)
        .filter(|&u| matches!(flag.statuses[u], Nomination::Elected { votes: 8 }))
        .collect();
    assert_eq!(elected.len(), 1, "{:?}", flag.statuses);
    let vote = flag.vote.clone().unwrap();
    // More than half of 8 present: 5.
    assert_eq!((vote.present, vote.needed, vote.stale), (8, Some(5), false));

    // Without the votes the summary cannot be final; with them and frozen, it is.
    let gaps = summary::gaps(
        covenant,
        &score::compute(covenant, Period::YearEnd, &sheet).expect("the engine computes"),
        &common::session_data(covenant, Period::YearEnd, true, &[]),
    );
    assert!(
        gaps.iter()
            .any(|g| matches!(g, summary::Gap::AwaitingVote(0, _))),
        "{gaps:?}"
    );
    assert!(
        summary::gaps(
            covenant,
            &results,
            &common::session_data(covenant, Period::YearEnd, true, &[])
        )
        .is_empty()
    );

    let out = tempfile::tempdir().unwrap();
    let keys = KeyPair::generate_unencrypted_keypair().unwrap();
    let signed_at = thidua::store::records::vietnam()
        .with_ymd_and_hms(2026, 12, 18, 10, 0, 0)
        .unwrap();
    let data = SessionData {
        entries,
        votes: ballots.clone(),
        frozen_at: Some(signed_at),
        sections: thidua::synthetic::sections(covenant, Period::YearEnd, 2026),
        election: Some(thidua::synthetic::election(covenant)),
        attendance: Some(thidua::synthetic::attendance(covenant)),
        counts: ballots.iter().map(thidua::synthetic::count).collect(),
        ..SessionData::default()
    };
    let request = Request {
        year: 2026,
        period: Period::YearEnd,
        number: None,
        date: NaiveDate::from_ymd_opt(2026, 12, 18).unwrap(),
        provisional: false,
        recipients: None,
        out_dir: out.path().to_path_buf(),
    };
    let issued = summary::issue(&loaded, data, &request, &keys.sk, &keys.pk, signed_at).unwrap();
    assert!(!issued.provisional);

    // The record holds the tallies and the time of freezing; verify recomputes the outcome.
    let record = Record::from_ron(&std::fs::read_to_string(&issued.record).unwrap()).unwrap();
    assert_eq!(record.votes, ballots);
    assert_eq!(record.frozen_at, Some(signed_at));
    assert_eq!(record.results, results);
    let (_, recomputed) = verify::recompute(&record).unwrap();
    assert_eq!(recomputed.awards, results.awards);
    // Without its votes the same record no longer recomputes to what was signed.
    let mut stripped = record.clone();
    stripped.votes.clear();
    let (_, without) = verify::recompute(&stripped).unwrap();
    assert_ne!(without.awards, record.results.awards);

    // The report states the vote in words and in a table.
    let edition = Edition {
        year: 2026,
        period: Period::YearEnd,
        version: 1,
        number: None,
        date: request.date,
        provisional: false,
        public_key: String::new(),
        replaces: None,
        pdf_name: "x.pdf".into(),
        sections: Vec::new(),
        recipients: Vec::new(),
        election: None,
    };
    let doc = document::document(covenant, &results, &edition);
    let winner = &covenant.bloc.members[elected[0]].short;
    // Words as laid out, lines joined: a phrase may wrap.
    let text = pdf::layout_text(&doc)
        .unwrap()
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(text.contains("biểu quyết: 8 thành viên có mặt"), "{text}");
    assert!(text.contains("tức ít nhất 5/8 phiếu"), "{text}");
    assert!(
        text.contains(&format!("đề nghị {winner} (8/8 phiếu)")),
        "{text}"
    );
    let table = doc
        .body
        .iter()
        .find_map(|b| match b {
            Block::Table(t) if t.columns.iter().any(|c| c.title == "Số phiếu") => Some(t),
            _ => None,
        })
        .expect("a table of the votes");
    let row = table
        .rows
        .iter()
        .find(|r| r.cells[0] == *winner)
        .expect("the winner's row");
    assert_eq!(row.cells[1..], ["8/8", "100,00%", "Đề nghị"]);

    // The spreadsheet has the votes sheet, one row per candidate.
    let xlsx = issued
        .files
        .iter()
        .find(|f| f.extension().is_some_and(|e| e == "xlsx"))
        .unwrap();
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(xlsx).unwrap();
    let sheet = book.worksheet_range("Biểu quyết").unwrap();
    let candidates_voted: usize = ballots.iter().map(|b| b.tally.len()).sum();
    // A title row, a blank, the header rows, then the candidates.
    let rows: Vec<_> = sheet
        .rows()
        .filter(|r| {
            r.get(5)
                .is_some_and(|c| matches!(c, calamine::Data::Float(_) | calamine::Data::Int(_)))
        })
        .collect();
    assert_eq!(rows.len(), candidates_voted);
}

#[test]
fn a_vote_on_all_members_is_stated_on_all_members() {
    // Six of the eight members present; the Prime Minister's award needs more than half of all
    // eight. Its candidate's 4 votes are 4 of 8, 50 %, and not enough: not 4 of 6, 66.67 %.
    let loaded = load_covenant(Path::new("blocs/khoi-8.ron")).unwrap();
    let covenant = &loaded.covenant;
    let mut sheet = covenant.empty_sheet();
    for e in year_end_entries(covenant) {
        sheet.set(
            covenant.unit_index(&e.unit).unwrap(),
            covenant.layout.index_of(&e.item).unwrap(),
            Some(e.value),
        );
    }
    let ttg = covenant
        .scheme
        .awards
        .iter()
        .position(|a| a.id == "bang-khen-ttg")
        .unwrap();
    let mut ballots: Vec<Ballot> = Vec::new();
    for a in 0..=ttg {
        let results = score::compute_with_votes(covenant, Period::YearEnd, &sheet, &ballots)
            .expect("the engine computes");
        let running = candidates(&results.awards[a]);
        ballots.push(Ballot {
            award: covenant.scheme.awards[a].id.clone(),
            present: 6,
            tally: running
                .iter()
                .map(|&u| Tally {
                    unit: covenant.bloc.members[u].id.clone(),
                    votes: 4,
                })
                .collect(),
        });
    }
    let results = score::compute_with_votes(covenant, Period::YearEnd, &sheet, &ballots).unwrap();
    let award = &results.awards[ttg];
    let vote = award.vote.clone().unwrap();
    assert_eq!((vote.present, vote.base, vote.needed), (6, 8, Some(5)));
    let failed = (0..8)
        .find(|&u| matches!(award.statuses[u], Nomination::NotElected { votes: 4 }))
        .expect("the candidate fails the vote");
    let edition = Edition {
        year: 2026,
        period: Period::YearEnd,
        version: 1,
        number: None,
        date: NaiveDate::from_ymd_opt(2026, 12, 18).unwrap(),
        provisional: false,
        public_key: String::new(),
        replaces: None,
        pdf_name: "x.pdf".into(),
        sections: Vec::new(),
        recipients: Vec::new(),
        election: None,
    };
    let doc = document::document(covenant, &results, &edition);
    let unit = &covenant.bloc.members[failed].short;
    let row = doc
        .body
        .iter()
        .filter_map(|b| match b {
            Block::Table(t) if t.columns.iter().any(|c| c.title == "Số phiếu") => Some(t),
            _ => None,
        })
        .flat_map(|t| t.rows.iter())
        .find(|r| r.cells[0] == *unit && r.cells[3] == "Không đạt tỷ lệ phiếu")
        .expect("the failed candidate's row");
    assert_eq!(row.cells[1..3], ["4/8", "50,00%"]);
    let text = pdf::layout_text(&doc)
        .unwrap()
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(text.contains(&format!("{unit} (4/8 phiếu)")), "{text}");
}

#[test]
fn a_unit_that_fails_a_vote_and_moves_down_says_so_and_so_does_the_unit_it_displaces() {
    // The Prime Minister's award is voted down (4 of 8): its candidate is considered for the
    // city's award next and takes one of its places; the unit it pushes out is told why.
    let loaded = load_covenant(Path::new("blocs/khoi-8.ron")).unwrap();
    let covenant = &loaded.covenant;
    let mut sheet = covenant.empty_sheet();
    for e in year_end_entries(covenant) {
        sheet.set(
            covenant.unit_index(&e.unit).unwrap(),
            covenant.layout.index_of(&e.item).unwrap(),
            Some(e.value),
        );
    }
    let index = |id: &str| {
        covenant
            .scheme
            .awards
            .iter()
            .position(|a| a.id == id)
            .unwrap()
    };
    let (flag, ttg, city) = (
        index("co-thi-dua"),
        index("bang-khen-ttg"),
        index("bang-khen-ubnd"),
    );
    let mut ballots: Vec<Ballot> = Vec::new();
    for (a, votes) in [(flag, 8), (ttg, 4)] {
        let results = score::compute_with_votes(covenant, Period::YearEnd, &sheet, &ballots)
            .expect("the engine computes");
        let running = candidates(&results.awards[a]);
        ballots.push(Ballot {
            award: covenant.scheme.awards[a].id.clone(),
            present: 8,
            tally: running
                .iter()
                .map(|&u| Tally {
                    unit: covenant.bloc.members[u].id.clone(),
                    votes,
                })
                .collect(),
        });
    }
    let results = score::compute_with_votes(covenant, Period::YearEnd, &sheet, &ballots).unwrap();
    let failed = (0..8)
        .find(|&u| {
            matches!(
                results.awards[ttg].statuses[u],
                Nomination::NotElected { .. }
            )
        })
        .expect("the Prime Minister's candidate fails");
    let moves = &results.awards[city].moves;
    assert!(
        moves.contains(&score::Move::CameDown {
            unit: failed,
            from: ttg
        }),
        "{moves:?}"
    );
    assert!(results.awards[city].statuses[failed].is_proposed());
    let displaced = moves
        .iter()
        .find_map(|m| match m {
            score::Move::Displaced { unit, by } if by == &vec![failed] => Some(*unit),
            _ => None,
        })
        .expect("a unit pushed out of the city's award");
    assert_eq!(
        results.awards[city].statuses[displaced],
        Nomination::BeyondQuota
    );
    // Without the failed vote, the displaced unit had its place.
    let before =
        score::compute_with_votes(covenant, Period::YearEnd, &sheet, &ballots[..1]).unwrap();
    assert!(before.awards[city].statuses[displaced].is_proposed());

    // In words, in both languages and in the report.
    use thidua::i18n::Lang;
    let (mover, pushed) = (
        &covenant.bloc.members[failed].short,
        &covenant.bloc.members[displaced].short,
    );
    let vi = Lang::Vi
        .move_note(covenant, &results.awards[city], displaced)
        .unwrap();
    assert_eq!(vi, format!("ngoài chỉ tiêu do {mover} chuyển xuống"));
    let en = Lang::En
        .move_note(covenant, &results.awards[city], failed)
        .unwrap();
    assert_eq!(en, "after the vote on Bằng khen của Thủ tướng Chính phủ");
    let edition = Edition {
        year: 2026,
        period: Period::YearEnd,
        version: 1,
        number: None,
        date: NaiveDate::from_ymd_opt(2026, 12, 18).unwrap(),
        provisional: false,
        public_key: String::new(),
        replaces: None,
        pdf_name: "x.pdf".into(),
        sections: Vec::new(),
        recipients: Vec::new(),
        election: None,
    };
    let doc = document::document(covenant, &results, &edition);
    let text = pdf::layout_text(&doc)
        .unwrap()
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        text.contains(&format!(
            "{mover} không đạt biểu quyết Bằng khen của Thủ tướng Chính phủ nên được xét danh hiệu này"
        )),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "{pushed} vì thế ngoài chỉ tiêu (do {mover} chuyển xuống)"
        )),
        "{text}"
    );
}
