//! The Word copy for the clerk: the same document as the PDF, laid out in Decree 30's format so
//! that the office can number, file and re-print it. Times New Roman (named, not embedded) 14
//! pt, A4 with margins of 20 mm top and bottom, 30 mm left and 20 mm right, the letterhead as a
//! borderless two-column table with its short rules, page numbers from page 2, table headers
//! repeated on each page, "Nơi nhận" in 12/11 pt. A line says it is the working copy of the
//! signed PDF, which stays the authority.
//!
//! The user's text reaches Word only as text runs (escaped by the writer), never as markup.

use docx_rs::{
    AlignmentType, BorderType, BreakType, Docx, Footer, Header, LineSpacing, PageMargin, PageNum,
    Paragraph, ParagraphBorder, ParagraphBorderPosition, Run, RunFonts, SpecialIndentType,
    Table as WordTable, TableCell, TableCellMargins, TableLayoutType, TableRow, WidthType,
};

use super::document::{Block, Document};

mod table;

/// Twentieths of a point per millimetre.
const TWIPS_PER_MM: f64 = 1440.0 / 25.4;
const A4: (u32, u32) = (11906, 16838);
const FONT: &str = "Times New Roman";
/// Sizes in half-points, as Word counts them.
const BODY: usize = 28;
const HEAD: usize = 26;
const TABLE: usize = 24;
const SMALL: usize = 22;
const NOTE: usize = 19;
/// The body's first-line indent: 1 cm.
const INDENT: i32 = 567;

fn mm(v: f64) -> i32 {
    (v * TWIPS_PER_MM).round() as i32
}

/// The text width between the margins, in twips.
fn text_width() -> usize {
    (A4.0 as i32 - mm(30.0) - mm(20.0)) as usize
}

#[derive(Debug, thiserror::Error)]
#[error("the Word copy could not be written: {0}")]
pub struct DocxError(String);

/// The .docx bytes of `doc`. `pdf_name` is the signed PDF this is the working copy of;
/// `created` (ISO 8601) dates the file's properties, so that the same issue gives the same
/// bytes.
pub fn render(doc: &Document, pdf_name: &str, created: &str) -> Result<Vec<u8>, DocxError> {
    let fonts = RunFonts::new()
        .ascii(FONT)
        .hi_ansi(FONT)
        .cs(FONT)
        .east_asia(FONT);
    let page_number = Header::new().add_paragraph(
        Paragraph::new()
            .align(AlignmentType::Center)
            .add_page_num(PageNum::new()),
    );
    let mut word = Docx::new()
        .page_size(A4.0, A4.1)
        .page_margin(
            PageMargin::new()
                .top(mm(20.0))
                .bottom(mm(20.0))
                .left(mm(30.0))
                .right(mm(20.0))
                .header(mm(10.0))
                .footer(mm(10.0)),
        )
        .default_fonts(fonts)
        .default_size(BODY)
        .default_line_spacing(LineSpacing::new().after(120).line(264))
        // Page numbers from page 2: the first page's header is empty.
        .header(page_number)
        .first_header(Header::new())
        .first_footer(Footer::new())
        .title_pg()
        .created_at(created);
    let mut tables = Tables::default();
    if !doc.draft.is_empty() {
        word = word.add_paragraph(centered(run(&doc.draft).bold().size(BODY)));
    }
    word = word.add_table(letterhead(doc));
    word = word
        .add_paragraph(spaced(centered(run(&doc.title).bold().size(BODY)), 240, 0))
        .add_paragraph(centered(run(&doc.subject).bold().size(BODY)))
        .add_paragraph(rule(text_width(), 3400));
    if !doc.to.is_empty() {
        word = word.add_paragraph(addressees(doc));
    }
    word = add_blocks(word, &doc.body, &mut tables);
    word = word.add_table(signature(doc));
    word = word.add_paragraph(
        spaced(Paragraph::new(), 240, 0).add_run(
            run(&format!(
                "Bản Word này là bản làm việc của văn bản PDF đã ký điện tử ({pdf_name}); \
                 văn bản PDF có chữ ký là bản có giá trị."
            ))
            .italic()
            .size(SMALL),
        ),
    );
    // The annex on pages of its own, where there is one.
    if !doc.annex.body.is_empty() {
        word = word.add_paragraph(
            Paragraph::new()
                .add_run(Run::new().add_break(BreakType::Page))
                .add_run(run(&doc.annex.title).bold().size(BODY))
                .align(AlignmentType::Center),
        );
        word = word.add_paragraph(centered(run(&doc.annex.subtitle).italic().size(BODY)));
        word = add_blocks(word, &doc.annex.body, &mut tables);
    }
    for line in &doc.verification {
        word = word.add_paragraph(spaced(Paragraph::new(), 0, 40).add_run(run(line).size(NOTE)));
    }
    let mut built = word.build();
    built.document = tables.put_in(&built.document)?;
    let mut out = std::io::Cursor::new(Vec::new());
    built.pack(&mut out).map_err(|e| DocxError(e.to_string()))?;
    deflated(&out.into_inner()).map_err(|e| DocxError(e.to_string()))
}

/// The package with every part compressed: the writer stores them as they are, which made a
/// long annex's Word copy as large as its XML (33 MB for 200 units × 500 criteria, 2 MB
/// deflated). Parts, names and order are kept; the dates stay the writer's fixed one, so the
/// same document still gives the same bytes.
fn deflated(stored: &[u8]) -> zip::result::ZipResult<Vec<u8>> {
    use std::io::{Cursor, copy};
    use zip::write::SimpleFileOptions;
    let mut archive = zip::ZipArchive::new(Cursor::new(stored))?;
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::with_capacity(stored.len() / 8)));
    for index in 0..archive.len() {
        let mut part = archive.by_index(index)?;
        let options = SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .compression_level(Some(1))
            .last_modified_time(part.last_modified().unwrap_or_default());
        let name = part.name()?.into_owned();
        if part.is_dir() {
            out.add_directory(name, options)?;
        } else {
            out.start_file(name, options)?;
            copy(&mut part, &mut out)?;
        }
    }
    Ok(out.finish()?.into_inner())
}

/// The bordered tables, written as text (`table`): each stands in the writer's document as a
/// bookmark of its own, which nothing typed can make, and takes its place once built.
#[derive(Default)]
struct Tables {
    xml: Vec<String>,
}

/// Bookmark ids far above any the writer gives.
const TABLE_MARK: usize = 1 << 30;

impl Tables {
    fn name(n: usize) -> String {
        format!("_thidua_table_{n}")
    }

    /// Adds the table to `word`.
    fn add(&mut self, word: Docx, xml: String) -> Docx {
        let n = self.xml.len();
        self.xml.push(xml);
        word.add_bookmark_start(TABLE_MARK + n, Self::name(n))
    }

    /// `document` (the writer's `document.xml`) with each table in its bookmark's place.
    fn put_in(self, document: &[u8]) -> Result<Vec<u8>, DocxError> {
        let text = std::str::from_utf8(document).map_err(|e| DocxError(e.to_string()))?;
        let size = text.len() + self.xml.iter().map(String::len).sum::<usize>();
        let mut out = String::with_capacity(size);
        let mut rest = text;
        for (n, xml) in self.xml.into_iter().enumerate() {
            let name = format!("w:name=\"{}\"", Self::name(n));
            let mark = rest
                .find(&name)
                .and_then(|at| {
                    let start = rest[..at].rfind("<w:bookmarkStart")?;
                    let end = at + rest[at..].find("/>")? + 2;
                    Some((start, end))
                })
                .ok_or_else(|| DocxError(format!("table {n} has no place in the document")))?;
            out.push_str(&rest[..mark.0]);
            out.push_str(&xml);
            rest = &rest[mark.1..];
        }
        out.push_str(rest);
        Ok(out.into_bytes())
    }
}

fn run(text: &str) -> Run {
    Run::new().add_text(text)
}

fn centered(r: Run) -> Paragraph {
    Paragraph::new().align(AlignmentType::Center).add_run(r)
}

/// Space before and after a paragraph, in twips.
fn spaced(p: Paragraph, before: u32, after: u32) -> Paragraph {
    p.line_spacing(LineSpacing::new().before(before).after(after))
}

/// A short rule of `width` twips, centred in a space of `space` twips, as Decree 30 draws under
/// the issuer, the motto and the title: the bottom border of an empty paragraph narrowed by its
/// indents.
fn rule(space: usize, width: i32) -> Paragraph {
    let side = ((space as i32 - width) / 2).max(0);
    let mut p = Paragraph::new()
        .line_spacing(LineSpacing::new().before(0).after(80).line(80))
        .indent(Some(side), None, Some(side), None)
        .add_run(Run::new().size(4));
    // The writer's default borders are all four sides: only the bottom one is wanted.
    p.property = p.property.clear_all_borders().set_border(
        ParagraphBorder::new(ParagraphBorderPosition::Bottom)
            .val(BorderType::Single)
            .size(6)
            .space(1),
    );
    p
}

/// The letterhead: the parent body, the issuer and the number on the left; the national motto
/// and the place and date on the right. Borderless, each line centred in its column.
fn letterhead(doc: &Document) -> WordTable {
    // The national motto needs more than half the text width at 13 pt: the table reaches 5 mm
    // into each margin, as offices' templates do.
    let width = text_width() + 2 * mm(5.0) as usize;
    let left = width * 40 / 100;
    let right = width - left;
    let line = |text: &str, bold: bool, size: usize| {
        let r = run(text).size(size);
        spaced(centered(if bold { r.bold() } else { r }), 0, 0)
    };
    let issuer = TableCell::new()
        .width(left, WidthType::Dxa)
        .add_paragraph(line(&doc.parent_body, false, HEAD))
        .add_paragraph(line(&doc.issuer, true, HEAD))
        .add_paragraph(rule(left, 1300))
        .add_paragraph(line(&doc.number, false, HEAD));
    let nation = TableCell::new()
        .width(right, WidthType::Dxa)
        .add_paragraph(line(&doc.nation, true, HEAD))
        .add_paragraph(line(&doc.motto, true, BODY))
        .add_paragraph(rule(right, 3300))
        .add_paragraph(spaced(
            centered(run(&doc.date_line).italic().size(BODY)),
            0,
            0,
        ));
    WordTable::without_borders(vec![TableRow::new(vec![issuer, nation])])
        .set_grid(vec![left, right])
        .width(width, WidthType::Dxa)
        .indent(-mm(5.0))
        .margins(TableCellMargins::new().margin(0, 0, 0, 0))
        .layout(TableLayoutType::Fixed)
}

/// "Kính gửi:" followed by the recipients, one a line, aligned under each other: a hanging
/// indent whose tab stop is where the recipients begin.
fn addressees(doc: &Document) -> Paragraph {
    let label = mm(22.0);
    let mut p = spaced(Paragraph::new(), 120, 120)
        .indent(
            Some(mm(20.0) + label),
            Some(SpecialIndentType::Hanging(label)),
            None,
            None,
        )
        .add_run(run(&doc.to_label).add_tab());
    let several = doc.to.len() > 1;
    for (n, to) in doc.to.iter().enumerate() {
        let last = n + 1 == doc.to.len();
        let text = format!(
            "{}{to}{}",
            if several { "- " } else { "" },
            if last { "." } else { ";" }
        );
        let mut r = run(&text);
        if !last {
            r = r.add_break(BreakType::TextWrapping);
        }
        p = p.add_run(r);
    }
    p
}

/// Adds `blocks` to `word`. A page break makes the next block begin a page (`pageBreakBefore`):
/// a break of its own would leave an empty page where the last table filled its page.
fn add_blocks(mut word: Docx, blocks: &[Block], tables: &mut Tables) -> Docx {
    let mut new_page = false;
    for (n, block) in blocks.iter().enumerate() {
        // A little room between a table and what follows on its page; none before a page
        // break, where it could be alone on a page of its own.
        let room = |word: Docx| match blocks.get(n + 1) {
            Some(Block::PageBreak) => word,
            _ => word.add_paragraph(
                Paragraph::new().line_spacing(LineSpacing::new().before(0).after(0).line(120)),
            ),
        };
        let first = |p: Paragraph| p.page_break_before(new_page);
        word = match block {
            Block::Heading { text } => word.add_paragraph(first(
                spaced(Paragraph::new(), 120, 60)
                    .indent(None, Some(SpecialIndentType::FirstLine(INDENT)), None, None)
                    .keep_next(true)
                    .add_run(run(text).bold()),
            )),
            Block::Paragraph { text } => word.add_paragraph(first(
                Paragraph::new()
                    .align(AlignmentType::Both)
                    .indent(None, Some(SpecialIndentType::FirstLine(INDENT)), None, None)
                    .add_run(run(text)),
            )),
            Block::Item { text } => word.add_paragraph(first(
                Paragraph::new()
                    .align(AlignmentType::Both)
                    .indent(None, Some(SpecialIndentType::FirstLine(INDENT)), None, None)
                    .add_run(run(&format!("- {text}"))),
            )),
            Block::Table(_) | Block::SignSheet(_) if new_page => {
                // A line of a point's height that begins the page, the table under it.
                let line = LineSpacing::new().before(0).after(0).line(20);
                let word = word.add_paragraph(first(Paragraph::new().line_spacing(line)));
                room(add_table(word, block, tables))
            }
            Block::Table(_) | Block::SignSheet(_) => room(add_table(word, block, tables)),
            Block::PageBreak => {
                new_page = true;
                continue;
            }
        };
        new_page = false;
    }
    word
}

fn add_table(word: Docx, block: &Block, tables: &mut Tables) -> Docx {
    match block {
        Block::Table(t) => tables.add(word, table::xml(t, None, text_width())),
        Block::SignSheet(t) => tables.add(word, table::xml(t, Some(SIGNING_ROW), text_width())),
        _ => word,
    }
}

/// A row tall enough to sign in ink: 1.1 cm, in twips.
const SIGNING_ROW: u32 = 624;

/// "Nơi nhận" on the left in 12/11 pt; the signer on the right.
fn signature(doc: &Document) -> WordTable {
    // The signer's post in capitals is long: like the letterhead, the table reaches 5 mm into
    // each margin.
    let width = text_width() + 2 * mm(5.0) as usize;
    let left = width * 42 / 100;
    let right = width - left;
    let line = |r: Run| spaced(Paragraph::new(), 0, 0).add_run(r);
    let copies = match &doc.co_signature {
        // The minutes: the secretary signs on the left.
        Some(co) => signer_cell(co, left),
        None => {
            let mut cell = TableCell::new()
                .width(left, WidthType::Dxa)
                .add_paragraph(line(
                    run(&doc.distribution_label).bold().italic().size(HEAD - 2),
                ));
            for l in &doc.distribution {
                cell = cell.add_paragraph(line(run(l).size(SMALL)));
            }
            cell
        }
    };
    let signer = signer_cell(&doc.signature, right);
    WordTable::without_borders(vec![TableRow::new(vec![copies, signer])])
        .set_grid(vec![left, right])
        .width(width, WidthType::Dxa)
        .indent(-mm(5.0))
        .margins(TableCellMargins::new().margin(0, 0, 0, 0))
        .layout(TableLayoutType::Fixed)
}

/// One signer's block, centred: the lines above the name, room to sign, the name.
fn signer_cell(s: &super::document::Signature, width: usize) -> TableCell {
    let mut cell = TableCell::new().width(width, WidthType::Dxa);
    for l in [&s.on_behalf, &s.role] {
        if !l.is_empty() {
            cell = cell.add_paragraph(spaced(centered(run(l).bold()), 0, 0));
        }
    }
    if !s.post.is_empty() {
        cell = cell.add_paragraph(spaced(centered(run(&s.post).bold().size(HEAD)), 0, 0));
    }
    cell.add_paragraph(spaced(centered(run(&s.signed_note).italic()), 0, 1200))
        .add_paragraph(spaced(centered(run(&s.name).bold()), 0, 0))
}
