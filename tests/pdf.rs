//! The report PDF: laid out from the sample bloc's document, deterministic, in the vendored
//! font, with the user's text set literally.

use std::path::Path;

use chrono::NaiveDate;
use thidua::model::{Covenant, Period, value};
use thidua::report::document::{Block, Document, Edition, Table, document};
use thidua::report::pdf::{layout_text, render};
use thidua::score;
use thidua::store::load_covenant;

#[path = "support/sample.rs"]
mod sample;

const PUBLIC_KEY: &str = "RWQf6LRCGA9i53mlYecO4IzT51TGPpvWucNSCh1CBM0QTaLn73Y7GFO3";

fn sample() -> Covenant {
    load_covenant(Path::new("blocs/khoi-8.ron"))
        .expect("sample bloc")
        .covenant
}

fn edition(provisional: bool) -> Edition {
    Edition {
        year: 2026,
        period: Period::MidYear,
        version: 1,
        number: Some("12".to_string()),
        date: NaiveDate::from_ymd_opt(2026, 7, 5).unwrap(),
        provisional,
        public_key: PUBLIC_KEY.to_string(),
        replaces: None,
        pdf_name: "bao-cao-khoi-8-2026-so-ket.pdf".to_string(),
        sections: Vec::new(),
        recipients: sample().bloc.recipients.clone(),
        election: None,
    }
}

/// The sample bloc's document with the mid-year entries of tests/data.
fn sample_document(covenant: &Covenant, provisional: bool) -> Document {
    let edition = Edition {
        recipients: covenant.bloc.recipients.clone(),
        ..edition(provisional)
    };
    document(covenant, &sample_results(covenant), &edition)
}

/// The results of the mid-year entries of tests/data.
fn sample_results(covenant: &Covenant) -> thidua::score::Results {
    sample::results(covenant, Period::MidYear)
}

fn results_table(doc: &Document) -> &Table {
    doc.body
        .iter()
        .find_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
        .expect("results table")
}

/// The page text with every space and line break removed, for strings the layout may break.
fn squashed(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

fn count(haystack: &[u8], needle: &[u8]) -> usize {
    haystack
        .windows(needle.len())
        .filter(|w| *w == needle)
        .count()
}

#[test]
fn the_sample_report_is_a_deterministic_a4_pdf_in_liberation_serif() {
    let doc = sample_document(&sample(), false);
    let pdf = render(&doc).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    assert_eq!(render(&doc).unwrap(), pdf, "two renders differ");
    assert!(count(&pdf, b"LiberationSerif") > 0, "font not embedded");
    assert!(
        count(&pdf, b"LiberationSerif-Bold") > 0,
        "bold not embedded"
    );
    let pages = layout_text(&doc).unwrap();
    assert!(pages.len() >= 2, "{} pages", pages.len());
    let a4 = count(&pdf, b"/MediaBox[0 0 595.2756 841.8898]");
    assert_eq!(a4, pages.len(), "every page is A4");
}

#[test]
fn the_sample_report_carries_every_part_of_the_document() {
    let covenant = sample();
    let doc = sample_document(&covenant, false);
    let pages = layout_text(&doc).unwrap();
    let all = pages.join("\n");
    for expected in [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "UBND THÀNH PHỐ HẢI PHÒNG",
        "KHỐI THI ĐUA SỐ 8",
        "Số: 12/BC-KTĐ",
        "Thành Đông, ngày 05 tháng 7 năm 2026",
        "BÁO CÁO",
        "Kính gửi:",
        "- Ủy ban nhân dân thành phố;",
        "- Ban Thi đua - Khen thưởng, Sở Nội vụ.",
        "TM. KHỐI THI ĐUA SỐ 8",
        "KHỐI TRƯỞNG",
        "CHỦ TỊCH UBND PHƯỜNG THÀNH ĐÔNG",
        "(Đã ký điện tử)",
        "Trần Quốc Huy",
        "Nơi nhận:",
        "- Lưu: VT, KTĐ.",
        "PHỤ LỤC",
        "I. KẾT QUẢ THỰC HIỆN GIAO ƯỚC THI ĐUA 6 THÁNG ĐẦU NĂM 2026",
    ] {
        assert!(all.contains(expected), "missing {expected:?} in:\n{all}");
    }
    // The body in sentences: the plan and the covenant cited briefly (the laws stay in the
    // scheme), who leads and who follows, and each band with its units.
    let flat = squashed(&all);
    for expected in [
        "Thực hiện Kế hoạch số 24/KH-UBND ngày 26/01/2026 của Ủy ban nhân dân thành phố và Giao ước thi đua năm 2026 của Khối thi đua số 8",
        "Ủy ban nhân dân phường Thành Đông dẫn đầu Khối với 84,11 điểm; tiếp theo là Hải Dương (81,69 điểm) và Tứ Minh (76,62 điểm).",
        "2 đơn vị xếp loại Xuất sắc (Thành Đông, Hải Dương); 2 đơn vị xếp loại Tốt (Tứ Minh, Lê Thanh Nghị)",
        "không đạt điều kiện bắt buộc DK3",
    ] {
        assert!(
            flat.contains(&squashed(expected)),
            "missing {expected:?} in:\n{all}"
        );
    }
    assert!(!flat.contains(&squashed("Luật Thi đua, khen thưởng số 06/2022/QH15")));
    // The lines on the signature share the last page with the annex's end.
    let last = pages.last().unwrap();
    assert!(last.contains("Về chữ ký điện tử của văn bản này"), "{last}");
    assert!(
        last.contains("Tổng điểm"),
        "alone on the last page:\n{last}"
    );
    // One table of scores: no page break is asked for it (several long ones: below).
    assert!(!doc.annex.body.contains(&Block::PageBreak));
    // The annex names the report it belongs to by number and date.
    assert!(
        squashed(&all).contains(&squashed(
            "kèm theo Báo cáo số 12/BC-KTĐ ngày 05 tháng 7 năm 2026 của Khối thi đua số 8"
        )),
        "{all}"
    );
    assert!(!all.contains("DỰ THẢO"));
    // The sample scheme classifies the mid-year by the share of its 85 points, and says so;
    // the leader's 84,11 is Xuất sắc, not Khá as it would be on the year's 100 points.
    assert!(
        squashed(&all).contains(&squashed(
            "Về xếp loại (xếp loại theo tỷ lệ tổng điểm so với 85 điểm tối đa của kỳ): 2 đơn vị xếp loại Xuất sắc"
        )),
        "{all}"
    );
    // A failed condition is stated as a failure, with what it caps, never as its title alone
    // (which reads as an achievement).
    assert!(
        squashed(&all).contains(&squashed(
            "Ủy ban nhân dân phường Tân Hưng không đạt điều kiện bắt buộc DK3 “Không để xảy ra vụ việc nghiêm trọng về an ninh trật tự, cháy nổ, ngộ độc thực phẩm đông người”, nên chỉ được xếp loại từ Khá trở xuống."
        )),
        "{all}"
    );
    // The subject may wrap; the key may break anywhere.
    assert!(squashed(&all).contains(&squashed(&doc.subject)));
    assert!(squashed(&all).contains(PUBLIC_KEY));
    let table = results_table(&doc);
    let total = table.columns.iter().position(|c| c.title == "Tổng điểm");
    let total = total.expect("total column");
    for row in &table.rows {
        assert!(all.contains(&row.cells[1]), "unit {:?}", row.cells[1]);
        assert!(
            all.contains(&row.cells[total]),
            "total {:?}",
            row.cells[total]
        );
    }
    for member in &covenant.bloc.members {
        assert!(all.contains(&member.short), "{}", member.short);
    }
}

#[test]
fn a_later_version_says_which_report_it_replaces() {
    let covenant = sample();
    let results = sample_results(&covenant);
    let doc_for = |replaces| {
        let mut edition = edition(false);
        edition.version = 2;
        edition.replaces = replaces;
        squashed(
            &layout_text(&document(&covenant, &results, &edition))
                .unwrap()
                .join("\n"),
        )
    };
    let date = chrono::NaiveDate::from_ymd_opt(2026, 7, 5).unwrap();
    let numbered = doc_for(Some(thidua::report::document::Replaced {
        version: 1,
        number: Some("12".into()),
        date,
    }));
    assert!(
        numbered.contains(&squashed(
            "Báo cáo này thay thế Báo cáo số 12/BC-KTĐ ngày 05 tháng 7 năm 2026 (phiên bản 1)."
        )),
        "{numbered}"
    );
    let unnumbered = doc_for(Some(thidua::report::document::Replaced {
        version: 1,
        number: None,
        date,
    }));
    assert!(unnumbered.contains(&squashed(
        "Báo cáo này thay thế báo cáo ngày 05 tháng 7 năm 2026 (phiên bản 1)."
    )));
    assert!(!doc_for(None).contains(&squashed("Báo cáo này thay thế")));
}

#[test]
fn pages_are_numbered_at_the_top_from_the_second() {
    let doc = sample_document(&sample(), false);
    let pages = layout_text(&doc).unwrap();
    let first_line = |p: &str| p.lines().next().unwrap_or("").to_string();
    assert_eq!(
        first_line(&pages[0]),
        "UBND THÀNH PHỐ HẢI PHÒNG CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    );
    for (n, page) in pages.iter().enumerate().skip(1) {
        assert_eq!(first_line(page), (n + 1).to_string(), "page {}", n + 1);
    }
}

#[test]
fn a_provisional_edition_says_draft_on_every_page() {
    let doc = sample_document(&sample(), true);
    let pages = layout_text(&doc).unwrap();
    for (n, page) in pages.iter().enumerate() {
        assert!(page.contains("DỰ THẢO"), "page {}:\n{page}", n + 1);
    }
    assert!(pages.join("\n").contains("(Dự thảo, chưa ký)"));
    assert!(render(&doc).unwrap().starts_with(b"%PDF-"));
}

#[test]
fn the_users_text_is_set_literally_never_as_markup() {
    let mut covenant = sample();
    let odd = r#"*bold* #panic("x") $x$ ] [ \ <a> @b _c_ `d` // e /* f"#;
    covenant.bloc.members[0].short = odd.to_string();
    covenant.bloc.members[0].name = format!("Phường {odd}");
    covenant.bloc.signer.name = format!("{odd} = - + /");
    covenant.bloc.recipients.push(odd.to_string());
    let doc = sample_document(&covenant, false);
    let pdf = render(&doc).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    let all = layout_text(&doc).unwrap().join("\n");
    eprintln!("{all}");
    // Set literally, the text keeps every markup character; where it is too long for its
    // place it wraps, so the lines are compared without their breaks.
    let all = squashed(&all);
    assert!(all.contains(&squashed(odd)), "{all}");
    assert!(all.contains(&squashed(&format!("{odd} = - + /"))));
    assert!(all.contains(&squashed(&format!("- {odd}."))));
    assert!(all.contains(&squashed(&format!("Phường {odd}"))));
}

#[test]
fn a_sixty_unit_bloc_renders_with_several_annex_tables() {
    let covenant = thidua::store::load::parse_bloc(&thidua::store::Source::from_text(
        "blocs/gen.ron",
        &thidua::synthetic::bloc_ron(60, 40),
    ))
    .unwrap();
    let scheme = thidua::store::load::parse_scheme(&thidua::store::Source::from_text(
        "scoring/gen.ron",
        &thidua::synthetic::scheme_ron(40),
    ))
    .unwrap();
    let covenant = Covenant::new(covenant, scheme).unwrap();
    let sheet = thidua::synthetic::full_sheet(&covenant);
    let results = score::compute(&covenant, Period::MidYear, &sheet).expect("the engine computes");
    let doc = document(&covenant, &results, &edition(false));
    let tables = doc
        .annex
        .body
        .iter()
        .filter(|b| matches!(b, Block::Table(_)))
        .count();
    assert!(tables > 5, "{tables} annex tables");
    let pdf = render(&doc).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    let all = layout_text(&doc).unwrap().join("\n");
    for member in &covenant.bloc.members {
        assert!(all.contains(&member.short), "{}", member.short);
    }
}

/// The annex lists every cell where the bloc's score differs from the unit's self-score: both
/// values and the reason, or that none was given; a cell scored alike is not listed.
#[test]
fn the_annex_lists_the_scores_that_differ_from_the_self_scores() {
    use thidua::report::document::disputes::disputes;
    use thidua::report::record::RecordEntry;
    let covenant = sample();
    let entry = |unit: &str, item: &str, value: &str, reason: &str| {
        let i = covenant.layout.index_of(item).unwrap();
        RecordEntry {
            unit: unit.into(),
            item: item.into(),
            value: value::parse(&covenant.layout.items[i], value).unwrap(),
            note: String::new(),
            reason: reason.into(),
        }
    };
    let bloc = [
        entry(
            "thanh-dong",
            "I.1.4",
            "HTT",
            "Chưa có văn bản chứng minh HTXS",
        ),
        entry("hai-duong", "I.1.4", "HT", ""),
        entry("tan-hung", "I.1.4", "HTT", ""),
    ];
    let own = [
        entry("thanh-dong", "I.1.4", "HTXS", ""),
        entry("hai-duong", "I.1.4", "HTT", ""),
        entry("tan-hung", "I.1.4", "HTT", ""),
    ];
    let mut doc = sample_document(&covenant, false);
    let blocks = disputes(&covenant, &bloc, &own, 2);
    assert_eq!(blocks.len(), 3, "a heading, a sentence and the table");
    doc.annex.body.extend(blocks);
    let all = squashed(&layout_text(&doc).unwrap().join("\n"));
    for expected in [
        "3. Điểm Khối chấm khác điểm đơn vị tự chấm",
        "Có 2 nội dung Khối chấm khác điểm đơn vị tự chấm",
        "Thành Đông",
        "Chưa có văn bản chứng minh HTXS",
        "(chưa ghi lý do)",
    ] {
        assert!(
            all.contains(&squashed(expected)),
            "missing {expected:?}: {all}"
        );
    }
    // Scored alike everywhere: no section at all.
    assert!(disputes(&covenant, &own, &own, 2).is_empty());
}

/// The signature block never stands alone on its page: the body's last paragraph is laid out
/// with it. Filler paragraphs move the end of the body down the page step by step, so that in
/// some of these layouts the signature would otherwise start a page of its own.
#[test]
fn the_signature_block_stays_with_the_paragraph_before_it() {
    let covenant = sample();
    let base = sample_document(&covenant, false);
    // The sample's body ends with the results table: its last row is on the signature's page.
    let pages = layout_text(&base).unwrap();
    let signed = pages
        .iter()
        .find(|p| p.contains("TM. KHỐI THI ĐUA SỐ 8"))
        .expect("a page with the signature");
    let last_row = &results_table(&base).rows.last().unwrap().cells;
    for cell in [&last_row[1], last_row.last().unwrap()] {
        assert!(signed.contains(cell.as_str()), "{cell:?} not on:\n{signed}");
    }
    for filler in (0..36).step_by(3) {
        let mut doc = base.clone();
        for n in 0..filler {
            doc.body.push(Block::Paragraph {
                text: format!("Đoạn đệm số {n} để dời cuối thân văn bản xuống dưới trang."),
            });
        }
        doc.body.push(Block::Paragraph {
            text: "ĐẦU ĐOẠN CUỐI: các đơn vị tiếp tục thực hiện giao ước thi đua; CUỐI ĐOẠN CUỐI."
                .into(),
        });
        let pages = layout_text(&doc).unwrap();
        let signed = pages
            .iter()
            .find(|p| p.contains("TM. KHỐI THI ĐUA SỐ 8"))
            .expect("a page with the signature");
        assert!(
            squashed(signed).contains(&squashed("ĐẦU ĐOẠN CUỐI"))
                && squashed(signed).contains(&squashed("CUỐI ĐOẠN CUỐI")),
            "with {filler} filler paragraphs the signature's page is:\n{signed}"
        );
    }
}

#[test]
fn written_sections_are_printed_as_written_under_numbered_headings() {
    use thidua::report::record::WrittenSection;
    let covenant = sample();
    let results = sample_results(&covenant);
    let section = |id: &str, title: &str, text: &str| WrittenSection {
        id: id.into(),
        title: title.into(),
        text: text.into(),
    };
    let mut edition = edition(false);
    edition.sections = vec![
        section(
            "ket-qua-noi-bat",
            "Kết quả nổi bật",
            "Các đơn vị đã hoàn thành\ntốt nhiệm vụ.\n\n- Phường A: #set page(width: 1pt) *đậm*;\n- Phường B: $x$ _nghiêng_.",
        ),
        section(
            "ton-tai-han-che",
            "Tồn tại, hạn chế và nguyên nhân",
            "Còn chậm.",
        ),
        section(
            "phuong-huong",
            "Phương hướng, nhiệm vụ 6 tháng cuối năm",
            "Tiếp tục.",
        ),
    ];
    let doc = document(&covenant, &results, &edition);
    let headings: Vec<&str> = doc
        .body
        .iter()
        .filter_map(|b| match b {
            Block::Heading { text } => Some(text.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(
        headings[2..],
        [
            "III. KẾT QUẢ NỔI BẬT",
            "IV. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN",
            "V. PHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG CUỐI NĂM"
        ]
    );
    let all = squashed(&layout_text(&doc).unwrap().join("\n"));
    // Lines joined into one paragraph, bullets with their dash, markup printed as typed.
    for expected in [
        "Cácđơnvịđãhoànthànhtốtnhiệmvụ.",
        "-PhườngA:#setpage(width:1pt)*đậm*;",
        "-PhườngB:$x$_nghiêng_.",
        "IV.TỒNTẠI,HẠNCHẾVÀNGUYÊNNHÂN",
        "Cònchậm.",
    ] {
        assert!(all.contains(expected), "{expected} not in {all}");
    }

    // In a draft, a required section not yet written keeps its heading and says so.
    let mut draft = edition.clone();
    draft.provisional = true;
    draft.sections[1].text.clear();
    let all = squashed(
        &layout_text(&document(&covenant, &results, &draft))
            .unwrap()
            .join("\n"),
    );
    assert!(
        all.contains("IV.TỒNTẠI,HẠNCHẾVÀNGUYÊNNHÂN(Chưaviết.)"),
        "{all}"
    );
}

#[test]
fn the_year_end_report_states_who_was_elected_and_by_how_many() {
    let covenant = sample();
    let results = sample::results(&covenant, Period::YearEnd);
    let mut edition = edition(true);
    edition.period = Period::YearEnd;
    edition.election = Some(thidua::model::election::Election {
        head: "hai-duong".into(),
        deputy: "tu-minh".into(),
        vote: Some(thidua::model::election::ElectionVote {
            present: 8,
            head: 8,
            deputy: 7,
        }),
    });
    let all = squashed(
        &layout_text(&document(&covenant, &results, &edition))
            .unwrap()
            .join("\n"),
    );
    for expected in [
        "BẦU KHỐI TRƯỞNG, KHỐI PHÓ NĂM 2027",
        "Hội nghị đã bầu Ủy ban nhân dân phường Hải Dương làm Khối trưởng (8/8 thành viên có mặt tán thành) và Ủy ban nhân dân phường Tứ Minh làm Khối phó (7/8 thành viên có mặt tán thành) Khối thi đua số 8 năm 2027.",
        "phương hướng, nhiệm vụ năm 2027 như sau:",
    ] {
        assert!(
            all.contains(&squashed(expected)),
            "missing {expected:?} in {all}"
        );
    }
}

#[test]
fn every_annex_row_reads_on_one_line_in_its_columns_order() {
    // One-line rows are set as a line of text, each figure placed at its column: read back
    // from the page, each still reads as its cells in order, on one baseline.
    let doc = sample_document(&sample(), false);
    let pages = layout_text(&doc).unwrap();
    let lines: std::collections::HashSet<&str> = pages
        .iter()
        .flat_map(|p| p.lines())
        .map(str::trim)
        .collect();
    let tables = doc.annex.body.iter().filter_map(|b| match b {
        Block::Table(t) if t.columns.len() > 3 => Some(t),
        _ => None,
    });
    let mut rows = 0;
    for table in tables {
        for row in &table.rows {
            let line: Vec<&str> = row.cells.iter().map(String::as_str).collect();
            let line = line.join(" ");
            assert!(
                lines.contains(line.as_str()),
                "{line:?} not a line of the annex"
            );
            rows += 1;
        }
    }
    assert!(rows > 40, "{rows} rows");
}

#[test]
fn several_long_score_tables_each_begin_a_page() {
    // 20 units: three tables of scores, each longer than a page.
    let root = tempfile::tempdir().unwrap();
    let file = thidua::synthetic::write_files(root.path(), 20, 45).unwrap();
    let covenant = load_covenant(&file).unwrap().covenant;
    let sheet = thidua::synthetic::full_sheet(&covenant);
    let results = score::compute(&covenant, Period::YearEnd, &sheet).unwrap();
    let edition = Edition {
        period: Period::YearEnd,
        ..edition(false)
    };
    let doc = document(&covenant, &results, &edition);
    let tables = doc
        .annex
        .body
        .iter()
        .filter(|b| matches!(b, Block::Table(t) if t.columns.len() > 3))
        .count();
    assert_eq!(tables, 3);
    let breaks = doc
        .annex
        .body
        .iter()
        .filter(|b| **b == Block::PageBreak)
        .count();
    assert_eq!(breaks, tables);
    // The Word copy begins the same blocks on a page.
    let word = thidua::report::docx::render(&doc, "x.pdf", "2026-12-18T09:00:00+07:00").unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(word)).unwrap();
    let mut body = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut body)
        .unwrap();
    assert_eq!(body.matches("<w:pageBreakBefore />").count(), tables);
    let pages = layout_text(&doc).unwrap();
    let heading = pages
        .iter()
        .position(|p| p.contains("2. Điểm của từng đơn vị theo tiêu chí"))
        .expect("the scores' heading");
    assert_eq!(
        pages[heading].lines().nth(1),
        Some("2. Điểm của từng đơn vị theo tiêu chí"),
        "{}",
        pages[heading]
    );
    // The criteria's last page holds nothing of the scores.
    assert!(
        !pages[heading - 1].contains("Cộng"),
        "{}",
        pages[heading - 1]
    );
    // Each later table's first row heads a page of its own, under its header.
    let first_row = |n: usize| {
        let t = doc
            .annex
            .body
            .iter()
            .filter_map(|b| match b {
                Block::Table(t) if t.columns.len() > 3 => Some(t),
                _ => None,
            })
            .nth(n)
            .unwrap();
        t.rows[0].cells.join(" ")
    };
    for n in 1..tables {
        let row = first_row(n);
        let page = pages
            .iter()
            .find(|p| p.lines().any(|l| l == row))
            .unwrap_or_else(|| panic!("{row:?}"));
        let lines: Vec<&str> = page.lines().collect();
        let at = lines.iter().position(|l| *l == row).unwrap();
        assert!(at <= 4, "{row:?} is line {at} of:\n{page}");
    }
}

#[test]
fn a_signing_sheet_keeps_its_tall_rows_whatever_their_text() {
    // A signing sheet's rows are cells tall enough for ink, never set as lines: a name with a
    // line break in its first row is laid out like any other.
    let mut doc = sample_document(&sample(), false);
    let column = |title: &str, wide| thidua::report::document::Column {
        title: title.to_string(),
        align: "left",
        wide,
    };
    let row = |cells: [&str; 3]| thidua::report::document::Row {
        cells: cells.map(str::to_string).to_vec(),
        strong: false,
    };
    doc.body.push(Block::SignSheet(Table {
        columns: vec![
            column("TT", false),
            column("Họ và tên", true),
            column("Ký", false),
        ],
        rows: vec![
            row(["1", "Nguyễn Văn A\nTổ trưởng", ""]),
            row(["2", "Trần Thị B", ""]),
        ],
    }));
    let pages = layout_text(&doc).expect("laid out");
    let all = pages.join("\n");
    assert!(all.contains("Nguyễn Văn A"), "{all}");
    assert!(all.contains("2 Trần Thị B"), "{all}");
}
