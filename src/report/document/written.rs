//! The report's written sections as printed: each under its numbered heading, its paragraphs and
//! bullets as the head wrote them (`model::sections::pieces`), nothing interpreted.

use crate::model::sections::{Piece, pieces};
use crate::report::record::WrittenSection;

use super::{Block, heading, paragraph};

/// The blocks of the written `sections` of a report, numbered from `first` (a Roman numeral's
/// value). A section left empty is printed only in a draft and only when `required` says so,
/// with a line saying it is not written yet. Returns the blocks and the next number.
pub fn blocks(
    sections: &[WrittenSection],
    required: impl Fn(&str) -> bool,
    first: usize,
) -> (Vec<Block>, usize) {
    let mut out = Vec::new();
    let mut number = first;
    for section in sections {
        let parts = pieces(&section.text);
        if parts.is_empty() && !required(&section.id) {
            continue;
        }
        out.push(heading(format!(
            "{}. {}",
            roman(number),
            section.title.to_uppercase()
        )));
        number += 1;
        if parts.is_empty() {
            out.push(paragraph("(Chưa viết.)".to_string()));
        }
        out.extend(parts.into_iter().map(|p| match p {
            Piece::Paragraph(text) => paragraph(text),
            Piece::Bullet(text) => Block::Item { text },
        }));
    }
    (out, number)
}

/// The Roman numeral of `n` (1 to 39, more than a report has parts).
pub fn roman(n: usize) -> String {
    const TENS: [&str; 4] = ["", "X", "XX", "XXX"];
    const ONES: [&str; 10] = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"];
    if n == 0 || n >= 40 {
        return n.to_string();
    }
    format!("{}{}", TENS[n / 10], ONES[n % 10])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numerals() {
        let got: Vec<String> = [1, 4, 6, 9, 14, 39, 40].map(roman).to_vec();
        assert_eq!(got, ["I", "IV", "VI", "IX", "XIV", "XXXIX", "40"]);
    }

    #[test]
    fn an_empty_section_is_printed_only_when_required() {
        let section = |id: &str, text: &str| WrittenSection {
            id: id.into(),
            title: format!("Mục {id}"),
            text: text.into(),
        };
        let sections = [
            section("a", "Đoạn một.\n- ý một"),
            section("b", ""),
            section("c", ""),
        ];
        let (blocks, next) = blocks(&sections, |id| id == "c", 3);
        assert_eq!(
            blocks,
            vec![
                heading("III. MỤC A".into()),
                paragraph("Đoạn một.".into()),
                Block::Item {
                    text: "ý một".into()
                },
                heading("IV. MỤC C".into()),
                paragraph("(Chưa viết.)".into()),
            ]
        );
        assert_eq!(next, 5);
    }
}
