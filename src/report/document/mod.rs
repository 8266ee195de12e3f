//! The report as the reader sees it: every line of the official document, already worded and
//! formatted, in Vietnamese (the language of the administrative document whatever the screen's
//! language). The PDF template only lays these strings out; it never sees markup from the user.
//!
//! Pure: no I/O, so the wording is tested without rendering.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::model::layout::{ItemKind, Rule};
use crate::model::{Covenant, Period};
use crate::score::Results;

pub mod disputes;
pub mod minutes;
mod opening;
mod proposals;
pub mod words;
pub mod written;

use words::initials;
pub use words::{date_words, dec, dec2, rank_text, span, value_words};

/// An earlier issued version, as a later one names it.
#[derive(Debug, Clone, PartialEq)]
pub struct Replaced {
    pub version: u32,
    pub number: Option<String>,
    pub date: NaiveDate,
}

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
    /// The issued report this one replaces, as its text names it.
    pub replaces: Option<Replaced>,
    /// The PDF's file name, for the check command printed on it.
    pub pdf_name: String,
    /// The report's written sections, every one of the period's, as the record holds them.
    pub sections: Vec<crate::report::record::WrittenSection>,
    /// "Kính gửi", one a line; "Nơi nhận" lists them too.
    pub recipients: Vec<String>,
    /// At year-end: next year's head and deputy.
    pub election: Option<crate::model::election::Election>,
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
    /// A second signer on the left in place of "Nơi nhận" (the secretary of the minutes).
    pub co_signature: Option<Signature>,
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
    /// A table whose rows are tall enough to sign in ink (a counting committee's names).
    SignSheet(Table),
    /// The next block begins a page.
    PageBreak,
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

/// Rows of scores beyond which an annex table runs over a page. Where there are several such
/// tables (more units than one table holds), each begins a page of its own, with its header at
/// the top rather than wherever the last one ended; the layout also sets runs of pages apart
/// in parallel, which a long annex needs. One table follows the criteria on their page.
pub const ANNEX_ROWS_PER_PAGE: usize = 40;

/// The national motto, as Decree 30 sets it.
pub const NATION: &str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
pub const MOTTO: &str = "Độc lập - Tự do - Hạnh phúc";
pub const DRAFT: &str = "DỰ THẢO";

/// Builds the document for `results` (which must be `compute`d for `edition.period`).
pub fn document(covenant: &Covenant, results: &Results, edition: &Edition) -> Document {
    let bloc = &covenant.bloc;
    let issuer = bloc.name.to_uppercase();
    let suffix = &bloc.number_suffix;
    let number = format!("Số: {}", number_text(edition, suffix));
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
    let mut distribution: Vec<String> = edition
        .recipients
        .iter()
        .map(|r| format!("- {r};"))
        .collect();
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
        to: edition.recipients.clone(),
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
        co_signature: None,
        distribution_label: "Nơi nhận:".to_string(),
        distribution,
        annex: annex(covenant, results, edition),
        verification: verification(&edition.public_key, &edition.pdf_name),
        meta_title: format!("Báo cáo {subject}"),
    }
}

fn body(covenant: &Covenant, results: &Results, edition: &Edition) -> Vec<Block> {
    let bloc = &covenant.bloc;
    let scheme = &covenant.scheme;
    let mut blocks = Vec::new();
    let half = span(edition.period, edition.year);
    // A later version says, before anything else, which issued report it replaces.
    if let Some(old) = &edition.replaces {
        let named = match &old.number {
            Some(n) => format!("Báo cáo số {n}/{}", bloc.number_suffix),
            None => "báo cáo".to_string(),
        };
        blocks.push(paragraph(format!(
            "Báo cáo này thay thế {named} {} (phiên bản {}).",
            date_words(old.date),
            old.version
        )));
    }
    blocks.push(opening::opening(covenant, edition));
    blocks.push(heading(format!(
        "I. KẾT QUẢ THỰC HIỆN GIAO ƯỚC THI ĐUA {}",
        half.to_uppercase()
    )));
    blocks.push(paragraph(format!(
        "Khối có {} đơn vị thành viên. Các đơn vị đã chấm điểm kết quả thi đua {} theo {}, \
         trên tổng số {} điểm tối đa của kỳ, cộng điểm thưởng và trừ điểm trừ theo quy định.",
        bloc.members.len(),
        half,
        scheme.title,
        dec(covenant.layout.max_total(Some(edition.period))),
    )));
    if !results.missing.is_empty() {
        blocks.push(paragraph(format!(
            "Đến thời điểm lập báo cáo, đã chấm {} trên {} nội dung; còn {} nội dung chưa chấm. \
             Kết quả dưới đây là dự thảo.",
            results.entered,
            results.needed,
            results.missing.len()
        )));
    }
    if let Some(leaders) = opening::leaders(covenant, results) {
        blocks.push(paragraph(leaders));
        if let Some(bands) = opening::classification(covenant, results, edition.period) {
            blocks.push(paragraph(bands));
        }
        if covenant.scheme.rank_by == crate::model::scheme::RankBy::ShareOfApplicable {
            blocks.push(paragraph(words::RANKED_BY_SHARE.to_string()));
        }
        // A condition's title says what a unit must achieve ("Không để xảy ra …"): quoted
        // after "không đạt", so that a failure never reads as an achievement, with what it caps.
        for &u in &results.order {
            for &i in &results.units[u].failed_vetoes {
                let item = &covenant.layout.items[i];
                let cap = covenant
                    .scheme
                    .vetoes
                    .iter()
                    .find(|v| crate::model::layout::key(&v.code) == item.code)
                    .and_then(|v| v.band_cap.as_ref())
                    .filter(|_| scheme.classifies(edition.period))
                    .and_then(|cap| {
                        scheme
                            .bands_of(edition.period)
                            .iter()
                            .find(|b| &b.id == cap)
                    })
                    .map(|band| format!(", nên chỉ được xếp loại từ {} trở xuống", band.label))
                    .unwrap_or_default();
                blocks.push(paragraph(format!(
                    "{} không đạt điều kiện bắt buộc {} “{}”{cap}.",
                    bloc.members[u].name, item.label, item.title
                )));
            }
        }
    }
    blocks.push(heading(format!(
        "II. BẢNG TỔNG HỢP ĐIỂM VÀ XẾP HẠNG {}",
        half.to_uppercase()
    )));
    blocks.push(Block::Table(results_table(covenant, results)));
    let specs = scheme.sections.of(edition.period);
    let required = |id: &str| edition.provisional && specs.iter().any(|s| s.id == id && s.required);
    let (written, next) = written::blocks(&edition.sections, required, 3);
    blocks.extend(written);
    if edition.period == Period::YearEnd {
        blocks.push(heading(format!(
            "{}. ĐỀ NGHỊ KHEN THƯỞNG",
            written::roman(next)
        )));
        blocks.extend(proposals::proposals(covenant, results, edition));
        blocks.push(heading(format!(
            "{}. BẦU KHỐI TRƯỞNG, KHỐI PHÓ NĂM {}",
            written::roman(next + 1),
            edition.year + 1
        )));
        blocks.push(paragraph(opening::election(covenant, edition)));
    }
    blocks
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
            .map(|&g| column(&covenant.layout.groups[g].label, "right", false)),
    );
    columns.push(column(words::BONUS, "right", false));
    columns.push(column(words::PENALTY, "right", false));
    columns.push(column(words::TOTAL, "right", false));
    // A period the scheme does not classify has no band column.
    if covenant.scheme.classifies(results.period) {
        columns.push(column(words::BAND, "left", false));
    }
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
            if covenant.scheme.classifies(results.period) {
                cells.push(
                    covenant
                        .scheme
                        .band_label(results.period, unit.band)
                        .to_string(),
                );
            }
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
                    cells: vec![item.label.clone(), item.title.clone(), max],
                    strong: false,
                }
            })
            .collect(),
    }));
    if let Some(stated) = stated_maxima(layout, edition.period) {
        body.push(paragraph(stated));
    }
    let units = covenant.bloc.members.len();
    let chunks: Vec<Vec<usize>> = (0..units)
        .collect::<Vec<_>>()
        .chunks(ANNEX_UNITS_PER_TABLE)
        .map(<[usize]>::to_vec)
        .collect();
    // Several tables each longer than a page: each begins a page, the heading with the first.
    let paged = scored.len() > ANNEX_ROWS_PER_PAGE && chunks.len() > 1;
    if paged {
        body.push(Block::PageBreak);
    }
    body.push(heading("2. Điểm của từng đơn vị theo tiêu chí".to_string()));
    for (n, chunk) in chunks.into_iter().enumerate() {
        if paged && n > 0 {
            body.push(Block::PageBreak);
        }
        let mut columns = vec![column(words::CODE, "left", true)];
        columns.extend(
            chunk
                .iter()
                .map(|&u| column(&covenant.bloc.members[u].short, "right", false)),
        );
        let mut rows: Vec<Row> = scored
            .iter()
            .map(|&i| {
                let mut cells = vec![layout.items[i].label.clone()];
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
                        (_, None) if !covenant.applies(u, i) => words::NOT_APPLICABLE.to_string(),
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
            let mut cells = vec![format!("Cộng {}", layout.groups[g].label)];
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
    if !covenant.bloc.not_applicable.is_empty() {
        body.push(paragraph(words::NOT_APPLICABLE_NOTE.to_string()));
    }
    Annex {
        title: "PHỤ LỤC".to_string(),
        subtitle: format!(
            "Điểm chi tiết theo tiêu chí, {} (kèm theo Báo cáo số {} {} của {})",
            span(edition.period, edition.year),
            number_text(edition, &covenant.bloc.number_suffix),
            date_words(edition.date),
            covenant.bloc.name
        ),
        body,
    }
}

/// "12/BC-KTĐ", or "      /BC-KTĐ" with room for the clerk's number.
fn number_text(edition: &Edition, suffix: &str) -> String {
    match &edition.number {
        Some(n) => format!("{n}/{suffix}"),
        None => format!("       /{suffix}"),
    }
}

/// The last lines of a signed document: what its signature is, for a reader who is not
/// technical, then the key and the command that checks it.
pub(super) fn verification(public_key: &str, pdf_name: &str) -> Vec<String> {
    vec![
        "Về chữ ký điện tử của văn bản này: Khối trưởng đã ký tệp bằng khóa riêng của mình. \
         Chỉ cần một chữ, một con số trong tệp bị sửa sau khi ký, việc kiểm tra sẽ báo không \
         hợp lệ; nơi nhận vì vậy biết chắc văn bản đúng như Khối trưởng đã ký. Đây không phải \
         chữ ký số do tổ chức chứng thực (CA) cấp."
            .to_string(),
        format!("Khóa công khai của Khối trưởng (để kiểm tra): {public_key}"),
        format!("Cán bộ kỹ thuật kiểm tra bằng lệnh: minisign -Vm {pdf_name} -P {public_key}"),
    ]
}

/// The line of the paper digest, under the signature's lines: the ward's clerk reads two of
/// its groups from the paper copy to confirm it is the record received.
pub fn paper_line(groups: &[String]) -> String {
    format!(
        "Mã đối chiếu bản giấy (SHA-256 của hồ sơ .ron, trừ danh sách tệp kèm theo): {}",
        groups.join(" ")
    )
}

pub(super) fn heading(text: String) -> Block {
    Block::Heading { text }
}

pub(super) fn paragraph(text: String) -> Block {
    Block::Paragraph { text }
}

pub(super) fn column(title: &str, align: &'static str, wide: bool) -> Column {
    Column {
        title: title.to_string(),
        align,
        wide,
    }
}

/// The maxima the scale prints for its groups, said as information beside what the criteria of
/// the period allow: "nhóm II: thang điểm ghi 700 điểm, các tiêu chí cho tối đa 60 điểm".
fn stated_maxima(layout: &crate::model::Layout, period: crate::model::Period) -> Option<String> {
    let (allowed, _) = layout.maxima(Some(period), |_| true);
    let said: Vec<String> = (layout.groups.iter().enumerate())
        .filter_map(|(g, group)| {
            let stated = group.stated_max?;
            Some(format!(
                "nhóm {}: thang điểm ghi {} điểm, các tiêu chí cho tối đa {} điểm",
                group.label,
                dec(stated),
                dec(allowed[g])
            ))
        })
        .collect();
    (!said.is_empty()).then(|| {
        format!(
            "Mức tối đa ghi trong thang điểm (để tham khảo, không giới hạn điểm): {}.",
            said.join("; ")
        )
    })
}
