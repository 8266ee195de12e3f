//! The official report as a PDF (A4, Decree 30 layout), set by typst from [`Document`].
//!
//! The template (`assets/report.typ`) is fixed; the document reaches it only as JSON data read
//! with `json(...)`, so nothing the user typed is ever parsed as typst markup.

use std::sync::LazyLock;

use typst::diag::{FileError, FileResult, Severity, SourceDiagnostic, SourceResult};
use typst::foundations::{Bytes, Datetime, Duration, Output, Smart};
use typst::layout::{Abs, Frame, FrameItem, Point};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World, WorldExt};
use typst_pdf::PdfOptions;

use super::document::{Block, Document};
use super::fonts;
use super::measure::{one_line_rows, table_widths};

#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct PdfError(pub String);

const TEMPLATE: &str = include_str!("../../assets/report.typ");
const MAIN_PATH: &str = "/report.typ";
const DATA_PATH: &str = "/data.json";

/// The standard library and the vendored fonts, built once: loading and indexing the fonts is
/// most of the cost of a first render.
struct Assets {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

static ASSETS: LazyLock<Assets> = LazyLock::new(|| {
    let files = [
        fonts::REGULAR,
        fonts::BOLD,
        fonts::ITALIC,
        fonts::BOLD_ITALIC,
    ];
    let fonts: Vec<Font> = files
        .into_iter()
        .flat_map(|data| Font::iter(Bytes::new(data)))
        .collect();
    Assets {
        library: LazyHash::new(Library::default()),
        book: LazyHash::new(FontBook::from_fonts(&fonts)),
        fonts,
    }
});

/// A world of two files: the template and the document as JSON. No file system, no system
/// fonts, no clock.
struct ReportWorld {
    main: Source,
    data_id: FileId,
    data: Bytes,
}

impl ReportWorld {
    fn new(template: &str, doc: &Document) -> Result<ReportWorld, PdfError> {
        let serialise =
            |e: serde_json::Error| PdfError(format!("cannot serialise the report: {e}"));
        let mut data = serde_json::to_value(doc).map_err(serialise)?;
        add_text_widths(&mut data["body"], &doc.body);
        add_text_widths(&mut data["annex"]["body"], &doc.annex.body);
        let json = serde_json::to_vec(&data).map_err(serialise)?;
        Ok(ReportWorld {
            main: Source::new(file_id(MAIN_PATH)?, template.to_string()),
            data_id: file_id(DATA_PATH)?,
            data: Bytes::new(json),
        })
    }
}

/// Gives every table of `blocks` (serialised as `json`) the widths of its texts, from which
/// the template sizes its columns and knows the rows that are one line high.
fn add_text_widths(json: &mut serde_json::Value, blocks: &[Block]) {
    let Some(json) = json.as_array_mut() else {
        return;
    };
    for (value, block) in json.iter_mut().zip(blocks) {
        if let (Block::Table(table) | Block::SignSheet(table), Some(object)) =
            (block, value.as_object_mut())
        {
            let widths = serde_json::to_value(table_widths(table)).unwrap_or_default();
            object.insert("widths".into(), widths);
            let rows = serde_json::to_value(one_line_rows(table)).unwrap_or_default();
            object.insert("one_line".into(), rows);
        }
    }
}

fn file_id(path: &str) -> Result<FileId, PdfError> {
    let vpath = VirtualPath::new(path).map_err(|e| PdfError(format!("{path}: {e}")))?;
    Ok(RootedPath::new(VirtualRoot::Project, vpath).intern())
}

impl World for ReportWorld {
    fn library(&self) -> &LazyHash<Library> {
        &ASSETS.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &ASSETS.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(not_found(id))
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.data_id {
            Ok(self.data.clone())
        } else if id == self.main.id() {
            Ok(Bytes::from_string(self.main.text().to_string()))
        } else {
            Err(not_found(id))
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        ASSETS.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        // The report's date is in the data; the clock must not change the output.
        None
    }
}

fn not_found(id: FileId) -> FileError {
    FileError::NotFound(id.vpath().get_without_slash().into())
}

/// `typst_pdf::pdf`'s signature. The laid-out document type is only reachable through it, so
/// it is pinned from there rather than named.
type PdfFn<T> = fn(&T, &PdfOptions) -> SourceResult<Vec<u8>>;

/// Compiles `template` for `doc` and hands the laid-out document to `then`.
fn with_layout<T: Output, R>(
    template: &str,
    doc: &Document,
    _pdf: PdfFn<T>,
    then: impl FnOnce(&T) -> SourceResult<R>,
) -> Result<R, PdfError> {
    let world = ReportWorld::new(template, doc)?;
    let compiled = typst::compile::<T>(&world);
    // The laid-out pages hold what they need. A long document's memoisation caches are large
    // beside them (80 MiB at 200 × 500) and it is laid out once: they are emptied before its
    // export. A short one's are kept a while for the next render, as the screen issues again.
    typst::comemo::evict(if table_cells(doc) > LONG_DOCUMENT_CELLS {
        0
    } else {
        10
    });
    compiled
        .output
        .and_then(|paged| then(&paged))
        .map_err(|errors| PdfError(describe(&world, &errors)))
}

/// Table cells from which a document's layout is not kept for the next render.
const LONG_DOCUMENT_CELLS: usize = 5_000;

fn table_cells(doc: &Document) -> usize {
    (doc.body.iter().chain(&doc.annex.body))
        .map(|block| match block {
            Block::Table(t) | Block::SignSheet(t) => t.rows.len() * t.columns.len(),
            _ => 0,
        })
        .sum()
}

/// Renders the document to PDF bytes. The same document always gives the same bytes.
pub fn render(doc: &Document) -> Result<Vec<u8>, PdfError> {
    let options = PdfOptions {
        // A fixed identifier and no timestamp: the bytes depend on the document alone.
        ident: Smart::Custom(doc.meta_title.clone()),
        creator: Smart::Custom(Some("thidua".to_string())),
        timestamp: None,
        ..PdfOptions::default()
    };
    with_layout(TEMPLATE, doc, typst_pdf::pdf, |paged| {
        typst_pdf::pdf(paged, &options)
    })
}

/// The text of each laid-out page, top to bottom, one line of the page per line, for checking
/// the layout without a PDF reader. Runs on one baseline are joined (with a space where there
/// is a gap between them).
pub fn layout_text(doc: &Document) -> Result<Vec<String>, PdfError> {
    with_layout(TEMPLATE, doc, typst_pdf::pdf, |paged| {
        Ok(paged
            .pages()
            .iter()
            .map(|page| page_text(&page.frame))
            .collect())
    })
}

/// A run of text at its place on the page.
struct Run {
    x: Abs,
    y: Abs,
    width: Abs,
    size: Abs,
    text: String,
}

fn collect_runs(frame: &Frame, origin: Point, runs: &mut Vec<Run>) {
    for (pos, item) in frame.items() {
        let at = origin + *pos;
        match item {
            FrameItem::Group(group) => {
                let shift = Point::new(group.transform.tx, group.transform.ty);
                collect_runs(&group.frame, at + shift, runs);
            }
            FrameItem::Text(text) => runs.push(Run {
                x: at.x,
                y: at.y,
                width: text.width(),
                size: text.size,
                text: text.text.as_str().replace('\u{200B}', ""),
            }),
            _ => {}
        }
    }
}

fn page_text(frame: &Frame) -> String {
    let mut runs = Vec::new();
    collect_runs(frame, Point::zero(), &mut runs);
    runs.sort_by(|a, b| a.y.to_raw().total_cmp(&b.y.to_raw()));
    // Runs whose baselines are within a point of each other share a line.
    let mut lines: Vec<Vec<Run>> = Vec::new();
    for run in runs {
        match lines.last_mut() {
            Some(line) if (run.y - line[0].y).abs() < Abs::pt(1.0) => line.push(run),
            _ => lines.push(vec![run]),
        }
    }
    lines
        .into_iter()
        .map(|mut line| {
            line.sort_by(|a, b| a.x.to_raw().total_cmp(&b.x.to_raw()));
            let mut out = String::new();
            let mut end: Option<Abs> = None;
            for run in line {
                if let Some(end) = end
                    && run.x - end > run.size * 0.1
                    && !out.ends_with(' ')
                    && !run.text.starts_with(' ')
                {
                    out.push(' ');
                }
                out.push_str(&run.text);
                end = Some(run.x + run.width);
            }
            out.trim().to_string()
        })
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Errors as "report.typ:12:5: message" with their hints, one per line.
fn describe(world: &ReportWorld, diagnostics: &[SourceDiagnostic]) -> String {
    let lines: Vec<String> = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| {
            let mut line = String::new();
            if let Some(at) = location(world, d) {
                line.push_str(&at);
                line.push_str(": ");
            }
            line.push_str(&d.message);
            for hint in &d.hints {
                line.push_str("\n  hint: ");
                line.push_str(&hint.v);
            }
            line
        })
        .collect();
    if lines.is_empty() {
        "the report could not be laid out".to_string()
    } else {
        lines.join("\n")
    }
}

fn location(world: &ReportWorld, d: &SourceDiagnostic) -> Option<String> {
    let id = d.span.id()?;
    let name = id.vpath().get_without_slash().to_string();
    if id != world.main.id() {
        return Some(name);
    }
    let range = world.range(d.span)?;
    let (line, column) = world.main.lines().byte_to_line_column(range.start)?;
    Some(format!("{name}:{}:{}", line + 1, column + 1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::document::{Annex, Signature};

    fn empty() -> Document {
        let signature = Signature {
            on_behalf: String::new(),
            role: String::new(),
            post: String::new(),
            signed_note: String::new(),
            name: String::new(),
        };
        Document {
            draft: String::new(),
            parent_body: String::new(),
            issuer: String::new(),
            number: String::new(),
            nation: String::new(),
            motto: String::new(),
            date_line: String::new(),
            title: String::new(),
            subject: String::new(),
            to_label: String::new(),
            to: Vec::new(),
            body: Vec::new(),
            signature,
            co_signature: None,
            distribution_label: String::new(),
            distribution: Vec::new(),
            annex: Annex {
                title: String::new(),
                subtitle: String::new(),
                body: Vec::new(),
            },
            verification: Vec::new(),
            meta_title: String::new(),
        }
    }

    fn error(template: &str) -> String {
        match with_layout(template, &empty(), typst_pdf::pdf, |_| Ok(())) {
            Ok(()) => panic!("{template} compiled"),
            Err(PdfError(message)) => message,
        }
    }

    #[test]
    fn errors_name_their_place_in_the_template() {
        assert_eq!(
            error("Text\n#panic(\"stop\")"),
            "report.typ:2:2: panicked with: stop"
        );
        let unknown = error("#set text(fnt: 1)");
        assert!(
            unknown.starts_with("report.typ:1:11: unexpected argument: fnt"),
            "{unknown}"
        );
    }

    #[test]
    fn hints_follow_their_error() {
        let message = error("#json(\"https://example.com/x.json\")");
        assert!(message.starts_with("report.typ:1:7: "), "{message}");
        assert!(
            message.ends_with("\n  hint: network access is not supported"),
            "{message}"
        );
    }

    #[test]
    fn no_file_but_the_data_can_be_read() {
        let message = error("#read(\"/etc/passwd\")");
        assert!(message.contains("not found"), "{message}");
        let message = error("#image(\"../x.png\")");
        assert!(message.starts_with("report.typ:1:"), "{message}");
        assert!(
            with_layout(
                "#json(\"/data.json\").title",
                &empty(),
                typst_pdf::pdf,
                |_| Ok(())
            )
            .is_ok()
        );
    }

    #[test]
    fn the_clock_is_not_read() {
        assert!(error("#datetime.today()").starts_with("report.typ:1:2:"));
    }
}
