//! The Word copy read back: A4 and Decree 30's margins, Times New Roman named for every run,
//! page numbers from page 2, header rows repeated, "Nơi nhận" in 12/11 pt, and every text of
//! the document (units, totals, written sections, the line naming the signed PDF), the user's
//! text escaped; every part compressed.

use std::io::Read;
use std::path::Path;

use thidua::model::{Covenant, Period};
use thidua::report::document::{Edition, document};
use thidua::report::docx;
use thidua::report::record::WrittenSection;
use thidua::store::load_covenant;

#[path = "support/sample.rs"]
mod sample;

fn sample() -> Covenant {
    load_covenant(Path::new("blocs/khoi-8.ron"))
        .expect("sample bloc")
        .covenant
}

fn edition(covenant: &Covenant) -> Edition {
    Edition {
        year: 2026,
        period: Period::MidYear,
        version: 1,
        number: Some("15".into()),
        date: chrono::NaiveDate::from_ymd_opt(2026, 7, 5).unwrap(),
        provisional: false,
        public_key: "RWQf6LRCGA9i53mlYecO4IzT51TGPpvWucNSCh1CBM0QTaLn73Y7GFO3".into(),
        replaces: None,
        pdf_name: "khoi-8-2026-mid-year-v1.pdf".into(),
        sections: vec![WrittenSection {
            id: "ket-qua-noi-bat".into(),
            title: "Kết quả nổi bật".into(),
            text: "Các đơn vị đã hoàn thành <tốt> & đúng hạn.\n\n- Phường A: mô hình hay;".into(),
        }],
        recipients: covenant.bloc.recipients.clone(),
        election: None,
    }
}

/// Each part of the package by name.
fn parts(bytes: &[u8]) -> std::collections::BTreeMap<String, String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip package");
    (0..zip.len())
        .map(|i| {
            let mut file = zip.by_index(i).unwrap();
            let mut text = String::new();
            file.read_to_string(&mut text).unwrap();
            (file.name().unwrap().to_string(), text)
        })
        .collect()
}

/// The text runs of an XML part, joined.
fn texts(xml: &str) -> String {
    let mut out = String::new();
    for piece in xml.split("<w:t").skip(1) {
        let Some(start) = piece.find('>') else {
            continue;
        };
        if let Some(end) = piece[start..].find("</w:t>") {
            out.push_str(&piece[start + 1..start + end]);
            out.push('\n');
        }
    }
    out
}

#[test]
fn the_word_copy_is_in_decree_30_layout_with_every_text() {
    let covenant = sample();
    let results = sample::results(&covenant, Period::MidYear);
    let doc = document(&covenant, &results, &edition(&covenant));
    let bytes = docx::render(
        &doc,
        "khoi-8-2026-mid-year-v1.pdf",
        "2026-07-05T09:30:00+07:00",
    )
    .expect("written");
    let parts = parts(&bytes);
    let body = &parts["word/document.xml"];
    // A4, margins 20 mm top and bottom, 30 mm left, 20 mm right (in twips).
    assert!(
        body.contains(r#"<w:pgSz w:w="11906" w:h="16838""#),
        "{body}"
    );
    assert!(
        body.contains(r#"<w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1701""#),
        "margins"
    );
    // Times New Roman, named for every script, 14 pt by default; not embedded.
    let styles = &parts["word/styles.xml"];
    for script in ["ascii", "hAnsi", "cs", "eastAsia"] {
        assert!(
            styles.contains(&format!(r#"w:{script}="Times New Roman""#)),
            "{script}: {styles}"
        );
    }
    assert!(styles.contains(r#"<w:sz w:val="28" />"#), "{styles}");
    assert!(!parts.keys().any(|k| k.starts_with("word/fonts/")));
    // Page numbers from page 2: a first page of its own with an empty header.
    assert!(body.contains("<w:titlePg />"));
    let numbered = parts
        .iter()
        .filter(|(k, v)| k.starts_with("word/header") && v.contains("PAGE"))
        .count();
    assert_eq!(numbered, 1, "one header with the page number");
    // Every table's header row is repeated on each page: the results table and the annex's.
    let tables = doc
        .body
        .iter()
        .chain(&doc.annex.body)
        .filter(|b| matches!(b, thidua::report::document::Block::Table(_)))
        .count();
    assert_eq!(body.matches("<w:tblHeader />").count(), tables);
    // "Nơi nhận" in 12 pt, its lines in 11 pt.
    let label = body.find("Nơi nhận:").unwrap();
    assert!(body[..label].rfind(r#"<w:sz w:val="24" />"#).unwrap() > label - 400);
    let texts = texts(body);
    for expected in [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "KHỐI THI ĐUA SỐ 8",
        "Số: 15/BC-KTĐ",
        "Thành Đông, ngày 05 tháng 7 năm 2026",
        "BÁO CÁO",
        "III. KẾT QUẢ NỔI BẬT",
        "- Phường A: mô hình hay;",
        "Trần Quốc Huy",
        "- Lưu: VT, KTĐ.",
        "PHỤ LỤC",
    ] {
        assert!(texts.contains(expected), "missing {expected:?} in\n{texts}");
    }
    // The user's text is text: escaped, never markup.
    assert!(texts.contains("Các đơn vị đã hoàn thành &lt;tốt&gt; &amp; đúng hạn."));
    // Every unit and its total.
    for &u in &results.order {
        let total = thidua::report::document::dec2(results.units[u].total);
        assert!(texts.contains(&covenant.bloc.members[u].short), "{u}");
        assert!(texts.contains(&total), "{total}");
    }
    assert!(texts.contains(
        "Bản Word này là bản làm việc của văn bản PDF đã ký điện tử (khoi-8-2026-mid-year-v1.pdf)"
    ));
    // The same issue gives the same bytes.
    let again = docx::render(
        &doc,
        "khoi-8-2026-mid-year-v1.pdf",
        "2026-07-05T09:30:00+07:00",
    )
    .unwrap();
    assert_eq!(bytes, again);
    // Every part is compressed: the writer stores them, which made a long annex's copy as
    // large as its XML.
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).unwrap();
    for i in 0..zip.len() {
        let part = zip.by_index(i).unwrap();
        if !part.is_dir() {
            assert_eq!(
                part.compression(),
                zip::CompressionMethod::Deflated,
                "{:?}",
                part.name()
            );
        }
    }
    assert!(
        bytes.len() * 4 < body.len(),
        "{} of {}",
        bytes.len(),
        body.len()
    );
    // One table of scores follows the criteria on their page (several long ones each begin a
    // page: tests/pdf.rs).
    assert!(!body.contains("<w:pageBreakBefore />"));
    assert!(body.contains("2. Điểm của từng đơn vị theo tiêu chí"));
}
