//! The city table as an official document (Decree 30), for the PDF and the Word copy: who
//! reported, each bloc's results in a section of its own, and the proposals per award.

use chrono::NaiveDate;

use crate::model::Period;
use crate::report::document::{
    Annex, Block, Column, DRAFT, Document, MOTTO, NATION, Row, Signature, Table, date_words, dec2,
    rank_text, span, words,
};

use super::super::words as ward_words;
use super::{BlocEntry, CityTable};

/// How the city table is numbered and signed.
#[derive(Debug, Clone, PartialEq)]
pub struct TableEdition {
    pub date: NaiveDate,
    pub place: String,
    pub signer: Option<crate::model::Signer>,
    pub public_key: String,
    pub pdf_name: String,
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

fn row(cells: Vec<String>) -> Row {
    Row {
        cells,
        strong: false,
    }
}

pub fn document(table: &CityTable, edition: &TableEdition) -> Document {
    let issuer = table.ward.to_uppercase();
    let half = span(table.period, table.year);
    let what = match table.period {
        Period::MidYear => "sơ kết",
        Period::YearEnd => "tổng kết",
    };
    let subject =
        format!("Tổng hợp kết quả chấm điểm, xếp hạng {what} thi đua {half} của các khối thi đua");
    let date = date_words(edition.date);
    let signer = edition.signer.clone().unwrap_or(crate::model::Signer {
        name: String::new(),
        post: String::new(),
    });
    Document {
        draft: if table.is_final() {
            String::new()
        } else {
            DRAFT.to_string()
        },
        parent_body: String::new(),
        issuer: issuer.clone(),
        number: "Số:        /BC-TĐKT".to_string(),
        nation: NATION.to_string(),
        motto: MOTTO.to_string(),
        date_line: match edition.place.trim() {
            "" => upper_first(&date),
            place => format!("{place}, {date}"),
        },
        title: "BÁO CÁO".to_string(),
        subject: subject.clone(),
        to_label: "Kính gửi:".to_string(),
        to: Vec::new(),
        body: body(table),
        signature: Signature {
            on_behalf: format!("TM. {issuer}"),
            role: signer.post.to_uppercase(),
            post: String::new(),
            signed_note: "(Đã ký điện tử)".to_string(),
            name: signer.name,
        },
        co_signature: None,
        distribution_label: "Nơi nhận:".to_string(),
        distribution: vec!["- Các khối thi đua;".to_string(), "- Lưu: VT.".to_string()],
        annex: Annex {
            title: String::new(),
            subtitle: String::new(),
            body: Vec::new(),
        },
        verification: verification(&edition.public_key, &edition.pdf_name),
        meta_title: format!("Báo cáo {subject}"),
    }
}

fn upper_first(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn verification(public_key: &str, pdf_name: &str) -> Vec<String> {
    vec![
        "Bảng tổng hợp được lập từ các bản ghi (.ron) đã ký của từng khối, sau khi kiểm tra chữ \
         ký bằng khóa đã đăng ký của khối trưởng, đối chiếu thang điểm và giao ước đã ban hành, \
         và tính lại toàn bộ kết quả. Điểm của các khối không cộng gộp với nhau vì mỗi khối có \
         thang điểm riêng."
            .to_string(),
        format!("Khóa công khai của cơ quan tổng hợp (để kiểm tra): {public_key}"),
        format!("Cán bộ kỹ thuật kiểm tra bằng lệnh: minisign -Vm {pdf_name} -P {public_key}"),
    ]
}

fn body(table: &CityTable) -> Vec<Block> {
    let mut blocks = Vec::new();
    let (finals, drafts, missing) = table.counts();
    blocks.push(heading("I. TÌNH HÌNH TIẾP NHẬN BÁO CÁO".to_string()));
    blocks.push(paragraph(format!(
        "Có {} khối thi đua phải báo cáo: {finals} khối đã gửi báo cáo chính thức, {drafts} khối \
         mới có dự thảo hoặc báo cáo chưa đủ điều kiện, {missing} khối chưa có báo cáo được \
         tiếp nhận.{}",
        table.blocs.len(),
        if table.is_final() {
            ""
        } else {
            " Bảng tổng hợp này là dự thảo cho đến khi mọi khối có báo cáo chính thức."
        }
    )));
    blocks.push(Block::Table(Table {
        columns: vec![
            column("STT", "center", false),
            column("Khối thi đua", "left", true),
            column("Tình trạng", "left", true),
            column("Báo cáo", "left", false),
        ],
        rows: (table.blocs.iter().enumerate())
            .map(|(i, b)| {
                row(vec![
                    (i + 1).to_string(),
                    b.name.clone(),
                    standing_words(b),
                    report_words(b),
                ])
            })
            .collect(),
    }));
    blocks.push(heading(
        "II. KẾT QUẢ CHẤM ĐIỂM, XẾP HẠNG CỦA TỪNG KHỐI".to_string(),
    ));
    blocks.push(paragraph(
        "Mỗi khối chấm theo thang điểm của khối; thứ hạng và xếp loại là của khối đó.".to_string(),
    ));
    let mut n = 0;
    for b in &table.blocs {
        let Some(report) = &b.report else {
            continue;
        };
        n += 1;
        let mut title = format!("{n}. {}", b.name);
        if report.provisional || !matches!(b.standing, super::Standing::Final(_)) || b.paper_due {
            title.push_str(&format!(" ({})", standing_words(b)));
        }
        blocks.push(heading(title));
        let mut columns = vec![
            column(words::RANK, "center", false),
            column(words::UNIT, "left", true),
            column(words::TOTAL, "right", false),
        ];
        if report.classified {
            columns.push(column(words::BAND, "left", false));
        }
        columns.push(column(words::VETOES, "left", false));
        let awarding = table.period == Period::YearEnd;
        if awarding {
            columns.push(column("Đề nghị khen thưởng", "left", true));
        }
        let rows = (report.units.iter())
            .map(|u| {
                let mut cells = vec![rank_text(u.rank, u.tied), u.unit.clone(), dec2(u.total)];
                if report.classified {
                    cells.push(u.band.clone());
                }
                cells.push(u.failed.join(", "));
                if awarding {
                    let proposed: Vec<String> = (u.nominations.iter())
                        .filter(|n| n.proposed || n.pending)
                        .map(|n| match (n.pending, n.votes) {
                            (true, _) => format!("{}: {}", n.award, n.status.to_lowercase()),
                            (false, Some((v, base))) => {
                                format!("{} ({v}/{base} phiếu)", n.award)
                            }
                            (false, None) => n.award.clone(),
                        })
                        .collect();
                    cells.push(proposed.join("; "));
                }
                row(cells)
            })
            .collect();
        blocks.push(Block::Table(Table { columns, rows }));
    }
    if n == 0 {
        blocks.push(paragraph(
            "Chưa có báo cáo nào của các khối được tiếp nhận.".to_string(),
        ));
    }
    if table.period == Period::YearEnd {
        blocks.push(heading(
            "III. ĐỀ NGHỊ KHEN THƯỞNG, ĐỂ HỘI ĐỒNG XEM XÉT".to_string(),
        ));
        if table.awards.is_empty() {
            blocks.push(paragraph(
                "Chưa có đơn vị nào được các khối đề nghị khen thưởng.".to_string(),
            ));
        }
        for (i, award) in table.awards.iter().enumerate() {
            blocks.push(heading(format!(
                "{}. {} ({} đơn vị)",
                i + 1,
                award.title,
                award.units.len()
            )));
            blocks.push(Block::Table(Table {
                columns: vec![
                    column("STT", "center", false),
                    column(words::UNIT, "left", true),
                    column("Khối thi đua", "left", true),
                    column(words::RANK, "center", false),
                    column(words::TOTAL, "right", false),
                    column("Biểu quyết", "left", false),
                ],
                rows: (award.units.iter().enumerate())
                    .map(|(j, p)| {
                        let mut bloc = p.bloc.clone();
                        if p.provisional {
                            bloc.push_str(" (dự thảo)");
                        }
                        row(vec![
                            (j + 1).to_string(),
                            p.unit.clone(),
                            bloc,
                            p.rank.to_string(),
                            dec2(p.total),
                            p.votes
                                .map(|(v, base)| format!("{v}/{base} phiếu"))
                                .unwrap_or_default(),
                        ])
                    })
                    .collect(),
            }));
        }
    }
    blocks
}

/// "Chính thức, bản 2", "Chưa nhận", … in the document's Vietnamese.
pub fn standing_words(b: &BlocEntry) -> String {
    let mut text = upper_first(&ward_words::standing(crate::i18n::Lang::Vi, &b.standing));
    if b.paper_due {
        text.push_str(", chờ đối chiếu bản giấy");
    }
    text
}

/// "Số 12/BC-KTĐ, ngày 05/12/2026" for the report the table uses.
pub fn report_words(b: &BlocEntry) -> String {
    match &b.report {
        Some(r) => {
            let date = r.date.format("%d/%m/%Y");
            match &r.number {
                Some(n) => format!("Số {n}, ngày {date}"),
                None => format!("Ngày {date}"),
            }
        }
        None => String::new(),
    }
}
