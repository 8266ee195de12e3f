//! The bordered tables of the Word copy (results, annex, signing sheets), written as
//! WordprocessingML text. The writer's tree costs a few kilobytes a cell: 550 MiB and a second
//! for the annex of 200 units × 500 criteria, where the text is the file's own size.

use std::fmt::Write;

use super::{SMALL, TABLE};
use crate::report::document::Table;

/// The table's XML: bordered, its header row repeated on every page (`w:tblHeader`), a wide
/// column taking what the narrow ones leave. `rows_at_least`: the height in twips every body
/// row has at least. The table spans `text_width` twips.
pub(super) fn xml(t: &Table, rows_at_least: Option<u32>, text_width: usize) -> String {
    let widths = column_widths(t, text_width);
    // Many columns: a size smaller, as the PDF sets them.
    let size = if t.columns.len() > 8 { SMALL } else { TABLE };
    let cells: usize = t.rows.iter().map(|r| r.cells.len()).sum();
    let mut out = String::with_capacity(1024 + 300 * (cells + t.columns.len()));
    let border = r#"w:val="single" w:sz="2" w:space="0" w:color="000000""#;
    let _ = write!(
        out,
        r#"<w:tbl><w:tblPr><w:tblW w:w="{}" w:type="dxa" /><w:jc w:val="center" /><w:tblBorders><w:top {border} /><w:left {border} /><w:bottom {border} /><w:right {border} /><w:insideH {border} /><w:insideV {border} /></w:tblBorders><w:tblLayout w:type="fixed" /><w:tblCellMar><w:top w:w="0" w:type="dxa" /><w:left w:w="57" w:type="dxa" /><w:bottom w:w="0" w:type="dxa" /><w:right w:w="57" w:type="dxa" /></w:tblCellMar></w:tblPr><w:tblGrid>"#,
        text_width
    );
    for w in &widths {
        let _ = write!(out, r#"<w:gridCol w:w="{w}" />"#);
    }
    out.push_str("</w:tblGrid>");
    out.push_str("<w:tr><w:trPr><w:cantSplit /><w:tblHeader /></w:trPr>");
    for (column, &width) in t.columns.iter().zip(&widths) {
        cell(&mut out, &column.title, width, "center", true, size);
    }
    out.push_str("</w:tr>");
    for row in &t.rows {
        match rows_at_least {
            Some(height) => {
                let _ = write!(
                    out,
                    r#"<w:tr><w:trPr><w:trHeight w:val="{height}" w:hRule="atLeast" /></w:trPr>"#
                );
            }
            None => out.push_str("<w:tr>"),
        }
        for (text, (column, &width)) in row.cells.iter().zip(t.columns.iter().zip(&widths)) {
            cell(&mut out, text, width, column.align, row.strong, size);
        }
        out.push_str("</w:tr>");
    }
    out.push_str("</w:tbl>");
    out
}

fn cell(out: &mut String, text: &str, width: usize, align: &str, bold: bool, size: usize) {
    let justify = match align {
        "right" => "right",
        "center" => "center",
        _ => "left",
    };
    let _ = write!(
        out,
        r#"<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa" /></w:tcPr><w:p><w:pPr><w:spacing w:before="0" w:after="0" /><w:jc w:val="{justify}" /></w:pPr><w:r><w:rPr>{}<w:sz w:val="{size}" /><w:szCs w:val="{size}" /></w:rPr><w:t xml:space="preserve">"#,
        if bold { "<w:b /><w:bCs />" } else { "" }
    );
    escape_into(out, text);
    out.push_str("</w:t></w:r></w:p></w:tc>");
}

/// The text as XML character data: markup characters escaped, and characters XML cannot
/// carry (control characters but the tab) dropped, so that no text can break the file.
fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' => out.push('\t'),
            '\n' | '\r' => out.push(' '),
            c if c < ' ' || matches!(c, '\u{FFFE}' | '\u{FFFF}') => {}
            c => out.push(c),
        }
    }
}

/// Narrow columns sized to their longest text (about 125 twips a character at 11–12 pt, and
/// the cell's margins), the wide ones sharing the rest of the text width.
fn column_widths(t: &Table, total: usize) -> Vec<usize> {
    let width = |i: usize| {
        let cells = t.rows.iter().filter_map(|r| r.cells.get(i));
        let cell = cells.map(|c| c.chars().count() * 125).max().unwrap_or(0);
        // The titles are bold and break between words only.
        let title = t.columns[i]
            .title
            .split_whitespace()
            .map(|w| w.chars().count() * 140)
            .max()
            .unwrap_or(0);
        cell.max(title) + 150
    };
    let mut widths: Vec<usize> = (0..t.columns.len())
        .map(|i| width(i).clamp(600, 2400))
        .collect();
    let wide: Vec<usize> = (0..t.columns.len())
        .filter(|&i| t.columns[i].wide)
        .collect();
    let narrow: usize = (0..t.columns.len())
        .filter(|i| !t.columns[*i].wide)
        .map(|i| widths[i])
        .sum();
    if !wide.is_empty() {
        let share = total.saturating_sub(narrow).max(1200 * wide.len()) / wide.len();
        for i in wide {
            widths[i] = share;
        }
    }
    // Too many narrow columns for the page: all shrink alike.
    let sum: usize = widths.iter().sum();
    if sum > total {
        for w in &mut widths {
            *w = *w * total / sum;
        }
    }
    widths
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::document::{Column, Row};

    fn table(cells: &[&str]) -> Table {
        Table {
            columns: vec![
                Column {
                    title: "Mã".into(),
                    align: "left",
                    wide: false,
                },
                Column {
                    title: "Tiêu chí".into(),
                    align: "right",
                    wide: true,
                },
            ],
            rows: vec![Row {
                cells: cells.iter().map(|c| c.to_string()).collect(),
                strong: true,
            }],
        }
    }

    #[test]
    fn text_cannot_become_markup_nor_break_the_file() {
        let xml = xml(&table(&["a<b>&\"c\"", "x\u{1}y\u{FFFF}\nz"]), None, 9071);
        assert!(xml.contains(">a&lt;b&gt;&amp;&quot;c&quot;</w:t>"), "{xml}");
        assert!(xml.contains(">xy z</w:t>"), "{xml}");
        assert_eq!(xml.matches("<w:tc>").count(), 4);
    }

    #[test]
    fn the_header_repeats_and_a_signing_row_is_tall() {
        let xml = xml(&table(&["1", "2"]), Some(624), 9071);
        assert_eq!(xml.matches("<w:tblHeader />").count(), 1);
        assert!(xml.contains(r#"<w:trHeight w:val="624" w:hRule="atLeast" />"#));
        assert!(xml.contains(r#"<w:jc w:val="right" /></w:pPr><w:r><w:rPr><w:b />"#));
        let grid: Vec<&str> = xml.matches("<w:gridCol ").collect();
        assert_eq!(grid.len(), 2);
    }
}
