//! The meeting's minutes (biên bản hội nghị) as the reader sees them: who attended, the agenda,
//! the results adopted, the report's sections discussed, at year-end the proposals and the
//! election; signed in ink by the chair and the secretary. Each secret ballot's count record
//! (biên bản kiểm phiếu) follows on pages of its own, with its counting committee's places to
//! sign. Pure, like the report.

use crate::model::Period;
use crate::model::minutes::{Attendance, BallotCount, Person};
use crate::model::{Ballot, Covenant};
use crate::score::Results;

use super::words::{date_words, span};
use super::{
    Annex, Block, Document, Edition, MOTTO, NATION, Row, Signature, Table, column, heading,
    opening, paragraph, proposals, results_table,
};

/// What the minutes record beside the results.
pub struct MinutesData<'a> {
    pub attendance: &'a Attendance,
    pub counts: &'a [BallotCount],
    pub ballots: &'a [Ballot],
}

/// "BC-KTĐ" becomes "BB-KTĐ": minutes are numbered in the register of minutes.
fn minutes_suffix(suffix: &str) -> String {
    match suffix.strip_prefix("BC-") {
        Some(rest) => format!("BB-{rest}"),
        None => format!("BB-{suffix}"),
    }
}

fn person(p: &Person) -> String {
    if p.post.trim().is_empty() {
        p.name.clone()
    } else {
        format!("{}, {}", p.name, p.post)
    }
}

/// The minutes of the meeting whose report is `edition`, to be issued as `pdf_name`.
pub fn minutes(
    covenant: &Covenant,
    results: &Results,
    edition: &Edition,
    data: &MinutesData,
    pdf_name: &str,
) -> Document {
    let bloc = &covenant.bloc;
    let issuer = bloc.name.to_uppercase();
    let meeting = match edition.period {
        Period::MidYear => "sơ kết",
        Period::YearEnd => "tổng kết",
    };
    let subject = format!(
        "Hội nghị {meeting} phong trào thi đua {} của {}",
        span(edition.period, edition.year),
        bloc.name
    );
    let a = data.attendance;
    let mut body = vec![paragraph(format!(
        "Hôm nay, {}, tại {}, {} tổ chức Hội nghị {meeting} phong trào thi đua {}.",
        date_words(edition.date),
        bloc.place,
        bloc.name,
        span(edition.period, edition.year)
    ))];
    body.push(heading("I. THÀNH PHẦN DỰ HỌP".to_string()));
    body.push(Block::Item {
        text: format!("Chủ trì: {}.", person(&a.chair)),
    });
    body.push(Block::Item {
        text: format!("Thư ký: {}.", person(&a.secretary)),
    });
    body.push(Block::Item {
        text: format!(
            "Đại diện {}/{} đơn vị thành viên:",
            a.units.len(),
            bloc.members.len()
        ),
    });
    for member in &bloc.members {
        if let Some(d) = a.units.iter().find(|d| d.unit == member.id) {
            let people: Vec<String> = d.people.iter().map(person).collect();
            body.push(paragraph(format!(
                "+ {}: {}.",
                member.name,
                people.join("; ")
            )));
        }
    }
    let absent: Vec<&str> = bloc
        .members
        .iter()
        .filter(|m| !a.units.iter().any(|d| d.unit == m.id))
        .map(|m| m.name.as_str())
        .collect();
    if !absent.is_empty() {
        body.push(Block::Item {
            text: format!("Vắng: {}.", absent.join("; ")),
        });
    }

    body.push(heading("II. NỘI DUNG HỘI NGHỊ".to_string()));
    let titles: Vec<String> = edition
        .sections
        .iter()
        .map(|s| format!("“{}”", s.title))
        .collect();
    let mut agenda = vec![
        format!(
            "Thông qua kết quả chấm điểm, xếp hạng thi đua {} của các đơn vị thành viên.",
            span(edition.period, edition.year)
        ),
        format!(
            "Thảo luận, thống nhất các nội dung của báo cáo: {}.",
            titles.join(", ")
        ),
    ];
    if edition.period == Period::YearEnd {
        agenda.push("Biểu quyết đề nghị khen thưởng.".to_string());
        agenda.push(format!(
            "Bầu Khối trưởng, Khối phó năm {}.",
            edition.year + 1
        ));
    }
    body.extend(
        agenda
            .into_iter()
            .enumerate()
            .map(|(n, text)| paragraph(format!("{}. {text}", n + 1))),
    );

    body.push(heading("III. KẾT QUẢ HỘI NGHỊ".to_string()));
    body.push(paragraph(format!(
        "1. Hội nghị thống nhất kết quả chấm điểm, xếp hạng thi đua {} như sau:",
        span(edition.period, edition.year)
    )));
    if let Some(leaders) = opening::leaders(covenant, results) {
        body.push(paragraph(leaders));
    }
    if let Some(bands) = opening::classification(covenant, results, edition.period) {
        body.push(paragraph(bands));
    }
    body.push(Block::Table(results_table(covenant, results)));
    body.push(paragraph(format!(
        "2. Hội nghị đã thảo luận và thống nhất các nội dung của báo cáo: {}.",
        titles.join(", ")
    )));
    if edition.period == Period::YearEnd {
        body.push(paragraph("3. Đề nghị khen thưởng:".to_string()));
        body.extend(proposals::proposals(covenant, results, edition));
        body.push(paragraph(format!(
            "4. {}",
            opening::election(covenant, edition)
        )));
    }
    body.push(paragraph(
        "Biên bản đã được đọc lại trước Hội nghị và được các đại biểu dự họp thống nhất thông \
         qua."
            .to_string(),
    ));

    let ink = |role: &str, p: &Person| Signature {
        on_behalf: role.to_string(),
        role: String::new(),
        post: String::new(),
        signed_note: "(Ký, ghi rõ họ tên)".to_string(),
        name: p.name.clone(),
    };
    let suffix = minutes_suffix(&bloc.number_suffix);
    Document {
        draft: if edition.provisional {
            super::DRAFT.to_string()
        } else {
            String::new()
        },
        parent_body: bloc.parent_body.clone(),
        issuer,
        number: format!("Số:        /{suffix}"),
        nation: NATION.to_string(),
        motto: MOTTO.to_string(),
        date_line: format!("{}, {}", bloc.place, date_words(edition.date)),
        title: "BIÊN BẢN".to_string(),
        subject: subject.clone(),
        to_label: String::new(),
        to: Vec::new(),
        body,
        signature: ink("CHỦ TRÌ HỘI NGHỊ", &a.chair),
        co_signature: Some(ink("THƯ KÝ HỘI NGHỊ", &a.secretary)),
        distribution_label: String::new(),
        distribution: Vec::new(),
        annex: counts(covenant, results, edition, data, &subject),
        verification: super::verification(&edition.public_key, pdf_name),
        meta_title: format!("Biên bản {subject}"),
    }
}

/// Each award's count record: the committee, the ballots, the votes per candidate on the base
/// the award's rule uses, and the committee's places to sign.
fn counts(
    covenant: &Covenant,
    results: &Results,
    edition: &Edition,
    data: &MinutesData,
    subject: &str,
) -> Annex {
    let bloc = &covenant.bloc;
    let mut body = Vec::new();
    for (n, count) in data.counts.iter().enumerate() {
        let Some(a) = covenant
            .scheme
            .awards
            .iter()
            .position(|a| a.id == count.award)
        else {
            continue;
        };
        let award = &covenant.scheme.awards[a];
        body.push(heading(format!("{}. {}", n + 1, award.title)));
        let committee: Vec<String> = count.committee.iter().map(person).collect();
        body.push(paragraph(format!(
            "Tổ kiểm phiếu gồm: {}.",
            committee.join("; ")
        )));
        body.push(paragraph(format!(
            "Số phiếu phát ra: {}; số phiếu thu về: {}; số phiếu hợp lệ: {}; số phiếu không hợp \
             lệ: {}.",
            count.issued, count.received, count.valid, count.invalid
        )));
        let base = results
            .awards
            .iter()
            .find(|r| r.award == a)
            .and_then(|r| r.vote.as_ref())
            .map_or(count.issued, |v| v.base);
        if let Some(ballot) = data.ballots.iter().find(|b| b.award == count.award) {
            let rows = ballot
                .tally
                .iter()
                .map(|t| {
                    let name = bloc
                        .members
                        .iter()
                        .find(|m| m.id == t.unit)
                        .map_or_else(|| t.unit.clone(), |m| m.short.clone());
                    let share = if base > 0 {
                        super::dec2(
                            rust_decimal::Decimal::from(t.votes)
                                * rust_decimal::Decimal::ONE_HUNDRED
                                / rust_decimal::Decimal::from(base),
                        ) + "%"
                    } else {
                        String::new()
                    };
                    Row {
                        cells: vec![name, format!("{}/{base}", t.votes), share],
                        strong: false,
                    }
                })
                .collect();
            body.push(Block::Table(Table {
                columns: vec![
                    column("Đơn vị", "left", true),
                    column("Số phiếu", "right", false),
                    column("Tỷ lệ", "right", false),
                ],
                rows,
            }));
        }
        body.push(paragraph("Tổ kiểm phiếu ký tên:".to_string()));
        body.push(Block::SignSheet(Table {
            columns: vec![
                column("Họ và tên", "left", true),
                column("Nhiệm vụ", "left", false),
                // Room to sign in ink: the widest column, shared with the names.
                column("Ký tên", "left", true),
            ],
            rows: count
                .committee
                .iter()
                .enumerate()
                .map(|(i, p)| Row {
                    cells: vec![
                        p.name.clone(),
                        if i == 0 {
                            "Tổ trưởng"
                        } else {
                            "Thành viên"
                        }
                        .to_string(),
                        "                    ".to_string(),
                    ],
                    strong: false,
                })
                .collect(),
        }));
    }
    Annex {
        title: if body.is_empty() {
            String::new()
        } else {
            "BIÊN BẢN KIỂM PHIẾU".to_string()
        },
        subtitle: format!(
            "(kèm theo Biên bản {subject}, {})",
            date_words(edition.date)
        ),
        body,
    }
}
