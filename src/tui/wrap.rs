//! Long text wrapped to a width, with the cursor found on the wrapped rows and moved up and
//! down them: what a multi-line editor needs to show paragraphs longer than its window.
//!
//! Rows break after a space where one fits, else inside the word; widths are terminal cells
//! (a Vietnamese letter with its marks is one, a CJK character two), and a grapheme is never
//! split.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// One row on screen: a byte range of the text, without the line break.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Row {
    pub start: usize,
    pub end: usize,
}

/// The rows of `text` at `width` cells (at least 1).
pub fn rows(text: &str, width: usize) -> Vec<Row> {
    let width = width.max(1);
    let mut out = Vec::new();
    let mut line_start = 0;
    for line in text.split('\n') {
        wrap_line(line, line_start, width, &mut out);
        line_start += line.len() + 1;
    }
    out
}

fn wrap_line(line: &str, offset: usize, width: usize, out: &mut Vec<Row>) {
    let mut start = 0;
    let mut used = 0;
    // After the last space of the current row: where it can break.
    let mut after_space: Option<(usize, usize)> = None;
    for (at, g) in line.grapheme_indices(true) {
        let w = g.width();
        if used + w > width && at > start {
            let (end, carried) = match after_space {
                Some((end, used_then)) if end > start => (end, used - used_then),
                _ => (at, 0),
            };
            out.push(Row {
                start: offset + start,
                end: offset + end,
            });
            start = end;
            used = carried;
            after_space = None;
        }
        used += w;
        if g == " " {
            after_space = Some((at + g.len(), used));
        }
    }
    out.push(Row {
        start: offset + start,
        end: offset + line.len(),
    });
}

/// The row and column (cells) of the byte offset `cursor`. At a soft break the cursor is at the
/// start of the next row.
pub fn locate(text: &str, rows: &[Row], cursor: usize) -> (usize, usize) {
    let row = rows
        .iter()
        .rposition(|r| r.start <= cursor)
        .unwrap_or_default();
    let r = rows[row];
    let end = cursor.min(r.end).max(r.start);
    (row, text[r.start..end].width())
}

/// The byte offset on row `row` nearest the column `column`, never inside a grapheme.
pub fn offset_at(text: &str, rows: &[Row], row: usize, column: usize) -> usize {
    let Some(r) = rows.get(row) else {
        return text.len();
    };
    let mut used = 0;
    for (at, g) in text[r.start..r.end].grapheme_indices(true) {
        let w = g.width();
        if used + w > column {
            return r.start + at;
        }
        used += w;
    }
    // The end of a row that wrapped is the start of the next: stay before its last grapheme
    // so the cursor remains on this row.
    let wrapped = rows.get(row + 1).is_some_and(|next| next.start == r.end);
    if wrapped {
        text[r.start..r.end]
            .grapheme_indices(true)
            .next_back()
            .map_or(r.start, |(at, _)| r.start + at)
    } else {
        r.end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(text: &str, width: usize) -> Vec<&str> {
        rows(text, width)
            .iter()
            .map(|r| &text[r.start..r.end])
            .collect()
    }

    #[test]
    fn rows_break_after_spaces_and_inside_words_too_long() {
        assert_eq!(
            shown("Các đơn vị đã hoàn thành", 10),
            ["Các đơn ", "vị đã ", "hoàn thành"]
        );
        assert_eq!(shown("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(shown("a\n\nb", 5), ["a", "", "b"]);
        assert_eq!(shown("", 5), [""]);
        // A wide character is never cut in half.
        assert_eq!(shown("中文字", 5), ["中文", "字"]);
    }

    #[test]
    fn the_cursor_moves_between_rows_by_column() {
        let text = "Các đơn vị đã hoàn thành";
        let r = rows(text, 10);
        // At the soft break after "Các đơn ", the cursor is at the start of the next row.
        let at = "Các đơn ".len();
        assert_eq!(locate(text, &r, at), (1, 0));
        assert_eq!(locate(text, &r, text.len()), (2, 10));
        // Down from column 3 of row 0 lands on column 3 of row 1, between "vị " and "đã".
        let down = offset_at(text, &r, 1, 3);
        assert_eq!(&text[down..], "đã hoàn thành");
        // A column past a wrapped row's end stays on that row.
        let end = offset_at(text, &r, 1, 40);
        assert_eq!(locate(text, &r, end).0, 1);
        assert_eq!(offset_at(text, &r, 2, 40), text.len());
    }
}
