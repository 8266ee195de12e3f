//! Generated blocs of any size, for benchmarks and load tests: RON text for a scheme with
//! `criteria` criteria of every scale kind in five groups, and a bloc of `units` members with
//! targets, a fully entered sheet, and the files and changes that put them on disk.

use std::fmt::Write;
use std::path::{Path, PathBuf};

use crate::model::{Covenant, Period, Sheet, Value};
use crate::store::{Cell, Change, Origin};

/// The scheme's RON text.
pub fn scheme_ron(criteria: usize) -> String {
    let groups = 5;
    let mut s = String::from(
        "Scheme(id: \"gen\", title: \"Thang điểm sinh tự động\", version: \"1\", effective: \"2026-01-01\",\n groups: [\n",
    );
    for g in 0..groups {
        let _ = writeln!(s, "  Group(code: \"G{g}\", title: \"Nhóm {g}\", items: [");
        for c in (0..criteria).filter(|c| c % groups == g) {
            let scale = match c % 5 {
                0 => {
                    "Levels([(code: \"A\", label: \"Xuất sắc\", points: 10), (code: \"B\", label: \"Tốt\", points: 8), (code: \"C\", label: \"Đạt\", points: 5), (code: \"D\", label: \"Không đạt\", points: 0)])"
                }
                1 => "MetOrNot",
                2 => "Free(step: 0.25)",
                3 => "PerOccurrence(per: -0.5, floor: 0)",
                _ => {
                    if c % 10 == 4 {
                        "Target(rule: HalfAtTarget)"
                    } else {
                        "Target(rule: Proportional)"
                    }
                }
            };
            let _ = writeln!(
                s,
                "    Criterion(code: \"C{c}\", title: \"Tiêu chí số {c}\", guidance: \"Hướng dẫn chấm tiêu chí {c}\", max: 10, scale: {scale}),"
            );
        }
        s.push_str("  ]),\n");
    }
    s.push_str(
        " ],
 bonus: (cap: 10, items: [(code: \"T1\", title: \"Thưởng\", scale: PerOccurrence(2), cap: 6)]),
 penalty: (cap: 10, items: [(code: \"K1\", title: \"Trừ\", scale: PerOccurrence(1))]),
 vetoes: [(code: \"V1\", title: \"Không vi phạm\")],
 bands: [(id: \"a\", label: \"Xuất sắc\", min: (points: 1500)), (id: \"b\", label: \"Tốt\", min: (points: 1000)), (id: \"c\", label: \"Khá\", min: (points: 500)), (id: \"d\", label: \"Không xếp loại\")],
 tie_breakers: [GroupSubtotal(\"G0\"), FewerPenalty, MoreBonus],
 awards: [(id: \"co\", title: \"Cờ thi đua\", quota: Count(1)), (id: \"bk\", title: \"Bằng khen\", quota: Percent(percent: 10, rounding: Up))],
)\n",
    );
    s
}

/// The bloc's RON text, with a target for every target criterion of every member.
pub fn bloc_ron(units: usize, criteria: usize) -> String {
    let mut s = String::from(
        "Bloc(id: \"gen\", name: \"Khối thi đua sinh tự động\", year: 2026, parent_body: \"UBND THÀNH PHỐ\",\n place: \"Thành Đông\", number_suffix: \"BC-KTĐ\", scheme: \"gen\", head: \"u0\", deputy: \"u1\",\n signer: (name: \"Nguyễn Văn A\", post: \"Chủ tịch\"),\n members: [\n",
    );
    for u in 0..units {
        let _ = writeln!(
            s,
            "  (id: \"u{u}\", name: \"Ủy ban nhân dân phường số {u}\", short: \"Phường {u}\"),"
        );
    }
    s.push_str(" ],\n targets: {\n");
    for u in 0..units {
        let _ = write!(s, "  \"u{u}\": {{");
        for c in (0..criteria).filter(|c| c % 5 == 4) {
            let _ = write!(s, "\"C{c}\": {}, ", 100 + (u * 7 + c) % 50);
        }
        s.push_str("},\n");
    }
    s.push_str(" },\n)\n");
    s
}

/// A fully entered sheet with varied values.
pub fn full_sheet(covenant: &Covenant) -> Sheet {
    let mut sheet = covenant.empty_sheet();
    for u in 0..sheet.units() {
        for (i, item) in covenant.layout.items.iter().enumerate() {
            let n = (u * 31 + i * 17) % 97;
            let value = match item.code.as_str() {
                "T1" | "K1" => Value::Count((n % 4) as u32),
                "V1" => Value::Met(n % 13 != 0),
                code => match code[1..].parse::<usize>().unwrap_or(0) % 5 {
                    0 => Value::Level(["A", "B", "C", "D"][n % 4].into()),
                    1 => Value::Met(n % 3 != 0),
                    2 => Value::Points(rust_decimal::Decimal::new((n % 41) as i64 * 25, 2)),
                    3 => Value::Count((n % 7) as u32),
                    _ => Value::Achieved(rust_decimal::Decimal::new(800 + (n as i64) * 10, 1)),
                },
            };
            sheet.set(u, i, Some(value));
        }
    }
    sheet
}

/// Writes the generated scheme and bloc under `root` as `scoring/gen.ron` and `blocs/gen.ron`,
/// the layout the loader expects; returns the bloc file.
pub fn write_files(root: &Path, units: usize, criteria: usize) -> std::io::Result<PathBuf> {
    std::fs::create_dir_all(root.join("blocs"))?;
    std::fs::create_dir_all(root.join("scoring"))?;
    std::fs::write(root.join("scoring/gen.ron"), scheme_ron(criteria))?;
    let bloc_file = root.join("blocs/gen.ron");
    std::fs::write(&bloc_file, bloc_ron(units, criteria))?;
    Ok(bloc_file)
}

/// The change that enters `sheet`'s value of one cell.
pub fn entry(sheet: &Sheet, unit: usize, item: usize) -> Change {
    Change {
        unit,
        item,
        new: Cell {
            value: sheet.get(unit, item).cloned(),
            ..Cell::default()
        },
        origin: Origin::Entry,
    }
}

/// Changes entering `sheet`'s value of every cell `period` scores, unit by unit.
pub fn entries(covenant: &Covenant, sheet: &Sheet, period: Period) -> Vec<Change> {
    (0..sheet.units())
        .flat_map(|unit| (0..sheet.items()).map(move |item| (unit, item)))
        .filter(|&(_, item)| covenant.layout.items[item].is_scored_in(period))
        .map(|(unit, item)| entry(sheet, unit, item))
        .collect()
}

/// Every written section of `period`'s report in `year`, each with a paragraph and a bullet.
pub fn sections(
    covenant: &Covenant,
    period: Period,
    year: i32,
) -> Vec<crate::report::record::WrittenSection> {
    covenant
        .scheme
        .sections
        .of(period)
        .iter()
        .map(|s| crate::report::record::WrittenSection {
            id: s.id.clone(),
            title: s.title_in(year),
            text: format!(
                "Nội dung mục {} của Khối.\n\n- một ý chính của mục.",
                s.title_in(year)
            ),
        })
        .collect()
}

/// Next year's head and deputy: the second and third members (the first heads this year), with
/// the vote of every member.
pub fn election(covenant: &Covenant) -> crate::model::election::Election {
    let members = &covenant.bloc.members;
    let id = |n: usize| members[n.min(members.len() - 1)].id.clone();
    let all = members.len() as u32;
    crate::model::election::Election {
        head: id(1),
        deputy: id(2),
        vote: Some(crate::model::election::ElectionVote {
            present: all,
            head: all,
            deputy: all.saturating_sub(1),
        }),
    }
}

/// The year-end meeting's attendance: every member present with one representative.
pub fn attendance(covenant: &Covenant) -> crate::model::minutes::Attendance {
    use crate::model::minutes::{Attendance, Delegation, Person};
    let person = |name: &str, post: &str| Person {
        name: name.to_string(),
        post: post.to_string(),
    };
    Attendance {
        chair: person("Nguyễn Văn An", "Khối trưởng"),
        secretary: person("Trần Thị Bình", "Thư ký hội nghị"),
        units: covenant
            .bloc
            .members
            .iter()
            .map(|m| Delegation {
                unit: m.id.clone(),
                people: vec![person("Lê Văn Cường", &format!("Chủ tịch UBND {}", m.name))],
            })
            .collect(),
    }
}

/// The count record of `ballot`: a committee of two, one ballot per unit present, all valid.
pub fn count(ballot: &crate::model::Ballot) -> crate::model::minutes::BallotCount {
    use crate::model::minutes::{BallotCount, Person};
    let person = |name: &str, post: &str| Person {
        name: name.to_string(),
        post: post.to_string(),
    };
    BallotCount {
        award: ballot.award.clone(),
        committee: vec![
            person("Phạm Thị Dung", "Tổ trưởng"),
            person("Hoàng Văn Em", "Thành viên"),
        ],
        issued: ballot.present,
        received: ballot.present,
        valid: ballot.present,
        invalid: 0,
    }
}

/// Each award voted on in turn, as the meeting does: every member present votes for the first
/// candidate, and one vote goes to each of the others.
pub fn ballots(covenant: &Covenant, sheet: &Sheet) -> Vec<crate::model::Ballot> {
    use crate::model::{Ballot, Tally};
    let present = covenant.bloc.members.len() as u32;
    let mut ballots: Vec<Ballot> = Vec::new();
    for (a, award) in covenant.scheme.awards.iter().enumerate() {
        let Ok(results) =
            crate::score::compute_with_votes(covenant, Period::YearEnd, sheet, &ballots)
        else {
            break;
        };
        let running = crate::score::candidates(&results.awards[a]);
        if running.is_empty() {
            continue;
        }
        ballots.push(Ballot {
            award: award.id.clone(),
            present,
            tally: (running.iter().enumerate())
                .map(|(n, &u)| Tally {
                    unit: covenant.bloc.members[u].id.clone(),
                    votes: if n == 0 { present } else { 1 },
                })
                .collect(),
        });
    }
    ballots
}

/// A session of `period` in `year` complete enough for a final report: every cell entered from
/// [`full_sheet`], frozen at `frozen_at`, every section written and, at year-end, every award
/// voted on, the election, the attendance and each ballot's count record.
pub fn session_data(
    covenant: &Covenant,
    period: Period,
    year: i32,
    frozen_at: chrono::DateTime<chrono::FixedOffset>,
) -> crate::report::summary::SessionData {
    let sheet = full_sheet(covenant);
    let entries = crate::report::summary::entries(covenant, |u, i| Cell {
        value: sheet.get(u, i).cloned(),
        ..Cell::default()
    });
    let year_end = period == Period::YearEnd;
    let votes = if year_end {
        ballots(covenant, &sheet)
    } else {
        Vec::new()
    };
    crate::report::summary::SessionData {
        entries,
        frozen_at: Some(frozen_at),
        sections: sections(covenant, period, year),
        election: year_end.then(|| election(covenant)),
        attendance: year_end.then(|| attendance(covenant)),
        counts: votes.iter().map(count).collect(),
        votes,
        ..Default::default()
    }
}
