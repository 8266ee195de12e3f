//! Widths of the report's table texts, shaped with the report's fonts as typst shapes them
//! (rustybuzz, Vietnamese, left to right). The template sizes its table columns from these,
//! and gives the rows whose texts fit on one line that line's height, instead of measuring
//! every cell itself: together that was more than half the time a long annex took to lay out.

use std::collections::HashMap;
use std::sync::LazyLock;

use rustybuzz::{BufferFlags, Direction, Face, Language, UnicodeBuffer};
use serde::Serialize;

use super::document::Table;
use super::fonts;

/// Widths in em of the cell's font size: the title and the cells of one column, each as a
/// whole and as its widest word (the narrowest the text can be set, broken between words).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ColumnWidths {
    pub head_whole: f64,
    pub head_word: f64,
    pub whole: f64,
    pub word: f64,
}

struct Faces {
    regular: Face<'static>,
    bold: Face<'static>,
    vietnamese: Language,
}

static FACES: LazyLock<Faces> = LazyLock::new(|| Faces {
    regular: Face::from_slice(fonts::REGULAR, 0).expect("the vendored regular font parses"),
    bold: Face::from_slice(fonts::BOLD, 0).expect("the vendored bold font parses"),
    vietnamese: "vi".parse().expect("a language tag"),
});

/// The width of `text` in em, set in one line.
fn em_width(text: &str, bold: bool) -> f64 {
    let faces = &*FACES;
    let face = if bold { &faces.bold } else { &faces.regular };
    let mut buffer = UnicodeBuffer::new();
    buffer.push_str(text);
    buffer.set_language(faces.vietnamese.clone());
    buffer.set_direction(Direction::LeftToRight);
    buffer.guess_segment_properties();
    buffer.set_flags(BufferFlags::REMOVE_DEFAULT_IGNORABLES);
    let glyphs = rustybuzz::shape(face, &[], buffer);
    let units: i64 = glyphs
        .glyph_positions()
        .iter()
        .map(|p| i64::from(p.x_advance))
        .sum();
    units as f64 / f64::from(face.units_per_em())
}

/// Widths of texts, each distinct text shaped once: a column of points repeats a few values.
#[derive(Default)]
struct Widths<'a>(HashMap<(&'a str, bool), f64>);

impl<'a> Widths<'a> {
    fn of(&mut self, text: &'a str, bold: bool) -> f64 {
        *self
            .0
            .entry((text, bold))
            .or_insert_with(|| em_width(text, bold))
    }

    /// The whole text's width and its widest word's.
    fn whole_and_word(&mut self, text: &'a str, bold: bool) -> (f64, f64) {
        let whole = self.of(text, bold);
        let word = if text.contains(' ') {
            text.split(' ')
                .map(|w| self.of(w, bold))
                .fold(0.0, f64::max)
        } else {
            whole
        };
        (whole, word)
    }
}

/// The widths of every column of `table`: titles are bold, the cells of strong rows too.
pub fn table_widths(table: &Table) -> Vec<ColumnWidths> {
    let mut widths = Widths::default();
    table
        .columns
        .iter()
        .enumerate()
        .map(|(i, column)| {
            let (head_whole, head_word) = widths.whole_and_word(&column.title, true);
            let (mut whole, mut word) = (0.0_f64, 0.0_f64);
            for row in &table.rows {
                let text = row.cells.get(i).map_or("", String::as_str);
                let (w, wd) = widths.whole_and_word(text, row.strong);
                whole = whole.max(w);
                word = word.max(wd);
            }
            ColumnWidths {
                head_whole,
                head_word,
                whole,
                word,
            }
        })
        .collect()
}

/// Characters after which a line must break (Unicode line breaking classes BK, CR, LF, NL).
const MANDATORY_BREAKS: [char; 7] = [
    '\n', '\r', '\u{0B}', '\u{0C}', '\u{85}', '\u{2028}', '\u{2029}',
];

/// For each row of `table`, the widths of its texts, in column order, if the row is one line
/// high wherever its `wide` columns' texts fit on one line: `None` for a row that must find its
/// own height (a text with a line break in it, or no text at all). The template sets such a
/// row as a line, each text at its place.
pub fn one_line_rows(table: &Table) -> Vec<Option<Vec<f64>>> {
    let mut widths = Widths::default();
    table
        .rows
        .iter()
        .map(|row| {
            if row.cells.iter().all(String::is_empty)
                || row.cells.iter().any(|c| c.contains(MANDATORY_BREAKS))
            {
                return None;
            }
            Some(
                (0..table.columns.len())
                    .map(|i| {
                        let text = row.cells.get(i).map_or("", String::as_str);
                        widths.of(text, row.strong)
                    })
                    .collect(),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::document::{Column, Row};

    #[test]
    fn wider_text_is_wider_and_bold_is_wider_than_regular() {
        assert_eq!(em_width("", false), 0.0);
        let one = em_width("8", false);
        // Liberation Serif's figures are half an em wide.
        assert!((one - 0.5).abs() < 1e-9, "{one}");
        assert!(em_width("84,11", false) > em_width("84,1", false));
        assert!(em_width("Phường Bến Thành", true) > em_width("Phường Bến Thành", false));
    }

    #[test]
    fn a_column_takes_its_widest_cell_and_its_widest_word() {
        let table = Table {
            columns: vec![
                Column {
                    title: "Đơn vị".into(),
                    align: "left",
                    wide: true,
                },
                Column {
                    title: "Tổng điểm".into(),
                    align: "right",
                    wide: false,
                },
            ],
            rows: vec![
                Row {
                    cells: vec!["Phường Bến Thành".into(), "84,11".into()],
                    strong: false,
                },
                Row {
                    cells: vec!["Cộng".into(), "1.000,5".into()],
                    strong: true,
                },
                // A short row: the missing cell counts as empty.
                Row {
                    cells: vec!["Xã".into()],
                    strong: false,
                },
            ],
        };
        let w = table_widths(&table);
        assert_eq!(w[0].head_whole, em_width("Đơn vị", true));
        assert_eq!(
            w[0].head_word,
            em_width("Đơn", true).max(em_width("vị", true))
        );
        assert_eq!(w[0].whole, em_width("Phường Bến Thành", false));
        let words = ["Phường", "Bến", "Thành"].map(|w| em_width(w, false));
        assert_eq!(w[0].word, words.into_iter().fold(0.0, f64::max));
        assert_eq!(
            w[1].head_word,
            em_width("Tổng", true).max(em_width("điểm", true))
        );
        assert_eq!(w[1].whole, em_width("1.000,5", true));
        assert_eq!(w[1].word, w[1].whole);
    }

    #[test]
    fn rows_with_a_line_break_or_no_text_find_their_own_height() {
        let column = |title: &str, wide| Column {
            title: title.into(),
            align: "left",
            wide,
        };
        let row = |cells: &[&str], strong| Row {
            cells: cells.iter().map(|c| c.to_string()).collect(),
            strong,
        };
        let table = Table {
            columns: vec![
                column("TT", false),
                column("Tiêu chí", true),
                column("u1", false),
            ],
            rows: vec![
                row(&["1", "Công tác cải cách hành chính", "10"], false),
                row(&["", "Cộng", "90"], true),
                row(&["2", "Hai dòng\nmột ô", "5"], false),
                row(&["", "", ""], false),
                row(&["3", "Kết thúc\u{2028}dòng", "4"], false),
            ],
        };
        let rows = one_line_rows(&table);
        assert_eq!(
            rows,
            vec![
                Some(vec![
                    em_width("1", false),
                    em_width("Công tác cải cách hành chính", false),
                    em_width("10", false)
                ]),
                Some(vec![0.0, em_width("Cộng", true), em_width("90", true)]),
                None,
                None,
                None,
            ]
        );
    }
}
