//! The report as the reader sees it: every line of the official document, already worded and
//! formatted, in Vietnamese (the language of the administrative document whatever the screen's
//! language). The PDF template only lays these strings out; it never sees markup from the user.
//!
//! Pure: no I/O, so the wording is tested without rendering.

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use serde::Serialize;

use crate::model::layout::{ItemKind, Rule};
use crate::model::{Covenant, Period, Value};
use crate::score::{Nomination, Results};

/// What makes one issue of a report: the session it reports and how it is numbered and dated.
#[derive(Debug, Clone, PartialEq)]
pub struct Edition {
    pub year: i32,
    pub period: Period,
    /// 1 for the first signed issue, 2 for the one that replaces it, …
    pub version: u32,
    /// The document number ("12" in "Số: 12/BC-KTĐ"); left blank for the clerk when absent.
    pub number: Option<String>,
    pub date: NaiveDate,
    /// A draft: the session is incomplete and every document says "DỰ THẢO".
    pub provisional: bool,
    /// The signer's minisign public key, base64, as `minisign -P` takes it.
    pub public_key: String,
    /// The PDF's file name, for the check command printed on it.
    pub pdf_name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Document {
    /// "DỰ THẢO" on a provisional issue, empty otherwise.
    pub draft: String,
    pub parent_body: String,
    /// "KHỐI THI ĐUA SỐ 8".
    pub issuer: String,
    /// "Số: 12/BC-KTĐ", or "Số:      /BC-KTĐ" for the clerk to fill.
    pub number: String,
    /// The national motto and the motto line.
    pub nation: String,
    pub motto: String,
    /// "Thành Đông, ngày 05 tháng 7 năm 2026", set in italics.
    pub date_line: String,
    /// "BÁO CÁO".
    pub title: String,
    /// "Sơ kết phong trào thi đua 6 tháng đầu năm 2026 của Khối thi đua số 8".
    pub subject: String,
    /// "Kính gửi:" followed by these, one per line.
    pub to_label: String,
    pub to: Vec<String>,
    pub body: Vec<Block>,
    pub signature: Signature,
    /// "Nơi nhận:" and its lines ("- …;", the last "- Lưu: VT, …").
    pub distribution_label: String,
    pub distribution: Vec<String>,
    pub annex: Annex,
    /// The last lines: what the signature is and how to check it.
    pub verification: Vec<String>,
    /// The document's metadata title.
    pub meta_title: String,
}

/// A piece of the body, in order.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Block {
    Heading {
        text: String,
    },
    Paragraph {
        text: String,
    },
    /// A list item, set with a leading dash.
    Item {
        text: String,
    },
    Table(Table),
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Table {
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Column {
    pub title: String,
    /// "left", "right" or "center".
    pub align: &'static str,
    /// Takes the remaining width (a name column) rather than fitting its content.
    pub wide: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    pub cells: Vec<String>,
    /// A subtotal or total row, set in bold.
    pub strong: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Signature {
    /// "TM. KHỐI THI ĐUA SỐ 8".
    pub on_behalf: String,
    /// "KHỐI TRƯỞNG".
    pub role: String,
    /// The signer's post in capitals: "CHỦ TỊCH UBND PHƯỜNG THÀNH ĐÔNG".
    pub post: String,
    /// Where a wet signature would go, the note that the file is signed electronically.
    pub signed_note: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Annex {
    /// "PHỤ LỤC".
    pub title: String,
    pub subtitle: String,
    pub body: Vec<Block>,
}

/// Unit columns per table in the annex: more do not fit across A4 portrait.
pub const ANNEX_UNITS_PER_TABLE: usize = 8;

/// The national motto, as Decree 30 sets it.
pub const NATION: &str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
pub const MOTTO: &str = "Độc lập - Tự do - Hạnh phúc";
pub const DRAFT: &str = "DỰ THẢO";

/// Words the document and the spreadsheet share.
pub mod words {
    pub const RANK: &str = "Hạng";
    pub const UNIT: &str = "Đơn vị";
    pub const BONUS: &str = "Điểm thưởng";
    pub const PENALTY: &str = "Điểm trừ";
    pub const TOTAL: &str = "Tổng điểm";
    pub const BAND: &str = "Xếp loại";
    pub const CODE: &str = "Mã";
    pub const CRITERION: &str = "Tiêu chí";
    pub const MAX: &str = "Điểm tối đa";
    pub const MET: &str = "Đạt";
    pub const NOT_MET: &str = "Không đạt";
    pub const TIED: &str = "đồng hạng";
    pub const VETOES: &str = "Điều kiện không đạt";
}

/// Builds the document for `results` (which must be `compute`d for `edition.period`).
pub fn document(covenant: &Covenant, results: &Results, edition: &Edition) -> Document {
    let bloc = &covenant.bloc;
    let issuer = bloc.name.to_uppercase();
    let suffix = &bloc.number_suffix;
    let number = match &edition.number {
        Some(n) => format!("Số: {n}/{suffix}"),
        None => format!("Số:        /{suffix}"),
    };
    let subject = match edition.period {
        Period::MidYear => format!(
            "Sơ kết phong trào thi đua 6 tháng đầu năm {} của {}",
            edition.year, bloc.name
        ),
        Period::YearEnd => format!(
            "Tổng kết phong trào thi đua năm {} của {}",
            edition.year, bloc.name
        ),
    };
    let mut distribution: Vec<String> = bloc.recipients.iter().map(|r| format!("- {r};")).collect();
    distribution.push("- Các đơn vị thành viên Khối;".to_string());
    distribution.push(format!("- Lưu: VT, {}.", initials(&bloc.name)));
    Document {
        draft: if edition.provisional {
            DRAFT.to_string()
        } else {
            String::new()
        },
        parent_body: bloc.parent_body.clone(),
        issuer: issuer.clone(),
        number,
        nation: NATION.to_string(),
        motto: MOTTO.to_string(),
        date_line: format!("{}, {}", bloc.place, date_words(edition.date)),
        title: "BÁO CÁO".to_string(),
        subject: subject.clone(),
        to_label: "Kính gửi:".to_string(),
        to: bloc.recipients.clone(),
        body: body(covenant, results, edition),
        signature: Signature {
            on_behalf: format!("TM. {issuer}"),
            role: "KHỐI TRƯỞNG".to_string(),
            post: bloc.signer.post.to_uppercase(),
            signed_note: if edition.provisional {
                "(Dự thảo, chưa ký)".to_string()
            } else {
                "(Đã ký điện tử)".to_string()
            },
            name: bloc.signer.name.clone(),
        },
        distribution_label: "Nơi nhận:".to_string(),
        distribution,
        annex: annex(covenant, results, edition),
        verification: vec![
            format!(
                "Tệp này được ký bằng khóa minisign của Khối trưởng, khóa công khai: {}",
                edition.public_key
            ),
            format!(
                "Kiểm tra: minisign -Vm {} -P {}",
                edition.pdf_name, edition.public_key
            ),
            "Chữ ký này xác nhận tệp không bị thay đổi; đây không phải chữ ký số do tổ chức \
             chứng thực (CA) cấp."
                .to_string(),
        ],
        meta_title: format!("Báo cáo {subject}"),
    }
}

fn body(covenant: &Covenant, results: &Results, edition: &Edition) -> Vec<Block> {
    let bloc = &covenant.bloc;
    let scheme = &covenant.scheme;
    let mut blocks = Vec::new();
    let half = span(edition.period, edition.year);
    blocks.push(heading(format!(
        "I. KẾT QUẢ THỰC HIỆN GIAO ƯỚC THI ĐUA {}",
        half.to_uppercase()
    )));
    let basis = if scheme.legal_basis.trim().is_empty() {
        String::new()
    } else {
        format!(" ({})", scheme.legal_basis.trim().trim_end_matches('.'))
    };
    blocks.push(paragraph(format!(
        "Thực hiện giao ước thi đua năm {}, {} gồm {} đơn vị thành viên đã chấm điểm kết quả \
         thi đua {} theo {}{}. Điểm tối đa theo tiêu chí là {} điểm, cộng điểm thưởng và trừ \
         điểm trừ theo quy định.",
        edition.year,
        bloc.name,
        bloc.members.len(),
        half,
        scheme.title,
        basis,
        dec(covenant.layout.max_total(Some(edition.period))),
    )));
    if results.missing.is_empty() {
        blocks.push(paragraph(format!(
            "Đã chấm đủ {} nội dung cho tất cả các đơn vị.",
            results.needed
        )));
    } else {
        blocks.push(paragraph(format!(
            "Đến thời điểm lập báo cáo, đã chấm {} trên {} nội dung; còn {} nội dung chưa chấm. \
             Kết quả dưới đây là dự thảo.",
            results.entered,
            results.needed,
            results.missing.len()
        )));
    }
    if let Some(&first) = results.order.first() {
        let unit = &results.units[first];
        let leaders: Vec<&str> = results
            .order
            .iter()
            .filter(|&&u| results.units[u].rank == 1)
            .map(|&u| bloc.members[u].short.as_str())
            .collect();
        let leader_text = if leaders.len() > 1 {
            format!(
                "Các đơn vị {} đồng hạng nhất với {} điểm",
                join_vi(&leaders),
                dec(unit.total)
            )
        } else {
            format!(
                "Đơn vị đạt điểm cao nhất là {} với {} điểm",
                bloc.members[first].name,
                dec(unit.total)
            )
        };
        let bands: Vec<String> = scheme
            .bands
            .iter()
            .enumerate()
            .filter_map(|(b, band)| {
                let n = results.units.iter().filter(|u| u.band == b).count();
                (n > 0).then(|| format!("{n} đơn vị xếp loại {}", band.label))
            })
            .collect();
        blocks.push(paragraph(format!(
            "{leader_text}. Về xếp loại: {}.",
            bands.join("; ")
        )));
        let vetoed: Vec<String> = results
            .order
            .iter()
            .filter(|&&u| !results.units[u].failed_vetoes.is_empty())
            .map(|&u| {
                let codes: Vec<&str> = results.units[u]
                    .failed_vetoes
                    .iter()
                    .map(|&i| covenant.layout.items[i].title.as_str())
                    .collect();
                format!("{} ({})", bloc.members[u].short, codes.join("; "))
            })
            .collect();
        if !vetoed.is_empty() {
            blocks.push(paragraph(format!(
                "Đơn vị không đạt điều kiện bắt buộc: {}.",
                vetoed.join(", ")
            )));
        }
    }
    blocks.push(heading(format!(
        "II. BẢNG TỔNG HỢP ĐIỂM VÀ XẾP HẠNG {}",
        half.to_uppercase()
    )));
    blocks.push(Block::Table(results_table(covenant, results)));
    if edition.period == Period::YearEnd {
        blocks.push(heading("III. ĐỀ NGHỊ KHEN THƯỞNG".to_string()));
        blocks.extend(proposals(covenant, results, edition));
    }
    blocks
}

fn proposals(covenant: &Covenant, results: &Results, edition: &Edition) -> Vec<Block> {
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

/// Rank, unit, top-level group subtotals, bonus, penalty, total, band: best first.
pub fn results_table(covenant: &Covenant, results: &Results) -> Table {
    let top: Vec<usize> = covenant.layout.top_groups().collect();
    let mut columns = vec![
        column(words::RANK, "center", false),
        column(words::UNIT, "left", true),
    ];
    columns.extend(
        top.iter()
            .map(|&g| column(&covenant.layout.groups[g].code, "right", false)),
    );
    columns.push(column(words::BONUS, "right", false));
    columns.push(column(words::PENALTY, "right", false));
    columns.push(column(words::TOTAL, "right", false));
    columns.push(column(words::BAND, "left", false));
    let rows = results
        .order
        .iter()
        .map(|&u| {
            let unit = &results.units[u];
            let mut cells = vec![
                rank_text(unit.rank, unit.tied),
                covenant.bloc.members[u].short.clone(),
            ];
            cells.extend(top.iter().map(|&g| dec2(unit.groups[g])));
            cells.push(dec2(unit.bonus));
            cells.push(dec2(unit.penalty));
            cells.push(dec2(unit.total));
            cells.push(covenant.scheme.bands[unit.band].label.clone());
            Row {
                cells,
                strong: false,
            }
        })
        .collect();
    Table { columns, rows }
}

fn annex(covenant: &Covenant, results: &Results, edition: &Edition) -> Annex {
    let layout = &covenant.layout;
    let scored: Vec<usize> = (0..layout.items.len())
        .filter(|&i| layout.items[i].is_scored_in(edition.period))
        .collect();
    let mut body = vec![heading("1. Danh mục tiêu chí".to_string())];
    body.push(Block::Table(Table {
        columns: vec![
            column(words::CODE, "left", false),
            column(words::CRITERION, "left", true),
            column(words::MAX, "right", false),
        ],
        rows: scored
            .iter()
            .map(|&i| {
                let item = &layout.items[i];
                let max = match (&item.rule, item.kind) {
                    (Rule::Criterion { max, .. }, _) => dec(*max),
                    (_, ItemKind::Bonus) => "thưởng".to_string(),
                    (_, ItemKind::Penalty) => "trừ".to_string(),
                    _ => "điều kiện".to_string(),
                };
                Row {
                    cells: vec![item.code.clone(), item.title.clone(), max],
                    strong: false,
                }
            })
            .collect(),
    }));
    body.push(heading("2. Điểm của từng đơn vị theo tiêu chí".to_string()));
    let units = covenant.bloc.members.len();
    let chunks: Vec<Vec<usize>> = (0..units)
        .collect::<Vec<_>>()
        .chunks(ANNEX_UNITS_PER_TABLE)
        .map(<[usize]>::to_vec)
        .collect();
    for chunk in chunks {
        let mut columns = vec![column(words::CODE, "left", true)];
        columns.extend(
            chunk
                .iter()
                .map(|&u| column(&covenant.bloc.members[u].short, "right", false)),
        );
        let mut rows: Vec<Row> = scored
            .iter()
            .map(|&i| {
                let mut cells = vec![layout.items[i].code.clone()];
                cells.extend(chunk.iter().map(|&u| {
                    let unit = &results.units[u];
                    match (&layout.items[i].rule, unit.points[i]) {
                        (Rule::Veto, _) => {
                            if unit.failed_vetoes.contains(&i) {
                                words::NOT_MET.to_string()
                            } else if results.missing.contains(&(u, i)) {
                                "—".to_string()
                            } else {
                                words::MET.to_string()
                            }
                        }
                        (_, Some(p)) => dec(p),
                        (_, None) => "—".to_string(),
                    }
                }));
                Row {
                    cells,
                    strong: false,
                }
            })
            .collect();
        for g in covenant.layout.top_groups() {
            let mut cells = vec![format!("Cộng {}", layout.groups[g].code)];
            cells.extend(chunk.iter().map(|&u| dec2(results.units[u].groups[g])));
            rows.push(Row {
                cells,
                strong: true,
            });
        }
        for (label, pick) in [
            (
                words::BONUS,
                (|u| u.bonus) as fn(&crate::score::UnitResult) -> Decimal,
            ),
            (words::PENALTY, |u| u.penalty),
            (words::TOTAL, |u| u.total),
        ] {
            let mut cells = vec![label.to_string()];
            cells.extend(chunk.iter().map(|&u| dec2(pick(&results.units[u]))));
            rows.push(Row {
                cells,
                strong: true,
            });
        }
        body.push(Block::Table(Table { columns, rows }));
    }
    Annex {
        title: "PHỤ LỤC".to_string(),
        subtitle: format!(
            "Điểm chi tiết theo tiêu chí, {} (kèm theo Báo cáo {})",
            span(edition.period, edition.year),
            covenant.bloc.name
        ),
        body,
    }
}

/// The time a report covers: "6 tháng đầu năm 2026", "năm 2026".
pub fn span(period: Period, year: i32) -> String {
    match period {
        Period::MidYear => format!("6 tháng đầu năm {year}"),
        Period::YearEnd => format!("năm {year}"),
    }
}

/// "ngày 05 tháng 7 năm 2026": Decree 30 pads days below 10 and the months 1 and 2.
pub fn date_words(date: NaiveDate) -> String {
    let month = date.month();
    let month = if month <= 2 {
        format!("{month:02}")
    } else {
        month.to_string()
    };
    format!("ngày {:02} tháng {month} năm {}", date.day(), date.year())
}

/// Vietnamese number with a decimal comma, as entered (89,75; 5).
pub fn dec(d: Decimal) -> String {
    d.normalize().to_string().replace('.', ",")
}

/// Two decimal places with a comma (89,75; 90,00), for totals.
pub fn dec2(d: Decimal) -> String {
    let rounded = d.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    format!("{rounded:.2}").replace('.', ",")
}

/// How a raw entry reads in the record and the spreadsheet.
pub fn value_words(value: &Value) -> String {
    match value {
        Value::Level(code) => code.clone(),
        Value::Met(true) => words::MET.to_string(),
        Value::Met(false) => words::NOT_MET.to_string(),
        Value::Points(p) | Value::Achieved(p) => dec(*p),
        Value::Count(n) => n.to_string(),
    }
}

pub fn rank_text(rank: usize, tied: bool) -> String {
    if tied {
        format!("{rank} ({})", words::TIED)
    } else {
        rank.to_string()
    }
}

/// "KTĐ" from "Khối thi đua số 8": the filing mark after "Lưu: VT,".
fn initials(name: &str) -> String {
    name.split_whitespace()
        .filter(|w| w.chars().next().is_some_and(char::is_alphabetic))
        .filter_map(|w| w.chars().next())
        .flat_map(char::to_uppercase)
        .take(3)
        .collect()
}

/// "A, B và C".
fn join_vi(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => (*one).to_string(),
        [rest @ .., last] => format!("{} và {last}", rest.join(", ")),
    }
}

fn heading(text: String) -> Block {
    Block::Heading { text }
}

fn paragraph(text: String) -> Block {
    Block::Paragraph { text }
}

fn column(title: &str, align: &'static str, wide: bool) -> Column {
    Column {
        title: title.to_string(),
        align,
        wide,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_pad_days_below_ten_and_the_first_two_months() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(date_words(d(2026, 7, 5)), "ngày 05 tháng 7 năm 2026");
        assert_eq!(date_words(d(2026, 2, 14)), "ngày 14 tháng 02 năm 2026");
        assert_eq!(date_words(d(2026, 1, 9)), "ngày 09 tháng 01 năm 2026");
        assert_eq!(date_words(d(2026, 12, 25)), "ngày 25 tháng 12 năm 2026");
    }

    #[test]
    fn initials_of_a_bloc_name() {
        assert_eq!(initials("Khối thi đua số 8"), "KTĐ");
    }

    #[test]
    fn lists_join_with_va() {
        assert_eq!(join_vi(&["A", "B", "C"]), "A, B và C");
        assert_eq!(join_vi(&["A"]), "A");
    }
}
