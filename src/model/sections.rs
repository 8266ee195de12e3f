//! The report's written sections: the paragraphs the head writes for the meeting (the
//! highlights, the shortcomings, the direction for the next half or year), as opposed to the
//! results the engine computes. Which sections a period's report has is data: the program's
//! default sets, or the scheme's own (`sections` in `scoring/<id>.ron`).

use serde::{Deserialize, Serialize};

use super::limits::MAX_SECTION_CHARS;
use super::period::Period;

/// One written section of a period's report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionSpec {
    /// The key the journal, the record and `thidua text --section` use: a safe id.
    pub id: String,
    /// The heading as printed; `{year}` and `{next_year}` are replaced by the report's year and
    /// the one after.
    pub title: String,
    /// A line that tells the head what to write.
    #[serde(default)]
    pub guidance: String,
    /// A final report needs the section written; without it the report is a draft.
    #[serde(default)]
    pub required: bool,
}

impl SectionSpec {
    /// The heading of the section in the report of `year`.
    pub fn title_in(&self, year: i32) -> String {
        self.title
            .replace("{next_year}", &(year + 1).to_string())
            .replace("{year}", &year.to_string())
    }
}

/// The sections of each period's report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sections {
    #[serde(default = "mid_year_sections")]
    pub mid_year: Vec<SectionSpec>,
    #[serde(default = "year_end_sections")]
    pub year_end: Vec<SectionSpec>,
}

impl Default for Sections {
    fn default() -> Self {
        Sections {
            mid_year: mid_year_sections(),
            year_end: year_end_sections(),
        }
    }
}

impl Sections {
    pub fn of(&self, period: Period) -> &[SectionSpec] {
        match period {
            Period::MidYear => &self.mid_year,
            Period::YearEnd => &self.year_end,
        }
    }

    /// The section `id` of `period`'s report, with its place in the list.
    pub fn find(&self, period: Period, id: &str) -> Option<(usize, &SectionSpec)> {
        self.of(period).iter().enumerate().find(|(_, s)| s.id == id)
    }
}

fn spec(id: &str, title: &str, guidance: &str) -> SectionSpec {
    SectionSpec {
        id: id.to_string(),
        title: title.to_string(),
        guidance: guidance.to_string(),
        required: true,
    }
}

/// What the plans order of a mid-year report ("sơ kết … và phương hướng nhiệm vụ 6 tháng cuối
/// năm").
pub fn mid_year_sections() -> Vec<SectionSpec> {
    vec![
        spec(
            "ket-qua-noi-bat",
            "Kết quả nổi bật",
            "Những kết quả nổi bật của các đơn vị trong 6 tháng đầu năm, các cách làm hay.",
        ),
        spec(
            "ton-tai-han-che",
            "Tồn tại, hạn chế và nguyên nhân",
            "Những mặt còn tồn tại, hạn chế trong thực hiện giao ước thi đua và nguyên nhân.",
        ),
        spec(
            "phuong-huong",
            "Phương hướng, nhiệm vụ 6 tháng cuối năm",
            "Nhiệm vụ trọng tâm và giải pháp của Khối trong 6 tháng cuối năm.",
        ),
    ]
}

/// What the plans order of a year-end report ("tổng kết … và phương hướng nhiệm vụ năm sau").
pub fn year_end_sections() -> Vec<SectionSpec> {
    vec![
        spec(
            "ket-qua",
            "Kết quả thực hiện nhiệm vụ",
            "Những kết quả chính của các đơn vị trong năm, các mô hình, cách làm hay.",
        ),
        spec(
            "ton-tai-han-che",
            "Tồn tại, hạn chế và nguyên nhân",
            "Những mặt còn tồn tại, hạn chế trong năm và nguyên nhân.",
        ),
        spec(
            "phuong-huong",
            "Phương hướng, nhiệm vụ năm {next_year}",
            "Nhiệm vụ trọng tâm và giải pháp của Khối trong năm tới.",
        ),
    ]
}

/// Why a section's text is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TextError {
    /// Longer than `limits::MAX_SECTION_CHARS`.
    TooLong { chars: usize, limit: usize },
    /// A control character (other than a line break or a tab) on line `line` (from 1).
    Control { line: usize },
}

/// A section's text as it is kept: NFC, lines ending in `\n` without trailing spaces, tabs as
/// spaces, no blank lines at either end. Refused when too long or holding a control character.
pub fn clean(text: &str) -> Result<String, TextError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut lines = Vec::new();
    for (n, line) in text.split('\n').enumerate() {
        if line.chars().any(|c| c.is_control() && c != '\t') {
            return Err(TextError::Control { line: n + 1 });
        }
        lines.push(line.replace('\t', " ").trim_end().to_string());
    }
    let joined = lines.join("\n");
    let cleaned = super::text::nfc(joined.trim_matches('\n')).into_owned();
    let chars = cleaned.chars().count();
    if chars > MAX_SECTION_CHARS {
        return Err(TextError::TooLong {
            chars,
            limit: MAX_SECTION_CHARS,
        });
    }
    Ok(cleaned)
}

/// A piece of a section as printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    Paragraph(String),
    /// A line written `- …`.
    Bullet(String),
}

/// The paragraphs and bullets of a section's text. A blank line ends a paragraph, and lines
/// that follow one another join into one; a line beginning `- ` is a bullet of its own.
/// Nothing else is interpreted.
pub fn pieces(text: &str) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut open: Vec<&str> = Vec::new();
    let close = |open: &mut Vec<&str>, out: &mut Vec<Piece>| {
        if !open.is_empty() {
            out.push(Piece::Paragraph(open.join(" ")));
            open.clear();
        }
    };
    for line in text.lines().map(str::trim) {
        if line.is_empty() {
            close(&mut open, &mut out);
        } else if let Some(bullet) = line.strip_prefix("- ") {
            close(&mut open, &mut out);
            out.push(Piece::Bullet(bullet.trim().to_string()));
        } else {
            open.push(line);
        }
    }
    close(&mut open, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_join_their_lines_and_bullets_stand_alone() {
        let text =
            "Các đơn vị đã\nhoàn thành tốt.\n\n- Phường A: mô hình hay;\n- Phường B.\nKết luận.";
        assert_eq!(
            pieces(text),
            vec![
                Piece::Paragraph("Các đơn vị đã hoàn thành tốt.".into()),
                Piece::Bullet("Phường A: mô hình hay;".into()),
                Piece::Bullet("Phường B.".into()),
                Piece::Paragraph("Kết luận.".into()),
            ]
        );
        // Markup of any kind is text.
        assert_eq!(
            pieces("#set page(width: 1pt) *đậm* $x$"),
            vec![Piece::Paragraph("#set page(width: 1pt) *đậm* $x$".into())]
        );
    }

    #[test]
    fn text_is_kept_in_one_form() {
        assert_eq!(
            clean("\u{feff}\r\nDo\u{0323}c  \r\n\tý\r\n\n").unwrap(),
            "Dọc\n ý"
        );
        assert_eq!(clean("a\nb\u{7}"), Err(TextError::Control { line: 2 }));
        let long = "x".repeat(MAX_SECTION_CHARS + 1);
        assert!(matches!(clean(&long), Err(TextError::TooLong { .. })));
    }

    #[test]
    fn the_year_end_direction_names_the_next_year() {
        let sections = Sections::default();
        let (_, direction) = sections.find(Period::YearEnd, "phuong-huong").unwrap();
        assert_eq!(direction.title_in(2026), "Phương hướng, nhiệm vụ năm 2027");
        assert!(sections.find(Period::MidYear, "ket-qua").is_none());
    }
}
